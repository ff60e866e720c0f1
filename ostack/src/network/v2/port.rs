//! Port: a virtual switch port (`/v2.0/ports`).

use crate::catalog::ServiceType;
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::resource::Resource;
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Port {
    /// Port id.
    pub id: String,
    /// Name.
    #[serde(default)]
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

impl Resource for Port {
    const SERVICE: ServiceType = ServiceType::Network;
    const NAME: &'static str = "Port";
    const PATH: &'static str = "ports";
    const KEY: Option<&'static str> = Some("port");
    const PLURAL: &'static str = "ports";
    type Query = PortQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
    fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
    fn query_by_name(name: &str) -> Option<PortQuery> {
        Some(PortQuery { name: Some(name.to_string()), ..Default::default() })
    }
}

/// Neutron filters for listing ports.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PortQuery {
    /// Exact name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_id: Option<String>,
    /// Device (server or router id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// Device owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_owner: Option<String>,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// MAC address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    /// Project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// The body of `POST /v2.0/ports`. `extra` takes any other attribute.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreatePort {
    /// Network (required on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_id: Option<String>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Administrative state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_state_up: Option<bool>,
    /// IP addresses (subnet and/or address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_ips: Option<Vec<FixedIp>>,
    /// Security group ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    /// Port security on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_security_enabled: Option<bool>,
    /// Device id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// Device owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_owner: Option<String>,
    /// MAC address (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// The body of `PUT /v2.0/ports/{id}` (the network cannot change).
pub type UpdatePort = CreatePort;
