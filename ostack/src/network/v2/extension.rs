//! Extension: an API extension neutron has loaded (`/v2.0/extensions`), read-only.

use crate::api::Api;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron API extension; its id is its alias (`router`, `trunk`, `extraroute-atomic`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extension {
    /// The alias, which is also the id in `/v2.0/extensions/{alias}`.
    #[serde(rename = "alias")]
    pub id: String,
    /// Human name.
    #[serde(default)]
    pub name: Option<String>,
    /// What it adds.
    #[serde(default)]
    pub description: Option<String>,
    /// When it last changed.
    #[serde(default)]
    pub updated: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Extensions take no filters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExtensionQuery {}

crate::resource!(Extension {
    service: Network,
    path: "extensions",
    key: Some("extension"),
    plural: "extensions",
    query: ExtensionQuery,
    name: name,
});

impl Api<Extension> {
    /// Whether neutron has the extension `alias` loaded.
    pub async fn has(&self, alias: &str) -> Result<bool> {
        match self.get(alias).await {
            Ok(found) => Ok(found.id == alias),
            Err(e) if e.status() == Some(404) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
