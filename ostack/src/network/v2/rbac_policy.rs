//! RbacPolicy: sharing one object with one project (or all) (`/v2.0/rbac-policies`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron RBAC policy.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct RbacPolicy {
    /// Id.
    pub id: String,
    /// `network`, `qos_policy`, `security_group`, `address_scope`, `subnetpool`, `address_group`.
    #[serde(default)]
    pub object_type: Option<String>,
    /// The shared object.
    #[serde(default)]
    pub object_id: Option<String>,
    /// `access_as_shared` or `access_as_external`.
    #[serde(default)]
    pub action: Option<String>,
    /// The project it is shared with (`*` for all).
    #[serde(default)]
    pub target_tenant: Option<String>,
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
keeps_sent!(RbacPolicy);

crate::resource!(RbacPolicy {
    service: Network,
    path: "rbac-policies",
    key: Some("rbac_policy"),
    plural: "rbac_policies",
    query: RbacPolicyQuery,
    display: "RBACPolicy",
});
impl Creatable for RbacPolicy {
    type Create = CreateRbacPolicy;
}
impl Updatable for RbacPolicy {
    type Update = UpdateRbacPolicy;
}
impl Deletable for RbacPolicy {}

/// Neutron filters for listing RBAC policies.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct RbacPolicyQuery {
    /// `network`, `qos_policy`, `security_group`, `address_scope`, `subnetpool`, `address_group`.
    pub object_type: Option<String>,
    /// The shared object.
    pub object_id: Option<String>,
    /// `access_as_shared` or `access_as_external`.
    pub action: Option<String>,
    /// The project it is shared with (`*` for all).
    pub target_tenant: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/rbac-policies`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateRbacPolicy {
    /// `network`, `qos_policy`, `security_group`, `address_scope`, `subnetpool`, `address_group`.
    pub object_type: String,
    /// The shared object.
    pub object_id: String,
    /// `access_as_shared` or `access_as_external`.
    pub action: String,
    /// The project it is shared with (`*` for all).
    pub target_tenant: String,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateRbacPolicy {
    /// Share `object_id` (of `object_type`) with `target_project` (`*` for all) by `action`.
    pub fn new(
        object_type: impl Into<String>,
        object_id: impl Into<String>,
        action: impl Into<String>,
        target_project: impl Into<String>,
    ) -> Self {
        CreateRbacPolicy {
            object_type: object_type.into(),
            object_id: object_id.into(),
            action: action.into(),
            target_tenant: target_project.into(),
            ..Default::default()
        }
    }
}

/// The body of `PUT /v2.0/rbac-policies/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateRbacPolicy {
    /// The project it is shared with (`*` for all).
    pub target_tenant: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
