//! RegisteredLimit: the default limit of a resource for every project (`/v3/registered_limits`).
//! Created in bulk.

use crate::api::{Api, Deletable, Updatable};
use crate::resource;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A registered (default) limit.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegisteredLimit {
    /// Id.
    pub id: String,
    /// The service of the resource.
    #[serde(default)]
    pub service_id: Option<String>,
    /// The region (`None`: all).
    #[serde(default)]
    pub region_id: Option<String>,
    /// The resource.
    #[serde(default)]
    pub resource_name: Option<String>,
    /// The default limit.
    #[serde(default)]
    pub default_limit: Option<i64>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(RegisteredLimit {
    service: Identity,
    path: "registered_limits",
    key: Some("registered_limit"),
    plural: "registered_limits",
    query: RegisteredLimitQuery,
    pagination: LinksNext,
    update_method: Patch,
});
impl Updatable for RegisteredLimit {
    type Update = UpdateRegisteredLimit;
}
impl Deletable for RegisteredLimit {}

/// Keystone filters for listing registered limits.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegisteredLimitQuery {
    /// Of this service.
    pub service_id: Option<String>,
    /// In this region.
    pub region_id: Option<String>,
    /// Of this resource.
    pub resource_name: Option<String>,
}

/// One registered limit of `POST /v3/registered_limits` (see
/// [`Api::<RegisteredLimit>::create_many`]).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateRegisteredLimit {
    /// The service of the resource.
    pub service_id: String,
    /// The resource.
    pub resource_name: String,
    /// The default limit.
    pub default_limit: i64,
    /// The region.
    pub region_id: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// The body of `PATCH /v3/registered_limits/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateRegisteredLimit {
    /// The service.
    pub service_id: Option<String>,
    /// The region.
    pub region_id: Option<String>,
    /// The resource.
    pub resource_name: Option<String>,
    /// The default limit.
    pub default_limit: Option<i64>,
    /// Description.
    pub description: Option<String>,
}

impl Api<RegisteredLimit> {
    /// Create registered limits, all or none, in one request.
    pub async fn create_many(&self, limits: &[CreateRegisteredLimit]) -> Result<Vec<RegisteredLimit>> {
        resource::create_bulk::<RegisteredLimit, _>(self.connection(), limits).await
    }
}
