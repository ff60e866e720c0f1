//! ServiceProfile: a driver and its settings a neutron flavor can use (`/v2.0/service_profiles`).

use super::{keeps_sent, NeutronListOptions, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron service profile.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct ServiceProfile {
    /// Id.
    pub id: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The driver's import path.
    #[serde(default)]
    pub driver: Option<String>,
    /// Its settings (JSON text).
    #[serde(default)]
    pub metainfo: Option<String>,
    /// Usable.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Owning project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(ServiceProfile);

crate::resource!(ServiceProfile {
    service: Network,
    path: "service_profiles",
    key: Some("service_profile"),
    plural: "service_profiles",
    query: ServiceProfileQuery,
});
impl Creatable for ServiceProfile {
    type Create = CreateServiceProfile;
}
impl Updatable for ServiceProfile {
    type Update = UpdateServiceProfile;
}
impl Deletable for ServiceProfile {}

/// Neutron filters for listing service profiles.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServiceProfileQuery {
    /// Description.
    pub description: Option<String>,
    /// The driver's import path.
    pub driver: Option<String>,
    /// Owning project.
    pub project_id: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/service_profiles`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateServiceProfile {
    /// Description.
    pub description: Option<String>,
    /// The driver's import path.
    pub driver: Option<String>,
    /// Its settings (JSON text).
    pub metainfo: Option<String>,
    /// Usable.
    pub enabled: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `PUT /v2.0/service_profiles/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateServiceProfile {
    /// Description.
    pub description: Option<String>,
    /// The driver's import path.
    pub driver: Option<String>,
    /// Its settings (JSON text).
    pub metainfo: Option<String>,
    /// Usable.
    pub enabled: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
