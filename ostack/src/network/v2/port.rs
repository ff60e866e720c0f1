//! Port: a virtual switch port (`/v2.0/ports`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
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

/// An extra address (and MAC) a port may use besides its own (`allowed-address-pairs`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddressPair {
    /// An address or CIDR.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// The MAC (the port's own when absent).
    #[serde(default)]
    pub mac_address: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl AddressPair {
    /// A pair allowing `ip_address` with the port's own MAC.
    pub fn new(ip_address: impl Into<String>) -> Self {
        AddressPair { ip_address: Some(ip_address.into()), ..Default::default() }
    }
}

/// A DHCP option neutron's DHCP server hands this port (`extra_dhcp_opt`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtraDhcpOpt {
    /// Option name (`bootfile-name`, `tftp-server`, ...).
    #[serde(default)]
    pub opt_name: Option<String>,
    /// Value (`null` removes the option on update).
    #[serde(default)]
    pub opt_value: Option<String>,
    /// 4 or 6.
    #[serde(default, deserialize_with = "crate::lenient::int_or_string")]
    pub ip_version: Option<i64>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ExtraDhcpOpt {
    /// The option `name` with `value`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        ExtraDhcpOpt { opt_name: Some(name.into()), opt_value: Some(value.into()), ..Default::default() }
    }
}

/// A DNS name neutron gave one of a port's addresses (`dns-integration`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DnsAssignment {
    /// Host name.
    #[serde(default)]
    pub hostname: Option<String>,
    /// The address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Fully qualified name.
    #[serde(default)]
    pub fqdn: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A neutron port.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
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
    /// What the binding passes to the mechanism driver (admin).
    #[serde(rename = "binding:profile", default)]
    pub binding_profile: Option<Map<String, Value>>,
    /// What the mechanism driver says of the binding (admin).
    #[serde(rename = "binding:vif_details", default)]
    pub binding_vif_details: Option<Map<String, Value>>,
    /// Other addresses the port may use.
    #[serde(default)]
    pub allowed_address_pairs: Option<Vec<AddressPair>>,
    /// DHCP options for it.
    #[serde(default)]
    pub extra_dhcp_opts: Option<Vec<ExtraDhcpOpt>>,
    /// DNS name (`dns-integration`).
    #[serde(default)]
    pub dns_name: Option<String>,
    /// DNS domain (`dns-domain-ports`).
    #[serde(default)]
    pub dns_domain: Option<String>,
    /// The names neutron gave its addresses.
    #[serde(default)]
    pub dns_assignment: Option<Vec<DnsAssignment>>,
    /// QoS policy of the port itself.
    #[serde(default)]
    pub qos_policy_id: Option<String>,
    /// QoS policy it gets from its network.
    #[serde(default)]
    pub qos_network_policy_id: Option<String>,
    /// Propagate the uplink status to the VF (SR-IOV).
    #[serde(default)]
    pub propagate_uplink_status: Option<bool>,
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
keeps_sent!(Port);

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
impl super::Taggable for Port {}

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
    /// Other addresses the port may use (replaces the list on update).
    pub allowed_address_pairs: Option<Vec<AddressPair>>,
    /// DHCP options.
    pub extra_dhcp_opts: Option<Vec<ExtraDhcpOpt>>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// QoS policy.
    pub qos_policy_id: Option<String>,
    /// Propagate the uplink status.
    pub propagate_uplink_status: Option<bool>,
    /// Host to bind to (admin).
    #[serde(rename = "binding:host_id")]
    pub binding_host_id: Option<String>,
    /// vNIC type.
    #[serde(rename = "binding:vnic_type")]
    pub binding_vnic_type: Option<String>,
    /// Binding profile (admin).
    #[serde(rename = "binding:profile")]
    pub binding_profile: Option<Map<String, Value>>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
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
    /// Other addresses the port may use (replaces the list on update).
    pub allowed_address_pairs: Option<Vec<AddressPair>>,
    /// DHCP options.
    pub extra_dhcp_opts: Option<Vec<ExtraDhcpOpt>>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// QoS policy (`Some(None)` removes it; sends `null`).
    pub qos_policy_id: Option<Option<String>>,
    /// Propagate the uplink status.
    pub propagate_uplink_status: Option<bool>,
    /// Host to bind to (admin).
    #[serde(rename = "binding:host_id")]
    pub binding_host_id: Option<String>,
    /// vNIC type.
    #[serde(rename = "binding:vnic_type")]
    pub binding_vnic_type: Option<String>,
    /// Binding profile (admin).
    #[serde(rename = "binding:profile")]
    pub binding_profile: Option<Map<String, Value>>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The mutable part of a create body (not the network nor the owning project).
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
            allowed_address_pairs: c.allowed_address_pairs,
            extra_dhcp_opts: c.extra_dhcp_opts,
            dns_name: c.dns_name,
            dns_domain: c.dns_domain,
            qos_policy_id: c.qos_policy_id.map(Some),
            propagate_uplink_status: c.propagate_uplink_status,
            binding_host_id: c.binding_host_id,
            binding_vnic_type: c.binding_vnic_type,
            binding_profile: c.binding_profile,
            extra: c.extra,
        }
    }
}
