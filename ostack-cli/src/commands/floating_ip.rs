//! `floating ip create|list|show|set|unset|delete`.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, to_map};
use crate::noun::{find_id, plain, Column, Field, Noun};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateFloatingIp, FloatingIpQuery, NeutronListOptions, UpdateFloatingIp};
use serde_json::Value;

/// python-openstackclient's floating IP columns (`openstackclient/network/v2/floating_ip.py`).
const FLOATING_IP: Noun = Noun {
    what: "floating IP",
    plural: "floating IPs",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Floating IP Address", "floating_ip_address", plain),
        Column::new("Fixed IP Address", "fixed_ip_address", plain),
        Column::new("Port", "port_id", plain),
        Column::new("Floating Network", "floating_network_id", plain),
        Column::new("Project", "project_id", plain),
    ],
    long: &[
        Column::new("Router", "router_id", plain),
        Column::new("Status", "status", plain),
        Column::new("Description", "description", plain),
        Column::new("Tags", "tags", plain),
        Column::new("DNS Name", "dns_name", plain),
        Column::new("DNS Domain", "dns_domain", plain),
    ],
    show: &[
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("dns_domain"),
        Field::plain("dns_name"),
        Field::plain("fixed_ip_address"),
        Field::plain("floating_ip_address"),
        Field::plain("floating_network_id"),
        Field::plain("id"),
        Field::new("name", "floating_ip_address", plain),
        Field::new("port_details", "port_details", dict_column),
        Field::plain("port_id"),
        Field::plain("project_id"),
        Field::plain("qos_policy_id"),
        Field::plain("revision_number"),
        Field::plain("router_id"),
        Field::plain("status"),
        Field::plain("subnet_id"),
        Field::plain("tags"),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id"],
};

/// The ids of `names` (each a name or an id), in order.
async fn find_ids<R: ostack::Resource>(api: &ostack::Api<R>, names: &[String]) -> Result<Vec<String>, CliError> {
    let mut ids = Vec::new();
    for name in names {
        ids.push(api.find(name).await?.id().to_string());
    }
    Ok(ids)
}

/// `floating ...` commands.
#[derive(Subcommand)]
pub enum FloatingCommand {
    /// Floating IPs.
    #[command(subcommand)]
    Ip(FloatingIpCommand),
}

/// Floating IP commands.
#[derive(Subcommand)]
pub enum FloatingIpCommand {
    /// Allocate a floating IP.
    Create(CreateArgs),
    /// List floating IPs.
    List(ListArgs),
    /// Show a floating IP.
    Show {
        /// Floating IP address or id.
        floating_ip: String,
    },
    /// Associate a floating IP or change its description.
    Set(SetArgs),
    /// Disassociate a floating IP.
    Unset {
        /// Floating IP address or id.
        floating_ip: String,
        /// Disassociate it from its port.
        #[arg(long)]
        port: bool,
        #[command(flatten)]
        tags: super::net_tags::UnsetTags,
    },
    /// Port forwardings (`floating ip port forwarding ...`).
    #[command(subcommand)]
    Port(super::floating_ip_port_forwarding::PortCommand),
    /// Release floating IPs.
    Delete {
        /// Floating IP addresses or ids.
        #[arg(required = true)]
        floating_ips: Vec<String>,
    },
}

/// `floating ip create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// External network to allocate from (name or id).
    network: String,
    /// External subnet to allocate from (name or id).
    #[arg(long)]
    subnet: Option<String>,
    /// Port to associate with (name or id).
    #[arg(long)]
    port: Option<String>,
    /// Router hosting the floating IP (name or id).
    #[arg(long)]
    router: Option<String>,
    /// A specific address.
    #[arg(long = "floating-ip-address")]
    floating_ip_address: Option<String>,
    /// The port's address to map to.
    #[arg(long = "fixed-ip-address")]
    fixed_ip_address: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// DNS domain.
    #[arg(long = "dns-domain")]
    dns_domain: Option<String>,
    /// DNS name.
    #[arg(long = "dns-name")]
    dns_name: Option<String>,
    #[command(flatten)]
    tags: super::net_tags::CreateTags,
}

/// `floating ip list` options.
#[derive(Args)]
pub struct ListArgs {
    /// By external network (name or id; repeat for several).
    #[arg(long = "network")]
    networks: Vec<String>,
    /// By port (name or id; repeat for several).
    #[arg(long = "port")]
    ports: Vec<String>,
    /// By fixed address.
    #[arg(long = "fixed-ip-address")]
    fixed_ip_address: Option<String>,
    /// By floating address.
    #[arg(long = "floating-ip-address")]
    floating_ip_address: Option<String>,
    /// By status.
    #[arg(long, value_parser = ["ACTIVE", "DOWN"])]
    status: Option<String>,
    /// By project id.
    #[arg(long)]
    project: Option<String>,
    /// By router (name or id; repeat for several).
    #[arg(long = "router")]
    routers: Vec<String>,
    /// More columns.
    #[arg(long)]
    long: bool,
    #[command(flatten)]
    tags: super::net_tags::TagFilters,
}

/// `floating ip set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Floating IP address or id.
    floating_ip: String,
    /// Associate with this port (name or id).
    #[arg(long)]
    port: Option<String>,
    /// Router hosting the floating IP (name or id).
    #[arg(long)]
    router: Option<String>,
    /// The port's address to map to (when it has several).
    #[arg(long = "fixed-ip-address")]
    fixed_ip_address: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    tags: super::net_tags::SetTags,
}

impl FloatingCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            FloatingCommand::Ip(FloatingIpCommand::Create(_)) => Some("floating ip create"),
            FloatingCommand::Ip(FloatingIpCommand::Show { .. }) => Some("floating ip show"),
            FloatingCommand::Ip(FloatingIpCommand::Port(command)) => command.show_one_name(),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let FloatingCommand::Ip(command) = self;
        let net = ctx.conn.network();
        let ips = net.floating_ips();
        match command {
            FloatingIpCommand::Create(args) => {
                let mut body = CreateFloatingIp::on(net.networks().find(&args.network).await?.id);
                body.subnet_id = find_id(&net.subnets(), args.subnet.as_deref()).await?;
                body.port_id = find_id(&net.ports(), args.port.as_deref()).await?;
                body.router_id = find_id(&net.routers(), args.router.as_deref()).await?;
                body.floating_ip_address = args.floating_ip_address;
                body.fixed_ip_address = args.fixed_ip_address;
                body.description = args.description;
                body.dns_domain = args.dns_domain;
                body.dns_name = args.dns_name;
                let subnet_id = body.subnet_id.clone();
                let made = ips.create(&body).await?;
                let mut raw = to_map(&made);
                args.tags.apply(&ips, &made.id, &mut raw).await?;
                // neutron does not answer the subnet; osc shows the one it asked for
                if let Some(subnet) = subnet_id {
                    raw.entry("subnet_id").or_insert(Value::String(subnet));
                }
                // and prints the created one without formatters
                Ok(FLOATING_IP.fields(raw, false).sorted())
            }
            FloatingIpCommand::List(args) => {
                let query = FloatingIpQuery {
                    floating_network_id: find_ids(&net.networks(), &args.networks).await?,
                    port_id: find_ids(&net.ports(), &args.ports).await?,
                    fixed_ip_address: args.fixed_ip_address.into_iter().collect(),
                    floating_ip_address: args.floating_ip_address.into_iter().collect(),
                    status: args.status.into_iter().collect(),
                    common: {
                        let mut common = NeutronListOptions { project_id: args.project, ..Default::default() };
                        args.tags.apply(&mut common);
                        common
                    },
                    router_id: find_ids(&net.routers(), &args.routers).await?,
                    ..Default::default()
                };
                let found: Vec<_> = ips.list(&query).try_collect().await?;
                Ok(FLOATING_IP.list(&found, args.long))
            }
            FloatingIpCommand::Show { floating_ip } => Ok(FLOATING_IP.show(&ips.find(&floating_ip).await?)),
            FloatingIpCommand::Set(args) => {
                let found = ips.find(&args.floating_ip).await?;
                let body = UpdateFloatingIp {
                    port_id: find_id(&net.ports(), args.port.as_deref()).await?.map(Some),
                    fixed_ip_address: args.fixed_ip_address,
                    router_id: find_id(&net.routers(), args.router.as_deref()).await?,
                    // osc ignores an empty description here
                    description: args.description.filter(|d| !d.is_empty()),
                    ..Default::default()
                };
                if !to_map(&body).is_empty() {
                    ips.update(&found.id, &body).await?;
                }
                args.tags.apply(&ips, &found).await?;
                Ok(Output::Nothing)
            }
            FloatingIpCommand::Unset { floating_ip, port, tags } => {
                let found = ips.find(&floating_ip).await?;
                if port {
                    ips.disassociate(&found.id).await?;
                }
                tags.apply(&ips, &found).await?;
                Ok(Output::Nothing)
            }
            FloatingIpCommand::Port(command) => command.run(ctx).await,
            FloatingIpCommand::Delete { floating_ips } => FLOATING_IP.delete(&ips, &floating_ips).await,
        }
    }
}
