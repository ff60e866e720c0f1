//! A wiremock "cloud": Keystone issuing tokens whose catalog points back at the mock server.
#![allow(dead_code)]

pub mod contract;
pub mod fault;

use ostack::config::{AuthConfig, AuthType, CloudConfig};
use ostack::session::RetryPolicy;
use ostack::Connection;
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A Keystone token response body whose catalog points at `base`.
pub fn token_body(base: &str, expires_at: &str) -> Value {
    json!({"token": {
        "methods": ["password"],
        "expires_at": expires_at,
        "issued_at": "2026-01-01T00:00:00.000000Z",
        "user": {"id": "u1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
        "project": {"id": "p1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
        "roles": [{"id": "r1", "name": "admin"}],
        "catalog": [
            {"type": "compute", "name": "nova", "id": "c", "endpoints": [
                {"id": "e1", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": format!("{base}/compute/v2.1")},
                {"id": "e2", "interface": "internal", "region": "RegionOne", "region_id": "RegionOne", "url": format!("{base}/compute-internal/v2.1")}
            ]},
            {"type": "network", "name": "neutron", "id": "n", "endpoints": [
                {"id": "e3", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": format!("{base}/network")}
            ]},
            {"type": "image", "name": "glance", "id": "i", "endpoints": [
                {"id": "e4", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": format!("{base}/image")}
            ]},
            {"type": "volumev3", "name": "cinderv3", "id": "v", "endpoints": [
                {"id": "e5", "interface": "public", "region": "RegionTwo", "region_id": "RegionTwo", "url": format!("{base}/volume/v3")}
            ]}
        ]
    }})
}

/// A token that expires far in the future.
pub const LATER: &str = "2999-01-01T00:00:00.000000Z";

/// Mount a Keystone token endpoint answering with `token-N` values.
pub async fn mount_keystone(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-subject-token", "token-1")
                .set_body_json(token_body(&server.uri(), LATER)),
        )
        .mount(server)
        .await;
}

/// Nova's version document at the versioned endpoint.
pub async fn mount_compute_version(server: &MockServer, max: &str) {
    Mock::given(method("GET"))
        .and(path("/compute/v2.1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"version": {
            "id": "v2.1", "status": "CURRENT", "version": max, "min_version": "2.1",
            "links": [{"rel": "self", "href": "http://x/v2.1/"}]}})))
        .mount(server)
        .await;
}

/// A password cloud pointing at the mock server.
pub fn config(server: &MockServer) -> CloudConfig {
    CloudConfig {
        name: Some("mock".into()),
        auth_type: AuthType::Password,
        auth: AuthConfig {
            auth_url: Some(format!("{}/identity/v3", server.uri())),
            username: Some("admin".into()),
            password: Some("s3cret-password".to_string().into()),
            project_name: Some("admin".into()),
            user_domain_name: Some("Default".into()),
            project_domain_name: Some("Default".into()),
            ..Default::default()
        },
        region_name: Some("RegionOne".into()),
        interface: "public".into(),
        verify: true,
        ..Default::default()
    }
}

/// Fast retries for tests.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_secs(2),
        ..Default::default()
    }
}

/// A mock server with Keystone mounted, and a connection to it.
pub async fn mock_cloud() -> (MockServer, Connection) {
    let server = MockServer::start().await;
    mount_keystone(&server).await;
    let conn = Connection::builder(config(&server)).retry_policy(fast_retries()).build().await.unwrap();
    (server, conn)
}

/// How many requests the server received for `method` + `path`.
pub async fn count(server: &MockServer, m: &str, p: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.method.as_str() == m && r.url.path() == p)
        .count()
}
