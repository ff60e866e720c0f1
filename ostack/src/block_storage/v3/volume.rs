//! Volume: a block device (`/v3/volumes`), its metadata, and the volume actions (extend,
//! bootable, read-only, retype, migrate, reset status, force detach, image metadata, upload to
//! image, revert to snapshot, manage and unmanage).

use super::{action, decode, decode_key, mv, needs_since, CinderListOptions, Flag, Link};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// One attachment of a volume to a server, as the volume shows it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeAttachment {
    /// The attachment id.
    #[serde(default)]
    pub attachment_id: Option<String>,
    /// The server.
    #[serde(default)]
    pub server_id: Option<String>,
    /// The device on the server (`/dev/vdb`).
    #[serde(default)]
    pub device: Option<String>,
    /// The compute host.
    #[serde(default)]
    pub host_name: Option<String>,
    /// The volume.
    #[serde(default)]
    pub volume_id: Option<String>,
    /// When it was attached.
    #[serde(default, deserialize_with = "timestamp")]
    pub attached_at: Option<Timestamp>,
    /// Anything else the cloud sent (`id`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A cinder volume.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Volume {
    /// Volume id.
    pub id: String,
    /// Name (cinder allows none).
    #[serde(default)]
    pub name: Option<String>,
    /// `creating`, `available`, `reserved`, `attaching`, `detaching`, `in-use`, `maintenance`,
    /// `deleting`, `awaiting-transfer`, `error`, `error_deleting`, `backing-up`,
    /// `restoring-backup`, `error_backing-up`, `error_restoring`, `error_extending`,
    /// `downloading`, `uploading`, `retyping`, `extending`.
    #[serde(default)]
    pub status: Option<String>,
    /// Size in GiB.
    #[serde(default)]
    pub size: Option<u64>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Volume type name.
    #[serde(default)]
    pub volume_type: Option<String>,
    /// Volume type id (3.61+).
    #[serde(default)]
    pub volume_type_id: Option<String>,
    /// Availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// Whether servers can boot from it (cinder sends `"true"`/`"false"`).
    #[serde(default)]
    pub bootable: Option<Flag>,
    /// Encrypted.
    #[serde(default)]
    pub encrypted: Option<Flag>,
    /// Attachable to several servers at once.
    #[serde(default)]
    pub multiattach: Option<bool>,
    /// Free-form metadata.
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Its attachments to servers.
    #[serde(default, deserialize_with = "null_as_default")]
    pub attachments: Vec<VolumeAttachment>,
    /// The snapshot it was created from.
    #[serde(default)]
    pub snapshot_id: Option<String>,
    /// The volume it was cloned from.
    #[serde(default)]
    pub source_volid: Option<String>,
    /// The backup it was created from (3.47+, create responses).
    #[serde(default)]
    pub backup_id: Option<String>,
    /// Owning project.
    #[serde(rename = "os-vol-tenant-attr:tenant_id", default)]
    pub project_id: Option<String>,
    /// Creating user.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Backend host (`host@backend#pool`, admin only).
    #[serde(rename = "os-vol-host-attr:host", default)]
    pub host: Option<String>,
    /// Migration status (admin only).
    #[serde(rename = "os-vol-mig-status-attr:migstat", default)]
    pub migration_status: Option<String>,
    /// The volume id its backend name is based on after a migration (admin only).
    #[serde(rename = "os-vol-mig-status-attr:name_id", default)]
    pub migration_name_id: Option<String>,
    /// Replication status.
    #[serde(default)]
    pub replication_status: Option<String>,
    /// Consistency group.
    #[serde(default)]
    pub consistencygroup_id: Option<String>,
    /// Group (3.13+).
    #[serde(default)]
    pub group_id: Option<String>,
    /// Properties of the image it was created from.
    #[serde(default)]
    pub volume_image_metadata: Option<BTreeMap<String, Value>>,
    /// Backend provider id (3.21+).
    #[serde(default)]
    pub provider_id: Option<String>,
    /// The volume service serving it (3.48+).
    #[serde(default)]
    pub service_uuid: Option<String>,
    /// Whether the backend shares targets between volumes (3.48+).
    #[serde(default)]
    pub shared_targets: Option<bool>,
    /// Backend cluster (3.61+).
    #[serde(default)]
    pub cluster_name: Option<String>,
    /// Encryption key (3.64+, encrypted volumes).
    #[serde(default)]
    pub encryption_key_id: Option<String>,
    /// Counted in quotas (3.65+).
    #[serde(default)]
    pub consumes_quota: Option<bool>,
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

impl Volume {
    /// Whether servers can boot from it.
    pub fn is_bootable(&self) -> bool {
        self.bootable.as_ref().is_some_and(Flag::get)
    }

    /// Whether it is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.encrypted.as_ref().is_some_and(Flag::get)
    }
}

crate::resource!(Volume {
    service: BlockStorage,
    path: "volumes",
    key: Some("volume"),
    plural: "volumes",
    query: VolumeQuery,
    list_path: "volumes/detail",
    max_microversion: (3, 71),
    name: name,
    status: status,
    name_filter: name,
    query_needs: volume_query_needs,
});
impl Creatable for Volume {
    type Create = CreateVolume;

    fn create_needs(body: &CreateVolume) -> Vec<(&'static str, crate::api::Versions)> {
        needs_since(&[
            (body.backup_id.is_some(), "Volume create from a backup", 47),
            (body.group_id.is_some(), "Volume create in a group", 13),
        ])
    }
}

/// The microversions of the volume list filters.
fn volume_query_needs(query: &VolumeQuery) -> Vec<(&'static str, crate::api::Versions)> {
    needs_since(&[
        (query.glance_metadata.is_some(), "Volume list by glance_metadata", 4),
        (query.group_id.is_some(), "Volume list by group_id", 10),
        (query.with_count.is_some(), "Volume list with_count", 45),
        (query.created_at.is_some(), "Volume list by created_at", 60),
        (query.updated_at.is_some(), "Volume list by updated_at", 60),
    ])
}
impl Updatable for Volume {
    type Update = UpdateVolume;
}
impl Deletable for Volume {}

/// Filters for listing volumes (`GET /v3/volumes/detail`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct VolumeQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Having these metadata items (sent as `{"k": "v"}`).
    #[serde(serialize_with = "as_json_text")]
    pub metadata: Option<BTreeMap<String, String>>,
    /// Bootable or not.
    pub bootable: Option<bool>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Migration status (admin).
    pub migration_status: Option<String>,
    /// Group (3.13+).
    pub group_id: Option<String>,
    /// Size in GiB.
    pub size: Option<u64>,
    /// Created before/after: `gt:`, `gte:`, `eq:`, `neq:`, `lt:`, `lte:` + ISO time (3.60+).
    pub created_at: Option<String>,
    /// Updated before/after, like `created_at` (3.60+).
    pub updated_at: Option<String>,
    /// Volumes of every project (admin). Sent only when `Some(true)`: cinder reads
    /// `all_tenants=false` as a filter that matches nothing.
    #[serde(skip_serializing_if = "super::not_true")]
    pub all_tenants: Option<bool>,
    /// Volumes of this project (admin, with `all_tenants`).
    pub project_id: Option<String>,
    /// Created by this user.
    pub user_id: Option<String>,
    /// With these image properties (`{"k": "v"}`, 3.4+).
    #[serde(serialize_with = "as_json_text")]
    pub glance_metadata: Option<BTreeMap<String, String>>,
    /// Ask for the total count too (3.45+; see [`Api::<Volume>::count`]).
    pub with_count: Option<bool>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// A map filter as the JSON text cinder reads (`metadata={"k": "v"}`).
pub(crate) fn as_json_text<S: serde::Serializer>(
    value: &Option<BTreeMap<String, String>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match value {
        Some(map) => s.serialize_str(&serde_json::to_string(map).map_err(serde::ser::Error::custom)?),
        None => s.serialize_none(),
    }
}

/// The body of `POST /v3/volumes` (under `volume`). Scheduler hints travel beside it:
/// [`Api::<Volume>::create_with_hints`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateVolume {
    /// Size in GiB (may be omitted with a source that gives it).
    pub size: Option<u64>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Volume type, by name or id.
    pub volume_type: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Metadata.
    pub metadata: Option<BTreeMap<String, String>>,
    /// Create from this image (its data is copied in; the volume becomes bootable).
    #[serde(rename = "imageRef")]
    pub image_ref: Option<String>,
    /// Create from this snapshot.
    pub snapshot_id: Option<String>,
    /// Clone this volume.
    pub source_volid: Option<String>,
    /// Restore this backup into the new volume (3.47+).
    pub backup_id: Option<String>,
    /// Attachable to several servers (needs a multiattach type on newer clouds).
    pub multiattach: Option<bool>,
    /// Put it in this group (3.13+).
    pub group_id: Option<String>,
    /// Put it in this consistency group.
    pub consistencygroup_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateVolume {
    /// An empty volume of `size` GiB.
    pub fn new(size: u64) -> Self {
        CreateVolume { size: Some(size), ..Default::default() }
    }
    /// A volume holding the data of an image (bootable when the image is).
    pub fn from_image(image_id: impl Into<String>, size: u64) -> Self {
        CreateVolume { image_ref: Some(image_id.into()), ..Self::new(size) }
    }
    /// A volume made from a snapshot (its size unless `size` is set).
    pub fn from_snapshot(snapshot_id: impl Into<String>) -> Self {
        CreateVolume { snapshot_id: Some(snapshot_id.into()), ..Default::default() }
    }
    /// A clone of another volume (its size unless `size` is set).
    pub fn from_volume(volume_id: impl Into<String>) -> Self {
        CreateVolume { source_volid: Some(volume_id.into()), ..Default::default() }
    }
    /// A volume restored from a backup (3.47+).
    pub fn from_backup(backup_id: impl Into<String>) -> Self {
        CreateVolume { backup_id: Some(backup_id.into()), ..Default::default() }
    }
    /// Set the name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Set the size in GiB.
    pub fn size(mut self, size: u64) -> Self {
        self.size = Some(size);
        self
    }
    /// Set the volume type.
    pub fn volume_type(mut self, volume_type: impl Into<String>) -> Self {
        self.volume_type = Some(volume_type.into());
        self
    }
    /// Add a metadata item.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.get_or_insert_with(BTreeMap::new).insert(key.into(), value.into());
        self
    }
}

/// The body of `PUT /v3/volumes/{id}` (under `volume`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateVolume {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// Replaces the whole metadata.
    pub metadata: Option<BTreeMap<String, String>>,
}

/// The body of `os-reset_status` (admin): any of the three statuses.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResetVolumeStatus {
    /// The volume status.
    pub status: Option<String>,
    /// `attached` or `detached`.
    pub attach_status: Option<String>,
    /// The migration status (`migrating`, `error`, `success`, `none`...).
    pub migration_status: Option<String>,
}

/// The body of `os-migrate_volume` (admin).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct MigrateVolume {
    /// Destination backend (`host@backend#pool`); or let the scheduler pick (3.16+ when absent).
    pub host: Option<String>,
    /// Destination cluster (3.16+).
    pub cluster: Option<String>,
    /// Copy through the cinder host rather than the backend's own migration.
    pub force_host_copy: Option<bool>,
    /// Keep the volume's status `maintenance` while migrating.
    pub lock_volume: Option<bool>,
}

/// The body of `os-volume_upload_image`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UploadToImage {
    /// Image name.
    pub image_name: String,
    /// Upload even when attached.
    pub force: Option<bool>,
    /// `raw`, `qcow2`, ... (default `raw`).
    pub disk_format: Option<String>,
    /// `bare`, ... (default `bare`).
    pub container_format: Option<String>,
    /// `public`, `private`, `shared`, `community` (3.1+).
    pub visibility: Option<String>,
    /// Protected from deletion (3.1+).
    pub protected: Option<bool>,
}

impl UploadToImage {
    /// Upload as an image named `name` (raw, bare).
    pub fn new(name: impl Into<String>) -> Self {
        UploadToImage { image_name: name.into(), ..Default::default() }
    }
}

/// What `os-volume_upload_image` answers: the image being made.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UploadedImage {
    /// The new image.
    pub image_id: String,
    /// Its name.
    #[serde(default)]
    pub image_name: Option<String>,
    /// The volume.
    #[serde(default)]
    pub id: Option<String>,
    /// Disk format.
    #[serde(default)]
    pub disk_format: Option<String>,
    /// Container format.
    #[serde(default)]
    pub container_format: Option<String>,
    /// The volume's status (`uploading`).
    #[serde(default)]
    pub status: Option<String>,
    /// Visibility.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Protected.
    #[serde(default)]
    pub protected: Option<bool>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST /v3/manageable_volumes` (admin): take over an existing backend volume.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ManageVolume {
    /// The backend (`host@backend#pool`).
    pub host: Option<String>,
    /// Or the cluster (3.16+).
    pub cluster: Option<String>,
    /// The backend's reference to it (`{"source-name": "..."}` or `{"source-id": "..."}`).
    #[serde(rename = "ref")]
    pub reference: Map<String, Value>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Volume type.
    pub volume_type: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Bootable.
    pub bootable: Option<bool>,
    /// Metadata.
    pub metadata: Option<BTreeMap<String, String>>,
}

impl ManageVolume {
    /// Manage the backend volume named `source_name` on `host`.
    pub fn by_name(host: impl Into<String>, source_name: impl Into<String>) -> Self {
        let mut reference = Map::new();
        reference.insert("source-name".into(), Value::String(source_name.into()));
        ManageVolume { host: Some(host.into()), reference, ..Default::default() }
    }
}

/// A backend volume cinder could manage (`GET /v3/manageable_volumes/detail`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManageableVolume {
    /// The backend's reference to it.
    #[serde(default, rename = "reference")]
    pub reference: Option<Map<String, Value>>,
    /// Size in GiB.
    #[serde(default)]
    pub size: Option<u64>,
    /// Whether it can be managed.
    #[serde(default)]
    pub safe_to_manage: Option<bool>,
    /// Why not.
    #[serde(default)]
    pub reason_not_safe: Option<String>,
    /// The cinder volume it already is, if any.
    #[serde(default)]
    pub cinder_id: Option<String>,
    /// Backend details.
    #[serde(default)]
    pub extra_info: Option<Value>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct CountBody {
    #[serde(default)]
    count: Option<u64>,
}

impl Api<Volume> {
    /// Create with scheduler hints (`OS-SCH-HNT:scheduler_hints` beside the volume:
    /// `same_host`, `different_host`, `local_to_instance`, ...).
    pub async fn create_with_hints(&self, body: &CreateVolume, hints: &Map<String, Value>) -> Result<Volume> {
        crate::api::endpoint_for::<Volume>(self.connection(), &Volume::create_needs(body)).await?;
        let request = json!({ "volume": body, "OS-SCH-HNT:scheduler_hints": hints });
        let fetched = self.call_path(Method::POST, "volumes", Some(&request)).await?;
        decode_key(&fetched, "volume", "Volume")
    }

    /// The total number of volumes matching `query` (3.45+: `with_count`).
    pub async fn count(&self, query: &VolumeQuery) -> Result<u64> {
        self.require_microversion(mv(3, 45), "count").await?;
        let mut query = query.clone();
        query.with_count = Some(true);
        query.common.limit = Some(1);
        let encoded = serde_urlencoded::to_string(&query)
            .map_err(|e| crate::Error::InvalidInput(format!("cannot encode Volume filters: {e}")))?;
        let fetched = self.call_path::<()>(Method::GET, &format!("volumes/detail?{encoded}"), None).await?;
        decode::<CountBody>(&fetched, "Volume count")?.count.ok_or_else(|| crate::Error::Decode {
            resource: "Volume count".into(),
            url: fetched.url.clone(),
            message: "no 'count' in the response".into(),
        })
    }

    /// Delete, optionally with its snapshots (`cascade`) and whatever its state (`force`, 3.23+,
    /// admin).
    pub async fn delete_with(&self, id: &str, cascade: bool, force: bool) -> Result<()> {
        if force {
            self.require_microversion(mv(3, 23), "delete with force").await?;
        }
        let mut query = Vec::new();
        if cascade {
            query.push("cascade=true");
        }
        if force {
            query.push("force=true");
        }
        let sub = if query.is_empty() { String::new() } else { format!("?{}", query.join("&")) };
        let path = format!("{}{sub}", self.item_path(id)?);
        self.call_path::<()>(Method::DELETE, &path, None).await.map(drop)
    }

    /// Wait until the status is one of `targets` (`available`, `in-use`...); an `error*`
    /// status stops at once with cinder's user message about the volume.
    pub async fn wait_until(&self, id: &str, targets: &[&str], timeout: Duration) -> Result<Volume> {
        super::wait_until(self, id, targets, timeout, |_| None).await
    }

    /// Wait until the volume is gone; `error_deleting` stops at once.
    pub async fn wait_until_deleted(&self, id: &str, timeout: Duration) -> Result<()> {
        super::wait_deleted(self, id, timeout).await
    }

    /// Grow to `new_size` GiB (`os-extend`). An attached (`in-use`) volume needs 3.42+: on an
    /// older cloud the volume is read first, and an in-use one fails with
    /// [`crate::Error::Unsupported`] before anything is sent.
    pub async fn extend(&self, id: &str, new_size: u64) -> Result<()> {
        if self.microversion().await?.is_none_or(|v| v < mv(3, 42))
            && self.get(id).await?.status.as_deref() == Some("in-use")
        {
            self.require_microversion(mv(3, 42), "extend of an in-use volume").await?;
        }
        action(self, id, "os-extend", &json!({ "new_size": new_size })).await
    }

    /// Mark bootable or not.
    pub async fn set_bootable(&self, id: &str, bootable: bool) -> Result<()> {
        action(self, id, "os-set_bootable", &json!({ "bootable": bootable })).await
    }

    /// Mark read-only or read-write.
    pub async fn set_readonly(&self, id: &str, readonly: bool) -> Result<()> {
        action(self, id, "os-update_readonly_flag", &json!({ "readonly": readonly })).await
    }

    /// Change the type; `migration_policy` `never` (default) or `on-demand` (move to another
    /// backend when the new type needs it).
    pub async fn retype(&self, id: &str, new_type: &str, migration_policy: Option<&str>) -> Result<()> {
        let mut body = json!({ "new_type": new_type });
        if let Some(policy) = migration_policy {
            body["migration_policy"] = json!(policy);
        }
        action(self, id, "os-retype", &body).await
    }

    /// Move to another backend (admin).
    pub async fn migrate(&self, id: &str, body: &MigrateVolume) -> Result<()> {
        if body.cluster.is_some() || body.host.is_none() {
            self.require_microversion(mv(3, 16), "migrate to a cluster or a scheduler-chosen host").await?;
        }
        action(self, id, "os-migrate_volume", body).await
    }

    /// Finish a migration by hand (admin; normally nova calls it).
    pub async fn complete_migration(&self, id: &str, new_volume_id: &str, error: bool) -> Result<Value> {
        let body = json!({ "os-migrate_volume_completion": { "new_volume": new_volume_id, "error": error } });
        let fetched = self.post_action(id, &body).await?;
        decode(&fetched, "Volume migration completion")
    }

    /// Set the statuses in the database without touching the backend (admin).
    pub async fn reset_status(&self, id: &str, body: &ResetVolumeStatus) -> Result<()> {
        action(self, id, "os-reset_status", body).await
    }

    /// Delete whatever the status (admin).
    pub async fn force_delete(&self, id: &str) -> Result<()> {
        action(self, id, "os-force_delete", &json!({})).await
    }

    /// Detach in the database and on the backend whatever the state (admin).
    pub async fn force_detach(&self, id: &str, attachment_id: Option<&str>, connector: Option<&Value>) -> Result<()> {
        let mut body = Map::new();
        if let Some(a) = attachment_id {
            body.insert("attachment_id".into(), json!(a));
        }
        if let Some(c) = connector {
            body.insert("connector".into(), c.clone());
        }
        action(self, id, "os-force_detach", &body).await
    }

    /// The image properties the volume carries.
    pub async fn image_metadata(&self, id: &str) -> Result<BTreeMap<String, Value>> {
        let fetched = self.post_action(id, &json!({ "os-show_image_metadata": {} })).await?;
        decode_key(&fetched, "metadata", "Volume image metadata")
    }

    /// Set image properties (others are kept); returns them all.
    pub async fn set_image_metadata(
        &self,
        id: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, Value>> {
        let fetched = self.post_action(id, &json!({ "os-set_image_metadata": { "metadata": metadata } })).await?;
        decode_key(&fetched, "metadata", "Volume image metadata")
    }

    /// Remove one image property.
    pub async fn unset_image_metadata(&self, id: &str, key: &str) -> Result<()> {
        action(self, id, "os-unset_image_metadata", &json!({ "key": key })).await
    }

    /// Copy the volume's data into a new image (the volume goes `uploading`, then back).
    pub async fn upload_to_image(&self, id: &str, body: &UploadToImage) -> Result<UploadedImage> {
        if body.visibility.is_some() || body.protected.is_some() {
            self.require_microversion(mv(3, 1), "upload to image with visibility or protected").await?;
        }
        let fetched = self.post_action(id, &json!({ "os-volume_upload_image": body })).await?;
        decode_key(&fetched, "os-volume_upload_image", "Volume upload to image")
    }

    /// Revert the data to its latest snapshot (3.40+).
    pub async fn revert_to_snapshot(&self, id: &str, snapshot_id: &str) -> Result<()> {
        self.require_microversion(mv(3, 40), "revert to snapshot").await?;
        action(self, id, "revert", &json!({ "snapshot_id": snapshot_id })).await
    }

    /// Replace the data with an image's (3.68+); `reimage_reserved` allows a `reserved` volume.
    pub async fn reimage(&self, id: &str, image_id: &str, reimage_reserved: bool) -> Result<()> {
        self.require_microversion(mv(3, 68), "reimage").await?;
        action(self, id, "os-reimage", &json!({ "image_id": image_id, "reimage_reserved": reimage_reserved })).await
    }

    /// Stop managing it: cinder forgets the volume, the backend keeps the data (admin).
    pub async fn unmanage(&self, id: &str) -> Result<()> {
        action(self, id, "os-unmanage", &json!({})).await
    }

    /// Take over an existing backend volume (admin, `POST /v3/manageable_volumes`, 3.8+).
    pub async fn manage(&self, body: &ManageVolume) -> Result<Volume> {
        self.require_microversion(mv(3, 8), "manage").await?;
        if body.cluster.is_some() {
            self.require_microversion(mv(3, 16), "manage in a cluster").await?;
        }
        let fetched = self.call_path(Method::POST, "manageable_volumes", Some(&json!({ "volume": body }))).await?;
        decode_key(&fetched, "volume", "Volume")
    }

    /// The backend volumes of `host` cinder could manage (admin, 3.8+).
    pub async fn manageable(&self, host: &str) -> Result<Vec<ManageableVolume>> {
        self.require_microversion(mv(3, 8), "list manageable").await?;
        let query = serde_urlencoded::to_string([("host", host)])
            .map_err(|e| crate::Error::InvalidInput(format!("cannot encode the host: {e}")))?;
        let fetched = self.call_path::<()>(Method::GET, &format!("manageable_volumes/detail?{query}"), None).await?;
        decode_key(&fetched, "manageable-volumes", "Manageable volumes")
    }

    /// Reserve for an attach (legacy attach flow).
    pub async fn reserve(&self, id: &str) -> Result<()> {
        action(self, id, "os-reserve", &json!({})).await
    }

    /// Undo [`reserve`](Self::reserve).
    pub async fn unreserve(&self, id: &str) -> Result<()> {
        action(self, id, "os-unreserve", &json!({})).await
    }

    /// Mark `detaching` (legacy detach flow).
    pub async fn begin_detaching(&self, id: &str) -> Result<()> {
        action(self, id, "os-begin_detaching", &json!({})).await
    }

    /// Back from `detaching` to `in-use`.
    pub async fn roll_detaching(&self, id: &str) -> Result<()> {
        action(self, id, "os-roll_detaching", &json!({})).await
    }

    /// The volume's metadata.
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
