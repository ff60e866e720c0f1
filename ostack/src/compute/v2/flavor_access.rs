//! Flavor access (`/flavors/{id}/action` `addTenantAccess` / `removeTenantAccess`): which
//! projects may use a private flavor. The list is [`Api::access`](crate::Api).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, flavor: &str, project: &str) -> ostack::Result<()> {
//! let flavors = conn.compute().flavors();
//! let projects = flavors.add_access(flavor, project).await?;
//! assert!(projects.iter().any(|p| p == project));
//! flavors.remove_access(flavor, project).await?;
//! # Ok(()) }
//! ```

use super::Flavor;
use crate::api::{decode, Api};
use crate::lenient::null_as_default;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
enum AccessAction<'a> {
    #[serde(rename = "addTenantAccess")]
    Add { tenant: &'a str },
    #[serde(rename = "removeTenantAccess")]
    Remove { tenant: &'a str },
}

#[derive(Deserialize)]
struct AccessAnswer {
    #[serde(default, deserialize_with = "null_as_default")]
    flavor_access: Vec<AccessEntry>,
}

#[derive(Deserialize)]
struct AccessEntry {
    tenant_id: String,
}

impl Api<Flavor> {
    async fn access_action(&self, id: &str, action: &AccessAction<'_>) -> Result<Vec<String>> {
        let fetched = self.post_action(id, action).await?;
        decode::<AccessAnswer>(&fetched).map(|a| a.flavor_access.into_iter().map(|e| e.tenant_id).collect())
    }

    /// Let a project use a private flavor; returns the projects that may.
    pub async fn add_access(&self, id: &str, project_id: &str) -> Result<Vec<String>> {
        if project_id.is_empty() {
            return Err(Error::InvalidInput("empty project id".into()));
        }
        self.access_action(id, &AccessAction::Add { tenant: project_id }).await
    }

    /// Stop a project from using a private flavor; returns the projects that still may.
    pub async fn remove_access(&self, id: &str, project_id: &str) -> Result<Vec<String>> {
        if project_id.is_empty() {
            return Err(Error::InvalidInput("empty project id".into()));
        }
        self.access_action(id, &AccessAction::Remove { tenant: project_id }).await
    }
}
