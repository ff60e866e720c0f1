//! AddressGroup: a named set of addresses security group rules can refer to (`/v2.0/address-groups`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::{Map, Value};

/// A neutron address group.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct AddressGroup {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its addresses (CIDRs).
    #[serde(default)]
    pub addresses: Option<Vec<String>>,
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
keeps_sent!(AddressGroup);

crate::resource!(AddressGroup {
    service: Network,
    path: "address-groups",
    key: Some("address_group"),
    plural: "address_groups",
    query: AddressGroupQuery,
    name: name,
    name_filter: name,
});
impl Creatable for AddressGroup {
    type Create = CreateAddressGroup;
}
impl Updatable for AddressGroup {
    type Update = UpdateAddressGroup;
}
impl Deletable for AddressGroup {}

/// Neutron filters for listing address groups.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct AddressGroupQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/address-groups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateAddressGroup {
    /// Name.
    pub name: Option<String>,
    /// Its addresses (CIDRs).
    pub addresses: Option<Vec<String>>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateAddressGroup {
    /// A group named `name` with `addresses`.
    pub fn new(name: impl Into<String>, addresses: Vec<String>) -> Self {
        CreateAddressGroup { name: Some(name.into()), addresses: Some(addresses), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/address-groups/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateAddressGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct AddressGroupBody {
    address_group: AddressGroup,
}

impl Api<AddressGroup> {
    /// Add addresses (CIDRs); returns the group.
    pub async fn add_addresses(&self, id: &str, addresses: &[&str]) -> Result<AddressGroup> {
        let body = json!({ "addresses": addresses });
        self.put_sub::<_, AddressGroupBody>(id, "add_addresses", &body).await.map(|b| b.address_group)
    }

    /// Remove addresses; returns the group.
    pub async fn remove_addresses(&self, id: &str, addresses: &[&str]) -> Result<AddressGroup> {
        let body = json!({ "addresses": addresses });
        self.put_sub::<_, AddressGroupBody>(id, "remove_addresses", &body).await.map(|b| b.address_group)
    }
}
