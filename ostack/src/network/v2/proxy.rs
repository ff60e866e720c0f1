//! The network proxy: one typed [`Api`] per neutron resource.

use super::{Extension, FloatingIp, Network, Port, Router, SecurityGroup, SecurityGroupRule, Subnet};
use crate::api::Api;
use crate::resource;
use crate::{Connection, Result};

/// Network (neutron) calls. Get it with [`Connection::network`].
#[derive(Debug, Clone)]
pub struct NetworkProxy {
    conn: Connection,
}

impl NetworkProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        NetworkProxy { conn }
    }

    /// Networks.
    pub fn networks(&self) -> Api<Network> {
        Api::new(self.conn.clone())
    }

    /// Subnets.
    pub fn subnets(&self) -> Api<Subnet> {
        Api::new(self.conn.clone())
    }

    /// Ports.
    pub fn ports(&self) -> Api<Port> {
        Api::new(self.conn.clone())
    }

    /// Routers.
    pub fn routers(&self) -> Api<Router> {
        Api::new(self.conn.clone())
    }

    /// Floating IPs.
    pub fn floating_ips(&self) -> Api<FloatingIp> {
        Api::new(self.conn.clone())
    }

    /// Security groups.
    pub fn security_groups(&self) -> Api<SecurityGroup> {
        Api::new(self.conn.clone())
    }

    /// Security group rules.
    pub fn security_group_rules(&self) -> Api<SecurityGroupRule> {
        Api::new(self.conn.clone())
    }

    /// API extensions (`conn.network().extensions().has("trunk")`).
    pub fn extensions(&self) -> Api<Extension> {
        Api::new(self.conn.clone())
    }

    /// Create many ports in one bulk request (all or none).
    pub async fn create_ports(&self, bodies: &[super::CreatePort]) -> Result<Vec<Port>> {
        resource::create_bulk::<Port, _>(&self.conn, bodies).await
    }
}
