//! `network auto allocated topology create|delete`, as python-openstackclient 10.5 names and
//! prints them (`openstackclient/network/v2/network_auto_allocated_topology.py`).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use serde_json::Value;

/// `network auto ...`.
#[derive(Subcommand)]
pub enum AutoCommand {
    /// `network auto allocated ...`.
    #[command(subcommand)]
    Allocated(AllocatedCommand),
}

/// `network auto allocated ...`.
#[derive(Subcommand)]
pub enum AllocatedCommand {
    /// A project's auto-allocated topology.
    #[command(subcommand)]
    Topology(TopologyCommand),
}

/// `network auto allocated topology ...`.
#[derive(Subcommand)]
pub enum TopologyCommand {
    /// Create the auto-allocated topology of a project (or show it when it exists).
    Create(CreateArgs),
    /// Delete the auto-allocated topology of a project.
    Delete(ProjectArgs),
}

/// `--project` and `--project-domain`.
#[derive(Args)]
pub struct ProjectArgs {
    /// The project (default: the current one).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or ID); osc accepts it and does not use it.
    #[arg(long = "project-domain", value_name = "project-domain")]
    project_domain: Option<String>,
}

/// `network auto allocated topology create` options.
#[derive(Args)]
pub struct CreateArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// Validate the requirements for an auto-allocated topology; makes none.
    #[arg(long = "check-resources")]
    check_resources: bool,
    /// Show the topology if it exists (always so).
    #[arg(long = "or-show")]
    or_show: bool,
}

/// The project as osc sends it: the `--project` text as it is (osc resolves no name), else the
/// token's project.
async fn project(ctx: &Context, args: &ProjectArgs) -> Result<String, CliError> {
    match &args.project {
        Some(p) => Ok(p.clone()),
        None => ctx
            .conn
            .token()
            .await?
            .and_then(|t| t.project_id.clone())
            .ok_or_else(|| CliError::Message("the token is not scoped to a project; give --project".into())),
    }
}

/// openstacksdk's wrapping of a failed get: `No <what> found for <value>: Client Error for url: ...`.
fn not_found(what: &str, value: &str, e: ostack::Error) -> CliError {
    match e {
        // neutron answers 409 when the cloud lacks its defaults: openstacksdk's get wraps it too
        ostack::Error::Api { status: 404 | 409, url, message, .. } => {
            CliError::Message(format!("No {what} found for {value}: Client Error for url: {url}, {message}"))
        }
        other => other.into(),
    }
}

impl TopologyCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            TopologyCommand::Create(_) => Some("network auto allocated topology create"),
            TopologyCommand::Delete(_) => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let topologies = ctx.conn.network().auto_allocated_topologies();
        match self {
            TopologyCommand::Create(args) => {
                let _ = args.or_show;
                let project = project(ctx, &args.project).await?;
                if args.check_resources {
                    // openstacksdk reads the requirement check as a ValidateTopology (found "for
                    // None": it has no id); osc then prints its `dry_run`, which neutron never
                    // sends (it answers `{"id": "dry-run=pass"}`)
                    topologies.validate(&project).await.map_err(|e| not_found("ValidateTopology", "None", e))?;
                    return Ok(Output::Show(vec![("dry_run".into(), Cell::from(Value::Null))]));
                }
                let topology =
                    topologies.get(&project).await.map_err(|e| not_found("AutoAllocatedTopology", &project, e))?;
                let project_id = topology.project_id.clone().or(topology.tenant_id.clone());
                Ok(Output::Show(vec![
                    ("id".into(), Cell::from(Value::from(topology.id))),
                    ("project_id".into(), Cell::from(project_id.map_or(Value::Null, Value::from))),
                ]))
            }
            TopologyCommand::Delete(args) => {
                let project = project(ctx, &args).await?;
                topologies.delete(&project).await?;
                Ok(Output::Nothing)
            }
        }
    }
}

impl AutoCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        let AutoCommand::Allocated(AllocatedCommand::Topology(command)) = self;
        command.show_one_name()
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let AutoCommand::Allocated(AllocatedCommand::Topology(command)) = self;
        command.run(ctx).await
    }
}
