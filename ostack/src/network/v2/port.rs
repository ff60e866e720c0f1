//! Port: a virtual switch port (`/v2.0/ports`).

use super::{NeutronListOptions, NeutronStandard};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An IP address of a port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FixedIp {
    /// The subnet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    /// The address (chosen by neutron when absent on create).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A neutron port.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Port {
    /// Port id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Network.
    #[serde(default)]
    pub network_id: String,
    /// `ACTIVE`, `DOWN`, `BUILD` or `ERROR`.
    #[serde(default)]
    pub status: Option<String>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: Option<bool>,
    /// MAC address.
    #[serde(default)]
    pub mac_address: Option<String>,
    /// IP addresses.
    #[serde(default, deserialize_with = "null_as_default")]
    pub fixed_ips: Vec<FixedIp>,
    /// What uses it (a server id, a router id).
    #[serde(default)]
    pub device_id: Option<String>,
    /// Kind of user (`compute:nova`, `network:router_interface`, ...).
    #[serde(default)]
    pub device_owner: Option<String>,
    /// Security group ids.
    #[serde(default, deserialize_with = "null_as_default")]
    pub security_groups: Vec<String>,
    /// Port security on.
    #[serde(default)]
    pub port_security_enabled: Option<bool>,
    /// Host it is bound to (admin).
    #[serde(rename = "binding:host_id", default)]
    pub binding_host_id: Option<String>,
    /// VIF type after binding (`ovs`, `binding_failed`, `unbound`).
    #[serde(rename = "binding:vif_type", default)]
    pub binding_vif_type: Option<String>,
    /// vNIC type (`normal`, `direct`, ...).
    #[serde(rename = "binding:vnic_type", default)]
    pub binding_vnic_type: Option<String>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Port {
    service: Network,
    path: "ports",
    key: Some("port"),
    plural: "ports",
    query: PortQuery,
    name: name,
    status: status,
    name_filter: name,
});
impl Creatable for Port {
    type Create = CreatePort;
}
impl Updatable for Port {
    type Update = UpdatePort;
}
impl Deletable for Port {}

/// Neutron filters for listing ports.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct PortQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Network.
    pub network_id: Option<String>,
    /// Device (server or router id).
    pub device_id: Option<String>,
    /// Device owner.
    pub device_owner: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// MAC address.
    pub mac_address: Option<String>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/ports`. `extra` takes any other attribute.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreatePort {
    /// Network (required on create).
    pub network_id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// IP addresses (subnet and/or address).
    pub fixed_ips: Option<Vec<FixedIp>>,
    /// Security group ids.
    pub security_groups: Option<Vec<String>>,
    /// Port security on.
    pub port_security_enabled: Option<bool>,
    /// Device id.
    pub device_id: Option<String>,
    /// Device owner.
    pub device_owner: Option<String>,
    /// MAC address (admin).
    pub mac_address: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute (`binding:host_id`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreatePort {
    /// A port on a network.
    pub fn new(network_id: impl Into<String>) -> Self {
        CreatePort { network_id: Some(network_id.into()), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/ports/{id}`: what can change (not the network).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdatePort {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// IP addresses (replaces the list).
    pub fixed_ips: Option<Vec<FixedIp>>,
    /// Security group ids (replaces the list).
    pub security_groups: Option<Vec<String>>,
    /// Port security on.
    pub port_security_enabled: Option<bool>,
    /// Device id.
    pub device_id: Option<String>,
    /// Device owner.
    pub device_owner: Option<String>,
    /// MAC address (admin).
    pub mac_address: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other mutable attribute (`binding:host_id`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The mutable part of a create body (not the network).
impl From<CreatePort> for UpdatePort {
    fn from(c: CreatePort) -> Self {
        UpdatePort {
            name: c.name,
            admin_state_up: c.admin_state_up,
            fixed_ips: c.fixed_ips,
            security_groups: c.security_groups,
            port_security_enabled: c.port_security_enabled,
            device_id: c.device_id,
            device_owner: c.device_owner,
            mac_address: c.mac_address,
            description: c.description,
            extra: c.extra,
        }
    }
}
