//! `ostack` against `openstack` with osc-placement 4.9.1 on the devcloud: the placement commands'
//! output (JSON and tables), their microversion checks and their error lines. Providers made here
//! are named uniquely and deleted; the devcloud's compute node provider is only read.

mod common;
use common::compare::*;

/// The compute node provider of the devcloud (read only).
fn compute_node() -> Option<String> {
    let (ostack, _) = setup()?;
    let list = json_of(&ostack, &["resource", "provider", "list", "--name", "devcloud"]);
    list.as_array()?.first()?["uuid"].as_str().map(str::to_string)
}

#[test]
fn provider_reads_match() {
    let _serial = serial();
    let Some(node) = compute_node() else { return };
    same_json(&["resource", "provider", "list"], &[]);
    same_text(&["resource", "provider", "list", "--os-placement-api-version", "1.0"]);
    same_json(&["resource", "provider", "show", &node, "--allocations"], &[]);
    same_text(&["resource", "provider", "inventory", "list", &node]);
    same_json(&["resource", "provider", "inventory", "show", &node, "VCPU"], &[]);
    same_text(&["resource", "provider", "usage", "show", &node]);
    same_json(&["resource", "provider", "trait", "list", &node], &[]);
    same_json(&["resource", "provider", "aggregate", "list", &node], &[]);
    same_json(&["resource", "provider", "list", "--resource", "VCPU=1", "--required", "COMPUTE_NODE"], &[]);
    same_text(&["allocation", "candidate", "list", "--resource", "VCPU=1", "--limit", "1"]);
    same_json(&["resource", "class", "list"], &[]);
    same_json(&["resource", "class", "show", "VCPU"], &[]);
    same_json(&["trait", "list", "--name", "startswith:HW_CPU_X86_AVX"], &[]);
    same_json(&["trait", "show", "HW_CPU_X86_AVX2"], &[]);
}

#[test]
fn failures_match() {
    let _serial = serial();
    if setup().is_none() {
        return;
    }
    same_failure(&["resource", "provider", "show", "no-such-provider"]);
    same_failure(&["trait", "list", "--os-placement-api-version", "1.0"]);
    same_failure(&["resource", "class", "list", "--os-placement-api-version", "1.1"]);
    same_failure(&["trait", "show", "CUSTOM_OSTACK_NO_SUCH_TRAIT"]);
    same_failure(&["allocation", "candidate", "list", "--resource", "VCPU=1", "--os-placement-api-version", "1.9"]);
}

#[test]
fn provider_lifecycle_matches() {
    let _serial = serial();
    if setup().is_none() {
        return;
    }
    let (ours_name, theirs_name) = (unique("rp-a"), unique("rp-b"));
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs) =
        create_both(&["resource", "provider", "create", &ours_name], &["resource", "provider", "create", &theirs_name]);
    let (ours_id, theirs_id) =
        (ours["uuid"].as_str().unwrap().to_string(), theirs["uuid"].as_str().unwrap().to_string());
    cleanup.add(&["resource", "provider", "delete", &ours_id]);
    cleanup.add(&["resource", "provider", "delete", &theirs_id]);
    assert_eq!(ours["generation"], theirs["generation"]);
    assert_eq!(ours["parent_provider_uuid"], theirs["parent_provider_uuid"]);
    let both = |args: &[&str]| -> (Ran, Ran) {
        let mine: Vec<&str> = args.iter().map(|a| if *a == "ID" { ours_id.as_str() } else { a }).collect();
        let yours: Vec<&str> = args.iter().map(|a| if *a == "ID" { theirs_id.as_str() } else { a }).collect();
        run_both(&mine, &yours)
    };
    let same = |args: &[&str]| {
        let (a, b) = both(args);
        assert_eq!((a.0, &a.1, &a.2), (b.0, &b.1, &b.2), "{args:?}");
    };
    same(&[
        "resource",
        "provider",
        "inventory",
        "set",
        "ID",
        "--resource",
        "VCPU=8",
        "--resource",
        "MEMORY_MB:max_unit=64",
        "--resource",
        "MEMORY_MB=512",
        "-f",
        "json",
    ]);
    same(&["resource", "provider", "inventory", "set", "ID", "--amend", "--resource", "DISK_GB=10", "-f", "json"]);
    same(&[
        "resource",
        "provider",
        "inventory",
        "class",
        "set",
        "ID",
        "VCPU",
        "--total",
        "16",
        "--max_unit",
        "4",
        "-f",
        "json",
    ]);
    same(&["resource", "provider", "inventory", "list", "ID"]);
    same(&["resource", "provider", "inventory", "delete", "ID", "--resource-class", "DISK_GB"]);
    same(&[
        "resource",
        "provider",
        "trait",
        "set",
        "ID",
        "--trait",
        "HW_CPU_X86_AVX2",
        "--trait",
        "COMPUTE_NODE",
        "-f",
        "json",
    ]);
    same(&["resource", "provider", "trait", "delete", "ID"]);
    same(&["resource", "provider", "aggregate", "set", "ID", "--aggregate", "0a0a0a0a-0000-4000-8000-00000000000a"]);
    same(&["resource", "provider", "inventory", "delete", "ID"]);
    same(&["resource", "provider", "delete", "ID"]);
    let (a, b) = both(&["resource", "provider", "show", "ID"]);
    assert_eq!((a.0, a.2.replace(&ours_id, "ID")), (b.0, b.2.replace(&theirs_id, "ID")), "show after delete");
}
