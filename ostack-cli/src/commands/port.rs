//! `port list|show|create|delete|set`.

use super::{flag, CommandResult};
use crate::context::Context;
use crate::format::{admin_state_column, as_list, dict_column, list_column, list_dict_column, to_map, ShowFields};
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

/// `port show` fields: osc's fixed list, in its order.
fn show(port: &Port) -> Output {
    let mut f = ShowFields::new(to_map(port));
    f.with("admin_state_up", "admin_state_up", admin_state_column)
        .with("allowed_address_pairs", "allowed_address_pairs", list_dict_column)
        .plain("binding_host_id", "binding:host_id", Value::Null)
        .with("binding_profile", "binding:profile", dict_column)
        .with("binding_vif_details", "binding:vif_details", dict_column)
        .plain("binding_vif_type", "binding:vif_type", Value::Null)
        .plain("binding_vnic_type", "binding:vnic_type", Value::Null)
        .plains(&["created_at", "data_plane_status", "description", "device_id", "device_owner", "device_profile"])
        .with("dns_assignment", "dns_assignment", list_dict_column)
        .plains(&["dns_domain", "dns_name"])
        .with("extra_dhcp_opts", "extra_dhcp_opts", list_dict_column)
        .with("fixed_ips", "fixed_ips", list_dict_column)
        .plain("hardware_offload_type", "hardware_offload_type", Value::Null)
        .computed("hints", "".into())
        .plains(&["id", "ip_allocation", "mac_address", "name", "network_id", "numa_affinity_policy"])
        .plain("port_security_enabled", "port_security_enabled", Value::Bool(false))
        .plains(&[
            "project_id",
            "propagate_uplink_status",
            "pvlan_type",
            "pvlan_community",
            "resource_request",
            "revision_number",
        ])
        .plains(&["qos_network_policy_id", "qos_policy_id"])
        .with("security_group_ids", "security_groups", list_column)
        .plain("status", "status", Value::Null)
        .with("tags", "tags", list_column)
        .plains(&["trunk_details", "trusted", "updated_at"])
        .in_order()
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
                let rows = ports
                    .iter()
                    .map(|p| {
                        let raw = to_map(p);
                        let get = |k: &str| raw.get(k).cloned().unwrap_or(Value::Null);
                        let mut row: Vec<Cell> = vec![
                            p.id.clone().into(),
                            p.name.clone().into(),
                            get("mac_address").into(),
                            list_dict_column(get("fixed_ips")),
                            get("status").into(),
                        ];
                        if args.long {
                            row.extend([
                                list_column(get("security_groups")),
                                get("device_owner").into(),
                                list_column(get("tags")),
                                subports_column(get("trunk_details")),
                            ]);
                        }
                        row
                    })
                    .collect();
                let columns: &[&str] = if args.long {
                    &[
                        "ID",
                        "Name",
                        "MAC Address",
                        "Fixed IP Addresses",
                        "Status",
                        "Security Groups",
                        "Device Owner",
                        "Tags",
                        "Trunk subports",
                    ]
                } else {
                    &["ID", "Name", "MAC Address", "Fixed IP Addresses", "Status"]
                };
                Ok(Output::list_of_list(columns, rows))
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
            PortCommand::Delete { ports } => {
                super::delete_each(&ports, "port with name or ID", "ports", |name| {
                    let net = net.clone();
                    async move {
                        let found = net.ports().find(&name).await?;
                        Ok(net.ports().delete(&found.id).await?)
                    }
                })
                .await
            }
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
