//! Flavor: a neutron flavor: service profiles for a service type (`/v2.0/flavors`).

use super::{keeps_sent, NeutronListOptions, Sent};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::{Map, Value};

/// A neutron flavor.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Flavor {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The service (`L3_ROUTER_NAT`, ...).
    #[serde(default)]
    pub service_type: Option<String>,
    /// Usable.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Its service profiles.
    #[serde(default)]
    pub service_profiles: Option<Vec<String>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(Flavor);

crate::resource!(Flavor {
    service: Network,
    path: "flavors",
    key: Some("flavor"),
    plural: "flavors",
    query: FlavorQuery,
    name: name,
    name_filter: name,
});
impl Creatable for Flavor {
    type Create = CreateFlavor;
}
impl Updatable for Flavor {
    type Update = UpdateFlavor;
}
impl Deletable for Flavor {}

/// Neutron filters for listing neutron flavors.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct FlavorQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The service (`L3_ROUTER_NAT`, ...).
    pub service_type: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/flavors`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateFlavor {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The service (`L3_ROUTER_NAT`, ...).
    pub service_type: String,
    /// Usable.
    pub enabled: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateFlavor {
    /// A flavor named `name` of `service_type`.
    pub fn new(name: impl Into<String>, service_type: impl Into<String>) -> Self {
        CreateFlavor { name: Some(name.into()), service_type: service_type.into(), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/flavors/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateFlavor {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Usable.
    pub enabled: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<Flavor> {
    /// Associate a service profile with the flavor.
    pub async fn add_service_profile(&self, id: &str, profile_id: &str) -> Result<()> {
        let body = json!({ "service_profile": { "id": profile_id } });
        self.post_sub::<_, Value>(id, "service_profiles", &body).await.map(drop)
    }

    /// Dissociate a service profile from the flavor.
    pub async fn remove_service_profile(&self, id: &str, profile_id: &str) -> Result<()> {
        let sub = format!("service_profiles/{}", crate::resource::utf8_percent_encode(profile_id));
        self.delete_sub(id, &sub).await
    }
}
