//! RoleAssignment: who has which role where (`GET /v3/role_assignments`), with every filter
//! keystone takes: actor, role, scope, inheritance, effective assignments, names.

use super::{keystone_flag, Ref};
use crate::catalog::ServiceType;
use crate::resource::{Pagination, Resource};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Where an assignment applies.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssignmentScope {
    /// A project.
    #[serde(default)]
    pub project: Option<Ref>,
    /// A domain.
    #[serde(default)]
    pub domain: Option<Ref>,
    /// The system (`{"all": true}`).
    #[serde(default)]
    pub system: Option<Map<String, Value>>,
    /// `projects` when the projects below the target inherit it.
    #[serde(default, rename = "OS-INHERIT:inherited_to")]
    pub inherited_to: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One role assignment. It has no id of its own: [`Resource::id`] is its `links.assignment` URL.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleAssignment {
    /// The role.
    #[serde(default)]
    pub role: Ref,
    /// The user (for a user assignment, or an effective one expanded from a group).
    #[serde(default)]
    pub user: Option<Ref>,
    /// The group (for a group assignment).
    #[serde(default)]
    pub group: Option<Ref>,
    /// Where.
    #[serde(default)]
    pub scope: Option<AssignmentScope>,
    /// `assignment` (the grant's URL), and for effective ones `membership` or `prior_role`.
    #[serde(default)]
    pub links: Option<Map<String, Value>>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RoleAssignment {
    /// True when the projects below the target inherit it.
    pub fn is_inherited(&self) -> bool {
        self.scope.as_ref().and_then(|s| s.inherited_to.as_deref()) == Some("projects")
    }
}

impl Resource for RoleAssignment {
    const SERVICE: ServiceType = ServiceType::Identity;
    const NAME: &'static str = "RoleAssignment";
    const PATH: &'static str = "role_assignments";
    const KEY: Option<&'static str> = Some("role_assignment");
    const PLURAL: &'static str = "role_assignments";
    const PAGINATION: Pagination = Pagination::LinksNext;
    type Query = RoleAssignmentQuery;

    fn id(&self) -> &str {
        self.links.as_ref().and_then(|l| l.get("assignment")).and_then(Value::as_str).unwrap_or("")
    }
}

/// Filters of `GET /v3/role_assignments`.
///
/// ```
/// use ostack::identity::v3::RoleAssignmentQuery;
/// let q = RoleAssignmentQuery { user_id: Some("u".into()), effective: Some(true), include_names: Some(false), ..Default::default() };
/// assert_eq!(serde_urlencoded::to_string(&q).unwrap(), "user.id=u&effective=true&include_names=0");
/// ```
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoleAssignmentQuery {
    /// Of this user.
    #[serde(rename = "user.id")]
    pub user_id: Option<String>,
    /// Of this group.
    #[serde(rename = "group.id")]
    pub group_id: Option<String>,
    /// Of this role.
    #[serde(rename = "role.id")]
    pub role_id: Option<String>,
    /// On this project.
    #[serde(rename = "scope.project.id")]
    pub project_id: Option<String>,
    /// On this domain.
    #[serde(rename = "scope.domain.id")]
    pub domain_id: Option<String>,
    /// On the system (`all`).
    #[serde(rename = "scope.system")]
    pub system: Option<String>,
    /// Inherited ones only (`projects`).
    #[serde(rename = "scope.OS-INHERIT:inherited_to")]
    pub inherited_to: Option<String>,
    /// Effective assignments: groups expanded to their users, inherited ones to the projects,
    /// implied roles added.
    #[serde(serialize_with = "keystone_flag")]
    pub effective: Option<bool>,
    /// Add names to the ids.
    #[serde(serialize_with = "keystone_flag")]
    pub include_names: Option<bool>,
    /// With `project_id`: the projects below it too.
    #[serde(serialize_with = "keystone_flag")]
    pub include_subtree: Option<bool>,
}
