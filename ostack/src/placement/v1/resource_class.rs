//! ResourceClass: a kind of resource (`VCPU`, `DISK_GB`, or a deployer's `CUSTOM_*`)
//! (`/resource_classes`, microversion 1.2).

use super::{require, segment, send, Link};
use crate::api::{Api, Deletable};
use crate::catalog::ServiceType;
use crate::resource::{Pagination, Resource};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A resource class. Its name is its id.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResourceClass {
    /// The name (`CUSTOM_` and upper-case letters, digits and `_` for custom ones).
    pub name: String,
    /// Links.
    #[serde(default)]
    pub links: Option<Vec<Link>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Listing resource classes takes no filters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResourceClassQuery {}

impl Resource for ResourceClass {
    const SERVICE: ServiceType = ServiceType::Placement;
    const NAME: &'static str = "ResourceClass";
    const PATH: &'static str = "resource_classes";
    const KEY: Option<&'static str> = None;
    const PLURAL: &'static str = "resource_classes";
    const PAGINATION: Pagination = Pagination::None;
    const MIN_MICROVERSION: Option<crate::discovery::Microversion> = Some(crate::discovery::Microversion::new(1, 2));
    type Query = ResourceClassQuery;

    fn id(&self) -> &str {
        &self.name
    }

    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
}
impl Deletable for ResourceClass {}

impl Api<ResourceClass> {
    /// Create a custom class (`POST /resource_classes`); a conflict if it exists.
    pub async fn create(&self, name: &str) -> Result<()> {
        require(self.connection(), (1, 2), "resource classes").await?;
        send(self.connection(), Method::POST, "resource_classes", Some(&json!({ "name": name }))).await.map(drop)
    }

    /// Create a custom class unless it exists (`PUT /resource_classes/{name}`, 1.7); true when it
    /// was created.
    pub async fn ensure(&self, name: &str) -> Result<bool> {
        require(self.connection(), (1, 7), "creating a resource class with PUT").await?;
        let path = format!("resource_classes/{}", segment(name, "resource class")?);
        let fetched = send::<()>(self.connection(), Method::PUT, &path, None).await?;
        Ok(fetched.status.as_u16() == 201)
    }
}
