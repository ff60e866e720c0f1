//! `role create|list|show|set|delete`, `role add|remove` and `role assignment list`
//! (python-openstackclient `identity/v3/role.py`, `role_assignment.py`).

use super::identity::{
    domain_id, group_id, optional_domain_id, project_id, role_id, show_in_order, user_id, Immutable,
};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::identity::v3::{
    CreateRole, Grant, IdentityProxy, Ref, Role, RoleAssignment, RoleAssignmentQuery, RoleQuery, UpdateRole,
};
use serde_json::{Map, Value};

/// osc's `_format_role`.
const SHOW: &[(&str, &str)] =
    &[("id", "id"), ("name", "name"), ("domain_id", "domain_id"), ("description", "description")];

/// Role commands.
#[derive(Subcommand)]
pub enum RoleCommand {
    /// Create a role.
    Create(CreateArgs),
    /// List roles.
    List {
        /// The roles of this domain (name or id).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Show a role.
    Show {
        /// Role name or id.
        role: String,
        /// Domain of the role (name or id).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Change a role.
    Set(SetArgs),
    /// Delete roles.
    Delete {
        /// Role names or ids.
        #[arg(required = true)]
        roles: Vec<String>,
        /// Domain of the roles (name or id).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Grant a role to a user or group on a project, domain or the system.
    Add(GrantArgs),
    /// Revoke a role from a user or group on a project, domain or the system.
    Remove(GrantArgs),
    /// Role assignments.
    #[command(subcommand)]
    Assignment(AssignmentCommand),
}

/// `role assignment ...` commands.
#[derive(Subcommand)]
pub enum AssignmentCommand {
    /// List role assignments.
    List(AssignmentListArgs),
}

/// `role create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// New role name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Make it specific to this domain (name or id).
    #[arg(long)]
    domain: Option<String>,
    /// Return the existing role of that name instead of failing.
    #[arg(long = "or-show")]
    or_show: bool,
    #[command(flatten)]
    immutable: Immutable,
}

/// `role set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Role name or id.
    role: String,
    /// New description.
    #[arg(long)]
    description: Option<String>,
    /// Domain of the role (name or id).
    #[arg(long)]
    domain: Option<String>,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    immutable: Immutable,
}

/// Who and where, as `role add|remove` take them.
#[derive(Args)]
pub struct GrantArgs {
    /// Role name or id.
    role: String,
    /// On the system (`all`).
    #[arg(long, value_name = "<system>")]
    system: Option<String>,
    /// On a domain (name or id).
    #[arg(long)]
    domain: Option<String>,
    /// On a project (name or id).
    #[arg(long)]
    project: Option<String>,
    /// To a user (name or id).
    #[arg(long)]
    user: Option<String>,
    /// To a group (name or id).
    #[arg(long)]
    group: Option<String>,
    /// Domain of the role (name or id).
    #[arg(long = "role-domain")]
    role_domain: Option<String>,
    /// Domain of the user (name or id).
    #[arg(long = "user-domain")]
    user_domain: Option<String>,
    /// Domain of the group (name or id).
    #[arg(long = "group-domain")]
    group_domain: Option<String>,
    /// Domain of the project (name or id).
    #[arg(long = "project-domain")]
    project_domain: Option<String>,
    /// Inherited by the projects below the target.
    #[arg(long)]
    inherited: bool,
}

/// `role assignment list` options.
#[derive(Args)]
pub struct AssignmentListArgs {
    /// Effective assignments (groups expanded to users, inherited ones to projects).
    #[arg(long)]
    effective: bool,
    /// Of this role (name or id).
    #[arg(long)]
    role: Option<String>,
    /// Names instead of ids.
    #[arg(long)]
    names: bool,
    /// Of this user (name or id).
    #[arg(long, conflicts_with = "group")]
    user: Option<String>,
    /// Of this group (name or id).
    #[arg(long)]
    group: Option<String>,
    /// On this domain (name or id).
    #[arg(long, conflicts_with_all = ["project", "system"])]
    domain: Option<String>,
    /// On this project (name or id).
    #[arg(long, conflicts_with = "system")]
    project: Option<String>,
    /// On the system (`all`).
    #[arg(long, value_name = "<system>")]
    system: Option<String>,
    /// Domain of the role (name or id).
    #[arg(long = "role-domain")]
    role_domain: Option<String>,
    /// Domain of the user (name or id).
    #[arg(long = "user-domain")]
    user_domain: Option<String>,
    /// Domain of the group (name or id).
    #[arg(long = "group-domain")]
    group_domain: Option<String>,
    /// Domain of the project (name or id).
    #[arg(long = "project-domain")]
    project_domain: Option<String>,
    /// Only inherited assignments.
    #[arg(long)]
    inherited: bool,
    /// Only the authenticated user's.
    #[arg(long = "auth-user")]
    auth_user: bool,
    /// Only on the project the token is scoped to.
    #[arg(long = "auth-project")]
    auth_project: bool,
}

impl RoleCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            RoleCommand::Create(_) => Some("role create"),
            RoleCommand::Show { .. } => Some("role show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let roles = identity.roles();
        match self {
            RoleCommand::Create(args) => {
                let domain = match &args.domain {
                    Some(d) => Some(domain_id(&identity, d, true).await?),
                    None => None,
                };
                let body = CreateRole {
                    domain_id: domain.clone(),
                    description: args.description.filter(|d| !d.is_empty()),
                    options: args.immutable.options(),
                    ..CreateRole::new(&args.name)
                };
                match roles.create(&body).await {
                    Ok(role) => Ok(show_in_order(&role, SHOW)),
                    Err(e) if e.status() == Some(409) && args.or_show => {
                        let found = match &domain {
                            Some(d) => roles.find_in_domain(&args.name, d).await?,
                            None => roles.find(&args.name).await?,
                        };
                        Ok(show_in_order(&found, SHOW))
                    }
                    Err(e) => Err(e.into()),
                }
            }
            RoleCommand::List { domain } => match domain {
                Some(domain) => {
                    let domain = identity.domains().find(&domain).await?;
                    let query = RoleQuery { domain_id: Some(domain.id.clone()), ..Default::default() };
                    let found: Vec<Role> = roles.list(&query).try_collect().await?;
                    let rows = found
                        .into_iter()
                        .map(|r| vec![Cell::from(r.id), Cell::from(r.name), Cell::from(domain.name.clone())])
                        .collect();
                    Ok(Output::list(&["ID", "Name", "Domain"], rows))
                }
                None => {
                    let found: Vec<Role> = roles.list(&RoleQuery::default()).try_collect().await?;
                    let rows = found.into_iter().map(|r| vec![Cell::from(r.id), Cell::from(r.name)]).collect();
                    Ok(Output::list(&["ID", "Name"], rows))
                }
            },
            RoleCommand::Show { role, domain } => {
                let found = match &domain {
                    Some(d) => roles.find_in_domain(&role, &domain_id(&identity, d, true).await?).await?,
                    None => roles.find(&role).await?,
                };
                Ok(show_in_order(&found, SHOW))
            }
            RoleCommand::Set(args) => {
                let domain = optional_domain_id(&identity, args.domain.as_deref(), true).await?;
                let id = role_id(&identity, &args.role, domain.as_deref(), true).await?;
                let body = UpdateRole {
                    name: args.name.filter(|n| !n.is_empty()),
                    description: args.description.filter(|d| !d.is_empty()),
                    options: args.immutable.options(),
                    extra: Map::new(),
                };
                roles.update(&id, &body).await?;
                Ok(Output::Nothing)
            }
            RoleCommand::Delete { roles: names, domain } => {
                let domain = optional_domain_id(&identity, domain.as_deref(), true).await?;
                delete_each(&names, "role with name or ID", "roles", |name| {
                    let (identity, domain) = (identity.clone(), domain.clone());
                    async move {
                        let id = role_id(&identity, &name, domain.as_deref(), true).await?;
                        identity.roles().delete(&id).await.map_err(CliError::from)
                    }
                })
                .await
            }
            RoleCommand::Add(args) => {
                if args.user.is_none() && args.group.is_none() || target_missing(&args) {
                    return Err(CliError::Message(
                        "Role not added, incorrect set of arguments provided. See openstack --help for more details"
                            .into(),
                    ));
                }
                let role_domain = optional_domain_id(&identity, args.role_domain.as_deref(), true).await?;
                let role = role_id(&identity, &args.role, role_domain.as_deref(), true).await?;
                let grant = grant(&identity, &args, true, "Role not added").await?;
                if args.inherited && grant.target == ostack::identity::v3::Target::System {
                    eprintln!(
                        "'--inherited' was given, which is not supported when adding a system role. This will be an error in a future release."
                    );
                    return Ok(roles
                        .grant(&role, &Grant { inherited: false, ..grant })
                        .await
                        .map(|_| Output::Nothing)?);
                }
                roles.grant(&role, &grant).await?;
                Ok(Output::Nothing)
            }
            RoleCommand::Remove(args) => {
                if args.user.is_none() && args.group.is_none() || target_missing(&args) {
                    return Err(CliError::Message(
                        "Incorrect set of arguments provided. See openstack --help for more details".into(),
                    ));
                }
                let role_domain = optional_domain_id(&identity, args.role_domain.as_deref(), true).await?;
                let role = role_id(&identity, &args.role, role_domain.as_deref(), true).await?;
                let mut grant = grant(&identity, &args, false, "Role not added").await?;
                if grant.target == ostack::identity::v3::Target::System {
                    grant.inherited = false;
                }
                roles.revoke(&role, &grant).await?;
                Ok(Output::Nothing)
            }
            RoleCommand::Assignment(AssignmentCommand::List(args)) => assignments(ctx, &identity, args).await,
        }
    }
}

fn target_missing(args: &GrantArgs) -> bool {
    args.system.is_none() && args.domain.is_none() && args.project.is_none()
}

/// osc's `_process_identity_and_resource_options`: the actor and target, looked up.
async fn grant(identity: &IdentityProxy, args: &GrantArgs, validate: bool, verb: &str) -> Result<Grant, CliError> {
    let lookup_domain = |name: Option<String>| async move {
        match name {
            Some(name) => domain_id(identity, &name, validate).await.map(Some),
            None => Ok(None),
        }
    };
    let actor_user = match &args.user {
        Some(user) => {
            let domain = lookup_domain(args.user_domain.clone()).await?;
            Some(user_id(identity, user, domain.as_deref(), validate).await?)
        }
        None => None,
    };
    let actor_group = match (&actor_user, &args.group) {
        (None, Some(group)) => {
            let domain = lookup_domain(args.group_domain.clone()).await?;
            Some(group_id(identity, group, domain.as_deref(), validate).await?)
        }
        _ => None,
    };
    let to = match (actor_user, actor_group) {
        (Some(user), _) => Grant::user(user),
        (None, Some(group)) => Grant::group(group),
        (None, None) => {
            return Err(CliError::Message(format!(
                "{verb}, incorrect set of arguments provided. See openstack --help for more details"
            )))
        }
    };
    let grant = if let Some(system) = &args.system {
        let _ = system;
        to.on_system()
    } else if let Some(domain) = &args.domain {
        to.on_domain(domain_id(identity, domain, validate).await?)
    } else if let Some(project) = &args.project {
        let domain = lookup_domain(args.project_domain.clone()).await?;
        to.on_project(project_id(identity, project, domain.as_deref(), validate).await?)
    } else {
        return Err(CliError::Message(format!(
            "{verb}, incorrect set of arguments provided. See openstack --help for more details"
        )));
    };
    Ok(if args.inherited { grant.inherited() } else { grant })
}

/// `name@domain` with `--names`, else the id; empty when absent (osc's `_get_names`/`_get_ids`).
fn actor_text(reference: Option<&Ref>, names: bool) -> String {
    let Some(reference) = reference else { return String::new() };
    if names {
        let mut text = reference.name.clone().unwrap_or_default();
        if let Some(domain) = reference.domain.as_ref().and_then(|d| d.name.as_deref()) {
            text.push('@');
            text.push_str(domain);
        }
        text
    } else {
        reference.id.clone().unwrap_or_default()
    }
}

async fn assignments(ctx: &Context, identity: &IdentityProxy, args: AssignmentListArgs) -> CommandResult {
    let find_domain = |name: Option<String>| async move {
        match name {
            Some(name) => domain_id(identity, &name, true).await.map(Some),
            None => Ok::<_, CliError>(None),
        }
    };
    let token = ctx.conn.token().await?;
    let role_domain = find_domain(args.role_domain.clone()).await?;
    let role = match &args.role {
        Some(role) => Some(role_id(identity, role, role_domain.as_deref(), true).await?),
        None => None,
    };
    let user_domain = find_domain(args.user_domain.clone()).await?;
    let user = match (&args.user, args.auth_user) {
        (Some(user), _) => Some(user_id(identity, user, user_domain.as_deref(), true).await?),
        (None, true) => {
            let me = token.as_ref().and_then(|t| t.user_id.clone()).ok_or("missing auth info".to_string())?;
            Some(user_id(identity, &me, user_domain.as_deref(), true).await?)
        }
        _ => None,
    };
    let domain = find_domain(args.domain.clone()).await?;
    let project_domain = find_domain(args.project_domain.clone()).await?;
    let project = match (&args.project, args.auth_project) {
        (Some(project), _) => Some(project_id(identity, project, project_domain.as_deref(), true).await?),
        (None, true) => {
            let mine = token.as_ref().and_then(|t| t.project_id.clone()).ok_or("missing auth info".to_string())?;
            Some(project_id(identity, &mine, project_domain.as_deref(), true).await?)
        }
        _ => None,
    };
    let group_domain = find_domain(args.group_domain.clone()).await?;
    let group = match &args.group {
        Some(group) => Some(group_id(identity, group, group_domain.as_deref(), true).await?),
        None => None,
    };
    let query = RoleAssignmentQuery {
        user_id: user,
        group_id: group,
        role_id: role,
        project_id: project,
        domain_id: domain,
        system: args.system,
        inherited_to: args.inherited.then(|| "projects".to_string()),
        effective: args.effective.then_some(true),
        include_names: args.names.then_some(true),
        include_subtree: None,
    };
    let found: Vec<RoleAssignment> = identity.role_assignments().list(&query).try_collect().await?;
    let rows = found
        .iter()
        .map(|a| {
            let scope = a.scope.clone().unwrap_or_default();
            vec![
                Cell::from(actor_text(Some(&a.role), args.names)),
                Cell::from(actor_text(a.user.as_ref(), args.names)),
                Cell::from(actor_text(a.group.as_ref(), args.names)),
                Cell::from(actor_text(scope.project.as_ref(), args.names)),
                Cell::from(actor_text(scope.domain.as_ref(), args.names)),
                Cell::from(if scope.system.is_some() { "all" } else { "" }),
                Cell::from(Value::Bool(a.is_inherited())),
            ]
        })
        .collect();
    Ok(Output::list(&["Role", "User", "Group", "Project", "Domain", "System", "Inherited"], rows))
}
