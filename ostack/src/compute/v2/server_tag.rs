//! Server tags (`/servers/{id}/tags`, microversion 2.26+).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, id: &str) -> ostack::Result<()> {
//! let servers = conn.compute().servers();
//! servers.add_tag(id, "blue").await?;
//! assert!(servers.has_tag(id, "blue").await?);
//! servers.replace_tags(id, &["a".into(), "b".into()]).await?;
//! servers.clear_tags(id).await?;
//! # Ok(()) }
//! ```

use super::Server;
use crate::api::{decode, Api, Versions};
use crate::lenient::null_as_default;
use crate::resource::utf8_percent_encode;
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};

const TAGS: Versions = Versions::since(2, 26);

#[derive(Serialize, Deserialize)]
struct Tags {
    #[serde(default, deserialize_with = "null_as_default")]
    tags: Vec<String>,
}

impl Api<Server> {
    fn tag_path(&self, id: &str, tag: &str) -> Result<String> {
        if tag.is_empty() {
            return Err(Error::InvalidInput("empty tag".into()));
        }
        self.sub_path(id, &format!("tags/{}", utf8_percent_encode(tag)))
    }

    /// A server's tags (2.26+).
    pub async fn tags(&self, id: &str) -> Result<Vec<String>> {
        let fetched =
            self.call_at::<()>(&[("server tags", TAGS)], Method::GET, &self.sub_path(id, "tags")?, None).await?;
        decode::<Tags>(&fetched).map(|t| t.tags)
    }

    /// Replace every tag (2.26+); returns the tags as nova stored them.
    pub async fn replace_tags(&self, id: &str, tags: &[String]) -> Result<Vec<String>> {
        let body = Tags { tags: tags.to_vec() };
        let fetched =
            self.call_at(&[("server tags", TAGS)], Method::PUT, &self.sub_path(id, "tags")?, Some(&body)).await?;
        decode::<Tags>(&fetched).map(|t| t.tags)
    }

    /// Remove every tag (2.26+).
    pub async fn clear_tags(&self, id: &str) -> Result<()> {
        self.call_at::<()>(&[("server tags", TAGS)], Method::DELETE, &self.sub_path(id, "tags")?, None).await.map(drop)
    }

    /// Add one tag (2.26+; adding one that is there is not an error).
    pub async fn add_tag(&self, id: &str, tag: &str) -> Result<()> {
        self.call_at::<()>(&[("server tags", TAGS)], Method::PUT, &self.tag_path(id, tag)?, None).await.map(drop)
    }

    /// Whether the server has the tag (2.26+); an error when the server does not exist.
    pub async fn has_tag(&self, id: &str, tag: &str) -> Result<bool> {
        match self.call_at::<()>(&[("server tags", TAGS)], Method::GET, &self.tag_path(id, tag)?, None).await {
            Ok(_) => Ok(true),
            // nova answers 404 for a missing server too: tell the two apart
            Err(e) if e.status() == Some(404) => self.get(id).await.map(|_| false),
            Err(e) => Err(e),
        }
    }

    /// Remove one tag (2.26+; a 404 error when the server does not have it).
    pub async fn delete_tag(&self, id: &str, tag: &str) -> Result<()> {
        self.call_at::<()>(&[("server tags", TAGS)], Method::DELETE, &self.tag_path(id, tag)?, None).await.map(drop)
    }
}
