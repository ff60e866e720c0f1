//! `volume message list|show|delete`, `volume service list|set`, `volume backend pool list` and
//! `volume backend capability show`: python-openstackclient 10.5's columns
//! (`openstackclient/volume/v3/{volume_message,service,volume_backend}.py`), and what the other
//! `volume` nouns share about microversions.
//!
//! osc sends each block storage call at openstacksdk's microversion for its resource (the lower
//! of the resource's maximum and the cloud's), and a resource without one at
//! `--os-volume-api-version` (or none). Its checks (`--os-volume-api-version 3.27 or greater is
//! required ...`) compare with `--os-volume-api-version` when given, otherwise with the cloud's
//! maximum. [`at_osc_version`] and [`supports`] do the same.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, to_map};
use crate::output::{Cell, Output};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::block_storage::v3::{Message, MessageQuery, ServiceQuery};
use ostack::{Connection, Microversion, ServiceType};
use serde_json::{Map, Value};

/// The same cloud and token with block storage at `version` (lowered to the cloud's maximum):
/// what openstacksdk sends for a resource whose `_max_microversion` is `version`.
pub async fn at_osc_version(ctx: &Context, version: Microversion) -> Result<Connection, CliError> {
    let endpoint = ctx.conn.endpoint(ServiceType::BlockStorage).await?;
    let wanted = endpoint.max_microversion.map(|max| max.min(version));
    if endpoint.microversion == wanted {
        return Ok(ctx.conn.clone());
    }
    let mut builder = Connection::builder(ctx.conn.config().clone())
        .endpoints(vec![ostack::Endpoint { microversion: wanted, ..endpoint }]);
    if let Some(token) = ctx.conn.token().await? {
        builder = builder.token((*token).clone());
    }
    Ok(builder.build().await?)
}

/// osc's `supports_microversion`: the pinned `--os-volume-api-version`, or else the cloud's
/// maximum, is at least `major.minor`.
pub async fn supports(ctx: &Context, major: u32, minor: u32) -> Result<bool, CliError> {
    let endpoint = ctx.conn.endpoint(ServiceType::BlockStorage).await?;
    let pinned = ctx.conn.config().api_version("block-storage").and_then(|v| v.parse::<Microversion>().ok());
    let have = pinned.filter(|p| p.minor > 0 || p.major > 3).or(endpoint.max_microversion);
    Ok(have.is_some_and(|v| v >= Microversion::new(major, minor)))
}

/// Fail with osc's `--os-volume-api-version X or greater is required to support the 'C'
/// command` unless [`supports`] says yes.
pub async fn command_needs(ctx: &Context, major: u32, minor: u32, command: &str) -> Result<(), CliError> {
    if supports(ctx, major, minor).await? {
        Ok(())
    } else {
        Err(CliError::Message(format!(
            "--os-volume-api-version {major}.{minor} or greater is required to support the '{command}' command"
        )))
    }
}

/// A value of an API body (null when absent), as it is.
pub fn raw_cell(raw: &Map<String, Value>, key: &str) -> Cell {
    Cell::from(raw.get(key).cloned().unwrap_or(Value::Null))
}

/// openstacksdk's `get_*` of a missing resource: `No <What> found for <id>: <HTTP error>`.
pub fn not_found(what: &str, id: &str, error: ostack::Error) -> CliError {
    match error {
        ostack::Error::Api { status: 404, url, message, .. } => {
            CliError::Message(format!("No {what} found for {id}: Client Error for url: {url}, {message}"))
        }
        other => other.into(),
    }
}

/// `volume message ...` commands (3.3+).
#[derive(Subcommand)]
pub enum VolumeMessageCommand {
    /// List messages.
    List {
        /// Only this project's (name or id; admin).
        #[arg(long)]
        project: Option<String>,
        /// Domain of --project (name or id).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
        /// Start after this message id.
        #[arg(long)]
        marker: Option<String>,
        /// At most this many.
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Show a message.
    Show {
        /// Message id.
        message_id: String,
    },
    /// Delete messages.
    Delete {
        /// Message ids.
        #[arg(required = true)]
        message_ids: Vec<String>,
    },
}

const MESSAGE_KEYS: [&str; 9] = [
    "id",
    "event_id",
    "resource_type",
    "resource_uuid",
    "message_level",
    "user_message",
    "request_id",
    "created_at",
    "guaranteed_until",
];

impl VolumeMessageCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeMessageCommand::Show { .. } => Some("volume message show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let messages = ctx.conn.block_storage().messages();
        match self {
            VolumeMessageCommand::List { project, project_domain, marker, limit } => {
                command_needs(ctx, 3, 3, "volume message list").await?;
                let project_id = match project {
                    Some(p) => Some(
                        super::identity::project_id(&ctx.conn.identity(), &p, project_domain.as_deref(), false).await?,
                    ),
                    None => None,
                };
                let mut query = MessageQuery::default();
                query.common.marker = marker;
                query.common.limit = limit;
                query.project_id = project_id;
                let found: Vec<Message> = messages.list(&query).try_collect().await?;
                let rows = found
                    .iter()
                    .map(|m| {
                        let raw = to_map(m);
                        MESSAGE_KEYS.iter().map(|k| raw_cell(&raw, k)).collect()
                    })
                    .collect();
                Ok(Output::list(
                    &[
                        "ID",
                        "Event ID",
                        "Resource Type",
                        "Resource UUID",
                        "Message Level",
                        "User Message",
                        "Request ID",
                        "Created At",
                        "Guaranteed Until",
                    ],
                    rows,
                ))
            }
            VolumeMessageCommand::Show { message_id } => {
                command_needs(ctx, 3, 3, "volume message show").await?;
                let found = messages.get(&message_id).await.map_err(|e| not_found("Message", &message_id, e))?;
                let raw = to_map(&found);
                let fields = [
                    ("Created At", "created_at"),
                    ("Event ID", "event_id"),
                    ("Guaranteed Until", "guaranteed_until"),
                    ("ID", "id"),
                    ("Message Level", "message_level"),
                    ("Request ID", "request_id"),
                    ("Resource Type", "resource_type"),
                    ("Resource UUID", "resource_uuid"),
                    ("User Message", "user_message"),
                ];
                Ok(Output::Show(fields.iter().map(|(name, key)| (name.to_string(), raw_cell(&raw, key))).collect()))
            }
            VolumeMessageCommand::Delete { message_ids } => {
                command_needs(ctx, 3, 3, "volume message delete").await?;
                let mut errors = 0;
                for id in &message_ids {
                    if messages.delete(id).await.is_err() {
                        eprintln!("Failed to delete message: {id}");
                        errors += 1;
                    }
                }
                if errors > 0 {
                    return Err(CliError::Message(format!(
                        "Failed to delete {errors} of {} messages.",
                        message_ids.len()
                    )));
                }
                Ok(Output::Nothing)
            }
        }
    }
}

/// `volume service ...` commands.
#[derive(Subcommand)]
pub enum VolumeServiceCommand {
    /// List block storage services.
    List {
        /// Only on this host.
        #[arg(long)]
        host: Option<String>,
        /// Only this binary (`cinder-volume`, ...).
        #[arg(long)]
        service: Option<String>,
        /// Also the reason a service is disabled.
        #[arg(long)]
        long: bool,
    },
    /// Enable or disable a service.
    Set {
        /// Host.
        host: String,
        /// Service binary.
        service: String,
        /// Enable it.
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Disable it.
        #[arg(long)]
        disable: bool,
        /// Why (with --disable).
        #[arg(long = "disable-reason")]
        disable_reason: Option<String>,
    },
}

/// openstacksdk's microversion for services.
const SERVICE_VERSION: Microversion = Microversion::new(3, 32);

impl VolumeServiceCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        match self {
            VolumeServiceCommand::List { host, service, long } => {
                let mut headers = vec!["Binary", "Host", "Zone", "Status", "State", "Updated At"];
                let mut keys = vec!["binary", "host", "zone", "status", "state", "updated_at"];
                if supports(ctx, 3, 7).await? {
                    headers.push("Cluster");
                    keys.push("cluster");
                }
                if supports(ctx, 3, 49).await? {
                    headers.push("Backend State");
                    keys.push("backend_state");
                }
                if long {
                    headers.push("Disabled Reason");
                    keys.push("disabled_reason");
                }
                let conn = at_osc_version(ctx, SERVICE_VERSION).await?;
                let found = conn.block_storage().services(&ServiceQuery { host, binary: service }).await?;
                let rows = found
                    .iter()
                    .map(|s| {
                        let raw = to_map(s);
                        keys.iter().map(|k| raw_cell(&raw, k)).collect()
                    })
                    .collect();
                Ok(Output::list(&headers, rows))
            }
            VolumeServiceCommand::Set { host, service, enable, disable, disable_reason } => {
                if disable_reason.is_some() && !disable {
                    return Err(CliError::Message(
                        "Cannot specify option --disable-reason without --disable specified.".into(),
                    ));
                }
                let conn = at_osc_version(ctx, SERVICE_VERSION).await?;
                let bs = conn.block_storage();
                let query = ServiceQuery { host: Some(host.clone()), binary: None };
                let found: Vec<_> =
                    bs.services(&query).await?.into_iter().filter(|s| s.binary == service && s.host == host).collect();
                let found = match found.as_slice() {
                    [one] => one,
                    [] => return Err(CliError::Message(format!("No Service found for {service}"))),
                    _ => {
                        return Err(CliError::Message(format!(
                            "More than one Service exists with the name '{service}'."
                        )))
                    }
                };
                if enable {
                    bs.enable_service(&found.host, &found.binary).await?;
                }
                if disable {
                    bs.disable_service(&found.host, &found.binary, disable_reason.as_deref()).await?;
                }
                Ok(Output::Nothing)
            }
        }
    }
}

/// `volume backend ...` commands.
#[derive(Subcommand)]
pub enum VolumeBackendCommand {
    /// Backend pools.
    #[command(subcommand)]
    Pool(PoolCommand),
    /// Backend capabilities.
    #[command(subcommand)]
    Capability(CapabilityCommand),
}

/// `volume backend pool ...`.
#[derive(Subcommand)]
pub enum PoolCommand {
    /// List the backend pools (admin).
    List {
        /// With their capabilities.
        #[arg(long)]
        long: bool,
    },
}

/// `volume backend capability ...`.
#[derive(Subcommand)]
pub enum CapabilityCommand {
    /// Show what a backend can do (admin).
    Show {
        /// Host (`host@backend`).
        host: String,
    },
}

impl VolumeBackendCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        match self {
            VolumeBackendCommand::Pool(PoolCommand::List { long }) => {
                let pools = bs.pools(true).await?;
                if long {
                    let rows = pools
                        .iter()
                        .map(|p| {
                            let caps = p.capabilities.clone().map(Value::Object).unwrap_or(Value::Null);
                            vec![Cell::from(Value::String(p.name.clone())), dict_column(caps)]
                        })
                        .collect();
                    Ok(Output::list_of_list(&["Name", "Capabilities"], rows))
                } else {
                    let rows = pools.iter().map(|p| vec![Cell::from(Value::String(p.name.clone()))]).collect();
                    Ok(Output::list_of_list(&["Name"], rows))
                }
            }
            VolumeBackendCommand::Capability(CapabilityCommand::Show { host }) => {
                let caps = bs.capabilities(&host).await?;
                let mut rows = Vec::new();
                for (key, value) in caps.properties.unwrap_or_default() {
                    let field = |name: &str| match value.get(name) {
                        Some(v) => Cell::from(v.clone()),
                        None => Cell::from(Value::String(String::new())),
                    };
                    rows.push(vec![
                        field("title"),
                        Cell::from(Value::String(key.clone())),
                        field("type"),
                        field("description"),
                    ]);
                }
                Ok(Output::list_of_list(&["Title", "Key", "Type", "Description"], rows))
            }
        }
    }
}
