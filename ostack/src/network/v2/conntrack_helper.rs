//! RouterConntrackHelper: a netfilter conntrack helper on a router's traffic
//! (`/v2.0/routers/{router_id}/conntrack_helpers`, `l3-conntrack-helper`). Reach them with
//! [`NetworkProxy::conntrack_helpers`](super::NetworkProxy::conntrack_helpers).

use super::child::Child;
use super::{keeps_sent, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A conntrack helper of a router.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct RouterConntrackHelper {
    /// Helper id.
    pub id: String,
    /// The helper (`ftp`, `tftp`, ...).
    #[serde(default)]
    pub helper: Option<String>,
    /// `tcp` or `udp`.
    #[serde(default)]
    pub protocol: Option<String>,
    /// The port it watches.
    #[serde(default)]
    pub port: Option<i64>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(RouterConntrackHelper);

crate::resource!(RouterConntrackHelper {
    service: Network,
    path: "conntrack_helpers",
    key: Some("conntrack_helper"),
    plural: "conntrack_helpers",
    query: ConntrackHelperQuery,
});
impl Child for RouterConntrackHelper {
    const PARENT_PATH: &'static str = "routers";
}
impl Creatable for RouterConntrackHelper {
    type Create = CreateConntrackHelper;
}
impl Updatable for RouterConntrackHelper {
    type Update = CreateConntrackHelper;
}
impl Deletable for RouterConntrackHelper {}

/// Neutron filters for listing a router's conntrack helpers.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConntrackHelperQuery {
    /// The helper.
    pub helper: Option<String>,
    /// The protocol.
    pub protocol: Option<String>,
    /// The port.
    pub port: Option<i64>,
}

/// The body creating (or changing) a conntrack helper.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateConntrackHelper {
    /// The helper (`ftp`, `tftp`, ...).
    pub helper: Option<String>,
    /// `tcp` or `udp`.
    pub protocol: Option<String>,
    /// The port it watches.
    pub port: Option<i64>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
