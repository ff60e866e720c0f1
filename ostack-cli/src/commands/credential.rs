//! `credential create|list|show|set|delete` (python-openstackclient `identity/v3/credential.py`).
//! The blob is the credential's data and is printed, as osc prints it: the user asked for it.

use super::catalog_admin::not_found;
use super::identity::{show_in_order, user_in};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{list_of, plain, Column};
use crate::output::Output;
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::identity::v3::{CreateCredential, Credential, CredentialQuery, Secret, UpdateCredential};

/// osc's `_format_credential`.
const SHOW: &[(&str, &str)] =
    &[("blob", "blob"), ("id", "id"), ("project_id", "project_id"), ("type", "type"), ("user_id", "user_id")];

const LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Type", "type", plain),
    Column::new("User ID", "user_id", plain),
    Column::new("Data", "blob", plain),
    Column::new("Project ID", "project_id", plain),
];

/// Credential commands.
#[derive(Subcommand)]
pub enum CredentialCommand {
    /// Create new credential.
    Create {
        /// User that owns the credential (name or ID).
        user: String,
        /// New credential data.
        data: String,
        /// New credential type: cert, ec2, totp and so on.
        #[arg(long = "type", default_value = "cert", value_name = "<type>")]
        credential_type: String,
        /// Project which limits the scope of the credential (name or ID).
        #[arg(long)]
        project: Option<String>,
    },
    /// List credentials.
    List {
        /// Filter credentials by <user> (name or ID).
        #[arg(long)]
        user: Option<String>,
        /// Domain the user belongs to (name or ID).
        #[arg(long = "user-domain")]
        user_domain: Option<String>,
        /// Filter credentials by type: cert, ec2, totp and so on.
        #[arg(long = "type", value_name = "<type>")]
        credential_type: Option<String>,
    },
    /// Display credential details.
    Show {
        /// ID of credential to display.
        credential: String,
    },
    /// Set credential properties.
    Set {
        /// ID of credential to change.
        credential: String,
        /// User that owns the credential (name or ID).
        #[arg(long, required = true)]
        user: String,
        /// New credential type: cert, ec2, totp and so on.
        #[arg(long = "type", required = true, value_name = "<type>")]
        credential_type: String,
        /// New credential data.
        #[arg(long, required = true)]
        data: String,
        /// Project which limits the scope of the credential (name or ID).
        #[arg(long)]
        project: Option<String>,
    },
    /// Delete credential(s).
    Delete {
        /// ID of credential(s) to delete.
        #[arg(required = true, value_name = "<credential-id>")]
        credentials: Vec<String>,
    },
}

impl CredentialCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            CredentialCommand::Create { .. } => Some("credential create"),
            CredentialCommand::Show { .. } => Some("credential show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let credentials = identity.credentials();
        match self {
            CredentialCommand::Create { user, data, credential_type, project } => {
                let user = identity.users().find(&user).await?.id;
                let project = match &project {
                    Some(project) => Some(identity.projects().find(project).await?.id),
                    None => None,
                };
                let body = CreateCredential {
                    project_id: project,
                    ..CreateCredential::new(credential_type, user, Secret::new(data))
                };
                let created = credentials.create(&body).await?;
                Ok(show_in_order(&created, SHOW))
            }
            CredentialCommand::List { user, user_domain, credential_type } => {
                let user_id = match &user {
                    Some(user) => Some(user_in(&identity, user, user_domain.as_deref(), true).await?),
                    None => None,
                };
                let query = CredentialQuery { user_id, credential_type };
                let found: Vec<Credential> = credentials.list(&query).try_collect().await?;
                Ok(list_of(&found, &LIST.iter().collect::<Vec<_>>()))
            }
            CredentialCommand::Show { credential } => {
                let found = credentials.get(&credential).await.map_err(|e| not_found("Credential", &credential, e))?;
                Ok(show_in_order(&found, SHOW))
            }
            CredentialCommand::Set { credential, user, credential_type, data, project } => {
                // osc looks both up (failing when they are missing) but hands them to
                // openstacksdk as `user`/`project`, which are no attributes of a credential:
                // only the type and the data change
                identity.users().find(&user).await?;
                if let Some(project) = &project {
                    identity.projects().find(project).await?;
                }
                let body = UpdateCredential {
                    credential_type: Some(credential_type),
                    blob: Some(Secret::new(data)),
                    ..Default::default()
                };
                credentials.update(&credential, &body).await?;
                Ok(Output::Nothing)
            }
            CredentialCommand::Delete { credentials: ids } => {
                delete_each(&ids, "credentials with ID", "credential", |id| {
                    let credentials = credentials.clone();
                    // openstacksdk's delete_credential ignores a missing one
                    async move {
                        match credentials.delete(&id).await {
                            Err(e) if e.status() == Some(404) => Ok(()),
                            other => other.map_err(CliError::from),
                        }
                    }
                })
                .await
            }
        }
    }
}
