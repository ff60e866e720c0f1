//! `network rbac create|list|show|set|delete`.

use super::address::Project;
use super::subnet_pool::project_option;
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use clap::{ArgGroup, Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateRbacPolicy, NeutronListOptions, RbacPolicyQuery, UpdateRbacPolicy};
use ostack::Resource;

/// python-openstackclient's RBAC policy columns (`openstackclient/network/v2/network_rbac.py`).
const RBAC: Noun = Noun {
    what: "RBAC policy",
    plural: "RBAC policies",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Object Type", "object_type", plain),
        Column::new("Object ID", "object_id", plain),
    ],
    long: &[Column::new("Action", "action", plain)],
    show: &[
        Field::plain("action"),
        Field::plain("id"),
        Field::plain("object_id"),
        Field::plain("object_type"),
        Field::plain("project_id"),
        Field::new("target_project_id", "target_tenant", plain),
    ],
    hidden: &["tenant_id", "location", "name"],
};

const OBJECT_TYPES: [&str; 6] =
    ["address_group", "address_scope", "security_group", "subnetpool", "qos_policy", "network"];
const ACTIONS: [&str; 2] = ["access_as_external", "access_as_shared"];

/// Network RBAC commands.
#[derive(Subcommand)]
pub enum RbacCommand {
    /// Create an RBAC policy.
    Create(CreateArgs),
    /// List RBAC policies.
    List(ListArgs),
    /// Show an RBAC policy.
    Show {
        /// RBAC policy id.
        #[arg(value_name = "rbac-policy")]
        rbac_policy: String,
    },
    /// Change the target project of an RBAC policy.
    Set(SetArgs),
    /// Delete RBAC policies.
    Delete {
        /// RBAC policy ids.
        #[arg(required = true, value_name = "rbac-policy")]
        rbac_policies: Vec<String>,
    },
}

/// `network rbac create` options.
#[derive(Args)]
#[command(group(ArgGroup::new("target").required(true).args(["target_project", "target_all_projects"])))]
pub struct CreateArgs {
    /// The object to share (name or id).
    #[arg(value_name = "rbac-object")]
    rbac_object: String,
    /// Type of the object.
    #[arg(long = "type", value_name = "type", required = true, value_parser = OBJECT_TYPES)]
    object_type: String,
    /// Action.
    #[arg(long, value_name = "action", required = true, value_parser = ACTIONS)]
    action: String,
    /// The project to share with (name or id).
    #[arg(long = "target-project", value_name = "target-project")]
    target_project: Option<String>,
    /// Share with every project.
    #[arg(long = "target-all-projects")]
    target_all_projects: bool,
    /// Domain the target project belongs to (name or id).
    #[arg(long = "target-project-domain", value_name = "target-project-domain")]
    target_project_domain: Option<String>,
    #[command(flatten)]
    project: Project,
}

/// `network rbac list` options.
#[derive(Args)]
pub struct ListArgs {
    /// By object type.
    #[arg(long = "type", value_name = "type", value_parser = OBJECT_TYPES)]
    object_type: Option<String>,
    /// By action.
    #[arg(long, value_name = "action", value_parser = ACTIONS)]
    action: Option<String>,
    /// By target project (name or id).
    #[arg(long = "target-project", value_name = "target-project")]
    target_project: Option<String>,
    /// More columns.
    #[arg(long)]
    long: bool,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

/// `network rbac set` options.
#[derive(Args)]
pub struct SetArgs {
    /// RBAC policy id.
    #[arg(value_name = "rbac-policy")]
    rbac_policy: String,
    /// The project to share with (name or id).
    #[arg(long = "target-project", value_name = "target-project")]
    target_project: Option<String>,
    /// Domain the target project belongs to (name or id).
    #[arg(long = "target-project-domain", value_name = "target-project-domain")]
    target_project_domain: Option<String>,
}

/// The id of the shared object, found by its type.
async fn object_id(ctx: &Context, object_type: &str, name: &str) -> Result<String, CliError> {
    let net = ctx.conn.network();
    Ok(match object_type {
        "network" => net.networks().find(name).await?.id().to_string(),
        "qos_policy" => net.qos_policies().find(name).await?.id().to_string(),
        "security_group" => net.security_groups().find(name).await?.id().to_string(),
        "address_scope" => net.address_scopes().find(name).await?.id().to_string(),
        "subnetpool" => net.subnet_pools().find(name).await?.id().to_string(),
        _ => net.address_groups().find(name).await?.id().to_string(),
    })
}

impl RbacCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            RbacCommand::Create(_) => Some("network rbac create"),
            RbacCommand::Show { .. } => Some("network rbac show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let policies = ctx.conn.network().rbac_policies();
        match self {
            RbacCommand::Create(args) => {
                let object = object_id(ctx, &args.object_type, &args.rbac_object).await?;
                let target = match args.target_project {
                    Some(project) => project_option(ctx, Some(&project), args.target_project_domain.as_deref())
                        .await?
                        .unwrap_or(project),
                    None => "*".to_string(),
                };
                let body = CreateRbacPolicy {
                    project_id: args.project.id(ctx).await?,
                    ..CreateRbacPolicy::new(args.object_type, object, args.action, target)
                };
                Ok(RBAC.show(&policies.create(&body).await?))
            }
            RbacCommand::List(args) => {
                let query = RbacPolicyQuery {
                    object_type: args.object_type,
                    action: args.action,
                    target_tenant: project_option(ctx, args.target_project.as_deref(), None).await?,
                    common: NeutronListOptions { limit: args.limit, marker: args.marker, ..Default::default() },
                    ..Default::default()
                };
                let found: Vec<_> = policies.list(&query).try_collect().await?;
                Ok(RBAC.list(&found, args.long))
            }
            RbacCommand::Show { rbac_policy } => Ok(RBAC.show(&policies.find(&rbac_policy).await?)),
            RbacCommand::Set(args) => {
                let found = policies.find(&args.rbac_policy).await?;
                let body = UpdateRbacPolicy {
                    target_tenant: project_option(
                        ctx,
                        args.target_project.as_deref(),
                        args.target_project_domain.as_deref(),
                    )
                    .await?,
                    ..Default::default()
                };
                policies.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            RbacCommand::Delete { rbac_policies } => {
                delete_each(&rbac_policies, "RBAC policy with ID", "RBAC policies", |name| {
                    let policies = policies.clone();
                    async move {
                        let found = policies.find(&name).await?;
                        Ok(policies.delete(&found.id).await?)
                    }
                })
                .await
            }
        }
    }
}
