//! The compute proxy: one typed [`Api`] per nova resource.

use super::{Flavor, Keypair, Server};
use crate::api::Api;
use crate::catalog::ServiceType;
use crate::discovery::Microversion;
use crate::{Connection, Result};

/// Compute (nova) calls. Get it with [`Connection::compute`].
#[derive(Debug, Clone)]
pub struct ComputeProxy {
    conn: Connection,
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
}
