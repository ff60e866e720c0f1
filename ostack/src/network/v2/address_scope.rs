//! AddressScope: a scope in which addresses are unique and routed without NAT (`/v2.0/address-scopes`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron address scope.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct AddressScope {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: Option<i64>,
    /// Shared with every project.
    #[serde(default)]
    pub shared: Option<bool>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(AddressScope);

crate::resource!(AddressScope {
    service: Network,
    path: "address-scopes",
    key: Some("address_scope"),
    plural: "address_scopes",
    query: AddressScopeQuery,
    name: name,
    name_filter: name,
});
impl Creatable for AddressScope {
    type Create = CreateAddressScope;
}
impl Updatable for AddressScope {
    type Update = UpdateAddressScope;
}
impl Deletable for AddressScope {}

/// Neutron filters for listing address scopes.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct AddressScopeQuery {
    /// Exact name.
    pub name: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<i64>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/address-scopes`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateAddressScope {
    /// Name.
    pub name: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<i64>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateAddressScope {
    /// A scope named `name` for IP version `ip_version` (4 or 6).
    pub fn new(name: impl Into<String>, ip_version: i64) -> Self {
        CreateAddressScope { name: Some(name.into()), ip_version: Some(ip_version), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/address-scopes/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateAddressScope {
    /// Name.
    pub name: Option<String>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
