//! Segment: one L2 segment of a network (`segments`) (`/v2.0/segments`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron network segment.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Segment {
    /// Id.
    pub id: String,
    /// Name (segments often have none: `null`).
    #[serde(default)]
    pub name: Option<String>,
    /// The network.
    #[serde(default)]
    pub network_id: Option<String>,
    /// `flat`, `vlan`, `vxlan`, ...
    #[serde(default)]
    pub network_type: Option<String>,
    /// Physical network (flat, vlan).
    #[serde(default)]
    pub physical_network: Option<String>,
    /// VLAN id or VNI.
    #[serde(default)]
    pub segmentation_id: Option<i64>,
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
keeps_sent!(Segment);

crate::resource!(Segment {
    service: Network,
    path: "segments",
    key: Some("segment"),
    plural: "segments",
    query: SegmentQuery,
    name: name,
    name_filter: name,
});
impl Creatable for Segment {
    type Create = CreateSegment;
}
impl Updatable for Segment {
    type Update = UpdateSegment;
}
impl Deletable for Segment {}

/// Neutron filters for listing segments.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct SegmentQuery {
    /// Exact name.
    pub name: Option<String>,
    /// The network.
    pub network_id: Option<String>,
    /// `flat`, `vlan`, `vxlan`, ...
    pub network_type: Option<String>,
    /// Physical network (flat, vlan).
    pub physical_network: Option<String>,
    /// VLAN id or VNI.
    pub segmentation_id: Option<i64>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/segments`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSegment {
    /// Name.
    pub name: Option<String>,
    /// The network.
    pub network_id: String,
    /// `flat`, `vlan`, `vxlan`, ...
    pub network_type: Option<String>,
    /// Physical network (flat, vlan).
    pub physical_network: Option<String>,
    /// VLAN id or VNI.
    pub segmentation_id: Option<i64>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateSegment {
    /// A segment of `network_id` of type `network_type`.
    pub fn new(network_id: impl Into<String>, network_type: impl Into<String>) -> Self {
        CreateSegment { network_id: network_id.into(), network_type: Some(network_type.into()), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/segments/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSegment {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
