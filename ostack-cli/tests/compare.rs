//! `ostack` against the real `openstack` on the devcloud: the same command on the same cloud
//! state must print the same keys and values (`-f json`), the same `-f value -c ...` and `-f csv`.
//! The comparison helpers are in `tests/common/compare.rs`.

mod common;

use common::compare::*;
use serde_json::Value;
use std::path::PathBuf;

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
    // `reboot --wait` prints what openstack prints once the server is back
    let reboot = ["server", "reboot", "--wait", "--hard", &ours];
    let (mine, theirs) = (run(&ostack, &reboot), run(&openstack, &reboot));
    assert_eq!((mine.as_str(), theirs.as_str()), ("Complete\n", "Complete\n"));
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
    same_text(&["image", "show", &ours, "-f", "value", "-c", "properties"]);
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

/// Run independent checks at once: each `openstack` call takes seconds, most of it starting Python.
macro_rules! at_once {
    ($($check:expr),+ $(,)?) => {
        std::thread::scope(|scope| {
            let handles = [$(scope.spawn(|| { $check; })),+];
            for handle in handles {
                if let Err(panic) = handle.join() {
                    std::panic::resume_unwind(panic);
                }
            }
        })
    };
}

/// A private network and subnet made with `ostack` for a test, deleted last.
fn private_network(cleanup: &mut Cleanup, what: &str, range: &str) -> (String, String) {
    let (ostack, _) = setup().expect("checked by the caller");
    let net = unique(what);
    let sub = format!("{net}-sub");
    cleanup.add(&["network", "delete", &net]);
    run(&ostack, &["network", "create", &net]);
    run(&ostack, &["subnet", "create", &sub, "--network", &net, "--subnet-range", range]);
    (net, sub)
}

#[test]
fn router_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (_, sub) = private_network(&mut cleanup, "rtrnet", "10.74.0.0/24");
    // a router has one port per subnet: the port is on another one
    let (net2, sub2) = private_network(&mut cleanup, "rtrnet2", "10.79.0.0/24");
    let port = format!("{net2}-port");
    cleanup.add(&["port", "delete", &port]);
    let fixed_ip = format!("subnet={sub2},ip-address=10.79.0.20");
    run(&ostack, &["port", "create", &port, "--network", &net2, "--fixed-ip", &fixed_ip]);
    let (ours, theirs) = (unique("rtr"), unique("rtr2"));
    let (plain, plain2, renamed) = (format!("{ours}-plain"), format!("{theirs}-plain"), format!("{theirs}-renamed"));
    for name in [&ours, &theirs, &plain, &plain2, &renamed] {
        cleanup.add(&["router", "delete", name]);
    }
    // (run in reverse: no routes, no interfaces, then the routers can go)
    cleanup.add(&["router", "remove", "port", &ours, &port]);
    cleanup.add(&["router", "remove", "subnet", &ours, &sub]);
    cleanup.add(&["router", "set", &ours, "--no-route"]);
    let varying = ["id", "name", "created_at", "updated_at", "external_fixed_ips"];
    let options = [
        "--external-gateway",
        "public",
        "--disable-snat",
        "--description",
        "d",
        "--disable",
        "--no-ha",
        "--centralized",
    ];
    at_once!(
        {
            let (created, _) = same_create(
                &[&["router", "create", ours.as_str()][..], &options].concat(),
                &[&["router", "create", theirs.as_str()][..], &options].concat(),
                &varying,
            );
            assert_eq!(created["external_gateway_info"]["enable_snat"], false);
            assert_eq!(created["admin_state_up"], false);
        },
        // no gateway
        same_create(&["router", "create", &plain], &["router", "create", &plain2], &varying),
    );
    assert_eq!(run(&ostack, &["router", "delete", &plain, &plain2]), "");
    // interfaces by subnet and by port
    assert_eq!(run(&ostack, &["router", "add", "subnet", &ours, &sub]), "");
    assert_eq!(run(&ostack, &["router", "add", "port", &ours, &port]), "");
    at_once!(same_json(&["router", "show", &ours], &[]), same_text(&["router", "show", &ours]));
    let shown = json_of(&ostack, &["router", "show", &ours]);
    let addresses: Vec<&str> =
        shown["interfaces_info"].as_array().unwrap().iter().map(|i| i["ip_address"].as_str().unwrap()).collect();
    assert_eq!(addresses.len(), 2, "{shown}");
    assert!(addresses.contains(&"10.74.0.1") && addresses.contains(&"10.79.0.20"), "{shown}");
    // set: routes are added to the current ones, the gateway replaced
    let route = |d: &str, g: &str| format!("destination={d},gateway={g}");
    let (route1, route2, route3) =
        (route("10.75.0.0/24", "10.74.0.5"), route("10.76.0.0/24", "10.74.0.6"), route("10.77.0.0/24", "10.74.0.7"));
    let set = [
        "--description",
        "changed",
        "--enable",
        "--route",
        &route1,
        "--external-gateway",
        "public",
        "--enable-snat",
        "--fixed-ip",
        "subnet=public-subnet",
    ];
    assert_eq!(run(&ostack, &[&["router", "set", ours.as_str()][..], &set].concat()), "");
    run(&ostack, &["router", "set", &ours, "--route", &route2]);
    at_once!(
        same_text(&["router", "show", &ours]),
        same_json(&["router", "list", "--name", &ours, "--long"], &[]),
        same_text(&["router", "list", "--name", &ours, "--long"]),
        same_text(&["router", "list", "--name", &ours, "--enable", "-f", "csv"]),
        same_text(&["router", "list", "--name", &ours, "--disable", "-f", "value"]),
    );
    let shown = json_of(&ostack, &["router", "show", &ours]);
    assert_eq!((shown["description"].as_str(), shown["admin_state_up"].as_bool()), (Some("changed"), Some(true)));
    assert_eq!(shown["external_gateway_info"]["enable_snat"], true);
    let public_subnet = json_of(&ostack, &["subnet", "show", "public-subnet"])["id"].clone();
    assert_eq!(shown["external_gateway_info"]["external_fixed_ips"][0]["subnet_id"], public_subnet);
    assert_eq!(shown["routes"].as_array().unwrap().len(), 2, "{shown}");
    // --no-route with --route replaces them
    run(&ostack, &["router", "set", &ours, "--no-route", "--route", &route3]);
    run(&ostack, &["router", "set", &theirs, "--name", &renamed]);
    at_once!(
        same_json(&["router", "show", &ours], &[]),
        same_json(&["router", "show", &renamed], &[]),
        same_failure(&["router", "unset", &ours, "--route", &route("10.99.0.0/24", "10.74.0.9")]),
        same_failure(&["router", "set", &ours, "--disable-snat"]),
    );
    let shown = json_of(&ostack, &["router", "show", &ours]);
    assert_eq!(shown["routes"], serde_json::json!([{"destination": "10.77.0.0/24", "nexthop": "10.74.0.7"}]));
    assert_eq!(
        json_of(&ostack, &["router", "show", &renamed])["id"],
        json_of(&openstack, &["router", "show", &renamed])["id"]
    );
    // unset the route and the gateway; remove the interfaces
    assert_eq!(run(&ostack, &["router", "unset", &ours, "--route", &route3, "--external-gateway"]), "");
    same_text(&["router", "show", &ours]);
    let shown = json_of(&ostack, &["router", "show", &ours]);
    assert_eq!((shown["routes"].clone(), shown["external_gateway_info"].clone()), (serde_json::json!([]), Value::Null));
    assert_eq!(run(&ostack, &["router", "remove", "port", &ours, &port]), "");
    assert_eq!(run(&ostack, &["router", "remove", "subnet", &ours, &sub]), "");
    same_json(&["router", "show", &ours], &[]);
    assert_eq!(json_of(&ostack, &["router", "show", &ours])["interfaces_info"], serde_json::json!([]));
    // delete
    assert_eq!(run(&ostack, &["router", "delete", &ours, &renamed]), "");
    at_once!(
        same_failure(&["router", "show", &ours]),
        same_failure(&["router", "delete", &ours, &renamed]),
        same_failure(&["router", "add", "subnet", &ours, &sub]),
    );
    let (code, _, err) = run_raw(&ostack, &["router", "show", &ours, "-f", "csv"]);
    assert_eq!(code, 2, "show commands have no csv format: {err}");
}

#[test]
fn floating_ip_commands() {
    let _serial = serial();
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (net, sub) = private_network(&mut cleanup, "fipnet", "10.78.0.0/24");
    let router = unique("fiprtr");
    cleanup.add(&["router", "delete", &router]);
    cleanup.add(&["router", "remove", "subnet", &router, &sub]);
    run(&ostack, &["router", "create", &router, "--external-gateway", "public"]);
    run(&ostack, &["router", "add", "subnet", &router, &sub]);
    let ports: Vec<String> = (1..=3).map(|i| format!("{net}-p{i}")).collect();
    for port in &ports {
        cleanup.add(&["port", "delete", port]);
        run(&ostack, &["port", "create", port, "--network", &net]);
    }
    let varying =
        ["id", "name", "floating_ip_address", "fixed_ip_address", "port_id", "mac_address", "created_at", "updated_at"];
    // one associated at once, one not
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();
    let address_of = |port: &str| json_of(&ostack, &["port", "show", port])["fixed_ips"][0]["ip_address"].clone();
    let addresses: Vec<String> = ports.iter().map(|p| address_of(p).as_str().unwrap().to_string()).collect();
    let (ours, theirs) = create_both(
        &[
            "floating",
            "ip",
            "create",
            "public",
            "--port",
            &ports[0],
            "--fixed-ip-address",
            &addresses[0],
            "--description",
            "d",
        ],
        &[
            "floating",
            "ip",
            "create",
            "public",
            "--port",
            &ports[1],
            "--fixed-ip-address",
            &addresses[1],
            "--description",
            "d",
        ],
    );
    cleanup.add(&["floating", "ip", "delete", &id(&ours), &id(&theirs)]);
    let free_options = ["floating", "ip", "create", "public", "--subnet", "public-subnet"];
    let (free, free2) = create_both(&free_options, &free_options);
    cleanup.add(&["floating", "ip", "delete", &id(&free), &id(&free2)]);
    assert_same(&ours, &theirs, &varying, "floating ip create --port");
    assert_same(&free, &free2, &varying, "floating ip create");
    assert_eq!(ours["port_details"]["name"], ports[0].as_str());
    let (ours_id, free_id) = (id(&ours), id(&free));
    let address = ours["floating_ip_address"].as_str().unwrap();
    let fixed = ours["fixed_ip_address"].as_str().unwrap();
    let status = ours["status"].as_str().unwrap();
    at_once!(
        same_json(&["floating", "ip", "show", address], &[]),
        same_text(&["floating", "ip", "show", address]),
        same_text(&["floating", "ip", "show", &free_id]),
        same_json(&["floating", "ip", "list", "--port", &ports[0], "--long"], &[]),
    );
    at_once!(
        same_text(&["floating", "ip", "list", "--port", &ports[0], "--long"]),
        same_text(&["floating", "ip", "list", "--floating-ip-address", address, "--network", "public", "-f", "csv"]),
        same_text(&[
            "floating",
            "ip",
            "list",
            "--router",
            &router,
            "--long",
            "-f",
            "value",
            "-c",
            "ID",
            "-c",
            "Description"
        ]),
        same_text(&["floating", "ip", "list", "--fixed-ip-address", fixed, "--port", &ports[0]]),
        same_rows(&["floating", "ip", "list", "--status", status], "ID", &[&ours_id]),
    );
    // associate, describe, disassociate
    let set = ["--port", &ports[2], "--fixed-ip-address", &addresses[2], "--description", "x"];
    assert_eq!(run(&ostack, &[&["floating", "ip", "set", free_id.as_str()][..], &set].concat()), "");
    at_once!(same_json(&["floating", "ip", "show", &free_id], &[]), same_text(&["floating", "ip", "show", &free_id]));
    let shown = json_of(&ostack, &["floating", "ip", "show", &free_id]);
    let port_id = json_of(&ostack, &["port", "show", &ports[2]])["id"].clone();
    assert_eq!((shown["port_id"].clone(), shown["description"].as_str()), (port_id, Some("x")));
    assert_eq!(shown["fixed_ip_address"], addresses[2].as_str());
    assert_eq!(run(&ostack, &["floating", "ip", "unset", &free_id, "--port"]), "");
    same_json(&["floating", "ip", "show", &free_id], &[]);
    assert_eq!(json_of(&ostack, &["floating", "ip", "show", &free_id])["port_id"], Value::Null);
    // delete by address and by id
    assert_eq!(run(&ostack, &["floating", "ip", "delete", address, &free_id]), "");
    at_once!(same_failure(&["floating", "ip", "show", address]), same_failure(&["floating", "ip", "delete", &free_id]));
}

#[test]
fn security_group_commands() {
    let _serial = serial();
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs, other) = (unique("sg"), unique("sg2"), unique("sg3"));
    let (other2, renamed) = (format!("{other}-b"), format!("{other}-renamed"));
    for name in [&ours, &theirs, &other, &other2, &renamed] {
        cleanup.add(&["security", "group", "delete", name]);
    }
    let varying = ["id", "name", "security_group_id", "created_at", "updated_at", "standard_attr_id"];
    at_once!(
        {
            let (created, _) = same_create(
                &["security", "group", "create", &ours, "--description", "d", "--stateless"],
                &["security", "group", "create", &theirs, "--description", "d", "--stateless"],
                &varying,
            );
            assert_eq!(created["stateful"], false);
        },
        {
            // the description defaults to the name
            let (created, _) = same_create(
                &["security", "group", "create", &other],
                &["security", "group", "create", &other2],
                &[&varying[..], &["description"]].concat(),
            );
            assert_eq!(created["description"], other.as_str());
        },
    );
    run(&ostack, &["security", "group", "delete", &other2]);
    // rule variants (both groups' rules refer to the same remote group) and refused ones
    let rules: [&[&str]; 4] = [
        &["--protocol", "tcp", "--dst-port", "22"],
        &[
            "--protocol",
            "UDP",
            "--dst-port",
            "8000:8080",
            "--egress",
            "--ethertype",
            "ipv6",
            "--description",
            "d d",
            "--remote-group",
            &other,
        ],
        &["--protocol", "icmp", "--icmp-type", "8", "--icmp-code", "0", "--remote-ip", "10.0.0.0/8"],
        &["--protocol", "any", "--ingress", "--ethertype", "IPv6"],
    ];
    fn create<'a>(group: &'a str, options: &[&'a str]) -> Vec<&'a str> {
        [&["security", "group", "rule", "create", group][..], options].concat()
    }
    let rule_ids: Vec<String> = rules
        .iter()
        .map(|options| {
            let (a, b) = create_both(&create(&ours, options), &create(&theirs, options));
            assert_same(&a, &b, &["id", "security_group_id", "created_at", "updated_at"], &format!("{options:?}"));
            a["id"].as_str().unwrap().to_string()
        })
        .collect();
    at_once!(
        same_failure(&create(&ours, &["--protocol", "tcp", "--icmp-type", "8"])),
        same_failure(&create(&ours, &["--protocol", "icmp", "--icmp-code", "1"])),
        same_failure(&create(&ours, &["--protocol", "icmp", "--dst-port", "22", "--icmp-type", "3"])),
        same_json(&["security", "group", "show", &ours], &[]),
    );
    at_once!(
        same_text(&["security", "group", "show", &ours]),
        same_text(&["security", "group", "show", &ours, "-f", "value", "-c", "rules"]),
        same_json(&["security", "group", "rule", "list", &ours], &[]),
        same_text(&["security", "group", "rule", "list", &ours]),
    );
    let all_rules = json_of(&ostack, &["security", "group", "rule", "list", &ours]);
    let ids: Vec<&str> = all_rules.as_array().unwrap().iter().map(|r| r["ID"].as_str().unwrap()).collect();
    let group = json_of(&ostack, &["security", "group", "show", &ours]);
    let project = group["project_id"].as_str().unwrap();
    at_once!(
        same_text(&["security", "group", "rule", "list", &ours, "--protocol", "TCP", "--ingress"]),
        same_text(&["security", "group", "rule", "list", &ours, "--egress", "--ethertype", "ipv4", "-f", "csv"]),
        same_everything(&["security", "group", "rule", "list", &ours, "--long", "-f", "value"]),
        same_rows(&["security", "group", "rule", "list"], "ID", &ids),
    );
    at_once!(
        same_json(&["security", "group", "rule", "show", &rule_ids[1]], &[]),
        same_text(&["security", "group", "rule", "show", &rule_ids[1]]),
        same_text(&["security", "group", "rule", "show", &rule_ids[2]]),
        same_rows(&["security", "group", "list"], "Name", &[&ours, &theirs, &other]),
        same_rows(
            &["security", "group", "list", "--project", project, "--no-share"],
            "Name",
            &[&ours, &theirs, &other]
        ),
    );
    // a port in the group, by name
    let (net, _) = private_network(&mut cleanup, "sgnet", "10.80.0.0/24");
    let port = format!("{net}-port");
    cleanup.add(&["port", "delete", &port]);
    run(&ostack, &["port", "create", &port, "--network", &net, "--security-group", &ours]);
    assert_eq!(json_of(&ostack, &["port", "show", &port])["security_group_ids"], serde_json::json!([group["id"]]));
    assert_eq!(run(&ostack, &["port", "delete", &port]), "");
    same_failure(&["port", "create", &port, "--network", &net, "--security-group", "ostack-cmp-no-such-group"]);
    let everywhere = json_of(&ostack, &["security", "group", "rule", "list"]);
    assert!(everywhere.as_array().unwrap().iter().any(|r| r["Security Group"] == group["id"]), "{everywhere}");
    // set
    assert_eq!(run(&ostack, &["security", "group", "set", &ours, "--description", "changed", "--stateful"]), "");
    run(&ostack, &["security", "group", "set", &other, "--name", &renamed]);
    at_once!(
        same_json(&["security", "group", "show", &ours], &[]),
        same_json(&["security", "group", "show", &renamed], &[])
    );
    let shown = json_of(&ostack, &["security", "group", "show", &ours]);
    assert_eq!((shown["description"].as_str(), shown["stateful"].as_bool()), (Some("changed"), Some(true)));
    // delete
    assert_eq!(run(&ostack, &["security", "group", "rule", "delete", &rule_ids[0]]), "");
    assert_eq!(run(&ostack, &["security", "group", "delete", &theirs, &ours, &renamed]), "");
    at_once!(
        same_failure(&["security", "group", "rule", "show", &rule_ids[0]]),
        same_failure(&["security", "group", "rule", "delete", &rule_ids[0]]),
        same_failure(&["security", "group", "show", &ours]),
        same_failure(&["security", "group", "delete", &ours]),
    );
}

/// The warm `openstack` of the test runner (scripts/openstack-forkserver + openstack-fast)
/// prints, fails and exits exactly as the real one: its own forkserver, three commands each.
#[test]
fn the_warm_openstack_is_the_real_one() {
    let Some((_, _)) = setup() else { return };
    let venv = common::devcloud_dir().join("venv/bin");
    let scripts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts");
    let socket = std::env::temp_dir().join(format!("ostack-forkserver-test-{}.sock", std::process::id()));
    let mut server = std::process::Command::new(venv.join("python"))
        .arg(scripts.join("openstack-forkserver"))
        .arg(&socket)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the forkserver starts");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !socket.exists() {
        assert!(std::time::Instant::now() < deadline, "the forkserver made no socket in 60 s");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let clouds = common::devcloud_dir().join("clouds.yaml");
    let run = |bin: PathBuf, args: &[&str]| {
        let output = std::process::Command::new(bin)
            .args(args)
            .env("OS_CLIENT_CONFIG_FILE", &clouds)
            .env("OSTACK_OPENSTACK_FORKSERVER", &socket)
            .env("OSTACK_OPENSTACK_REAL", venv.join("openstack"))
            .output()
            .expect("runs");
        (output.status.code(), output.stdout, String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let missing = unique("missing");
    let commands: [&[&str]; 3] = [
        &["--os-cloud", "devcloud", "flavor", "show", "m1.tiny", "-f", "json"],
        &["--os-cloud", "devcloud", "network", "show", &missing],
        &["--os-cloud", "devcloud", "server", "create"],
    ];
    let exits: Vec<Option<i32>> = std::thread::scope(|scope| {
        let pairs: Vec<_> = commands
            .iter()
            .map(|args| {
                let warm = scope.spawn(|| run(scripts.join("openstack-fast"), args));
                let real = scope.spawn(|| run(venv.join("openstack"), args));
                (args, warm, real)
            })
            .collect();
        pairs
            .into_iter()
            .map(|(args, warm, real)| {
                let (warm, real) = (warm.join().unwrap(), real.join().unwrap());
                assert_eq!(warm, real, "warm vs real openstack for {args:?}");
                real.0
            })
            .collect()
    });
    assert_eq!(exits, [Some(0), Some(1), Some(2)], "a success, an API error and a usage error");
    drop(server.stdin.take());
    assert!(server.wait().expect("the forkserver ends").success(), "the forkserver ends with its stdin");
    let _ = std::fs::remove_file(&socket);
}
