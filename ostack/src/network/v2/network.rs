//! Network: an L2 network (`/v2.0/networks`).

use crate::catalog::ServiceType;
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::resource::Resource;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron network.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Network {
    /// Network id.
    pub id: String,
    /// Name.
    #[serde(default)]
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
    /// Owning project.
    #[serde(default)]
    pub project_id: Option<String>,
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
    /// Revision, incremented on every change.
    #[serde(default)]
    pub revision_number: Option<i64>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Resource for Network {
    const SERVICE: ServiceType = ServiceType::Network;
    const NAME: &'static str = "Network";
    const PATH: &'static str = "networks";
    const KEY: Option<&'static str> = Some("network");
    const PLURAL: &'static str = "networks";
    type Query = NetworkQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
    fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
    fn query_by_name(name: &str) -> Option<NetworkQuery> {
        Some(NetworkQuery { name: Some(name.to_string()), ..Default::default() })
    }
}

/// Neutron filters for listing networks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NetworkQuery {
    /// Exact name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Shared networks only (or not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
    /// External networks only (or not).
    #[serde(rename = "router:external", skip_serializing_if = "Option::is_none")]
    pub external: Option<bool>,
    /// Administrative state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_state_up: Option<bool>,
    /// Having all these tags (comma-separated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// The body of `POST /v2.0/networks`. `extra` takes any other attribute.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateNetwork {
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Administrative state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin_state_up: Option<bool>,
    /// Shared with every project (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<bool>,
    /// External (admin).
    #[serde(rename = "router:external", skip_serializing_if = "Option::is_none")]
    pub external: Option<bool>,
    /// MTU.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
    /// Port security default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_security_enabled: Option<bool>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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

/// The body of `PUT /v2.0/networks/{id}`.
pub type UpdateNetwork = CreateNetwork;
