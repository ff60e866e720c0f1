//! SecurityGroup: a named set of firewall rules applied to ports (`/v2.0/security-groups`).

use super::{NeutronListOptions, NeutronStandard, SecurityGroupRule};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron security group, with its rules.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecurityGroup {
    /// Security group id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its rules.
    #[serde(default, deserialize_with = "null_as_default")]
    pub security_group_rules: Vec<SecurityGroupRule>,
    /// Stateful (conntrack) or not.
    #[serde(default)]
    pub stateful: Option<bool>,
    /// Shared with this project through RBAC.
    #[serde(default)]
    pub shared: Option<bool>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(SecurityGroup {
    service: Network,
    path: "security-groups",
    key: Some("security_group"),
    plural: "security_groups",
    query: SecurityGroupQuery,
    name: name,
    name_filter: name,
});
impl Creatable for SecurityGroup {
    type Create = CreateSecurityGroup;
}
impl Updatable for SecurityGroup {
    type Update = UpdateSecurityGroup;
}
impl Deletable for SecurityGroup {}

/// Neutron filters for listing security groups.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct SecurityGroupQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Shared or not.
    pub shared: Option<bool>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/security-groups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSecurityGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Stateful or not.
    pub stateful: Option<bool>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateSecurityGroup {
    /// A group with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateSecurityGroup { name: Some(name.into()), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/security-groups/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSecurityGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Stateful or not.
    pub stateful: Option<bool>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
