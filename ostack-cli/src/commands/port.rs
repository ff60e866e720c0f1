//! `port list|show|create|delete|set`.

use super::{flag, CommandResult};
use crate::context::Context;
use crate::format::{admin_state_column, as_list, dict_column, false_if_null, list_column, list_dict_column, to_map};
use crate::noun::{in_python_list, plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{
    AddressPair, CreatePort, ExtraDhcpOpt, FixedIp, NetworkProxy, NeutronListOptions, Port, PortQuery, UpdatePort,
};
use serde_json::{Map, Value};

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
    /// Remove address pairs, binding profile keys, the QoS policy or tags of a port.
    Unset(UnsetArgs),
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
    #[command(flatten)]
    tags: super::net_tags::TagFilters,
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
    #[command(flatten)]
    tags: super::net_tags::CreateTags,
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
    /// DNS name.
    #[arg(long = "dns-name", value_name = "dns-name")]
    dns_name: Option<String>,
    /// DNS domain.
    #[arg(long = "dns-domain", value_name = "dns-domain")]
    dns_domain: Option<String>,
    /// QoS policy (name or id).
    #[arg(long = "qos-policy", value_name = "qos-policy", conflicts_with = "no_qos_policy")]
    qos_policy: Option<String>,
    /// Remove the QoS policy.
    #[arg(long = "no-qos-policy")]
    no_qos_policy: bool,
    /// Allowed address pair `ip-address=<ip>[,mac-address=<mac>]` (repeatable).
    #[arg(long = "allowed-address", value_name = "ip-address=<ip-address>[,mac-address=<mac-address>]")]
    allowed_addresses: Vec<String>,
    /// Clear the allowed address pairs (with --allowed-address: replace them).
    #[arg(long = "no-allowed-address")]
    no_allowed_address: bool,
    /// Binding profile `key=value` (repeatable; admin).
    #[arg(long = "binding-profile", value_name = "binding-profile", value_parser = super::parse_key_value)]
    binding_profile: Vec<(String, String)>,
    /// Clear the binding profile (with --binding-profile: replace it).
    #[arg(long = "no-binding-profile")]
    no_binding_profile: bool,
    /// Extra DHCP option `name=<name>[,value=<value>,ip-version={4,6}]` (repeatable).
    #[arg(long = "extra-dhcp-option", value_name = "name=<name>[,value=<value>,ip-version={4,6}]")]
    extra_dhcp_options: Vec<String>,
    /// Propagate the uplink status.
    #[arg(long = "enable-uplink-status-propagation", conflicts_with = "disable_uplink_status_propagation")]
    enable_uplink_status_propagation: bool,
    /// Do not propagate the uplink status.
    #[arg(long = "disable-uplink-status-propagation")]
    disable_uplink_status_propagation: bool,
    #[command(flatten)]
    tags: super::net_tags::SetTags,
}

/// `port unset` options.
#[derive(Args)]
pub struct UnsetArgs {
    /// Port name or id.
    port: String,
    /// Allowed address pair to remove, as in `port set` (repeatable).
    #[arg(long = "allowed-address", value_name = "ip-address=<ip-address>[,mac-address=<mac-address>]")]
    allowed_addresses: Vec<String>,
    /// Binding profile key to remove (repeatable).
    #[arg(long = "binding-profile", value_name = "binding-profile-key")]
    binding_profile: Vec<String>,
    /// Remove the QoS policy.
    #[arg(long = "qos-policy")]
    qos_policy: bool,
    #[command(flatten)]
    tags: super::net_tags::UnsetTags,
}

/// `key=value` pairs separated by commas (osc's `MultiKeyValueAction`), only `keys` allowed.
fn key_values(text: &str, keys: &[&str], required: &str) -> Result<Map<String, Value>, crate::errors::CliError> {
    let mut map = Map::new();
    for pair in text.split(',') {
        let (key, value) = pair.split_once('=').ok_or_else(|| {
            crate::errors::CliError::Message(format!("Expected key=value pairs separated by comma, but got: {pair}"))
        })?;
        if !keys.contains(&key) {
            return Err(crate::errors::CliError::Message(format!(
                "Invalid keys {key} specified.\nValid keys are: {}",
                keys.join(", ")
            )));
        }
        map.insert(key.to_string(), Value::from(value));
    }
    if !map.contains_key(required) {
        return Err(crate::errors::CliError::Message(format!("Missing required keys {required}.")));
    }
    Ok(map)
}

/// An `--allowed-address` as neutron's address pair.
fn address_pair(text: &str) -> Result<AddressPair, crate::errors::CliError> {
    let map = key_values(text, &["ip-address", "mac-address"], "ip-address")?;
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
    Ok(AddressPair { ip_address: text("ip-address"), mac_address: text("mac-address"), extra: Map::new() })
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
                    common: {
                        let mut common = NeutronListOptions::default();
                        args.tags.apply(&mut common);
                        common
                    },
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
                let made = net.ports().create(&body).await?;
                let mut raw = to_map(&made);
                args.tags.apply(&net.ports(), &made.id, &mut raw).await?;
                Ok(PORT.fixed_fields(raw, true).in_order())
            }
            PortCommand::Delete { ports } => PORT.delete(&net.ports(), &ports).await,
            PortCommand::Set(args) => {
                let found = net.ports().find(&args.port).await?;
                let mut body = CreatePort { name: args.name, ..Default::default() };
                args.attributes.apply(&net, &mut body).await?;
                let mut body: UpdatePort = body.into();
                body.dns_name = args.dns_name;
                body.dns_domain = args.dns_domain;
                if args.no_qos_policy {
                    body.qos_policy_id = Some(None);
                }
                if let Some(policy) = &args.qos_policy {
                    body.qos_policy_id = Some(Some(net.qos_policies().find(policy).await?.id));
                }
                if args.no_allowed_address || !args.allowed_addresses.is_empty() {
                    let mut pairs = if args.no_allowed_address {
                        Vec::new()
                    } else {
                        found.allowed_address_pairs.clone().unwrap_or_default()
                    };
                    for text in &args.allowed_addresses {
                        pairs.push(address_pair(text)?);
                    }
                    body.allowed_address_pairs = Some(pairs);
                }
                if args.no_binding_profile || !args.binding_profile.is_empty() {
                    let mut profile = if args.no_binding_profile {
                        Map::new()
                    } else {
                        found.binding_profile.clone().unwrap_or_default()
                    };
                    for (key, value) in &args.binding_profile {
                        profile.insert(key.clone(), Value::from(value.as_str()));
                    }
                    body.binding_profile = Some(profile);
                }
                if !args.extra_dhcp_options.is_empty() {
                    let mut options = Vec::new();
                    for text in &args.extra_dhcp_options {
                        let map = key_values(text, &["name", "value", "ip-version"], "name")?;
                        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
                        options.push(ExtraDhcpOpt {
                            opt_name: text("name"),
                            opt_value: text("value"),
                            ip_version: text("ip-version").and_then(|v| v.parse().ok()),
                            extra: Map::new(),
                        });
                    }
                    body.extra_dhcp_opts = Some(options);
                }
                body.propagate_uplink_status =
                    flag(args.enable_uplink_status_propagation, args.disable_uplink_status_propagation);
                if !to_map(&body).is_empty() {
                    net.ports().update(&found.id, &body).await?;
                }
                args.tags.apply(&net.ports(), &found).await?;
                Ok(Output::Nothing)
            }
            PortCommand::Unset(args) => {
                let found = net.ports().find(&args.port).await?;
                let mut body = UpdatePort::default();
                if !args.allowed_addresses.is_empty() {
                    let mut pairs = found.allowed_address_pairs.clone().unwrap_or_default();
                    for text in &args.allowed_addresses {
                        let pair = address_pair(text)?;
                        let at = pairs
                            .iter()
                            .position(|p| p.ip_address == pair.ip_address && p.mac_address == pair.mac_address)
                            .ok_or_else(|| {
                                crate::errors::CliError::Message(format!(
                                    "Port does not contain allowed-address-pair {}",
                                    crate::output::python_repr(&serde_json::to_value(&pair).unwrap_or_default())
                                ))
                            })?;
                        pairs.remove(at);
                    }
                    body.allowed_address_pairs = Some(pairs);
                }
                if !args.binding_profile.is_empty() {
                    let mut profile = found.binding_profile.clone().unwrap_or_default();
                    for key in &args.binding_profile {
                        if profile.remove(key).is_none() {
                            return Err(format!("Port does not contain binding-profile {key}").into());
                        }
                    }
                    body.binding_profile = Some(profile);
                }
                if args.qos_policy {
                    body.qos_policy_id = Some(None);
                }
                if !to_map(&body).is_empty() {
                    net.ports().update(&found.id, &body).await?;
                }
                args.tags.apply(&net.ports(), &found).await?;
                Ok(Output::Nothing)
            }
        }
    }
}
