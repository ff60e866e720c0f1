//! The on-disk token cache against the devcloud: a second command makes no Keystone call, a
//! revoked token is replaced, the file is 0600, `--os-no-cache` / `OS_NO_CACHE` turn it off, an
//! entry copied from another user is not used, a FIFO or a link to `/dev/zero` in place of an
//! entry neither hangs nor exhausts memory; and (without the devcloud) a cache directory open to
//! others is refused with a warning and left as it is.

mod common;

use common::*;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A private (0700) cache directory: the cache refuses the 0755 ones `tempfile::tempdir` makes.
fn private_dir() -> tempfile::TempDir {
    tempfile::Builder::new().permissions(std::fs::Permissions::from_mode(0o700)).tempdir().unwrap()
}

/// Run a command with a deadline of 60 s (a hang fails the test instead of blocking it), reading
/// both pipes while it runs; returns (success, stdout, stderr).
fn run_with_deadline(mut command: Command) -> (bool, String, String) {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("ostack runs");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("ostack hung for 60 s: {}", stderr.join().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.success(), stdout.join().unwrap(), stderr.join().unwrap())
}

/// Run `ostack --debug` against `cloud` with cache dir `cache`; returns (stdout, stderr).
fn ostack_on(cloud: &str, cache: &Path, args: &[&str], extra_env: &[(&str, &str)]) -> (String, String) {
    let clouds = clouds().expect("checked by the caller");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ostack"));
    command
        .args(["--os-cloud", cloud, "--debug"])
        .args(args)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env("OSTACK_CACHE_DIR", cache)
        .env_remove("OS_NO_CACHE");
    for (k, v) in extra_env {
        command.env(k, v);
    }
    let (success, stdout, stderr) = run_with_deadline(command);
    assert!(success, "ostack {args:?} failed: {stderr}");
    (stdout, stderr)
}

/// Run `ostack --debug` on the devcloud's admin cloud with cache dir `cache`; returns (stdout, stderr).
fn ostack(cache: &Path, args: &[&str], extra_env: &[(&str, &str)]) -> (String, String) {
    ostack_on("devcloud", cache, args, extra_env)
}

fn auth_calls(stderr: &str) -> usize {
    stderr.matches("keystone auth").count()
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()
        })
        .unwrap_or_default()
}

#[test]
fn second_run_makes_no_keystone_call_and_file_is_private() {
    if clouds().is_none() {
        return;
    }
    let cache = private_dir();
    let (_, first) = ostack(cache.path(), &["flavor", "list"], &[]);
    assert_eq!(auth_calls(&first), 1, "first run authenticates once:\n{first}");
    let (_, second) = ostack(cache.path(), &["flavor", "list"], &[]);
    assert_eq!(auth_calls(&second), 0, "second run uses the cache:\n{second}");
    assert!(!second.contains("GET http://127.0.0.1:8774/v2.1 "), "no discovery on the second run:\n{second}");
    let files = cache_files(cache.path());
    assert_eq!(files.len(), 1);
    let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(cache.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode & 0o077, 0, "cache dir is private");
    // the debug log never shows the token
    let (token, _) = ostack(cache.path(), &["token", "issue", "-f", "value", "-c", "id"], &[]);
    assert!(!first.contains(token.trim()) && !second.contains(token.trim()), "token leaked into --debug output");
}

#[test]
fn a_revoked_token_is_replaced() {
    if clouds().is_none() {
        return;
    }
    let cache = private_dir();
    let (old, _) = ostack(cache.path(), &["token", "issue", "-f", "value", "-c", "id"], &[]);
    // revoke it in Keystone with the openstack CLI (its own token, no cache)
    let openstack = std::env::var_os("OSTACK_OPENSTACK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("venv/bin/openstack"));
    let status = Command::new(&openstack)
        .args(["--os-cloud", "devcloud", "token", "revoke", old.trim()])
        .env("OS_CLIENT_CONFIG_FILE", clouds().unwrap())
        .status()
        .expect("openstack runs");
    assert!(status.success(), "token revoke failed");
    let (_, stderr) = ostack(cache.path(), &["flavor", "list"], &[]);
    assert_eq!(auth_calls(&stderr), 1, "the refused token was replaced once:\n{stderr}");
    let (new, _) = ostack(cache.path(), &["token", "issue", "-f", "value", "-c", "id"], &[]);
    assert_ne!(old.trim(), new.trim(), "the cache holds the new token");
}

#[test]
fn token_issue_never_prints_a_revoked_token() {
    if clouds().is_none() {
        return;
    }
    let cache = private_dir();
    let (old, _) = ostack(cache.path(), &["token", "issue", "-f", "value", "-c", "id"], &[]);
    // revoked in keystone by the openstack CLI (with a token of its own)
    let openstack = std::env::var_os("OSTACK_OPENSTACK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("venv/bin/openstack"));
    let status = Command::new(&openstack)
        .args(["--os-cloud", "devcloud", "token", "revoke", old.trim()])
        .env("OS_CLIENT_CONFIG_FILE", clouds().unwrap())
        .status()
        .expect("openstack runs");
    assert!(status.success(), "token revoke failed");
    // the next `token issue` asks keystone about the cached token, finds it refused, and
    // prints (and caches) a new one
    let (new, stderr) = ostack(cache.path(), &["token", "issue", "-f", "value", "-c", "id"], &[]);
    assert_ne!(old.trim(), new.trim(), "token issue printed the revoked token:\n{stderr}");
    assert_eq!(auth_calls(&stderr), 1, "{stderr}");
    let (again, stderr) = ostack(cache.path(), &["token", "issue", "-f", "value", "-c", "id"], &[]);
    assert_eq!(new.trim(), again.trim(), "a live cached token is kept");
    assert_eq!(auth_calls(&stderr), 0, "{stderr}");
}

#[test]
fn no_cache_options() {
    if clouds().is_none() {
        return;
    }
    let cache = private_dir();
    ostack(cache.path(), &["--os-no-cache", "flavor", "list"], &[]);
    assert!(cache_files(cache.path()).is_empty());
    let (_, stderr) = ostack(cache.path(), &["flavor", "list"], &[("OS_NO_CACHE", "1")]);
    assert_eq!(auth_calls(&stderr), 1);
    assert!(cache_files(cache.path()).is_empty());
}

#[test]
fn an_entry_copied_from_another_user_is_not_used() {
    if clouds().is_none() {
        return;
    }
    let cache = private_dir();
    let user_id = ["token", "issue", "-f", "value", "-c", "user_id"];
    let (demo_user, _) = ostack_on("devcloud-demo", cache.path(), &user_id, &[]);
    let demo_file = cache_files(cache.path()).pop().expect("demo's entry");
    let (admin_user, _) = ostack(cache.path(), &user_id, &[]);
    assert_ne!(demo_user, admin_user);
    let admin_file = cache_files(cache.path()).into_iter().find(|f| *f != demo_file).expect("admin's entry");
    // demo's entry in admin's place: admin authenticates again instead of acting as demo
    std::fs::copy(&demo_file, &admin_file).unwrap();
    let (user, stderr) = ostack(cache.path(), &user_id, &[]);
    assert_eq!(user, admin_user, "the admin cloud acted as another user:\n{stderr}");
    assert_eq!(auth_calls(&stderr), 1, "{stderr}");
    let (user, stderr) = ostack(cache.path(), &user_id, &[]);
    assert_eq!((user, auth_calls(&stderr)), (admin_user, 0), "admin's own entry is cached again:\n{stderr}");
}

#[test]
fn a_fifo_or_dev_zero_in_place_of_the_entry_is_replaced() {
    if clouds().is_none() {
        return;
    }
    let cache = private_dir();
    ostack(cache.path(), &["flavor", "list"], &[]);
    let entry = cache_files(cache.path()).pop().expect("the entry");
    for replace in ["fifo", "/dev/zero"] {
        std::fs::remove_file(&entry).unwrap();
        if replace == "fifo" {
            assert!(Command::new("mkfifo").arg(&entry).status().unwrap().success());
        } else {
            std::os::unix::fs::symlink(replace, &entry).unwrap();
        }
        let started = Instant::now();
        let (_, stderr) = ostack(cache.path(), &["flavor", "list"], &[]);
        assert_eq!(auth_calls(&stderr), 1, "{replace}: authenticated instead:\n{stderr}");
        assert!(started.elapsed() < Duration::from_secs(30), "{replace}: took {:?}", started.elapsed());
        let meta = std::fs::symlink_metadata(&entry).unwrap();
        assert!(meta.file_type().is_file(), "{replace}: the entry is a regular file again");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn a_cache_dir_open_to_others_is_refused_and_left_alone() {
    // no devcloud needed: the warning comes before any request (to a port where nothing listens)
    let base = tempfile::tempdir().unwrap();
    let cache = base.path().join("cache");
    std::fs::create_dir(&cache).unwrap();
    std::fs::set_permissions(&cache, std::fs::Permissions::from_mode(0o755)).unwrap();
    let clouds = base.path().join("clouds.yaml");
    std::fs::write(&clouds, "clouds: {}\n").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_ostack"));
    command
        .args(["token", "issue"])
        .env("OS_CLIENT_CONFIG_FILE", &clouds)
        .env("OSTACK_CACHE_DIR", &cache)
        .env("OS_AUTH_URL", "http://127.0.0.1:9/v3")
        .env("OS_USERNAME", "u")
        .env("OS_PASSWORD", "p")
        .env("OS_PROJECT_NAME", "p")
        .env("OS_USER_DOMAIN_NAME", "Default")
        .env("OS_PROJECT_DOMAIN_NAME", "Default")
        .env_remove("OS_CLOUD")
        .env_remove("OS_NO_CACHE");
    let (success, _, stderr) = run_with_deadline(command);
    assert!(!success);
    let warning = format!(
        "ostack: warning: not using the token cache: {} has mode 0755, so other users can reach the tokens in it",
        cache.display()
    );
    assert!(stderr.starts_with(&warning), "{stderr}");
    assert_eq!(stderr.matches("warning").count(), 1, "warned once: {stderr}");
    assert_eq!(std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777, 0o755, "not chmod-ed");
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 0, "nothing written in it");
}
