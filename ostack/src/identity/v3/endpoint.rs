//! Endpoint: a service's URL for one interface in one region (`/v3/endpoints`), and the
//! endpoint filters giving projects their own catalogs (`OS-EP-FILTER`).

use super::{exists, request, seg, send_empty, Project};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::resource::Pager;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A catalog endpoint.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Endpoint {
    /// Endpoint id.
    pub id: String,
    /// `public`, `internal` or `admin`.
    #[serde(default)]
    pub interface: Option<String>,
    /// Region id.
    #[serde(default)]
    pub region_id: Option<String>,
    /// Region id again (deprecated name).
    #[serde(default)]
    pub region: Option<String>,
    /// The service.
    #[serde(default)]
    pub service_id: Option<String>,
    /// The URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Endpoint {
    service: Identity,
    path: "endpoints",
    key: Some("endpoint"),
    plural: "endpoints",
    query: EndpointQuery,
    pagination: LinksNext,
    update_method: Patch,
});
impl Creatable for Endpoint {
    type Create = CreateEndpoint;
}
impl Updatable for Endpoint {
    type Update = UpdateEndpoint;
}
impl Deletable for Endpoint {}

/// Keystone filters for listing endpoints.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct EndpointQuery {
    /// `public`, `internal` or `admin`.
    pub interface: Option<String>,
    /// Of this service.
    pub service_id: Option<String>,
    /// In this region.
    pub region_id: Option<String>,
}

/// The body of `POST /v3/endpoints`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateEndpoint {
    /// The service.
    pub service_id: String,
    /// `public`, `internal` or `admin`.
    pub interface: String,
    /// The URL.
    pub url: String,
    /// Region id.
    pub region_id: Option<String>,
    /// Enabled (default true).
    pub enabled: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `PATCH /v3/endpoints/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateEndpoint {
    /// The service.
    pub service_id: Option<String>,
    /// `public`, `internal` or `admin`.
    pub interface: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// Region id.
    pub region_id: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn filter_path(project_id: &str, endpoint_id: &str) -> Result<String> {
    Ok(format!("OS-EP-FILTER/projects/{}/endpoints/{}", seg(project_id)?, seg(endpoint_id)?))
}

impl Api<Endpoint> {
    /// Put an endpoint in a project's filtered catalog (`OS-EP-FILTER`).
    pub async fn add_to_project(&self, endpoint_id: &str, project_id: &str) -> Result<()> {
        let conn = self.connection();
        send_empty(conn, request(conn, Method::PUT, &filter_path(project_id, endpoint_id)?).await?).await
    }

    /// Take an endpoint out of a project's filtered catalog.
    pub async fn remove_from_project(&self, endpoint_id: &str, project_id: &str) -> Result<()> {
        let conn = self.connection();
        send_empty(conn, request(conn, Method::DELETE, &filter_path(project_id, endpoint_id)?).await?).await
    }

    /// Whether an endpoint is in a project's filtered catalog.
    pub async fn is_in_project(&self, endpoint_id: &str, project_id: &str) -> Result<bool> {
        let conn = self.connection();
        exists(conn, request(conn, Method::HEAD, &filter_path(project_id, endpoint_id)?).await?).await
    }

    /// The endpoints filtered into a project's catalog.
    pub fn of_project(&self, project_id: &str) -> Result<Pager<Endpoint>> {
        let path = format!("OS-EP-FILTER/projects/{}/endpoints", seg(project_id)?);
        Ok(Pager::at(self.connection().clone(), &path, &Default::default()))
    }

    /// The projects an endpoint is filtered into.
    pub fn projects(&self, endpoint_id: &str) -> Result<Pager<Project>> {
        let path = format!("OS-EP-FILTER/endpoints/{}/projects", seg(endpoint_id)?);
        Ok(Pager::at(self.connection().clone(), &path, &Default::default()))
    }
}
