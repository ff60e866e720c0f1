//! Object: data and metadata in a container (`/v1/AUTH_<project>/<container>/<object>`).
//!
//! Like [`Container`](super::Container), one type for both views: an entry of the container's
//! JSON listing (`name`, `hash`, `bytes`, `content_type`, `last_modified`, or `subdir` for a
//! pseudo folder) and the headers of `HEAD <container>/<object>`.

use crate::catalog::ServiceType;
use crate::resource::{ListBody, Pagination, Resource, ShowFrom};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A swift object (or, in a listing with a delimiter, a pseudo folder: see [`Object::subdir`]).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Object {
    /// The container (set when read with `HEAD`; empty in listings, which are per container).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub container: String,
    /// The name (empty for a pseudo folder entry).
    #[serde(default)]
    pub name: String,
    /// A pseudo folder of a delimited listing (`photos/`): objects named with this prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdir: Option<String>,
    /// MD5 of the data (listing `hash`; the `ETag` header, which for a large object is the
    /// quoted MD5 of its segments' ETags).
    #[serde(default, alias = "etag", skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    /// Size in bytes (listing `bytes`; `Content-Length`).
    #[serde(default, alias = "content-length", skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// MIME type (listing `content_type`; `Content-Type`).
    #[serde(default, alias = "content-type", skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Last change, as swift sends it (listing: `2014-01-15T16:41:49.390270`; HEAD: an HTTP
    /// date).
    #[serde(default, alias = "last-modified", skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// A static large object's ETag in a listing (quoted MD5 of its segments' ETags).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo_etag: Option<String>,
    /// Target of a symlink, in a listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symlink_path: Option<String>,
    /// `Content-Encoding`.
    #[serde(default, rename(deserialize = "content-encoding"), skip_serializing_if = "Option::is_none")]
    pub content_encoding: Option<String>,
    /// `Content-Disposition`.
    #[serde(default, rename(deserialize = "content-disposition"), skip_serializing_if = "Option::is_none")]
    pub content_disposition: Option<String>,
    /// When swift deletes it, in seconds since the epoch (`X-Delete-At`).
    #[serde(default, rename(deserialize = "x-delete-at"), skip_serializing_if = "Option::is_none")]
    pub delete_at: Option<u64>,
    /// A dynamic large object's segments, `<container>/<prefix>` (`X-Object-Manifest`).
    #[serde(default, rename(deserialize = "x-object-manifest"), skip_serializing_if = "Option::is_none")]
    pub object_manifest: Option<String>,
    /// Whether it is a static large object manifest (`X-Static-Large-Object`).
    #[serde(default, rename(deserialize = "x-static-large-object"), skip_serializing_if = "Option::is_none")]
    pub is_static_large_object: Option<bool>,
    /// A symlink's target, `<container>/<object>` (`X-Symlink-Target`).
    #[serde(default, rename(deserialize = "x-symlink-target"), skip_serializing_if = "Option::is_none")]
    pub symlink_target: Option<String>,
    /// `Accept-Ranges`.
    #[serde(default, rename(deserialize = "accept-ranges"), skip_serializing_if = "Option::is_none")]
    pub accept_ranges: Option<String>,
    /// Creation time in seconds since the epoch, as swift sends it (`X-Timestamp`).
    #[serde(default, rename(deserialize = "x-timestamp"), skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Custom metadata (`X-Object-Meta-<key>`, keys in lower case).
    #[serde(default, rename(deserialize = "x-object-meta-*"), skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

impl Object {
    /// Whether this is a large object manifest (static or dynamic): its ETag is not the MD5 of
    /// its data.
    pub fn is_large(&self) -> bool {
        self.is_static_large_object == Some(true) || self.object_manifest.is_some()
    }

    /// The ETag without quotes.
    pub fn etag(&self) -> Option<&str> {
        self.hash.as_deref().map(|h| h.trim_matches('"'))
    }
}

impl Resource for Object {
    const SERVICE: ServiceType = ServiceType::ObjectStore;
    const NAME: &'static str = "Object";
    const PATH: &'static str = "";
    const KEY: Option<&'static str> = None;
    const PLURAL: &'static str = "objects";
    const PAGINATION: Pagination = Pagination::Marker;
    const LIST_BODY: ListBody = ListBody::Array;
    const SHOW_FROM: ShowFrom = ShowFrom::Headers;
    type Query = ObjectQuery;

    /// The name, or a pseudo folder's prefix: what a listing continues after.
    fn id(&self) -> &str {
        match &self.subdir {
            Some(subdir) if self.name.is_empty() => subdir,
            _ => &self.name,
        }
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
    fn list_path(query: &ObjectQuery) -> Result<String> {
        if query.container.is_empty() {
            return Err(Error::InvalidInput("listing objects needs a container (ObjectQuery::container)".into()));
        }
        Ok(format!("{}?format=json", super::container_path(&query.container)?))
    }
    /// `<container>/<object>`: swift's own address of an object.
    fn item_path(id: &str) -> Result<String> {
        let (container, object) = id.split_once('/').ok_or_else(|| {
            Error::InvalidInput(format!("an object is addressed as <container>/<object>, not '{id}'"))
        })?;
        super::object_path(container, object)
    }
    fn from_headers(
        id: &str,
        headers: &reqwest::header::HeaderMap,
    ) -> std::result::Result<Self, crate::headers::DecodeError> {
        let (container, name) = id.split_once('/').unwrap_or(("", id));
        crate::headers::from_headers_with(headers, &[("container", container), ("name", name)])
    }
}

/// Filters of a container's listing (`GET <container>?format=json`), paged by marker.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ObjectQuery {
    /// The container listed (required; part of the path, not the query string).
    #[serde(skip)]
    pub container: String,
    /// Only names starting with this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Roll names up into pseudo folders at this character (`/`): [`Object::subdir`] entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Start after this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Stop before this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_marker: Option<String>,
    /// Page size (swift's maximum is 10000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Reverse order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse: Option<bool>,
    /// Path-style listing: only the direct children of this path (`path=photos`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl ObjectQuery {
    /// All objects of `container`.
    pub fn new(container: impl Into<String>) -> Self {
        ObjectQuery { container: container.into(), ..Default::default() }
    }

    /// Only names starting with `prefix`.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// Pseudo folders at `delimiter`.
    pub fn delimiter(mut self, delimiter: impl Into<String>) -> Self {
        self.delimiter = Some(delimiter.into());
        self
    }

    /// Pages of `limit`.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}
