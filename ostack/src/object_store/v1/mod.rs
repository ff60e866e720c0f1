//! Object store (swift) API v1: the account, containers, objects streamed both ways, large
//! objects uploaded in parallel, temp URLs and form POST signatures, bulk operations, `/info`.
//!
//! Swift speaks headers: accounts, containers and objects are shown with `HEAD` and their fields
//! are declared as headers (see [`crate::headers`]); listings are JSON arrays paged by marker.
//! The catalog URL (`.../v1/AUTH_<project>`) is the account itself.
//!
//! Object data never sits in memory whole: uploads read any `AsyncRead`, downloads are streams,
//! and large objects are cut into segments uploaded `concurrency` at a time, so at most
//! `concurrency` segment buffers exist at once.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::object_store::v1::{CreateContainer, DownloadOptions, LargeUpload, ObjectQuery, UploadOptions};
//! let store = conn.object_store();
//! store.containers().create("photos", &CreateContainer::default()).await?;
//! let objects = store.objects();
//! let file = tokio::fs::File::open("/tmp/cat.jpg").await?;
//! objects.upload("photos", "2024/cat.jpg", file, &UploadOptions::default()).await?;
//! // a big file: 32 MiB segments, 4 in flight
//! let file = tokio::fs::File::open("/tmp/disk.img").await?;
//! let large = LargeUpload { segment_size: 32 << 20, concurrency: 4, ..Default::default() };
//! objects.upload_large("photos", "disk.img", file, &large).await?;
//! let folders = objects.list(&ObjectQuery::new("photos").delimiter("/")).collect_all().await?;
//! let mut out = tokio::fs::File::create("/tmp/copy.jpg").await?;
//! objects.download_to("photos", "2024/cat.jpg", &DownloadOptions::default(), &mut out).await?;
//! # Ok(()) }
//! ```

mod account;
mod bulk;
mod container;
mod info;
mod large;
mod object;
mod proxy;
mod secret;
mod tempurl;
mod transfer;

pub use account::{Account, AccountUpdate};
pub use bulk::{BulkDeleteResult, ExtractArchiveResult};
pub use container::{Container, ContainerQuery, ContainerUpdate, CreateContainer};
pub use info::Capabilities;
pub use large::{LargeKind, LargeUpload};
pub use object::{Object, ObjectQuery};
pub use proxy::{ArchiveFormat, ObjectStoreProxy};
pub use secret::TempUrlKey;
pub use tempurl::{form_post_signature, temp_url_signature, Digest, Expiry, FormPost, FormPostOptions, TempUrlOptions};
pub use transfer::{CopyOptions, Download, DownloadOptions, ObjectUpdate, UploadOptions, WRITE_BUFFER};

use crate::{Error, Result};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serializer;
use std::collections::BTreeSet;

/// What a write (`PUT`, `POST`, a copy) answered.
#[derive(Debug, Clone)]
pub struct Written {
    /// HTTP status.
    pub status: u16,
    /// `ETag` (the MD5 of the data written; quoted for a large object manifest).
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
    /// Swift's transaction id (`X-Trans-Id` / `X-Openstack-Request-Id`).
    pub request_id: Option<String>,
    /// Every header of the answer.
    pub headers: reqwest::header::HeaderMap,
}

/// Characters kept as they are in a path segment (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// An object name keeps its slashes: they are part of the name, not separators swift decodes.
const OBJECT: &AsciiSet = &SEGMENT.remove(b'/');

/// `<container>`, percent-encoded, checked as swift would.
pub(crate) fn container_path(container: &str) -> Result<String> {
    if container.is_empty() {
        return Err(Error::InvalidInput("empty container name".into()));
    }
    if container.contains('/') {
        return Err(Error::InvalidInput(format!("a container name cannot contain '/': '{container}'")));
    }
    Ok(utf8_percent_encode(container, SEGMENT).to_string())
}

/// `<container>/<object>`, percent-encoded, the object's slashes kept.
pub(crate) fn object_path(container: &str, object: &str) -> Result<String> {
    if object.is_empty() {
        return Err(Error::InvalidInput(format!("empty object name in container '{container}'")));
    }
    Ok(format!("{}/{}", container_path(container)?, utf8_percent_encode(object, OBJECT)))
}

/// A set of metadata keys as a `"<prefix>*"` header group (`X-Remove-...-Meta-<key>: x`).
pub(crate) fn removals<S: Serializer>(keys: &BTreeSet<String>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_map(keys.iter().map(|k| (k, "x")))
}

/// A flag header: `x` when set, absent otherwise.
pub(crate) fn flag<S: Serializer>(set: &bool, s: S) -> std::result::Result<S::Ok, S::Error> {
    if *set {
        s.serialize_str("x")
    } else {
        s.serialize_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_and_checked() {
        assert_eq!(object_path("my photos", "2024/a b+c?.jpg").unwrap(), "my%20photos/2024/a%20b%2Bc%3F.jpg");
        assert_eq!(object_path("c", "é").unwrap(), "c/%C3%A9");
        assert!(container_path("a/b").is_err());
        assert!(container_path("").is_err());
        assert!(object_path("c", "").is_err());
    }
}
