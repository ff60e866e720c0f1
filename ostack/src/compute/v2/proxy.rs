//! The compute proxy: one typed [`Api`] per nova resource.

use super::{
    Aggregate, ComputeService, Flavor, Hypervisor, Keypair, Migration, QuotaClassSet, QuotaSet, Server, ServerGroup,
    TenantUsage,
};
use crate::api::Api;
use crate::catalog::ServiceType;
use crate::discovery::Microversion;
use crate::{Connection, Result};

/// Compute (nova) calls. Get it with [`Connection::compute`].
#[derive(Debug, Clone)]
pub struct ComputeProxy {
    pub(super) conn: Connection,
}

impl ComputeProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        ComputeProxy { conn }
    }

    /// The microversion this connection speaks to nova (negotiated or configured).
    pub async fn microversion(&self) -> Result<Option<Microversion>> {
        Ok(self.conn.endpoint(ServiceType::Compute).await?.microversion)
    }

    /// Servers (listed through `GET /servers/detail`).
    pub fn servers(&self) -> Api<Server> {
        Api::new(self.conn.clone())
    }

    /// Flavors (listed through `GET /flavors/detail`).
    pub fn flavors(&self) -> Api<Flavor> {
        Api::new(self.conn.clone())
    }

    /// Keypairs (their id is their name).
    pub fn keypairs(&self) -> Api<Keypair> {
        Api::new(self.conn.clone())
    }

    /// Server groups.
    pub fn server_groups(&self) -> Api<ServerGroup> {
        Api::new(self.conn.clone())
    }

    /// Host aggregates (admin).
    pub fn aggregates(&self) -> Api<Aggregate> {
        Api::new(self.conn.clone())
    }

    /// Hypervisors (admin; listed through `GET /os-hypervisors/detail`).
    pub fn hypervisors(&self) -> Api<Hypervisor> {
        Api::new(self.conn.clone())
    }

    /// Compute services (admin).
    pub fn services(&self) -> Api<ComputeService> {
        Api::new(self.conn.clone())
    }

    /// Migrations of every server (admin).
    pub fn migrations(&self) -> Api<Migration> {
        Api::new(self.conn.clone())
    }

    /// Quota sets (their id is the project id).
    pub fn quota_sets(&self) -> Api<QuotaSet> {
        Api::new(self.conn.clone())
    }

    /// Quota classes (`default`).
    pub fn quota_class_sets(&self) -> Api<QuotaClassSet> {
        Api::new(self.conn.clone())
    }

    /// Usage per project (`os-simple-tenant-usage`).
    pub fn usage(&self) -> Api<TenantUsage> {
        Api::new(self.conn.clone())
    }
}
