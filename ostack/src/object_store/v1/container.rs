//! Container: a named bucket of objects (`/v1/AUTH_<project>/<container>`).
//!
//! One type serves both views swift has of a container: an entry of the account's JSON listing
//! (`name`, `count`, `bytes`, `last_modified`) and the headers of `HEAD <container>` (counts,
//! ACLs, policy, versioning, quotas, metadata). Fields the view at hand does not carry are empty.

use super::secret::{expose_opt, TempUrlKey};
use crate::catalog::ServiceType;
use crate::resource::{ListBody, Pagination, Resource, ShowFrom};
use crate::Result;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A swift container.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Container {
    /// The name (its id: unique in the account; empty for a rolled-up entry, see
    /// [`Container::subdir`]).
    #[serde(default)]
    pub name: String,
    /// In a listing with a delimiter, the names rolled up at it (`logs-`): containers named
    /// with this prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdir: Option<String>,
    /// Objects in it (listing `count`; `X-Container-Object-Count`).
    #[serde(default, alias = "x-container-object-count")]
    pub count: Option<u64>,
    /// Bytes stored (listing `bytes`; `X-Container-Bytes-Used`).
    #[serde(default, alias = "x-container-bytes-used")]
    pub bytes: Option<u64>,
    /// Last change, as swift sends it (listing: `2016-04-29T16:23:50.460230`; HEAD: an HTTP
    /// date).
    #[serde(default, alias = "last-modified", skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Read ACL (`X-Container-Read`, e.g. `.r:*,.rlistings`).
    #[serde(default, rename(deserialize = "x-container-read"), skip_serializing_if = "Option::is_none")]
    pub read_acl: Option<String>,
    /// Write ACL (`X-Container-Write`).
    #[serde(default, rename(deserialize = "x-container-write"), skip_serializing_if = "Option::is_none")]
    pub write_acl: Option<String>,
    /// Container sync target (`X-Container-Sync-To`).
    #[serde(default, rename(deserialize = "x-container-sync-to"), skip_serializing_if = "Option::is_none")]
    pub sync_to: Option<String>,
    /// Container sync key (`X-Container-Sync-Key`).
    #[serde(default, rename(deserialize = "x-container-sync-key"), skip_serializing_if = "Option::is_none")]
    pub sync_key: Option<String>,
    /// Where old versions go (`X-Versions-Location`, versioned_writes "stack" mode).
    #[serde(default, rename(deserialize = "x-versions-location"), skip_serializing_if = "Option::is_none")]
    pub versions_location: Option<String>,
    /// Where old versions and delete markers go (`X-History-Location`, "history" mode).
    #[serde(default, rename(deserialize = "x-history-location"), skip_serializing_if = "Option::is_none")]
    pub history_location: Option<String>,
    /// Object versioning on (`X-Versions-Enabled`, the object_versioning middleware).
    #[serde(default, rename(deserialize = "x-versions-enabled"), skip_serializing_if = "Option::is_none")]
    pub versions_enabled: Option<bool>,
    /// Storage policy (`X-Storage-Policy`).
    #[serde(default, rename(deserialize = "x-storage-policy"), skip_serializing_if = "Option::is_none")]
    pub storage_policy: Option<String>,
    /// Byte quota (`X-Container-Meta-Quota-Bytes`; container_quotas).
    #[serde(default, rename(deserialize = "x-container-meta-quota-bytes"), skip_serializing_if = "Option::is_none")]
    pub quota_bytes: Option<u64>,
    /// Object count quota (`X-Container-Meta-Quota-Count`).
    #[serde(default, rename(deserialize = "x-container-meta-quota-count"), skip_serializing_if = "Option::is_none")]
    pub quota_count: Option<u64>,
    /// Container temp-URL key (`X-Container-Meta-Temp-URL-Key`).
    #[serde(default, rename(deserialize = "x-container-meta-temp-url-key"), skip_serializing)]
    pub temp_url_key: Option<TempUrlKey>,
    /// Second container temp-URL key (`X-Container-Meta-Temp-URL-Key-2`).
    #[serde(default, rename(deserialize = "x-container-meta-temp-url-key-2"), skip_serializing)]
    pub temp_url_key_2: Option<TempUrlKey>,
    /// Creation time in seconds since the epoch, as swift sends it (`X-Timestamp`).
    #[serde(default, rename(deserialize = "x-timestamp"), skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Custom metadata (`X-Container-Meta-<key>`, keys in lower case). The quota and temp-URL
    /// keys have their own fields.
    #[serde(default, rename(deserialize = "x-container-meta-*"), skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

impl Resource for Container {
    const SERVICE: ServiceType = ServiceType::ObjectStore;
    const NAME: &'static str = "Container";
    const PATH: &'static str = "";
    const KEY: Option<&'static str> = None;
    const PLURAL: &'static str = "containers";
    const PAGINATION: Pagination = Pagination::Marker;
    const LIST_BODY: ListBody = ListBody::Array;
    const SHOW_FROM: ShowFrom = ShowFrom::Headers;
    type Query = ContainerQuery;

    /// The name, or a rolled-up entry's prefix: what a listing continues after.
    fn id(&self) -> &str {
        match &self.subdir {
            Some(subdir) if self.name.is_empty() => subdir,
            _ => &self.name,
        }
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
    fn list_path(_query: &ContainerQuery) -> Result<String> {
        Ok("?format=json".into())
    }
    fn item_path(id: &str) -> Result<String> {
        super::container_path(id)
    }
    fn from_headers(
        id: &str,
        headers: &reqwest::header::HeaderMap,
    ) -> std::result::Result<Self, crate::headers::DecodeError> {
        crate::headers::from_headers_with(headers, &[("name", id)])
    }
}

impl crate::api::Deletable for Container {}

/// Filters of the account's container listing (`GET /v1/AUTH_<project>?format=json`), paged
/// by marker: each page starts after the last name of the previous one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContainerQuery {
    /// Only names starting with this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Start after this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Stop before this name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_marker: Option<String>,
    /// Page size (swift's maximum is 10000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Roll names up to the first occurrence of this character after the prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Reverse order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reverse: Option<bool>,
}

/// How a container is created (`PUT <container>`), as headers. Creating an existing container
/// updates what is given and keeps the rest.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateContainer {
    /// Read ACL (`.r:*,.rlistings` makes it public).
    #[serde(rename = "x-container-read", skip_serializing_if = "Option::is_none")]
    pub read_acl: Option<String>,
    /// Write ACL.
    #[serde(rename = "x-container-write", skip_serializing_if = "Option::is_none")]
    pub write_acl: Option<String>,
    /// Storage policy name (only at creation).
    #[serde(rename = "x-storage-policy", skip_serializing_if = "Option::is_none")]
    pub storage_policy: Option<String>,
    /// Keep old versions in this container (`X-Versions-Location`).
    #[serde(rename = "x-versions-location", skip_serializing_if = "Option::is_none")]
    pub versions_location: Option<String>,
    /// Keep old versions and delete markers in this container (`X-History-Location`).
    #[serde(rename = "x-history-location", skip_serializing_if = "Option::is_none")]
    pub history_location: Option<String>,
    /// Turn object versioning on or off (`X-Versions-Enabled`).
    #[serde(rename = "x-versions-enabled", skip_serializing_if = "Option::is_none")]
    pub versions_enabled: Option<bool>,
    /// Byte quota (`X-Container-Meta-Quota-Bytes`).
    #[serde(rename = "x-container-meta-quota-bytes", skip_serializing_if = "Option::is_none")]
    pub quota_bytes: Option<u64>,
    /// Object count quota (`X-Container-Meta-Quota-Count`).
    #[serde(rename = "x-container-meta-quota-count", skip_serializing_if = "Option::is_none")]
    pub quota_count: Option<u64>,
    /// Container temp-URL key.
    #[serde(
        rename = "x-container-meta-temp-url-key",
        serialize_with = "expose_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub temp_url_key: Option<TempUrlKey>,
    /// Custom metadata.
    #[serde(rename = "x-container-meta-*")]
    pub metadata: BTreeMap<String, String>,
}

/// A change to a container (`POST <container>`). What is not named is left as it is.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContainerUpdate {
    /// The settable fields, as on creation (except the storage policy, which cannot change).
    #[serde(flatten)]
    pub set: CreateContainer,
    /// Metadata keys to remove (`X-Remove-Container-Meta-<key>`).
    #[serde(rename = "x-remove-container-meta-*", serialize_with = "super::removals")]
    pub remove: BTreeSet<String>,
    /// Remove the read ACL.
    #[serde(rename = "x-remove-container-read", serialize_with = "super::flag")]
    pub remove_read_acl: bool,
    /// Remove the write ACL.
    #[serde(rename = "x-remove-container-write", serialize_with = "super::flag")]
    pub remove_write_acl: bool,
    /// Stop versioning (`X-Remove-Versions-Location`).
    #[serde(rename = "x-remove-versions-location", serialize_with = "super::flag")]
    pub remove_versions_location: bool,
    /// Stop history versioning (`X-Remove-History-Location`).
    #[serde(rename = "x-remove-history-location", serialize_with = "super::flag")]
    pub remove_history_location: bool,
}

impl ContainerUpdate {
    /// Set metadata `key` to `value`.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.set.metadata.insert(key.into(), value.into());
        self
    }

    /// Remove metadata `key`.
    pub fn unset(mut self, key: impl Into<String>) -> Self {
        self.remove.insert(key.into());
        self
    }
}
