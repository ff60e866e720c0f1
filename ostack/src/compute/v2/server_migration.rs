//! Migrations of one server (`/servers/{id}/migrations`): the live migrations in progress,
//! which can be forced to complete (2.22+) or aborted (2.24+).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, id: &str) -> ostack::Result<()> {
//! let servers = conn.compute().servers();
//! for migration in servers.migrations(id).await? {
//!     servers.force_complete_migration(id, &migration.id.to_string()).await?;
//! }
//! # Ok(()) }
//! ```

use super::Server;
use crate::api::{decode, Api, Versions};
use crate::lenient::{int_or_string, null_as_default, timestamp, Timestamp};
use crate::resource::utf8_percent_encode;
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A live migration of a server in progress.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerMigration {
    /// Numeric id (the id the calls take).
    pub id: i64,
    /// UUID (2.59+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The server.
    #[serde(default)]
    pub server_uuid: Option<String>,
    /// `queued`, `preparing`, `running`, `completed`, `failed`...
    #[serde(default)]
    pub status: Option<String>,
    /// Source compute host.
    #[serde(default)]
    pub source_compute: Option<String>,
    /// Source node.
    #[serde(default)]
    pub source_node: Option<String>,
    /// Destination compute host.
    #[serde(default)]
    pub dest_compute: Option<String>,
    /// Destination host address.
    #[serde(default)]
    pub dest_host: Option<String>,
    /// Destination node.
    #[serde(default)]
    pub dest_node: Option<String>,
    /// Memory to copy, in bytes.
    #[serde(default, deserialize_with = "int_or_string")]
    pub memory_total_bytes: Option<i64>,
    /// Memory copied.
    #[serde(default, deserialize_with = "int_or_string")]
    pub memory_processed_bytes: Option<i64>,
    /// Memory left.
    #[serde(default, deserialize_with = "int_or_string")]
    pub memory_remaining_bytes: Option<i64>,
    /// Disk to copy, in bytes.
    #[serde(default, deserialize_with = "int_or_string")]
    pub disk_total_bytes: Option<i64>,
    /// Disk copied.
    #[serde(default, deserialize_with = "int_or_string")]
    pub disk_processed_bytes: Option<i64>,
    /// Disk left.
    #[serde(default, deserialize_with = "int_or_string")]
    pub disk_remaining_bytes: Option<i64>,
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
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct One {
    migration: ServerMigration,
}

#[derive(Deserialize)]
struct Many {
    #[serde(default, deserialize_with = "null_as_default")]
    migrations: Vec<ServerMigration>,
}

#[derive(Serialize)]
struct ForceComplete {
    force_complete: (),
}

impl Api<Server> {
    fn migration_path(&self, id: &str, migration_id: &str) -> Result<String> {
        if migration_id.is_empty() {
            return Err(Error::InvalidInput("empty migration id".into()));
        }
        self.sub_path(id, &format!("migrations/{}", utf8_percent_encode(migration_id)))
    }

    /// The server's live migrations in progress (2.23+).
    pub async fn migrations(&self, id: &str) -> Result<Vec<ServerMigration>> {
        let needs = [("server migrations", Versions::since(2, 23))];
        let fetched = self.call_at::<()>(&needs, Method::GET, &self.sub_path(id, "migrations")?, None).await?;
        decode::<Many>(&fetched).map(|m| m.migrations)
    }

    /// One migration in progress (2.23+).
    pub async fn migration(&self, id: &str, migration_id: &str) -> Result<ServerMigration> {
        let needs = [("server migrations", Versions::since(2, 23))];
        let fetched = self.call_at::<()>(&needs, Method::GET, &self.migration_path(id, migration_id)?, None).await?;
        decode::<One>(&fetched).map(|o| o.migration)
    }

    /// Force a live migration to complete (pauses the guest; 2.22+).
    pub async fn force_complete_migration(&self, id: &str, migration_id: &str) -> Result<()> {
        let needs = [("force-complete a migration", Versions::since(2, 22))];
        let path = format!("{}/action", self.migration_path(id, migration_id)?);
        self.call_at(&needs, Method::POST, &path, Some(&ForceComplete { force_complete: () })).await.map(drop)
    }

    /// Abort a live migration (2.24+).
    pub async fn abort_migration(&self, id: &str, migration_id: &str) -> Result<()> {
        let needs = [("abort a migration", Versions::since(2, 24))];
        self.call_at::<()>(&needs, Method::DELETE, &self.migration_path(id, migration_id)?, None).await.map(drop)
    }
}
