//! Volume attachments (`/servers/{id}/os-volume_attachments`): block-storage volumes attached
//! to a server.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, id: &str, volume: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::AttachVolume;
//! let servers = conn.compute().servers();
//! let attached = servers.attach_volume(id, &AttachVolume::new(volume).delete_on_termination(true)).await?;
//! println!("{:?}", attached.device);
//! servers.detach_volume(id, volume).await?;
//! # Ok(()) }
//! ```

use super::nested::{list_all, query_string};
use super::Server;
use crate::api::{decode, Api, Versions};
use crate::resource::utf8_percent_encode;
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A volume attached to a server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolumeAttachment {
    /// The attachment id: the volume id before 2.89, absent from 2.89.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The volume.
    #[serde(rename = "volumeId", default)]
    pub volume_id: String,
    /// The server.
    #[serde(rename = "serverId", default)]
    pub server_id: Option<String>,
    /// Device name in the guest (`/dev/vdb`).
    #[serde(default)]
    pub device: Option<String>,
    /// Device tag (2.70+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Deleted with the server (2.79+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    /// The cinder attachment id (2.89+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attachment_id: Option<String>,
    /// The block device mapping's id (2.89+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bdm_uuid: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `POST /servers/{id}/os-volume_attachments`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttachVolume {
    /// The volume.
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    /// Device name to ask for (`/dev/vdb`; drivers may ignore it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// Device tag (2.49+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Delete the volume with the server (2.79+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
}

impl AttachVolume {
    /// Attach this volume.
    pub fn new(volume_id: impl Into<String>) -> Self {
        AttachVolume { volume_id: volume_id.into(), ..Default::default() }
    }
    /// Ask for a device name.
    pub fn device(mut self, device: impl Into<String>) -> Self {
        self.device = Some(device.into());
        self
    }
    /// Device tag (2.49+).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }
    /// Delete the volume with the server (2.79+).
    pub fn delete_on_termination(mut self, delete: bool) -> Self {
        self.delete_on_termination = Some(delete);
        self
    }

    fn needs(&self) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if self.tag.is_some() {
            needs.push(("attach a volume with a tag", Versions::since(2, 49)));
        }
        if self.delete_on_termination.is_some() {
            needs.push(("attach a volume with delete_on_termination", Versions::since(2, 79)));
        }
        needs
    }
}

/// The body of `PUT /servers/{id}/os-volume_attachments/{volume_id}`: swap to another volume
/// (admin), or, with the same volume, change `delete_on_termination` (2.85+).
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateVolumeAttachment {
    /// The volume to attach in place of the current one (the same id to keep it).
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    /// Delete the volume with the server (2.85+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
}

/// Filters for [`Api::volume_attachments`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct VolumeAttachmentQuery {
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Skip this many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

#[derive(Serialize)]
struct Wrapped<'a, T> {
    #[serde(rename = "volumeAttachment")]
    attachment: &'a T,
}

#[derive(Deserialize)]
struct One {
    #[serde(rename = "volumeAttachment")]
    attachment: VolumeAttachment,
}

impl Api<Server> {
    fn attachment_path(&self, id: &str, volume_id: &str) -> Result<String> {
        if volume_id.is_empty() {
            return Err(Error::InvalidInput("empty volume id".into()));
        }
        self.sub_path(id, &format!("os-volume_attachments/{}", utf8_percent_encode(volume_id)))
    }

    /// The volumes attached to a server (one page with `limit`/`offset`, else all).
    pub async fn volume_attachments(&self, id: &str, query: &VolumeAttachmentQuery) -> Result<Vec<VolumeAttachment>> {
        let path =
            format!("{}{}", self.sub_path(id, "os-volume_attachments")?, query_string("volume attachment", query)?);
        list_all(self, &[], &path, "volumeAttachments").await
    }

    /// One attachment, by volume id.
    pub async fn volume_attachment(&self, id: &str, volume_id: &str) -> Result<VolumeAttachment> {
        let fetched = self.call_at::<()>(&[], Method::GET, &self.attachment_path(id, volume_id)?, None).await?;
        decode::<One>(&fetched).map(|o| o.attachment)
    }

    /// Attach a volume; returns the attachment (the device nova picked).
    pub async fn attach_volume(&self, id: &str, body: &AttachVolume) -> Result<VolumeAttachment> {
        if body.volume_id.is_empty() {
            return Err(Error::InvalidInput("empty volume id".into()));
        }
        let path = self.sub_path(id, "os-volume_attachments")?;
        let fetched = self.call_at(&body.needs(), Method::POST, &path, Some(&Wrapped { attachment: body })).await?;
        decode::<One>(&fetched).map(|o| o.attachment)
    }

    /// Swap the volume attached as `volume_id` for another (admin), or change the attachment's
    /// `delete_on_termination` (2.85+).
    pub async fn update_volume_attachment(
        &self,
        id: &str,
        volume_id: &str,
        body: &UpdateVolumeAttachment,
    ) -> Result<()> {
        let needs = match body.delete_on_termination {
            Some(_) => vec![("update a volume attachment's delete_on_termination", Versions::since(2, 85))],
            None => Vec::new(),
        };
        let path = self.attachment_path(id, volume_id)?;
        self.call_at(&needs, Method::PUT, &path, Some(&Wrapped { attachment: body })).await.map(drop)
    }

    /// Detach a volume.
    pub async fn detach_volume(&self, id: &str, volume_id: &str) -> Result<()> {
        self.call_at::<()>(&[], Method::DELETE, &self.attachment_path(id, volume_id)?, None).await.map(drop)
    }
}
