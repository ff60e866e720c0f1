//! Limits of the current project (`/v3/limits`): absolute quotas with usage, and rate limits.

use super::decode_key;
use super::proxy::BlockStorageProxy;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The current project's limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Quotas and usage.
    pub absolute: AbsoluteLimits,
    /// Rate limits (usually none).
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub rate: Vec<RateLimit>,
}

/// Absolute limits and usage (`-1`: unlimited).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteLimits {
    /// Volumes allowed.
    pub max_total_volumes: Option<i64>,
    /// Volumes used.
    pub total_volumes_used: Option<i64>,
    /// Snapshots allowed.
    pub max_total_snapshots: Option<i64>,
    /// Snapshots used.
    pub total_snapshots_used: Option<i64>,
    /// GiB allowed.
    pub max_total_volume_gigabytes: Option<i64>,
    /// GiB used.
    pub total_gigabytes_used: Option<i64>,
    /// Backups allowed.
    pub max_total_backups: Option<i64>,
    /// Backups used.
    pub total_backups_used: Option<i64>,
    /// Backup GiB allowed.
    pub max_total_backup_gigabytes: Option<i64>,
    /// Backup GiB used.
    pub total_backup_gigabytes_used: Option<i64>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A rate limit (a URI pattern and its limits), kept as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimit {
    /// Everything the cloud sent (`uri`, `regex`, `limit`).
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

impl BlockStorageProxy {
    /// The current project's limits and usage.
    pub async fn limits(&self) -> Result<Limits> {
        let fetched = self.send::<()>(Method::GET, "limits", None).await?;
        decode_key(&fetched, "limits", "Limits")
    }
}
