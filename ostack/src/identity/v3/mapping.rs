//! Mapping: rules turning a federated assertion into local users and groups
//! (`/v3/OS-FEDERATION/mappings`). Created with the id of one's choosing.

use super::put_create;
use crate::api::{Api, Deletable, Updatable};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A federation mapping.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Mapping {
    /// Id (chosen at creation).
    pub id: String,
    /// The rules (a list of `{local, remote}` objects).
    #[serde(default)]
    pub rules: Option<Value>,
    /// The rules' schema version.
    #[serde(default)]
    pub schema_version: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Mapping {
    service: Identity,
    path: "OS-FEDERATION/mappings",
    key: Some("mapping"),
    plural: "mappings",
    query: (),
    pagination: LinksNext,
    update_method: Patch,
});
impl Updatable for Mapping {
    type Update = MappingBody;
}
impl Deletable for Mapping {}

/// The body of creating (`PUT .../mappings/{id}`) or changing (`PATCH`) a mapping.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct MappingBody {
    /// The rules.
    pub rules: Value,
    /// The rules' schema version.
    pub schema_version: Option<String>,
}

impl Api<Mapping> {
    /// Create one with this id (`PUT`).
    pub async fn create(&self, id: &str, body: &MappingBody) -> Result<Mapping> {
        put_create(self, id, body).await
    }
}
