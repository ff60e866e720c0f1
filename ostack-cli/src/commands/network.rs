//! `network list|show|create|delete|set`.

use super::{flag, CommandResult};
use crate::context::Context;
use crate::format::{admin_state_column, list_column, router_external_column, to_map, ShowFields};
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

/// `network show` fields as osc derives them from openstacksdk's Network.
fn show(network: &Network) -> Output {
    let mut f = ShowFields::new(to_map(network));
    f.with("admin_state_up", "admin_state_up", admin_state_column)
        .with("availability_zone_hints", "availability_zone_hints", list_column)
        .with("availability_zones", "availability_zones", list_column)
        .plains(&["created_at", "description", "dns_domain", "id", "is_default", "mtu", "name", "project_id", "pvlan"])
        .plain("ipv4_address_scope", "ipv4_address_scope", Value::Null)
        .plain("ipv6_address_scope", "ipv6_address_scope", Value::Null)
        .plain("is_vlan_transparent", "vlan_transparent", Value::Null)
        .plain("is_vlan_qinq", "vlan_qinq", Value::Null)
        .plain("port_security_enabled", "port_security_enabled", Value::Bool(false))
        .plain("provider:network_type", "provider:network_type", Value::Null)
        .plain("provider:physical_network", "provider:physical_network", Value::Null)
        .plain("provider:segmentation_id", "provider:segmentation_id", Value::Null)
        .plains(&["qos_policy_id", "revision_number", "segments", "status", "updated_at"])
        .with("router:external", "router:external", |v| {
            router_external_column(if v.is_null() { Value::Bool(false) } else { v })
        })
        .plain("shared", "shared", Value::Null)
        .with("subnets", "subnets", list_column)
        .with("tags", "tags", list_column)
        .hide(&["tenant_id", "location"])
        .unknown_keys()
        .sorted()
}

impl NetworkCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        match self {
            NetworkCommand::List(args) => {
                let query = NetworkQuery {
                    name: args.name,
                    status: args.status,
                    common: NeutronListOptions { project_id: args.project, ..Default::default() },
                    shared: flag(args.share, args.no_share),
                    external: flag(args.external, args.internal),
                    ..Default::default()
                };
                let networks: Vec<Network> = net.networks().list(&query).try_collect().await?;
                let rows = networks
                    .iter()
                    .map(|n| {
                        let raw = to_map(n);
                        let get = |k: &str| raw.get(k).cloned().unwrap_or(Value::Null);
                        if args.long {
                            vec![
                                Cell::from(n.id.clone()),
                                n.name.clone().into(),
                                get("status").into(),
                                get("project_id").into(),
                                admin_state_column(get("admin_state_up")),
                                get("shared").into(),
                                list_column(get("subnets")),
                                get("provider:network_type").into(),
                                router_external_column(get("router:external")),
                                list_column(get("availability_zones")),
                                list_column(get("tags")),
                            ]
                        } else {
                            vec![Cell::from(n.id.clone()), n.name.clone().into(), list_column(get("subnets"))]
                        }
                    })
                    .collect();
                let columns: &[&str] = if args.long {
                    &[
                        "ID",
                        "Name",
                        "Status",
                        "Project",
                        "State",
                        "Shared",
                        "Subnets",
                        "Network Type",
                        "Router Type",
                        "Availability Zones",
                        "Tags",
                    ]
                } else {
                    &["ID", "Name", "Subnets"]
                };
                Ok(Output::list(columns, rows))
            }
            NetworkCommand::Show { network } => Ok(show(&net.networks().find(&network).await?)),
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
                Ok(show(&net.networks().create(&body).await?))
            }
            NetworkCommand::Delete { networks } => {
                super::delete_each(&networks, "network with name or ID", "networks", |name| {
                    let net = net.clone();
                    async move {
                        let found = net.networks().find(&name).await?;
                        Ok(net.networks().delete(&found.id).await?)
                    }
                })
                .await
            }
            NetworkCommand::Set(args) => {
                let found = net.networks().find(&args.network).await?;
                let body = args.attributes.body(args.name);
                net.networks().update(&found.id, &body.into()).await?;
                Ok(Output::Nothing)
            }
        }
    }
}
