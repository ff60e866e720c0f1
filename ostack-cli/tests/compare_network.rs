//! `ostack` against `openstack` (python-openstackclient 10.5) on the devcloud for the rest of
//! neutron: subnet pools, address scopes and groups, RBAC, QoS, ...
//!
//! Each client makes its own resources with the same options (names made unique per run); their
//! outputs are compared once what differs between two resources (ids, names, times) is left out.
//! Shows of one resource are compared as both clients print it; lists are filtered to this run's
//! rows, so the tests run at once with each other and with the other test binaries.

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

/// The same create (`{}` the name) by each client; the outputs compared without `ignore`.
fn each_create(args: &[&str], ours: &str, theirs: &str, ignore: &[&str]) -> (Value, Value) {
    let (a, b) = (with(args, ours), with(args, theirs));
    same_create(&strs(&a), &strs(&b), ignore)
}

/// `-f json` of `show` (`{}` the resource) of each client's own resource, compared without `ignore`.
fn same_shows(args: &[&str], ours: &str, theirs: &str, ignore: &[&str]) {
    let (a, b) = (with(args, ours), with(args, theirs));
    let (a, b) = ([strs(&a), vec!["-f", "json"]].concat(), [strs(&b), vec!["-f", "json"]].concat());
    let (x, y) = run_both(&a, &b);
    let x: Value = serde_json::from_str(&succeeded("ostack", &a, x)).expect("ostack printed JSON");
    let y: Value = serde_json::from_str(&succeeded("openstack", &b, y)).expect("openstack printed JSON");
    assert_same(&x, &y, ignore, &format!("{a:?} / {b:?}"));
}

/// The `-f value -c <column>` of one client.
fn value_of(args: &[&str], column: &str) -> String {
    let (ostack, _) = setup().expect("checked by the caller");
    run(&ostack, &[args, &["-f", "value", "-c", column]].concat()).trim().to_string()
}

#[test]
fn subnet_pool_and_address_scope() {
    if setup().is_none() {
        return;
    }
    let (s1, s2) = (unique("scope"), unique("scope2"));
    let (p1, p2) = (unique("pool"), unique("pool2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["address", "scope", "delete", &s1, &s2]);
    cleanup.add(&["subnet", "pool", "delete", &p1, &p2]);

    each_create(&["address", "scope", "create", "--ip-version", "4", "{}"], &s1, &s2, &["id", "name"]);
    parallel(&[
        &|| same_json(&["address", "scope", "show", &s1], &[]),
        &|| same_text(&["address", "scope", "show", &s1]),
        &|| same_text(&["address", "scope", "list", "--name", &s1]),
        &|| same_rows(&["address", "scope", "list", "--ip-version", "4", "--no-share"], "Name", &[&s1, &s2]),
    ]);
    let create = [
        "subnet",
        "pool",
        "create",
        "--pool-prefix",
        "10.251.0.0/16",
        "--default-prefix-length",
        "26",
        "--max-prefix-length",
        "28",
        "--description",
        "d",
        "--tag",
        "b",
        "--tag",
        "a",
        "--default-quota",
        "64",
        "--address-scope",
        "SCOPE",
        "{}",
    ];
    let (a, b) = (with(&create, &p1), with(&create, &p2));
    let (a, b) = (strs(&a).join("\n").replace("SCOPE", &s1), strs(&b).join("\n").replace("SCOPE", &s2));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    let (made, _) = same_create(&a, &b, &["id", "name", "address_scope_id", "created_at", "updated_at"]);
    assert_eq!(made["tags"], serde_json::json!(["a", "b"]), "tags sorted: {made}");
    assert_eq!(made["default_prefixlen"], 26, "a number, as openstacksdk reads it: {made}");
    parallel(&[
        &|| same_json(&["subnet", "pool", "show", &p1], &[]),
        &|| same_text(&["subnet", "pool", "show", &p1]),
        &|| same_text(&["subnet", "pool", "list", "--long", "--name", &p1]),
        &|| {
            same_rows(
                &["subnet", "pool", "list", "--long", "--any-tags", "a,zz", "--address-scope", &s1],
                "Name",
                &[&p1],
            )
        },
        &|| same_rows(&["subnet", "pool", "list", "--tags", "a,b", "--not-tags", "zz"], "Name", &[&p1, &p2]),
        &|| same_failure(&["subnet", "pool", "delete", &unique("missing-pool")]),
        &|| same_failure(&["address", "scope", "show", &unique("missing-scope")]),
    ]);

    // set (prefixes add to the existing ones, --no-tag with --tag replaces the tags), then unset
    each_do(
        &[
            "subnet",
            "pool",
            "set",
            "--pool-prefix",
            "10.252.0.0/16",
            "--no-tag",
            "--tag",
            "c",
            "--tag",
            "d",
            "--description",
            "e",
            "--default-quota",
            "32",
            "--no-address-scope",
            "{}",
        ],
        &p1,
        &p2,
    );
    each_do(&["subnet", "pool", "unset", "--tag", "c", "{}"], &p1, &p2);
    same_shows(
        &["subnet", "pool", "show", "{}"],
        &p1,
        &p2,
        &["id", "name", "revision_number", "created_at", "updated_at"],
    );
    assert_eq!(value_of(&["subnet", "pool", "show", &p1], "tags"), "['d']");
    assert_eq!(value_of(&["subnet", "pool", "show", &p1], "address_scope_id"), "None");
    each_do(&["address", "scope", "set", "--share", "{}"], &s1, &s2);
    same_shows(&["address", "scope", "show", "{}"], &s1, &s2, &["id", "name"]);
    assert_eq!(value_of(&["address", "scope", "show", &s1], "shared"), "True");

    each_do(&["subnet", "pool", "delete", "{}"], &p1, &p2);
    each_do(&["address", "scope", "delete", "{}"], &s1, &s2);
}

#[test]
fn address_group_add_and_remove_addresses() {
    if setup().is_none() {
        return;
    }
    let (g1, g2) = (unique("agroup"), unique("agroup2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["address", "group", "delete", &g1, &g2]);
    let create =
        ["address", "group", "create", "--address", "10.0.0.1", "--address", "10.0.1.0/24", "--description", "d", "{}"];
    let (made, _) = each_create(&create, &g1, &g2, &["id", "name", "created_at", "updated_at"]);
    assert!(made["addresses"].as_array().unwrap().contains(&Value::from("10.0.0.1/32")), "{made}");
    parallel(&[
        &|| same_json(&["address", "group", "show", &g1], &[]),
        &|| same_text(&["address", "group", "show", &g1]),
        &|| same_text(&["address", "group", "list", "--name", &g1]),
        &|| same_failure(&["address", "group", "delete", &unique("missing-group")]),
    ]);
    each_do(&["address", "group", "set", "--address", "10.0.2.0/24", "--description", "e", "{}"], &g1, &g2);
    each_do(&["address", "group", "unset", "--address", "10.0.0.1", "{}"], &g1, &g2);
    same_shows(&["address", "group", "show", "{}"], &g1, &g2, &["id", "name", "created_at", "updated_at"]);
    let addresses = value_of(&["address", "group", "show", &g1], "addresses");
    assert!(addresses.contains("10.0.2.0/24") && !addresses.contains("10.0.0.1/32"), "{addresses}");
    each_do(&["address", "group", "delete", "{}"], &g1, &g2);
}

#[test]
fn qos_policy_rules_and_rbac() {
    if setup().is_none() {
        return;
    }
    let (q1, q2) = (unique("qos"), unique("qos2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "qos", "policy", "delete", &q1, &q2]);
    each_create(
        &["network", "qos", "policy", "create", "--description", "d", "{}"],
        &q1,
        &q2,
        &["id", "name", "created_at", "updated_at"],
    );
    let rule = [
        "network",
        "qos",
        "rule",
        "create",
        "--type",
        "bandwidth-limit",
        "--max-kbps",
        "1000",
        "--max-burst-kbits",
        "100",
        "--egress",
        "{}",
    ];
    each_create(&rule, &q1, &q2, &["id"]);
    let dscp = ["network", "qos", "rule", "create", "--type", "dscp-marking", "--dscp-mark", "10", "{}"];
    each_create(&dscp, &q1, &q2, &["id"]);
    let rule_id = |policy: &str, kind: &str| -> String {
        let (ostack, _) = setup().unwrap();
        let rules = json_of(&ostack, &["network", "qos", "rule", "list", policy]);
        let found = rules.as_array().unwrap().iter().find(|r| r["Type"] == kind).cloned();
        found.unwrap_or_else(|| panic!("no {kind} rule in {rules}"))["ID"].as_str().unwrap().to_string()
    };
    let (bw1, bw2) = (rule_id(&q1, "bandwidth_limit"), rule_id(&q2, "bandwidth_limit"));
    parallel(&[
        &|| same_json(&["network", "qos", "policy", "show", &q1], &[]),
        &|| same_text(&["network", "qos", "policy", "show", &q1]),
        &|| same_rows(&["network", "qos", "policy", "list"], "Name", &[&q1, &q2]),
        &|| same_json(&["network", "qos", "rule", "list", &q1], &[]),
        &|| same_text(&["network", "qos", "rule", "list", &q1]),
        &|| same_json(&["network", "qos", "rule", "show", &q1, &bw1], &[]),
        &|| same_text(&["network", "qos", "rule", "type", "list"]),
        &|| same_json(&["network", "qos", "rule", "type", "show", "bandwidth_limit"], &[]),
        // a minimum bandwidth rule needs a direction; a DSCP rule takes no --max-kbps
        &|| same_failure(&["network", "qos", "rule", "create", "--type", "minimum-bandwidth", "--min-kbps", "10", &q1]),
        &|| {
            same_failure(&[
                "network",
                "qos",
                "rule",
                "create",
                "--type",
                "dscp-marking",
                "--dscp-mark",
                "10",
                "--max-kbps",
                "5",
                &q1,
            ])
        },
        &|| same_failure(&["network", "qos", "rule", "show", &q1, "no-such-rule"]),
        &|| same_failure(&["network", "qos", "policy", "delete", &unique("missing-qos")]),
    ]);
    both_do(
        &["network", "qos", "rule", "set", "--max-kbps", "2000", &q1, &bw1],
        &["network", "qos", "rule", "set", "--max-kbps", "2000", &q2, &bw2],
    );
    each_do(&["network", "qos", "policy", "set", "--description", "e", "--share", "{}"], &q1, &q2);
    same_shows(
        &["network", "qos", "policy", "show", "{}"],
        &q1,
        &q2,
        &["id", "name", "qos_policy_id", "created_at", "updated_at"],
    );
    assert!(value_of(&["network", "qos", "policy", "show", &q1], "rules").contains("'max_kbps': 2000"));

    // share each policy with the demo project
    let rbac = [
        "network",
        "rbac",
        "create",
        "--type",
        "qos_policy",
        "--action",
        "access_as_shared",
        "--target-project",
        "demo",
        "{}",
    ];
    let (r1, r2) = each_create(&rbac, &q1, &q2, &["id", "object_id"]);
    let (r1, r2) = (r1["id"].as_str().unwrap().to_string(), r2["id"].as_str().unwrap().to_string());
    cleanup.add(&["network", "rbac", "delete", &r1, &r2]);
    parallel(&[
        &|| same_json(&["network", "rbac", "show", &r1], &[]),
        &|| same_text(&["network", "rbac", "show", &r1]),
        &|| {
            same_rows(
                &["network", "rbac", "list", "--long", "--type", "qos_policy", "--target-project", "demo"],
                "ID",
                &[&r1, &r2],
            )
        },
        &|| same_failure(&["network", "rbac", "delete", "no-such-rbac"]),
    ]);
    each_do(&["network", "rbac", "set", "--target-project", "admin", "{}"], &r1, &r2);
    same_shows(&["network", "rbac", "show", "{}"], &r1, &r2, &["id", "object_id"]);
    each_do(&["network", "rbac", "delete", "{}"], &r1, &r2);
    both_do(&["network", "qos", "rule", "delete", &q1, &bw1], &["network", "qos", "rule", "delete", &q2, &bw2]);
    each_do(&["network", "qos", "policy", "delete", "{}"], &q1, &q2);
}

#[test]
fn trunk_subports_and_segments() {
    let Some((ostack, _)) = setup() else { return };
    let net = unique("trunknet");
    let ports: Vec<String> = (0..6).map(|i| unique(&format!("tport{i}"))).collect();
    let (t1, t2) = (unique("trunk"), unique("trunk2"));
    let (g1, g2) = (unique("seg"), unique("seg2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "delete", &net]);
    cleanup.add(&[&["port", "delete"][..], &strs(&ports)].concat());
    cleanup.add(&["network", "trunk", "delete", &t1, &t2]);
    cleanup.add(&["network", "segment", "delete", &g1, &g2]);
    run(&ostack, &["network", "create", &net]);
    run(&ostack, &["subnet", "create", "--network", &net, "--subnet-range", "10.253.0.0/24", &net]);
    for port in &ports {
        run(&ostack, &["port", "create", "--network", &net, port]);
    }
    let create = |name: &str, parent: &str, sub: &str| {
        let subport = format!("port={sub},segmentation-type=vlan,segmentation-id=100");
        ["network", "trunk", "create", "--parent-port", parent, "--subport", &subport, "--description", "d", name]
            .map(str::to_string)
            .to_vec()
    };
    let (a, b) = (create(&t1, &ports[0], &ports[1]), create(&t2, &ports[2], &ports[3]));
    let varying = ["id", "name", "port_id", "created_at", "updated_at"];
    same_create(&strs(&a), &strs(&b), &varying);
    parallel(&[
        &|| same_json(&["network", "trunk", "show", &t1], &[]),
        &|| same_text(&["network", "trunk", "show", &t1]),
        &|| same_rows(&["network", "trunk", "list", "--long"], "Name", &[&t1, &t2]),
        &|| same_json(&["network", "subport", "list", "--trunk", &t1], &[]),
        &|| same_text(&["network", "subport", "list", "--trunk", &t1]),
        &|| same_failure(&["network", "trunk", "delete", &unique("missing-trunk")]),
        &|| same_failure(&["network", "subport", "list", "--trunk", &unique("missing-trunk")]),
        &|| same_json(&["ip", "availability", "show", &net], &[]),
        &|| same_text(&["ip", "availability", "show", &net]),
        &|| same_rows(&["ip", "availability", "list", "--ip-version", "4"], "Network Name", &[&net]),
    ]);
    // a second subport, then the first one removed
    let set = |name: &str, sub: &str| {
        let subport = format!("port={sub},segmentation-type=vlan,segmentation-id=200");
        ["network", "trunk", "set", "--subport", &subport, "--description", "e", name].map(str::to_string).to_vec()
    };
    let (a, b) = (set(&t1, &ports[4]), set(&t2, &ports[5]));
    both_do(&strs(&a), &strs(&b));
    both_do(
        &["network", "trunk", "unset", "--subport", &ports[1], &t1],
        &["network", "trunk", "unset", "--subport", &ports[3], &t2],
    );
    // neutron refuses subports on a disabled trunk: disable it last
    each_do(&["network", "trunk", "set", "--disable", "{}"], &t1, &t2);
    same_shows(&["network", "trunk", "show", "{}"], &t1, &t2, &[&varying[..], &["revision_number"]].concat());
    let subports = json_of(&ostack, &["network", "subport", "list", "--trunk", &t1]);
    assert_eq!(subports.as_array().map(Vec::len), Some(1), "{subports}");
    assert_eq!(subports[0]["Segmentation ID"], 200, "{subports}");
    assert_eq!(value_of(&["network", "trunk", "show", &t1], "is_admin_state_up"), "False");
    // nor deletes a disabled one
    each_do(&["network", "trunk", "set", "--enable", "{}"], &t1, &t2);
    each_do(&["network", "trunk", "delete", "{}"], &t1, &t2);

    // segments: one more on the network by each client
    let segment =
        ["network", "segment", "create", "--network", &net, "--network-type", "vxlan", "--description", "d", "{}"];
    each_create(&segment, &g1, &g2, &["id", "name", "segmentation_id", "created_at", "updated_at"]);
    parallel(&[
        &|| same_json(&["network", "segment", "show", &g1], &[]),
        &|| same_text(&["network", "segment", "show", &g1]),
        &|| same_json(&["network", "segment", "list", "--network", &net, "--long"], &[]),
        &|| same_failure(&["network", "segment", "delete", &unique("missing-segment")]),
    ]);
    each_do(&["network", "segment", "set", "--description", "e", "{}"], &g1, &g2);
    same_shows(
        &["network", "segment", "show", "{}"],
        &g1,
        &g2,
        &["id", "name", "segmentation_id", "created_at", "updated_at"],
    );
    assert_eq!(value_of(&["network", "segment", "show", &g1], "description"), "e");
    each_do(&["network", "segment", "delete", "{}"], &g1, &g2);
}

#[test]
fn meters_and_meter_rules() {
    let Some((ostack, _)) = setup() else { return };
    let (m1, m2) = (unique("meter"), unique("meter2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "meter", "delete", &m1, &m2]);
    each_create(&["network", "meter", "create", "--description", "d", "{}"], &m1, &m2, &["id", "name"]);
    let rule =
        ["network", "meter", "rule", "create", "--remote-ip-prefix", "10.0.0.0/8", "--egress", "--exclude", "{}"];
    let (r1, r2) = each_create(&rule, &m1, &m2, &["id", "metering_label_id"]);
    let (r1, r2) = (r1["id"].as_str().unwrap().to_string(), r2["id"].as_str().unwrap().to_string());
    assert_eq!(value_of(&["network", "meter", "rule", "show", &r1], "is_excluded"), "True");
    parallel(&[
        &|| same_json(&["network", "meter", "show", &m1], &[]),
        &|| same_text(&["network", "meter", "show", &m1]),
        &|| same_rows(&["network", "meter", "list"], "Name", &[&m1, &m2]),
        &|| same_json(&["network", "meter", "rule", "show", &r1], &[]),
        &|| same_text(&["network", "meter", "rule", "show", &r1]),
        &|| same_rows(&["network", "meter", "rule", "list"], "ID", &[&r1, &r2]),
        &|| same_failure(&["network", "meter", "delete", &unique("missing-meter")]),
        &|| same_failure(&["network", "meter", "rule", "delete", "no-such-rule"]),
    ]);
    each_do(&["network", "meter", "rule", "delete", "{}"], &r1, &r2);
    each_do(&["network", "meter", "delete", "{}"], &m1, &m2);
    let left = json_of(&ostack, &["network", "meter", "list"]);
    assert!(!left.to_string().contains(&m1), "{m1} still listed: {left}");
}

#[test]
fn tags_on_networks_routers_groups_floating_ips() {
    let Some((ostack, _)) = setup() else { return };
    let (n1, n2) = (unique("tagnet"), unique("tagnet2"));
    let (r1, r2) = (unique("tagrouter"), unique("tagrouter2"));
    let (s1, s2) = (unique("tagsg"), unique("tagsg2"));
    let tag = unique("tag");
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "delete", &n1, &n2]);
    cleanup.add(&["router", "delete", &r1, &r2]);
    cleanup.add(&["security", "group", "delete", &s1, &s2]);
    let varying = ["id", "name", "created_at", "updated_at", "revision_number", "provider:segmentation_id"];
    parallel(&[
        &|| {
            each_create(&["network", "create", "--tag", "b", "--tag", &tag, "{}"], &n1, &n2, &varying);
        },
        &|| {
            each_create(&["router", "create", "--tag", &tag, "{}"], &r1, &r2, &varying);
        },
        &|| {
            let sg = ["security", "group", "create", "--tag", &tag, "--tag", "b", "{}"];
            each_create(&sg, &s1, &s2, &[&varying[..], &["description", "rules"]].concat());
        },
    ]);
    let both_tags = format!("b,{tag}");
    parallel(&[
        &|| same_rows(&["network", "list", "--tags", &both_tags], "Name", &[&n1, &n2]),
        &|| same_rows(&["network", "list", "--long", "--any-tags", &format!("zz,{tag}")], "Name", &[&n1, &n2]),
        &|| same_rows(&["router", "list", "--tags", &tag], "Name", &[&r1, &r2]),
        &|| same_rows(&["security", "group", "list", "--tags", &both_tags], "Name", &[&s1, &s2]),
        &|| same_text(&["network", "show", &n1, "-c", "tags"]),
        &|| {
            // exclusions: none of this run's networks
            let listed = json_of(&ostack, &["network", "list", "--not-tags", &tag]).to_string();
            assert!(!listed.contains(&n1) && !listed.contains(&n2), "{listed}");
            let listed = json_of(&ostack, &["router", "list", "--not-any-tags", &format!("zz,{tag}")]).to_string();
            assert!(!listed.contains(&r1), "{listed}");
        },
    ]);
    // --no-tag with --tag replaces; unset removes one or all
    parallel(&[
        &|| each_do(&["network", "set", "--no-tag", "--tag", "c", "--tag", "d", "{}"], &n1, &n2),
        &|| each_do(&["router", "set", "--tag", "c", "{}"], &r1, &r2),
        &|| each_do(&["security", "group", "set", "--tag", "c", "{}"], &s1, &s2),
    ]);
    parallel(&[
        &|| each_do(&["network", "unset", "--tag", "c", "{}"], &n1, &n2),
        &|| each_do(&["router", "unset", "--all-tag", "{}"], &r1, &r2),
        &|| each_do(&["security", "group", "unset", "--tag", "b", "{}"], &s1, &s2),
    ]);
    parallel(&[
        &|| same_shows(&["network", "show", "{}"], &n1, &n2, &varying),
        &|| same_shows(&["router", "show", "{}"], &r1, &r2, &varying),
        &|| {
            same_shows(
                &["security", "group", "show", "{}"],
                &s1,
                &s2,
                &[&varying[..], &["rules", "description"]].concat(),
            )
        },
    ]);
    assert_eq!(value_of(&["network", "show", &n1], "tags"), "['d']");
    assert_eq!(value_of(&["router", "show", &r1], "tags"), "[]");
    let sg_tags = value_of(&["security", "group", "show", &s1], "tags");
    assert!(sg_tags.contains(&tag) && sg_tags.contains("'c'") && !sg_tags.contains("'b'"), "{sg_tags}");
}

#[test]
fn network_flavors_profiles_agents_providers() {
    if setup().is_none() {
        return;
    }
    let (f1, f2) = (unique("nflavor"), unique("nflavor2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "flavor", "delete", &f1, &f2]);
    let flavor = ["network", "flavor", "create", "--service-type", "L3_ROUTER_NAT", "--description", "d", "{}"];
    each_create(&flavor, &f1, &f2, &["id", "name"]);
    let driver = "neutron.services.l3_router.service_providers.single_node.SingleNodeDriver";
    let profile = ["network", "flavor", "profile", "create", "--driver", driver, "--description", "d"];
    let (p1, p2) = same_create(&profile, &profile, &["id"]);
    let (p1, p2) = (p1["id"].as_str().unwrap().to_string(), p2["id"].as_str().unwrap().to_string());
    cleanup.add(&["network", "flavor", "profile", "delete", &p1, &p2]);
    both_do(&["network", "flavor", "add", "profile", &f1, &p1], &["network", "flavor", "add", "profile", &f2, &p2]);
    parallel(&[
        &|| same_json(&["network", "flavor", "show", &f1], &[]),
        &|| same_text(&["network", "flavor", "show", &f1]),
        &|| same_rows(&["network", "flavor", "list"], "Name", &[&f1, &f2]),
        &|| same_json(&["network", "flavor", "profile", "show", &p1], &[]),
        &|| same_text(&["network", "flavor", "profile", "show", &p1]),
        &|| same_rows(&["network", "flavor", "profile", "list"], "ID", &[&p1, &p2]),
        &|| same_text(&["network", "service", "provider", "list"]),
        &|| same_json(&["network", "service", "provider", "list"], &[]),
        &|| same_json(&["network", "agent", "list"], &[]),
        &|| same_json(&["network", "agent", "list", "--agent-type", "dhcp", "--long"], &[]),
        &|| same_failure(&["network", "agent", "show", "no-such-agent"]),
        &|| same_failure(&["network", "agent", "delete", "no-such-agent"]),
        &|| same_failure(&["network", "flavor", "delete", &unique("missing-flavor")]),
        &|| same_text(&["extension", "list", "--network"]),
        &|| same_json(&["extension", "list", "--network", "--long"], &[]),
        &|| same_json(&["extension", "show", "trunk"], &[]),
        &|| same_text(&["extension", "show", "Trunk Extension"]),
        &|| same_failure(&["extension", "show", "no-such-extension"]),
        &|| same_json(&["availability", "zone", "list", "--network", "--long"], &[]),
    ]);
    assert!(value_of(&["network", "flavor", "show", &f1], "service_profile_ids").contains(&p1));
    both_do(
        &["network", "flavor", "remove", "profile", &f1, &p1],
        &["network", "flavor", "remove", "profile", &f2, &p2],
    );
    each_do(&["network", "flavor", "set", "--disable", "--description", "e", "{}"], &f1, &f2);
    each_do(&["network", "flavor", "profile", "set", "--disable", "--description", "e", "{}"], &p1, &p2);
    same_shows(&["network", "flavor", "show", "{}"], &f1, &f2, &["id", "name"]);
    same_shows(&["network", "flavor", "profile", "show", "{}"], &p1, &p2, &["id"]);
    assert_eq!(value_of(&["network", "flavor", "show", &f1], "enabled"), "False");
    each_do(&["network", "flavor", "delete", "{}"], &f1, &f2);
    each_do(&["network", "flavor", "profile", "delete", "{}"], &p1, &p2);
}

#[test]
fn floating_ip_port_forwardings_and_tags() {
    let Some((ostack, _)) = setup() else { return };
    let (net, router) = (unique("pfnet"), unique("pfrouter"));
    let (p1, p2) = (unique("pfport"), unique("pfport2"));
    let tag = unique("fiptag");
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "delete", &net]);
    cleanup.add(&["router", "delete", &router]);
    cleanup.add(&["router", "remove", "subnet", &router, &net]);
    cleanup.add(&["port", "delete", &p1, &p2]);
    run(&ostack, &["network", "create", &net]);
    run(&ostack, &["subnet", "create", "--network", &net, "--subnet-range", "10.254.0.0/24", &net]);
    run(&ostack, &["router", "create", "--external-gateway", "public", &router]);
    run(&ostack, &["router", "add", "subnet", &router, &net]);
    run(&ostack, &["port", "create", "--network", &net, &p1]);
    run(&ostack, &["port", "create", "--network", &net, &p2]);
    let fip = ["floating", "ip", "create", "--tag", &tag, "--description", "d", "public"];
    let varying = ["id", "name", "floating_ip_address", "created_at", "updated_at", "revision_number"];
    let (f1, f2) = same_create(&fip, &fip, &varying);
    let (f1, f2) = (f1["id"].as_str().unwrap().to_string(), f2["id"].as_str().unwrap().to_string());
    cleanup.add(&["floating", "ip", "delete", &f1, &f2]);
    let address = |port: &str| {
        let shown = json_of(&ostack, &["port", "show", port]);
        shown["fixed_ips"][0]["ip_address"].as_str().unwrap().to_string()
    };
    let (a1, a2) = (address(&p1), address(&p2));
    let create = |fip: &str, port: &str, address: &str| {
        [
            "floating",
            "ip",
            "port",
            "forwarding",
            "create",
            "--internal-ip-address",
            address,
            "--port",
            port,
            "--internal-protocol-port",
            "80",
            "--external-protocol-port",
            "8080",
            "--protocol",
            "tcp",
            "--description",
            "d",
            fip,
        ]
        .map(str::to_string)
        .to_vec()
    };
    let (c1, c2) = (create(&f1, &p1, &a1), create(&f2, &p2, &a2));
    let pf_varying = ["id", "internal_ip_address", "internal_port_id"];
    let (x1, x2) = same_create(&strs(&c1), &strs(&c2), &pf_varying);
    let (x1, x2) = (x1["id"].as_str().unwrap().to_string(), x2["id"].as_str().unwrap().to_string());
    parallel(&[
        &|| same_json(&["floating", "ip", "port", "forwarding", "show", &f1, &x1], &[]),
        &|| same_text(&["floating", "ip", "port", "forwarding", "show", &f1, &x1]),
        &|| same_json(&["floating", "ip", "port", "forwarding", "list", &f1], &[]),
        &|| same_text(&["floating", "ip", "port", "forwarding", "list", &f1, "--protocol", "tcp", "--port", &p1]),
        &|| same_json(&["floating", "ip", "port", "forwarding", "list", &f1, "--external-protocol-port", "8081"], &[]),
        &|| same_failure(&["floating", "ip", "port", "forwarding", "delete", &f1, "no-such-forwarding"]),
        &|| same_rows(&["floating", "ip", "list", "--tags", &tag], "ID", &[&f1, &f2]),
    ]);
    both_do(
        &[
            "floating",
            "ip",
            "port",
            "forwarding",
            "set",
            "--external-protocol-port",
            "8081",
            "--description",
            "e",
            &f1,
            &x1,
        ],
        &[
            "floating",
            "ip",
            "port",
            "forwarding",
            "set",
            "--external-protocol-port",
            "8081",
            "--description",
            "e",
            &f2,
            &x2,
        ],
    );
    let show =
        |fip: &str, id: &str| ["floating", "ip", "port", "forwarding", "show", fip, id].map(str::to_string).to_vec();
    let (s1, s2) = (show(&f1, &x1), show(&f2, &x2));
    let (j1, j2) = create_both(&strs(&s1), &strs(&s2));
    assert_same(&j1, &j2, &pf_varying, "port forwarding after set");
    assert_eq!(j1["external_port"], 8081, "{j1}");
    both_do(
        &["floating", "ip", "port", "forwarding", "delete", &f1, &x1],
        &["floating", "ip", "port", "forwarding", "delete", &f2, &x2],
    );
    // tags of floating IPs
    each_do(&["floating", "ip", "set", "--tag", "x", "{}"], &f1, &f2);
    each_do(&["floating", "ip", "unset", "--tag", &tag, "{}"], &f1, &f2);
    same_shows(&["floating", "ip", "show", "{}"], &f1, &f2, &varying);
    assert_eq!(value_of(&["floating", "ip", "show", &f1], "tags"), "['x']");
}

#[test]
fn port_set_unset_typed_fields_and_tags() {
    let Some((ostack, _)) = setup() else { return };
    let (net, qos) = (unique("portnet"), unique("portqos"));
    let (p1, p2) = (unique("tport"), unique("tport2"));
    let tag = unique("porttag");
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["network", "delete", &net]);
    cleanup.add(&["network", "qos", "policy", "delete", &qos]);
    cleanup.add(&["port", "delete", &p1, &p2]);
    run(&ostack, &["network", "create", &net]);
    run(&ostack, &["subnet", "create", "--network", &net, "--subnet-range", "10.250.0.0/24", &net]);
    run(&ostack, &["network", "qos", "policy", "create", &qos]);
    let varying =
        ["id", "name", "mac_address", "fixed_ips", "dns_assignment", "created_at", "updated_at", "revision_number"];
    each_create(&["port", "create", "--network", &net, "--tag", &tag, "--tag", "a", "{}"], &p1, &p2, &varying);
    same_rows(&["port", "list", "--network", &net, "--tags", &format!("a,{tag}")], "Name", &[&p1, &p2]);
    // (binding:profile is for the service role on this neutron: not set here)
    let set = [
        "port",
        "set",
        "--allowed-address",
        "ip-address=10.9.9.9,mac-address=fa:16:3e:00:00:01",
        "--allowed-address",
        "ip-address=10.9.9.10",
        "--extra-dhcp-option",
        "name=domain-name,value=x.example",
        "--qos-policy",
        &qos,
        "--no-tag",
        "--tag",
        "b",
        "{}",
    ];
    each_do(&set, &p1, &p2);
    same_shows(&["port", "show", "{}"], &p1, &p2, &varying);
    let shown = json_of(&ostack, &["port", "show", &p1]);
    assert_eq!(shown["allowed_address_pairs"].as_array().map(Vec::len), Some(2), "{shown}");
    assert_eq!(shown["tags"], serde_json::json!(["b"]), "{shown}");
    let unset = [
        "port",
        "unset",
        "--allowed-address",
        "ip-address=10.9.9.9,mac-address=fa:16:3e:00:00:01",
        "--qos-policy",
        "--all-tag",
        "{}",
    ];
    each_do(&unset, &p1, &p2);
    same_shows(&["port", "show", "{}"], &p1, &p2, &varying);
    let shown = json_of(&ostack, &["port", "show", &p1]);
    assert_eq!(shown["allowed_address_pairs"].as_array().map(Vec::len), Some(1), "{shown}");
    assert_eq!(shown["qos_policy_id"], Value::Null, "{shown}");
    assert_eq!(shown["tags"], serde_json::json!([]), "{shown}");
    same_failure(&["port", "unset", "--binding-profile", "nope", &p1]);
}
