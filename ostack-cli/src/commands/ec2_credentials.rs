//! `ec2 credentials create|list|show|delete` (python-openstackclient `identity/v3/ec2creds.py`).
//! The secret is printed, as osc prints it: the user asked for it.

use super::identity::{keystoneclient_error, project_id, user_in};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::identity::v3::{Ec2Credential, IdentityProxy};
use serde_json::Value;

const LIST: &[Column] = &[
    Column::new("Access", "access", plain),
    Column::new("Secret", "secret", plain),
    Column::new("Project ID", "tenant_id", plain),
    Column::new("User ID", "user_id", plain),
];

/// `ec2 ...` commands.
#[derive(Subcommand)]
pub enum Ec2Command {
    /// EC2 credentials.
    #[command(subcommand)]
    Credentials(Ec2CredentialsCommand),
}

/// `ec2 credentials ...`.
#[derive(Subcommand)]
pub enum Ec2CredentialsCommand {
    /// Create EC2 credentials.
    Create {
        /// Create credentials in project (name or ID; default: current authenticated project).
        #[arg(long)]
        project: Option<String>,
        /// Create credentials for user (name or ID; default: current authenticated user).
        #[arg(long)]
        user: Option<String>,
        /// Domain the user belongs to (name or ID).
        #[arg(long = "user-domain")]
        user_domain: Option<String>,
        /// Domain the project belongs to (name or ID).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
    },
    /// List EC2 credentials.
    List {
        /// Filter list by user (name or ID).
        #[arg(long)]
        user: Option<String>,
        /// Domain the user belongs to (name or ID).
        #[arg(long = "user-domain")]
        user_domain: Option<String>,
    },
    /// Display EC2 credentials details.
    Show {
        /// Credentials access key.
        #[arg(value_name = "<access-key>")]
        access_key: String,
        /// Show credentials for user (name or ID).
        #[arg(long)]
        user: Option<String>,
        /// Domain the user belongs to (name or ID).
        #[arg(long = "user-domain")]
        user_domain: Option<String>,
    },
    /// Delete EC2 credentials.
    Delete {
        /// Credentials access key(s).
        #[arg(required = true, value_name = "<access-key>")]
        access_keys: Vec<String>,
        /// Delete credentials for user (name or ID).
        #[arg(long)]
        user: Option<String>,
        /// Domain the user belongs to (name or ID).
        #[arg(long = "user-domain")]
        user_domain: Option<String>,
    },
}

/// osc's `_determine_ec2_user`: the user named (in its domain), else the authenticated one.
async fn ec2_user(identity: &IdentityProxy, user: Option<&str>, domain: Option<&str>) -> Result<String, CliError> {
    match user {
        Some(user) => user_in(identity, user, domain, true).await,
        None => Ok(identity.current_user_id().await?),
    }
}

/// Every field keystone sent, sorted, with `tenant_id` shown as `project_id` (as osc does).
fn show(credential: &Ec2Credential) -> Output {
    let mut map = to_map(credential);
    // keystone always sends trust_id (null when none); the SDK type drops a null one
    map.entry("trust_id").or_insert(Value::Null);
    if let Some(tenant) = map.shift_remove("tenant_id") {
        map.insert("project_id".into(), tenant);
    }
    Output::show_sorted(map.into_iter().map(|(k, v)| (k, Cell::from(v))).collect())
}

impl Ec2Command {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            Ec2Command::Credentials(Ec2CredentialsCommand::Create { .. }) => Some("ec2 credentials create"),
            Ec2Command::Credentials(Ec2CredentialsCommand::Show { .. }) => Some("ec2 credentials show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let Ec2Command::Credentials(command) = self;
        match command {
            Ec2CredentialsCommand::Create { project, user, user_domain, project_domain } => {
                let user = ec2_user(&identity, user.as_deref(), user_domain.as_deref()).await?;
                let project = match &project {
                    Some(project) => {
                        let domain =
                            super::identity::optional_domain_id(&identity, project_domain.as_deref(), true).await?;
                        project_id(&identity, project, domain.as_deref(), true).await?
                    }
                    None => ctx.conn.token().await?.and_then(|t| t.project_id.clone()).ok_or_else(|| {
                        CliError::Message("the token is not scoped to a project: give --project".into())
                    })?,
                };
                Ok(show(
                    &identity
                        .ec2_credentials(&user)
                        .create_for_project(&project)
                        .await
                        .map_err(keystoneclient_error)?,
                ))
            }
            Ec2CredentialsCommand::List { user, user_domain } => {
                let user = ec2_user(&identity, user.as_deref(), user_domain.as_deref()).await?;
                let found: Vec<Ec2Credential> =
                    identity.ec2_credentials(&user).list(&()).try_collect().await.map_err(keystoneclient_error)?;
                Ok(list_of(&found, &LIST.iter().collect::<Vec<_>>()))
            }
            Ec2CredentialsCommand::Show { access_key, user, user_domain } => {
                let user = ec2_user(&identity, user.as_deref(), user_domain.as_deref()).await?;
                Ok(show(&identity.ec2_credentials(&user).get(&access_key).await.map_err(keystoneclient_error)?))
            }
            Ec2CredentialsCommand::Delete { access_keys, user, user_domain } => {
                let user = ec2_user(&identity, user.as_deref(), user_domain.as_deref()).await?;
                let api = identity.ec2_credentials(&user);
                delete_each(&access_keys, "EC2 credentials with access key", "EC2 keys", |key| {
                    let api = api.clone();
                    async move { api.delete(&key).await.map_err(keystoneclient_error) }
                })
                .await
            }
        }
    }
}
