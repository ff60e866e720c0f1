//! What the backends report: storage pools (`/v3/scheduler-stats/get_pools`), a backend's
//! capabilities (`/v3/capabilities/{host}`), and the filters each list accepts
//! (`/v3/resource_filters`).

use super::proxy::BlockStorageProxy;
use super::{decode, decode_key, mv};
use crate::resource::utf8_percent_encode;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A storage pool of a backend.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pool {
    /// `host@backend#pool`.
    pub name: String,
    /// What the driver reports (capacity, protocol, ...; with `detail`).
    #[serde(default)]
    pub capabilities: Option<Map<String, Value>>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Pool {
    /// A capability as a number (`total_capacity_gb`), `None` when absent or not a number
    /// (`"infinite"`).
    pub fn capacity(&self, key: &str) -> Option<f64> {
        self.capabilities.as_ref()?.get(key)?.as_f64()
    }
}

/// A backend's capabilities (for volume type extra specs).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Capabilities {
    /// Backend name.
    #[serde(default)]
    pub volume_backend_name: Option<String>,
    /// Vendor.
    #[serde(default)]
    pub vendor_name: Option<String>,
    /// Driver version.
    #[serde(default)]
    pub driver_version: Option<String>,
    /// `iSCSI`, `FC`, `NFS`, ...
    #[serde(default)]
    pub storage_protocol: Option<String>,
    /// Pool.
    #[serde(default)]
    pub pool_name: Option<String>,
    /// The properties a type can ask for, with their schema.
    #[serde(default)]
    pub properties: Option<Map<String, Value>>,
    /// Anything else the cloud sent (`namespace`, `display_name`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The filters one list accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceFilter {
    /// `volume`, `snapshot`, `backup`, ...
    pub resource: String,
    /// Filter names.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub filters: Vec<String>,
}

impl BlockStorageProxy {
    /// The backend pools (admin); `detail` adds their capabilities.
    pub async fn pools(&self, detail: bool) -> Result<Vec<Pool>> {
        let path = if detail { "scheduler-stats/get_pools?detail=true" } else { "scheduler-stats/get_pools" };
        let fetched = self.send::<()>(Method::GET, path, None).await?;
        decode_key(&fetched, "pools", "Pools")
    }

    /// A backend's capabilities (admin; `host` as `host@backend`).
    pub async fn capabilities(&self, host: &str) -> Result<Capabilities> {
        if host.is_empty() {
            return Err(crate::Error::InvalidInput("empty host for capabilities".into()));
        }
        let fetched =
            self.send::<()>(Method::GET, &format!("capabilities/{}", utf8_percent_encode(host)), None).await?;
        decode(&fetched, "Capabilities")
    }

    /// The filters lists accept (3.33+), of one resource (`volume`) or all.
    pub async fn resource_filters(&self, resource: Option<&str>) -> Result<Vec<ResourceFilter>> {
        self.require(mv(3, 33), "list resource filters").await?;
        let path = match resource {
            Some(r) => {
                format!("resource_filters?{}", serde_urlencoded::to_string([("resource", r)]).unwrap_or_default())
            }
            None => "resource_filters".to_string(),
        };
        let fetched = self.send::<()>(Method::GET, &path, None).await?;
        decode_key(&fetched, "resource_filters", "Resource filters")
    }
}
