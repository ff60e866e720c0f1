//! Contract tests of nova's server actions, server sub-resources and the other compute
//! resources: each call sends exactly the request nova documents (method, path and query
//! relative to the endpoint, JSON body equal to nova's own request sample where there is one,
//! token and microversion header), reads nova's response samples without losing a field, and a
//! call or argument outside the microversions it exists at fails with `Error::Unsupported`
//! before anything is sent.
//!
//! The samples are read at run time from `../shared/api-samples` (or `OSTACK_API_SAMPLES`);
//! without them the body comparisons say so and the rest still runs.

mod common;

use common::contract::{self, Body};
use ostack::catalog::ServiceType;
use ostack::compute::v2::{
    BlockMigration, ConsoleType, CreateBackup, DiskConfig, Evacuate, LiveMigrate, Rebuild, RemoteConsole, Rescue,
    ResetState, Resize, Server, ServerDiagnostics, Unshelve,
};
use ostack::discovery::Endpoint;
use ostack::{Api, Connection, Error, Microversion};
use secrecy::SecretString;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A mock nova at a given microversion, answering every request with one configurable response,
/// and recording what it received.
struct Nova {
    server: MockServer,
    conn: Connection,
    microversion: Microversion,
    seen: usize,
}

impl Nova {
    /// Nova negotiated at the highest microversion ostack knows.
    async fn start() -> Self {
        Nova::at("2.100", "2.1", "2.104").await
    }

    /// Nova whose connection uses `current`, offering `min` to `max`.
    async fn at(current: &str, min: &str, max: &str) -> Self {
        let server = MockServer::start().await;
        let mut endpoints = contract::endpoints(&server.uri());
        let compute: &mut Endpoint = endpoints.iter_mut().find(|e| e.service == ServiceType::Compute).unwrap();
        compute.microversion = Some(current.parse().unwrap());
        compute.min_microversion = Some(min.parse().unwrap());
        compute.max_microversion = Some(max.parse().unwrap());
        let conn = contract::builder(&server).endpoints(endpoints).build().await.unwrap();
        let mut nova = Nova { server, conn, microversion: current.parse().unwrap(), seen: 0 };
        nova.answer(202, None).await;
        nova
    }

    fn servers(&self) -> Api<Server> {
        self.conn.compute().servers()
    }

    /// Answer every request from now on with `status` and `body` (none when `None`).
    async fn answer(&mut self, status: u16, body: Option<Value>) {
        self.answer_with(match body {
            Some(body) => ResponseTemplate::new(status).set_body_json(body),
            None => ResponseTemplate::new(status),
        })
        .await;
    }

    async fn answer_with(&mut self, template: ResponseTemplate) {
        let received = self.server.received_requests().await.unwrap_or_default();
        assert_eq!(received.len(), self.seen, "a request nobody checked: {:?}", received.last());
        // reset() forgets the requests too
        self.server.reset().await;
        self.seen = 0;
        Mock::given(any()).respond_with(template).mount(&self.server).await;
    }

    /// Exactly one request since the last check: this method, path (and query) relative to the
    /// compute endpoint, body, token and microversion (`None`: the connection's own).
    async fn expect(&mut self, what: &str, method: &str, path: &str, body: Body, microversion: Option<&str>) {
        let requests = self.server.received_requests().await.unwrap_or_default();
        let new = &requests[self.seen.min(requests.len())..];
        self.seen = requests.len();
        assert_eq!(new.len(), 1, "{what}: expected one request, got {new:?}");
        let request = &new[0];
        let relative =
            request.url.path().strip_prefix("/compute/v2.1/").unwrap_or_else(|| panic!("{what}: {}", request.url));
        let relative = match request.url.query() {
            Some(q) => format!("{relative}?{q}"),
            None => relative.to_string(),
        };
        assert_eq!((request.method.as_str(), relative.as_str()), (method, path), "{what}");
        let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        assert_eq!(header("x-auth-token").as_deref(), Some(contract::TOKEN), "{what}: token");
        let expected = microversion.map(str::to_string).unwrap_or_else(|| self.microversion.to_string());
        assert_eq!(header("openstack-api-version"), Some(format!("compute {expected}")), "{what}: microversion");
        assert_eq!(header("x-openstack-nova-api-version"), Some(expected.clone()), "{what}: legacy microversion");
        match body {
            Body::Empty => {
                assert!(request.body.is_empty(), "{what}: unexpected body {:?}", String::from_utf8_lossy(&request.body))
            }
            Body::Json(expected) => {
                let sent: Value =
                    serde_json::from_slice(&request.body).unwrap_or_else(|e| panic!("{what}: body is not JSON ({e})"));
                assert_eq!(sent, expected, "{what}: body");
                assert_eq!(header("content-type").as_deref(), Some("application/json"), "{what}: content type");
            }
            Body::Bytes(_) => unreachable!("nova bodies are JSON"),
            Body::Unavailable(file) => eprintln!("{what}: body not checked ({file} absent)"),
        }
    }

    /// Nothing was sent since the last check.
    async fn expect_nothing(&self, what: &str) {
        let requests = self.server.received_requests().await.unwrap_or_default();
        assert_eq!(requests.len(), self.seen, "{what}: a request was sent: {:?}", requests.last());
    }
}

/// `Error::Unsupported` for `what`, naming what it needs.
fn assert_unsupported<T: std::fmt::Debug>(result: ostack::Result<T>, what: &str, needs: &str) {
    match &result {
        Err(e @ Error::Unsupported { what: w, needs: n, current, cloud_max, .. }) => {
            assert_eq!((w.as_str(), n.as_str()), (what, needs));
            assert!(current.is_some() && cloud_max.is_some());
            let message = e.to_string();
            assert!(message.contains(what) && message.contains(needs), "{message}");
        }
        other => panic!("{what}: expected Error::Unsupported, got {other:?}"),
    }
}

fn sample(file: &str) -> Body {
    Body::sample(&format!("compute/{file}"))
}

fn sample_path(file: &str) -> Option<PathBuf> {
    contract::samples_dir().map(|root| root.join("compute").join(file))
}

fn read_sample(file: &str) -> Option<Value> {
    let path = sample_path(file)?;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Decode `T` from a response sample (under `key`, or the whole body), re-encode it and check
/// that every field of the sample came back unchanged. Returns the decoded value.
fn round_trip<T: DeserializeOwned + Serialize>(file: &str, key: Option<&str>) -> Option<T> {
    let body = read_sample(file)?;
    let item = match key {
        Some(key) => body.get(key).cloned().unwrap_or_else(|| panic!("{file}: no '{key}'")),
        None => body,
    };
    let decoded: T = serde_json::from_value(item.clone()).unwrap_or_else(|e| panic!("{file}: {e}"));
    let back = serde_json::to_value(&decoded).unwrap();
    contract::assert_kept(&item, &back, "", &sample_path(file).unwrap());
    Some(decoded)
}

fn meta(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

const ACTION: &str = "servers/ID/action";

#[tokio::test]
async fn simple_actions_send_nova_samples() {
    let mut nova = Nova::start().await;
    let s = nova.servers();
    s.confirm_resize("ID").await.unwrap();
    nova.expect("confirm", "POST", ACTION, sample("servers/server-action-confirm-resize.json"), None).await;
    s.revert_resize("ID").await.unwrap();
    nova.expect("revert", "POST", ACTION, sample("servers/server-action-revert-resize.json"), None).await;
    s.pause("ID").await.unwrap();
    nova.expect("pause", "POST", ACTION, sample("os-pause-server/pause-server.json"), None).await;
    s.unpause("ID").await.unwrap();
    nova.expect("unpause", "POST", ACTION, sample("os-pause-server/unpause-server.json"), None).await;
    s.suspend("ID").await.unwrap();
    nova.expect("suspend", "POST", ACTION, sample("os-suspend-server/server-suspend.json"), None).await;
    s.resume("ID").await.unwrap();
    nova.expect("resume", "POST", ACTION, sample("os-suspend-server/server-resume.json"), None).await;
    s.lock("ID", None).await.unwrap();
    nova.expect("lock", "POST", ACTION, sample("os-lock-server/v2.73/lock-server.json"), None).await;
    s.lock("ID", Some("I don't want to work")).await.unwrap();
    nova.expect("lock reason", "POST", ACTION, sample("os-lock-server/v2.73/lock-server-with-reason.json"), None).await;
    s.unlock("ID").await.unwrap();
    nova.expect("unlock", "POST", ACTION, sample("os-lock-server/v2.73/unlock-server.json"), None).await;
    s.unrescue("ID").await.unwrap();
    nova.expect("unrescue", "POST", ACTION, sample("os-rescue/server-unrescue-req.json"), None).await;
    s.shelve("ID").await.unwrap();
    nova.expect("shelve", "POST", ACTION, sample("os-shelve/v2.91/os-shelve.json"), None).await;
    s.shelve_offload("ID").await.unwrap();
    nova.expect("offload", "POST", ACTION, sample("os-shelve/os-shelve-offload.json"), None).await;
    s.add_security_group("ID", "test").await.unwrap();
    nova.expect("add sg", "POST", ACTION, sample("os-security-groups/security-group-add-post-req.json"), None).await;
    s.remove_security_group("ID", "test").await.unwrap();
    nova.expect("remove sg", "POST", ACTION, sample("os-security-groups/security-group-remove-post-req.json"), None)
        .await;
    s.trigger_crash_dump("ID").await.unwrap();
    nova.expect("crash dump", "POST", ACTION, sample("servers/v2.17/server-action-trigger-crash-dump.json"), None)
        .await;
    s.reset_state("ID", ResetState::Active).await.unwrap();
    nova.expect("reset state", "POST", ACTION, sample("os-admin-actions/admin-actions-reset-server-state.json"), None)
        .await;
    s.reset_state("ID", ResetState::Error).await.unwrap();
    nova.expect("reset error", "POST", ACTION, Body::Json(json!({"os-resetState": {"state": "error"}})), None).await;
    s.reset_network("ID").await.unwrap();
    nova.expect("reset network", "POST", ACTION, sample("os-admin-actions/admin-actions-reset-network.json"), None)
        .await;
    s.inject_network_info("ID").await.unwrap();
    nova.expect("inject", "POST", ACTION, sample("os-admin-actions/admin-actions-inject-network-info.json"), None)
        .await;
    s.restore("ID").await.unwrap();
    nova.expect("restore", "POST", ACTION, Body::Json(json!({"restore": null})), None).await;
    s.force_delete("ID").await.unwrap();
    nova.expect("force delete", "POST", ACTION, Body::Json(json!({"forceDelete": null})), None).await;
    // the id is one path segment
    s.pause("a/b c").await.unwrap();
    nova.expect("encoded id", "POST", "servers/a%2Fb%20c/action", sample("os-pause-server/pause-server.json"), None)
        .await;
    assert!(matches!(s.pause("").await, Err(Error::InvalidInput(_))));
    nova.expect_nothing("empty id").await;
}

#[tokio::test]
async fn resize_rebuild_and_friends() {
    let mut nova = Nova::start().await;
    let s = nova.servers();
    s.resize("ID", &Resize { disk_config: Some(DiskConfig::Auto), ..Resize::new("2") }).await.unwrap();
    nova.expect("resize", "POST", ACTION, sample("servers/server-action-resize.json"), None).await;

    // rebuild answers with the server (and its admin password)
    let rebuilt = read_sample("servers/v2.90/server-action-rebuild-resp.json")
        .unwrap_or_else(|| json!({"server": {"id": "ID", "name": "foobar", "adminPass": "seekr3t"}}));
    nova.answer(202, Some(rebuilt.clone())).await;
    let body = Rebuild {
        access_ipv4: Some("1.2.3.4".into()),
        access_ipv6: Some("80fe::".into()),
        disk_config: Some(DiskConfig::Auto),
        admin_pass: Some(SecretString::from("seekr3t")),
        hostname: Some("custom-hostname".into()),
        ..Rebuild::new("70a599e0-31e7-49b7-b260-868f441e862b")
            .name("foobar")
            .metadata("meta_var", "meta_val")
            .user_data(b"echo \"hello world\"")
    };
    assert!(!format!("{body:?}").contains("seekr3t"), "the password is not in Debug output");
    let server = s.rebuild("ID", &body).await.unwrap();
    assert_eq!(server.id, rebuilt["server"]["id"].as_str().unwrap());
    nova.expect("rebuild 2.90", "POST", ACTION, sample("servers/v2.90/server-action-rebuild.json"), None).await;
    let body = Rebuild {
        access_ipv4: Some("1.2.3.4".into()),
        access_ipv6: Some("80fe::".into()),
        admin_pass: Some(SecretString::from("seekr3t")),
        ..Rebuild::new("70a599e0-31e7-49b7-b260-868f441e862b")
            .name("foobar")
            .key_name("new-key")
            .description("description of foobar")
            .metadata("meta_var", "meta_val")
            .user_data(b"echo \"hello world\"")
    };
    s.rebuild("ID", &body).await.unwrap();
    nova.expect("rebuild 2.57", "POST", ACTION, sample("servers/v2.57/server-action-rebuild.json"), None).await;
    // null removes the key pair and the user data
    let body = Rebuild { key_name: Some(None), user_data: Some(None), ..Rebuild::new("img").preserve_ephemeral(true) };
    s.rebuild("ID", &body).await.unwrap();
    let expected =
        json!({"rebuild": {"imageRef": "img", "preserve_ephemeral": true, "key_name": null, "user_data": null}});
    nova.expect("rebuild nulls", "POST", ACTION, Body::Json(expected), None).await;

    // rescue answers with the rescue password
    nova.answer(200, read_sample("os-rescue/v2.87/server-rescue.json").or(Some(json!({"adminPass": "MySecretPass"}))))
        .await;
    let rescue = Rescue {
        admin_pass: Some(SecretString::from("MySecretPass")),
        rescue_image_ref: Some("70a599e0-31e7-49b7-b260-868f441e862b".into()),
    };
    let password = s.rescue("ID", &rescue).await.unwrap().expect("a password");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&password), "MySecretPass");
    nova.expect("rescue", "POST", ACTION, sample("os-rescue/v2.87/server-rescue-req-with-image-ref.json"), None).await;
    nova.answer(202, None).await;
    assert!(s.rescue("ID", &Rescue::default()).await.unwrap().is_none());
    nova.expect("rescue plain", "POST", ACTION, Body::Json(json!({"rescue": {}})), None).await;

    s.change_password("ID", &SecretString::from("foo")).await.unwrap();
    nova.expect("password", "POST", ACTION, sample("os-admin-password/admin-password-change-password.json"), None)
        .await;
}

#[tokio::test]
async fn shelve_and_migrations() {
    let mut nova = Nova::start().await;
    let s = nova.servers();
    s.unshelve("ID", &Unshelve::default()).await.unwrap();
    nova.expect("unshelve", "POST", ACTION, sample("os-shelve/v2.91/os-unshelve.json"), None).await;
    let az = |zone: Option<&str>| Some(zone.map(str::to_string));
    s.unshelve("ID", &Unshelve { availability_zone: az(Some("us-west")), host: None }).await.unwrap();
    nova.expect("unshelve az", "POST", ACTION, sample("os-shelve/v2.91/os-unshelve-az.json"), None).await;
    s.unshelve("ID", &Unshelve { availability_zone: az(Some("nova")), host: Some("host01".into()) }).await.unwrap();
    nova.expect("unshelve az host", "POST", ACTION, sample("os-shelve/v2.91/os-unshelve-az-host.json"), None).await;
    s.unshelve("ID", &Unshelve { availability_zone: None, host: Some("host01".into()) }).await.unwrap();
    nova.expect("unshelve host", "POST", ACTION, sample("os-shelve/v2.91/os-unshelve-host.json"), None).await;
    s.unshelve("ID", &Unshelve { availability_zone: az(None), host: Some("host01".into()) }).await.unwrap();
    nova.expect("unpin az", "POST", ACTION, sample("os-shelve/v2.91/os-unshelve-host-and-unpin-az.json"), None).await;

    s.migrate("ID", None).await.unwrap();
    nova.expect("migrate", "POST", ACTION, sample("os-migrate-server/v2.56/migrate-server-null.json"), None).await;
    s.migrate("ID", Some("host1")).await.unwrap();
    nova.expect("migrate host", "POST", ACTION, sample("os-migrate-server/v2.56/migrate-server.json"), None).await;

    let live = LiveMigrate::auto().host("01c0cadef72d47e28a672a76060d492c");
    s.live_migrate("ID", &live).await.unwrap();
    nova.expect("live", "POST", ACTION, sample("os-migrate-server/v2.68/live-migrate-server.json"), None).await;
    s.live_migrate("ID", &LiveMigrate::auto()).await.unwrap();
    let expected = json!({"os-migrateLive": {"host": null, "block_migration": "auto"}});
    nova.expect("live anywhere", "POST", ACTION, Body::Json(expected), None).await;
    // force exists from 2.30 to 2.67: sent at 2.67
    s.live_migrate("ID", &LiveMigrate { force: Some(false), ..live.clone() }).await.unwrap();
    nova.expect("live force", "POST", ACTION, sample("os-migrate-server/v2.30/live-migrate-server.json"), Some("2.67"))
        .await;
    // disk_over_commit exists until 2.24, where block_migration is a boolean
    let old = LiveMigrate { block_migration: BlockMigration::No, disk_over_commit: Some(false), ..live.clone() };
    s.live_migrate("ID", &old).await.unwrap();
    nova.expect("live 2.24", "POST", ACTION, sample("os-migrate-server/live-migrate-server.json"), Some("2.24")).await;

    let evacuate = Evacuate {
        host: Some("testHost".into()),
        admin_pass: Some(SecretString::from("MySecretPass")),
        ..Default::default()
    };
    assert!(!format!("{evacuate:?}").contains("MySecretPass"));
    assert!(s.evacuate("ID", &evacuate).await.unwrap().is_none());
    nova.expect("evacuate", "POST", ACTION, sample("os-evacuate/v2.68/server-evacuate-req.json"), None).await;
    let anywhere = Evacuate { admin_pass: Some(SecretString::from("MySecretPass")), ..Default::default() };
    s.evacuate("ID", &anywhere).await.unwrap();
    nova.expect(
        "evacuate anywhere",
        "POST",
        ACTION,
        sample("os-evacuate/v2.68/server-evacuate-find-host-req.json"),
        None,
    )
    .await;
    s.evacuate("ID", &Evacuate { force: Some(true), ..evacuate.clone() }).await.unwrap();
    let expected = json!({"evacuate": {"host": "testHost", "adminPass": "MySecretPass", "force": true}});
    nova.expect("evacuate force", "POST", ACTION, Body::Json(expected), Some("2.67")).await;
    // before 2.14 onSharedStorage is required, and the answer carries the password
    nova.answer(200, Some(json!({"adminPass": "MySecretPass"}))).await;
    let shared = Evacuate { on_shared_storage: Some(true), ..evacuate.clone() };
    let password = s.evacuate("ID", &shared).await.unwrap().expect("a password");
    assert_eq!(secrecy::ExposeSecret::expose_secret(&password), "MySecretPass");
    let expected = json!({"evacuate": {"host": "testHost", "adminPass": "MySecretPass", "onSharedStorage": true}});
    nova.expect("evacuate 2.13", "POST", ACTION, Body::Json(expected), Some("2.13")).await;
}

#[tokio::test]
async fn images_backups_and_console() {
    let mut nova = Nova::start().await;
    let s = nova.servers();
    nova.answer(202, Some(json!({"image_id": "0e7761dd-ee98-41f0-ba35-05994e446431"}))).await;
    let id = s.create_image("ID", "foo-image", &meta(&[("meta_var", "meta_val")])).await.unwrap();
    assert_eq!(id, "0e7761dd-ee98-41f0-ba35-05994e446431");
    nova.expect("image", "POST", ACTION, sample("servers/v2.45/server-action-create-image.json"), None).await;
    let backup = s.create_backup("ID", &CreateBackup::new("Backup 1", "weekly", 1)).await.unwrap();
    assert_eq!(backup.as_deref(), Some("0e7761dd-ee98-41f0-ba35-05994e446431"));
    nova.expect("backup", "POST", ACTION, sample("os-create-backup/v2.45/create-backup-req.json"), None).await;
    // before 2.45 the image id is only in the Location header
    let template =
        ResponseTemplate::new(202).insert_header("location", "http://glance.example.com/v2/images/old-style-id");
    nova.answer_with(template).await;
    assert_eq!(s.create_image("ID", "x", &BTreeMap::new()).await.unwrap(), "old-style-id");
    nova.expect("image location", "POST", ACTION, Body::Json(json!({"createImage": {"name": "x"}})), None).await;
    nova.answer(202, None).await;
    assert!(s.create_backup("ID", &CreateBackup::new("b", "daily", 0)).await.unwrap().is_none());
    let expected = json!({"createBackup": {"name": "b", "backup_type": "daily", "rotation": 0}});
    nova.expect("backup rotation 0", "POST", ACTION, Body::Json(expected), None).await;
    assert!(matches!(s.create_image("ID", "x", &BTreeMap::new()).await, Err(Error::Decode { .. })));
    nova.expect("image without id", "POST", ACTION, Body::Json(json!({"createImage": {"name": "x"}})), None).await;

    nova.answer(200, read_sample("os-console-output/console-output-post-resp.json")).await;
    if read_sample("os-console-output/console-output-post-resp.json").is_some() {
        let output = s.console_output("ID", Some(50)).await.unwrap();
        assert_eq!(output, "FAKE CONSOLE OUTPUT\nANOTHER\nLAST LINE");
        nova.expect("console", "POST", ACTION, sample("os-console-output/console-output-post-req.json"), None).await;
        s.console_output("ID", None).await.unwrap();
        nova.expect("console all", "POST", ACTION, Body::Json(json!({"os-getConsoleOutput": {}})), None).await;
    }

    nova.answer(200, Some(json!({"remote_console": {"protocol": "vnc", "type": "novnc", "url": "http://x/?t=1"}})))
        .await;
    let console = s.remote_console("ID", &ConsoleType::NoVnc).await.unwrap();
    assert_eq!((console.protocol.as_str(), console.url.as_str()), ("vnc", "http://x/?t=1"));
    let rc = "servers/ID/remote-consoles";
    nova.expect("vnc", "POST", rc, sample("os-remote-consoles/v2.6/create-vnc-console-req.json"), None).await;
    s.remote_console("ID", &ConsoleType::WebMks).await.unwrap();
    nova.expect("mks", "POST", rc, sample("os-remote-consoles/v2.8/create-mks-console-req.json"), None).await;
    s.remote_console("ID", &ConsoleType::SpiceDirect).await.unwrap();
    nova.expect("spice", "POST", rc, sample("os-remote-consoles/v2.99/create-spice-direct-console-req.json"), None)
        .await;
    s.remote_console("ID", &ConsoleType::Serial).await.unwrap();
    let expected = json!({"remote_console": {"protocol": "serial", "type": "serial"}});
    nova.expect("serial", "POST", rc, Body::Json(expected), None).await;
    for file in
        ["os-remote-consoles/v2.6/create-vnc-console-resp.json", "os-remote-consoles/v2.8/create-mks-console-resp.json"]
    {
        round_trip::<RemoteConsole>(file, Some("remote_console"));
    }

    nova.answer(200, read_sample("os-server-diagnostics/v2.48/server-diagnostics-get-resp.json")).await;
    let diagnostics = s.diagnostics("ID").await;
    nova.expect("diagnostics", "GET", "servers/ID/diagnostics", Body::Empty, None).await;
    if let Some(d) =
        round_trip::<ServerDiagnostics>("os-server-diagnostics/v2.48/server-diagnostics-get-resp.json", None)
    {
        let got = diagnostics.unwrap();
        assert_eq!((got.driver.as_deref(), got.num_cpus, got.nic_details.len()), (Some("libvirt"), Some(1), 1));
        assert_eq!(d.uptime, Some(46664));
    }
    // the pre-2.48 driver-specific form keeps its keys
    round_trip::<ServerDiagnostics>("os-server-diagnostics/server-diagnostics-get-resp.json", None);

    nova.answer(200, read_sample("os-server-password/get-password-resp.json")).await;
    let password = s.password("ID").await.unwrap();
    assert_eq!(password.is_some(), read_sample("os-server-password/get-password-resp.json").is_some());
    nova.expect("password", "GET", "servers/ID/os-server-password", Body::Empty, None).await;
    nova.answer(200, Some(json!({"password": ""}))).await;
    assert_eq!(s.password("ID").await.unwrap(), None);
    nova.expect("no password", "GET", "servers/ID/os-server-password", Body::Empty, None).await;
    nova.answer(204, None).await;
    s.clear_password("ID").await.unwrap();
    nova.expect("clear password", "DELETE", "servers/ID/os-server-password", Body::Empty, None).await;
}

#[tokio::test]
async fn arguments_outside_their_microversions_fail_before_sending() {
    // a connection at 2.60 on a cloud offering 2.1 to 2.104
    let mut nova = Nova::at("2.60", "2.1", "2.104").await;
    let s = nova.servers();
    assert_unsupported(s.lock("ID", Some("why")).await, "lock with a reason", "2.73 or later");
    assert_unsupported(
        s.unshelve("ID", &Unshelve { host: Some("h".into()), ..Default::default() }).await,
        "unshelve to a host",
        "2.91 or later",
    );
    let az = Unshelve { availability_zone: Some(Some("az".into())), ..Default::default() };
    assert_unsupported(s.unshelve("ID", &az).await, "unshelve into an availability zone", "2.77 or later");
    let hostname = Rebuild { hostname: Some("h".into()), ..Rebuild::new("img") };
    assert_unsupported(s.rebuild("ID", &hostname).await, "rebuild with a hostname", "2.90 or later");
    assert_unsupported(
        s.remote_console("ID", &ConsoleType::SpiceDirect).await,
        "a spice-direct remote console",
        "2.99 or later",
    );
    nova.expect_nothing("unsupported arguments").await;
    // what exists at 2.60 goes out at 2.60
    s.migrate("ID", Some("h")).await.unwrap();
    nova.expect("migrate host at 2.60", "POST", ACTION, Body::Json(json!({"migrate": {"host": "h"}})), None).await;
    s.lock("ID", None).await.unwrap();
    nova.expect("lock at 2.60", "POST", ACTION, Body::Json(json!({"lock": null})), None).await;

    // before 2.25 block_migration must be a boolean and disk_over_commit is required
    let mut old = Nova::at("2.20", "2.1", "2.104").await;
    let s = old.servers();
    assert_unsupported(
        s.live_migrate("ID", &LiveMigrate::auto()).await,
        "live-migrate with block_migration auto",
        "2.25 or later",
    );
    assert_unsupported(s.migrate("ID", Some("h")).await, "migrate to a host", "2.56 or later");
    old.expect_nothing("unsupported at 2.20").await;
    let yes = LiveMigrate { block_migration: BlockMigration::Yes, ..Default::default() };
    s.live_migrate("ID", &yes).await.unwrap();
    let expected = json!({"os-migrateLive": {"host": null, "block_migration": true, "disk_over_commit": false}});
    old.expect("live at 2.20", "POST", ACTION, Body::Json(expected), None).await;
    s.evacuate("ID", &Evacuate::default()).await.unwrap();
    old.expect("evacuate at 2.20", "POST", ACTION, Body::Json(json!({"evacuate": {}})), None).await;

    let mut older = Nova::at("2.10", "2.1", "2.104").await;
    assert_unsupported(older.servers().trigger_crash_dump("ID").await, "trigger crash dump", "2.17 or later");
    older.expect_nothing("crash dump at 2.10").await;
    // before 2.14 evacuate requires onSharedStorage
    older.servers().evacuate("ID", &Evacuate::default()).await.unwrap();
    older
        .expect("evacuate at 2.10", "POST", ACTION, Body::Json(json!({"evacuate": {"onSharedStorage": false}})), None)
        .await;

    // a removed argument cannot be sent to a cloud whose oldest microversion is newer
    let new = Nova::at("2.100", "2.70", "2.104").await;
    let s = new.servers();
    let force = LiveMigrate { force: Some(true), ..LiveMigrate::auto() };
    assert_unsupported(s.live_migrate("ID", &force).await, "live-migrate with force", "2.67 or earlier");
    let shared = Evacuate { on_shared_storage: Some(true), ..Default::default() };
    assert_unsupported(s.evacuate("ID", &shared).await, "evacuate with onSharedStorage", "2.13 or earlier");
    // nor together with an argument that needs a newer one
    let both = LiveMigrate {
        force: Some(true),
        disk_over_commit: Some(true),
        block_migration: BlockMigration::Auto,
        host: None,
    };
    assert_unsupported(s.live_migrate("ID", &both).await, "live-migrate with disk_over_commit", "2.24 or earlier");
    new.expect_nothing("removed arguments").await;
}

#[tokio::test]
async fn action_errors_name_the_request() {
    let mut nova = Nova::start().await;
    let s = nova.servers();
    let body = json!({"conflictingRequest": {"code": 409, "message": "Cannot 'pause' instance while it is in vm_state paused"}});
    nova.answer_with(ResponseTemplate::new(409).set_body_json(body).insert_header("x-compute-request-id", "req-1"))
        .await;
    let e = s.pause("ID").await.unwrap_err();
    assert_eq!((e.status(), e.request_id()), (Some(409), Some("req-1")));
    let text = e.to_string();
    assert!(text.contains("POST") && text.contains("/servers/ID/action") && text.contains("vm_state paused"), "{text}");
    nova.expect("pause conflict", "POST", ACTION, sample("os-pause-server/pause-server.json"), None).await;
    // a password never appears in an error
    let e = s.change_password("ID", &SecretString::from("hunter2-secret")).await.unwrap_err();
    assert!(!format!("{e} {e:?}").contains("hunter2-secret"));
    let expected = json!({"changePassword": {"adminPass": "hunter2-secret"}});
    nova.expect("password conflict", "POST", ACTION, Body::Json(expected), None).await;
}

/// Every response sample under `dir` holding a `T` under `one` or a list of them under `many`:
/// each decodes and re-encodes with every field kept. Returns how many were checked.
fn round_trip_dir<T: DeserializeOwned + Serialize>(dir: &str, one: &str, many: &str) -> usize {
    let Some(root) = sample_path(dir) else { return 0 };
    let mut files = Vec::new();
    let mut todo = vec![root];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    let mut checked = 0;
    for file in files {
        let body: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut items: Vec<Value> = body.get(one).cloned().into_iter().collect();
        if let Some(Value::Array(list)) = body.get(many) {
            items.extend(list.iter().cloned());
        }
        for item in items {
            let decoded: T = serde_json::from_value(item.clone()).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            contract::assert_kept(&item, &serde_json::to_value(&decoded).unwrap(), "", &file);
            checked += 1;
        }
    }
    checked
}

#[test]
fn sub_resource_samples_round_trip() {
    use ostack::compute::v2::{InstanceAction, InterfaceAttachment, ServerMigration, VolumeAttachment};
    if contract::samples_dir().is_none() {
        return;
    }
    let counts = [
        (
            "instance actions",
            round_trip_dir::<InstanceAction>("os-instance-actions", "instanceAction", "instanceActions"),
        ),
        (
            "interfaces",
            round_trip_dir::<InterfaceAttachment>(
                "os-attach-interfaces",
                "interfaceAttachment",
                "interfaceAttachments",
            ),
        ),
        (
            "volume attachments",
            round_trip_dir::<VolumeAttachment>("os-volume_attachments", "volumeAttachment", "volumeAttachments"),
        ),
        ("server migrations", round_trip_dir::<ServerMigration>("server-migrations", "migration", "migrations")),
    ];
    for (what, count) in counts {
        assert!(count >= 5, "only {count} {what} checked");
        eprintln!("{what}: {count} sample items round-tripped");
    }
}

#[tokio::test]
async fn metadata_and_tags() {
    let mut nova = Nova::start().await;
    let s = nova.servers();
    nova.answer(200, read_sample("server-metadata/server-metadata-all-resp.json")).await;
    if read_sample("server-metadata/server-metadata-all-resp.json").is_some() {
        assert_eq!(s.metadata("ID").await.unwrap(), meta(&[("foo", "Foo Value")]));
        nova.expect("metadata", "GET", "servers/ID/metadata", Body::Empty, None).await;
        let all = s.set_metadata("ID", &meta(&[("foo", "Foo Value")])).await.unwrap();
        assert_eq!(all.len(), 1);
        nova.expect(
            "set metadata",
            "POST",
            "servers/ID/metadata",
            sample("server-metadata/server-metadata-all-req.json"),
            None,
        )
        .await;
        s.replace_metadata("ID", &meta(&[("foo", "Foo Value")])).await.unwrap();
        nova.expect(
            "replace",
            "PUT",
            "servers/ID/metadata",
            sample("server-metadata/server-metadata-all-req.json"),
            None,
        )
        .await;
    }
    nova.answer(200, Some(json!({"meta": {"foo bar": "Bar Value"}}))).await;
    assert_eq!(s.metadata_item("ID", "foo bar").await.unwrap(), "Bar Value");
    nova.expect("item", "GET", "servers/ID/metadata/foo%20bar", Body::Empty, None).await;
    nova.answer(200, read_sample("server-metadata/server-metadata-resp.json")).await;
    if read_sample("server-metadata/server-metadata-resp.json").is_some() {
        // the answer is what nova stored (the sample answers another value than it was sent)
        assert_eq!(s.set_metadata_item("ID", "foo", "Bar Value").await.unwrap(), "Foo Value");
        nova.expect(
            "set item",
            "PUT",
            "servers/ID/metadata/foo",
            sample("server-metadata/server-metadata-req.json"),
            None,
        )
        .await;
    }
    nova.answer(204, None).await;
    s.delete_metadata_item("ID", "foo").await.unwrap();
    nova.expect("delete item", "DELETE", "servers/ID/metadata/foo", Body::Empty, None).await;
    assert!(matches!(s.delete_metadata_item("ID", "").await, Err(Error::InvalidInput(_))));
    nova.expect_nothing("empty key").await;

    nova.answer(200, Some(json!({"tags": ["tag1", "tag2"]}))).await;
    assert_eq!(s.tags("ID").await.unwrap(), ["tag1", "tag2"]);
    nova.expect("tags", "GET", "servers/ID/tags", Body::Empty, None).await;
    s.replace_tags("ID", &["tag1".into(), "tag2".into()]).await.unwrap();
    nova.expect(
        "replace tags",
        "PUT",
        "servers/ID/tags",
        sample("os-server-tags/v2.26/server-tags-put-all-req.json"),
        None,
    )
    .await;
    nova.answer(204, None).await;
    s.clear_tags("ID").await.unwrap();
    nova.expect("clear tags", "DELETE", "servers/ID/tags", Body::Empty, None).await;
    s.add_tag("ID", "a b").await.unwrap();
    nova.expect("add tag", "PUT", "servers/ID/tags/a%20b", Body::Empty, None).await;
    assert!(s.has_tag("ID", "a").await.unwrap());
    nova.expect("has tag", "GET", "servers/ID/tags/a", Body::Empty, None).await;
    s.delete_tag("ID", "a").await.unwrap();
    nova.expect("delete tag", "DELETE", "servers/ID/tags/a", Body::Empty, None).await;
    // a 404 for the tag, and the server is there: false
    nova.server.reset().await;
    nova.seen = 0;
    Mock::given(wiremock::matchers::path("/compute/v2.1/servers/ID/tags/b"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&nova.server)
        .await;
    Mock::given(wiremock::matchers::path("/compute/v2.1/servers/ID"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"server": {"id": "ID", "name": "s"}})))
        .mount(&nova.server)
        .await;
    assert!(!s.has_tag("ID", "b").await.unwrap());
    // and for a missing server, the server's 404
    assert!(s.has_tag("gone", "b").await.unwrap_err().is_not_found());

    let old = Nova::at("2.25", "2.1", "2.104").await;
    assert_unsupported(old.servers().tags("ID").await, "server tags", "2.26 or later");
    assert_unsupported(old.servers().add_tag("ID", "x").await, "server tags", "2.26 or later");
    old.expect_nothing("tags at 2.25").await;
}

#[tokio::test]
async fn instance_actions_follow_their_pages() {
    use ostack::compute::v2::InstanceActionQuery;
    use wiremock::matchers::{method, path, query_param, query_param_is_missing};
    let mut nova = Nova::start().await;
    let s = nova.servers();
    nova.answer(200, read_sample("os-instance-actions/v2.84/instance-action-get-resp.json")).await;
    if read_sample("os-instance-actions/v2.84/instance-action-get-resp.json").is_some() {
        let action = s.instance_action("ID", "req-0d819d5c").await.unwrap();
        assert_eq!((action.action.as_str(), action.events.len()), ("stop", 1));
        assert_eq!(action.events[0].host.as_deref(), Some("compute"));
        nova.expect("action", "GET", "servers/ID/os-instance-actions/req-0d819d5c", Body::Empty, None).await;
    }
    nova.answer(200, Some(json!({"instanceActions": []}))).await;
    let query = InstanceActionQuery {
        limit: Some(1),
        changes_since: Some("2018-04-25T01:00:00Z".into()),
        changes_before: Some("2018-04-26T01:00:00Z".into()),
        ..Default::default()
    };
    assert!(s.instance_actions("ID", &query).await.unwrap().is_empty());
    let expected = "servers/ID/os-instance-actions?limit=1&changes-since=2018-04-25T01%3A00%3A00Z&changes-before=2018-04-26T01%3A00%3A00Z";
    nova.expect("actions query", "GET", expected, Body::Empty, None).await;

    // two pages linked by "links"
    let server = MockServer::start().await;
    let base = format!("{}/compute/v2.1/servers/ID/os-instance-actions", server.uri());
    let item = |id: &str| json!({"action": "stop", "request_id": id, "instance_uuid": "ID", "start_time": "2018-04-25T01:26:28.909887"});
    Mock::given(method("GET"))
        .and(path("/compute/v2.1/servers/ID/os-instance-actions"))
        .and(query_param_is_missing("marker"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "instanceActions": [item("req-1")],
            "links": [{"rel": "next", "href": format!("{base}?limit=1&marker=req-1")}]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("marker", "req-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"instanceActions": [item("req-2")]})))
        .mount(&server)
        .await;
    let conn = contract::connection(&server).await;
    let paged = InstanceActionQuery { limit: Some(1), ..Default::default() };
    let all = conn.compute().servers().instance_actions("ID", &paged).await.unwrap();
    assert_eq!(all.iter().map(|a| a.request_id.as_str()).collect::<Vec<_>>(), ["req-1", "req-2"]);
    // a next link to another host is not followed with the token
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "instanceActions": [item("req-1")],
            "links": [{"rel": "next", "href": "http://evil.example.com/v2.1/servers/ID/os-instance-actions?marker=req-1"}]})))
        .mount(&server)
        .await;
    let e = conn.compute().servers().instance_actions("ID", &paged).await.unwrap_err();
    assert!(matches!(e, Error::ForeignLink { .. }), "{e}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let old = Nova::at("2.60", "2.1", "2.104").await;
    let before = InstanceActionQuery { changes_before: Some("2018-04-26T01:00:00Z".into()), ..Default::default() };
    assert_unsupported(
        old.servers().instance_actions("ID", &before).await,
        "instance actions changes-before",
        "2.66 or later",
    );
    old.expect_nothing("changes-before at 2.60").await;
}

#[tokio::test]
async fn interfaces_volumes_and_migrations() {
    use ostack::compute::v2::{AttachInterface, AttachVolume, UpdateVolumeAttachment, VolumeAttachmentQuery};
    let mut nova = Nova::start().await;
    let s = nova.servers();
    let one = json!({"interfaceAttachment": {"port_id": "p1", "net_id": "n1", "mac_addr": "fa:16:3e:4c:2c:30",
        "port_state": "ACTIVE", "fixed_ips": [{"ip_address": "192.168.1.3", "subnet_id": "s1"}], "tag": null}});
    nova.answer(200, Some(one)).await;
    let attached = s
        .attach_interface("ID", &AttachInterface::fixed_ip("3cb9bc59-5699-4588-a4b1-b87f96708bc6", "192.168.1.3"))
        .await
        .unwrap();
    assert_eq!((attached.port_id.as_str(), attached.fixed_ips[0].subnet_id.as_deref()), ("p1", Some("s1")));
    nova.expect(
        "attach net",
        "POST",
        "servers/ID/os-interface",
        sample("os-attach-interfaces/attach-interfaces-create-net_id-req.json"),
        None,
    )
    .await;
    s.attach_interface("ID", &AttachInterface::port("ce531f90-199f-48c0-816c-13e38010b442").tag("public"))
        .await
        .unwrap();
    nova.expect(
        "attach port",
        "POST",
        "servers/ID/os-interface",
        sample("os-attach-interfaces/v2.70/attach-interfaces-create-req.json"),
        None,
    )
    .await;
    s.interface("ID", "p1").await.unwrap();
    nova.expect("interface", "GET", "servers/ID/os-interface/p1", Body::Empty, None).await;
    for bad in
        [AttachInterface::default(), AttachInterface { port_id: Some("p".into()), ..AttachInterface::network("n") }]
    {
        assert!(matches!(s.attach_interface("ID", &bad).await, Err(Error::InvalidInput(_))));
    }
    nova.expect_nothing("bad attachments").await;
    nova.answer(200, Some(json!({"interfaceAttachments": []}))).await;
    assert!(s.interfaces("ID").await.unwrap().is_empty());
    nova.expect("interfaces", "GET", "servers/ID/os-interface", Body::Empty, None).await;
    nova.answer(202, None).await;
    s.detach_interface("ID", "p1").await.unwrap();
    nova.expect("detach interface", "DELETE", "servers/ID/os-interface/p1", Body::Empty, None).await;

    nova.answer(200, read_sample("os-volume_attachments/v2.89/volume-attachment-detail-resp.json")).await;
    if read_sample("os-volume_attachments/v2.89/volume-attachment-detail-resp.json").is_some() {
        let body = AttachVolume::new("a07f71dc-8151-4e7d-a0cc-cd24a3f11113").tag("foo").delete_on_termination(true);
        let attachment = s.attach_volume("ID", &body).await.unwrap();
        assert_eq!(attachment.device.as_deref(), Some("/dev/sdb"));
        assert_eq!(attachment.attachment_id.as_deref(), Some("721a5c82-5ebc-4c6a-8339-3d33d8d027ed"));
        nova.expect(
            "attach volume",
            "POST",
            "servers/ID/os-volume_attachments",
            sample("os-volume_attachments/v2.89/attach-volume-to-server-req.json"),
            None,
        )
        .await;
        s.volume_attachment("ID", "v1").await.unwrap();
        nova.expect("attachment", "GET", "servers/ID/os-volume_attachments/v1", Body::Empty, None).await;
    }
    nova.answer(200, Some(json!({"volumeAttachments": []}))).await;
    s.volume_attachments("ID", &VolumeAttachmentQuery { limit: Some(2), offset: Some(1) }).await.unwrap();
    nova.expect("attachments", "GET", "servers/ID/os-volume_attachments?limit=2&offset=1", Body::Empty, None).await;
    nova.answer(202, None).await;
    let swap = UpdateVolumeAttachment {
        volume_id: "227cc671-f30b-4488-96fd-7d0bf13648d8".into(),
        delete_on_termination: None,
    };
    s.update_volume_attachment("ID", "v1", &swap).await.unwrap();
    nova.expect(
        "swap",
        "PUT",
        "servers/ID/os-volume_attachments/v1",
        sample("os-volume_attachments/update-volume-req.json"),
        None,
    )
    .await;
    let flag = UpdateVolumeAttachment {
        volume_id: "a07f71dc-8151-4e7d-a0cc-cd24a3f11113".into(),
        delete_on_termination: Some(true),
    };
    s.update_volume_attachment("ID", "a07f71dc-8151-4e7d-a0cc-cd24a3f11113", &flag).await.unwrap();
    nova.expect(
        "delete flag",
        "PUT",
        "servers/ID/os-volume_attachments/a07f71dc-8151-4e7d-a0cc-cd24a3f11113",
        sample("os-volume_attachments/v2.85/update-volume-attachment-delete-flag-req.json"),
        None,
    )
    .await;
    s.detach_volume("ID", "v1").await.unwrap();
    nova.expect("detach volume", "DELETE", "servers/ID/os-volume_attachments/v1", Body::Empty, None).await;

    nova.answer(200, read_sample("server-migrations/v2.80/migrations-index.json")).await;
    if read_sample("server-migrations/v2.80/migrations-index.json").is_some() {
        assert_eq!(s.migrations("ID").await.unwrap().len(), 1);
        nova.expect("migrations", "GET", "servers/ID/migrations", Body::Empty, None).await;
    }
    nova.answer(200, read_sample("server-migrations/v2.80/migrations-get.json")).await;
    if read_sample("server-migrations/v2.80/migrations-get.json").is_some() {
        let migration = s.migration("ID", "1").await.unwrap();
        assert_eq!((migration.id, migration.status.as_deref()), (1, Some("running")));
        nova.expect("migration", "GET", "servers/ID/migrations/1", Body::Empty, None).await;
    }
    nova.answer(202, None).await;
    s.force_complete_migration("ID", "1").await.unwrap();
    nova.expect(
        "force complete",
        "POST",
        "servers/ID/migrations/1/action",
        sample("server-migrations/v2.22/force_complete.json"),
        None,
    )
    .await;
    s.abort_migration("ID", "1").await.unwrap();
    nova.expect("abort", "DELETE", "servers/ID/migrations/1", Body::Empty, None).await;

    let old = Nova::at("2.21", "2.1", "2.104").await;
    let s = old.servers();
    assert_unsupported(s.migrations("ID").await, "server migrations", "2.23 or later");
    assert_unsupported(s.force_complete_migration("ID", "1").await, "force-complete a migration", "2.22 or later");
    assert_unsupported(
        s.attach_volume("ID", &AttachVolume::new("v").tag("t")).await,
        "attach a volume with a tag",
        "2.49 or later",
    );
    assert_unsupported(
        s.attach_interface("ID", &AttachInterface::network("n").tag("t")).await,
        "attach an interface with a tag",
        "2.49 or later",
    );
    old.expect_nothing("sub-resources at 2.21").await;
    let mid = Nova::at("2.80", "2.1", "2.104").await;
    assert_unsupported(
        mid.servers().update_volume_attachment("ID", "v", &flag).await,
        "update a volume attachment's delete_on_termination",
        "2.85 or later",
    );
    mid.expect_nothing("delete flag at 2.80").await;
}

/// Round trip, wrong-typed fields and a `"name": null` list item for one resource's samples.
async fn resource_samples<R: ostack::Resource + Serialize>(dirs: &[&str], at_least: usize) {
    let Some(root) = contract::samples_dir() else { return };
    let checked = contract::round_trip::<R>(&root, dirs).await;
    assert!(checked >= at_least, "only {checked} {} samples checked in {dirs:?}", R::NAME);
    let done = contract::wrong_types::<R>(&root, dirs);
    assert!(done.tried > 0 && done.rejected > 0, "{}: {done:?}", R::NAME);
    let samples = contract::samples::<R>(&root, dirs);
    let item = samples.iter().flat_map(|s| &s.items).next().expect("a sample");
    contract::null_name_in_a_list::<R>(item).await;
}

#[tokio::test]
async fn resource_samples_round_trip() {
    use ostack::compute::v2::{
        Aggregate, ComputeService, Hypervisor, Migration, QuotaClassSet, ServerGroup, TenantUsage,
    };
    resource_samples::<ServerGroup>(&["compute/os-server-groups"], 6).await;
    resource_samples::<Aggregate>(&["compute/os-aggregates"], 20).await;
    resource_samples::<Hypervisor>(&["compute/os-hypervisors"], 30).await;
    resource_samples::<ComputeService>(&["compute/os-services"], 15).await;
    // these samples are named `*-get*.json` (not `-resp`): read them directly
    if contract::samples_dir().is_some() {
        assert!(round_trip_dir::<Migration>("os-migrations", "-", "migrations") >= 30);
        assert!(round_trip_dir::<TenantUsage>("os-simple-tenant-usage", "tenant_usage", "tenant_usages") >= 7);
    }
    resource_samples::<QuotaClassSet>(&["compute/os-quota-class-sets"], 6).await;
}

#[test]
fn other_compute_samples_round_trip() {
    use ostack::compute::v2::{AvailabilityZone, ExternalEvent, Keypair, Limits, QuotaSet, QuotaSetDetail};
    if contract::samples_dir().is_none() {
        return;
    }
    // the detail samples hold {limit, in_use, reserved} objects: QuotaSetDetail reads them
    let quota_files = |detail: bool| {
        let dir = sample_path("os-quota-sets").unwrap();
        let mut files = Vec::new();
        for version in ["", "v2.36", "v2.57"] {
            for entry in std::fs::read_dir(dir.join(version)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                if path.is_file() && name.ends_with("resp.json") && name.contains("detail") == detail {
                    files.push(path.strip_prefix(sample_path("").unwrap()).unwrap().to_string_lossy().to_string());
                }
            }
        }
        files
    };
    let sets = quota_files(false);
    let details = quota_files(true);
    assert!(sets.len() >= 15 && details.len() >= 3, "{sets:?} {details:?}");
    for file in &sets {
        round_trip::<QuotaSet>(file, Some("quota_set"));
    }
    for file in &details {
        let detail = round_trip::<QuotaSetDetail>(file, Some("quota_set")).unwrap();
        assert_eq!(detail.usage["instances"].limit, Some(10), "{file}");
    }
    let limits = [
        "limits/limit-get-resp.json",
        "limits/v2.36/limit-get-resp.json",
        "limits/v2.39/limit-get-resp.json",
        "limits/v2.57/limit-get-resp.json",
    ];
    for file in limits {
        let limits = round_trip::<Limits>(file, Some("limits")).unwrap();
        assert!(limits.absolute.max_total_instances.is_some(), "{file}");
    }
    assert_eq!(round_trip_dir::<AvailabilityZone>("os-availability-zone", "-", "availabilityZoneInfo"), 3);
    assert_eq!(round_trip_dir::<ExternalEvent>("os-server-external-events", "-", "events"), 2);
    assert!(round_trip_dir::<Keypair>("os-keypairs/v2.10", "keypair", "-") >= 3);
}

#[tokio::test]
async fn server_groups_and_aggregates() {
    use ostack::compute::v2::{CreateAggregate, CreateServerGroup, ServerGroupQuery, UpdateAggregate};
    let mut nova = Nova::start().await;
    let group = json!({"server_group": {"id": "G", "name": "test", "policy": "anti-affinity", "members": []}, "server_groups": []});
    nova.answer(200, Some(group)).await;
    let groups = nova.conn.compute().server_groups();
    let query = ServerGroupQuery { all_projects: Some(true), limit: Some(2), offset: Some(4) };
    groups.list(&query).collect_all().await.unwrap();
    nova.expect("groups", "GET", "os-server-groups?all_projects=true&limit=2&offset=4", Body::Empty, None).await;
    let created = groups.create(&CreateServerGroup::new("test", "anti-affinity").max_server_per_host(3)).await.unwrap();
    assert_eq!(created.policy(), Some("anti-affinity"));
    nova.expect(
        "create group",
        "POST",
        "os-server-groups",
        sample("os-server-groups/v2.64/server-groups-post-req.json"),
        None,
    )
    .await;
    groups.create(&CreateServerGroup::legacy("test", "anti-affinity")).await.unwrap();
    nova.expect(
        "create legacy",
        "POST",
        "os-server-groups",
        sample("os-server-groups/server-groups-post-req.json"),
        Some("2.63"),
    )
    .await;
    groups.get("G").await.unwrap();
    nova.expect("group", "GET", "os-server-groups/G", Body::Empty, None).await;
    groups.delete("G").await.unwrap();
    nova.expect("delete group", "DELETE", "os-server-groups/G", Body::Empty, None).await;
    let old = Nova::at("2.60", "2.1", "2.104").await;
    assert_unsupported(
        old.conn.compute().server_groups().create(&CreateServerGroup::new("g", "affinity")).await,
        "a server group policy",
        "2.64 or later",
    );
    old.expect_nothing("policy at 2.60").await;

    let aggregate = json!({"aggregate": {"id": 1, "name": "name", "hosts": [], "metadata": {}}, "aggregates": []});
    nova.answer(200, Some(aggregate)).await;
    let aggregates = nova.conn.compute().aggregates();
    aggregates.list(&Default::default()).collect_all().await.unwrap();
    nova.expect("aggregates", "GET", "os-aggregates", Body::Empty, None).await;
    let created = aggregates.create(&CreateAggregate::new("name").availability_zone("london")).await.unwrap();
    assert_eq!(created.id, "1");
    nova.expect("create aggregate", "POST", "os-aggregates", sample("os-aggregates/aggregate-post-req.json"), None)
        .await;
    let update = UpdateAggregate { name: Some("newname".into()), availability_zone: Some("nova2".into()) };
    aggregates.update("1", &update).await.unwrap();
    nova.expect(
        "update aggregate",
        "PUT",
        "os-aggregates/1",
        sample("os-aggregates/aggregate-update-post-req.json"),
        None,
    )
    .await;
    aggregates.add_host("1", "21549b2f665945baaa7101926a00143c").await.unwrap();
    nova.expect(
        "add host",
        "POST",
        "os-aggregates/1/action",
        sample("os-aggregates/aggregate-add-host-post-req.json"),
        None,
    )
    .await;
    aggregates.remove_host("1", "bf1454b3d71145d49fca2101c56c728d").await.unwrap();
    nova.expect(
        "remove host",
        "POST",
        "os-aggregates/1/action",
        sample("os-aggregates/aggregate-remove-host-post-req.json"),
        None,
    )
    .await;
    let items = [("key".to_string(), Some("value".to_string()))].into_iter().collect();
    aggregates.set_metadata("1", &items).await.unwrap();
    nova.expect(
        "metadata",
        "POST",
        "os-aggregates/1/action",
        sample("os-aggregates/aggregate-metadata-post-req.json"),
        None,
    )
    .await;
    let unset = [("key".to_string(), None)].into_iter().collect();
    aggregates.set_metadata("1", &unset).await.unwrap();
    nova.expect(
        "unset",
        "POST",
        "os-aggregates/1/action",
        Body::Json(json!({"set_metadata": {"metadata": {"key": null}}})),
        None,
    )
    .await;
    nova.answer(202, None).await;
    aggregates.cache_images("1", &["70a599e0-31e7-49b7-b260-868f441e862b"]).await.unwrap();
    nova.expect(
        "cache",
        "POST",
        "os-aggregates/1/images",
        sample("os-aggregates/v2.81/aggregate-images-post-req.json"),
        None,
    )
    .await;
    aggregates.delete("1").await.unwrap();
    nova.expect("delete aggregate", "DELETE", "os-aggregates/1", Body::Empty, None).await;
    let old = Nova::at("2.80", "2.1", "2.104").await;
    assert_unsupported(
        old.conn.compute().aggregates().cache_images("1", &["i"]).await,
        "cache images on an aggregate",
        "2.81 or later",
    );
    old.expect_nothing("cache at 2.80").await;
}

#[tokio::test]
async fn hypervisors_services_and_migrations() {
    use ostack::compute::v2::{ComputeServiceQuery, HypervisorQuery, MigrationQuery, UpdateComputeService};
    let mut nova = Nova::start().await;
    let hypervisor =
        json!({"hypervisor": {"id": "H", "hypervisor_hostname": "n1", "uptime": "up 3 days"}, "hypervisors": []});
    nova.answer(200, Some(hypervisor.clone())).await;
    let hypervisors = nova.conn.compute().hypervisors();
    let query = HypervisorQuery {
        hypervisor_hostname_pattern: Some("n".into()),
        with_servers: Some(true),
        limit: Some(5),
        marker: None,
    };
    hypervisors.list(&query).collect_all().await.unwrap();
    nova.expect(
        "hypervisors",
        "GET",
        "os-hypervisors/detail?hypervisor_hostname_pattern=n&with_servers=true&limit=5",
        Body::Empty,
        None,
    )
    .await;
    hypervisors.get_with_servers("H").await.unwrap();
    nova.expect("with servers", "GET", "os-hypervisors/H?with_servers=true", Body::Empty, None).await;
    assert_eq!(hypervisors.uptime("H").await.unwrap().as_deref(), Some("up 3 days"));
    nova.expect("uptime 2.88+", "GET", "os-hypervisors/H", Body::Empty, None).await;
    nova.answer(200, Some(json!({"hypervisor_statistics": {"count": 2}}))).await;
    assert_eq!(hypervisors.statistics().await.unwrap()["count"], 2);
    nova.expect("statistics", "GET", "os-hypervisors/statistics", Body::Empty, Some("2.87")).await;
    let mut old = Nova::at("2.87", "2.1", "2.104").await;
    old.answer(200, Some(hypervisor)).await;
    assert_eq!(old.conn.compute().hypervisors().uptime("H").await.unwrap().as_deref(), Some("up 3 days"));
    old.expect("uptime 2.87", "GET", "os-hypervisors/H/uptime", Body::Empty, None).await;
    let pinned = HypervisorQuery { with_servers: Some(true), ..Default::default() };
    let ancient = Nova::at("2.52", "2.1", "2.104").await;
    let e = ancient.conn.compute().hypervisors().list(&pinned).collect_all().await;
    assert_unsupported(e, "hypervisors with_servers", "2.53 or later");
    ancient.expect_nothing("with_servers at 2.52").await;
    let newest = Nova::at("2.100", "2.88", "2.104").await;
    assert_unsupported(
        newest.conn.compute().hypervisors().statistics().await,
        "hypervisor statistics",
        "2.87 or earlier",
    );
    newest.expect_nothing("statistics on a 2.88+ cloud").await;

    let service = json!({"service": {"id": "S", "binary": "nova-compute", "host": "host1", "status": "disabled"}, "services": []});
    nova.answer(200, Some(service)).await;
    let services = nova.conn.compute().services();
    services
        .list(&ComputeServiceQuery { binary: Some("nova-compute".into()), host: Some("host1".into()) })
        .collect_all()
        .await
        .unwrap();
    nova.expect("services", "GET", "os-services?binary=nova-compute&host=host1", Body::Empty, None).await;
    services.set("S", &UpdateComputeService::disable("maintenance")).await.unwrap();
    nova.expect("disable", "PUT", "os-services/S", sample("os-services/v2.53/service-disable-log-put-req.json"), None)
        .await;
    services.set("S", &UpdateComputeService::enable()).await.unwrap();
    nova.expect("enable", "PUT", "os-services/S", sample("os-services/v2.53/service-enable-put-req.json"), None).await;
    services.set("S", &UpdateComputeService::forced_down(true)).await.unwrap();
    nova.expect(
        "force down",
        "PUT",
        "os-services/S",
        sample("os-services/v2.53/service-force-down-put-req.json"),
        None,
    )
    .await;
    services.delete("S").await.unwrap();
    nova.expect("delete service", "DELETE", "os-services/S", Body::Empty, None).await;
    assert_unsupported(
        ancient.conn.compute().services().set("1", &UpdateComputeService::enable()).await,
        "update a compute service by id",
        "2.53 or later",
    );

    nova.answer(200, Some(json!({"migrations": []}))).await;
    let query = MigrationQuery {
        instance_uuid: Some("ID".into()),
        migration_type: Some("live-migration".into()),
        changes_since: Some("2016-06-23T13:42:01Z".into()),
        user_id: Some("u".into()),
        limit: Some(1),
        ..Default::default()
    };
    nova.conn.compute().migrations().list(&query).collect_all().await.unwrap();
    nova.expect("migrations", "GET", "os-migrations?instance_uuid=ID&migration_type=live-migration&changes-since=2016-06-23T13%3A42%3A01Z&user_id=u&limit=1", Body::Empty, None)
        .await;
    let old = Nova::at("2.66", "2.1", "2.104").await;
    assert_unsupported(
        old.conn.compute().migrations().list(&query).collect_all().await,
        "migrations by user or project",
        "2.80 or later",
    );
    old.expect_nothing("user filter at 2.66").await;
}

#[tokio::test]
async fn quotas_limits_usage_and_zones() {
    use ostack::compute::v2::{ComputeQuotas, LimitsQuery, UpdateQuotaSet, UsageQuery};
    let mut nova = Nova::start().await;
    let set = json!({"quota_set": {"id": "P", "instances": 10, "cores": 20}, "quota_class_set": {"id": "default", "instances": 10}});
    nova.answer(200, Some(set)).await;
    let quotas = nova.conn.compute().quota_sets();
    assert_eq!(quotas.get("P").await.unwrap().quotas.instances, Some(10));
    nova.expect("quota", "GET", "os-quota-sets/P", Body::Empty, None).await;
    let instances = |n| ComputeQuotas { instances: Some(n), ..Default::default() };
    quotas.update("P", &UpdateQuotaSet { quotas: instances(20), force: None }).await.unwrap();
    nova.expect("update", "PUT", "os-quota-sets/P", sample("os-quota-sets/v2.57/quotas-update-post-req.json"), None)
        .await;
    quotas.update("P", &UpdateQuotaSet { quotas: instances(45), force: Some(true) }).await.unwrap();
    nova.expect(
        "force",
        "PUT",
        "os-quota-sets/P",
        Body::Json(json!({"quota_set": {"instances": 45, "force": true}})),
        None,
    )
    .await;
    // a quota removed at 2.57 goes out at 2.56
    let injected = ComputeQuotas { injected_files: Some(3), ..Default::default() };
    quotas.update("P", &UpdateQuotaSet { quotas: injected, force: None }).await.unwrap();
    nova.expect(
        "injected",
        "PUT",
        "os-quota-sets/P",
        Body::Json(json!({"quota_set": {"injected_files": 3}})),
        Some("2.56"),
    )
    .await;
    quotas.defaults("P").await.unwrap();
    nova.expect("defaults", "GET", "os-quota-sets/P/defaults", Body::Empty, None).await;
    quotas.get_for_user("P", "u 1").await.unwrap();
    nova.expect("user", "GET", "os-quota-sets/P?user_id=u+1", Body::Empty, None).await;
    quotas.update_for_user("P", "u", &UpdateQuotaSet { quotas: instances(9), force: None }).await.unwrap();
    nova.expect(
        "update user",
        "PUT",
        "os-quota-sets/P?user_id=u",
        sample("os-quota-sets/v2.57/user-quotas-update-post-req.json"),
        None,
    )
    .await;
    nova.answer(200, read_sample("os-quota-sets/v2.57/quotas-show-detail-get-resp.json")).await;
    if read_sample("os-quota-sets/v2.57/quotas-show-detail-get-resp.json").is_some() {
        let detail = quotas.detail("P").await.unwrap();
        assert_eq!(detail.usage["cores"].limit, Some(20));
        nova.expect("detail", "GET", "os-quota-sets/P/detail", Body::Empty, None).await;
        quotas.detail_for_user("P", "u").await.unwrap();
        nova.expect("detail user", "GET", "os-quota-sets/P/detail?user_id=u", Body::Empty, None).await;
    }
    nova.answer(202, None).await;
    quotas.delete("P").await.unwrap();
    nova.expect("revert", "DELETE", "os-quota-sets/P", Body::Empty, None).await;
    quotas.delete_for_user("P", "u").await.unwrap();
    nova.expect("revert user", "DELETE", "os-quota-sets/P?user_id=u", Body::Empty, None).await;
    let network = ComputeQuotas { floating_ips: Some(1), ..Default::default() };
    let newer = Nova::at("2.100", "2.40", "2.104").await;
    assert_unsupported(
        newer.conn.compute().quota_sets().update("P", &UpdateQuotaSet { quotas: network, force: None }).await,
        "nova-network quotas",
        "2.35 or earlier",
    );

    nova.answer(200, Some(json!({"quota_class_set": {"id": "default", "instances": 50}}))).await;
    let classes = nova.conn.compute().quota_class_sets();
    classes.get("default").await.unwrap();
    nova.expect("class", "GET", "os-quota-class-sets/default", Body::Empty, None).await;
    let class = ComputeQuotas {
        instances: Some(50),
        cores: Some(50),
        ram: Some(51200),
        metadata_items: Some(128),
        key_pairs: Some(100),
        server_groups: Some(10),
        server_group_members: Some(10),
        ..Default::default()
    };
    classes.update("default", &class).await.unwrap();
    nova.expect(
        "class update",
        "PUT",
        "os-quota-class-sets/default",
        sample("os-quota-class-sets/v2.57/quota-classes-update-post-req.json"),
        None,
    )
    .await;

    nova.answer(
        200,
        read_sample("limits/v2.57/limit-get-resp.json").or(Some(json!({"limits": {"absolute": {}, "rate": []}}))),
    )
    .await;
    let limits =
        nova.conn.compute().limits(&LimitsQuery { tenant_id: Some("P".into()), reserved: Some(true) }).await.unwrap();
    assert!(limits.rate.is_empty());
    // nova refuses `reserved` from 2.75 (found on the devcloud): sent at 2.74
    nova.expect("limits", "GET", "limits?tenant_id=P&reserved=1", Body::Empty, Some("2.74")).await;
    nova.conn.compute().limits(&LimitsQuery::default()).await.unwrap();
    nova.expect("my limits", "GET", "limits", Body::Empty, None).await;

    nova.answer(
        200,
        read_sample("os-availability-zone/availability-zone-detail-resp.json")
            .or(Some(json!({"availabilityZoneInfo": []}))),
    )
    .await;
    nova.conn.compute().availability_zones(true).await.unwrap();
    nova.expect("zones detail", "GET", "os-availability-zone/detail", Body::Empty, None).await;
    nova.conn.compute().availability_zones(false).await.unwrap();
    nova.expect("zones", "GET", "os-availability-zone", Body::Empty, None).await;

    nova.answer(200, Some(json!({"tenant_usages": [{"tenant_id": "P", "total_hours": 1.0}]}))).await;
    let usage = nova.conn.compute().usage();
    let period =
        UsageQuery { detailed: Some(true), ..UsageQuery::between("2012-10-08T20:10:44", "2012-10-08T21:10:44") };
    assert_eq!(usage.list(&period).collect_all().await.unwrap()[0].tenant_id, "P");
    nova.expect(
        "usage",
        "GET",
        "os-simple-tenant-usage?start=2012-10-08T20%3A10%3A44&end=2012-10-08T21%3A10%3A44&detailed=1",
        Body::Empty,
        None,
    )
    .await;
    let old = Nova::at("2.39", "2.1", "2.104").await;
    let paged = UsageQuery { limit: Some(1), ..Default::default() };
    assert_unsupported(old.conn.compute().usage().list(&paged).collect_all().await, "usage paging", "2.40 or later");
}

#[tokio::test]
async fn one_projects_usage_merges_its_pages() {
    use ostack::compute::v2::UsageQuery;
    use wiremock::matchers::{query_param, query_param_is_missing};
    let server = MockServer::start().await;
    let base = format!("{}/compute/v2.1/os-simple-tenant-usage/P", server.uri());
    let usage = |servers: &[&str]| {
        json!({"tenant_id": "P", "total_hours": 2.0,
               "server_usages": servers.iter().map(|s| json!({"instance_id": s, "hours": 1.0})).collect::<Vec<_>>()})
    };
    Mock::given(query_param_is_missing("marker"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "tenant_usage": usage(&["s1"]),
            "tenant_usage_links": [{"rel": "next", "href": format!("{base}?limit=1&marker=s1")}]})))
        .mount(&server)
        .await;
    Mock::given(query_param("marker", "s1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"tenant_usage": usage(&["s2"])})))
        .mount(&server)
        .await;
    let conn = contract::connection(&server).await;
    let merged = conn
        .compute()
        .usage()
        .for_project("P", &UsageQuery { limit: Some(1), ..Default::default() })
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<_> = merged.server_usages.iter().map(|u| u.instance_id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["s1", "s2"]);
    let first = &server.received_requests().await.unwrap()[0];
    assert_eq!((first.url.path(), first.url.query()), ("/compute/v2.1/os-simple-tenant-usage/P", Some("limit=1")));
    // a project without use answers an empty object
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"tenant_usage": {}})))
        .mount(&server)
        .await;
    assert!(conn.compute().usage().for_project("P", &UsageQuery::default()).await.unwrap().is_none());
}

#[tokio::test]
async fn flavor_access_keypairs_events_and_server_lists() {
    use ostack::compute::v2::{CreateKeypair, ExternalEvent, KeypairQuery, ServerQuery};
    let mut nova = Nova::start().await;
    nova.answer(200, Some(json!({"flavor_access": [{"flavor_id": "10", "tenant_id": "fake_tenant"}]}))).await;
    let flavors = nova.conn.compute().flavors();
    assert_eq!(flavors.add_access("10", "fake_tenant").await.unwrap(), ["fake_tenant"]);
    nova.expect(
        "add access",
        "POST",
        "flavors/10/action",
        sample("flavor-access/flavor-access-add-tenant-req.json"),
        None,
    )
    .await;
    flavors.remove_access("10", "fake_tenant").await.unwrap();
    nova.expect(
        "remove access",
        "POST",
        "flavors/10/action",
        sample("flavor-access/flavor-access-remove-tenant-req.json"),
        None,
    )
    .await;

    let keypair = json!({"keypair": {"name": "k", "public_key": "ssh-rsa AAAA", "user_id": "fake"}, "keypairs": []});
    nova.answer(200, Some(keypair)).await;
    let keypairs = nova.conn.compute().keypairs();
    assert_eq!(keypairs.get_for_user("k", "fake").await.unwrap().user_id.as_deref(), Some("fake"));
    nova.expect("their keypair", "GET", "os-keypairs/k?user_id=fake", Body::Empty, None).await;
    let body = CreateKeypair {
        name: "keypair-d20a3d59-9433-4b79-8726-20b431d89c78".into(),
        public_key: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx8nkQv/zgGgB4rMYmIf+6A4l6Rr+o/6lHBQdW5aYd44bd8JttDCE/F/pNRr0lRE+PiqSPO8nDPHw0010JeMH9gYgnnFlyY3/OcJ02RhIPyyxYpv9FhY+2YiUkpwFOcLImyrxEsYXpD/0d3ac30bNH6Sw9JD9UZHYcpSxsIbECHw== Generated-by-Nova".into(),
        key_type: Some("ssh".into()),
    };
    keypairs.create_for_user(&body, "fake").await.unwrap();
    nova.expect("import for", "POST", "os-keypairs", sample("os-keypairs/v2.10/keypairs-import-post-req.json"), None)
        .await;
    keypairs.delete_for_user("k", "fake").await.unwrap();
    nova.expect("delete theirs", "DELETE", "os-keypairs/k?user_id=fake", Body::Empty, None).await;
    let old = Nova::at("2.9", "2.1", "2.104").await;
    let theirs = KeypairQuery { user_id: Some("fake".into()), ..Default::default() };
    assert_unsupported(
        old.conn.compute().keypairs().list(&theirs).collect_all().await,
        "key pairs of another user",
        "2.10 or later",
    );
    assert_unsupported(
        old.conn.compute().keypairs().get_for_user("k", "fake").await,
        "key pairs of another user",
        "2.10 or later",
    );
    old.expect_nothing("other users at 2.9").await;

    nova.answer(200, read_sample("os-server-external-events/event-create-resp.json").or(Some(json!({"events": []}))))
        .await;
    let event = ExternalEvent::new("test-event", "3df201cf-2451-44f2-8d25-a4ca826fc1f3").tag("foo").status("completed");
    let answered = nova.conn.compute().send_external_events(&[event]).await.unwrap();
    assert!(answered.iter().all(|e| e.code == Some(200)));
    nova.expect(
        "events",
        "POST",
        "os-server-external-events",
        sample("os-server-external-events/event-create-req.json"),
        None,
    )
    .await;
    assert!(matches!(nova.conn.compute().send_external_events(&[]).await, Err(Error::InvalidInput(_))));

    nova.answer(200, Some(json!({"servers": []}))).await;
    let deleted = ServerQuery {
        changes_since: Some("2026-01-01T00:00:00Z".into()),
        changes_before: Some("2026-02-01T00:00:00Z".into()),
        deleted: Some(true),
        all_tenants: Some(true),
        ..Default::default()
    };
    nova.servers().list(&deleted).collect_all().await.unwrap();
    nova.expect("deleted servers", "GET", "servers/detail?all_tenants=true&changes-since=2026-01-01T00%3A00%3A00Z&changes-before=2026-02-01T00%3A00%3A00Z&deleted=true", Body::Empty, None)
        .await;
    let old = Nova::at("2.65", "2.1", "2.104").await;
    assert_unsupported(old.servers().list(&deleted).collect_all().await, "servers changes-before", "2.66 or later");
}

#[tokio::test]
async fn fixed_ip_actions_are_sent_at_2_43() {
    let mut nova = Nova::start().await;
    let s = nova.servers();
    s.add_fixed_ip("ID", "e1882e38-38c2-4239-ade7-35d644cb963a").await.unwrap();
    nova.expect("add fixed ip", "POST", ACTION, sample("os-multinic/multinic-add-fixed-ip-req.json"), Some("2.43"))
        .await;
    s.remove_fixed_ip("ID", "10.0.0.4").await.unwrap();
    nova.expect(
        "remove fixed ip",
        "POST",
        ACTION,
        sample("os-multinic/multinic-remove-fixed-ip-req.json"),
        Some("2.43"),
    )
    .await;
    assert!(matches!(s.remove_fixed_ip("ID", "").await, Err(Error::InvalidInput(_))));
    assert!(matches!(s.add_fixed_ip("ID", "").await, Err(Error::InvalidInput(_))));
    nova.expect_nothing("empty arguments").await;
    // a cloud whose oldest microversion is above 2.43 has no such action
    let nova = Nova::at("2.100", "2.50", "2.104").await;
    assert_unsupported(nova.servers().remove_fixed_ip("ID", "10.0.0.4").await, "remove a fixed IP", "2.43 or earlier");
    nova.expect_nothing("unsupported").await;
}
