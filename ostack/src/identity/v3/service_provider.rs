//! ServiceProvider: another cloud this keystone federates into (K2K)
//! (`/v3/OS-FEDERATION/service_providers`). Created with the id of one's choosing.

use super::put_create;
use crate::api::{Api, Deletable, Updatable};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A federation service provider.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServiceProvider {
    /// Id (chosen at creation).
    pub id: String,
    /// The provider's keystone URL for SAML assertions.
    #[serde(default)]
    pub auth_url: Option<String>,
    /// The provider's ECP endpoint.
    #[serde(default)]
    pub sp_url: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Relay state prefix for ECP.
    #[serde(default)]
    pub relay_state_prefix: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(ServiceProvider {
    service: Identity,
    path: "OS-FEDERATION/service_providers",
    key: Some("service_provider"),
    plural: "service_providers",
    query: (),
    pagination: LinksNext,
    update_method: Patch,
});
impl Updatable for ServiceProvider {
    type Update = ServiceProviderBody;
}
impl Deletable for ServiceProvider {}

/// The body of creating (`PUT .../service_providers/{id}`) or changing (`PATCH`) one.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServiceProviderBody {
    /// The provider's keystone URL for SAML assertions (required to create).
    pub auth_url: Option<String>,
    /// The provider's ECP endpoint (required to create).
    pub sp_url: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// Relay state prefix.
    pub relay_state_prefix: Option<String>,
}

impl Api<ServiceProvider> {
    /// Create one with this id (`PUT`).
    pub async fn create(&self, id: &str, body: &ServiceProviderBody) -> Result<ServiceProvider> {
        put_create(self, id, body).await
    }
}
