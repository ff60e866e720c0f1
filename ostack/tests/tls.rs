//! TLS against the devcloud's https front (`keystone-tls`: Keystone on https://127.0.0.1:5443
//! with the devcloud's own CA, and on :5444 requiring a client certificate; see devcloud/README.md).
//!
//! Proves `cacert`, `verify: false`, client certificates (`cert`/`key`) and that a certificate
//! from an untrusted CA is refused with an error that says so and names the URL.
//! Outside CI they skip when the devcloud (or its TLS front) is absent; in CI (`CI=true`) they fail.

use ostack::config::CloudConfig;
use ostack::session::Request;
use ostack::{Connection, Error};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

/// Skip (outside CI) with one line, or fail (in CI).
fn skip<T>(why: String) -> Option<T> {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("devcloud TLS front unavailable in CI: {why}");
    }
    eprintln!("SKIP: {why}; start the devcloud with `devcloud/up && eval \"$(devcloud/env)\"`");
    None
}

/// The config of a devcloud TLS cloud, if clouds.yaml has it and its port answers.
async fn tls_cloud(name: &str) -> Option<CloudConfig> {
    let config = match CloudConfig::from_cloud(name) {
        Ok(c) => c,
        Err(e) => return skip(format!("cloud '{name}' not loadable ({e})")),
    };
    let auth_url = config.auth.auth_url.clone().expect("devcloud TLS clouds have an auth_url");
    let url = url::Url::parse(&auth_url).expect("auth_url is a URL");
    let addr = format!("{}:{}", url.host_str().unwrap(), url.port_or_known_default().unwrap());
    match tokio::time::timeout(Duration::from_secs(5), tokio::net::TcpStream::connect(&addr)).await {
        Ok(Ok(_)) => Some(config),
        Ok(Err(e)) => skip(format!("{addr} ({name}) refuses connections: {e}")),
        Err(_) => skip(format!("{addr} ({name}) does not accept a connection within 5 s")),
    }
}

/// A file of the devcloud's TLS directory (next to the CA that `devcloud-tls` trusts).
fn tls_file(config: &CloudConfig, name: &str) -> PathBuf {
    let ca = config.cacert.as_ref().expect("devcloud-tls has a cacert");
    let path = ca.parent().unwrap().join(name);
    assert!(path.exists(), "{} is missing (devcloud/up writes it)", path.display());
    path
}

/// Connect (authenticate) and expect a failure; returns its message.
async fn refused(config: CloudConfig) -> String {
    match Connection::connect(config).await {
        Ok(_) => panic!("the connection was accepted"),
        Err(e) => e.to_string(),
    }
}

/// A token is issued, its catalog is there, and an authenticated GET over the same https
/// endpoint works.
async fn assert_works(config: CloudConfig) {
    let auth_url = config.auth.auth_url.clone().unwrap();
    let conn = Connection::connect(config).await.unwrap_or_else(|e| panic!("connect over {auth_url}: {e}"));
    let token = conn.token().await.unwrap().expect("a token");
    assert_eq!(token.project_name.as_deref(), Some("admin"));
    assert!(conn.catalog().await.unwrap().services.iter().any(|s| s.service_type == "identity"));
    let base = auth_url.trim_end_matches('/');
    let projects: Value = conn
        .send_json(Request::new(http::Method::GET, format!("{base}/auth/projects")), "projects")
        .await
        .unwrap_or_else(|e| panic!("GET {base}/auth/projects: {e}"));
    assert!(projects["projects"].as_array().unwrap().iter().any(|p| p["name"] == "admin"), "{projects}");
}

/// The message of a refused server certificate: says it is the certificate, names the URL.
fn assert_untrusted_server(message: &str, url: &str) {
    assert!(message.contains(url), "the error names the URL {url}: {message}");
    assert!(message.contains("certificate"), "the error says it is about the certificate: {message}");
    assert!(message.contains("UnknownIssuer"), "the error says the issuer is unknown: {message}");
}

#[tokio::test]
async fn cacert_verifies_the_server() {
    let Some(config) = tls_cloud("devcloud-tls").await else { return };
    assert!(config.verify && config.cacert.is_some());
    assert_works(config.clone()).await;

    // Keystone behind the front knows it is served over https: its version document says so.
    let conn = Connection::connect(config).await.unwrap();
    let version: Value =
        conn.send_json(Request::new(http::Method::GET, "https://127.0.0.1:5443/v3"), "version").await.unwrap();
    assert_eq!(version["version"]["links"][0]["href"], "https://127.0.0.1:5443/v3/", "{version}");
}

#[tokio::test]
async fn localhost_matches_the_dns_name_of_the_certificate() {
    let Some(mut config) = tls_cloud("devcloud-tls").await else { return };
    config.auth.auth_url = Some("https://localhost:5443/v3".into());
    assert_works(config).await;
}

#[tokio::test]
async fn without_cacert_the_server_certificate_is_refused() {
    let Some(mut config) = tls_cloud("devcloud-tls").await else { return };
    config.cacert = None;
    let message = refused(config).await;
    assert_untrusted_server(&message, "https://127.0.0.1:5443/v3/auth/tokens");
}

#[tokio::test]
async fn a_cacert_of_another_ca_is_refused() {
    let Some(mut config) = tls_cloud("devcloud-tls").await else { return };
    config.cacert = Some(tls_file(&config, "untrusted-ca.pem"));
    let message = refused(config).await;
    assert_untrusted_server(&message, "https://127.0.0.1:5443/v3/auth/tokens");
}

#[tokio::test]
async fn verify_false_accepts_the_unknown_ca() {
    let Some(config) = tls_cloud("devcloud-tls-insecure").await else { return };
    assert!(!config.verify && config.cacert.is_none());
    assert_works(config.clone()).await;
    // `verify: false` wins over a cacert that would refuse the server.
    let Some(trusting) = tls_cloud("devcloud-tls").await else { return };
    let mut both = config;
    both.cacert = Some(tls_file(&trusting, "untrusted-ca.pem"));
    assert_works(both).await;
}

#[tokio::test]
async fn client_certificate_is_sent() {
    let Some(config) = tls_cloud("devcloud-tls-client").await else { return };
    assert!(config.cert.is_some() && config.key.is_some());
    assert_works(config).await;
}

#[tokio::test]
async fn without_client_certificate_the_handshake_fails() {
    let Some(mut config) = tls_cloud("devcloud-tls-client").await else { return };
    config.cert = None;
    config.key = None;
    let message = refused(config).await;
    assert!(message.contains("https://127.0.0.1:5444/v3/auth/tokens"), "the error names the URL: {message}");
    assert!(message.contains("CertificateRequired"), "the error says a client certificate is required: {message}");
}

#[tokio::test]
async fn a_client_certificate_of_another_ca_is_refused() {
    let Some(mut config) = tls_cloud("devcloud-tls-client").await else { return };
    config.cert = Some(tls_file(&config, "untrusted-client.pem"));
    config.key = Some(tls_file(&config, "untrusted-client.key"));
    let message = refused(config).await;
    assert!(message.contains("https://127.0.0.1:5444/v3/auth/tokens"), "the error names the URL: {message}");
    assert!(message.contains("UnknownCA"), "the error says the server does not know the client's CA: {message}");
}

#[tokio::test]
async fn a_key_that_does_not_match_the_certificate_is_an_error() {
    let Some(mut config) = tls_cloud("devcloud-tls-client").await else { return };
    config.key = Some(tls_file(&config, "untrusted-client.key"));
    let Err(error) = Connection::connect(config).await else { panic!("a mismatched key was accepted") };
    let message = error.to_string();
    // Caught while building the client, before anything is sent to Keystone.
    assert!(!matches!(error, Error::AuthRefused { .. }) && !message.contains("POST"), "{message}");
    assert!(matches!(error, Error::Config { .. }) && message.contains("usable TLS identity"), "{message}");
    assert!(message.contains("untrusted-client.key"), "names the key file: {message}");
}

/// A certificate problem is permanent: it is reported at once, not retried for seconds and then
/// called an outage ("Keystone ... is unavailable ... gave up after 5 attempts").
#[tokio::test]
async fn certificate_errors_are_reported_at_once_not_as_an_outage() {
    let Some(mut server) = tls_cloud("devcloud-tls").await else { return };
    server.cacert = None;
    let Some(mut client) = tls_cloud("devcloud-tls-client").await else { return };
    client.cert = None;
    client.key = None;
    for config in [server, client] {
        let started = std::time::Instant::now();
        let message = refused(config).await;
        assert!(started.elapsed() < Duration::from_secs(2), "took {:?}: {message}", started.elapsed());
        assert!(!message.contains("unavailable") && !message.contains("attempts"), "{message}");
    }
}
