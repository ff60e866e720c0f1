//! The auth types beyond password/token/application credential: `v3totp`, `v3multifactor`,
//! `admin_token` and the OpenID Connect ones (`v3oidcpassword`, `v3oidcclientcredentials`,
//! `v3oidcaccesstoken`): how clouds.yaml and `OS_*` variables give them, what is checked when the
//! cloud is loaded, and what goes over the wire (wiremock stands in for Keystone and the
//! identity provider; no IdP runs here). Secrets never show in `Debug` output or errors.

mod common;

use common::{token_body, LATER};
use ostack::config::{AuthMethod, AuthType, CloudConfig, ConfigLoader};
use ostack::{Connection, Error, ServiceType};
use secrecy::ExposeSecret;
use serde_json::json;
use std::collections::HashMap;
use wiremock::matchers::{body_partial_json, body_string_contains, header, header_exists, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Load `cloud` from a clouds.yaml with `text`, with `env` as the whole environment.
fn load(text: &str, cloud: Option<&str>, env: &[(&str, &str)]) -> ostack::Result<CloudConfig> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clouds.yaml"), text).unwrap();
    let loader = ConfigLoader {
        search_dirs: vec![dir.path().to_path_buf()],
        env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<HashMap<_, _>>(),
    };
    loader.load(cloud)
}

/// The key an [`Error::Config`] names, and its message.
fn config_error(result: ostack::Result<CloudConfig>) -> (String, String) {
    match result {
        Err(Error::Config { key, message, .. }) => (key.unwrap_or_default(), message),
        other => panic!("expected a config error, got {other:?}"),
    }
}

const CLOUDS: &str = r#"
clouds:
  totp:
    auth_type: v3totp
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: carol
      user_domain_name: Default
      project_name: demo
      project_domain_id: default
  mfa:
    auth_type: v3multifactor
    auth:
      auth_url: http://127.0.0.1:5000/v3
      auth_methods: [v3password, v3totp]
      user_id: u-carol
      password: pw-carol-secret
      passcode: "012345"
  admin:
    auth_type: admin_token
    auth:
      token: adm1n-static-t0ken
      endpoint: http://127.0.0.1:5000/v3
  oidcpw:
    auth_type: v3oidcpassword
    auth:
      auth_url: http://127.0.0.1:5000/v3
      identity_provider: myidp
      protocol: openid
      client_id: ostack
      client_secret: cl1ent-s3cret
      discovery_endpoint: https://idp.example.org/.well-known/openid-configuration
      username: dave
      password: idp-pa55word
      openid_scope: openid email
      project_id: p1
  oidccc:
    auth_type: v3oidcclientcredentials
    auth:
      auth_url: http://127.0.0.1:5000/v3
      identity_provider: myidp
      protocol: openid
      client_id: ostack
      access_token_endpoint: https://idp.example.org/token
  oidcat:
    auth_type: v3oidcaccesstoken
    auth:
      auth_url: http://127.0.0.1:5000/v3
      identity_provider: myidp
      protocol: openid
      access_token: acc3ss-t0ken-value
"#;

#[test]
fn new_auth_types_load_from_clouds_yaml_and_os_variables() {
    let totp = load(CLOUDS, Some("totp"), &[("OS_PASSCODE", "654321")]).unwrap();
    assert_eq!(totp.auth_type, AuthType::Totp);
    assert_eq!(totp.auth.passcode.as_ref().unwrap().expose_secret(), "654321");

    let mfa = load(CLOUDS, Some("mfa"), &[]).unwrap();
    assert_eq!(mfa.auth_type, AuthType::MultiFactor);
    assert_eq!(mfa.auth.auth_methods, vec![AuthMethod::Password, AuthMethod::Totp]);
    assert_eq!(mfa.auth.passcode.as_ref().unwrap().expose_secret(), "012345");

    let admin = load(CLOUDS, Some("admin"), &[]).unwrap();
    assert_eq!(admin.auth_type, AuthType::AdminToken);
    assert_eq!(admin.auth.endpoint.as_deref(), Some("http://127.0.0.1:5000/v3"));

    let pw = load(CLOUDS, Some("oidcpw"), &[]).unwrap();
    assert_eq!(pw.auth_type, AuthType::OidcPassword);
    assert_eq!(pw.auth.identity_provider.as_deref(), Some("myidp"));
    assert_eq!(pw.auth.openid_scope.as_deref(), Some("openid email"));
    assert_eq!(load(CLOUDS, Some("oidccc"), &[]).unwrap().auth_type, AuthType::OidcClientCredentials);
    assert_eq!(load(CLOUDS, Some("oidcat"), &[]).unwrap().auth_type, AuthType::OidcAccessToken);

    // A cloud from OS_* variables alone: OS_AUTH_METHODS is comma-separated.
    let env = [
        ("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
        ("OS_AUTH_TYPE", "v3multifactor"),
        ("OS_AUTH_METHODS", "v3password, v3totp"),
        ("OS_USERNAME", "carol"),
        ("OS_PASSWORD", "pw"),
        ("OS_PASSCODE", "000111"),
    ];
    let from_env = load("clouds: {}\n", None, &env).unwrap();
    assert_eq!(from_env.auth_type, AuthType::MultiFactor);
    assert_eq!(from_env.auth.auth_methods, vec![AuthMethod::Password, AuthMethod::Totp]);
    let env = [
        ("OS_AUTH_TYPE", "v3oidcclientcredentials"),
        ("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
        ("OS_IDENTITY_PROVIDER", "idp"),
        ("OS_PROTOCOL", "openid"),
        ("OS_CLIENT_ID", "c"),
        ("OS_CLIENT_SECRET", "s"),
        ("OS_DISCOVERY_ENDPOINT", "https://idp.example.org/.well-known/openid-configuration"),
        ("OS_ACCESS_TOKEN_TYPE", "id_token"),
    ];
    let oidc = load("clouds: {}\n", None, &env).unwrap();
    assert_eq!(oidc.auth.client_secret.as_ref().unwrap().expose_secret(), "s");
    assert_eq!(oidc.auth.access_token_type.as_deref(), Some("id_token"));
    let env = [("OS_AUTH_TYPE", "admin_token"), ("OS_TOKEN", "t"), ("OS_ENDPOINT", "http://127.0.0.1:5000/v3")];
    assert_eq!(load("clouds: {}\n", None, &env).unwrap().auth_type, AuthType::AdminToken);

    // No secret in Debug output.
    let shown = format!("{mfa:?} {admin:?} {pw:?} {:?}", load(CLOUDS, Some("oidcat"), &[]).unwrap());
    for secret in
        ["012345", "pw-carol-secret", "adm1n-static-t0ken", "cl1ent-s3cret", "idp-pa55word", "acc3ss-t0ken-value"]
    {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

#[test]
fn what_each_new_auth_type_needs_is_checked_and_named() {
    // v3totp without a passcode
    let (key, message) = config_error(load(CLOUDS, Some("totp"), &[]));
    assert_eq!(key, "clouds.totp.auth.passcode");
    assert!(message.contains("OS_PASSCODE"), "{message}");
    // v3multifactor: a method that does not exist; a missing method input; no methods
    let bad = CLOUDS.replace("[v3password, v3totp]", "[v3password, sms]");
    let (key, message) = config_error(load(&bad, Some("mfa"), &[]));
    assert_eq!(key, "clouds.mfa.auth.auth_methods");
    assert!(message.contains("'sms'") && message.contains("v3totp"), "{message}");
    let bad = CLOUDS.replace("      passcode: \"012345\"\n", "");
    assert_eq!(config_error(load(&bad, Some("mfa"), &[])).0, "clouds.mfa.auth.passcode");
    let bad = CLOUDS.replace("      auth_methods: [v3password, v3totp]\n", "");
    assert_eq!(config_error(load(&bad, Some("mfa"), &[])).0, "clouds.mfa.auth.auth_methods");
    // an unquoted passcode keeps its leading zero (YAML 1.2 reads 012345 as a string)
    let unquoted = CLOUDS.replace("passcode: \"012345\"", "passcode: 012345");
    assert_eq!(load(&unquoted, Some("mfa"), &[]).unwrap().auth.passcode.unwrap().expose_secret(), "012345");
    // admin_token needs its endpoint, not an auth_url
    let bad = CLOUDS.replace("      endpoint: http://127.0.0.1:5000/v3\n", "");
    assert_eq!(config_error(load(&bad, Some("admin"), &[])).0, "clouds.admin.auth.endpoint");
    // OpenID Connect: the identity provider, a token endpoint, the access token
    let bad = CLOUDS.replace(
        "      identity_provider: myidp\n      protocol: openid\n      client_id: ostack\n      client_secret",
        "      protocol: openid\n      client_id: ostack\n      client_secret",
    );
    assert_eq!(config_error(load(&bad, Some("oidcpw"), &[])).0, "clouds.oidcpw.auth.identity_provider");
    let bad = CLOUDS.replace("      access_token_endpoint: https://idp.example.org/token\n", "");
    let (key, message) = config_error(load(&bad, Some("oidccc"), &[]));
    assert_eq!(key, "clouds.oidccc.auth.access_token_endpoint");
    assert!(message.contains("discovery_endpoint"), "{message}");
    let bad = CLOUDS.replace("      access_token: acc3ss-t0ken-value\n", "");
    assert_eq!(config_error(load(&bad, Some("oidcat"), &[])).0, "clouds.oidcat.auth.access_token");
    let bad = CLOUDS.replace("discovery_endpoint: https://idp", "discovery_endpoint: ftp://idp");
    assert_eq!(config_error(load(&bad, Some("oidcpw"), &[])).0, "clouds.oidcpw.auth.discovery_endpoint");
    // unknown types list the supported ones
    let bad = CLOUDS.replace("auth_type: v3totp", "auth_type: v3kerberos");
    let (_, message) = config_error(load(&bad, Some("totp"), &[]));
    assert!(message.contains("v3multifactor") && message.contains("v3oidcaccesstoken"), "{message}");
}

/// A cloud of `auth_type` against the mock server (Keystone under `/identity/v3`).
fn mock_config(server: &MockServer, auth_type: AuthType) -> CloudConfig {
    let mut config = common::config(server);
    config.auth_type = auth_type;
    config.auth.username = None;
    config.auth.password = None;
    config.auth.user_domain_name = None;
    config.auth.project_name = None;
    config.auth.project_domain_name = None;
    config
}

/// Keystone's answer to a token request: `value` and the usual body.
fn issued(server: &MockServer, value: &str) -> ResponseTemplate {
    ResponseTemplate::new(201).insert_header("x-subject-token", value).set_body_json(token_body(&server.uri(), LATER))
}

#[tokio::test]
async fn totp_and_multifactor_send_their_methods_to_keystone() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .and(body_partial_json(json!({"auth": {"identity": {
            "methods": ["password", "totp"],
            "password": {"user": {"name": "carol", "domain": {"name": "Default"}, "password": "pw-carol"}},
            "totp": {"user": {"name": "carol", "domain": {"name": "Default"}, "passcode": "012345"}},
        }, "scope": {"project": {"id": "p1"}}}})))
        .respond_with(issued(&server, "mfa-token"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .and(body_partial_json(json!({"auth": {"identity": {
            "methods": ["totp"], "totp": {"user": {"id": "u-carol", "passcode": "999999"}}}}})))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}})),
        )
        .mount(&server)
        .await;
    let env = [
        ("OS_AUTH_URL", format!("{}/identity/v3", server.uri())),
        ("OS_AUTH_TYPE", "v3multifactor".into()),
        ("OS_AUTH_METHODS", "v3password,v3totp".into()),
        ("OS_USERNAME", "carol".into()),
        ("OS_USER_DOMAIN_NAME", "Default".into()),
        ("OS_PASSWORD", "pw-carol".into()),
        ("OS_PASSCODE", "012345".into()),
        ("OS_PROJECT_ID", "p1".into()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let config = load("clouds: {}\n", None, &env).unwrap();
    let conn = Connection::connect(config).await.unwrap();
    let token = conn.token().await.unwrap().unwrap();
    assert_eq!(token.value.expose_secret(), "mfa-token");

    let mut totp = mock_config(&server, AuthType::Totp);
    totp.auth.user_id = Some("u-carol".into());
    totp.auth.passcode = Some("999999".to_string().into());
    let err = Connection::connect(totp).await.unwrap_err();
    assert!(matches!(err, Error::AuthRefused { status: 401, .. }), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("999999"), "{shown}");
}

#[tokio::test]
async fn admin_token_sends_the_static_token_to_its_endpoint_without_keystone() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/admin/v3/users"))
        .and(header("x-auth-token", "adm1n-static-t0ken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"users": []})))
        .expect(1)
        .mount(&server)
        .await;
    let mut config = mock_config(&server, AuthType::AdminToken);
    config.auth.auth_url = None;
    config.auth.token = Some("adm1n-static-t0ken".to_string().into());
    config.auth.endpoint = Some(format!("{}/admin/v3", server.uri()));
    let conn = Connection::connect(config).await.unwrap();
    let endpoint = conn.endpoint(ServiceType::Identity).await.unwrap();
    assert_eq!(endpoint.url, format!("{}/admin/v3", server.uri()));
    let request = conn.request(ServiceType::Identity, reqwest::Method::GET, "/users").await.unwrap();
    let response = conn.send(request).await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(common::count(&server, "POST", "/identity/v3/auth/tokens").await, 0);
    assert!(conn.token().await.unwrap().unwrap().catalog.services.is_empty());
}

/// Keystone's federation endpoint for `myidp`/`openid`, answering an unscoped token to `bearer`.
async fn mount_federation(server: &MockServer, bearer: &str) {
    Mock::given(method("POST"))
        .and(path("/identity/v3/OS-FEDERATION/identity_providers/myidp/protocols/openid/auth"))
        .and(header("authorization", format!("Bearer {bearer}").as_str()))
        .respond_with(issued(server, "unscoped-fed"))
        .expect(1)
        .mount(server)
        .await;
}

fn oidc_config(server: &MockServer, auth_type: AuthType) -> CloudConfig {
    let mut config = mock_config(server, auth_type);
    config.auth.identity_provider = Some("myidp".into());
    config.auth.protocol = Some("openid".into());
    config.auth.client_id = Some("ostack".into());
    config
}

#[tokio::test]
async fn oidc_password_discovers_the_token_endpoint_then_federates_and_rescopes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/idp/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": server.uri(),
            "token_endpoint": format!("{}/idp/token", server.uri()),
            "grant_types_supported": ["authorization_code", "password", "client_credentials"],
        })))
        .mount(&server)
        .await;
    // HTTP Basic client authentication: base64("ostack:cl1ent-s3cret")
    Mock::given(method("POST"))
        .and(path("/idp/token"))
        .and(header("authorization", "Basic b3N0YWNrOmNsMWVudC1zM2NyZXQ="))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=password"))
        .and(body_string_contains("username=dave"))
        .and(body_string_contains("password=idp-pa55word"))
        .and(body_string_contains("scope=openid+profile"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "at-from-idp", "id_token": "idt", "token_type": "Bearer", "expires_in": 300})))
        .expect(1)
        .mount(&server)
        .await;
    mount_federation(&server, "at-from-idp").await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .and(body_partial_json(json!({"auth": {
            "identity": {"methods": ["token"], "token": {"id": "unscoped-fed"}},
            "scope": {"project": {"id": "p1"}}}})))
        .respond_with(issued(&server, "scoped-fed"))
        .expect(1)
        .mount(&server)
        .await;
    let mut config = oidc_config(&server, AuthType::OidcPassword);
    config.auth.client_secret = Some("cl1ent-s3cret".to_string().into());
    config.auth.discovery_endpoint = Some(format!("{}/idp/.well-known/openid-configuration", server.uri()));
    config.auth.username = Some("dave".into());
    config.auth.password = Some("idp-pa55word".to_string().into());
    config.auth.project_id = Some("p1".into());
    let conn = Connection::connect(config).await.unwrap();
    let token = conn.token().await.unwrap().unwrap();
    assert_eq!(token.value.expose_secret(), "scoped-fed");
    assert_eq!(token.project_id.as_deref(), Some("p1"));
}

#[tokio::test]
async fn oidc_client_credentials_without_secret_sends_the_client_id_and_stays_unscoped() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/idp/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=ostack"))
        .and(body_string_contains("scope=openid"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "at", "id_token": "idt-2"})))
        .expect(1)
        .mount(&server)
        .await;
    // access_token_type: id_token picks the id token of the answer
    mount_federation(&server, "idt-2").await;
    let mut config = oidc_config(&server, AuthType::OidcClientCredentials);
    config.auth.access_token_endpoint = Some(format!("{}/idp/token", server.uri()));
    config.auth.openid_scope = Some("openid".into());
    config.auth.access_token_type = Some("id_token".into());
    let conn = Connection::connect(config).await.unwrap();
    assert_eq!(conn.token().await.unwrap().unwrap().value.expose_secret(), "unscoped-fed");
    let sent = server.received_requests().await.unwrap();
    let token_request = sent.iter().find(|r| r.url.path() == "/idp/token").unwrap();
    assert!(!token_request.headers.contains_key("authorization"), "no client secret, no Basic auth");
    // no scope configured: no second Keystone request
    assert_eq!(common::count(&server, "POST", "/identity/v3/auth/tokens").await, 0);
}

#[tokio::test]
async fn oidc_access_token_goes_straight_to_keystone_federation() {
    let server = MockServer::start().await;
    mount_federation(&server, "acc3ss-t0ken-value").await;
    let mut config = oidc_config(&server, AuthType::OidcAccessToken);
    config.auth.client_id = None;
    config.auth.access_token = Some("acc3ss-t0ken-value".to_string().into());
    let conn = Connection::connect(config).await.unwrap();
    assert_eq!(conn.token().await.unwrap().unwrap().value.expose_secret(), "unscoped-fed");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn oidc_refusals_and_unsupported_grants_are_clear_and_hold_no_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/idp/token"))
        .and(header_exists("authorization"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client", "error_description": "Invalid client or Invalid client credentials"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/idp2/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token_endpoint": format!("{}/idp2/token", server.uri()),
            "grant_types_supported": ["authorization_code"]})))
        .mount(&server)
        .await;
    let mut config = oidc_config(&server, AuthType::OidcClientCredentials);
    config.auth.access_token_endpoint = Some(format!("{}/idp/token", server.uri()));
    config.auth.client_secret = Some("wr0ng-s3cret".to_string().into());
    let err = Connection::connect(config.clone()).await.unwrap_err();
    let shown = format!("{err} / {err:?}");
    assert!(shown.contains("invalid_client: Invalid client or Invalid client credentials"), "{shown}");
    assert!(shown.contains("/idp/token") && shown.contains("401"), "{shown}");
    assert!(!shown.contains("wr0ng-s3cret") && !shown.contains("b3N0YWNr"), "{shown}");

    config.auth.access_token_endpoint = None;
    config.auth.discovery_endpoint = Some(format!("{}/idp2/.well-known/openid-configuration", server.uri()));
    let err = Connection::connect(config).await.unwrap_err().to_string();
    assert!(
        err.contains("does not support the 'client_credentials' grant") && err.contains("authorization_code"),
        "{err}"
    );
    assert_eq!(common::count(&server, "POST", "/idp2/token").await, 0);
}
