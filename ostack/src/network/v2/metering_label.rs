//! MeteringLabel: a label counting the traffic of its rules (`/v2.0/metering/metering-labels`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron metering label.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct MeteringLabel {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Applies to every project's routers.
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
keeps_sent!(MeteringLabel);

crate::resource!(MeteringLabel {
    service: Network,
    path: "metering/metering-labels",
    key: Some("metering_label"),
    plural: "metering_labels",
    query: MeteringLabelQuery,
    name: name,
    name_filter: name,
});
impl Creatable for MeteringLabel {
    type Create = CreateMeteringLabel;
}
impl Deletable for MeteringLabel {}

/// Neutron filters for listing metering labels.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct MeteringLabelQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Applies to every project's routers.
    pub shared: Option<bool>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/metering/metering-labels`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateMeteringLabel {
    /// Name.
    pub name: Option<String>,
    /// Applies to every project's routers.
    pub shared: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
