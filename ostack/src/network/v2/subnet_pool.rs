//! SubnetPool: a pool of prefixes subnets are allocated from (`/v2.0/subnetpools`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::{Map, Value};

/// A prefix length as neutron sent it: a number, or a number in a string (the api-ref's samples
/// have both); it re-serializes as it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PrefixLen {
    /// A number.
    Number(i64),
    /// A string (holding a number).
    Text(String),
}

impl PrefixLen {
    /// The length, if it is a number or a string holding one.
    pub fn value(&self) -> Option<i64> {
        match self {
            PrefixLen::Number(n) => Some(*n),
            PrefixLen::Text(t) => t.trim().parse().ok(),
        }
    }
}

/// A neutron subnet pool.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct SubnetPool {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The prefixes (CIDRs) it allocates from.
    #[serde(default)]
    pub prefixes: Option<Vec<String>>,
    /// Prefix length of a subnet asked for without one.
    #[serde(default)]
    pub default_prefixlen: Option<PrefixLen>,
    /// Smallest prefix length it allocates.
    #[serde(default)]
    pub min_prefixlen: Option<PrefixLen>,
    /// Largest prefix length it allocates.
    #[serde(default)]
    pub max_prefixlen: Option<PrefixLen>,
    /// Addresses a project may take from it.
    #[serde(default)]
    pub default_quota: Option<i64>,
    /// Address scope it belongs to.
    #[serde(default)]
    pub address_scope_id: Option<String>,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: Option<i64>,
    /// The default pool of its IP version.
    #[serde(default)]
    pub is_default: Option<bool>,
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
keeps_sent!(SubnetPool);

crate::resource!(SubnetPool {
    service: Network,
    path: "subnetpools",
    key: Some("subnetpool"),
    plural: "subnetpools",
    query: SubnetPoolQuery,
    name: name,
    name_filter: name,
});
impl Creatable for SubnetPool {
    type Create = CreateSubnetPool;
}
impl Updatable for SubnetPool {
    type Update = UpdateSubnetPool;
}
impl Deletable for SubnetPool {}
impl super::Taggable for SubnetPool {}

/// Neutron filters for listing subnet pools.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct SubnetPoolQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Address scope it belongs to.
    pub address_scope_id: Option<String>,
    /// 4 or 6.
    pub ip_version: Option<i64>,
    /// The default pool of its IP version.
    pub is_default: Option<bool>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/subnetpools`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSubnetPool {
    /// Name.
    pub name: Option<String>,
    /// The prefixes (CIDRs) it allocates from.
    pub prefixes: Option<Vec<String>>,
    /// Prefix length of a subnet asked for without one.
    pub default_prefixlen: Option<i64>,
    /// Smallest prefix length it allocates.
    pub min_prefixlen: Option<i64>,
    /// Largest prefix length it allocates.
    pub max_prefixlen: Option<i64>,
    /// Addresses a project may take from it.
    pub default_quota: Option<i64>,
    /// Address scope it belongs to.
    pub address_scope_id: Option<String>,
    /// The default pool of its IP version.
    pub is_default: Option<bool>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateSubnetPool {
    /// A pool named `name` allocating from `prefixes`.
    pub fn new(name: impl Into<String>, prefixes: Vec<String>) -> Self {
        CreateSubnetPool { name: Some(name.into()), prefixes: Some(prefixes), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/subnetpools/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSubnetPool {
    /// Name.
    pub name: Option<String>,
    /// The prefixes (CIDRs) it allocates from.
    pub prefixes: Option<Vec<String>>,
    /// Prefix length of a subnet asked for without one.
    pub default_prefixlen: Option<i64>,
    /// Smallest prefix length it allocates.
    pub min_prefixlen: Option<i64>,
    /// Largest prefix length it allocates.
    pub max_prefixlen: Option<i64>,
    /// Addresses a project may take from it.
    pub default_quota: Option<i64>,
    /// Address scope it belongs to.
    pub address_scope_id: Option<String>,
    /// The default pool of its IP version.
    pub is_default: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct Prefixes {
    #[serde(default)]
    prefixes: Vec<String>,
}

impl Api<SubnetPool> {
    /// Add prefixes to the pool (`subnetpool-prefix-ops`); returns all of its prefixes.
    pub async fn add_prefixes(&self, id: &str, prefixes: &[&str]) -> Result<Vec<String>> {
        self.put_sub::<_, Prefixes>(id, "add_prefixes", &json!({ "prefixes": prefixes })).await.map(|p| p.prefixes)
    }

    /// Remove prefixes no subnet uses; returns the remaining ones.
    pub async fn remove_prefixes(&self, id: &str, prefixes: &[&str]) -> Result<Vec<String>> {
        self.put_sub::<_, Prefixes>(id, "remove_prefixes", &json!({ "prefixes": prefixes })).await.map(|p| p.prefixes)
    }

    /// Move the subnets of `network_id` into the pool (`subnet_onboard`).
    pub async fn onboard_network_subnets(&self, id: &str, network_id: &str) -> Result<Value> {
        self.put_sub(id, "onboard_network_subnets", &json!({ "network_id": network_id })).await
    }
}
