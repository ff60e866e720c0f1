//! Functional tests of the image (glance) SDK against the devcloud: interoperable import
//! (web-download from a local HTTP server, glance-direct, copy-image to the second store),
//! create_image_from_file, members across projects, tags, deactivation, tasks, metadata
//! definitions, the image cache, and a download corrupted on the way rejected by its hash.
//!
//! The devcloud's glance has two file stores (`fs`, the default, and `fs2`) and accepts
//! web-download URLs on 127.0.0.1 (devcloud/README.md). Outside CI these tests skip when the
//! devcloud is not running; in CI (`CI=true`) they fail.

mod common;

use bytes::Bytes;
use common::fault::{Fault, FaultServer, Script};
use futures::TryStreamExt;
use ostack::image::v2::{
    hash_hex, CacheClearTarget, CreateImage, CreateImageFromFile, CreateMetadefNamespace, Image, ImageQuery,
    ImageStatus, ImportRequest, MemberStatus, MetadefObjectBody, MetadefProperty, ResourceTypeAssociation,
    UpdateMetadefNamespace, UploadMethod,
};
use ostack::{CloudConfig, Connection, Endpoint, Error, Result, ServiceType};
use std::future::Future;
use std::time::Duration;

const IMPORT_TIMEOUT: Duration = Duration::from_secs(120);

/// Connect to a devcloud cloud, or skip (outside CI) with one line saying how to start it.
async fn cloud(name: &str) -> Option<Connection> {
    match Connection::from_cloud(name).await {
        Ok(conn) => Some(conn),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("devcloud cloud '{name}' unreachable in CI: {e}")
        }
        Err(e) => {
            eprintln!("SKIP: devcloud not reachable ({e}); start it with `devcloud/up && eval \"$(devcloud/env)\"`");
            None
        }
    }
}

/// A name no other run uses.
fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("ostack-ft-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// Bytes that differ from run to run (so glance's hashes are not those of an earlier image).
fn data(len: usize) -> Vec<u8> {
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// Run the body, then delete the images whatever happened, then report the body's result.
async fn with_images<T>(conn: &Connection, ids: &[&str], body: impl Future<Output = Result<T>>) -> T {
    let result = body.await;
    for id in ids {
        if let Err(e) = conn.image().images().delete(id).await {
            if !e.is_not_found() {
                eprintln!("cleanup of image {id} failed: {e}");
            }
        }
    }
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// Glance recorded exactly the hashes of `data`.
fn assert_hashes(image: &Image, data: &[u8]) {
    assert_eq!(image.size, Some(data.len() as u64), "{image:?}");
    assert_eq!(image.checksum.as_deref(), hash_hex("md5", data).as_deref(), "{image:?}");
    let algo = image.os_hash_algo.as_deref().expect("os_hash_algo");
    assert_eq!(image.os_hash_value.as_deref(), hash_hex(algo, data).as_deref(), "{image:?}");
}

async fn download(conn: &Connection, id: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    conn.image().images().download_to(id, &mut out).await?;
    Ok(out)
}

#[tokio::test]
async fn web_download_and_glance_direct_imports_reach_active_and_copy_image_reaches_the_second_store() {
    let Some(conn) = cloud("devcloud").await else { return };
    let images = conn.image().images();
    let info = conn.image().info();
    let offered = info.import().await.unwrap();
    for method in ["glance-direct", "web-download", "copy-image"] {
        assert!(offered.offers(method), "{method} not offered: {offered:?}");
    }
    let stores = info.stores().await.unwrap();
    let ids: Vec<&str> = stores.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"fs") && ids.contains(&"fs2"), "{stores:?}");
    assert!(stores.iter().find(|s| s.id == "fs").unwrap().is_default(), "{stores:?}");
    let detail = info.stores_detail().await.unwrap();
    assert!(detail.iter().all(|s| s.kind.as_deref() == Some("file")), "{detail:?}");
    info.usage().await.unwrap();

    // the data glance downloads itself, served by the test on 127.0.0.1
    let web_data = data(150_000);
    let server = FaultServer::start(Script::always(Fault::Respond(
        200,
        vec![("Content-Type".into(), "application/octet-stream".into())],
        web_data.clone(),
    )))
    .await;
    let web = images.create(&CreateImage::new(unique("web"), "raw", "bare")).await.unwrap();
    let direct_data = data(70_000);
    let direct = images.create(&CreateImage::new(unique("direct"), "raw", "bare")).await.unwrap();
    with_images(&conn, &[&web.id, &direct.id], async {
        let web_flow = async {
            images.import(&web.id, &ImportRequest::web_download(format!("{}/disk.img", server.uri))).await?;
            let imported = images.wait_for_import(&web.id, IMPORT_TIMEOUT).await?;
            assert_eq!(imported.status, Some(ImageStatus::Active));
            assert_hashes(&imported, &web_data);
            assert_eq!(imported.stores(), vec!["fs".to_string()], "web-download lands in the default store");
            assert_eq!(download(&conn, &web.id).await?, web_data);

            // copy-image: the active image's data copied to the second store
            images.import(&web.id, &ImportRequest::copy_image(["fs2"])).await?;
            let copied = images.wait_for_stores(&web.id, &["fs2"], IMPORT_TIMEOUT).await?;
            let mut stores = copied.stores();
            stores.sort();
            assert_eq!(stores, vec!["fs".to_string(), "fs2".to_string()], "{copied:?}");
            let tasks = images.tasks_of(&web.id).await?;
            assert!(tasks.len() >= 2, "one task per import: {tasks:?}");
            assert!(tasks.iter().all(|t| t.kind.as_deref() == Some("api_image_import")), "{tasks:?}");
            Ok::<_, Error>(())
        };
        let direct_flow = async {
            images.stage_bytes(&direct.id, direct_data.clone()).await?;
            let staged = images.get(&direct.id).await?;
            assert_eq!(staged.status, Some(ImageStatus::Uploading), "staged data waits for the import");
            images.import(&direct.id, &ImportRequest::glance_direct().to_stores(["fs2"])).await?;
            let imported = images.wait_for_import(&direct.id, IMPORT_TIMEOUT).await?;
            assert_hashes(&imported, &direct_data);
            assert_eq!(imported.stores(), vec!["fs2".to_string()], "imported to the chosen store only");
            assert_eq!(download(&conn, &direct.id).await?, direct_data);
            Ok::<_, Error>(())
        };
        tokio::try_join!(web_flow, direct_flow)?;
        assert!(server.log.requests() >= 1, "glance fetched the URL from the test's server");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn create_image_from_file_uploads_or_imports_and_checks_the_hashes() {
    let Some(conn) = cloud("devcloud").await else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disk.raw");
    let bytes = data(300_000);
    std::fs::write(&path, &bytes).unwrap();

    let uploaded_spec = CreateImageFromFile::new(CreateImage::new(unique("file-up"), "raw", "bare"), &path);
    let mut imported_spec = CreateImageFromFile::new(CreateImage::new(unique("file-imp"), "raw", "bare"), &path);
    imported_spec.import = ImportRequest::glance_direct().to_stores(["fs2"]);
    let proxy = conn.image();
    let (uploaded, imported) =
        tokio::join!(proxy.create_image_from_file(&uploaded_spec), proxy.create_image_from_file(&imported_spec));
    let (uploaded, imported) = (uploaded.unwrap(), imported.unwrap());
    with_images(&conn, &[&uploaded.id, &imported.id], async {
        assert_eq!(uploaded.status, Some(ImageStatus::Active));
        assert_hashes(&uploaded, &bytes);
        assert_eq!(uploaded.stores(), vec!["fs".to_string()], "a direct upload goes to the default store");
        assert_eq!(imported.status, Some(ImageStatus::Active));
        assert_hashes(&imported, &bytes);
        assert_eq!(imported.stores(), vec!["fs2".to_string()], "choosing a store means an import");
        let tasks = conn.image().images().tasks_of(&imported.id).await?;
        assert_eq!(tasks.len(), 1, "one glance-direct import: {tasks:?}");
        assert!(conn.image().images().tasks_of(&uploaded.id).await?.is_empty(), "no import for an upload");

        // an unreadable file fails before anything is created
        let missing = CreateImageFromFile {
            method: UploadMethod::Upload,
            ..CreateImageFromFile::new(CreateImage::new(unique("missing"), "raw", "bare"), dir.path().join("nope"))
        };
        let err = proxy.create_image_from_file(&missing).await.unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
        let query = ImageQuery { name: missing.image.name.clone(), ..Default::default() };
        assert!(conn.image().images().list(&query).collect_all().await?.is_empty());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_member_accepts_a_shared_image_and_sees_it_in_its_list() {
    let (Some(admin), Some(demo)) = (cloud("devcloud").await, cloud("devcloud-demo").await) else { return };
    let demo_project = demo.token().await.unwrap().and_then(|t| t.project_id.clone()).expect("a project token");
    let mut body = CreateImage::new(unique("shared"), "raw", "bare");
    body.visibility = Some("shared".into());
    let image = admin.image().images().create(&body).await.unwrap();
    admin.image().images().upload_bytes(&image.id, data(4096)).await.unwrap();
    with_images(&admin, &[&image.id], async {
        let owner_side = admin.image().members(&image.id);
        let member_side = demo.image().members(&image.id);
        let demo_images = demo.image().images();
        let listed = |query: ImageQuery| {
            let demo_images = demo_images.clone();
            let id = image.id.clone();
            async move { Ok::<_, Error>(demo_images.list(&query).collect_all().await?.iter().any(|i| i.id == id)) }
        };

        let added = owner_side.add(&demo_project).await?;
        assert_eq!(
            (added.member_id.as_str(), added.status.clone()),
            (demo_project.as_str(), Some(MemberStatus::Pending))
        );
        assert!(!listed(ImageQuery::default()).await?, "a pending share is not in the member's list");
        let pending = ImageQuery { member_status: Some("pending".into()), ..Default::default() };
        assert!(listed(pending).await?, "but it is among its pending ones");

        let accepted = member_side.accept(&demo_project).await?;
        assert_eq!(accepted.status, Some(MemberStatus::Accepted));
        assert!(listed(ImageQuery::default()).await?, "an accepted image is in the member's list");
        assert_eq!(member_side.get(&demo_project).await?.status, Some(MemberStatus::Accepted));
        let members = owner_side.list().await?;
        assert_eq!(members.len(), 1, "{members:?}");
        assert_eq!(members[0].status, Some(MemberStatus::Accepted));
        // the member reads the data too, verified
        assert_eq!(download(&demo, &image.id).await?.len(), 4096);

        let rejected = member_side.reject(&demo_project).await?;
        assert_eq!(rejected.status, Some(MemberStatus::Rejected));
        assert!(!listed(ImageQuery::default()).await?, "a rejected image leaves the list");
        // only the owner adds members
        let err = member_side.add("someone-else").await.unwrap_err();
        assert!(matches!(err.status(), Some(403 | 404)), "{err}");

        owner_side.remove(&demo_project).await?;
        assert!(owner_side.list().await?.is_empty());
        assert!(demo.image().images().get(&image.id).await.unwrap_err().is_not_found());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn tags_deactivation_and_the_cache() {
    let (Some(conn), Some(demo)) = (cloud("devcloud").await, cloud("devcloud-demo").await) else { return };
    let images = conn.image().images();
    let bytes = data(20_000);
    let mut body = CreateImage::new(unique("tags"), "raw", "bare");
    body.visibility = Some("community".into()); // so another project can try to read it
    let image = images.create(&body).await.unwrap();
    images.upload_bytes(&image.id, bytes.clone()).await.unwrap();
    let cache = conn.image().cache();
    with_images(&conn, &[&image.id], async {
        images.add_tag(&image.id, "ostack-a").await?;
        images.add_tag(&image.id, "ostack b").await?;
        let mut tags = images.get(&image.id).await?.tags;
        tags.sort();
        assert_eq!(tags, vec!["ostack b".to_string(), "ostack-a".to_string()], "a space is encoded");
        images.remove_tag(&image.id, "ostack b").await?;
        assert_eq!(images.get(&image.id).await?.tags, vec!["ostack-a".to_string()]);
        assert_eq!(images.remove_tag(&image.id, "never-there").await.unwrap_err().status(), Some(404));
        let err = images.add_tag(&image.id, "a/b").await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)) && err.to_string().contains("a/b"), "{err}");

        images.deactivate(&image.id).await?;
        assert_eq!(images.get(&image.id).await?.status, Some(ImageStatus::Deactivated));
        let Err(err) = download(&demo, &image.id).await else { panic!("the download was not refused") };
        assert_eq!(err.status(), Some(403), "a deactivated image's data is refused to non-admins: {err}");
        images.reactivate(&image.id).await?;
        assert_eq!(images.get(&image.id).await?.status, Some(ImageStatus::Active));
        assert_eq!(download(&demo, &image.id).await?, bytes);

        // the image cache: queue, see it cached by the worker, remove it
        cache.queue(&image.id).await?;
        let started = std::time::Instant::now();
        loop {
            let state = cache.state().await?;
            if state.cached_images.iter().any(|c| c.image_id == image.id && c.size == Some(bytes.len() as u64)) {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "never cached: {state:?}");
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        assert_eq!(download(&conn, &image.id).await?, bytes, "served (from the cache), verified");
        cache.delete(&image.id).await?;
        let state = cache.state().await?;
        assert!(!state.cached_images.iter().any(|c| c.image_id == image.id), "{state:?}");
        assert!(!state.queued_images.contains(&image.id), "{state:?}");
        cache.clear(CacheClearTarget::Queue).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_download_corrupted_on_the_way_is_rejected_naming_both_hashes() {
    let Some(conn) = cloud("devcloud").await else { return };
    let images = conn.image().images();
    let bytes = data(100_000);
    let image = images.create(&CreateImage::new(unique("corrupt"), "raw", "bare")).await.unwrap();
    images.upload_bytes(&image.id, bytes.clone()).await.unwrap();
    with_images(&conn, &[&image.id], async {
        let image = images.get(&image.id).await?;
        // glance behind a proxy that flips one byte of every answer body
        let proxy = FaultServer::proxy("127.0.0.1:9292", Script::always(Fault::FlipByte(5000))).await;
        let endpoint = Endpoint {
            service: ServiceType::Image,
            url: format!("{}/v2", proxy.uri),
            root: proxy.uri.clone(),
            microversion: None,
            min_microversion: None,
            max_microversion: None,
        };
        let corrupting =
            Connection::builder(CloudConfig::from_cloud("devcloud")?).endpoints(vec![endpoint]).build().await?;
        let stream = corrupting.image().images().download_image(&image).await?;
        let chunks: Vec<Result<Bytes>> = futures::StreamExt::collect(stream).await;
        let received: usize = chunks.iter().filter_map(|c| c.as_ref().ok()).map(Bytes::len).sum();
        assert_eq!(received, bytes.len(), "every byte arrived, one of them wrong");
        let err = chunks.into_iter().find_map(|c| c.err()).expect("the corruption is detected");
        let algo = image.os_hash_algo.clone().unwrap();
        let mut flipped = bytes.clone();
        flipped[5000] ^= 0xff;
        match &err {
            Error::HashMismatch { algo: a, expected, actual, .. } => {
                assert_eq!(a, &algo);
                assert_eq!(Some(expected.as_str()), image.os_hash_value.as_deref());
                assert_eq!(Some(actual.clone()), hash_hex(&algo, &flipped));
            }
            other => panic!("expected a hash mismatch, got {other}"),
        }
        let text = err.to_string();
        assert!(text.contains(image.os_hash_value.as_deref().unwrap()) && text.contains(&image.id), "{text}");
        assert_eq!(proxy.log.requests(), 1, "only the data went through the proxy");

        // download_to stops with the same error; the direct path gives the right data
        let mut sink = Vec::new();
        let err = corrupting.image().images().download_to(&image.id, &mut sink).await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. } | Error::HashMismatch { .. }), "{err}");
        assert_eq!(download(&conn, &image.id).await?, bytes);
        let streamed: Vec<Bytes> = images.download(&image.id).await?.try_collect().await?;
        assert_eq!(streamed.concat(), bytes);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn metadata_definitions_tasks_and_schemas() {
    let Some(conn) = cloud("devcloud").await else { return };
    let glance = conn.image();
    let name = format!("OSTACK::Test::{}", unique("ns").replace('-', "_"));
    let mut body = CreateMetadefNamespace::new(&name);
    body.display_name = Some("ostack test".into());
    body.resource_type_associations = Some(vec![ResourceTypeAssociation::new("OS::Glance::Image")]);
    let created = glance.metadef_namespaces().create(&body).await.unwrap();
    let outcome = async {
        assert_eq!(created.namespace, name);
        let got = glance.metadef_namespaces().get(&name).await?;
        assert_eq!(got.display_name.as_deref(), Some("ostack test"));
        let listed = glance.metadef_namespaces().list(&Default::default()).collect_all().await?;
        assert!(listed.iter().any(|n| n.namespace == name), "{} namespaces", listed.len());
        let update = UpdateMetadefNamespace {
            namespace: name.clone(),
            description: Some("changed".into()),
            ..Default::default()
        };
        assert_eq!(glance.metadef_namespaces().update(&name, &update).await?.description.as_deref(), Some("changed"));

        // objects
        let objects = glance.metadef_objects(&name);
        let mut object = MetadefObjectBody::new("CPU Limits");
        object.description = Some("cpu".into());
        assert_eq!(objects.create(&object).await?.name, "CPU Limits");
        assert_eq!(objects.get("CPU Limits").await?.description.as_deref(), Some("cpu"));
        object.description = Some("cpu 2".into());
        assert_eq!(objects.update("CPU Limits", &object).await?.description.as_deref(), Some("cpu 2"));
        assert_eq!(objects.list().await?.len(), 1);
        objects.delete("CPU Limits").await?;
        assert!(objects.list().await?.is_empty());

        // properties
        let properties = glance.metadef_properties(&name);
        let mut property = MetadefProperty::new("hw_ostack", "Ostack", "string");
        property.extra.insert("enum".into(), serde_json::json!(["a", "b"]));
        assert_eq!(properties.create(&property).await?.name, "hw_ostack");
        let listed = properties.list().await?;
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].name.as_str(), listed[0].extra.get("enum")),
            ("hw_ostack", Some(&serde_json::json!(["a", "b"])))
        );
        property.title = Some("Ostack 2".into());
        assert_eq!(properties.update("hw_ostack", &property).await?.title.as_deref(), Some("Ostack 2"));
        assert_eq!(properties.get("hw_ostack").await?.kind.as_deref(), Some("string"));
        properties.delete("hw_ostack").await?;

        // tags
        let tags = glance.metadef_tags(&name);
        assert_eq!(tags.create("one").await?.name, "one");
        let many = tags.create_many(&["two", "three"], true).await?;
        assert_eq!(many.len(), 2, "{many:?}");
        assert_eq!(tags.list().await?.len(), 3);
        assert_eq!(tags.rename("one", "uno").await?.name, "uno");
        assert_eq!(tags.get("uno").await?.name, "uno");
        tags.delete("uno").await?;
        assert_eq!(tags.create_many(&["only"], false).await?.len(), 1);
        assert_eq!(tags.list().await?.iter().map(|t| t.name.clone()).collect::<Vec<_>>(), vec!["only"]);
        tags.delete_all().await?;
        assert!(tags.list().await?.is_empty());

        // resource types and associations
        let types = glance.metadef_resource_types();
        // the namespace's association created the resource type
        assert!(types.list().await?.iter().any(|t| t.name == "OS::Glance::Image"));
        let mut association = ResourceTypeAssociation::new("OS::Nova::Flavor");
        association.prefix = Some("ostack:".into());
        assert_eq!(types.associate(&name, &association).await?.prefix.as_deref(), Some("ostack:"));
        let mut names: Vec<String> = types.associations(&name).await?.into_iter().map(|a| a.name).collect();
        names.sort();
        assert_eq!(names, vec!["OS::Glance::Image", "OS::Nova::Flavor"]);
        types.dissociate(&name, "OS::Nova::Flavor").await?;
        assert_eq!(types.associations(&name).await?.len(), 1);

        // schemas and tasks
        let schema = glance.schemas().image().await?;
        assert_eq!(schema.name.as_deref(), Some("image"));
        assert!(schema.properties.as_ref().is_some_and(|p| p.contains_key("os_hash_value")));
        assert_eq!(glance.schemas().get("metadefs/namespace").await?.name.as_deref(), Some("namespace"));
        let tasks = glance.tasks().list(&Default::default()).collect_all().await?;
        if let Some(task) = tasks.first() {
            assert_eq!(glance.tasks().get(&task.id).await?.id, task.id);
        }
        Ok::<_, Error>(())
    }
    .await;
    let deleted = glance.metadef_namespaces().delete(&name).await;
    outcome.unwrap_or_else(|e| panic!("{e}"));
    deleted.unwrap();
    assert!(glance.metadef_namespaces().get(&name).await.unwrap_err().is_not_found());
}
