//! AvailabilityZone: an availability zone of neutron's agents (`/v2.0/availability_zones`).

use super::{keeps_sent, NeutronListOptions, Sent};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron availability zone; neutron gives them no id, find one by name.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct AvailabilityZone {
    /// Empty: neutron gives availability zones no id (find them by name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// `network` or `router`.
    #[serde(default)]
    pub resource: Option<String>,
    /// `available` or `unavailable`.
    #[serde(default)]
    pub state: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(AvailabilityZone);

crate::resource!(AvailabilityZone {
    service: Network,
    path: "availability_zones",
    key: Some("availability_zone"),
    plural: "availability_zones",
    query: AvailabilityZoneQuery,
    name: name,
    name_filter: name,
});

/// Neutron filters for listing availability zones.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct AvailabilityZoneQuery {
    /// Exact name.
    pub name: Option<String>,
    /// `network` or `router`.
    pub resource: Option<String>,
    /// `available` or `unavailable`.
    pub state: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}
