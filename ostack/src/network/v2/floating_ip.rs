//! FloatingIp: a public address NATed to a port (`/v2.0/floatingips`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, PortQuery, Sent};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::Result;
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron floating IP.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
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
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(FloatingIp);

// Written out rather than with `resource!`: its name filter is a list.
impl crate::resource::Resource for FloatingIp {
    const SERVICE: crate::catalog::ServiceType = crate::catalog::ServiceType::Network;
    const NAME: &'static str = "FloatingIP";
    const PATH: &'static str = "floatingips";
    const KEY: Option<&'static str> = Some("floatingip");
    const PLURAL: &'static str = "floatingips";
    type Query = FloatingIpQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        self.floating_ip_address.as_deref()
    }
    fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
    fn query_by_name(name: &str) -> Option<FloatingIpQuery> {
        Some(FloatingIpQuery { floating_ip_address: vec![name.to_string()], ..Default::default() })
    }
}
impl Creatable for FloatingIp {
    type Create = CreateFloatingIp;
}
impl Updatable for FloatingIp {
    type Update = UpdateFloatingIp;
}
impl Deletable for FloatingIp {}
impl super::Taggable for FloatingIp {}

/// Neutron filters for listing floating IPs. Each list matches any of its values (sent as
/// repeated keys: `status=ACTIVE&status=DOWN`); an empty one does not filter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FloatingIpQuery {
    /// The public addresses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub floating_ip_address: Vec<String>,
    /// The external networks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub floating_network_id: Vec<String>,
    /// The associated ports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub port_id: Vec<String>,
    /// The private addresses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_ip_address: Vec<String>,
    /// The routers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub router_id: Vec<String>,
    /// Statuses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<String>,
    /// Descriptions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub description: Vec<String>,
    /// Project, tags, paging, sorting and fields.
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
    /// The router doing the NAT, when several could (`floating-ip-router-writable`).
    pub router_id: Option<String>,
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
    /// The router doing the NAT (`floating-ip-router-writable`).
    pub router_id: Option<String>,
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

    /// The floating IPs of a server: those associated with any of its ports (one list call
    /// for all of them).
    pub async fn list_for_server(&self, server_id: &str) -> Result<Vec<FloatingIp>> {
        let ports = Api::<super::Port>::new(self.connection().clone());
        let query = PortQuery { device_id: Some(server_id.to_string()), ..Default::default() };
        let port_ids: Vec<String> = ports.list(&query).map_ok(|port| port.id).try_collect().await?;
        if port_ids.is_empty() {
            return Ok(Vec::new());
        }
        let query = FloatingIpQuery { port_id: port_ids, ..Default::default() };
        self.list(&query).try_collect().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_take_several_values_as_repeated_keys() {
        let query = FloatingIpQuery {
            status: vec!["ACTIVE".into(), "DOWN".into()],
            port_id: vec!["p1".into(), "p2".into()],
            floating_ip_address: vec!["172.24.4.9".into()],
            ..Default::default()
        };
        assert_eq!(
            serde_html_form::to_string(&query).unwrap(),
            "floating_ip_address=172.24.4.9&port_id=p1&port_id=p2&status=ACTIVE&status=DOWN"
        );
        assert_eq!(serde_html_form::to_string(FloatingIpQuery::default()).unwrap(), "");
    }

    #[test]
    fn router_id_is_a_body_field() {
        let body = CreateFloatingIp { router_id: Some("r".into()), ..CreateFloatingIp::on("ext") };
        assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"floating_network_id":"ext","router_id":"r"}"#);
        let body = UpdateFloatingIp { router_id: Some("r".into()), ..Default::default() };
        assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"router_id":"r"}"#);
    }
}
