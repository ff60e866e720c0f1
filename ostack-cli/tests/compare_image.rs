//! `ostack` against `openstack` 10.5 on the devcloud for the image commands beyond the basics
//! (those are in `compare.rs`): import (`image create --import`, `image stage`, `image import`
//! by glance-direct and web-download), sharing (`image add project`, `image member list|get`,
//! `image set --accept|--reject|--pending` as the member, `image remove project`), tags,
//! properties and (de)activation (`image set`, `image unset`), tasks (`image task list|show`)
//! and metadata definition namespaces (`image metadef namespace ...`, `image metadef resource
//! type list`). Each client works on its own images, named uniquely, compared through
//! [`Twins`] placeholders.

mod common;
use common::compare::*;
use common::twins::Twins;
use serde_json::Value;
use std::io::{Read, Write};

/// Keys that differ between two images made the same way.
const TIMES: &[&str] = &["created_at", "updated_at"];

/// Serve `data` over HTTP on 127.0.0.1 (for web-download) until the test ends.
fn serve(data: Vec<u8>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", data.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&data);
        }
    });
    format!("http://{addr}/disk.img")
}

/// Wait until both images are `active` (imports finish in the background).
fn wait_active(twins: &Twins, image: &str) {
    let (ostack, _) = setup().expect("checked");
    for (_, values) in [("ours", &twins.ours), ("theirs", &twins.theirs)] {
        let id = values.iter().find(|(t, _)| *t == image).map(|(_, v)| v.clone()).unwrap();
        let started = std::time::Instant::now();
        loop {
            let status = run(&ostack, &["image", "show", &id, "-f", "value", "-c", "status"]);
            if status.trim() == "active" {
                break;
            }
            assert!(started.elapsed().as_secs() < 120, "image {id} still {status}");
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
    }
}

#[test]
fn import_share_tag_task_and_metadef_commands_match() {
    let _serial = serial();
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let data: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    let file = std::env::temp_dir().join(format!("ostack-cmp-image-{}.raw", std::process::id()));
    std::fs::write(&file, &data).unwrap();
    let file = file.to_str().unwrap().to_string();
    let name = |what: &str| (unique(&format!("img-{what}-a")), unique(&format!("img-{what}-b")));
    let demo: Value = serde_json::from_str(&run_raw_as("devcloud-demo", &ostack, &["token", "issue", "-f", "json"]).1)
        .expect("a token of the demo cloud");
    let demo_project = demo["project_id"].as_str().unwrap().to_string();

    // image create --import: created, staged and imported with glance-direct
    let (direct_a, direct_b) = name("direct");
    let create = ["image", "create", "--import", "--file", &file, "--tag", "t1", "--property", "p1=v1"];
    let (a, b) = create_both(
        &[&create[..2], &[direct_a.as_str()], &create[2..]].concat(),
        &[&create[..2], &[direct_b.as_str()], &create[2..]].concat(),
    );
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();
    cleanup.add(&["image", "delete", &id(&a)]);
    cleanup.add(&["image", "delete", &id(&b)]);
    let (direct_a_id, direct_b_id) = (id(&a), id(&b));
    let (mut a, mut b) = (a, b);
    for (v, n) in [(&mut a, &direct_a), (&mut b, &direct_b)] {
        let text = v.to_string().replace(&id(v), "ID").replace(n.as_str(), "NAME");
        *v = serde_json::from_str(&text).unwrap();
    }
    // the status is the import's progress at the moment osc looks
    assert_same(
        &a,
        &b,
        &[
            "created_at",
            "updated_at",
            "status",
            "os_glance_import_task",
            "os_glance_importing_to_stores",
            "os_glance_failed_import",
            "stores",
            "checksum",
            "size",
            "os_hash_algo",
            "os_hash_value",
            "virtual_size",
        ],
        "image create --import",
    );

    // image stage + image import (glance-direct), and web-download from the test's server
    let (staged_a, staged_b) = name("staged");
    let (web_a, web_b) = name("web");
    // made by ostack for both: openstack would upload its (non-terminal) stdin as the data
    let made = |name: &str| json_of(&ostack, &["image", "create", name]);
    let (sa, sb) = (made(&staged_a), made(&staged_b));
    cleanup.add(&["image", "delete", &id(&sa)]);
    cleanup.add(&["image", "delete", &id(&sb)]);
    let (wa, wb) = (made(&web_a), made(&web_b));
    cleanup.add(&["image", "delete", &id(&wa)]);
    cleanup.add(&["image", "delete", &id(&wb)]);
    let uri = serve(data.clone());
    let twins = Twins::new(
        vec![
            ("DIRECT", direct_a_id.clone()),
            ("DIRECT_NAME", direct_a.clone()),
            ("STAGED", id(&sa)),
            ("WEB", id(&wa)),
            ("STAGED_NAME", staged_a.clone()),
            ("WEB_NAME", web_a.clone()),
        ],
        vec![
            ("DIRECT", direct_b_id.clone()),
            ("DIRECT_NAME", direct_b.clone()),
            ("STAGED", id(&sb)),
            ("WEB", id(&wb)),
            ("STAGED_NAME", staged_b.clone()),
            ("WEB_NAME", web_b.clone()),
        ],
    );
    // the import's checks, before anything is sent
    twins.same_error(&["image", "import", "STAGED", "--method", "web-download"]);
    twins.same_error(&["image", "import", "STAGED", "--method", "web-download", "--uri", "not-a-url"]);
    twins.same_error(&["image", "import", "STAGED", "--uri", &uri]);
    twins.same_error(&["image", "import", "STAGED", "--method", "copy-image"]);
    twins.same_error(&["image", "import", "STAGED"]);
    twins.ok(&["image", "stage", "STAGED", "--file", &file]);
    twins.json(&["image", "import", "STAGED"], TIMES);
    twins.json(&["image", "import", "WEB", "--method", "web-download", "--uri", &uri], TIMES);
    wait_active(&twins, "DIRECT");
    wait_active(&twins, "STAGED");
    wait_active(&twins, "WEB");
    twins.same_error(&["image", "import", "WEB", "--method", "web-download", "--uri", &uri]);
    let ignore_import = [TIMES, &["os_glance_import_task"][..]].concat();
    let shown = twins.json(&["image", "show", "STAGED"], &ignore_import);
    assert_eq!(shown["size"], 4096, "{shown}");
    twins.json(&["image", "show", "WEB"], &ignore_import);
    twins.json(&["image", "show", "DIRECT"], &ignore_import);

    // tags, properties, (de)activation
    twins.ok(&["image", "set", "STAGED", "--tag", "t2", "--tag", "t3", "--property", "p2=v2", "--property", "p3=v3"]);
    twins.ok(&["image", "unset", "STAGED", "--tag", "t2", "--property", "p2"]);
    let shown = twins.json(&["image", "show", "STAGED"], &ignore_import);
    assert_eq!(shown["tags"], serde_json::json!(["t3"]), "{shown}");
    twins.same_error(&["image", "unset", "STAGED", "--tag", "nope", "--property", "nope"]);
    twins.same_error(&["image", "unset", "STAGED", "--property", "nope"]);
    twins.ok(&["image", "set", "STAGED", "--deactivate"]);
    twins.ok(&["image", "show", "STAGED", "-f", "value", "-c", "status"]);
    twins.ok(&["image", "set", "STAGED", "--activate"]);
    assert_eq!(twins.ok(&["image", "show", "STAGED", "-f", "value", "-c", "status"]), "active\n");
    twins.ok(&["image", "set", "STAGED", "--hidden"]);
    // glance changes the formats of a queued image only; ostack prints glance's reason where
    // openstack prints "Forbidden"
    let (ours, theirs) = twins.run(&["image", "set", "STAGED", "--container-format", "ovf", "--disk-format", "qcow2"]);
    assert_eq!((ours.0, theirs.0), (1, 1), "{ours:?} {theirs:?}");
    assert!(ours.2.contains("can be only replaced for a queued image"), "{}", ours.2);
    twins.json(&["image", "show", "STAGED"], &ignore_import);

    // sharing with the demo project: the owner adds it, the member answers
    twins.ok(&["image", "set", "WEB", "--shared"]);
    let added = twins.json(&["image", "add", "project", "WEB", &demo_project], TIMES);
    assert_eq!(added["status"], "pending", "{added}");
    twins.ok(&["image", "member", "list", "WEB"]);
    twins.json(&["image", "member", "get", "WEB", &demo_project], TIMES);
    let demo_twins = twins.on("devcloud-demo");
    demo_twins.ok(&["image", "set", "WEB", "--accept"]);
    let listed = twins.ok(&["image", "member", "list", "WEB", "-f", "value"]);
    assert!(listed.contains("accepted"), "{listed}");
    demo_twins.ok(&["image", "set", "WEB", "--reject"]);
    twins.ok(&["image", "set", "WEB", "--pending", "--project", &demo_project]);
    twins.ok(&["image", "member", "list", "WEB", "-f", "json"]);
    twins.ok(&["image", "remove", "project", "WEB", &demo_project]);
    twins.same(&["image", "member", "list", "WEB"]);
    // openstacksdk words this 404 "No Member found for None: ..."; both carry glance's reason
    let (ours, theirs) = twins.run(&["image", "member", "get", "WEB", &demo_project]);
    assert_eq!((ours.0, theirs.0), (1, 1), "{ours:?} {theirs:?}");
    for stderr in [&ours.2, &theirs.2] {
        assert!(stderr.contains("not found in the member list of the image WEB"), "{stderr}");
    }

    // tasks: the rows of both lists' common tasks are the same; one shows the same
    let (a, b) = run_both(&["image", "task", "list", "-f", "json"], &["image", "task", "list", "-f", "json"]);
    let (a, b): (Value, Value) = (serde_json::from_str(&a.1).unwrap(), serde_json::from_str(&b.1).unwrap());
    let theirs: Vec<&Value> = b.as_array().unwrap().iter().collect();
    let common: Vec<&Value> =
        a.as_array().unwrap().iter().filter(|row| theirs.iter().any(|t| t["ID"] == row["ID"])).collect();
    assert!(common.len() >= 3, "our imports' tasks in both lists: {a} {b}");
    for row in &common {
        let theirs = theirs.iter().find(|t| t["ID"] == row["ID"]).unwrap();
        if row["Status"] == "success" {
            assert_eq!(row, theirs);
        }
    }
    let task = common.iter().find(|r| r["Status"] == "success").expect("a finished task")["ID"].as_str().unwrap();
    same_json(&["image", "task", "show", task], &[]);
    same_text(&["image", "task", "show", task, "-f", "value", "-c", "properties", "-c", "type"]);
    // openstacksdk words this 404 "No Task found for <id>: ..."; both carry glance's reason
    let missing = ["image", "task", "show", "00000000-0000-4000-8000-000000000000"];
    let (ours, theirs) = run_both(&missing, &missing);
    assert_eq!((ours.0, theirs.0), (1, 1), "{ours:?} {theirs:?}");
    for stderr in [&ours.2, &theirs.2] {
        assert!(stderr.contains("Could not find task 00000000-0000-4000-8000-000000000000"), "{stderr}");
    }

    // metadef namespaces
    let (ns_a, ns_b) = (unique("ns-a"), unique("ns-b"));
    cleanup.add(&["image", "metadef", "namespace", "delete", &ns_a]);
    cleanup.add(&["image", "metadef", "namespace", "delete", &ns_b]);
    let ns = Twins::new(vec![("NS", ns_a.clone())], vec![("NS", ns_b.clone())]);
    ns.json(
        &["image", "metadef", "namespace", "create", "NS", "--display-name", "D", "--description", "d", "--protected"],
        TIMES,
    );
    ns.json(&["image", "metadef", "namespace", "show", "NS"], TIMES);
    ns.ok(&[
        "image",
        "metadef",
        "namespace",
        "set",
        "NS",
        "--description",
        "e",
        "--public",
        "--tag",
        "x",
        "--tag",
        "y",
    ]);
    let shown = ns.json(&["image", "metadef", "namespace", "show", "NS"], TIMES);
    assert_eq!(shown["description"], "e", "{shown}");
    ns.ok(&["image", "metadef", "namespace", "show", "NS", "-f", "value", "-c", "tags"]);
    ns.ok(&["image", "metadef", "namespace", "unset", "NS", "--tag", "x"]);
    ns.same_error(&["image", "metadef", "namespace", "unset", "NS", "--tag", "x"]);
    ns.json(&["image", "metadef", "namespace", "show", "NS"], TIMES);
    ns.ok(&["image", "metadef", "namespace", "unset", "NS", "--all-tags"]);
    same_rows(&["image", "metadef", "namespace", "list"], "namespace", &[&ns_a, &ns_b]);
    same_json(&["image", "metadef", "resource", "type", "list"], &[]);
    ns.ok(&["image", "metadef", "namespace", "set", "NS", "--unprotected"]);
    ns.ok(&["image", "metadef", "namespace", "delete", "NS"]);
    // openstacksdk words this 404 "No MetadefNamespace found for NS: ..."; both carry glance's reason
    let (ours, theirs) = ns.run(&["image", "metadef", "namespace", "show", "NS"]);
    assert_eq!((ours.0, theirs.0), (1, 1), "{ours:?} {theirs:?}");
    for stderr in [&ours.2, &theirs.2] {
        assert!(stderr.contains("Metadata definition namespace=NS was not found"), "{stderr}");
    }
}
