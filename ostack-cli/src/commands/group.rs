//! `group create|list|show|set|delete` and `group add|remove|contains user`
//! (python-openstackclient `identity/v3/group.py`).

use super::identity::{domain_id, group_in, show_in_order, user_in};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::{message, CliError};
use crate::noun::{list_of, plain, Column};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::identity::v3::{CreateGroup, Group, GroupQuery, IdentityProxy, UpdateGroup};
use serde_json::Map;

/// osc's `_format_group`.
const SHOW: &[(&str, &str)] =
    &[("description", "description"), ("domain_id", "domain_id"), ("id", "id"), ("name", "name")];

const LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Name", "name", plain),
    Column::new("Domain ID", "domain_id", plain),
    Column::new("Description", "description", plain),
];

/// Group commands.
#[derive(Subcommand)]
pub enum GroupCommand {
    /// Create new group.
    Create {
        /// New group name.
        name: String,
        /// Domain to contain new group (name or ID).
        #[arg(long)]
        domain: Option<String>,
        /// New group description.
        #[arg(long)]
        description: Option<String>,
        /// Return existing group.
        #[arg(long = "or-show")]
        or_show: bool,
    },
    /// List groups.
    List {
        /// Filter group list by <domain> (name or ID).
        #[arg(long)]
        domain: Option<String>,
        /// Filter group list by <user> (name or ID).
        #[arg(long)]
        user: Option<String>,
        /// Domain the user belongs to (name or ID).
        #[arg(long = "user-domain")]
        user_domain: Option<String>,
        /// List additional fields in output.
        #[arg(long)]
        long: bool,
    },
    /// Display group details.
    Show {
        /// Group to display (name or ID).
        group: String,
        /// Domain containing <group> (name or ID).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Set group properties.
    Set {
        /// Group to modify (name or ID).
        group: String,
        /// Domain containing <group> (name or ID).
        #[arg(long)]
        domain: Option<String>,
        /// New group name.
        #[arg(long)]
        name: Option<String>,
        /// New group description.
        #[arg(long)]
        description: Option<String>,
    },
    /// Delete group(s).
    Delete {
        /// Group(s) to delete (name or ID).
        #[arg(required = true)]
        groups: Vec<String>,
        /// Domain containing group(s) (name or ID).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Add user to group.
    #[command(subcommand)]
    Add(MemberCommand),
    /// Remove user from group.
    #[command(subcommand)]
    Remove(MemberCommand),
    /// Check user membership in group.
    #[command(subcommand)]
    Contains(ContainsCommand),
}

/// `group add|remove user`.
#[derive(Subcommand)]
pub enum MemberCommand {
    /// Add users to / remove them from a group.
    User(MemberArgs),
}

/// `group contains user`.
#[derive(Subcommand)]
pub enum ContainsCommand {
    /// Check user membership in group.
    User {
        /// Group to check (name or ID).
        group: String,
        /// User to check (name or ID).
        user: String,
        #[command(flatten)]
        domains: MemberDomains,
    },
}

/// `--group-domain`, `--user-domain`.
#[derive(Args)]
pub struct MemberDomains {
    /// Domain the group belongs to (name or ID).
    #[arg(long = "group-domain")]
    group_domain: Option<String>,
    /// Domain the user belongs to (name or ID).
    #[arg(long = "user-domain")]
    user_domain: Option<String>,
}

/// The group and users of `group add|remove user`.
#[derive(Args)]
pub struct MemberArgs {
    /// Group (name or ID).
    group: String,
    /// User(s) (name or ID).
    #[arg(required = true)]
    users: Vec<String>,
    #[command(flatten)]
    domains: MemberDomains,
}

impl GroupCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            GroupCommand::Create { .. } => Some("group create"),
            GroupCommand::Show { .. } => Some("group show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let groups = identity.groups();
        match self {
            GroupCommand::Create { name, domain, description, or_show } => {
                let domain_id = match &domain {
                    Some(d) => Some(domain_id(&identity, d, true).await?),
                    None => None,
                };
                let body = CreateGroup {
                    domain_id,
                    description: description.filter(|d| !d.is_empty()),
                    ..CreateGroup::new(&name)
                };
                match groups.create(&body).await {
                    Ok(group) => Ok(show_in_order(&group, SHOW)),
                    Err(e) if e.status() == Some(409) && or_show => {
                        // osc looks the name up in the domain as given
                        let found = match &domain {
                            Some(d) => groups.find_in_domain(&name, d).await?,
                            None => groups.find(&name).await?,
                        };
                        Ok(show_in_order(&found, SHOW))
                    }
                    Err(e) => Err(e.into()),
                }
            }
            GroupCommand::List { domain, user, user_domain, long } => {
                let found: Vec<Group> = match &user {
                    Some(user) => {
                        let user = user_in(&identity, user, user_domain.as_deref(), true).await?;
                        identity.users().groups(&user)?.try_collect().await?
                    }
                    None => {
                        let domain_id = match &domain {
                            Some(d) => Some(domain_id(&identity, d, true).await?),
                            None => None,
                        };
                        groups.list(&GroupQuery { domain_id, ..Default::default() }).try_collect().await?
                    }
                };
                let columns = if long { LIST } else { &LIST[..2] };
                Ok(list_of(&found, &columns.iter().collect::<Vec<_>>()))
            }
            GroupCommand::Show { group, domain } => {
                let found = match &domain {
                    Some(d) => groups.find_in_domain(&group, &domain_id(&identity, d, true).await?).await?,
                    None => groups.find(&group).await?,
                };
                Ok(show_in_order(&found, SHOW))
            }
            GroupCommand::Set { group, domain, name, description } => {
                let id = group_in(&identity, &group, domain.as_deref(), true).await?;
                let body = UpdateGroup {
                    name: name.filter(|n| !n.is_empty()),
                    description: description.filter(|d| !d.is_empty()),
                    extra: Map::new(),
                };
                groups.update(&id, &body).await?;
                Ok(Output::Nothing)
            }
            GroupCommand::Delete { groups: names, domain } => {
                delete_each(&names, "group with name or ID", "groups", |name| {
                    let (identity, domain) = (identity.clone(), domain.clone());
                    async move {
                        let id = group_in(&identity, &name, domain.as_deref(), true).await?;
                        identity.groups().delete(&id).await.map_err(CliError::from)
                    }
                })
                .await
            }
            GroupCommand::Add(MemberCommand::User(args)) => members(&identity, args, true).await,
            GroupCommand::Remove(MemberCommand::User(args)) => members(&identity, args, false).await,
            GroupCommand::Contains(ContainsCommand::User { group, user, domains }) => {
                let user_id = user_in(&identity, &user, domains.user_domain.as_deref(), false).await?;
                let group_id = group_in(&identity, &group, domains.group_domain.as_deref(), false).await?;
                let member = match groups.has_user(&group_id, &user_id).await {
                    Ok(member) => member,
                    Err(e) if e.status() == Some(403) => false,
                    Err(e) => return Err(e.into()),
                };
                if member {
                    println!("{user} in group {group}");
                } else {
                    eprintln!("{user} not in group {group}");
                }
                Ok(Output::Nothing)
            }
        }
    }
}

/// `group add user` (`add`) or `group remove user`: each user in turn, failures reported as osc
/// does.
async fn members(identity: &IdentityProxy, args: MemberArgs, add: bool) -> CommandResult {
    let groups = identity.groups();
    let group_id = group_in(identity, &args.group, args.domains.group_domain.as_deref(), true).await?;
    let (verb, preposition) = if add { ("added", "to") } else { ("removed", "from") };
    let mut failed = 0;
    for user in &args.users {
        let result = async {
            let user_id = user_in(identity, user, args.domains.user_domain.as_deref(), true).await?;
            if add {
                groups.add_user(&group_id, &user_id).await?;
            } else {
                groups.remove_user(&group_id, &user_id).await?;
            }
            Ok::<_, CliError>(())
        }
        .await;
        if let Err(e) = result {
            failed += 1;
            eprintln!("{user} not {verb} {preposition} group {}: {}", args.group, message(&e, false));
        }
    }
    if failed > 0 {
        return Err(CliError::Message(format!(
            "{failed} of {} users not {verb} {preposition} group {}.",
            args.users.len(),
            args.group
        )));
    }
    Ok(Output::Nothing)
}
