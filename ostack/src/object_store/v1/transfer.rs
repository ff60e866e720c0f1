//! Object data both ways, streamed: uploads from any `AsyncRead` or stream of chunks with their
//! MD5 computed on the way (on a thread beside the I/O) and checked against swift's ETag, downloads as a stream checked the
//! same way when the whole object comes back; server-side copies and metadata changes.

use super::object::Object;
use super::{object_path, Written};
use crate::catalog::ServiceType;
use crate::headers;
use crate::session::{Request, RequestBody};
use crate::{Api, Error, Result};
use bytes::Bytes;
use futures::stream::BoxStream;
use futures::{Stream, StreamExt, TryStreamExt};
use md5::{Digest as _, Md5};
use reqwest::header::HeaderMap;
use reqwest::Method;
use std::collections::{BTreeMap, BTreeSet};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

/// Chunk size of uploads read from an `AsyncRead`.
const READ_CHUNK: usize = 256 * 1024;

/// The largest write [`Download::write_to`] makes: downloaded chunks are gathered up to this.
pub const WRITE_BUFFER: usize = 1024 * 1024;

/// How an object is written (`PUT <container>/<object>`).
#[derive(Debug, Clone, Default)]
pub struct UploadOptions {
    /// MIME type; when absent swift guesses it from the name (`X-Detect-Content-Type`).
    pub content_type: Option<String>,
    /// The MD5 the data must have: sent as `ETag`, so swift refuses different data (422).
    /// Whether or not it is given, the MD5 of what was sent is checked against swift's answer.
    pub etag: Option<String>,
    /// Custom metadata (`X-Object-Meta-<key>`).
    pub metadata: BTreeMap<String, String>,
    /// Delete the object this many seconds after it is written (`X-Delete-After`).
    pub delete_after: Option<u64>,
    /// Delete the object at this time, in seconds since the epoch (`X-Delete-At`).
    pub delete_at: Option<u64>,
    /// Fail (412) rather than overwrite an existing object (`If-None-Match: *`).
    pub if_none_match: bool,
    /// The size, when known: sent as `Content-Length` rather than a chunked body.
    pub content_length: Option<u64>,
    /// Do not compute the MD5 of the data nor check it against swift's ETag (it is checked by
    /// default; skipping it saves about 2 s of CPU per GiB).
    pub no_verify: bool,
    /// `Content-Encoding` to record.
    pub content_encoding: Option<String>,
    /// `Content-Disposition` to record.
    pub content_disposition: Option<String>,
    /// Any other header (`X-Symlink-Target`, ...).
    pub headers: Vec<(String, String)>,
}

impl UploadOptions {
    /// The request headers these options stand for (the data's own size and ETag aside).
    pub(crate) fn headers(&self) -> Result<HeaderMap> {
        let mut h = HeaderMap::new();
        match &self.content_type {
            Some(ct) => headers::insert(&mut h, "content-type", ct)?,
            None => headers::insert(&mut h, "x-detect-content-type", "true")?,
        }
        for (key, value) in &self.metadata {
            headers::insert(&mut h, &format!("x-object-meta-{key}"), value)?;
        }
        if let Some(after) = self.delete_after {
            headers::insert(&mut h, "x-delete-after", &after.to_string())?;
        }
        if let Some(at) = self.delete_at {
            headers::insert(&mut h, "x-delete-at", &at.to_string())?;
        }
        if self.if_none_match {
            headers::insert(&mut h, "if-none-match", "*")?;
        }
        if let Some(v) = &self.content_encoding {
            headers::insert(&mut h, "content-encoding", v)?;
        }
        if let Some(v) = &self.content_disposition {
            headers::insert(&mut h, "content-disposition", v)?;
        }
        for (name, value) in &self.headers {
            headers::insert(&mut h, name, value)?;
        }
        Ok(h)
    }
}

/// How an object is read (`GET <container>/<object>`).
#[derive(Debug, Clone, Default)]
pub struct DownloadOptions {
    /// Only these bytes: `bytes=0-1023`, `bytes=-100` (the last 100)... (`Range`).
    pub range: Option<String>,
    /// Only if the ETag is this one, else 412 (`If-Match`).
    pub if_match: Option<String>,
    /// Only if the ETag is not this one, else 304 (`If-None-Match`).
    pub if_none_match: Option<String>,
    /// Do not check the data against the ETag (it is checked by default when the whole of a
    /// plain object is read).
    pub no_verify: bool,
    /// A large object's manifest itself rather than its data (`multipart-manifest=get`).
    pub manifest: bool,
}

/// A server-side copy (`PUT <to> + X-Copy-From: <from>`).
#[derive(Debug, Clone, Default)]
pub struct CopyOptions {
    /// Start the copy's metadata afresh instead of copying the source's (`X-Fresh-Metadata`).
    pub fresh_metadata: bool,
    /// Metadata to add (or change) on the copy.
    pub metadata: BTreeMap<String, String>,
    /// MIME type of the copy.
    pub content_type: Option<String>,
    /// Copy a large object's manifest rather than its data (`multipart-manifest=get`).
    pub manifest: bool,
}

/// A raw metadata change (`POST <container>/<object>`): swift *replaces* all custom metadata
/// with what is sent. [`Api::set_object_metadata`] and [`Api::unset_object_metadata`] read the
/// object first and keep what is not changed.
#[derive(Debug, Clone, Default)]
pub struct ObjectUpdate {
    /// The whole custom metadata after the change.
    pub metadata: BTreeMap<String, String>,
    /// New MIME type (kept when absent).
    pub content_type: Option<String>,
    /// `Content-Encoding` (dropped when absent: send the old one to keep it).
    pub content_encoding: Option<String>,
    /// `Content-Disposition` (dropped when absent: send the old one to keep it).
    pub content_disposition: Option<String>,
    /// Delete after this many seconds.
    pub delete_after: Option<u64>,
    /// Delete at this time (seconds since the epoch).
    pub delete_at: Option<u64>,
    /// Cancel a scheduled deletion (`X-Remove-Delete-At`).
    pub remove_delete_at: bool,
}

/// An object being downloaded: its headers, and its data as a stream of chunks. When the whole
/// of a plain object is read, the stream's last item is an error if the data's MD5 is not the
/// ETag.
pub struct Download {
    /// The object, from the response headers (`bytes` is the size of this response: the range
    /// asked for, if any).
    pub object: Object,
    /// HTTP status (200, or 206 for a range).
    pub status: u16,
    /// `Content-Range` of a range answer.
    pub content_range: Option<String>,
    stream: BoxStream<'static, Result<Bytes>>,
}

impl std::fmt::Debug for Download {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Download").field("object", &self.object).field("status", &self.status).finish_non_exhaustive()
    }
}

impl Stream for Download {
    type Item = Result<Bytes>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().stream.poll_next_unpin(cx)
    }
}

impl Download {
    /// Write the data into `writer`, in writes of up to [`WRITE_BUFFER`] bytes (the network
    /// delivers chunks of a few KiB; a `tokio::fs::File` hands each write to a thread); returns the
    /// number of bytes written.
    pub async fn write_to<W: AsyncWrite + Unpin>(mut self, writer: &mut W) -> Result<u64> {
        let mut writer = tokio::io::BufWriter::with_capacity(WRITE_BUFFER, writer);
        let mut written = 0u64;
        while let Some(chunk) = self.stream.next().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await?;
            written += chunk.len() as u64;
        }
        writer.flush().await?;
        Ok(written)
    }
}

/// The length and (unless the transfer is not verified) the MD5 (hex) of the data that went
/// through a transfer. The MD5 is computed on a thread of its own so that hashing runs beside the
/// network I/O instead of between its reads and writes; at most [`HASH_QUEUE`] chunks wait for
/// it (the transfer waits when it falls behind). Chunks are `Bytes`: handing one over copies
/// nothing.
pub(crate) struct Hasher {
    chunks: Option<tokio::sync::mpsc::Sender<HashInput>>,
    length: Arc<AtomicU64>,
}

/// Chunks that may wait for the hashing thread (of at most [`READ_CHUNK`] each for uploads).
const HASH_QUEUE: usize = 8;

enum HashInput {
    Chunk(Bytes),
    Finish(tokio::sync::oneshot::Sender<String>),
}

impl Hasher {
    /// Count the data, and hash it on a thread of its own when `verify`; the thread ends with
    /// [`Hasher::finish`] or when every handle is gone.
    pub(crate) fn start(verify: bool) -> Hasher {
        let length = Arc::new(AtomicU64::new(0));
        if !verify {
            return Hasher { chunks: None, length };
        }
        let (chunks, mut inbox) = tokio::sync::mpsc::channel(HASH_QUEUE);
        std::thread::spawn(move || {
            let mut md5 = Md5::new();
            while let Some(input) = inbox.blocking_recv() {
                match input {
                    HashInput::Chunk(chunk) => md5.update(&chunk),
                    HashInput::Finish(answer) => {
                        let _ = answer.send(format!("{:x}", md5.finalize()));
                        return;
                    }
                }
            }
        });
        Hasher { chunks: Some(chunks), length }
    }

    /// Pass a chunk through, counting and hashing it (waits while the hashing thread is
    /// [`HASH_QUEUE`] chunks behind).
    fn tap<E>(&self) -> impl FnMut(Bytes) -> futures::future::BoxFuture<'static, std::result::Result<Bytes, E>> {
        let (chunks, length) = (self.chunks.clone(), self.length.clone());
        move |chunk: Bytes| {
            length.fetch_add(chunk.len() as u64, Ordering::Relaxed);
            let chunks = chunks.clone();
            Box::pin(async move {
                if let Some(chunks) = chunks {
                    // the thread only goes away after `finish`, which comes after the last chunk
                    let _ = chunks.send(HashInput::Chunk(chunk.clone())).await;
                }
                Ok(chunk)
            })
        }
    }

    /// The MD5 (hex; `None` when not verifying) and length of every chunk passed through.
    async fn finish(self) -> (Option<String>, u64) {
        let length = self.length.load(Ordering::Relaxed);
        let Some(chunks) = self.chunks else { return (None, length) };
        let (answer, digest) = tokio::sync::oneshot::channel();
        let _ = chunks.send(HashInput::Finish(answer)).await;
        // the thread only hashes and cannot fail, so it always answers
        (digest.await.ok(), length)
    }
}

/// MD5 of bytes, in hex.
pub(crate) fn md5_hex(data: &[u8]) -> String {
    format!("{:x}", Md5::digest(data))
}

/// A stream of chunks read from `reader`.
pub(crate) fn reader_stream<R: AsyncRead + Send + 'static>(
    reader: R,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    tokio_util::io::ReaderStream::with_capacity(reader, READ_CHUNK)
}

/// What a write answered.
pub(crate) fn written(fetched: &crate::session::Fetched) -> Written {
    Written {
        status: fetched.status.as_u16(),
        etag: headers::get(&fetched.headers, "etag"),
        last_modified: headers::get(&fetched.headers, "last-modified"),
        request_id: crate::session::request_id(&fetched.headers),
        headers: fetched.headers.clone(),
    }
}

/// A 413 explained: swift answers it for quotas and for objects over its size limit.
pub(crate) fn explain_413(error: Error) -> Error {
    match error {
        Error::Api { status: 413, method, url, request_id, message } => Error::Api {
            status: 413,
            method,
            url,
            request_id,
            message: format!(
                "{message} (swift refused the upload as too large: it would exceed the container's quota \
                 (X-Container-Meta-Quota-Bytes / -Count), the account's (X-Account-Meta-Quota-Bytes), or the \
                 cluster's max_file_size (see /info); upload big data as a large object in segments)"
            ),
        },
        other => other,
    }
}

/// The request to `<container>/<object>` (plus a query), with headers.
pub(crate) async fn object_request(
    api: &Api<Object>,
    method: Method,
    container: &str,
    name: &str,
    query: &str,
    headers: HeaderMap,
) -> Result<Request> {
    let mut path = object_path(container, name)?;
    if !query.is_empty() {
        path = format!("{path}?{query}");
    }
    let mut request = api.connection().request(ServiceType::ObjectStore, method, &path).await?;
    request.headers.extend(headers);
    Ok(request)
}

/// Compare the MD5 of what was sent with the ETag swift answered.
fn check_etag(method: &str, url: &str, sent_md5: &str, answered: Option<&str>) -> Result<()> {
    match answered.map(|e| e.trim_matches('"')) {
        Some(etag) if !etag.eq_ignore_ascii_case(sent_md5) => Err(Error::Transport {
            method: method.into(),
            url: url.into(),
            message: format!(
                "the data was altered on the way: swift stored MD5 {etag}, the data sent has MD5 {sent_md5}"
            ),
        }),
        _ => Ok(()),
    }
}

impl Api<Object> {
    /// One object's headers (`HEAD <container>/<object>`).
    pub async fn show(&self, container: &str, name: &str) -> Result<Object> {
        let request = object_request(self, Method::HEAD, container, name, "", HeaderMap::new()).await?;
        let fetched = self.connection().fetch(request).await?;
        let mut object: Object = headers::from_headers(&fetched.headers).map_err(|e| Error::Decode {
            resource: "Object".into(),
            url: fetched.url.clone(),
            message: format!("headers: {e}"),
        })?;
        object.container = container.to_string();
        object.name = name.to_string();
        Ok(object)
    }

    /// Upload from any reader (a file, a socket, stdin), streamed: memory use stays flat
    /// whatever the size. The MD5 of the data is computed on the way and checked against the
    /// ETag swift answers. Objects over swift's `max_file_size` (5 GiB by default) need
    /// [`Api::upload_large`]. A streamed body is sent once (never retried), within the session's
    /// request deadline ([`Timeouts::request`](crate::session::Timeouts::request)): on slow
    /// links raise it, or use [`Api::upload_large`], whose segments are retried one by one.
    pub async fn upload<R>(&self, container: &str, name: &str, reader: R, options: &UploadOptions) -> Result<Written>
    where
        R: AsyncRead + Send + 'static,
    {
        self.upload_stream(container, name, reader_stream(reader), options).await
    }

    /// Upload from a stream of chunks (see [`Api::upload`]).
    pub async fn upload_stream<S, E>(
        &self,
        container: &str,
        name: &str,
        data: S,
        options: &UploadOptions,
    ) -> Result<Written>
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let mut headers = options.headers()?;
        if let Some(etag) = &options.etag {
            headers::insert(&mut headers, "etag", etag)?;
        }
        if let Some(length) = options.content_length {
            headers::insert(&mut headers, "content-length", &length.to_string())?;
        }
        let hasher = Hasher::start(!options.no_verify);
        let data = data.and_then(hasher.tap());
        let mut request = object_request(self, Method::PUT, container, name, "", headers).await?;
        let url = request.url.clone();
        request.body = RequestBody::Stream(reqwest::Body::wrap_stream(data), "application/octet-stream");
        let response = self.connection().send(request).await.map_err(explain_413)?;
        let fetched = crate::session::Fetched {
            status: response.status(),
            headers: response.headers().clone(),
            url: url.clone(),
            body: Bytes::new(),
        };
        let (md5, sent) = hasher.finish().await;
        if let Some(md5) = md5 {
            check_etag("PUT", &url, &md5, headers::get(&fetched.headers, "etag").as_deref())?;
        }
        if let Some(length) = options.content_length.filter(|l| *l != sent) {
            return Err(Error::InvalidInput(format!(
                "PUT {url}: the upload was announced as {length} bytes but the data had {sent}"
            )));
        }
        Ok(written(&fetched))
    }

    /// Upload data held in memory (sent with its length and MD5, so it can be retried).
    pub async fn upload_bytes(
        &self,
        container: &str,
        name: &str,
        data: impl Into<Bytes>,
        options: &UploadOptions,
    ) -> Result<Written> {
        let data = data.into();
        // swift refuses (422) data whose MD5 is not the ETag sent: a given one is not recomputed
        let md5 = match (&options.etag, options.no_verify) {
            (Some(etag), _) => Some(etag.clone()),
            (None, false) => Some(md5_hex(&data)),
            (None, true) => None,
        };
        let mut headers = options.headers()?;
        if let Some(md5) = &md5 {
            headers::insert(&mut headers, "etag", md5)?;
        }
        let mut request = object_request(self, Method::PUT, container, name, "", headers).await?;
        request.body = RequestBody::Bytes(data, "application/octet-stream");
        let url = request.url.clone();
        let fetched = self.connection().fetch(request).await.map_err(explain_413)?;
        if let Some(md5) = &md5 {
            check_etag("PUT", &url, md5, headers::get(&fetched.headers, "etag").as_deref())?;
        }
        Ok(written(&fetched))
    }

    /// Download as a stream of chunks, with the object's headers (`GET <container>/<object>`).
    /// Nothing is buffered beyond the chunk in hand. When the whole of a plain object is read,
    /// its MD5 is checked against the ETag at the end of the stream; large objects (whose
    /// ETag is not their data's MD5) and ranges are not checked.
    pub async fn download(&self, container: &str, name: &str, options: &DownloadOptions) -> Result<Download> {
        let mut headers = HeaderMap::new();
        if let Some(range) = &options.range {
            headers::insert(&mut headers, "range", range)?;
        }
        if let Some(etag) = &options.if_match {
            headers::insert(&mut headers, "if-match", etag)?;
        }
        if let Some(etag) = &options.if_none_match {
            headers::insert(&mut headers, "if-none-match", etag)?;
        }
        let query = if options.manifest { "multipart-manifest=get" } else { "" };
        let request = object_request(self, Method::GET, container, name, query, headers).await?;
        let url = request.url.clone();
        let response = self.connection().send(request).await?;
        let status = response.status().as_u16();
        let mut object: Object = headers::from_headers(response.headers()).map_err(|e| Error::Decode {
            resource: "Object".into(),
            url: url.clone(),
            message: format!("headers: {e}"),
        })?;
        object.container = container.to_string();
        object.name = name.to_string();
        let content_range = headers::get(response.headers(), "content-range");
        let expected = object
            .etag()
            .filter(|e| e.len() == 32 && e.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(str::to_ascii_lowercase)
            .filter(|_| status == 200 && !options.no_verify && !options.manifest && !object.is_large());
        let transport_url = url.clone();
        let chunks = response.bytes_stream().map_err(move |e| Error::Transport {
            method: "GET".into(),
            url: transport_url.clone(),
            message: crate::session::transport_message(&e),
        });
        let stream = match expected {
            None => chunks.boxed(),
            Some(etag) => verified(chunks, etag, url).boxed(),
        };
        Ok(Download { object, status, content_range, stream })
    }

    /// Download into a writer; returns the number of bytes written.
    pub async fn download_to<W: AsyncWrite + Unpin>(
        &self,
        container: &str,
        name: &str,
        options: &DownloadOptions,
        writer: &mut W,
    ) -> Result<u64> {
        self.download(container, name, options).await?.write_to(writer).await
    }

    /// Copy on the server side, within or across containers; the data does not travel.
    pub async fn copy(
        &self,
        from_container: &str,
        from_name: &str,
        to_container: &str,
        to_name: &str,
        options: &CopyOptions,
    ) -> Result<Written> {
        let mut headers = HeaderMap::new();
        headers::insert(&mut headers, "x-copy-from", &format!("/{}", object_path(from_container, from_name)?))?;
        headers::insert(&mut headers, "content-length", "0")?;
        if options.fresh_metadata {
            headers::insert(&mut headers, "x-fresh-metadata", "true")?;
        }
        if let Some(ct) = &options.content_type {
            headers::insert(&mut headers, "content-type", ct)?;
        }
        for (key, value) in &options.metadata {
            headers::insert(&mut headers, &format!("x-object-meta-{key}"), value)?;
        }
        let query = if options.manifest { "multipart-manifest=get" } else { "" };
        let request = object_request(self, Method::PUT, to_container, to_name, query, headers).await?;
        let fetched = self.connection().fetch(request).await.map_err(explain_413)?;
        Ok(written(&fetched))
    }

    /// Replace the object's metadata (`POST`): see [`ObjectUpdate`].
    pub async fn update_object(&self, container: &str, name: &str, update: &ObjectUpdate) -> Result<Written> {
        let mut headers = HeaderMap::new();
        for (key, value) in &update.metadata {
            headers::insert(&mut headers, &format!("x-object-meta-{key}"), value)?;
        }
        let fields = [
            ("content-type", update.content_type.clone()),
            ("content-encoding", update.content_encoding.clone()),
            ("content-disposition", update.content_disposition.clone()),
            ("x-delete-after", update.delete_after.map(|v| v.to_string())),
            ("x-delete-at", update.delete_at.map(|v| v.to_string())),
            ("x-remove-delete-at", update.remove_delete_at.then(|| "x".to_string())),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                headers::insert(&mut headers, name, &value)?;
            }
        }
        let request = object_request(self, Method::POST, container, name, "", headers).await?;
        let fetched = self.connection().fetch(request).await?;
        Ok(written(&fetched))
    }

    /// Set metadata keys, keeping the others and the object's content type, encoding,
    /// disposition and scheduled deletion (swift's `POST` would drop them).
    pub async fn set_object_metadata(
        &self,
        container: &str,
        name: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Written> {
        let current = self.show(container, name).await?;
        let mut update = kept(&current);
        update.metadata.extend(metadata.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone())));
        self.update_object(container, name, &update).await
    }

    /// Remove metadata keys (case-insensitive), keeping everything else.
    pub async fn unset_object_metadata(&self, container: &str, name: &str, keys: &BTreeSet<String>) -> Result<Written> {
        let current = self.show(container, name).await?;
        let mut update = kept(&current);
        update.metadata.retain(|k, _| !keys.iter().any(|gone| gone.eq_ignore_ascii_case(k)));
        self.update_object(container, name, &update).await
    }

    /// Delete one object (`DELETE <container>/<object>`). A large object's segments stay: see
    /// [`Api::delete_with_segments`].
    pub async fn delete(&self, container: &str, name: &str) -> Result<()> {
        let request = object_request(self, Method::DELETE, container, name, "", HeaderMap::new()).await?;
        self.connection().fetch(request).await?;
        Ok(())
    }
}

/// What a metadata `POST` must send again so that swift keeps it.
fn kept(current: &Object) -> ObjectUpdate {
    ObjectUpdate {
        metadata: current.metadata.clone(),
        content_type: current.content_type.clone(),
        content_encoding: current.content_encoding.clone(),
        content_disposition: current.content_disposition.clone(),
        delete_at: current.delete_at,
        ..Default::default()
    }
}

/// `chunks`, with an error as the last item when their MD5 is not `etag`.
fn verified(
    chunks: impl Stream<Item = Result<Bytes>> + Send + 'static,
    etag: String,
    url: String,
) -> impl Stream<Item = Result<Bytes>> + Send + 'static {
    let hasher = Hasher::start(true);
    let data = chunks.and_then(hasher.tap());
    let end = futures::stream::once(async move {
        let (md5, _) = hasher.finish().await;
        let md5 = md5.unwrap_or_default();
        if md5 == etag {
            None
        } else {
            Some(Err(Error::Transport {
                method: "GET".into(),
                url,
                message: format!("the data received has MD5 {md5} but its ETag is {etag}: it was corrupted on the way"),
            }))
        }
    })
    .filter_map(futures::future::ready);
    // the check runs only if every chunk arrived (an error ends the stream before it)
    data.chain(end).scan(false, |failed, item| {
        let out = if *failed { None } else { Some(item) };
        if matches!(out, Some(Err(_))) {
            *failed = true;
        }
        futures::future::ready(out)
    })
}
