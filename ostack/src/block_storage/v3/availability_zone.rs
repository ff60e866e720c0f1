//! Availability zones of the volume service (`/v3/os-availability-zone`).

use super::decode_key;
use super::proxy::BlockStorageProxy;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A volume availability zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityZone {
    /// The zone name.
    #[serde(rename = "zoneName")]
    pub name: String,
    /// Whether it is available.
    #[serde(rename = "zoneState")]
    pub state: ZoneState,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The state of a zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneState {
    /// Available or not.
    pub available: bool,
}

impl BlockStorageProxy {
    /// The volume availability zones.
    pub async fn availability_zones(&self) -> Result<Vec<AvailabilityZone>> {
        let fetched = self.send::<()>(Method::GET, "os-availability-zone", None).await?;
        decode_key(&fetched, "availabilityZoneInfo", "Availability zones")
    }
}
