//! Limits (`/limits`): a project's absolute compute limits and what it uses of them.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! let limits = conn.compute().limits(&Default::default()).await?;
//! println!("{:?} of {:?} servers", limits.absolute.total_instances_used, limits.absolute.max_total_instances);
//! # Ok(()) }
//! ```

use super::nested::query_string;
use super::ComputeProxy;
use crate::api::{decode, narrow, Versions};
use crate::catalog::ServiceType;
use crate::lenient::{int_or_string, null_as_default};
use crate::session::Request;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Limits of a project.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Limits {
    /// Absolute limits and use.
    #[serde(default)]
    pub absolute: AbsoluteLimits,
    /// Rate limits (always empty in current nova).
    #[serde(default, deserialize_with = "null_as_default")]
    pub rate: Vec<Value>,
}

/// Absolute limits (`-1` is unlimited) and use.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteLimits {
    /// Servers.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub max_total_instances: Option<i64>,
    /// Servers in use.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub total_instances_used: Option<i64>,
    /// vCPUs.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub max_total_cores: Option<i64>,
    /// vCPUs in use.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub total_cores_used: Option<i64>,
    /// RAM in MiB.
    #[serde(
        rename = "maxTotalRAMSize",
        default,
        deserialize_with = "int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_total_ram_size: Option<i64>,
    /// RAM in use, MiB.
    #[serde(
        rename = "totalRAMUsed",
        default,
        deserialize_with = "int_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_ram_used: Option<i64>,
    /// Key pairs.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub max_total_keypairs: Option<i64>,
    /// Metadata items per server.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub max_server_meta: Option<i64>,
    /// Server groups.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub max_server_groups: Option<i64>,
    /// Server groups in use.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub total_server_groups_used: Option<i64>,
    /// Members per server group.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub max_server_group_members: Option<i64>,
    /// Every other limit the cloud sent (the nova-network and personality ones of older
    /// microversions).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Whose limits, and whether reservations count as used.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LimitsQuery {
    /// Another project's limits (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Count reservations as used. Nova accepts (and ignores: it counts use, not reservations,
    /// since Pike) this filter until 2.74 and refuses it from 2.75, so a query with it is sent
    /// at 2.74 at most.
    #[serde(serialize_with = "one_or_zero", skip_serializing_if = "Option::is_none")]
    pub reserved: Option<bool>,
}

fn one_or_zero<S: serde::Serializer>(value: &Option<bool>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_u8(u8::from(value.unwrap_or(false)))
}

#[derive(Deserialize)]
struct LimitsAnswer {
    limits: Limits,
}

impl ComputeProxy {
    /// The project's limits and use (`GET /limits`).
    pub async fn limits(&self, query: &LimitsQuery) -> Result<Limits> {
        let mut endpoint = self.conn.endpoint(ServiceType::Compute).await?;
        if query.reserved.is_some() {
            endpoint = narrow(endpoint, &[("the limits filter reserved", Versions::until(2, 74))])?;
        }
        let path = format!("limits{}", query_string("limits", query)?);
        let request = endpoint.apply_microversion(Request::new(Method::GET, endpoint.join(&path)));
        decode::<LimitsAnswer>(&self.conn.fetch(request).await?).map(|a| a.limits)
    }
}
