//! Resources that live under a parent (`qos/policies/{id}/bandwidth_limit_rules`,
//! `floatingips/{id}/port_forwardings`, `routers/{id}/conntrack_helpers`): the proxy hands out
//! an [`Api`] nested under the parent ([`Api::nested`]), the parent's id fixed.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::network::v2::CreateBandwidthLimitRule;
//! let rules = conn.network().bandwidth_limit_rules("policy-id");
//! let rule = rules.create(&CreateBandwidthLimitRule { max_kbps: Some(1000), ..Default::default() }).await?;
//! assert_eq!(rules.list(&Default::default()).collect_all().await?.len(), 1);
//! rules.delete(&rule.id).await?;
//! # Ok(()) }
//! ```

use crate::resource::{utf8_percent_encode, Resource};
use crate::{Api, Connection};

/// A resource under a parent resource: `PATH` is its collection under `<PARENT_PATH>/<parent id>`.
pub trait Child: Resource {
    /// The parent's collection (`qos/policies`).
    const PARENT_PATH: &'static str;
}

/// The handle of `R` under parent `parent_id`: `<PARENT_PATH>/<parent id>/<PATH>`.
pub(crate) fn children<R: Child>(conn: Connection, parent_id: &str) -> Api<R> {
    Api::nested(conn, format!("{}/{}/{}", R::PARENT_PATH, utf8_percent_encode(parent_id), R::PATH))
}
