//! The CLI takes the newer auth types through `--os-auth-type` / `OS_*` variables like the
//! others (the SDK's config loading does the work): `v3multifactor` and `v3oidcaccesstoken`
//! against a wiremock Keystone, and a missing passcode named as `OS_PASSCODE`. The passcode, the
//! password and the access token never show in `--debug` output at `RUST_LOG=trace`.

use serde_json::json;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Run `ostack --debug <args>` with only `env` as `OS_*` variables (and no clouds.yaml);
/// returns (exit code, stdout, stderr).
async fn ostack(args: &[&str], env: &[(&str, String)]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let clouds = dir.path().join("clouds.yaml");
    std::fs::write(&clouds, "clouds: {}\n").unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ostack"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("OS_")) {
        command.env_remove(key);
    }
    command
        .arg("--debug")
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("OS_CLIENT_CONFIG_FILE", &clouds)
        .env("OS_NO_CACHE", "1")
        .env("RUST_LOG", "trace");
    let output = tokio::task::spawn_blocking(move || command.output().expect("ostack runs")).await.unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Keystone's answer to a token request.
fn issued(value: &str) -> ResponseTemplate {
    ResponseTemplate::new(201).insert_header("x-subject-token", value).set_body_json(json!({"token": {
        "methods": ["password", "totp"], "expires_at": "2999-01-01T00:00:00.000000Z",
        "user": {"id": "u-carol", "name": "carol", "domain": {"id": "default", "name": "Default"}},
        "roles": [], "catalog": []}}))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_auth_types_through_os_auth_type_and_os_variables() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .and(body_partial_json(json!({"auth": {"identity": {
            "methods": ["password", "totp"],
            "password": {"user": {"name": "carol", "password": "pw-c4rol"}},
            "totp": {"user": {"name": "carol", "passcode": "024680"}}}}})))
        .respond_with(issued("mfa-token"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/OS-FEDERATION/identity_providers/myidp/protocols/openid/auth"))
        .and(header("authorization", "Bearer acc3ss-t0ken"))
        .respond_with(issued("fed-token"))
        .expect(1)
        .mount(&server)
        .await;
    let auth_url = format!("{}/identity/v3", server.uri());
    let common = [("OS_AUTH_URL", auth_url.clone())];
    let mfa_env = [
        common[0].clone(),
        ("OS_AUTH_METHODS", "v3password,v3totp".into()),
        ("OS_USERNAME", "carol".into()),
        ("OS_USER_DOMAIN_NAME", "Default".into()),
        ("OS_PASSWORD", "pw-c4rol".into()),
        ("OS_PASSCODE", "024680".into()),
    ];
    let oidc_env = [
        common[0].clone(),
        ("OS_IDENTITY_PROVIDER", "myidp".into()),
        ("OS_PROTOCOL", "openid".into()),
        ("OS_ACCESS_TOKEN", "acc3ss-t0ken".into()),
    ];
    let totp_env = [common[0].clone(), ("OS_AUTH_TYPE", "v3totp".into()), ("OS_USERNAME", "carol".into())];
    let issue = ["token", "issue", "-f", "value", "-c", "id"];
    let mfa_args = [&["--os-auth-type", "v3multifactor"][..], &issue].concat();
    let oidc_args = [&["--os-auth-type", "v3oidcaccesstoken"][..], &issue].concat();
    let (mfa, oidc, totp) =
        tokio::join!(ostack(&mfa_args, &mfa_env), ostack(&oidc_args, &oidc_env), ostack(&issue, &totp_env));

    assert_eq!((mfa.0, mfa.1.trim()), (0, "mfa-token"), "{}", mfa.2);
    assert_eq!((oidc.0, oidc.1.trim()), (0, "fed-token"), "{}", oidc.2);
    for secret in ["pw-c4rol", "024680", "acc3ss-t0ken"] {
        assert!(!mfa.2.contains(secret) && !oidc.2.contains(secret), "{secret} in --debug output");
    }
    assert_eq!(totp.0, 1, "{}", totp.2);
    assert!(totp.2.contains("OS_PASSCODE"), "the missing passcode is named: {}", totp.2);
}
