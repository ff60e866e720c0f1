//! `network trunk create|list|show|set|unset|delete` and `network subport list --trunk`.

use super::address::Project;
use super::{delete_each, flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{list_dict_column, to_map};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateTrunk, NetworkProxy, SubPort, TrunkQuery, UpdateTrunk};
use serde_json::{Map, Value};

/// osc's list reads `admin_state_up`, which the openstacksdk trunk does not have (it is
/// `is_admin_state_up`): the value is always `''`, shown as `DOWN`.
fn list_state(_raw: &Map<String, Value>) -> Value {
    Value::String(String::new())
}

fn down_column(value: Value) -> Cell {
    Cell::formatted(value, "DOWN")
}

/// python-openstackclient's trunk columns (`openstackclient/network/v2/network_trunk.py`).
const TRUNK: Noun = Noun {
    what: "trunk",
    plural: "trunks",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Parent Port", "port_id", plain),
        Column::new("Description", "description", plain),
    ],
    long: &[
        Column::new("Status", "status", plain),
        Column::computed("State", list_state, down_column),
        Column::new("Created At", "created_at", plain),
        Column::new("Updated At", "updated_at", plain),
    ],
    show: &[
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("id"),
        Field::new("is_admin_state_up", "admin_state_up", plain),
        Field::plain("name"),
        Field::plain("port_id"),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::plain("status"),
        Field::new("sub_ports", "sub_ports", list_dict_column),
        Field::plain("tags"),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "location"],
};

/// `network subport list` columns.
const SUBPORT: Noun = Noun {
    what: "subport",
    plural: "subports",
    list: &[
        Column::new("Port", "port_id", plain),
        Column::new("Segmentation Type", "segmentation_type", plain),
        Column::new("Segmentation ID", "segmentation_id", plain),
    ],
    long: &[],
    show: &[],
    hidden: &[],
};

/// Trunk commands.
#[derive(Subcommand)]
pub enum TrunkCommand {
    /// Create a trunk.
    Create(CreateArgs),
    /// List trunks.
    List {
        /// More columns.
        #[arg(long)]
        long: bool,
    },
    /// Show a trunk.
    Show {
        /// Trunk name or id.
        trunk: String,
    },
    /// Change a trunk, add subports.
    Set(SetArgs),
    /// Remove subports from a trunk.
    Unset {
        /// Trunk name or id.
        trunk: String,
        /// Subport to remove (port name or id; repeat option to remove several).
        #[arg(long = "subport", value_name = "subport", required = true)]
        subports: Vec<String>,
    },
    /// Delete trunks.
    Delete {
        /// Trunk names or ids.
        #[arg(required = true)]
        trunks: Vec<String>,
    },
}

/// `network subport ...` commands.
#[derive(Subcommand)]
pub enum SubportCommand {
    /// List the subports of a trunk.
    List {
        /// Trunk name or id.
        #[arg(long, required = true)]
        trunk: String,
    },
}

/// `--enable`/`--disable`.
#[derive(Args)]
pub struct State {
    /// Administratively up.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Administratively down.
    #[arg(long)]
    disable: bool,
}

/// `network trunk create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Parent port (name or id).
    #[arg(long = "parent-port", value_name = "parent-port", required = true)]
    parent_port: String,
    /// `port=<name or id>,segmentation-type=<type>,segmentation-id=<id>` (repeat option for several).
    #[arg(long = "subport", value_name = "port=,segmentation-type=,segmentation-id=")]
    subports: Vec<String>,
    #[command(flatten)]
    state: State,
    #[command(flatten)]
    project: Project,
}

/// `network trunk set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Trunk name or id.
    trunk: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Subport to add, as in create (repeat option for several).
    #[arg(long = "subport", value_name = "port=,segmentation-type=,segmentation-id=")]
    subports: Vec<String>,
    #[command(flatten)]
    state: State,
}

/// osc's `MultiKeyValueAction` for `--subport`, then `_format_subports`.
async fn subports(net: &NetworkProxy, specs: &[String]) -> Result<Vec<SubPort>, CliError> {
    let mut out = Vec::new();
    for spec in specs {
        let mut port = None;
        let mut sub =
            SubPort { port_id: String::new(), segmentation_type: None, segmentation_id: None, extra: Map::new() };
        for pair in spec.split(',') {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                CliError::Message(format!("Expected key=value pairs separated by comma, but got: {pair}"))
            })?;
            match key {
                "port" => port = Some(value.to_string()),
                "segmentation-type" if !value.is_empty() => sub.segmentation_type = Some(value.to_string()),
                "segmentation-id" if !value.is_empty() => {
                    sub.segmentation_id = Some(
                        value
                            .parse()
                            .map_err(|_| CliError::Message(format!("Segmentation-id '{value}' is not an integer")))?,
                    )
                }
                "segmentation-type" | "segmentation-id" => {}
                _ => {
                    return Err(CliError::Message(format!(
                        "Invalid keys {key} specified.\nValid keys are: port, segmentation-id, segmentation-type"
                    )))
                }
            }
        }
        let port = port.ok_or_else(|| CliError::Message("Missing required keys port.".into()))?;
        sub.port_id = net.ports().find(&port).await?.id;
        out.push(sub);
    }
    Ok(out)
}

impl TrunkCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            TrunkCommand::Create(_) => Some("network trunk create"),
            TrunkCommand::Show { .. } => Some("network trunk show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let trunks = net.trunks();
        match self {
            TrunkCommand::Create(args) => {
                let subs = subports(&net, &args.subports).await?;
                let body = CreateTrunk {
                    name: Some(args.name),
                    description: args.description,
                    admin_state_up: flag(args.state.enable, args.state.disable),
                    sub_ports: (!subs.is_empty()).then_some(subs),
                    project_id: args.project.id(ctx).await?,
                    ..CreateTrunk::new(net.ports().find(&args.parent_port).await?.id)
                };
                Ok(TRUNK.show(&trunks.create(&body).await?))
            }
            TrunkCommand::List { long } => {
                let found: Vec<_> = trunks.list(&TrunkQuery::default()).try_collect().await?;
                Ok(TRUNK.list(&found, long))
            }
            TrunkCommand::Show { trunk } => Ok(TRUNK.show(&trunks.find(&trunk).await?)),
            TrunkCommand::Set(args) => {
                let found = trunks.find(&args.trunk).await?;
                let body = UpdateTrunk {
                    name: args.name,
                    description: args.description,
                    admin_state_up: flag(args.state.enable, args.state.disable),
                    ..Default::default()
                };
                trunks.update(&found.id, &body).await.map_err(|e| {
                    CliError::Message(format!(
                        "Failed to set trunk '{}': {}",
                        args.trunk,
                        crate::errors::message(&e.into(), false)
                    ))
                })?;
                if !args.subports.is_empty() {
                    let subs = subports(&net, &args.subports).await?;
                    trunks.add_subports(&found.id, &subs).await.map_err(|e| {
                        CliError::Message(format!(
                            "Failed to add subports to trunk '{}': {}",
                            args.trunk,
                            crate::errors::message(&e.into(), false)
                        ))
                    })?;
                }
                Ok(Output::Nothing)
            }
            TrunkCommand::Unset { trunk, subports } => {
                let found = trunks.find(&trunk).await?;
                let mut ids = Vec::new();
                for port in &subports {
                    ids.push(net.ports().find(port).await?.id);
                }
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                trunks.remove_subports(&found.id, &ids).await?;
                Ok(Output::Nothing)
            }
            TrunkCommand::Delete { trunks: names } => {
                delete_each(&names, "trunk with name or ID", "trunks", |name| {
                    let trunks = trunks.clone();
                    async move {
                        let found = trunks.find(&name).await?;
                        Ok(trunks.delete(&found.id).await?)
                    }
                })
                .await
            }
        }
    }
}

impl SubportCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let SubportCommand::List { trunk } = self;
        let trunks = ctx.conn.network().trunks();
        let found = trunks.find(&trunk).await?;
        let subs: Vec<Map<String, Value>> = trunks.subports(&found.id).await?.iter().map(to_map).collect();
        Ok(SUBPORT.list(&subs, false))
    }
}
