//! `ostack` against the real `openstack` for the identity commands not in `compare_identity.rs`:
//! credentials, implied roles, trusts, EC2 credentials, token revoke, limits and registered
//! limits, identity providers, mappings and federation protocols. One test per group; the
//! independent calls of each step run at once. The tests run side by side (no `serial()`): each
//! compares only lists filtered to its own resources, or rows it made. Helpers in `tests/common/compare.rs`.

mod common;

use common::compare::*;
use serde_json::{json, Value};

/// Run these checks at the same time (each runs both clients).
fn at_once(checks: Vec<Box<dyn FnOnce() + Send + '_>>) {
    std::thread::scope(|scope| {
        let handles: Vec<_> = checks.into_iter().map(|check| scope.spawn(check)).collect();
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// `text` with keystone's request ids (`req-<uuid>`) replaced by `req-<id>`.
fn without_request_ids(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("req-") {
        out.push_str(&rest[..at + 4]);
        let tail = &rest[at + 4..];
        let len = tail.chars().take_while(|c| c.is_ascii_hexdigit() || *c == '-').count();
        out.push_str(if len == 36 { "<id>" } else { &tail[..len] });
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// The same failure (exit code and stderr) from both clients once request ids are masked.
fn same_failure_but_request_id(ours: &[&str], theirs: &[&str]) {
    let (a, b) = run_both(ours, theirs);
    assert_ne!(a.0, 0, "{ours:?} should fail");
    assert_eq!(
        (a.0, a.1, without_request_ids(&a.2)),
        (b.0, b.1, without_request_ids(&b.2)),
        "ostack {ours:?} vs openstack {theirs:?}"
    );
}

/// Both succeeded with no output.
fn both_quiet(ours: &[&str], theirs: &[&str]) {
    let (a, b) = run_both(ours, theirs);
    assert_eq!((a.0, a.1.as_str(), a.2.as_str()), (0, "", ""), "ostack {ours:?}");
    assert_eq!((b.0, b.1.as_str(), b.2.as_str()), (0, "", ""), "openstack {theirs:?}");
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_else(|| panic!("a string: {value}")).to_string()
}

#[test]
fn credential_commands() {
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let user = unique("creduser");
    run(&ostack, &["user", "create", &user, "--domain", "default"]);
    cleanup.add(&["user", "delete", &user]);
    let create = ["credential", "create", &user, "cert-data", "--project", "admin"];
    let (ours, theirs) = create_both(&create, &create);
    let (our_id, their_id) = (text(&ours["id"]), text(&theirs["id"]));
    cleanup.add(&["credential", "delete", &our_id]);
    cleanup.add(&["credential", "delete", &their_id]);
    assert_same(&ours, &theirs, &["id"], "credential create");
    assert_eq!((ours["type"].clone(), ours["blob"].clone()), (json!("cert"), json!("cert-data")));

    // set: this keystone refuses to change a credential's type, and osc always sends the type
    // (its dirty attributes in no fixed order, which keystone's message quotes: masked)
    let set_fails = || {
        let set = [
            "credential",
            "set",
            &our_id,
            "--user",
            &user,
            "--type",
            "totp",
            "--data",
            "GEZDGNBV",
            "--project",
            "admin",
        ];
        let (a, b) = run_both(&set, &set);
        let masked = |text: &str| match (text.find("Value: {"), text.find("}. ")) {
            (Some(from), Some(to)) if from < to => format!("{}<body>{}", &text[..from], &text[to + 1..]),
            _ => text.to_string(),
        };
        assert_eq!((a.0, masked(&a.2)), (b.0, masked(&b.2)), "credential set");
        assert!(a.2.contains("400") && a.0 == 1, "{}", a.2);
    };
    at_once(vec![
        Box::new(set_fails),
        Box::new(|| same_json(&["credential", "show", &our_id], &[])),
        Box::new(|| same_text(&["credential", "show", &our_id])),
        Box::new(|| same_json(&["credential", "list", "--user", &user, "--type", "cert"], &[])),
        Box::new(|| same_text(&["credential", "list", "--user", &user, "-f", "value", "-c", "Data", "-c", "Type"])),
        Box::new(|| same_failure(&["credential", "show", "ostack-no-such-credential"])),
        Box::new(|| same_failure(&["credential", "create", "ostack-no-such-user", "x"])),
    ]);

    // openstacksdk's delete_credential ignores a missing one
    both_quiet(
        &["credential", "delete", &our_id, "ostack-no-such-credential"],
        &["credential", "delete", &their_id, "ostack-no-such-credential"],
    );
    same_failure(&["credential", "show", &our_id]);
}

#[test]
fn implied_role_commands() {
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (prior, ours, theirs) = (unique("prior"), unique("impl1"), unique("impl2"));
    let mut ids = Vec::new();
    for name in [&prior, &ours, &theirs] {
        ids.push(text(&json_of(&ostack, &["role", "create", name])["id"]));
        cleanup.add(&["role", "delete", name]);
    }
    let (ours_made, theirs_made) = create_both(
        &["implied", "role", "create", &prior, "--implied-role", &ours],
        &["implied", "role", "create", &prior, "--implied-role", &theirs],
    );
    assert_eq!(ours_made, json!({"implies": ids[1], "prior_role": ids[0]}));
    assert_eq!(theirs_made, json!({"implies": ids[2], "prior_role": ids[0]}));
    at_once(vec![
        Box::new(|| same_json(&["implied", "role", "list"], &[])),
        Box::new(|| same_text(&["implied", "role", "list"])),
        Box::new(|| same_failure(&["implied", "role", "list", "-c", "Nope"])),
    ]);
    both_quiet(
        &["implied", "role", "delete", &prior, "--implied-role", &ours],
        &["implied", "role", "delete", &prior, "--implied-role", &theirs],
    );
    at_once(vec![
        Box::new(|| {
            same_failure_but_request_id(
                &["implied", "role", "delete", &prior, "--implied-role", &ours],
                &["implied", "role", "delete", &prior, "--implied-role", &ours],
            )
        }),
        Box::new(|| {
            same_failure_but_request_id(
                &["implied", "role", "create", "ostack-no-such-role", "--implied-role", &ours],
                &["implied", "role", "create", "ostack-no-such-role", "--implied-role", &ours],
            )
        }),
    ]);
}

#[test]
fn trust_ec2_and_token_revoke_commands() {
    let Some((ostack, openstack)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let trustee = unique("trustee");
    run(&ostack, &["user", "create", &trustee, "--domain", "default"]);
    cleanup.add(&["user", "delete", &trustee]);

    // trusts and EC2 credentials made by both at once; two tokens to revoke
    let trust = ["trust", "create", "admin", &trustee, "--project", "admin", "--role", "member", "--role", "reader"];
    let (mut made, mut keys, mut tokens) = (None, None, None);
    at_once(vec![
        Box::new(|| made = Some(create_both(&trust, &trust))),
        Box::new(|| keys = Some(create_both(&["ec2", "credentials", "create"], &["ec2", "credentials", "create"]))),
        Box::new(|| {
            let args = ["token", "issue", "-f", "value", "-c", "id"];
            let (a, b) = std::thread::scope(|s| {
                let a = s.spawn(|| run(&openstack, &args));
                (a.join().unwrap(), run(&openstack, &args))
            });
            tokens = Some((a.trim().to_string(), b.trim().to_string()));
        }),
    ]);
    let ((t1, t2), (k1, k2), (tok1, tok2)) = (made.unwrap(), keys.unwrap(), tokens.unwrap());
    let (our_trust, their_trust) = (text(&t1["id"]), text(&t2["id"]));
    cleanup.add(&["trust", "delete", &our_trust]);
    cleanup.add(&["trust", "delete", &their_trust]);
    let (our_key, their_key) = (text(&k1["access"]), text(&k2["access"]));
    cleanup.add(&["ec2", "credentials", "delete", &our_key]);
    cleanup.add(&["ec2", "credentials", "delete", &their_key]);
    assert_same(&t1, &t2, &["id"], "trust create");
    assert_same(&k1, &k2, &["access", "secret", "links"], "ec2 credentials create");
    assert_eq!(t1["roles"].as_array().map(Vec::len), Some(2), "{t1}");

    at_once(vec![
        Box::new(|| same_json(&["trust", "show", &our_trust], &[])),
        Box::new(|| same_text(&["trust", "show", &our_trust])),
        Box::new(|| same_json(&["trust", "list", "--trustee", &trustee], &[])),
        Box::new(|| same_text(&["trust", "list", "--trustee", &trustee, "--trustor", "admin"])),
        Box::new(|| same_rows(&["trust", "list", "--auth-user"], "ID", &[&our_trust, &their_trust])),
        Box::new(|| same_failure(&["trust", "show", "ostack-no-such-trust"])),
        Box::new(|| same_failure(&["trust", "list", "--trustee-domain", "default"])),
        Box::new(|| same_failure(&["trust", "list", "--auth-user", "--trustor", "admin"])),
        Box::new(|| {
            same_failure(&["trust", "create", "admin", "ostack-no-such-user", "--project", "admin", "--role", "member"])
        }),
        Box::new(|| same_json(&["ec2", "credentials", "show", &our_key], &[])),
        Box::new(|| same_text(&["ec2", "credentials", "show", &their_key, "--user", "admin"])),
        Box::new(|| same_rows(&["ec2", "credentials", "list"], "Access", &[&our_key, &their_key])),
        Box::new(|| {
            same_failure_but_request_id(
                &["ec2", "credentials", "show", "nosuch"],
                &["ec2", "credentials", "show", "nosuch"],
            )
        }),
    ]);

    // revoke one token each (the second revocation of the same token fails the same way)
    at_once(vec![
        Box::new(|| both_quiet(&["token", "revoke", &tok1], &["token", "revoke", &tok2])),
        Box::new(|| both_quiet(&["trust", "delete", &our_trust], &["trust", "delete", &their_trust])),
        Box::new(|| {
            both_quiet(&["ec2", "credentials", "delete", &our_key], &["ec2", "credentials", "delete", &their_key])
        }),
    ]);
    at_once(vec![
        Box::new(|| same_failure_but_request_id(&["token", "revoke", &tok1], &["token", "revoke", &tok1])),
        Box::new(|| same_failure(&["trust", "delete", &our_trust])),
        Box::new(|| {
            same_failure_but_request_id(
                &["ec2", "credentials", "delete", &our_key, "--user", "admin"],
                &["ec2", "credentials", "delete", &our_key, "--user", "admin"],
            )
        }),
    ]);
}

/// `args` with `{}` replaced by `name`.
fn with(args: &[&str], name: &str) -> Vec<String> {
    args.iter().map(|a| a.replace("{}", name)).collect()
}

/// Run `args` (with `{}` replaced) by ostack on `ours` and openstack on `theirs` at once.
fn both_on(args: &[&str], ours: &str, theirs: &str) -> (Ran, Ran) {
    let (a, b) = (with(args, ours), with(args, theirs));
    let (a, b): (Vec<&str>, Vec<&str>) =
        (a.iter().map(String::as_str).collect(), b.iter().map(String::as_str).collect());
    run_both(&a, &b)
}

/// Both clients' JSON of `args` (with `{}` replaced) on their own resource, the same once
/// `ignore` is removed.
fn same_on(args: &[&str], ours: &str, theirs: &str, ignore: &[&str]) -> (Value, Value) {
    let json = [args, &["-f", "json"]].concat();
    let (a, b) = both_on(&json, ours, theirs);
    let a: Value = serde_json::from_str(&succeeded("ostack", args, a)).expect("ostack printed JSON");
    let b: Value = serde_json::from_str(&succeeded("openstack", args, b)).expect("openstack printed JSON");
    assert_same(&a, &b, ignore, &format!("{args:?}"));
    (a, b)
}

/// Both succeeded with no output, each on its own resource.
fn both_quiet_on(args: &[&str], ours: &str, theirs: &str) {
    let (a, b) = (with(args, ours), with(args, theirs));
    let (a, b): (Vec<&str>, Vec<&str>) =
        (a.iter().map(String::as_str).collect(), b.iter().map(String::as_str).collect());
    both_quiet(&a, &b);
}

#[test]
fn limit_and_registered_limit_commands() {
    if setup().is_none() {
        return;
    }
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs) = (unique("res"), unique("res2"));
    let create = [
        "registered",
        "limit",
        "create",
        "{}",
        "--service",
        "compute",
        "--default-limit",
        "10",
        "--region",
        "RegionOne",
    ];
    let (a, b) = same_on(&create, &ours, &theirs, &["id", "resource_name"]);
    let (our_reg, their_reg) = (text(&a["id"]), text(&b["id"]));
    cleanup.add(&["registered", "limit", "delete", &our_reg]);
    cleanup.add(&["registered", "limit", "delete", &their_reg]);
    assert_eq!(a["default_limit"], 10);
    // a limit of 0 is not sent (osc tests it for truth)
    let set = ["registered", "limit", "set", "{}", "--default-limit", "0", "--description", "changed"];
    let (a, _) = same_on(&set, &our_reg, &their_reg, &["id", "resource_name"]);
    assert_eq!((a["default_limit"].clone(), a["description"].clone()), (json!(10), json!("changed")));
    let set = ["registered", "limit", "set", "{}", "--default-limit", "12"];
    same_on(&set, &our_reg, &their_reg, &["id", "resource_name"]);

    let create = [
        "limit",
        "create",
        "{}",
        "--service",
        "compute",
        "--project",
        "admin",
        "--resource-limit",
        "5",
        "--region",
        "RegionOne",
    ];
    let (a, b) = same_on(&create, &ours, &theirs, &["id", "resource_name"]);
    let (our_limit, their_limit) = (text(&a["id"]), text(&b["id"]));
    cleanup.add(&["limit", "delete", &our_limit]);
    cleanup.add(&["limit", "delete", &their_limit]);

    at_once(vec![
        Box::new(|| same_json(&["registered", "limit", "show", &our_reg], &[])),
        Box::new(|| same_text(&["registered", "limit", "show", &our_reg])),
        Box::new(|| same_json(&["registered", "limit", "list", "--resource-name", &ours], &[])),
        Box::new(|| {
            same_text(&[
                "registered",
                "limit",
                "list",
                "--service",
                "compute",
                "--resource-name",
                &theirs,
                "--region",
                "RegionOne",
            ])
        }),
        Box::new(|| same_json(&["limit", "show", &our_limit], &[])),
        Box::new(|| same_text(&["limit", "show", &their_limit])),
        Box::new(|| same_json(&["limit", "list", "--resource-name", &ours, "--project", "admin"], &[])),
        Box::new(|| {
            same_text(&["limit", "list", "--service", "compute", "--resource-name", &theirs, "--region", "RegionOne"])
        }),
        Box::new(|| same_failure(&["registered", "limit", "show", "ostack-no-such-limit"])),
        Box::new(|| same_failure(&["limit", "show", "ostack-no-such-limit"])),
        Box::new(|| {
            same_failure(&[
                "limit",
                "create",
                "x",
                "--service",
                "ostack-no-such-service",
                "--project",
                "admin",
                "--resource-limit",
                "1",
            ])
        }),
        Box::new(|| {
            same_failure(&[
                "registered",
                "limit",
                "create",
                "x",
                "--service",
                "compute",
                "--default-limit",
                "1",
                "--region",
                "ostack-no-such-region",
            ])
        }),
        // keystone refuses to change a registered limit that has project limits
        Box::new(|| same_failure(&["registered", "limit", "set", &our_reg, "--default-limit", "3"])),
    ]);

    let set = ["limit", "set", "{}", "--resource-limit", "7", "--description", "lim"];
    let (a, _) = same_on(&set, &our_limit, &their_limit, &["id", "resource_name"]);
    assert_eq!(a["resource_limit"], 7);

    both_quiet_on(&["limit", "delete", "{}", "ostack-no-such-limit"], &our_limit, &their_limit);
    both_quiet_on(&["registered", "limit", "delete", "{}"], &our_reg, &their_reg);
    // osc also prints the exception's class on stdout here (a leftover `pprint`): compare stderr
    let args = ["registered", "limit", "delete", &our_reg];
    let (a, b) = run_both(&args, &args);
    assert_eq!((a.0, a.2), (b.0, b.2), "{args:?}");
    assert_eq!(a.0, 1);
}

#[test]
fn federation_commands() {
    let Some((ostack, _)) = setup() else { return };
    let mut cleanup = Cleanup(Vec::new());
    let (ours, theirs) = (unique("idp"), unique("idp2"));
    let dir = std::env::temp_dir().join(format!("ostack-compare-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (rules, rules2) = (dir.join("rules.json"), dir.join("rules2.json"));
    std::fs::write(&rules, r#"[{"local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]"#).unwrap();
    std::fs::write(
        &rules2,
        r#"[{"local": [{"group": {"id": "abc"}}], "remote": [{"type": "orgPersonType", "any_one_of": ["Employee"]}]}]"#,
    )
    .unwrap();
    let (rules, rules2) = (rules.to_str().unwrap(), rules2.to_str().unwrap());
    for name in [&ours, &theirs] {
        cleanup.add(&["identity", "provider", "delete", name]);
        cleanup.add(&["mapping", "delete", name]);
        cleanup.add(&["federation", "protocol", "delete", "saml2", "--identity-provider", name]);
    }

    let create = [
        "identity",
        "provider",
        "create",
        "{}",
        "--remote-id",
        "{}-b",
        "--remote-id",
        "{}-a",
        "--description",
        "d",
        "--domain",
        "default",
    ];
    let mapping = ["mapping", "create", "{}", "--rules", rules];
    let mut idp = None;
    at_once(vec![
        Box::new(|| idp = Some(same_on(&create, &ours, &theirs, &["id", "remote_ids"]).0)),
        Box::new(|| drop(same_on(&mapping, &ours, &theirs, &["id"]))),
    ]);
    assert_eq!(idp.unwrap()["remote_ids"], json!([format!("{ours}-b"), format!("{ours}-a")]));
    let create = ["federation", "protocol", "create", "saml2", "--identity-provider", "{}", "--mapping", "{}"];
    let (a, _) = same_on(&create, &ours, &theirs, &["identity_provider", "mapping"]);
    assert_eq!(a, json!({"id": "saml2", "identity_provider": ours, "mapping": ours}));

    at_once(vec![
        Box::new(|| same_json(&["identity", "provider", "show", &ours], &[])),
        Box::new(|| same_text(&["identity", "provider", "show", &theirs])),
        Box::new(|| same_json(&["identity", "provider", "list", "--id", &ours], &[])),
        Box::new(|| same_text(&["identity", "provider", "list", "--enabled", "--id", &theirs])),
        Box::new(|| same_json(&["mapping", "show", &ours], &[])),
        Box::new(|| same_text(&["mapping", "show", &theirs])),
        Box::new(|| same_rows(&["mapping", "list"], "ID", &[&ours, &theirs])),
        Box::new(|| same_json(&["federation", "protocol", "show", "saml2", "--identity-provider", &ours], &[])),
        Box::new(|| same_text(&["federation", "protocol", "list", "--identity-provider", &theirs])),
        Box::new(|| same_failure(&["identity", "provider", "show", "ostack-no-such-idp"])),
        Box::new(|| same_failure(&["mapping", "show", "ostack-no-such-mapping"])),
        Box::new(|| same_failure(&["federation", "protocol", "show", "nope", "--identity-provider", &ours])),
        Box::new(|| same_failure(&["mapping", "create", "x", "--rules", "/ostack/no/such/file"])),
        Box::new(|| same_failure(&["identity", "provider", "create", "x", "--authorization-ttl", "-1"])),
    ]);

    let set = [
        "identity",
        "provider",
        "set",
        "{}",
        "--description",
        "e",
        "--disable",
        "--authorization-ttl",
        "5",
        "--remote-id",
        "{}-c",
    ];
    let mapping_set = ["mapping", "set", "{}", "--rules", rules2, "--schema-version", "2.0"];
    // osc's `federation protocol set` does the change, then exits 1 printing a tuple (its
    // take_action returns what cliff takes for an exit status); ostack only does the change
    let protocol_set =
        with(&["federation", "protocol", "set", "saml2", "--identity-provider", "{}", "--mapping", "{}"], &ours);
    let protocol_set: Vec<&str> = protocol_set.iter().map(String::as_str).collect();
    at_once(vec![
        Box::new(|| both_quiet_on(&set, &ours, &theirs)),
        Box::new(|| both_quiet_on(&mapping_set, &ours, &theirs)),
        Box::new(|| assert_eq!(run(&ostack, &protocol_set), "")),
    ]);
    let (mut idp, mut mapping) = (None, None);
    at_once(vec![
        Box::new(|| {
            idp = Some(same_on(&["identity", "provider", "show", "{}"], &ours, &theirs, &["id", "remote_ids"]).0)
        }),
        Box::new(|| mapping = Some(same_on(&["mapping", "show", "{}"], &ours, &theirs, &["id"]).0)),
        Box::new(|| {
            let show = ["federation", "protocol", "show", "saml2", "--identity-provider", "{}"];
            let (a, _) = same_on(&show, &ours, &theirs, &["identity_provider", "mapping"]);
            assert_eq!(a["mapping"], ours.as_str());
        }),
    ]);
    let (idp, mapping) = (idp.unwrap(), mapping.unwrap());
    assert_eq!((idp["enabled"].clone(), idp["authorization_ttl"].clone()), (json!(false), json!(5)));
    assert_eq!(mapping["schema_version"], "2.0");

    both_quiet_on(&["federation", "protocol", "delete", "saml2", "--identity-provider", "{}"], &ours, &theirs);
    at_once(vec![
        Box::new(|| both_quiet_on(&["mapping", "delete", "{}"], &ours, &theirs)),
        Box::new(|| same_failure(&["federation", "protocol", "delete", "saml2", "--identity-provider", &ours])),
    ]);
    at_once(vec![
        Box::new(|| both_quiet_on(&["identity", "provider", "delete", "{}", "ostack-no-such-idp"], &ours, &theirs)),
        Box::new(|| same_failure(&["mapping", "delete", &ours])),
    ]);
}
