//! FederationProtocol: how an identity provider's assertions arrive (`saml2`, `openid`, `mapped`)
//! and the mapping they go through (`/v3/OS-FEDERATION/identity_providers/{idp}/protocols`).
//! Get it with [`IdentityProxy::federation_protocols`](super::IdentityProxy::federation_protocols).

use super::put_create;
use crate::api::{Api, Deletable, Updatable};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A federation protocol of an identity provider.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FederationProtocol {
    /// Id: the protocol's name.
    pub id: String,
    /// The mapping applied.
    #[serde(default)]
    pub mapping_id: Option<String>,
    /// The attribute holding the provider's entity id.
    #[serde(default)]
    pub remote_id_attribute: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(FederationProtocol {
    service: Identity,
    path: "protocols",
    key: Some("protocol"),
    plural: "protocols",
    query: (),
    pagination: LinksNext,
    update_method: Patch,
});
impl Updatable for FederationProtocol {
    type Update = FederationProtocolBody;
}
impl Deletable for FederationProtocol {}

/// The body of creating (`PUT .../protocols/{id}`) or changing (`PATCH`) a protocol.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct FederationProtocolBody {
    /// The mapping.
    pub mapping_id: String,
    /// The attribute holding the provider's entity id.
    pub remote_id_attribute: Option<String>,
}

impl Api<FederationProtocol> {
    /// Create one with this id (`PUT`).
    pub async fn create(&self, id: &str, body: &FederationProtocolBody) -> Result<FederationProtocol> {
        put_create(self, id, body).await
    }
}
