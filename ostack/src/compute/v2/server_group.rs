//! Server group (`/os-server-groups`): servers placed together or apart.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::compute::v2::CreateServerGroup;
//! let groups = conn.compute().server_groups();
//! let group = groups.create(&CreateServerGroup::new("web", "anti-affinity").max_server_per_host(2)).await?;
//! groups.delete(&group.id).await?;
//! # Ok(()) }
//! ```

use crate::api::Versions;
use crate::lenient::{int_or_string, null_as_default};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A server group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerGroup {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// `affinity`, `anti-affinity`, `soft-affinity` or `soft-anti-affinity` (2.64+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The policies, one of them (before 2.64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<String>>,
    /// Policy rules: `max_server_per_host` for `anti-affinity` (2.64+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<ServerGroupRules>,
    /// Member server ids.
    #[serde(default, deserialize_with = "null_as_default")]
    pub members: Vec<String>,
    /// Metadata (always empty; before 2.64).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, Value>>,
    /// Owning project (2.13+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Owning user (2.13+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ServerGroup {
    /// The policy, whichever microversion answered (`policy`, or the one of `policies`).
    pub fn policy(&self) -> Option<&str> {
        self.policy.as_deref().or_else(|| self.policies.as_ref()?.first().map(String::as_str))
    }
}

/// Rules of a server group's policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerGroupRules {
    /// At most this many members per host (`anti-affinity` only).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub max_server_per_host: Option<i64>,
    /// Every other rule the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(ServerGroup {
    service: Compute,
    path: "os-server-groups",
    key: Some("server_group"),
    plural: "server_groups",
    query: ServerGroupQuery,
    display: "Server group",
    name: name,
});

impl crate::api::Creatable for ServerGroup {
    type Create = CreateServerGroup;
    fn create_needs(body: &CreateServerGroup) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if body.policy.is_some() {
            needs.push(("a server group policy", Versions::since(2, 64)));
        }
        if body.rules.is_some() {
            needs.push(("server group rules", Versions::since(2, 64)));
        }
        if body.policies.is_some() {
            needs.push(("a server group policies list", Versions::until(2, 63)));
        }
        needs
    }
}
impl crate::api::Deletable for ServerGroup {}

/// Filters for listing server groups.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServerGroupQuery {
    /// Groups of every project (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_projects: Option<bool>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Skip this many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

/// The body of `POST /os-server-groups`: `policy` (and `rules`) from 2.64, `policies`
/// before; [`CreateServerGroup::new`] sets `policy`, [`CreateServerGroup::legacy`] `policies`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateServerGroup {
    /// Name.
    pub name: String,
    /// The policy (2.64+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The policy's rules (2.64+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<ServerGroupRules>,
    /// The policy as a one-item list (before 2.64; sent at 2.63).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<String>>,
}

impl CreateServerGroup {
    /// A group with a policy (2.64+).
    pub fn new(name: impl Into<String>, policy: impl Into<String>) -> Self {
        CreateServerGroup { name: name.into(), policy: Some(policy.into()), rules: None, policies: None }
    }
    /// A group in the form of microversions before 2.64 (`policies`).
    pub fn legacy(name: impl Into<String>, policy: impl Into<String>) -> Self {
        CreateServerGroup { name: name.into(), policy: None, rules: None, policies: Some(vec![policy.into()]) }
    }
    /// At most `n` members per host (`anti-affinity`, 2.64+).
    pub fn max_server_per_host(mut self, n: i64) -> Self {
        self.rules = Some(ServerGroupRules { max_server_per_host: Some(n), extra: Map::new() });
        self
    }
}
