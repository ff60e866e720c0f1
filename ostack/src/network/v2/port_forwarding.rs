//! PortForwarding: a floating IP's port (range) forwarded to a port's address
//! (`/v2.0/floatingips/{floatingip_id}/port_forwardings`). Reach them with
//! [`NetworkProxy::port_forwardings`](super::NetworkProxy::port_forwardings).

use super::child::Child;
use super::{keeps_sent, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A port forwarding of a floating IP.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct PortForwarding {
    /// Port forwarding id.
    pub id: String,
    /// `tcp` or `udp`.
    #[serde(default)]
    pub protocol: Option<String>,
    /// The port it forwards to.
    #[serde(default)]
    pub internal_port_id: Option<String>,
    /// The address (of that port) it forwards to.
    #[serde(default)]
    pub internal_ip_address: Option<String>,
    /// The port number it forwards to.
    #[serde(default)]
    pub internal_port: Option<i64>,
    /// The port number on the floating IP.
    #[serde(default)]
    pub external_port: Option<i64>,
    /// The port range it forwards to (`80:90`).
    #[serde(default)]
    pub internal_port_range: Option<String>,
    /// The port range on the floating IP.
    #[serde(default)]
    pub external_port_range: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(PortForwarding);

crate::resource!(PortForwarding {
    service: Network,
    path: "port_forwardings",
    key: Some("port_forwarding"),
    plural: "port_forwardings",
    query: PortForwardingQuery,
});
impl Child for PortForwarding {
    const PARENT_PATH: &'static str = "floatingips";
}
impl Creatable for PortForwarding {
    type Create = CreatePortForwarding;
}
impl Updatable for PortForwarding {
    type Update = UpdatePortForwarding;
}
impl Deletable for PortForwarding {}

/// Neutron filters for listing a floating IP's port forwardings.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct PortForwardingQuery {
    /// The internal port.
    pub internal_port_id: Option<String>,
    /// The external port number.
    pub external_port: Option<i64>,
    /// `tcp` or `udp`.
    pub protocol: Option<String>,
}

/// The body creating a port forwarding: a protocol, the internal port and address, and the port
/// numbers (or ranges) on both sides.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreatePortForwarding {
    /// `tcp` or `udp`.
    pub protocol: Option<String>,
    /// The port it forwards to.
    pub internal_port_id: Option<String>,
    /// The address it forwards to.
    pub internal_ip_address: Option<String>,
    /// The port number it forwards to.
    pub internal_port: Option<i64>,
    /// The port number on the floating IP.
    pub external_port: Option<i64>,
    /// The port range it forwards to.
    pub internal_port_range: Option<String>,
    /// The port range on the floating IP.
    pub external_port_range: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body changing a port forwarding (the same fields; not the floating IP).
pub type UpdatePortForwarding = CreatePortForwarding;
