//! ServiceProvider: a driver providing an advanced service (`/v2.0/service-providers`).

use super::{keeps_sent, NeutronListOptions, Sent};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A service provider; neutron gives them no id, find one by name.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct ServiceProvider {
    /// Empty: neutron gives service providers no id (find them by name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Name (the driver's).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The service (`L3_ROUTER_NAT`, `LOADBALANCERV2`, ...).
    #[serde(default)]
    pub service_type: Option<String>,
    /// The default provider of its service.
    #[serde(default)]
    pub default: Option<bool>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(ServiceProvider);

crate::resource!(ServiceProvider {
    service: Network,
    path: "service-providers",
    key: None,
    plural: "service_providers",
    query: ServiceProviderQuery,
    name: name,
    name_filter: name,
});

/// Neutron filters for listing service providers.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServiceProviderQuery {
    /// Exact name.
    pub name: Option<String>,
    /// The service.
    pub service_type: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}
