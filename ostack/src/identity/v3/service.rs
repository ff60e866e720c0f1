//! Service: an entry of the service catalog (`/v3/services`).

use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A catalog service.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    /// Service id.
    pub id: String,
    /// Service type (`compute`, `identity`, ...).
    #[serde(rename = "type", default)]
    pub service_type: Option<String>,
    /// Name (`nova`).
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Enabled (a disabled service is left out of catalogs).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Service {
    service: Identity,
    path: "services",
    key: Some("service"),
    plural: "services",
    query: ServiceQuery,
    pagination: LinksNext,
    update_method: Patch,
    name: name,
    name_filter: name,
});
impl Creatable for Service {
    type Create = CreateService;
}
impl Updatable for Service {
    type Update = UpdateService;
}
impl Deletable for Service {}

/// Keystone filters for listing services.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServiceQuery {
    /// Of this type.
    #[serde(rename = "type")]
    pub service_type: Option<String>,
    /// Exact name.
    pub name: Option<String>,
}

/// The body of `POST /v3/services`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateService {
    /// Service type.
    #[serde(rename = "type")]
    pub service_type: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled (default true).
    pub enabled: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateService {
    /// A service of a type.
    pub fn new(service_type: impl Into<String>) -> Self {
        CreateService { service_type: service_type.into(), ..Default::default() }
    }
}

/// The body of `PATCH /v3/services/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateService {
    /// Service type.
    #[serde(rename = "type")]
    pub service_type: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<Service> {
    /// Find by id, else by name, else by type (as `openstack service show` does).
    pub async fn find_by_name_or_type(&self, name_type_or_id: &str) -> Result<Service> {
        match self.find(name_type_or_id).await {
            Err(e) if e.is_not_found() => {}
            other => return other,
        }
        let query = ServiceQuery { service_type: Some(name_type_or_id.to_string()), ..Default::default() };
        let mut found = self.list(&query).collect_all().await?;
        match found.len() {
            0 => Err(crate::Error::NotFound { resource: "Service", name_or_id: name_type_or_id.to_string() }),
            1 => Ok(found.remove(0)),
            _ => Err(crate::Error::MultipleMatches { resource: "Service", name: name_type_or_id.to_string() }),
        }
    }
}
