//! Contract tests of the image (glance) SDK beyond `Image` itself (declared in contract.rs):
//!
//! 1. every glance response sample (`../shared/api-samples/image`, or `OSTACK_API_SAMPLES`;
//!    skipped with a message when absent) read through the SDK call that receives it, from a
//!    mock glance, re-serializes with every key it had and an equal value;
//! 2. each call sends the request the API reference describes: method, path and query relative
//!    to the image endpoint, JSON body (equal to the upstream request sample where one exists),
//!    content type, token;
//! 3. downloads are verified against the recorded hashes, and `create_image_from_file` picks
//!    upload or import from what the mock cloud offers, deleting the image when it fails.

mod common;

use common::contract::{self, Body, Recorder};
use futures::StreamExt;
use ostack::image::v2::{
    hash_hex, CacheClearTarget, CreateImage, CreateImageFromFile, CreateMetadefNamespace, Image, ImportRequest,
    MemberStatus, MetadefNamespace, MetadefObjectBody, MetadefProperty, ResourceTypeAssociation, Task,
    UpdateMetadefNamespace, UploadMethod,
};
use ostack::{Api, Connection, Error};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const DIRS: &[&str] = &["image"];

/// A sample file's JSON, or `None` (with one line) when the samples are absent.
fn sample(file: &str) -> Option<(PathBuf, Value)> {
    let root = contract::samples_dir()?;
    let path = root.join("image").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some((path.clone(), serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))))
}

/// A mock glance answering every request with `body`, and a connection to it.
async fn serving(body: &Value) -> (MockServer, Connection) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let conn = contract::connection(&server).await;
    (server, conn)
}

/// `ours`, re-serialized, keeps everything `expected` had.
fn kept(expected: &Value, ours: &impl Serialize, file: &std::path::Path) {
    contract::assert_kept(expected, &serde_json::to_value(ours).unwrap(), "", file);
}

/// Read `file` through `call` on a mock glance serving it, and check the round trip against
/// `part` of the sample.
macro_rules! round_trip {
    ($file:literal, |$conn:ident| $call:expr, |$body:ident| $part:expr) => {{
        if let Some((file, $body)) = sample($file) {
            let (_server, $conn) = serving(&$body).await;
            let ours = $call.await.unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            kept(&$part, &ours, &file);
        }
    }};
}

#[tokio::test]
async fn task_and_namespace_samples_round_trip_and_wrong_types_never_panic() {
    let Some(root) = contract::samples_dir() else { return };
    let tasks = contract::round_trip::<Task>(&root, DIRS).await;
    assert!(tasks >= 4, "only {tasks} task samples");
    let namespaces = contract::round_trip::<MetadefNamespace>(&root, DIRS).await;
    assert!(namespaces >= 2, "only {namespaces} namespace samples");
    for done in [contract::wrong_types::<Task>(&root, DIRS), contract::wrong_types::<MetadefNamespace>(&root, DIRS)] {
        assert!(done.tried > 0 && done.rejected > 0, "{done:?}");
    }
}

#[tokio::test]
async fn every_other_response_sample_round_trips_through_its_call() {
    let ns = "OS::Compute::Libvirt";
    round_trip!("image-member-create-response.json", |c| c.image().members("I").add("M"), |b| b);
    round_trip!("image-member-details-response.json", |c| c.image().members("I").get("M"), |b| b);
    round_trip!("image-member-update-response.json", |c| c.image().members("I").accept("M"), |b| b);
    round_trip!("image-members-list-response.json", |c| c.image().members("I").list(), |b| b["members"]);
    round_trip!("image-tasks-show-response.json", |c| c.image().images().tasks_of("I"), |b| b["tasks"]);
    round_trip!("image-info-import-response.json", |c| c.image().info().import(), |b| b);
    round_trip!("stores-list-response.json", |c| c.image().info().stores(), |b| b["stores"]);
    round_trip!("stores-list-detail-response.json", |c| c.image().info().stores_detail(), |b| b["stores"]);
    round_trip!("usage-response.json", |c| c.image().info().usage(), |b| b);
    round_trip!("cache-list-response.json", |c| c.image().cache().state(), |b| b);
    round_trip!("metadef-namespace-details-response.json", |c| c.image().metadef_namespaces().get(ns), |b| b);
    round_trip!("metadef-namespace-details-with-rt-response.json", |c| c.image().metadef_namespaces().get(ns), |b| b);
    let create = CreateMetadefNamespace::new(ns);
    round_trip!("metadef-namespace-create-response.json", |c| c.image().metadef_namespaces().create(&create), |b| b);
    let update = UpdateMetadefNamespace { namespace: ns.into(), ..Default::default() };
    round_trip!(
        "metadef-namespace-update-response.json",
        |c| c.image().metadef_namespaces().update(ns, &update),
        |b| b
    );
    let object = MetadefObjectBody::new("CPU Limits");
    round_trip!("metadef-object-create-response.json", |c| c.image().metadef_objects(ns).create(&object), |b| b);
    round_trip!("metadef-object-details-response.json", |c| c.image().metadef_objects(ns).get("CPU Limits"), |b| b);
    round_trip!("metadef-object-update-response.json", |c| c.image().metadef_objects(ns).update("x", &object), |b| b);
    round_trip!("metadef-objects-list-response.json", |c| c.image().metadef_objects(ns).list(), |b| b["objects"]);
    let property = MetadefProperty::new("p", "P", "string");
    round_trip!("metadef-property-create-response.json", |c| c.image().metadef_properties(ns).create(&property), |b| b);
    round_trip!("metadef-property-details-response.json", |c| c.image().metadef_properties(ns).get("p"), |b| b);
    round_trip!(
        "metadef-property-update-response.json",
        |c| c.image().metadef_properties(ns).update("p", &property),
        |b| b
    );
    let association = ResourceTypeAssociation::new("OS::Cinder::Volume");
    let types = |c: &Connection| c.image().metadef_resource_types();
    round_trip!("metadef-resource-type-assoc-create-response.json", |c| types(&c).associate(ns, &association), |b| b);
    round_trip!("metadef-resource-type-assoc-list-response.json", |c| types(&c).associations(ns), |b| b
        ["resource_type_associations"]);
    round_trip!("metadef-resource-types-list-response.json", |c| types(&c).list(), |b| b["resource_types"]);
    round_trip!("metadef-tag-create-response.json", |c| c.image().metadef_tags(ns).create("t"), |b| b);
    round_trip!("metadef-tag-details-response.json", |c| c.image().metadef_tags(ns).get("t"), |b| b);
    round_trip!("metadef-tag-update-response.json", |c| c.image().metadef_tags(ns).rename("t", "u"), |b| b);
    round_trip!("metadef-tags-list-response.json", |c| c.image().metadef_tags(ns).list(), |b| b["tags"]);
    round_trip!("metadef-tags-create-response.json", |c| c.image().metadef_tags(ns).create_many(&["a"], false), |b| b
        ["tags"]);
    let schemas = [
        ("image", "schemas-image-show-response.json"),
        ("images", "schemas-images-list-response.json"),
        ("member", "schemas-image-member-show-response.json"),
        ("members", "schemas-image-members-list-response.json"),
        ("task", "schemas-task-show-response.json"),
        ("tasks", "schemas-tasks-list-response.json"),
        ("metadefs/namespace", "schemas-metadef-namespace-show-response.json"),
        ("metadefs/namespaces", "schemas-metadef-namespaces-list-response.json"),
        ("metadefs/object", "schemas-metadef-object-show-response.json"),
        ("metadefs/objects", "schemas-metadef-objects-list-response.json"),
        ("metadefs/property", "schemas-metadef-property-show-response.json"),
        ("metadefs/properties", "schemas-metadef-properties-list-response.json"),
        ("metadefs/resource_type", "schemas-metadef-resource-type-association-show-response.json"),
        ("metadefs/resource_types", "schemas-metadef-resource-type-associations-list-response.json"),
        ("metadefs/tag", "schemas-metadef-tag-show-response.json"),
        ("metadefs/tags", "schemas-metadef-tags-list-response.json"),
    ];
    for (name, file) in schemas {
        let Some((path, body)) = sample(file) else { return };
        let (_server, conn) = serving(&body).await;
        let ours = conn.image().schemas().get(name).await.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        kept(&body, &ours, &path);
    }
}

#[tokio::test]
async fn metadef_properties_list_is_a_map_read_with_each_name() {
    let Some((file, body)) = sample("metadef-properties-list-response.json") else { return };
    let (_server, conn) = serving(&body).await;
    let listed = conn.image().metadef_properties("NS").list().await.unwrap();
    let map = body["properties"].as_object().unwrap();
    assert_eq!(listed.len(), map.len());
    for property in &listed {
        let mut expected = map[&property.name].clone();
        expected["name"] = json!(property.name);
        kept(&expected, property, &file);
    }
}

/// The requests: one call, one request, as the API reference has it.
#[tokio::test]
async fn requests() {
    let mut cloud = Recorder::start::<Image>().await;
    // one answer every reader here decodes (tasks and namespaces need their own keys)
    let body = json!({"id": "ID", "name": "ID", "namespace": "NS", "images": [{"id": "ID"}], "tasks": [{"id": "T"}]});
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .with_priority(1)
        .mount(&cloud.server)
        .await;
    let glance = cloud.conn.image();
    let images = glance.images();
    macro_rules! expect {
        ($call:expr => $method:literal $path:literal $body:expr $(, $ct:literal)?) => {{
            let what = stringify!($call);
            $call.await.map(drop).unwrap_or_else(|e| panic!("{what}: {e}"));
            cloud.expect::<Image>(what, $method, $path, $body, None $(.or(Some($ct)))?).await;
        }};
    }

    // import, each method as in the API reference samples
    let copy = ImportRequest::copy_image(["common", "cheap", "fast", "reliable"]).all_stores_must_succeed(false);
    let copy = ImportRequest { all_stores: Some(false), ..copy };
    expect!(images.import("ID", &copy) => "POST" "images/ID/import" Body::sample("image/image-import-c-i-request.json"));
    let direct = ImportRequest::glance_direct()
        .to_stores(["common", "cheap", "fast", "reliable"])
        .all_stores_must_succeed(false);
    expect!(images.import("ID", &direct) => "POST" "images/ID/import" Body::sample("image/image-import-g-d-request.json"));
    let web = ImportRequest::web_download("https://download.cirros-cloud.net/0.4.0/cirros-0.4.0-ppc64le-disk.img")
        .to_all_stores()
        .all_stores_must_succeed(true);
    expect!(images.import("ID", &web) => "POST" "images/ID/import" Body::sample("image/image-import-w-d-request.json"));
    let remote = ImportRequest::new(ostack::image::v2::ImportMethod::GlanceDownload {
        image_id: "c4705b36-b281-40f6-a01d-bf98883ead8e".into(),
        region: "REGION2".into(),
        service_interface: Some("public".into()),
    });
    expect!(images.import("ID", &remote) => "POST" "images/ID/import" Body::sample("image/image-import-gd-request.json"));

    // data
    expect!(images.stage_bytes("ID", "staged") => "PUT" "images/ID/stage" Body::Bytes(b"staged".to_vec()), "application/octet-stream");
    expect!(images.upload_bytes("ID", "data") => "PUT" "images/ID/file" Body::Bytes(b"data".to_vec()), "application/octet-stream");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("disk");
    std::fs::write(&file, vec![7u8; 300_000]).unwrap();
    expect!(images.upload_file("ID", &file) => "PUT" "images/ID/file" Body::Bytes(vec![7u8; 300_000]), "application/octet-stream");
    expect!(images.stage_file("ID", &file) => "PUT" "images/ID/stage" Body::Bytes(vec![7u8; 300_000]), "application/octet-stream");
    let sizes: Vec<Option<String>> = cloud.server.received_requests().await.unwrap()[4..]
        .iter()
        .map(|r| r.headers.get("x-openstack-image-size").map(|v| v.to_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        sizes,
        ["6", "4", "300000", "300000"].map(|s| Some(s.to_string())),
        "every upload and stage sends its size"
    );

    // tags, deactivation, tasks
    expect!(images.add_tag("ID", "a b") => "PUT" "images/ID/tags/a%20b" Body::Empty);
    expect!(images.remove_tag("ID", "a") => "DELETE" "images/ID/tags/a" Body::Empty);
    expect!(images.deactivate("ID") => "POST" "images/ID/actions/deactivate" Body::Empty);
    expect!(images.reactivate("ID") => "POST" "images/ID/actions/reactivate" Body::Empty);
    expect!(images.tasks_of("ID") => "GET" "images/ID/tasks" Body::Empty);
    let tasks = glance.tasks();
    expect!(tasks.list(&ostack::image::v2::TaskQuery { status: Some("success".into()), ..Default::default() }).collect_all() => "GET" "tasks?status=success" Body::Empty);
    expect!(tasks.get("T") => "GET" "tasks/T" Body::Empty);

    // members
    let members = glance.members("ID");
    expect!(members.add("8989447062e04a818baf9e073fd04fa7") => "POST" "images/ID/members" Body::sample("image/image-member-create-request.json"));
    expect!(members.list() => "GET" "images/ID/members" Body::Empty);
    expect!(members.get("M") => "GET" "images/ID/members/M" Body::Empty);
    expect!(members.set_status("M", MemberStatus::Accepted) => "PUT" "images/ID/members/M" Body::sample("image/image-member-update-request.json"));
    expect!(members.reject("M") => "PUT" "images/ID/members/M" Body::Json(json!({"status": "rejected"})));
    expect!(members.remove("M") => "DELETE" "images/ID/members/M" Body::Empty);

    // info and schemas
    let info = glance.info();
    expect!(info.import() => "GET" "info/import" Body::Empty);
    expect!(info.stores() => "GET" "info/stores" Body::Empty);
    expect!(info.stores_detail() => "GET" "info/stores/detail" Body::Empty);
    expect!(info.usage() => "GET" "info/usage" Body::Empty);
    expect!(glance.schemas().image() => "GET" "schemas/image" Body::Empty);
    expect!(glance.schemas().get("metadefs/namespace") => "GET" "schemas/metadefs/namespace" Body::Empty);

    // metadata definitions
    let namespaces = Api::<MetadefNamespace>::new(cloud.conn.clone());
    let Some((_, create)) = sample("metadef-namespace-create-request.json") else { return };
    let create: CreateMetadefNamespace = CreateMetadefNamespace {
        namespace: "OS::Compute::Hypervisor".into(),
        display_name: create["display_name"].as_str().map(String::from),
        description: create["description"].as_str().map(String::from),
        visibility: Some("public".into()),
        protected: Some(true),
        resource_type_associations: Some(vec![ResourceTypeAssociation::new("OS::Glance::Image")]),
        properties: create["properties"].as_object().cloned(),
        ..Default::default()
    };
    expect!(namespaces.create(&create) => "POST" "metadefs/namespaces" Body::sample("image/metadef-namespace-create-request.json"));
    let Some((_, update)) = sample("metadef-namespace-update-request.json") else { return };
    let update = UpdateMetadefNamespace {
        namespace: "OS::Compute::Hypervisor".into(),
        display_name: update["display_name"].as_str().map(String::from),
        description: update["description"].as_str().map(String::from),
        visibility: Some("public".into()),
        protected: Some(false),
    };
    expect!(namespaces.update("OS::Compute::Hypervisor", &update) => "PUT" "metadefs/namespaces/OS%3A%3ACompute%3A%3AHypervisor" Body::sample("image/metadef-namespace-update-request.json"));
    expect!(namespaces.get("NS") => "GET" "metadefs/namespaces/NS" Body::Empty);
    expect!(namespaces.delete("NS") => "DELETE" "metadefs/namespaces/NS" Body::Empty);

    let objects = glance.metadef_objects("NS");
    let Some((_, object)) = sample("metadef-object-create-request.json") else { return };
    let body = MetadefObjectBody {
        name: "CPU Limits".into(),
        description: object["description"].as_str().map(String::from),
        properties: object["properties"].as_object().cloned(),
        required: Some(Vec::new()),
    };
    expect!(objects.create(&body) => "POST" "metadefs/namespaces/NS/objects" Body::sample("image/metadef-object-create-request.json"));
    expect!(objects.list() => "GET" "metadefs/namespaces/NS/objects" Body::Empty);
    expect!(objects.get("CPU Limits") => "GET" "metadefs/namespaces/NS/objects/CPU%20Limits" Body::Empty);
    expect!(objects.update("CPU Limits", &body) => "PUT" "metadefs/namespaces/NS/objects/CPU%20Limits" Body::sample("image/metadef-object-create-request.json"));
    expect!(objects.delete("CPU Limits") => "DELETE" "metadefs/namespaces/NS/objects/CPU%20Limits" Body::Empty);
    expect!(objects.delete_all() => "DELETE" "metadefs/namespaces/NS/objects" Body::Empty);

    let properties = glance.metadef_properties("NS");
    let Some((_, property)) = sample("metadef-property-create-request.json") else { return };
    let mut body = MetadefProperty::new("hypervisor_type", "Hypervisor Type", "string");
    body.description = property["description"].as_str().map(String::from);
    body.extra.insert("enum".into(), property["enum"].clone());
    expect!(properties.create(&body) => "POST" "metadefs/namespaces/NS/properties" Body::sample("image/metadef-property-create-request.json"));
    expect!(properties.update("hypervisor_type", &body) => "PUT" "metadefs/namespaces/NS/properties/hypervisor_type" Body::sample("image/metadef-property-create-request.json"));
    expect!(properties.get("p") => "GET" "metadefs/namespaces/NS/properties/p" Body::Empty);
    expect!(properties.delete("p") => "DELETE" "metadefs/namespaces/NS/properties/p" Body::Empty);
    expect!(properties.delete_all() => "DELETE" "metadefs/namespaces/NS/properties" Body::Empty);

    let types = glance.metadef_resource_types();
    let association = ResourceTypeAssociation {
        prefix: Some("hw_".into()),
        properties_target: Some("image".into()),
        ..ResourceTypeAssociation::new("OS::Cinder::Volume")
    };
    expect!(types.associate("NS", &association) => "POST" "metadefs/namespaces/NS/resource_types" Body::sample("image/metadef-resource-type-create-request.json"));
    expect!(types.associations("NS") => "GET" "metadefs/namespaces/NS/resource_types" Body::Empty);
    expect!(types.dissociate("NS", "OS::Cinder::Volume") => "DELETE" "metadefs/namespaces/NS/resource_types/OS%3A%3ACinder%3A%3AVolume" Body::Empty);
    expect!(types.list() => "GET" "metadefs/resource_types" Body::Empty);

    let tags = glance.metadef_tags("NS");
    expect!(tags.create_many(&["sample-tag1", "sample-tag2", "sample-tag3"], false) => "POST" "metadefs/namespaces/NS/tags" Body::sample("image/metadef-tags-create-request.json"));
    expect!(tags.create_many(&["x"], true) => "POST" "metadefs/namespaces/NS/tags" Body::Json(json!({"tags": [{"name": "x"}]})));
    let appended = cloud.server.received_requests().await.unwrap();
    let header = |i: usize| {
        appended[appended.len() - i].headers.get("x-openstack-append").map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!((header(2), header(1)), (None, Some("True".to_string())), "only an append says so");
    expect!(tags.create("t") => "POST" "metadefs/namespaces/NS/tags/t" Body::Empty);
    expect!(tags.rename("sample-tag2", "new-tag-name") => "PUT" "metadefs/namespaces/NS/tags/sample-tag2" Body::sample("image/metadef-tag-update-request.json"));
    expect!(tags.get("t") => "GET" "metadefs/namespaces/NS/tags/t" Body::Empty);
    expect!(tags.list() => "GET" "metadefs/namespaces/NS/tags" Body::Empty);
    expect!(tags.delete("t") => "DELETE" "metadefs/namespaces/NS/tags/t" Body::Empty);
    expect!(tags.delete_all() => "DELETE" "metadefs/namespaces/NS/tags" Body::Empty);

    // the cache
    let cache = glance.cache();
    expect!(cache.state() => "GET" "cache" Body::Empty);
    expect!(cache.queue("ID") => "PUT" "cache/ID" Body::Empty);
    expect!(cache.delete("ID") => "DELETE" "cache/ID" Body::Empty);
    expect!(cache.clear(CacheClearTarget::Queue) => "DELETE" "cache" Body::Empty);
    let last = cloud.server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(last.headers.get("x-image-cache-clear-target").unwrap(), "queue");

    // namespace list filters, and bad input refused before any request
    let (server, conn) = serving(&json!({"namespaces": []})).await;
    let query = ostack::image::v2::MetadefNamespaceQuery {
        resource_types: Some("OS::Glance::Image".into()),
        limit: Some(5),
        ..Default::default()
    };
    conn.image().metadef_namespaces().list(&query).collect_all().await.unwrap();
    let seen = server.received_requests().await.unwrap();
    assert_eq!(seen[0].url.query(), Some("resource_types=OS%3A%3AGlance%3A%3AImage&limit=5"));
    let before = cloud.server.received_requests().await.unwrap().len();
    for err in [
        images.add_tag("ID", "a/b").await.unwrap_err(),
        images.import("ID", &ImportRequest::copy_image([""])).await.unwrap_err(),
        images.import("ID", &ImportRequest::copy_image(["a"]).to_all_stores()).await.unwrap_err(),
        glance.members("").list().await.unwrap_err(),
        glance.metadef_objects("NS").get("").await.unwrap_err(),
    ] {
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    }
    assert_eq!(cloud.server.received_requests().await.unwrap().len(), before, "bad input sends nothing");
}

/// A mock glance with one image whose recorded hashes are those of `recorded`, serving
/// `served` as its data.
async fn glance_with_data(recorded: &[u8], served: &[u8]) -> (MockServer, Connection) {
    let server = MockServer::start().await;
    let image = json!({
        "id": "IMG", "status": "active", "size": recorded.len(),
        "checksum": hash_hex("md5", recorded), "os_hash_algo": "sha512", "os_hash_value": hash_hex("sha512", recorded),
    });
    Mock::given(method("GET"))
        .and(path("/image/v2/images/IMG"))
        .respond_with(ResponseTemplate::new(200).set_body_json(image))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/image/v2/images/IMG/file"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(served.to_vec()))
        .mount(&server)
        .await;
    let conn = contract::connection(&server).await;
    (server, conn)
}

#[tokio::test]
async fn downloads_are_verified_against_the_recorded_hashes() {
    let good = vec![42u8; 200_000];
    let mut bad = good.clone();
    bad[123_456] = 43;

    let (_server, conn) = glance_with_data(&good, &good).await;
    let mut out = Vec::new();
    assert_eq!(conn.image().images().download_to("IMG", &mut out).await.unwrap(), good.len() as u64);
    assert_eq!(out, good);

    let (_server, conn) = glance_with_data(&good, &bad).await;
    let chunks: Vec<ostack::Result<bytes::Bytes>> =
        conn.image().images().download("IMG").await.unwrap().collect().await;
    let errors: Vec<&Error> = chunks.iter().filter_map(|c| c.as_ref().err()).collect();
    assert_eq!(errors.len(), 1, "one error, after the last chunk");
    assert!(chunks.last().unwrap().is_err(), "the mismatch is the stream's last item");
    let text = errors[0].to_string();
    let (expected, actual) = (hash_hex("sha512", &good).unwrap(), hash_hex("sha512", &bad).unwrap());
    assert!(
        text.contains(&expected) && text.contains(&actual) && text.contains("sha512") && text.contains("IMG"),
        "{text}"
    );
    let mut out = Vec::new();
    let err = conn.image().images().download_to("IMG", &mut out).await.unwrap_err();
    assert!(matches!(err, Error::HashMismatch { .. }), "{err}");

    // only the legacy md5 checksum recorded: it is checked
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/image/v2/images/IMG/file"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bad.clone()))
        .mount(&server)
        .await;
    let conn = contract::connection(&server).await;
    let image: Image = serde_json::from_value(json!({"id": "IMG", "checksum": hash_hex("md5", &good)})).unwrap();
    let chunks: Vec<_> = conn.image().images().download_image(&image).await.unwrap().collect().await;
    match chunks.last() {
        Some(Err(Error::HashMismatch { algo, .. })) => assert_eq!(algo, "md5"),
        other => panic!("expected an md5 mismatch, got {other:?}"),
    }
}

/// A mock glance for `create_image_from_file`: the create answer advertises `methods`; the
/// direct upload answers `upload_status`; the image then reads as active with the hashes of
/// `recorded`.
async fn creating_glance(methods: &str, upload_status: u16, recorded: &[u8]) -> (MockServer, Connection) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/image/v2/images"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("OpenStack-image-import-methods", methods)
                .set_body_json(json!({"id": "NEW", "status": "queued", "name": "n"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/image/v2/images/NEW/file"))
        .respond_with(ResponseTemplate::new(upload_status))
        .mount(&server)
        .await;
    for (m, p) in [
        ("PUT", "/image/v2/images/NEW/stage"),
        ("POST", "/image/v2/images/NEW/import"),
        ("DELETE", "/image/v2/images/NEW"),
    ] {
        Mock::given(method(m)).and(path(p)).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    }
    let image = json!({
        "id": "NEW", "status": "active", "size": recorded.len(), "stores": "fs",
        "checksum": hash_hex("md5", recorded), "os_hash_algo": "sha512", "os_hash_value": hash_hex("sha512", recorded),
    });
    Mock::given(method("GET"))
        .and(path("/image/v2/images/NEW"))
        .respond_with(ResponseTemplate::new(200).set_body_json(image))
        .mount(&server)
        .await;
    let conn = contract::connection(&server).await;
    (server, conn)
}

async fn calls(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests.iter().map(|r| format!("{} {}", r.method, r.url.path().trim_start_matches("/image/v2/"))).collect()
}

#[tokio::test]
async fn create_image_from_file_uploads_or_imports_as_the_cloud_offers() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("disk.raw");
    let data = vec![5u8; 70_000];
    std::fs::write(&file, &data).unwrap();
    let spec = || {
        let mut spec = CreateImageFromFile::new(CreateImage::new("n", "raw", "bare"), &file);
        spec.wait = Some(Duration::from_secs(5));
        spec
    };

    // a direct upload, with the size
    let (server, conn) = creating_glance("glance-direct,web-download", 204, &data).await;
    let image = conn.image().create_image_from_file(&spec()).await.unwrap();
    assert_eq!(image.status, Some(ostack::image::v2::ImageStatus::Active));
    assert_eq!(calls(&server).await, ["POST images", "PUT images/NEW/file", "GET images/NEW"]);
    let put = &server.received_requests().await.unwrap()[1];
    assert_eq!(put.body, data);
    assert_eq!(put.headers.get("x-openstack-image-size").unwrap(), "70000");

    // the cloud refuses direct uploads: stage and import instead
    let (server, conn) = creating_glance("glance-direct", 403, &data).await;
    conn.image().create_image_from_file(&spec()).await.unwrap();
    assert_eq!(
        calls(&server).await,
        ["POST images", "PUT images/NEW/file", "PUT images/NEW/stage", "POST images/NEW/import", "GET images/NEW"]
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[2].body, data);
    assert_eq!(
        serde_json::from_slice::<Value>(&requests[3].body).unwrap(),
        json!({"method": {"name": "glance-direct"}})
    );

    // stores chosen: an import straight away, to them
    let (server, conn) = creating_glance("glance-direct", 204, &data).await;
    let mut to_stores = spec();
    to_stores.import = ImportRequest::glance_direct().to_stores(["fs2"]);
    to_stores.wait = Some(Duration::from_secs(1));
    let err = conn.image().create_image_from_file(&to_stores).await.unwrap_err();
    assert!(err.to_string().contains("fs2"), "waiting for fs2, the mock only has fs: {err}");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        serde_json::from_slice::<Value>(&requests[2].body).unwrap(),
        json!({"method": {"name": "glance-direct"}, "stores": ["fs2"]})
    );
    assert_eq!(calls(&server).await.last().unwrap(), "DELETE images/NEW", "the failed image is deleted");

    // an import asked for, not offered: refused, and the image deleted
    let (server, conn) = creating_glance("web-download", 204, &data).await;
    let err = conn
        .image()
        .create_image_from_file(&CreateImageFromFile { method: UploadMethod::GlanceDirect, ..spec() })
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::InvalidInput(m) if m.contains("web-download")), "{err}");
    assert_eq!(calls(&server).await, ["POST images", "DELETE images/NEW"]);

    // glance recorded other hashes than the file's: a mismatch, and the image deleted
    let (server, conn) = creating_glance("glance-direct", 204, b"something else").await;
    let err = conn.image().create_image_from_file(&spec()).await.unwrap_err();
    match &err {
        Error::HashMismatch { algo, expected, actual, .. } => {
            assert_eq!(algo, "md5");
            assert_eq!(Some(expected.clone()), hash_hex("md5", b"something else"));
            assert_eq!(Some(actual.clone()), hash_hex("md5", &data));
        }
        other => panic!("expected a hash mismatch, got {other}"),
    }
    assert_eq!(calls(&server).await.last().unwrap(), "DELETE images/NEW");

    // an unreadable file: nothing is created
    let (server, conn) = creating_glance("glance-direct", 204, &data).await;
    let missing = CreateImageFromFile::new(CreateImage::new("n", "raw", "bare"), dir.path().join("missing"));
    assert!(conn.image().create_image_from_file(&missing).await.is_err());
    assert!(calls(&server).await.is_empty());
}
