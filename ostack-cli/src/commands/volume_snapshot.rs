//! `volume snapshot create|list|show|set|unset|delete`.

use super::volume::{find, properties, show_exact, step, steps_done, ShowField};
use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, to_map};
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::block_storage::v3::{
    CinderListOptions, CreateSnapshot, ManageSnapshot, Snapshot, SnapshotQuery, UpdateSnapshot, VolumeQuery,
};
use serde_json::{json, Map, Value};

/// osc's snapshot fields (`_format_snapshot`), sorted.
const SNAPSHOT_FIELDS: &[ShowField] = &[
    ("created_at", "created_at", plain, false),
    ("description", "description", plain, false),
    ("id", "id", plain, false),
    ("name", "name", plain, false),
    ("properties", "metadata", dict_column, false),
    ("size", "size", plain, false),
    ("status", "status", plain, false),
    ("volume_id", "volume_id", plain, false),
];

fn show_snapshot(snapshot: &Snapshot) -> Output {
    show_exact(to_map(snapshot), SNAPSHOT_FIELDS)
}

/// `VolumeIdColumn`: the volume id, by name in tables when the volume is known (the list puts
/// `{"id": ..., "name": ...}` there).
pub fn volume_id_column(value: Value) -> Cell {
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let text = match value.get("name") {
        Some(Value::String(name)) => name.clone(),
        Some(Value::Null) => "None".to_string(),
        _ => crate::output::python_str(&id),
    };
    Cell::formatted(id, text)
}

/// The volume id of a row and the volume's name (`_volume_name`), for [`volume_id_column`].
pub fn volume_of(raw: &Map<String, Value>) -> Value {
    let id = raw.get("volume_id").cloned().unwrap_or(Value::Null);
    match raw.get("_volume_name") {
        Some(name) => json!({ "id": id, "name": name }),
        None => json!({ "id": id }),
    }
}

/// The names of the volumes of this project, for `VolumeIdColumn` (none on failure, as osc).
pub async fn volume_names(ctx: &Context) -> Map<String, Value> {
    let mut names = Map::new();
    if let Ok(all) = ctx.conn.block_storage().volumes().list(&VolumeQuery::default()).try_collect::<Vec<_>>().await {
        for volume in all {
            names.insert(volume.id.clone(), volume.name.clone().map(Value::String).unwrap_or(Value::Null));
        }
    }
    names
}

/// `volume snapshot ...` commands.
#[derive(Subcommand)]
pub enum VolumeSnapshotCommand {
    /// Create a snapshot (or manage an existing one with --remote-source).
    Create(CreateArgs),
    /// List snapshots.
    List(ListArgs),
    /// Show a snapshot.
    Show {
        /// Snapshot name or id.
        snapshot: String,
    },
    /// Change a snapshot.
    Set(SetArgs),
    /// Remove properties of a snapshot.
    Unset {
        /// Snapshot name or id.
        snapshot: String,
        /// Property key to remove (repeatable).
        #[arg(long = "property")]
        properties: Vec<String>,
    },
    /// Delete snapshots.
    Delete {
        /// Snapshot names or ids.
        #[arg(required = true)]
        snapshots: Vec<String>,
        /// Whatever the status (admin).
        #[arg(long)]
        force: bool,
        /// Only stop managing them (admin).
        #[arg(long)]
        remote: bool,
    },
}

/// `volume snapshot create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    snapshot_name: String,
    /// Volume to snapshot (name or id; default: the snapshot's name).
    #[arg(long)]
    volume: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Snapshot an attached volume (before 3.66).
    #[arg(long)]
    force: bool,
    /// Property (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Manage this backend snapshot instead (`source-name=...`, admin, repeatable).
    #[arg(long = "remote-source", value_parser = parse_key_value)]
    remote_source: Vec<(String, String)>,
}

/// `volume snapshot list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Snapshots of every project (admin).
    #[arg(long = "all-projects")]
    all_projects: bool,
    /// Snapshots of this project (id; admin).
    #[arg(long)]
    project: Option<String>,
    /// Creation time, volume and properties too.
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
    /// Start after this snapshot id.
    #[arg(long)]
    marker: Option<String>,
}

/// `volume snapshot set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Snapshot name or id.
    snapshot: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Remove every property first.
    #[arg(long = "no-property")]
    no_property: bool,
    /// Property (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Status, set in the database (admin).
    #[arg(long, value_parser = ["available", "error", "creating", "deleting", "error_deleting"])]
    state: Option<String>,
}

impl VolumeSnapshotCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeSnapshotCommand::Create(_) => Some("volume snapshot create"),
            VolumeSnapshotCommand::Show { .. } => Some("volume snapshot show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        let snapshots = bs.snapshots();
        match self {
            VolumeSnapshotCommand::Create(args) => {
                let volume = args.volume.as_deref().unwrap_or(&args.snapshot_name);
                let volume_id = find(&bs.volumes(), volume, "Volume").await?.id;
                let created = if args.remote_source.is_empty() {
                    let old = bs.volumes().microversion().await?.is_some_and(|v| v < ostack::Microversion::new(3, 66));
                    let body = CreateSnapshot {
                        name: Some(args.snapshot_name),
                        description: args.description,
                        force: old.then_some(args.force),
                        metadata: properties(args.properties),
                        volume_id,
                    };
                    snapshots.create(&body).await?
                } else {
                    if args.force {
                        eprintln!("'--force' option will not work when you create new volume snapshot from an existing remote volume snapshot");
                    }
                    let body = ManageSnapshot {
                        volume_id,
                        reference: args.remote_source.into_iter().map(|(k, v)| (k, Value::String(v))).collect(),
                        name: Some(args.snapshot_name),
                        description: args.description,
                        metadata: properties(args.properties),
                    };
                    snapshots.manage(&body).await?
                };
                Ok(show_snapshot(&created))
            }
            VolumeSnapshotCommand::List(args) => {
                let names = volume_names(ctx).await;
                let volume_id = match &args.volume {
                    Some(v) => Some(find(&bs.volumes(), v, "Volume").await?.id),
                    None => None,
                };
                let query = SnapshotQuery {
                    name: args.name,
                    status: args.status,
                    volume_id,
                    all_tenants: (args.all_projects || args.project.is_some()).then_some(true),
                    project_id: args.project,
                    common: CinderListOptions { limit: args.limit, marker: args.marker, ..Default::default() },
                    ..Default::default()
                };
                let found: Vec<Snapshot> = snapshots.list(&query).try_collect().await?;
                let rows: Vec<Map<String, Value>> = found
                    .iter()
                    .map(|s| {
                        let mut raw = to_map(s);
                        if let Some(name) = s.volume_id.as_ref().and_then(|id| names.get(id)) {
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
                ];
                if args.long {
                    columns.push(Column::new("Created At", "created_at", plain));
                    columns.push(Column::computed("Volume", volume_of, volume_id_column));
                    columns.push(Column::new("Properties", "metadata", dict_column));
                }
                let refs: Vec<&Column> = columns.iter().collect();
                Ok(list_of(&rows, &refs))
            }
            VolumeSnapshotCommand::Show { snapshot } => {
                Ok(show_snapshot(&find(&snapshots, &snapshot, "Snapshot").await?))
            }
            VolumeSnapshotCommand::Set(args) => {
                let snapshot = find(&snapshots, &args.snapshot, "Snapshot").await?;
                let mut failures = 0;
                if args.no_property {
                    step(&mut failures, "Failed to clean snapshot properties", async {
                        for key in snapshot.metadata.clone().unwrap_or_default().keys() {
                            snapshots.delete_metadata_item(&snapshot.id, key).await?;
                        }
                        Ok(())
                    })
                    .await;
                }
                if let Some(items) = properties(args.properties) {
                    step(&mut failures, "Failed to set snapshot property", async {
                        snapshots.set_metadata(&snapshot.id, &items).await?;
                        Ok(())
                    })
                    .await;
                }
                if let Some(state) = args.state {
                    step(&mut failures, "Failed to set snapshot state", async {
                        Ok(snapshots.reset_status(&snapshot.id, &state).await?)
                    })
                    .await;
                }
                let body = UpdateSnapshot {
                    name: args.name.filter(|n| !n.is_empty()),
                    description: args.description.filter(|d| !d.is_empty()),
                };
                if body.name.is_some() || body.description.is_some() {
                    step(&mut failures, "Failed to update snapshot name or description", async {
                        snapshots.update(&snapshot.id, &body).await?;
                        Ok(())
                    })
                    .await;
                }
                steps_done(failures, "set")
            }
            VolumeSnapshotCommand::Unset { snapshot, properties } => {
                let snapshot = find(&snapshots, &snapshot, "Snapshot").await?;
                for key in &properties {
                    snapshots.delete_metadata_item(&snapshot.id, key).await?;
                }
                Ok(Output::Nothing)
            }
            VolumeSnapshotCommand::Delete { snapshots: names, force, remote } => {
                if remote && force {
                    return Err(CliError::Message(
                        "The --force option is not supported with the --remote parameter.".into(),
                    ));
                }
                super::delete_each(&names, "snapshot with name or ID", "snapshots", |name| {
                    let snapshots = snapshots.clone();
                    async move {
                        let snapshot = find(&snapshots, &name, "Snapshot").await?;
                        if remote {
                            snapshots.unmanage(&snapshot.id).await?;
                        } else if force {
                            snapshots.force_delete(&snapshot.id).await?;
                        } else {
                            snapshots.delete(&snapshot.id).await?;
                        }
                        Ok(())
                    }
                })
                .await
            }
        }
    }
}
