//! MeteringLabelRule: which traffic a metering label counts (`/v2.0/metering/metering-label-rules`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron metering label rule.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct MeteringLabelRule {
    /// Id.
    pub id: String,
    /// The label.
    #[serde(default)]
    pub metering_label_id: Option<String>,
    /// `ingress` or `egress`.
    #[serde(default)]
    pub direction: Option<String>,
    /// Traffic not counted.
    #[serde(default)]
    pub excluded: Option<bool>,
    /// Remote CIDR (deprecated for source/destination).
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    /// Source CIDR.
    #[serde(default)]
    pub source_ip_prefix: Option<String>,
    /// Destination CIDR.
    #[serde(default)]
    pub destination_ip_prefix: Option<String>,
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
keeps_sent!(MeteringLabelRule);

crate::resource!(MeteringLabelRule {
    service: Network,
    path: "metering/metering-label-rules",
    key: Some("metering_label_rule"),
    plural: "metering_label_rules",
    query: MeteringLabelRuleQuery,
});
impl Creatable for MeteringLabelRule {
    type Create = CreateMeteringLabelRule;
}
impl Deletable for MeteringLabelRule {}

/// Neutron filters for listing metering label rules.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct MeteringLabelRuleQuery {
    /// The label.
    pub metering_label_id: Option<String>,
    /// `ingress` or `egress`.
    pub direction: Option<String>,
    /// Remote CIDR (deprecated for source/destination).
    pub remote_ip_prefix: Option<String>,
    /// Source CIDR.
    pub source_ip_prefix: Option<String>,
    /// Destination CIDR.
    pub destination_ip_prefix: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/metering/metering-label-rules`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateMeteringLabelRule {
    /// The label.
    pub metering_label_id: String,
    /// `ingress` or `egress`.
    pub direction: Option<String>,
    /// Traffic not counted.
    pub excluded: Option<bool>,
    /// Remote CIDR (deprecated for source/destination).
    pub remote_ip_prefix: Option<String>,
    /// Source CIDR.
    pub source_ip_prefix: Option<String>,
    /// Destination CIDR.
    pub destination_ip_prefix: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateMeteringLabelRule {
    /// A rule of `label` for `direction` traffic.
    pub fn new(label: impl Into<String>, direction: impl Into<String>) -> Self {
        CreateMeteringLabelRule {
            metering_label_id: label.into(),
            direction: Some(direction.into()),
            ..Default::default()
        }
    }
}
