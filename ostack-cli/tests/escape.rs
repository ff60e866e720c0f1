//! Control characters and escape sequences in what a server answers never reach the terminal raw:
//! `ostack` against a wiremock Keystone and Nova whose error bodies carry ANSI sequences, BEL and
//! C1 controls (no devcloud needed).

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An error message that would recolour the text, set the window title, ring the bell and clear
/// the screen if printed raw; with a newline and non-ASCII text that must survive.
const HOSTILE: &str = "bad \u{1b}[31mred\u{1b}[0m \u{1b}]0;pwned\u{7} bell\u{7} csi\u{9b}2J del\u{7f}\nnext é";

/// The same, as the CLI must print it.
const ESCAPED: &str = "bad \\x1b[31mred\\x1b[0m \\x1b]0;pwned\\x07 bell\\x07 csi\\u{9b}2J del\\x7f\\nnext é";

/// Run `ostack` with a clouds.yaml naming the mock server; returns (exit code, stdout, stderr).
async fn ostack(server: &MockServer, args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let clouds = dir.path().join("clouds.yaml");
    std::fs::write(
        &clouds,
        format!(
            "clouds:\n  mock:\n    auth:\n      auth_url: {}/identity/v3\n      username: admin\n      password: pw\n      \
             project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n    \
             region_name: RegionOne\n",
            server.uri()
        ),
    )
    .unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ostack"));
    command
        .args(["--os-cloud", "mock"])
        .args(args)
        .env("OS_CLIENT_CONFIG_FILE", &clouds)
        .env("OS_NO_CACHE", "1")
        .env_remove("OS_CLOUD")
        .env_remove("RUST_LOG");
    let output = tokio::task::spawn_blocking(move || command.output().expect("ostack runs")).await.unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The control characters in `text` other than newline.
fn controls(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_control() && *c != '\n').collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_keystone_refusal_is_printed_escaped() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("x-openstack-request-id", "req-1")
                .set_body_json(json!({"error": {"code": 401, "title": "Unauthorized", "message": HOSTILE}})),
        )
        .mount(&server)
        .await;
    for debug in [false, true] {
        let args: &[&str] = if debug { &["--debug", "flavor", "list"] } else { &["flavor", "list"] };
        let (code, stdout, stderr) = ostack(&server, args).await;
        assert_eq!(code, 1, "{stderr}");
        assert!(stdout.is_empty());
        assert!(controls(&stderr).is_empty(), "raw control characters on stderr: {stderr:?}");
        let last = stderr.lines().last().unwrap();
        assert_eq!(last, format!("{ESCAPED} (HTTP 401) (Request-ID: req-1)"), "{stderr:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_error_is_printed_escaped() {
    let server = MockServer::start().await;
    let base = server.uri();
    Mock::given(method("POST"))
        .and(path("/identity/v3/auth/tokens"))
        .respond_with(ResponseTemplate::new(201).insert_header("x-subject-token", "token-1").set_body_json(json!({
            "token": {
                "methods": ["password"],
                "expires_at": "2999-01-01T00:00:00.000000Z",
                "user": {"id": "u1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
                "project": {"id": "p1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
                "roles": [{"id": "r1", "name": "admin"}],
                "catalog": [{"type": "compute", "name": "nova", "id": "c", "endpoints": [
                    {"id": "e1", "interface": "public", "region": "RegionOne", "region_id": "RegionOne",
                     "url": format!("{base}/compute/v2.1")}
                ]}]
            }
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"version": {
            "id": "v2.1", "status": "CURRENT", "version": "2.90", "min_version": "2.1",
            "links": [{"rel": "self", "href": format!("{base}/compute/v2.1/")}]}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/flavors/detail"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("x-openstack-request-id", "req-2")
                .set_body_json(json!({"computeFault": {"code": 500, "message": HOSTILE}})),
        )
        .mount(&server)
        .await;
    let (code, _, stderr) = ostack(&server, &["flavor", "list"]).await;
    assert_eq!(code, 1, "{stderr}");
    assert!(controls(&stderr).is_empty(), "raw control characters on stderr: {stderr:?}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "HttpException: 500: Server Error for url: {base}/compute/v2.1/flavors/detail?is_public=True, {ESCAPED}"
        )
    );
    // under --debug the CLI's own second line stays a line of its own
    let (_, _, stderr) = ostack(&server, &["--debug", "flavor", "list"]).await;
    assert!(controls(&stderr).is_empty(), "raw control characters on stderr: {stderr:?}");
    assert!(
        stderr.ends_with(&format!("\nGET {base}/compute/v2.1/flavors/detail?is_public=True (Request-ID: req-2)\n")),
        "{stderr:?}"
    );
}
