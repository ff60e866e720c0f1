//! `ostack` against the real `openstack` for the object store commands: `container
//! create|list|show|set|unset|delete|save`, `object create|list|show|set|unset|delete|save`,
//! `object store account show|set|unset`. The same command on the same cloud state must print
//! the same thing (request ids aside); then ostack's extensions (segmented upload, stdin and
//! stdout streams, temp URLs) are checked against what `openstack` and plain HTTP see.

mod common;

use common::compare::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Run a client in `dir` (for `container save` and `object save`, which write relative paths).
fn run_in(dir: &Path, bin: &PathBuf, args: &[&str], stdin: Option<&[u8]>) -> Ran {
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::devcloud_dir().join("clouds.yaml"));
    let mut command = Command::new(bin);
    command
        .args(["--os-cloud", "devcloud"])
        .args(args)
        .current_dir(dir)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env_remove("OS_CLOUD")
        .env("OSTACK_CACHE_DIR", std::env::temp_dir().join(format!("ostack-compare-cache-{}", std::process::id())))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let input = child.stdin.take().expect("piped");
    let data = stdin.map(<[u8]>::to_vec);
    let writer = std::thread::spawn(move || {
        if let Some(data) = data {
            let mut input = input;
            std::io::Write::write_all(&mut input, &data).expect("stdin written");
        }
    });
    let output = child.wait_with_output().expect("the client ran");
    writer.join().expect("stdin thread");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// stderr with swift's transaction ids masked (they differ between any two requests).
fn masked(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("Request-ID: tx") {
        out.push_str(&rest[..i + "Request-ID: ".len()]);
        let tail = &rest[i + "Request-ID: ".len()..];
        let end = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(tail.len());
        out.push_str("<tx>");
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The same failure from both: exit code, stdout and stderr with request ids masked.
fn same_swift_failure(args: &[&str]) {
    let (a, b) = run_both(args, args);
    assert_ne!(a.0, 0, "{args:?} should fail");
    assert_eq!((a.0, a.1, masked(&a.2)), (b.0, b.1, masked(&b.2)), "ostack vs openstack for {args:?}");
}

/// Both clients' JSON, each for its own command.
fn pair_json(ours: &[&str], theirs: &[&str]) -> (Value, Value) {
    let (ours, theirs) = ([ours, &["-f", "json"]].concat(), [theirs, &["-f", "json"]].concat());
    let (a, b) = run_both(&ours, &theirs);
    let a = serde_json::from_str(&succeeded("ostack", &ours, a)).expect("ostack printed JSON");
    let b = serde_json::from_str(&succeeded("openstack", &theirs, b)).expect("openstack printed JSON");
    (a, b)
}

/// Both succeed (commands that print nothing).
fn both_succeed(ours: &[&str], theirs: &[&str]) {
    let (a, b) = run_both(ours, theirs);
    succeeded("ostack", ours, a);
    succeeded("openstack", theirs, b);
}

#[test]
fn containers_and_objects_like_openstack() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let prefix = unique("swift");
    let (mine, theirs) = (format!("{prefix}-a"), format!("{prefix}-b"));
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["container", "delete", "--recursive", &mine]);
    cleanup.add(&["container", "delete", "--recursive", &theirs]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hello.txt");
    std::fs::write(&file, "hello, swift\n").unwrap();
    let file = file.to_str().unwrap();

    // create: each client its own container; the rows match but for the name and transaction
    let (a, b) = pair_json(&["container", "create", "--public", &mine], &["container", "create", "--public", &theirs]);
    assert_same(&a, &b, &["container", "x-trans-id"], "container create");
    assert_eq!(a[0]["container"], Value::from(mine.as_str()));
    assert!(a[0]["x-trans-id"].as_str().is_some_and(|t| t.starts_with("tx")), "{a}");

    // set and unset properties, then both show both containers alike
    both_succeed(
        &["container", "set", &mine, "--property", "color=blue", "--property", "Size=L", "--property", "gone=x"],
        &["container", "set", &theirs, "--property", "color=blue", "--property", "Size=L", "--property", "gone=x"],
    );
    both_succeed(
        &["container", "unset", &mine, "--property", "gone"],
        &["container", "unset", &theirs, "--property", "gone"],
    );
    same_json(&["container", "show", &mine], &[]);
    let (a, b) = pair_json(&["container", "show", &mine], &["container", "show", &theirs]);
    assert_same(&a, &b, &["container"], "container show after set/unset");
    assert_eq!(a["properties"], serde_json::json!({"Color": "blue", "Size": "L"}));
    same_text(&["container", "show", &mine]);
    same_text(&["container", "show", &mine, "-f", "value", "-c", "read_acl", "-c", "properties"]);

    // objects: a file under its path and under --name, in each container
    let (a, b) = pair_json(&["object", "create", &mine, file], &["object", "create", &theirs, file]);
    assert_same(&a, &b, &["container"], "object create");
    let (a, b) = pair_json(
        &["object", "create", &mine, file, "--name", "dir/a b.txt"],
        &["object", "create", &theirs, file, "--name", "dir/a b.txt"],
    );
    assert_same(&a, &b, &["container"], "object create --name");
    for name in ["dir/b.txt", "dir/sub/c.txt", "top.txt"] {
        run(&ostack, &["object", "create", &mine, file, "--name", name]);
    }

    // listings of one container, every option
    same_json(&["object", "list", &mine], &[]);
    same_json(&["object", "list", &mine, "--long"], &[]);
    same_json(&["object", "list", &mine, "--prefix", "dir/", "--long"], &[]);
    same_json(&["object", "list", &mine, "--delimiter", "/"], &[]);
    same_json(&["object", "list", &mine, "--limit", "2", "--marker", "dir/a b.txt"], &[]);
    same_json(&["object", "list", &mine, "--end-marker", "dir/sub", "--all"], &[]);
    same_text(&["object", "list", &mine, "--long", "-f", "csv"]);
    same_text(&["object", "list", &mine]);
    same_json(&["container", "list", "--prefix", &prefix, "--long"], &[]);
    same_json(&["container", "list", "--prefix", &prefix, "--limit", "1"], &[]);
    same_json(&["container", "list", "--prefix", &prefix, "--marker", &mine, "--all"], &[]);
    same_text(&["container", "list", "--prefix", &prefix]);

    // object show, set, unset
    both_succeed(
        &["object", "set", &mine, "top.txt", "--property", "kind=greeting", "--property", "Lang=en"],
        &["object", "set", &theirs, file, "--property", "kind=greeting", "--property", "Lang=en"],
    );
    same_json(&["object", "show", &mine, "top.txt"], &[]);
    same_text(&["object", "show", &mine, "top.txt"]);
    same_text(&["object", "show", &mine, "dir/a b.txt"]);
    let (a, b) = pair_json(&["object", "show", &mine, "top.txt"], &["object", "show", &theirs, file]);
    assert_same(&a, &b, &["container", "object", "last-modified"], "object show after set");
    assert_eq!(a["properties"], serde_json::json!({"Kind": "greeting", "Lang": "en"}));
    // A deliberate difference: swift's object POST replaces all metadata, so `openstack object
    // unset` (and a later `object set`) drops every other property; ostack keeps them.
    run(&ostack, &["object", "unset", &mine, "top.txt", "--property", "lang"]);
    run(&ostack, &["object", "set", &mine, "top.txt", "--property", "extra=1"]);
    let shown = json_of(&ostack, &["object", "show", &mine, "top.txt"]);
    assert_eq!(shown["properties"], serde_json::json!({"Kind": "greeting", "Extra": "1"}));
    assert_eq!(shown["content-type"], Value::from("text/plain"));

    // save: an object to a file, to stdout, a whole container into a directory
    let (ours_dir, theirs_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let args = ["object", "save", &mine, "dir/a b.txt"];
    succeeded("ostack", &args, run_in(ours_dir.path(), &ostack, &args, None));
    succeeded("openstack", &args, run_in(theirs_dir.path(), &openstack, &args, None));
    assert_eq!(std::fs::read(ours_dir.path().join("dir/a b.txt")).unwrap(), b"hello, swift\n");
    same_text(&["object", "save", &mine, "top.txt", "--file", "-"]);
    let args = ["container", "save", &mine];
    let (ours_dir, theirs_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    succeeded("ostack", &args, run_in(ours_dir.path(), &ostack, &args, None));
    succeeded("openstack", &args, run_in(theirs_dir.path(), &openstack, &args, None));
    for name in ["dir/a b.txt", "dir/b.txt", "dir/sub/c.txt", "top.txt"] {
        let ours = std::fs::read(ours_dir.path().join(name)).unwrap();
        assert_eq!(ours, std::fs::read(theirs_dir.path().join(name)).unwrap(), "{name}");
    }
    // an object name cannot make ostack write outside the directory (openstack writes /tmp/...):
    // `container save` skipped it with a warning, `object save` refuses it
    let (code, _, stderr) = run_in(ours_dir.path(), &ostack, &["object", "save", &mine, file], None);
    assert_ne!(code, 0);
    assert!(stderr.contains("outside the current directory"), "{stderr}");

    // failures, word for word (request ids aside)
    same_swift_failure(&["container", "show", &format!("{prefix}-missing")]);
    same_swift_failure(&["object", "show", &mine, "missing"]);
    same_swift_failure(&["object", "list", &format!("{prefix}-missing")]);
    same_swift_failure(&["container", "delete", &mine]);
    same_swift_failure(&["object", "create", &mine, "/nonexistent/file"]);
    same_swift_failure(&["object", "create", &mine, file, file, "--name", "x"]);

    // delete objects, then the containers (one emptied by --recursive)
    both_succeed(&["object", "delete", &mine, "top.txt", "dir/b.txt"], &["object", "delete", &theirs, file]);
    same_swift_failure(&["object", "show", &mine, "top.txt"]);
    both_succeed(&["container", "delete", "--recursive", &mine], &["container", "delete", "-r", &theirs]);
    same_json(&["container", "list", "--prefix", &prefix], &[]);
}

#[test]
fn account_show_set_unset_like_openstack() {
    let _serial = serial();
    let Some((ostack, _)) = setup() else { return };
    let key = unique("acct");
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["object", "store", "account", "unset", "--property", &key]);
    run(&ostack, &["object", "store", "account", "set", "--property", &format!("{key}=v1")]);
    let (a, _) = both_json(&["object", "store", "account", "show"]);
    same_json(&["object", "store", "account", "show"], &[]);
    let properties = a["properties"].as_object().expect("properties");
    assert!(properties.keys().any(|k| k.eq_ignore_ascii_case(&key)), "{a}");
    same_text(&["object", "store", "account", "show", "-f", "value", "-c", "Account"]);
    run(&ostack, &["object", "store", "account", "unset", "--property", &key]);
    let (a, _) = both_json(&["object", "store", "account", "show"]);
    assert!(!a
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| p.keys().any(|k| k.eq_ignore_ascii_case(&key))));
}

#[test]
fn segmented_upload_stdin_stdout_and_temp_urls() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let container = unique("swift-ext");
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["container", "delete", "--recursive", &format!("{container}_segments")]);
    cleanup.add(&["container", "delete", "--recursive", &container]);
    cleanup.add(&["object", "store", "account", "unset", "--property", "Temp-URL-Key"]);
    run(&ostack, &["container", "create", &container]);
    let dir = tempfile::tempdir().unwrap();
    let data: Vec<u8> = (0..3_500_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let file = dir.path().join("big.bin");
    std::fs::write(&file, &data).unwrap();

    // a static large object in 1 MiB segments, 3 at a time: openstack reads it back whole
    let out = run(
        &ostack,
        &[
            "object",
            "create",
            &container,
            file.to_str().unwrap(),
            "--name",
            "big.bin",
            "--segment-size",
            "1M",
            "--segment-threads",
            "3",
            "-f",
            "json",
        ],
    );
    let row: Value = serde_json::from_str(&out).unwrap();
    assert!(row[0]["etag"].as_str().is_some_and(|e| e.starts_with('"')), "an SLO manifest ETag: {row}");
    let segments = run(&ostack, &["object", "list", &format!("{container}_segments"), "-f", "value"]);
    assert_eq!(segments.lines().count(), 4, "{segments}");
    let args = ["object", "save", &container, "big.bin", "--file", "copy.bin"];
    succeeded("openstack", &args, run_in(dir.path(), &openstack, &args, None));
    assert!(std::fs::read(dir.path().join("copy.bin")).unwrap() == data, "openstack read the SLO back whole");
    same_json(&["object", "show", &container, "big.bin"], &[]);

    // stdin in, stdout out
    let args = ["object", "create", &container, "-", "--name", "from-stdin"];
    succeeded("ostack", &args, run_in(dir.path(), &ostack, &args, Some(&data[..100_000])));
    let (code, stdout, stderr) =
        run_in(dir.path(), &ostack, &["object", "save", &container, "from-stdin", "--file", "-"], None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout == String::from_utf8_lossy(&data[..100_000]), "stdout carries the object");
    let (code, _, stderr) = run_in(dir.path(), &ostack, &["object", "create", &container, "-"], Some(b"x"));
    assert_ne!(code, 0);
    assert!(stderr.contains("needs --name"), "{stderr}");

    // a temp URL works with no token (curl), for the account key set through osc's property
    run(&ostack, &["object", "store", "account", "set", "--property", "Temp-URL-Key=ostack-compare-key"]);
    let shown = run(&openstack, &["object", "store", "account", "show", "-f", "json"]);
    assert!(shown.contains("ostack-compare-key"), "{shown}");
    let made =
        run(&ostack, &["object", "temp", "url", "create", &container, "from-stdin", "--expires", "300", "-f", "json"]);
    let made: Value = serde_json::from_str(&made).unwrap();
    let url = made["url"].as_str().expect("a url");
    let fetched = Command::new("curl").args(["-sS", "-f", url]).output().expect("curl");
    assert!(fetched.status.success(), "{}", String::from_utf8_lossy(&fetched.stderr));
    assert_eq!(fetched.stdout, &data[..100_000]);
    let sha512 = run(
        &ostack,
        &["object", "temp", "url", "create", &container, "big.bin", "--digest", "sha512", "-f", "value", "-c", "url"],
    );
    let fetched = Command::new("curl").args(["-sS", "-f", sha512.trim()]).output().expect("curl");
    assert!(fetched.status.success() && fetched.stdout == data, "sha512 temp URL of the SLO");
    // a wrong method is refused
    let refused = Command::new("curl")
        .args(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "DELETE", url])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&refused.stdout), "401");
    run(&ostack, &["object", "store", "account", "unset", "--property", "Temp-URL-Key"]);
}

/// `script` runs `command` with its stdout and stderr on a pseudo-terminal; what the terminal
/// showed (progress bars included) comes back, escape codes and all.
fn on_a_terminal(dir: &Path, command: &str) -> String {
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::devcloud_dir().join("clouds.yaml"));
    let output = Command::new("script")
        .args(["-qfec", command, "/dev/null"])
        .current_dir(dir)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env_remove("OS_CLOUD")
        .env("OSTACK_CACHE_DIR", std::env::temp_dir().join(format!("ostack-compare-cache-{}", std::process::id())))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    let shown = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{command} on a terminal failed: {shown}");
    shown
}

#[test]
fn progress_bars_on_a_terminal_only() {
    let _serial = serial();
    let Some((ostack, _)) = setup() else { return };
    let container = unique("swift-bars");
    let mut cleanup = Cleanup(Vec::new());
    cleanup.add(&["container", "delete", "--recursive", &container]);
    run(&ostack, &["container", "create", &container]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("two.bin"), vec![42u8; 2 * 1024 * 1024]).unwrap();
    let ostack = format!("'{}' --os-cloud devcloud", ostack.display());

    // upload and download on a terminal: a bar with the object's size as its total
    let shown = on_a_terminal(dir.path(), &format!("{ostack} object create {container} two.bin -f value -c object"));
    assert!(shown.contains("/2.00 MiB"), "an upload bar out of 2.00 MiB: {shown:?}");
    assert!(shown.contains("two.bin"), "the command's own output too: {shown:?}");
    let shown = on_a_terminal(dir.path(), &format!("{ostack} object save {container} two.bin --file copy.bin"));
    assert!(shown.contains("/2.00 MiB"), "a download bar out of 2.00 MiB: {shown:?}");
    assert_eq!(std::fs::read(dir.path().join("copy.bin")).unwrap(), vec![42u8; 2 * 1024 * 1024]);

    // piped (as in scripts and every other test here): no bar, nothing on stderr
    let args = ["object", "save", &container, "two.bin", "--file", "again.bin"];
    let (code, stdout, stderr) = run_in(dir.path(), &setup().unwrap().0, &args, None);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""), "no bar when stderr is a pipe");
}
