//! `--timeout` bounds `--wait` (an ostack option; `openstack` waits without a bound).
//! Against the devcloud; outside CI it skips when the devcloud is not there.

mod common;

use common::*;

use std::path::PathBuf;
use std::process::Command;

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
