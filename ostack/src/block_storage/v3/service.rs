//! The cinder services (`/v3/os-services`, admin): list, enable, disable, freeze, thaw,
//! fail over, and log levels.

use super::proxy::BlockStorageProxy;
use super::{decode, decode_key, mv};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// One cinder service (scheduler, volume backend, backup).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// `cinder-volume`, `cinder-scheduler`, `cinder-backup`.
    pub binary: String,
    /// Host (`host@backend` for volume services).
    pub host: String,
    /// Availability zone.
    #[serde(default)]
    pub zone: Option<String>,
    /// `enabled` or `disabled`.
    #[serde(default)]
    pub status: Option<String>,
    /// `up` or `down`.
    #[serde(default)]
    pub state: Option<String>,
    /// Why it was disabled.
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// Last heartbeat.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Frozen (volume services).
    #[serde(default)]
    pub frozen: Option<bool>,
    /// Cluster (3.7+).
    #[serde(default)]
    pub cluster: Option<String>,
    /// Replication status (volume services).
    #[serde(default)]
    pub replication_status: Option<String>,
    /// Active replication backend.
    #[serde(default)]
    pub active_backend_id: Option<String>,
    /// Backend state (3.49+).
    #[serde(default)]
    pub backend_state: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters for listing services.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServiceQuery {
    /// On this host.
    pub host: Option<String>,
    /// This binary.
    pub binary: Option<String>,
}

/// What enable and disable answer.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceStatus {
    /// Host.
    pub host: String,
    /// Binary.
    pub binary: String,
    /// `enabled` or `disabled`.
    #[serde(default)]
    pub status: Option<String>,
    /// Disabled or not.
    #[serde(default)]
    pub disabled: Option<bool>,
    /// Why it was disabled.
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl BlockStorageProxy {
    /// The services (admin).
    pub async fn services(&self, query: &ServiceQuery) -> Result<Vec<Service>> {
        let encoded = serde_urlencoded::to_string(query)
            .map_err(|e| crate::Error::InvalidInput(format!("cannot encode service filters: {e}")))?;
        let path = if encoded.is_empty() { "os-services".to_string() } else { format!("os-services?{encoded}") };
        let fetched = self.send::<()>(Method::GET, &path, None).await?;
        decode_key(&fetched, "services", "Services")
    }

    /// Let the scheduler use a service again (admin).
    pub async fn enable_service(&self, host: &str, binary: &str) -> Result<ServiceStatus> {
        let body = json!({ "host": host, "binary": binary });
        let fetched = self.send(Method::PUT, "os-services/enable", Some(&body)).await?;
        decode(&fetched, "Service status")
    }

    /// Stop the scheduler from using a service (admin), with an optional reason.
    pub async fn disable_service(&self, host: &str, binary: &str, reason: Option<&str>) -> Result<ServiceStatus> {
        let fetched = match reason {
            Some(reason) => {
                let body = json!({ "host": host, "binary": binary, "disabled_reason": reason });
                self.send(Method::PUT, "os-services/disable-log-reason", Some(&body)).await?
            }
            None => {
                let body = json!({ "host": host, "binary": binary });
                self.send(Method::PUT, "os-services/disable", Some(&body)).await?
            }
        };
        decode(&fetched, "Service status")
    }

    /// Freeze a volume backend: no control-plane changes to its volumes (admin).
    pub async fn freeze_host(&self, host: &str) -> Result<()> {
        self.send(Method::PUT, "os-services/freeze", Some(&json!({ "host": host }))).await.map(drop)
    }

    /// Undo [`freeze_host`](Self::freeze_host) (admin).
    pub async fn thaw_host(&self, host: &str) -> Result<()> {
        self.send(Method::PUT, "os-services/thaw", Some(&json!({ "host": host }))).await.map(drop)
    }

    /// Fail a replicated backend over to `backend_id` (admin).
    pub async fn failover_host(&self, host: &str, backend_id: Option<&str>) -> Result<()> {
        let mut body = json!({ "host": host });
        if let Some(b) = backend_id {
            body["backend_id"] = json!(b);
        }
        self.send(Method::PUT, "os-services/failover_host", Some(&body)).await.map(drop)
    }

    /// Set the log level of services (admin, 3.32+): `prefix` of the loggers, all when empty.
    pub async fn set_log_level(
        &self,
        level: &str,
        binary: Option<&str>,
        server: Option<&str>,
        prefix: Option<&str>,
    ) -> Result<()> {
        self.require(mv(3, 32), "set log level").await?;
        let mut body = json!({ "level": level });
        for (key, value) in [("binary", binary), ("server", server), ("prefix", prefix)] {
            if let Some(v) = value {
                body[key] = json!(v);
            }
        }
        self.send(Method::PUT, "os-services/set-log", Some(&body)).await.map(drop)
    }

    /// The log levels of services (admin, 3.32+), as cinder sends them.
    pub async fn log_levels(
        &self,
        binary: Option<&str>,
        server: Option<&str>,
        prefix: Option<&str>,
    ) -> Result<Vec<Value>> {
        self.require(mv(3, 32), "get log levels").await?;
        let mut body = json!({});
        for (key, value) in [("binary", binary), ("server", server), ("prefix", prefix)] {
            if let Some(v) = value {
                body[key] = json!(v);
            }
        }
        let fetched = self.send(Method::PUT, "os-services/get-log", Some(&body)).await?;
        decode_key(&fetched, "log_levels", "Log levels")
    }
}
