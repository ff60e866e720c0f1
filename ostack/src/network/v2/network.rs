//! Network: an L2 network (`/v2.0/networks`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron network.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Network {
    /// Network id.
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
    /// Shared with every project.
    #[serde(default)]
    pub shared: Option<bool>,
    /// External network (for router gateways and floating IPs).
    #[serde(rename = "router:external", default)]
    pub external: Option<bool>,
    /// Ids of its subnets.
    #[serde(default, deserialize_with = "null_as_default")]
    pub subnets: Vec<String>,
    /// MTU.
    #[serde(default)]
    pub mtu: Option<u32>,
    /// Port security default for new ports.
    #[serde(default)]
    pub port_security_enabled: Option<bool>,
    /// Provider network type (admin).
    #[serde(rename = "provider:network_type", default)]
    pub provider_network_type: Option<String>,
    /// Provider physical network (admin).
    #[serde(rename = "provider:physical_network", default)]
    pub provider_physical_network: Option<String>,
    /// Provider segmentation id (admin).
    #[serde(rename = "provider:segmentation_id", default)]
    pub provider_segmentation_id: Option<i64>,
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
keeps_sent!(Network);

crate::resource!(Network {
    service: Network,
    path: "networks",
    key: Some("network"),
    plural: "networks",
    query: NetworkQuery,
    name: name,
    status: status,
    name_filter: name,
});
impl Creatable for Network {
    type Create = CreateNetwork;
}
impl Updatable for Network {
    type Update = UpdateNetwork;
}
impl Deletable for Network {}
impl super::Taggable for Network {}

/// Neutron filters for listing networks.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct NetworkQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Shared networks only (or not).
    pub shared: Option<bool>,
    /// External networks only (or not).
    #[serde(rename = "router:external")]
    pub external: Option<bool>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/networks`. `extra` takes any other attribute.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateNetwork {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Shared with every project (admin).
    pub shared: Option<bool>,
    /// External (admin).
    #[serde(rename = "router:external")]
    pub external: Option<bool>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Port security default.
    pub port_security_enabled: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute (`provider:network_type`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateNetwork {
    /// A network with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateNetwork { name: Some(name.into()), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/networks/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateNetwork {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Shared with every project (admin).
    pub shared: Option<bool>,
    /// External (admin).
    #[serde(rename = "router:external")]
    pub external: Option<bool>,
    /// MTU.
    pub mtu: Option<u32>,
    /// Port security default.
    pub port_security_enabled: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Any other mutable attribute (`qos_policy_id`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The mutable part of a create body (everything but the owning project).
impl From<CreateNetwork> for UpdateNetwork {
    fn from(c: CreateNetwork) -> Self {
        UpdateNetwork {
            name: c.name,
            admin_state_up: c.admin_state_up,
            shared: c.shared,
            external: c.external,
            mtu: c.mtu,
            port_security_enabled: c.port_security_enabled,
            description: c.description,
            extra: c.extra,
        }
    }
}
