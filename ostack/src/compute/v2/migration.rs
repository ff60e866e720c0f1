//! Migrations of every server (`/os-migrations`, admin): resizes, cold and live migrations,
//! evacuations.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, server: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::MigrationQuery;
//! let query = MigrationQuery { instance_uuid: Some(server.into()), ..Default::default() };
//! for m in conn.compute().migrations().list(&query).collect_all().await? {
//!     println!("{:?} {:?} -> {:?}", m.migration_type, m.source_compute, m.dest_compute);
//! }
//! # Ok(()) }
//! ```

use super::nested::flexible_id;
use crate::api::Versions;
use crate::lenient::{int_or_string, timestamp, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A migration record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Migration {
    /// Numeric id (as text).
    #[serde(with = "flexible_id")]
    pub id: String,
    /// UUID (2.59+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The server.
    #[serde(default)]
    pub instance_uuid: Option<String>,
    /// `migration`, `resize`, `live-migration`, `evacuation` (2.23+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migration_type: Option<String>,
    /// `migrating`, `finished`, `confirmed`, `reverted`, `done`, `error`, ...
    #[serde(default)]
    pub status: Option<String>,
    /// Source host.
    #[serde(default)]
    pub source_compute: Option<String>,
    /// Source node.
    #[serde(default)]
    pub source_node: Option<String>,
    /// Destination host.
    #[serde(default)]
    pub dest_compute: Option<String>,
    /// Destination node.
    #[serde(default)]
    pub dest_node: Option<String>,
    /// Destination host address.
    #[serde(default)]
    pub dest_host: Option<String>,
    /// The flavor before (its internal id).
    #[serde(default, deserialize_with = "int_or_string")]
    pub old_instance_type_id: Option<i64>,
    /// The flavor after (its internal id).
    #[serde(default, deserialize_with = "int_or_string")]
    pub new_instance_type_id: Option<i64>,
    /// Who started it (2.80+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Their project (2.80+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Every other field the cloud sent (`links` of live migrations in progress).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Filters for listing migrations.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MigrationQuery {
    /// Source or destination host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_uuid: Option<String>,
    /// `migration`, `resize`, `live-migration`, `evacuation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migration_type: Option<String>,
    /// Source host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_compute: Option<String>,
    /// Changed at or after this time, ISO 8601 (2.59+).
    #[serde(rename = "changes-since", skip_serializing_if = "Option::is_none")]
    pub changes_since: Option<String>,
    /// Changed before this time, ISO 8601 (2.66+).
    #[serde(rename = "changes-before", skip_serializing_if = "Option::is_none")]
    pub changes_before: Option<String>,
    /// Started by this user (2.80+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Of this project (2.80+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Page size (2.59+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this migration UUID (2.59+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

impl crate::resource::Resource for Migration {
    const SERVICE: crate::catalog::ServiceType = crate::catalog::ServiceType::Compute;
    const NAME: &'static str = "Migration";
    const PATH: &'static str = "os-migrations";
    const KEY: Option<&'static str> = Some("migration");
    const PLURAL: &'static str = "migrations";
    type Query = MigrationQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
    fn query_needs(query: &MigrationQuery) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        if query.changes_since.is_some() {
            needs.push(("migrations changes-since", Versions::since(2, 59)));
        }
        if query.limit.is_some() || query.marker.is_some() {
            needs.push(("migrations paging", Versions::since(2, 59)));
        }
        if query.changes_before.is_some() {
            needs.push(("migrations changes-before", Versions::since(2, 66)));
        }
        if query.user_id.is_some() || query.project_id.is_some() {
            needs.push(("migrations by user or project", Versions::since(2, 80)));
        }
        needs
    }
}
