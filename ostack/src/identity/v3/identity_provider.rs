//! IdentityProvider: an external source of identities for federation
//! (`/v3/OS-FEDERATION/identity_providers`). Created with the id of one's choosing.

use super::put_create;
use crate::api::{Api, Deletable, Updatable};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A federated identity provider.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdentityProvider {
    /// Id (chosen at creation).
    pub id: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The provider's entity ids.
    #[serde(default)]
    pub remote_ids: Option<Vec<String>>,
    /// The domain its users are placed in.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// Minutes a federated group membership lasts.
    #[serde(default)]
    pub authorization_ttl: Option<i64>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(IdentityProvider {
    service: Identity,
    path: "OS-FEDERATION/identity_providers",
    key: Some("identity_provider"),
    plural: "identity_providers",
    query: IdentityProviderQuery,
    pagination: LinksNext,
    update_method: Patch,
});
impl Updatable for IdentityProvider {
    type Update = IdentityProviderBody;
}
impl Deletable for IdentityProvider {}

/// Keystone filters for listing identity providers.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct IdentityProviderQuery {
    /// This id.
    pub id: Option<String>,
    /// Enabled or not.
    pub enabled: Option<bool>,
}

/// The body of creating (`PUT .../identity_providers/{id}`) or changing (`PATCH`) one.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct IdentityProviderBody {
    /// Description.
    pub description: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// The provider's entity ids.
    pub remote_ids: Option<Vec<String>>,
    /// The domain its users are placed in (create only).
    pub domain_id: Option<String>,
    /// Minutes a federated group membership lasts.
    pub authorization_ttl: Option<i64>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<IdentityProvider> {
    /// Create one with this id (`PUT`).
    pub async fn create(&self, id: &str, body: &IdentityProviderBody) -> Result<IdentityProvider> {
        put_create(self, id, body).await
    }
}
