//! Host aggregate (`/os-aggregates`): a group of compute hosts with metadata, optionally an
//! availability zone.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::compute::v2::CreateAggregate;
//! let aggregates = conn.compute().aggregates();
//! let aggregate = aggregates.create(&CreateAggregate::new("fast").availability_zone("az1")).await?;
//! aggregates.add_host(&aggregate.id, "compute1").await?;
//! let items = [("ssd".to_string(), Some("true".to_string()))].into_iter().collect();
//! aggregates.set_metadata(&aggregate.id, &items).await?;
//! # Ok(()) }
//! ```

use super::nested::flexible_id;
use crate::api::{decode, Api, Versions};
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A host aggregate.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Aggregate {
    /// Numeric id (as text; the calls take it).
    #[serde(with = "flexible_id")]
    pub id: String,
    /// UUID (2.41+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Availability zone it defines.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// Member hosts.
    #[serde(default, deserialize_with = "null_as_default")]
    pub hosts: Vec<String>,
    /// Metadata.
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: BTreeMap<String, String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Deletion time.
    #[serde(default, deserialize_with = "timestamp")]
    pub deleted_at: Option<Timestamp>,
    /// Deleted.
    #[serde(default)]
    pub deleted: Option<bool>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Aggregates have no list filters.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AggregateQuery {}

crate::resource!(Aggregate {
    service: Compute,
    path: "os-aggregates",
    key: Some("aggregate"),
    plural: "aggregates",
    query: AggregateQuery,
    pagination: None,
    name: name,
});

impl crate::api::Creatable for Aggregate {
    type Create = CreateAggregate;
}
impl crate::api::Updatable for Aggregate {
    type Update = UpdateAggregate;
}
impl crate::api::Deletable for Aggregate {}

/// The body of `POST /os-aggregates`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateAggregate {
    /// Name.
    pub name: String,
    /// Availability zone the aggregate defines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
}

impl CreateAggregate {
    /// An aggregate with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateAggregate { name: name.into(), availability_zone: None }
    }
    /// Make it an availability zone.
    pub fn availability_zone(mut self, zone: impl Into<String>) -> Self {
        self.availability_zone = Some(zone.into());
        self
    }
}

/// The body of `PUT /os-aggregates/{id}`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateAggregate {
    /// New name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New availability zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
}

#[derive(Serialize)]
enum AggregateAction<'a> {
    #[serde(rename = "add_host")]
    AddHost { host: &'a str },
    #[serde(rename = "remove_host")]
    RemoveHost { host: &'a str },
    #[serde(rename = "set_metadata")]
    SetMetadata { metadata: &'a BTreeMap<String, Option<String>> },
}

#[derive(Deserialize)]
struct AggregateAnswer {
    aggregate: Aggregate,
}

#[derive(Serialize)]
struct CacheImages<'a> {
    cache: Vec<ImageRef<'a>>,
}

#[derive(Serialize)]
struct ImageRef<'a> {
    id: &'a str,
}

impl Api<Aggregate> {
    async fn aggregate_action(&self, id: &str, action: &AggregateAction<'_>) -> Result<Aggregate> {
        let fetched = self.post_action(id, action).await?;
        decode::<AggregateAnswer>(&fetched).map(|a| a.aggregate)
    }

    /// Add a compute host; returns the aggregate.
    pub async fn add_host(&self, id: &str, host: &str) -> Result<Aggregate> {
        self.aggregate_action(id, &AggregateAction::AddHost { host }).await
    }

    /// Remove a compute host; returns the aggregate.
    pub async fn remove_host(&self, id: &str, host: &str) -> Result<Aggregate> {
        self.aggregate_action(id, &AggregateAction::RemoveHost { host }).await
    }

    /// Set metadata items (`None` removes the key); returns the aggregate.
    pub async fn set_metadata(&self, id: &str, items: &BTreeMap<String, Option<String>>) -> Result<Aggregate> {
        self.aggregate_action(id, &AggregateAction::SetMetadata { metadata: items }).await
    }

    /// Ask the aggregate's hosts to cache these images (2.81+; the answer comes at once, the
    /// caching happens in the background).
    pub async fn cache_images(&self, id: &str, image_ids: &[&str]) -> Result<()> {
        if image_ids.is_empty() {
            return Err(Error::InvalidInput("no image to cache".into()));
        }
        let body = CacheImages { cache: image_ids.iter().map(|id| ImageRef { id }).collect() };
        let needs = [("cache images on an aggregate", Versions::since(2, 81))];
        self.call_at(&needs, Method::POST, &self.sub_path(id, "images")?, Some(&body)).await.map(drop)
    }
}
