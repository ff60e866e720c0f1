//! NetworkSegmentRange: a range of segmentation ids projects' networks get theirs from (`/v2.0/network_segment_ranges`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron network segment range.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct NetworkSegmentRange {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The range from the ML2 configuration.
    #[serde(default)]
    pub default: Option<bool>,
    /// Available to every project.
    #[serde(default)]
    pub shared: Option<bool>,
    /// `vlan`, `vxlan`, `gre` or `geneve`.
    #[serde(default)]
    pub network_type: Option<String>,
    /// Physical network (vlan).
    #[serde(default)]
    pub physical_network: Option<String>,
    /// First id.
    #[serde(default)]
    pub minimum: Option<i64>,
    /// Last id.
    #[serde(default)]
    pub maximum: Option<i64>,
    /// Ids in use, by project.
    #[serde(default)]
    pub used: Option<Map<String, Value>>,
    /// Ids still free.
    #[serde(default)]
    pub available: Option<Vec<Value>>,
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
keeps_sent!(NetworkSegmentRange);

crate::resource!(NetworkSegmentRange {
    service: Network,
    path: "network_segment_ranges",
    key: Some("network_segment_range"),
    plural: "network_segment_ranges",
    query: NetworkSegmentRangeQuery,
    name: name,
    name_filter: name,
});
impl Creatable for NetworkSegmentRange {
    type Create = CreateNetworkSegmentRange;
}
impl Updatable for NetworkSegmentRange {
    type Update = UpdateNetworkSegmentRange;
}
impl Deletable for NetworkSegmentRange {}
impl super::Taggable for NetworkSegmentRange {}

/// Neutron filters for listing network segment ranges.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct NetworkSegmentRangeQuery {
    /// Exact name.
    pub name: Option<String>,
    /// The range from the ML2 configuration.
    pub default: Option<bool>,
    /// Available to every project.
    pub shared: Option<bool>,
    /// `vlan`, `vxlan`, `gre` or `geneve`.
    pub network_type: Option<String>,
    /// Physical network (vlan).
    pub physical_network: Option<String>,
    /// First id.
    pub minimum: Option<i64>,
    /// Last id.
    pub maximum: Option<i64>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/network_segment_ranges`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateNetworkSegmentRange {
    /// Name.
    pub name: Option<String>,
    /// Available to every project.
    pub shared: Option<bool>,
    /// `vlan`, `vxlan`, `gre` or `geneve`.
    pub network_type: String,
    /// Physical network (vlan).
    pub physical_network: Option<String>,
    /// First id.
    pub minimum: Option<i64>,
    /// Last id.
    pub maximum: Option<i64>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateNetworkSegmentRange {
    /// A range `minimum`..=`maximum` of `network_type` ids.
    pub fn new(name: impl Into<String>, network_type: impl Into<String>, minimum: i64, maximum: i64) -> Self {
        CreateNetworkSegmentRange {
            name: Some(name.into()),
            network_type: network_type.into(),
            minimum: Some(minimum),
            maximum: Some(maximum),
            ..Default::default()
        }
    }
}

/// The body of `PUT /v2.0/network_segment_ranges/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateNetworkSegmentRange {
    /// Name.
    pub name: Option<String>,
    /// First id.
    pub minimum: Option<i64>,
    /// Last id.
    pub maximum: Option<i64>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
