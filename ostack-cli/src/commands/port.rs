//! `port list|show|create|delete|set`.

use super::{flag, CommandResult};
use crate::context::Context;
use crate::format::{admin_state_column, as_list, dict_column, false_if_null, list_column, list_dict_column, to_map};
use crate::noun::{in_python_list, plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreatePort, FixedIp, NetworkProxy, Port, PortQuery};
use serde_json::Value;

/// Port commands.
#[derive(Subcommand)]
pub enum PortCommand {
    /// List ports.
    List(ListArgs),
    /// Show a port.
    Show {
        /// Port name or id.
        port: String,
    },
    /// Create a port.
    Create(CreateArgs),
    /// Delete ports.
    Delete {
        /// Port names or ids.
        #[arg(required = true)]
        ports: Vec<String>,
    },
    /// Change a port.
    Set(SetArgs),
}

/// `port list` options.
#[derive(Args)]
pub struct ListArgs {
    /// More columns.
    #[arg(long)]
    long: bool,
    /// By network name or id.
    #[arg(long)]
    network: Option<String>,
    /// By device owner.
    #[arg(long = "device-owner")]
    device_owner: Option<String>,
    /// By MAC address.
    #[arg(long = "mac-address")]
    mac_address: Option<String>,
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// By status.
    #[arg(long)]
    status: Option<String>,
}

/// Attributes shared by create and set.
#[derive(Args)]
pub struct PortAttributes {
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Administratively up.
    #[arg(long)]
    enable: bool,
    /// Administratively down.
    #[arg(long)]
    disable: bool,
    /// Device id (server or router).
    #[arg(long)]
    device: Option<String>,
    /// Device owner.
    #[arg(long = "device-owner")]
    device_owner: Option<String>,
    /// Fixed IP `subnet=<name or id>,ip-address=<ip>` (repeatable).
    #[arg(long = "fixed-ip")]
    fixed_ips: Vec<String>,
    /// Enable port security.
    #[arg(long = "enable-port-security")]
    enable_port_security: bool,
    /// Disable port security.
    #[arg(long = "disable-port-security")]
    disable_port_security: bool,
}

/// `port create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Network name or id.
    #[arg(long, required = true)]
    network: String,
    /// MAC address.
    #[arg(long = "mac-address")]
    mac_address: Option<String>,
    /// Security group name or id (repeatable).
    #[arg(long = "security-group")]
    security_groups: Vec<String>,
    /// No security group.
    #[arg(long = "no-security-group")]
    no_security_group: bool,
    #[command(flatten)]
    attributes: PortAttributes,
}

/// `port set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Port name or id.
    port: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    attributes: PortAttributes,
}

impl PortAttributes {
    async fn apply(&self, net: &NetworkProxy, body: &mut CreatePort) -> Result<(), crate::errors::CliError> {
        body.description = self.description.clone();
        body.admin_state_up = flag(self.enable, self.disable);
        body.device_id = self.device.clone();
        body.device_owner = self.device_owner.clone();
        body.port_security_enabled = flag(self.enable_port_security, self.disable_port_security);
        let mut fixed = Vec::new();
        for spec in &self.fixed_ips {
            let mut ip = FixedIp::default();
            for part in spec.split(',') {
                match part.split_once('=') {
                    Some(("subnet", v)) => ip.subnet_id = Some(net.subnets().find(v).await?.id),
                    Some(("ip-address", v)) => ip.ip_address = Some(v.to_string()),
                    _ => return Err(format!("'{spec}' is not subnet=<subnet>,ip-address=<ip>").into()),
                }
            }
            fixed.push(ip);
        }
        if !fixed.is_empty() {
            body.fixed_ips = Some(fixed);
        }
        Ok(())
    }
}

/// `SubPortColumn`: the trunk's sub ports.
fn subports_column(value: Value) -> Cell {
    let ports = value.get("sub_ports").cloned().unwrap_or(Value::Array(vec![]));
    list_dict_column(Value::Array(as_list(ports)))
}

/// python-openstackclient's port columns (`openstackclient/network/v2/port.py`). `port show`
/// prints these fields alone, in this order.
const PORT: Noun = Noun {
    what: "port",
    plural: "ports",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("MAC Address", "mac_address", plain),
        Column::new("Fixed IP Addresses", "fixed_ips", list_dict_column),
        Column::new("Status", "status", plain),
    ],
    long: &[
        Column::new("Security Groups", "security_groups", list_column),
        Column::new("Device Owner", "device_owner", plain),
        Column::new("Tags", "tags", list_column),
        Column::new("Trunk subports", "trunk_details", subports_column),
    ],
    show: &[
        Field::new("admin_state_up", "admin_state_up", admin_state_column),
        Field::new("allowed_address_pairs", "allowed_address_pairs", list_dict_column),
        Field::new("binding_host_id", "binding:host_id", plain),
        Field::new("binding_profile", "binding:profile", dict_column),
        Field::new("binding_vif_details", "binding:vif_details", dict_column),
        Field::new("binding_vif_type", "binding:vif_type", plain),
        Field::new("binding_vnic_type", "binding:vnic_type", plain),
        Field::plain("created_at"),
        Field::plain("data_plane_status"),
        Field::plain("description"),
        Field::plain("device_id"),
        Field::plain("device_owner"),
        Field::plain("device_profile"),
        Field::new("dns_assignment", "dns_assignment", list_dict_column),
        Field::plain("dns_domain"),
        Field::plain("dns_name"),
        Field::new("extra_dhcp_opts", "extra_dhcp_opts", list_dict_column),
        Field::new("fixed_ips", "fixed_ips", list_dict_column),
        Field::plain("hardware_offload_type"),
        Field::computed("hints", |_| Value::from(""), plain),
        Field::plain("id"),
        Field::plain("ip_allocation"),
        Field::plain("mac_address"),
        Field::plain("name"),
        Field::plain("network_id"),
        Field::plain("numa_affinity_policy"),
        Field::new("port_security_enabled", "port_security_enabled", false_if_null),
        Field::plain("project_id"),
        Field::plain("propagate_uplink_status"),
        Field::plain("pvlan_type"),
        Field::plain("pvlan_community"),
        Field::plain("resource_request"),
        Field::plain("revision_number"),
        Field::plain("qos_network_policy_id"),
        Field::plain("qos_policy_id"),
        Field::new("security_group_ids", "security_groups", list_column),
        Field::plain("status"),
        Field::new("tags", "tags", list_column),
        Field::plain("trunk_details"),
        Field::plain("trusted"),
        Field::plain("updated_at"),
    ],
    hidden: &[],
};

/// `port show`: [`PORT`]'s fields in osc's order.
fn show(port: &Port) -> Output {
    PORT.fixed_fields(to_map(port), true).in_order()
}

impl PortCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        match self {
            PortCommand::List(args) => {
                let network_id = super::optional_network_id(&net, args.network.as_deref()).await?;
                let query = PortQuery {
                    name: args.name,
                    network_id,
                    device_owner: args.device_owner,
                    mac_address: args.mac_address,
                    status: args.status,
                    ..Default::default()
                };
                let ports: Vec<Port> = net.ports().list(&query).try_collect().await?;
                Ok(in_python_list(PORT.list(&ports, args.long)))
            }
            PortCommand::Show { port } => Ok(show(&net.ports().find(&port).await?)),
            PortCommand::Create(args) => {
                let network = net.networks().find(&args.network).await?;
                let mut body =
                    CreatePort { name: Some(args.name), mac_address: args.mac_address, ..CreatePort::new(network.id) };
                args.attributes.apply(&net, &mut body).await?;
                if args.no_security_group {
                    body.security_groups = Some(Vec::new());
                } else if !args.security_groups.is_empty() {
                    let mut ids = Vec::new();
                    for group in &args.security_groups {
                        ids.push(net.security_groups().find(group).await?.id);
                    }
                    body.security_groups = Some(ids);
                }
                Ok(show(&net.ports().create(&body).await?))
            }
            PortCommand::Delete { ports } => PORT.delete(&net.ports(), &ports).await,
            PortCommand::Set(args) => {
                let found = net.ports().find(&args.port).await?;
                let mut body = CreatePort { name: args.name, ..Default::default() };
                args.attributes.apply(&net, &mut body).await?;
                net.ports().update(&found.id, &body.into()).await?;
                Ok(Output::Nothing)
            }
        }
    }
}
