//! `trust create|list|show|delete` (python-openstackclient `identity/v3/trust.py`).

use super::identity::show_in_order;
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{list_of, plain, Column};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::identity::v3::{CreateTrust, IdentityProxy, Ref, Trust, TrustQuery};
use ostack::Resource;

/// osc's `_format_trust`.
const SHOW: &[(&str, &str)] = &[
    ("expires_at", "expires_at"),
    ("id", "id"),
    ("is_impersonation", "impersonation"),
    ("project_id", "project_id"),
    ("redelegated_trust_id", "redelegated_trust_id"),
    ("redelegation_count", "redelegation_count"),
    ("remaining_uses", "remaining_uses"),
    ("roles", "roles"),
    ("trustee_user_id", "trustee_user_id"),
    ("trustor_user_id", "trustor_user_id"),
];

const LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Expires At", "expires_at", plain),
    Column::new("Impersonation", "impersonation", plain),
    Column::new("Project ID", "project_id", plain),
    Column::new("Trustee User ID", "trustee_user_id", plain),
    Column::new("Trustor User ID", "trustor_user_id", plain),
];

/// Trust commands.
#[derive(Subcommand)]
pub enum TrustCommand {
    /// Create new trust.
    Create {
        /// User that is delegating authorization (name or ID).
        #[arg(value_name = "<trustor-user>")]
        trustor: String,
        /// User that is assuming authorization (name or ID).
        #[arg(value_name = "<trustee-user>")]
        trustee: String,
        /// Project being delegated (name or ID) (required).
        #[arg(long, required = true)]
        project: String,
        /// Roles to authorize (name or ID) (repeat option to set multiple values, required).
        #[arg(long = "role", required = true, value_name = "<role>")]
        roles: Vec<String>,
        /// Tokens generated from the trust will represent <trustor> (defaults to False).
        #[arg(long)]
        impersonate: bool,
        /// Sets an expiration date for the trust (format of YYYY-mm-ddTHH:MM:SS).
        #[arg(long)]
        expiration: Option<String>,
        /// Domain the project belongs to (name or ID).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
        /// Domain that contains <trustor> (name or ID).
        #[arg(long = "trustor-domain")]
        trustor_domain: Option<String>,
        /// Domain that contains <trustee> (name or ID).
        #[arg(long = "trustee-domain")]
        trustee_domain: Option<String>,
    },
    /// List trusts.
    List {
        /// Trustor user to filter (name or ID).
        #[arg(long, value_name = "<trustor-user>")]
        trustor: Option<String>,
        /// Trustee user to filter (name or ID).
        #[arg(long, value_name = "<trustee-user>")]
        trustee: Option<String>,
        /// Domain that contains <trustor> (name or ID).
        #[arg(long = "trustor-domain")]
        trustor_domain: Option<String>,
        /// Domain that contains <trustee> (name or ID).
        #[arg(long = "trustee-domain")]
        trustee_domain: Option<String>,
        /// Only list trusts related to the authenticated user.
        #[arg(long = "auth-user")]
        auth_user: bool,
    },
    /// Display trust details.
    Show {
        /// Trust to display.
        trust: String,
    },
    /// Delete trust(s).
    Delete {
        /// Trust(s) to delete.
        #[arg(required = true, value_name = "<trust>")]
        trusts: Vec<String>,
    },
}

/// The id found, or the name as given when the lookup is forbidden (osc catches
/// `ForbiddenException` around each `find_*`); a missing one is openstacksdk's error.
fn found_id<R: Resource>(found: ostack::Result<R>, name: &str) -> Result<String, CliError> {
    match found {
        Ok(resource) => Ok(resource.id().to_string()),
        Err(e) if e.status() == Some(403) => Ok(name.to_string()),
        Err(e) => Err(e.into()),
    }
}

/// A user, within a domain when one is given; forbidden lookups keep the name.
async fn user(identity: &IdentityProxy, name: &str, domain: Option<&str>) -> Result<String, CliError> {
    let found = match domain {
        Some(domain) => {
            let domain = identity.domains().find(domain).await;
            match domain {
                Ok(domain) => identity.users().find_in_domain(name, &domain.id).await,
                Err(e) => Err(e),
            }
        }
        None => identity.users().find(name).await,
    };
    found_id(found, name)
}

impl TrustCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            TrustCommand::Create { .. } => Some("trust create"),
            TrustCommand::Show { .. } => Some("trust show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let trusts = identity.trusts();
        match self {
            TrustCommand::Create {
                trustor,
                trustee,
                project,
                roles,
                impersonate,
                expiration,
                project_domain,
                trustor_domain,
                trustee_domain,
            } => {
                let trustor = user(&identity, &trustor, trustor_domain.as_deref()).await?;
                let trustee = user(&identity, &trustee, trustee_domain.as_deref()).await?;
                let found = match &project_domain {
                    Some(domain) => match identity.domains().find(domain).await {
                        Ok(domain) => identity.projects().find_in_domain(&project, &domain.id).await,
                        Err(e) => Err(e),
                    },
                    None => identity.projects().find(&project).await,
                };
                let project = found_id(found, &project)?;
                let mut refs = Vec::new();
                for role in &roles {
                    let id = found_id(identity.roles().find(role).await, role)?;
                    refs.push(Ref { id: Some(id), ..Default::default() });
                }
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
                let body = CreateTrust {
                    trustor_user_id: trustor,
                    trustee_user_id: trustee,
                    project_id: Some(project),
                    impersonation: impersonate,
                    roles: Some(refs),
                    expires_at,
                    ..Default::default()
                };
                Ok(show_in_order(&trusts.create(&body).await?, SHOW))
            }
            TrustCommand::List { trustor, trustee, trustor_domain, trustee_domain, auth_user } => {
                if auth_user
                    && (trustor.is_some() || trustor_domain.is_some() || trustee.is_some() || trustee_domain.is_some())
                {
                    return Err(CliError::Message("--authuser cannot be used with --trustee or --trustor".into()));
                }
                if trustee_domain.is_some() && trustee.is_none() {
                    return Err(CliError::Message("Using --trustee-domain mandates the use of --trustee".into()));
                }
                if trustor_domain.is_some() && trustor.is_none() {
                    return Err(CliError::Message("Using --trustor-domain mandates the use of --trustor".into()));
                }
                let found: Vec<Trust> = if auth_user {
                    let me = identity.current_user_id().await?;
                    let given: Vec<Trust> = trusts
                        .list(&TrustQuery { trustor_user_id: Some(me.clone()), ..Default::default() })
                        .try_collect()
                        .await?;
                    let received: Vec<Trust> = trusts
                        .list(&TrustQuery { trustee_user_id: Some(me), ..Default::default() })
                        .try_collect()
                        .await?;
                    // a dict keyed by id: first place kept, last value wins
                    let mut out: Vec<Trust> = Vec::new();
                    for trust in given.into_iter().chain(received) {
                        match out.iter_mut().find(|t| t.id == trust.id) {
                            Some(seen) => *seen = trust,
                            None => out.push(trust),
                        }
                    }
                    out
                } else {
                    let trustor_user_id = match &trustor {
                        Some(name) => Some(user(&identity, name, trustor_domain.as_deref()).await?),
                        None => None,
                    };
                    let trustee_user_id = match &trustee {
                        Some(name) => Some(user(&identity, name, trustee_domain.as_deref()).await?),
                        None => None,
                    };
                    trusts.list(&TrustQuery { trustor_user_id, trustee_user_id }).try_collect().await?
                };
                Ok(list_of(&found, &LIST.iter().collect::<Vec<_>>()))
            }
            TrustCommand::Show { trust } => Ok(show_in_order(&trusts.find(&trust).await?, SHOW)),
            TrustCommand::Delete { trusts: names } => {
                delete_each(&names, "trust with name or ID", "trusts", |name| {
                    let trusts = trusts.clone();
                    async move {
                        let found = trusts.find(&name).await?;
                        trusts.delete(&found.id).await.map_err(CliError::from)
                    }
                })
                .await
            }
        }
    }
}
