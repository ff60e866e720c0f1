//! Session, auth, catalog and discovery against a wiremock cloud: things a real cloud cannot be
//! made to do on demand (503 storms, expiring tokens, other releases' error bodies).

mod common;

use common::*;
use futures::TryStreamExt;
use ostack::config::{AuthType, CloudConfig};
use ostack::{Connection, Error, ServiceType};
use serde_json::json;
use std::collections::BTreeMap;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn server_json(id: &str) -> serde_json::Value {
    json!({"id": id, "name": format!("vm-{id}"), "status": "ACTIVE", "addresses": {}, "links": []})
}

#[tokio::test]
async fn password_auth_reads_scope_and_catalog() {
    let (server, conn) = mock_cloud().await;
    let token = conn.token().await.unwrap().unwrap();
    assert_eq!(token.project_id.as_deref(), Some("p1"));
    assert_eq!(token.roles, vec!["admin".to_string()]);
    assert!(token.expires_at.is_some());
    let catalog = conn.catalog().await.unwrap();
    assert_eq!(
        catalog.endpoint(ServiceType::Compute, "public", None).unwrap(),
        format!("{}/compute/v2.1", server.uri())
    );
    // the request body carried the password and the project scope by name + domain
    let requests = server.received_requests().await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body["auth"]["identity"]["password"]["user"]["name"], "admin");
    assert_eq!(body["auth"]["identity"]["password"]["user"]["domain"]["name"], "Default");
    assert_eq!(body["auth"]["scope"]["project"]["name"], "admin");
    assert_eq!(requests[0].headers.get("user-agent").unwrap().to_str().unwrap(), ostack::session::USER_AGENT);
}

#[tokio::test]
async fn catalog_selects_interface_region_and_aliases() {
    let (server, conn) = mock_cloud().await;
    let catalog = conn.catalog().await.unwrap();
    let base = server.uri();
    assert_eq!(
        catalog.endpoint(ServiceType::Compute, "internal", Some("RegionOne")).unwrap(),
        format!("{base}/compute-internal/v2.1")
    );
    // block-storage is registered as volumev3 in this catalog
    assert_eq!(
        catalog.endpoint(ServiceType::BlockStorage, "public", Some("RegionTwo")).unwrap(),
        format!("{base}/volume/v3")
    );
    let err = catalog.endpoint(ServiceType::BlockStorage, "public", Some("RegionOne")).unwrap_err();
    assert!(matches!(err, Error::EndpointNotFound { .. }), "{err}");
    assert!(err.to_string().contains("block-storage"));
    assert!(catalog.endpoint(ServiceType::Placement, "public", None).is_err());
}

#[tokio::test]
async fn endpoint_override_wins_over_catalog() {
    let server = MockServer::start().await;
    mount_keystone(&server).await;
    let mut config = config(&server);
    config.endpoint_overrides.insert("network".into(), format!("{}/elsewhere/v2.0", server.uri()));
    let conn = Connection::builder(config).build().await.unwrap();
    let endpoint = conn.endpoint(ServiceType::Network).await.unwrap();
    assert_eq!(endpoint.url, format!("{}/elsewhere/v2.0", server.uri()));
}

#[tokio::test]
async fn auth_none_uses_overrides_without_keystone() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/net/v2.0/networks"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"networks": [{"id": "n1", "name": "a"}]})))
        .mount(&server)
        .await;
    let config = CloudConfig {
        auth_type: AuthType::None,
        interface: "public".into(),
        endpoint_overrides: BTreeMap::from([("network".to_string(), format!("{}/net/v2.0", server.uri()))]),
        ..Default::default()
    };
    let conn = Connection::builder(config).build().await.unwrap();
    let nets = conn.network().networks().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(nets.len(), 1);
    assert_eq!(count(&server, "POST", "/identity/v3/auth/tokens").await, 0);
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| !r.headers.contains_key("x-auth-token")));
    // a service without an override is a config error naming the key
    let err = conn.endpoint(ServiceType::Compute).await.unwrap_err();
    assert!(err.to_string().contains("compute_endpoint_override"), "{err}");
}

#[tokio::test]
async fn compute_microversion_is_negotiated_and_sent() {
    let (server, conn) = mock_cloud().await;
    mount_compute_version(&server, "2.90").await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/servers/detail"))
        .and(header("openstack-api-version", "compute 2.90"))
        .and(header("x-openstack-nova-api-version", "2.90"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"servers": [server_json("a")]})))
        .mount(&server)
        .await;
    assert_eq!(conn.compute().microversion().await.unwrap().unwrap().to_string(), "2.90");
    let servers = conn.compute().servers().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(servers.len(), 1);

    // a cloud newer than ostack gets ostack's maximum
    let (server, conn) = mock_cloud().await;
    mount_compute_version(&server, "2.200").await;
    assert_eq!(conn.compute().microversion().await.unwrap(), Some(ostack::discovery::COMPUTE_MAX_MICROVERSION));
}

#[tokio::test]
async fn pinned_microversion_is_checked_against_the_cloud() {
    let server = MockServer::start().await;
    mount_keystone(&server).await;
    mount_compute_version(&server, "2.90").await;
    let mut cfg = config(&server);
    cfg.api_versions.insert("compute".into(), "2.60".into());
    let conn = Connection::builder(cfg.clone()).build().await.unwrap();
    assert_eq!(conn.compute().microversion().await.unwrap().unwrap().to_string(), "2.60");
    cfg.api_versions.insert("compute".into(), "2.95".into());
    let conn = Connection::builder(cfg).build().await.unwrap();
    let err = conn.compute().microversion().await.unwrap_err();
    assert!(err.to_string().contains("2.95") && err.to_string().contains("2.90"), "{err}");
}

#[tokio::test]
async fn api_error_carries_method_url_status_request_id_and_message() {
    let (server, conn) = mock_cloud().await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/servers/nope"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-compute-request-id", "req-123")
                .set_body_json(json!({"itemNotFound": {"code": 404, "message": "Instance nope could not be found."}})),
        )
        .mount(&server)
        .await;
    let err = conn.compute().servers().get("nope").await.unwrap_err();
    match &err {
        Error::Api { status, method, url, request_id, message } => {
            assert_eq!(*status, 404);
            assert_eq!(method, "GET");
            assert!(url.ends_with("/compute/v2.1/servers/nope"));
            assert_eq!(request_id.as_deref(), Some("req-123"));
            assert_eq!(message, "Instance nope could not be found.");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.is_not_found());
    assert!(err.to_string().contains("req-123"));
}

#[tokio::test]
async fn retries_503_honouring_retry_after_then_succeeds() {
    let (server, conn) = mock_cloud().await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/servers/a"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/servers/a"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"server": server_json("a")})))
        .with_priority(2)
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let got = conn.compute().servers().get("a").await.unwrap();
    assert_eq!(got.id, "a");
    assert!(started.elapsed() >= std::time::Duration::from_millis(900), "Retry-After: 1 was not honoured");
    assert_eq!(count(&server, "GET", "/compute/v2.1/servers/a").await, 2);
}

#[tokio::test]
async fn retries_stop_after_the_policy_limit() {
    let (server, conn) = mock_cloud().await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/servers/a"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let err = conn.compute().servers().get("a").await.unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(count(&server, "GET", "/compute/v2.1/servers/a").await, 4); // 1 + 3 retries
}

#[tokio::test]
async fn post_is_never_retried() {
    let (server, conn) = mock_cloud().await;
    Mock::given(method("POST"))
        .and(path("/compute/v2.1/servers"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .mount(&server)
        .await;
    let body = ostack::compute::v2::CreateServer::new("x", "1");
    let err = conn.compute().servers().create(&body).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(count(&server, "POST", "/compute/v2.1/servers").await, 1);
}

/// Keystone hands out token-1 first and token-2 afterwards; the API refuses token-1.
async fn expiring_token_cloud() -> (MockServer, Connection) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-subject-token", "token-1")
                .set_body_json(token_body(&server.uri(), LATER)),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-subject-token", "token-2")
                .set_delay(std::time::Duration::from_millis(50))
                .set_body_json(token_body(&server.uri(), LATER)),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("x-auth-token", "token-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"error": {"code": 401, "message": "The request you have made requires authentication."}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/servers/a"))
        .and(header("x-auth-token", "token-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"server": server_json("a")})))
        .mount(&server)
        .await;
    let conn = Connection::builder(config(&server)).retry_policy(fast_retries()).build().await.unwrap();
    conn.token().await.unwrap();
    (server, conn)
}

#[tokio::test]
async fn a_401_triggers_one_reauth_and_a_replay() {
    let (server, conn) = expiring_token_cloud().await;
    let got = conn.compute().servers().get("a").await.unwrap();
    assert_eq!(got.name, "vm-a");
    assert_eq!(count(&server, "POST", "/identity/v3/auth/tokens").await, 2);
    assert_eq!(conn.session().auth_requests(), 2);
}

#[tokio::test]
async fn fifty_concurrent_callers_share_one_reauth() {
    let (server, conn) = expiring_token_cloud().await;
    let calls = (0..50).map(|_| {
        let conn = conn.clone();
        tokio::spawn(async move { conn.compute().servers().get("a").await })
    });
    for result in futures::future::join_all(calls).await {
        assert_eq!(result.unwrap().unwrap().id, "a");
    }
    // one initial authentication + exactly one re-authentication
    assert_eq!(count(&server, "POST", "/identity/v3/auth/tokens").await, 2);
}

#[tokio::test]
async fn a_token_about_to_expire_is_renewed_before_use() {
    let server = MockServer::start().await;
    let soon = (chrono::Utc::now() + chrono::Duration::seconds(30)).to_rfc3339();
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-subject-token", "t")
                .set_body_json(token_body(&server.uri(), &soon)),
        )
        .mount(&server)
        .await;
    let conn = Connection::builder(config(&server)).build().await.unwrap();
    conn.token().await.unwrap();
    conn.token().await.unwrap();
    assert_eq!(count(&server, "POST", "/identity/v3/auth/tokens").await, 2);
}

#[tokio::test]
async fn refused_credentials_give_an_auth_error_without_the_password() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-openstack-request-id", "req-k")
                .set_body_json(json!({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}})),
        )
        .mount(&server)
        .await;
    let err = Connection::connect(config(&server)).await.unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::AuthRefused { status: 401, .. }));
    assert!(text.contains("requires authentication") && text.contains("req-k"), "{text}");
    assert!(!text.contains("s3cret-password"));
    assert!(!format!("{:?}", config(&server)).contains("s3cret-password"));
}

#[tokio::test]
async fn tokens_never_show_in_debug_output() {
    let (_server, conn) = mock_cloud().await;
    let token = conn.token().await.unwrap().unwrap();
    let debug = format!("{token:?} {conn:?}");
    assert!(!debug.contains("token-1"), "{debug}");
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_naming_the_url() {
    let mut cfg = CloudConfig { auth_type: AuthType::None, interface: "public".into(), ..Default::default() };
    cfg.endpoint_overrides.insert("compute".into(), "http://127.0.0.1:9/v2.1".into());
    let conn = Connection::builder(cfg)
        .retry_policy(ostack::session::RetryPolicy { max_retries: 1, ..fast_retries() })
        .build()
        .await
        .unwrap();
    let err = conn.compute().servers().list(&Default::default()).try_next().await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.to_string().contains("127.0.0.1:9"), "{err}");
}

#[tokio::test]
async fn tls_options_are_checked_and_named() {
    let server = MockServer::start().await;
    let mut cfg = config(&server);
    cfg.cacert = Some("/nonexistent/ca.pem".into());
    let err = Connection::builder(cfg.clone()).build().await.unwrap_err();
    assert!(matches!(&err, Error::Config { key: Some(k), .. } if k == "clouds.mock.cacert"), "{err:?}");
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("ca.pem");
    std::fs::write(&bogus, "not a certificate").unwrap();
    cfg.cacert = None;
    cfg.cert = Some(bogus.clone());
    let err = Connection::builder(cfg.clone()).build().await.unwrap_err();
    assert!(err.to_string().contains("cert"), "{err}");
    // verify: false builds (insecure) without any certificate
    cfg.cert = None;
    cfg.verify = false;
    Connection::builder(cfg).build().await.unwrap();
}
