//! `router create|list|show|set|unset|delete|add subnet|add port|remove subnet|remove port`.

use super::{flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{admin_state_column, as_list, json_column, list_column, list_dict_column};
use crate::noun::{find_id, list_of, plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{
    CreateRouter, ExternalFixedIp, ExternalGateway, NetworkProxy, NeutronListOptions, PortQuery, Route, RouterQuery,
    UpdateRouter,
};
use serde_json::{json, Map, Value};

/// python-openstackclient's router columns (`openstackclient/network/v2/router.py`).
const ROUTER: Noun = Noun {
    what: "router",
    plural: "routers",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Status", "status", plain),
        Column::new("State", "admin_state_up", admin_state_column),
        Column::new("Project", "project_id", plain),
        Column::new("Distributed", "distributed", plain).only_if_set(),
        Column::new("HA", "ha", plain).only_if_set(),
    ],
    long: &[
        Column::new("Routes", "routes", routes_column),
        Column::new("External gateway info", "external_gateway_info", gateway_column),
        Column::new(AZ_COLUMN, "availability_zones", list_column),
        Column::new("Tags", "tags", list_column),
    ],
    show: &[
        Field::new("admin_state_up", "admin_state_up", admin_state_column),
        Field::new("availability_zone_hints", "availability_zone_hints", list_column),
        Field::new("availability_zones", "availability_zones", list_column),
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("distributed").only_if_set(),
        Field::plain("enable_ndp_proxy"),
        Field::plain("evpn_vni").only_if_set(),
        Field::new("external_gateway_info", "external_gateway_info", gateway_column),
        Field::plain("flavor_id"),
        Field::plain("ha").only_if_set(),
        Field::plain("id"),
        Field::plain("name"),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::new("routes", "routes", routes_column),
        Field::plain("status"),
        Field::new("tags", "tags", list_column),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id"],
};

/// Shown by `--long` only where neutron has the `router_availability_zone` extension.
const AZ_COLUMN: &str = "Availability zones";

/// `RouterInfoColumn` of the gateway: compact JSON, keys as neutron sent them (the SDK keeps
/// their order).
fn gateway_column(value: Value) -> Cell {
    json_column(value)
}

/// `RoutesColumn`: one `destination='..', gateway='..'` line per route (`nexthop` shown as
/// `gateway`, as `--route` spells it); JSON keeps `nexthop`.
fn routes_column(value: Value) -> Cell {
    let renamed: Vec<Value> = as_list(value.clone())
        .into_iter()
        .map(|mut route| {
            if let Some(map) = route.as_object_mut() {
                if let Some(nexthop) = map.shift_remove("nexthop") {
                    map.insert("gateway".into(), nexthop);
                }
            }
            route
        })
        .collect();
    Cell::formatted(value, list_dict_column(Value::Array(renamed)).table_text())
}

/// Router commands.
#[derive(Subcommand)]
pub enum RouterCommand {
    /// Create a router.
    Create(CreateArgs),
    /// List routers.
    List(ListArgs),
    /// Show a router.
    Show {
        /// Router name or id.
        router: String,
    },
    /// Change a router.
    Set(SetArgs),
    /// Remove router properties.
    Unset(UnsetArgs),
    /// Delete routers.
    Delete {
        /// Router names or ids.
        #[arg(required = true)]
        routers: Vec<String>,
    },
    /// Attach a subnet or a port.
    #[command(subcommand)]
    Add(Interface),
    /// Detach a subnet or a port.
    #[command(subcommand)]
    Remove(Interface),
}

/// `router add|remove subnet|port`.
#[derive(Subcommand)]
pub enum Interface {
    /// A subnet (neutron makes a port with its gateway address).
    Subnet {
        /// Router name or id.
        router: String,
        /// Subnet name or id.
        subnet: String,
    },
    /// A port (removing it deletes it).
    Port {
        /// Router name or id.
        router: String,
        /// Port name or id.
        port: String,
    },
}

/// The gateway options of create and set.
#[derive(Args)]
pub struct GatewayArgs {
    /// External network for the gateway (name or id).
    #[arg(long = "external-gateway")]
    external_gateways: Vec<String>,
    /// Address on the gateway: `subnet=<subnet>,ip-address=<ip>` (repeatable).
    #[arg(long = "fixed-ip", value_parser = parse_fixed_ip)]
    fixed_ips: Vec<FixedIpSpec>,
    /// Source NAT on the gateway.
    #[arg(long = "enable-snat", conflicts_with = "disable_snat")]
    enable_snat: bool,
    /// No source NAT on the gateway.
    #[arg(long = "disable-snat")]
    disable_snat: bool,
}

/// `router create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Administratively up (default).
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Administratively down.
    #[arg(long)]
    disable: bool,
    /// Distributed (DVR).
    #[arg(long, conflicts_with = "centralized")]
    distributed: bool,
    /// Centralized.
    #[arg(long)]
    centralized: bool,
    /// Highly available.
    #[arg(long, conflicts_with = "no_ha")]
    ha: bool,
    /// Legacy (not HA).
    #[arg(long = "no-ha")]
    no_ha: bool,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Availability zone hint (repeatable).
    #[arg(long = "availability-zone-hint")]
    availability_zone_hints: Vec<String>,
    #[command(flatten)]
    gateway: GatewayArgs,
    #[command(flatten)]
    tags: super::net_tags::CreateTags,
}

/// `router list` options.
#[derive(Args)]
pub struct ListArgs {
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// Enabled routers only.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Disabled routers only.
    #[arg(long)]
    disable: bool,
    /// More columns.
    #[arg(long)]
    long: bool,
    /// By project id.
    #[arg(long)]
    project: Option<String>,
    #[command(flatten)]
    tags: super::net_tags::TagFilters,
}

/// `router set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Router name or id.
    router: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Administratively up.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Administratively down.
    #[arg(long)]
    disable: bool,
    /// Distributed (disabled router only).
    #[arg(long, conflicts_with = "centralized")]
    distributed: bool,
    /// Centralized (disabled router only).
    #[arg(long)]
    centralized: bool,
    /// Highly available (disabled router only).
    #[arg(long, conflicts_with = "no_ha")]
    ha: bool,
    /// Not highly available (disabled router only).
    #[arg(long = "no-ha")]
    no_ha: bool,
    /// Add a static route `destination=<cidr>,gateway=<ip>` (repeatable).
    #[arg(long = "route", value_parser = parse_route)]
    routes: Vec<Route>,
    /// Clear the static routes (with `--route`: replace them).
    #[arg(long = "no-route")]
    no_route: bool,
    #[command(flatten)]
    gateway: GatewayArgs,
    #[command(flatten)]
    tags: super::net_tags::SetTags,
}

/// `router unset` options.
#[derive(Args)]
pub struct UnsetArgs {
    /// Router name or id.
    router: String,
    /// Remove a static route `destination=<cidr>,gateway=<ip>` (repeatable).
    #[arg(long = "route", value_parser = parse_route)]
    routes: Vec<Route>,
    /// Remove the gateway.
    #[arg(long = "external-gateway")]
    external_gateway: bool,
    #[command(flatten)]
    tags: super::net_tags::UnsetTags,
}

/// A `--fixed-ip` of the gateway.
#[derive(Clone)]
pub struct FixedIpSpec {
    subnet: Option<String>,
    ip_address: Option<String>,
}

/// `k=v,k2=v2` with only `allowed` keys (osc's `MultiKeyValueAction`).
fn key_values<'a>(text: &'a str, allowed: &[&str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    text.split(',')
        .map(|part| match part.split_once('=') {
            Some((k, v)) if allowed.contains(&k) => Ok((k, v)),
            _ => Err(format!("'{text}': valid keys are {}", allowed.join(", "))),
        })
        .collect()
}

fn parse_fixed_ip(text: &str) -> Result<FixedIpSpec, String> {
    let mut spec = FixedIpSpec { subnet: None, ip_address: None };
    for (key, value) in key_values(text, &["subnet", "ip-address"])? {
        match key {
            "subnet" => spec.subnet = Some(value.to_string()),
            _ => spec.ip_address = Some(value.to_string()),
        }
    }
    Ok(spec)
}

fn parse_route(text: &str) -> Result<Route, String> {
    let pairs = key_values(text, &["destination", "gateway"])?;
    let get = |key: &str| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string());
    match (get("destination"), get("gateway")) {
        (Some(destination), Some(gateway)) => Ok(Route::new(destination, gateway)),
        _ => Err(format!("'{text}': both destination and gateway are required")),
    }
}

impl GatewayArgs {
    /// The gateway to send, or the error osc gives for SNAT or fixed IPs without a network.
    async fn gateway(&self, net: &NetworkProxy, verb: &str) -> Result<Option<ExternalGateway>, CliError> {
        let Some(network) = self.external_gateways.first() else {
            if self.enable_snat || self.disable_snat || !self.fixed_ips.is_empty() {
                return Err(format!(
                    "You must specify '--external-gateway' in order to {verb} the SNAT or fixed-ip values"
                )
                .into());
            }
            return Ok(None);
        };
        let mut gateway = ExternalGateway::on(net.networks().find(network).await?.id);
        gateway.enable_snat = flag(self.enable_snat, self.disable_snat);
        let mut fixed = Vec::new();
        for spec in &self.fixed_ips {
            let subnet_id = find_id(&net.subnets(), spec.subnet.as_deref()).await?;
            fixed.push(ExternalFixedIp { subnet_id, ip_address: spec.ip_address.clone(), ..Default::default() });
        }
        if !fixed.is_empty() {
            gateway.external_fixed_ips = Some(fixed);
        }
        Ok(Some(gateway))
    }
}

/// Whether neutron has the extension `alias`.
async fn has_extension(ctx: &Context, alias: &str) -> Result<bool, CliError> {
    Ok(ctx.conn.network().extensions().has(alias).await?)
}

/// `interfaces_info` of `router show`: each address of the router's ports but the gateway's.
async fn interfaces_info(net: &NetworkProxy, router_id: &str) -> Result<Value, CliError> {
    let query = PortQuery { device_id: Some(router_id.to_string()), ..Default::default() };
    let ports: Vec<_> = net.ports().list(&query).try_collect().await?;
    let mut info = Vec::new();
    for port in ports.iter().filter(|p| p.device_owner.as_deref() != Some("network:router_gateway")) {
        for ip in &port.fixed_ips {
            info.push(json!({ "port_id": port.id, "ip_address": ip.ip_address, "subnet_id": ip.subnet_id }));
        }
    }
    Ok(Value::Array(info))
}

impl RouterCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            RouterCommand::Create(_) => Some("router create"),
            RouterCommand::Show { .. } => Some("router show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let routers = net.routers();
        match self {
            RouterCommand::Create(args) => {
                let body = CreateRouter {
                    name: Some(args.name),
                    admin_state_up: Some(!args.disable),
                    description: args.description,
                    external_gateway_info: args.gateway.gateway(&net, "specify").await?,
                    distributed: flag(args.distributed, args.centralized),
                    ha: flag(args.ha, args.no_ha),
                    availability_zone_hints: Some(args.availability_zone_hints).filter(|z| !z.is_empty()),
                    project_id: None,
                    extra: Map::new(),
                };
                let made = routers.create(&body).await?;
                let mut raw = crate::format::to_map(&made);
                args.tags.apply(&routers, &made.id, &mut raw).await?;
                Ok(ROUTER.fields(raw, true).sorted())
            }
            RouterCommand::List(args) => {
                let query = RouterQuery {
                    name: args.name,
                    admin_state_up: flag(args.enable, args.disable),
                    common: {
                        let mut common = NeutronListOptions { project_id: args.project, ..Default::default() };
                        args.tags.apply(&mut common);
                        common
                    },
                    ..Default::default()
                };
                let found: Vec<_> = routers.list(&query).try_collect().await?;
                let mut columns = ROUTER.columns(args.long);
                if args.long && !has_extension(ctx, "router_availability_zone").await? {
                    columns.retain(|c| c.header != AZ_COLUMN);
                }
                Ok(list_of(&found, &columns))
            }
            RouterCommand::Show { router } => {
                let found = routers.find(&router).await?;
                let info = interfaces_info(&net, &found.id).await?;
                let mut fields = ROUTER.fields(crate::format::to_map(&found), true);
                Ok(fields.computed("interfaces_info", json_column(info)).sorted())
            }
            RouterCommand::Set(args) => {
                let found = routers.find(&args.router).await?;
                let routes = match (args.routes.is_empty(), args.no_route) {
                    (true, false) => None,
                    (true, true) => Some(Vec::new()),
                    (false, true) => Some(args.routes),
                    (false, false) => Some(args.routes.into_iter().chain(found.routes.iter().cloned()).collect()),
                };
                let body = UpdateRouter {
                    name: args.name,
                    admin_state_up: flag(args.enable, args.disable),
                    description: args.description,
                    external_gateway_info: args.gateway.gateway(&net, "update").await?.map(Some),
                    routes,
                    distributed: flag(args.distributed, args.centralized),
                    ha: flag(args.ha, args.no_ha),
                    extra: Map::new(),
                };
                if !crate::format::to_map(&body).is_empty() {
                    routers.update(&found.id, &body).await?;
                }
                args.tags.apply(&routers, &found).await?;
                Ok(Output::Nothing)
            }
            RouterCommand::Unset(args) => {
                let found = routers.find(&args.router).await?;
                let mut body = UpdateRouter::default();
                if !args.routes.is_empty() {
                    let mut remaining = found.routes.clone();
                    for route in &args.routes {
                        let Some(at) = remaining.iter().position(|r| r == route) else {
                            return Err(format!(
                                "Router does not contain route {{'destination': '{}', 'nexthop': '{}'}}",
                                route.destination, route.nexthop
                            )
                            .into());
                        };
                        remaining.remove(at);
                    }
                    body.routes = Some(remaining);
                }
                if args.external_gateway {
                    body.external_gateway_info = Some(None);
                }
                if body.routes.is_some() || body.external_gateway_info.is_some() {
                    routers.update(&found.id, &body).await?;
                }
                args.tags.apply(&routers, &found).await?;
                Ok(Output::Nothing)
            }
            RouterCommand::Delete { routers: names } => ROUTER.delete(&routers, &names).await,
            RouterCommand::Add(Interface::Subnet { router, subnet }) => {
                let subnet = net.subnets().find(&subnet).await?;
                routers.add_subnet(&routers.find(&router).await?.id, &subnet.id).await?;
                Ok(Output::Nothing)
            }
            RouterCommand::Add(Interface::Port { router, port }) => {
                let port = net.ports().find(&port).await?;
                routers.add_port(&routers.find(&router).await?.id, &port.id).await?;
                Ok(Output::Nothing)
            }
            RouterCommand::Remove(Interface::Subnet { router, subnet }) => {
                let subnet = net.subnets().find(&subnet).await?;
                routers.remove_subnet(&routers.find(&router).await?.id, &subnet.id).await?;
                Ok(Output::Nothing)
            }
            RouterCommand::Remove(Interface::Port { router, port }) => {
                let port = net.ports().find(&port).await?;
                routers.remove_port(&routers.find(&router).await?.id, &port.id).await?;
                Ok(Output::Nothing)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_print_with_gateway_and_json_keeps_nexthop() {
        let routes = json!([{"destination": "10.1.0.0/24", "nexthop": "10.0.0.5"}, {"nexthop": "10.0.0.6", "destination": "10.2.0.0/24"}]);
        let cell = routes_column(routes.clone());
        assert_eq!(
            cell.table_text(),
            "destination='10.1.0.0/24', gateway='10.0.0.5'\ndestination='10.2.0.0/24', gateway='10.0.0.6'"
        );
        assert_eq!(cell.machine, routes);
        assert_eq!(routes_column(json!([])).table_text(), "");
    }

    #[test]
    fn the_gateway_prints_as_neutron_orders_it() {
        // as neutron sends it, read and re-serialized by the SDK
        let sent = r#"{"network_id":"n","external_fixed_ips":[{"subnet_id":"s","ip_address":"1.2.3.4"}],"enable_snat":true,"qos_policy_id":null}"#;
        let gateway: ExternalGateway = serde_json::from_str(sent).unwrap();
        let cell = gateway_column(serde_json::to_value(&gateway).unwrap());
        assert_eq!(
            cell.table_text(),
            r#"{"network_id": "n", "external_fixed_ips": [{"subnet_id": "s", "ip_address": "1.2.3.4"}], "enable_snat": true, "qos_policy_id": null}"#
        );
        // and as the SDK builds one for a request
        let built = ExternalGateway { enable_snat: Some(false), ..ExternalGateway::on("n") };
        assert_eq!(
            gateway_column(serde_json::to_value(&built).unwrap()).table_text(),
            r#"{"network_id": "n", "enable_snat": false}"#
        );
        assert_eq!(gateway_column(Value::Null).table_text(), "null");
    }

    #[test]
    fn route_and_fixed_ip_options() {
        let route = parse_route("gateway=10.0.0.1,destination=10.9.0.0/16").unwrap();
        assert_eq!((route.destination.as_str(), route.nexthop.as_str()), ("10.9.0.0/16", "10.0.0.1"));
        assert!(parse_route("destination=10.9.0.0/16").is_err());
        assert!(parse_route("destination=10.9.0.0/16,gateway=1.1.1.1,via=x").is_err());
        let spec = parse_fixed_ip("ip-address=1.2.3.4").unwrap();
        assert_eq!((spec.subnet, spec.ip_address.as_deref()), (None, Some("1.2.3.4")));
        assert!(parse_fixed_ip("subnet").is_err());
    }
}
