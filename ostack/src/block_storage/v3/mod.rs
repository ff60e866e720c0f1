//! Block storage (cinder) API v3: one file per resource, and the proxy handing out their
//! [`Api`](crate::Api)s.
//!
//! Calls send the highest microversion both ostack (3.71) and the cloud speak. Operations that
//! cinder added in a later microversion than the cloud offers fail before any request with an
//! error naming the operation and both microversions.
//!
//! Waiters (`wait_until` on volumes, snapshots, backups, groups) stop as soon as the status
//! begins with `error` and put cinder's user message about the resource (the messages API) in
//! the error, so a failed create says why instead of timing out.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::block_storage::v3::{CreateBackup, CreateVolume};
//! use std::time::Duration;
//! let volumes = conn.block_storage().volumes();
//! let volume = volumes.create(&CreateVolume::new(1).name("data")).await?;
//! let volume = volumes.wait_until(&volume.id, &["available"], Duration::from_secs(120)).await?;
//! volumes.extend(&volume.id, 2).await?;
//! let backups = conn.block_storage().backups();
//! let backup = backups.create(&CreateBackup::new(&volume.id)).await?;
//! backups.wait_until(&backup.id, &["available"], Duration::from_secs(300)).await?;
//! # Ok(()) }
//! ```

mod attachment;
mod availability_zone;
mod backup;
mod default_type;
mod group;
mod group_snapshot;
mod group_type;
mod limits;
mod message;
mod proxy;
mod qos_spec;
mod quota;
mod service;
mod snapshot;
mod stats;
mod transfer;
mod volume;
mod volume_type;

pub use attachment::{Attachment, AttachmentQuery, CreateAttachment, UpdateAttachment};
pub use availability_zone::{AvailabilityZone, ZoneState};
pub use backup::{Backup, BackupQuery, BackupRecord, BackupRestore, CreateBackup, UpdateBackup};
pub use default_type::DefaultType;
pub use group::{CreateGroup, CreateGroupFromSource, Group, GroupQuery, UpdateGroup};
pub use group_snapshot::{CreateGroupSnapshot, GroupSnapshot, GroupSnapshotQuery};
pub use group_type::{CreateGroupType, GroupType, GroupTypeQuery, UpdateGroupType};
pub use limits::{AbsoluteLimits, Limits, RateLimit};
pub use message::{Message, MessageQuery};
pub use proxy::BlockStorageProxy;
pub use qos_spec::{CreateQosSpec, QosAssociation, QosSpec, QosSpecQuery};
pub use quota::{QuotaSet, QuotaUsage, QuotaUsageSet};
pub use service::{Service, ServiceQuery, ServiceStatus};
pub use snapshot::{CreateSnapshot, ManageSnapshot, Snapshot, SnapshotQuery, UpdateSnapshot};
pub use stats::{Capabilities, Pool, ResourceFilter};
pub use transfer::{CreateTransfer, Transfer, TransferQuery};
pub use volume::{
    CreateVolume, ManageVolume, ManageableVolume, MigrateVolume, ResetVolumeStatus, UpdateVolume, UploadToImage,
    UploadedImage, Volume, VolumeAttachment, VolumeQuery,
};
pub use volume_type::{CreateVolumeType, TypeAccess, TypeEncryption, UpdateVolumeType, VolumeType, VolumeTypeQuery};

use crate::api::Api;
use crate::discovery::Microversion;
use crate::resource::Resource;
use crate::session::Fetched;
use crate::{Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A microversion literal (`mv(3, 40)`).
pub(crate) const fn mv(major: u32, minor: u32) -> Microversion {
    Microversion::new(major, minor)
}

/// A link (`rel` + `href`) of a cinder resource.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Relation (`self`, `bookmark`, `next`).
    #[serde(default)]
    pub rel: Option<String>,
    /// Target.
    #[serde(default)]
    pub href: Option<String>,
}

/// A yes/no value that cinder sends as a JSON boolean or as text (`"false"`, `"True"`): read as a
/// `bool`, written back exactly as it came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    value: bool,
    text: Option<String>,
}

impl Flag {
    /// The value.
    pub fn get(&self) -> bool {
        self.value
    }
}

impl From<bool> for Flag {
    fn from(value: bool) -> Self {
        Flag { value, text: None }
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.text {
            Some(text) => s.serialize_str(text),
            None => s.serialize_bool(self.value),
        }
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(de: D) -> std::result::Result<Self, D::Error> {
        match Value::deserialize(de)? {
            Value::Bool(value) => Ok(Flag { value, text: None }),
            Value::String(text) => match parse_bool(&text) {
                Some(value) => Ok(Flag { value, text: Some(text) }),
                None => Err(serde::de::Error::custom(format!("'{text}' is not a boolean"))),
            },
            other => Err(serde::de::Error::custom(format!("expected a boolean, found {other}"))),
        }
    }
}

/// Cinder's boolean strings (`oslo_utils.strutils.bool_from_string`, strict).
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "on" | "1" => Some(true),
        "false" | "f" | "no" | "n" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// Cinder's common list options, flattened into each query.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CinderListOptions {
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
    /// Skip this many.
    pub offset: Option<u32>,
    /// `key[:dir],key[:dir]` (`created_at:desc,name`).
    pub sort: Option<String>,
    /// Sort key (older style; prefer `sort`).
    pub sort_key: Option<String>,
    /// `asc` or `desc` (with `sort_key`).
    pub sort_dir: Option<String>,
}

/// The entries of `fields` that are set, each with the cinder microversion it exists from: what
/// `query_needs`/`create_needs`/`update_needs` answer.
pub(crate) fn needs_since(fields: &[(bool, &'static str, u32)]) -> Vec<(&'static str, crate::api::Versions)> {
    fields
        .iter()
        .filter(|(set, _, _)| *set)
        .map(|(_, what, minor)| (*what, crate::api::Versions::since(3, *minor)))
        .collect()
}

/// For `all_tenants`: anything but `Some(true)` is left out of the query.
pub(crate) fn not_true(value: &Option<bool>) -> bool {
    *value != Some(true)
}

/// A metadata map (`{"metadata": {...}}`).
#[derive(Deserialize)]
struct MetadataBody {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    metadata: BTreeMap<String, String>,
}

/// One metadata item (`{"meta": {"k": "v"}}`).
#[derive(Deserialize)]
struct MetaBody {
    meta: BTreeMap<String, String>,
}

/// Read a JSON answer as `T`, naming the document and the bad field on failure.
pub(crate) fn decode<T: DeserializeOwned>(fetched: &Fetched, what: &str) -> Result<T> {
    crate::connection::decode_seeded(&fetched.body, std::marker::PhantomData::<T>, what, &fetched.url)
}

/// Read `{"<key>": T}`.
pub(crate) fn decode_key<T: DeserializeOwned>(fetched: &Fetched, key: &str, what: &str) -> Result<T> {
    let mut body: Map<String, Value> = decode(fetched, what)?;
    let value = body.remove(key).ok_or_else(|| Error::Decode {
        resource: what.to_string(),
        url: fetched.url.clone(),
        message: format!("no '{key}' key in the response"),
    })?;
    serde_path_to_error::deserialize(value).map_err(|e| Error::Decode {
        resource: what.to_string(),
        url: fetched.url.clone(),
        message: format!("field `{key}.{}`: {}", e.path(), e.inner()),
    })
}

/// `<sub>/<key>` with the key percent-encoded.
fn keyed(sub: &str, key: &str) -> Result<String> {
    if key.is_empty() {
        return Err(Error::InvalidInput(format!("empty key for {sub}")));
    }
    Ok(format!("{sub}/{}", crate::resource::utf8_percent_encode(key)))
}

/// The metadata calls volumes and snapshots share (`<path>/<id>/metadata[/<key>]`).
pub(crate) async fn get_metadata<R: Resource>(api: &Api<R>, id: &str) -> Result<BTreeMap<String, String>> {
    let fetched = api.call::<()>(Method::GET, id, "metadata", None).await?;
    Ok(decode::<MetadataBody>(&fetched, R::NAME)?.metadata)
}

pub(crate) async fn set_metadata<R: Resource>(
    api: &Api<R>,
    id: &str,
    method: Method,
    metadata: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    let fetched = api.call(method, id, "metadata", Some(&serde_json::json!({ "metadata": metadata }))).await?;
    Ok(decode::<MetadataBody>(&fetched, R::NAME)?.metadata)
}

pub(crate) async fn get_metadata_item<R: Resource>(api: &Api<R>, id: &str, key: &str) -> Result<String> {
    let fetched = api.call::<()>(Method::GET, id, &keyed("metadata", key)?, None).await?;
    let mut meta = decode::<MetaBody>(&fetched, R::NAME)?.meta;
    meta.remove(key).ok_or_else(|| Error::Decode {
        resource: R::NAME.to_string(),
        url: fetched.url.clone(),
        message: format!("no metadata item '{key}' in the response"),
    })
}

pub(crate) async fn set_metadata_item<R: Resource>(api: &Api<R>, id: &str, key: &str, value: &str) -> Result<()> {
    let body = serde_json::json!({ "meta": { key: value } });
    api.call(Method::PUT, id, &keyed("metadata", key)?, Some(&body)).await.map(drop)
}

pub(crate) async fn delete_metadata_item<R: Resource>(api: &Api<R>, id: &str, key: &str) -> Result<()> {
    api.call::<()>(Method::DELETE, id, &keyed("metadata", key)?, None).await.map(drop)
}

/// `POST <path>/<id>/action` with `{"<action>": body}`, for actions whose answer is empty.
pub(crate) async fn action<R: Resource, B: Serialize + ?Sized>(
    api: &Api<R>,
    id: &str,
    name: &str,
    body: &B,
) -> Result<()> {
    let value = serde_json::to_value(body)
        .map_err(|e| Error::InvalidInput(format!("cannot encode the {name} action of {}: {e}", R::NAME)))?;
    api.post_action(id, &serde_json::json!({ name: value })).await.map(drop)
}

/// The newest user message cinder recorded about a resource, as `"<text> (<event id>, <time>)"`.
async fn latest_message(conn: &crate::Connection, id: &str) -> Option<String> {
    let api = Api::<Message>::new(conn.clone());
    if api.require_microversion(mv(3, 3), "list").await.is_err() {
        return None;
    }
    let query = MessageQuery { resource_uuid: Some(id.to_string()), ..Default::default() };
    let messages = api.list(&query).collect_all().await.ok()?;
    let newest = messages.into_iter().max_by(|a, b| a.created_at.cmp(&b.created_at))?;
    let text = newest.user_message.clone().unwrap_or_else(|| "(no text)".into());
    let mut context = Vec::new();
    if let Some(event) = &newest.event_id {
        context.push(event.clone());
    }
    if let Some(at) = &newest.created_at {
        context.push(at.to_string());
    }
    Some(if context.is_empty() { text } else { format!("{text} ({})", context.join(", ")) })
}

/// Poll `get` until the status is one of `targets` (case-insensitive). A status beginning with
/// `error` that is not a target stops at once, with `detail` of the resource (a backup's
/// `fail_reason`) and cinder's latest user message about it in the error.
pub(crate) async fn wait_until<R: Resource>(
    api: &Api<R>,
    id: &str,
    targets: &[&str],
    timeout: Duration,
    detail: impl Fn(&R) -> Option<String>,
) -> Result<R> {
    let started = Instant::now();
    let mut interval = Duration::from_millis(250);
    loop {
        let current = api.get(id).await?;
        let status = current.status().unwrap_or("").to_string();
        if targets.iter().any(|t| t.eq_ignore_ascii_case(&status)) {
            return Ok(current);
        }
        if status.to_ascii_lowercase().starts_with("error") {
            return Err(failed(api, id, &status, detail(&current)).await);
        }
        if started.elapsed() >= timeout {
            return Err(Error::Wait {
                resource: R::NAME,
                id: id.to_string(),
                message: format!(
                    "timed out after {}s in status {status} (waiting for {})",
                    timeout.as_secs(),
                    targets.join(" or ")
                ),
            });
        }
        tokio::time::sleep(interval.min(timeout.saturating_sub(started.elapsed()))).await;
        interval = (interval * 2).min(Duration::from_secs(2));
    }
}

async fn failed<R: Resource>(api: &Api<R>, id: &str, status: &str, detail: Option<String>) -> Error {
    let mut message = format!("reached status {status}");
    if let Some(detail) = detail.filter(|d| !d.is_empty()) {
        message.push_str(&format!(": {detail}"));
    }
    if let Some(user_message) = latest_message(api.connection(), id).await {
        message.push_str(&format!("; cinder says: {user_message}"));
    }
    Error::Wait { resource: R::NAME, id: id.to_string(), message }
}

/// Poll until `get` answers 404; `error_deleting` (or any `error*` status) stops at once with
/// cinder's user message.
pub(crate) async fn wait_deleted<R: Resource>(api: &Api<R>, id: &str, timeout: Duration) -> Result<()> {
    let started = Instant::now();
    let mut interval = Duration::from_millis(250);
    loop {
        match api.get(id).await {
            Err(e) if e.status() == Some(404) => return Ok(()),
            Err(e) => return Err(e),
            Ok(current) => {
                let status = current.status().unwrap_or("").to_string();
                if status.to_ascii_lowercase().starts_with("error") {
                    return Err(failed(api, id, &status, None).await);
                }
                if started.elapsed() >= timeout {
                    return Err(Error::Wait {
                        resource: R::NAME,
                        id: id.to_string(),
                        message: format!(
                            "timed out after {}s in status {status} (waiting for deletion)",
                            timeout.as_secs()
                        ),
                    });
                }
            }
        }
        tokio::time::sleep(interval.min(timeout.saturating_sub(started.elapsed()))).await;
        interval = (interval * 2).min(Duration::from_secs(2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_read_both_forms_and_write_them_back() {
        for (json, value) in [("true", true), ("\"false\"", false), ("\"True\"", true)] {
            let flag: Flag = serde_json::from_str(json).unwrap();
            assert_eq!(flag.get(), value, "{json}");
            assert_eq!(serde_json::to_string(&flag).unwrap(), json);
        }
        assert!(serde_json::from_str::<Flag>("\"maybe\"").is_err());
        assert!(serde_json::from_str::<Flag>("1").is_err());
    }
}
