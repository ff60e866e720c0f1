//! More `ostack volume ...` against `openstack volume ...` (python-openstackclient 10.5) on the
//! devcloud: services, backends, messages, transfer requests and attachments.
//!
//! Two volumes are shared by the whole file (one per client where each makes its own), and the
//! independent calls of a step run at once.

mod common;
use common::compare::*;

use serde_json::Value;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Poll `volume show` until `status` (at most 2 minutes); an error status fails at once.
fn wait_volume(bin: &PathBuf, name: &str, status: &str) {
    let started = Instant::now();
    loop {
        let now = run(bin, &["volume", "show", name, "-f", "value", "-c", "status"]);
        if now.trim() == status {
            return;
        }
        assert!(!now.trim().starts_with("error"), "volume {name} went to {}", now.trim());
        assert!(started.elapsed() < Duration::from_secs(120), "volume {name} still {} after 2 minutes", now.trim());
    }
}

/// The same output of the same command from both clients, as text and as JSON.
fn same_both(args: &[&str]) {
    same_text(args);
    same_json(args, &[]);
}

/// `volume service list`: the same rows but for their heartbeat time (`Updated At`), which
/// moves between the two calls and so reorders cinder's answer; the same table header.
fn same_services(args: &[&str]) {
    let (mut ours, mut theirs) = both_json(args);
    for rows in [&mut ours, &mut theirs] {
        strip(rows, &["Updated At"]);
        rows.as_array_mut().expect("a list").sort_by_key(|row| row.to_string());
    }
    assert_eq!(ours, theirs, "ostack vs openstack for {args:?}");
    let (a, b) = run_both(args, args);
    let header = |out: String| out.lines().take(3).collect::<Vec<_>>().join("\n");
    assert_eq!(header(succeeded("ostack", args, a)), header(succeeded("openstack", args, b)), "{args:?}");
}

/// Read-only admin views: services, backend pools and capabilities, user messages.
/// `volume backend pool list --long` of both, without the figures that move whenever any
/// volume is created or deleted anywhere (capacities, the report's timestamp).
fn same_pools_long() {
    let (ours, theirs) = both_json(&["volume", "backend", "pool", "list", "--long"]);
    let steady = |list: Value| -> Value {
        let mut list = list;
        for row in list.as_array_mut().into_iter().flatten() {
            if let Some(capabilities) = row["Capabilities"].as_object_mut() {
                for key in ["allocated_capacity_gb", "provisioned_capacity_gb", "free_capacity_gb", "timestamp"] {
                    capabilities.remove(key);
                }
            }
        }
        list
    };
    let (ours, theirs) = (steady(ours), steady(theirs));
    assert!(ours.as_array().is_some_and(|rows| rows.len() == 2), "two pools: {ours}");
    assert_eq!(ours, theirs, "ostack vs openstack for volume backend pool list --long");
}

#[test]
fn services_backends_and_messages() {
    if setup().is_none() {
        return;
    }
    fn messages<'a>(more: &[&'a str]) -> Vec<&'a str> {
        [&["--os-volume-api-version", "3.3", "volume", "message"][..], more].concat()
    }
    let list = messages(&["list"]);
    let (older, show_missing) =
        (["--os-volume-api-version", "3.2", "volume", "message", "list"], messages(&["show", "nope"]));
    let delete_missing = messages(&["delete", "nope", "nope2"]);
    parallel(&[
        &|| same_services(&["volume", "service", "list"]),
        &|| same_services(&["volume", "service", "list", "--long", "--host", "devcloud"]),
        &|| same_services(&["volume", "service", "list", "--service", "cinder-volume"]),
        &|| same_both(&["volume", "backend", "pool", "list"]),
        &|| same_pools_long(),
        &|| same_both(&["volume", "backend", "capability", "show", "devcloud@file"]),
        &|| same_both(&list),
        &|| same_failure(&older),
        &|| same_failure(&show_missing),
        &|| same_failure(&delete_missing),
        &|| same_failure(&["volume", "service", "set", "--disable-reason", "x", "devcloud", "cinder-backup"]),
        &|| same_failure(&["volume", "service", "set", "--enable", "devcloud", "nope"]),
        // enabling an enabled service changes nothing on the shared cloud
        &|| same_everything(&["volume", "service", "set", "--enable", "devcloud", "cinder-backup"]),
    ]);
    // a message of this cloud shown by id holds what the list printed. (openstack 10.5 prints
    // None for every field but the id here: openstacksdk does not read cinder's `message` key.)
    let (ostack, _) = setup().unwrap();
    let found: Value = json_of(&ostack, &list);
    if let Some(row) = found.as_array().and_then(|rows| rows.first()) {
        let id = row["ID"].as_str().expect("a message id");
        assert_eq!(&json_of(&ostack, &messages(&["show", id])), row, "volume message show {id}");
    }
}

/// `-f json` of both clients' runs of a command, each on its own resource.
fn both_json_of(ours: &[&str], theirs: &[&str]) -> (Value, Value) {
    let (ours, theirs) = ([ours, &["-f", "json"]].concat(), [theirs, &["-f", "json"]].concat());
    let (a, b) = run_both(&ours, &theirs);
    let a: Value = serde_json::from_str(&succeeded("ostack", &ours, a)).expect("ostack printed JSON");
    let b: Value = serde_json::from_str(&succeeded("openstack", &theirs, b)).expect("openstack printed JSON");
    (a, b)
}

/// The rows of `args` named `a` and `b`, from both clients, in any order.
fn same_rows_any_order(args: &[&str], a: &str, b: &str) {
    let (ours, theirs) = both_json(args);
    let mine = |list: Value| -> Vec<String> {
        let mut rows: Vec<String> = list
            .as_array()
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|row| row["Name"] == a || row["Name"] == b)
            .map(|row| row.to_string())
            .collect();
        rows.sort();
        rows
    };
    let (ours, theirs) = (mine(ours), mine(theirs));
    assert_eq!(ours.len(), 2, "{args:?}: {ours:?}");
    assert_eq!(ours, theirs, "ostack vs openstack for {args:?}");
}

/// Attachments on a server (volume service only), then transfer requests of the same two
/// volumes from the admin project to the demo project.
#[test]
fn attachments_then_transfers() {
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (v1, v2, vm) = (unique("avol"), unique("avol2"), unique("avm"));
    cleanup.add(&["server", "delete", &vm]);
    let create = |name: &str| ["volume", "create", "--size", "1", name].map(str::to_string);
    let (c1, c2) = (create(&v1), create(&v2));
    let ids: Vec<String> = std::thread::scope(|scope| {
        let server = scope.spawn(|| {
            run(
                &ostack,
                &["server", "create", &vm, "--flavor", "m1.tiny", "--image", "cirros", "--nic", "none", "--wait"],
            )
        });
        let ids = [&c1, &c2]
            .map(|c| {
                let c: Vec<&str> = c.iter().map(String::as_str).collect();
                json_of(&ostack, &c)["id"].as_str().expect("a volume id").to_string()
            })
            .to_vec();
        server.join().expect("server create");
        ids
    });
    // by id: after the transfer the volumes are the demo project's
    cleanup.add(&["volume", "delete", &ids[0]]);
    cleanup.add(&["volume", "delete", &ids[1]]);
    parallel(&[&|| wait_volume(&ostack, &v1, "available"), &|| wait_volume(&ostack, &v2, "available")]);

    // attachments: create (reserved), show, list, set (connect), complete, delete
    let (a, b) = both_json_of(
        &["volume", "attachment", "create", &v1, "--server", &vm],
        &["volume", "attachment", "create", &v2, "--server", &vm],
    );
    assert_same(&a, &b, &["ID", "Volume ID"], "volume attachment create");
    let (a1, a2) = (a["ID"].as_str().unwrap().to_string(), b["ID"].as_str().unwrap().to_string());
    cleanup.add(&["volume", "attachment", "delete", &a2]);
    cleanup.add(&["volume", "attachment", "delete", &a1]);
    let v1_id = ["--volume-id", &ids[0]];
    parallel(&[
        &|| same_both(&["volume", "attachment", "show", &a1]),
        &|| same_both(&[&["volume", "attachment", "list"][..], &v1_id].concat()),
        &|| same_failure(&["--os-volume-api-version", "3.20", "volume", "attachment", "list"]),
        &|| same_failure(&["--os-volume-api-version", "3.40", "volume", "attachment", "complete", &a1]),
        &|| same_failure(&["volume", "attachment", "create", &v1, "--server", &vm, "--host", "h"]),
        &|| same_failure(&["volume", "attachment", "show", "nope"]),
    ]);
    let set =
        |id: &str| ["volume", "attachment", "set", "--host", "devcloud", "--ip", "127.0.0.1", id].map(str::to_string);
    let (s1, s2) = (set(&a1), set(&a2));
    let (a, b) = both_json_of(&strs(&s1), &strs(&s2));
    assert_same(&a, &b, &["ID", "Volume ID", "Properties"], "volume attachment set");
    same_both(&["volume", "attachment", "show", &a1]);
    both_do(&["volume", "attachment", "complete", &a1], &["volume", "attachment", "complete", &a2]);
    parallel(&[&|| wait_volume(&ostack, &v1, "in-use"), &|| wait_volume(&ostack, &v2, "in-use")]);
    same_both(&[&["volume", "attachment", "list", "--status", "attached"][..], &v1_id].concat());
    both_do(&["volume", "attachment", "delete", &a1], &["volume", "attachment", "delete", &a2]);
    parallel(&[&|| wait_volume(&ostack, &v1, "available"), &|| wait_volume(&ostack, &v2, "available")]);

    // transfer requests: create, show, list, delete; again, then accepted by the demo project
    let request = |name: &str, volume: &str| {
        ["volume", "transfer", "request", "create", "--name", name, volume].map(str::to_string)
    };
    let (t1, t2) = (unique("tr"), unique("tr2"));
    let (r1, r2) = (request(&t1, &v1), request(&t2, &v2));
    let varying = ["auth_key", "created_at", "id", "name", "volume_id"];
    let (a, b) = both_json_of(&strs(&r1), &strs(&r2));
    assert_same(&a, &b, &varying, "volume transfer request create");
    assert_eq!(a["name"], t1.as_str());
    assert_eq!(a["auth_key"].as_str().map(str::len), b["auth_key"].as_str().map(str::len));
    parallel(&[
        // openstack 10.5 prints `created_at` None (its show drops it); ostack prints cinder's
        &|| {
            let (ours, theirs) = both_json(&["volume", "transfer", "request", "show", &t1]);
            assert_same(&ours, &theirs, &["created_at"], "volume transfer request show");
            assert!(ours["created_at"].as_str().is_some_and(|t| t.starts_with("20")), "{ours}");
        },
        // the same rows; openstack lists them in another order than cinder's (not matched yet)
        &|| same_rows_any_order(&["volume", "transfer", "request", "list"], &t1, &t2),
        &|| same_rows_any_order(&["volume", "transfer", "request", "list", "--all-projects"], &t1, &t2),
        &|| same_failure(&["volume", "transfer", "request", "show", "nope"]),
        // openstack quotes the SDK's exception and URL; ostack says which transfer it did not find
        &|| {
            let (code, _, stderr) = run_raw(&ostack, &["volume", "transfer", "request", "delete", "nope"]);
            assert_eq!(code, 1);
            assert!(stderr.contains("No Transfer found for nope") && stderr.contains("1 of 1"), "{stderr}");
        },
        &|| {
            same_failure(&[
                "--os-volume-api-version",
                "3.50",
                "volume",
                "transfer",
                "request",
                "create",
                "--snapshots",
                &v1,
            ])
        },
    ]);
    // by name for ostack; openstack 10.5 finds a transfer request by id only
    let theirs_id = b["id"].as_str().expect("an id").to_string();
    both_do(
        &["volume", "transfer", "request", "delete", &t1],
        &["volume", "transfer", "request", "delete", &theirs_id],
    );
    let (r1, r2) = (request(&t1, &v1), request(&t2, &v2));
    let (a, b) = both_json_of(&strs(&r1), &strs(&r2));
    let accept = |t: &Value| {
        [
            "volume",
            "transfer",
            "request",
            "accept",
            t["id"].as_str().unwrap(),
            "--auth-key",
            t["auth_key"].as_str().unwrap(),
            "-f",
            "json",
        ]
        .map(str::to_string)
    };
    let (x1, x2) = (accept(&a), accept(&b));
    let (openstack_bin, ostack_bin) = (setup().unwrap().1, ostack.clone());
    let (ours, theirs) = std::thread::scope(|scope| {
        let ours = scope.spawn(|| run_raw_as("devcloud-demo", &ostack_bin, &strs(&x1)));
        (ours.join().unwrap(), run_raw_as("devcloud-demo", &openstack_bin, &strs(&x2)))
    });
    let ours: Value = serde_json::from_str(&succeeded("ostack", &["accept"], ours)).unwrap();
    let theirs: Value = serde_json::from_str(&succeeded("openstack", &["accept"], theirs)).unwrap();
    assert_same(&ours, &theirs, &["id", "name", "volume_id"], "volume transfer request accept");
    assert_eq!(ours["volume_id"], ids[0].as_str());
}
