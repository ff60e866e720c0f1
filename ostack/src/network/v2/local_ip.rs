//! LocalIp: a local address for east-west traffic on one host (`local_ip`) (`/v2.0/local_ips`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron local IP.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct LocalIp {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The port holding the address.
    #[serde(default)]
    pub local_port_id: Option<String>,
    /// The network.
    #[serde(default)]
    pub network_id: Option<String>,
    /// The address.
    #[serde(default)]
    pub local_ip_address: Option<String>,
    /// `translate` or `passthrough`.
    #[serde(default)]
    pub ip_mode: Option<String>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(LocalIp);

crate::resource!(LocalIp {
    service: Network,
    path: "local_ips",
    key: Some("local_ip"),
    plural: "local_ips",
    query: LocalIpQuery,
    name: name,
    name_filter: name,
});
impl Creatable for LocalIp {
    type Create = CreateLocalIp;
}
impl Updatable for LocalIp {
    type Update = UpdateLocalIp;
}
impl Deletable for LocalIp {}

/// Neutron filters for listing local IPs.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct LocalIpQuery {
    /// Exact name.
    pub name: Option<String>,
    /// The port holding the address.
    pub local_port_id: Option<String>,
    /// The network.
    pub network_id: Option<String>,
    /// The address.
    pub local_ip_address: Option<String>,
    /// `translate` or `passthrough`.
    pub ip_mode: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/local_ips`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateLocalIp {
    /// Name.
    pub name: Option<String>,
    /// The port holding the address.
    pub local_port_id: Option<String>,
    /// The network.
    pub network_id: Option<String>,
    /// The address.
    pub local_ip_address: Option<String>,
    /// `translate` or `passthrough`.
    pub ip_mode: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body of `PUT /v2.0/local_ips/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateLocalIp {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
