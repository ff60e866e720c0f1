//! Parsers never panic: clouds.yaml cut or garbled anywhere, and API bodies with every field
//! replaced by values of the wrong type, give errors (or tolerant results), not panics.

use ostack::compute::v2::{Flavor, Keypair, Server};
use ostack::config::ConfigLoader;
use ostack::image::v2::Image;
use ostack::network::v2::{Network, Port, Subnet};
use ostack::Error;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const CLOUDS: &str = "clouds:\n  dev:\n    auth:\n      auth_url: http://k/v3\n      username: u\n      password: p\n      project_name: x\n    regions:\n      - name: A\n        values: {compute_endpoint_override: 'http://c'}\n    verify: false\n    compute_api_version: 2.79\n";

#[test]
fn config_files_cut_or_garbled_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let loader = ConfigLoader { search_dirs: vec![dir.path().to_path_buf()], env: HashMap::new() };
    let path = dir.path().join("clouds.yaml");
    let bytes = CLOUDS.as_bytes();
    let garbage: &[u8] = b":-[]{}!&*|>'\"%@`#,?\n\t \x00\xff";
    for cut in 0..bytes.len() {
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let _ = loader.load(Some("dev"));
        for g in garbage {
            let mut mutated = bytes.to_vec();
            mutated[cut] = *g;
            std::fs::write(&path, &mutated).unwrap();
            let _ = loader.load(Some("dev"));
            let _ = loader.load(None);
        }
    }
}

/// Every top-level field replaced in turn by each wrong-typed value.
fn mutations(base: &Value) -> Vec<Value> {
    let wrong = [
        json!(null),
        json!(""),
        json!(-1),
        json!(1.5e300),
        json!(true),
        json!([]),
        json!({}),
        json!("x"),
        json!([null, {"a": []}]),
    ];
    let mut out = Vec::new();
    if let Value::Object(map) = base {
        for key in map.keys() {
            for w in &wrong {
                let mut m = base.clone();
                m[key] = w.clone();
                out.push(m);
            }
        }
    }
    out
}

fn never_panics<T: serde::de::DeserializeOwned>(base: Value) {
    for body in mutations(&base) {
        let _ = serde_json::from_value::<T>(body);
    }
}

#[test]
fn api_bodies_with_wrong_types_never_panic() {
    never_panics::<Server>(
        json!({"id": "a", "name": "n", "status": "ACTIVE", "image": {"id": "i"}, "flavor": {"vcpus": 1, "ram": 2, "disk": 3, "original_name": "f", "extra_specs": {}}, "addresses": {"n": [{"addr": "1.2.3.4", "version": 4}]}, "created": "2020-01-01T00:00:00Z", "OS-EXT-STS:power_state": 1, "metadata": {}, "security_groups": [{"name": "default"}], "tags": [], "progress": 0}),
    );
    never_panics::<Flavor>(
        json!({"id": "1", "name": "f", "ram": 1, "vcpus": 1, "disk": 1, "swap": "", "OS-FLV-EXT-DATA:ephemeral": 0, "rxtx_factor": 1.0, "extra_specs": {"a": "b"}}),
    );
    never_panics::<Keypair>(
        json!({"name": "k", "public_key": "ssh-ed25519 A", "fingerprint": "f", "type": "ssh", "created_at": "2020-01-01T00:00:00.000000"}),
    );
    never_panics::<Network>(
        json!({"id": "n", "name": "n", "subnets": ["s"], "admin_state_up": true, "router:external": false, "mtu": 1450, "created_at": "2020-01-01T00:00:00Z"}),
    );
    never_panics::<Subnet>(
        json!({"id": "s", "name": "s", "network_id": "n", "cidr": "10.0.0.0/24", "ip_version": 4, "allocation_pools": [{"start": "a", "end": "b"}], "host_routes": []}),
    );
    never_panics::<Port>(
        json!({"id": "p", "name": "p", "network_id": "n", "fixed_ips": [{"subnet_id": "s", "ip_address": "10.0.0.2"}], "security_groups": [], "binding:vif_type": "ovs"}),
    );
    never_panics::<Image>(
        json!({"id": "i", "name": "i", "status": "active", "size": 1, "tags": [], "created_at": "2020-01-01T00:00:00Z", "min_disk": 0}),
    );
}

#[test]
fn lenient_where_clouds_are_sloppy() {
    // null lists, "" for absent values, new enum values, zone-less timestamps
    let server: Server = serde_json::from_value(json!({"id": "a", "name": "n", "status": "NEW_STATE", "image": "", "addresses": null, "tags": null, "metadata": null, "accessIPv4": "", "created": "2020-01-01T00:00:00"})).unwrap();
    assert!(server.image().is_none() && server.addresses.is_empty() && server.access_ipv4().is_none());
    assert_eq!(server.status.unwrap().as_str(), "NEW_STATE");
    assert_eq!(server.created.unwrap().as_str(), "2020-01-01T00:00:00", "the text the cloud sent is kept");
    // where it must fail, the error names the field and the value
    let err = serde_json::from_value::<Server>(json!({"id": "a", "created": "yesterday"})).unwrap_err();
    assert!(err.to_string().contains("yesterday"), "{err}");
}

/// Nesting 100,000 deep took libyaml about a minute (its work grows with depth times length);
/// it is now refused before parsing, and so is an oversized file, each with the file named.
#[test]
fn deep_nesting_and_huge_config_files_are_refused_fast() {
    let n = 100_000;
    let deep_block: String = (0..400).map(|i| format!("{}a:\n", "  ".repeat(i))).collect();
    let cases = [
        ("clouds.yaml", format!("{}1{}", "{a: ".repeat(n), "}".repeat(n))),
        ("clouds.yaml", format!("{}{}", "[".repeat(n), "]".repeat(n))),
        ("clouds.yaml", "[".repeat(n)),
        ("clouds.yaml", format!("{}x\n", "- ".repeat(n))),
        ("clouds.yaml", format!("clouds:\n  dev:\n    auth: {}1{}\n", "[".repeat(n), "]".repeat(n))),
        ("clouds.yaml", deep_block),
        ("clouds.json", format!("{}{}", "[".repeat(n), "]".repeat(n))),
        ("clouds.json", format!("{{\"clouds\": {}1{}}}", "{\"a\": ".repeat(n), "}".repeat(n))),
        ("clouds.yaml", format!("# {}\n", "x".repeat(2 << 20))),
    ];
    for (name, text) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let loader = ConfigLoader { search_dirs: vec![dir.path().to_path_buf()], env: HashMap::new() };
        let started = Instant::now();
        let err = loader.load(Some("dev")).unwrap_err();
        let took = started.elapsed();
        let Error::Config { file, message, .. } = &err else { panic!("{err:?}") };
        assert_eq!(file.as_deref(), Some(path.as_path()));
        assert!(
            message.contains("nested deeper than 64")
                || message.contains("recursion limit")
                || message.contains("larger than"),
            "{message}"
        );
        assert!(took < Duration::from_millis(100), "{name} {}...: {took:?}", &text[..20]);
    }
}

#[test]
fn a_config_file_that_never_ends_is_cut_off() {
    // /dev/zero as clouds.yaml used to be read until memory ran out
    let loader = ConfigLoader {
        search_dirs: vec![],
        env: HashMap::from([("OS_CLIENT_CONFIG_FILE".to_string(), "/dev/zero".to_string())]),
    };
    let started = Instant::now();
    let err = loader.load(Some("dev")).unwrap_err();
    assert!(err.to_string().contains("/dev/zero") && err.to_string().contains("larger than"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn nesting_within_the_limit_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let loader = ConfigLoader { search_dirs: vec![dir.path().to_path_buf()], env: HashMap::new() };
    // clouds -> dev -> extra keys 60 deep (ignored by the loader, but read)
    let extra = format!("    extra: {}1{}\n", "[".repeat(58), "]".repeat(58));
    std::fs::write(dir.path().join("clouds.yaml"), format!("{CLOUDS}{extra}")).unwrap();
    assert_eq!(loader.load(Some("dev")).unwrap().api_version("compute"), Some("2.79"));
}
