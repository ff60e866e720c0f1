//! Limit: a project's or domain's own limit of a resource, overriding the registered default
//! (`/v3/limits`). Created in bulk; the enforcement model is at `/v3/limits/model`.

use super::fetch_json;
use crate::api::{Api, Deletable, Updatable};
use crate::resource;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A project or domain limit.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limit {
    /// Id.
    pub id: String,
    /// The project it limits.
    #[serde(default)]
    pub project_id: Option<String>,
    /// The domain it limits.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The service of the resource.
    #[serde(default)]
    pub service_id: Option<String>,
    /// The region (`None`: all).
    #[serde(default)]
    pub region_id: Option<String>,
    /// The resource (`cores`, `volume`).
    #[serde(default)]
    pub resource_name: Option<String>,
    /// The limit.
    #[serde(default)]
    pub resource_limit: Option<i64>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Limit {
    service: Identity,
    path: "limits",
    key: Some("limit"),
    plural: "limits",
    query: LimitQuery,
    pagination: LinksNext,
    update_method: Patch,
});
impl Updatable for Limit {
    type Update = UpdateLimit;
}
impl Deletable for Limit {}

/// Keystone filters for listing limits.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct LimitQuery {
    /// Of this service.
    pub service_id: Option<String>,
    /// In this region.
    pub region_id: Option<String>,
    /// Of this resource.
    pub resource_name: Option<String>,
    /// Of this project.
    pub project_id: Option<String>,
    /// Of this domain.
    pub domain_id: Option<String>,
}

/// One limit of `POST /v3/limits` (see [`Api::<Limit>::create_many`]).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateLimit {
    /// The service of the resource.
    pub service_id: String,
    /// The resource.
    pub resource_name: String,
    /// The limit.
    pub resource_limit: i64,
    /// For this project (or a domain).
    pub project_id: Option<String>,
    /// For this domain (or a project).
    pub domain_id: Option<String>,
    /// The region.
    pub region_id: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// The body of `PATCH /v3/limits/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateLimit {
    /// The limit.
    pub resource_limit: Option<i64>,
    /// Description.
    pub description: Option<String>,
}

/// How limits are enforced (`flat` or `strict_two_level`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LimitModel {
    /// The model's name.
    pub name: String,
    /// What it means.
    #[serde(default)]
    pub description: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct ModelBody {
    model: LimitModel,
}

impl Api<Limit> {
    /// Create limits, all or none, in one request (keystone creates limits only this way).
    pub async fn create_many(&self, limits: &[CreateLimit]) -> Result<Vec<Limit>> {
        resource::create_bulk::<Limit, _>(self.connection(), limits).await
    }

    /// The enforcement model of the deployment (`GET /v3/limits/model`).
    pub async fn model(&self) -> Result<LimitModel> {
        let conn = self.connection();
        let request = super::request(conn, Method::GET, "limits/model").await?;
        fetch_json::<ModelBody>(conn, request, "Limit model").await.map(|b| b.model)
    }
}
