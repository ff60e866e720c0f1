//! `ostack` against the real `openstack` on the devcloud for what is attached to and detached
//! from a server (`server add|remove fixed ip|floating ip|port|network|security group|volume`,
//! `server volume list|set`) and its consoles (`console log show`, `console url show`). One
//! server (on a network routed to `public`, for the floating IP) is shared by the whole file;
//! its fixtures are made with `ostack`, side by side.

mod common;

use common::compare::*;
use serde_json::Value;
use std::path::PathBuf;

/// Run these `ostack` commands at once; each must succeed.
fn all_at_once(ostack: &PathBuf, commands: &[Vec<&str>]) -> Vec<String> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = commands.iter().map(|args| scope.spawn(move || run(ostack, args))).collect();
        handles.into_iter().map(|h| h.join().expect("an ostack thread")).collect()
    })
}

/// The server's ports as neutron lists them (through `openstack`, whose `port list` has
/// `--server`): (id, fixed IP addresses).
fn ports_of(openstack: &PathBuf, server: &str) -> Vec<(String, Vec<String>)> {
    let ports = json_of(openstack, &["port", "list", "--server", server]);
    let rows = ports.as_array().cloned().unwrap_or_default();
    rows.iter()
        .map(|p| {
            let ips = p["Fixed IP Addresses"].as_array().cloned().unwrap_or_default();
            let ips = ips.iter().filter_map(|ip| ip["ip_address"].as_str().map(str::to_string)).collect();
            (p["ID"].as_str().unwrap_or_default().to_string(), ips)
        })
        .collect()
}

/// Poll until `done` holds for the server's ports (nova detaches in the background).
fn until_ports(openstack: &PathBuf, server: &str, what: &str, done: impl Fn(&[(String, Vec<String>)]) -> bool) {
    let mut last = Vec::new();
    for _ in 0..300 {
        last = ports_of(openstack, server);
        if done(&last) {
            return;
        }
    }
    panic!("{what}: ports of {server} never settled: {last:?}");
}

/// Poll until the volume has `status`.
fn until_volume(ostack: &PathBuf, volume: &str, status: &str) {
    let mut last = Value::Null;
    for _ in 0..300 {
        last = json_of(ostack, &["volume", "show", volume]);
        if last["status"] == status {
            return;
        }
    }
    panic!("volume {volume} never became {status}: {last}");
}

#[test]
fn server_attachments() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let base = unique("att");
    let (net, sub, router, vm) = (format!("{base}-net"), format!("{base}-sub"), format!("{base}-r"), base.clone());
    let (vol1, vol2, sg1, sg2) =
        (format!("{base}-v1"), format!("{base}-v2"), format!("{base}-sg1"), format!("{base}-sg2"));
    for v in [&vol1, &vol2] {
        cleanup.add(&["volume", "delete", v]);
    }
    cleanup.add(&["security", "group", "delete", &sg1, &sg2]);
    cleanup.add(&["network", "delete", &net]);
    cleanup.add(&["port", "delete", &format!("{base}-port")]);
    cleanup.add(&["router", "delete", &router]);
    cleanup.add(&["router", "remove", "subnet", &router, &sub]);
    cleanup.add(&["server", "delete", "--wait", &vm]);

    run(&ostack, &["network", "create", &net]);
    let creates = [
        vec!["subnet", "create", &sub, "--network", &net, "--subnet-range", "10.211.0.0/24"],
        vec!["router", "create", &router, "--external-gateway", "public"],
        vec!["volume", "create", &vol1, "--size", "1"],
        vec!["volume", "create", &vol2, "--size", "1"],
        vec!["security", "group", "create", &sg1],
        vec!["security", "group", "create", &sg2],
    ];
    all_at_once(&ostack, &creates);
    let fip_out = std::thread::scope(|scope| {
        let fip = scope.spawn(|| json_of(&ostack, &["floating", "ip", "create", "public"]));
        run(&ostack, &["router", "add", "subnet", &router, &sub]);
        let boot = ["server", "create", &vm, "--flavor", "m1.tiny", "--image", "cirros", "--network", &net, "--wait"];
        run(&ostack, &boot);
        fip.join().expect("the floating ip thread")
    });
    let fip = fip_out["floating_ip_address"].as_str().expect("a floating IP").to_string();
    cleanup.0.insert(0, vec!["floating".into(), "ip".into(), "delete".into(), fip.clone()]);
    until_volume(&ostack, &vol1, "available");
    until_volume(&ostack, &vol2, "available");

    // console log show (the fake driver's three lines) and console url show (a new token each time)
    same_everything(&["console", "log", "show", &vm]);
    same_everything(&["console", "log", "show", "--lines", "1", &vm]);
    for kind in ["--novnc", "--serial", "--spice"] {
        let (ours, theirs) = both_json(&["console", "url", "show", kind, &vm]);
        assert_same(&ours, &theirs, &["url"], "console url show");
        let prefix = |v: &Value| v["url"].as_str().and_then(|u| u.split("token").next()).map(str::to_string);
        assert_eq!(prefix(&ours), prefix(&theirs), "{ours} vs {theirs}");
    }

    // add fixed ip: the new interface, shown the same way
    let ours = json_of(&ostack, &["server", "add", "fixed", "ip", &vm, &net, "--fixed-ip-address", "10.211.0.50"]);
    let theirs = json_of(&openstack, &["server", "add", "fixed", "ip", &vm, &net, "--fixed-ip-address", "10.211.0.51"]);
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(keys(&ours), keys(&theirs), "server add fixed ip: {ours} vs {theirs}");
    assert_same(&ours, &theirs, &["Port ID", "MAC Address", "Fixed IPs", "Port State"], "server add fixed ip");
    assert_eq!(ours["Fixed IPs"][0]["ip_address"], "10.211.0.50", "{ours}");
    let (port50, port51) = (ours["Port ID"].as_str().unwrap().to_string(), theirs["Port ID"].as_str().unwrap());
    let (code, out, err) =
        run_raw(&ostack, &["server", "add", "fixed", "ip", &vm, &net, "--tag", "t", "-f", "value", "-c", "Tag"]);
    assert_eq!((code, out.as_str()), (0, "t\n"), "{err}");

    // remove port (ours) and remove fixed ip (nova's removeFixedIp, which ostack sends at 2.43)
    assert_eq!(run(&ostack, &["server", "remove", "port", &vm, &port50]), "");
    assert_eq!(run(&ostack, &["server", "remove", "fixed", "ip", &vm, "10.211.0.51"]), "");
    until_ports(&openstack, &vm, "remove port and fixed ip", |ports| {
        ports.iter().all(|(id, ips)| id != &port50 && !ips.contains(&"10.211.0.51".to_string()))
    });
    let _ = port51;
    same_failure(&["server", "remove", "port", &vm, "no-such-port"]);

    // remove network: every port of the network; add network and add port bring them back
    assert_eq!(run(&ostack, &["server", "remove", "network", &vm, &net]), "");
    until_ports(&openstack, &vm, "remove network", |ports| ports.is_empty());
    let port = json_of(&ostack, &["port", "create", "--network", &net, &format!("{base}-port")]);
    let port_id = port["id"].as_str().unwrap().to_string();
    // one after the other: nova refuses a second attachment while one is in progress
    assert_eq!(run(&ostack, &["server", "add", "port", &vm, &port_id]), "");
    assert_eq!(run(&openstack, &["server", "add", "network", &vm, &net]), "");
    assert_eq!(ports_of(&openstack, &vm).len(), 2);

    // floating ip through neutron
    same_failure(&["server", "add", "floating", "ip", &vm, &fip, "--fixed-ip-address", "10.9.9.9"]);
    let fixed = ports_of(&openstack, &vm).into_iter().find(|(id, _)| id == &port_id).unwrap().1[0].clone();
    assert_eq!(run(&ostack, &["server", "add", "floating", "ip", &vm, &fip, "--fixed-ip-address", &fixed]), "");
    let shown = json_of(&openstack, &["floating", "ip", "show", &fip]);
    assert_eq!((&shown["port_id"], &shown["fixed_ip_address"]), (&Value::from(port_id.as_str()), &Value::from(fixed)));
    assert_eq!(run(&ostack, &["server", "remove", "floating", "ip", &vm, &fip]), "");
    assert_eq!(json_of(&openstack, &["floating", "ip", "show", &fip])["port_id"], Value::Null);
    assert_eq!(run(&ostack, &["server", "add", "floating", "ip", &vm, &fip]), "");
    assert!(json_of(&openstack, &["floating", "ip", "show", &fip])["port_id"].is_string());
    run(&openstack, &["server", "remove", "floating", "ip", &vm, &fip]);

    // security groups: added to every port, shown the same by both
    assert_eq!(run(&ostack, &["server", "add", "security", "group", &vm, &sg1, &sg2]), "");
    // nova lists each port's groups in the order neutron happens to answer: compared sorted
    let (mut ours, mut theirs) = both_json(&["server", "show", &vm]);
    let sorted = |v: &mut Value| {
        let mut names: Vec<String> =
            v["security_groups"].as_array().unwrap().iter().map(|g| g["name"].to_string()).collect();
        names.sort();
        v["security_groups"] = Value::from(names);
    };
    sorted(&mut ours);
    sorted(&mut theirs);
    assert_same(&ours, &theirs, &[], "server show after server add security group");
    assert!(ours["security_groups"].to_string().contains(&sg2), "{ours}");
    // (a group added twice fails too, with neutron's request id in the message: not compared)
    same_failure(&["server", "add", "security", "group", &vm, "no-such-group"]);
    assert_eq!(run(&ostack, &["server", "remove", "security", "group", &vm, &sg1]), "");
    let groups = json_of(&openstack, &["server", "show", &vm])["security_groups"].to_string();
    assert!(groups.contains(&sg2) && !groups.contains(&sg1), "{groups}");
    same_failure(&["server", "remove", "security", "group", &vm, "no-such-group"]);

    // volumes: add (ours and theirs), list, set, remove
    let ours = json_of(&ostack, &["server", "add", "volume", &vm, &vol1, "--enable-delete-on-termination"]);
    let theirs = json_of(&openstack, &["server", "add", "volume", &vm, &vol2, "--enable-delete-on-termination"]);
    assert_eq!(keys(&ours), keys(&theirs), "server add volume: {ours} vs {theirs}");
    assert_same(&ours, &theirs, &["ID", "Volume ID", "Device"], "server add volume");
    assert_eq!(ours["Delete On Termination"], Value::Bool(true));
    same_json(&["server", "volume", "list", &vm], &[]);
    same_text(&["server", "volume", "list", &vm]);
    assert_eq!(run(&ostack, &["server", "volume", "set", &vm, &vol1, "--preserve-on-termination"]), "");
    assert_eq!(run(&ostack, &["server", "volume", "update", &vm, &vol2, "--preserve-on-termination"]), "");
    let listed = json_of(&openstack, &["server", "volume", "list", &vm]);
    assert!(listed.as_array().unwrap().iter().all(|a| a["Delete On Termination?"] == Value::Bool(false)), "{listed}");
    assert_eq!(run(&ostack, &["server", "remove", "volume", &vm, &vol1]), "");
    run(&openstack, &["server", "remove", "volume", &vm, &vol2]);
    until_volume(&ostack, &vol1, "available");
    until_volume(&ostack, &vol2, "available");
    same_failure(&["server", "remove", "volume", &vm, &vol1]);
}
