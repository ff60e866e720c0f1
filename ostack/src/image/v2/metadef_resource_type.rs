//! Metadata definition resource types (`/v2/metadefs/resource_types`) and their associations
//! with namespaces (`/v2/metadefs/namespaces/{namespace}/resource_types`).

use super::metadef_namespace::namespace_path;
use super::request;
use crate::lenient::{timestamp, Timestamp};
use crate::{Connection, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A resource type metadata can apply to (`OS::Glance::Image`, `OS::Nova::Flavor`...).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResourceType {
    /// Its name.
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

/// The association of a namespace with a resource type; also the body that creates one.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ResourceTypeAssociation {
    /// The resource type.
    pub name: String,
    /// Prefix of the properties on that resource type (`hw_`, `hw:`).
    #[serde(default)]
    pub prefix: Option<String>,
    /// Where the properties go on it (a volume's `image` metadata...).
    #[serde(default)]
    pub properties_target: Option<String>,
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

impl ResourceTypeAssociation {
    /// An association with `name` (set `prefix` / `properties_target` as needed).
    pub fn new(name: impl Into<String>) -> Self {
        ResourceTypeAssociation { name: name.into(), ..Default::default() }
    }
}

#[derive(Deserialize)]
struct ResourceTypeList {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    resource_types: Vec<ResourceType>,
}

#[derive(Deserialize)]
struct AssociationList {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    resource_type_associations: Vec<ResourceTypeAssociation>,
}

/// The resource type calls (`conn.image().metadef_resource_types()`).
#[derive(Debug, Clone)]
pub struct MetadefResourceTypes {
    pub(crate) conn: Connection,
}

impl MetadefResourceTypes {
    /// Every resource type (`GET /v2/metadefs/resource_types`).
    pub async fn list(&self) -> Result<Vec<ResourceType>> {
        let list: ResourceTypeList = request::get(&self.conn, "metadefs/resource_types", "ResourceTypeList").await?;
        Ok(list.resource_types)
    }

    /// The resource types a namespace is associated with
    /// (`GET /v2/metadefs/namespaces/{namespace}/resource_types`).
    pub async fn associations(&self, namespace: &str) -> Result<Vec<ResourceTypeAssociation>> {
        let path = namespace_path(namespace, "resource_types")?;
        Ok(request::get::<AssociationList>(&self.conn, &path, "AssociationList").await?.resource_type_associations)
    }

    /// Associate a namespace with a resource type
    /// (`POST /v2/metadefs/namespaces/{namespace}/resource_types`).
    pub async fn associate(
        &self,
        namespace: &str,
        association: &ResourceTypeAssociation,
    ) -> Result<ResourceTypeAssociation> {
        let path = namespace_path(namespace, "resource_types")?;
        request::send(&self.conn, Method::POST, &path, association, "ResourceTypeAssociation").await
    }

    /// Remove an association
    /// (`DELETE /v2/metadefs/namespaces/{namespace}/resource_types/{name}`).
    pub async fn dissociate(&self, namespace: &str, resource_type: &str) -> Result<()> {
        let tail = format!("resource_types/{}", request::segment("resource type", resource_type)?);
        request::send_empty::<()>(&self.conn, Method::DELETE, &namespace_path(namespace, &tail)?, None).await
    }
}
