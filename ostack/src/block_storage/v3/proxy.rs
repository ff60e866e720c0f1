//! The block storage proxy: one typed [`Api`] per cinder resource, and the calls on things
//! that are not listable resources (quotas, limits, zones, services, pools, default types).

use super::{
    Attachment, Backup, Group, GroupSnapshot, GroupType, Message, QosSpec, Snapshot, Transfer, Volume, VolumeType,
};
use crate::api::Api;
use crate::catalog::ServiceType;
use crate::discovery::Microversion;
use crate::session::Fetched;
use crate::{Connection, Result};
use reqwest::Method;
use serde::Serialize;

/// Block storage (cinder) calls. Get it with [`Connection::block_storage`].
#[derive(Debug, Clone)]
pub struct BlockStorageProxy {
    conn: Connection,
}

impl BlockStorageProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        BlockStorageProxy { conn }
    }

    /// Volumes.
    pub fn volumes(&self) -> Api<Volume> {
        Api::new(self.conn.clone())
    }

    /// Volume snapshots.
    pub fn snapshots(&self) -> Api<Snapshot> {
        Api::new(self.conn.clone())
    }

    /// Volume backups.
    pub fn backups(&self) -> Api<Backup> {
        Api::new(self.conn.clone())
    }

    /// Volume types (with extra specs, access and encryption).
    pub fn types(&self) -> Api<VolumeType> {
        Api::new(self.conn.clone())
    }

    /// QoS specs.
    pub fn qos_specs(&self) -> Api<QosSpec> {
        Api::new(self.conn.clone())
    }

    /// Volume transfers between projects (3.55+).
    pub fn transfers(&self) -> Api<Transfer> {
        Api::new(self.conn.clone())
    }

    /// Attachments (3.27+).
    pub fn attachments(&self) -> Api<Attachment> {
        Api::new(self.conn.clone())
    }

    /// Groups (3.13+).
    pub fn groups(&self) -> Api<Group> {
        Api::new(self.conn.clone())
    }

    /// Group types (3.11+).
    pub fn group_types(&self) -> Api<GroupType> {
        Api::new(self.conn.clone())
    }

    /// Group snapshots (3.14+).
    pub fn group_snapshots(&self) -> Api<GroupSnapshot> {
        Api::new(self.conn.clone())
    }

    /// User messages (3.3+).
    pub fn messages(&self) -> Api<Message> {
        Api::new(self.conn.clone())
    }

    /// The microversion this connection sends to cinder.
    pub async fn microversion(&self) -> Result<Option<Microversion>> {
        Ok(self.conn.endpoint(ServiceType::BlockStorage).await?.microversion)
    }

    /// Fail with [`Error::Unsupported`](crate::Error::Unsupported) unless this connection sends at least `min` (for `operation`).
    pub(crate) async fn require(&self, min: Microversion, operation: &str) -> Result<()> {
        let what = format!("block storage {operation}");
        crate::api::require_microversion(&self.conn, ServiceType::BlockStorage, min, &what).await.map(drop)
    }

    /// Send `method` to `path` under the cinder endpoint with an optional JSON body.
    pub(crate) async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Fetched> {
        let mut request = self.conn.request(ServiceType::BlockStorage, method, path).await?;
        if let Some(body) = body {
            request = request.json(body)?;
        }
        self.conn.fetch(request).await
    }
}
