//! NetworkIpAvailability: how many addresses a network and its subnets have and use (`/v2.0/network-ip-availabilities`).

use super::{keeps_sent, NeutronListOptions, Sent};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The IP availability of one network; its id is the network's.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct NetworkIpAvailability {
    /// The network.
    #[serde(rename = "network_id", default)]
    pub id: String,
    /// The network's name.
    #[serde(default)]
    pub network_name: Option<String>,
    /// The network's project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// The network's project under its old name.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// Addresses in all its subnets (a float beyond `u64`: IPv6 subnets hold more).
    #[serde(default)]
    pub total_ips: Option<serde_json::Number>,
    /// Addresses in use.
    #[serde(default)]
    pub used_ips: Option<serde_json::Number>,
    /// The same for each subnet.
    #[serde(default)]
    pub subnet_ip_availability: Option<Vec<Map<String, Value>>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(NetworkIpAvailability);

crate::resource!(NetworkIpAvailability {
    service: Network,
    path: "network-ip-availabilities",
    key: Some("network_ip_availability"),
    plural: "network_ip_availabilities",
    query: NetworkIpAvailabilityQuery,
});

/// Neutron filters for listing networks' IP availability.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct NetworkIpAvailabilityQuery {
    /// The network's name.
    pub network_name: Option<String>,
    /// One network.
    pub network_id: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<i64>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}
