//! Allocations: the resources a consumer (an instance, a migration, ...) holds on providers
//! (`/allocations/{consumer}`, `POST /allocations` for several consumers at once), and the
//! reshaper that moves inventories and allocations together (`POST /reshaper`, 1.30).

use super::{get_json, microversion, require, segment, send, ProviderInventories, Resources};
use crate::discovery::Microversion;
use crate::{Connection, Result};
use indexmap::IndexMap;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// What a consumer holds on one provider.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProviderAllocation {
    /// The provider's generation.
    #[serde(default)]
    pub generation: Option<i64>,
    /// Amounts by resource class.
    #[serde(default)]
    pub resources: Resources,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A consumer's allocations (`GET /allocations/{consumer}`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsumerAllocations {
    /// By provider UUID, in the API's order (empty for an unknown consumer).
    #[serde(default)]
    pub allocations: IndexMap<String, ProviderAllocation>,
    /// The consumer's generation, sent back with the next write (1.28; `None` before its first).
    #[serde(default)]
    pub consumer_generation: Option<i64>,
    /// The consuming project (1.12).
    #[serde(default)]
    pub project_id: Option<String>,
    /// The consuming user (1.12).
    #[serde(default)]
    pub user_id: Option<String>,
    /// `INSTANCE`, `MIGRATION`, ... (1.38).
    #[serde(default)]
    pub consumer_type: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The allocations to give one consumer, replacing what it holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetAllocations {
    /// Amounts by provider UUID (empty: release everything, 1.28 or `POST /allocations`).
    pub allocations: IndexMap<String, Resources>,
    /// The consuming project (sent from 1.8).
    pub project_id: String,
    /// The consuming user (sent from 1.8).
    pub user_id: String,
    /// The generation read with the consumer's allocations; `None` for a new consumer (sent, as
    /// `null` then, from 1.28).
    pub consumer_generation: Option<i64>,
    /// The consumer's type (`INSTANCE`, `MIGRATION`; required from 1.38).
    pub consumer_type: Option<String>,
}

impl SetAllocations {
    /// Allocations of a new consumer of `project_id` and `user_id`.
    pub fn new(project_id: impl Into<String>, user_id: impl Into<String>) -> Self {
        SetAllocations { project_id: project_id.into(), user_id: user_id.into(), ..Default::default() }
    }

    /// Add `amount` of `class` on `provider`.
    pub fn on(mut self, provider: impl Into<String>, class: impl Into<String>, amount: i64) -> Self {
        self.allocations.entry(provider.into()).or_default().insert(class.into(), amount);
        self
    }

    /// With the consumer generation read last.
    pub fn generation(mut self, generation: Option<i64>) -> Self {
        self.consumer_generation = generation;
        self
    }

    /// With a consumer type (1.38).
    pub fn consumer_type(mut self, consumer_type: impl Into<String>) -> Self {
        self.consumer_type = Some(consumer_type.into());
        self
    }

    /// The JSON the API expects at `version`: a list of `{resource_provider, resources}` before
    /// 1.12, a dict by provider from 1.12, with `project_id`/`user_id` from 1.8, the consumer
    /// generation from 1.28 and the consumer type from 1.38.
    pub fn body(&self, version: Microversion) -> Value {
        let mut body = Map::new();
        let allocations = if version >= Microversion::new(1, 12) {
            Value::Object(
                self.allocations
                    .iter()
                    .map(|(rp, resources)| (rp.clone(), json!({ "resources": resources })))
                    .collect(),
            )
        } else {
            Value::Array(
                self.allocations
                    .iter()
                    .map(|(rp, resources)| json!({ "resource_provider": { "uuid": rp }, "resources": resources }))
                    .collect(),
            )
        };
        body.insert("allocations".into(), allocations);
        if version >= Microversion::new(1, 8) {
            body.insert("project_id".into(), json!(self.project_id));
            body.insert("user_id".into(), json!(self.user_id));
        }
        if version >= Microversion::new(1, 28) {
            body.insert("consumer_generation".into(), json!(self.consumer_generation));
        }
        if let (true, Some(kind)) = (version >= Microversion::new(1, 38), &self.consumer_type) {
            body.insert("consumer_type".into(), json!(kind));
        }
        Value::Object(body)
    }
}

/// A reshape: new inventories of some providers and new allocations of the consumers they affect,
/// applied at once (`POST /reshaper`, 1.30, admin).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reshape {
    /// Every inventory of each provider involved (with its generation), by provider UUID.
    pub inventories: IndexMap<String, ProviderInventories>,
    /// The complete allocations of each consumer involved, by consumer UUID.
    pub allocations: IndexMap<String, SetAllocations>,
}

impl Reshape {
    /// The JSON the API expects at `version`.
    pub fn body(&self, version: Microversion) -> Value {
        json!({
            "inventories": self.inventories,
            "allocations": self.allocations.iter().map(|(c, a)| (c.clone(), a.body(version))).collect::<Map<_, _>>(),
        })
    }
}

/// Consumer allocation calls. Get it with [`PlacementProxy::allocations`](super::PlacementProxy::allocations).
#[derive(Debug, Clone)]
pub struct Allocations {
    conn: Connection,
}

impl Allocations {
    pub(crate) fn new(conn: Connection) -> Self {
        Allocations { conn }
    }

    fn path(consumer: &str) -> Result<String> {
        Ok(format!("allocations/{}", segment(consumer, "consumer uuid")?))
    }

    /// A consumer's allocations (`GET /allocations/{consumer}`).
    pub async fn get(&self, consumer: &str) -> Result<ConsumerAllocations> {
        get_json(&self.conn, &Self::path(consumer)?, "ConsumerAllocations").await
    }

    /// Replace a consumer's allocations (`PUT /allocations/{consumer}`), in the shape of the
    /// connection's microversion. A stale `consumer_generation` (1.28) or provider generation
    /// fails with [`Error::is_generation_conflict`](crate::Error::is_generation_conflict).
    pub async fn set(&self, consumer: &str, allocations: &SetAllocations) -> Result<()> {
        let version = microversion(&self.conn).await?;
        send(&self.conn, Method::PUT, &Self::path(consumer)?, Some(&allocations.body(version))).await.map(drop)
    }

    /// Release everything a consumer holds (`DELETE /allocations/{consumer}`).
    pub async fn delete(&self, consumer: &str) -> Result<()> {
        send::<()>(&self.conn, Method::DELETE, &Self::path(consumer)?, None).await.map(drop)
    }

    /// Replace the allocations of several consumers at once, all or none (`POST /allocations`,
    /// 1.13); a consumer with no allocations gives up what it holds.
    pub async fn set_many(&self, consumers: &IndexMap<String, SetAllocations>) -> Result<()> {
        let version = require(&self.conn, (1, 13), "setting allocations of several consumers").await?;
        let body: Map<String, Value> = consumers.iter().map(|(c, a)| (c.clone(), a.body(version))).collect();
        send(&self.conn, Method::POST, "allocations", Some(&body)).await.map(drop)
    }

    /// Apply a reshape (`POST /reshaper`, 1.30, admin).
    pub async fn reshape(&self, reshape: &Reshape) -> Result<()> {
        let version = require(&self.conn, (1, 30), "the reshaper").await?;
        send(&self.conn, Method::POST, "reshaper", Some(&reshape.body(version))).await.map(drop)
    }
}
