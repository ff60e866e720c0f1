//! `ostack volume ...` against `openstack volume ...` (python-openstackclient 10.5) on the
//! devcloud: the same output for the same cloud state, and the same failures.
//!
//! Each client makes its own resources with the same options; their outputs are compared once
//! what differs between two resources (ids, names, times) is left out. Shows and lists of one
//! resource are compared as both clients print it. The two tests touch different resources
//! (volumes / types and QoS) and compare lists only by their own rows, so they run at once.

mod common;
use common::compare::*;

use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Poll `<noun> show <name>` with `ostack` until the status is `status` (or fail after 5 minutes).
fn wait_status(bin: &PathBuf, noun: &[&str], name: &str, status: &str) {
    let started = Instant::now();
    loop {
        let args = [noun, &["show", name, "-f", "value", "-c", "status"]].concat();
        let now = run(bin, &args);
        if now.trim() == status {
            return;
        }
        assert!(!now.trim().starts_with("error"), "{noun:?} {name} went to {}", now.trim());
        assert!(started.elapsed() < Duration::from_secs(300), "{noun:?} {name} still {} after 5 minutes", now.trim());
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// `-f json` of `show` of two resources, one made by each client, compared without `ignore`.
fn same_shows(noun: &[&str], ours: &str, theirs: &str, ignore: &[&str]) {
    let ours_args = [noun, &["show", ours, "-f", "json"]].concat();
    let theirs_args = [noun, &["show", theirs, "-f", "json"]].concat();
    let (a, b) = run_both(&ours_args, &theirs_args);
    let a: Value = serde_json::from_str(&succeeded("ostack", &ours_args, a)).unwrap();
    let b: Value = serde_json::from_str(&succeeded("openstack", &theirs_args, b)).unwrap();
    assert_same(&a, &b, ignore, &format!("{noun:?} show {ours} / {theirs}"));
}

/// `volume backup record export` of one backup by both clients: the same fields, and the same
/// record in `backup_url` (base64 JSON) but for `updated_at`, which cinder bumps on each export.
fn same_export(backup: &str) {
    use base64::Engine;
    let (ours, theirs) = both_json(&["volume", "backup", "record", "export", backup]);
    let decoded = |mut export: Value| {
        let text = export["backup_url"].as_str().unwrap_or_else(|| panic!("no backup_url in {export}")).to_string();
        let bytes = base64::engine::general_purpose::STANDARD.decode(&text).expect("backup_url is base64");
        let mut record: Value = serde_json::from_slice(&bytes).expect("backup_url is JSON");
        strip(&mut record, &["updated_at"]);
        export["backup_url"] = record;
        export
    };
    assert_same(&decoded(ours), &decoded(theirs), &[], &format!("volume backup record export {backup}"));
}

/// What differs between two volumes made the same way.
const VOLUME_VARYING: &[&str] =
    &["id", "name", "created_at", "updated_at", "os-vol-host-attr:host", "service_uuid", "volume_id", "source_volid"];

#[test]
fn volume_snapshot_backup_commands() {
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (v1, v2) = (unique("vol"), unique("vol2"));
    cleanup.add(&["volume", "delete", "--cascade", &v1]);
    cleanup.add(&["volume", "delete", "--cascade", &v2]);
    let create = |name| ["volume", "create", "--size", "1", "--property", "k=v", "--description", "d", name];
    let (c1, c2) = (create(&v1), create(&v2));
    same_create(&c1, &c2, VOLUME_VARYING);
    wait_status(&ostack, &["volume"], &v1, "available");
    wait_status(&ostack, &["volume"], &v2, "available");
    parallel(&[
        &|| same_json(&["volume", "show", &v1], &[]),
        &|| same_text(&["volume", "show", &v1]),
        &|| same_json(&["volume", "list", "--name", &v1, "--long"], &[]),
        &|| same_text(&["volume", "list", "--name", &v1, "--long"]),
        &|| same_rows(&["volume", "list", "--all-projects"], "Name", &[&v1, &v2]),
    ]);

    // set and unset, each client on its own volume
    let set = |name: &str| {
        [
            "volume",
            "set",
            "--size",
            "2",
            "--property",
            "a=b",
            "--image-property",
            "hw_disk_bus=scsi",
            "--bootable",
            "--read-only",
            "--description",
            "changed",
            name,
        ]
        .map(str::to_string)
        .to_vec()
    };
    let (s1, s2) = (set(&v1), set(&v2));
    both_do(&s1.iter().map(String::as_str).collect::<Vec<_>>(), &s2.iter().map(String::as_str).collect::<Vec<_>>());
    wait_status(&ostack, &["volume"], &v1, "available");
    wait_status(&ostack, &["volume"], &v2, "available");
    same_shows(&["volume"], &v1, &v2, VOLUME_VARYING);
    both_do(
        &["volume", "unset", "--property", "a", "--image-property", "hw_disk_bus", &v1],
        &["volume", "unset", "--property", "a", "--image-property", "hw_disk_bus", &v2],
    );
    same_shows(&["volume"], &v1, &v2, VOLUME_VARYING);
    both_do(
        &["volume", "set", "--read-write", "--non-bootable", &v1],
        &["volume", "set", "--read-write", "--non-bootable", &v2],
    );
    same_failure(&["volume", "set", "--size", "1", &v1]);

    // snapshots
    let (s1, s2) = (unique("snap"), unique("snap2"));
    let snapshot_varying = ["id", "name", "created_at", "volume_id"];
    same_create(
        &["volume", "snapshot", "create", "--volume", &v1, "--property", "p=q", "--description", "sd", &s1],
        &["volume", "snapshot", "create", "--volume", &v2, "--property", "p=q", "--description", "sd", &s2],
        &snapshot_varying,
    );
    wait_status(&ostack, &["volume", "snapshot"], &s1, "available");
    wait_status(&ostack, &["volume", "snapshot"], &s2, "available");
    parallel(&[
        &|| same_json(&["volume", "snapshot", "show", &s1], &[]),
        &|| same_text(&["volume", "snapshot", "show", &s1]),
        &|| same_rows(&["volume", "snapshot", "list", "--long"], "Name", &[&s1, &s2]),
        &|| same_json(&["volume", "snapshot", "list", "--volume", &v1, "--long"], &[]),
    ]);
    both_do(
        &["volume", "snapshot", "set", "--no-property", "--property", "x=y", "--description", "again", &s1],
        &["volume", "snapshot", "set", "--no-property", "--property", "x=y", "--description", "again", &s2],
    );
    both_do(
        &["volume", "snapshot", "unset", "--property", "x", &s1],
        &["volume", "snapshot", "unset", "--property", "x", &s2],
    );
    same_shows(&["volume", "snapshot"], &s1, &s2, &snapshot_varying);
    // revert to the snapshot (3.40)
    both_do(&["volume", "revert", &s1], &["volume", "revert", &s2]);
    wait_status(&ostack, &["volume"], &v1, "available");
    wait_status(&ostack, &["volume"], &v2, "available");
    same_shows(&["volume"], &v1, &v2, VOLUME_VARYING);

    // backups
    let (b1, b2) = (unique("bk"), unique("bk2"));
    cleanup.add(&["volume", "backup", "delete", &b1]);
    cleanup.add(&["volume", "backup", "delete", &b2]);
    same_create(
        &["volume", "backup", "create", "--name", &b1, "--description", "bd", "--property", "m=n", &v1],
        &["volume", "backup", "create", "--name", &b2, "--description", "bd", "--property", "m=n", &v2],
        &["id", "name", "volume_id"],
    );
    wait_status(&ostack, &["volume", "backup"], &b1, "available");
    wait_status(&ostack, &["volume", "backup"], &b2, "available");
    parallel(&[
        &|| same_json(&["volume", "backup", "show", &b1], &[]),
        &|| same_text(&["volume", "backup", "show", &b1]),
        &|| same_rows(&["volume", "backup", "list", "--long"], "Name", &[&b1, &b2]),
    ]);
    same_export(&b1);
    both_do(
        &["volume", "backup", "set", "--description", "bd2", "--property", "o=p", &b1],
        &["volume", "backup", "set", "--description", "bd2", "--property", "o=p", &b2],
    );
    let backup_varying = ["id", "name", "created_at", "updated_at", "data_timestamp", "container", "volume_id"];
    same_shows(&["volume", "backup"], &b1, &b2, &backup_varying);
    let (r1, r2) = (unique("restored"), unique("restored2"));
    cleanup.add(&["volume", "delete", &r1]);
    cleanup.add(&["volume", "delete", &r2]);
    same_create(
        &["volume", "backup", "restore", &b1, &r1],
        &["volume", "backup", "restore", &b2, &r2],
        &["id", "volume_id", "volume_name"],
    );
    same_failure(&["volume", "backup", "restore", &b1, &v1]);
    wait_status(&ostack, &["volume"], &r1, "available");
    wait_status(&ostack, &["volume"], &r2, "available");
    wait_status(&ostack, &["volume", "backup"], &b1, "available");
    wait_status(&ostack, &["volume", "backup"], &b2, "available");
    same_shows(&["volume"], &r1, &r2, &[VOLUME_VARYING, &["properties"]].concat());

    // migrate each to the other backend (each client its own, at once), meanwhile the failures
    let show = |name: &str| json_of(&ostack, &["volume", "show", name]);
    let migrate = |client: &PathBuf, name: &str, snapshot: &str| {
        let host = show(name)["os-vol-host-attr:host"].as_str().unwrap_or_default().to_string();
        let target = if host.starts_with("devcloud@file#") { "devcloud@file2#file2" } else { "devcloud@file#file" };
        assert_eq!(run(client, &["volume", "snapshot", "delete", snapshot]), "");
        let started = Instant::now();
        while run(&ostack, &["volume", "snapshot", "list", "--volume", name, "-f", "value", "-c", "ID"]).trim() != "" {
            assert!(started.elapsed() < Duration::from_secs(120), "snapshot of {name} not deleted");
            std::thread::sleep(Duration::from_millis(500));
        }
        assert_eq!(run(client, &["volume", "migrate", "--host", target, name]), "");
        let started = Instant::now();
        while show(name)["os-vol-host-attr:host"].as_str() != Some(target) {
            assert!(started.elapsed() < Duration::from_secs(300), "{name} not migrated to {target}");
            std::thread::sleep(Duration::from_millis(500));
        }
    };
    parallel(&[
        &|| migrate(&ostack, &v1, &s1),
        &|| migrate(&openstack, &v2, &s2),
        &|| same_failure(&["volume", "show", "no-such-volume"]),
        &|| same_failure(&["volume", "snapshot", "show", "no-such-snapshot"]),
        &|| same_failure(&["volume", "backup", "show", "no-such-backup"]),
        &|| same_failure(&["volume", "create", "no-size"]),
        &|| same_failure(&["volume", "delete", "no-such-1", "no-such-2"]),
        &|| same_failure(&["volume", "create", "--host", "h", "--size", "1", "x"]),
    ]);

    // deletes: each client its own
    parallel(&[
        &|| both_do(&["volume", "backup", "delete", &b1], &["volume", "backup", "delete", &b2]),
        &|| both_do(&["volume", "delete", &r1], &["volume", "delete", &r2]),
        &|| both_do(&["volume", "delete", "--cascade", &v1], &["volume", "delete", "--cascade", &v2]),
    ]);
}

#[test]
fn volume_type_and_qos_commands() {
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let demo_project = run_raw_as("devcloud-demo", &ostack, &["token", "issue", "-f", "value", "-c", "project_id"]).1;
    let demo_project = demo_project.trim().to_string();
    let (t1, t2) = (unique("type"), unique("type2"));
    cleanup.add(&["volume", "type", "delete", &t1]);
    cleanup.add(&["volume", "type", "delete", &t2]);
    let create = |name: &str| -> Vec<String> {
        [
            "volume",
            "type",
            "create",
            "--description",
            "td",
            "--private",
            "--property",
            "k=v",
            "--multiattach",
            "--project",
            &demo_project,
            name,
        ]
        .map(str::to_string)
        .to_vec()
    };
    let (c1, c2) = (create(&t1), create(&t2));
    same_create(
        &c1.iter().map(String::as_str).collect::<Vec<_>>(),
        &c2.iter().map(String::as_str).collect::<Vec<_>>(),
        &["id", "name"],
    );
    parallel(&[
        &|| same_json(&["volume", "type", "show", &t1], &[]),
        &|| same_text(&["volume", "type", "show", &t1]),
        &|| same_rows(&["volume", "type", "list", "--long"], "Name", &[&t1, &t2]),
        &|| same_rows(&["volume", "type", "list", "--private"], "Name", &[&t1, &t2]),
        &|| same_json(&["volume", "type", "list", "--default"], &[]),
    ]);
    both_do(
        &[
            "volume",
            "type",
            "set",
            "--property",
            "a=b",
            "--description",
            "td2",
            "--encryption-provider",
            "luks",
            "--encryption-cipher",
            "aes-xts-plain64",
            "--encryption-key-size",
            "256",
            &t1,
        ],
        &[
            "volume",
            "type",
            "set",
            "--property",
            "a=b",
            "--description",
            "td2",
            "--encryption-provider",
            "luks",
            "--encryption-cipher",
            "aes-xts-plain64",
            "--encryption-key-size",
            "256",
            &t2,
        ],
    );
    same_shows(&["volume", "type"], &t1, &t2, &["id", "name", "encryption_id"]);
    let (a, b) = run_both(
        &["volume", "type", "show", "--encryption-type", &t1, "-f", "json"],
        &["volume", "type", "show", "--encryption-type", &t2, "-f", "json"],
    );
    let (a, b): (Value, Value) = (serde_json::from_str(&a.1).unwrap(), serde_json::from_str(&b.1).unwrap());
    assert_same(&a, &b, &["id", "name", "encryption_id"], "volume type show --encryption-type");
    both_do(
        &["volume", "type", "unset", "--property", "a", "--project", &demo_project, "--encryption-type", &t1],
        &["volume", "type", "unset", "--property", "a", "--project", &demo_project, "--encryption-type", &t2],
    );
    same_shows(&["volume", "type"], &t1, &t2, &["id", "name"]);

    // QoS
    let (q1, q2) = (unique("qos"), unique("qos2"));
    cleanup.add(&["volume", "qos", "delete", "--force", &q1]);
    cleanup.add(&["volume", "qos", "delete", "--force", &q2]);
    same_create(
        &["volume", "qos", "create", "--consumer", "front-end", "--property", "read_iops_sec=10", &q1],
        &["volume", "qos", "create", "--consumer", "front-end", "--property", "read_iops_sec=10", &q2],
        &["id", "name"],
    );
    both_do(&["volume", "qos", "associate", &q1, &t1], &["volume", "qos", "associate", &q2, &t2]);
    parallel(&[
        &|| same_json(&["volume", "qos", "show", &q1], &[]),
        &|| same_text(&["volume", "qos", "show", &q1]),
        &|| same_rows(&["volume", "qos", "list"], "Name", &[&q1, &q2]),
    ]);
    both_do(
        &["volume", "qos", "set", "--no-property", "--property", "write_iops_sec=5", &q1],
        &["volume", "qos", "set", "--no-property", "--property", "write_iops_sec=5", &q2],
    );
    both_do(
        &["volume", "qos", "unset", "--property", "write_iops_sec", &q1],
        &["volume", "qos", "unset", "--property", "write_iops_sec", &q2],
    );
    both_do(
        &["volume", "qos", "disassociate", "--volume-type", &t1, &q1],
        &["volume", "qos", "disassociate", "--volume-type", &t2, &q2],
    );
    same_shows(&["volume", "qos"], &q1, &q2, &["id", "name"]);
    parallel(&[
        &|| same_failure(&["volume", "qos", "show", "no-such-qos"]),
        &|| same_failure(&["volume", "type", "show", "no-such-type"]),
        &|| same_failure(&["volume", "type", "create", "--project", "p", "public-with-project"]),
    ]);
    both_do(&["volume", "qos", "delete", &q1], &["volume", "qos", "delete", &q2]);
    both_do(&["volume", "type", "delete", &t1], &["volume", "type", "delete", &t2]);
}
