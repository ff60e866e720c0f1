//! QosPolicy: a named set of QoS rules for ports, networks and floating IPs (`/v2.0/qos/policies`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron QoS policy, with its rules.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct QosPolicy {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its rules (each with a `type`).
    #[serde(default)]
    pub rules: Option<Vec<Map<String, Value>>>,
    /// Shared with every project.
    #[serde(default)]
    pub shared: Option<bool>,
    /// The project's default policy.
    #[serde(default)]
    pub is_default: Option<bool>,
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
keeps_sent!(QosPolicy);

crate::resource!(QosPolicy {
    service: Network,
    path: "qos/policies",
    key: Some("policy"),
    plural: "policies",
    query: QosPolicyQuery,
    display: "QoSPolicy",
    name: name,
    name_filter: name,
});
impl Creatable for QosPolicy {
    type Create = CreateQosPolicy;
}
impl Updatable for QosPolicy {
    type Update = UpdateQosPolicy;
}
impl Deletable for QosPolicy {}
impl super::Taggable for QosPolicy {}

/// Neutron filters for listing QoS policies.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct QosPolicyQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// The project's default policy.
    pub is_default: Option<bool>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/qos/policies`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateQosPolicy {
    /// Name.
    pub name: Option<String>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// The project's default policy.
    pub is_default: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateQosPolicy {
    /// A policy named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateQosPolicy { name: Some(name.into()), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/qos/policies/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateQosPolicy {
    /// Name.
    pub name: Option<String>,
    /// Shared with every project.
    pub shared: Option<bool>,
    /// The project's default policy.
    pub is_default: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
