//! `application credential create|list|show|delete` (python-openstackclient
//! `identity/v3/application_credential.py`). The secret is shown once, by `create`, as osc does.

use super::identity::user_in;
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::identity::v3::{
    ApplicationCredential, ApplicationCredentialQuery, CreateApplicationCredential, NewAccessRule, Ref, Secret,
};
use serde_json::{Map, Value};

/// osc's `RolesColumn`: the role names in tables, the roles as they are in JSON.
fn roles_column(value: Value) -> Cell {
    let names: Vec<String> = crate::format::as_list(value.clone())
        .iter()
        .map(|r| r.get("name").map(crate::output::python_str).unwrap_or_default())
        .collect();
    Cell::formatted(value, names.join(", "))
}

/// An access rule in keystone's order (`id`, `service`, `path`, `method`), as osc shows it.
fn access_rules_column(value: Value) -> Cell {
    let ordered = match value {
        Value::Array(rules) => Value::Array(
            rules
                .into_iter()
                .map(|rule| match rule {
                    Value::Object(mut map) => {
                        let mut out = Map::new();
                        for key in ["id", "service", "path", "method"] {
                            if let Some(v) = map.shift_remove(key) {
                                out.insert(key.into(), v);
                            }
                        }
                        out.extend(map);
                        Value::Object(out)
                    }
                    other => other,
                })
                .collect(),
        ),
        other => other,
    };
    Cell::from(ordered)
}

const COLUMNS: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Name", "name", plain),
    Column::new("Description", "description", plain),
    Column::new("Project ID", "project_id", plain),
    Column::new("Roles", "roles", roles_column),
    Column::new("Unrestricted", "unrestricted", plain),
    Column::new("Access Rules", "access_rules", access_rules_column),
    Column::new("Expires At", "expires_at", plain),
];

const SECRET: Column = Column::new("Secret", "secret", plain);

/// A show of these columns, in order.
fn show(credential: &ApplicationCredential, columns: &[&Column]) -> Output {
    let raw = to_map(credential);
    Output::Show(
        columns
            .iter()
            .map(|c| {
                let key = match c.source {
                    crate::noun::Source::Key(key) => key,
                    crate::noun::Source::Computed(_) => "",
                };
                (c.header.to_string(), (c.format)(raw.get(key).cloned().unwrap_or(Value::Null)))
            })
            .collect(),
    )
}

/// `application ...` commands.
#[derive(Subcommand)]
pub enum ApplicationCommand {
    /// Application credentials.
    #[command(subcommand)]
    Credential(CredentialCommand),
}

/// `application credential ...`.
#[derive(Subcommand)]
pub enum CredentialCommand {
    /// Create new application credential.
    Create {
        /// Name of the application credential.
        name: String,
        /// Secret to use for authentication (if not provided, one will be generated).
        #[arg(long)]
        secret: Option<String>,
        /// Roles to authorize (name or ID) (repeat option to set multiple values).
        #[arg(long = "role")]
        roles: Vec<String>,
        /// Sets an expiration date for the application credential, format of YYYY-mm-ddTHH:MM:SS.
        #[arg(long)]
        expiration: Option<String>,
        /// Application credential description.
        #[arg(long)]
        description: Option<String>,
        /// Enable application credential to create and delete other application credentials
        /// and trusts.
        #[arg(long)]
        unrestricted: bool,
        /// Prohibit application credential from creating and deleting other application
        /// credentials and trusts (the default).
        #[arg(long)]
        restricted: bool,
        /// Either a string or file path containing a JSON-formatted list of access rules.
        #[arg(long = "access-rules")]
        access_rules: Option<String>,
    },
    /// List application credentials.
    List {
        /// User whose application credentials to list (name or ID).
        #[arg(long)]
        user: Option<String>,
        /// Domain the user belongs to (name or ID).
        #[arg(long = "user-domain")]
        user_domain: Option<String>,
    },
    /// Display application credential details.
    Show {
        /// Application credential to display (name or ID).
        application_credential: String,
    },
    /// Delete application credentials(s).
    Delete {
        /// Application credential(s) to delete (name or ID).
        #[arg(required = true)]
        application_credentials: Vec<String>,
    },
}

/// python's `is_uuid_like`: 32 hex digits, with or without hyphens, braces or a `urn:uuid:` prefix.
fn is_uuid_like(value: &str) -> bool {
    let stripped = value.replace("urn:", "").replace("uuid:", "");
    let hex: String = stripped.trim_matches(|c| c == '{' || c == '}').replace('-', "");
    hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// `--access-rules`: JSON text, else the path of a JSON file.
fn access_rules(text: &str) -> Result<Vec<NewAccessRule>, CliError> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(_) => {
            let bad = || CliError::Message("Access rules is not valid JSON string or file does not exist.".into());
            let content = std::fs::read_to_string(text).map_err(|_| bad())?;
            serde_json::from_str(&content).map_err(|e| CliError::Message(format!("{text}: {e}")))?
        }
    };
    let Value::Array(rules) = value else {
        return Err(CliError::Message("Access rules must be a JSON list of objects.".into()));
    };
    rules
        .iter()
        .map(|rule| {
            let Value::Object(rule) = rule else {
                return Err(CliError::Message("Access rules must be a JSON list of objects.".into()));
            };
            let text = |key: &str| rule.get(key).and_then(Value::as_str).map(String::from);
            Ok(NewAccessRule { id: text("id"), service: text("service"), method: text("method"), path: text("path") })
        })
        .collect()
}

impl ApplicationCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ApplicationCommand::Credential(CredentialCommand::Create { .. }) => Some("application credential create"),
            ApplicationCommand::Credential(CredentialCommand::Show { .. }) => Some("application credential show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let ApplicationCommand::Credential(command) = self;
        match command {
            CredentialCommand::Create {
                name,
                secret,
                roles,
                expiration,
                description,
                unrestricted,
                restricted,
                access_rules: rules,
            } => {
                let me = identity.current_user_id().await?;
                let roles: Vec<Ref> = roles
                    .into_iter()
                    .map(|role| {
                        if is_uuid_like(&role) {
                            Ref { id: Some(role), ..Default::default() }
                        } else {
                            Ref { name: Some(role), ..Default::default() }
                        }
                    })
                    .collect();
                let expires_at = match &expiration {
                    Some(text) => Some(
                        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
                            .map_err(|_| {
                                CliError::Message(format!(
                                    "time data '{text}' does not match format '%Y-%m-%dT%H:%M:%S'"
                                ))
                            })?
                            .format("%Y-%m-%dT%H:%M:%S")
                            .to_string(),
                    ),
                    None => None,
                };
                let body = CreateApplicationCredential {
                    description,
                    secret: secret.map(Secret::new),
                    expires_at,
                    roles: Some(roles),
                    unrestricted: Some(unrestricted && !restricted),
                    access_rules: Some(match &rules {
                        Some(text) => access_rules(text)?,
                        None => Vec::new(),
                    }),
                    ..CreateApplicationCredential::new(name)
                };
                let created = identity.application_credentials(&me).create(&body).await?;
                let mut columns: Vec<&Column> = COLUMNS.iter().collect();
                columns.push(&SECRET);
                Ok(show(&created, &columns))
            }
            CredentialCommand::List { user, user_domain } => {
                let user = match &user {
                    Some(user) => user_in(&identity, user, user_domain.as_deref(), true).await?,
                    None => identity.current_user_id().await?,
                };
                let found: Vec<ApplicationCredential> = identity
                    .application_credentials(&user)
                    .list(&ApplicationCredentialQuery::default())
                    .try_collect()
                    .await?;
                Ok(list_of(&found, &COLUMNS.iter().collect::<Vec<_>>()))
            }
            CredentialCommand::Show { application_credential } => {
                let me = identity.current_user_id().await?;
                let found = identity.application_credentials(&me).find(&application_credential).await?;
                Ok(show(&found, &COLUMNS.iter().collect::<Vec<_>>()))
            }
            CredentialCommand::Delete { application_credentials } => {
                let me = identity.current_user_id().await?;
                let api = identity.application_credentials(&me);
                delete_each(
                    &application_credentials,
                    "application credential with name or ID",
                    "application credentials",
                    |name| {
                        let api = api.clone();
                        async move {
                            let found = api.find(&name).await?;
                            api.delete(&found.id).await.map_err(CliError::from)
                        }
                    },
                )
                .await
            }
        }
    }
}
