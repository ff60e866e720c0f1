//! Functional tests of the object store (swift) against the devcloud.
//!
//! They find the cloud like any program (`OS_CLIENT_CONFIG_FILE`, cloud `devcloud`); outside CI
//! they skip when the devcloud is not running, in CI (`CI=true`) they fail. Every test works in
//! containers of its own, deleted at the end whatever happened.

use bytes::Bytes;
use futures::{StreamExt, TryStreamExt};
use ostack::object_store::v1::{
    ArchiveFormat, Container, ContainerQuery, ContainerUpdate, CopyOptions, CreateContainer, Digest, DownloadOptions,
    Expiry, FormPostOptions, LargeKind, LargeUpload, ObjectQuery, TempUrlOptions, UploadOptions,
};
use ostack::{Connection, Result};
use sha2::{Digest as _, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, ReadBuf};

/// Connect to the devcloud, or skip (outside CI) with one line saying how to start it.
async fn cloud() -> Option<Connection> {
    match Connection::from_cloud("devcloud").await {
        Ok(conn) => Some(conn),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("devcloud unreachable in CI: {e}"),
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

/// Run the body, then delete the containers with everything in them (also after a failed
/// assertion), then report the body's result.
async fn in_containers<B>(conn: &Connection, containers: &[&str], body: B)
where
    B: Future<Output = Result<()>>,
{
    let result = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(body)).await;
    for name in containers {
        match conn.object_store().containers().delete_all(name, Duration::from_secs(20)).await {
            Err(e) if !e.is_not_found() => eprintln!("cleanup of {name} failed: {e}"),
            _ => {}
        }
    }
    match result {
        Ok(outcome) => outcome.unwrap_or_else(|e| panic!("{e}")),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Poll `check` every 250 ms until it is true, or fail after `timeout`.
async fn poll_until<F, Fut>(what: &str, timeout: Duration, mut check: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<bool>>,
{
    let started = Instant::now();
    while !check().await? {
        assert!(started.elapsed() < timeout, "{what}: not within {timeout:?}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    Ok(())
}

/// `size` pseudo-random bytes from a seed (xorshift64*), produced as they are read: nothing is
/// held but the state, and the SHA-256 of what was produced.
struct Seeded {
    state: u64,
    left: u64,
    sha: Sha256,
}

impl Seeded {
    fn new(seed: u64, size: u64) -> Self {
        Seeded { state: seed | 1, left: size, sha: Sha256::new() }
    }
}

impl AsyncRead for Seeded {
    fn poll_read(self: Pin<&mut Self>, _cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let n = (buf.remaining() as u64).min(this.left).min(1 << 20) as usize;
        let mut chunk = vec![0u8; n];
        for word in chunk.chunks_mut(8) {
            this.state ^= this.state >> 12;
            this.state ^= this.state << 25;
            this.state ^= this.state >> 27;
            let value = this.state.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes();
            word.copy_from_slice(&value[..word.len()]);
        }
        this.sha.update(&chunk);
        this.left -= n as u64;
        buf.put_slice(&chunk);
        Poll::Ready(Ok(()))
    }
}

/// Peak resident memory of this process (VmHWM), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb * 1024)
        .unwrap_or(0)
}

fn meta(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[tokio::test]
async fn container_and_object_lifecycle_with_metadata() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let (c1, c2) = (unique("life"), unique("life-copy"));
    in_containers(&conn, &[&c1, &c2], async {
        let containers = store.containers();
        let objects = store.objects();
        let create = CreateContainer {
            read_acl: Some(".r:*,.rlistings".into()),
            metadata: meta(&[("Color", "blue"), ("Owner", "ft")]),
            ..Default::default()
        };
        containers.create(&c1, &create).await?;
        containers.create(&c2, &CreateContainer::default()).await?;

        let shown = containers.get(&c1).await?;
        assert_eq!(shown.name, c1);
        assert_eq!(shown.count, Some(0));
        assert_eq!(shown.read_acl.as_deref(), Some(".r:*,.rlistings"));
        assert_eq!(shown.metadata, meta(&[("color", "blue"), ("owner", "ft")]));
        assert!(shown.storage_policy.is_some(), "{shown:?}");
        // found by name like any resource
        assert_eq!(containers.find(&c1).await?.name, c1);

        containers.update(&c1, &ContainerUpdate::default().set("Size", "L").unset("Owner")).await?;
        let shown = containers.get(&c1).await?;
        assert_eq!(shown.metadata, meta(&[("color", "blue"), ("size", "L")]));
        containers.update(&c1, &ContainerUpdate { remove_read_acl: true, ..Default::default() }).await?;
        assert_eq!(containers.get(&c1).await?.read_acl, None);

        // an object with metadata, content type and its ETag checked by swift
        let data = Bytes::from_static(b"hello, object store\n");
        let options = UploadOptions {
            content_type: Some("text/plain".into()),
            etag: Some(format!("{:x}", md5::Md5::digest(&data))),
            metadata: meta(&[("Kind", "greeting")]),
            ..Default::default()
        };
        let written = objects.upload(&c1, "dir/hello.txt", std::io::Cursor::new(data.clone()), &options).await?;
        assert_eq!(written.etag.as_deref(), options.etag.as_deref());
        // a wrong ETag is refused by swift
        let wrong = UploadOptions { etag: Some("0".repeat(32)), ..Default::default() };
        let refused = objects.upload(&c1, "bad", std::io::Cursor::new(data.clone()), &wrong).await.unwrap_err();
        assert_eq!(refused.status(), Some(422), "{refused}");
        // If-None-Match: * refuses to overwrite
        let once = UploadOptions { if_none_match: true, ..Default::default() };
        let refused = objects.upload_bytes(&c1, "dir/hello.txt", data.clone(), &once).await.unwrap_err();
        assert_eq!(refused.status(), Some(412), "{refused}");

        let object = objects.show(&c1, "dir/hello.txt").await?;
        assert_eq!((object.bytes, object.content_type.as_deref()), (Some(data.len() as u64), Some("text/plain")));
        assert_eq!(object.metadata, meta(&[("kind", "greeting")]));
        // the generic get addresses objects as <container>/<object>
        assert_eq!(objects.get(&format!("{c1}/dir/hello.txt")).await?.etag(), object.etag());

        // metadata set and unset keep the rest, content type included
        objects.set_object_metadata(&c1, "dir/hello.txt", &meta(&[("Lang", "en")])).await?;
        objects.unset_object_metadata(&c1, "dir/hello.txt", &BTreeSet::from(["KIND".to_string()])).await?;
        let object = objects.show(&c1, "dir/hello.txt").await?;
        assert_eq!(object.metadata, meta(&[("lang", "en")]));
        assert_eq!(object.content_type.as_deref(), Some("text/plain"));

        // download: whole (checked against the ETag), a range, conditions
        let mut whole = Vec::new();
        objects.download_to(&c1, "dir/hello.txt", &DownloadOptions::default(), &mut whole).await?;
        assert_eq!(whole, data);
        let range = DownloadOptions { range: Some("bytes=7-11".into()), ..Default::default() };
        let part = objects.download(&c1, "dir/hello.txt", &range).await?;
        assert_eq!(part.status, 206);
        let part: Vec<Bytes> = part.try_collect().await?;
        assert_eq!(part.concat(), b"objec");
        let stale = DownloadOptions { if_match: Some("\"0123\"".into()), ..Default::default() };
        let refused = objects.download(&c1, "dir/hello.txt", &stale).await.unwrap_err();
        assert_eq!(refused.status(), Some(412), "{refused}");

        // server-side copy across containers, with more metadata
        let copy = CopyOptions { metadata: meta(&[("Copied", "yes")]), ..Default::default() };
        objects.copy(&c1, "dir/hello.txt", &c2, "copy of hello", &copy).await?;
        let copied = objects.show(&c2, "copy of hello").await?;
        assert_eq!(copied.metadata, meta(&[("lang", "en"), ("copied", "yes")]));
        assert_eq!(copied.etag(), object.etag());

        // the account listing has it (its counts follow later, from swift's container updater)
        let listed =
            containers.list(&ContainerQuery { prefix: Some(c1.clone()), ..Default::default() }).collect_all().await?;
        assert_eq!(listed.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec![c1.as_str()]);
        let shown = containers.get(&c1).await?;
        assert_eq!((shown.count, shown.bytes), (Some(1), Some(data.len() as u64)));

        // a container with objects is not deleted; objects go one by one
        let conflict = containers.delete(&c2).await.unwrap_err();
        assert_eq!(conflict.status(), Some(409), "{conflict}");
        objects.delete(&c2, "copy of hello").await?;
        let gone = objects.show(&c2, "copy of hello").await.unwrap_err();
        assert!(gone.is_not_found(), "{gone}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn account_metadata_set_unset() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    // (swift turns `_` in metadata names into `-`: unique names have none)
    let key = unique("acct");
    store.set_account_metadata(&meta(&[(&key, "v1")])).await.unwrap();
    let account = store.account().await.unwrap();
    assert_eq!(account.metadata.get(&key.to_lowercase()).map(String::as_str), Some("v1"));
    assert!(account.container_count.is_some() && account.bytes_used.is_some(), "{account:?}");
    store.unset_account_metadata(&BTreeSet::from([key.clone()])).await.unwrap();
    assert!(!store.account().await.unwrap().metadata.contains_key(&key.to_lowercase()));
}

#[tokio::test]
async fn pseudo_folders_pagination_and_bulk_delete() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let c = unique("list");
    in_containers(&conn, &[&c], async {
        store.containers().create(&c, &CreateContainer::default()).await?;
        let objects = store.objects();
        let mut names: Vec<String> = (0..25).map(|i| format!("flat-{i:02}")).collect();
        names.extend((0..75).map(|i| format!("{}/item-{i:02}", ["photos", "docs", "music"][i % 3])));
        futures::stream::iter(names.clone())
            .map(|name| {
                let objects = objects.clone();
                let c = c.clone();
                async move { objects.upload_bytes(&c, &name, name.clone().into_bytes(), &UploadOptions::default()).await }
            })
            .buffer_unordered(8)
            .try_collect::<Vec<_>>()
            .await?;

        // 25 objects with limit 10: pages of 10, 10 and 5, fetched one by one
        let query = ObjectQuery::new(&c).prefix("flat-").limit(10);
        let pages: Vec<Vec<_>> = objects.list(&query).into_pages().try_collect().await?;
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), vec![10, 10, 5]);
        let listed: Vec<String> = pages.into_iter().flatten().map(|o| o.name).collect();
        assert_eq!(listed, names[..25].to_vec());
        // reverse, end marker
        let reversed = ObjectQuery { reverse: Some(true), ..ObjectQuery::new(&c).prefix("flat-").limit(7) };
        let names_rev: Vec<String> = objects.list(&reversed).map_ok(|o| o.name).try_collect().await?;
        assert_eq!(names_rev.first().map(String::as_str), Some("flat-24"));
        assert_eq!(names_rev.len(), 25);
        let bounded = ObjectQuery { end_marker: Some("flat-03".into()), ..ObjectQuery::new(&c).prefix("flat-") };
        assert_eq!(objects.list(&bounded).collect_all().await?.len(), 3);

        // pseudo folders: subdir entries at the delimiter, then their contents by prefix
        let top = objects.list(&ObjectQuery::new(&c).delimiter("/")).collect_all().await?;
        let folders: Vec<&str> = top.iter().filter_map(|o| o.subdir.as_deref()).collect();
        assert_eq!(folders, vec!["docs/", "music/", "photos/"]);
        assert_eq!(top.iter().filter(|o| o.subdir.is_none()).count(), 25);
        let photos = objects.list(&ObjectQuery::new(&c).prefix("photos/").delimiter("/").limit(10)).collect_all().await?;
        assert_eq!(photos.len(), 25);
        assert!(photos.iter().all(|o| o.name.starts_with("photos/item-") && o.bytes == Some(o.name.len() as u64)));

        // 100 objects deleted in one bulk request
        let paths: Vec<String> = names.iter().map(|n| format!("{c}/{n}")).collect();
        let result = store.bulk_delete(&paths).await?;
        assert!(result.is_success(), "{result:?}");
        assert_eq!((result.deleted, result.not_found), (100, 0));
        assert!(objects.list(&ObjectQuery::new(&c)).collect_all().await?.is_empty());
        let again = store.bulk_delete(&paths[..3]).await?;
        assert_eq!((again.deleted, again.not_found), (0, 3));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn container_listing_delimiter_reverse_and_paging() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let p = unique("roll");
    let names = [format!("{p}a"), format!("{p}b~1"), format!("{p}b~2")];
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    in_containers(&conn, &refs, async {
        for name in &names {
            store.containers().create(name, &CreateContainer::default()).await?;
        }
        let containers = store.containers();
        // rolled up at "~", one entry per page: the marker after a rolled-up entry is its prefix
        let query = ContainerQuery {
            prefix: Some(p.clone()),
            delimiter: Some("~".into()),
            limit: Some(1),
            ..Default::default()
        };
        let pages: Vec<Vec<Container>> = containers.list(&query).into_pages().try_collect().await?;
        let seen: Vec<(String, Option<String>)> = pages.into_iter().flatten().map(|c| (c.name, c.subdir)).collect();
        assert_eq!(seen, vec![(format!("{p}a"), None), (String::new(), Some(format!("{p}b~")))]);
        // reversed, paged by two
        let query =
            ContainerQuery { prefix: Some(p.clone()), reverse: Some(true), limit: Some(2), ..Default::default() };
        let reversed: Vec<String> = containers.list(&query).map_ok(|c| c.name).try_collect().await?;
        assert_eq!(reversed, vec![names[2].clone(), names[1].clone(), names[0].clone()]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn static_large_object_300_mib_in_parallel_segments() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let c = unique("slo");
    let segments = format!("{c}_segments");
    in_containers(&conn, &[&c, &segments], async {
        store.containers().create(&c, &CreateContainer::default()).await?;
        const SIZE: u64 = 300 * 1024 * 1024;
        const SEGMENT: usize = 32 * 1024 * 1024;
        // peak RSS from here on (writing 5 to clear_refs resets VmHWM)
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = peak_rss();
        let started = Instant::now();
        let source = Seeded::new(0x05_7AC4, SIZE);
        let (reader, digest) = hashing(source);
        let large = LargeUpload { segment_size: SEGMENT, concurrency: 4, kind: LargeKind::Static, ..Default::default() };
        let written = store.objects().upload_large(&c, "big.bin", reader, &large).await?;
        let uploaded_sha = digest.lock().unwrap().clone().expect("the reader was read to the end");
        let upload_time = started.elapsed();
        assert!(written.etag.as_deref().is_some_and(|e| e.starts_with('"')), "{written:?}");

        let object = store.objects().show(&c, "big.bin").await?;
        assert_eq!((object.bytes, object.is_static_large_object), (Some(SIZE), Some(true)));
        let seg_list = store.objects().list(&ObjectQuery::new(&segments)).collect_all().await?;
        assert_eq!(seg_list.len(), 10, "300 MiB in 32 MiB segments");

        let started = Instant::now();
        let mut download = store.objects().download(&c, "big.bin", &DownloadOptions::default()).await?;
        let mut sha = Sha256::new();
        let mut received = 0u64;
        while let Some(chunk) = download.next().await {
            let chunk = chunk?;
            received += chunk.len() as u64;
            sha.update(&chunk);
        }
        let download_time = started.elapsed();
        let downloaded_sha = format!("{:x}", sha.finalize());
        let peak = peak_rss();
        eprintln!(
            "SLO 300 MiB, 4 x 32 MiB: upload {:.1}s ({:.0} MiB/s), download {:.1}s ({:.0} MiB/s), peak RSS {} MiB (before {} MiB)",
            upload_time.as_secs_f64(),
            300.0 / upload_time.as_secs_f64(),
            download_time.as_secs_f64(),
            300.0 / download_time.as_secs_f64(),
            peak >> 20,
            before >> 20
        );
        assert_eq!(received, SIZE);
        assert_eq!(downloaded_sha, uploaded_sha, "the object came back byte-identical");
        // at most 4 segment buffers of 32 MiB at once, never the whole 300 MiB
        assert!(peak < 256 * 1024 * 1024, "peak RSS {} MiB", peak >> 20);

        // the manifest goes with its segments
        store.objects().delete_with_segments(&c, "big.bin").await?;
        assert!(store.objects().list(&ObjectQuery::new(&segments)).collect_all().await?.is_empty());
        Ok(())
    })
    .await;
}

/// A reader that records the SHA-256 of what it produced once it reaches its end.
fn hashing(source: Seeded) -> (Finishing, std::sync::Arc<std::sync::Mutex<Option<String>>>) {
    let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
    (Finishing { source, slot: slot.clone() }, slot)
}

struct Finishing {
    source: Seeded,
    slot: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

impl AsyncRead for Finishing {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.source).poll_read(cx, buf);
        if buf.filled().len() == before && buf.remaining() > 0 {
            let sha = format!("{:x}", this.source.sha.clone().finalize());
            *this.slot.lock().unwrap() = Some(sha);
        }
        poll
    }
}

#[tokio::test]
async fn dynamic_large_object_and_small_data_as_one_object() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let c = unique("dlo");
    let segments = unique("dlo-segs");
    in_containers(&conn, &[&c, &segments], async {
        store.containers().create(&c, &CreateContainer::default()).await?;
        let size = 3 * 1024 * 1024 + 123;
        let (reader, digest) = hashing(Seeded::new(7, size));
        let large = LargeUpload {
            segment_size: 1024 * 1024,
            concurrency: 2,
            kind: LargeKind::Dynamic,
            segment_container: Some(segments.clone()),
            ..Default::default()
        };
        store.objects().upload_large(&c, "dlo.bin", reader, &large).await?;
        let object = store.objects().show(&c, "dlo.bin").await?;
        assert!(object.object_manifest.is_some(), "{object:?}");
        assert_eq!(object.bytes, Some(size));
        let download = store.objects().download(&c, "dlo.bin", &DownloadOptions::default()).await?;
        let chunks: Vec<Bytes> = download.try_collect().await?;
        let sha = format!("{:x}", Sha256::digest(chunks.concat()));
        assert_eq!(Some(sha), digest.lock().unwrap().clone());
        assert_eq!(store.objects().list(&ObjectQuery::new(&segments)).collect_all().await?.len(), 4);
        store.objects().delete_with_segments(&c, "dlo.bin").await?;
        assert!(store.objects().list(&ObjectQuery::new(&segments)).collect_all().await?.is_empty());
        assert!(store.objects().show(&c, "dlo.bin").await.unwrap_err().is_not_found());

        // less than one segment: a plain object, no manifest
        let small = LargeUpload { segment_size: 1 << 20, ..Default::default() };
        store.objects().upload_large(&c, "small.bin", std::io::Cursor::new(vec![1u8; 1000]), &small).await?;
        let object = store.objects().show(&c, "small.bin").await?;
        assert!(!object.is_large() && object.bytes == Some(1000), "{object:?}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn temp_urls_and_form_post_work_without_a_token() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let c = unique("tmpurl");
    in_containers(&conn, &[&c], async {
        store.containers().create(&c, &CreateContainer::default()).await?;
        let key = unique("key");
        store.set_temp_url_key(key.as_str(), false).await?;
        let account = store.account().await?;
        assert_eq!(account.temp_url_key.as_ref().map(|k| k.expose()), Some(key.as_str()));
        assert!(!format!("{account:?}").contains(&key), "the key never shows in Debug");
        store.objects().upload_bytes(&c, "shared/file.txt", &b"shared data"[..], &UploadOptions::default()).await?;
        let http = reqwest::Client::new();

        // GET with SHA-256 and SHA-512 signatures; nothing else is allowed
        for digest in [Digest::Sha256, Digest::Sha512] {
            let options = TempUrlOptions { digest, expiry: Expiry::In(Duration::from_secs(300)), ..Default::default() };
            let url = store.temp_url(&c, "shared/file.txt", &options).await?;
            let got = http.get(&url).send().await.unwrap();
            assert_eq!(got.status(), 200, "{url}");
            assert_eq!(got.bytes().await.unwrap(), &b"shared data"[..]);
            assert_eq!(http.delete(&url).send().await.unwrap().status(), 401);
        }
        // an ISO 8601 expiry in the URL works the same
        let iso = TempUrlOptions { iso8601: true, ..Default::default() };
        let url = store.temp_url(&c, "shared/file.txt", &iso).await?;
        assert!(url.contains("temp_url_expires=20"), "{url}");
        assert_eq!(http.get(&url).send().await.unwrap().status(), 200);

        // PUT through a temp URL
        let put = TempUrlOptions { method: "PUT".into(), ..Default::default() };
        let url = store.temp_url(&c, "uploaded.txt", &put).await?;
        let sent = http.put(&url).body("via temp url").send().await.unwrap();
        assert_eq!(sent.status(), 201);
        assert_eq!(store.objects().show(&c, "uploaded.txt").await?.bytes, Some(12));

        // a prefix URL opens every object under the prefix, and nothing else
        let prefix = TempUrlOptions { prefix: true, ..Default::default() };
        let url = store.temp_url(&c, "shared/", &prefix).await?;
        let other = url.replacen("/shared/?", "/shared/file.txt?", 1);
        assert_eq!(http.get(&other).send().await.unwrap().status(), 200, "{other}");
        let outside = url.replacen("/shared/?", "/uploaded.txt?", 1);
        assert_eq!(http.get(&outside).send().await.unwrap().status(), 401);

        // a short-lived URL works, then is refused once expired (polled, not slept blindly)
        let short = TempUrlOptions { expiry: Expiry::In(Duration::from_secs(2)), ..Default::default() };
        let url = store.temp_url(&c, "shared/file.txt", &short).await?;
        assert_eq!(http.get(&url).send().await.unwrap().status(), 200);
        poll_until("the temp URL expires", Duration::from_secs(15), || {
            let (http, url) = (http.clone(), url.clone());
            async move { Ok(http.get(&url).send().await.unwrap().status() == 401) }
        })
        .await?;

        // form POST: a browser-style multipart upload with the signed fields
        let form =
            store.form_post(&c, "forms/", &FormPostOptions { max_file_size: 1024, ..Default::default() }).await?;
        let boundary = "ostack-ft-boundary";
        let mut body = String::new();
        for (name, value) in &form.fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"note.txt\"\r\n\
             Content-Type: text/plain\r\n\r\nfrom a form\r\n--{boundary}--\r\n"
        ));
        let posted = http
            .post(&form.url)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await
            .unwrap();
        let status = posted.status();
        assert!(status.is_success(), "{status}: {}", posted.text().await.unwrap_or_default());
        let note = store.objects().show(&c, "forms/note.txt").await?;
        assert_eq!((note.bytes, note.content_type.as_deref()), (Some(11), Some("text/plain")));

        store.update_account(&ostack::object_store::v1::AccountUpdate::default().unset("temp-url-key")).await?;
        assert!(store.account().await?.temp_url_key.is_none());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn delete_after_is_honoured_and_quotas_are_explained() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let c = unique("expire");
    in_containers(&conn, &[&c], async {
        let quota = CreateContainer { quota_bytes: Some(100), ..Default::default() };
        store.containers().create(&c, &quota).await?;
        assert_eq!(store.containers().get(&c).await?.quota_bytes, Some(100));
        let objects = store.objects();
        let brief = UploadOptions { delete_after: Some(2), ..Default::default() };
        objects.upload_bytes(&c, "brief.txt", &b"soon gone"[..], &brief).await?;
        assert!(objects.show(&c, "brief.txt").await?.delete_at.is_some());
        poll_until("X-Delete-After removes the object", Duration::from_secs(30), || async {
            match objects.show(&c, "brief.txt").await {
                Err(e) if e.is_not_found() => Ok(true),
                Err(e) => Err(e),
                Ok(_) => Ok(false),
            }
        })
        .await?;

        // over the container's byte quota: 413, explained (the quota is judged on the announced
        // length, so a streamed upload announces it)
        let sized = UploadOptions { content_length: Some(500), ..Default::default() };
        let too_big = objects.upload(&c, "big", std::io::Cursor::new(vec![0u8; 500]), &sized).await;
        let error = too_big.unwrap_err();
        assert_eq!(error.status(), Some(413), "{error}");
        assert!(error.to_string().contains("quota"), "{error}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn extract_archive_info_and_blocking_facade() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let c = unique("tar");
    in_containers(&conn, &[&c], async {
        let info = store.info().await?;
        assert!(info.has("slo") && info.has("tempurl") && info.has("bulk_delete"), "{info:?}");
        assert!(info.tempurl_digests().contains(&"sha512".to_string()));
        assert!(info.slo_max_segments().is_some());

        store.containers().create(&c, &CreateContainer::default()).await?;
        let dir = tempfile::tempdir()?;
        std::fs::create_dir_all(dir.path().join("a/b"))?;
        std::fs::write(dir.path().join("a/one.txt"), "1")?;
        std::fs::write(dir.path().join("a/b/two.txt"), "22")?;
        let tar = std::process::Command::new("tar").arg("-C").arg(dir.path()).args(["-cf", "-", "a"]).output()?;
        assert!(tar.status.success());
        let result = store.extract_archive(Some(&c), std::io::Cursor::new(tar.stdout), ArchiveFormat::Tar).await?;
        assert!(result.is_success(), "{result:?}");
        assert_eq!(result.created, 2);
        let mut names: Vec<String> =
            store.objects().list(&ObjectQuery::new(&c)).map_ok(|o| o.name).try_collect().await?;
        names.sort();
        assert_eq!(names, vec!["a/b/two.txt", "a/one.txt"]);

        // the blocking facade lists and shows the same
        let c2 = c.clone();
        let (count, listed) = tokio::task::spawn_blocking(move || {
            let blocking = ostack::blocking::Connection::from_cloud("devcloud")?;
            let store = blocking.object_store();
            let count = store.containers().get(&c2)?.count;
            let listed = store.objects().list(&ObjectQuery::new(&c2)).collect_all()?.len();
            Ok::<_, ostack::Error>((count, listed))
        })
        .await
        .unwrap()?;
        assert_eq!((count, listed), (Some(2), 2));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn versioning_location_and_storage_policy() {
    let Some(conn) = cloud().await else { return };
    let store = conn.object_store();
    let (c, versions) = (unique("versioned"), unique("versions"));
    in_containers(&conn, &[&c, &versions], async {
        store.containers().create(&versions, &CreateContainer::default()).await?;
        let create = CreateContainer {
            history_location: Some(versions.clone()),
            storage_policy: Some("Policy-0".into()),
            write_acl: Some("*:*".into()),
            ..Default::default()
        };
        store.containers().create(&c, &create).await?;
        let shown = store.containers().get(&c).await?;
        assert_eq!(shown.history_location.as_deref(), Some(versions.as_str()));
        assert_eq!((shown.storage_policy.as_deref(), shown.write_acl.as_deref()), (Some("Policy-0"), Some("*:*")));
        // an overwritten object leaves its old version in the history container
        let objects = store.objects();
        objects.upload_bytes(&c, "doc", &b"version one"[..], &UploadOptions::default()).await?;
        objects.upload_bytes(&c, "doc", &b"version two"[..], &UploadOptions::default()).await?;
        let old = objects.list(&ObjectQuery::new(&versions)).collect_all().await?;
        assert_eq!(old.len(), 1, "{old:?}");
        let mut kept = Vec::new();
        objects.download_to(&versions, &old[0].name, &DownloadOptions::default(), &mut kept).await?;
        assert_eq!(kept, b"version one");
        // versioning stops when the location is removed
        let stop = ContainerUpdate { remove_history_location: true, ..Default::default() };
        store.containers().update(&c, &stop).await?;
        assert_eq!(store.containers().get(&c).await?.history_location, None);
        Ok(())
    })
    .await;
}
