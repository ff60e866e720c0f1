//! The image cache of a glance API node (`/v2/cache`, Image API 2.14+, admin): what is cached
//! and queued, queueing an image for caching, and removing entries. Clouds without an image
//! cache answer 404.

use super::request;
use crate::{Connection, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One cached image.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedImage {
    /// The image.
    pub image_id: String,
    /// Times it was served from the cache.
    #[serde(default)]
    pub hits: Option<u64>,
    /// Last access, seconds since the epoch.
    #[serde(default)]
    pub last_accessed: Option<f64>,
    /// Last change, seconds since the epoch.
    #[serde(default)]
    pub last_modified: Option<f64>,
    /// Bytes cached.
    #[serde(default)]
    pub size: Option<u64>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v2/cache`: the cached images and the ids queued for caching.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CacheState {
    /// Cached images.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub cached_images: Vec<CachedImage>,
    /// Image ids waiting to be cached.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub queued_images: Vec<String>,
}

/// What [`Cache::clear`] empties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheClearTarget {
    /// The cache and the queue.
    Both,
    /// The cached images only.
    Cache,
    /// The queue only.
    Queue,
}

/// The cache calls (`conn.image().cache()`).
#[derive(Debug, Clone)]
pub struct Cache {
    pub(crate) conn: Connection,
}

impl Cache {
    fn item(id: &str) -> Result<String> {
        Ok(format!("cache/{}", request::segment("image id", id)?))
    }

    /// The cached and queued images (`GET /v2/cache`).
    pub async fn state(&self) -> Result<CacheState> {
        request::get(&self.conn, "cache", "CacheState").await
    }

    /// Queue an active image for caching (`PUT /v2/cache/{id}`); a worker caches it shortly.
    pub async fn queue(&self, image_id: &str) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::PUT, &Self::item(image_id)?, None).await
    }

    /// Remove an image from the cache and the queue (`DELETE /v2/cache/{id}`).
    pub async fn delete(&self, image_id: &str) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::DELETE, &Self::item(image_id)?, None).await
    }

    /// Empty the cache, the queue or both (`DELETE /v2/cache` with
    /// `x-image-cache-clear-target`).
    pub async fn clear(&self, target: CacheClearTarget) -> Result<()> {
        let mut request = request::request(&self.conn, Method::DELETE, "cache").await?;
        match target {
            CacheClearTarget::Both => {}
            CacheClearTarget::Cache => request = request.header("x-image-cache-clear-target", "cache"),
            CacheClearTarget::Queue => request = request.header("x-image-cache-clear-target", "queue"),
        }
        self.conn.fetch(request).await.map(drop)
    }
}
