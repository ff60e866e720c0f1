//! Tags on neutron resources (`standard-attr-tag`): add, remove, replace, clear and check, on
//! every [`Taggable`] resource's [`Api`]. Filter lists by tag with
//! [`NeutronListOptions`](super::NeutronListOptions)' `tags`, `tags_any`, `not_tags` and
//! `not_tags_any`.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! let networks = conn.network().networks();
//! let net = networks.find("private").await?;
//! networks.add_tag(&net.id, "blue").await?;
//! assert!(networks.has_tag(&net.id, "blue").await?);
//! networks.replace_tags(&net.id, &["red", "green"]).await?;
//! networks.clear_tags(&net.id).await?;
//! # Ok(()) }
//! ```

use crate::api::Api;
use crate::resource::{utf8_percent_encode, Resource};
use crate::{Error, Result};
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

/// A neutron resource that carries tags (`/v2.0/<collection>/<id>/tags`).
pub trait Taggable: Resource {}

#[derive(Deserialize)]
struct Tags {
    #[serde(default)]
    tags: Vec<String>,
}

fn tag_path(tag: &str) -> Result<String> {
    if tag.is_empty() {
        return Err(Error::InvalidInput("empty tag".into()));
    }
    Ok(format!("tags/{}", utf8_percent_encode(tag)))
}

impl<R: Taggable> Api<R> {
    /// The resource's tags (`GET .../tags`).
    pub async fn tags(&self, id: &str) -> Result<Vec<String>> {
        self.get_sub::<Tags>(id, "tags").await.map(|t| t.tags)
    }

    /// Add one tag, keeping the others (`PUT .../tags/<tag>`).
    pub async fn add_tag(&self, id: &str, tag: &str) -> Result<()> {
        self.call::<()>(Method::PUT, id, &tag_path(tag)?, None).await.map(drop)
    }

    /// Add several tags at once, keeping the others (`POST .../tags`); returns all of them.
    pub async fn add_tags(&self, id: &str, tags: &[&str]) -> Result<Vec<String>> {
        self.post_sub::<_, Tags>(id, "tags", &json!({ "tags": tags })).await.map(|t| t.tags)
    }

    /// Remove one tag (`DELETE .../tags/<tag>`; an error if it is not there).
    pub async fn remove_tag(&self, id: &str, tag: &str) -> Result<()> {
        self.delete_sub(id, &tag_path(tag)?).await
    }

    /// Replace every tag with `tags` (`PUT .../tags`); returns them.
    pub async fn replace_tags(&self, id: &str, tags: &[&str]) -> Result<Vec<String>> {
        self.put_sub::<_, Tags>(id, "tags", &json!({ "tags": tags })).await.map(|t| t.tags)
    }

    /// Remove every tag (`DELETE .../tags`).
    pub async fn clear_tags(&self, id: &str) -> Result<()> {
        self.delete_sub(id, "tags").await
    }

    /// Whether the resource has `tag` (`GET .../tags/<tag>`: 204 or 404).
    pub async fn has_tag(&self, id: &str, tag: &str) -> Result<bool> {
        match self.call::<()>(Method::GET, id, &tag_path(tag)?, None).await {
            Ok(_) => Ok(true),
            Err(e) if e.status() == Some(404) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
