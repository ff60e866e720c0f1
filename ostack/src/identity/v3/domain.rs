//! Domain: a namespace of projects, users, groups and roles (`/v3/domains`).

use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A keystone domain.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Domain {
    /// Domain id (`default` for the default domain).
    pub id: String,
    /// Name, unique in the cloud.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Enabled (a domain must be disabled before it is deleted).
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Resource options (`immutable`).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// Tags.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Domain {
    service: Identity,
    path: "domains",
    key: Some("domain"),
    plural: "domains",
    query: DomainQuery,
    pagination: LinksNext,
    update_method: Patch,
    name: name,
    name_filter: name,
});
impl Creatable for Domain {
    type Create = CreateDomain;
}
impl Updatable for Domain {
    type Update = UpdateDomain;
}
impl Deletable for Domain {}

/// Keystone filters for listing domains.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct DomainQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Enabled or not.
    pub enabled: Option<bool>,
    /// Page size (keystone then pages with `links.next`).
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
}

/// The body of `POST /v3/domains`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateDomain {
    /// Name.
    pub name: String,
    /// Explicit id (keystone checks it is unused).
    pub explicit_domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled (default true).
    pub enabled: Option<bool>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateDomain {
    /// A domain with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateDomain { name: name.into(), ..Default::default() }
    }
}

/// The body of `PATCH /v3/domains/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateDomain {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<Domain> {
    /// Enable a domain.
    pub async fn enable(&self, id: &str) -> Result<Domain> {
        self.update(id, &UpdateDomain { enabled: Some(true), ..Default::default() }).await
    }

    /// Disable a domain (its users can no longer authenticate; needed before deleting it).
    pub async fn disable(&self, id: &str) -> Result<Domain> {
        self.update(id, &UpdateDomain { enabled: Some(false), ..Default::default() }).await
    }
}
