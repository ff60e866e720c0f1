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

/// Tests compare lists of the whole cloud: one at a time, so one test's resources do not appear
/// between the two clients' calls of another.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Hold this for the whole test.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
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

/// Run a client; returns (exit code, stdout, stderr).
fn run_raw(bin: &PathBuf, args: &[&str]) -> (i32, String, String) {
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("clouds.yaml"));
    let output = Command::new(bin)
        .args(["--os-cloud", "devcloud"])
        .args(args)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env_remove("OS_CLOUD")
        // a token cache of this run only: nothing cached by earlier runs (of another devcloud) is used
        .env("OSTACK_CACHE_DIR", std::env::temp_dir().join(format!("ostack-compare-cache-{}", std::process::id())))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Run a client; returns stdout, panicking with stderr on failure.
fn run(bin: &PathBuf, args: &[&str]) -> String {
    let (code, stdout, stderr) = run_raw(bin, args);
    assert_eq!(code, 0, "{} {:?} failed: {stderr}", bin.display(), args);
    stdout
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
    let _serial = serial();
    same_json(&["flavor", "list"], &[]);
    same_json(&["flavor", "list", "--long"], &[]);
    same_json(&["flavor", "list", "--all"], &[]);
    same_json(&["flavor", "show", "m1.tiny"], &[]);
    same_text(&["flavor", "list", "-f", "value", "-c", "Name", "-c", "RAM"]);
    same_text(&["flavor", "list", "-f", "csv"]);
    same_text(&["flavor", "show", "m1.tiny", "-f", "value", "-c", "name", "-c", "vcpus"]);
    same_text(&["flavor", "show", "m1.tiny"]);
    same_text(&["flavor", "show", "m1.tiny", "-f", "shell", "--prefix", "f_"]);
    same_text(&["flavor", "show", "m1.tiny", "-f", "yaml"]);
}

#[test]
fn catalog_list_and_show() {
    let _serial = serial();
    same_json(&["catalog", "list"], &[]);
    same_json(&["catalog", "show", "compute"], &[]);
    same_text(&["catalog", "list", "-f", "value", "-c", "Name", "-c", "Type"]);
    same_text(&["catalog", "list", "-f", "csv", "-c", "Name"]);
}

#[test]
fn token_issue() {
    let _serial = serial();
    // a fresh token differs in id and expiry; scope and user must match
    same_json(&["token", "issue"], &["id", "expires"]);
    same_text(&["token", "issue", "-f", "value", "-c", "project_id", "-c", "user_id"]);
}

/// The same exit code and stderr from both clients (a failing command).
fn same_failure(args: &[&str]) {
    let Some((ostack, openstack)) = setup() else { return };
    let (code_a, out_a, err_a) = run_raw(&ostack, args);
    let (code_b, out_b, err_b) = run_raw(&openstack, args);
    assert_eq!((code_a, out_a, err_a), (code_b, out_b, err_b), "ostack vs openstack for {args:?}");
}

/// A name no other run uses.
fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("ostack-cmp-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// Deletes with `ostack` when dropped, so a failed assertion leaves nothing behind.
struct Cleanup(Vec<Vec<String>>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some((ostack, _)) = setup() {
            for args in self.0.iter().rev() {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let _ = run_raw(&ostack, &args);
            }
        }
    }
}

impl Cleanup {
    fn add(&mut self, args: &[&str]) {
        self.0.push(args.iter().map(|s| s.to_string()).collect());
    }
}

/// Both clients' JSON for the same create, with per-resource differences removed.
fn same_create(ours: &[&str], theirs: &[&str], ignore: &[&str]) -> (Value, Value) {
    let (ostack, openstack) = setup().expect("checked by the caller");
    let mut a: Value = serde_json::from_str(&run(&ostack, &[ours, &["-f", "json"]].concat())).unwrap();
    let mut b: Value = serde_json::from_str(&run(&openstack, &[theirs, &["-f", "json"]].concat())).unwrap();
    let original = (a.clone(), b.clone());
    strip(&mut a, ignore);
    strip(&mut b, ignore);
    assert_eq!(a, b, "create: ostack {ours:?} vs openstack {theirs:?}");
    original
}

#[test]
fn network_subnet_port_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs) = (unique("net"), unique("net2"));
    cleanup.add(&["network", "delete", &ours]);
    cleanup.add(&["network", "delete", &theirs]);
    let generated = [
        "id",
        "name",
        "created_at",
        "updated_at",
        "provider:segmentation_id",
        "network_id",
        "revision_number",
        "mac_address",
        "ip_address",
        "fixed_ips",
        "allocation_pools",
        "gateway_ip",
        "cidr",
        "device_id",
    ];
    same_create(
        &["network", "create", &ours, "--description", "d"],
        &["network", "create", &theirs, "--description", "d"],
        &generated,
    );
    same_create(
        &["subnet", "create", &format!("{ours}-sub"), "--network", &ours, "--subnet-range", "10.71.0.0/24"],
        &["subnet", "create", &format!("{theirs}-sub"), "--network", &theirs, "--subnet-range", "10.72.0.0/24"],
        &generated,
    );
    cleanup.add(&["port", "delete", &format!("{ours}-port")]);
    cleanup.add(&["port", "delete", &format!("{theirs}-port")]);
    same_create(
        &["port", "create", &format!("{ours}-port"), "--network", &ours],
        &["port", "create", &format!("{theirs}-port"), "--network", &theirs],
        &generated,
    );
    // same cloud state, both clients
    same_json(&["network", "show", &ours], &[]);
    same_json(&["network", "list", "--name", &ours, "--long"], &[]);
    same_json(&["subnet", "show", &format!("{ours}-sub")], &[]);
    same_json(&["subnet", "list", "--network", &ours, "--long"], &[]);
    same_json(&["port", "show", &format!("{ours}-port")], &[]);
    same_json(&["port", "list", "--network", &ours, "--long"], &[]);
    same_text(&["port", "list", "--network", &ours, "-f", "value", "-c", "Name", "-c", "Fixed IP Addresses"]);
    same_text(&["subnet", "list", "--network", &ours, "-f", "csv"]);
    same_text(&["network", "show", &ours, "-f", "value", "-c", "name", "-c", "router:external", "-c", "subnets"]);
    same_text(&["port", "show", &format!("{ours}-port")]);
    // set: ostack changes, openstack sees it
    run(&ostack, &["network", "set", &ours, "--description", "changed"]);
    run(&ostack, &["subnet", "set", &format!("{ours}-sub"), "--no-dhcp"]);
    run(&ostack, &["port", "set", &format!("{ours}-port"), "--description", "p"]);
    let net: Value = serde_json::from_str(&run(&openstack, &["network", "show", &ours, "-f", "json"])).unwrap();
    assert_eq!(net["description"], "changed");
    let sub: Value =
        serde_json::from_str(&run(&openstack, &["subnet", "show", &format!("{ours}-sub"), "-f", "json"])).unwrap();
    assert_eq!(sub["enable_dhcp"], false);
    // delete, and the same errors afterwards
    run(&ostack, &["port", "delete", &format!("{ours}-port")]);
    run(&ostack, &["network", "delete", &ours]);
    same_failure(&["network", "show", &ours]);
    same_failure(&["network", "delete", &ours]);
}

#[test]
fn server_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let net = unique("srvnet");
    cleanup.add(&["network", "delete", &net]);
    run(&ostack, &["network", "create", &net]);
    run(&ostack, &["subnet", "create", &format!("{net}-sub"), "--network", &net, "--subnet-range", "10.73.0.0/24"]);
    let (ours, theirs) = (unique("vm"), unique("vm2"));
    cleanup.add(&["server", "delete", "--wait", &ours]);
    cleanup.add(&["server", "delete", "--wait", &theirs]);
    let varying = [
        "id",
        "name",
        "OS-EXT-SRV-ATTR:hostname",
        "OS-EXT-SRV-ATTR:instance_name",
        "OS-EXT-SRV-ATTR:reservation_id",
        "adminPass",
        "created",
        "updated",
        "OS-SRV-USG:launched_at",
        "addresses",
        "hostId",
        "OS-EXT-STS:task_state",
        "OS-EXT-STS:vm_state",
        "status",
        "OS-EXT-STS:power_state",
        "OS-EXT-SRV-ATTR:host",
        "OS-EXT-SRV-ATTR:hypervisor_hostname",
        "OS-EXT-AZ:availability_zone",
        "host_status",
    ];
    let common = ["--flavor", "m1.tiny", "--image", "cirros", "--network", net.as_str(), "--property", "k=v"];
    let (created, _) = same_create(
        &[&["server", "create", "--wait"][..], &common, &[ours.as_str()]].concat(),
        &[&["server", "create", "--wait"][..], &common, &[theirs.as_str()]].concat(),
        &varying,
    );
    assert_eq!(created["status"], "ACTIVE");
    same_json(&["server", "show", &ours], &[]);
    same_json(&["server", "list", "--name", &format!("^{ours}$")], &[]);
    same_json(&["server", "list", "--name", &format!("^{ours}$"), "--long"], &[]);
    same_text(&["server", "list", "--name", &format!("^{ours}$"), "-f", "csv"]);
    same_text(&["server", "show", &ours, "-f", "value", "-c", "addresses", "-c", "flavor", "-c", "image"]);
    same_text(&["server", "show", &ours]);
    // actions print nothing and work
    assert_eq!(run(&ostack, &["server", "stop", &ours]), "");
    wait_status(&openstack, &ours, "SHUTOFF");
    assert_eq!(run(&ostack, &["server", "start", &ours]), "");
    wait_status(&ostack, &ours, "ACTIVE");
    assert_eq!(run(&ostack, &["server", "reboot", "--wait", "--hard", &ours]), "");
    wait_status(&openstack, &ours, "ACTIVE");
    assert_eq!(run(&ostack, &["server", "delete", "--wait", &ours]), "");
    same_failure(&["server", "show", &ours]);
}

fn wait_status(bin: &PathBuf, server: &str, status: &str) {
    for _ in 0..120 {
        if run(bin, &["server", "show", server, "-f", "value", "-c", "status"]).trim() == status {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    panic!("server {server} never reached {status}");
}

#[test]
fn image_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();
    let file = dir.path().join("disk.raw");
    std::fs::write(&file, &data).unwrap();
    let file = file.to_str().unwrap();
    let (ours, theirs) = (unique("img"), unique("img2"));
    cleanup.add(&["image", "delete", &ours]);
    cleanup.add(&["image", "delete", &theirs]);
    let varying = ["id", "name", "created_at", "updated_at", "file", "owner_specified.openstack.object"];
    same_create(
        &[
            "image",
            "create",
            "--file",
            file,
            "--disk-format",
            "raw",
            "--container-format",
            "bare",
            "--property",
            "k=v",
            &ours,
        ],
        &[
            "image",
            "create",
            "--file",
            file,
            "--disk-format",
            "raw",
            "--container-format",
            "bare",
            "--property",
            "k=v",
            &theirs,
        ],
        &varying,
    );
    same_json(&["image", "show", &ours], &[]);
    same_json(&["image", "list", "--name", &ours, "--long"], &[]);
    same_text(&["image", "list", "--name", &ours, "-f", "csv"]);
    same_text(&["image", "show", &ours, "-f", "value", "-c", "size", "-c", "checksum", "-c", "status"]);
    let saved = dir.path().join("saved.raw");
    assert_eq!(run(&ostack, &["image", "save", "--file", saved.to_str().unwrap(), &ours]), "");
    assert!(std::fs::read(&saved).unwrap() == data, "image save returned other bytes");
    run(&ostack, &["image", "set", &ours, "--property", "flavour=mint", "--min-ram", "64"]);
    let shown: Value = serde_json::from_str(&run(&openstack, &["image", "show", &ours, "-f", "json"])).unwrap();
    assert_eq!(shown["properties"]["flavour"], "mint");
    assert_eq!(shown["min_ram"], 64);
    assert_eq!(run(&ostack, &["image", "delete", &ours]), "");
    let (code, _, err) = run_raw(&openstack, &["image", "show", &ours]);
    assert_eq!((code, err.trim()), (1, format!("No Image found for {ours}").as_str()));
}

#[test]
fn keypair_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = (unique("key"), unique("key2"));
    cleanup.add(&["keypair", "delete", &ours]);
    cleanup.add(&["keypair", "delete", &theirs]);
    // generate one with ostack, import its public key with both clients
    let private = dir.path().join("id");
    run(&ostack, &["keypair", "create", "--private-key", private.to_str().unwrap(), &format!("{ours}-gen")]);
    cleanup.add(&["keypair", "delete", &format!("{ours}-gen")]);
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&private).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600, "private key file mode");
    let public = run(&ostack, &["keypair", "show", "--public-key", &format!("{ours}-gen")]);
    let public_file = dir.path().join("id.pub");
    std::fs::write(&public_file, public.trim_end()).unwrap();
    let pf = public_file.to_str().unwrap();
    same_create(
        &["keypair", "create", "--public-key", pf, &ours],
        &["keypair", "create", "--public-key", pf, &theirs],
        &["id", "name"],
    );
    same_json(&["keypair", "show", &ours], &[]);
    same_text(&["keypair", "show", &ours]);
    let (ostack_list, openstack_list) =
        (run(&ostack, &["keypair", "list", "-f", "value"]), run(&openstack, &["keypair", "list", "-f", "value"]));
    assert_eq!(ostack_list, openstack_list);
    assert!(ostack_list.contains(&ours));
    assert_eq!(run(&ostack, &["keypair", "delete", &ours]), "");
    same_failure(&["keypair", "show", &ours]);
}

#[test]
fn flavor_create_set_unset_delete() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs) = (unique("flv"), unique("flv2"));
    cleanup.add(&["flavor", "delete", &ours]);
    cleanup.add(&["flavor", "delete", &theirs]);
    let args = ["--ram", "128", "--disk", "1", "--vcpus", "1", "--property", "a=b"];
    same_create(
        &[&["flavor", "create"][..], &args, &[ours.as_str()]].concat(),
        &[&["flavor", "create"][..], &args, &[theirs.as_str()]].concat(),
        &["id", "name"],
    );
    assert_eq!(run(&ostack, &["flavor", "set", &ours, "--property", "c=d"]), "");
    assert_eq!(run(&ostack, &["flavor", "unset", &ours, "--property", "a"]), "");
    same_json(&["flavor", "show", &ours], &[]);
    let shown: Value = serde_json::from_str(&run(&openstack, &["flavor", "show", &ours, "-f", "json"])).unwrap();
    assert_eq!(shown["properties"], serde_json::json!({"c": "d"}));
    assert_eq!(run(&ostack, &["flavor", "delete", &ours]), "");
    same_failure(&["flavor", "delete", &ours]);
}

#[test]
fn versions_and_errors() {
    let _serial = serial();
    if setup().is_none() {
        return;
    }
    same_json(&["versions", "show"], &[]);
    same_text(&["versions", "show", "-f", "value"]);
    // a refused password: the same line but for the request id
    let without_id = |(code, out, err): (i32, String, String)| {
        (code, out, err.split("(Request-ID").next().unwrap_or("").to_string())
    };
    let (ostack, openstack) = setup().unwrap();
    let wrong = ["--os-password", "wrong", "flavor", "list"];
    assert_eq!(without_id(run_raw(&ostack, &wrong)), without_id(run_raw(&openstack, &wrong)));
    let (code, _, err) = run_raw(&setup().unwrap().0, &["flavor", "show", "m1.tiny", "-f", "csv"]);
    assert_eq!(code, 2, "show commands have no csv format: {err}");
    for args in [
        vec!["server", "show", "nope"],
        vec!["flavor", "list", "-c", "nope"],
        vec!["--os-cloud", "nope", "server", "list"],
    ] {
        same_failure(&args);
    }
}
