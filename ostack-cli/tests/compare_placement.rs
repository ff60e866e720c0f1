//! `ostack` against `openstack` with osc-placement 4.9.1 on the devcloud: the placement commands'
//! output (JSON and tables), their microversion checks and their error lines. Providers made here
//! are named uniquely and deleted; the devcloud's compute node provider is only read.

mod common;
use common::compare::*;
use common::twins::Twins;

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

/// `resource provider set`, aggregates with and without a generation, a consumer's allocations
/// (set, show, unset, delete) and the usages they make (per provider, per project and user), and
/// custom resource classes and traits (create, show, delete), with the failures after deletion.
#[test]
fn allocations_classes_and_traits_match() {
    let _serial = serial();
    if setup().is_none() {
        return;
    }
    let mut cleanup = Cleanup(Vec::new());
    let suffix = unique("x").replace('-', "_").to_uppercase();
    let (ours_name, theirs_name) = (unique("rp-c"), unique("rp-d"));
    let (ours, theirs) =
        create_both(&["resource", "provider", "create", &ours_name], &["resource", "provider", "create", &theirs_name]);
    let uuid = |v: &serde_json::Value| v["uuid"].as_str().unwrap().to_string();
    cleanup.add(&["resource", "provider", "delete", &uuid(&ours)]);
    cleanup.add(&["resource", "provider", "delete", &uuid(&theirs)]);
    let consumer = |n: u32| format!("0c0c0c0c-{:04x}-4000-8000-{:012x}", n, std::process::id());
    // the project and user of both consumers: this run's alone, so the project's usage is ours
    let project = format!("{:032x}", u128::from(std::process::id()) << 64 | 0x11);
    let user = format!("{:032x}", u128::from(std::process::id()) << 64 | 0x22);
    let twins = Twins::new(
        vec![
            ("RP_NAME", ours_name.clone()),
            ("RP_ID", uuid(&ours)),
            ("CONSUMER", consumer(1)),
            ("CLASS", format!("CUSTOM_{suffix}_A")),
            ("TRAIT", format!("CUSTOM_{suffix}_A")),
        ],
        vec![
            ("RP_NAME", theirs_name.clone()),
            ("RP_ID", uuid(&theirs)),
            ("CONSUMER", consumer(2)),
            ("CLASS", format!("CUSTOM_{suffix}_B")),
            ("TRAIT", format!("CUSTOM_{suffix}_B")),
        ],
    );
    for values in [&twins.ours, &twins.theirs] {
        let class = &values[3].1;
        cleanup.add(&["resource", "provider", "allocation", "delete", &values[2].1]);
        cleanup.add(&["resource", "class", "delete", class]);
        cleanup.add(&["trait", "delete", class]);
    }

    // provider set (a new name) and its parent at 1.14
    let renamed = twins.ok(&["resource", "provider", "set", "RP_ID", "--name", "RP_NAME-renamed", "-f", "json"]);
    assert!(renamed.contains("RP_NAME-renamed"), "{renamed}");
    twins.ok(&["resource", "provider", "set", "RP_ID", "--name", "RP_NAME", "--os-placement-api-version", "1.0"]);
    twins.same(&[
        "resource",
        "provider",
        "set",
        "RP_ID",
        "--name",
        "RP_NAME",
        "--parent-provider",
        "RP_ID",
        "--os-placement-api-version",
        "1.13",
    ]);

    // aggregates: set, list, the generation from 1.19
    let aggregates =
        ["--aggregate", "0b0b0b0b-0000-4000-8000-00000000000b", "--aggregate", "0b0b0b0b-0000-4000-8000-00000000000c"];
    let at_118 = ["--os-placement-api-version", "1.18", "-f", "json"];
    let set =
        twins.ok(&[&["resource", "provider", "aggregate", "set", "RP_ID"], &aggregates[..], &at_118[..]].concat());
    assert!(set.contains("0b0b0b0b-0000-4000-8000-00000000000c"), "{set}");
    twins.ok(&["resource", "provider", "aggregate", "list", "RP_ID"]);
    // without a generation from 1.19 (the default negotiates 1.29)
    twins.same(&[&["resource", "provider", "aggregate", "set", "RP_ID"], &aggregates[..]].concat());
    let at_119 = ["--os-placement-api-version", "1.19"];
    twins.same(&[&["resource", "provider", "aggregate", "set", "RP_ID"], &aggregates[..2], &at_119[..]].concat());
    let generation = twins.ok(&["resource", "provider", "show", "RP_ID", "-f", "value", "-c", "generation"]);
    let generation = generation.trim();
    twins.ok(&[
        &["resource", "provider", "aggregate", "set", "RP_ID", "--generation", generation],
        &aggregates[..2],
        &at_119[..],
    ]
    .concat());
    twins.ok(&[
        "resource",
        "provider",
        "aggregate",
        "list",
        "RP_ID",
        "--os-placement-api-version",
        "1.19",
        "-f",
        "json",
    ]);
    // a stale generation is placement's conflict
    twins.same(
        &[&["resource", "provider", "aggregate", "set", "RP_ID", "--generation", generation], &at_119[..]].concat(),
    );

    // a custom resource class and trait
    twins.ok(&["resource", "class", "create", "CLASS"]);
    twins.ok(&["resource", "class", "show", "CLASS", "-f", "json"]);
    twins.ok(&["trait", "create", "TRAIT"]);
    twins.ok(&["trait", "show", "TRAIT"]);
    twins.same(&["resource", "class", "create", "CLASS"]);
    twins.same(&["resource", "class", "create", "CLASS", "--os-placement-api-version", "1.1"]);

    // allocations against the provider's inventory, of the custom class too
    twins.ok(&[
        "resource",
        "provider",
        "inventory",
        "set",
        "RP_ID",
        "--resource",
        "VCPU=8",
        "--resource",
        "MEMORY_MB=1024",
        "--resource",
        "CLASS=5",
    ]);
    let alloc = ["--allocation", "rp=RP_ID,VCPU=2,MEMORY_MB=256", "--allocation", "rp=RP_ID,CLASS=1"];
    let who = ["--project-id", &project, "--user-id", &user];
    let set =
        twins
            .ok(&[&["resource", "provider", "allocation", "set", "CONSUMER", "-f", "json"], &alloc[..], &who[..]]
                .concat());
    assert!(set.contains("\"VCPU\": 2"), "{set}");
    twins.usage_error(&[&["resource", "provider", "allocation", "set", "CONSUMER"], &alloc[..]].concat());
    twins.same(&[
        "resource",
        "provider",
        "allocation",
        "set",
        "CONSUMER",
        "--allocation",
        "VCPU=1",
        "--project-id",
        "p",
        "--user-id",
        "u",
    ]);
    twins.ok(&["resource", "provider", "allocation", "show", "CONSUMER"]);
    twins.ok(&[
        "resource",
        "provider",
        "allocation",
        "show",
        "CONSUMER",
        "--os-placement-api-version",
        "1.12",
        "-f",
        "json",
    ]);
    same_usages(&twins, &["resource", "provider", "usage", "show", "RP_ID", "-f", "json"]);
    twins.json(&["resource", "provider", "show", "RP_ID", "--allocations"], &[]);
    // both consumers are the project's: the same sums from both clients
    same_json(&["resource", "usage", "show", &project], &[]);
    same_json(&["resource", "usage", "show", &project, "--user-id", &user], &[]);
    same_failure(&["resource", "usage", "show", &project, "--os-placement-api-version", "1.8"]);
    let unset = twins.ok(&[
        "resource",
        "provider",
        "allocation",
        "unset",
        "CONSUMER",
        "--resource-class",
        "VCPU",
        "-f",
        "json",
    ]);
    assert!(!unset.contains("VCPU") && unset.contains("MEMORY_MB"), "{unset}");
    twins.ok(&["resource", "provider", "allocation", "unset", "CONSUMER", "--provider", "RP_ID"]);
    twins.json(&["resource", "provider", "allocation", "show", "CONSUMER"], &[]);
    twins.ok(&[&["resource", "provider", "allocation", "set", "CONSUMER"], &alloc[..], &who[..]].concat());
    twins.ok(&["resource", "provider", "allocation", "delete", "CONSUMER"]);
    twins.same(&["resource", "provider", "allocation", "delete", "CONSUMER"]);
    same_usages(&twins, &["resource", "provider", "usage", "show", "RP_ID"]);

    // deleting the class and trait: in use by the inventory first, then gone
    twins.same(&["resource", "class", "delete", "CLASS"]);
    twins.ok(&["resource", "provider", "inventory", "delete", "RP_ID", "--resource-class", "CLASS"]);
    twins.ok(&["resource", "class", "delete", "CLASS"]);
    twins.same(&["resource", "class", "show", "CLASS"]);
    twins.same(&["resource", "class", "delete", "CLASS"]);
    twins.ok(&["trait", "delete", "TRAIT"]);
    twins.same(&["trait", "show", "TRAIT"]);
    twins.same(&["trait", "delete", "TRAIT"]);
}

/// The same rows of a usage listing, in any order: ostack does not keep the order of
/// placement's `usages` object (left for later), openstack does.
fn same_usages(twins: &Twins, args: &[&str]) {
    let (ours, theirs) = twins.run(args);
    let rows = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(|l| l.trim_end_matches(',').to_string()).collect();
        lines.sort();
        lines
    };
    assert_eq!((ours.0, rows(&ours.1)), (0, rows(&theirs.1)), "{args:?}: {ours:?} {theirs:?}");
}
