//! The service catalog from a Keystone token, and endpoint selection.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! let catalog = conn.catalog().await?;
//! let url = catalog.endpoint(ostack::ServiceType::BlockStorage, "public", Some("RegionOne"))?; // volumev3 too
//! # Ok(()) }
//! ```

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An OpenStack service, by its official service type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceType {
    /// Keystone.
    Identity,
    /// Nova.
    Compute,
    /// Neutron.
    Network,
    /// Glance.
    Image,
    /// Cinder.
    BlockStorage,
    /// Swift.
    ObjectStore,
    /// Placement.
    Placement,
}

impl ServiceType {
    /// The official service type as catalogs spell it.
    pub fn as_str(&self) -> &'static str {
        crate::services::spec(*self).service_type
    }

    /// Other names the same service is registered under in real catalogs
    /// (from the OpenStack service-types authority), most preferred first.
    pub fn aliases(&self) -> &'static [&'static str] {
        crate::services::spec(*self).aliases
    }

    /// The name used in `OpenStack-API-Version` headers.
    pub(crate) fn microversion_name(&self) -> &'static str {
        crate::services::spec(*self).microversion_name.unwrap_or(self.as_str())
    }
}

impl fmt::Display for ServiceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One service in the catalog.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CatalogService {
    /// Service type (`compute`, `volumev3`, ...).
    #[serde(rename = "type")]
    pub service_type: String,
    /// Service name (`nova`, `cinderv3`, ...).
    #[serde(default)]
    pub name: String,
    /// Service id.
    #[serde(default)]
    pub id: String,
    /// Its endpoints.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub endpoints: Vec<CatalogEndpoint>,
}

/// One endpoint of a service.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CatalogEndpoint {
    /// Endpoint id.
    #[serde(default)]
    pub id: String,
    /// `public`, `internal` or `admin`.
    pub interface: String,
    /// Region name.
    #[serde(default)]
    pub region: Option<String>,
    /// Region id.
    #[serde(default)]
    pub region_id: Option<String>,
    /// The URL.
    pub url: String,
}

/// The service catalog of a token.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(transparent)]
pub struct Catalog {
    /// Services in the order Keystone returned them.
    pub services: Vec<CatalogService>,
}

impl Catalog {
    /// The URL of `service` for `interface` (and `region`, if given), trying the official
    /// service type first, then its aliases.
    pub fn endpoint(&self, service: ServiceType, interface: &str, region: Option<&str>) -> Result<String> {
        let names = std::iter::once(service.as_str()).chain(service.aliases().iter().copied());
        for name in names {
            for entry in self.services.iter().filter(|s| s.service_type == name) {
                let found = entry.endpoints.iter().find(|e| {
                    e.interface == interface
                        && region.is_none_or(|r| e.region.as_deref() == Some(r) || e.region_id.as_deref() == Some(r))
                });
                if let Some(endpoint) = found {
                    return Ok(endpoint.url.clone());
                }
            }
        }
        Err(Error::EndpointNotFound {
            service: service.as_str().to_string(),
            interface: interface.to_string(),
            region: region.map(str::to_string),
        })
    }
}
