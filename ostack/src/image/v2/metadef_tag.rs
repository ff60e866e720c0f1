//! Metadata definition tags of a namespace (`/v2/metadefs/namespaces/{namespace}/tags`).

use super::metadef_namespace::namespace_path;
use super::request;
use crate::lenient::{timestamp, Timestamp};
use crate::{Connection, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A metadata definition tag.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetadefTag {
    /// The tag.
    pub name: String,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct TagList {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    tags: Vec<MetadefTag>,
}

/// The tags of one namespace (`conn.image().metadef_tags(namespace)`).
#[derive(Debug, Clone)]
pub struct MetadefTags {
    pub(crate) conn: Connection,
    pub(crate) namespace: String,
}

impl MetadefTags {
    fn item(&self, name: &str) -> Result<String> {
        namespace_path(&self.namespace, &format!("tags/{}", request::segment("metadef tag", name)?))
    }

    /// Every tag (`GET .../tags`).
    pub async fn list(&self) -> Result<Vec<MetadefTag>> {
        let path = namespace_path(&self.namespace, "tags")?;
        Ok(request::get::<TagList>(&self.conn, &path, "TagList").await?.tags)
    }

    /// One tag (`GET .../tags/{name}`).
    pub async fn get(&self, name: &str) -> Result<MetadefTag> {
        request::get(&self.conn, &self.item(name)?, "MetadefTag").await
    }

    /// Create one (`POST .../tags/{name}`, no body).
    pub async fn create(&self, name: &str) -> Result<MetadefTag> {
        let fetched = request::call::<()>(&self.conn, Method::POST, &self.item(name)?, None).await?;
        request::decode(&fetched, "MetadefTag")
    }

    /// Create several (`POST .../tags`); with `append` false they replace every existing tag,
    /// with `append` true they are added (`X-Openstack-Append: True`, Image API 2.10+).
    pub async fn create_many<S: AsRef<str>>(&self, names: &[S], append: bool) -> Result<Vec<MetadefTag>> {
        let tags: Vec<Value> = names.iter().map(|n| json!({ "name": n.as_ref() })).collect();
        let path = namespace_path(&self.namespace, "tags")?;
        let mut request = request::request(&self.conn, Method::POST, &path).await?.json(&json!({ "tags": tags }))?;
        if append {
            request = request.header("x-openstack-append", "True");
        }
        let fetched = self.conn.fetch(request).await?;
        Ok(request::decode::<TagList>(&fetched, "TagList")?.tags)
    }

    /// Rename one (`PUT .../tags/{name}` with `{"name": new_name}`).
    pub async fn rename(&self, name: &str, new_name: &str) -> Result<MetadefTag> {
        request::send(&self.conn, Method::PUT, &self.item(name)?, &json!({ "name": new_name }), "MetadefTag").await
    }

    /// Delete one (`DELETE .../tags/{name}`).
    pub async fn delete(&self, name: &str) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::DELETE, &self.item(name)?, None).await
    }

    /// Delete every tag of the namespace (`DELETE .../tags`).
    pub async fn delete_all(&self) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::DELETE, &namespace_path(&self.namespace, "tags")?, None).await
    }
}
