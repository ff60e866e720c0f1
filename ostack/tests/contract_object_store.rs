//! Contract tests of the object store (swift): the upstream listing and capabilities samples
//! (read at run time from `../shared/api-samples/object-store`, skipped with a message when
//! absent) decode through the SDK's own readers and keep every field; header-borne fields read
//! from `HEAD` answers as swift's API reference documents them; and each operation sends the
//! request swift expects (method, path and query, headers, body), checked on the wire against a
//! wiremock cloud whose token and endpoint the connection already knows.

mod common;

use common::contract::{assert_kept, samples_dir, TOKEN};
use ostack::catalog::ServiceType;
use ostack::discovery::Endpoint;
use ostack::object_store::v1::{
    AccountUpdate, Container, ContainerQuery, ContainerUpdate, CopyOptions, CreateContainer, Digest, DownloadOptions,
    Expiry, LargeKind, LargeUpload, Object, ObjectQuery, ObjectUpdate, TempUrlOptions, UploadOptions,
};
use ostack::session::RetryPolicy;
use ostack::{Connection, Token};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The account path of the mock cloud.
const ACCOUNT: &str = "/v1/AUTH_p1";

/// A connection to `server` with a token and the object-store endpoint already known.
async fn connection(server: &MockServer) -> Connection {
    let token = Token {
        value: TOKEN.to_string().into(),
        expires_at: ostack::lenient::parse_timestamp(common::LATER),
        issued_at: None,
        catalog: Default::default(),
        user_id: Some("u1".into()),
        user_name: None,
        project_id: Some("p1".into()),
        project_name: None,
        domain_id: None,
        system_scoped: false,
        roles: Vec::new(),
    };
    let endpoint = Endpoint {
        service: ServiceType::ObjectStore,
        url: format!("{}{ACCOUNT}", server.uri()),
        root: server.uri(),
        microversion: None,
        min_microversion: None,
        max_microversion: None,
    };
    Connection::builder(common::config(server))
        .token(token)
        .endpoints(vec![endpoint])
        .retry_policy(RetryPolicy { max_retries: 0, ..Default::default() })
        .build()
        .await
        .unwrap()
}

fn sample(file: &str) -> Option<Value> {
    let path = samples_dir()?.join("object-store").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Serve `body` for the first listing page and `[]` after it (marker pagination ends on an
/// empty page).
async fn serve_listing(server: &MockServer, at: &str, body: &Value) {
    Mock::given(method("GET"))
        .and(path(at))
        .and(query_param(
            "marker",
            body.as_array()
                .and_then(|a| a.last())
                .map_or("", |l| l.get("name").or(l.get("subdir")).and_then(Value::as_str).unwrap_or("")),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

#[tokio::test]
async fn container_listing_sample_round_trips() {
    let Some(body) = sample("account-containers-list-response.json") else { return };
    let server = MockServer::start().await;
    serve_listing(&server, &format!("{ACCOUNT}/"), &body).await;
    let conn = connection(&server).await;
    let listed = conn.object_store().containers().list(&ContainerQuery::default()).collect_all().await.unwrap();
    let items = body.as_array().unwrap();
    assert_eq!(listed.len(), items.len());
    let file = std::path::Path::new("object-store/account-containers-list-response.json");
    for (item, ours) in items.iter().zip(&listed) {
        assert_kept(item, &serde_json::to_value(ours).unwrap(), "", file);
    }
    assert_eq!((listed[1].name.as_str(), listed[1].count, listed[1].bytes), ("marktwain", Some(1), Some(14)));
    // the second page started after the last name
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].url.query(), Some("format=json"));
    assert_eq!(requests[1].url.query(), Some("format=json&marker=marktwain"));
}

#[tokio::test]
async fn object_listing_sample_round_trips() {
    let Some(body) = sample("objects-list-response.json") else { return };
    let server = MockServer::start().await;
    serve_listing(&server, &format!("{ACCOUNT}/photos"), &body).await;
    let conn = connection(&server).await;
    let query = ObjectQuery::new("photos").prefix("g").limit(2);
    let listed = conn.object_store().objects().list(&query).collect_all().await.unwrap();
    let file = std::path::Path::new("object-store/objects-list-response.json");
    for (item, ours) in body.as_array().unwrap().iter().zip(&listed) {
        assert_kept(item, &serde_json::to_value(ours).unwrap(), "", file);
    }
    assert_eq!(listed[0].hash.as_deref(), Some("451e372e48e0f6b1114fa0724aa79fa1"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("format=json&prefix=g&limit=2"));
    assert_eq!(requests[1].url.query(), Some("format=json&prefix=g&limit=2&marker=helloworld"));
}

#[tokio::test]
async fn pseudo_folder_entries_page_by_their_prefix() {
    let server = MockServer::start().await;
    let page = json!([{"subdir": "photos/"}, {"name": "readme", "bytes": 3, "hash": "x", "content_type": "text/plain",
        "last_modified": "2014-01-15T16:41:49.390270"}, {"subdir": "zz/"}]);
    serve_listing(&server, &format!("{ACCOUNT}/c"), &page).await;
    let conn = connection(&server).await;
    let listed = conn.object_store().objects().list(&ObjectQuery::new("c").delimiter("/")).collect_all().await.unwrap();
    assert_eq!(
        listed.iter().map(|o| o.subdir.as_deref()).collect::<Vec<_>>(),
        vec![Some("photos/"), None, Some("zz/")]
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[1].url.query(), Some("format=json&delimiter=%2F&marker=zz%2F"));
}

#[test]
fn wrong_types_in_listings_never_panic() {
    let Some(containers) = sample("account-containers-list-response.json") else { return };
    let Some(objects) = sample("objects-list-response.json") else { return };
    let wrong =
        [json!(null), json!(""), json!("x"), json!(-1), json!(1.5e300), json!(true), json!([1]), json!({"k": 1})];
    let (mut tried, mut rejected) = (0, 0);
    for (list, is_object) in [(containers, false), (objects, true)] {
        for item in list.as_array().unwrap() {
            for key in item.as_object().unwrap().keys() {
                for value in &wrong {
                    let mut body = item.clone();
                    body[key] = value.clone();
                    let outcome = std::panic::catch_unwind(|| {
                        if is_object {
                            serde_json::from_value::<Object>(body.clone()).map(|o| serde_json::to_value(o).map(drop))
                        } else {
                            serde_json::from_value::<Container>(body.clone()).map(|c| serde_json::to_value(c).map(drop))
                        }
                    });
                    let outcome = outcome.unwrap_or_else(|_| panic!("{key} = {value} panicked"));
                    tried += 1;
                    if outcome.is_err() {
                        rejected += 1;
                    }
                }
            }
        }
    }
    assert!(tried > 50 && rejected > 0, "{tried} tried, {rejected} rejected");
}

#[tokio::test]
async fn capabilities_sample_reads_from_info() {
    let Some(body) = sample("capabilities-list-response.json") else { return };
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/info"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let info = conn.object_store().info().await.unwrap();
    assert_eq!(serde_json::to_value(&info).unwrap(), body);
    assert_eq!(
        (info.version(), info.slo_max_segments(), info.slo_min_segment_size()),
        (Some("1.11.0"), Some(1000), Some(1))
    );
    assert!(info.has("tempurl") && !info.has("formpost"));
    // a cluster that does not list its digests signs with sha1 only
    assert_eq!(info.tempurl_digests(), vec!["sha1"]);
    // /info is public: no token is sent
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("x-auth-token").is_none());
}

/// A HEAD answer with these headers.
fn head(headers: &[(&str, &str)]) -> ResponseTemplate {
    headers.iter().fold(ResponseTemplate::new(204), |t, (k, v)| t.insert_header(*k, *v))
}

#[tokio::test]
async fn header_borne_fields_of_account_container_and_object() {
    let server = MockServer::start().await;
    // headers as swift's API reference documents them
    Mock::given(method("HEAD"))
        .and(path(ACCOUNT))
        .respond_with(head(&[
            ("X-Account-Container-Count", "2"),
            ("X-Account-Object-Count", "5"),
            ("X-Account-Bytes-Used", "1024"),
            ("X-Account-Meta-Quota-Bytes", "1000000"),
            ("X-Account-Meta-Temp-URL-Key", "secret-key"),
            ("X-Account-Meta-Book", "MobyDick"),
            ("X-Account-Storage-Policy-Gold-Object-Count", "5"),
            ("X-Timestamp", "1389453423.35964"),
        ]))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(path(format!("{ACCOUNT}/marktwain")))
        .respond_with(head(&[
            ("X-Container-Object-Count", "1"),
            ("X-Container-Bytes-Used", "14"),
            ("X-Container-Read", ".r:*,.rlistings"),
            ("X-Container-Write", "p1:u1"),
            ("X-Versions-Location", "marktwain-versions"),
            ("X-Storage-Policy", "gold"),
            ("X-Container-Meta-Quota-Bytes", "5000"),
            ("X-Container-Meta-Quota-Count", "10"),
            ("X-Container-Meta-Temp-URL-Key", "container-key"),
            ("X-Container-Meta-Book", "TomSawyer"),
            ("X-Versions-Enabled", "True"),
            ("Last-Modified", "Fri, 27 Nov 2026 04:36:19 GMT"),
        ]))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(path(format!("{ACCOUNT}/marktwain/goodbye%20world")))
        .respond_with(head(&[
            ("Content-Length", "14"),
            ("Content-Type", "application/octet-stream"),
            ("Etag", "\"451e372e48e0f6b1114fa0724aa79fa1\""),
            ("X-Static-Large-Object", "True"),
            ("X-Delete-At", "1796000000"),
            ("X-Object-Meta-Orig-Filename", "goodbye.txt"),
            ("Content-Disposition", "attachment"),
            ("X-Timestamp", "1389453423.35964"),
        ]))
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let store = conn.object_store();

    let account = store.account().await.unwrap();
    assert_eq!((account.container_count, account.object_count, account.bytes_used), (Some(2), Some(5), Some(1024)));
    assert_eq!(account.quota_bytes, Some(1000000));
    assert_eq!(account.temp_url_key.as_ref().map(|k| k.expose()), Some("secret-key"));
    assert_eq!(account.metadata, BTreeMap::from([("book".to_string(), "MobyDick".to_string())]));
    assert_eq!(account.storage_policies.get("gold-object-count").map(String::as_str), Some("5"));
    assert!(!format!("{account:?}").contains("secret-key"));

    let container = store.containers().get("marktwain").await.unwrap();
    assert_eq!((container.name.as_str(), container.count, container.bytes), ("marktwain", Some(1), Some(14)));
    assert_eq!(container.read_acl.as_deref(), Some(".r:*,.rlistings"));
    assert_eq!(container.write_acl.as_deref(), Some("p1:u1"));
    assert_eq!(container.versions_location.as_deref(), Some("marktwain-versions"));
    assert_eq!((container.storage_policy.as_deref(), container.versions_enabled), (Some("gold"), Some(true)));
    assert_eq!((container.quota_bytes, container.quota_count), (Some(5000), Some(10)));
    assert_eq!(container.temp_url_key.as_ref().map(|k| k.expose()), Some("container-key"));
    assert_eq!(container.metadata, BTreeMap::from([("book".to_string(), "TomSawyer".to_string())]));
    assert_eq!(container.last_modified.as_deref(), Some("Fri, 27 Nov 2026 04:36:19 GMT"));

    for object in [
        store.objects().show("marktwain", "goodbye world").await.unwrap(),
        store.objects().get("marktwain/goodbye world").await.unwrap(),
    ] {
        assert_eq!((object.container.as_str(), object.name.as_str()), ("marktwain", "goodbye world"));
        assert_eq!((object.bytes, object.etag()), (Some(14), Some("451e372e48e0f6b1114fa0724aa79fa1")));
        assert!(object.is_large() && object.delete_at == Some(1796000000));
        assert_eq!(object.metadata.get("orig-filename").map(String::as_str), Some("goodbye.txt"));
        assert_eq!(object.content_disposition.as_deref(), Some("attachment"));
    }

    // a header that does not parse is an error naming the value and the URL, not a panic
    server.reset().await;
    Mock::given(any()).respond_with(head(&[("X-Container-Object-Count", "many")])).mount(&server).await;
    let error = store.containers().get("marktwain").await.unwrap_err().to_string();
    assert!(error.contains("'many' is not a non-negative integer") && error.contains("/marktwain"), "{error}");
}

/// The one request received since `seen`, and the new count.
async fn one_request(server: &MockServer, seen: &mut usize) -> Request {
    let requests = server.received_requests().await.unwrap();
    let new = &requests[*seen..];
    *seen = requests.len();
    assert_eq!(new.len(), 1, "expected one request, got {new:?}");
    new[0].clone()
}

fn header(request: &Request, name: &str) -> Option<String> {
    request.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// Method and path (with query) relative to the account, and the token.
fn assert_sent(request: &Request, expected_method: &str, relative: &str) {
    let full = match request.url.query() {
        Some(q) => format!("{}?{q}", request.url.path()),
        None => request.url.path().to_string(),
    };
    assert_eq!((request.method.as_str(), full.as_str()), (expected_method, format!("{ACCOUNT}{relative}").as_str()));
    assert_eq!(header(request, "x-auth-token").as_deref(), Some(TOKEN));
}

#[tokio::test]
async fn requests_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201).insert_header("etag", "5d41402abc4b2a76b9719d911017c592"))
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let store = conn.object_store();
    let mut seen = 0;

    // containers
    let create = CreateContainer {
        read_acl: Some(".r:*".into()),
        storage_policy: Some("gold".into()),
        versions_location: Some("old".into()),
        quota_bytes: Some(100),
        metadata: BTreeMap::from([("Color".into(), "blue".into())]),
        ..Default::default()
    };
    store.containers().create("my photos", &create).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "PUT", "/my%20photos");
    for (name, value) in [
        ("x-container-read", ".r:*"),
        ("x-storage-policy", "gold"),
        ("x-versions-location", "old"),
        ("x-container-meta-quota-bytes", "100"),
        ("x-container-meta-color", "blue"),
    ] {
        assert_eq!(header(&r, name).as_deref(), Some(value), "{name}");
    }
    let update =
        ContainerUpdate { remove_read_acl: true, ..ContainerUpdate::default().set("size", "L").unset("color") };
    store.containers().update("my photos", &update).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "POST", "/my%20photos");
    assert_eq!(header(&r, "x-container-meta-size").as_deref(), Some("L"));
    assert_eq!(header(&r, "x-remove-container-meta-color").as_deref(), Some("x"));
    assert_eq!(header(&r, "x-remove-container-read").as_deref(), Some("x"));
    assert!(header(&r, "x-remove-container-write").is_none());
    store.containers().delete("my photos").await.unwrap();
    assert_sent(&one_request(&server, &mut seen).await, "DELETE", "/my%20photos");

    // account
    store.update_account(&AccountUpdate::default().set("book", "x").unset("old")).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "POST", "");
    assert_eq!(
        (header(&r, "x-account-meta-book"), header(&r, "x-remove-account-meta-old")),
        (Some("x".into()), Some("x".into()))
    );
    store.set_temp_url_key("k2", true).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_eq!(header(&r, "x-account-meta-temp-url-key-2").as_deref(), Some("k2"));

    // an upload with every option, streamed from a reader
    let options = UploadOptions {
        content_type: Some("text/plain".into()),
        etag: Some("5d41402abc4b2a76b9719d911017c592".into()),
        metadata: BTreeMap::from([("Kind".into(), "greeting".into())]),
        delete_after: Some(60),
        if_none_match: true,
        ..Default::default()
    };
    store.objects().upload("c", "dir/hello?.txt", std::io::Cursor::new(b"hello".to_vec()), &options).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "PUT", "/c/dir/hello%3F.txt");
    assert_eq!(r.body, b"hello");
    for (name, value) in [
        ("content-type", "text/plain"),
        ("etag", "5d41402abc4b2a76b9719d911017c592"),
        ("x-object-meta-kind", "greeting"),
        ("x-delete-after", "60"),
        ("if-none-match", "*"),
    ] {
        assert_eq!(header(&r, name).as_deref(), Some(value), "{name}");
    }
    // without a content type swift is asked to guess it from the name
    store.objects().upload_bytes("c", "o", &b"hello"[..], &UploadOptions::default()).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_eq!(header(&r, "x-detect-content-type").as_deref(), Some("true"));
    assert_eq!(header(&r, "etag").as_deref(), Some("5d41402abc4b2a76b9719d911017c592"), "the MD5 of the bytes");

    // a server-side copy, a raw metadata POST
    let copy = CopyOptions { fresh_metadata: true, ..Default::default() };
    store.objects().copy("c", "a b", "d", "e", &copy).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "PUT", "/d/e");
    assert_eq!(
        (header(&r, "x-copy-from").as_deref(), header(&r, "x-fresh-metadata").as_deref()),
        (Some("/c/a%20b"), Some("true"))
    );
    let update = ObjectUpdate { delete_at: Some(1796000000), content_type: Some("a/b".into()), ..Default::default() };
    store.objects().update_object("c", "o", &update).await.unwrap();
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "POST", "/c/o");
    assert_eq!(
        (header(&r, "x-delete-at").as_deref(), header(&r, "content-type").as_deref()),
        (Some("1796000000"), Some("a/b"))
    );

    // a download with a range and a condition (a range is not checked against the ETag)
    let options =
        DownloadOptions { range: Some("bytes=0-1".into()), if_match: Some("abc".into()), ..Default::default() };
    let download = store.objects().download("c", "o", &options).await.unwrap();
    drop(download);
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "GET", "/c/o");
    assert_eq!((header(&r, "range").as_deref(), header(&r, "if-match").as_deref()), (Some("bytes=0-1"), Some("abc")));

    // bulk delete: one text/plain line per path, URL-encoded
    server.reset().await;
    seen = 0;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Number Deleted": 2, "Number Not Found": 1,
            "Response Status": "200 OK", "Response Body": "", "Errors": []})))
        .mount(&server)
        .await;
    let result = store.bulk_delete(&["c/a b", "c/dir/x", "empty"]).await.unwrap();
    assert!(result.is_success() && result.deleted == 2 && result.not_found == 1);
    let r = one_request(&server, &mut seen).await;
    assert_sent(&r, "POST", "/?bulk-delete");
    assert_eq!(String::from_utf8_lossy(&r.body), "/c/a%20b\n/c/dir/x\n/empty\n");
    assert_eq!(
        (header(&r, "content-type").as_deref(), header(&r, "accept").as_deref()),
        (Some("text/plain"), Some("application/json"))
    );
}

#[tokio::test]
async fn bulk_delete_failures_are_listed_and_raised_on_request() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Number Deleted": 0, "Number Not Found": 0,
            "Response Status": "400 Bad Request", "Response Body": "",
            "Errors": [["/full", "409 Conflict"]]})))
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let result = conn.object_store().bulk_delete(&["full"]).await.unwrap();
    assert!(!result.is_success());
    let error = result.into_result("POST", "bulk").unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert!(error.to_string().contains("/full: 409 Conflict"), "{error}");
}

#[tokio::test]
async fn static_large_object_manifest_and_etag() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/info"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"slo": {}})))
        .mount(&server)
        .await;
    // segments answer with their MD5, as swift does
    Mock::given(method("PUT"))
        .and(wiremock::matchers::path_regex(format!("^{ACCOUNT}/c_segments/big/slo/")))
        .respond_with(|r: &Request| {
            let md5 = format!("{:x}", <md5::Md5 as sha2::Digest>::digest(&r.body));
            ResponseTemplate::new(201).insert_header("etag", md5.as_str())
        })
        .mount(&server)
        .await;
    // 10 bytes in segments of 4: aaaa bbbb cc
    let etags: Vec<String> =
        [&b"aaaa"[..], b"bbbb", b"cc"].iter().map(|d| format!("{:x}", <md5::Md5 as sha2::Digest>::digest(d))).collect();
    let manifest_etag = format!("\"{:x}\"", <md5::Md5 as sha2::Digest>::digest(etags.concat().as_bytes()));
    Mock::given(method("PUT"))
        .and(path(format!("{ACCOUNT}/c/big")))
        .and(query_param("multipart-manifest", "put"))
        .respond_with(ResponseTemplate::new(201).insert_header("etag", manifest_etag.as_str()))
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(ResponseTemplate::new(201)).mount(&server).await;
    let conn = connection(&server).await;
    let large = LargeUpload {
        segment_size: 4,
        concurrency: 2,
        kind: LargeKind::Auto,
        options: UploadOptions { delete_after: Some(100), ..Default::default() },
        ..Default::default()
    };
    let written = conn
        .object_store()
        .objects()
        .upload_large("c", "big", std::io::Cursor::new(b"aaaabbbbcc".to_vec()), &large)
        .await
        .unwrap();
    assert_eq!(written.etag.as_deref(), Some(manifest_etag.as_str()));
    let requests = server.received_requests().await.unwrap();
    let manifest = requests.iter().find(|r| r.url.query() == Some("multipart-manifest=put")).expect("a manifest PUT");
    let entries: Value = serde_json::from_slice(&manifest.body).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    for (i, (entry, etag)) in entries.iter().zip(&etags).enumerate() {
        assert!(entry["path"].as_str().unwrap().starts_with("/c_segments/big/slo/"), "{entry}");
        assert!(entry["path"].as_str().unwrap().ends_with(&format!("/{i:08}")), "{entry}");
        assert_eq!(entry["etag"], json!(etag));
        assert_eq!(entry["size_bytes"], json!(if i == 2 { 2 } else { 4 }));
    }
    // X-Delete-After becomes one X-Delete-At for the manifest and its segments
    let delete_at = header(manifest, "x-delete-at").expect("x-delete-at on the manifest");
    let segments: Vec<&Request> = requests.iter().filter(|r| r.url.path().contains("/c_segments/")).collect();
    assert_eq!(segments.len(), 3);
    assert!(segments.iter().all(|s| header(s, "x-delete-at").as_deref() == Some(delete_at.as_str())));
    assert!(header(manifest, "x-delete-after").is_none());
}

#[tokio::test]
async fn a_manifest_etag_that_does_not_match_is_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(query_param("multipart-manifest", "put"))
        .respond_with(ResponseTemplate::new(201).insert_header("etag", "\"00000000000000000000000000000000\""))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(|r: &Request| {
            let md5 = format!("{:x}", <md5::Md5 as sha2::Digest>::digest(&r.body));
            ResponseTemplate::new(201).insert_header("etag", md5.as_str())
        })
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let large = LargeUpload { segment_size: 2, kind: LargeKind::Static, ..Default::default() };
    let error = conn
        .object_store()
        .objects()
        .upload_large("c", "o", std::io::Cursor::new(b"abcdef".to_vec()), &large)
        .await
        .unwrap_err();
    assert!(error.to_string().contains("the manifest's ETag"), "{error}");
}

#[tokio::test]
async fn corrupted_data_is_detected_both_ways() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(201).insert_header("etag", "ffffffffffffffffffffffffffffffff"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::header_exists("range"))
        .respond_with(
            ResponseTemplate::new(206)
                .insert_header("etag", "5d41402abc4b2a76b9719d911017c592")
                .set_body_bytes(b"hellp".to_vec()),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("etag", "5d41402abc4b2a76b9719d911017c592")
                .set_body_bytes(b"hellp".to_vec()),
        )
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let objects = conn.object_store().objects();
    let error =
        objects.upload("c", "o", std::io::Cursor::new(b"hello".to_vec()), &UploadOptions::default()).await.unwrap_err();
    assert!(error.to_string().contains("altered on the way"), "{error}");
    let mut out = Vec::new();
    let error = objects.download_to("c", "o", &DownloadOptions::default(), &mut out).await.unwrap_err();
    assert!(error.to_string().contains("corrupted on the way"), "{error}");
    // a range (206) is not the whole object: not checked; nor is data read with no_verify
    let part = DownloadOptions { range: Some("bytes=0-4".into()), ..Default::default() };
    assert_eq!(objects.download_to("c", "o", &part, &mut Vec::new()).await.unwrap(), 5);
    let unchecked = DownloadOptions { no_verify: true, ..Default::default() };
    assert_eq!(objects.download_to("c", "o", &unchecked, &mut Vec::new()).await.unwrap(), 5);
    // an upload with no_verify computes no MD5: nothing to compare, no ETag sent
    let unverified = UploadOptions { no_verify: true, ..Default::default() };
    let data = || std::io::Cursor::new(b"hello".to_vec());
    let written = objects.upload("c", "o", data(), &unverified).await.unwrap();
    assert_eq!(written.etag.as_deref(), Some("ffffffffffffffffffffffffffffffff"));
    objects.upload_bytes("c", "o", b"hello".to_vec(), &unverified).await.unwrap();
    let error = objects.upload_bytes("c", "o", b"hello".to_vec(), &UploadOptions::default()).await.unwrap_err();
    assert!(error.to_string().contains("altered on the way"), "{error}");
    let puts: Vec<_> =
        server.received_requests().await.unwrap().into_iter().filter(|r| r.method.as_str() == "PUT").collect();
    let etags: Vec<bool> = puts.iter().map(|r| r.headers.contains_key("etag")).collect();
    assert_eq!(etags, [false, false, false, true], "only a verified upload_bytes sends its MD5 as ETag");
}

#[tokio::test]
async fn quota_refusals_are_explained() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(413).insert_header("x-trans-id", "tx1").set_body_string("Upload exceeds quota."),
        )
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let error = conn
        .object_store()
        .objects()
        .upload_bytes("c", "o", &b"x"[..], &UploadOptions::default())
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("returned 413 (request id tx1): Upload exceeds quota."), "{error}");
    assert!(error.contains("X-Container-Meta-Quota-Bytes") && error.contains("large object"), "{error}");
}

#[tokio::test]
async fn temp_urls_are_signed_for_the_account_path() {
    let server = MockServer::start().await;
    Mock::given(method("HEAD"))
        .and(path(ACCOUNT))
        .respond_with(head(&[("X-Account-Meta-Temp-URL-Key", "mykey")]))
        .mount(&server)
        .await;
    let conn = connection(&server).await;
    let store = conn.object_store();
    let options = TempUrlOptions { expiry: Expiry::At(1323479485), ..Default::default() };
    let url = store.temp_url("container", "object", &options).await.unwrap();
    // python: hmac.new(b'mykey', b'GET\n1323479485\n/v1/AUTH_p1/container/object', sha256).hexdigest()
    let sig = ostack::object_store::v1::temp_url_signature(
        "mykey",
        "GET",
        1323479485,
        "/v1/AUTH_p1/container/object",
        None,
        Digest::Sha256,
    );
    assert_eq!(
        url,
        format!("{}{ACCOUNT}/container/object?temp_url_sig={sig}&temp_url_expires=1323479485", server.uri())
    );
    // a prefix URL signs `prefix:<path>` and names the prefix; names are encoded in the URL only
    let options = TempUrlOptions {
        prefix: true,
        digest: Digest::Sha512,
        expiry: Expiry::At(1323479485),
        iso8601: true,
        key: Some("other".into()),
        ..Default::default()
    };
    let url = store.temp_url("container", "my dir/", &options).await.unwrap();
    let sig = ostack::object_store::v1::temp_url_signature(
        "other",
        "GET",
        1323479485,
        "prefix:/v1/AUTH_p1/container/my dir/",
        None,
        Digest::Sha512,
    );
    let mut expected = url::form_urlencoded::Serializer::new(String::new());
    expected.append_pair("temp_url_sig", &sig);
    expected.append_pair("temp_url_expires", "2011-12-10T01:11:25Z");
    expected.append_pair("temp_url_prefix", "my dir/");
    assert_eq!(url, format!("{}{ACCOUNT}/container/my%20dir/?{}", server.uri(), expected.finish()));
    // no key anywhere: a clear error
    server.reset().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let error = store.temp_url("container", "o", &TempUrlOptions::default()).await.unwrap_err().to_string();
    assert!(error.contains("no temp-URL key"), "{error}");
}

#[tokio::test]
async fn auto_falls_back_to_a_dynamic_large_object_without_slo_in_info() {
    let server = MockServer::start().await;
    // a cluster without the slo middleware: /info names no "slo"
    Mock::given(method("GET"))
        .and(path("/info"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"swift": {"version": "2.38.3"}, "dlo": {}})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(wiremock::matchers::path_regex(format!("^{ACCOUNT}/c_segments/big/dlo/")))
        .respond_with(|r: &Request| {
            let md5 = format!("{:x}", <md5::Md5 as sha2::Digest>::digest(&r.body));
            ResponseTemplate::new(201).insert_header("etag", md5.as_str())
        })
        .mount(&server)
        .await;
    // a DLO's ETag (on HEAD) is the MD5 of its segments' ETags, quoted
    let etags: String =
        [&b"aaaa"[..], b"bbbb", b"cc"].iter().map(|d| format!("{:x}", <md5::Md5 as sha2::Digest>::digest(d))).collect();
    let dlo_etag = format!("\"{:x}\"", <md5::Md5 as sha2::Digest>::digest(etags.as_bytes()));
    Mock::given(method("HEAD"))
        .and(path(format!("{ACCOUNT}/c/big")))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("etag", dlo_etag.as_str())
                .insert_header("content-length", "10")
                .insert_header("x-object-manifest", "c_segments/big/dlo/"),
        )
        .mount(&server)
        .await;
    Mock::given(any()).respond_with(ResponseTemplate::new(201)).mount(&server).await;
    let conn = connection(&server).await;
    let large = LargeUpload { segment_size: 4, concurrency: 2, kind: LargeKind::Auto, ..Default::default() };
    conn.object_store()
        .objects()
        .upload_large("c", "big", std::io::Cursor::new(b"aaaabbbbcc".to_vec()), &large)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| r.url.query() != Some("multipart-manifest=put")), "no SLO manifest");
    let segments =
        requests.iter().filter(|r| r.method.as_str() == "PUT" && r.url.path().contains("/c_segments/big/dlo/"));
    assert_eq!(segments.count(), 3, "three segments under the DLO prefix");
    let manifest = requests
        .iter()
        .find(|r| r.method.as_str() == "PUT" && r.url.path() == format!("{ACCOUNT}/c/big"))
        .expect("a manifest PUT");
    let names = header(manifest, "x-object-manifest").expect("an X-Object-Manifest header");
    assert!(names.starts_with("c_segments/big/dlo/"), "{names}");
    assert!(manifest.body.is_empty(), "a DLO manifest is an empty object");
}
