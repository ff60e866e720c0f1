//! Interoperable image import (`POST /v2/images/{id}/import`, Image API 2.6+): `glance-direct`
//! (data staged first with [`Api::stage`]), `web-download` (glance fetches a URL),
//! `copy-image` (an active image copied to more stores) and `glance-download` (from another
//! region's glance), each to chosen stores or all of them.

use super::request;
use super::Image;
use crate::api::Api;
use crate::{Error, Result};
use reqwest::Method;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// How glance gets the data of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportMethod {
    /// The data staged with `PUT /v2/images/{id}/stage`.
    GlanceDirect,
    /// Glance downloads this URL itself.
    WebDownload {
        /// The URL (http or https; the cloud filters which hosts and ports it accepts).
        uri: String,
    },
    /// Copy an active image's data to more stores.
    CopyImage,
    /// Download an image from the glance of another region.
    GlanceDownload {
        /// The image id over there.
        image_id: String,
        /// The region.
        region: String,
        /// The interface of that glance's endpoint (`public` when `None`).
        service_interface: Option<String>,
    },
}

impl ImportMethod {
    /// The method's name in the API (`glance-direct`, `web-download`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            ImportMethod::GlanceDirect => "glance-direct",
            ImportMethod::WebDownload { .. } => "web-download",
            ImportMethod::CopyImage => "copy-image",
            ImportMethod::GlanceDownload { .. } => "glance-download",
        }
    }

    fn to_json(&self) -> Value {
        let mut method = Map::new();
        method.insert("name".into(), json!(self.name()));
        match self {
            ImportMethod::WebDownload { uri } => {
                method.insert("uri".into(), json!(uri));
            }
            ImportMethod::GlanceDownload { image_id, region, service_interface } => {
                method.insert("glance_image_id".into(), json!(image_id));
                method.insert("glance_region".into(), json!(region));
                if let Some(interface) = service_interface {
                    method.insert("glance_service_interface".into(), json!(interface));
                }
            }
            ImportMethod::GlanceDirect | ImportMethod::CopyImage => {}
        }
        Value::Object(method)
    }
}

/// The body of `POST /v2/images/{id}/import`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRequest {
    /// Where the data comes from.
    #[serde(serialize_with = "method_json")]
    pub method: ImportMethod,
    /// The stores to write to, by id (with several stores, glance's `enabled_backends`);
    /// `None`: the default store.
    pub stores: Option<Vec<String>>,
    /// Write to every store (exclusive with `stores`).
    pub all_stores: Option<bool>,
    /// With several stores: whether one failing fails the import (glance's default: true).
    pub all_stores_must_succeed: Option<bool>,
}

fn method_json<S: serde::Serializer>(method: &ImportMethod, serializer: S) -> std::result::Result<S::Ok, S::Error> {
    method.to_json().serialize(serializer)
}

impl ImportRequest {
    /// An import by `method` to the default store.
    pub fn new(method: ImportMethod) -> Self {
        ImportRequest { method, stores: None, all_stores: None, all_stores_must_succeed: None }
    }

    /// Import the staged data (`glance-direct`).
    pub fn glance_direct() -> Self {
        Self::new(ImportMethod::GlanceDirect)
    }

    /// Let glance download `uri` (`web-download`).
    pub fn web_download(uri: impl Into<String>) -> Self {
        Self::new(ImportMethod::WebDownload { uri: uri.into() })
    }

    /// Copy an active image to `stores` (`copy-image`).
    pub fn copy_image<S: Into<String>>(stores: impl IntoIterator<Item = S>) -> Self {
        Self::new(ImportMethod::CopyImage).to_stores(stores)
    }

    /// Write to these stores.
    pub fn to_stores<S: Into<String>>(mut self, stores: impl IntoIterator<Item = S>) -> Self {
        self.stores = Some(stores.into_iter().map(Into::into).collect());
        self
    }

    /// Write to every store.
    pub fn to_all_stores(mut self) -> Self {
        self.all_stores = Some(true);
        self
    }

    /// Whether a failure in one store fails the whole import.
    pub fn all_stores_must_succeed(mut self, must: bool) -> Self {
        self.all_stores_must_succeed = Some(must);
        self
    }

    /// Whether it names stores (which only an import can do).
    pub fn chooses_stores(&self) -> bool {
        self.stores.is_some() || self.all_stores == Some(true) || self.all_stores_must_succeed.is_some()
    }
}

impl Api<Image> {
    /// Start an import (`POST /v2/images/{id}/import`); glance answers 202 and works in the
    /// background: wait for `active` (or look at [`tasks_of`](Self::tasks_of) and the image's
    /// `os_glance_failed_import` / `os_glance_importing_to_stores` properties).
    pub async fn import(&self, id: &str, import: &ImportRequest) -> Result<()> {
        if let Some(stores) = &import.stores {
            if stores.is_empty() || stores.iter().any(String::is_empty) {
                return Err(Error::InvalidInput(format!("image {id} import: empty store id in {stores:?}")));
            }
            if import.all_stores == Some(true) {
                return Err(Error::InvalidInput(format!("image {id} import: all_stores excludes a list of stores")));
            }
        }
        let path = format!("images/{}/import", request::segment("image id", id)?);
        request::send_empty(self.connection(), Method::POST, &path, Some(import)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_match_the_api_reference() {
        let copy = ImportRequest::copy_image(["common", "cheap"]).all_stores_must_succeed(false);
        assert_eq!(
            serde_json::to_value(&copy).unwrap(),
            json!({"method": {"name": "copy-image"}, "stores": ["common", "cheap"], "all_stores_must_succeed": false})
        );
        let web = ImportRequest::web_download("https://x/y.img").to_all_stores().all_stores_must_succeed(true);
        assert_eq!(
            serde_json::to_value(&web).unwrap(),
            json!({"method": {"name": "web-download", "uri": "https://x/y.img"}, "all_stores": true, "all_stores_must_succeed": true})
        );
        assert_eq!(
            serde_json::to_value(ImportRequest::glance_direct()).unwrap(),
            json!({"method": {"name": "glance-direct"}})
        );
    }
}
