//! What each fuzz target checks, shared by the targets in `fuzz_targets/`.
//!
//! Every check feeds untrusted bytes to one ostack entry point and asserts only what must hold
//! for *any* input: no panic, no hang, and the few invariants noted on each function.

use ostack::config::ConfigLoader;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// A scratch directory for config files, made once per fuzzing process.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::Builder::new().prefix("ostack-fuzz-").tempdir().expect("temp dir")).path()
}

fn put(path: PathBuf, content: Option<&[u8]>) {
    match content {
        Some(bytes) => std::fs::write(&path, bytes).expect("write config file"),
        None => {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Config loading. The input is up to four parts separated by NUL bytes (which no YAML or JSON
/// file can contain): clouds file, secure file, clouds-public file, then `KEY=VALUE` lines used
/// as the environment. The files get extension `ext` (`yaml` or `json`). Loads the only cloud,
/// then the cloud named `fuzz`; each must give a config or an error that formats.
pub fn check_config(data: &[u8], ext: &str) {
    let mut parts = data.splitn(4, |b| *b == 0);
    let dir = scratch();
    put(dir.join(format!("clouds.{ext}")), parts.next());
    put(dir.join(format!("secure.{ext}")), parts.next());
    put(dir.join(format!("clouds-public.{ext}")), parts.next());
    let env: HashMap<String, String> = parts
        .next()
        .map(|env| {
            String::from_utf8_lossy(env)
                .lines()
                .filter_map(|line| line.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let loader = ConfigLoader { search_dirs: vec![dir.to_path_buf()], env };
    for name in [None, Some("fuzz")] {
        match loader.load(name) {
            Ok(config) => {
                let _ = format!("{config:?}");
            }
            Err(error) => {
                assert!(!error.to_string().is_empty(), "an error with no message");
            }
        }
    }
}

/// Decode `data` as `T`; when it decodes, encoding it back must decode again.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(data: &[u8]) -> Option<T> {
    let value: T = serde_json::from_slice(data).ok()?;
    let encoded = serde_json::to_vec(&value).expect("a decoded resource encodes");
    if let Err(e) = serde_json::from_slice::<T>(&encoded) {
        panic!(
            "{} does not decode what it encoded: {e}\n{}",
            std::any::type_name::<T>(),
            String::from_utf8_lossy(&encoded)
        );
    }
    Some(value)
}

fn resource<R: ostack::Resource + serde::Serialize + std::fmt::Debug>(data: &[u8]) {
    if let Some(r) = round_trip::<R>(data) {
        let _ = (r.id(), r.name(), r.status(), format!("{r:?}"));
    }
}

/// Every resource decoder (and the token-cache and catalog decoders) on the same bytes.
pub fn check_resources(data: &[u8]) {
    use ostack::compute::v2::{Flavor, Keypair, Server};
    use ostack::image::v2::Image;
    use ostack::network::v2::{FloatingIp, Network, Port, Router, SecurityGroup, SecurityGroupRule, Subnet};
    resource::<Server>(data);
    if let Ok(server) = serde_json::from_slice::<Server>(data) {
        let _ = server.ips().count();
    }
    resource::<Flavor>(data);
    resource::<Keypair>(data);
    resource::<Network>(data);
    resource::<Subnet>(data);
    resource::<Port>(data);
    resource::<Router>(data);
    resource::<FloatingIp>(data);
    resource::<SecurityGroup>(data);
    resource::<SecurityGroupRule>(data);
    resource::<Image>(data);
    if let Some(catalog) = round_trip::<ostack::Catalog>(data) {
        for service in [ostack::ServiceType::Compute, ostack::ServiceType::Identity] {
            let _ = catalog.endpoint(service, "public", Some("RegionOne"));
        }
    }
    let _ = round_trip::<ostack::Endpoint>(data);
    let _ = round_trip::<ostack::Microversion>(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ostack::lenient::parse_timestamp(text);
    }
}

/// A token from the on-disk cache: decode it and ask whether it expires soon, as every CLI
/// command does with a cached token.
pub fn check_token(data: &[u8]) {
    if let Some(token) = round_trip::<ostack::Token>(data) {
        let _ = token.expires_within(Duration::from_secs(60));
        let _ = format!("{token:?}");
    }
}

/// Error bodies: first two bytes the status, third the content type, the rest the body.
/// The message is never empty.
pub fn check_error_body(data: &[u8]) {
    if data.len() < 3 {
        return;
    }
    let status = http::StatusCode::from_u16(100 + u16::from_be_bytes([data[0], data[1]]) % 500)
        .expect("100..=599 is a valid status");
    let content_type = ["application/json", "text/html; charset=UTF-8", "text/plain", "", "application/problem+json"]
        [usize::from(data[2]) % 5];
    let message = ostack::session::error_message(status, content_type, &data[3..]);
    assert!(!message.trim().is_empty(), "empty message for {status} {content_type}");
}

/// `Retry-After` values: never a panic, never more than a day.
pub fn check_retry_after(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(wait) = ostack::session::parse_retry_after(&text) {
        assert!(wait <= Duration::from_secs(24 * 60 * 60), "{text:?} gave {wait:?}");
    }
}

/// Link checks: the input is a base URL and a candidate separated by the first newline.
/// `same_origin` is symmetric, reflexive for http(s) URLs, and true only for http(s) URLs.
pub fn check_links(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (base, candidate) = text.split_once('\n').unwrap_or((&text, ""));
    let same = ostack::session::same_origin(base, candidate);
    assert_eq!(same, ostack::session::same_origin(candidate, base), "not symmetric: {base:?} {candidate:?}");
    for url in [base, candidate] {
        let web = url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        assert_eq!(ostack::session::same_origin(url, url), web, "reflexivity for {url:?}");
    }
    if same {
        let (a, b) = (url::Url::parse(base).unwrap(), url::Url::parse(candidate).unwrap());
        assert_eq!(
            (a.scheme(), a.host_str(), a.port_or_known_default()),
            (b.scheme(), b.host_str(), b.port_or_known_default())
        );
    }
}
