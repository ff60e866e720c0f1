//! `ostack` against the devcloud's https front (Keystone on https://127.0.0.1:5443 with the
//! devcloud's own CA, and on :5444 requiring a client certificate; see devcloud/README.md):
//! `verify: false` in clouds.yaml, `--insecure`, `--os-cacert`, `OS_CERT`/`OS_KEY`, and the
//! message of a refused certificate. Outside CI they skip when the devcloud or its TLS front is
//! absent; in CI (`CI=true`) they fail.

mod common;

use common::*;

use std::path::PathBuf;
use std::process::{Command, Output};

/// The devcloud's clouds.yaml and TLS directory, if it has the TLS front.
fn devcloud() -> Option<(PathBuf, PathBuf)> {
    let clouds = std::env::var_os("OS_CLIENT_CONFIG_FILE")
        .map(PathBuf::from)
        .unwrap_or_else(|| devcloud_dir().join("clouds.yaml"));
    let tls = clouds.parent().map(|d| d.join("tls")).unwrap_or_default();
    let has_front = std::fs::read_to_string(&clouds).is_ok_and(|text| text.contains("devcloud-tls-client:"))
        && tls.join("ca.pem").exists()
        && std::net::TcpStream::connect("127.0.0.1:5443").is_ok();
    if has_front {
        return Some((clouds, tls));
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("devcloud TLS front missing in CI ({} / 127.0.0.1:5443)", clouds.display());
    }
    eprintln!("SKIP: devcloud TLS front not found; start it with `devcloud/up && eval \"$(devcloud/env)\"`");
    None
}

/// Run `ostack --os-no-cache ARGS` with only the given `OS_*` variables.
fn ostack(clouds: &PathBuf, args: &[&str], env: &[(&str, &PathBuf)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ostack"));
    command.arg("--os-no-cache").args(args).env("OS_CLIENT_CONFIG_FILE", clouds);
    for var in ["OS_CLOUD", "OS_AUTH_URL", "OS_CACERT", "OS_CERT", "OS_KEY", "OS_INSECURE"] {
        command.env_remove(var);
    }
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("ostack runs")
}

/// A token id was printed.
fn assert_token(output: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{what} failed: {stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.trim().len() > 20 && !stdout.contains(' '), "{what}: no token id printed: {stdout}");
}

/// The command failed and its error names `url` and contains every one of `words`.
fn assert_refused(output: &Output, what: &str, url: &str, words: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{what} succeeded");
    assert!(output.stdout.is_empty(), "{what} printed: {}", String::from_utf8_lossy(&output.stdout));
    assert!(stderr.contains(url), "{what}: the error names {url}: {stderr}");
    for word in words {
        assert!(stderr.contains(word), "{what}: the error says {word}: {stderr}");
    }
}

const TOKEN: [&str; 5] = ["token", "issue", "-f", "value", "-c"];

#[test]
fn verify_false_in_clouds_yaml() {
    let Some((clouds, _)) = devcloud() else { return };
    let out = ostack(&clouds, &[&["--os-cloud", "devcloud-tls-insecure"], &TOKEN[..], &["id"]].concat(), &[]);
    assert_token(&out, "devcloud-tls-insecure");
}

#[test]
fn insecure_flag_and_os_cacert_on_an_https_auth_url() {
    let Some((clouds, tls)) = devcloud() else { return };
    // The plain admin cloud (no cacert), pointed at the https front.
    let https = ["--os-cloud", "devcloud", "--os-auth-url", "https://127.0.0.1:5443/v3"];
    let token = [&https[..], &TOKEN[..], &["id"]].concat();

    let out = ostack(&clouds, &token, &[]);
    assert_refused(&out, "no CA", "https://127.0.0.1:5443/v3/auth/tokens", &["certificate", "UnknownIssuer"]);

    let out = ostack(&clouds, &[&["--insecure"], &token[..]].concat(), &[]);
    assert_token(&out, "--insecure");

    let ca = tls.join("ca.pem");
    let out = ostack(&clouds, &[&["--os-cacert", ca.to_str().unwrap()], &token[..]].concat(), &[]);
    assert_token(&out, "--os-cacert ca.pem");
    let out = ostack(&clouds, &token, &[("OS_CACERT", &ca)]);
    assert_token(&out, "OS_CACERT=ca.pem");

    let untrusted = tls.join("untrusted-ca.pem");
    let out = ostack(&clouds, &[&["--os-cacert", untrusted.to_str().unwrap()], &token[..]].concat(), &[]);
    assert_refused(&out, "untrusted CA", "https://127.0.0.1:5443/v3/auth/tokens", &["certificate", "UnknownIssuer"]);
}

#[test]
fn client_certificate_from_clouds_yaml_and_environment() {
    let Some((clouds, tls)) = devcloud() else { return };
    let out = ostack(&clouds, &[&["--os-cloud", "devcloud-tls-client"], &TOKEN[..], &["id"]].concat(), &[]);
    assert_token(&out, "devcloud-tls-client");

    let mtls = ["--os-cloud", "devcloud", "--os-auth-url", "https://127.0.0.1:5444/v3"];
    let token = [&mtls[..], &TOKEN[..], &["id"]].concat();
    let (ca, cert, key) = (tls.join("ca.pem"), tls.join("client.pem"), tls.join("client.key"));
    let out = ostack(&clouds, &token, &[("OS_CACERT", &ca), ("OS_CERT", &cert), ("OS_KEY", &key)]);
    assert_token(&out, "OS_CERT/OS_KEY");

    let out = ostack(&clouds, &token, &[("OS_CACERT", &ca)]);
    assert_refused(&out, "no client certificate", "https://127.0.0.1:5444/v3/auth/tokens", &["CertificateRequired"]);
}
