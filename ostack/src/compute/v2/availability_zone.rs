//! Compute availability zones (`/os-availability-zone`).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! for zone in conn.compute().availability_zones(true).await? {
//!     println!("{} {:?}", zone.zone_name, zone.hosts.as_ref().map(|h| h.keys().collect::<Vec<_>>()));
//! }
//! # Ok(()) }
//! ```

use super::ComputeProxy;
use crate::api::decode;
use crate::catalog::ServiceType;
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::session::Request;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An availability zone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AvailabilityZone {
    /// Its name.
    #[serde(rename = "zoneName", default)]
    pub zone_name: String,
    /// Whether it is available.
    #[serde(rename = "zoneState", default)]
    pub zone_state: ZoneState,
    /// Hosts and their services (detailed list, admin): host -> binary -> state.
    #[serde(default)]
    pub hosts: Option<BTreeMap<String, BTreeMap<String, ZoneService>>>,
}

/// `zoneState`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ZoneState {
    /// Available.
    #[serde(default)]
    pub available: bool,
}

/// A service of a host in a zone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ZoneService {
    /// Enabled.
    #[serde(default)]
    pub active: bool,
    /// Up.
    #[serde(default)]
    pub available: bool,
    /// Last heartbeat.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
}

#[derive(Deserialize)]
struct ZonesAnswer {
    #[serde(rename = "availabilityZoneInfo", default, deserialize_with = "null_as_default")]
    zones: Vec<AvailabilityZone>,
}

impl ComputeProxy {
    /// The availability zones; `detailed` (admin) adds the internal zone and each zone's hosts.
    pub async fn availability_zones(&self, detailed: bool) -> Result<Vec<AvailabilityZone>> {
        let endpoint = self.conn.endpoint(ServiceType::Compute).await?;
        let path = if detailed { "os-availability-zone/detail" } else { "os-availability-zone" };
        let request = endpoint.apply_microversion(Request::new(Method::GET, endpoint.join(path)));
        decode::<ZonesAnswer>(&self.conn.fetch(request).await?).map(|a| a.zones)
    }
}
