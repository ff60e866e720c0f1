//! Large objects: data cut into segments uploaded in parallel, joined by a manifest.
//!
//! A static large object (SLO, the `slo` middleware) lists its segments with their ETags and
//! sizes in a JSON manifest; a dynamic one (DLO) names a `<container>/<prefix>` and is the
//! concatenation of whatever objects carry that prefix. Both download as one object.
//!
//! Memory stays bounded: a segment is read into a buffer only once one of `concurrency` slots
//! is free, and the buffer is dropped when its upload ends, so at most `concurrency` segment
//! buffers exist at once.

use super::object::{Object, ObjectQuery};
use super::transfer::{explain_413, md5_hex, object_request, written, UploadOptions};
use super::{object_path, Written};
use crate::session::RequestBody;
use crate::{Api, Error, Result};
use bytes::BytesMut;
use futures::TryStreamExt;
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::Semaphore;

/// Which kind of large object to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LargeKind {
    /// Static when the cloud has the `slo` middleware (asked once, from `/info`), else dynamic.
    #[default]
    Auto,
    /// Static large object: a manifest listing each segment with its ETag and size.
    Static,
    /// Dynamic large object: a manifest naming the segments' prefix.
    Dynamic,
}

/// How a large object is uploaded.
#[derive(Debug, Clone)]
pub struct LargeUpload {
    /// Bytes per segment (the last one may be shorter).
    pub segment_size: usize,
    /// Segments uploaded at once; also the most segment buffers held in memory.
    pub concurrency: usize,
    /// Where the segments go (default `<container>_segments`, created if needed).
    pub segment_container: Option<String>,
    /// Static or dynamic.
    pub kind: LargeKind,
    /// Content type, metadata, expiry... of the object (the segments expire with it).
    pub options: UploadOptions,
}

impl Default for LargeUpload {
    fn default() -> Self {
        LargeUpload {
            segment_size: 32 * 1024 * 1024,
            concurrency: 4,
            segment_container: None,
            kind: LargeKind::Auto,
            options: UploadOptions::default(),
        }
    }
}

/// One entry of a static large object's manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SegmentEntry {
    path: String,
    etag: String,
    size_bytes: u64,
}

/// A segment uploaded.
struct Uploaded {
    index: usize,
    container: String,
    name: String,
    etag: String,
    size: u64,
}

/// Fill `buf` from `reader` up to its capacity; returns false at the end of the data.
async fn fill<R: AsyncRead + Unpin>(reader: &mut R, buf: &mut BytesMut, size: usize) -> Result<bool> {
    while buf.len() < size {
        if reader.read_buf(buf).await? == 0 {
            return Ok(false);
        }
    }
    Ok(true)
}

impl Api<Object> {
    /// Upload a large object from a reader: the data is cut into `segment_size` segments,
    /// `concurrency` of them uploaded at once (each with its MD5 checked by swift), then the
    /// manifest is written and its ETag checked against the segments'. Data shorter than one
    /// segment is uploaded as a plain object. On failure the segments already uploaded are
    /// deleted.
    pub async fn upload_large<R>(&self, container: &str, name: &str, reader: R, large: &LargeUpload) -> Result<Written>
    where
        R: AsyncRead + Send + Unpin + 'static,
    {
        if large.segment_size == 0 || large.concurrency == 0 {
            return Err(Error::InvalidInput("segment size and concurrency must be at least 1".into()));
        }
        object_path(container, name)?;
        let mut reader = reader;
        let mut options = large.options.clone();
        // the segments and the manifest expire together
        if let Some(after) = options.delete_after.take() {
            options.delete_at = Some(unix_now() + after);
        }
        let store = super::ObjectStoreProxy::new(self.connection().clone());
        let kind = match large.kind {
            LargeKind::Auto if store.info().await?.has("slo") => LargeKind::Static,
            LargeKind::Auto => LargeKind::Dynamic,
            other => other,
        };
        let max_segments = match kind {
            LargeKind::Static => store.info().await.ok().and_then(|i| i.slo_max_segments()).unwrap_or(1000),
            _ => u64::MAX,
        };
        if options.if_none_match {
            match self.show(container, name).await {
                Ok(_) => {
                    return Err(Error::Api {
                        status: 412,
                        method: "PUT".into(),
                        url: object_path(container, name)?,
                        request_id: None,
                        message: "the object exists and If-None-Match: * was asked".into(),
                    })
                }
                Err(e) if e.status() == Some(404) => {}
                Err(e) => return Err(e),
            }
        }

        let slots = Arc::new(Semaphore::new(large.concurrency));
        let permit = slots.clone().acquire_owned().await.map_err(|_| Error::InvalidInput("closed".into()))?;
        let mut first = BytesMut::with_capacity(large.segment_size);
        if !fill(&mut reader, &mut first, large.segment_size).await? {
            // shorter than a segment: one plain object
            drop(permit);
            return self.upload_bytes(container, name, first.freeze(), &options).await;
        }

        let segment_container = large.segment_container.clone().unwrap_or_else(|| format!("{container}_segments"));
        store.containers().create(&segment_container, &Default::default()).await?;
        let prefix = format!(
            "{name}/{}/{}/{}/",
            if kind == LargeKind::Static { "slo" } else { "dlo" },
            unix_nanos(),
            large.segment_size
        );
        let segment_options = UploadOptions {
            content_type: Some("application/octet-stream".into()),
            delete_at: options.delete_at,
            no_verify: options.no_verify,
            ..Default::default()
        };

        let mut tasks = tokio::task::JoinSet::new();
        let mut buffer = Some(first);
        let mut permit = Some(permit);
        let mut index = 0usize;
        let mut failure: Option<Error> = None;
        let mut done: Vec<Uploaded> = Vec::new();
        loop {
            let (data, slot) = match (buffer.take(), permit.take()) {
                (Some(data), Some(slot)) => (data, slot),
                _ => {
                    // a free slot first, then read into a new buffer: never more than `concurrency` buffers
                    let slot = tokio::select! {
                        slot = slots.clone().acquire_owned() => slot.map_err(|_| Error::InvalidInput("closed".into()))?,
                        Some(finished) = tasks.join_next(), if !tasks.is_empty() => {
                            match task_result(finished) {
                                Ok(segment) => done.push(segment),
                                Err(e) => { failure = Some(e); break; }
                            }
                            continue;
                        }
                    };
                    let mut data = BytesMut::with_capacity(large.segment_size);
                    match fill(&mut reader, &mut data, large.segment_size).await {
                        Ok(_) if data.is_empty() => break,
                        Ok(_) => (data, slot),
                        Err(e) => {
                            failure = Some(e);
                            break;
                        }
                    }
                }
            };
            if index as u64 >= max_segments {
                failure = Some(Error::InvalidInput(format!(
                    "{name}: the data needs more than {max_segments} segments of {} bytes, the most a static large \
                     object may have on this cloud; use a larger segment size",
                    large.segment_size
                )));
                break;
            }
            let api = self.clone();
            let segment = format!("{prefix}{index:08}");
            let seg_container = segment_container.clone();
            let seg_options = segment_options.clone();
            tasks.spawn(async move {
                let data = data.freeze();
                let size = data.len() as u64;
                let etag = if seg_options.no_verify {
                    None
                } else {
                    let md5_data = data.clone();
                    let md5 = tokio::task::spawn_blocking(move || md5_hex(&md5_data))
                        .await
                        .map_err(|e| Error::InvalidInput(format!("hashing a segment failed: {e}")))?;
                    Some(md5)
                };
                let options = UploadOptions { etag: etag.clone(), ..seg_options };
                let answered = api.upload_bytes(&seg_container, &segment, data, &options).await?.etag;
                // unverified: the manifest lists the ETag swift computed
                let etag = etag.or(answered.map(|e| e.trim_matches('"').to_string())).unwrap_or_default();
                drop(slot);
                Ok::<_, Error>(Uploaded { index, container: seg_container, name: segment, etag, size })
            });
            index += 1;
        }

        // the uploads in flight end either way (their segments are then known, for the cleanup)
        while let Some(finished) = tasks.join_next().await {
            match task_result(finished) {
                Ok(segment) => done.push(segment),
                Err(e) => failure = failure.or(Some(e)),
            }
        }
        done.sort_by_key(|s| s.index);
        if let Some(error) = failure {
            self.remove_segments(&done).await;
            return Err(error);
        }

        let expected = md5_hex(done.iter().map(|s| s.etag.as_str()).collect::<String>().as_bytes());
        let outcome = match kind {
            LargeKind::Dynamic => self.put_dlo_manifest(container, name, &segment_container, &prefix, &options).await,
            _ => self.put_slo_manifest(container, name, &done, &options).await,
        };
        let manifest = match outcome {
            Ok(m) => m,
            Err(e) => {
                self.remove_segments(&done).await;
                return Err(e);
            }
        };
        let answered = match kind {
            LargeKind::Dynamic => self.dlo_etag(container, name, &expected).await?,
            _ => manifest.etag.clone().unwrap_or_default(),
        };
        if answered.trim_matches('"') != expected {
            return Err(Error::Transport {
                method: "PUT".into(),
                url: object_path(container, name)?,
                message: format!(
                    "the manifest's ETag is {answered}, but the {} segments uploaded make {expected}",
                    done.len()
                ),
            });
        }
        Ok(manifest)
    }

    async fn put_slo_manifest(
        &self,
        container: &str,
        name: &str,
        segments: &[Uploaded],
        options: &UploadOptions,
    ) -> Result<Written> {
        let entries: Vec<SegmentEntry> = segments
            .iter()
            .map(|s| SegmentEntry {
                path: format!("/{}/{}", s.container, s.name),
                etag: s.etag.clone(),
                size_bytes: s.size,
            })
            .collect();
        let body = serde_json::to_vec(&entries).map_err(|e| Error::InvalidInput(format!("manifest: {e}")))?;
        let headers = options.headers()?;
        let mut request = object_request(self, Method::PUT, container, name, "multipart-manifest=put", headers).await?;
        request.body = RequestBody::Bytes(body.into(), "application/json");
        let fetched = self.connection().fetch(request).await.map_err(explain_413)?;
        Ok(written(&fetched))
    }

    async fn put_dlo_manifest(
        &self,
        container: &str,
        name: &str,
        segment_container: &str,
        prefix: &str,
        options: &UploadOptions,
    ) -> Result<Written> {
        let mut headers = options.headers()?;
        let manifest = object_path(segment_container, prefix)?;
        crate::headers::insert(&mut headers, "x-object-manifest", &manifest)?;
        crate::headers::insert(&mut headers, "content-length", "0")?;
        let mut request = object_request(self, Method::PUT, container, name, "", headers).await?;
        request.body = RequestBody::Bytes(bytes::Bytes::new(), "application/octet-stream");
        let fetched = self.connection().fetch(request).await.map_err(explain_413)?;
        Ok(written(&fetched))
    }

    /// A dynamic large object's ETag once its listing shows every segment (listings may lag
    /// behind writes on a busy cluster: asked again for a few seconds).
    async fn dlo_etag(&self, container: &str, name: &str, expected: &str) -> Result<String> {
        let mut etag = String::new();
        for attempt in 0..20 {
            etag = self.show(container, name).await?.hash.unwrap_or_default();
            if etag.trim_matches('"') == expected {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100 * (attempt + 1).min(5))).await;
        }
        Ok(etag)
    }

    /// Best-effort cleanup of segments after a failed upload.
    async fn remove_segments(&self, segments: &[Uploaded]) {
        let store = super::ObjectStoreProxy::new(self.connection().clone());
        let paths: Vec<String> = segments.iter().map(|s| format!("{}/{}", s.container, s.name)).collect();
        if paths.is_empty() {
            return;
        }
        if let Err(e) = store.bulk_delete(&paths).await {
            tracing::warn!(error = %e, segments = paths.len(), "could not delete the segments of a failed upload");
        }
    }

    /// Delete an object and, for a large object, its segments: a static one with
    /// `multipart-manifest=delete`, a dynamic one by deleting every object under its prefix.
    pub async fn delete_with_segments(&self, container: &str, name: &str) -> Result<()> {
        let object = self.show(container, name).await?;
        if object.is_static_large_object == Some(true) {
            let mut headers = HeaderMap::new();
            crate::headers::insert(&mut headers, "accept", "application/json")?;
            let request =
                object_request(self, Method::DELETE, container, name, "multipart-manifest=delete", headers).await?;
            let url = request.url.clone();
            let fetched = self.connection().fetch(request).await?;
            let result: super::BulkDeleteResult =
                crate::connection::decode_seeded(&fetched.body, std::marker::PhantomData, "bulk delete result", &url)?;
            return result.into_result("DELETE", &url);
        }
        if let Some(manifest) = &object.object_manifest {
            let decoded = percent_encoding::percent_decode_str(manifest).decode_utf8_lossy().into_owned();
            let (seg_container, prefix) = decoded.split_once('/').unwrap_or((&decoded, ""));
            let query = ObjectQuery::new(seg_container).prefix(prefix);
            let mut paths: Vec<String> =
                self.list(&query).map_ok(|o| format!("{seg_container}/{}", o.name)).try_collect().await?;
            paths.push(format!("{container}/{name}"));
            let store = super::ObjectStoreProxy::new(self.connection().clone());
            let result = store.bulk_delete(&paths).await?;
            return result.into_result("POST", "?bulk-delete");
        }
        self.delete(container, name).await
    }
}

fn task_result(finished: std::result::Result<Result<Uploaded>, tokio::task::JoinError>) -> Result<Uploaded> {
    finished.unwrap_or_else(|e| Err(Error::InvalidInput(format!("a segment upload failed: {e}"))))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn unix_nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}
