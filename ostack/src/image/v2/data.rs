//! Image data both ways: upload (`PUT /v2/images/{id}/file`), staging for import
//! (`PUT /v2/images/{id}/stage`) and download (`GET /v2/images/{id}/file`), streamed.
//!
//! Downloads are verified as they stream: against the image's multihash (`os_hash_algo` /
//! `os_hash_value`, sha512 by default) and its legacy md5 `checksum`. A mismatch ends the stream
//! with [`Error::HashMismatch`] naming both hashes. Uploads send the size
//! (`x-openstack-image-size`) whenever it is known.

use super::request;
use super::Image;
use crate::api::Api;
use crate::session::RequestBody;
use crate::{Error, Result};
use bytes::Bytes;
use futures::{Stream, StreamExt, TryStreamExt};
use md5::Digest;
use reqwest::Method;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Bytes read from a file per chunk when uploading it.
const FILE_CHUNK: usize = 256 * 1024;

/// One running hash of an algorithm glance may record (`hashing_algorithm` is any of Python's
/// hashlib names; these are the ones in use).
#[derive(Clone)]
pub(crate) enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// The hasher of a hashlib algorithm name, `None` for one ostack does not compute.
    pub(crate) fn new(algo: &str) -> Option<Self> {
        Some(match algo.to_ascii_lowercase().as_str() {
            "md5" => Hasher::Md5(md5::Md5::new()),
            "sha1" => Hasher::Sha1(sha1::Sha1::new()),
            "sha224" => Hasher::Sha224(sha2::Sha224::new()),
            "sha256" => Hasher::Sha256(sha2::Sha256::new()),
            "sha384" => Hasher::Sha384(sha2::Sha384::new()),
            "sha512" => Hasher::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha224(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    /// The lowercase hex digest.
    pub(crate) fn hex(self) -> String {
        match self {
            Hasher::Md5(h) => format!("{:x}", h.finalize()),
            Hasher::Sha1(h) => format!("{:x}", h.finalize()),
            Hasher::Sha224(h) => format!("{:x}", h.finalize()),
            Hasher::Sha256(h) => format!("{:x}", h.finalize()),
            Hasher::Sha384(h) => format!("{:x}", h.finalize()),
            Hasher::Sha512(h) => format!("{:x}", h.finalize()),
        }
    }
}

/// The hex digest of `data` with a hashlib algorithm name (`sha512`, `md5`...), `None` for an
/// algorithm ostack does not compute.
pub fn hash_hex(algo: &str, data: &[u8]) -> Option<String> {
    let mut hasher = Hasher::new(algo)?;
    hasher.update(data);
    Some(hasher.hex())
}

/// The checks a transfer must pass: each an algorithm, the hash the cloud recorded, and the
/// running hash of what went through.
pub(crate) struct Checks {
    what: String,
    checks: Vec<(String, String, Hasher)>,
}

impl Checks {
    /// The checks of an image's recorded hashes: the multihash (when ostack knows its algorithm)
    /// and the md5 checksum.
    pub(crate) fn for_image(image: &Image, what: String) -> Self {
        let mut checks = Vec::new();
        match (image.os_hash_algo.as_deref(), image.os_hash_value.as_deref()) {
            (Some(algo), Some(value)) if !algo.is_empty() && !value.is_empty() => match Hasher::new(algo) {
                Some(hasher) => checks.push((algo.to_ascii_lowercase(), value.to_ascii_lowercase(), hasher)),
                None => tracing::warn!(image = %image.id, algo, "image hash algorithm not supported; not verified"),
            },
            _ => {}
        }
        if let Some(checksum) = image.checksum.as_deref().filter(|c| !c.is_empty()) {
            if !checks.iter().any(|(algo, _, _)| algo == "md5") {
                checks.push(("md5".into(), checksum.to_ascii_lowercase(), Hasher::Md5(md5::Md5::new())));
            }
        }
        if checks.is_empty() {
            tracing::warn!(image = %image.id, "the image has no recorded hash; its data cannot be verified");
        }
        Checks { what, checks }
    }

    /// Whether anything is checked.
    pub(crate) fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        for (_, _, hasher) in &mut self.checks {
            hasher.update(data);
        }
    }

    /// The first mismatch, as [`Error::HashMismatch`].
    pub(crate) fn finish(self) -> Result<()> {
        for (algo, expected, hasher) in self.checks {
            let actual = hasher.hex();
            if actual != expected {
                return Err(Error::HashMismatch { what: self.what, algo, expected, actual });
            }
        }
        Ok(())
    }
}

/// A download whose chunks are hashed as they pass; after the last one, a mismatch is the
/// stream's final item.
struct Verified<S> {
    inner: S,
    checks: Option<Checks>,
}

impl<S: Stream<Item = Result<Bytes>> + Unpin> Stream for Verified<S> {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match this.inner.poll_next_unpin(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                if let Some(checks) = &mut this.checks {
                    checks.update(&chunk);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                this.checks = None;
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) => match this.checks.take().map(Checks::finish) {
                Some(Err(e)) => Poll::Ready(Some(Err(e))),
                _ => Poll::Ready(None),
            },
            Poll::Pending => Poll::Pending,
        }
    }
}

fn sub_path(id: &str, sub: &str) -> Result<String> {
    Ok(format!("images/{}/{sub}", request::segment("image id", id)?))
}

/// Read a file as a stream of chunks, feeding `hashes` on the way.
pub(crate) fn file_stream(
    file: tokio::fs::File,
    hashes: Option<Arc<Mutex<Vec<Hasher>>>>,
) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    futures::stream::try_unfold(file, |mut file| async move {
        let mut buf = vec![0u8; FILE_CHUNK];
        let n = file.read(&mut buf).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.truncate(n);
        Ok(Some((Bytes::from(buf), file)))
    })
    .inspect_ok(move |chunk| {
        if let Some(hashes) = &hashes {
            if let Ok(mut hashes) = hashes.lock() {
                hashes.iter_mut().for_each(|h| h.update(chunk));
            }
        }
    })
}

/// Open a file to send, with its size.
pub(crate) async fn open_file(path: &Path) -> Result<(tokio::fs::File, u64)> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot open {}: {e}", path.display())))?;
    let size = file
        .metadata()
        .await
        .map_err(|e| std::io::Error::new(e.kind(), format!("cannot read the size of {}: {e}", path.display())))?
        .len();
    Ok((file, size))
}

impl Api<Image> {
    /// `PUT images/{id}/{sub}` with a body and, when known, its size.
    async fn put_data(&self, id: &str, sub: &str, body: RequestBody, size: Option<u64>) -> Result<()> {
        let mut request = request::request(self.connection(), Method::PUT, &sub_path(id, sub)?).await?;
        request.body = body;
        if let Some(size) = size {
            request = request.header("x-openstack-image-size", &size.to_string());
        }
        self.connection().send(request).await?;
        Ok(())
    }

    /// Upload data from a stream of byte chunks (`PUT /v2/images/{id}/file`). The data is not
    /// buffered: memory use stays flat whatever the image size.
    pub async fn upload<S, E>(&self, id: &str, data: S) -> Result<()>
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        self.upload_sized(id, data, None).await
    }

    /// [`upload`](Self::upload) telling glance the size in advance (`x-openstack-image-size`),
    /// so it can reserve the space and check quotas before the data arrives.
    pub async fn upload_sized<S, E>(&self, id: &str, data: S, size: Option<u64>) -> Result<()>
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let body = RequestBody::Stream(reqwest::Body::wrap_stream(data), "application/octet-stream");
        self.put_data(id, "file", body, size).await
    }

    /// Upload data held in memory (its size is sent).
    pub async fn upload_bytes(&self, id: &str, data: impl Into<Bytes>) -> Result<()> {
        let data = data.into();
        let size = data.len() as u64;
        self.put_data(id, "file", RequestBody::Bytes(data, "application/octet-stream"), Some(size)).await
    }

    /// Upload a local file, streamed, with its size.
    pub async fn upload_file(&self, id: &str, path: impl AsRef<Path>) -> Result<()> {
        let (file, size) = open_file(path.as_ref()).await?;
        self.upload_sized(id, file_stream(file, None), Some(size)).await
    }

    /// Stage data for a `glance-direct` import (`PUT /v2/images/{id}/stage`), streamed; the
    /// image must be `queued`. Follow with [`import`](Self::import).
    pub async fn stage<S, E>(&self, id: &str, data: S, size: Option<u64>) -> Result<()>
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
    {
        let body = RequestBody::Stream(reqwest::Body::wrap_stream(data), "application/octet-stream");
        self.put_data(id, "stage", body, size).await
    }

    /// Stage data held in memory.
    pub async fn stage_bytes(&self, id: &str, data: impl Into<Bytes>) -> Result<()> {
        let data = data.into();
        let size = data.len() as u64;
        self.put_data(id, "stage", RequestBody::Bytes(data, "application/octet-stream"), Some(size)).await
    }

    /// Stage a local file, streamed, with its size.
    pub async fn stage_file(&self, id: &str, path: impl AsRef<Path>) -> Result<()> {
        let (file, size) = open_file(path.as_ref()).await?;
        self.stage(id, file_stream(file, None), Some(size)).await
    }

    /// Download the data as a stream of byte chunks (`GET /v2/images/{id}/file`), verified as it
    /// streams against the hashes glance recorded (read first with `GET /v2/images/{id}`): after
    /// the last chunk, a mismatch is the stream's final item, [`Error::HashMismatch`].
    pub async fn download(&self, id: &str) -> Result<impl Stream<Item = Result<Bytes>> + Send + use<>> {
        let image = self.get(id).await?;
        self.download_image(&image).await
    }

    /// [`download`](Self::download) for an image already fetched: its hashes are the ones checked.
    pub async fn download_image(&self, image: &Image) -> Result<impl Stream<Item = Result<Bytes>> + Send + use<>> {
        let checks = Checks::for_image(image, format!("image {} download", image.id));
        let request = request::request(self.connection(), Method::GET, &sub_path(&image.id, "file")?).await?;
        let url = request.url.clone();
        let response = self.connection().send(request).await?;
        let inner = response
            .bytes_stream()
            .map_err(move |e| Error::Transport {
                method: "GET".into(),
                url: url.clone(),
                message: crate::session::transport_message(&e),
            })
            .boxed();
        Ok(Verified { inner, checks: (!checks.is_empty()).then_some(checks) })
    }

    /// Download the data into a writer, verified (see [`download`](Self::download)); returns the
    /// number of bytes written. On a hash mismatch the data has been written: discard it.
    pub async fn download_to<W: AsyncWrite + Unpin>(&self, id: &str, writer: &mut W) -> Result<u64> {
        let stream = self.download(id).await?;
        write_stream(stream, writer).await
    }
}

async fn write_stream<W: AsyncWrite + Unpin>(stream: impl Stream<Item = Result<Bytes>>, writer: &mut W) -> Result<u64> {
    let mut stream = std::pin::pin!(stream);
    let mut written = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        writer.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    writer.flush().await?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        assert_eq!(hash_hex("md5", b"abc").unwrap(), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            hash_hex("SHA256", b"abc").unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(hash_hex("sha512", b"").unwrap().starts_with("cf83e1357eefb8bdf1542850d66d8007"));
        assert!(hash_hex("whirlpool", b"abc").is_none());
    }

    fn image(algo: Option<&str>, value: Option<&str>, checksum: Option<&str>) -> Image {
        serde_json::from_value(serde_json::json!({
            "id": "i1", "os_hash_algo": algo, "os_hash_value": value, "checksum": checksum
        }))
        .unwrap()
    }

    #[test]
    fn checks_pass_on_the_right_data_and_name_both_hashes_on_the_wrong() {
        let sha = hash_hex("sha512", b"data").unwrap();
        let md5 = hash_hex("md5", b"data").unwrap();
        let mut ok = Checks::for_image(&image(Some("sha512"), Some(&sha), Some(&md5)), "x".into());
        ok.update(b"da");
        ok.update(b"ta");
        ok.finish().unwrap();

        let mut bad = Checks::for_image(&image(Some("sha512"), Some(&sha), Some(&md5)), "image i1 download".into());
        bad.update(b"dbta");
        let err = bad.finish().unwrap_err();
        let text = err.to_string();
        assert!(text.contains(&sha) && text.contains(&hash_hex("sha512", b"dbta").unwrap()), "{text}");
        assert!(text.starts_with("image i1 download") && text.contains("sha512"), "{text}");

        // only the md5 checksum recorded (or an algorithm ostack does not compute): md5 is checked
        let mut md5_only = Checks::for_image(&image(Some("blake9"), Some("ff"), Some(&md5)), "x".into());
        md5_only.update(b"other");
        assert!(matches!(md5_only.finish(), Err(Error::HashMismatch { algo, .. }) if algo == "md5"));
        assert!(Checks::for_image(&image(None, None, None), "x".into()).is_empty());
    }
}
