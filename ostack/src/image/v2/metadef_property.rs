//! Metadata definition properties of a namespace
//! (`/v2/metadefs/namespaces/{namespace}/properties`): each a JSON-schema fragment with a name.

use super::metadef_namespace::namespace_path;
use super::request;
use crate::{Connection, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A metadata definition property; also the body that creates or replaces one.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MetadefProperty {
    /// Its name (its id in paths; in a list, the key it is listed under).
    #[serde(default)]
    pub name: String,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// JSON type (`string`, `integer`, `boolean`, `array`...).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Everything else of the schema fragment (`enum`, `default`, `minimum`, `items`...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl MetadefProperty {
    /// A property: name, title and JSON type are what glance requires.
    pub fn new(name: impl Into<String>, title: impl Into<String>, kind: impl Into<String>) -> Self {
        MetadefProperty { name: name.into(), title: Some(title.into()), kind: Some(kind.into()), ..Default::default() }
    }
}

#[derive(Deserialize)]
struct PropertyMap {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    properties: Map<String, Value>,
}

/// The properties of one namespace (`conn.image().metadef_properties(namespace)`).
#[derive(Debug, Clone)]
pub struct MetadefProperties {
    pub(crate) conn: Connection,
    pub(crate) namespace: String,
}

impl MetadefProperties {
    fn item(&self, name: &str) -> Result<String> {
        namespace_path(&self.namespace, &format!("properties/{}", request::segment("metadef property name", name)?))
    }

    /// Every property (`GET .../properties`, a map by name), sorted by name, each with its name.
    pub async fn list(&self) -> Result<Vec<MetadefProperty>> {
        let path = namespace_path(&self.namespace, "properties")?;
        let fetched = request::call::<()>(&self.conn, Method::GET, &path, None).await?;
        let map: PropertyMap = request::decode(&fetched, "PropertyMap")?;
        map.properties
            .into_iter()
            .map(|(name, mut value)| {
                if let Value::Object(fields) = &mut value {
                    fields.entry("name").or_insert_with(|| Value::String(name.clone()));
                }
                serde_json::from_value::<MetadefProperty>(value).map_err(|e| crate::Error::Decode {
                    resource: "MetadefProperty".into(),
                    url: fetched.url.clone(),
                    message: format!("field `properties.{name}`: {e}"),
                })
            })
            .collect()
    }

    /// One property (`GET .../properties/{name}`).
    pub async fn get(&self, name: &str) -> Result<MetadefProperty> {
        request::get(&self.conn, &self.item(name)?, "MetadefProperty").await
    }

    /// Create one (`POST .../properties`).
    pub async fn create(&self, property: &MetadefProperty) -> Result<MetadefProperty> {
        let path = namespace_path(&self.namespace, "properties")?;
        request::send(&self.conn, Method::POST, &path, property, "MetadefProperty").await
    }

    /// Replace one (`PUT .../properties/{name}`; `property.name` may rename it).
    pub async fn update(&self, name: &str, property: &MetadefProperty) -> Result<MetadefProperty> {
        request::send(&self.conn, Method::PUT, &self.item(name)?, property, "MetadefProperty").await
    }

    /// Delete one (`DELETE .../properties/{name}`).
    pub async fn delete(&self, name: &str) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::DELETE, &self.item(name)?, None).await
    }

    /// Delete every property of the namespace (`DELETE .../properties`).
    pub async fn delete_all(&self) -> Result<()> {
        let path = namespace_path(&self.namespace, "properties")?;
        request::send_empty::<()>(&self.conn, Method::DELETE, &path, None).await
    }
}
