//! JSON schemas glance validates against (`/v2/schemas/...`): `image`, `images`, `member`,
//! `members`, `task`, `tasks`, `metadefs/namespace`, `metadefs/object`, ...

use super::request;
use crate::{Connection, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One JSON schema document.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Schema {
    /// Schema name (`image`, `members`...).
    #[serde(default)]
    pub name: Option<String>,
    /// The properties it defines, by name.
    #[serde(default)]
    pub properties: Option<Map<String, Value>>,
    /// Everything else (`links`, `additionalProperties`, `required`, `definitions`...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The schema calls (`conn.image().schemas()`).
#[derive(Debug, Clone)]
pub struct Schemas {
    pub(crate) conn: Connection,
}

impl Schemas {
    /// `GET /v2/schemas/{name}`, where `name` may have a slash (`metadefs/namespace`); each part
    /// is percent-encoded.
    pub async fn get(&self, name: &str) -> Result<Schema> {
        let parts = name.split('/').map(|p| request::segment("schema name", p)).collect::<Result<Vec<_>>>()?;
        request::get(&self.conn, &format!("schemas/{}", parts.join("/")), "Schema").await
    }

    /// The image schema (`GET /v2/schemas/image`): every attribute an image may have.
    pub async fn image(&self) -> Result<Schema> {
        self.get("image").await
    }
}
