//! QosRuleType: a QoS rule type the loaded drivers support (`/v2.0/qos/rule-types`).

use super::{keeps_sent, Sent};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A QoS rule type; its id is the type (`bandwidth_limit`, ...).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct QosRuleType {
    /// The type (`bandwidth_limit`, `dscp_marking`, ...).
    #[serde(rename = "type", default)]
    pub id: String,
    /// The drivers supporting it and their parameters (shown one by one).
    #[serde(default)]
    pub drivers: Option<Vec<Map<String, Value>>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(QosRuleType);

crate::resource!(QosRuleType {
    service: Network,
    path: "qos/rule-types",
    key: Some("rule_type"),
    plural: "rule_types",
    query: QosRuleTypeQuery,
});

/// Neutron filters for listing QoS rule types.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct QosRuleTypeQuery {
    /// All the rule types any loaded driver supports.
    pub all_supported: Option<bool>,
    /// Every rule type neutron knows.
    pub all_rules: Option<bool>,
}
