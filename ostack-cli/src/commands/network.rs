//! `network list|show|create|delete|set`.

use super::{flag, CommandResult};
use crate::context::Context;
use crate::format::{admin_state_column, false_if_null, list_column, router_external_column};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateNetwork, Network, NetworkQuery, NeutronListOptions};
use serde_json::{Map, Value};

/// Network commands.
#[derive(Subcommand)]
pub enum NetworkCommand {
    /// List networks.
    List(ListArgs),
    /// Show a network.
    Show {
        /// Network name or id.
        network: String,
    },
    /// Create a network.
    Create(CreateArgs),
    /// Delete networks.
    Delete {
        /// Network names or ids.
        #[arg(required = true)]
        networks: Vec<String>,
    },
    /// Change a network.
    Set(SetArgs),
    /// Remove tags of a network.
    Unset {
        /// Network name or id.
        network: String,
        #[command(flatten)]
        tags: super::net_tags::UnsetTags,
    },
    /// RBAC policies (`network rbac ...`).
    #[command(subcommand)]
    Rbac(super::network_rbac::RbacCommand),
    /// QoS policies, rules and rule types (`network qos ...`).
    #[command(subcommand)]
    Qos(super::network_qos::QosCommand),
    /// Trunks (`network trunk ...`).
    #[command(subcommand)]
    Trunk(super::network_trunk::TrunkCommand),
    /// The subports of a trunk (`network subport list --trunk`).
    #[command(subcommand)]
    Subport(super::network_trunk::SubportCommand),
    /// Segments (`network segment ...`).
    #[command(subcommand)]
    Segment(super::network_segment::SegmentCommand),
    /// Metering labels and their rules (`network meter ...`).
    #[command(subcommand)]
    Meter(super::network_meter::MeterCommand),
    /// Agents (`network agent ...`).
    #[command(subcommand)]
    Agent(super::network_agent::AgentCommand),
    /// Neutron flavors and flavor profiles (`network flavor ...`).
    #[command(subcommand)]
    Flavor(super::network_flavor::FlavorCommand),
    /// Service providers (`network service provider list`).
    #[command(subcommand)]
    Service(super::network_flavor::ServiceCommand),
    /// Auto-allocated topologies (`network auto allocated topology create|delete`).
    #[command(subcommand)]
    Auto(super::network_auto_allocated_topology::AutoCommand),
}

/// `network list` options.
#[derive(Args)]
pub struct ListArgs {
    /// More columns.
    #[arg(long)]
    long: bool,
    /// External networks only.
    #[arg(long)]
    external: bool,
    /// Internal networks only.
    #[arg(long)]
    internal: bool,
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// Shared networks only.
    #[arg(long)]
    share: bool,
    /// Networks that are not shared only.
    #[arg(long = "no-share")]
    no_share: bool,
    /// By status.
    #[arg(long)]
    status: Option<String>,
    /// By project id.
    #[arg(long)]
    project: Option<String>,
    #[command(flatten)]
    tags: super::net_tags::TagFilters,
}

/// Attributes shared by create and set.
#[derive(Args)]
pub struct NetworkAttributes {
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Share with every project.
    #[arg(long)]
    share: bool,
    /// Do not share.
    #[arg(long = "no-share")]
    no_share: bool,
    /// Administratively up.
    #[arg(long)]
    enable: bool,
    /// Administratively down.
    #[arg(long)]
    disable: bool,
    /// External network.
    #[arg(long)]
    external: bool,
    /// Internal network.
    #[arg(long)]
    internal: bool,
    /// MTU.
    #[arg(long)]
    mtu: Option<u32>,
    /// Port security on by default.
    #[arg(long = "enable-port-security")]
    enable_port_security: bool,
    /// Port security off by default.
    #[arg(long = "disable-port-security")]
    disable_port_security: bool,
}

/// `network create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    #[command(flatten)]
    attributes: NetworkAttributes,
    /// Provider network type (flat, vlan, vxlan...).
    #[arg(long = "provider-network-type")]
    provider_network_type: Option<String>,
    /// Provider physical network.
    #[arg(long = "provider-physical-network")]
    provider_physical_network: Option<String>,
    /// Provider segment (VLAN id, VNI).
    #[arg(long = "provider-segment")]
    provider_segment: Option<i64>,
    #[command(flatten)]
    tags: super::net_tags::CreateTags,
}

/// `network set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Network name or id.
    network: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    attributes: NetworkAttributes,
    #[command(flatten)]
    tags: super::net_tags::SetTags,
}

impl NetworkAttributes {
    fn body(&self, name: Option<String>) -> CreateNetwork {
        CreateNetwork {
            name,
            admin_state_up: flag(self.enable, self.disable),
            shared: flag(self.share, self.no_share),
            external: flag(self.external, self.internal),
            mtu: self.mtu,
            port_security_enabled: flag(self.enable_port_security, self.disable_port_security),
            description: self.description.clone(),
            project_id: None,
            extra: Map::new(),
        }
    }
}

/// `RouterExternalColumn` of `network show`, where openstacksdk reads a missing value as `false`.
fn router_type_field(value: Value) -> Cell {
    router_external_column(if value.is_null() { Value::Bool(false) } else { value })
}

/// python-openstackclient's network columns (`openstackclient/network/v2/network.py`).
const NETWORK: Noun = Noun {
    what: "network",
    plural: "networks",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Status", "status", plain).long_only(),
        Column::new("Project", "project_id", plain).long_only(),
        Column::new("State", "admin_state_up", admin_state_column).long_only(),
        Column::new("Shared", "shared", plain).long_only(),
        Column::new("Subnets", "subnets", list_column),
        Column::new("Network Type", "provider:network_type", plain).long_only(),
        Column::new("Router Type", "router:external", router_external_column).long_only(),
        Column::new("Availability Zones", "availability_zones", list_column).long_only(),
        Column::new("Tags", "tags", list_column).long_only(),
    ],
    long: &[],
    show: &[
        Field::new("admin_state_up", "admin_state_up", admin_state_column),
        Field::new("availability_zone_hints", "availability_zone_hints", list_column),
        Field::new("availability_zones", "availability_zones", list_column),
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("dns_domain"),
        Field::plain("id"),
        Field::plain("ipv4_address_scope"),
        Field::plain("ipv6_address_scope"),
        Field::plain("is_default"),
        Field::new("is_vlan_qinq", "vlan_qinq", plain),
        Field::new("is_vlan_transparent", "vlan_transparent", plain),
        Field::plain("mtu"),
        Field::plain("name"),
        Field::new("port_security_enabled", "port_security_enabled", false_if_null),
        Field::plain("project_id"),
        Field::plain("provider:network_type"),
        Field::plain("provider:physical_network"),
        Field::plain("provider:segmentation_id"),
        Field::plain("pvlan"),
        Field::plain("qos_policy_id"),
        Field::plain("revision_number"),
        Field::new("router:external", "router:external", router_type_field),
        Field::plain("segments"),
        Field::plain("shared"),
        Field::plain("status"),
        Field::new("subnets", "subnets", list_column),
        Field::new("tags", "tags", list_column),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "location"],
};

impl NetworkCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            NetworkCommand::Show { .. } => Some("network show"),
            NetworkCommand::Create(_) => Some("network create"),
            NetworkCommand::Rbac(command) => command.show_one_name(),
            NetworkCommand::Qos(command) => command.show_one_name(),
            NetworkCommand::Trunk(command) => command.show_one_name(),
            NetworkCommand::Segment(command) => command.show_one_name(),
            NetworkCommand::Meter(command) => command.show_one_name(),
            NetworkCommand::Agent(command) => command.show_one_name(),
            NetworkCommand::Flavor(command) => command.show_one_name(),
            NetworkCommand::Auto(command) => command.show_one_name(),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        match self {
            NetworkCommand::Rbac(command) => command.run(ctx).await,
            NetworkCommand::Qos(command) => command.run(ctx).await,
            NetworkCommand::Trunk(command) => command.run(ctx).await,
            NetworkCommand::Subport(command) => command.run(ctx).await,
            NetworkCommand::Segment(command) => command.run(ctx).await,
            NetworkCommand::Meter(command) => command.run(ctx).await,
            NetworkCommand::Agent(command) => command.run(ctx).await,
            NetworkCommand::Flavor(command) => command.run(ctx).await,
            NetworkCommand::Service(command) => command.run(ctx).await,
            NetworkCommand::Auto(command) => command.run(ctx).await,
            NetworkCommand::List(args) => {
                let query = NetworkQuery {
                    name: args.name,
                    status: args.status,
                    common: {
                        let mut common = NeutronListOptions { project_id: args.project, ..Default::default() };
                        args.tags.apply(&mut common);
                        common
                    },
                    shared: flag(args.share, args.no_share),
                    external: flag(args.external, args.internal),
                    ..Default::default()
                };
                let networks: Vec<Network> = net.networks().list(&query).try_collect().await?;
                Ok(NETWORK.list(&networks, args.long))
            }
            NetworkCommand::Show { network } => Ok(NETWORK.show(&net.networks().find(&network).await?)),
            NetworkCommand::Create(args) => {
                let mut body = args.attributes.body(Some(args.name));
                for (key, value) in [
                    ("provider:network_type", args.provider_network_type.map(Value::from)),
                    ("provider:physical_network", args.provider_physical_network.map(Value::from)),
                    ("provider:segmentation_id", args.provider_segment.map(Value::from)),
                ] {
                    if let Some(v) = value {
                        body.extra.insert(key.into(), v);
                    }
                }
                let made = net.networks().create(&body).await?;
                let mut raw = crate::format::to_map(&made);
                args.tags.apply(&net.networks(), &made.id, &mut raw).await?;
                Ok(NETWORK.fields(raw, true).sorted())
            }
            NetworkCommand::Delete { networks } => NETWORK.delete(&net.networks(), &networks).await,
            NetworkCommand::Set(args) => {
                let found = net.networks().find(&args.network).await?;
                let body = args.attributes.body(args.name);
                net.networks().update(&found.id, &body.into()).await?;
                args.tags.apply(&net.networks(), &found).await?;
                Ok(Output::Nothing)
            }
            NetworkCommand::Unset { network, tags } => {
                let found = net.networks().find(&network).await?;
                tags.apply(&net.networks(), &found).await?;
                Ok(Output::Nothing)
            }
        }
    }
}
