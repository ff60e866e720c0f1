//! Property tests over everything a file, an environment or a server can hand ostack:
//! config loading (YAML and JSON), every resource decoder, error bodies, `Retry-After` and
//! link checks. They run in `make test` with proptest's default 256 cases per property
//! (a few seconds); `make fuzz` runs them again with `PROPTEST_CASES` raised, beside the
//! cargo-fuzz targets in `fuzz/`.
//!
//! The `regression_*` tests replay the inputs that fuzzing found; each failed before its fix.

use ostack::compute::v2::{Flavor, Keypair, Server};
use ostack::config::ConfigLoader;
use ostack::image::v2::Image;
use ostack::network::v2::{Network, Port, Subnet};
use ostack::session::{error_message, parse_retry_after, same_origin, MAX_RETRY_AFTER};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// Generators

/// Keys that mean something to the config loader or to a resource decoder, and a few that don't.
const KEYS: &[&str] = &[
    "clouds",
    "fuzz",
    "auth",
    "auth_url",
    "username",
    "user_id",
    "password",
    "token",
    "project_name",
    "tenant_name",
    "user_domain_name",
    "application_credential_id",
    "application_credential_secret",
    "auth_type",
    "region_name",
    "regions",
    "name",
    "values",
    "interface",
    "endpoint_type",
    "verify",
    "insecure",
    "cacert",
    "profile",
    "cloud",
    "public-clouds",
    "compute_api_version",
    "network_endpoint_override",
    "id",
    "status",
    "links",
    "href",
    "rel",
    "addresses",
    "addr",
    "metadata",
    "flavor",
    "image",
    "created",
    "created_at",
    "hostId",
    "OS-EXT-STS:power_state",
    "progress",
    "fixed_ips",
    "allocation_pools",
    "size",
    "tags",
    "ram",
    "vcpus",
    "public_key",
    "expires_at",
    "catalog",
    "endpoints",
    "url",
    "message",
    "errors",
    "detail",
    "title",
    "",
    "\u{0}",
    "ключ",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop::sample::select(KEYS).prop_map(str::to_string), 1 => ".{0,12}"]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON numbers are finite", |f| f.is_finite()).prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "public",
            "internalURL",
            "http://127.0.0.1:5000/v3",
            "2.79",
            "2.abc",
            "true",
            "no",
            "2026-01-02T03:04:05Z",
            "-262143-01-01T00:00:00Z",
            "+262142-12-31T23:59:59.999999999Z",
            "9223372036854775808",
            "v3applicationcredential",
            "none",
        ])
        .prop_map(Value::from),
        ".{0,24}".prop_map(Value::String),
    ]
}

/// Any JSON document up to depth 5, with keys mostly from [`KEYS`].
fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(5, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A cloud entry: known keys with arbitrary values, and an `auth` mapping likewise.
fn cloud_entry() -> impl Strategy<Value = Value> {
    (prop::collection::vec((key(), json_value()), 0..8), prop::collection::vec((key(), scalar()), 0..8)).prop_map(
        |(cloud, auth)| {
            let mut map: Map<String, Value> = cloud.into_iter().collect();
            map.insert("auth".into(), Value::Object(auth.into_iter().collect()));
            Value::Object(map)
        },
    )
}

/// `OS_*` variables with arbitrary values.
fn environment() -> impl Strategy<Value = HashMap<String, String>> {
    let var = prop::sample::select(vec![
        "OS_CLOUD",
        "OS_AUTH_URL",
        "OS_USERNAME",
        "OS_PASSWORD",
        "OS_AUTH_TYPE",
        "OS_REGION_NAME",
        "OS_INTERFACE",
        "OS_INSECURE",
        "OS_COMPUTE_API_VERSION",
        "OS__ENDPOINT_OVERRIDE",
        "OS_TOKEN",
    ]);
    prop::collection::hash_map(var.prop_map(str::to_string), ".{0,16}", 0..4)
}

// ---------------------------------------------------------------------------------------------
// Harness

/// A search directory holding the given files, and a loader over it.
struct Files {
    _dir: tempfile::TempDir,
    loader: ConfigLoader,
}

fn files(files: &[(&str, &[u8])], env: HashMap<String, String>) -> Files {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    let loader = ConfigLoader { search_dirs: vec![dir.path().to_path_buf()], env };
    Files { _dir: dir, loader }
}

/// Load the only cloud and the cloud `fuzz`: a config or an error with a message, never a panic.
/// Returns every text the caller could show (Debug of the config, Display and Debug of errors).
fn load_all(f: &Files) -> Vec<String> {
    let mut shown = Vec::new();
    for name in [None, Some("fuzz")] {
        match f.loader.load(name) {
            Ok(config) => shown.push(format!("{config:?}")),
            Err(e) => {
                let text = e.to_string();
                assert!(!text.is_empty());
                shown.push(text);
                shown.push(format!("{e:?}"));
            }
        }
    }
    shown
}

fn yaml(value: &Value) -> String {
    serde_norway::to_string(value).unwrap()
}

/// Decode as `T`; what decodes must encode and decode again.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        let encoded = serde_json::to_vec(&value).unwrap();
        let again = serde_json::from_slice::<T>(&encoded);
        prop_assert!(
            again.is_ok(),
            "{} does not decode what it encoded: {:?}\n{}",
            std::any::type_name::<T>(),
            again.err(),
            String::from_utf8_lossy(&encoded)
        );
    }
    Ok(())
}

fn every_decoder(bytes: &[u8]) -> Result<(), TestCaseError> {
    round_trip::<Server>(bytes)?;
    round_trip::<Flavor>(bytes)?;
    round_trip::<Keypair>(bytes)?;
    round_trip::<Network>(bytes)?;
    round_trip::<Subnet>(bytes)?;
    round_trip::<Port>(bytes)?;
    round_trip::<Image>(bytes)?;
    round_trip::<ostack::Catalog>(bytes)?;
    round_trip::<ostack::Endpoint>(bytes)?;
    round_trip::<ostack::Microversion>(bytes)?;
    Ok(())
}

/// One valid body per resource type, to be broken field by field.
fn resource_samples() -> Vec<Value> {
    vec![
        json!({"id": "s1", "name": "vm", "status": "ACTIVE", "metadata": {"k": "v"}, "hostId": "",
               "image": {"id": "i1", "links": []}, "flavor": {"vcpus": 1, "ram": 512, "original_name": "m1"},
               "created": "2026-01-02T03:04:05Z", "addresses": {"private": [{"version": 4, "addr": "10.0.0.5"}]},
               "OS-EXT-STS:power_state": 1, "security_groups": [{"name": "default"}], "tags": [], "progress": "0",
               "links": [{"rel": "self", "href": "http://h/servers/s1"}]}),
        json!({"id": "1", "name": "m1.tiny", "ram": 512, "vcpus": 1, "disk": 1, "swap": "",
               "OS-FLV-EXT-DATA:ephemeral": 0, "os-flavor-access:is_public": true, "extra_specs": {}}),
        json!({"name": "kp", "public_key": "ssh-ed25519 AAAA x", "fingerprint": "aa", "type": "ssh",
               "created_at": "2026-01-02T03:04:05.000000", "id": 7}),
        json!({"id": "n1", "name": "private", "status": "ACTIVE", "admin_state_up": true, "subnets": ["sn1"],
               "mtu": 1450, "router:external": false, "created_at": "2026-01-02T03:04:05Z"}),
        json!({"id": "sn1", "network_id": "n1", "cidr": "10.0.0.0/24", "ip_version": 4, "gateway_ip": "10.0.0.1",
               "allocation_pools": [{"start": "10.0.0.2", "end": "10.0.0.254"}], "host_routes": [], "dns_nameservers": []}),
        json!({"id": "p1", "network_id": "n1", "mac_address": "fa:16:3e:00:00:01",
               "fixed_ips": [{"subnet_id": "sn1", "ip_address": "10.0.0.5"}], "status": "ACTIVE", "security_groups": []}),
        json!({"id": "i1", "name": "cirros", "status": "active", "visibility": "public", "disk_format": "qcow2",
               "size": 21430272, "virtual_size": null, "tags": [], "created_at": "2026-01-02T03:04:05Z", "protected": false}),
        json!([{"type": "compute", "endpoints": [{"interface": "public", "region_id": "RegionOne", "url": "http://h:8774/v2.1"}]}]),
        json!({"service": "compute", "url": "http://h:8774/v2.1", "root": "http://h:8774", "microversion": "2.79",
               "min_microversion": "2.1", "max_microversion": "2.96"}),
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties

const DEVCLOUD: &str = "clouds:
  fuzz:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: admin
      password: pw
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    regions: [RegionOne, {name: RegionTwo, values: {interface: internal}}]
    compute_api_version: \"2.79\"
    verify: false
";

proptest! {
    #[test]
    fn config_yaml_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512), env in environment()) {
        load_all(&files(&[("clouds.yaml", &bytes)], env));
    }

    #[test]
    fn config_json_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        load_all(&files(&[("clouds.json", &bytes)], HashMap::new()));
    }

    #[test]
    fn config_structured_documents(
        cloud in cloud_entry(),
        secure in cloud_entry(),
        vendor in cloud_entry(),
        env in environment(),
        as_json in any::<bool>(),
    ) {
        let clouds = json!({"clouds": {"fuzz": cloud}});
        let secure = json!({"clouds": {"fuzz": secure}});
        let public = json!({"public-clouds": {"fuzz": vendor, "vendor": {"auth": {"auth_url": "http://k/v3"}}}});
        let (ext, text): (&str, fn(&Value) -> String) =
            if as_json { ("json", |v| v.to_string()) } else { ("yaml", yaml) };
        let names = [format!("clouds.{ext}"), format!("secure.{ext}"), format!("clouds-public.{ext}")];
        let bodies = [text(&clouds), text(&secure), text(&public)];
        load_all(&files(
            &[(&names[0], bodies[0].as_bytes()), (&names[1], bodies[1].as_bytes()), (&names[2], bodies[2].as_bytes())],
            env,
        ));
    }

    /// A valid clouds.yaml with bytes deleted, replaced and inserted.
    #[test]
    fn config_yaml_garbled(edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..12)) {
        let mut bytes = DEVCLOUD.as_bytes().to_vec();
        for (at, op, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 if i < bytes.len() => { bytes.remove(i); }
                1 if i < bytes.len() => bytes[i] = byte,
                _ => bytes.insert(i, byte),
            }
        }
        load_all(&files(&[("clouds.yaml", &bytes)], HashMap::new()));
    }

    /// Nesting deeper than the parsers' recursion limits (128): an error, not a stack overflow.
    /// (Kept under 1,000 levels: YAML parsing time grows with the square of the depth, which
    /// the loader's depth cap deals with; fuzz/corpus/config_yaml has a 20,000-deep seed.)
    #[test]
    fn config_deep_nesting(depth in 1usize..1000, style in 0usize..4, ext_json in any::<bool>()) {
        let (open, close) = [("[", "]"), ("{a: ", "}"), ("- ", ""), ("{\"a\": ", "}")][style];
        let doc = format!("clouds:\n  fuzz: {}1{}\n", open.repeat(depth), close.repeat(depth));
        let name = if ext_json { "clouds.json" } else { "clouds.yaml" };
        load_all(&files(&[(name, doc.as_bytes())], HashMap::new()));
    }

    /// However the password is written (right or wrong type, clouds.yaml, secure.yaml or the
    /// environment), neither the config's Debug nor any error shows it.
    #[test]
    fn config_never_shows_the_password(
        password in "Pw[A-Za-z0-9]{12,20}",
        shape in 0usize..5,
        place in 0usize..3,
        other in prop::collection::vec((key(), scalar()), 0..4),
    ) {
        let value = match shape {
            0 => json!(password),
            1 => json!([password]),
            2 => json!({"value": password}),
            3 => json!([{"nested": [password]}]),
            _ => json!(null),
        };
        let mut auth: Map<String, Value> = other.into_iter().collect();
        auth.insert("auth_url".into(), json!("http://127.0.0.1:5000/v3"));
        auth.insert("username".into(), json!("admin"));
        let mut env = HashMap::new();
        let mut secure = json!({});
        match place {
            0 => { auth.insert("password".into(), value.clone()); auth.insert("application_credential_secret".into(), value); }
            1 => secure = json!({"clouds": {"fuzz": {"auth": {"password": value.clone(), "token": value}}}}),
            _ => { env.insert("OS_PASSWORD".to_string(), password.clone()); }
        }
        let clouds = yaml(&json!({"clouds": {"fuzz": {"auth": auth}}}));
        let f = files(&[("clouds.yaml", clouds.as_bytes()), ("secure.yaml", yaml(&secure).as_bytes())], env);
        for shown in load_all(&f) {
            prop_assert!(!shown.contains(&password), "password shown: {shown}");
        }
    }

    #[test]
    fn decoders_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        every_decoder(&bytes)?;
    }

    #[test]
    fn decoders_arbitrary_json(value in json_value()) {
        every_decoder(value.to_string().as_bytes())?;
    }

    /// A valid body with one field replaced by a value of any type (wrong types, nulls, deep values).
    #[test]
    fn decoders_wrong_types(which in any::<prop::sample::Index>(), field in any::<prop::sample::Index>(), new in json_value()) {
        let samples = resource_samples();
        let mut sample = samples[which.index(samples.len())].clone();
        let target = match &mut sample {
            Value::Array(items) => items[0].as_object_mut(),
            other => other.as_object_mut(),
        };
        if let Some(map) = target {
            let key = map.keys().nth(field.index(map.len())).cloned().unwrap();
            map.insert(key, new);
        }
        every_decoder(sample.to_string().as_bytes())?;
    }

    #[test]
    fn error_bodies_give_a_message(
        status in 100u16..600,
        content_type in prop_oneof![
            prop::sample::select(vec!["application/json", "text/html; charset=UTF-8", "text/plain", ""]).prop_map(str::to_string),
            ".{0,20}",
        ],
        body in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..2048),
            json_value().prop_map(|v| v.to_string().into_bytes()),
            "[<>/a-zA-Z éx\u{202e}\u{1b}\n]{0,300}".prop_map(String::into_bytes),
            "(<title>|</title>|<html>|<|>|é|404 Not Found| ){0,60}".prop_map(String::into_bytes),
        ],
    ) {
        let status = reqwest::StatusCode::from_u16(status).unwrap();
        let message = error_message(status, &content_type, &body);
        prop_assert!(!message.trim().is_empty());
    }

    #[test]
    fn retry_after_any_text_is_bounded(text in prop_oneof![".{0,40}", "[-+0-9.eEinfaNINF ]{0,20}"]) {
        if let Some(wait) = parse_retry_after(&text) {
            prop_assert!(wait <= MAX_RETRY_AFTER);
        }
    }

    #[test]
    fn retry_after_seconds(seconds in prop_oneof![any::<f64>(), 0.0..100_000.0f64, any::<u64>().prop_map(|n| n as f64)]) {
        let parsed = parse_retry_after(&seconds.to_string());
        if seconds.is_finite() && seconds >= 0.0 {
            let expected = Duration::from_secs_f64(seconds.min(MAX_RETRY_AFTER.as_secs_f64()));
            prop_assert_eq!(parsed, Some(expected));
        } else {
            prop_assert_eq!(parsed, None);
        }
    }

    #[test]
    fn retry_after_http_dates(offset in -400_000_000i64..400_000_000) {
        let at = chrono::Utc::now() + chrono::Duration::seconds(offset);
        let parsed = parse_retry_after(&at.to_rfc2822());
        if offset < -2 {
            prop_assert_eq!(parsed, None);
        } else if offset > 2 {
            let wait = parsed.unwrap();
            let expected = Duration::from_secs(offset as u64).min(MAX_RETRY_AFTER);
            prop_assert!(wait <= expected && wait + Duration::from_secs(3) >= expected, "{wait:?} vs {expected:?}");
        }
    }

    /// Same origin exactly when scheme, host and effective port agree.
    #[test]
    fn same_origin_compares_scheme_host_port(
        a in (0usize..3, 0usize..5, prop::option::of(prop_oneof![Just(80u16), Just(443u16), any::<u16>()]), "(/[a-z0-9.?=&%]{0,8}){0,3}"),
        b in (0usize..3, 0usize..5, prop::option::of(prop_oneof![Just(80u16), Just(443u16), any::<u16>()]), "(/[a-z0-9.?=&%]{0,8}){0,3}"),
    ) {
        const SCHEMES: [&str; 3] = ["http", "https", "ftp"];
        const HOSTS: [&str; 5] = ["cloud.example", "CLOUD.Example", "127.0.0.1", "[::1]", "other.example"];
        let url = |(s, h, p, path): &(usize, usize, Option<u16>, String)| {
            format!("{}://{}{}{}", SCHEMES[*s], HOSTS[*h], p.map(|p| format!(":{p}")).unwrap_or_default(), path)
        };
        let effective = |(s, h, p, _): &(usize, usize, Option<u16>, String)| {
            let default = [80, 443, 21][*s];
            (*s, HOSTS[*h].to_ascii_lowercase(), p.unwrap_or(default))
        };
        let expected = a.0 < 2 && b.0 < 2 && effective(&a) == effective(&b);
        prop_assert_eq!(same_origin(&url(&a), &url(&b)), expected, "{} vs {}", url(&a), url(&b));
        prop_assert_eq!(same_origin(&url(&b), &url(&a)), expected);
    }

    #[test]
    fn same_origin_arbitrary_text(a in ".{0,40}", b in "(https?://)?.{0,40}") {
        prop_assert_eq!(same_origin(&a, &b), same_origin(&b, &a));
        let web = |s: &str| url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        prop_assert_eq!(same_origin(&a, &a), web(&a));
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed cases

#[test]
fn retry_after_examples() {
    assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
    assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
    assert_eq!(parse_retry_after("1.5"), Some(Duration::from_millis(1500)));
    assert_eq!(parse_retry_after("0"), Some(Duration::ZERO));
    assert_eq!(parse_retry_after("-0"), Some(Duration::ZERO));
    assert_eq!(parse_retry_after("1e300"), Some(MAX_RETRY_AFTER));
    assert_eq!(parse_retry_after("99999999999999999999999999"), Some(MAX_RETRY_AFTER));
    assert_eq!(parse_retry_after("86401"), Some(MAX_RETRY_AFTER));
    for bad in ["-1", "-1e300", "NaN", "nan", "inf", "-inf", "infinity", "", "  ", "soon", "1,5", "0x10"] {
        assert_eq!(parse_retry_after(bad), None, "{bad:?}");
    }
    // HTTP dates: past -> None (the caller backs off), far future -> capped
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    assert_eq!(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT"), Some(MAX_RETRY_AFTER));
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc2822();
    let wait = parse_retry_after(&soon).unwrap();
    assert!(wait > Duration::from_secs(25) && wait <= Duration::from_secs(30), "{wait:?}");
}

#[test]
fn same_origin_examples() {
    assert!(same_origin("http://127.0.0.1:8774/v2.1", "http://127.0.0.1:8774/v2.1/servers/detail?marker=x"));
    assert!(same_origin("https://cloud.example/compute", "https://CLOUD.example:443/compute/v2.1"));
    assert!(same_origin("http://h/", "http://h:80/x"));
    assert!(same_origin("http://[::1]:5000/v3", "http://[::1]:5000/v3/auth/tokens"));
    assert!(!same_origin("http://127.0.0.1:8774", "http://127.0.0.1:9999/servers"));
    assert!(!same_origin("http://a.example", "https://a.example"));
    assert!(!same_origin("http://a.example", "http://b.example"));
    assert!(!same_origin("http://h", "/relative/next"));
    assert!(!same_origin("ftp://h/x", "ftp://h/y"));
    assert!(!same_origin("", ""));
}

/// Found by `config_never_shows_the_password`: a password written as a list (or a mapping) was
/// echoed into the "expected a string" error.
#[test]
fn regression_password_of_the_wrong_type_is_not_echoed() {
    for value in ["[Pw-secret-123]", "{value: Pw-secret-123}", "[{nested: [Pw-secret-123]}]"] {
        let text = format!(
            "clouds:\n  fuzz:\n    auth:\n      auth_url: http://k/v3\n      username: u\n      password: {value}\n"
        );
        let f = files(&[("clouds.yaml", text.as_bytes())], HashMap::new());
        let error = f.loader.load(Some("fuzz")).unwrap_err().to_string();
        assert!(error.contains("clouds.fuzz.auth.password"), "{error}");
        assert!(error.contains("expected a string, found a"), "{error}");
        assert!(!error.contains("Pw-secret-123"), "{error}");
    }
}

/// Found by the `error_body` fuzz target: a blank `detail` (neutron sends `"detail": ""`, a proxy
/// may send `" "`) was taken as the message, so the error read "... returned 409: ".
#[test]
fn regression_blank_error_detail_is_not_the_message() {
    let conflict = reqwest::StatusCode::CONFLICT;
    let body =
        br#"{"NeutronError": {"type": "IpAddressInUse", "message": "Unable to complete operation.", "detail": " "}}"#;
    assert_eq!(error_message(conflict, "application/json", body), "Unable to complete operation.");
    let body = br#"{"NeutronError": {"type": "IpAddelddA to compl\te operation.", "detail":" "}}"#;
    assert!(!error_message(conflict, "application/json", body).trim().is_empty());
    let body = br#"{"badRequest": {"message": "  ", "code": 400}, "title": "\n"}"#;
    assert!(!error_message(reqwest::StatusCode::BAD_REQUEST, "application/json", body).trim().is_empty());
}
