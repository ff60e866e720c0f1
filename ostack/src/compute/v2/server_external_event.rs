//! Server external events (`/os-server-external-events`, admin): what neutron and cinder tell
//! nova (`network-vif-plugged`, `volume-extended`, ...).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, server: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::ExternalEvent;
//! let results = conn.compute().send_external_events(&[ExternalEvent::new("network-changed", server)]).await?;
//! assert_eq!(results[0].code, Some(200));
//! # Ok(()) }
//! ```

use super::ComputeProxy;
use crate::api::decode;
use crate::catalog::ServiceType;
use crate::lenient::null_as_default;
use crate::session::Request;
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One event for a server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExternalEvent {
    /// `network-changed`, `network-vif-plugged`, `volume-extended`, `power-update`, ...
    pub name: String,
    /// The server.
    pub server_uuid: String,
    /// `completed` (default), `failed`, `in-progress`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The port, volume or power state the event is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// In answers: the HTTP code of this event (200, 400, 404, 422).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ExternalEvent {
    /// An event for a server.
    pub fn new(name: impl Into<String>, server_id: impl Into<String>) -> Self {
        ExternalEvent {
            name: name.into(),
            server_uuid: server_id.into(),
            status: None,
            tag: None,
            code: None,
            extra: Map::new(),
        }
    }
    /// The event's tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }
    /// The event's status.
    pub fn status(mut self, status: impl Into<String>) -> Self {
        self.status = Some(status.into());
        self
    }
}

#[derive(Serialize)]
struct Events<'a> {
    events: &'a [ExternalEvent],
}

#[derive(Deserialize)]
struct EventsAnswer {
    #[serde(default, deserialize_with = "null_as_default")]
    events: Vec<ExternalEvent>,
}

impl ComputeProxy {
    /// Send events to nova (admin); returns each with its `code` (nova answers 207 when some
    /// failed, 404 when none of the servers exists).
    pub async fn send_external_events(&self, events: &[ExternalEvent]) -> Result<Vec<ExternalEvent>> {
        if events.is_empty() {
            return Err(Error::InvalidInput("no event to send".into()));
        }
        let endpoint = self.conn.endpoint(ServiceType::Compute).await?;
        let body = Events { events };
        let request = endpoint
            .apply_microversion(Request::new(Method::POST, endpoint.join("os-server-external-events")))
            .json(&body)?;
        decode::<EventsAnswer>(&self.conn.fetch(request).await?).map(|a| a.events)
    }
}
