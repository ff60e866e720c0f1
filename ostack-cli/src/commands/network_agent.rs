//! `network agent list|show|set|delete` (`list --network|--router`: the agents hosting one),
//! `network agent add|remove network --dhcp` and `network agent add|remove router --l3`.

use super::{delete_each, flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::admin_state_column;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{Agent, AgentQuery, NeutronListOptions, UpdateAgent};
use ostack::Api;
use serde_json::Value;

/// `AliveColumn`: `:-)` or `XXX`.
fn alive_column(value: Value) -> Cell {
    let text = if value.as_bool().unwrap_or(false) { ":-)" } else { "XXX" };
    Cell::formatted(value, text)
}

/// python-openstackclient's agent columns (`openstackclient/network/v2/network_agent.py`).
const AGENT: Noun = Noun {
    what: "network agent",
    plural: "network agents",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Agent Type", "agent_type", plain),
        Column::new("Host", "host", plain),
        Column::new("Availability Zone", "availability_zone", plain),
        Column::new("Alive", "alive", alive_column),
        Column::new("State", "admin_state_up", admin_state_column),
        Column::new("Binary", "binary", plain),
    ],
    long: &[],
    show: &[
        Field::new("admin_state_up", "admin_state_up", admin_state_column),
        Field::plain("agent_type"),
        Field::new("alive", "alive", alive_column),
        Field::plain("availability_zone"),
        Field::plain("binary"),
        Field::new("configuration", "configurations", plain),
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("ha_chassis_priority"),
        Field::plain("ha_state"),
        Field::plain("host"),
        Field::plain("id"),
        Field::new("last_heartbeat_at", "heartbeat_timestamp", plain),
        Field::plain("resources_synced"),
        Field::plain("started_at"),
        Field::plain("topic"),
    ],
    hidden: &[],
};

/// osc's `--agent-type` names and the agent types neutron reports.
const AGENT_TYPES: [(&str, &str); 16] = [
    ("bgp", "BGP dynamic routing agent"),
    ("dhcp", "DHCP agent"),
    ("open-vswitch", "Open vSwitch agent"),
    ("linux-bridge", "Linux bridge agent"),
    ("ofa", "OFA driver agent"),
    ("l3", "L3 agent"),
    ("loadbalancer", "Loadbalancer agent"),
    ("metering", "Metering agent"),
    ("metadata", "Metadata agent"),
    ("macvtap", "Macvtap agent"),
    ("nic", "NIC Switch agent"),
    ("baremetal", "Baremetal Node"),
    ("ovn-controller", "OVN Controller agent"),
    ("ovn-controller-gateway", "OVN Controller Gateway agent"),
    ("ovn-metadata", "OVN Metadata agent"),
    ("ovn-agent", "OVN Neutron agent"),
];

/// The `--long` column of the agents hosting a router.
const HA_STATE: Column = Column::new("HA State", "ha_state", plain);

/// Network agent commands.
#[derive(Subcommand)]
pub enum AgentCommand {
    /// List agents.
    List(ListArgs),
    /// Show an agent.
    Show {
        /// Agent id.
        #[arg(value_name = "network-agent")]
        network_agent: String,
    },
    /// Change an agent.
    Set(SetArgs),
    /// Delete agents.
    Delete {
        /// Agent ids.
        #[arg(required = true, value_name = "network-agent")]
        network_agents: Vec<String>,
    },
    /// Add a network to a DHCP agent or a router to an L3 agent.
    #[command(subcommand)]
    Add(Hosted),
    /// Remove a network from a DHCP agent or a router from an L3 agent.
    #[command(subcommand)]
    Remove(Hosted),
}

/// What an agent hosts.
#[derive(Subcommand)]
pub enum Hosted {
    /// A network (of a DHCP agent).
    Network {
        /// DHCP agent.
        #[arg(long)]
        dhcp: bool,
        /// Agent id.
        #[arg(value_name = "agent-id")]
        agent_id: String,
        /// Network name or id.
        network: String,
    },
    /// A router (of an L3 agent).
    Router {
        /// L3 agent.
        #[arg(long)]
        l3: bool,
        /// Agent id.
        #[arg(value_name = "agent-id")]
        agent_id: String,
        /// Router name or id.
        router: String,
    },
}

/// `network agent list` options.
#[derive(Args)]
pub struct ListArgs {
    /// By agent type.
    #[arg(long = "agent-type", value_name = "agent-type", value_parser = AGENT_TYPES.map(|(name, _)| name))]
    agent_type: Option<String>,
    /// By host.
    #[arg(long)]
    host: Option<String>,
    /// The DHCP agents serving this network (name or ID).
    #[arg(long, conflicts_with = "router")]
    network: Option<String>,
    /// The L3 agents hosting this router (name or ID).
    #[arg(long)]
    router: Option<String>,
    /// More columns.
    #[arg(long)]
    long: bool,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

/// `network agent set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Agent id.
    #[arg(value_name = "network-agent")]
    network_agent: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Administratively up.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Administratively down.
    #[arg(long)]
    disable: bool,
}

/// `get_agent` as openstacksdk reports a missing one: `No Agent found for <id>: Client Error for
/// url: <url>, <neutron's message>`.
async fn get_agent(agents: &Api<Agent>, id: &str) -> Result<Agent, CliError> {
    agents.get(id).await.map_err(|e| match e {
        ostack::Error::Api { status: 404, url, message, .. } => {
            CliError::Message(format!("No Agent found for {id}: Client Error for url: {url}, {message}"))
        }
        other => other.into(),
    })
}

impl AgentCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            AgentCommand::Show { .. } => Some("network agent show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let agents = net.agents();
        match self {
            AgentCommand::List(args) if args.network.is_some() || args.router.is_some() => {
                // osc lists what hosts the network or router, without the other filters
                if let Some(network) = &args.network {
                    let id = net.networks().find(network).await?.id;
                    let found = net.networks().dhcp_agents(&id).await?;
                    return Ok(AGENT.list(&found, false));
                }
                let router = net.routers().find(args.router.as_deref().unwrap_or_default()).await?;
                let found = net.routers().l3_agents(&router.id).await?;
                let mut columns = AGENT.columns(false);
                if args.long {
                    columns.push(&HA_STATE);
                }
                Ok(crate::noun::list_of(&found, &columns))
            }
            AgentCommand::List(args) => {
                let agent_type = args
                    .agent_type
                    .and_then(|t| AGENT_TYPES.iter().find(|(name, _)| *name == t).map(|(_, full)| full.to_string()));
                let query = AgentQuery {
                    agent_type,
                    host: args.host,
                    common: NeutronListOptions { limit: args.limit, marker: args.marker, ..Default::default() },
                    ..Default::default()
                };
                let found: Vec<_> = agents.list(&query).try_collect().await?;
                Ok(AGENT.list(&found, args.long))
            }
            AgentCommand::Show { network_agent } => Ok(AGENT.show_fixed(&get_agent(&agents, &network_agent).await?)),
            AgentCommand::Set(args) => {
                let found = get_agent(&agents, &args.network_agent).await?;
                let body = UpdateAgent {
                    description: args.description,
                    admin_state_up: flag(args.enable, args.disable),
                    ..Default::default()
                };
                agents.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            AgentCommand::Delete { network_agents } => {
                delete_each(&network_agents, "network agent with ID", "network agents", |id| {
                    let agents = agents.clone();
                    async move { Ok(agents.delete(&id).await?) }
                })
                .await
            }
            AgentCommand::Add(hosted) | AgentCommand::Remove(hosted) if !hosted.flagged() => {
                // osc does nothing without --dhcp / --l3 (but still finds both)
                hosted.find(ctx).await?;
                Ok(Output::Nothing)
            }
            AgentCommand::Add(hosted) => {
                let (agent, target, is_network) = hosted.find(ctx).await?;
                if is_network {
                    agents.add_dhcp_network(&agent, &target).await?;
                } else {
                    agents.add_l3_router(&agent, &target).await?;
                }
                Ok(Output::Nothing)
            }
            AgentCommand::Remove(hosted) => {
                let (agent, target, is_network) = hosted.find(ctx).await?;
                if is_network {
                    agents.remove_dhcp_network(&agent, &target).await?;
                } else {
                    agents.remove_l3_router(&agent, &target).await?;
                }
                Ok(Output::Nothing)
            }
        }
    }
}

impl Hosted {
    fn flagged(&self) -> bool {
        match self {
            Hosted::Network { dhcp, .. } => *dhcp,
            Hosted::Router { l3, .. } => *l3,
        }
    }

    /// The agent id, the network or router id, and whether it is a network.
    async fn find(&self, ctx: &Context) -> Result<(String, String, bool), CliError> {
        let net = ctx.conn.network();
        Ok(match self {
            Hosted::Network { agent_id, network, .. } => {
                (get_agent(&net.agents(), agent_id).await?.id, net.networks().find(network).await?.id, true)
            }
            Hosted::Router { agent_id, router, .. } => {
                (get_agent(&net.agents(), agent_id).await?.id, net.routers().find(router).await?.id, false)
            }
        })
    }
}
