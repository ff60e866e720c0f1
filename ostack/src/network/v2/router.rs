//! Router: L3 routing between subnets and to an external network (`/v2.0/routers`), with
//! interface, gateway and static-route actions.

use super::{keeps_sent, HostRoute, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A static route of a router (same shape as a subnet's host route).
pub type Route = HostRoute;

/// An address a router holds on its external network.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExternalFixedIp {
    /// The external subnet.
    #[serde(default)]
    pub subnet_id: Option<String>,
    /// The address.
    #[serde(default)]
    pub ip_address: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A router's gateway: the external network it routes to, its addresses there, and SNAT (in
/// neutron's order).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct ExternalGateway {
    /// The external network.
    #[serde(default)]
    pub network_id: Option<String>,
    /// Addresses on the external network.
    #[serde(default)]
    pub external_fixed_ips: Option<Vec<ExternalFixedIp>>,
    /// Source NAT for the router's subnets (admin to change).
    #[serde(default)]
    pub enable_snat: Option<bool>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(ExternalGateway);

impl ExternalGateway {
    /// A gateway on `network_id`.
    pub fn on(network_id: impl Into<String>) -> Self {
        ExternalGateway { network_id: Some(network_id.into()), ..Default::default() }
    }
}

/// A neutron router.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Router {
    /// Router id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// `ACTIVE`, `DOWN`, `BUILD` or `ERROR`.
    #[serde(default)]
    pub status: Option<String>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: Option<bool>,
    /// The gateway, `None` when it has none.
    #[serde(default, deserialize_with = "crate::lenient::empty_as_none")]
    pub external_gateway_info: Option<ExternalGateway>,
    /// Static routes.
    #[serde(default, deserialize_with = "null_as_default")]
    pub routes: Vec<Route>,
    /// Distributed (DVR).
    #[serde(default)]
    pub distributed: Option<bool>,
    /// Highly available (VRRP).
    #[serde(default)]
    pub ha: Option<bool>,
    /// Availability zone hints.
    #[serde(default)]
    pub availability_zone_hints: Option<Vec<String>>,
    /// Availability zones it runs in.
    #[serde(default)]
    pub availability_zones: Option<Vec<String>>,
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
keeps_sent!(Router);

crate::resource!(Router {
    service: Network,
    path: "routers",
    key: Some("router"),
    plural: "routers",
    query: RouterQuery,
    name: name,
    status: status,
    name_filter: name,
});
impl Creatable for Router {
    type Create = CreateRouter;
}
impl Updatable for Router {
    type Update = UpdateRouter;
}
impl Deletable for Router {}
impl super::Taggable for Router {}

/// Neutron filters for listing routers.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct RouterQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Distributed or not.
    pub distributed: Option<bool>,
    /// HA or not.
    pub ha: Option<bool>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/routers`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateRouter {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// A gateway on an external network.
    pub external_gateway_info: Option<ExternalGateway>,
    /// Distributed (admin).
    pub distributed: Option<bool>,
    /// HA (admin).
    pub ha: Option<bool>,
    /// Availability zone hints.
    pub availability_zone_hints: Option<Vec<String>>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute (`flavor_id`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `PUT /v2.0/routers/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateRouter {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// The gateway: `Some(Some(g))` sets it, `Some(None)` clears it (sends `{}`).
    #[serde(serialize_with = "gateway_or_empty")]
    pub external_gateway_info: Option<Option<ExternalGateway>>,
    /// The whole list of static routes (replaces it; `Some(vec![])` clears them).
    pub routes: Option<Vec<Route>>,
    /// Distributed (admin).
    pub distributed: Option<bool>,
    /// HA (admin).
    pub ha: Option<bool>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn gateway_or_empty<S: serde::Serializer>(
    gateway: &Option<Option<ExternalGateway>>,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    match gateway {
        Some(Some(g)) => g.serialize(serializer),
        _ => Map::new().serialize(serializer),
    }
}

/// What `add_router_interface` / `remove_router_interface` answer.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RouterInterface {
    /// The router.
    pub id: String,
    /// The interface's port.
    #[serde(default)]
    pub port_id: Option<String>,
    /// The subnet.
    #[serde(default)]
    pub subnet_id: Option<String>,
    /// Every subnet of the port.
    #[serde(default)]
    pub subnet_ids: Option<Vec<String>>,
    /// The network.
    #[serde(default)]
    pub network_id: Option<String>,
    /// Owning project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct RouterBody {
    router: Router,
}

impl Api<Router> {
    /// Attach a subnet (neutron makes a port with the subnet's gateway address).
    pub async fn add_subnet(&self, router_id: &str, subnet_id: &str) -> Result<RouterInterface> {
        self.put_sub(router_id, "add_router_interface", &json!({ "subnet_id": subnet_id })).await
    }

    /// Attach an existing port.
    pub async fn add_port(&self, router_id: &str, port_id: &str) -> Result<RouterInterface> {
        self.put_sub(router_id, "add_router_interface", &json!({ "port_id": port_id })).await
    }

    /// Detach a subnet.
    pub async fn remove_subnet(&self, router_id: &str, subnet_id: &str) -> Result<RouterInterface> {
        self.put_sub(router_id, "remove_router_interface", &json!({ "subnet_id": subnet_id })).await
    }

    /// Detach a port (and delete it).
    pub async fn remove_port(&self, router_id: &str, port_id: &str) -> Result<RouterInterface> {
        self.put_sub(router_id, "remove_router_interface", &json!({ "port_id": port_id })).await
    }

    /// Set (or replace) the gateway.
    pub async fn set_gateway(&self, router_id: &str, gateway: ExternalGateway) -> Result<Router> {
        self.update(router_id, &UpdateRouter { external_gateway_info: Some(Some(gateway)), ..Default::default() }).await
    }

    /// Remove the gateway.
    pub async fn unset_gateway(&self, router_id: &str) -> Result<Router> {
        self.update(router_id, &UpdateRouter { external_gateway_info: Some(None), ..Default::default() }).await
    }

    /// Add static routes, keeping the others (`extraroute-atomic`).
    pub async fn add_routes(&self, router_id: &str, routes: &[Route]) -> Result<Router> {
        let body = json!({ "router": { "routes": routes } });
        self.put_sub::<_, RouterBody>(router_id, "add_extraroutes", &body).await.map(|b| b.router)
    }

    /// Remove static routes, keeping the others (`extraroute-atomic`).
    pub async fn remove_routes(&self, router_id: &str, routes: &[Route]) -> Result<Router> {
        let body = json!({ "router": { "routes": routes } });
        self.put_sub::<_, RouterBody>(router_id, "remove_extraroutes", &body).await.map(|b| b.router)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gateway_serializes_in_neutron_order() {
        let gateway = ExternalGateway {
            enable_snat: Some(true),
            external_fixed_ips: Some(vec![ExternalFixedIp {
                subnet_id: Some("s".into()),
                ip_address: Some("172.24.4.9".into()),
                ..Default::default()
            }]),
            ..ExternalGateway::on("n")
        };
        assert_eq!(
            serde_json::to_string(&gateway).unwrap(),
            r#"{"network_id":"n","external_fixed_ips":[{"subnet_id":"s","ip_address":"172.24.4.9"}],"enable_snat":true}"#
        );
    }

    #[test]
    fn a_router_read_from_neutron_serializes_back_the_same() {
        let sent = r#"{"id":"r","name":"edge","external_gateway_info":{"network_id":"n","external_fixed_ips":[{"subnet_id":"s","ip_address":"172.24.4.9"}],"enable_snat":true,"qos_policy_id":null},"status":"ACTIVE","flavor_id":null,"routes":[],"description":"","tags":[],"tenant_id":"p","project_id":"p"}"#;
        let router: Router = serde_json::from_str(sent).unwrap();
        assert_eq!(router.external_gateway_info.as_ref().and_then(|g| g.enable_snat), Some(true));
        assert_eq!(router.standard.tenant_id.as_deref(), Some("p"));
        assert_eq!(serde_json::to_string(&router).unwrap(), sent);
    }
}
