//! `user create|list|show|set|delete` and `user password set` (python-openstackclient
//! `identity/v3/user.py`). Passwords come from `--password` or a prompt that does not echo; they
//! travel as [`Secret`]s and are never printed.

use super::identity::{read_password, show_in_order};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{list_of, plain, Column};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::{StreamExt, TryStreamExt};
use ostack::identity::v3::{
    CreateUser, IdentityProxy, RoleAssignment, RoleAssignmentQuery, Secret, UpdateUser, User, UserQuery,
};
use serde_json::{json, Map, Value};

/// osc's `_format_user`, in its order (`is_enabled` shown as `enabled`).
const SHOW: &[(&str, &str)] = &[
    ("default_project_id", "default_project_id"),
    ("domain_id", "domain_id"),
    ("email", "email"),
    ("enabled", "enabled"),
    ("id", "id"),
    ("name", "name"),
    ("description", "description"),
    ("password_expires_at", "password_expires_at"),
    ("options", "options"),
];

const LIST: &[Column] = &[Column::new("ID", "id", plain), Column::new("Name", "name", plain)];

const LONG: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Name", "name", plain),
    Column::new("Project", "default_project_id", plain),
    Column::new("Domain", "domain_id", plain),
    Column::new("Description", "description", plain),
    Column::new("Email", "email", plain),
    Column::new("Enabled", "enabled", plain),
];

/// The warning osc logs when a user gets no password.
const NO_PASSWORD: &str = "No password was supplied, authentication will fail when a user does not have a password.";

fn show(user: &User) -> Output {
    show_in_order(user, SHOW)
}

/// User commands.
#[derive(Subcommand)]
pub enum UserCommand {
    /// Create new user.
    Create(CreateArgs),
    /// List users.
    List(ListArgs),
    /// Display user details.
    Show {
        /// User to display (name or ID).
        user: String,
        /// Domain owning <user> (name or ID).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Set user properties.
    Set(SetArgs),
    /// Delete user(s).
    Delete {
        /// User(s) to delete (name or ID).
        #[arg(required = true)]
        users: Vec<String>,
        /// Domain owning <user> (name or ID).
        #[arg(long)]
        domain: Option<String>,
    },
    /// The authenticated user's password.
    #[command(subcommand)]
    Password(PasswordCommand),
}

/// `user password ...`.
#[derive(Subcommand)]
pub enum PasswordCommand {
    /// Change current user password.
    Set {
        /// New user password (prompted for, without echo, when not given).
        #[arg(long, value_name = "<new-password>")]
        password: Option<String>,
        /// Original user password (prompted for, without echo, when not given).
        #[arg(long = "original-password", value_name = "<original-password>")]
        original_password: Option<String>,
    },
}

/// The `options` switches of `user create|set` (osc's `_add_user_options`).
#[derive(Args)]
pub struct UserOptions {
    /// Opt into ignoring the number of failed authentications (no lockout).
    #[arg(long = "ignore-lockout-failure-attempts")]
    ignore_lockout_failure_attempts: bool,
    /// Opt out of ignoring the number of failed authentications.
    #[arg(long = "no-ignore-lockout-failure-attempts")]
    no_ignore_lockout_failure_attempts: bool,
    /// Opt into allowing the user to keep using an expired password.
    #[arg(long = "ignore-password-expiry")]
    ignore_password_expiry: bool,
    /// Opt out of allowing the user to keep using an expired password.
    #[arg(long = "no-ignore-password-expiry")]
    no_ignore_password_expiry: bool,
    /// Do not force the user to change their password at first login.
    #[arg(long = "ignore-change-password-upon-first-use")]
    ignore_change_password_upon_first_use: bool,
    /// Force the user to change their password at first login.
    #[arg(long = "no-ignore-change-password-upon-first-use")]
    no_ignore_change_password_upon_first_use: bool,
    /// Forbid the user to change their own password.
    #[arg(long = "enable-lock-password")]
    enable_lock_password: bool,
    /// Allow the user to change their own password.
    #[arg(long = "disable-lock-password")]
    disable_lock_password: bool,
    /// Enable multi-factor authentication.
    #[arg(long = "enable-multi-factor-auth")]
    enable_multi_factor_auth: bool,
    /// Disable multi-factor authentication.
    #[arg(long = "disable-multi-factor-auth")]
    disable_multi_factor_auth: bool,
    /// A multi-factor auth rule, auth methods separated by commas (`password,totp`; repeatable).
    #[arg(long = "multi-factor-auth-rule", value_name = "<rule>")]
    multi_factor_auth_rules: Vec<String>,
}

impl UserOptions {
    /// osc's `_get_options_for_user`: the options asked for (the negative switch wins).
    fn options(&self) -> Map<String, Value> {
        let mut options = Map::new();
        let pairs = [
            (
                "ignore_lockout_failure_attempts",
                self.ignore_lockout_failure_attempts,
                self.no_ignore_lockout_failure_attempts,
            ),
            ("ignore_password_expiry", self.ignore_password_expiry, self.no_ignore_password_expiry),
            (
                "ignore_change_password_upon_first_use",
                self.ignore_change_password_upon_first_use,
                self.no_ignore_change_password_upon_first_use,
            ),
            ("lock_password", self.enable_lock_password, self.disable_lock_password),
            ("multi_factor_auth_enabled", self.enable_multi_factor_auth, self.disable_multi_factor_auth),
        ];
        for (key, on, off) in pairs {
            if on {
                options.insert(key.into(), json!(true));
            }
            if off {
                options.insert(key.into(), json!(false));
            }
        }
        if !self.multi_factor_auth_rules.is_empty() {
            let rules: Vec<Vec<&str>> = self.multi_factor_auth_rules.iter().map(|r| r.split(',').collect()).collect();
            options.insert("multi_factor_auth_rules".into(), json!(rules));
        }
        options
    }
}

/// `user create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// New user name.
    name: String,
    /// Default domain (name or ID).
    #[arg(long)]
    domain: Option<String>,
    /// Default project (name or ID).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or ID).
    #[arg(long = "project-domain")]
    project_domain: Option<String>,
    /// Set user password.
    #[arg(long, value_name = "<password>")]
    password: Option<String>,
    /// Prompt interactively for password (not echoed).
    #[arg(long = "password-prompt")]
    password_prompt: bool,
    /// Set user email address.
    #[arg(long, value_name = "<email-address>")]
    email: Option<String>,
    /// User description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    options: UserOptions,
    /// Enable user (default).
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Disable user.
    #[arg(long)]
    disable: bool,
    /// Return existing user.
    #[arg(long = "or-show")]
    or_show: bool,
}

/// `user list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Filter users by <domain> (name or ID).
    #[arg(long)]
    domain: Option<String>,
    /// Filter users by <group> membership (name or ID).
    #[arg(long, conflicts_with = "project")]
    group: Option<String>,
    /// Filter users by <project> (name or ID).
    #[arg(long)]
    project: Option<String>,
    /// List additional fields in output.
    #[arg(long)]
    long: bool,
    /// List only enabled users, does nothing with --project and --group.
    #[arg(long, overrides_with = "disabled")]
    enabled: bool,
    /// List only disabled users, does nothing with --project and --group.
    #[arg(long, overrides_with = "enabled")]
    disabled: bool,
    /// The maximum number of entries to return per page.
    #[arg(long)]
    limit: Option<u32>,
    /// The first position in the collection to return results from.
    #[arg(long)]
    marker: Option<String>,
    /// The maximum number of entries to return in total.
    #[arg(long = "max-items")]
    max_items: Option<usize>,
}

/// `user set` options.
#[derive(Args)]
pub struct SetArgs {
    /// User to modify (name or ID).
    user: String,
    /// Set user name.
    #[arg(long)]
    name: Option<String>,
    /// Domain the user belongs to (name or ID).
    #[arg(long)]
    domain: Option<String>,
    /// Set default project (name or ID).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or ID).
    #[arg(long = "project-domain")]
    project_domain: Option<String>,
    /// Set user password.
    #[arg(long, value_name = "<password>")]
    password: Option<String>,
    /// Prompt interactively for password (not echoed).
    #[arg(long = "password-prompt")]
    password_prompt: bool,
    /// Set user email address.
    #[arg(long, value_name = "<email-address>")]
    email: Option<String>,
    /// Set user description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    options: UserOptions,
    /// Enable user (default).
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Disable user.
    #[arg(long)]
    disable: bool,
}

impl UserCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            UserCommand::Create(_) => Some("user create"),
            UserCommand::Show { .. } => Some("user show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let users = identity.users();
        match self {
            UserCommand::Create(args) => create(&identity, args).await,
            UserCommand::List(args) => list(&identity, args).await,
            UserCommand::Show { user, domain } => Ok(show(&find(&identity, &user, domain.as_deref(), false).await?)),
            UserCommand::Set(args) => set(&identity, args).await,
            UserCommand::Delete { users: names, domain } => {
                // osc ignores a domain it cannot find
                let domain = match &domain {
                    Some(d) => identity.domains().find(d).await.ok().map(|d| d.id),
                    None => None,
                };
                delete_each(&names, "user with name or ID", "users", |name| {
                    let (users, domain) = (users.clone(), domain.clone());
                    async move {
                        let found = match &domain {
                            Some(d) => users.find_in_domain(&name, d).await?,
                            None => users.find(&name).await?,
                        };
                        Ok(users.delete(&found.id).await?)
                    }
                })
                .await
            }
            UserCommand::Password(PasswordCommand::Set { password, original_password }) => {
                let me = identity.current_user_id().await?;
                let original = match original_password {
                    Some(p) => Secret::new(p),
                    None => read_password("Current Password:", false)?,
                };
                let new = match password {
                    Some(p) => Secret::new(p),
                    None => read_password("New Password:", true)?,
                };
                if new.expose().is_empty() {
                    eprintln!("{NO_PASSWORD}");
                }
                users.change_password(&me, &original, &new).await?;
                Ok(Output::Nothing)
            }
        }
    }
}

/// A user by name or id, within a domain when one is given (`find_domain` with
/// `ignore_missing`: a domain not found is no filter when `strict` is false).
async fn find(identity: &IdentityProxy, user: &str, domain: Option<&str>, strict: bool) -> Result<User, CliError> {
    let users = identity.users();
    let domain = match domain {
        Some(d) if strict => Some(identity.domains().find(d).await?.id),
        Some(d) => identity.domains().find(d).await.ok().map(|d| d.id),
        None => None,
    };
    Ok(match domain {
        Some(d) => users.find_in_domain(user, &d).await?,
        None => users.find(user).await?,
    })
}

/// The id of a default project (`--project` with `--project-domain`).
async fn default_project(
    identity: &IdentityProxy,
    project: Option<&str>,
    project_domain: Option<&str>,
) -> Result<Option<String>, CliError> {
    let Some(project) = project else { return Ok(None) };
    let domain = match project_domain {
        Some(d) => Some(identity.domains().find(d).await?.id),
        None => None,
    };
    let projects = identity.projects();
    let found = match domain {
        Some(d) => projects.find_in_domain(project, &d).await?,
        None => projects.find(project).await?,
    };
    Ok(Some(found.id))
}

async fn create(identity: &IdentityProxy, args: CreateArgs) -> CommandResult {
    let users = identity.users();
    let domain = match &args.domain {
        Some(d) => Some(identity.domains().find(d).await?.id),
        None => None,
    };
    let project = default_project(identity, args.project.as_deref(), args.project_domain.as_deref()).await?;
    let password = match args.password.filter(|p| !p.is_empty()) {
        Some(p) => Some(Secret::new(p)),
        None if args.password_prompt => Some(read_password("User Password:", true)?),
        None => None,
    }
    .filter(|p| !p.expose().is_empty());
    if password.is_none() {
        eprintln!("{NO_PASSWORD}");
    }
    let options = args.options.options();
    let body = CreateUser {
        domain_id: domain.clone(),
        default_project_id: project,
        description: args.description.filter(|d| !d.is_empty()),
        email: args.email.filter(|e| !e.is_empty()),
        enabled: Some(!args.disable),
        password,
        options: (!options.is_empty()).then_some(options),
        ..CreateUser::new(&args.name)
    };
    match users.create(&body).await {
        Ok(user) => Ok(show(&user)),
        Err(e) if e.status() == Some(409) && args.or_show => {
            let found = match &domain {
                Some(d) => users.find_in_domain(&args.name, d).await?,
                None => users.find(&args.name).await?,
            };
            Ok(show(&found))
        }
        Err(e) => Err(e.into()),
    }
}

async fn list(identity: &IdentityProxy, args: ListArgs) -> CommandResult {
    if args.project.is_some() && (args.limit.is_some() || args.marker.is_some()) {
        return Err(CliError::Message("--limit and --marker are not supported with --project".into()));
    }
    let domain = optional_domain_id_strict(identity, args.domain.as_deref()).await?;
    let group = match &args.group {
        // osc passes the domain as given, not its id
        Some(g) => Some(match &args.domain {
            Some(d) => identity.groups().find_in_domain(g, d).await?.id,
            None => identity.groups().find(g).await?.id,
        }),
        None => None,
    };
    let max = args.max_items.unwrap_or(usize::MAX);
    let found: Vec<User> = if let Some(project) = &args.project {
        let projects = identity.projects();
        let project = match &domain {
            Some(d) => projects.find_in_domain(project, d).await?.id,
            None => projects.find(project).await?.id,
        };
        let query = RoleAssignmentQuery { project_id: Some(project), ..Default::default() };
        let assignments: Vec<RoleAssignment> = identity.role_assignments().list(&query).try_collect().await?;
        let mut ids: Vec<String> = assignments.into_iter().filter_map(|a| a.user.and_then(|u| u.id)).collect();
        ids.sort();
        ids.dedup();
        let mut found = Vec::new();
        for id in ids {
            found.push(identity.users().find(&id).await?);
        }
        found
    } else if let Some(group) = &group {
        let query = UserQuery { domain_id: domain, limit: args.limit, marker: args.marker, ..Default::default() };
        identity.groups().users(group, &query)?.take(max).try_collect().await?
    } else {
        let enabled = match (args.enabled, args.disabled) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        let query =
            UserQuery { domain_id: domain, enabled, limit: args.limit, marker: args.marker, ..Default::default() };
        identity.users().list(&query).take(max).try_collect().await?
    };
    let columns = if args.long { LONG } else { LIST };
    Ok(list_of(&found, &columns.iter().collect::<Vec<_>>()))
}

/// The id of an optional domain that must exist (`find_domain(ignore_missing=False)`).
async fn optional_domain_id_strict(identity: &IdentityProxy, name: Option<&str>) -> Result<Option<String>, CliError> {
    match name {
        Some(name) => Ok(Some(identity.domains().find(name).await?.id)),
        None => Ok(None),
    }
}

async fn set(identity: &IdentityProxy, args: SetArgs) -> CommandResult {
    let password = match args.password {
        _ if args.password_prompt => Some(read_password("User Password:", true)?),
        Some(p) => Some(Secret::new(p)),
        None => None,
    };
    if password.as_ref().is_some_and(|p| p.expose().is_empty()) {
        eprintln!("{NO_PASSWORD}");
    }
    let user = find(identity, &args.user, args.domain.as_deref(), true).await?;
    let project = default_project(identity, args.project.as_deref(), args.project_domain.as_deref()).await?;
    let enabled = match (args.enable, args.disable) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => user.enabled,
    };
    let options = args.options.options();
    let body = UpdateUser {
        name: args.name.filter(|n| !n.is_empty()),
        default_project_id: project,
        description: args.description.filter(|d| !d.is_empty()),
        email: args.email.filter(|e| !e.is_empty()),
        enabled,
        password: password.filter(|p| !p.expose().is_empty()),
        options: (!options.is_empty()).then_some(options),
        federated: None,
        extra: Map::new(),
    };
    identity.users().update(&user.id, &body).await?;
    Ok(Output::Nothing)
}
