//! Network (neutron) API v2.0.

mod network;
mod port;
mod proxy;
mod subnet;

pub use network::{CreateNetwork, Network, NetworkQuery, UpdateNetwork};
pub use port::{CreatePort, FixedIp, Port, PortQuery, UpdatePort};
pub use proxy::NetworkProxy;
pub use subnet::{AllocationPool, CreateSubnet, HostRoute, Subnet, SubnetQuery, UpdateSubnet};
