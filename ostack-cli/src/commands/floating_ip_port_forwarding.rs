//! `floating ip port forwarding create|list|show|set|delete`.

use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{find_id, plain, Column, Field, Noun};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreatePortForwarding, PortForwardingQuery, UpdatePortForwarding};
use serde_json::{Map, Value};

/// python-openstackclient's port forwarding columns
/// (`openstackclient/network/v2/floating_ip_port_forwarding.py`); the show has the openstacksdk
/// resource's attributes.
const PORT_FORWARDING: Noun = Noun {
    what: "floating IP port forwarding",
    plural: "Port forwarding",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Internal Port ID", "internal_port_id", plain),
        Column::new("Internal IP Address", "internal_ip_address", plain),
        Column::new("Internal Port", "internal_port", plain),
        Column::new("Internal Port Range", "internal_port_range", plain),
        Column::new("External Port", "external_port", plain),
        Column::new("External Port Range", "external_port_range", plain),
        Column::new("Protocol", "protocol", plain),
        Column::new("Description", "description", plain),
    ],
    long: &[],
    show: &[
        Field::plain("description"),
        Field::plain("external_port"),
        Field::plain("external_port_range"),
        Field::plain("id"),
        Field::plain("internal_ip_address"),
        Field::plain("internal_port"),
        Field::plain("internal_port_id"),
        Field::plain("internal_port_range"),
        Field::plain("name"),
        Field::plain("protocol"),
    ],
    hidden: &["tenant_id", "location"],
};

/// `floating ip port ...` commands.
#[derive(Subcommand)]
pub enum PortCommand {
    /// Port forwardings of a floating IP.
    #[command(subcommand)]
    Forwarding(ForwardingCommand),
}

/// Port forwarding commands.
#[derive(Subcommand)]
pub enum ForwardingCommand {
    /// Create a port forwarding.
    Create(CreateArgs),
    /// List the port forwardings of a floating IP.
    List(ListArgs),
    /// Show a port forwarding.
    Show {
        /// Floating IP address or id.
        #[arg(value_name = "floating-ip")]
        floating_ip: String,
        /// Port forwarding id.
        #[arg(value_name = "port-forwarding-id")]
        port_forwarding_id: String,
    },
    /// Change a port forwarding.
    Set(SetArgs),
    /// Delete port forwardings.
    Delete {
        /// Floating IP address or id.
        #[arg(value_name = "floating-ip")]
        floating_ip: String,
        /// Port forwarding ids.
        #[arg(required = true, value_name = "port-forwarding-id")]
        port_forwarding_ids: Vec<String>,
    },
}

/// `floating ip port forwarding create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// The fixed IPv4 address of the port.
    #[arg(long = "internal-ip-address", value_name = "internal-ip-address", required = true)]
    internal_ip_address: String,
    /// The port (name or id).
    #[arg(long, required = true)]
    port: String,
    /// The internal port number (or range `a:b`).
    #[arg(long = "internal-protocol-port", value_name = "port-number", required = true)]
    internal_protocol_port: String,
    /// The external port number (or range `a:b`).
    #[arg(long = "external-protocol-port", value_name = "port-number", required = true)]
    external_protocol_port: String,
    /// Protocol (tcp, udp).
    #[arg(long, required = true)]
    protocol: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Floating IP address or id.
    #[arg(value_name = "floating-ip")]
    floating_ip: String,
}

/// `floating ip port forwarding list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Floating IP address or id.
    #[arg(value_name = "floating-ip")]
    floating_ip: String,
    /// By internal port (name or id).
    #[arg(long)]
    port: Option<String>,
    /// By external port number.
    #[arg(long = "external-protocol-port", value_name = "port-number")]
    external_protocol_port: Option<String>,
    /// By protocol.
    #[arg(long)]
    protocol: Option<String>,
}

/// `floating ip port forwarding set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Floating IP address or id.
    #[arg(value_name = "floating-ip")]
    floating_ip: String,
    /// Port forwarding id.
    #[arg(value_name = "port-forwarding-id")]
    port_forwarding_id: String,
    /// The port (name or id).
    #[arg(long)]
    port: Option<String>,
    /// The fixed IPv4 address of the port.
    #[arg(long = "internal-ip-address", value_name = "internal-ip-address")]
    internal_ip_address: Option<String>,
    /// The internal port number (or range `a:b`).
    #[arg(long = "internal-protocol-port", value_name = "port-number")]
    internal_protocol_port: Option<String>,
    /// The external port number (or range `a:b`).
    #[arg(long = "external-protocol-port", value_name = "port-number")]
    external_protocol_port: Option<String>,
    /// Protocol.
    #[arg(long, value_parser = ["tcp", "udp"])]
    protocol: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
}

fn ports_of(range: &str) -> Result<Vec<i64>, CliError> {
    range
        .split(':')
        .map(|p| {
            p.trim()
                .parse::<i64>()
                .map_err(|_| CliError::Message(format!("invalid literal for int() with base 10: '{p}'")))
        })
        .collect()
}

fn ports_diff(ports: &[i64]) -> Result<i64, CliError> {
    match (ports.first(), ports.last()) {
        (Some(first), Some(last)) if last < first => {
            Err(CliError::Message("The last number in port range must be greater or equal to the first".into()))
        }
        (Some(first), Some(last)) => Ok(last - first),
        _ => Ok(0),
    }
}

/// osc's `validate_and_assign_port_ranges`: a number goes in `*_port`, a range in `*_port_range`.
fn port_attrs(internal: Option<&str>, external: Option<&str>) -> Result<Map<String, Value>, CliError> {
    let internal_ports = internal.map(ports_of).transpose()?.unwrap_or_default();
    let external_ports = external.map(ports_of).transpose()?.unwrap_or_default();
    let (internal_diff, external_diff) = (ports_diff(&internal_ports)?, ports_diff(&external_ports)?);
    if internal_diff != 0 && internal_diff != external_diff {
        return Err(CliError::Message(
            "The relation between internal and external ports does not match the pattern 1:N and N:N".into(),
        ));
    }
    if external_ports.iter().chain(&internal_ports).any(|p| *p <= 0 || *p > 65535) {
        return Err(CliError::Message("The port number range is <1-65535>".into()));
    }
    let mut attrs = Map::new();
    for (text, name) in [(internal, "internal_port"), (external, "external_port")] {
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            if text.contains(':') {
                attrs.insert(format!("{name}_range"), Value::from(text));
            } else {
                attrs.insert(name.into(), Value::from(ports_of(text)?[0]));
            }
        }
    }
    Ok(attrs)
}

impl PortCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        let PortCommand::Forwarding(command) = self;
        match command {
            ForwardingCommand::Create(_) => Some("floating ip port forwarding create"),
            ForwardingCommand::Show { .. } => Some("floating ip port forwarding show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let PortCommand::Forwarding(command) = self;
        let net = ctx.conn.network();
        let ips = net.floating_ips();
        match command {
            ForwardingCommand::Create(args) => {
                let fip = ips.find(&args.floating_ip).await?;
                let body = CreatePortForwarding {
                    internal_port_id: Some(net.ports().find(&args.port).await?.id),
                    internal_ip_address: Some(args.internal_ip_address),
                    protocol: Some(args.protocol),
                    description: args.description,
                    extra: port_attrs(Some(&args.internal_protocol_port), Some(&args.external_protocol_port))?,
                    ..Default::default()
                };
                Ok(PORT_FORWARDING.show_fixed(&net.port_forwardings(&fip.id).create(&body).await?))
            }
            ForwardingCommand::List(args) => {
                let fip = ips.find(&args.floating_ip).await?;
                let mut query = PortForwardingQuery {
                    internal_port_id: find_id(&net.ports(), args.port.as_deref()).await?,
                    protocol: args.protocol,
                    ..Default::default()
                };
                let mut extra_range = None;
                if let Some(external) = args.external_protocol_port {
                    if external.contains(':') {
                        extra_range = Some(external);
                    } else {
                        query.external_port = Some(ports_of(&external)?[0]);
                    }
                }
                let found: Vec<_> = net.port_forwardings(&fip.id).list(&query).try_collect().await?;
                // neutron has no range filter: keep the rows of that range
                let rows: Vec<Map<String, Value>> = found
                    .iter()
                    .map(to_map)
                    .filter(|row| {
                        extra_range.as_deref().is_none_or(|r| row.get("external_port_range") == Some(&Value::from(r)))
                    })
                    .collect();
                Ok(PORT_FORWARDING.list(&rows, false))
            }
            ForwardingCommand::Show { floating_ip, port_forwarding_id } => {
                let fip = ips.find(&floating_ip).await?;
                let found = net.port_forwardings(&fip.id).find(&port_forwarding_id).await?;
                Ok(PORT_FORWARDING.show_fixed(&found))
            }
            ForwardingCommand::Set(args) => {
                let fip = ips.find(&args.floating_ip).await?;
                let forwardings = net.port_forwardings(&fip.id);
                let found = forwardings.find(&args.port_forwarding_id).await?;
                let mut extra =
                    port_attrs(args.internal_protocol_port.as_deref(), args.external_protocol_port.as_deref())?;
                let mut body = UpdatePortForwarding::default();
                if let Some(port) = &args.port {
                    extra.insert("internal_port_id".into(), Value::from(net.ports().find(port).await?.id));
                }
                for (key, value) in [
                    ("internal_ip_address", args.internal_ip_address),
                    ("protocol", args.protocol),
                    ("description", args.description),
                ] {
                    if let Some(v) = value {
                        extra.insert(key.into(), Value::from(v));
                    }
                }
                body.extra = extra;
                forwardings.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            ForwardingCommand::Delete { floating_ip, port_forwarding_ids } => {
                let fip = ips.find(&floating_ip).await?;
                let forwardings = net.port_forwardings(&fip.id);
                delete_each(&port_forwarding_ids, "floating IP port forwarding", "Port forwarding", |id| {
                    let forwardings = forwardings.clone();
                    async move { Ok(forwardings.delete(&id).await?) }
                })
                .await
            }
        }
    }
}
