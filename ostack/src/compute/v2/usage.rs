//! Usage (`/os-simple-tenant-usage`): server hours, vCPU, RAM and disk use per project over
//! a period.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, project: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::UsageQuery;
//! let usage = conn.compute().usage();
//! let period = UsageQuery::between("2026-01-01T00:00:00", "2026-02-01T00:00:00");
//! for u in usage.list(&period).collect_all().await? {
//!     println!("{} {:?} h", u.tenant_id, u.total_hours);
//! }
//! let mine = usage.for_project(project, &period).await?;
//! # Ok(()) }
//! ```

use super::nested::query_string;
use crate::api::{Api, Versions};
use crate::lenient::{int_or_string, null_as_default, timestamp, Timestamp};
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// One project's usage over the period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TenantUsage {
    /// The project.
    #[serde(default)]
    pub tenant_id: String,
    /// Period start.
    #[serde(default, deserialize_with = "timestamp")]
    pub start: Option<Timestamp>,
    /// Period end.
    #[serde(default, deserialize_with = "timestamp")]
    pub stop: Option<Timestamp>,
    /// Server hours.
    #[serde(default)]
    pub total_hours: Option<f64>,
    /// vCPU hours.
    #[serde(default)]
    pub total_vcpus_usage: Option<f64>,
    /// MiB-hours of RAM.
    #[serde(default)]
    pub total_memory_mb_usage: Option<f64>,
    /// GiB-hours of disk.
    #[serde(default)]
    pub total_local_gb_usage: Option<f64>,
    /// Per server (detailed lists, and one project's usage).
    #[serde(default, deserialize_with = "null_as_default", skip_serializing_if = "Vec::is_empty")]
    pub server_usages: Vec<ServerUsage>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One server's usage over the period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerUsage {
    /// The server.
    #[serde(default)]
    pub instance_id: Option<String>,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its project.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// Flavor name.
    #[serde(default)]
    pub flavor: Option<String>,
    /// Hours in the period.
    #[serde(default)]
    pub hours: Option<f64>,
    /// vCPUs.
    #[serde(default, deserialize_with = "int_or_string")]
    pub vcpus: Option<i64>,
    /// RAM in MiB.
    #[serde(default, deserialize_with = "int_or_string")]
    pub memory_mb: Option<i64>,
    /// Disk in GiB.
    #[serde(default, deserialize_with = "int_or_string")]
    pub local_gb: Option<i64>,
    /// `active`, `terminated`, ...
    #[serde(default)]
    pub state: Option<String>,
    /// Seconds up.
    #[serde(default, deserialize_with = "int_or_string")]
    pub uptime: Option<i64>,
    /// Launch time.
    #[serde(default, deserialize_with = "timestamp")]
    pub started_at: Option<Timestamp>,
    /// Deletion time.
    #[serde(default, deserialize_with = "timestamp")]
    pub ended_at: Option<Timestamp>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The period and paging of a usage query. Times are ISO 8601 without a zone (UTC).
#[derive(Debug, Clone, Default, Serialize)]
pub struct UsageQuery {
    /// Period start (nova picks one when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Period end (now when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Include each server (lists only).
    #[serde(serialize_with = "one_or_zero", skip_serializing_if = "Option::is_none")]
    pub detailed: Option<bool>,
    /// Page size, in servers (2.40+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this server id (2.40+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

impl UsageQuery {
    /// The usage between two times.
    pub fn between(start: impl Into<String>, end: impl Into<String>) -> Self {
        UsageQuery { start: Some(start.into()), end: Some(end.into()), ..Default::default() }
    }
}

fn one_or_zero<S: Serializer>(value: &Option<bool>, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(if value.unwrap_or(false) { "1" } else { "0" })
}

impl crate::resource::Resource for TenantUsage {
    const SERVICE: crate::catalog::ServiceType = crate::catalog::ServiceType::Compute;
    const NAME: &'static str = "Usage";
    const PATH: &'static str = "os-simple-tenant-usage";
    const KEY: Option<&'static str> = Some("tenant_usage");
    const PLURAL: &'static str = "tenant_usages";
    type Query = UsageQuery;

    fn id(&self) -> &str {
        &self.tenant_id
    }
    fn query_needs(query: &UsageQuery) -> Vec<(&'static str, Versions)> {
        match query.limit.is_some() || query.marker.is_some() {
            true => vec![("usage paging", Versions::since(2, 40))],
            false => Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct OneAnswer {
    tenant_usage: Option<TenantUsage>,
    #[serde(default)]
    tenant_usage_links: Option<Vec<Link>>,
}

#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    rel: Option<String>,
    #[serde(default)]
    href: Option<String>,
}

impl Api<TenantUsage> {
    /// One project's usage with its servers, every page of servers merged (from 2.40 nova
    /// pages them); `None` when the project used nothing in the period.
    pub async fn for_project(&self, project_id: &str, query: &UsageQuery) -> Result<Option<TenantUsage>> {
        let query = UsageQuery { detailed: None, ..query.clone() };
        let endpoint = self.endpoint_for(&<TenantUsage as crate::resource::Resource>::query_needs(&query)).await?;
        let mut url = endpoint.join(&format!("{}{}", self.item_path(project_id)?, query_string("usage", &query)?));
        let mut seen = HashSet::new();
        let mut merged: Option<TenantUsage> = None;
        while seen.insert(url.clone()) {
            let request = endpoint.apply_microversion(crate::session::Request::new(Method::GET, url.clone()));
            let fetched = self.connection().fetch(request).await?;
            let page: OneAnswer = crate::api::decode(&fetched)?;
            let Some(usage) = page.tenant_usage.filter(|u| !u.tenant_id.is_empty() || !u.server_usages.is_empty())
            else {
                break;
            };
            let more = !usage.server_usages.is_empty();
            match &mut merged {
                Some(all) => all.server_usages.extend(usage.server_usages),
                None => merged = Some(usage),
            }
            let next =
                page.tenant_usage_links.unwrap_or_default().into_iter().find(|l| l.rel.as_deref() == Some("next"));
            let Some(next) = next.and_then(|l| l.href).filter(|_| more) else { break };
            let next = url::Url::parse(&url).and_then(|b| b.join(&next)).map(|u| u.to_string()).unwrap_or(next);
            if !crate::session::same_origin(&endpoint.url, &next) {
                return Err(Error::ForeignLink { what: "next link", link: next, url });
            }
            url = next;
        }
        Ok(merged)
    }
}
