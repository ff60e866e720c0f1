//! Traits: qualitative characteristics of providers (`HW_CPU_X86_AVX2`, `CUSTOM_*`)
//! (`/traits`, microversion 1.6). A trait is only a name, so this is a handle of its own rather
//! than an [`Api`](crate::Api): `GET /traits/{name}` answers with a status, not a document.

use super::{decode, require, segment, send, QueryPairs};
use crate::{Connection, Result};
use reqwest::Method;
use serde::Deserialize;

/// Filters for listing traits.
#[derive(Debug, Clone, Default)]
pub struct TraitQuery {
    /// `in:A,B,C` (any of these names) or `startswith:CUSTOM_` (a prefix).
    pub name: Option<String>,
    /// Only traits some provider has (`true`) or none has (`false`).
    pub associated: Option<bool>,
}

impl TraitQuery {
    /// The traits among these names.
    pub fn named(names: &[&str]) -> Self {
        TraitQuery { name: Some(format!("in:{}", names.join(","))), ..Default::default() }
    }

    /// The traits whose name starts with `prefix`.
    pub fn starting_with(prefix: &str) -> Self {
        TraitQuery { name: Some(format!("startswith:{prefix}")), ..Default::default() }
    }
}

#[derive(Deserialize)]
struct TraitList {
    traits: Vec<String>,
}

/// Trait calls. Get it with [`PlacementProxy::traits`](super::PlacementProxy::traits).
#[derive(Debug, Clone)]
pub struct Traits {
    conn: Connection,
}

impl Traits {
    pub(crate) fn new(conn: Connection) -> Self {
        Traits { conn }
    }

    fn path(name: &str) -> Result<String> {
        Ok(format!("traits/{}", segment(name, "trait name")?))
    }

    /// Trait names (`GET /traits?name=...&associated=...`).
    pub async fn list(&self, query: &TraitQuery) -> Result<Vec<String>> {
        require(&self.conn, (1, 6), "traits").await?;
        let mut pairs = QueryPairs::default();
        pairs.one("name", query.name.as_ref());
        pairs.one("associated", query.associated);
        let fetched = send::<()>(&self.conn, Method::GET, &pairs.to_path("traits")?, None).await?;
        Ok(decode::<TraitList>(&fetched, "traits")?.traits)
    }

    /// Whether a trait exists (`GET /traits/{name}`: 204 or 404).
    pub async fn exists(&self, name: &str) -> Result<bool> {
        require(&self.conn, (1, 6), "traits").await?;
        match send::<()>(&self.conn, Method::GET, &Self::path(name)?, None).await {
            Ok(_) => Ok(true),
            Err(e) if e.status() == Some(404) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Create a custom trait (`PUT /traits/{name}`; `CUSTOM_` prefix); true when it was created,
    /// false when it existed.
    pub async fn create(&self, name: &str) -> Result<bool> {
        require(&self.conn, (1, 6), "traits").await?;
        let fetched = send::<()>(&self.conn, Method::PUT, &Self::path(name)?, None).await?;
        Ok(fetched.status.as_u16() == 201)
    }

    /// Delete a custom trait (`DELETE /traits/{name}`); refused while a provider has it.
    pub async fn delete(&self, name: &str) -> Result<()> {
        require(&self.conn, (1, 6), "traits").await?;
        send::<()>(&self.conn, Method::DELETE, &Self::path(name)?, None).await.map(drop)
    }
}
