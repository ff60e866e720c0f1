//! `limit` and `registered limit` `create|list|show|set|delete` (python-openstackclient
//! `identity/v3/limit.py`, `registered_limit.py`).

use super::catalog_admin::{find_service, not_found};
use super::identity::{optional_domain_id, project_id, show_in_order};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{list_of, plain, Column};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::identity::v3::{
    CreateLimit, CreateRegisteredLimit, IdentityProxy, Limit, LimitQuery, RegisteredLimit, RegisteredLimitQuery,
    UpdateLimit, UpdateRegisteredLimit,
};

/// osc's `_format_limit`.
const LIMIT_SHOW: &[(&str, &str)] = &[
    ("description", "description"),
    ("id", "id"),
    ("project_id", "project_id"),
    ("region_id", "region_id"),
    ("resource_limit", "resource_limit"),
    ("resource_name", "resource_name"),
    ("service_id", "service_id"),
];

const LIMIT_LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Project ID", "project_id", plain),
    Column::new("Service ID", "service_id", plain),
    Column::new("Resource Name", "resource_name", plain),
    Column::new("Resource Limit", "resource_limit", plain),
    Column::new("Description", "description", plain),
    Column::new("Region ID", "region_id", plain),
];

/// osc's `_format_registered_limit`.
const REGISTERED_SHOW: &[(&str, &str)] = &[
    ("default_limit", "default_limit"),
    ("description", "description"),
    ("id", "id"),
    ("region_id", "region_id"),
    ("resource_name", "resource_name"),
    ("service_id", "service_id"),
];

const REGISTERED_LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Service ID", "service_id", plain),
    Column::new("Resource Name", "resource_name", plain),
    Column::new("Default Limit", "default_limit", plain),
    Column::new("Description", "description", plain),
    Column::new("Region ID", "region_id", plain),
];

/// Limit commands.
#[derive(Subcommand)]
pub enum LimitCommand {
    /// Create a limit.
    Create {
        /// The name of the resource to limit.
        #[arg(value_name = "<resource-name>")]
        resource_name: String,
        /// Description of the limit.
        #[arg(long)]
        description: Option<String>,
        /// Region for the project limit to affect.
        #[arg(long)]
        region: Option<String>,
        /// Project to associate the resource limit to.
        #[arg(long, required = true)]
        project: String,
        /// Domain the project belongs to (name or ID).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
        /// Service responsible for the resource to limit.
        #[arg(long, required = true)]
        service: String,
        /// The resource limit for the project to assume.
        #[arg(long = "resource-limit", required = true, value_name = "<resource-limit>")]
        resource_limit: i64,
    },
    /// List limits.
    List {
        /// Service responsible for the resource to limit.
        #[arg(long)]
        service: Option<String>,
        /// The name of the resource to limit.
        #[arg(long = "resource-name", value_name = "<resource-name>")]
        resource_name: Option<String>,
        /// Region for the registered limit to affect.
        #[arg(long)]
        region: Option<String>,
        /// List resource limits associated with project.
        #[arg(long)]
        project: Option<String>,
        /// Domain the project belongs to (name or ID).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
    },
    /// Display limit details.
    Show {
        /// Limit to display (ID).
        #[arg(value_name = "<limit-id>")]
        limit_id: String,
    },
    /// Update information about a limit.
    Set {
        /// Limit to update (ID).
        #[arg(value_name = "<limit-id>")]
        limit_id: String,
        /// Description of the limit.
        #[arg(long)]
        description: Option<String>,
        /// The resource limit for the project to assume.
        #[arg(long = "resource-limit", value_name = "<resource-limit>")]
        resource_limit: Option<i64>,
    },
    /// Delete a limit.
    Delete {
        /// Limit to delete (ID).
        #[arg(required = true, value_name = "<limit-id>")]
        limit_ids: Vec<String>,
    },
}

/// `registered ...` commands.
#[derive(Subcommand)]
pub enum RegisteredCommand {
    /// Registered limits.
    #[command(subcommand)]
    Limit(RegisteredLimitCommand),
}

/// `registered limit ...`.
#[derive(Subcommand)]
pub enum RegisteredLimitCommand {
    /// Create a registered limit.
    Create {
        /// The name of the resource to limit.
        #[arg(value_name = "<resource-name>")]
        resource_name: String,
        /// Description of the registered limit.
        #[arg(long)]
        description: Option<String>,
        /// Region for the registered limit to affect.
        #[arg(long)]
        region: Option<String>,
        /// Service responsible for the resource to limit (required).
        #[arg(long, required = true)]
        service: String,
        /// The default limit for the resources to assume (required).
        #[arg(long = "default-limit", required = true, value_name = "<default-limit>")]
        default_limit: i64,
    },
    /// List registered limits.
    List {
        /// Service responsible for the resource to limit.
        #[arg(long)]
        service: Option<String>,
        /// The name of the resource to limit.
        #[arg(long = "resource-name", value_name = "<resource-name>")]
        resource_name: Option<String>,
        /// Region for the limit to affect.
        #[arg(long)]
        region: Option<String>,
    },
    /// Display registered limit details.
    Show {
        /// Registered limit to display (ID).
        #[arg(value_name = "<registered-limit-id>")]
        registered_limit_id: String,
    },
    /// Update information about a registered limit.
    Set {
        /// Registered limit to update (ID).
        #[arg(value_name = "<registered-limit-id>")]
        registered_limit_id: String,
        /// Service to be updated responsible for the resource to limit.
        #[arg(long)]
        service: Option<String>,
        /// Resource to be updated responsible for the resource to limit.
        #[arg(long = "resource-name", value_name = "<resource-name>")]
        resource_name: Option<String>,
        /// The default limit for the resources to assume.
        #[arg(long = "default-limit", value_name = "<default-limit>")]
        default_limit: Option<i64>,
        /// Description to update of the registered limit.
        #[arg(long)]
        description: Option<String>,
        /// Region for the registered limit to affect.
        #[arg(long)]
        region: Option<String>,
    },
    /// Delete a registered limit.
    Delete {
        /// Registered limit to delete (ID).
        #[arg(required = true, value_name = "<registered-limits>")]
        registered_limits: Vec<String>,
    },
}

/// The id of an optional `--service` (type, name or id).
async fn service_id(identity: &IdentityProxy, service: Option<&str>) -> Result<Option<String>, CliError> {
    match service {
        Some(service) => Ok(Some(find_service(identity, service).await?.id)),
        None => Ok(None),
    }
}

/// The id of an optional `--region` (`get_region`: by id only).
async fn region_id(identity: &IdentityProxy, region: Option<&str>) -> Result<Option<String>, CliError> {
    match region {
        Some(region) => Ok(Some(identity.regions().get(region).await.map_err(|e| not_found("Region", region, e))?.id)),
        None => Ok(None),
    }
}

/// An empty text is no value (osc tests these options for truth).
fn given(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

impl LimitCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            LimitCommand::Create { .. } => Some("limit create"),
            LimitCommand::Show { .. } => Some("limit show"),
            LimitCommand::Set { .. } => Some("limit set"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let limits = identity.limits();
        match self {
            LimitCommand::Create {
                resource_name,
                description,
                region,
                project,
                project_domain,
                service,
                resource_limit,
            } => {
                let domain = optional_domain_id(&identity, project_domain.as_deref(), true).await?;
                let project = project_id(&identity, &project, domain.as_deref(), true).await?;
                let service = find_service(&identity, &service).await?.id;
                let region = region_id(&identity, region.as_deref()).await?;
                let body = CreateLimit {
                    service_id: service,
                    resource_name,
                    resource_limit,
                    project_id: Some(project),
                    domain_id: None,
                    region_id: region,
                    description: given(description),
                };
                let created = limits.create_many(std::slice::from_ref(&body)).await?;
                let created = created.into_iter().next().ok_or("keystone created no limit".to_string())?;
                Ok(show_in_order(&created, LIMIT_SHOW))
            }
            LimitCommand::List { service, resource_name, region, project, project_domain } => {
                let service_id = service_id(&identity, service.as_deref()).await?;
                let region_id = region_id(&identity, region.as_deref()).await?;
                let project_id = match &project {
                    Some(project) => {
                        let domain = optional_domain_id(&identity, project_domain.as_deref(), true).await?;
                        Some(super::identity::project_id(&identity, project, domain.as_deref(), true).await?)
                    }
                    None => None,
                };
                let query = LimitQuery {
                    service_id,
                    region_id,
                    resource_name: given(resource_name),
                    project_id,
                    domain_id: None,
                };
                let found: Vec<Limit> = limits.list(&query).try_collect().await?;
                Ok(list_of(&found, &LIMIT_LIST.iter().collect::<Vec<_>>()))
            }
            LimitCommand::Show { limit_id } => {
                let found = limits.get(&limit_id).await.map_err(|e| not_found("Limit", &limit_id, e))?;
                Ok(show_in_order(&found, LIMIT_SHOW))
            }
            LimitCommand::Set { limit_id, description, resource_limit } => {
                let body = UpdateLimit { resource_limit, description: given(description) };
                Ok(show_in_order(&limits.update(&limit_id, &body).await?, LIMIT_SHOW))
            }
            LimitCommand::Delete { limit_ids } => {
                delete_each(&limit_ids, "limit with ID", "limits", |id| {
                    let limits = limits.clone();
                    // openstacksdk's delete_limit ignores a missing one
                    async move {
                        match limits.delete(&id).await {
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

impl RegisteredCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            RegisteredCommand::Limit(RegisteredLimitCommand::Create { .. }) => Some("registered limit create"),
            RegisteredCommand::Limit(RegisteredLimitCommand::Show { .. }) => Some("registered limit show"),
            RegisteredCommand::Limit(RegisteredLimitCommand::Set { .. }) => Some("registered limit set"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let registered = identity.registered_limits();
        let RegisteredCommand::Limit(command) = self;
        match command {
            RegisteredLimitCommand::Create { resource_name, description, region, service, default_limit } => {
                let service = find_service(&identity, &service).await?.id;
                let region = region_id(&identity, region.as_deref()).await?;
                let body = CreateRegisteredLimit {
                    service_id: service,
                    resource_name,
                    default_limit,
                    region_id: region,
                    description: given(description),
                };
                let created = registered.create_many(std::slice::from_ref(&body)).await?;
                let created = created.into_iter().next().ok_or("keystone created no registered limit".to_string())?;
                Ok(show_in_order(&created, REGISTERED_SHOW))
            }
            RegisteredLimitCommand::List { service, resource_name, region } => {
                let query = RegisteredLimitQuery {
                    service_id: service_id(&identity, service.as_deref()).await?,
                    region_id: region_id(&identity, region.as_deref()).await?,
                    resource_name: given(resource_name),
                };
                let found: Vec<RegisteredLimit> = registered.list(&query).try_collect().await?;
                Ok(list_of(&found, &REGISTERED_LIST.iter().collect::<Vec<_>>()))
            }
            RegisteredLimitCommand::Show { registered_limit_id: id } => {
                let found = registered.get(&id).await.map_err(|e| not_found("RegisteredLimit", &id, e))?;
                Ok(show_in_order(&found, REGISTERED_SHOW))
            }
            RegisteredLimitCommand::Set {
                registered_limit_id,
                service,
                resource_name,
                default_limit,
                description,
                region,
            } => {
                let body = UpdateRegisteredLimit {
                    service_id: service_id(&identity, service.as_deref()).await?,
                    resource_name: given(resource_name),
                    // osc tests it for truth: 0 is not sent
                    default_limit: default_limit.filter(|l| *l != 0),
                    description: given(description),
                    region_id: region_id(&identity, region.as_deref()).await?,
                };
                Ok(show_in_order(&registered.update(&registered_limit_id, &body).await?, REGISTERED_SHOW))
            }
            RegisteredLimitCommand::Delete { registered_limits } => {
                delete_each(&registered_limits, "registered limit with ID", "registered limits", |id| {
                    let registered = registered.clone();
                    async move { registered.delete(&id).await.map_err(CliError::from) }
                })
                .await
            }
        }
    }
}
