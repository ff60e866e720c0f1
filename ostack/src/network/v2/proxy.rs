//! The network proxy: typed calls for networks, subnets and ports.

use super::{CreateNetwork, CreatePort, CreateSubnet, Network, NetworkQuery, Port, PortQuery, Subnet, SubnetQuery};
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

    crate::proxy_crud!(Network, NetworkQuery, CreateNetwork, CreateNetwork,
        list: networks, get: get_network, find: find_network,
        create: create_network, update: update_network, delete: delete_network);

    crate::proxy_crud!(Subnet, SubnetQuery, CreateSubnet, CreateSubnet,
        list: subnets, get: get_subnet, find: find_subnet,
        create: create_subnet, update: update_subnet, delete: delete_subnet);

    crate::proxy_crud!(Port, PortQuery, CreatePort, CreatePort,
        list: ports, get: get_port, find: find_port,
        create: create_port, update: update_port, delete: delete_port);

    /// Create many ports in one bulk request (all or none).
    pub async fn create_ports(&self, bodies: &[CreatePort]) -> Result<Vec<Port>> {
        resource::create_bulk(&self.conn, bodies).await
    }
}
