//! Attachment: the attach API compute services use (`/v3/attachments`, 3.27+): reserve a
//! volume for a server, give the host's connector, complete, delete.

use super::CinderListOptions;
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A volume attachment.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    /// Attachment id.
    pub id: String,
    /// `reserved`, `attaching`, `attached`, `detaching`, `detached`, `error_attaching`, ...
    #[serde(default)]
    pub status: Option<String>,
    /// The volume.
    #[serde(default)]
    pub volume_id: Option<String>,
    /// The server.
    #[serde(default)]
    pub instance: Option<String>,
    /// `rw` or `ro`.
    #[serde(default)]
    pub attach_mode: Option<String>,
    /// How the host reaches the volume (once a connector was given).
    #[serde(default)]
    pub connection_info: Option<Map<String, Value>>,
    /// When it was attached.
    #[serde(default, deserialize_with = "timestamp")]
    pub attached_at: Option<Timestamp>,
    /// When it was detached.
    #[serde(default, deserialize_with = "timestamp")]
    pub detached_at: Option<Timestamp>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Attachment {
    service: BlockStorage,
    path: "attachments",
    key: Some("attachment"),
    plural: "attachments",
    query: AttachmentQuery,
    display: "Volume attachment",
    list_path: "attachments/detail",
    min_microversion: (3, 27),
    max_microversion: (3, 71),
    status: status,
});
impl Creatable for Attachment {
    type Create = CreateAttachment;
}
impl Updatable for Attachment {
    type Update = UpdateAttachment;
}
impl Deletable for Attachment {}

/// Filters for listing attachments.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttachmentQuery {
    /// Of this volume.
    pub volume_id: Option<String>,
    /// Of this server.
    pub instance_id: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Attachments of every project (admin). Sent only when `Some(true)`: cinder reads
    /// `all_tenants=false` as a filter that matches nothing.
    #[serde(skip_serializing_if = "super::not_true")]
    pub all_tenants: Option<bool>,
    /// Of this project (admin).
    pub project_id: Option<String>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/attachments`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateAttachment {
    /// The volume.
    pub volume_uuid: String,
    /// The server (none: attach to a host).
    pub instance_uuid: Option<String>,
    /// The host's connector (none: only reserve).
    pub connector: Option<Map<String, Value>>,
    /// `rw` or `ro` (3.54+).
    pub mode: Option<String>,
}

impl CreateAttachment {
    /// Reserve `volume_id` for `server_id`.
    pub fn new(volume_id: impl Into<String>, server_id: impl Into<String>) -> Self {
        CreateAttachment { volume_uuid: volume_id.into(), instance_uuid: Some(server_id.into()), ..Default::default() }
    }
}

/// The body of `PUT /v3/attachments/{id}`: the host's connector.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateAttachment {
    /// The connector (`host`, `ip`, `initiator`, `platform`, `os_type`, `multipath`, ...).
    pub connector: Map<String, Value>,
}

impl Api<Attachment> {
    /// Mark the attachment done: the volume is `in-use` (3.44+).
    pub async fn complete(&self, id: &str) -> Result<()> {
        self.require_microversion(super::mv(3, 44), "complete").await?;
        self.post_action(id, &json!({ "os-complete": {} })).await.map(drop)
    }
}
