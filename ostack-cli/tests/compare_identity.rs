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

/// `args` run by `bin` as another user (`--os-username`/`--os-password` over the admin cloud, on
/// the admin project).
fn as_user(bin: &std::path::PathBuf, user: &str, password: &str, args: &[&str]) -> Ran {
    let mut all = vec!["--os-username", user, "--os-password", password, "--os-project-name", "admin"];
    all.extend_from_slice(args);
    run_raw(bin, &all)
}

#[test]
fn user_and_group_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs, project) = (unique("user"), unique("user2"), unique("uproj"));
    let (group, group2) = (unique("group"), unique("group2"));
    cleanup.add(&["project", "delete", &project]);
    for name in [&ours, &theirs] {
        cleanup.add(&["user", "delete", name]);
    }
    for name in [&group, &group2] {
        cleanup.add(&["group", "delete", name]);
    }
    run(&ostack, &["project", "create", &project]);
    let create = |name: &str| {
        [
            "user",
            "create",
            name,
            "--password",
            "s3cret-create",
            "--email",
            "e@example.org",
            "--description",
            "d",
            "--project",
            "admin",
            "--project-domain",
            "default",
            "--ignore-password-expiry",
            "--multi-factor-auth-rule",
            "password,totp",
        ]
        .map(String::from)
    };
    let (a, b) = (create(&ours), create(&theirs));
    let (a, b) = (a.iter().map(String::as_str).collect::<Vec<_>>(), b.iter().map(String::as_str).collect::<Vec<_>>());
    let (x, _) = same_create(&a, &b, &["id", "name"]);
    assert_eq!(x["options"]["ignore_password_expiry"], true, "{x}");
    assert_eq!(x["email"], "e@example.org");
    same_json(&["user", "show", &ours], &[]);
    same_text(&["user", "show", &ours, "--domain", "default"]);
    same_text(&["user", "show", &ours, "-f", "value", "-c", "email", "-c", "options", "-c", "enabled"]);
    same_rows(&["user", "list", "--long"], "Name", &[&ours, &theirs]);
    same_rows(&["user", "list", "--domain", "default", "--enabled"], "Name", &[&ours, &theirs]);
    same_failure(&["user", "show", "ostack-no-such-user"]);
    same_failure(&["user", "delete", "ostack-no-such-user"]);
    same_failure(&["user", "list", "--project", &project, "--limit", "1"]);
    // an existing name: the warning about the missing password, then the existing user
    same_everything(&["user", "create", &ours, "--or-show", "-f", "json"]);

    // set by each client on its own user: the same shows
    let set = ["--email", "f@example.org", "--description", "e", "--disable", "--enable-lock-password"];
    let (a, b) =
        run_both(&[&["user", "set", &ours][..], &set].concat(), &[&["user", "set", &theirs][..], &set].concat());
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
    let (x, y) = (json_of(&ostack, &["user", "show", &ours]), json_of(&openstack, &["user", "show", &theirs]));
    assert_same(&x, &y, &["id", "name"], "user set");
    assert_eq!((x["enabled"].clone(), x["options"]["lock_password"].clone()), (false.into(), true.into()));
    run(&ostack, &["user", "set", &ours, "--enable", "--disable-lock-password"]);

    // groups
    let (x, _) = same_create(
        &["group", "create", &group, "--description", "g", "--domain", "default"],
        &["group", "create", &group2, "--description", "g", "--domain", "default"],
        &["id", "name"],
    );
    assert_eq!(x["description"], "g");
    same_json(&["group", "show", &group], &[]);
    same_text(&["group", "show", &group, "--domain", "default"]);
    same_text(&["group", "show", &group, "-f", "value", "-c", "name", "-c", "domain_id"]);
    same_rows(&["group", "list", "--long"], "Name", &[&group, &group2]);
    same_everything(&["group", "create", &group, "--or-show", "-f", "json"]);
    run(&ostack, &["group", "add", "user", &group, &ours, &theirs, "--user-domain", "default"]);
    same_everything(&["group", "contains", "user", &group, &ours]);
    same_everything(&["group", "contains", "user", &group, "ostack-no-such-user"]);
    same_everything(&["group", "contains", "user", &group2, &ours, "--group-domain", "default"]);
    same_json(&["user", "list", "--group", &group, "--long"], &[]);
    same_json(&["group", "list", "--user", &ours], &[]);
    same_failure(&["group", "add", "user", &group, "ostack-no-such-user", &ours]);
    same_failure(&["group", "show", "ostack-no-such-group"]);

    // grants to a group and to a user, as both clients list them
    run(&ostack, &["role", "add", "--group", &group, "--project", &project, "member"]);
    run(&ostack, &["role", "add", "--user", &ours, "--project", &project, "reader"]);
    run(&openstack, &["role", "add", "--group", &group2, "--domain", "default", "--inherited", "reader"]);
    same_json(&["role", "assignment", "list", "--group", &group, "--names"], &[]);
    same_json(&["role", "assignment", "list", "--project", &project, "--effective", "--names"], &[]);
    same_json(&["role", "assignment", "list", "--group", &group2, "--domain", "default", "--inherited"], &[]);
    same_text(&["user", "list", "--project", &project, "-f", "value", "-c", "Name"]);
    run(&ostack, &["role", "remove", "--group", &group2, "--domain", "default", "--inherited", "reader"]);
    run(&openstack, &["role", "remove", "--group", &group, "--project", &project, "member"]);
    let left = json_of(&ostack, &["role", "assignment", "list", "--project", &project]);
    assert_eq!(left.as_array().map(Vec::len), Some(1), "only the user's grant is left: {left}");

    // membership removed by one client is seen by the other
    run(&openstack, &["group", "remove", "user", &group, &theirs]);
    let members = json_of(&ostack, &["user", "list", "--group", &group]);
    assert_eq!(members.as_array().map(Vec::len), Some(1), "{members}");
    run(&ostack, &["group", "remove", "user", &group, &ours]);
    same_everything(&["group", "contains", "user", &group, &ours]);
    same_failure(&["group", "remove", "user", &group, &ours]);

    let set = ["--description", "h"];
    run(&ostack, &[&["group", "set", &group][..], &set].concat());
    run(&openstack, &[&["group", "set", &group2][..], &set].concat());
    let (x, y) = (json_of(&ostack, &["group", "show", &group]), json_of(&openstack, &["group", "show", &group2]));
    assert_same(&x, &y, &["id", "name"], "group set");
    same_failure(&["group", "delete", "ostack-no-such-group"]);
    let (a, b) = run_both(&["group", "delete", &group], &["group", "delete", &group2]);
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
    let (a, b) = run_both(&["user", "delete", &ours], &["user", "delete", &theirs]);
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
}

#[test]
fn user_password_set() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let user = unique("pwuser");
    cleanup.add(&["user", "delete", &user]);
    let (first, second, third) = ("ostack-pw-ONE-9f3", "ostack-pw-TWO-7c1", "ostack-pw-THREE-2b8");
    run(&ostack, &["user", "create", &user, "--password", first]);
    run(&ostack, &["role", "add", "--user", &user, "--project", "admin", "reader"]);

    // without a terminal and without --original-password, both refuse to read one
    let args = ["user", "password", "set", "--password", second];
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| as_user(&ostack, &user, first, &args));
        (a.join().unwrap(), as_user(&openstack, &user, first, &args))
    });
    assert_eq!((a.0, &a.2), (b.0, &b.2), "no terminal");
    assert_eq!(a.2.trim(), "No terminal detected attempting to read password");

    // ostack changes it, logging at trace level: neither password is printed
    let mut args = vec!["--debug", "user", "password", "set", "--password", second, "--original-password", first];
    let (code, out, err) = as_user(&ostack, &user, first, &args);
    assert_eq!(code, 0, "{err}");
    for secret in [first, second] {
        assert!(!out.contains(secret) && !err.contains(secret), "a password was printed");
    }
    // openstack logs in with the new one and changes it again; ostack logs in with that
    let (code, _, err) = as_user(&openstack, &user, second, &["token", "issue", "-f", "value", "-c", "user_id"]);
    assert_eq!(code, 0, "openstack with the password ostack set: {err}");
    // (openstack: ostack may answer from its token cache)
    assert_ne!(as_user(&openstack, &user, first, &["token", "issue"]).0, 0, "the old password still works");
    args.remove(0);
    args[4] = third;
    args[6] = second;
    let (code, _, err) = as_user(&openstack, &user, second, &args);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = as_user(&ostack, &user, third, &["token", "issue", "-f", "value", "-c", "user_id"]);
    assert_eq!(code, 0, "ostack with the password openstack set: {err}");
    // a wrong original password fails the same way in both
    let args = ["user", "password", "set", "--password", first, "--original-password", "wrong-one"];
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| as_user(&ostack, &user, third, &args));
        (a.join().unwrap(), as_user(&openstack, &user, third, &args))
    });
    assert_eq!((a.0, without_ids(&a.2)), (b.0, without_ids(&b.2)), "wrong original password");
}

#[test]
fn catalog_service_endpoint_region_commands() {
    let _serial = serial();
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (region, region2) = (unique("region"), unique("region2"));
    let (service, service2) = (unique("svc"), unique("svc2"));
    let project = unique("eproj");
    for r in [&region, &region2] {
        cleanup.add(&["region", "delete", r]);
    }
    for s in [&service, &service2] {
        cleanup.add(&["service", "delete", s]);
    }
    cleanup.add(&["project", "delete", &project]);

    let (x, _) = same_create(
        &["region", "create", &region, "--parent-region", "RegionOne", "--description", "r"],
        &["region", "create", &region2, "--parent-region", "RegionOne", "--description", "r"],
        &["region"],
    );
    assert_eq!(x["parent_region"], "RegionOne");
    same_json(&["region", "show", &region], &[]);
    same_text(&["region", "show", &region]);
    same_rows(&["region", "list"], "Region", &[&region, &region2]);
    same_json(&["region", "list", "--parent-region", &region], &[]);
    same_failure(&["region", "show", "ostack-no-such-region"]);
    same_everything(&["region", "delete", "ostack-no-such-region"]);
    run(&ostack, &["region", "set", &region, "--description", "s"]);
    run(&openstack, &["region", "set", &region2, "--description", "s"]);
    let (x, y) = (json_of(&ostack, &["region", "show", &region]), json_of(&openstack, &["region", "show", &region2]));
    assert_same(&x, &y, &["region"], "region set");
    assert_eq!(x["description"], "s");

    // the service's type is its name here: both are unique
    same_create(
        &["service", "create", &service, "--name", &service, "--description", "d", "--disable"],
        &["service", "create", &service2, "--name", &service2, "--description", "d", "--disable"],
        &["id", "name", "type"],
    );
    same_json(&["service", "show", &service], &[]);
    same_text(&["service", "show", &service, "-f", "value", "-c", "type", "-c", "enabled"]);
    same_rows(&["service", "list", "--long"], "Name", &[&service, &service2]);
    same_failure(&["service", "show", "ostack-no-such-service"]);
    same_failure(&["service", "delete", "ostack-no-such-service"]);
    run(&ostack, &["service", "set", &service, "--enable", "--description", "e"]);
    run(&openstack, &["service", "set", &service2, "--enable", "--description", "e"]);
    let (x, y) =
        (json_of(&ostack, &["service", "show", &service]), json_of(&openstack, &["service", "show", &service2]));
    assert_same(&x, &y, &["id", "name", "type"], "service set");
    assert_eq!(x["enabled"], true);

    let (x, y) = same_create(
        &["endpoint", "create", &service, "public", "http://ostack.invalid/a", "--region", &region],
        &["endpoint", "create", &service, "public", "http://ostack.invalid/a", "--region", &region],
        &["id"],
    );
    let (ours, theirs) = (x["id"].as_str().unwrap().to_string(), y["id"].as_str().unwrap().to_string());
    cleanup.add(&["endpoint", "delete", &ours]);
    cleanup.add(&["endpoint", "delete", &theirs]);
    same_json(&["endpoint", "show", &ours], &[]);
    same_text(&["endpoint", "show", &ours]);
    same_json(&["endpoint", "list", "--service", &service], &[]);
    same_text(&["endpoint", "list", "--region", &region, "--interface", "public", "-f", "value"]);
    same_failure(&["endpoint", "show", "ostack-no-such-endpoint"]);
    same_failure(&["endpoint", "delete", "ostack-no-such-endpoint"]);
    let set = ["--url", "http://ostack.invalid/b", "--interface", "internal", "--disable", "--region", &region2];
    run(&ostack, &[&["endpoint", "set", &ours][..], &set].concat());
    run(&openstack, &[&["endpoint", "set", &theirs][..], &set].concat());
    let (x, y) = (json_of(&ostack, &["endpoint", "show", &ours]), json_of(&openstack, &["endpoint", "show", &theirs]));
    assert_same(&x, &y, &["id"], "endpoint set");
    assert_eq!((x["interface"].clone(), x["enabled"].clone()), ("internal".into(), false.into()));

    // project endpoint filters
    run(&ostack, &["project", "create", &project]);
    run(&ostack, &["endpoint", "add", "project", &ours, &project]);
    same_json(&["endpoint", "list", "--project", &project], &[]);
    same_json(&["endpoint", "list", "--endpoint", &ours], &[]);
    run(&ostack, &["endpoint", "remove", "project", &ours, &project]);
    assert_eq!(json_of(&openstack, &["endpoint", "list", "--project", &project]), serde_json::json!([]));

    let (a, b) = run_both(&["endpoint", "delete", &ours], &["endpoint", "delete", &theirs]);
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
    let (a, b) = run_both(&["service", "delete", &service], &["service", "delete", &service2]);
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
    let (a, b) = run_both(&["region", "delete", &region], &["region", "delete", &region2]);
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
}

#[test]
fn application_credential_commands() {
    let _serial = serial();
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs) = (unique("ac"), unique("ac2"));
    cleanup.add(&["application", "credential", "delete", &ours]);
    cleanup.add(&["application", "credential", "delete", &theirs]);
    let rules = r#"[{"method": "GET", "path": "/v2.1/servers", "service": "compute"}]"#;
    let create = |name: &str| -> Vec<String> {
        [
            "application",
            "credential",
            "create",
            name,
            "--role",
            "reader",
            "--description",
            "d",
            "--expiration",
            "2099-01-02T03:04:05",
            "--secret",
            "ostack-ac-SECRET-5e1",
            "--access-rules",
            rules,
        ]
        .map(String::from)
        .to_vec()
    };
    let (a, b) = (create(&ours), create(&theirs));
    let (a, b) = (a.iter().map(String::as_str).collect::<Vec<_>>(), b.iter().map(String::as_str).collect::<Vec<_>>());
    // keystone gives the same rule the same id: only the credential's differ
    let (x, _) = same_create(&a, &b, &["ID", "Name"]);
    assert_eq!(x["Secret"], "ostack-ac-SECRET-5e1", "create shows the secret once: {x}");
    same_json(&["application", "credential", "show", &ours], &[]);
    same_text(&["application", "credential", "show", &ours]);
    same_text(&["application", "credential", "show", &ours, "-f", "value", "-c", "Roles", "-c", "Expires At"]);
    same_rows(&["application", "credential", "list"], "Name", &[&ours, &theirs]);
    same_rows(&["application", "credential", "list", "--user", "admin"], "Name", &[&ours, &theirs]);
    same_failure(&["application", "credential", "show", "ostack-no-such-ac"]);
    same_failure(&["application", "credential", "delete", "ostack-no-such-ac"]);
    same_failure(&["application", "credential", "create", &unique("ac3"), "--expiration", "tomorrow"]);
    same_failure(&["application", "credential", "create", &unique("ac3"), "--access-rules", "/no/such/file"]);
    let shown = run(&ostack, &["application", "credential", "show", &ours]);
    assert!(!shown.contains("ostack-ac-SECRET-5e1"), "show never prints the secret");
    let (a, b) =
        run_both(&["application", "credential", "delete", &ours], &["application", "credential", "delete", &theirs]);
    assert_eq!((a.0, b.0), (0, 0), "{} / {}", a.2, b.2);
}
