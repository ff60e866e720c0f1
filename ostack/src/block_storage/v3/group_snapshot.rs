//! GroupSnapshot: a consistent snapshot of every volume of a group (`/v3/group_snapshots`,
//! 3.14+).

use super::{mv, CinderListOptions};
use crate::api::{Api, Creatable, Deletable};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::time::Duration;

/// A cinder group snapshot.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupSnapshot {
    /// Group snapshot id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// `creating`, `available`, `deleting`, `error`, ...
    #[serde(default)]
    pub status: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The group.
    #[serde(default)]
    pub group_id: Option<String>,
    /// The group's type.
    #[serde(default)]
    pub group_type_id: Option<String>,
    /// Owning project (3.58+).
    #[serde(default)]
    pub project_id: Option<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(GroupSnapshot {
    service: BlockStorage,
    path: "group_snapshots",
    key: Some("group_snapshot"),
    plural: "group_snapshots",
    query: GroupSnapshotQuery,
    display: "Volume group snapshot",
    list_path: "group_snapshots/detail",
    min_microversion: (3, 14),
    max_microversion: (3, 71),
    name: name,
    status: status,
    name_filter: name,
});
impl Creatable for GroupSnapshot {
    type Create = CreateGroupSnapshot;
}
impl Deletable for GroupSnapshot {}

/// Filters for listing group snapshots.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupSnapshotQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Of this group.
    pub group_id: Option<String>,
    /// Of every project (admin). Sent only when `Some(true)`: cinder reads
    /// `all_tenants=false` as a filter that matches nothing.
    #[serde(skip_serializing_if = "super::not_true")]
    pub all_tenants: Option<bool>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/group_snapshots`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateGroupSnapshot {
    /// The group.
    pub group_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

impl CreateGroupSnapshot {
    /// A snapshot of `group_id`.
    pub fn new(group_id: impl Into<String>) -> Self {
        CreateGroupSnapshot { group_id: group_id.into(), ..Default::default() }
    }
}

impl Api<GroupSnapshot> {
    /// Wait until the status is one of `targets`; an `error*` status stops at once.
    pub async fn wait_until(&self, id: &str, targets: &[&str], timeout: Duration) -> Result<GroupSnapshot> {
        super::wait_until(self, id, targets, timeout, |_| None).await
    }

    /// Set the status in the database (admin, 3.19+).
    pub async fn reset_status(&self, id: &str, status: &str) -> Result<()> {
        self.require_microversion(mv(3, 19), "reset status").await?;
        self.post_action(id, &json!({ "reset_status": { "status": status } })).await.map(drop)
    }
}
