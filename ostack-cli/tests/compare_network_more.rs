//! `ostack` against `openstack` (python-openstackclient 10.5) on the devcloud for the network
//! commands added last: segment ranges, auto-allocated topologies, subnet tags, what agents host.
//!
//! Each client makes its own resources with the same options (names made unique per run); their
//! outputs are compared once what differs between two resources (ids, names, times) is left out.
//! Independent calls run at once; nothing sleeps.

mod common;
use common::compare::*;

use serde_json::Value;

/// `args` with `{}` replaced by `name`.
fn with(args: &[&str], name: &str) -> Vec<String> {
    args.iter().map(|a| if *a == "{}" { name.to_string() } else { a.to_string() }).collect()
}

/// The same command (`{}` the resource) by each client on its own resource.
fn each_do(args: &[&str], ours: &str, theirs: &str) {
    let (a, b) = (with(args, ours), with(args, theirs));
    both_do(&strs(&a), &strs(&b));
}

/// `-f json` of `show` (`{}` the resource) of each client's own resource, compared without `ignore`.
fn same_shows(args: &[&str], ours: &str, theirs: &str, ignore: &[&str]) -> (Value, Value) {
    let (a, b) = (with(args, ours), with(args, theirs));
    let (a, b) = ([strs(&a), vec!["-f", "json"]].concat(), [strs(&b), vec!["-f", "json"]].concat());
    let (x, y) = run_both(&a, &b);
    let x: Value = serde_json::from_str(&succeeded("ostack", &a, x)).expect("ostack printed JSON");
    let y: Value = serde_json::from_str(&succeeded("openstack", &b, y)).expect("openstack printed JSON");
    assert_same(&x, &y, ignore, &format!("{a:?} / {b:?}"));
    (x, y)
}

#[test]
fn network_segment_range() {
    if setup().is_none() {
        return;
    }
    let (r1, r2) = (unique("range"), unique("range2"));
    let (p1, p2) = (unique("prange"), unique("prange2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "segment", "range", "delete", &r1, &r2, &p1, &p2]);
    // vxlan ids far above the default range (1-5000); neutron refuses overlapping ranges, so each
    // range has its own ten ids and what follows from them is compared apart
    let base = 100_000 + (std::process::id() % 10_000) * 40;
    let ignore = ["id", "name", "created_at", "updated_at", "minimum", "maximum", "available"];
    let create = |name: &str, i: u32, private: bool| -> Vec<String> {
        let (min, max) = ((base + 10 * i).to_string(), (base + 10 * i + 9).to_string());
        let mut args = vec!["network", "segment", "range", "create", name, "--network-type", "vxlan"];
        if private {
            args.push("--private");
        }
        let mut args: Vec<String> = args.into_iter().map(str::to_string).collect();
        args.extend(["--minimum".to_string(), min, "--maximum".to_string(), max]);
        args
    };
    parallel(&[
        &|| {
            let (a, b) = (create(&r1, 0, false), create(&r2, 1, false));
            let (x, _) = same_create(&strs(&a), &strs(&b), &ignore);
            assert_eq!(x["available"], serde_json::json!([format!("{}-{}", base, base + 9)]), "{x}");
            assert_eq!(x["shared"], Value::Bool(true), "{x}");
        },
        &|| {
            let (a, b) = (create(&p1, 2, true), create(&p2, 3, true));
            let (x, _) = same_create(&strs(&a), &strs(&b), &ignore);
            assert_eq!(x["shared"], Value::Bool(false), "{x}");
            assert!(x["project_id"].as_str().is_some_and(|p| !p.is_empty()), "the token's project: {x}");
        },
        &|| {
            same_failure(&[
                "network",
                "segment",
                "range",
                "create",
                "x",
                "--project",
                "admin",
                "--network-type",
                "vxlan",
                "--minimum",
                "1",
                "--maximum",
                "2",
            ])
        },
        &|| {
            same_failure(&[
                "network",
                "segment",
                "range",
                "create",
                "x",
                "--physical-network",
                "p",
                "--network-type",
                "vxlan",
                "--minimum",
                "1",
                "--maximum",
                "2",
            ])
        },
        &|| same_failure(&["network", "segment", "range", "show", "ostack-cmp-no-such-range"]),
    ]);
    let (n1, n2) = ((base + 2).to_string(), (base + 12).to_string());
    let (m1, m2) = ((base + 9).to_string(), (base + 19).to_string());
    parallel(&[
        &|| {
            both_do(
                &["network", "segment", "range", "set", &r1, "--minimum", &n1, "--maximum", &m1],
                &["network", "segment", "range", "set", &r2, "--minimum", &n2, "--maximum", &m2],
            )
        },
        &|| same_failure(&["network", "segment", "range", "set", &p1, "--minimum", "7"]),
    ]);
    parallel(&[
        &|| {
            let (x, y) = same_shows(&["network", "segment", "range", "show", "{}"], &r1, &r2, &ignore);
            assert_eq!((&x["minimum"], &y["minimum"]), (&Value::from(base + 2), &Value::from(base + 12)), "{x} {y}");
            assert_eq!(x["available"], serde_json::json!([format!("{}-{}", base + 2, base + 9)]), "{x}");
        },
        // the table of both ranges (the shared text of ranges the two clients see alike)
        &|| same_rows(&["network", "segment", "range", "list", "--long"], "Name", &[&r1, &r2, &p1, &p2]),
        &|| {
            same_rows(
                &["network", "segment", "range", "list", "--available", "--unused"],
                "Name",
                &[&r1, &r2, &p1, &p2],
            )
        },
        &|| same_rows(&["network", "segment", "range", "list"], "Name", &[&r1, &r2, &p1, &p2]),
        &|| same_rows(&["network", "segment", "range", "list", "--unavailable"], "Name", &[]),
    ]);
    parallel(&[
        &|| each_do(&["network", "segment", "range", "delete", "{}"], &r1, &r2),
        &|| each_do(&["network", "segment", "range", "delete", "{}"], &p1, &p2),
        &|| same_failure(&["network", "segment", "range", "delete", "ostack-cmp-no-such-range"]),
    ]);
}

#[test]
fn subnet_tags() {
    if setup().is_none() {
        return;
    }
    let net = unique("tagnet");
    let (s1, s2) = (unique("tagsub"), unique("tagsub2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "delete", &net]);
    cleanup.add(&["subnet", "delete", &s1, &s2]);
    let (ostack, _) = setup().unwrap();
    run(&ostack, &["network", "create", &net]);
    let create = ["subnet", "create", "{}", "--network", &net, "--subnet-range", "{}", "--tag", "red", "--tag", "blue"];
    // one network, so two ranges: what follows from the range differs
    let ignore =
        ["id", "name", "created_at", "updated_at", "revision_number", "cidr", "allocation_pools", "gateway_ip"];
    let on = |name: &str, range: &str| -> Vec<String> {
        let mut args = with(&create, name);
        args[6] = range.to_string();
        args
    };
    let (a, b) = (on(&s1, "10.77.1.0/24"), on(&s2, "10.77.2.0/24"));
    let (x, _) = same_create(&strs(&a), &strs(&b), &ignore);
    assert_eq!(x["tags"], serde_json::json!(["blue", "red"]), "{x}");
    let list = |filter: &[&str], keep: &[&str]| {
        let args = [&["subnet", "list", "--network", &net, "--long"][..], filter].concat();
        same_rows(&args, "Name", keep);
    };
    each_do(&["subnet", "set", "{}", "--no-tag", "--tag", "green"], &s1, &s2);
    // s1/s2: green now (set by each client); the filters see both clients' subnets alike
    parallel(&[
        &|| list(&["--tags", "green"], &[&s1, &s2]),
        &|| list(&["--any-tags", "red,green"], &[&s1, &s2]),
        &|| list(&["--not-tags", "green"], &[]),
        &|| list(&["--not-any-tags", "red"], &[&s1, &s2]),
        &|| {
            same_shows(&["subnet", "show", "{}"], &s1, &s2, &ignore);
        },
    ]);
    each_do(&["subnet", "set", "{}", "--tag", "blue"], &s1, &s2);
    each_do(&["subnet", "unset", "{}", "--tag", "green"], &s1, &s2);
    let (x, _) = same_shows(&["subnet", "show", "{}"], &s1, &s2, &ignore);
    assert_eq!(x["tags"], serde_json::json!(["blue"]), "{x}");
    each_do(&["subnet", "unset", "{}", "--all-tag"], &s1, &s2);
    let (x, _) = same_shows(&["subnet", "show", "{}"], &s1, &s2, &ignore);
    assert_eq!(x["tags"], serde_json::json!([]), "{x}");
}

/// The devcloud runs no neutron agents and has no default external network: what hosts a
/// network or a router is empty for both clients, adding or removing one fails alike, and the
/// auto-allocated topology fails alike (the requests of the success paths are in the SDK's
/// contract tests).
#[test]
fn agents_hosting_and_auto_allocated_topology() {
    if setup().is_none() {
        return;
    }
    let (net, router) = (unique("agentnet"), unique("agentrouter"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "delete", &net]);
    cleanup.add(&["router", "delete", &router]);
    let (ostack, _) = setup().unwrap();
    parallel(&[&|| drop(run(&ostack, &["network", "create", &net])), &|| {
        drop(run(&ostack, &["router", "create", &router]))
    }]);
    let topology = ["network", "auto", "allocated", "topology"];
    let cmd = |tail: &[&str]| -> Vec<String> { topology.iter().chain(tail).map(|s| s.to_string()).collect() };
    let (create, check, demo, delete) = (
        cmd(&["create"]),
        cmd(&["create", "--check-resources"]),
        cmd(&["create", "--project", "demo"]),
        cmd(&["delete"]),
    );
    parallel(&[
        &|| same_text(&["network", "agent", "list", "--network", &net]),
        &|| same_text(&["network", "agent", "list", "--router", &router, "--long"]),
        &|| same_text(&["network", "agent", "list", "--router", &router, "--long", "-f", "json"]),
        &|| same_failure(&["network", "agent", "list", "--network", "ostack-cmp-no-such-net"]),
        &|| same_failure(&["network", "agent", "add", "network", "--dhcp", "ostack-cmp-no-agent", &net]),
        &|| same_failure(&["network", "agent", "remove", "router", "--l3", "ostack-cmp-no-agent", &router]),
        &|| same_failure(&strs(&create)),
        &|| same_failure(&strs(&check)),
        &|| same_failure(&strs(&demo)),
        &|| same_failure(&strs(&delete)),
    ]);
}
