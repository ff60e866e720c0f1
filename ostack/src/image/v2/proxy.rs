//! The image proxy: typed handles for every glance resource and area.

use super::cache::Cache;
use super::create::{self, CreateImageFromFile};
use super::info::Info;
use super::member::Members;
use super::metadef_object::MetadefObjects;
use super::metadef_property::MetadefProperties;
use super::metadef_resource_type::MetadefResourceTypes;
use super::metadef_tag::MetadefTags;
use super::schema::Schemas;
use super::{Image, MetadefNamespace, Task};
use crate::api::Api;
use crate::{Connection, Result};

/// Image (glance) calls. Get it with [`Connection::image`].
#[derive(Debug, Clone)]
pub struct ImageProxy {
    conn: Connection,
}

impl ImageProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        ImageProxy { conn }
    }

    /// Images (paged by glance's `next` links; updates are JSON patches; data, import, tags
    /// and (de)activation are methods of the handle).
    pub fn images(&self) -> Api<Image> {
        Api::new(self.conn.clone())
    }

    /// The members (projects it is shared with) of one image.
    pub fn members(&self, image_id: &str) -> Members {
        Members { conn: self.conn.clone(), image_id: image_id.to_string() }
    }

    /// Tasks (admin).
    pub fn tasks(&self) -> Api<Task> {
        Api::new(self.conn.clone())
    }

    /// Import methods, stores and quota usage.
    pub fn info(&self) -> Info {
        Info { conn: self.conn.clone() }
    }

    /// The JSON schemas.
    pub fn schemas(&self) -> Schemas {
        Schemas { conn: self.conn.clone() }
    }

    /// Metadata definition namespaces.
    pub fn metadef_namespaces(&self) -> Api<MetadefNamespace> {
        Api::new(self.conn.clone())
    }

    /// The objects of a metadata definition namespace.
    pub fn metadef_objects(&self, namespace: &str) -> MetadefObjects {
        MetadefObjects { conn: self.conn.clone(), namespace: namespace.to_string() }
    }

    /// The properties of a metadata definition namespace.
    pub fn metadef_properties(&self, namespace: &str) -> MetadefProperties {
        MetadefProperties { conn: self.conn.clone(), namespace: namespace.to_string() }
    }

    /// The tags of a metadata definition namespace.
    pub fn metadef_tags(&self, namespace: &str) -> MetadefTags {
        MetadefTags { conn: self.conn.clone(), namespace: namespace.to_string() }
    }

    /// Metadata definition resource types and their namespace associations.
    pub fn metadef_resource_types(&self) -> MetadefResourceTypes {
        MetadefResourceTypes { conn: self.conn.clone() }
    }

    /// The image cache (admin; where the cloud runs one).
    pub fn cache(&self) -> Cache {
        Cache { conn: self.conn.clone() }
    }

    /// Create an image and send a local file's data as the cloud offers: a direct upload, or
    /// a `glance-direct` import (stage, then import) when stores are chosen, asked for, or the
    /// cloud refuses direct uploads; then wait for it to be active and check glance's hashes
    /// against the file's. On failure the image is deleted.
    pub async fn create_image_from_file(&self, spec: &CreateImageFromFile) -> Result<Image> {
        create::create_image_from_file(&self.conn, spec).await
    }
}
