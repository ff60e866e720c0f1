//! The on-disk token cache against the devcloud: a second command makes no Keystone call, a
//! revoked token is replaced, the file is 0600, and `--os-no-cache` / `OS_NO_CACHE` turn it off.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

fn devcloud_dir() -> PathBuf {
    std::env::var_os("DEVCLOUD_DIR").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"));
        std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| home.join(".cache"))
            .join("ostack-devcloud")
    })
}

fn clouds() -> Option<PathBuf> {
    let path = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("clouds.yaml"));
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("devcloud clouds.yaml missing in CI: {}", path.display());
    }
    eprintln!("SKIP: devcloud not found; start it with `devcloud/up && eval \"$(devcloud/env)\"`");
    None
}

/// Run `ostack --debug` with a private cache dir; returns (stdout, stderr).
fn ostack(cache: &Path, args: &[&str], extra_env: &[(&str, &str)]) -> (String, String) {
    let clouds = clouds().expect("checked by the caller");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ostack"));
    command
        .args(["--os-cloud", "devcloud", "--debug"])
        .args(args)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env("OSTACK_CACHE_DIR", cache)
        .env_remove("OS_NO_CACHE");
    for (k, v) in extra_env {
        command.env(k, v);
    }
    let output = command.output().expect("ostack runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "ostack {args:?} failed: {stderr}");
    (String::from_utf8_lossy(&output.stdout).into_owned(), stderr)
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
    let cache = tempfile::tempdir().unwrap();
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
    let cache = tempfile::tempdir().unwrap();
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
fn no_cache_options() {
    if clouds().is_none() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    ostack(cache.path(), &["--os-no-cache", "flavor", "list"], &[]);
    assert!(cache_files(cache.path()).is_empty());
    let (_, stderr) = ostack(cache.path(), &["flavor", "list"], &[("OS_NO_CACHE", "1")]);
    assert_eq!(auth_calls(&stderr), 1);
    assert!(cache_files(cache.path()).is_empty());
}
