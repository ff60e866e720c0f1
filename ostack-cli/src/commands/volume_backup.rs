//! `volume backup create|list|show|set|delete|restore` and `volume backup record export|import`.

use super::volume::{find, properties, step, steps_done};
use super::volume_snapshot::{volume_id_column, volume_names, volume_of};
use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::block_storage::v3::{Backup, BackupQuery, BackupRecord, CinderListOptions, CreateBackup, UpdateBackup};
use ostack::Microversion;
use serde_json::{Map, Value};

/// The fields osc shows of a backup (`volume backup show`), in this order.
const BACKUP_FIELDS: &[(&str, &str)] = &[
    ("availability_zone", "availability_zone"),
    ("container", "container"),
    ("created_at", "created_at"),
    ("data_timestamp", "data_timestamp"),
    ("description", "description"),
    ("encryption_key_id", "encryption_key_id"),
    ("fail_reason", "fail_reason"),
    ("has_dependent_backups", "has_dependent_backups"),
    ("id", "id"),
    ("is_incremental", "is_incremental"),
    ("metadata", "metadata"),
    ("name", "name"),
    ("object_count", "object_count"),
    ("project_id", "os-backup-project-attr:project_id"),
    ("size", "size"),
    ("snapshot_id", "snapshot_id"),
    ("status", "status"),
    ("updated_at", "updated_at"),
    ("user_id", "user_id"),
    ("volume_id", "volume_id"),
];

/// These fields of an API body, in this order, as they are (osc's `get_dict_properties`).
fn show_fields(raw: &Map<String, Value>, fields: &[(&str, &str)]) -> Output {
    Output::Show(
        fields
            .iter()
            .map(|(name, key)| (name.to_string(), Cell::from(raw.get(*key).cloned().unwrap_or(Value::Null))))
            .collect(),
    )
}

/// `volume backup ...` commands.
#[derive(Subcommand)]
pub enum VolumeBackupCommand {
    /// Back up a volume.
    Create(CreateArgs),
    /// List backups.
    List(ListArgs),
    /// Show a backup.
    Show {
        /// Backup name or id.
        backup: String,
    },
    /// Change a backup.
    Set(SetArgs),
    /// Delete backups.
    Delete {
        /// Backup names or ids.
        #[arg(required = true)]
        backups: Vec<String>,
        /// Whatever the status.
        #[arg(long)]
        force: bool,
    },
    /// Restore a backup into a new volume, or into an existing one with --force.
    Restore {
        /// Backup name or id.
        backup: String,
        /// The volume to restore into (name or id), or the name of a new one.
        volume: Option<String>,
        /// Restore into an existing volume, overwriting it.
        #[arg(long)]
        force: bool,
    },
    /// Backup records (to import a backup into another cloud).
    #[command(subcommand)]
    Record(RecordCommand),
}

/// `volume backup record ...` commands.
#[derive(Subcommand)]
pub enum RecordCommand {
    /// Export a backup's record.
    Export {
        /// Backup name or id.
        backup: String,
    },
    /// Import a backup record.
    Import {
        /// The backup driver of the record.
        backup_service: String,
        /// The record (`backup_url`).
        backup_metadata: String,
    },
}

/// `volume backup create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Volume to back up (name or id).
    volume: String,
    /// Name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Container in the backup store.
    #[arg(long)]
    container: Option<String>,
    /// Back up this snapshot of the volume (name or id).
    #[arg(long)]
    snapshot: Option<String>,
    /// Back up an attached volume too.
    #[arg(long)]
    force: bool,
    /// Only what changed since the last backup.
    #[arg(long, conflicts_with = "no_incremental")]
    incremental: bool,
    /// A full backup (default).
    #[arg(long = "no-incremental")]
    no_incremental: bool,
    /// Property (repeatable; 3.43+).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Availability zone of the backup service (3.51+).
    #[arg(long = "availability-zone")]
    availability_zone: Option<String>,
}

/// `volume backup list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Backups of this project (id; admin).
    #[arg(long)]
    project: Option<String>,
    /// Availability zone, volume and container too.
    #[arg(long)]
    long: bool,
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// By status.
    #[arg(long)]
    status: Option<String>,
    /// Of this volume (name or id).
    #[arg(long)]
    volume: Option<String>,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this backup (name or id).
    #[arg(long)]
    marker: Option<String>,
    /// Backups of every project (admin).
    #[arg(long = "all-projects")]
    all_projects: bool,
}

/// `volume backup set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Backup name or id.
    backup: String,
    /// New name (3.9+).
    #[arg(long)]
    name: Option<String>,
    /// Description (3.9+).
    #[arg(long)]
    description: Option<String>,
    /// Status, set in the database (admin).
    #[arg(long)]
    state: Option<String>,
    /// Remove every property first (3.43+).
    #[arg(long = "no-property")]
    no_property: bool,
    /// Property (repeatable; 3.43+).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
}

/// Whether the command line asks for the table format (the default): `volume backup record
/// export` names its fields differently in tables, as osc does.
fn table_format() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let mut format = "table".to_string();
    for (i, arg) in args.iter().enumerate() {
        if arg == "-f" || arg == "--format" {
            if let Some(next) = args.get(i + 1) {
                format = next.clone();
            }
        } else if let Some(value) = arg.strip_prefix("--format=").or_else(|| arg.strip_prefix("-f")) {
            if !value.is_empty() && !arg.starts_with("--") || arg.starts_with("--format=") {
                format = value.to_string();
            }
        }
    }
    format == "table"
}

/// osc's error when the cloud's microversion is too old for an option.
fn needs(option: &str, version: &str) -> CliError {
    CliError::Message(format!(
        "--os-volume-api-version {version} or greater is required to support the {option} option"
    ))
}

impl VolumeBackupCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeBackupCommand::Create(_) => Some("volume backup create"),
            VolumeBackupCommand::Show { .. } => Some("volume backup show"),
            VolumeBackupCommand::Restore { .. } => Some("volume backup restore"),
            VolumeBackupCommand::Record(RecordCommand::Export { .. }) => Some("volume backup record export"),
            VolumeBackupCommand::Record(RecordCommand::Import { .. }) => Some("volume backup record import"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        let backups = bs.backups();
        let at_least = |v: Option<Microversion>, major, minor| v.is_none_or(|v| v >= Microversion::new(major, minor));
        match self {
            VolumeBackupCommand::Create(args) => {
                let version = backups.microversion().await?;
                let volume_id = find(&bs.volumes(), &args.volume, "Volume").await?.id;
                let snapshot_id = match &args.snapshot {
                    Some(s) => Some(find(&bs.snapshots(), s, "Snapshot").await?.id),
                    None => None,
                };
                if !args.properties.is_empty() && !at_least(version, 3, 43) {
                    return Err(needs("--property", "3.43"));
                }
                if args.availability_zone.is_some() && !at_least(version, 3, 51) {
                    return Err(needs("--availability-zone", "3.51"));
                }
                let body = CreateBackup {
                    volume_id,
                    name: args.name,
                    description: args.description,
                    container: args.container,
                    incremental: Some(args.incremental),
                    force: Some(args.force),
                    snapshot_id,
                    metadata: properties(args.properties),
                    availability_zone: args.availability_zone,
                };
                let created = backups.create(&body).await?;
                Ok(show_fields(&to_map(&created), &[("id", "id"), ("name", "name"), ("volume_id", "volume_id")]))
            }
            VolumeBackupCommand::List(args) => {
                let names = volume_names(ctx).await;
                let volume_id = match &args.volume {
                    // a volume that is gone may still have backups: then the argument is the id
                    Some(v) => Some(match bs.volumes().find(v).await {
                        Ok(found) => found.id,
                        Err(e) if e.is_not_found() => v.clone(),
                        Err(e) => return Err(e.into()),
                    }),
                    None => None,
                };
                let marker = match &args.marker {
                    Some(m) => Some(find(&backups, m, "Backup").await?.id),
                    None => None,
                };
                let query = BackupQuery {
                    name: args.name,
                    status: args.status,
                    volume_id,
                    all_tenants: (args.all_projects || args.project.is_some()).then_some(true),
                    project_id: args.project,
                    common: CinderListOptions { limit: args.limit, marker, ..Default::default() },
                };
                let found: Vec<Backup> = backups.list(&query).try_collect().await?;
                let rows: Vec<Map<String, Value>> = found
                    .iter()
                    .map(|b| {
                        let mut raw = to_map(b);
                        if let Some(name) = b.volume_id.as_ref().and_then(|id| names.get(id)) {
                            raw.insert("_volume_name".into(), name.clone());
                        }
                        raw
                    })
                    .collect();
                let mut columns = vec![
                    Column::new("ID", "id", plain),
                    Column::new("Name", "name", plain),
                    Column::new("Description", "description", plain),
                    Column::new("Status", "status", plain),
                    Column::new("Size", "size", plain),
                    Column::new("Incremental", "is_incremental", plain),
                    Column::new("Created At", "created_at", plain),
                ];
                if args.long {
                    columns.push(Column::new("Availability Zone", "availability_zone", plain));
                    columns.push(Column::computed("Volume", volume_of, volume_id_column));
                    columns.push(Column::new("Container", "container", plain));
                }
                let refs: Vec<&Column> = columns.iter().collect();
                Ok(list_of(&rows, &refs))
            }
            VolumeBackupCommand::Show { backup } => {
                Ok(show_fields(&to_map(&find(&backups, &backup, "Backup").await?), BACKUP_FIELDS))
            }
            VolumeBackupCommand::Set(args) => {
                let version = backups.microversion().await?;
                let backup = find(&backups, &args.backup, "Backup").await?;
                let mut failures = 0;
                if let Some(state) = &args.state {
                    step(&mut failures, "Failed to set backup state", async {
                        Ok(backups.reset_status(&backup.id, state).await?)
                    })
                    .await;
                }
                if args.name.is_some() && !at_least(version, 3, 9) {
                    return Err(needs("--name", "3.9"));
                }
                if args.description.is_some() && !at_least(version, 3, 9) {
                    return Err(needs("--description", "3.9"));
                }
                if args.no_property && !at_least(version, 3, 43) {
                    return Err(needs("--no-property", "3.43"));
                }
                if !args.properties.is_empty() && !at_least(version, 3, 43) {
                    return Err(needs("--property", "3.43"));
                }
                let mut body = UpdateBackup {
                    name: args.name.filter(|n| !n.is_empty()),
                    description: args.description.filter(|d| !d.is_empty()),
                    metadata: None,
                };
                // as osc: from 3.43 the metadata is always sent, the current one by default
                if at_least(version, 3, 43) {
                    let mut metadata =
                        if args.no_property { Default::default() } else { backup.metadata.clone().unwrap_or_default() };
                    metadata.extend(args.properties);
                    body.metadata = Some(metadata);
                }
                if body.name.is_some() || body.description.is_some() || body.metadata.is_some() {
                    step(&mut failures, "Failed to update backup", async {
                        backups.update(&backup.id, &body).await?;
                        Ok(())
                    })
                    .await;
                }
                steps_done(failures, "set")
            }
            VolumeBackupCommand::Delete { backups: names, force } => {
                super::delete_each(&names, "backup with name or ID", "backups", |name| {
                    let backups = backups.clone();
                    async move {
                        let backup = find(&backups, &name, "Backup").await?;
                        if force {
                            backups.force_delete(&backup.id).await?;
                        } else {
                            backups.delete(&backup.id).await?;
                        }
                        Ok(())
                    }
                })
                .await
            }
            VolumeBackupCommand::Restore { backup, volume, force } => {
                let backup = find(&backups, &backup, "Backup").await?;
                let (volume_id, volume_name) = match &volume {
                    None => (None, None),
                    Some(v) => match bs.volumes().find(v).await {
                        Ok(found) if force => (Some(found.id), None),
                        Ok(_) => {
                            return Err(CliError::Message(format!(
                                "Volume '{v}' already exists; if you want to restore the backup to it you need to specify the '--force' option"
                            )))
                        }
                        Err(_) => (None, Some(v.clone())),
                    },
                };
                let restored = backups.restore(&backup.id, volume_id.as_deref(), volume_name.as_deref()).await?;
                let raw = to_map(&restored);
                Ok(show_fields(
                    &raw,
                    &[("id", "backup_id"), ("volume_id", "volume_id"), ("volume_name", "volume_name")],
                ))
            }
            VolumeBackupCommand::Record(RecordCommand::Export { backup }) => {
                let backup = find(&backups, &backup, "Backup").await?;
                let record = backups.export_record(&backup.id).await?;
                // osc renames the two fields in tables only
                let (service, url) =
                    if table_format() { ("Backup Service", "Metadata") } else { ("backup_service", "backup_url") };
                Ok(Output::show_sorted(vec![
                    (service.into(), Cell::from(Value::String(record.backup_service))),
                    (url.into(), Cell::from(Value::String(record.backup_url))),
                ]))
            }
            VolumeBackupCommand::Record(RecordCommand::Import { backup_service, backup_metadata }) => {
                let record = BackupRecord { backup_service, backup_url: backup_metadata };
                let imported = backups.import_record(&record).await?;
                let raw = to_map(&imported);
                Ok(show_fields(&raw, &[("id", "id"), ("name", "name")]))
            }
        }
    }
}
