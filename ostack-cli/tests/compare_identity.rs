//! `ostack` against the real `openstack` for the identity commands: the same command on the
//! same cloud state prints the same JSON, the same `-f value -c ...`, the same table, and fails
//! the same way (stderr and exit code). Helpers in `tests/common/compare.rs`.

mod common;

use common::compare::*;

/// `text` with every 32-hex-digit keystone id replaced by `<id>`.
fn without_ids(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() == 32 { "<id>" } else { &run });
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

#[test]
fn domain_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs) = (unique("dom"), unique("dom2"));
    for name in [&ours, &theirs] {
        cleanup.add(&["domain", "delete", name]);
        cleanup.add(&["domain", "set", "--disable", name]);
    }
    let (a, b) = same_create(
        &["domain", "create", &ours, "--description", "made by ostack"],
        &["domain", "create", &theirs, "--description", "made by ostack"],
        &["id", "name"],
    );
    assert_eq!(a["options"], serde_json::json!({}));
    assert_eq!(b["enabled"], true);
    same_json(&["domain", "show", "default"], &[]);
    same_text(&["domain", "show", "default"]);
    same_text(&["domain", "show", "default", "-f", "value", "-c", "name", "-c", "enabled"]);
    same_json(&["domain", "list"], &[]);
    same_text(&["domain", "list", "--name", &ours, "-f", "value", "-c", "ID", "-c", "Name"]);
    same_failure(&["domain", "show", "ostack-no-such-domain"]);

    // set on one, compare shows with the other set the same way by openstack
    run(&ostack, &["domain", "set", &ours, "--description", "changed", "--disable"]);
    run(&openstack, &["domain", "set", &theirs, "--description", "changed", "--disable"]);
    let (x, y) = (json_of(&ostack, &["domain", "show", &ours]), json_of(&openstack, &["domain", "show", &theirs]));
    assert_same(&x, &y, &["id", "name"], "domain set");
    assert_eq!(x["enabled"], false);
    // an enabled domain cannot be deleted; a missing one fails the same way in both
    same_failure(&["domain", "delete", "ostack-no-such-domain"]);
    let (a, _) = run_both(&["domain", "delete", &ours], &["domain", "delete", &theirs]);
    assert_eq!(a.0, 0, "{}", a.2);
}

#[test]
fn project_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (parent, ours, theirs) = (unique("parent"), unique("proj"), unique("proj2"));
    cleanup.add(&["project", "delete", &parent]);
    cleanup.add(&["project", "delete", &ours]);
    cleanup.add(&["project", "delete", &theirs]);
    run(&ostack, &["project", "create", &parent, "--domain", "default"]);
    let (a, _) = same_create(
        &["project", "create", &ours, "--parent", &parent, "--description", "d", "--tag", "t1", "--property", "k=v"],
        &["project", "create", &theirs, "--parent", &parent, "--description", "d", "--tag", "t1", "--property", "k=v"],
        &["id", "name"],
    );
    assert_eq!(a["k"], "v", "unknown attributes show as they are: {a}");
    same_json(&["project", "show", &ours], &[]);
    same_text(&["project", "show", &ours]);
    same_text(&["project", "show", &ours, "-f", "value", "-c", "parent_id", "-c", "tags"]);
    same_json(&["project", "list"], &[]);
    same_json(&["project", "list", "--long", "--domain", "default"], &[]);
    same_json(&["project", "list", "--parent", &parent], &[]);
    same_text(&["project", "list", "--tags", "t1", "-f", "value", "-c", "Name"]);
    same_text(&["project", "list", "--my-projects", "-f", "value"]);
    same_failure(&["project", "show", "ostack-no-such-project"]);
    same_failure(&["project", "list", "--domain", "ostack-no-such-domain"]);
    // keystone names the id it would have given in the conflict: compare without it
    let (a, b) = run_both(&["project", "create", &ours], &["project", "create", &ours]);
    assert_eq!((a.0, without_ids(&a.2)), (b.0, without_ids(&b.2)), "project create conflict");
    assert_eq!(a.0, 1);

    for (bin, name) in [(&ostack, &ours), (&openstack, &theirs)] {
        run(bin, &["project", "set", name, "--tag", "t2", "--description", "e", "--disable"]);
    }
    let (x, y) = (json_of(&ostack, &["project", "show", &ours]), json_of(&openstack, &["project", "show", &theirs]));
    assert_same(&x, &y, &["id", "name"], "project set");
    assert_eq!((x["tags"].clone(), x["enabled"].clone()), (serde_json::json!(["t1", "t2"]), false.into()));
    for (bin, name) in [(&ostack, &ours), (&openstack, &theirs)] {
        run(bin, &["project", "set", name, "--remove-tag", "t1"]);
    }
    let (x, y) = (json_of(&ostack, &["project", "show", &ours]), json_of(&openstack, &["project", "show", &theirs]));
    assert_same(&x, &y, &["id", "name"], "project set --remove-tag");

    same_failure(&["project", "delete", "ostack-no-such-project"]);
    let (a, b) = run_both(&["project", "delete", &ours], &["project", "delete", &theirs]);
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
}

#[test]
fn role_commands_and_assignments() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs, project) = (unique("role"), unique("role2"), unique("rproj"));
    cleanup.add(&["project", "delete", &project]);
    cleanup.add(&["role", "delete", &ours]);
    cleanup.add(&["role", "delete", &theirs]);
    run(&ostack, &["project", "create", &project]);
    same_create(
        &["role", "create", &ours, "--description", "d"],
        &["role", "create", &theirs, "--description", "d"],
        &["id", "name"],
    );
    same_json(&["role", "show", &ours], &[]);
    same_text(&["role", "show", "member", "-f", "value", "-c", "name", "-c", "domain_id"]);
    same_json(&["role", "list"], &[]);
    same_text(&["role", "list", "-f", "value", "-c", "Name"]);
    same_failure(&["role", "show", "ostack-no-such-role"]);

    // grants made by one client are seen the same way by both
    run(&ostack, &["role", "add", "--user", "admin", "--project", &project, &ours]);
    run(&openstack, &["role", "add", "--user", "admin", "--project", &project, &theirs]);
    run(&ostack, &["role", "add", "--user", "admin", "--domain", "default", "--inherited", &ours]);
    same_json(&["role", "assignment", "list", "--project", &project], &[]);
    same_json(&["role", "assignment", "list", "--project", &project, "--names"], &[]);
    same_json(&["role", "assignment", "list", "--user", "admin", "--effective", "--names"], &[]);
    same_json(&["role", "assignment", "list", "--role", &ours, "--inherited"], &[]);
    same_text(&["role", "assignment", "list", "--system", "all", "--user", "admin"]);
    same_text(&["role", "assignment", "list", "--project", &project, "-f", "value", "-c", "Role", "-c", "Inherited"]);
    same_failure(&["role", "add", "--user", "admin", &ours]);
    same_failure(&["role", "add", "--user", "ostack-no-such-user", "--project", &project, &ours]);
    run(&ostack, &["role", "remove", "--user", "admin", "--domain", "default", "--inherited", &ours]);
    run(&ostack, &["role", "remove", "--user", "admin", "--project", &project, &theirs]);
    run(&openstack, &["role", "remove", "--user", "admin", "--project", &project, &ours]);
    let left = json_of(&ostack, &["role", "assignment", "list", "--project", &project]);
    assert_eq!(left, serde_json::json!([]), "every grant was revoked");
    same_failure(&["role", "delete", "ostack-no-such-role"]);
}
