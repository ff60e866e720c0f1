//! Backup: a full or incremental copy of a volume in the backup store (`/v3/backups`), with
//! restore, export/import of its record, and status actions.

use super::{action, decode_key, CinderListOptions, Link};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// A cinder volume backup.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Backup {
    /// Backup id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// `creating`, `available`, `deleting`, `error`, `restoring`, `error_restoring`,
    /// `error_deleting`.
    #[serde(default)]
    pub status: Option<String>,
    /// The volume backed up.
    #[serde(default)]
    pub volume_id: Option<String>,
    /// The snapshot backed up, if it was made from one.
    #[serde(default)]
    pub snapshot_id: Option<String>,
    /// Size in GiB.
    #[serde(default)]
    pub size: Option<u64>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Container (bucket, directory) in the backup store.
    #[serde(default)]
    pub container: Option<String>,
    /// Availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// Why it failed.
    #[serde(default)]
    pub fail_reason: Option<String>,
    /// Incremental (on top of an earlier backup).
    #[serde(default)]
    pub is_incremental: Option<bool>,
    /// Later incremental backups depend on it.
    #[serde(default)]
    pub has_dependent_backups: Option<bool>,
    /// Objects in the store.
    #[serde(default)]
    pub object_count: Option<u64>,
    /// When the data was taken (the snapshot's time for a backup of a snapshot).
    #[serde(default, deserialize_with = "timestamp")]
    pub data_timestamp: Option<Timestamp>,
    /// Owning project (3.18+).
    #[serde(rename = "os-backup-project-attr:project_id", default)]
    pub project_id: Option<String>,
    /// Creating user (3.56+).
    #[serde(default)]
    pub user_id: Option<String>,
    /// Metadata (3.43+).
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Encryption key of an encrypted volume's backup (3.64+).
    #[serde(default)]
    pub encryption_key_id: Option<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Links.
    #[serde(default)]
    pub links: Option<Vec<Link>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Backup {
    service: BlockStorage,
    path: "backups",
    key: Some("backup"),
    plural: "backups",
    query: BackupQuery,
    display: "Volume backup",
    list_path: "backups/detail",
    max_microversion: (3, 71),
    name: name,
    status: status,
    name_filter: name,
});
impl Creatable for Backup {
    type Create = CreateBackup;

    fn create_needs(body: &CreateBackup) -> Vec<(&'static str, crate::api::Versions)> {
        super::needs_since(&[
            (body.metadata.is_some(), "Volume backup create with metadata", 43),
            (body.availability_zone.is_some(), "Volume backup create in an availability zone", 51),
        ])
    }
}
impl Updatable for Backup {
    type Update = UpdateBackup;

    fn update_needs(body: &UpdateBackup) -> Vec<(&'static str, crate::api::Versions)> {
        super::needs_since(&[
            (true, "Volume backup update", 9),
            (body.metadata.is_some(), "Volume backup metadata", 43),
        ])
    }
}
impl Deletable for Backup {}

/// Filters for listing backups (`GET /v3/backups/detail`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct BackupQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Of this volume.
    pub volume_id: Option<String>,
    /// Backups of every project (admin). Sent only when `Some(true)`: cinder reads
    /// `all_tenants=false` as a filter that matches nothing.
    #[serde(skip_serializing_if = "super::not_true")]
    pub all_tenants: Option<bool>,
    /// Of this project (admin, with `all_tenants`).
    pub project_id: Option<String>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/backups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateBackup {
    /// The volume.
    pub volume_id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Container in the backup store.
    pub container: Option<String>,
    /// Only what changed since the last backup of the volume.
    pub incremental: Option<bool>,
    /// Back up an attached volume too.
    pub force: Option<bool>,
    /// Back up this snapshot of the volume instead of the volume itself.
    pub snapshot_id: Option<String>,
    /// Metadata (3.43+).
    pub metadata: Option<BTreeMap<String, String>>,
    /// Availability zone of the backup service (3.51+).
    pub availability_zone: Option<String>,
}

impl CreateBackup {
    /// A full backup of `volume_id`.
    pub fn new(volume_id: impl Into<String>) -> Self {
        CreateBackup { volume_id: volume_id.into(), ..Default::default() }
    }
    /// Set the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Only what changed since the last backup.
    pub fn incremental(mut self) -> Self {
        self.incremental = Some(true);
        self
    }
}

/// The body of `PUT /v3/backups/{id}` (3.9+).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateBackup {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// Replaces the metadata (3.43+).
    pub metadata: Option<BTreeMap<String, String>>,
}

/// What a restore answers.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupRestore {
    /// The backup.
    pub backup_id: String,
    /// The volume restored into.
    pub volume_id: String,
    /// Its name.
    #[serde(default)]
    pub volume_name: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A backup's exported record: enough to import it into another cinder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupRecord {
    /// The backup driver (`cinder.backup.drivers.posix.PosixBackupDriver`).
    pub backup_service: String,
    /// The record itself (opaque, base64).
    pub backup_url: String,
}

impl Api<Backup> {
    /// Wait until the status is one of `targets`; an `error*` status stops at once with the
    /// backup's `fail_reason` and cinder's user message.
    pub async fn wait_until(&self, id: &str, targets: &[&str], timeout: Duration) -> Result<Backup> {
        super::wait_until(self, id, targets, timeout, |b: &Backup| b.fail_reason.clone()).await
    }

    /// Wait until the backup is gone; `error_deleting` stops at once.
    pub async fn wait_until_deleted(&self, id: &str, timeout: Duration) -> Result<()> {
        super::wait_deleted(self, id, timeout).await
    }

    /// Restore into an existing volume (`volume_id`, at least as large and `available`), or into
    /// a new one (named `name` if given).
    pub async fn restore(&self, id: &str, volume_id: Option<&str>, name: Option<&str>) -> Result<BackupRestore> {
        let mut body = Map::new();
        if let Some(v) = volume_id {
            body.insert("volume_id".into(), json!(v));
        }
        if let Some(n) = name {
            body.insert("name".into(), json!(n));
        }
        self.post_sub::<_, RestoreBody>(id, "restore", &json!({ "restore": body })).await.map(|b| b.restore)
    }

    /// Export the backup's record (admin).
    pub async fn export_record(&self, id: &str) -> Result<BackupRecord> {
        let fetched = self.call::<()>(Method::GET, id, "export_record", None).await?;
        decode_key(&fetched, "backup-record", "Backup record")
    }

    /// Import a record exported elsewhere: a backup entry pointing at the existing data (admin).
    pub async fn import_record(&self, record: &BackupRecord) -> Result<Backup> {
        let fetched =
            self.call_path(Method::POST, "backups/import_record", Some(&json!({ "backup-record": record }))).await?;
        decode_key(&fetched, "backup", "Volume backup")
    }

    /// Set the status in the database (admin).
    pub async fn reset_status(&self, id: &str, status: &str) -> Result<()> {
        action(self, id, "os-reset_status", &json!({ "status": status })).await
    }

    /// Delete whatever the status (admin).
    pub async fn force_delete(&self, id: &str) -> Result<()> {
        action(self, id, "os-force_delete", &json!({})).await
    }
}

#[derive(Deserialize)]
struct RestoreBody {
    restore: BackupRestore,
}
