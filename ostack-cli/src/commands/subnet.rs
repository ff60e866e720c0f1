//! `subnet list|show|create|delete|set|unset` (tags as osc's `utils/tags.py` handles them).

use super::{flag, CommandResult};
use crate::context::Context;
use crate::format::{as_list, dict_text, list_column, unsorted_list_column};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{AllocationPool, CreateSubnet, Subnet, SubnetQuery};
use serde_json::{Map, Value};

/// Subnet commands.
#[derive(Subcommand)]
pub enum SubnetCommand {
    /// List subnets.
    List(ListArgs),
    /// Show a subnet.
    Show {
        /// Subnet name or id.
        subnet: String,
    },
    /// Create a subnet.
    Create(CreateArgs),
    /// Delete subnets.
    Delete {
        /// Subnet names or ids.
        #[arg(required = true)]
        subnets: Vec<String>,
    },
    /// Change a subnet.
    Set(SetArgs),
    /// Remove tags of a subnet.
    Unset {
        /// Subnet name or id.
        subnet: String,
        #[command(flatten)]
        tags: super::net_tags::UnsetTags,
    },
    /// Subnet pools (`subnet pool ...`).
    #[command(subcommand)]
    Pool(super::subnet_pool::SubnetPoolCommand),
}

/// `subnet list` options.
#[derive(Args)]
pub struct ListArgs {
    /// More columns.
    #[arg(long)]
    long: bool,
    /// By network name or id.
    #[arg(long)]
    network: Option<String>,
    /// By IP version.
    #[arg(long = "ip-version")]
    ip_version: Option<u8>,
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// By CIDR.
    #[arg(long = "subnet-range")]
    subnet_range: Option<String>,
    /// DHCP enabled only.
    #[arg(long)]
    dhcp: bool,
    /// DHCP disabled only.
    #[arg(long = "no-dhcp")]
    no_dhcp: bool,
    #[command(flatten)]
    tags: super::net_tags::TagFilters,
}

/// Attributes shared by create and set.
#[derive(Args)]
pub struct SubnetAttributes {
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Enable DHCP.
    #[arg(long)]
    dhcp: bool,
    /// Disable DHCP.
    #[arg(long = "no-dhcp")]
    no_dhcp: bool,
    /// Gateway: an IP, `auto` or `none`.
    #[arg(long)]
    gateway: Option<String>,
    /// DNS server (repeatable).
    #[arg(long = "dns-nameserver")]
    dns_nameservers: Vec<String>,
    /// Allocation pool `start=IP,end=IP` (repeatable).
    #[arg(long = "allocation-pool", value_parser = parse_pool)]
    allocation_pools: Vec<AllocationPool>,
}

/// `subnet create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Network name or id.
    #[arg(long, required = true)]
    network: String,
    /// CIDR.
    #[arg(long = "subnet-range")]
    subnet_range: Option<String>,
    /// 4 or 6.
    #[arg(long = "ip-version", default_value_t = 4)]
    ip_version: u8,
    #[command(flatten)]
    attributes: SubnetAttributes,
    #[command(flatten)]
    tags: super::net_tags::CreateTags,
}

/// `subnet set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Subnet name or id.
    subnet: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    attributes: SubnetAttributes,
    #[command(flatten)]
    tags: super::net_tags::SetTags,
}

fn parse_pool(text: &str) -> Result<AllocationPool, String> {
    let mut start = None;
    let mut end = None;
    for part in text.split(',') {
        match part.split_once('=') {
            Some(("start", v)) => start = Some(v.to_string()),
            Some(("end", v)) => end = Some(v.to_string()),
            _ => return Err(format!("'{text}' is not start=IP,end=IP")),
        }
    }
    match (start, end) {
        (Some(start), Some(end)) => Ok(AllocationPool::new(start, end)),
        _ => Err(format!("'{text}' is not start=IP,end=IP")),
    }
}

impl SubnetAttributes {
    fn apply(&self, body: &mut CreateSubnet) {
        body.description = self.description.clone();
        body.enable_dhcp = flag(self.dhcp, self.no_dhcp);
        match self.gateway.as_deref() {
            Some("none") => body.gateway_ip = Some(None),
            Some("auto") | None => {}
            Some(ip) => body.gateway_ip = Some(Some(ip.to_string())),
        }
        if !self.dns_nameservers.is_empty() {
            body.dns_nameservers = Some(self.dns_nameservers.clone());
        }
        if !self.allocation_pools.is_empty() {
            body.allocation_pools = Some(self.allocation_pools.clone());
        }
    }
}

/// `AllocationPoolsColumn`: `start-end` joined by `,`.
fn pools_column(value: Value) -> Cell {
    let items = as_list(value);
    let text = items
        .iter()
        .map(|p| {
            format!(
                "{}-{}",
                p.get("start").and_then(Value::as_str).unwrap_or(""),
                p.get("end").and_then(Value::as_str).unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    Cell::formatted(Value::Array(items), text)
}

/// `HostRoutesColumn`: `destination='…', gateway='…'` per route.
fn routes_column(value: Value) -> Cell {
    let items = as_list(value);
    let text = items
        .iter()
        .filter_map(Value::as_object)
        .map(|route| {
            let renamed: Map<String, Value> = route
                .iter()
                .map(|(k, v)| (if k == "nexthop" { "gateway".to_string() } else { k.clone() }, v.clone()))
                .collect();
            dict_text(&renamed, None)
        })
        .collect::<Vec<_>>()
        .join("\n");
    Cell::formatted(Value::Array(items), text)
}

/// python-openstackclient's subnet columns (`openstackclient/network/v2/subnet.py`).
const SUBNET: Noun = Noun {
    what: "subnet",
    plural: "subnets",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Network", "network_id", plain),
        Column::new("Subnet", "cidr", plain),
    ],
    long: &[
        Column::new("Project", "project_id", plain),
        Column::new("DHCP", "enable_dhcp", plain),
        Column::new("Name Servers", "dns_nameservers", unsorted_list_column),
        Column::new("Allocation Pools", "allocation_pools", pools_column),
        Column::new("Host Routes", "host_routes", routes_column),
        Column::new("IP Version", "ip_version", plain),
        Column::new("Gateway", "gateway_ip", plain),
        Column::new("Service Types", "service_types", list_column),
        Column::new("Tags", "tags", list_column),
    ],
    show: &[
        Field::new("allocation_pools", "allocation_pools", pools_column),
        Field::plain("cidr"),
        Field::plain("created_at"),
        Field::plain("description"),
        Field::new("dns_nameservers", "dns_nameservers", list_column),
        Field::plain("dns_publish_fixed_ip"),
        Field::plain("enable_dhcp"),
        Field::plain("gateway_ip"),
        Field::new("host_routes", "host_routes", routes_column),
        Field::plain("id"),
        Field::plain("ip_version"),
        Field::plain("ipv6_address_mode"),
        Field::plain("ipv6_ra_mode"),
        Field::plain("name"),
        Field::plain("network_id"),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::plain("segment_id"),
        Field::new("service_types", "service_types", list_column),
        Field::plain("subnetpool_id"),
        Field::new("tags", "tags", list_column),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "location", "use_default_subnetpool", "prefixlen"],
};

impl SubnetCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            SubnetCommand::Show { .. } => Some("subnet show"),
            SubnetCommand::Create(_) => Some("subnet create"),
            SubnetCommand::Pool(command) => command.show_one_name(),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        match self {
            SubnetCommand::Pool(command) => command.run(ctx).await,
            SubnetCommand::List(args) => {
                let network_id = super::optional_network_id(&net, args.network.as_deref()).await?;
                let query = SubnetQuery {
                    name: args.name,
                    network_id,
                    cidr: args.subnet_range,
                    ip_version: args.ip_version,
                    enable_dhcp: flag(args.dhcp, args.no_dhcp),
                    common: {
                        let mut common = ostack::network::v2::NeutronListOptions::default();
                        args.tags.apply(&mut common);
                        common
                    },
                    ..Default::default()
                };
                let subnets: Vec<Subnet> = net.subnets().list(&query).try_collect().await?;
                Ok(SUBNET.list(&subnets, args.long))
            }
            SubnetCommand::Show { subnet } => Ok(SUBNET.show(&net.subnets().find(&subnet).await?)),
            SubnetCommand::Create(args) => {
                let network = net.networks().find(&args.network).await?;
                let mut body = CreateSubnet {
                    name: Some(args.name),
                    network_id: Some(network.id),
                    cidr: args.subnet_range,
                    ip_version: Some(args.ip_version),
                    ..Default::default()
                };
                args.attributes.apply(&mut body);
                let made = net.subnets().create(&body).await?;
                let mut raw = crate::format::to_map(&made);
                args.tags.apply(&net.subnets(), &made.id, &mut raw).await?;
                Ok(SUBNET.fields(raw, true).sorted())
            }
            SubnetCommand::Delete { subnets } => SUBNET.delete(&net.subnets(), &subnets).await,
            SubnetCommand::Set(args) => {
                let found = net.subnets().find(&args.subnet).await?;
                let mut body = CreateSubnet { name: args.name, ..Default::default() };
                args.attributes.apply(&mut body);
                net.subnets().update(&found.id, &body.into()).await?;
                args.tags.apply(&net.subnets(), &found).await?;
                Ok(Output::Nothing)
            }
            SubnetCommand::Unset { subnet, tags } => {
                let found = net.subnets().find(&subnet).await?;
                tags.apply(&net.subnets(), &found).await?;
                Ok(Output::Nothing)
            }
        }
    }
}
