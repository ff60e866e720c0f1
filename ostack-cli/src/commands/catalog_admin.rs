//! `service`, `endpoint` and `region` `create|list|show|set|delete`, and `endpoint add|remove
//! project` (python-openstackclient `identity/v3/service.py`, `endpoint.py`, `region.py`).

use super::identity::{project_id, show_in_order};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand, ValueEnum};
use futures::TryStreamExt;
use ostack::identity::v3::{
    CreateEndpoint, CreateRegion, CreateService, Endpoint, EndpointQuery, IdentityProxy, Region, RegionQuery, Service,
    ServiceQuery, UpdateEndpoint, UpdateRegion, UpdateService,
};
use serde_json::{json, Map, Value};

/// osc's `_format_service`.
const SERVICE_SHOW: &[(&str, &str)] =
    &[("id", "id"), ("name", "name"), ("type", "type"), ("enabled", "enabled"), ("description", "description")];

const SERVICE_LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Name", "name", plain),
    Column::new("Type", "type", plain),
    Column::new("Description", "description", plain),
    Column::new("Enabled", "enabled", plain),
];

/// osc's `_format_region`.
const REGION_SHOW: &[(&str, &str)] =
    &[("region", "id"), ("description", "description"), ("parent_region", "parent_region_id")];

const REGION_LIST: &[Column] = &[
    Column::new("Region", "id", plain),
    Column::new("Parent Region", "parent_region_id", plain),
    Column::new("Description", "description", plain),
];

const ENDPOINT_LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Region", "region_id", plain),
    Column::new("Service Name", "service_name", plain),
    Column::new("Service Type", "service_type", plain),
    Column::new("Enabled", "enabled", plain),
    Column::new("Interface", "interface", plain),
    Column::new("URL", "url", plain),
];

/// An endpoint's interface.
#[derive(Clone, Copy, ValueEnum)]
pub enum Interface {
    /// Admin.
    Admin,
    /// Public.
    Public,
    /// Internal.
    Internal,
}

impl Interface {
    fn name(self) -> &'static str {
        match self {
            Interface::Admin => "admin",
            Interface::Public => "public",
            Interface::Internal => "internal",
        }
    }
}

/// `--enable`/`--disable`.
#[derive(Args)]
pub struct Enable {
    /// Enable.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Disable.
    #[arg(long)]
    disable: bool,
}

impl Enable {
    fn asked(&self) -> Option<bool> {
        super::flag(self.enable, self.disable)
    }
}

/// Service commands.
#[derive(Subcommand)]
pub enum ServiceCommand {
    /// Create new service.
    Create {
        /// New service type (compute, image, identity, volume, etc).
        #[arg(value_name = "<type>")]
        service_type: String,
        /// New service name.
        #[arg(long)]
        name: Option<String>,
        /// New service description.
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        enable: Enable,
    },
    /// List services.
    List {
        /// List additional fields in output.
        #[arg(long)]
        long: bool,
    },
    /// Display service details.
    Show {
        /// Service to display (type, name or ID).
        service: String,
    },
    /// Set service properties.
    Set {
        /// Service to modify (type, name or ID).
        service: String,
        /// New service type.
        #[arg(long = "type")]
        service_type: Option<String>,
        /// New service name.
        #[arg(long)]
        name: Option<String>,
        /// New service description.
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        enable: Enable,
    },
    /// Delete service(s).
    Delete {
        /// Service(s) to delete (type, name or ID).
        #[arg(required = true)]
        services: Vec<String>,
    },
}

/// Region commands.
#[derive(Subcommand)]
pub enum RegionCommand {
    /// Create new region.
    Create {
        /// New region ID.
        region: String,
        /// Parent region ID.
        #[arg(long = "parent-region")]
        parent_region: Option<String>,
        /// New region description.
        #[arg(long)]
        description: Option<String>,
    },
    /// List regions.
    List {
        /// Filter by parent region ID.
        #[arg(long = "parent-region")]
        parent_region: Option<String>,
    },
    /// Display region details.
    Show {
        /// Region to display.
        region: String,
    },
    /// Set region properties.
    Set {
        /// Region to modify.
        region: String,
        /// New parent region ID.
        #[arg(long = "parent-region")]
        parent_region: Option<String>,
        /// New region description.
        #[arg(long)]
        description: Option<String>,
    },
    /// Delete region(s).
    Delete {
        /// Region ID(s) to delete.
        #[arg(required = true)]
        regions: Vec<String>,
    },
}

/// Endpoint commands.
#[derive(Subcommand)]
pub enum EndpointCommand {
    /// Create new endpoint.
    Create {
        /// Service to be associated with new endpoint (name or ID).
        service: String,
        /// New endpoint interface type (admin, public or internal).
        #[arg(value_enum)]
        interface: Interface,
        /// New endpoint URL.
        url: String,
        /// New endpoint region ID.
        #[arg(long)]
        region: Option<String>,
        #[command(flatten)]
        enable: Enable,
    },
    /// List endpoints.
    List {
        /// Filter by service (type, name or ID).
        #[arg(long)]
        service: Option<String>,
        /// Filter by interface type (admin, public or internal).
        #[arg(long, value_enum)]
        interface: Option<Interface>,
        /// Filter by region ID.
        #[arg(long)]
        region: Option<String>,
        /// List the projects associated with this endpoint (ID).
        #[arg(long, conflicts_with = "project")]
        endpoint: Option<String>,
        /// List the endpoints associated with this project (name or ID).
        #[arg(long)]
        project: Option<String>,
        /// Domain the project belongs to (name or ID).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
    },
    /// Display endpoint details.
    Show {
        /// Endpoint to display (ID).
        endpoint: String,
    },
    /// Set endpoint properties.
    Set {
        /// Endpoint to modify (ID).
        endpoint: String,
        /// New endpoint region ID.
        #[arg(long)]
        region: Option<String>,
        /// New endpoint interface type (admin, public or internal).
        #[arg(long, value_enum)]
        interface: Option<Interface>,
        /// New endpoint URL.
        #[arg(long)]
        url: Option<String>,
        /// New endpoint service (name or ID).
        #[arg(long)]
        service: Option<String>,
        #[command(flatten)]
        enable: Enable,
    },
    /// Delete endpoint(s).
    Delete {
        /// Endpoint(s) to delete (ID only).
        #[arg(required = true)]
        endpoints: Vec<String>,
    },
    /// Associate a project to an endpoint.
    #[command(subcommand)]
    Add(EndpointProjectCommand),
    /// Dissociate a project from an endpoint.
    #[command(subcommand)]
    Remove(EndpointProjectCommand),
}

/// `endpoint add|remove project`.
#[derive(Subcommand)]
pub enum EndpointProjectCommand {
    /// The project to associate or dissociate.
    Project {
        /// Endpoint (ID).
        endpoint: String,
        /// Project (name or ID).
        project: String,
        /// Domain the project belongs to (name or ID).
        #[arg(long = "project-domain")]
        project_domain: Option<String>,
    },
}

/// osc's `find_service_sdk`: by id or name, else by type.
pub async fn find_service(identity: &IdentityProxy, name_type_or_id: &str) -> Result<Service, CliError> {
    match identity.services().find_by_name_or_type(name_type_or_id).await {
        Ok(found) => Ok(found),
        Err(ostack::Error::NotFound { .. }) => {
            Err(CliError::Message(format!("No service with a type, name or ID of '{name_type_or_id}' exists.")))
        }
        Err(ostack::Error::MultipleMatches { .. }) => Err(CliError::Message(format!(
            "Multiple service matches found for '{name_type_or_id}', use an ID to be more specific."
        ))),
        Err(e) => Err(e.into()),
    }
}

/// openstacksdk's `get_*` of a missing resource: `No <What> found for <id>: <HTTP error>`.
pub fn not_found(what: &str, id: &str, error: ostack::Error) -> CliError {
    match error {
        ostack::Error::Api { status: 404, url, message, .. } => {
            CliError::Message(format!("No {what} found for {id}: Client Error for url: {url}, {message}"))
        }
        other => other.into(),
    }
}

/// A region by id (`get_region`).
async fn get_region(identity: &IdentityProxy, id: &str) -> Result<Region, CliError> {
    identity.regions().get(id).await.map_err(|e| not_found("Region", id, e))
}

impl ServiceCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ServiceCommand::Create { .. } => Some("service create"),
            ServiceCommand::Show { .. } => Some("service show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let services = identity.services();
        match self {
            ServiceCommand::Create { service_type, name, description, enable } => {
                let body = CreateService {
                    name,
                    description,
                    enabled: Some(!enable.disable),
                    ..CreateService::new(service_type)
                };
                Ok(show_in_order(&services.create(&body).await?, SERVICE_SHOW))
            }
            ServiceCommand::List { long } => {
                let found: Vec<Service> = services.list(&ServiceQuery::default()).try_collect().await?;
                let columns = if long { SERVICE_LIST } else { &SERVICE_LIST[..3] };
                Ok(list_of(&found, &columns.iter().collect::<Vec<_>>()))
            }
            ServiceCommand::Show { service } => {
                Ok(show_in_order(&find_service(&identity, &service).await?, SERVICE_SHOW))
            }
            ServiceCommand::Set { service, service_type, name, description, enable } => {
                let found = find_service(&identity, &service).await?;
                let body = UpdateService {
                    service_type: service_type.filter(|t| !t.is_empty()),
                    name: name.filter(|n| !n.is_empty()),
                    description: description.filter(|d| !d.is_empty()),
                    enabled: enable.asked(),
                    extra: Map::new(),
                };
                services.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            ServiceCommand::Delete { services: names } => {
                delete_each(&names, "consumer with type, name or ID", "services", |name| {
                    let identity = identity.clone();
                    async move {
                        let found = find_service(&identity, &name).await?;
                        identity.services().delete(&found.id).await.map_err(CliError::from)
                    }
                })
                .await
            }
        }
    }
}

impl RegionCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            RegionCommand::Create { .. } => Some("region create"),
            RegionCommand::Show { .. } => Some("region show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let regions = identity.regions();
        match self {
            RegionCommand::Create { region, parent_region, description } => {
                let body = CreateRegion { parent_region_id: parent_region, description, ..CreateRegion::new(region) };
                Ok(show_in_order(&regions.create(&body).await?, REGION_SHOW))
            }
            RegionCommand::List { parent_region } => {
                let query = RegionQuery { parent_region_id: parent_region.filter(|p| !p.is_empty()) };
                let found: Vec<Region> = regions.list(&query).try_collect().await?;
                Ok(list_of(&found, &REGION_LIST.iter().collect::<Vec<_>>()))
            }
            RegionCommand::Show { region } => Ok(show_in_order(&get_region(&identity, &region).await?, REGION_SHOW)),
            RegionCommand::Set { region, parent_region, description } => {
                let body = UpdateRegion {
                    description: description.filter(|d| !d.is_empty()),
                    parent_region_id: parent_region.filter(|p| !p.is_empty()),
                    extra: Map::new(),
                };
                regions.update(&region, &body).await?;
                Ok(Output::Nothing)
            }
            RegionCommand::Delete { regions: ids } => {
                delete_each(&ids, "region with ID", "regions", |id| {
                    let regions = regions.clone();
                    // openstacksdk's delete_region ignores a missing one
                    async move {
                        match regions.delete(&id).await {
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

/// osc's `_format_endpoint`: the endpoint's fields and its service's name and type, in order.
fn endpoint_show(endpoint: &Endpoint, service: &Service) -> Output {
    let raw = to_map(endpoint);
    let get = |key: &str| Cell::from(raw.get(key).cloned().unwrap_or(Value::Null));
    Output::Show(vec![
        ("enabled".into(), get("enabled")),
        ("id".into(), get("id")),
        ("interface".into(), get("interface")),
        ("region".into(), get("region_id")),
        ("region_id".into(), get("region_id")),
        ("service_id".into(), get("service_id")),
        ("url".into(), get("url")),
        ("service_name".into(), Cell::from(json!(service.name.clone().unwrap_or_default()))),
        ("service_type".into(), Cell::from(json!(service.service_type))),
    ])
}

impl EndpointCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            EndpointCommand::Create { .. } => Some("endpoint create"),
            EndpointCommand::Show { .. } => Some("endpoint show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let endpoints = identity.endpoints();
        match self {
            EndpointCommand::Create { service, interface, url, region, enable } => {
                let service = find_service(&identity, &service).await?;
                let region_id = match &region {
                    Some(r) => Some(get_region(&identity, r).await?.id),
                    None => None,
                };
                let body = CreateEndpoint {
                    service_id: service.id.clone(),
                    interface: interface.name().into(),
                    url,
                    region_id,
                    enabled: Some(!enable.disable),
                    extra: Map::new(),
                };
                Ok(endpoint_show(&endpoints.create(&body).await?, &service))
            }
            EndpointCommand::List { service, interface, region, endpoint, project, project_domain } => {
                let project_domain = match &project_domain {
                    Some(d) => Some(super::identity::domain_id(&identity, d, true).await?),
                    None => None,
                };
                let project = match &project {
                    Some(p) => Some(project_id(&identity, p, project_domain.as_deref(), true).await?),
                    None => None,
                };
                if let Some(endpoint) = endpoint {
                    let found = endpoints.find(&endpoint).await?;
                    let projects: Vec<ostack::identity::v3::Project> =
                        endpoints.projects(&found.id)?.try_collect().await?;
                    let columns = [Column::new("ID", "id", plain), Column::new("Name", "name", plain)];
                    return Ok(list_of(&projects, &columns.iter().collect::<Vec<_>>()));
                }
                let service_id = match &service {
                    Some(s) => Some(find_service(&identity, s).await?.id),
                    None => None,
                };
                let region_id = match &region {
                    Some(r) => Some(get_region(&identity, r).await?.id),
                    None => None,
                };
                let found: Vec<Endpoint> = match &project {
                    Some(project) => endpoints.of_project(project)?.try_collect().await?,
                    None => {
                        let query =
                            EndpointQuery { interface: interface.map(|i| i.name().to_string()), service_id, region_id };
                        endpoints.list(&query).try_collect().await?
                    }
                };
                let mut services: Vec<Service> = Vec::new();
                let mut rows: Vec<Map<String, Value>> = Vec::new();
                for endpoint in &found {
                    let service_id = endpoint.service_id.clone().unwrap_or_default();
                    let service = match services.iter().find(|s| s.id == service_id) {
                        Some(s) => s.clone(),
                        None => {
                            let s = identity.services().find(&service_id).await?;
                            services.push(s.clone());
                            s
                        }
                    };
                    let mut raw = to_map(endpoint);
                    raw.insert("service_name".into(), json!(service.name.unwrap_or_default()));
                    raw.insert("service_type".into(), json!(service.service_type));
                    rows.push(raw);
                }
                Ok(list_of(&rows, &ENDPOINT_LIST.iter().collect::<Vec<_>>()))
            }
            EndpointCommand::Show { endpoint } => {
                let found = endpoints.find(&endpoint).await?;
                let service = find_service(&identity, found.service_id.as_deref().unwrap_or_default()).await?;
                Ok(endpoint_show(&found, &service))
            }
            EndpointCommand::Set { endpoint, region, interface, url, service, enable } => {
                let found = endpoints.find(&endpoint).await?;
                let service_id = match &service {
                    Some(s) if !s.is_empty() => Some(find_service(&identity, s).await?.id),
                    _ => None,
                };
                let body = UpdateEndpoint {
                    service_id,
                    interface: interface.map(|i| i.name().to_string()),
                    url: url.filter(|u| !u.is_empty()),
                    region_id: region.filter(|r| !r.is_empty()),
                    enabled: enable.asked(),
                    extra: Map::new(),
                };
                endpoints.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            EndpointCommand::Delete { endpoints: ids } => {
                delete_each(&ids, "endpoint with ID", "endpoints", |id| {
                    let endpoints = endpoints.clone();
                    async move {
                        let found = endpoints.find(&id).await?;
                        endpoints.delete(&found.id).await.map_err(CliError::from)
                    }
                })
                .await
            }
            EndpointCommand::Add(EndpointProjectCommand::Project { endpoint, project, project_domain }) => {
                let (endpoint, project) = endpoint_and_project(&identity, &endpoint, &project, project_domain).await?;
                endpoints.add_to_project(&endpoint, &project).await?;
                Ok(Output::Nothing)
            }
            EndpointCommand::Remove(EndpointProjectCommand::Project { endpoint, project, project_domain }) => {
                let (endpoint, project) = endpoint_and_project(&identity, &endpoint, &project, project_domain).await?;
                endpoints.remove_from_project(&endpoint, &project).await?;
                Ok(Output::Nothing)
            }
        }
    }
}

/// The endpoint's and the project's ids of `endpoint add|remove project`.
async fn endpoint_and_project(
    identity: &IdentityProxy,
    endpoint: &str,
    project: &str,
    project_domain: Option<String>,
) -> Result<(String, String), CliError> {
    let endpoint = identity.endpoints().find(endpoint).await?.id;
    let domain = match &project_domain {
        Some(d) => Some(super::identity::domain_id(identity, d, true).await?),
        None => None,
    };
    Ok((endpoint, project_id(identity, project, domain.as_deref(), true).await?))
}
