//! Faults injected between ostack and the real devcloud (nova, keystone) by the test proxy:
//! resets, truncation and latency on real nova answers; a token revoked under concurrent callers
//! while Keystone answers 503 to the first re-authentication.
//! Outside CI they skip when the devcloud is not running; in CI (`CI=true`) they fail.

mod common;

use common::fault::{Fault, FaultServer, Script};
use ostack::config::CloudConfig;
use ostack::session::{Method, RetryPolicy};
use ostack::{Connection, ServiceType};
use std::time::{Duration, Instant};

/// The devcloud's config for `name`, or skip (outside CI).
fn devcloud(name: &str) -> Option<CloudConfig> {
    match CloudConfig::from_cloud(name) {
        Ok(config) => Some(config),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("devcloud config missing in CI: {e}"),
        Err(e) => {
            eprintln!("SKIP: devcloud not configured ({e}); start it with `devcloud/up && eval \"$(devcloud/env)\"`");
            None
        }
    }
}

fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 4,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(500),
        max_elapsed: Duration::from_secs(60),
    }
}

#[tokio::test]
async fn real_nova_answers_cut_reset_or_delayed_are_retried() {
    let Some(mut config) = devcloud("devcloud") else { return };
    let script = Script::first(vec![
        Fault::Pass, // version discovery
        Fault::ResetMidBody(40),
        Fault::ResetBeforeFirstByte,
        Fault::Truncate(10),
        Fault::Latency(Duration::from_millis(200)),
    ]);
    let proxy = FaultServer::proxy("127.0.0.1:8774", script).await;
    config.endpoint_overrides.insert("compute".into(), format!("{}/v2.1", proxy.uri));
    let conn = Connection::builder(config).retry_policy(quick_retries()).build().await.unwrap();
    let started = Instant::now();
    let flavors = conn.compute().flavors().list(&Default::default()).collect_all().await.unwrap();
    assert!(flavors.iter().any(|f| f.name == "m1.tiny"), "{flavors:?}");
    assert_eq!(proxy.log.requests(), 5, "discovery, three failures, one good answer (after latency)");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_revoked_token_under_concurrent_callers_is_renewed_once_despite_a_keystone_503() {
    let Some(mut config) = devcloud("devcloud") else { return };
    let admin = Connection::connect(config.clone()).await.unwrap();
    let auth_url = config.auth.auth_url.clone().unwrap();
    let keystone = url::Url::parse(&auth_url).unwrap();
    let upstream = format!("{}:{}", keystone.host_str().unwrap(), keystone.port_or_known_default().unwrap());
    // Only the token requests go through the proxy: the first passes, the first re-auth gets a 503.
    let busy = Fault::Respond(503, vec![("Retry-After".into(), "0".into())], b"busy".to_vec());
    let proxy = FaultServer::proxy(&upstream, Script::first(vec![Fault::Pass, busy])).await;
    config.auth.auth_url = Some(format!("{}{}", proxy.uri, keystone.path()));
    let conn = Connection::builder(config).retry_policy(quick_retries()).build().await.unwrap();
    let token = conn.token().await.unwrap().unwrap();

    // Revoke it (DELETE /v3/auth/tokens) with the admin's own token.
    let mut revoke = admin.request(ServiceType::Identity, Method::DELETE, "auth/tokens").await.unwrap();
    revoke.headers.insert(
        "x-subject-token",
        secrecy::ExposeSecret::expose_secret(&token.value).parse().expect("a token is a header value"),
    );
    admin.send(revoke).await.unwrap();

    let started = Instant::now();
    let calls = (0..50).map(|_| {
        let conn = conn.clone();
        tokio::spawn(async move {
            let request = conn.request(ServiceType::Identity, Method::GET, "auth/projects").await?;
            conn.fetch(request).await
        })
    });
    let results = futures::future::join_all(calls).await;
    let failures: Vec<String> = results.into_iter().filter_map(|r| r.unwrap().err()).map(|e| e.to_string()).collect();
    assert!(failures.is_empty(), "{} failed, e.g. {:?}", failures.len(), failures.first());
    assert_eq!(proxy.log.requests(), 3, "initial token, one 503, one renewal");
    assert_eq!(conn.session().auth_requests(), 2);
    eprintln!("50 concurrent keystone calls across a revocation: {:?}", started.elapsed());
}
