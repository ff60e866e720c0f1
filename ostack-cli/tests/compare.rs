//! `ostack` against the real `openstack` on the devcloud: the same command on the same cloud
//! state must print the same keys and values (`-f json`), the same `-f value -c ...` and `-f csv`.
//!
//! `openstack` is the python-openstackclient of the devcloud venv (`$DEVCLOUD_DIR/venv/bin`, or
//! `OSTACK_OPENSTACK_BIN`). Outside CI the tests skip when the devcloud or `openstack` is missing.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn devcloud_dir() -> PathBuf {
    std::env::var_os("DEVCLOUD_DIR").map(PathBuf::from).unwrap_or_else(|| {
        let cache = std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from).unwrap_or_else(|| dirs_home().join(".cache"));
        cache.join("ostack-devcloud")
    })
}

fn dirs_home() -> PathBuf {
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"))
}

/// Both binaries and the cloud, or `None` (skip) outside CI.
fn setup() -> Option<(PathBuf, PathBuf)> {
    let openstack = std::env::var_os("OSTACK_OPENSTACK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("venv/bin/openstack"));
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("clouds.yaml"));
    if !openstack.exists() || !clouds.exists() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("devcloud or openstack CLI missing in CI ({} / {})", openstack.display(), clouds.display());
        }
        eprintln!("SKIP: devcloud not found; start it with `devcloud/up && eval \"$(devcloud/env)\"`");
        return None;
    }
    Some((PathBuf::from(env!("CARGO_BIN_EXE_ostack")), openstack))
}

/// Run a client; returns stdout, panicking with stderr on failure.
fn run(bin: &PathBuf, args: &[&str]) -> String {
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("clouds.yaml"));
    let output = Command::new(bin)
        .args(["--os-cloud", "devcloud"])
        .args(args)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env_remove("OS_CLOUD")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    assert!(
        output.status.success(),
        "{} {:?} failed: {}",
        bin.display(),
        args,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Remove keys that legitimately differ (recursively in objects).
fn strip(value: &mut Value, ignore: &[&str]) {
    match value {
        Value::Object(map) => {
            for key in ignore {
                map.remove(*key);
            }
            for v in map.values_mut() {
                strip(v, ignore);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, ignore)),
        _ => {}
    }
}

/// Same JSON (after removing `ignore` keys) from both clients.
fn same_json(args: &[&str], ignore: &[&str]) {
    let Some((ostack, openstack)) = setup() else { return };
    let mut args = args.to_vec();
    args.extend(["-f", "json"]);
    let mut ours: Value = serde_json::from_str(&run(&ostack, &args)).expect("ostack printed JSON");
    let mut theirs: Value = serde_json::from_str(&run(&openstack, &args)).expect("openstack printed JSON");
    strip(&mut ours, ignore);
    strip(&mut theirs, ignore);
    assert_eq!(ours, theirs, "ostack vs openstack for {args:?}");
}

/// Byte-identical output from both clients.
fn same_text(args: &[&str]) {
    let Some((ostack, openstack)) = setup() else { return };
    assert_eq!(run(&ostack, args), run(&openstack, args), "ostack vs openstack for {args:?}");
}

#[test]
fn flavor_list_and_show() {
    same_json(&["flavor", "list"], &[]);
    same_json(&["flavor", "list", "--long"], &[]);
    same_json(&["flavor", "list", "--all"], &[]);
    same_json(&["flavor", "show", "m1.tiny"], &[]);
    same_text(&["flavor", "list", "-f", "value", "-c", "Name", "-c", "RAM"]);
    same_text(&["flavor", "list", "-f", "csv"]);
    same_text(&["flavor", "show", "m1.tiny", "-f", "value", "-c", "name", "-c", "vcpus"]);
    same_text(&["flavor", "show", "m1.tiny"]);
}

#[test]
fn catalog_list_and_show() {
    same_json(&["catalog", "list"], &[]);
    same_json(&["catalog", "show", "compute"], &[]);
    same_text(&["catalog", "list", "-f", "value", "-c", "Name", "-c", "Type"]);
    same_text(&["catalog", "list", "-f", "csv", "-c", "Name"]);
}

#[test]
fn token_issue() {
    // a fresh token differs in id and expiry; scope and user must match
    same_json(&["token", "issue"], &["id", "expires"]);
    same_text(&["token", "issue", "-f", "value", "-c", "project_id", "-c", "user_id"]);
}
