//! Snapshot: a point-in-time copy of a volume (`/v3/snapshots`), its metadata, status actions,
//! and manage/unmanage.

use super::{action, decode_key, mv, CinderListOptions, Flag};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// A cinder volume snapshot.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    /// Snapshot id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// `creating`, `available`, `backing-up`, `deleting`, `error`, `deleted`, `unmanaging`,
    /// `restoring`, `error_deleting`.
    #[serde(default)]
    pub status: Option<String>,
    /// The volume it is a snapshot of.
    #[serde(default)]
    pub volume_id: Option<String>,
    /// Size in GiB.
    #[serde(default)]
    pub size: Option<u64>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Metadata.
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Progress (`"100%"`).
    #[serde(rename = "os-extended-snapshot-attributes:progress", default)]
    pub progress: Option<String>,
    /// Owning project.
    #[serde(rename = "os-extended-snapshot-attributes:project_id", default)]
    pub project_id: Option<String>,
    /// Group snapshot it belongs to (3.14+).
    #[serde(default)]
    pub group_snapshot_id: Option<String>,
    /// Creating user (3.41+).
    #[serde(default)]
    pub user_id: Option<String>,
    /// Counted in quotas (3.65+).
    #[serde(default)]
    pub consumes_quota: Option<bool>,
    /// Taken of an attached volume.
    #[serde(default)]
    pub force: Option<Flag>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Snapshot {
    service: BlockStorage,
    path: "snapshots",
    key: Some("snapshot"),
    plural: "snapshots",
    query: SnapshotQuery,
    display: "Volume snapshot",
    list_path: "snapshots/detail",
    max_microversion: (3, 71),
    name: name,
    status: status,
    name_filter: name,
    query_needs: snapshot_query_needs,
});

/// The microversions of the snapshot list filters.
fn snapshot_query_needs(query: &SnapshotQuery) -> Vec<(&'static str, crate::api::Versions)> {
    super::needs_since(&[(query.metadata.is_some(), "Volume snapshot list by metadata", 22)])
}

impl Creatable for Snapshot {
    type Create = CreateSnapshot;
}
impl Updatable for Snapshot {
    type Update = UpdateSnapshot;
}
impl Deletable for Snapshot {}

/// Filters for listing snapshots (`GET /v3/snapshots/detail`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct SnapshotQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Of this volume.
    pub volume_id: Option<String>,
    /// Having these metadata items.
    #[serde(serialize_with = "super::volume::as_json_text")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Snapshots of every project (admin). Sent only when `Some(true)`: cinder reads
    /// `all_tenants=false` as a filter that matches nothing.
    #[serde(skip_serializing_if = "super::not_true")]
    pub all_tenants: Option<bool>,
    /// Of this project (admin, with `all_tenants`).
    pub project_id: Option<String>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/snapshots`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSnapshot {
    /// The volume.
    pub volume_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Snapshot an attached volume too.
    pub force: Option<bool>,
    /// Metadata.
    pub metadata: Option<BTreeMap<String, String>>,
}

impl CreateSnapshot {
    /// A snapshot of `volume_id`.
    pub fn new(volume_id: impl Into<String>) -> Self {
        CreateSnapshot { volume_id: volume_id.into(), ..Default::default() }
    }
    /// Set the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// The body of `PUT /v3/snapshots/{id}`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSnapshot {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
}

/// The body of `POST /v3/manageable_snapshots` (admin).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ManageSnapshot {
    /// The volume the backend snapshot belongs to.
    pub volume_id: String,
    /// The backend's reference (`{"source-name": "..."}`).
    #[serde(rename = "ref")]
    pub reference: Map<String, Value>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Metadata.
    pub metadata: Option<BTreeMap<String, String>>,
}

impl ManageSnapshot {
    /// Manage the backend snapshot named `source_name` of `volume_id`.
    pub fn by_name(volume_id: impl Into<String>, source_name: impl Into<String>) -> Self {
        let mut reference = Map::new();
        reference.insert("source-name".into(), Value::String(source_name.into()));
        ManageSnapshot { volume_id: volume_id.into(), reference, ..Default::default() }
    }
}

impl Api<Snapshot> {
    /// Wait until the status is one of `targets`; an `error*` status stops at once with
    /// cinder's user message.
    pub async fn wait_until(&self, id: &str, targets: &[&str], timeout: Duration) -> Result<Snapshot> {
        super::wait_until(self, id, targets, timeout, |_| None).await
    }

    /// Wait until the snapshot is gone; `error_deleting` stops at once.
    pub async fn wait_until_deleted(&self, id: &str, timeout: Duration) -> Result<()> {
        super::wait_deleted(self, id, timeout).await
    }

    /// Set the status in the database (admin).
    pub async fn reset_status(&self, id: &str, status: &str) -> Result<()> {
        action(self, id, "os-reset_status", &json!({ "status": status })).await
    }

    /// Report status and progress (what a backend driver calls).
    pub async fn update_status(&self, id: &str, status: &str, progress: Option<&str>) -> Result<()> {
        let mut body = json!({ "status": status });
        if let Some(p) = progress {
            body["progress"] = json!(p);
        }
        action(self, id, "os-update_snapshot_status", &body).await
    }

    /// Delete whatever the status (admin).
    pub async fn force_delete(&self, id: &str) -> Result<()> {
        action(self, id, "os-force_delete", &json!({})).await
    }

    /// Stop managing it: cinder forgets it, the backend keeps it (admin).
    pub async fn unmanage(&self, id: &str) -> Result<()> {
        action(self, id, "os-unmanage", &json!({})).await
    }

    /// Take over an existing backend snapshot (admin, 3.8+).
    pub async fn manage(&self, body: &ManageSnapshot) -> Result<Snapshot> {
        self.require_microversion(mv(3, 8), "manage").await?;
        let fetched = self.call_path(Method::POST, "manageable_snapshots", Some(&json!({ "snapshot": body }))).await?;
        decode_key(&fetched, "snapshot", "Volume snapshot")
    }

    /// The metadata.
    pub async fn metadata(&self, id: &str) -> Result<BTreeMap<String, String>> {
        super::get_metadata(self, id).await
    }

    /// Add or change metadata items (others are kept); returns the whole metadata.
    pub async fn set_metadata(&self, id: &str, items: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>> {
        super::set_metadata(self, id, Method::POST, items).await
    }

    /// Replace the whole metadata.
    pub async fn replace_metadata(
        &self,
        id: &str,
        items: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>> {
        super::set_metadata(self, id, Method::PUT, items).await
    }

    /// One metadata item.
    pub async fn metadata_item(&self, id: &str, key: &str) -> Result<String> {
        super::get_metadata_item(self, id, key).await
    }

    /// Set one metadata item.
    pub async fn set_metadata_item(&self, id: &str, key: &str, value: &str) -> Result<()> {
        super::set_metadata_item(self, id, key, value).await
    }

    /// Remove one metadata item.
    pub async fn delete_metadata_item(&self, id: &str, key: &str) -> Result<()> {
        super::delete_metadata_item(self, id, key).await
    }
}
