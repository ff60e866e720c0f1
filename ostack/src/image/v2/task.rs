//! Tasks: glance's record of asynchronous work (`/v2/tasks`, admin), e.g. an image import
//! (`api_image_import`). The tasks of one image are [`Api::tasks_of`](crate::Api::tasks_of).

use crate::lenient::{timestamp, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A glance task.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Task {
    /// Task id.
    pub id: String,
    /// `import`, `api_image_import`, ...
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// `pending`, `processing`, `success` or `failure`.
    #[serde(default)]
    pub status: Option<String>,
    /// Owning project.
    #[serde(default)]
    pub owner: Option<String>,
    /// The image it works on (image tasks).
    #[serde(default)]
    pub image_id: Option<String>,
    /// What it was asked to do.
    #[serde(default)]
    pub input: Option<Value>,
    /// What it produced.
    #[serde(default)]
    pub result: Option<Value>,
    /// Progress or failure message.
    #[serde(default)]
    pub message: Option<String>,
    /// When the record expires.
    #[serde(default, deserialize_with = "timestamp")]
    pub expires_at: Option<Timestamp>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Path of the task schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Path of this task.
    #[serde(rename = "self", default)]
    pub self_link: Option<String>,
    /// Every other field the cloud sent (`request-id`, `user`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Task {
    service: Image,
    path: "tasks",
    key: None,
    plural: "tasks",
    query: TaskQuery,
    pagination: NextKey,
    status: status,
});

/// Glance filters for listing tasks.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct TaskQuery {
    /// Task type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Sort key (`created_at`, `status`...).
    pub sort_key: Option<String>,
    /// `asc` or `desc`.
    pub sort_dir: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
}

/// `{"tasks": [...]}` (the tasks of one image).
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct TaskList {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub(crate) tasks: Vec<Task>,
}
