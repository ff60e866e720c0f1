//! What python-openstackclient attaches to and detaches from a server
//! (`openstackclient/compute/v2/server.py`, `server_volume.py`):
//! `server add|remove fixed ip|floating ip|port|network|security group|volume` and
//! `server volume list|set|update`. The floating IP commands go through neutron, as osc's do.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::output::{Cell, Output};
use clap::{ArgGroup, Args, Subcommand};
use futures::TryStreamExt;
use ostack::compute::v2::{AttachInterface, AttachVolume, Server, UpdateVolumeAttachment};
use ostack::network::v2::{Port, PortQuery};
use ostack::{Api, Microversion};
use serde_json::Value;

/// `server add ...`.
#[derive(Subcommand)]
pub enum AddCommand {
    /// Add a fixed IP address to a server (`server add fixed ip`).
    #[command(subcommand)]
    Fixed(AddFixed),
    /// Add a floating IP address to a server (`server add floating ip`).
    #[command(subcommand)]
    Floating(AddFloating),
    /// Add a port to a server.
    Port(AttachArgs),
    /// Add a network to a server.
    Network(AttachArgs),
    /// Add security groups to a server (`server add security group`).
    #[command(subcommand)]
    Security(AddSecurity),
    /// Add a volume to a server.
    Volume(AddVolumeArgs),
}

/// `server add fixed ...`.
#[derive(Subcommand)]
pub enum AddFixed {
    /// Add a fixed IP address to a server.
    Ip(AddFixedIpArgs),
}

/// `server add floating ...`.
#[derive(Subcommand)]
pub enum AddFloating {
    /// Add a floating IP address to a server.
    Ip(AddFloatingIpArgs),
}

/// `server add security ...`.
#[derive(Subcommand)]
pub enum AddSecurity {
    /// Add security groups to a server.
    Group(SecurityGroupArgs),
}

/// `server remove ...`.
#[derive(Subcommand)]
pub enum RemoveCommand {
    /// Remove a fixed IP address from a server (`server remove fixed ip`).
    #[command(subcommand)]
    Fixed(RemoveIp),
    /// Remove a floating IP address from a server (`server remove floating ip`).
    #[command(subcommand)]
    Floating(RemoveIp),
    /// Remove a port from a server.
    Port(DetachArgs),
    /// Remove all ports of a network from a server.
    Network(DetachArgs),
    /// Remove security groups from a server (`server remove security group`).
    #[command(subcommand)]
    Security(RemoveSecurity),
    /// Remove a volume from a server.
    Volume(DetachArgs),
}

/// `server remove fixed|floating ...`.
#[derive(Subcommand)]
pub enum RemoveIp {
    /// Remove an IP address from a server.
    Ip {
        /// Server (name or ID).
        server: String,
        /// The IP address (IP only).
        ip_address: String,
    },
}

/// `server remove security ...`.
#[derive(Subcommand)]
pub enum RemoveSecurity {
    /// Remove security groups from a server.
    Group(SecurityGroupArgs),
}

/// `server volume ...`.
#[derive(Subcommand)]
pub enum VolumeCommand {
    /// List all the volumes attached to a server.
    List {
        /// Server (name or ID).
        server: String,
    },
    /// Update a volume attachment on the server (`update`: deprecated name).
    #[command(alias = "update")]
    Set(VolumeSetArgs),
}

/// `server add fixed ip` options.
#[derive(Args)]
pub struct AddFixedIpArgs {
    /// Server to receive the fixed IP address (name or ID).
    server: String,
    /// Network to allocate the fixed IP address from (name or ID).
    network: String,
    /// Requested fixed IP address.
    #[arg(long = "fixed-ip-address", value_name = "IP-ADDRESS")]
    fixed_ip_address: Option<String>,
    /// Tag for the attached interface (2.49+).
    #[arg(long)]
    tag: Option<String>,
}

/// `server add floating ip` options.
#[derive(Args)]
pub struct AddFloatingIpArgs {
    /// Server to receive the floating IP address (name or ID).
    server: String,
    /// Floating IP address to assign to the first available server port (IP only).
    ip_address: String,
    /// Fixed IP address to associate with this floating IP address.
    #[arg(long = "fixed-ip-address", value_name = "IP-ADDRESS")]
    fixed_ip_address: Option<String>,
}

/// `server add port|network` options.
#[derive(Args)]
pub struct AttachArgs {
    /// Server (name or ID).
    server: String,
    /// The port or network (name or ID).
    target: String,
    /// Tag for the attached interface (2.49+).
    #[arg(long)]
    tag: Option<String>,
}

/// `server remove port|network|volume` options.
#[derive(Args)]
pub struct DetachArgs {
    /// Server (name or ID).
    server: String,
    /// The port, network or volume (name or ID).
    target: String,
}

/// `server add|remove security group` options.
#[derive(Args)]
pub struct SecurityGroupArgs {
    /// Server (name or ID).
    server: String,
    /// Security groups (names or IDs).
    #[arg(required = true)]
    security_groups: Vec<String>,
}

/// `server add volume` options.
#[derive(Args)]
pub struct AddVolumeArgs {
    /// Server (name or ID).
    server: String,
    /// Volume to add (name or ID).
    volume: String,
    /// Server internal device name for volume.
    #[arg(long)]
    device: Option<String>,
    /// Tag for the attached volume (2.49+).
    #[arg(long)]
    tag: Option<String>,
    /// Delete the volume when the server is destroyed (2.79+).
    #[arg(long = "enable-delete-on-termination", conflicts_with = "disable_delete_on_termination")]
    enable_delete_on_termination: bool,
    /// Do not delete the volume when the server is destroyed (2.79+).
    #[arg(long = "disable-delete-on-termination")]
    disable_delete_on_termination: bool,
}

/// `server volume set` options.
#[derive(Args)]
#[command(group(ArgGroup::new("termination").args(["delete_on_termination", "preserve_on_termination"])))]
pub struct VolumeSetArgs {
    /// Server to update volume for (name or ID).
    server: String,
    /// Volume to update attachment for (name or ID).
    volume: String,
    /// Delete the volume when the server is destroyed (2.85+).
    #[arg(long = "delete-on-termination")]
    delete_on_termination: bool,
    /// Preserve the volume when the server is destroyed (2.85+).
    #[arg(long = "preserve-on-termination")]
    preserve_on_termination: bool,
}

/// Whether the connection speaks at least `2.minor` to nova.
async fn at_least(servers: &Api<Server>, minor: u32) -> Result<bool, CliError> {
    Ok(servers.microversion().await?.is_some_and(|v| v >= Microversion::new(2, minor)))
}

/// osc's refusal of an option the microversion does not have.
async fn require(servers: &Api<Server>, minor: u32, what: &str) -> Result<(), CliError> {
    if at_least(servers, minor).await? {
        Ok(())
    } else {
        Err(CliError::Message(format!(
            "--os-compute-api-version 2.{minor} or greater is required to support the {what}"
        )))
    }
}

fn cell(value: Option<&str>) -> Cell {
    Cell::from(value.map_or(Value::Null, Value::from))
}

impl AddCommand {
    /// The commands that print one record.
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            AddCommand::Fixed(_) => Some("server add fixed ip"),
            AddCommand::Volume(_) => Some("server add volume"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let servers = ctx.conn.compute().servers();
        let net = ctx.conn.network();
        match self {
            AddCommand::Fixed(AddFixed::Ip(args)) => {
                let server = servers.find(&args.server).await?;
                if args.tag.is_some() {
                    require(&servers, 49, "--tag option").await?;
                }
                let network = net.networks().find(&args.network).await?;
                let mut body = match &args.fixed_ip_address {
                    Some(ip) => AttachInterface::fixed_ip(&network.id, ip),
                    None => AttachInterface::network(&network.id),
                };
                body.tag = args.tag.clone();
                let attached = servers.attach_interface(&server.id, &body).await?;
                let fixed_ips = serde_json::to_value(&attached.fixed_ips).unwrap_or(Value::Null);
                let mut fields = vec![
                    ("Port ID".to_string(), Cell::from(attached.port_id.as_str())),
                    ("Server ID".to_string(), Cell::from(server.id.as_str())),
                    ("Network ID".to_string(), cell(attached.net_id.as_deref())),
                    ("MAC Address".to_string(), cell(attached.mac_addr.as_deref())),
                    ("Port State".to_string(), cell(attached.port_state.as_deref())),
                    ("Fixed IPs".to_string(), crate::format::list_dict_column(fixed_ips)),
                ];
                if args.tag.is_some() {
                    fields.push(("Tag".to_string(), cell(attached.tag.as_deref())));
                }
                Ok(Output::Show(fields))
            }
            AddCommand::Floating(AddFloating::Ip(args)) => add_floating_ip(ctx, args).await,
            AddCommand::Port(args) => {
                let server = servers.find(&args.server).await?;
                let body = AttachInterface::port(net.ports().find(&args.target).await?.id);
                attach(&servers, &server.id, body, args.tag).await
            }
            AddCommand::Network(args) => {
                let server = servers.find(&args.server).await?;
                let body = AttachInterface::network(net.networks().find(&args.target).await?.id);
                attach(&servers, &server.id, body, args.tag).await
            }
            AddCommand::Security(AddSecurity::Group(args)) => security_groups(&servers, args, true).await,
            AddCommand::Volume(args) => add_volume(ctx, args).await,
        }
    }
}

/// `server add port|network`: attach, with the tag when given.
async fn attach(servers: &Api<Server>, id: &str, mut body: AttachInterface, tag: Option<String>) -> CommandResult {
    if let Some(tag) = tag {
        require(servers, 49, "--tag option").await?;
        body.tag = Some(tag);
    }
    servers.attach_interface(id, &body).await?;
    Ok(Output::Nothing)
}

async fn add_floating_ip(ctx: &Context, args: AddFloatingIpArgs) -> CommandResult {
    let net = ctx.conn.network();
    let ips = net.floating_ips();
    let ip = ips.find(&args.ip_address).await?;
    let server = ctx.conn.compute().servers().find(&args.server).await?;
    let query = PortQuery { device_id: Some(server.id.clone()), ..Default::default() };
    let ports: Vec<Port> = net.ports().list(&query).try_collect().await?;
    if ports.is_empty() {
        return Err(CliError::Message("No attached ports found to associate floating IP with".into()));
    }
    if let Some(fixed) = &args.fixed_ip_address {
        let port = ports
            .iter()
            .find(|p| p.fixed_ips.iter().any(|f| f.ip_address.as_deref() == Some(fixed.as_str())))
            .ok_or_else(|| CliError::Message(format!("No port found for fixed IP address {fixed}")))?;
        ips.associate(&ip.id, &port.id, Some(fixed)).await?;
        return Ok(Output::Nothing);
    }
    // a port whose network has no route to the floating IP's gets neutron's 404: try the next
    let mut last = None;
    for port in &ports {
        match ips.associate(&ip.id, &port.id, None).await {
            Ok(_) => return Ok(Output::Nothing),
            Err(e) if e.status() == Some(404) => last = Some(e),
            Err(e) => return Err(e.into()),
        }
    }
    Err(last.map(CliError::from).unwrap_or_else(|| CliError::Message("no port".into())))
}

async fn add_volume(ctx: &Context, args: AddVolumeArgs) -> CommandResult {
    let servers = ctx.conn.compute().servers();
    let server = servers.find(&args.server).await?;
    let volume = ctx.conn.block_storage().volumes().find(&args.volume).await?;
    let mut body = AttachVolume::new(&volume.id);
    body.device = args.device;
    if let Some(tag) = args.tag {
        require(&servers, 49, "--tag option").await?;
        body.tag = Some(tag);
    }
    if args.enable_delete_on_termination {
        require(&servers, 79, "--enable-delete-on-termination option.").await?;
        body.delete_on_termination = Some(true);
    }
    if args.disable_delete_on_termination {
        require(&servers, 79, "--disable-delete-on-termination option.").await?;
        body.delete_on_termination = Some(false);
    }
    let attached = servers.attach_volume(&server.id, &body).await?;
    let mut fields = vec![
        ("ID".to_string(), cell(attached.id.as_deref())),
        ("Server ID".to_string(), cell(attached.server_id.as_deref())),
        ("Volume ID".to_string(), Cell::from(attached.volume_id.as_str())),
        ("Device".to_string(), cell(attached.device.as_deref())),
    ];
    if at_least(&servers, 49).await? {
        fields.push(("Tag".to_string(), cell(attached.tag.as_deref())));
    }
    if at_least(&servers, 79).await? {
        let delete = attached.delete_on_termination.map_or(Value::Null, Value::Bool);
        fields.push(("Delete On Termination".to_string(), Cell::from(delete)));
    }
    Ok(Output::Show(fields))
}

/// `server add|remove security group`: each group in turn, failures reported as osc does.
async fn security_groups(servers: &Api<Server>, args: SecurityGroupArgs, add: bool) -> CommandResult {
    let server = servers.find(&args.server).await?;
    let mut errors = 0;
    for group in &args.security_groups {
        let result = if add {
            servers.add_security_group(&server.id, group).await
        } else {
            servers.remove_security_group(&server.id, group).await
        };
        if let Err(e) = result {
            errors += 1;
            let (verb, to) = if add { ("add", "to") } else { ("remove", "from") };
            eprintln!(
                "Failed to {verb} security group with name or ID '{group}' {to} server '{}': {}",
                server.id,
                crate::errors::message(&CliError::from(e), false)
            );
        }
    }
    if errors > 0 {
        let done = if add { "added" } else { "removed" };
        return Err(CliError::Message(format!(
            "{errors} of {} security groups were not {done}.",
            args.security_groups.len()
        )));
    }
    Ok(Output::Nothing)
}

impl RemoveCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let servers = ctx.conn.compute().servers();
        let net = ctx.conn.network();
        match self {
            RemoveCommand::Fixed(RemoveIp::Ip { server, ip_address }) => {
                let server = servers.find(&server).await?;
                servers.remove_fixed_ip(&server.id, &ip_address).await?;
                Ok(Output::Nothing)
            }
            RemoveCommand::Floating(RemoveIp::Ip { server: _, ip_address }) => {
                // osc never looks at the server: it disassociates the address from any port
                let ips = net.floating_ips();
                let ip = ips.find(&ip_address).await?;
                ips.disassociate(&ip.id).await?;
                Ok(Output::Nothing)
            }
            RemoveCommand::Port(args) => {
                let server = servers.find(&args.server).await?;
                let port = net.ports().find(&args.target).await?;
                servers.detach_interface(&server.id, &port.id).await?;
                Ok(Output::Nothing)
            }
            RemoveCommand::Network(args) => {
                let server = servers.find(&args.server).await?;
                let network = net.networks().find(&args.target).await?;
                for interface in servers.interfaces(&server.id).await? {
                    if interface.net_id.as_deref() == Some(network.id.as_str()) {
                        servers.detach_interface(&server.id, &interface.port_id).await?;
                    }
                }
                Ok(Output::Nothing)
            }
            RemoveCommand::Security(RemoveSecurity::Group(args)) => security_groups(&servers, args, false).await,
            RemoveCommand::Volume(args) => {
                let server = servers.find(&args.server).await?;
                let volume = ctx.conn.block_storage().volumes().find(&args.target).await?;
                servers.detach_volume(&server.id, &volume.id).await?;
                Ok(Output::Nothing)
            }
        }
    }
}

impl VolumeCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let servers = ctx.conn.compute().servers();
        match self {
            VolumeCommand::List { server } => {
                let server = servers.find(&server).await?;
                let attachments = servers.volume_attachments(&server.id, &Default::default()).await?;
                let (v70, v79, v89) =
                    (at_least(&servers, 70).await?, at_least(&servers, 79).await?, at_least(&servers, 89).await?);
                let mut headers = Vec::new();
                if !v89 {
                    headers.push("ID");
                }
                headers.extend(["Device", "Server ID", "Volume ID"]);
                if v70 {
                    headers.push("Tag");
                }
                if v79 {
                    headers.push("Delete On Termination?");
                }
                if v89 {
                    headers.extend(["Attachment ID", "BlockDeviceMapping UUID"]);
                }
                let rows = attachments
                    .iter()
                    .map(|a| {
                        let mut row = Vec::new();
                        if !v89 {
                            row.push(cell(a.id.as_deref()));
                        }
                        row.push(cell(a.device.as_deref()));
                        row.push(cell(a.server_id.as_deref()));
                        row.push(Cell::from(a.volume_id.as_str()));
                        if v70 {
                            row.push(cell(a.tag.as_deref()));
                        }
                        if v79 {
                            row.push(Cell::from(a.delete_on_termination.map_or(Value::Null, Value::Bool)));
                        }
                        if v89 {
                            row.push(cell(a.attachment_id.as_deref()));
                            row.push(cell(a.bdm_uuid.as_deref()));
                        }
                        row
                    })
                    .collect();
                Ok(Output::list(&headers, rows))
            }
            VolumeCommand::Set(args) => {
                // osc does nothing at all without one of the two options
                if !args.delete_on_termination && !args.preserve_on_termination {
                    return Ok(Output::Nothing);
                }
                if !at_least(&servers, 85).await? {
                    return Err(CliError::Message(
                        "--os-compute-api-version 2.85 or greater is required to support the \
                         -delete-on-termination or --preserve-on-termination option"
                            .into(),
                    ));
                }
                let server = servers.find(&args.server).await?;
                let volume = ctx.conn.block_storage().volumes().find(&args.volume).await?;
                let body = UpdateVolumeAttachment {
                    volume_id: volume.id.clone(),
                    delete_on_termination: Some(args.delete_on_termination),
                };
                servers.update_volume_attachment(&server.id, &volume.id, &body).await?;
                Ok(Output::Nothing)
            }
        }
    }
}
