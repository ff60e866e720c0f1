//! `volume create|list|show|set|unset|delete|migrate|revert`, and the nouns under `volume`
//! (`volume snapshot ...`, `volume backup ...`, `volume type ...`, `volume qos ...`), in their
//! own files. Columns and fields are python-openstackclient's (`openstackclient/volume/v3/`),
//! which shows what openstacksdk's block storage resources hold.

use super::{flag, parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, ShowFields};
use crate::noun::{list_of, plain, Column, Formatter};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::block_storage::v3::{
    CreateVolume, ManageVolume, MigrateVolume, ResetVolumeStatus, UpdateVolume, Volume, VolumeQuery,
};
use ostack::{Api, Resource};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;

pub use super::volume_admin::{VolumeBackendCommand, VolumeMessageCommand, VolumeServiceCommand};
pub use super::volume_backup::VolumeBackupCommand;
pub use super::volume_qos::VolumeQosCommand;
pub use super::volume_snapshot::VolumeSnapshotCommand;
pub use super::volume_transfer::{VolumeAttachmentCommand, VolumeTransferCommand};
pub use super::volume_type::VolumeTypeCommand;

/// Find by name or id, failing as openstacksdk does with its class name (`No Snapshot found
/// for x`).
pub async fn find<R: Resource>(api: &Api<R>, name_or_id: &str, osc_name: &str) -> Result<R, CliError> {
    match api.find(name_or_id).await {
        Ok(found) => Ok(found),
        Err(ostack::Error::NotFound { name_or_id, .. }) => {
            Err(CliError::Message(format!("No {osc_name} found for {name_or_id}")))
        }
        Err(ostack::Error::MultipleMatches { name, .. }) => {
            Err(CliError::Message(format!("More than one {osc_name} exists with the name '{name}'.")))
        }
        Err(e) => Err(e.into()),
    }
}

/// A boolean cinder may send as text (`"true"`): a JSON bool, `True`/`False` in tables.
pub fn bool_column(value: Value) -> Cell {
    let parsed = match &value {
        Value::Bool(b) => Value::Bool(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => value.clone(),
        },
        _ => value.clone(),
    };
    Cell::from(parsed)
}

/// One field of an exact show: (name, API key, formatter, shown only when set).
pub type ShowField = (&'static str, &'static str, Formatter, bool);

/// A show of exactly these fields (openstacksdk keeps no unknown attribute), sorted by name.
pub fn show_exact(raw: Map<String, Value>, fields: &[ShowField]) -> Output {
    let mut show = ShowFields::new(raw);
    for (name, key, format, only_if_set) in fields {
        if *only_if_set && show.get(key).is_null() {
            continue;
        }
        let cell = format(show.get(key));
        show.computed(name, cell);
    }
    show.sorted()
}

/// `key=value` options as a map.
pub fn properties(pairs: Vec<(String, String)>) -> Option<BTreeMap<String, String>> {
    (!pairs.is_empty()).then(|| pairs.into_iter().collect())
}

/// Run one part of a `set`/`unset`: on failure, log `what: error` as osc does and count it.
pub async fn step<F: std::future::Future<Output = Result<(), CliError>>>(failures: &mut usize, what: &str, run: F) {
    if let Err(e) = run.await {
        eprintln!("{what}: {}", crate::errors::message(&e, false));
        *failures += 1;
    }
}

/// The end of a `set`/`unset`: osc's summary error when a part failed.
pub fn steps_done(failures: usize, verb: &str) -> CommandResult {
    if failures == 0 {
        Ok(Output::Nothing)
    } else {
        Err(CliError::Message(format!("One or more of the {verb} operations failed")))
    }
}

/// osc's volume fields (`_format_volume`): openstacksdk's attributes, sorted.
const VOLUME_FIELDS: &[ShowField] = &[
    ("attachments", "attachments", plain, false),
    ("availability_zone", "availability_zone", plain, false),
    ("backup_id", "backup_id", plain, false),
    ("bootable", "bootable", bool_column, false),
    ("cluster_name", "cluster_name", plain, false),
    ("consistencygroup_id", "consistencygroup_id", plain, true),
    ("consumes_quota", "consumes_quota", plain, false),
    ("created_at", "created_at", plain, false),
    ("description", "description", plain, false),
    ("encrypted", "encrypted", bool_column, false),
    ("encryption_key_id", "encryption_key_id", plain, true),
    ("group_id", "group_id", plain, false),
    ("id", "id", plain, false),
    ("multiattach", "multiattach", plain, false),
    ("name", "name", plain, false),
    ("os-vol-host-attr:host", "os-vol-host-attr:host", plain, false),
    ("os-vol-mig-status-attr:migstat", "os-vol-mig-status-attr:migstat", plain, false),
    ("os-vol-mig-status-attr:name_id", "os-vol-mig-status-attr:name_id", plain, false),
    ("os-vol-tenant-attr:tenant_id", "os-vol-tenant-attr:tenant_id", plain, false),
    ("properties", "metadata", dict_column, false),
    ("provider_id", "provider_id", plain, false),
    ("replication_status", "replication_status", plain, false),
    ("service_uuid", "service_uuid", plain, false),
    ("shared_targets", "shared_targets", plain, false),
    ("size", "size", plain, false),
    ("snapshot_id", "snapshot_id", plain, false),
    ("source_volid", "source_volid", plain, false),
    ("status", "status", plain, false),
    ("type", "volume_type", plain, false),
    ("updated_at", "updated_at", plain, false),
    ("user_id", "user_id", plain, false),
    ("volume_image_metadata", "volume_image_metadata", plain, true),
    ("volume_type_id", "volume_type_id", plain, false),
];

/// A volume as osc shows it.
pub fn show_volume(volume: &Volume) -> Output {
    show_exact(crate::format::to_map(volume), VOLUME_FIELDS)
}

/// `AttachmentsColumn`: the attachments as cinder sent them; in tables `Attached to <server> on
/// <device> ` for each, the server by name when it is known. (The list puts the names under
/// `_servers` of the row; see [`list_volumes`].)
fn attachments_column(value: Value) -> Cell {
    let attachments = value.get("attachments").cloned().unwrap_or(Value::Array(Vec::new()));
    let servers = value.get("servers").cloned().unwrap_or(Value::Null);
    let mut text = String::new();
    for attachment in attachments.as_array().into_iter().flatten() {
        let server = attachment.get("server_id").and_then(Value::as_str).unwrap_or("");
        let shown = servers.get(server).and_then(Value::as_str).unwrap_or(server);
        let device = attachment.get("device").map(crate::output::python_str).unwrap_or_else(|| "None".into());
        text.push_str(&format!("Attached to {shown} on {device} "));
    }
    Cell::formatted(attachments, text)
}

/// The attachments of a row and the server names (`_servers`) the list added.
fn attachments_of(raw: &Map<String, Value>) -> Value {
    json!({ "attachments": raw.get("attachments").cloned().unwrap_or(Value::Array(Vec::new())),
            "servers": raw.get("_servers").cloned().unwrap_or(Value::Null) })
}

/// `volume list`: osc's columns, the attachments' servers by name.
async fn list_volumes(ctx: &Context, found: Vec<Volume>, long: bool) -> CommandResult {
    let mut servers = Map::new();
    if found.iter().any(|v| v.status.as_deref() == Some("in-use")) {
        // as osc: the servers of this project, and never a failure for it
        if let Ok(all) = ctx.conn.compute().servers().list(&Default::default()).try_collect::<Vec<_>>().await {
            for server in all {
                servers.insert(server.id.clone(), Value::String(server.name.clone()));
            }
        }
    }
    let rows: Vec<Map<String, Value>> = found
        .iter()
        .map(|v| {
            let mut raw = crate::format::to_map(v);
            raw.insert("_servers".into(), Value::Object(servers.clone()));
            raw.insert("_bootable".into(), Value::Bool(v.is_bootable()));
            raw
        })
        .collect();
    let mut columns = vec![
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Status", "status", plain),
        Column::new("Size", "size", plain),
    ];
    if long {
        columns.push(Column::new("Type", "volume_type", plain));
        columns.push(Column::new("Bootable", "_bootable", plain));
    }
    columns.push(Column::computed("Attached to", attachments_of, attachments_column));
    if long {
        columns.push(Column::new("Properties", "metadata", dict_column));
    }
    let refs: Vec<&Column> = columns.iter().collect();
    Ok(list_of(&rows, &refs))
}

/// `volume ...` commands.
#[derive(Subcommand)]
pub enum VolumeCommand {
    /// Create a volume (or manage an existing one with --remote-source).
    Create(CreateArgs),
    /// List volumes.
    List(ListArgs),
    /// Show a volume.
    Show {
        /// Volume name or id.
        volume: String,
    },
    /// Change a volume.
    Set(SetArgs),
    /// Remove properties of a volume.
    Unset(UnsetArgs),
    /// Delete volumes.
    Delete(DeleteArgs),
    /// Migrate a volume to another backend (admin).
    Migrate(MigrateArgs),
    /// Revert a volume to its latest snapshot (3.40+).
    Revert {
        /// The snapshot (name or id); its volume is reverted.
        snapshot: String,
    },
    /// Volume snapshots.
    #[command(subcommand)]
    Snapshot(VolumeSnapshotCommand),
    /// Volume backups.
    #[command(subcommand)]
    Backup(VolumeBackupCommand),
    /// Volume types.
    #[command(subcommand)]
    Type(VolumeTypeCommand),
    /// QoS specs.
    #[command(subcommand)]
    Qos(VolumeQosCommand),
    /// User messages (3.3+).
    #[command(subcommand)]
    Message(VolumeMessageCommand),
    /// Block storage services.
    #[command(subcommand)]
    Service(VolumeServiceCommand),
    /// Backend pools and capabilities.
    #[command(subcommand)]
    Backend(VolumeBackendCommand),
    /// Volume transfer requests.
    #[command(subcommand)]
    Transfer(VolumeTransferCommand),
    /// Attachments in the volume service (3.27+).
    #[command(subcommand)]
    Attachment(VolumeAttachmentCommand),
}

/// `--bootable`/`--non-bootable` and `--read-only`/`--read-write`.
#[derive(Args)]
pub struct Flags {
    /// Mark bootable.
    #[arg(long, conflicts_with = "non_bootable")]
    bootable: bool,
    /// Mark not bootable.
    #[arg(long = "non-bootable")]
    non_bootable: bool,
    /// Read-only.
    #[arg(long = "read-only", conflicts_with = "read_write")]
    read_only: bool,
    /// Read-write.
    #[arg(long = "read-write")]
    read_write: bool,
}

/// `volume create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: Option<String>,
    /// Size in GiB (needed unless a snapshot, source, backup or remote source gives it).
    #[arg(long)]
    size: Option<u64>,
    /// Volume type (name or id).
    #[arg(long = "type")]
    volume_type: Option<String>,
    /// Image to copy into the volume (name or id).
    #[arg(long)]
    image: Option<String>,
    /// Snapshot to make the volume from (name or id).
    #[arg(long)]
    snapshot: Option<String>,
    /// Volume to clone (name or id).
    #[arg(long)]
    source: Option<String>,
    /// Backup to restore into the volume (name or id; 3.47+).
    #[arg(long)]
    backup: Option<String>,
    /// Manage this backend volume instead (`source-name=...`, admin, repeatable).
    #[arg(long = "remote-source", value_parser = parse_key_value)]
    remote_source: Vec<(String, String)>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Availability zone.
    #[arg(long = "availability-zone")]
    availability_zone: Option<String>,
    /// Property (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Scheduler hint (repeatable; `same_host`, `different_host`, ...).
    #[arg(long = "hint", value_parser = parse_key_value)]
    hints: Vec<(String, String)>,
    #[command(flatten)]
    flags: Flags,
    /// With --remote-source: the backend (`host@backend#pool`).
    #[arg(long)]
    host: Option<String>,
    /// With --remote-source: the cluster.
    #[arg(long)]
    cluster: Option<String>,
}

/// `volume list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Volumes of this project (id; admin).
    #[arg(long)]
    project: Option<String>,
    /// Volumes of this user (id; admin).
    #[arg(long)]
    user: Option<String>,
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// By status.
    #[arg(long)]
    status: Option<String>,
    /// By property (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Volumes of every project (admin).
    #[arg(long = "all-projects")]
    all_projects: bool,
    /// Type, bootable and properties too.
    #[arg(long)]
    long: bool,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this volume id.
    #[arg(long)]
    marker: Option<String>,
}

/// `volume set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Volume name or id.
    volume: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// New size in GiB (larger).
    #[arg(long)]
    size: Option<u64>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Remove every property first.
    #[arg(long = "no-property")]
    no_property: bool,
    /// Property (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Image property (repeatable).
    #[arg(long = "image-property", value_parser = parse_key_value)]
    image_properties: Vec<(String, String)>,
    /// Status, set in the database (admin).
    #[arg(long)]
    state: Option<String>,
    /// Mark attached in the database (admin).
    #[arg(long)]
    attached: bool,
    /// Mark detached in the database (admin).
    #[arg(long)]
    detached: bool,
    /// New volume type (name or id).
    #[arg(long = "type")]
    volume_type: Option<String>,
    /// Deprecated name of --migration-policy.
    #[arg(long = "retype-policy")]
    retype_policy: Option<String>,
    /// With --type: `never` (default) or `on-demand`.
    #[arg(long = "migration-policy")]
    migration_policy: Option<String>,
    #[command(flatten)]
    flags: Flags,
}

/// `volume unset` options.
#[derive(Args)]
pub struct UnsetArgs {
    /// Volume name or id.
    volume: String,
    /// Property key to remove (repeatable).
    #[arg(long = "property")]
    properties: Vec<String>,
    /// Image property key to remove (repeatable).
    #[arg(long = "image-property")]
    image_properties: Vec<String>,
}

/// `volume delete` options.
#[derive(Args)]
pub struct DeleteArgs {
    /// Volume names or ids.
    #[arg(required = true)]
    volumes: Vec<String>,
    /// Whatever the status (admin).
    #[arg(long)]
    force: bool,
    /// With their snapshots.
    #[arg(long, alias = "purge")]
    cascade: bool,
    /// Only stop managing them (admin): the backend keeps them.
    #[arg(long)]
    remote: bool,
}

/// `volume migrate` options.
#[derive(Args)]
pub struct MigrateArgs {
    /// Volume name or id.
    volume: String,
    /// Destination backend (`host@backend#pool`).
    #[arg(long, required_unless_present = "cluster", conflicts_with = "cluster")]
    host: Option<String>,
    /// Destination cluster (3.16+).
    #[arg(long)]
    cluster: Option<String>,
    /// Copy through the cinder host.
    #[arg(long = "force-host-copy")]
    force_host_copy: bool,
    /// Keep the volume locked meanwhile.
    #[arg(long = "lock-volume")]
    lock_volume: bool,
}

impl VolumeCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeCommand::Create(_) => Some("volume create"),
            VolumeCommand::Show { .. } => Some("volume show"),
            VolumeCommand::Snapshot(c) => c.show_one_name(),
            VolumeCommand::Backup(c) => c.show_one_name(),
            VolumeCommand::Type(c) => c.show_one_name(),
            VolumeCommand::Qos(c) => c.show_one_name(),
            VolumeCommand::Message(c) => c.show_one_name(),
            VolumeCommand::Transfer(c) => c.show_one_name(),
            VolumeCommand::Attachment(c) => c.show_one_name(),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        let volumes = bs.volumes();
        match self {
            VolumeCommand::Create(args) => create(ctx, args).await,
            VolumeCommand::List(args) => {
                let query = VolumeQuery {
                    name: args.name,
                    status: args.status,
                    metadata: properties(args.properties),
                    all_tenants: (args.all_projects || args.project.is_some()).then_some(true),
                    project_id: args.project,
                    user_id: args.user,
                    common: ostack::block_storage::v3::CinderListOptions {
                        limit: args.limit,
                        marker: args.marker,
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let found: Vec<Volume> = if query.common.limit.is_some() {
                    volumes.list(&query).into_pages().try_next().await?.unwrap_or_default()
                } else {
                    volumes.list(&query).try_collect().await?
                };
                list_volumes(ctx, found, args.long).await
            }
            VolumeCommand::Show { volume } => Ok(show_volume(&find(&volumes, &volume, "Volume").await?)),
            VolumeCommand::Set(args) => set(ctx, args).await,
            VolumeCommand::Unset(args) => {
                let volume = find(&volumes, &args.volume, "Volume").await?;
                let mut failures = 0;
                if !args.properties.is_empty() {
                    step(&mut failures, "Failed to unset volume properties", async {
                        for key in &args.properties {
                            volumes.delete_metadata_item(&volume.id, key).await?;
                        }
                        Ok(())
                    })
                    .await;
                }
                if !args.image_properties.is_empty() {
                    step(&mut failures, "Failed to unset image properties", async {
                        for key in &args.image_properties {
                            volumes.unset_image_metadata(&volume.id, key).await?;
                        }
                        Ok(())
                    })
                    .await;
                }
                steps_done(failures, "unset")
            }
            VolumeCommand::Delete(args) => {
                if args.remote && (args.force || args.cascade) {
                    return Err(CliError::Message(
                        "The --force and --cascade options are not supported with the --remote parameter.".into(),
                    ));
                }
                super::delete_each(&args.volumes, "volume with name or ID", "volumes", |name| {
                    let volumes = volumes.clone();
                    async move {
                        let volume = find(&volumes, &name, "Volume").await?;
                        if args.remote {
                            volumes.unmanage(&volume.id).await?;
                        } else if args.force {
                            volumes.force_delete(&volume.id).await?;
                        } else {
                            volumes.delete_with(&volume.id, args.cascade, false).await?;
                        }
                        Ok(())
                    }
                })
                .await
            }
            VolumeCommand::Migrate(args) => {
                let volume = find(&volumes, &args.volume, "Volume").await?;
                let body = MigrateVolume {
                    host: args.host,
                    cluster: args.cluster,
                    force_host_copy: Some(args.force_host_copy),
                    lock_volume: Some(args.lock_volume),
                };
                volumes.migrate(&volume.id, &body).await?;
                Ok(Output::Nothing)
            }
            VolumeCommand::Revert { snapshot } => {
                if volumes.microversion().await?.is_some_and(|v| v < ostack::Microversion::new(3, 40)) {
                    return Err(CliError::Message(
                        "--os-volume-api-version 3.40 or greater is required to support the 'volume revert snapshot' command".into(),
                    ));
                }
                let snapshot = find(&bs.snapshots(), &snapshot, "Snapshot").await?;
                let volume_id = snapshot.volume_id.clone().unwrap_or_default();
                let volume = find(&volumes, &volume_id, "Volume").await?;
                volumes.revert_to_snapshot(&volume.id, &snapshot.id).await?;
                Ok(Output::Nothing)
            }
            VolumeCommand::Snapshot(c) => c.run(ctx).await,
            VolumeCommand::Backup(c) => c.run(ctx).await,
            VolumeCommand::Type(c) => c.run(ctx).await,
            VolumeCommand::Qos(c) => c.run(ctx).await,
            VolumeCommand::Message(c) => c.run(ctx).await,
            VolumeCommand::Service(c) => c.run(ctx).await,
            VolumeCommand::Backend(c) => c.run(ctx).await,
            VolumeCommand::Transfer(c) => c.run(ctx).await,
            VolumeCommand::Attachment(c) => c.run(ctx).await,
        }
    }
}

/// Wait (as osc, polling each second) until the volume is `available`; then run `then`, logging
/// a failure as osc does (the volume is still created).
async fn when_available<F, Fut>(volumes: &Api<Volume>, id: &str, failure: &str, not_available: &str, then: F)
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = ostack::Result<()>>,
{
    let outcome = match volumes.wait_for_status(id, &["available"], &["error"], Duration::from_secs(600)).await {
        Ok(_) => then().await.map_err(CliError::from),
        Err(ostack::Error::Wait { .. }) => Err(CliError::Message(not_available.into())),
        Err(e) => Err(e.into()),
    };
    if let Err(e) = outcome {
        eprintln!("{failure}: {}", crate::errors::message(&e, false));
    }
}

async fn create(ctx: &Context, args: CreateArgs) -> CommandResult {
    let bs = ctx.conn.block_storage();
    let volumes = bs.volumes();
    let remote = !args.remote_source.is_empty();
    if args.snapshot.is_none() && args.source.is_none() && args.backup.is_none() && !remote && args.size.is_none() {
        return Err(CliError::Message(
            "--size is a required option if none of --snapshot, --backup, --source, or --remote-source are provided."
                .into(),
        ));
    }
    if (args.host.is_some() || args.cluster.is_some()) && !remote {
        return Err(CliError::Message(
            "The --host and --cluster options are only supported with --remote-source parameter.".into(),
        ));
    }
    let bootable = flag(args.flags.bootable, args.flags.non_bootable);
    let read_only = flag(args.flags.read_only, args.flags.read_write);
    if remote {
        if args.size.is_some() || !args.hints.is_empty() || read_only.is_some() {
            return Err(CliError::Message(
                "The --size, --consistency-group, --hint, --read-only and --read-write options are not supported with the --remote-source parameter.".into(),
            ));
        }
        match (&args.host, &args.cluster) {
            (Some(_), Some(_)) => {
                return Err(CliError::Message(
                    "Only one of --host or --cluster needs to be specified to manage a volume.".into(),
                ))
            }
            (None, None) => {
                return Err(CliError::Message(
                    "One of --host or --cluster needs to be specified to manage a volume.".into(),
                ))
            }
            _ => {}
        }
        let body = ManageVolume {
            host: args.host,
            cluster: args.cluster,
            reference: args.remote_source.into_iter().map(|(k, v)| (k, Value::String(v))).collect(),
            name: args.name,
            description: args.description,
            volume_type: args.volume_type,
            availability_zone: args.availability_zone,
            bootable: Some(bootable.unwrap_or(false)),
            metadata: properties(args.properties),
        };
        return Ok(show_volume(&volumes.manage(&body).await?));
    }
    let mut size = args.size;
    let mut body = CreateVolume {
        name: args.name,
        description: args.description,
        volume_type: args.volume_type,
        availability_zone: args.availability_zone,
        metadata: properties(args.properties),
        ..Default::default()
    };
    if let Some(source) = &args.source {
        let found = find(&volumes, source, "Volume").await?;
        size = Some(size.unwrap_or(0).max(found.size.unwrap_or(0)));
        body.source_volid = Some(found.id);
    }
    if let Some(image) = &args.image {
        let found = ctx.conn.image().images().find(image).await.map_err(|e| match e {
            ostack::Error::NotFound { .. } => CliError::Message(format!("No Image found for {image}")),
            other => other.into(),
        })?;
        body.image_ref = Some(found.id);
    }
    if let Some(snapshot) = &args.snapshot {
        let found = find(&bs.snapshots(), snapshot, "Snapshot").await?;
        size = Some(size.unwrap_or(0).max(found.size.unwrap_or(0)));
        body.snapshot_id = Some(found.id);
    }
    if let Some(backup) = &args.backup {
        if volumes.microversion().await?.is_some_and(|v| v < ostack::Microversion::new(3, 47)) {
            return Err(CliError::Message(
                "--os-volume-api-version 3.47 or greater is required to create a volume from backup.".into(),
            ));
        }
        let found = find(&bs.backups(), backup, "Backup").await?;
        size = Some(size.unwrap_or(0).max(found.size.unwrap_or(0)));
        body.backup_id = Some(found.id);
    }
    body.size = size;
    let created = if args.hints.is_empty() {
        volumes.create(&body).await?
    } else {
        volumes.create_with_hints(&body, &hints(args.hints)).await?
    };
    if let Some(bootable) = bootable {
        when_available(
            &volumes,
            &created.id,
            "Failed to set volume bootable property",
            "Volume status is not available for setting boot state",
            || volumes.set_bootable(&created.id, bootable),
        )
        .await;
    }
    if let Some(read_only) = read_only {
        when_available(
            &volumes,
            &created.id,
            "Failed to set volume read-only access mode flag",
            "Volume status is not available for setting it read only.",
            || volumes.set_readonly(&created.id, read_only),
        )
        .await;
    }
    Ok(show_volume(&created))
}

/// osc's `--hint`: repeated keys (`same_host`, `different_host`) collect into lists; values of
/// `local_to_instance`... are plain.
fn hints(pairs: Vec<(String, String)>) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in pairs {
        match out.get_mut(&key) {
            Some(Value::Array(items)) => items.push(Value::String(value)),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, Value::String(value)]);
            }
            None => {
                let list_keys = ["same_host", "different_host"];
                let v = if list_keys.contains(&key.as_str()) {
                    Value::Array(vec![Value::String(value)])
                } else {
                    Value::String(value)
                };
                out.insert(key, v);
            }
        }
    }
    out
}

async fn set(ctx: &Context, args: SetArgs) -> CommandResult {
    let bs = ctx.conn.block_storage();
    let volumes = bs.volumes();
    let volume = find(&volumes, &args.volume, "Volume").await?;
    let mut failures = 0;
    if args.retype_policy.is_some() {
        eprintln!("The '--retype-policy' option has been deprecated in favor of '--migration-policy' option. The '--retype-policy' option will be removed in a future release. Please use '--migration-policy' instead.");
    }
    if let Some(size) = args.size {
        step(&mut failures, "Failed to set volume size", async {
            let current = volume.size.unwrap_or(0);
            let status = volume.status.clone().unwrap_or_default();
            if size <= current {
                return Err(CliError::Message(format!("New size must be greater than {current} GB")));
            }
            if status != "available" && status != "in-use" {
                return Err(CliError::Message(format!(
                    "Volume is in {status} state, it must be available or in-use before size can be extended."
                )));
            }
            Ok(volumes.extend(&volume.id, size).await?)
        })
        .await;
    }
    if args.no_property {
        step(&mut failures, "Failed to clean volume properties", async {
            volumes.replace_metadata(&volume.id, &BTreeMap::new()).await?;
            Ok(())
        })
        .await;
    }
    if let Some(items) = properties(args.properties) {
        step(&mut failures, "Failed to set volume properties", async {
            volumes.set_metadata(&volume.id, &items).await?;
            Ok(())
        })
        .await;
    }
    if let Some(items) = properties(args.image_properties) {
        step(&mut failures, "Failed to set image properties", async {
            volumes.set_image_metadata(&volume.id, &items).await?;
            Ok(())
        })
        .await;
    }
    if let Some(state) = args.state {
        step(&mut failures, "Failed to set volume state", async {
            let body = ResetVolumeStatus { status: Some(state), ..Default::default() };
            Ok(volumes.reset_status(&volume.id, &body).await?)
        })
        .await;
    }
    for (on, status) in [(args.attached, "attached"), (args.detached, "detached")] {
        if on {
            step(&mut failures, "Failed to set volume attach-status", async {
                let body = ResetVolumeStatus { attach_status: Some(status.into()), ..Default::default() };
                Ok(volumes.reset_status(&volume.id, &body).await?)
            })
            .await;
        }
    }
    if let Some(bootable) = flag(args.flags.bootable, args.flags.non_bootable) {
        step(&mut failures, "Failed to set volume bootable property", async {
            Ok(volumes.set_bootable(&volume.id, bootable).await?)
        })
        .await;
    }
    if let Some(read_only) = flag(args.flags.read_only, args.flags.read_write) {
        step(&mut failures, "Failed to set volume read-only access mode flag", async {
            Ok(volumes.set_readonly(&volume.id, read_only).await?)
        })
        .await;
    }
    let policy = args.migration_policy.clone().or(args.retype_policy.clone());
    if let Some(new_type) = &args.volume_type {
        step(&mut failures, "Failed to set volume type", async {
            let found = find(&bs.types(), new_type, "Type").await?;
            let policy = policy.as_deref().unwrap_or("never");
            Ok(volumes.retype(&volume.id, &found.id, Some(policy)).await?)
        })
        .await;
    } else if policy.is_some() {
        let option = if args.migration_policy.is_some() { "--migration-policy" } else { "--retype-policy" };
        eprintln!("'{option}' option will not work without '--type' option");
    }
    let body = UpdateVolume {
        name: args.name.filter(|n| !n.is_empty()),
        description: args.description.filter(|d| !d.is_empty()),
        metadata: None,
    };
    if body.name.is_some() || body.description.is_some() {
        step(&mut failures, "Failed to update volume display name or display description", async {
            volumes.update(&volume.id, &body).await?;
            Ok(())
        })
        .await;
    }
    steps_done(failures, "set")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_print_servers_by_name_when_known() {
        let raw = json!({"attachments": [
            {"server_id": "s1", "device": "/dev/vdb", "id": "a"}, {"server_id": "s2", "device": "/dev/vdc"}],
            "_servers": {"s1": "web"}});
        let cell = attachments_column(attachments_of(raw.as_object().unwrap()));
        assert_eq!(cell.table_text(), "Attached to web on /dev/vdb Attached to s2 on /dev/vdc ");
        assert_eq!(cell.machine, raw["attachments"]);
    }

    #[test]
    fn hints_collect_host_lists() {
        let pairs = [("same_host", "a"), ("same_host", "b"), ("local_to_instance", "i"), ("different_host", "c")]
            .map(|(k, v)| (k.to_string(), v.to_string()));
        assert_eq!(
            Value::Object(hints(pairs.to_vec())),
            json!({"same_host": ["a", "b"], "local_to_instance": "i", "different_host": ["c"]})
        );
    }

    #[test]
    fn bool_text_becomes_a_bool() {
        assert_eq!(bool_column(json!("false")).machine, json!(false));
        assert_eq!(bool_column(json!("True")).table_text(), "True");
        assert_eq!(bool_column(json!(true)).machine, json!(true));
    }
}
