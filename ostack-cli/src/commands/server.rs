//! `server list|show|create|delete|start|stop|reboot`.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{as_list, dict_column, dict_list_column, list_column, list_dict_column, to_map};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::compute::v2::{CreateServer, RebootType, Server, ServerNetwork, ServerNetworks, ServerQuery};
use ostack::image::v2::ImageQuery;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// How long `--wait` waits unless `--timeout` says otherwise (seconds).
const WAIT_TIMEOUT_SECONDS: u64 = 3600;
/// What `server list` shows for a server booted from a volume.
const BOOTED_FROM_VOLUME: &str = "N/A (booted from volume)";

/// Server commands.
#[derive(Subcommand)]
pub enum ServerCommand {
    /// List servers.
    List(ListArgs),
    /// Show a server.
    Show {
        /// Server name or id.
        server: String,
    },
    /// Boot a server.
    Create(CreateArgs),
    /// Delete servers.
    Delete {
        /// Server names or ids.
        #[arg(required = true)]
        servers: Vec<String>,
        /// Wait until they are gone.
        #[arg(long)]
        wait: bool,
        /// With --wait: give up after this many seconds (an ostack option).
        #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
        timeout: u64,
    },
    /// Power servers on.
    Start {
        /// Server names or ids.
        #[arg(required = true)]
        servers: Vec<String>,
    },
    /// Power servers off.
    Stop {
        /// Server names or ids.
        #[arg(required = true)]
        servers: Vec<String>,
    },
    /// Reboot a server.
    Reboot {
        /// Server name or id.
        server: String,
        /// Power cycle.
        #[arg(long)]
        hard: bool,
        /// Ask the guest (default).
        #[arg(long)]
        soft: bool,
        /// Wait until it is ACTIVE again.
        #[arg(long)]
        wait: bool,
        /// With --wait: give up after this many seconds (an ostack option).
        #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
        timeout: u64,
    },
}

/// `server list` options.
#[derive(Args)]
pub struct ListArgs {
    /// More columns.
    #[arg(long)]
    long: bool,
    /// Servers of every project (admin).
    #[arg(long = "all-projects")]
    all_projects: bool,
    /// By name (regular expression).
    #[arg(long)]
    name: Option<String>,
    /// By status.
    #[arg(long)]
    status: Option<String>,
    /// By flavor name or id.
    #[arg(long)]
    flavor: Option<String>,
    /// By image name or id.
    #[arg(long)]
    image: Option<String>,
    /// By compute host (admin).
    #[arg(long)]
    host: Option<String>,
    /// Only servers changed since this time.
    #[arg(long = "changes-since")]
    changes_since: Option<String>,
    /// Page size; only one page is fetched.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this server id.
    #[arg(long)]
    marker: Option<String>,
    /// Do not look up image names.
    #[arg(short = 'n', long = "no-name-lookup")]
    no_name_lookup: bool,
}

/// `server create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Flavor name or id.
    #[arg(long, required = true)]
    flavor: String,
    /// Image name or id.
    #[arg(long)]
    image: Option<String>,
    /// Network name or id (repeatable).
    #[arg(long = "network")]
    networks: Vec<String>,
    /// Port name or id (repeatable).
    #[arg(long = "port")]
    ports: Vec<String>,
    /// `auto`, `none`, or `net-id=X,v4-fixed-ip=IP,port-id=Y` (repeatable).
    #[arg(long = "nic")]
    nics: Vec<String>,
    /// Keypair to inject.
    #[arg(long = "key-name")]
    key_name: Option<String>,
    /// Security group (repeatable).
    #[arg(long = "security-group")]
    security_groups: Vec<String>,
    /// Metadata `key=value` (repeatable).
    #[arg(long = "property", value_parser = super::parse_key_value)]
    properties: Vec<(String, String)>,
    /// File with user data.
    #[arg(long = "user-data")]
    user_data: Option<std::path::PathBuf>,
    /// Availability zone.
    #[arg(long = "availability-zone")]
    availability_zone: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Create at least this many.
    #[arg(long)]
    min: Option<u32>,
    /// Create at most this many.
    #[arg(long)]
    max: Option<u32>,
    /// Wait until ACTIVE.
    #[arg(long)]
    wait: bool,
    /// With --wait: give up after this many seconds (an ostack option).
    #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
    timeout: u64,
}

/// `AddressesColumn`: `{net: [ip, ...]}`; tables `net=ip1, ip2; net2=ip3`.
fn addresses_column(server: &Server) -> Cell {
    let machine: Map<String, Value> = server
        .addresses
        .iter()
        .map(|(net, addrs)| (net.clone(), Value::Array(addrs.iter().map(|a| Value::String(a.addr.clone())).collect())))
        .collect();
    dict_list_column(Value::Object(machine))
}

/// `PowerStateColumn`.
fn power_state_column(value: Value) -> Cell {
    const NAMES: [&str; 8] = ["NOSTATE", "Running", "", "Paused", "Shutdown", "", "Crashed", "Suspended"];
    let text = value.as_u64().and_then(|i| NAMES.get(i as usize)).copied().unwrap_or("N/A");
    Cell::formatted(value, text)
}

fn image_id(server: &Server) -> Option<String> {
    server.image.as_ref().and_then(|i| i.id.clone())
}

/// The flavor as openstacksdk's Flavor resource renders it (osc prints that dict).
fn flavor_column(server: &Server) -> Cell {
    let Some(f) = &server.flavor else { return dict_column(Value::Null) };
    let name = f.original_name.clone().or(f.id.clone());
    let extra = |k: &str| f.extra.get(k).cloned().unwrap_or(Value::Null);
    let or_zero = |v: Value| if v.is_null() { json!(0) } else { v };
    let mut map = Map::new();
    map.insert("name".into(), json!(name));
    map.insert("original_name".into(), json!(f.original_name));
    map.insert("description".into(), extra("description"));
    map.insert("disk".into(), or_zero(json!(f.disk)));
    map.insert("is_public".into(), json!(true));
    map.insert("ram".into(), or_zero(json!(f.ram)));
    map.insert("vcpus".into(), or_zero(json!(f.vcpus)));
    map.insert("swap".into(), or_zero(extra("swap")));
    map.insert("ephemeral".into(), or_zero(extra("ephemeral")));
    map.insert("is_disabled".into(), Value::Null);
    map.insert("rxtx_factor".into(), Value::Null);
    map.insert("extra_specs".into(), json!(f.extra_specs.clone().unwrap_or_default()));
    map.insert("id".into(), json!(name));
    map.insert("location".into(), Value::Null);
    dict_column(Value::Object(map))
}

/// osc's `_prep_server_detail`: openstacksdk attributes under nova's names, sorted.
///
/// For `create` (`created`), osc starts from the POST answer and takes only the non-empty values
/// of the follow-up GET, so empty values print as null.
fn show(server: &Server, image_name: Option<&str>, created: bool) -> Output {
    let raw = to_map(server);
    let get = |k: &str| raw.get(k).cloned().unwrap_or(Value::Null);
    let mut fields: Vec<(String, Cell)> = Vec::new();
    let mut plain = |name: &str, value: Value| fields.push((name.to_string(), Cell::from(value)));
    for key in [
        "OS-DCF:diskConfig",
        "OS-EXT-AZ:availability_zone",
        "OS-EXT-SRV-ATTR:host",
        "OS-EXT-SRV-ATTR:hostname",
        "OS-EXT-SRV-ATTR:hypervisor_hostname",
        "OS-EXT-SRV-ATTR:instance_name",
        "OS-EXT-SRV-ATTR:kernel_id",
        "OS-EXT-SRV-ATTR:launch_index",
        "OS-EXT-SRV-ATTR:ramdisk_id",
        "OS-EXT-SRV-ATTR:reservation_id",
        "OS-EXT-SRV-ATTR:root_device_name",
        "OS-EXT-SRV-ATTR:user_data",
        "OS-EXT-STS:task_state",
        "OS-EXT-STS:vm_state",
        "OS-SRV-USG:launched_at",
        "OS-SRV-USG:terminated_at",
        "accessIPv4",
        "accessIPv6",
        "config_drive",
        "created",
        "description",
        "hostId",
        "host_status",
        "id",
        "key_name",
        "locked",
        "locked_reason",
        "name",
        "pinned_availability_zone",
        "progress",
        "server_groups",
        "status",
        "trusted_image_certificates",
        "updated",
        "user_id",
    ] {
        plain(key, get(key));
    }
    plain("project_id", get("tenant_id"));
    if let Some(pass) = &server.admin_pass {
        plain("adminPass", json!(pass));
    }
    if let Some(fault) = raw.get("fault").filter(|f| !f.is_null()) {
        plain("fault", fault.clone());
    }
    let image = match (image_id(server), image_name) {
        (None, _) => BOOTED_FROM_VOLUME.to_string(),
        (Some(id), Some(name)) => format!("{name} ({id})"),
        (Some(id), None) => id,
    };
    fields.push(("image".into(), Cell::from(image)));
    fields.push(("OS-EXT-STS:power_state".into(), power_state_column(get("OS-EXT-STS:power_state"))));
    fields.push(("addresses".into(), addresses_column(server)));
    fields.push(("flavor".into(), flavor_column(server)));
    fields.push(("properties".into(), dict_column(get("metadata"))));
    fields.push(("tags".into(), list_column(get("tags"))));
    let hints =
        raw.get("scheduler_hints").or_else(|| raw.get("OS-SCH-HNT:scheduler_hints")).cloned().unwrap_or(json!({}));
    fields.push(("scheduler_hints".into(), dict_list_column(hints)));
    fields.push(("security_groups".into(), list_dict_column(get("security_groups"))));
    let volumes: Vec<Value> = as_list(get("os-extended-volumes:volumes_attached"))
        .into_iter()
        .map(|v| match v {
            Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
            other => other,
        })
        .collect();
    fields.push(("volumes_attached".into(), list_dict_column(Value::Array(volumes))));
    if created {
        const FROM_POST: [&str; 4] = ["OS-DCF:diskConfig", "id", "adminPass", "security_groups"];
        for (name, cell) in fields.iter_mut() {
            if FROM_POST.contains(&name.as_str()) || !is_falsy(&cell.machine) {
                continue;
            }
            *cell = match name.as_str() {
                "properties" => dict_column(Value::Null),
                "OS-EXT-STS:power_state" => power_state_column(Value::Null),
                "tags" | "volumes_attached" | "addresses" | "scheduler_hints" => continue,
                _ => Cell::from(Value::Null),
            };
        }
    }
    Output::show_sorted(fields)
}

/// Python truthiness of a JSON value.
fn is_falsy(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// Image names by id, in one `GET /v2/images?id=in:...` (errors ignored, as osc does).
async fn image_names(ctx: &Context, servers: &[Server]) -> BTreeMap<String, String> {
    let ids: BTreeSet<String> = servers.iter().filter_map(image_id).collect();
    if ids.is_empty() {
        return BTreeMap::new();
    }
    let query =
        ImageQuery { id: Some(format!("in:{}", ids.into_iter().collect::<Vec<_>>().join(","))), ..Default::default() };
    match ctx.conn.image().images().list(&query).try_collect::<Vec<_>>().await {
        Ok(images) => images.into_iter().map(|i| (i.id, i.name)).collect(),
        Err(e) => {
            tracing::debug!(error = %e, "image name lookup failed");
            BTreeMap::new()
        }
    }
}

async fn image_name(ctx: &Context, server: &Server) -> Option<String> {
    let id = image_id(server)?;
    ctx.conn.image().images().get(&id).await.ok().map(|i| i.name)
}

fn list(servers: &[Server], images: &BTreeMap<String, String>, long: bool) -> Output {
    let image_name = |s: &Server| match image_id(s) {
        None => BOOTED_FROM_VOLUME.to_string(),
        Some(id) => images.get(&id).cloned().unwrap_or_default(),
    };
    let flavor =
        |s: &Server| s.flavor.as_ref().and_then(|f| f.original_name.clone().or(f.id.clone())).unwrap_or_default();
    let status = |s: &Server| Cell::from(s.status.as_ref().map(|st| st.to_string()));
    if !long {
        let rows = servers
            .iter()
            .map(|s| {
                vec![
                    s.id.clone().into(),
                    s.name.clone().into(),
                    status(s),
                    addresses_column(s),
                    image_name(s).into(),
                    flavor(s).into(),
                ]
            })
            .collect();
        return Output::list(&["ID", "Name", "Status", "Networks", "Image", "Flavor"], rows);
    }
    let show_host_status = servers.iter().any(|s| s.extra.get("host_status").is_some_and(|v| !v.is_null()));
    let rows = servers
        .iter()
        .map(|s| {
            let raw = to_map(s);
            let get = |k: &str| raw.get(k).cloned().unwrap_or(Value::Null);
            let host = get("OS-EXT-SRV-ATTR:hypervisor_hostname");
            let host_text = host.as_str().unwrap_or("").to_string();
            let mut row = vec![
                Cell::from(s.id.clone()),
                s.name.clone().into(),
                status(s),
                get("OS-EXT-STS:task_state").into(),
                power_state_column(get("OS-EXT-STS:power_state")),
                addresses_column(s),
                image_name(s).into(),
                Cell::from(image_id(s).unwrap_or_default()),
                flavor(s).into(),
                get("OS-EXT-AZ:availability_zone").into(),
                Cell::formatted(host, host_text),
                dict_column(get("metadata")),
                get("pinned_availability_zone").into(),
                dict_list_column(raw.get("scheduler_hints").cloned().unwrap_or(json!({}))),
            ];
            if show_host_status {
                row.push(get("host_status").into());
            }
            row
        })
        .collect();
    let mut columns = vec![
        "ID",
        "Name",
        "Status",
        "Task State",
        "Power State",
        "Networks",
        "Image Name",
        "Image ID",
        "Flavor",
        "Availability Zone",
        "Host",
        "Properties",
        "Pinned Availability Zone",
        "Scheduler Hints",
    ];
    if show_host_status {
        columns.push("Host Status");
    }
    Output::list(&columns, rows)
}

impl ServerCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let compute = ctx.conn.compute();
        match self {
            ServerCommand::List(args) => {
                let flavor = match &args.flavor {
                    Some(f) => Some(compute.flavors().find(f).await?.id),
                    None => None,
                };
                let image = match &args.image {
                    Some(i) => Some(ctx.conn.image().images().find(i).await?.id),
                    None => None,
                };
                let query = ServerQuery {
                    name: args.name,
                    status: args.status,
                    flavor,
                    image,
                    host: args.host,
                    all_tenants: args.all_projects.then_some(true),
                    changes_since: args.changes_since,
                    limit: args.limit,
                    marker: args.marker,
                    ..Default::default()
                };
                let pager = compute.servers().list(&query);
                let servers: Vec<Server> = match args.limit {
                    Some(_) => pager.into_pages().try_next().await?.unwrap_or_default(),
                    None => pager.try_collect().await?,
                };
                let images = if args.no_name_lookup { BTreeMap::new() } else { image_names(ctx, &servers).await };
                Ok(list(&servers, &images, args.long))
            }
            ServerCommand::Show { server } => {
                let server = compute.servers().find(&server).await?;
                let name = image_name(ctx, &server).await;
                Ok(show(&server, name.as_deref(), false))
            }
            ServerCommand::Create(args) => create(ctx, args).await,
            ServerCommand::Delete { servers, wait, timeout } => {
                super::delete_each(&servers, "server with name or ID", "servers", |name| {
                    let compute = compute.clone();
                    async move {
                        let found = compute.servers().find(&name).await?;
                        compute.servers().delete(&found.id).await?;
                        if wait {
                            compute.servers().wait_for_delete(&found.id, Duration::from_secs(timeout)).await?;
                        }
                        Ok(())
                    }
                })
                .await
            }
            ServerCommand::Start { servers } => {
                for name in servers {
                    let found = compute.servers().find(&name).await?;
                    compute.servers().start(&found.id).await?;
                }
                Ok(Output::Nothing)
            }
            ServerCommand::Stop { servers } => {
                for name in servers {
                    let found = compute.servers().find(&name).await?;
                    compute.servers().stop(&found.id).await?;
                }
                Ok(Output::Nothing)
            }
            ServerCommand::Reboot { server, hard, soft: _, wait, timeout } => {
                let found = compute.servers().find(&server).await?;
                compute.servers().reboot(&found.id, if hard { RebootType::Hard } else { RebootType::Soft }).await?;
                if wait {
                    compute.servers().wait_until(&found.id, "ACTIVE", Duration::from_secs(timeout)).await?;
                }
                Ok(Output::Nothing)
            }
        }
    }
}

async fn create(ctx: &Context, args: CreateArgs) -> CommandResult {
    let compute = ctx.conn.compute();
    let net = ctx.conn.network();
    let flavor = compute.flavors().find(&args.flavor).await?;
    let mut body = CreateServer::new(&args.name, &flavor.id);
    let mut image_display = None;
    if let Some(image) = &args.image {
        let image = ctx.conn.image().images().find(image).await?;
        body = body.image(&image.id);
        image_display = Some(image.name);
    }
    let mut networks = Vec::new();
    let mut special = None;
    for name in &args.networks {
        networks.push(ServerNetwork::network(net.networks().find(name).await?.id));
    }
    for name in &args.ports {
        networks.push(ServerNetwork::port(net.ports().find(name).await?.id));
    }
    for nic in &args.nics {
        match nic.as_str() {
            "auto" => special = Some(ServerNetworks::Auto),
            "none" => special = Some(ServerNetworks::None),
            spec => {
                let mut entry = ServerNetwork::default();
                for part in spec.split(',') {
                    match part.split_once('=') {
                        Some(("net-id", v)) => entry.uuid = Some(net.networks().find(v).await?.id),
                        Some(("port-id", v)) => entry.port = Some(v.to_string()),
                        Some(("v4-fixed-ip" | "v6-fixed-ip", v)) => entry.fixed_ip = Some(v.to_string()),
                        Some(("tag", v)) => entry.tag = Some(v.to_string()),
                        _ => return Err(CliError::Message(format!("Invalid --nic argument '{spec}'."))),
                    }
                }
                networks.push(entry);
            }
        }
    }
    body.networks = match (special, networks.is_empty()) {
        (Some(s), _) => s,
        (None, false) => ServerNetworks::List(networks),
        (None, true) => ServerNetworks::Auto,
    };
    if let Some(key) = args.key_name {
        body = body.key_name(key);
    }
    for group in args.security_groups {
        body = body.security_group(group);
    }
    for (k, v) in args.properties {
        body = body.metadata(k, v);
    }
    if let Some(path) = args.user_data {
        let data =
            std::fs::read(&path).map_err(|e| CliError::Message(format!("Can't open '{}': {e}", path.display())))?;
        body = body.user_data(data);
    }
    if let Some(zone) = args.availability_zone {
        body = body.availability_zone(zone);
    }
    if let Some(description) = args.description {
        body = body.description(description);
    }
    if args.min.is_some() || args.max.is_some() {
        let min = args.min.unwrap_or(1);
        body = body.count(min, args.max.unwrap_or(min));
    }
    let created = compute.servers().create(&body).await?;
    let mut server = if args.wait {
        match compute.servers().wait_until(&created.id, "ACTIVE", Duration::from_secs(args.timeout)).await {
            Ok(s) => s,
            // `openstack` waits without a bound; only ostack's --timeout says why it stopped
            Err(ostack::Error::Wait { message, .. }) if message.starts_with("timed out") => {
                return Err(CliError::Message(format!("Error creating server: {} ({message})", args.name)))
            }
            Err(ostack::Error::Wait { .. }) => {
                return Err(CliError::Message(format!("Error creating server: {}", args.name)))
            }
            Err(e) => return Err(e.into()),
        }
    } else {
        compute.servers().get(&created.id).await?
    };
    server.admin_pass = created.admin_pass;
    Ok(show(&server, image_display.as_deref(), true))
}
