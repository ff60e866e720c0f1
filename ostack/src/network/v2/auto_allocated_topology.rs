//! AutoAllocatedTopology: the network neutron makes for a project on first use ("get me a
//! network": a network, a subnet from the default subnet pool, a router to the default external
//! network), at `/v2.0/auto-allocated-topology/{project_id}`.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! let topology = conn.network().auto_allocated_topologies();
//! topology.validate("project-id").await?; // fails unless the cloud has the defaults it needs
//! let network_id = topology.get("project-id").await?.id; // made on first call
//! topology.delete("project-id").await?;
//! # Ok(()) }
//! ```

use super::{keeps_sent, Sent};
use crate::api::{Api, Deletable};
use crate::resource::resource_request;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A project's auto-allocated topology: the id is the network's.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct AutoAllocatedTopology {
    /// The network made for the project.
    pub id: String,
    /// The project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// The project under its old name.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(AutoAllocatedTopology);

/// Topologies cannot be listed; the query is empty.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AutoAllocatedTopologyQuery {}

crate::resource!(AutoAllocatedTopology {
    service: Network,
    path: "auto-allocated-topology",
    key: Some("auto_allocated_topology"),
    plural: "auto_allocated_topologies",
    query: AutoAllocatedTopologyQuery,
});
impl Deletable for AutoAllocatedTopology {}

impl Api<AutoAllocatedTopology> {
    /// Check that the cloud can make a topology for the project (a default external network and
    /// a default subnet pool), without making it; an error names what is missing.
    pub async fn validate(&self, project_id: &str) -> Result<()> {
        let path = format!("{}?fields=dry-run", self.item_path(project_id)?);
        let request = resource_request::<AutoAllocatedTopology>(self.connection(), Method::GET, &path).await?;
        self.connection().fetch(request).await.map(drop)
    }
}
