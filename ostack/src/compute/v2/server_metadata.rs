//! Server metadata (`/servers/{id}/metadata`): key-value pairs on a server.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, id: &str) -> ostack::Result<()> {
//! let servers = conn.compute().servers();
//! let items = [("role".to_string(), "web".to_string())].into_iter().collect();
//! let all = servers.set_metadata(id, &items).await?; // merged with what was there
//! assert_eq!(servers.metadata_item(id, "role").await?, "web");
//! servers.delete_metadata_item(id, "role").await?;
//! # Ok(()) }
//! ```

use super::Server;
use crate::api::Api;
use crate::lenient::null_as_default;
use crate::resource::utf8_percent_encode;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Serialize, Deserialize)]
struct Metadata {
    #[serde(default, deserialize_with = "null_as_default")]
    metadata: BTreeMap<String, String>,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    #[serde(default, deserialize_with = "null_as_default")]
    meta: BTreeMap<String, String>,
}

fn item(key: &str) -> Result<String> {
    if key.is_empty() {
        return Err(Error::InvalidInput("empty metadata key".into()));
    }
    Ok(format!("metadata/{}", utf8_percent_encode(key)))
}

impl Api<Server> {
    /// Every metadata item of a server.
    pub async fn metadata(&self, id: &str) -> Result<BTreeMap<String, String>> {
        self.get_sub::<Metadata>(id, "metadata").await.map(|m| m.metadata)
    }

    /// Add or change items, keeping the others (`POST`); returns all items.
    pub async fn set_metadata(&self, id: &str, items: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>> {
        let body = Metadata { metadata: items.clone() };
        self.post_sub::<_, Metadata>(id, "metadata", &body).await.map(|m| m.metadata)
    }

    /// Replace every item with `items` (`PUT`); returns all items.
    pub async fn replace_metadata(
        &self,
        id: &str,
        items: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>> {
        let body = Metadata { metadata: items.clone() };
        self.put_sub::<_, Metadata>(id, "metadata", &body).await.map(|m| m.metadata)
    }

    /// One item's value; a 404 error when the key is absent.
    pub async fn metadata_item(&self, id: &str, key: &str) -> Result<String> {
        let meta: Meta = self.get_sub(id, &item(key)?).await?;
        meta.meta.get(key).cloned().ok_or_else(|| Error::NotFound { resource: "metadata item", name_or_id: key.into() })
    }

    /// Set one item; returns it as nova stored it.
    pub async fn set_metadata_item(&self, id: &str, key: &str, value: &str) -> Result<String> {
        let body = Meta { meta: BTreeMap::from([(key.to_string(), value.to_string())]) };
        let meta: Meta = self.put_sub(id, &item(key)?, &body).await?;
        Ok(meta.meta.get(key).cloned().unwrap_or_else(|| value.to_string()))
    }

    /// Delete one item.
    pub async fn delete_metadata_item(&self, id: &str, key: &str) -> Result<()> {
        self.delete_sub(id, &item(key)?).await
    }
}
