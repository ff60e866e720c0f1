//! A hostile or broken network, on demand: redirects and links to other hosts, resets, truncated
//! and dripping bodies, silent servers, 503/429/502 storms with every `Retry-After` form, huge
//! bodies, and re-authentication under 1,000 concurrent callers. Each test asserts what was sent
//! where, how many requests were made, and how long it took.

mod common;

use common::fault::{Fault, FaultServer, Script};
use common::*;
use ostack::discovery::Endpoint;
use ostack::network::v2::CreateNetwork;
use ostack::session::{RetryPolicy, Timeouts};
use ostack::{Connection, Error, ServiceType};
use serde_json::json;
use std::time::{Duration, Instant};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(200),
        max_elapsed: Duration::from_secs(10),
    }
}

fn network_endpoint(base: &str) -> Endpoint {
    Endpoint {
        service: ServiceType::Network,
        url: format!("{base}/v2.0"),
        root: base.to_string(),
        microversion: None,
        min_microversion: None,
        max_microversion: None,
    }
}

/// Keystone on wiremock; the network endpoint at `network` (no discovery request).
async fn cloud_with_network(keystone: &MockServer, network: &str, retry: RetryPolicy) -> Connection {
    Connection::builder(config(keystone))
        .retry_policy(retry)
        .endpoints(vec![network_endpoint(network)])
        .build()
        .await
        .unwrap()
}

fn networks_body() -> Vec<u8> {
    serde_json::to_vec(&json!({"networks": [{"id": "n1", "name": "a"}]})).unwrap()
}

fn respond(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Fault {
    Fault::Respond(status, headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), body.to_vec())
}

async fn list_networks(conn: &Connection) -> ostack::Result<Vec<ostack::network::v2::Network>> {
    conn.network().networks().list(&Default::default()).collect_all().await
}

#[tokio::test]
async fn a_307_on_the_token_request_never_carries_the_password_elsewhere() {
    let recorder = FaultServer::recorder().await;
    let keystone = FaultServer::start(Script::always(respond(
        307,
        &[("Location", &format!("{}/v3/auth/tokens", recorder.uri))],
        b"",
    )))
    .await;
    let mut cfg = config_for_auth_url(&format!("{}/v3", keystone.uri));
    cfg.name = Some("redirected".into());
    let err = Connection::connect(cfg).await.unwrap_err();
    assert!(matches!(err, Error::Redirect { status: 307, .. }), "{err}");
    assert!(err.to_string().contains(&recorder.uri), "{err}");
    assert!(!err.to_string().contains("s3cret-password"));
    assert_eq!(recorder.log.requests(), 0, "the password went to the other host");
    assert_eq!(keystone.log.requests(), 1);
}

/// A password cloud with its auth URL at `auth_url`.
fn config_for_auth_url(auth_url: &str) -> ostack::CloudConfig {
    let mut cfg = ostack::CloudConfig {
        auth_type: ostack::config::AuthType::Password,
        interface: "public".into(),
        verify: true,
        ..Default::default()
    };
    cfg.auth.auth_url = Some(auth_url.to_string());
    cfg.auth.username = Some("admin".into());
    cfg.auth.password = Some("s3cret-password".to_string().into());
    cfg.auth.project_name = Some("admin".into());
    cfg
}

#[tokio::test]
async fn service_redirects_to_another_host_are_not_followed_same_origin_gets_are() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    let recorder = FaultServer::recorder().await;
    for status in [301u16, 302, 303, 307, 308] {
        let service = FaultServer::start(Script::always(respond(
            status,
            &[("Location", &format!("{}/v2.0/networks", recorder.uri))],
            b"",
        )))
        .await;
        let conn = cloud_with_network(&keystone, &service.uri, retries(3)).await;
        let err = list_networks(&conn).await.unwrap_err();
        assert!(matches!(err, Error::Redirect { .. }), "{status}: {err}");
        let err = conn.network().networks().create(&CreateNetwork::default()).await.unwrap_err();
        assert!(matches!(err, Error::Redirect { .. }), "{status}: {err}");
    }
    assert_eq!(recorder.log.requests(), 0, "the token went to the other host");

    // A same-origin redirect of a GET is followed.
    let service = FaultServer::start(Script {
        first: vec![respond(302, &[("Location", "/v2.0/moved")], b"")],
        ..Script::always(respond(200, &[], &networks_body()))
    })
    .await;
    let conn = cloud_with_network(&keystone, &service.uri, retries(3)).await;
    assert_eq!(list_networks(&conn).await.unwrap().len(), 1);
    assert!(service.log.heads()[1].starts_with("GET /v2.0/moved "), "{:?}", service.log.heads());
}

#[tokio::test]
async fn foreign_next_links_and_discovery_self_links_are_not_followed() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    let recorder = FaultServer::recorder().await;
    let page = json!({
        "networks": [{"id": "n1", "name": "a"}],
        "networks_links": [{"rel": "next", "href": format!("{}/v2.0/networks?marker=n1", recorder.uri)}]
    });
    let service = FaultServer::start(Script::always(respond(200, &[], &serde_json::to_vec(&page).unwrap()))).await;
    let conn = cloud_with_network(&keystone, &service.uri, retries(3)).await;
    let err = list_networks(&conn).await.unwrap_err();
    assert!(matches!(err, Error::ForeignLink { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains(&recorder.uri) && text.contains(&service.uri), "names both URLs: {text}");

    // A version document whose self link moves the endpoint to another host: the catalog URL is kept.
    let versions = json!({"versions": [{"id": "v2.0", "status": "CURRENT",
        "links": [{"rel": "self", "href": format!("{}/v2.0/", recorder.uri)}]}]});
    let service = FaultServer::start(Script {
        first: vec![respond(200, &[], &serde_json::to_vec(&versions).unwrap())],
        ..Script::always(respond(200, &[], &networks_body()))
    })
    .await;
    let mut cfg = config(&keystone);
    cfg.endpoint_overrides.insert("network".into(), service.uri.clone());
    let conn = Connection::builder(cfg).retry_policy(retries(3)).build().await.unwrap();
    assert_eq!(conn.endpoint(ServiceType::Network).await.unwrap().url, format!("{}/v2.0", service.uri));
    assert_eq!(list_networks(&conn).await.unwrap().len(), 1);
    assert_eq!(recorder.log.requests(), 0, "the token went to the other host");
}

#[tokio::test]
async fn resets_and_truncated_bodies_of_gets_are_retried() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    for fault in [Fault::ResetBeforeFirstByte, Fault::ResetMidBody(5), Fault::Truncate(5)] {
        let service = FaultServer::start(Script::first(vec![fault.clone()]).answering(&networks_body())).await;
        let conn = cloud_with_network(&keystone, &service.uri, retries(3)).await;
        let started = Instant::now();
        let networks = list_networks(&conn).await.unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert_eq!(networks.len(), 1);
        assert_eq!(service.log.requests(), 2, "{fault:?}: one failure, one retry");
        assert!(started.elapsed() < Duration::from_secs(2), "{fault:?}: {:?}", started.elapsed());
        eprintln!("fault-table | GET, {fault:?} | 2 | retried, ok | {:?}", started.elapsed());
    }
}

#[tokio::test]
async fn a_post_whose_connection_died_after_sending_is_not_resent() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    for fault in [Fault::ResetBeforeFirstByte, Fault::ResetMidBody(3)] {
        let created = json!({"network": {"id": "n1", "name": "a-network-with-a-long-enough-body"}});
        let service =
            FaultServer::start(Script::first(vec![fault.clone()]).answering(created.to_string().as_bytes())).await;
        let conn = cloud_with_network(&keystone, &service.uri, retries(3)).await;
        let err = conn.network().networks().create(&CreateNetwork::default()).await.unwrap_err();
        assert!(err.to_string().contains("may have been applied"), "{fault:?}: {err}");
        assert_eq!(service.log.requests(), 1, "{fault:?}: no duplicate create");
        eprintln!("fault-table | POST, {fault:?} | 1 | error 'may have been applied', not resent | -");
    }
}

#[tokio::test]
async fn a_server_that_never_answers_or_drips_is_bounded_by_the_deadline_and_budget() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    let timeouts = Timeouts {
        connect: Duration::from_secs(1),
        read: Duration::from_secs(30),
        request: Duration::from_millis(300),
    };
    let budget = RetryPolicy { max_elapsed: Duration::from_millis(1500), ..retries(10) };
    for fault in [Fault::NeverAnswer, Fault::Drip(Duration::from_millis(20))] {
        let service = FaultServer::start(Script::always(fault.clone())).await;
        let conn = Connection::builder(config(&keystone))
            .retry_policy(budget.clone())
            .timeouts(timeouts.clone())
            .endpoints(vec![network_endpoint(&service.uri)])
            .build()
            .await
            .unwrap();
        let started = Instant::now();
        let err = list_networks(&conn).await.unwrap_err();
        let elapsed = started.elapsed();
        assert!(elapsed < Duration::from_millis(2500), "{fault:?}: took {elapsed:?}");
        let text = err.to_string();
        assert!(text.contains("no complete answer within") && text.contains("attempts over"), "{fault:?}: {text}");
        assert!(service.log.requests() >= 2, "{fault:?}: retried within the budget");
        eprintln!(
            "fault-table | GET, {fault:?} (attempt deadline 300 ms, budget 1.5 s) | {} | error with attempts | {elapsed:?}",
            service.log.requests()
        );
    }
}

#[tokio::test]
async fn storms_with_every_retry_after_form_are_retried_within_bounds() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    let forms =
        ["0", "1e300", "-1", "NaN", "garbage", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"];
    for status in [503u16, 429, 502] {
        for form in forms {
            let service = FaultServer::start(Script {
                first: vec![respond(status, &[("Retry-After", form)], b"busy"); 2],
                ..Script::always(respond(200, &[], &networks_body()))
            })
            .await;
            let conn = cloud_with_network(&keystone, &service.uri, retries(3)).await;
            let started = Instant::now();
            assert_eq!(list_networks(&conn).await.unwrap().len(), 1, "{status} {form}");
            assert_eq!(service.log.requests(), 3, "{status} {form}");
            // huge values are capped at max_delay (200 ms here)
            assert!(started.elapsed() < Duration::from_secs(1), "{status} {form}: {:?}", started.elapsed());
            eprintln!(
                "fault-table | GET, 2x {status} Retry-After {form:?} | 3 | retried, ok | {:?}",
                started.elapsed()
            );
        }
    }
    // A storm that does not end: the error says how many attempts over how long.
    let service = FaultServer::start(Script::always(respond(503, &[("Retry-After", "1e300")], b"busy"))).await;
    let conn = cloud_with_network(&keystone, &service.uri, retries(3)).await;
    let err = list_networks(&conn).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.to_string().contains("gave up after 4 attempts over"), "{err}");
    assert_eq!(service.log.requests(), 4);
    eprintln!("fault-table | GET, endless 503 Retry-After 1e300 | 4 | {err}");
}

#[tokio::test]
async fn huge_bodies_are_refused_or_cut_while_reading() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    let big = vec![b'x'; 50 * 1024 * 1024];
    // An error body: only the first 64 KiB are read, the rest is never taken off the socket.
    let service = FaultServer::start(Script::always(respond(500, &[("Content-Type", "text/plain")], &big))).await;
    let conn = cloud_with_network(&keystone, &service.uri, retries(0)).await;
    let err = list_networks(&conn).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.to_string().len() < 2000, "the message is truncated");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(service.log.bytes_written() < 20 * 1024 * 1024, "read {} bytes", service.log.bytes_written());

    // A JSON body over the configured limit.
    let service = FaultServer::start(Script::always(respond(200, &[], &big))).await;
    let conn = Connection::builder(config(&keystone))
        .retry_policy(retries(0))
        .max_body_size(1024 * 1024)
        .endpoints(vec![network_endpoint(&service.uri)])
        .build()
        .await
        .unwrap();
    let err = list_networks(&conn).await.unwrap_err();
    assert!(matches!(err, Error::BodyTooLarge { limit: 1048576, .. }), "{err}");
}

/// Keystone answering `token-1`, then (after `revoke`) a 503 for the first re-auth, then `token-2`.
async fn revocation_cloud(keystone_503s: u64) -> (MockServer, Connection) {
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
        .respond_with(ResponseTemplate::new(503).set_body_string("keystone is busy"))
        .up_to_n_times(keystone_503s)
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-subject-token", "token-2")
                .set_body_json(token_body(&server.uri(), LATER)),
        )
        .with_priority(3)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/network/v2.0/networks"))
        .and(header("x-auth-token", "token-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": {"message": "revoked"}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/network/v2.0/networks"))
        .and(header("x-auth-token", "token-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"networks": []})))
        .mount(&server)
        .await;
    let network = format!("{}/network", server.uri());
    let conn = cloud_with_network(&server, &network, retries(4)).await;
    conn.token().await.unwrap();
    (server, conn)
}

#[tokio::test]
async fn a_thousand_callers_across_a_revocation_share_one_reauth_even_when_keystone_503s() {
    let (server, conn) = revocation_cloud(1).await;
    let started = Instant::now();
    let calls = (0..1000).map(|_| {
        let conn = conn.clone();
        tokio::spawn(async move { list_networks(&conn).await })
    });
    let results = futures::future::join_all(calls).await;
    let failures: Vec<String> = results.into_iter().filter_map(|r| r.unwrap().err()).map(|e| e.to_string()).collect();
    assert!(failures.is_empty(), "{} failed, e.g. {:?}", failures.len(), failures.first());
    // token-1, one 503, token-2: the 503 was retried by the one renewing caller, not by each waiter
    assert_eq!(count(&server, "POST", "/identity/v3/auth/tokens").await, 3);
    assert_eq!(conn.session().auth_requests(), 2, "one initial authentication and one renewal");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    eprintln!(
        "fault-table | 1,000 GETs across a revocation, Keystone 503 once | 3 token requests | all ok | {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn when_keystone_stays_down_waiters_share_the_failure_and_it_says_unavailable() {
    let (server, conn) = revocation_cloud(u64::MAX).await;
    let calls = (0..1000).map(|_| {
        let conn = conn.clone();
        tokio::spawn(async move { list_networks(&conn).await })
    });
    let results = futures::future::join_all(calls).await;
    let errors: Vec<Error> = results.into_iter().map(|r| r.unwrap().unwrap_err()).collect();
    for e in &errors {
        assert!(matches!(e, Error::AuthUnavailable { status: Some(503), .. }), "{e}");
        assert!(!e.to_string().contains("refused the credentials"), "{e}");
    }
    assert!(
        errors[0].to_string().contains("unavailable") && errors[0].to_string().contains("attempts"),
        "{}",
        errors[0]
    );
    // 1 initial + 5 attempts of the one shared renewal (max_retries 4), not 1000 renewals
    assert_eq!(count(&server, "POST", "/identity/v3/auth/tokens").await, 6);
}

#[tokio::test]
async fn keystone_down_while_the_token_is_valid_does_not_matter() {
    let keystone = MockServer::start().await;
    mount_keystone(&keystone).await;
    let service = FaultServer::start(Script::always(respond(200, &[], &networks_body()))).await;
    let conn = cloud_with_network(&keystone, &service.uri, retries(2)).await;
    conn.token().await.unwrap();
    drop(keystone);
    for _ in 0..3 {
        assert_eq!(list_networks(&conn).await.unwrap().len(), 1);
    }
    assert_eq!(conn.session().auth_requests(), 1);
}

#[tokio::test]
async fn hostile_expiry_dates_and_catalog_urls_are_errors_not_panics() {
    // A token expiring at chrono's minimum: treated as expired (re-authenticates), never a panic.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-subject-token", "t")
                .set_body_json(token_body(&server.uri(), "-262143-01-01T00:00:00Z")),
        )
        .mount(&server)
        .await;
    let conn = Connection::builder(config(&server)).retry_policy(retries(0)).build().await.unwrap();
    let first = conn.token().await;
    if let Ok(Some(token)) = &first {
        assert!(token.expires_within(Duration::from_secs(60)));
    }
    // A catalog URL without a scheme or slash.
    for bad in ["v2.1", "not a url", "ftp://h/v2.0"] {
        let keystone = MockServer::start().await;
        mount_keystone(&keystone).await;
        let mut cfg = config(&keystone);
        cfg.endpoint_overrides.insert("network".into(), bad.into());
        let conn = Connection::builder(cfg).retry_policy(retries(0)).build().await.unwrap();
        let err = list_networks(&conn).await.unwrap_err();
        assert!(err.to_string().contains("endpoint"), "{bad:?}: {err}");
    }
}
