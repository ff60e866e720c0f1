//! `server list|show|create|delete|start|stop|reboot`.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{as_list, dict_column, dict_list_column, list_column, list_dict_column, to_map};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::compute::v2::{CreateServer, RebootType, Server, ServerNetwork, ServerNetworks, ServerQuery};
use ostack::image::v2::ImageQuery;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// How long `--wait` waits unless `--timeout` says otherwise (seconds).
pub(crate) const WAIT_TIMEOUT_SECONDS: u64 = 3600;
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
    /// Server groups.
    #[command(subcommand)]
    Group(super::server_group::ServerGroupCommand),
    /// Add a fixed or floating IP, port, network, security group or volume.
    #[command(subcommand)]
    Add(super::server_add::AddCommand),
    /// Remove a fixed or floating IP, port, network, security group or volume.
    #[command(subcommand)]
    Remove(super::server_add::RemoveCommand),
    /// The volumes attached to a server.
    #[command(subcommand)]
    Volume(super::server_add::VolumeCommand),
    /// The server actions: pause, lock, resize, rebuild, migrate, ...
    #[command(flatten)]
    Action(super::server_action::ServerAction),
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

/// python-openstackclient's server columns (`openstackclient/compute/v2/server.py`): `server show`
/// is `_prep_server_detail`, openstacksdk's attributes under nova's names, sorted. The image name
/// osc looks up in glance rides in each server's body under [`IMAGE_NAME`].
const SERVER: Noun = Noun {
    what: "server",
    plural: "servers",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Status", "status", plain),
        Column::new("Task State", "OS-EXT-STS:task_state", plain).long_only(),
        Column::new("Power State", "OS-EXT-STS:power_state", power_state_column).long_only(),
        Column::new("Networks", "addresses", addresses_column),
        Column::computed("Image", image_name_column, plain).without_long(),
        Column::computed("Image Name", image_name_column, plain).long_only(),
        Column::computed("Image ID", |raw| image_id(raw).unwrap_or_default().into(), plain).long_only(),
        Column::computed("Flavor", flavor_name, plain),
    ],
    long: &[
        Column::new("Availability Zone", "OS-EXT-AZ:availability_zone", plain),
        Column::new("Host", "OS-EXT-SRV-ATTR:hypervisor_hostname", host_column),
        Column::new("Properties", "metadata", dict_column),
        Column::new("Pinned Availability Zone", "pinned_availability_zone", plain),
        Column::new("Scheduler Hints", "scheduler_hints", dict_list_column),
        Column::new("Host Status", "host_status", plain).only_if_set(),
    ],
    show: &[
        Field::plain("OS-DCF:diskConfig"),
        Field::plain("OS-EXT-AZ:availability_zone"),
        Field::plain("OS-EXT-SRV-ATTR:host"),
        Field::plain("OS-EXT-SRV-ATTR:hostname"),
        Field::plain("OS-EXT-SRV-ATTR:hypervisor_hostname"),
        Field::plain("OS-EXT-SRV-ATTR:instance_name"),
        Field::plain("OS-EXT-SRV-ATTR:kernel_id"),
        Field::plain("OS-EXT-SRV-ATTR:launch_index"),
        Field::plain("OS-EXT-SRV-ATTR:ramdisk_id"),
        Field::plain("OS-EXT-SRV-ATTR:reservation_id"),
        Field::plain("OS-EXT-SRV-ATTR:root_device_name"),
        Field::plain("OS-EXT-SRV-ATTR:user_data"),
        Field::new("OS-EXT-STS:power_state", "OS-EXT-STS:power_state", power_state_column),
        Field::plain("OS-EXT-STS:task_state"),
        Field::plain("OS-EXT-STS:vm_state"),
        Field::plain("OS-SRV-USG:launched_at"),
        Field::plain("OS-SRV-USG:terminated_at"),
        Field::plain("accessIPv4"),
        Field::plain("accessIPv6"),
        Field::new("addresses", "addresses", addresses_column),
        Field::plain("adminPass").only_if_set(),
        Field::plain("config_drive"),
        Field::plain("created"),
        Field::plain("description"),
        Field::plain("fault").only_if_set(),
        Field::new("flavor", "flavor", flavor_column),
        Field::plain("hostId"),
        Field::plain("host_status"),
        Field::plain("id"),
        Field::computed("image", image_field, plain),
        Field::plain("key_name"),
        Field::plain("locked"),
        Field::plain("locked_reason"),
        Field::plain("name"),
        Field::plain("pinned_availability_zone"),
        Field::plain("progress"),
        Field::new("project_id", "tenant_id", plain),
        Field::new("properties", "metadata", dict_column),
        Field::computed("scheduler_hints", scheduler_hints, dict_list_column),
        Field::new("security_groups", "security_groups", list_dict_column),
        Field::plain("server_groups"),
        Field::plain("status"),
        Field::new("tags", "tags", list_column),
        Field::plain("trusted_image_certificates"),
        Field::plain("updated"),
        Field::plain("user_id"),
        Field::computed("volumes_attached", volumes_attached, list_dict_column),
    ],
    hidden: &[],
};

/// Where a server's body carries the image name looked up in glance (not a nova key).
const IMAGE_NAME: &str = "ostack:image_name";

/// `AddressesColumn`: `{net: [ip, ...]}`; tables `net=ip1, ip2; net2=ip3`.
fn addresses_column(value: Value) -> Cell {
    let machine: Map<String, Value> = match value {
        Value::Object(nets) => nets
            .into_iter()
            .map(|(net, addrs)| {
                let ips = as_list(addrs).into_iter().map(|a| a.get("addr").cloned().unwrap_or(Value::Null)).collect();
                (net, Value::Array(ips))
            })
            .collect(),
        _ => Map::new(),
    };
    dict_list_column(Value::Object(machine))
}

/// `PowerStateColumn`.
fn power_state_column(value: Value) -> Cell {
    const NAMES: [&str; 8] = ["NOSTATE", "Running", "", "Paused", "Shutdown", "", "Crashed", "Suspended"];
    let text = value.as_u64().and_then(|i| NAMES.get(i as usize)).copied().unwrap_or("N/A");
    Cell::formatted(value, text)
}

/// `server list --long`'s host: the hypervisor, blank in tables when unknown.
fn host_column(value: Value) -> Cell {
    let text = value.as_str().unwrap_or("").to_string();
    Cell::formatted(value, text)
}

/// The id of the image a server was booted from (`None` when booted from a volume).
fn image_id(raw: &Map<String, Value>) -> Option<String> {
    raw.get("image")?.get("id")?.as_str().map(str::to_string)
}

/// `server list`'s image: its name (blank when not looked up), or that it was booted from a
/// volume.
fn image_name_column(raw: &Map<String, Value>) -> Value {
    match image_id(raw) {
        None => BOOTED_FROM_VOLUME.into(),
        Some(_) => raw.get(IMAGE_NAME).cloned().unwrap_or_else(|| "".into()),
    }
}

/// `server show`'s image: `name (id)`, the id when the name is unknown, or that it was booted
/// from a volume.
fn image_field(raw: &Map<String, Value>) -> Value {
    match (image_id(raw), raw.get(IMAGE_NAME).and_then(Value::as_str)) {
        (None, _) => BOOTED_FROM_VOLUME.into(),
        (Some(id), Some(name)) => format!("{name} ({id})").into(),
        (Some(id), None) => id.into(),
    }
}

/// `server list`'s flavor: the name it was booted with (the id before microversion 2.47).
fn flavor_name(raw: &Map<String, Value>) -> Value {
    let flavor = raw.get("flavor");
    let name = |key: &str| flavor.and_then(|f| f.get(key)).and_then(Value::as_str);
    name("original_name").or_else(|| name("id")).unwrap_or_default().into()
}

/// The flavor as openstacksdk's Flavor resource renders it (osc prints that dict).
fn flavor_column(value: Value) -> Cell {
    let Value::Object(f) = value else { return dict_column(Value::Null) };
    let get = |k: &str| f.get(k).cloned().unwrap_or(Value::Null);
    let or_zero = |k: &str| match get(k) {
        Value::Null => json!(0),
        v => v,
    };
    let name = match get("original_name") {
        Value::Null => get("id"),
        n => n,
    };
    let extra_specs = match get("extra_specs") {
        Value::Null => json!({}),
        specs => specs,
    };
    let map = json!({
        "name": name, "original_name": get("original_name"), "description": get("description"),
        "disk": or_zero("disk"), "is_public": true, "ram": or_zero("ram"), "vcpus": or_zero("vcpus"),
        "swap": or_zero("swap"), "ephemeral": or_zero("ephemeral"), "is_disabled": null,
        "rxtx_factor": null, "extra_specs": extra_specs, "id": name, "location": null,
    });
    dict_column(map)
}

/// The scheduler hints under either of nova's names, `{}` when none.
fn scheduler_hints(raw: &Map<String, Value>) -> Value {
    raw.get("scheduler_hints").or_else(|| raw.get("OS-SCH-HNT:scheduler_hints")).cloned().unwrap_or(json!({}))
}

/// The attached volumes without their null values.
fn volumes_attached(raw: &Map<String, Value>) -> Value {
    let volumes = raw.get("os-extended-volumes:volumes_attached").cloned().unwrap_or(Value::Null);
    as_list(volumes)
        .into_iter()
        .map(|v| match v {
            Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
            other => other,
        })
        .collect()
}

/// A server's body with the image name looked up for it.
fn with_image_name(server: &Server, image_name: Option<&str>) -> Map<String, Value> {
    let mut raw = to_map(server);
    if let Some(name) = image_name {
        raw.insert(IMAGE_NAME.into(), name.into());
    }
    raw
}

/// `server show`, or with `created` what `server create` prints: osc starts from the POST answer
/// and takes only the non-empty values of the follow-up GET, so empty values print as null.
fn show(server: &Server, image_name: Option<&str>, created: bool) -> Output {
    const FROM_POST: [&str; 5] = ["OS-DCF:diskConfig", "id", "adminPass", "security_groups", IMAGE_NAME];
    let mut raw = with_image_name(server, image_name);
    if created {
        for (key, value) in raw.iter_mut() {
            if !FROM_POST.contains(&key.as_str()) && is_falsy(value) {
                *value = Value::Null;
            }
        }
    }
    SERVER.fixed_fields(raw, true).sorted()
}

/// `server show` of a server already fetched, with its image name looked up.
pub(crate) async fn show_server(ctx: &Context, server: &Server) -> CommandResult {
    let name = image_name(ctx, server).await;
    Ok(show(server, name.as_deref(), false))
}

/// `server show` of a server body as it is, with the given image name.
pub(crate) fn show_with_image(server: &Server, image_name: Option<&str>) -> Output {
    show(server, image_name, false)
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
    let ids: BTreeSet<String> = servers.iter().filter_map(booted_from).collect();
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

/// The id of the image a server was booted from.
fn booted_from(server: &Server) -> Option<String> {
    server.image()?.id.clone()
}

/// The name of the image a server was booted from (errors ignored, as osc does).
async fn image_name(ctx: &Context, server: &Server) -> Option<String> {
    let id = booted_from(server)?;
    ctx.conn.image().images().get(&id).await.ok().map(|i| i.name)
}

/// `server list`, with the image names looked up.
fn list(servers: &[Server], images: &BTreeMap<String, String>, long: bool) -> Output {
    let rows: Vec<Map<String, Value>> = servers
        .iter()
        .map(|s| with_image_name(s, booted_from(s).and_then(|id| images.get(&id)).map(String::as_str)))
        .collect();
    SERVER.list(&rows, long)
}

impl ServerCommand {
    /// The name of the command when it prints one record (cliff's ShowOne: no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ServerCommand::Show { .. } => Some("server show"),
            ServerCommand::Create(_) => Some("server create"),
            ServerCommand::Action(action) => action.show_one_name(),
            ServerCommand::Group(group) => group.show_one_name(),
            ServerCommand::Add(add) => add.show_one_name(),
            _ => None,
        }
    }

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
                // SERVER.delete, plus --wait
                super::delete_each(&servers, "server with name or ID", SERVER.plural, |name| {
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
                    super::server_action::complete("Complete\n");
                }
                Ok(Output::Nothing)
            }
            ServerCommand::Action(action) => action.run(ctx).await,
            ServerCommand::Group(group) => group.run(ctx).await,
            ServerCommand::Add(add) => add.run(ctx).await,
            ServerCommand::Remove(remove) => remove.run(ctx).await,
            ServerCommand::Volume(volume) => volume.run(ctx).await,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn field(output: &Output, name: &str) -> Cell {
        let Output::Show(fields) = output else { panic!("not a show: {output:?}") };
        fields.iter().find(|(n, _)| n == name).map(|(_, c)| c.clone()).unwrap_or_else(|| panic!("no {name}"))
    }

    #[test]
    fn show_and_create_fields() {
        let server: Server = serde_json::from_value(json!({
            "id": "s", "name": "vm", "accessIPv4": "", "OS-EXT-STS:power_state": 0, "metadata": {},
            "image": {"id": "i"}, "flavor": {"original_name": "m1", "ram": 64}, "tags": [],
            "addresses": {"net": [{"addr": "10.0.0.5", "version": 4}]}, "security_groups": [],
        }))
        .unwrap();
        let shown = show(&server, Some("cirros"), false);
        assert_eq!(field(&shown, "accessIPv4").machine, json!(""), "as nova sent it");
        assert_eq!(field(&shown, "image").machine, json!("cirros (i)"));
        assert_eq!(field(&shown, "addresses").table_text(), "net=10.0.0.5");
        assert_eq!(field(&shown, "flavor").machine["vcpus"], json!(0));
        assert_eq!(field(&shown, "OS-EXT-STS:power_state").table_text(), "NOSTATE");
        // create: the empty values of the follow-up GET print as null, what the POST gave stays
        let created = show(&server, Some(""), true);
        assert_eq!(field(&created, "accessIPv4").machine, Value::Null);
        assert_eq!(field(&created, "OS-EXT-STS:power_state").table_text(), "N/A");
        assert_eq!(field(&created, "properties").table_text(), "None");
        assert_eq!(field(&created, "security_groups").machine, json!([]));
        assert_eq!(field(&created, "image").machine, json!(" (i)"));
        // booted from a volume: nova's "" image
        let volume: Server = serde_json::from_value(json!({"id": "s", "image": ""})).unwrap();
        assert_eq!(field(&show(&volume, None, false), "image").machine, json!(BOOTED_FROM_VOLUME));
    }
}
