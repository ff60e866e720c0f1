//! Metadata definition namespaces (`/v2/metadefs/namespaces`): catalogs of the properties that
//! images, flavors, volumes... may carry, with their objects, properties, tags and the resource
//! types they apply to (see the sibling `metadef_*` modules).

use super::metadef_resource_type::ResourceTypeAssociation;
use super::request;
use crate::catalog::ServiceType;
use crate::lenient::{timestamp, Timestamp};
use crate::resource::{Pagination, Resource, UpdateMethod};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A metadata definition namespace; its name (`namespace`) is its id.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetadefNamespace {
    /// The namespace name, e.g. `OS::Compute::Libvirt` (its id in paths).
    pub namespace: String,
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `public` or `private`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Protected from deletion.
    #[serde(default)]
    pub protected: Option<bool>,
    /// Owning project.
    #[serde(default)]
    pub owner: Option<String>,
    /// The resource types it applies to.
    #[serde(default)]
    pub resource_type_associations: Option<Vec<ResourceTypeAssociation>>,
    /// Its properties by name (in a single namespace's details).
    #[serde(default)]
    pub properties: Option<Map<String, Value>>,
    /// Its objects (in a single namespace's details).
    #[serde(default)]
    pub objects: Option<Vec<Value>>,
    /// Its tags (in a single namespace's details).
    #[serde(default)]
    pub tags: Option<Vec<Value>>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Path of the schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Path of this namespace.
    #[serde(rename = "self", default)]
    pub self_link: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

// Written by hand: the id is the `namespace` field.
impl Resource for MetadefNamespace {
    const SERVICE: ServiceType = ServiceType::Image;
    const NAME: &'static str = "MetadefNamespace";
    const PATH: &'static str = "metadefs/namespaces";
    const KEY: Option<&'static str> = None;
    const PLURAL: &'static str = "namespaces";
    const PAGINATION: Pagination = Pagination::NextKey;
    const UPDATE_METHOD: UpdateMethod = UpdateMethod::Put;
    type Query = MetadefNamespaceQuery;

    fn id(&self) -> &str {
        &self.namespace
    }
    fn name(&self) -> Option<&str> {
        Some(&self.namespace)
    }
}
impl crate::api::Creatable for MetadefNamespace {
    type Create = CreateMetadefNamespace;
}
impl crate::api::Updatable for MetadefNamespace {
    type Update = UpdateMetadefNamespace;
}
impl crate::api::Deletable for MetadefNamespace {}

/// Glance filters for listing namespaces.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct MetadefNamespaceQuery {
    /// Only those associated with these resource types (comma-separated).
    pub resource_types: Option<String>,
    /// `public` or `private`.
    pub visibility: Option<String>,
    /// Sort key (`created_at`, `namespace`...).
    pub sort_key: Option<String>,
    /// `asc` or `desc`.
    pub sort_dir: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this namespace.
    pub marker: Option<String>,
}

/// The body of `POST /v2/metadefs/namespaces`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateMetadefNamespace {
    /// The namespace name.
    pub namespace: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `public` or `private`.
    pub visibility: Option<String>,
    /// Protected from deletion.
    pub protected: Option<bool>,
    /// Resource types it applies to.
    pub resource_type_associations: Option<Vec<ResourceTypeAssociation>>,
    /// Properties by name.
    pub properties: Option<Map<String, Value>>,
    /// Objects.
    pub objects: Option<Vec<Value>>,
    /// Tags (`{"name": ...}` objects).
    pub tags: Option<Vec<Value>>,
}

impl CreateMetadefNamespace {
    /// A namespace with this name.
    pub fn new(namespace: impl Into<String>) -> Self {
        CreateMetadefNamespace { namespace: namespace.into(), ..Default::default() }
    }
}

/// The body of `PUT /v2/metadefs/namespaces/{namespace}` (the namespace's own attributes;
/// `namespace` renames it and is required by glance: set it to the current name to keep it).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateMetadefNamespace {
    /// The (new) name.
    pub namespace: String,
    /// Display name.
    pub display_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `public` or `private`.
    pub visibility: Option<String>,
    /// Protected from deletion.
    pub protected: Option<bool>,
}

/// `metadefs/namespaces/{namespace}/{tail}`, the namespace percent-encoded.
pub(crate) fn namespace_path(namespace: &str, tail: &str) -> Result<String> {
    let ns = request::segment("metadef namespace", namespace)?;
    Ok(if tail.is_empty() { format!("metadefs/namespaces/{ns}") } else { format!("metadefs/namespaces/{ns}/{tail}") })
}
