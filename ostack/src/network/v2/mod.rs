//! Network (neutron) API v2.0: one file per resource, and the proxy handing out their [`Api`](crate::Api)s.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::network::v2::{CreateRouter, ExternalGateway};
//! let public = conn.network().networks().find("public").await?;
//! let router = conn.network().routers()
//!     .create(&CreateRouter { name: Some("edge".into()), external_gateway_info: Some(ExternalGateway::on(&public.id)), ..Default::default() })
//!     .await?;
//! println!("{} {:?}", router.id, router.external_gateway_info);
//! # Ok(()) }
//! ```

mod extension;
mod floating_ip;
mod network;
mod port;
mod proxy;
mod router;
mod security_group;
mod security_group_rule;
mod subnet;

pub use extension::{Extension, ExtensionQuery};
pub use floating_ip::{CreateFloatingIp, FloatingIp, FloatingIpQuery, UpdateFloatingIp};
pub use network::{CreateNetwork, Network, NetworkQuery, UpdateNetwork};
pub use port::{CreatePort, FixedIp, Port, PortQuery, UpdatePort};
pub use proxy::NetworkProxy;
pub use router::{
    CreateRouter, ExternalFixedIp, ExternalGateway, Route, Router, RouterInterface, RouterQuery, UpdateRouter,
};
pub use security_group::{CreateSecurityGroup, SecurityGroup, SecurityGroupQuery, UpdateSecurityGroup};
pub use security_group_rule::{CreateSecurityGroupRule, SecurityGroupRule, SecurityGroupRuleQuery};
pub use subnet::{AllocationPool, CreateSubnet, HostRoute, Subnet, SubnetQuery, UpdateSubnet};

use crate::lenient::{timestamp, Timestamp};
use serde::{Deserialize, Serialize};

/// The standard attributes every neutron resource carries, written once and flattened into each.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NeutronStandard {
    /// Owning project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Tags (`None` when the cloud sent none or `null`).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Revision, incremented on every change.
    #[serde(default)]
    pub revision_number: Option<i64>,
}

/// Neutron's common list options: paging, sorting and tag filters, flattened into every query.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct NeutronListOptions {
    /// Project.
    pub project_id: Option<String>,
    /// Having all these tags (comma-separated).
    pub tags: Option<String>,
    /// Having any of these tags (comma-separated).
    #[serde(rename = "tags-any")]
    pub tags_any: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
    /// Sort by this attribute.
    pub sort_key: Option<String>,
    /// `asc` or `desc`.
    pub sort_dir: Option<String>,
}
