//! `--timeout` bounds `--wait` (an ostack option; `openstack` waits without a bound).
//! Against the devcloud; outside CI it skips when the devcloud is not there.

use std::path::PathBuf;
use std::process::Command;

fn clouds() -> Option<PathBuf> {
    let dir = std::env::var_os("DEVCLOUD_DIR").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"));
        home.join(".cache").join("ostack-devcloud")
    });
    let path = std::env::var_os("OS_CLIENT_CONFIG_FILE").map(PathBuf::from).unwrap_or_else(|| dir.join("clouds.yaml"));
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("devcloud clouds.yaml missing in CI: {}", path.display());
    }
    eprintln!("SKIP: devcloud not found; start it with `devcloud/up && eval \"$(devcloud/env)\"`");
    None
}

fn ostack(clouds: &PathBuf, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ostack"))
        .args(["--os-cloud", "devcloud"])
        .args(args)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .output()
        .expect("ostack runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn wait_gives_up_after_timeout() {
    let Some(clouds) = clouds() else { return };
    let name = format!("ostack-wait-{}", std::process::id());
    let started = std::time::Instant::now();
    let (ok, _, stderr) = ostack(
        &clouds,
        &[
            "server",
            "create",
            "--flavor",
            "m1.tiny",
            "--image",
            "cirros",
            "--nic",
            "none",
            "--wait",
            "--timeout",
            "0",
            &name,
        ],
    );
    let (deleted, _, delete_err) = ostack(&clouds, &["server", "delete", "--wait", "--timeout", "120", &name]);
    assert!(!ok, "a zero timeout cannot see the server ACTIVE");
    assert!(stderr.contains("timed out after 0s"), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
    assert!(deleted, "cleanup: {delete_err}");
}
