//! Quota: a project's limits on neutron resources (`/v2.0/quotas/{project_id}`), with the
//! defaults and the usage details (`quota_details`). The "id" of a quota is its project's id.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::network::v2::UpdateQuota;
//! let quotas = conn.network().quotas();
//! quotas.update("project-id", &UpdateQuota { network: Some(20), ..Default::default() }).await?;
//! let used = quotas.details("project-id").await?;
//! println!("{:?} networks of {:?}", used.network.map(|n| n.used), used.network.map(|n| n.limit));
//! quotas.delete("project-id").await?; // back to the defaults
//! # Ok(()) }
//! ```

use super::{keeps_sent, Sent};
use crate::api::{Api, Deletable, Updatable};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A project's neutron quotas (`-1`: unlimited).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Quota {
    /// The project (neutron sends it in lists only; empty otherwise).
    #[serde(default)]
    pub project_id: String,
    /// Floating IPs.
    #[serde(default)]
    pub floatingip: Option<i64>,
    /// Networks.
    #[serde(default)]
    pub network: Option<i64>,
    /// Ports.
    #[serde(default)]
    pub port: Option<i64>,
    /// RBAC policies.
    #[serde(default)]
    pub rbac_policy: Option<i64>,
    /// Routers.
    #[serde(default)]
    pub router: Option<i64>,
    /// Security groups.
    #[serde(default)]
    pub security_group: Option<i64>,
    /// Security group rules.
    #[serde(default)]
    pub security_group_rule: Option<i64>,
    /// Subnets.
    #[serde(default)]
    pub subnet: Option<i64>,
    /// Subnet pools.
    #[serde(default)]
    pub subnetpool: Option<i64>,
    /// Every other quota the cloud sent (`router_route`, `trunk`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(Quota);

impl crate::resource::Resource for Quota {
    const SERVICE: crate::catalog::ServiceType = crate::catalog::ServiceType::Network;
    const NAME: &'static str = "Quota";
    const PATH: &'static str = "quotas";
    const KEY: Option<&'static str> = Some("quota");
    const PLURAL: &'static str = "quotas";
    type Query = QuotaQuery;

    fn id(&self) -> &str {
        &self.project_id
    }
}
impl Updatable for Quota {
    type Update = UpdateQuota;
}
impl Deletable for Quota {}

/// Quota lists take no filters (they hold the projects whose quotas differ from the defaults).
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuotaQuery {}

/// The body of `PUT /v2.0/quotas/{project_id}`: the limits to change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateQuota {
    /// Floating IPs.
    pub floatingip: Option<i64>,
    /// Networks.
    pub network: Option<i64>,
    /// Ports.
    pub port: Option<i64>,
    /// RBAC policies.
    pub rbac_policy: Option<i64>,
    /// Routers.
    pub router: Option<i64>,
    /// Security groups.
    pub security_group: Option<i64>,
    /// Security group rules.
    pub security_group_rule: Option<i64>,
    /// Subnets.
    pub subnet: Option<i64>,
    /// Subnet pools.
    pub subnetpool: Option<i64>,
    /// Refuse a limit below what is already used (`quota-check-limit`).
    pub check_limit: Option<bool>,
    /// Any other quota.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The use of one quota.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaUsage {
    /// In use.
    #[serde(default)]
    pub used: i64,
    /// The limit (`-1`: unlimited).
    #[serde(default)]
    pub limit: i64,
    /// Reserved by requests in flight.
    #[serde(default)]
    pub reserved: i64,
}

/// Use and limit of each quota of a project (`quota_details`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct QuotaDetails {
    /// Floating IPs.
    #[serde(default)]
    pub floatingip: Option<QuotaUsage>,
    /// Networks.
    #[serde(default)]
    pub network: Option<QuotaUsage>,
    /// Ports.
    #[serde(default)]
    pub port: Option<QuotaUsage>,
    /// RBAC policies.
    #[serde(default)]
    pub rbac_policy: Option<QuotaUsage>,
    /// Routers.
    #[serde(default)]
    pub router: Option<QuotaUsage>,
    /// Security groups.
    #[serde(default)]
    pub security_group: Option<QuotaUsage>,
    /// Security group rules.
    #[serde(default)]
    pub security_group_rule: Option<QuotaUsage>,
    /// Subnets.
    #[serde(default)]
    pub subnet: Option<QuotaUsage>,
    /// Subnet pools.
    #[serde(default)]
    pub subnetpool: Option<QuotaUsage>,
    /// Every other quota the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct QuotaBody<T> {
    quota: T,
}

impl Api<Quota> {
    /// The defaults a project without its own quotas gets.
    pub async fn defaults(&self, project_id: &str) -> Result<Quota> {
        self.get_sub::<QuotaBody<Quota>>(project_id, "default").await.map(|b| b.quota)
    }

    /// Use and limit of each quota of a project.
    pub async fn details(&self, project_id: &str) -> Result<QuotaDetails> {
        self.get_sub::<QuotaBody<QuotaDetails>>(project_id, "details").await.map(|b| b.quota)
    }
}
