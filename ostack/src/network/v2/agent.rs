//! Agent: a neutron agent (L2, L3, DHCP, metering...) and what it hosts (`/v2.0/agents`), and
//! the agents hosting a network or a router (`/v2.0/networks/{id}/dhcp-agents`,
//! `/v2.0/routers/{id}/l3-agents`).

use super::{keeps_sent, NeutronListOptions, Sent};
use super::{Network, Router};
use crate::api::{Api, Deletable, Updatable};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::{Map, Value};

/// A neutron agent.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Agent {
    /// Id.
    pub id: String,
    /// `Open vSwitch agent`, `L3 agent`, `DHCP agent`, ...
    #[serde(default)]
    pub agent_type: Option<String>,
    /// Its program.
    #[serde(default)]
    pub binary: Option<String>,
    /// Host it runs on.
    #[serde(default)]
    pub host: Option<String>,
    /// RPC topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// Availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: Option<bool>,
    /// Reported in time.
    #[serde(default)]
    pub alive: Option<bool>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// What it reported of its configuration.
    #[serde(default)]
    pub configurations: Option<Map<String, Value>>,
    /// Last report.
    #[serde(default)]
    pub heartbeat_timestamp: Option<String>,
    /// Start time.
    #[serde(default)]
    pub started_at: Option<String>,
    /// First report.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Placement resources in sync.
    #[serde(default)]
    pub resources_synced: Option<bool>,
    /// HA state of a router on it (in a router's agent list).
    #[serde(default)]
    pub ha_state: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(Agent);

crate::resource!(Agent { service: Network, path: "agents", key: Some("agent"), plural: "agents", query: AgentQuery });
impl Updatable for Agent {
    type Update = UpdateAgent;
}
impl Deletable for Agent {}

/// Neutron filters for listing agents.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct AgentQuery {
    /// `Open vSwitch agent`, `L3 agent`, `DHCP agent`, ...
    pub agent_type: Option<String>,
    /// Its program.
    pub binary: Option<String>,
    /// Host it runs on.
    pub host: Option<String>,
    /// RPC topic.
    pub topic: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Reported in time.
    pub alive: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `PUT /v2.0/agents/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateAgent {
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct Networks {
    #[serde(default)]
    networks: Vec<Network>,
}

#[derive(Deserialize)]
struct Agents {
    #[serde(default)]
    agents: Vec<Agent>,
}

#[derive(Deserialize)]
struct Routers {
    #[serde(default)]
    routers: Vec<Router>,
}

impl Api<Agent> {
    /// The networks a DHCP agent serves.
    pub async fn dhcp_networks(&self, id: &str) -> Result<Vec<Network>> {
        self.get_sub::<Networks>(id, "dhcp-networks").await.map(|n| n.networks)
    }

    /// Have a DHCP agent serve a network.
    pub async fn add_dhcp_network(&self, id: &str, network_id: &str) -> Result<()> {
        self.post_sub::<_, Value>(id, "dhcp-networks", &json!({ "network_id": network_id })).await.map(drop)
    }

    /// Stop a DHCP agent serving a network.
    pub async fn remove_dhcp_network(&self, id: &str, network_id: &str) -> Result<()> {
        self.delete_sub(id, &format!("dhcp-networks/{}", crate::resource::utf8_percent_encode(network_id))).await
    }

    /// The routers an L3 agent hosts.
    pub async fn l3_routers(&self, id: &str) -> Result<Vec<Router>> {
        self.get_sub::<Routers>(id, "l3-routers").await.map(|r| r.routers)
    }

    /// Have an L3 agent host a router.
    pub async fn add_l3_router(&self, id: &str, router_id: &str) -> Result<()> {
        self.post_sub::<_, Value>(id, "l3-routers", &json!({ "router_id": router_id })).await.map(drop)
    }

    /// Stop an L3 agent hosting a router.
    pub async fn remove_l3_router(&self, id: &str, router_id: &str) -> Result<()> {
        self.delete_sub(id, &format!("l3-routers/{}", crate::resource::utf8_percent_encode(router_id))).await
    }
}

impl Api<Network> {
    /// The DHCP agents serving a network (`GET /v2.0/networks/{id}/dhcp-agents`).
    pub async fn dhcp_agents(&self, id: &str) -> Result<Vec<Agent>> {
        self.get_sub::<Agents>(id, "dhcp-agents").await.map(|a| a.agents)
    }
}

impl Api<Router> {
    /// The L3 agents hosting a router (`GET /v2.0/routers/{id}/l3-agents`), each with the
    /// router's `ha_state` on it when the router is HA.
    pub async fn l3_agents(&self, id: &str) -> Result<Vec<Agent>> {
        self.get_sub::<Agents>(id, "l3-agents").await.map(|a| a.agents)
    }
}
