//! `implied role create|list|delete` (python-openstackclient `identity/v3/implied_role.py`).

use super::identity::keystoneclient_error;
use super::CommandResult;
use crate::context::Context;
use crate::output::{Cell, Output};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::identity::v3::{IdentityProxy, Role, RoleQuery};

/// `implied ...` commands.
#[derive(Subcommand)]
pub enum ImpliedCommand {
    /// Implied roles.
    #[command(subcommand)]
    Role(ImpliedRoleCommand),
}

/// `implied role ...`.
#[derive(Subcommand)]
pub enum ImpliedRoleCommand {
    /// Creates an association between prior and implied roles.
    Create {
        /// Role (name or ID) that implies another role.
        role: String,
        /// <role> (name or ID) implied by another role.
        #[arg(long = "implied-role", required = true, value_name = "<role>")]
        implied_role: String,
    },
    /// List implied roles.
    List,
    /// Deletes an association between prior and implied roles.
    Delete {
        /// Role (name or ID) that implies another role.
        role: String,
        /// <role> (name or ID) implied by another role.
        #[arg(long = "implied-role", required = true, value_name = "<role>")]
        implied_role: String,
    },
}

/// osc's `_get_role_ids`: among the global roles, the prior and the implied role matched by name
/// or id; one that matches nothing goes to keystone as `None` (which then answers 404).
async fn role_ids(identity: &IdentityProxy, role: &str, implied: &str) -> Result<(String, String), ostack::Error> {
    let roles: Vec<Role> = identity.roles().list(&RoleQuery::default()).try_collect().await?;
    let (mut prior_id, mut implied_id) = (None, None);
    for r in &roles {
        let matches = |wanted: &str| r.name == wanted || r.id == wanted;
        if matches(role) {
            prior_id = Some(r.id.clone());
        } else if matches(implied) {
            implied_id = Some(r.id.clone());
        }
    }
    let none = || "None".to_string();
    Ok((prior_id.unwrap_or_else(none), implied_id.unwrap_or_else(none)))
}

impl ImpliedCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ImpliedCommand::Role(ImpliedRoleCommand::Create { .. }) => Some("implied role create"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let ImpliedCommand::Role(command) = self;
        match command {
            ImpliedRoleCommand::Create { role, implied_role } => {
                let (prior, implied) = role_ids(&identity, &role, &implied_role).await.map_err(keystoneclient_error)?;
                let inference = identity.roles().imply(&prior, &implied).await.map_err(keystoneclient_error)?;
                let implied = inference.implies.first().and_then(|r| r.id.clone());
                Ok(Output::show_sorted(vec![
                    ("implies".into(), Cell::from(implied)),
                    ("prior_role".into(), Cell::from(inference.prior_role.id)),
                ]))
            }
            ImpliedRoleCommand::List => {
                let inferences = identity.roles().inferences().await.map_err(keystoneclient_error)?;
                let rows = inferences
                    .iter()
                    .flat_map(|rule| {
                        rule.implies.iter().map(|implied| {
                            vec![
                                Cell::from(rule.prior_role.id.clone()),
                                Cell::from(rule.prior_role.name.clone()),
                                Cell::from(implied.id.clone()),
                                Cell::from(implied.name.clone()),
                            ]
                        })
                    })
                    .collect();
                Ok(Output::list_of_list(
                    &["Prior Role ID", "Prior Role Name", "Implied Role ID", "Implied Role Name"],
                    rows,
                ))
            }
            ImpliedRoleCommand::Delete { role, implied_role } => {
                let (prior, implied) = role_ids(&identity, &role, &implied_role).await.map_err(keystoneclient_error)?;
                identity.roles().unimply(&prior, &implied).await.map_err(keystoneclient_error)?;
                Ok(Output::Nothing)
            }
        }
    }
}
