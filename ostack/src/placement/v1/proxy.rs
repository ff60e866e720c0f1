//! The placement proxy: the typed [`Api`]s of resource providers and resource classes, and the
//! handles of traits and allocations.

use super::{
    decode, microversion, require, send, AllocationCandidates, AllocationCandidatesQuery, Allocations, ResourceClass,
    ResourceProvider, Traits, UsageQuery, Usages,
};
use crate::api::Api;
use crate::discovery::Microversion;
use crate::{Connection, Error, Result};
use reqwest::Method;

/// Placement calls. Get it with [`Connection::placement`].
#[derive(Debug, Clone)]
pub struct PlacementProxy {
    conn: Connection,
}

impl PlacementProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        PlacementProxy { conn }
    }

    /// Resource providers, with their inventories, usages, aggregates, traits and allocations.
    pub fn resource_providers(&self) -> Api<ResourceProvider> {
        Api::new(self.conn.clone())
    }

    /// Resource classes (1.2).
    pub fn resource_classes(&self) -> Api<ResourceClass> {
        Api::new(self.conn.clone())
    }

    /// Traits (1.6).
    pub fn traits(&self) -> Traits {
        Traits::new(self.conn.clone())
    }

    /// Consumer allocations, and the reshaper.
    pub fn allocations(&self) -> Allocations {
        Allocations::new(self.conn.clone())
    }

    /// The providers that could satisfy a request (`GET /allocation_candidates`, 1.10).
    pub async fn allocation_candidates(&self, query: &AllocationCandidatesQuery) -> Result<AllocationCandidates> {
        require(&self.conn, (1, 10), "allocation candidates").await?;
        if query.groups.iter().all(|g| g.resources.is_empty()) {
            return Err(Error::InvalidInput("allocation candidates need at least one resource".into()));
        }
        let path = query.pairs().to_path("allocation_candidates")?;
        let fetched = send::<()>(&self.conn, Method::GET, &path, None).await?;
        decode(&fetched, "AllocationCandidates")
    }

    /// What a project's (and user's) consumers hold (`GET /usages`, 1.9).
    pub async fn usages(&self, query: &UsageQuery) -> Result<Usages> {
        require(&self.conn, (1, 9), "usages").await?;
        let q = serde_urlencoded::to_string(query)
            .map_err(|e| Error::InvalidInput(format!("cannot encode usage filters: {e}")))?;
        let fetched = send::<()>(&self.conn, Method::GET, &format!("usages?{q}"), None).await?;
        decode(&fetched, "Usages")
    }

    /// The microversion this connection speaks to placement.
    pub async fn microversion(&self) -> Result<Microversion> {
        microversion(&self.conn).await
    }
}
