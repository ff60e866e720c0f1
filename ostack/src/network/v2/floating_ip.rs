//! FloatingIp: a public address NATed to a port (`/v2.0/floatingips`).

use super::{NeutronListOptions, NeutronStandard, PortQuery};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::Result;
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron floating IP.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FloatingIp {
    /// Floating IP id.
    pub id: String,
    /// The public address.
    #[serde(default)]
    pub floating_ip_address: Option<String>,
    /// The external network it comes from.
    #[serde(default)]
    pub floating_network_id: Option<String>,
    /// The port it is associated with, if any.
    #[serde(default)]
    pub port_id: Option<String>,
    /// The private address it maps to.
    #[serde(default)]
    pub fixed_ip_address: Option<String>,
    /// The router doing the NAT.
    #[serde(default)]
    pub router_id: Option<String>,
    /// `ACTIVE`, `DOWN` or `ERROR`.
    #[serde(default)]
    pub status: Option<String>,
    /// QoS policy.
    #[serde(default)]
    pub qos_policy_id: Option<String>,
    /// DNS name (dns extension).
    #[serde(default)]
    pub dns_name: Option<String>,
    /// DNS domain (dns extension).
    #[serde(default)]
    pub dns_domain: Option<String>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent (`port_details`, `port_forwardings`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(FloatingIp {
    service: Network,
    path: "floatingips",
    key: Some("floatingip"),
    plural: "floatingips",
    query: FloatingIpQuery,
    display: "FloatingIP",
    name: floating_ip_address,
    status: status,
    name_filter: floating_ip_address,
});
impl Creatable for FloatingIp {
    type Create = CreateFloatingIp;
}
impl Updatable for FloatingIp {
    type Update = UpdateFloatingIp;
}
impl Deletable for FloatingIp {}

/// Neutron filters for listing floating IPs.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct FloatingIpQuery {
    /// The public address.
    pub floating_ip_address: Option<String>,
    /// The external network.
    pub floating_network_id: Option<String>,
    /// The associated port.
    pub port_id: Option<String>,
    /// The private address.
    pub fixed_ip_address: Option<String>,
    /// The router.
    pub router_id: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/floatingips`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateFloatingIp {
    /// The external network (required).
    pub floating_network_id: String,
    /// A specific address (admin).
    pub floating_ip_address: Option<String>,
    /// A specific external subnet.
    pub subnet_id: Option<String>,
    /// Associate with this port at once.
    pub port_id: Option<String>,
    /// Which of the port's addresses.
    pub fixed_ip_address: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// QoS policy.
    pub qos_policy_id: Option<String>,
    /// DNS name.
    pub dns_name: Option<String>,
    /// DNS domain.
    pub dns_domain: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateFloatingIp {
    /// A floating IP from `network_id`.
    pub fn on(network_id: impl Into<String>) -> Self {
        CreateFloatingIp { floating_network_id: network_id.into(), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/floatingips/{id}`: association, description and QoS.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateFloatingIp {
    /// `Some(Some(port))` associates, `Some(None)` disassociates (sends `null`).
    pub port_id: Option<Option<String>>,
    /// Which of the port's addresses.
    pub fixed_ip_address: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// QoS policy (`Some(None)` removes it).
    pub qos_policy_id: Option<Option<String>>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<FloatingIp> {
    /// Associate with a port (and one of its addresses, if it has several).
    pub async fn associate(&self, id: &str, port_id: &str, fixed_ip_address: Option<&str>) -> Result<FloatingIp> {
        let body = UpdateFloatingIp {
            port_id: Some(Some(port_id.to_string())),
            fixed_ip_address: fixed_ip_address.map(str::to_string),
            ..Default::default()
        };
        self.update(id, &body).await
    }

    /// Disassociate from its port.
    pub async fn disassociate(&self, id: &str) -> Result<FloatingIp> {
        self.update(id, &UpdateFloatingIp { port_id: Some(None), ..Default::default() }).await
    }

    /// The floating IPs of a server: those associated with any of its ports.
    pub async fn list_for_server(&self, server_id: &str) -> Result<Vec<FloatingIp>> {
        let ports = Api::<super::Port>::new(self.connection().clone());
        let query = PortQuery { device_id: Some(server_id.to_string()), ..Default::default() };
        let mut found = Vec::new();
        for port in ports.list(&query).try_collect::<Vec<_>>().await? {
            let query = FloatingIpQuery { port_id: Some(port.id.clone()), ..Default::default() };
            found.extend(self.list(&query).try_collect::<Vec<_>>().await?);
        }
        Ok(found)
    }
}
