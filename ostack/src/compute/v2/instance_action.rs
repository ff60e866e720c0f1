//! Instance actions (`/servers/{id}/os-instance-actions`): what was done to a server, by whom,
//! and the events of each action.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, id: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::InstanceActionQuery;
//! let servers = conn.compute().servers();
//! for action in servers.instance_actions(id, &InstanceActionQuery::default()).await? {
//!     let detail = servers.instance_action(id, &action.request_id).await?;
//!     println!("{} {:?}", action.action, detail.events.iter().map(|e| &e.event).collect::<Vec<_>>());
//! }
//! # Ok(()) }
//! ```

use super::nested::{list_all, query_string};
use super::Server;
use crate::api::{decode, Api, Versions};
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::resource::utf8_percent_encode;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One action on a server (`reboot`, `resize`, ...).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InstanceAction {
    /// The action (`create`, `stop`, `live-migration`, ...).
    #[serde(default)]
    pub action: String,
    /// The request that started it (its id for [`Api::instance_action`]).
    #[serde(default)]
    pub request_id: String,
    /// The server.
    #[serde(default)]
    pub instance_uuid: Option<String>,
    /// Who asked.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Their project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// When it started.
    #[serde(default, deserialize_with = "timestamp")]
    pub start_time: Option<Timestamp>,
    /// When it last changed (2.58+).
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// `Error` when it failed.
    #[serde(default)]
    pub message: Option<String>,
    /// Its events (show only).
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<InstanceActionEvent>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One step of an action (`compute_reboot_instance`, ...).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InstanceActionEvent {
    /// The event name.
    #[serde(default)]
    pub event: String,
    /// `Success` or `Error`; `None` while it runs.
    #[serde(default)]
    pub result: Option<String>,
    /// When it started.
    #[serde(default, deserialize_with = "timestamp")]
    pub start_time: Option<Timestamp>,
    /// When it ended.
    #[serde(default, deserialize_with = "timestamp")]
    pub finish_time: Option<Timestamp>,
    /// The traceback of a failure (admin).
    #[serde(default)]
    pub traceback: Option<String>,
    /// The compute host (admin, 2.62+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The obfuscated host id (2.62+).
    #[serde(rename = "hostId", default, skip_serializing_if = "Option::is_none")]
    pub host_id: Option<String>,
    /// Details of a failure (2.84+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters for [`Api::instance_actions`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct InstanceActionQuery {
    /// Page size (2.58+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this request id (2.58+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Actions changed at or after this time, ISO 8601 (2.58+).
    #[serde(rename = "changes-since", skip_serializing_if = "Option::is_none")]
    pub changes_since: Option<String>,
    /// Actions changed before this time, ISO 8601 (2.66+).
    #[serde(rename = "changes-before", skip_serializing_if = "Option::is_none")]
    pub changes_before: Option<String>,
}

impl InstanceActionQuery {
    fn needs(&self) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if self.limit.is_some() || self.marker.is_some() {
            needs.push(("instance actions paging", Versions::since(2, 58)));
        }
        if self.changes_since.is_some() {
            needs.push(("instance actions changes-since", Versions::since(2, 58)));
        }
        if self.changes_before.is_some() {
            needs.push(("instance actions changes-before", Versions::since(2, 66)));
        }
        needs
    }
}

#[derive(Deserialize)]
struct ActionAnswer {
    #[serde(rename = "instanceAction")]
    action: InstanceAction,
}

impl Api<Server> {
    /// A server's actions, newest first, every page.
    pub async fn instance_actions(&self, id: &str, query: &InstanceActionQuery) -> Result<Vec<InstanceAction>> {
        let path = format!("{}{}", self.sub_path(id, "os-instance-actions")?, query_string("instance action", query)?);
        list_all(self, &query.needs(), &path, "instanceActions").await
    }

    /// One action with its events.
    pub async fn instance_action(&self, id: &str, request_id: &str) -> Result<InstanceAction> {
        if request_id.is_empty() {
            return Err(crate::Error::InvalidInput("empty request id".into()));
        }
        let path = self.sub_path(id, &format!("os-instance-actions/{}", utf8_percent_encode(request_id)))?;
        let fetched = self.call_at::<()>(&[], Method::GET, &path, None).await?;
        decode::<ActionAnswer>(&fetched).map(|a| a.action)
    }
}
