//! Message: what cinder tells users about failed asynchronous operations (`/v3/messages`,
//! 3.3+): "No storage could be allocated for this volume request.", ...

use super::{CinderListOptions, Link};
use crate::api::Deletable;
use crate::lenient::{timestamp, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A cinder user message.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    /// Message id.
    pub id: String,
    /// The text for users.
    #[serde(default)]
    pub user_message: Option<String>,
    /// `ERROR`.
    #[serde(default)]
    pub message_level: Option<String>,
    /// The event (`VOLUME_000002`).
    #[serde(default)]
    pub event_id: Option<String>,
    /// The kind of resource (`VOLUME`, `VOLUME_SNAPSHOT`, `VOLUME_BACKUP`).
    #[serde(default)]
    pub resource_type: Option<String>,
    /// The resource.
    #[serde(default)]
    pub resource_uuid: Option<String>,
    /// The request that failed.
    #[serde(default)]
    pub request_id: Option<String>,
    /// When.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Kept at least until.
    #[serde(default, deserialize_with = "timestamp")]
    pub guaranteed_until: Option<Timestamp>,
    /// Links.
    #[serde(default)]
    pub links: Option<Vec<Link>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Message {
    service: BlockStorage,
    path: "messages",
    key: Some("message"),
    plural: "messages",
    query: MessageQuery,
    display: "Volume message",
    min_microversion: (3, 3),
    max_microversion: (3, 71),
});
impl Deletable for Message {}

/// Filters for listing messages.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct MessageQuery {
    /// About this resource.
    pub resource_uuid: Option<String>,
    /// About this kind of resource.
    pub resource_type: Option<String>,
    /// This event.
    pub event_id: Option<String>,
    /// From this request.
    pub request_id: Option<String>,
    /// This level.
    pub message_level: Option<String>,
    /// Of this project (admin).
    pub project_id: Option<String>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}
