//! `volume transfer request create|list|show|accept|delete` and `volume attachment
//! create|list|show|set|complete|delete`: python-openstackclient 10.5's options and columns
//! (`openstackclient/volume/v3/{volume_transfer_request,volume_attachment}.py`).

use super::volume::find;
use super::volume_admin::{command_needs, not_found, raw_cell, supports};
use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, to_map};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::block_storage::v3::{
    Attachment, AttachmentQuery, CreateAttachment, CreateTransfer, Transfer, TransferQuery, UpdateAttachment,
};
use serde_json::{Map, Value};

/// `volume transfer ...`.
#[derive(Subcommand)]
pub enum VolumeTransferCommand {
    /// Transfer requests.
    #[command(subcommand)]
    Request(TransferRequestCommand),
}

/// `volume transfer request ...`.
#[derive(Subcommand)]
pub enum TransferRequestCommand {
    /// Offer a volume to another project.
    Create {
        /// Name of the request.
        #[arg(long)]
        name: Option<String>,
        /// Also transfer its snapshots (3.55+; the default).
        #[arg(long, conflicts_with = "no_snapshots")]
        snapshots: bool,
        /// Do not transfer its snapshots (3.55+).
        #[arg(long = "no-snapshots")]
        no_snapshots: bool,
        /// Volume (name or id).
        volume: String,
    },
    /// List transfer requests.
    List {
        /// Of every project (admin).
        #[arg(long = "all-projects")]
        all_projects: bool,
    },
    /// Show a transfer request.
    Show {
        /// Transfer request (name or id).
        transfer_request: String,
    },
    /// Accept a transfer request (its id only).
    Accept {
        /// Transfer request id.
        transfer_request: String,
        /// The request's authentication key.
        #[arg(long = "auth-key", required = true)]
        auth_key: String,
    },
    /// Delete transfer requests.
    Delete {
        /// Transfer requests (names or ids).
        #[arg(required = true)]
        transfer_requests: Vec<String>,
    },
}

fn text(value: Option<String>) -> Cell {
    Cell::from(value.map(Value::String).unwrap_or(Value::Null))
}

fn fields(raw: &Map<String, Value>, keys: &[&str]) -> Output {
    Output::Show(keys.iter().map(|k| (k.to_string(), raw_cell(raw, k))).collect())
}

impl VolumeTransferCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeTransferCommand::Request(TransferRequestCommand::Create { .. }) => {
                Some("volume transfer request create")
            }
            VolumeTransferCommand::Request(TransferRequestCommand::Show { .. }) => Some("volume transfer request show"),
            VolumeTransferCommand::Request(TransferRequestCommand::Accept { .. }) => {
                Some("volume transfer request accept")
            }
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        let transfers = bs.transfers();
        let VolumeTransferCommand::Request(command) = self;
        match command {
            TransferRequestCommand::Create { name, snapshots, no_snapshots, volume } => {
                let mut body = CreateTransfer::new(String::new());
                if snapshots || no_snapshots {
                    if !supports(ctx, 3, 55).await? {
                        return Err(CliError::Message(
                            "--os-volume-api-version 3.55 or greater is required to support the '--(no-)snapshots' option"
                                .into(),
                        ));
                    }
                    body.no_snapshots = Some(no_snapshots);
                }
                body.volume_id = find(&bs.volumes(), &volume, "Volume").await?.id;
                body.name = name;
                let created = transfers.create(&body).await?;
                let raw = to_map(&created);
                let mut shown = fields(&raw, &["auth_key", "created_at", "id", "name", "volume_id"]);
                if let Output::Show(f) = &mut shown {
                    // the key is only in the create answer, and not in our Debug: print it as sent
                    f[0].1 = text(created.auth_key.clone());
                }
                Ok(shown)
            }
            TransferRequestCommand::List { all_projects } => {
                let query = TransferQuery { all_tenants: all_projects.then_some(true), ..Default::default() };
                let found: Vec<Transfer> = transfers.list(&query).try_collect().await?;
                let rows = found
                    .into_iter()
                    .map(|t| vec![Cell::from(Value::String(t.id)), text(t.name), text(t.volume_id)])
                    .collect();
                Ok(Output::list(&["ID", "Name", "Volume"], rows))
            }
            TransferRequestCommand::Show { transfer_request } => {
                let found = find(&transfers, &transfer_request, "Transfer").await?;
                Ok(fields(&to_map(&found), &["created_at", "id", "name", "volume_id"]))
            }
            TransferRequestCommand::Accept { transfer_request, auth_key } => {
                // a project that cannot see the request (the usual case) accepts by the id given
                let id = match transfers.find(&transfer_request).await {
                    Ok(found) => found.id,
                    Err(_) => transfer_request,
                };
                let accepted = transfers.accept(&id, &auth_key).await?;
                Ok(Output::Show(vec![
                    ("id".into(), Cell::from(Value::String(accepted.id))),
                    ("name".into(), text(accepted.name)),
                    ("volume_id".into(), text(accepted.volume_id)),
                ]))
            }
            TransferRequestCommand::Delete { transfer_requests } => {
                let mut failed = 0;
                for name in &transfer_requests {
                    let deleted = async {
                        let id = find(&transfers, name, "Transfer").await?.id;
                        transfers.delete(&id).await.map_err(CliError::from)
                    };
                    if let Err(e) = deleted.await {
                        eprintln!(
                            "Failed to delete volume transfer request with name or ID '{name}': {}",
                            crate::errors::message(&e, false)
                        );
                        failed += 1;
                    }
                }
                if failed > 0 {
                    return Err(CliError::Message(format!(
                        "{failed} of {} volume transfer requests failed to delete",
                        transfer_requests.len()
                    )));
                }
                Ok(Output::Nothing)
            }
        }
    }
}

/// The connector options of `volume attachment create|set`.
#[derive(Args)]
pub struct Connector {
    /// IQN of the initiator attaching to.
    #[arg(long)]
    initiator: Option<String>,
    /// IP of the system attaching to.
    #[arg(long)]
    ip: Option<String>,
    /// Name of the host attaching to.
    #[arg(long)]
    host: Option<String>,
    /// Platform type.
    #[arg(long)]
    platform: Option<String>,
    /// OS type.
    #[arg(long = "os-type")]
    os_type: Option<String>,
    /// Use multipath.
    #[arg(long, conflicts_with = "no_multipath")]
    multipath: bool,
    /// Do not use multipath.
    #[arg(long = "no-multipath")]
    no_multipath: bool,
    /// Mountpoint the volume will be attached at.
    #[arg(long)]
    mountpoint: Option<String>,
}

impl Connector {
    /// osc's connector: every key, null where not given.
    fn body(&self) -> Map<String, Value> {
        let s = |v: &Option<String>| v.clone().map(Value::String).unwrap_or(Value::Null);
        let mut map = Map::new();
        map.insert("initiator".into(), s(&self.initiator));
        map.insert("ip".into(), s(&self.ip));
        map.insert("platform".into(), s(&self.platform));
        map.insert("host".into(), s(&self.host));
        map.insert("os_type".into(), s(&self.os_type));
        map.insert("multipath".into(), Value::Bool(self.multipath));
        map.insert("mountpoint".into(), s(&self.mountpoint));
        map
    }

    fn any(&self) -> bool {
        self.initiator.is_some()
            || self.ip.is_some()
            || self.platform.is_some()
            || self.host.is_some()
            || self.multipath
            || self.mountpoint.is_some()
    }
}

/// `volume attachment ...` (3.27+).
#[derive(Subcommand)]
pub enum VolumeAttachmentCommand {
    /// Create an attachment in the volume service only (no hypervisor attach).
    Create {
        /// Volume (name or id).
        volume: String,
        /// Server (name or id).
        #[arg(long)]
        server: Option<String>,
        /// Connect with the connector options.
        #[arg(long, conflicts_with = "no_connect")]
        connect: bool,
        /// Do not connect.
        #[arg(long = "no-connect")]
        no_connect: bool,
        /// `rw`, `ro` or `null` (3.54+).
        #[arg(long)]
        mode: Option<String>,
        #[command(flatten)]
        connector: Connector,
    },
    /// List attachments.
    List {
        /// Of this project (name or id; admin).
        #[arg(long)]
        project: Option<String>,
        /// Domain of --project (name or id).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
        /// Of every project (admin).
        #[arg(long = "all-projects")]
        all_projects: bool,
        /// Of this volume.
        #[arg(long = "volume-id")]
        volume_id: Option<String>,
        /// Of this server.
        #[arg(long = "server-id")]
        server_id: Option<String>,
        /// In this status.
        #[arg(long)]
        status: Option<String>,
        /// Start after this attachment id.
        #[arg(long)]
        marker: Option<String>,
        /// Page size.
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Show an attachment.
    Show {
        /// Attachment id.
        attachment: String,
    },
    /// Update an attachment's connector.
    Set {
        /// Attachment id.
        attachment: String,
        #[command(flatten)]
        connector: Connector,
    },
    /// Mark an attachment completed (3.44+).
    Complete {
        /// Attachment id.
        attachment: String,
    },
    /// Delete an attachment in the volume service only.
    Delete {
        /// Attachment id.
        attachment: String,
    },
}

/// osc's `_format_attachment`.
fn show_attachment(attachment: &Attachment) -> Output {
    let mut raw = to_map(attachment);
    // cinder sends "" for a time not reached yet (its view's `_normalize`), osc prints that
    for key in ["attached_at", "detached_at"] {
        if raw.get(key).is_none_or(Value::is_null) {
            raw.insert(key.to_string(), Value::String(String::new()));
        }
    }
    let mut out: Vec<(String, Cell)> = [
        ("ID", "id"),
        ("Volume ID", "volume_id"),
        ("Instance ID", "instance"),
        ("Status", "status"),
        ("Attach Mode", "attach_mode"),
        ("Attached At", "attached_at"),
        ("Detached At", "detached_at"),
    ]
    .iter()
    .map(|(name, key)| (name.to_string(), raw_cell(&raw, key)))
    .collect();
    out.push(("Properties".into(), dict_column(raw.get("connection_info").cloned().unwrap_or(Value::Null))));
    Output::Show(out)
}

impl VolumeAttachmentCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeAttachmentCommand::Create { .. } => Some("volume attachment create"),
            VolumeAttachmentCommand::Show { .. } => Some("volume attachment show"),
            VolumeAttachmentCommand::Set { .. } => Some("volume attachment set"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        let attachments = bs.attachments();
        match self {
            VolumeAttachmentCommand::Create { volume, server, connect, no_connect: _, mode, connector } => {
                command_needs(ctx, 3, 27, "volume attachment create").await?;
                if mode.is_some() && !supports(ctx, 3, 54).await? {
                    return Err(CliError::Message(
                        "--os-volume-api-version 3.54 or greater is required to support the '--mode' option".into(),
                    ));
                }
                let body = if connect {
                    connector.body()
                } else if connector.any() {
                    return Err(CliError::Message(
                        "You must specify the --connect option for any of the connection-specific options such as --initiator to be valid"
                            .into(),
                    ));
                } else {
                    Map::new()
                };
                let volume = find(&bs.volumes(), &volume, "Volume").await?;
                let server = match server {
                    Some(s) => ctx.conn.compute().servers().find(&s).await.map_err(|e| match e {
                        ostack::Error::NotFound { .. } => CliError::Message(format!("No Server found for {s}")),
                        other => other.into(),
                    })?,
                    None => return Err(CliError::Message("No Server found for None".into())),
                };
                let create = CreateAttachment {
                    volume_uuid: volume.id,
                    instance_uuid: Some(server.id),
                    connector: Some(body),
                    mode,
                };
                Ok(show_attachment(&attachments.create(&create).await?))
            }
            VolumeAttachmentCommand::List {
                project,
                project_domain,
                all_projects,
                volume_id,
                server_id,
                status,
                marker,
                limit,
            } => {
                command_needs(ctx, 3, 27, "volume attachment list").await?;
                let project_id = match &project {
                    Some(p) => Some(
                        super::identity::project_id(&ctx.conn.identity(), p, project_domain.as_deref(), false).await?,
                    ),
                    None => None,
                };
                let mut query = AttachmentQuery {
                    volume_id,
                    instance_id: server_id,
                    status,
                    all_tenants: (project.is_some() || all_projects).then_some(true),
                    project_id,
                    ..Default::default()
                };
                query.common.marker = marker;
                query.common.limit = limit;
                let found: Vec<Attachment> = attachments.list(&query).try_collect().await?;
                let rows = found
                    .iter()
                    .map(|a| {
                        let raw = to_map(a);
                        ["id", "volume_id", "instance", "status"].iter().map(|k| raw_cell(&raw, k)).collect()
                    })
                    .collect();
                Ok(Output::list(&["ID", "Volume ID", "Server ID", "Status"], rows))
            }
            VolumeAttachmentCommand::Show { attachment } => {
                command_needs(ctx, 3, 27, "volume attachment show").await?;
                let found = attachments.get(&attachment).await.map_err(|e| not_found("Attachment", &attachment, e))?;
                Ok(show_attachment(&found))
            }
            VolumeAttachmentCommand::Set { attachment, connector } => {
                command_needs(ctx, 3, 27, "volume attachment set").await?;
                let updated =
                    attachments.update(&attachment, &UpdateAttachment { connector: connector.body() }).await?;
                Ok(show_attachment(&updated))
            }
            VolumeAttachmentCommand::Complete { attachment } => {
                command_needs(ctx, 3, 44, "volume attachment complete").await?;
                attachments.complete(&attachment).await?;
                Ok(Output::Nothing)
            }
            VolumeAttachmentCommand::Delete { attachment } => {
                command_needs(ctx, 3, 27, "volume attachment delete").await?;
                // as openstacksdk's delete_attachment: a missing one is no failure
                match attachments.delete(&attachment).await {
                    Ok(()) | Err(ostack::Error::Api { status: 404, .. }) => Ok(Output::Nothing),
                    Err(e) => Err(e.into()),
                }
            }
        }
    }
}
