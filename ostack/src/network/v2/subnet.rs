//! Subnet: an IP range on a network (`/v2.0/subnets`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A range handed out by DHCP / IPAM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationPool {
    /// First address.
    pub start: String,
    /// Last address.
    pub end: String,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AllocationPool {
    /// The pool `start`-`end`.
    pub fn new(start: impl Into<String>, end: impl Into<String>) -> Self {
        AllocationPool { start: start.into(), end: end.into(), extra: Map::new() }
    }
}

/// A static route: to `destination` via `nexthop` (subnet host routes, router routes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostRoute {
    /// Destination CIDR.
    pub destination: String,
    /// Next hop.
    pub nexthop: String,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HostRoute {
    /// A route to `destination` via `nexthop`.
    pub fn new(destination: impl Into<String>, nexthop: impl Into<String>) -> Self {
        HostRoute { destination: destination.into(), nexthop: nexthop.into(), extra: Map::new() }
    }
}

/// A neutron subnet.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Subnet {
    /// Subnet id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Network it belongs to.
    #[serde(default)]
    pub network_id: String,
    /// CIDR.
    #[serde(default, deserialize_with = "null_as_default")]
    pub cidr: String,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: Option<u8>,
    /// Gateway; `None` for no gateway.
    #[serde(default)]
    pub gateway_ip: Option<String>,
    /// DHCP on.
    #[serde(default)]
    pub enable_dhcp: Option<bool>,
    /// Allocation pools.
    #[serde(default, deserialize_with = "null_as_default")]
    pub allocation_pools: Vec<AllocationPool>,
    /// DNS servers.
    #[serde(default, deserialize_with = "null_as_default")]
    pub dns_nameservers: Vec<String>,
    /// Host routes.
    #[serde(default, deserialize_with = "null_as_default")]
    pub host_routes: Vec<HostRoute>,
    /// IPv6 address mode.
    #[serde(default)]
    pub ipv6_address_mode: Option<String>,
    /// IPv6 router advertisement mode.
    #[serde(default)]
    pub ipv6_ra_mode: Option<String>,
    /// Subnet pool.
    #[serde(default)]
    pub subnetpool_id: Option<String>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(Subnet);

crate::resource!(Subnet {
    service: Network,
    path: "subnets",
    key: Some("subnet"),
    plural: "subnets",
    query: SubnetQuery,
    name: name,
    name_filter: name,
});
impl Creatable for Subnet {
    type Create = CreateSubnet;
}
impl Updatable for Subnet {
    type Update = UpdateSubnet;
}
impl Deletable for Subnet {}
impl super::Taggable for Subnet {}

/// Neutron filters for listing subnets.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct SubnetQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Network.
    pub network_id: Option<String>,
    /// CIDR.
    pub cidr: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<u8>,
    /// DHCP on or off.
    pub enable_dhcp: Option<bool>,
    /// Gateway address.
    pub gateway_ip: Option<String>,
    /// Subnet pool.
    pub subnetpool_id: Option<String>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/subnets`. `extra` takes any other attribute.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSubnet {
    /// Network (required).
    pub network_id: Option<String>,
    /// CIDR (required unless from a subnet pool).
    pub cidr: Option<String>,
    /// 4 or 6 (required).
    pub ip_version: Option<u8>,
    /// Name.
    pub name: Option<String>,
    /// Gateway (`Some(None)` sends `null`: no gateway).
    pub gateway_ip: Option<Option<String>>,
    /// DHCP on.
    pub enable_dhcp: Option<bool>,
    /// Allocation pools.
    pub allocation_pools: Option<Vec<AllocationPool>>,
    /// DNS servers.
    pub dns_nameservers: Option<Vec<String>>,
    /// Host routes.
    pub host_routes: Option<Vec<HostRoute>>,
    /// Subnet pool to allocate from.
    pub subnetpool_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute (`ipv6_address_mode`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateSubnet {
    /// An IPv4 or IPv6 subnet (by the CIDR's form) on a network.
    pub fn new(network_id: impl Into<String>, cidr: impl Into<String>) -> Self {
        let cidr = cidr.into();
        let ip_version = if cidr.contains(':') { 6 } else { 4 };
        CreateSubnet {
            network_id: Some(network_id.into()),
            cidr: Some(cidr),
            ip_version: Some(ip_version),
            ..Default::default()
        }
    }
}

/// The body of `PUT /v2.0/subnets/{id}`: what can change (not the network, CIDR or IP version).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSubnet {
    /// Name.
    pub name: Option<String>,
    /// Gateway (`Some(None)` sends `null`: no gateway).
    pub gateway_ip: Option<Option<String>>,
    /// DHCP on.
    pub enable_dhcp: Option<bool>,
    /// Allocation pools.
    pub allocation_pools: Option<Vec<AllocationPool>>,
    /// DNS servers.
    pub dns_nameservers: Option<Vec<String>>,
    /// Host routes.
    pub host_routes: Option<Vec<HostRoute>>,
    /// Description.
    pub description: Option<String>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The mutable part of a create body (not the network, CIDR, IP version or subnet pool).
impl From<CreateSubnet> for UpdateSubnet {
    fn from(c: CreateSubnet) -> Self {
        UpdateSubnet {
            name: c.name,
            gateway_ip: c.gateway_ip,
            enable_dhcp: c.enable_dhcp,
            allocation_pools: c.allocation_pools,
            dns_nameservers: c.dns_nameservers,
            host_routes: c.host_routes,
            description: c.description,
            extra: c.extra,
        }
    }
}
