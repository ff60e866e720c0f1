//! Metadata definition objects: named groups of properties inside a namespace
//! (`/v2/metadefs/namespaces/{namespace}/objects`).

use super::metadef_namespace::namespace_path;
use super::request;
use crate::lenient::{timestamp, Timestamp};
use crate::{Connection, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A metadata definition object.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetadefObject {
    /// Its name (its id in paths).
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its properties by name (JSON-schema fragments).
    #[serde(default)]
    pub properties: Option<Map<String, Value>>,
    /// Required property names.
    #[serde(default)]
    pub required: Option<Vec<String>>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Path of the schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Path of this object.
    #[serde(rename = "self", default)]
    pub self_link: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The body that creates (`POST`) or replaces (`PUT`) an object.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct MetadefObjectBody {
    /// Its (new) name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Properties by name.
    pub properties: Option<Map<String, Value>>,
    /// Required property names.
    pub required: Option<Vec<String>>,
}

impl MetadefObjectBody {
    /// An object with this name.
    pub fn new(name: impl Into<String>) -> Self {
        MetadefObjectBody { name: name.into(), ..Default::default() }
    }
}

#[derive(Deserialize)]
struct ObjectList {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    objects: Vec<MetadefObject>,
}

/// The objects of one namespace (`conn.image().metadef_objects(namespace)`).
#[derive(Debug, Clone)]
pub struct MetadefObjects {
    pub(crate) conn: Connection,
    pub(crate) namespace: String,
}

impl MetadefObjects {
    fn item(&self, name: &str) -> Result<String> {
        namespace_path(&self.namespace, &format!("objects/{}", request::segment("metadef object name", name)?))
    }

    /// Every object (`GET .../objects`).
    pub async fn list(&self) -> Result<Vec<MetadefObject>> {
        let path = namespace_path(&self.namespace, "objects")?;
        Ok(request::get::<ObjectList>(&self.conn, &path, "ObjectList").await?.objects)
    }

    /// One object (`GET .../objects/{name}`).
    pub async fn get(&self, name: &str) -> Result<MetadefObject> {
        request::get(&self.conn, &self.item(name)?, "MetadefObject").await
    }

    /// Create one (`POST .../objects`).
    pub async fn create(&self, body: &MetadefObjectBody) -> Result<MetadefObject> {
        let path = namespace_path(&self.namespace, "objects")?;
        request::send(&self.conn, Method::POST, &path, body, "MetadefObject").await
    }

    /// Replace one (`PUT .../objects/{name}`; `body.name` may rename it).
    pub async fn update(&self, name: &str, body: &MetadefObjectBody) -> Result<MetadefObject> {
        request::send(&self.conn, Method::PUT, &self.item(name)?, body, "MetadefObject").await
    }

    /// Delete one (`DELETE .../objects/{name}`).
    pub async fn delete(&self, name: &str) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::DELETE, &self.item(name)?, None).await
    }

    /// Delete every object of the namespace (`DELETE .../objects`).
    pub async fn delete_all(&self) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::DELETE, &namespace_path(&self.namespace, "objects")?, None).await
    }
}
