//! Group: volumes managed together, e.g. for consistent group snapshots (`/v3/groups`, 3.13+).

use super::{decode_key, mv, CinderListOptions};
use crate::api::{Api, Creatable, Updatable};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::time::Duration;

/// A cinder generic volume group.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// Group id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// `creating`, `available`, `updating`, `deleting`, `error`, `error_deleting`, ...
    #[serde(default)]
    pub status: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Group type id.
    #[serde(default)]
    pub group_type: Option<String>,
    /// Volume type ids allowed in it.
    #[serde(default)]
    pub volume_types: Option<Vec<String>>,
    /// Member volume ids (3.25+, with `list_volume`).
    #[serde(default)]
    pub volumes: Option<Vec<String>>,
    /// Availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// The group snapshot it was made from.
    #[serde(default)]
    pub group_snapshot_id: Option<String>,
    /// The group it was cloned from.
    #[serde(default)]
    pub source_group_id: Option<String>,
    /// Owning project (3.58+).
    #[serde(default)]
    pub project_id: Option<String>,
    /// Replication status (3.38+).
    #[serde(default)]
    pub replication_status: Option<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Group {
    service: BlockStorage,
    path: "groups",
    key: Some("group"),
    plural: "groups",
    query: GroupQuery,
    display: "Volume group",
    list_path: "groups/detail",
    min_microversion: (3, 13),
    max_microversion: (3, 71),
    name: name,
    status: status,
    name_filter: name,
});
impl Creatable for Group {
    type Create = CreateGroup;
}
impl Updatable for Group {
    type Update = UpdateGroup;
}

/// Filters for listing groups.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Groups of every project (admin). Sent only when `Some(true)`: cinder reads
    /// `all_tenants=false` as a filter that matches nothing.
    #[serde(skip_serializing_if = "super::not_true")]
    pub all_tenants: Option<bool>,
    /// Include member volume ids (3.25+).
    pub list_volume: Option<bool>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/groups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateGroup {
    /// Group type (name or id).
    pub group_type: String,
    /// Volume types (names or ids) its volumes may have.
    pub volume_types: Vec<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
}

impl CreateGroup {
    /// A group of `group_type` for volumes of `volume_types`.
    pub fn new(group_type: impl Into<String>, volume_types: Vec<String>) -> Self {
        CreateGroup { group_type: group_type.into(), volume_types, ..Default::default() }
    }
}

/// The body of `POST /v3/groups/action` `create-from-src` (3.14+): a new group from a group
/// snapshot or a clone of a group.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateGroupFromSource {
    /// From this group snapshot.
    pub group_snapshot_id: Option<String>,
    /// Or a clone of this group.
    pub source_group_id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// The body of `PUT /v3/groups/{id}`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateGroup {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// Volume ids to add, comma-separated.
    pub add_volumes: Option<String>,
    /// Volume ids to remove, comma-separated.
    pub remove_volumes: Option<String>,
}

impl Api<Group> {
    /// Wait until the status is one of `targets`; an `error*` status stops at once.
    pub async fn wait_until(&self, id: &str, targets: &[&str], timeout: Duration) -> Result<Group> {
        super::wait_until(self, id, targets, timeout, |_| None).await
    }

    /// Wait until the group is gone.
    pub async fn wait_until_deleted(&self, id: &str, timeout: Duration) -> Result<()> {
        super::wait_deleted(self, id, timeout).await
    }

    /// Delete the group, and its volumes with `delete_volumes` (cinder deletes groups through an
    /// action).
    pub async fn delete(&self, id: &str, delete_volumes: bool) -> Result<()> {
        self.post_action(id, &json!({ "delete": { "delete-volumes": delete_volumes } })).await.map(drop)
    }

    /// A new group from a group snapshot or a source group (3.14+).
    pub async fn create_from_source(&self, body: &CreateGroupFromSource) -> Result<Group> {
        self.require_microversion(mv(3, 14), "create from a source").await?;
        let fetched = self.call_path(Method::POST, "groups/action", Some(&json!({ "create-from-src": body }))).await?;
        decode_key(&fetched, "group", "Volume group")
    }

    /// Set the status in the database (admin, 3.20+).
    pub async fn reset_status(&self, id: &str, status: &str) -> Result<()> {
        self.require_microversion(mv(3, 20), "reset status").await?;
        self.post_action(id, &json!({ "reset_status": { "status": status } })).await.map(drop)
    }

    /// Turn replication on (3.38+).
    pub async fn enable_replication(&self, id: &str) -> Result<()> {
        self.require_microversion(mv(3, 38), "enable replication").await?;
        self.post_action(id, &json!({ "enable_replication": {} })).await.map(drop)
    }

    /// Turn replication off (3.38+).
    pub async fn disable_replication(&self, id: &str) -> Result<()> {
        self.require_microversion(mv(3, 38), "disable replication").await?;
        self.post_action(id, &json!({ "disable_replication": {} })).await.map(drop)
    }

    /// Fail over to a replication target (3.38+).
    pub async fn failover_replication(
        &self,
        id: &str,
        allow_attached_volume: bool,
        secondary_backend_id: Option<&str>,
    ) -> Result<()> {
        self.require_microversion(mv(3, 38), "fail over replication").await?;
        let mut body = json!({ "allow_attached_volume": allow_attached_volume });
        if let Some(b) = secondary_backend_id {
            body["secondary_backend_id"] = json!(b);
        }
        self.post_action(id, &json!({ "failover_replication": body })).await.map(drop)
    }

    /// The replication targets (3.38+), as cinder sends them.
    pub async fn replication_targets(&self, id: &str) -> Result<Value> {
        self.require_microversion(mv(3, 38), "list replication targets").await?;
        let fetched = self.post_action(id, &json!({ "list_replication_targets": {} })).await?;
        decode_key(&fetched, "replication_targets", "Replication targets")
    }
}
