//! `ostack` against `openstack` (python-openstackclient 10.5) on the devcloud for the image
//! commands added last: metadef objects, properties and resource type associations, the stores
//! and import info.
//!
//! One metadef namespace of this run holds what each client makes under its own name; outputs
//! are compared once what differs between two resources (names, times) is left out. Independent
//! calls run at once; nothing sleeps.

mod common;
use common::compare::*;

use serde_json::{json, Value};

/// `args` with `{}` replaced by `name`.
fn with(args: &[&str], name: &str) -> Vec<String> {
    args.iter().map(|a| if *a == "{}" { name.to_string() } else { a.to_string() }).collect()
}

/// The same command (`{}` the resource) by each client on its own resource; same output.
fn each_do(args: &[&str], ours: &str, theirs: &str) {
    let (a, b) = (with(args, ours), with(args, theirs));
    let (x, y) = run_both(&strs(&a), &strs(&b));
    assert_eq!(succeeded("ostack", &strs(&a), x), succeeded("openstack", &strs(&b), y), "{a:?} / {b:?}");
}

/// `-f json` of the same command (`{}` the resource) by each client on its own resource,
/// compared without `ignore`.
fn each_json(args: &[&str], ours: &str, theirs: &str, ignore: &[&str]) -> (Value, Value) {
    let (a, b) = (with(args, ours), with(args, theirs));
    let (a, b) = ([strs(&a), vec!["-f", "json"]].concat(), [strs(&b), vec!["-f", "json"]].concat());
    let (x, y) = run_both(&a, &b);
    let x: Value = serde_json::from_str(&succeeded("ostack", &a, x)).expect("ostack printed JSON");
    let y: Value = serde_json::from_str(&succeeded("openstack", &b, y)).expect("openstack printed JSON");
    assert_same(&x, &y, ignore, &format!("{a:?} / {b:?}"));
    (x, y)
}

#[test]
fn metadef_objects_properties_and_associations() {
    if setup().is_none() {
        return;
    }
    let ns = unique("mdns");
    let (o1, o2) = (unique("obj"), unique("obj2"));
    let (p1, p2) = (unique("prop"), unique("prop2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["image", "metadef", "namespace", "delete", &ns]);
    let (ostack, _) = setup().unwrap();
    run(&ostack, &["image", "metadef", "namespace", "create", &ns]);
    let times = ["name", "created_at", "updated_at"];
    let schema = r#"{"description": "a colour", "enum": ["red", "blue"], "default": "red"}"#;
    parallel(&[
        &|| {
            let (x, _) =
                each_json(&["image", "metadef", "object", "create", "--namespace", &ns, "{}"], &o1, &o2, &times);
            assert_eq!(x["namespace_name"], json!(ns), "{x}");
        },
        &|| {
            let create = [
                "image", "metadef", "property", "create", "--name", "{}", "--title", "Colour", "--type", "string",
                "--schema", schema, &ns,
            ];
            let (x, _) = each_json(&create, &p1, &p2, &["name"]);
            assert_eq!(x["enum"], json!(["red", "blue"]), "{x}");
        },
        &|| {
            let create = [
                "image",
                "metadef",
                "resource",
                "type",
                "association",
                "create",
                &ns,
                "{}",
                "--properties-target",
                "t",
            ];
            let ignore = ["id", "name", "created_at", "updated_at"];
            let (x, _) = each_json(&create, "OS::Nova::Flavor", "OS::Cinder::Volume", &ignore);
            assert_eq!(x["properties_target"], json!("t"));
        },
    ]);
    let props = [&p1, &p2].map(|p| p.to_string());
    parallel(&[
        &|| {
            each_json(&["image", "metadef", "object", "show", &ns, "{}"], &o1, &o2, &times);
        },
        &|| same_text(&["image", "metadef", "object", "list", &ns, "-f", "json", "--sort-column", "name"]),
        &|| {
            each_json(&["image", "metadef", "property", "show", &ns, "{}"], &p1, &p2, &["name"]);
        },
        &|| same_text(&["image", "metadef", "property", "list", &ns, "--sort-column", "name"]),
        &|| same_text(&["image", "metadef", "resource", "type", "association", "list", &ns, "--sort-column", "Name"]),
        &|| same_failure(&["image", "metadef", "object", "property", "show", &ns, &o1, "nope"]),
        &|| {
            same_failure(&[
                "image",
                "metadef",
                "property",
                "create",
                "--name",
                "x",
                "--title",
                "X",
                "--type",
                "string",
                "--schema",
                "{}",
                "ostack-cmp-no-such-ns",
            ])
        },
        &|| same_text(&["image", "stores", "list"]),
        &|| same_json(&["image", "stores", "list", "--detail"], &[]),
        &|| same_text(&["image", "import", "info"]),
        &|| same_json(&["image", "import", "info"], &[]),
        &|| assert!(props.iter().all(|p| !p.is_empty())),
    ]);
    let (o1n, o2n) = (format!("{o1}-new"), format!("{o2}-new"));
    parallel(&[
        &|| {
            let (a, b) = (
                with(&["image", "metadef", "object", "update", &ns, "{}", "--name"], &o1),
                with(&["image", "metadef", "object", "update", &ns, "{}", "--name"], &o2),
            );
            let (a, b) = ([strs(&a), vec![o1n.as_str()]].concat(), [strs(&b), vec![o2n.as_str()]].concat());
            let (x, y) = run_both(&a, &b);
            assert_eq!(succeeded("ostack", &a, x), succeeded("openstack", &b, y));
        },
        &|| {
            each_do(
                &[
                    "image",
                    "metadef",
                    "property",
                    "set",
                    "--title",
                    "Hue",
                    "--schema",
                    r#"{"default": "blue"}"#,
                    &ns,
                    "{}",
                ],
                &p1,
                &p2,
            )
        },
    ]);
    parallel(&[
        &|| {
            let (x, _) = each_json(&["image", "metadef", "object", "show", &ns, "{}"], &o1n, &o2n, &times);
            assert_eq!(x["name"], json!(o1n));
        },
        &|| {
            let (x, _) = each_json(&["image", "metadef", "property", "show", &ns, "{}"], &p1, &p2, &["name"]);
            assert_eq!((&x["title"], &x["default"]), (&json!("Hue"), &json!("blue")), "{x}");
        },
    ]);
    parallel(&[
        &|| each_do(&["image", "metadef", "object", "delete", &ns, "{}"], &o1n, &o2n),
        &|| each_do(&["image", "metadef", "property", "delete", &ns, "{}"], &p1, &p2),
        &|| same_failure(&["image", "metadef", "object", "delete", &ns, "nope"]),
        &|| same_failure(&["image", "metadef", "property", "delete", &ns, "nope"]),
        &|| {
            // the same failure, but for the URL: ostack encodes the colons of the path
            let (code, _, stderr) = run_raw(
                &ostack,
                &["image", "metadef", "resource", "type", "association", "delete", &ns, "OS::No::Such"],
            );
            assert_eq!(code, 1, "{stderr}");
            assert!(stderr.starts_with("Failed to delete resource type with name or ID 'OS::No::Such': NotFoundException: 404: Client Error for url: "), "{stderr}");
            assert!(
                stderr.contains(", 404 Not Found: Failed to find resource type OS::No::Such to delete\n1 of "),
                "{stderr}"
            );
        },
    ]);
    // each client removes one association; then nothing is left
    let (a, b) = (
        ["image", "metadef", "resource", "type", "association", "delete", &ns, "OS::Nova::Flavor"],
        ["image", "metadef", "resource", "type", "association", "delete", &ns, "OS::Cinder::Volume"],
    );
    let (x, y) = run_both(&a, &b);
    assert_eq!(succeeded("ostack", &a, x), succeeded("openstack", &b, y));
    let listed = run(&ostack, &["image", "metadef", "resource", "type", "association", "list", &ns, "-f", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&listed).unwrap(), json!([]));
    let objects = run(&ostack, &["image", "metadef", "object", "list", &ns, "-f", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&objects).unwrap(), json!([]));
}

/// `-f json` of a client given `data` on its stdin (a pipe).
fn piped(bin: &std::path::Path, args: &[&str], data: &[u8]) -> Value {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::devcloud_dir().join("clouds.yaml"));
    let mut child = Command::new(bin)
        .args(["--os-cloud", "devcloud"])
        .args(args)
        .args(["-f", "json"])
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env_remove("OS_CLOUD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    child.stdin.take().expect("a stdin pipe").write_all(data).expect("data written");
    let output = child.wait_with_output().expect("the client ran");
    assert!(output.status.success(), "{} {args:?}: {}", bin.display(), String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// `image create` without `--file` uploads what comes on stdin (a pipe), as openstack does; then
/// `image list` filters and sorts them alike.
#[test]
fn image_create_reads_stdin_and_list_filters() {
    if setup().is_none() {
        return;
    }
    let (ostack, openstack) = setup().unwrap();
    let (a, b) = (unique("stdin"), unique("stdin2"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["image", "delete", &a, &b]);
    let data = b"image data from a pipe\n".repeat(1000);
    let mark = format!("ostack_cmp_run={}", unique("mark"));
    let (x, y) = std::thread::scope(|scope| {
        let ours = scope
            .spawn(|| piped(&ostack, &["image", "create", &a, "--disk-format", "raw", "--property", &mark], &data));
        let theirs = piped(&openstack, &["image", "create", &b, "--disk-format", "raw", "--property", &mark], &data);
        (ours.join().expect("the ostack thread"), theirs)
    });
    for key in ["status", "size", "checksum", "disk_format", "container_format", "os_hash_algo", "os_hash_value"] {
        assert_eq!(x[key], y[key], "{key}: ostack {x} / openstack {y}");
    }
    assert_eq!((x["status"].as_str(), x["size"].as_u64()), (Some("active"), Some(data.len() as u64)), "{x}");
    // the two images of this run, by their property: the same table, sorted either way
    let rows = |listed: String| listed.lines().filter(|l| l.contains("ostack-cmp-stdin")).count();
    let sorted =
        run(&ostack, &["image", "list", "--property", &mark, "--sort", "name:desc", "-f", "value", "-c", "Name"]);
    assert_eq!(sorted.lines().collect::<Vec<_>>(), vec![b.as_str(), a.as_str()], "{sorted}");
    parallel(&[
        &|| same_text(&["image", "list", "--long", "--property", &mark]),
        &|| same_text(&["image", "list", "--property", &mark, "--sort", "name:desc,size"]),
        &|| same_text(&["image", "list", "--property", &mark, "--member-status", "all", "--all"]),
        &|| same_text(&["image", "list", "--property", &mark, "--hidden"]),
        &|| {
            same_text(&[
                "image",
                "list",
                "--property",
                &mark,
                "--project",
                "admin",
                "--project-domain",
                "Default",
                "-f",
                "json",
            ])
        },
        &|| same_failure(&["image", "list", "--property", &mark, "--sort", "name:up"]),
        &|| assert_eq!(rows(run(&ostack, &["image", "list", "--property", &mark])), 2),
    ]);
}
