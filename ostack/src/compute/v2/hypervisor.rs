//! Hypervisor (`/os-hypervisors`): the compute nodes. Ids are UUIDs from microversion 2.53
//! (numbers before); 2.88 dropped the resource counters (placement has them) and added
//! `uptime` to the detail.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! let hypervisors = conn.compute().hypervisors();
//! for h in hypervisors.list(&Default::default()).collect_all().await? {
//!     let with_servers = hypervisors.get_with_servers(&h.id).await?;
//!     let servers = with_servers.servers.map_or(0, |s| s.len());
//!     println!("{} {servers} {:?}", h.hypervisor_hostname, hypervisors.uptime(&h.id).await?);
//! }
//! # Ok(()) }
//! ```

use super::nested::flexible_id;
use crate::api::{decode, Api, Versions};
use crate::discovery::Microversion;
use crate::lenient::{int_or_string, null_as_default};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A hypervisor (compute node).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hypervisor {
    /// Id: a UUID from 2.53, a number (as text) before.
    #[serde(with = "flexible_id")]
    pub id: String,
    /// The node's name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub hypervisor_hostname: String,
    /// `up` or `down`.
    #[serde(default)]
    pub state: Option<String>,
    /// `enabled` or `disabled`.
    #[serde(default)]
    pub status: Option<String>,
    /// `QEMU`, `fake`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypervisor_type: Option<String>,
    /// Hypervisor version as an integer.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub hypervisor_version: Option<i64>,
    /// The host's IP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_ip: Option<String>,
    /// The compute service on the node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<HypervisorService>,
    /// Servers on it (`with_servers`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servers: Option<Vec<HypervisorServer>>,
    /// `uptime` output (show, 2.88+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uptime: Option<String>,
    /// CPU description (an object from 2.28, a JSON string before; before 2.88).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_info: Option<Value>,
    /// vCPUs (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub vcpus: Option<i64>,
    /// vCPUs used (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub vcpus_used: Option<i64>,
    /// RAM in MiB (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub memory_mb: Option<i64>,
    /// RAM used in MiB (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub memory_mb_used: Option<i64>,
    /// Free RAM in MiB (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub free_ram_mb: Option<i64>,
    /// Disk in GiB (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub local_gb: Option<i64>,
    /// Disk used in GiB (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub local_gb_used: Option<i64>,
    /// Free disk in GiB (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub free_disk_gb: Option<i64>,
    /// Least available disk (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub disk_available_least: Option<i64>,
    /// Tasks in progress (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub current_workload: Option<i64>,
    /// Servers running (before 2.88).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub running_vms: Option<i64>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The compute service of a hypervisor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HypervisorService {
    /// Service id (a UUID from 2.53).
    #[serde(with = "flexible_id", default)]
    pub id: String,
    /// Compute host name.
    #[serde(default)]
    pub host: Option<String>,
    /// Why it is disabled.
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A server on a hypervisor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HypervisorServer {
    /// Server id.
    pub uuid: String,
    /// Server (instance) name.
    #[serde(default)]
    pub name: Option<String>,
}

/// Filters for listing hypervisors.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HypervisorQuery {
    /// Node names matching this pattern (2.53+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hypervisor_hostname_pattern: Option<String>,
    /// Include each node's servers (2.53+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_servers: Option<bool>,
    /// Page size (2.33+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this id (2.33+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

impl crate::resource::Resource for Hypervisor {
    const SERVICE: crate::catalog::ServiceType = crate::catalog::ServiceType::Compute;
    const NAME: &'static str = "Hypervisor";
    const PATH: &'static str = "os-hypervisors";
    const KEY: Option<&'static str> = Some("hypervisor");
    const PLURAL: &'static str = "hypervisors";
    const LIST_PATH: Option<&'static str> = Some("os-hypervisors/detail");
    type Query = HypervisorQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        Some(&self.hypervisor_hostname)
    }
    fn status(&self) -> Option<&str> {
        self.state.as_deref()
    }
    fn query_needs(query: &HypervisorQuery) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if query.hypervisor_hostname_pattern.is_some() {
            needs.push(("hypervisor_hostname_pattern", Versions::since(2, 53)));
        }
        if query.with_servers.is_some() {
            needs.push(("hypervisors with_servers", Versions::since(2, 53)));
        }
        if query.limit.is_some() || query.marker.is_some() {
            needs.push(("hypervisor paging", Versions::since(2, 33)));
        }
        needs
    }
}

#[derive(Deserialize)]
struct HypervisorAnswer {
    hypervisor: Hypervisor,
}

#[derive(Deserialize)]
struct StatisticsAnswer {
    hypervisor_statistics: Map<String, Value>,
}

const UPTIME_IN_SHOW: Microversion = Microversion::new(2, 88);

impl Api<Hypervisor> {
    /// One hypervisor with its servers (2.53+).
    pub async fn get_with_servers(&self, id: &str) -> Result<Hypervisor> {
        let needs = [("hypervisor with_servers", Versions::since(2, 53))];
        let path = format!("{}?with_servers=true", self.item_path(id)?);
        let fetched = self.call_at::<()>(&needs, Method::GET, &path, None).await?;
        decode::<HypervisorAnswer>(&fetched).map(|a| a.hypervisor)
    }

    /// The node's `uptime` output: from the detail from 2.88, from `/uptime` before.
    pub async fn uptime(&self, id: &str) -> Result<Option<String>> {
        if self.microversion().await?.is_some_and(|m| m >= UPTIME_IN_SHOW) {
            return self.get(id).await.map(|h| h.uptime);
        }
        let fetched = self.call_at::<()>(&[], Method::GET, &self.sub_path(id, "uptime")?, None).await?;
        decode::<HypervisorAnswer>(&fetched).map(|a| a.hypervisor.uptime)
    }

    /// Totals over every hypervisor (`/os-hypervisors/statistics`, removed at 2.88: sent at
    /// 2.87 when the cloud still offers it).
    pub async fn statistics(&self) -> Result<Map<String, Value>> {
        let needs = [("hypervisor statistics", Versions::until(2, 87))];
        let fetched = self.call_at::<()>(&needs, Method::GET, "os-hypervisors/statistics", None).await?;
        decode::<StatisticsAnswer>(&fetched).map(|a| a.hypervisor_statistics)
    }
}
