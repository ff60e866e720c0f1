//! Comparing `ostack` with the real `openstack` on the devcloud, for every `compare*` test file:
//! run both on the same cloud state, compare JSON, text, failures; clean up what they made.
//!
//! `openstack` is the python-openstackclient of the devcloud venv (`$DEVCLOUD_DIR/venv/bin`, or
//! `OSTACK_OPENSTACK_BIN`). Outside CI the tests skip when the devcloud or `openstack` is missing.
//! Both clients use the admin cloud `devcloud`; [`run_raw_as`] runs one on another cloud.

use super::devcloud_dir;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// Tests compare lists of the whole cloud: one at a time, so one test's resources do not appear
/// between the two clients' calls of another.
pub static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Hold this for the whole test.
pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Both binaries and the cloud, or `None` (skip) outside CI.
pub fn setup() -> Option<(PathBuf, PathBuf)> {
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

/// Run a client on the devcloud's admin cloud; returns (exit code, stdout, stderr).
pub fn run_raw(bin: &PathBuf, args: &[&str]) -> (i32, String, String) {
    run_raw_as("devcloud", bin, args)
}

/// Run a client on the cloud `cloud` of the devcloud's clouds.yaml (`devcloud-demo`,
/// `devcloud-system`, ...); returns (exit code, stdout, stderr).
pub fn run_raw_as(cloud: &str, bin: &PathBuf, args: &[&str]) -> (i32, String, String) {
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("clouds.yaml"));
    let output = Command::new(bin)
        .args(["--os-cloud", cloud])
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
pub fn run(bin: &PathBuf, args: &[&str]) -> String {
    let (code, stdout, stderr) = run_raw(bin, args);
    assert_eq!(code, 0, "{} {:?} failed: {stderr}", bin.display(), args);
    stdout
}

/// Remove keys that legitimately differ (recursively in objects).
pub fn strip(value: &mut Value, ignore: &[&str]) {
    match value {
        Value::Object(map) => {
            for key in ignore {
                map.remove(*key);
            }
            // neutron lists a new group's default rules in no fixed order: two groups made the
            // same way may differ only in that order
            if let Some(Value::Array(rules)) = map.get_mut("rules") {
                rules.iter_mut().for_each(|v| strip(v, ignore));
                rules.sort_by_key(|rule| rule.to_string());
            }
            for v in map.values_mut() {
                strip(v, ignore);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, ignore)),
        _ => {}
    }
}

/// Both clients at once (each `openstack` call takes over a second): (exit code, stdout, stderr)
/// of `ostack ours` and of `openstack theirs`.
pub type Ran = (i32, String, String);

pub fn run_both(ours: &[&str], theirs: &[&str]) -> (Ran, Ran) {
    let (ostack, openstack) = setup().expect("checked by the caller");
    std::thread::scope(|scope| {
        let a = scope.spawn(|| run_raw(&ostack, ours));
        let b = run_raw(&openstack, theirs);
        (a.join().expect("the ostack thread"), b)
    })
}

/// stdout of a client that must have succeeded.
pub fn succeeded(bin: &str, args: &[&str], (code, stdout, stderr): Ran) -> String {
    assert_eq!(code, 0, "{bin} {args:?} failed: {stderr}");
    stdout
}

/// Both clients' parsed `-f json` of the same command.
pub fn both_json(args: &[&str]) -> (Value, Value) {
    let args = [args, &["-f", "json"]].concat();
    let (a, b) = run_both(&args, &args);
    let ours = serde_json::from_str(&succeeded("ostack", &args, a)).expect("ostack printed JSON");
    let theirs = serde_json::from_str(&succeeded("openstack", &args, b)).expect("openstack printed JSON");
    (ours, theirs)
}

/// Same JSON (after removing `ignore` keys) from both clients.
pub fn same_json(args: &[&str], ignore: &[&str]) {
    if setup().is_none() {
        return;
    }
    let (mut ours, mut theirs) = both_json(args);
    strip(&mut ours, ignore);
    strip(&mut theirs, ignore);
    assert_eq!(ours, theirs, "ostack vs openstack for {args:?}");
}

/// Byte-identical output from both clients.
pub fn same_text(args: &[&str]) {
    if setup().is_none() {
        return;
    }
    let (a, b) = run_both(args, args);
    assert_eq!(succeeded("ostack", args, a), succeeded("openstack", args, b), "ostack vs openstack for {args:?}");
}

/// Same exit code, stdout and stderr (a warning, a failure).
pub fn same_everything(args: &[&str]) {
    if setup().is_none() {
        return;
    }
    let (a, b) = run_both(args, args);
    assert_eq!(a, b, "ostack vs openstack for {args:?}");
}

/// Same JSON rows of a list of the whole cloud, keeping the rows whose `column` is one of `keep`
/// (other runs' resources come and go between the two calls).
pub fn same_rows(args: &[&str], column: &str, keep: &[&str]) {
    let (ours, theirs) = both_json(args);
    let mine = |list: Value| -> Vec<Value> {
        let rows = list.as_array().cloned().unwrap_or_default();
        rows.into_iter().filter(|row| row[column].as_str().is_some_and(|v| keep.contains(&v))).collect()
    };
    let (ours, theirs) = (mine(ours), mine(theirs));
    assert_eq!(ours.len(), keep.len(), "{args:?}: expected rows {keep:?} in {ours:?}");
    assert_eq!(ours, theirs, "ostack vs openstack for {args:?}");
}

/// `-f json` of one client.
pub fn json_of(bin: &PathBuf, args: &[&str]) -> Value {
    let args = [args, &["-f", "json"]].concat();
    serde_json::from_str(&run(bin, &args)).expect("JSON")
}

/// The same exit code and stderr from both clients (a failing command).
pub fn same_failure(args: &[&str]) {
    if setup().is_none() {
        return;
    }
    let (a, b) = run_both(args, args);
    assert_ne!(a.0, 0, "{args:?} should fail");
    assert_eq!(a, b, "ostack vs openstack for {args:?}");
}

/// A name no other run uses.
pub fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("ostack-cmp-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// Deletes with `ostack` when dropped, so a failed assertion leaves nothing behind.
pub struct Cleanup(pub Vec<Vec<String>>);

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
    pub fn add(&mut self, args: &[&str]) {
        self.0.push(args.iter().map(|s| s.to_string()).collect());
    }
}

/// Both clients' JSON for the same create (at once), before any comparison: register the
/// cleanup of what it made, then [`assert_same`].
pub fn create_both(ours: &[&str], theirs: &[&str]) -> (Value, Value) {
    let (ours, theirs) = ([ours, &["-f", "json"]].concat(), [theirs, &["-f", "json"]].concat());
    let (a, b) = run_both(&ours, &theirs);
    let a = serde_json::from_str(&succeeded("ostack", &ours, a)).expect("ostack printed JSON");
    let b = serde_json::from_str(&succeeded("openstack", &theirs, b)).expect("openstack printed JSON");
    (a, b)
}

/// The same values once the keys that legitimately differ are removed.
pub fn assert_same(ours: &Value, theirs: &Value, ignore: &[&str], what: &str) {
    let (mut a, mut b) = (ours.clone(), theirs.clone());
    strip(&mut a, ignore);
    strip(&mut b, ignore);
    assert_eq!(a, b, "ostack vs openstack: {what}");
}

/// Both clients' JSON for the same create, with per-resource differences removed.
pub fn same_create(ours: &[&str], theirs: &[&str], ignore: &[&str]) -> (Value, Value) {
    let (a, b) = create_both(ours, theirs);
    assert_same(&a, &b, ignore, &format!("create: ostack {ours:?} vs openstack {theirs:?}"));
    (a, b)
}

/// Run independent checks at once (each `openstack` call takes seconds).
pub fn parallel(checks: &[&(dyn Fn() + Sync)]) {
    std::thread::scope(|scope| {
        let running: Vec<_> = checks.iter().map(|check| scope.spawn(check)).collect();
        for thread in running {
            if let Err(panic) = thread.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// Run a command with each client on its own resource; both must succeed with the same output.
pub fn both_do(ours: &[&str], theirs: &[&str]) {
    let (a, b) = run_both(ours, theirs);
    assert_eq!(succeeded("ostack", ours, a), succeeded("openstack", theirs, b), "{ours:?} / {theirs:?}");
}

/// Borrowed arguments.
pub fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}
