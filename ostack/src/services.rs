//! The service table: one row per OpenStack service ostack speaks to. Adding a service is one
//! row here, one [`ServiceType`] variant and one accessor on [`Connection`](crate::Connection).
//!
//! # Example
//! ```
//! use ostack::services::spec;
//! use ostack::ServiceType;
//! let cinder = spec(ServiceType::BlockStorage);
//! assert_eq!(cinder.service_type, "block-storage");
//! assert!(cinder.aliases.contains(&"volumev3"));
//! assert_eq!(cinder.microversion_name, Some("volume"));
//! ```

use crate::catalog::ServiceType;
use crate::discovery::Microversion;

/// Everything ostack needs to know about one service, before any resource of it.
#[derive(Debug, Clone, Copy)]
pub struct ServiceSpec {
    /// The variant naming it in code.
    pub service: ServiceType,
    /// The official service type, as catalogs spell it.
    pub service_type: &'static str,
    /// Other names real catalogs register it under (service-types authority), most preferred first.
    pub aliases: &'static [&'static str],
    /// The major version spoken, as it appears in URLs (`v2.1`), or `None` when the catalog URL is
    /// the API root (placement) or final (object store).
    pub version_path: Option<&'static str>,
    /// The highest microversion ostack's types are written for (`None`: no microversions).
    pub max_microversion: Option<Microversion>,
    /// The service name in `OpenStack-API-Version: <name> <version>`.
    pub microversion_name: Option<&'static str>,
    /// A legacy microversion header also sent (nova's `X-OpenStack-Nova-API-Version`).
    pub legacy_microversion_header: Option<&'static str>,
    /// Whether the endpoint is asked which versions it offers.
    pub discover: bool,
    /// The `Connection` method returning its proxy.
    pub accessor: &'static str,
}

/// Every service, one row each.
pub const SERVICES: [ServiceSpec; 7] = [
    ServiceSpec {
        service: ServiceType::Identity,
        service_type: "identity",
        aliases: &[],
        version_path: Some("v3"),
        max_microversion: None,
        microversion_name: None,
        legacy_microversion_header: None,
        discover: true,
        accessor: "identity",
    },
    ServiceSpec {
        service: ServiceType::Compute,
        service_type: "compute",
        aliases: &[],
        version_path: Some("v2.1"),
        max_microversion: Some(Microversion::new(2, 100)),
        microversion_name: Some("compute"),
        legacy_microversion_header: Some("x-openstack-nova-api-version"),
        discover: true,
        accessor: "compute",
    },
    ServiceSpec {
        service: ServiceType::Network,
        service_type: "network",
        aliases: &[],
        version_path: Some("v2.0"),
        max_microversion: None,
        microversion_name: None,
        legacy_microversion_header: None,
        discover: true,
        accessor: "network",
    },
    ServiceSpec {
        service: ServiceType::Image,
        service_type: "image",
        aliases: &[],
        version_path: Some("v2"),
        max_microversion: None,
        microversion_name: None,
        legacy_microversion_header: None,
        discover: true,
        accessor: "image",
    },
    ServiceSpec {
        service: ServiceType::BlockStorage,
        service_type: "block-storage",
        aliases: &["volumev3", "volumev2", "volume", "block-store"],
        version_path: Some("v3"),
        max_microversion: Some(Microversion::new(3, 71)),
        microversion_name: Some("volume"),
        legacy_microversion_header: None,
        discover: true,
        accessor: "block_storage",
    },
    ServiceSpec {
        service: ServiceType::ObjectStore,
        service_type: "object-store",
        aliases: &[],
        version_path: None,
        max_microversion: None,
        microversion_name: None,
        legacy_microversion_header: None,
        discover: false,
        accessor: "object_store",
    },
    ServiceSpec {
        service: ServiceType::Placement,
        service_type: "placement",
        aliases: &[],
        version_path: None,
        max_microversion: Some(Microversion::new(1, 39)),
        microversion_name: Some("placement"),
        legacy_microversion_header: None,
        discover: true,
        accessor: "placement",
    },
];

/// The row of `service`.
pub fn spec(service: ServiceType) -> &'static ServiceSpec {
    SERVICES.iter().find(|s| s.service == service).expect("every ServiceType has a row in SERVICES")
}

/// The row of a catalog service type, official (`block-storage`) or alias (`volumev3`).
pub fn by_catalog_type(service_type: &str) -> Option<&'static ServiceSpec> {
    SERVICES.iter().find(|s| s.service_type == service_type || s.aliases.contains(&service_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_exactly_one_row() {
        for row in &SERVICES {
            assert_eq!(SERVICES.iter().filter(|s| s.service == row.service).count(), 1, "{}", row.service_type);
            assert_eq!(spec(row.service).service_type, row.service_type);
            assert_eq!(by_catalog_type(row.service_type).map(|s| s.service), Some(row.service));
        }
    }
}
