//! Subnet: an IP range on a network (`/v2.0/subnets`).

use crate::catalog::ServiceType;
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::resource::Resource;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A range handed out by DHCP / IPAM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationPool {
    /// First address.
    pub start: String,
    /// Last address.
    pub end: String,
}

/// A static route pushed to hosts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostRoute {
    /// Destination CIDR.
    pub destination: String,
    /// Next hop.
    pub nexthop: String,
}

/// A neutron subnet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Subnet {
    /// Subnet id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Network it belongs to.
    #[serde(default)]
    pub network_id: String,
    /// CIDR.
    #[serde(default)]
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
    /// Owning project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Revision.
    #[serde(default)]
    pub revision_number: Option<i64>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Resource for Subnet {
    const SERVICE: ServiceType = ServiceType::Network;
    const NAME: &'static str = "Subnet";
    const PATH: &'static str = "subnets";
    const KEY: Option<&'static str> = Some("subnet");
    const PLURAL: &'static str = "subnets";
    type Query = SubnetQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
    fn query_by_name(name: &str) -> Option<SubnetQuery> {
        Some(SubnetQuery { name: Some(name.to_string()), ..Default::default() })
    }
}

/// Neutron filters for listing subnets.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SubnetQuery {
    /// Exact name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_id: Option<String>,
    /// CIDR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    /// 4 or 6.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_version: Option<u8>,
    /// Project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// DHCP on or off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_dhcp: Option<bool>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// The body of `POST /v2.0/subnets`. `extra` takes any other attribute.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSubnet {
    /// Network (required on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_id: Option<String>,
    /// CIDR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
    /// 4 or 6 (required on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_version: Option<u8>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_ip: Option<String>,
    /// DHCP on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_dhcp: Option<bool>,
    /// Allocation pools.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation_pools: Option<Vec<AllocationPool>>,
    /// DNS servers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns_nameservers: Option<Vec<String>>,
    /// Host routes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_routes: Option<Vec<HostRoute>>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateSubnet {
    /// An IPv4 or IPv6 subnet (from the CIDR) on a network.
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

/// The body of `PUT /v2.0/subnets/{id}` (network, CIDR and IP version cannot change).
pub type UpdateSubnet = CreateSubnet;
