//! AccessRule: one API call application credentials may be limited to
//! (`/v3/users/{user}/access_rules`). Get it with
//! [`IdentityProxy::access_rules`](super::IdentityProxy::access_rules).

use crate::api::Deletable;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An access rule: a service, a method and a path pattern (`*` one segment, `**` any).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessRule {
    /// Id.
    pub id: String,
    /// Service type (`compute`).
    #[serde(default)]
    pub service: Option<String>,
    /// HTTP method.
    #[serde(default)]
    pub method: Option<String>,
    /// Path pattern (`/v2.1/servers/*`).
    #[serde(default)]
    pub path: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(AccessRule {
    service: Identity,
    path: "access_rules",
    key: Some("access_rule"),
    plural: "access_rules",
    query: AccessRuleQuery,
    pagination: LinksNext,
});
impl Deletable for AccessRule {}

/// Keystone filters for listing access rules.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct AccessRuleQuery {
    /// Service type.
    pub service: Option<String>,
    /// Path pattern.
    pub path: Option<String>,
    /// HTTP method.
    pub method: Option<String>,
}

/// An access rule of a new application credential: a new one, or an existing one by id.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewAccessRule {
    /// An existing rule.
    pub id: Option<String>,
    /// Service type.
    pub service: Option<String>,
    /// HTTP method.
    pub method: Option<String>,
    /// Path pattern.
    pub path: Option<String>,
}

impl NewAccessRule {
    /// A rule allowing `method` on `path` of `service`.
    pub fn new(service: impl Into<String>, method: impl Into<String>, path: impl Into<String>) -> Self {
        NewAccessRule { id: None, service: Some(service.into()), method: Some(method.into()), path: Some(path.into()) }
    }
}
