//! Compute service (`/os-services`): nova-compute, nova-conductor, nova-scheduler on each host.
//! Ids are UUIDs from microversion 2.53 (numbers before), which is also when enabling,
//! disabling and forcing down moved to `PUT /os-services/{id}`.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::compute::v2::{ComputeServiceQuery, UpdateComputeService};
//! let services = conn.compute().services();
//! let query = ComputeServiceQuery { binary: Some("nova-compute".into()), ..Default::default() };
//! for s in services.list(&query).collect_all().await? {
//!     services.set(&s.id, &UpdateComputeService::disable("maintenance")).await?;
//! }
//! # Ok(()) }
//! ```

use super::nested::flexible_id;
use crate::api::{decode, Api, Versions};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A compute service.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComputeService {
    /// Id: a UUID from 2.53, a number (as text) before; empty for services of a cell that
    /// does not answer (2.69+).
    #[serde(with = "flexible_id", default)]
    pub id: String,
    /// `nova-compute`, `nova-conductor`, `nova-scheduler`.
    #[serde(default)]
    pub binary: String,
    /// Host name.
    #[serde(default)]
    pub host: String,
    /// Availability zone.
    #[serde(default)]
    pub zone: Option<String>,
    /// `enabled` or `disabled` (`UNKNOWN` for an unreachable cell).
    #[serde(default)]
    pub status: Option<String>,
    /// `up` or `down`.
    #[serde(default)]
    pub state: Option<String>,
    /// Why it is disabled.
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// Forced down by an admin (2.11+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forced_down: Option<bool>,
    /// Last heartbeat.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters for listing compute services.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ComputeServiceQuery {
    /// Only this binary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub binary: Option<String>,
    /// Only this host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

impl crate::resource::Resource for ComputeService {
    const SERVICE: crate::catalog::ServiceType = crate::catalog::ServiceType::Compute;
    const NAME: &'static str = "Compute service";
    const PATH: &'static str = "os-services";
    const KEY: Option<&'static str> = Some("service");
    const PLURAL: &'static str = "services";
    const PAGINATION: crate::resource::Pagination = crate::resource::Pagination::None;
    type Query = ComputeServiceQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        Some(&self.host)
    }
    fn status(&self) -> Option<&str> {
        self.state.as_deref()
    }
}

impl crate::api::Deletable for ComputeService {}

/// The body of `PUT /os-services/{id}` (2.53+): enable or disable, force down or up.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateComputeService {
    /// `enabled` or `disabled`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Why it is disabled (with `status: disabled`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled_reason: Option<String>,
    /// Mark the service down now (for evacuation) or clear that mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forced_down: Option<bool>,
}

impl UpdateComputeService {
    /// Enable the service.
    pub fn enable() -> Self {
        UpdateComputeService { status: Some("enabled".into()), ..Default::default() }
    }
    /// Disable the service, saying why.
    pub fn disable(reason: impl Into<String>) -> Self {
        UpdateComputeService {
            status: Some("disabled".into()),
            disabled_reason: Some(reason.into()),
            ..Default::default()
        }
    }
    /// Force the service down (`true`) or clear it (`false`).
    pub fn forced_down(down: bool) -> Self {
        UpdateComputeService { forced_down: Some(down), ..Default::default() }
    }
}

#[derive(Deserialize)]
struct ServiceAnswer {
    service: ComputeService,
}

impl Api<ComputeService> {
    /// Enable, disable, force down or up (`PUT /os-services/{id}`, 2.53+; the body is not
    /// wrapped in a key); returns the service.
    pub async fn set(&self, id: &str, body: &UpdateComputeService) -> Result<ComputeService> {
        let needs = [("update a compute service by id", Versions::since(2, 53))];
        let fetched = self.call_at(&needs, Method::PUT, &self.item_path(id)?, Some(body)).await?;
        decode::<ServiceAnswer>(&fetched).map(|a| a.service)
    }
}
