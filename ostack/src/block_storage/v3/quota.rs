//! Quotas of a project (`/v3/os-quota-sets/{project_id}`) and quota classes
//! (`/v3/os-quota-class-sets/{class}`): proxy calls, as these are not listable resources.

use super::decode_key;
use super::proxy::BlockStorageProxy;
use crate::resource::utf8_percent_encode;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The limits of a project (or a quota class). `-1` means unlimited. Per-type limits
/// (`volumes_<type>`, `gigabytes_<type>`, `snapshots_<type>`) are in `extra`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuotaSet {
    /// The project (or class) id (absent in update answers and bodies).
    #[serde(default)]
    pub id: Option<String>,
    /// Volumes.
    #[serde(default)]
    pub volumes: Option<i64>,
    /// Snapshots.
    #[serde(default)]
    pub snapshots: Option<i64>,
    /// GiB of volumes and snapshots.
    #[serde(default)]
    pub gigabytes: Option<i64>,
    /// Backups.
    #[serde(default)]
    pub backups: Option<i64>,
    /// GiB of backups.
    #[serde(default)]
    pub backup_gigabytes: Option<i64>,
    /// Largest volume in GiB.
    #[serde(default)]
    pub per_volume_gigabytes: Option<i64>,
    /// Groups.
    #[serde(default)]
    pub groups: Option<i64>,
    /// Per-type limits and anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One quota with its usage.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaUsage {
    /// The limit (`-1`: unlimited).
    pub limit: i64,
    /// Used.
    #[serde(default)]
    pub in_use: i64,
    /// Reserved by operations in progress.
    #[serde(default)]
    pub reserved: Option<i64>,
    /// Allocated to child projects (nested quotas).
    #[serde(default)]
    pub allocated: Option<i64>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A project's quotas with usage (`?usage=true`), by quota name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaUsageSet {
    /// The project.
    #[serde(default)]
    pub id: Option<String>,
    /// Every quota (`volumes`, `gigabytes`, `volumes_<type>`, ...).
    #[serde(flatten)]
    pub quotas: BTreeMap<String, QuotaUsage>,
}

fn project_path(base: &str, project_id: &str) -> Result<String> {
    if project_id.is_empty() {
        return Err(crate::Error::InvalidInput(format!("empty project id for {base}")));
    }
    Ok(format!("{base}/{}", utf8_percent_encode(project_id)))
}

impl BlockStorageProxy {
    /// A project's quotas.
    pub async fn quota_set(&self, project_id: &str) -> Result<QuotaSet> {
        let fetched = self.send::<()>(Method::GET, &project_path("os-quota-sets", project_id)?, None).await?;
        decode_key(&fetched, "quota_set", "Quota set")
    }

    /// A project's quotas with what is used and reserved.
    pub async fn quota_usage(&self, project_id: &str) -> Result<QuotaUsageSet> {
        let path = format!("{}?usage=true", project_path("os-quota-sets", project_id)?);
        let fetched = self.send::<()>(Method::GET, &path, None).await?;
        decode_key(&fetched, "quota_set", "Quota usage")
    }

    /// The defaults a project without its own quotas gets.
    pub async fn quota_defaults(&self, project_id: &str) -> Result<QuotaSet> {
        let path = format!("{}/defaults", project_path("os-quota-sets", project_id)?);
        let fetched = self.send::<()>(Method::GET, &path, None).await?;
        decode_key(&fetched, "quota_set", "Quota defaults")
    }

    /// Change a project's quotas (admin): the fields set in `quotas`; returns them all.
    pub async fn update_quota_set(&self, project_id: &str, quotas: &QuotaSet) -> Result<QuotaSet> {
        let mut body = quotas.clone();
        body.id = None;
        let path = project_path("os-quota-sets", project_id)?;
        let fetched = self.send(Method::PUT, &path, Some(&json!({ "quota_set": body }))).await?;
        decode_key(&fetched, "quota_set", "Quota set")
    }

    /// Back to the defaults (admin).
    pub async fn delete_quota_set(&self, project_id: &str) -> Result<()> {
        self.send::<()>(Method::DELETE, &project_path("os-quota-sets", project_id)?, None).await.map(drop)
    }

    /// A quota class (`default` is the defaults of every project).
    pub async fn quota_class_set(&self, class_name: &str) -> Result<QuotaSet> {
        let fetched = self.send::<()>(Method::GET, &project_path("os-quota-class-sets", class_name)?, None).await?;
        decode_key(&fetched, "quota_class_set", "Quota class set")
    }

    /// Change a quota class (admin).
    pub async fn update_quota_class_set(&self, class_name: &str, quotas: &QuotaSet) -> Result<QuotaSet> {
        let mut body = quotas.clone();
        body.id = None;
        let path = project_path("os-quota-class-sets", class_name)?;
        let fetched = self.send(Method::PUT, &path, Some(&json!({ "quota_class_set": body }))).await?;
        decode_key(&fetched, "quota_class_set", "Quota class set")
    }
}
