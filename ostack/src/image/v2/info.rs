//! What a glance offers: import methods (`/v2/info/import`), stores (`/v2/info/stores`, and
//! `/v2/info/stores/detail` for admins) and the caller's quota usage (`/v2/info/usage`).

use super::request;
use crate::{Connection, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// `GET /v2/info/import`: the import methods the cloud accepts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImportInfo {
    /// The `import-methods` discovery value.
    #[serde(rename = "import-methods", default)]
    pub import_methods: ImportMethods,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The `import-methods` member of [`ImportInfo`].
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImportMethods {
    /// Human description.
    #[serde(default)]
    pub description: Option<String>,
    /// Its JSON type (`array`).
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// The method names (`glance-direct`, `web-download`, `copy-image`, `glance-download`).
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub value: Vec<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ImportInfo {
    /// Whether the cloud accepts this import method.
    pub fn offers(&self, method: &str) -> bool {
        self.import_methods.value.iter().any(|m| m == method)
    }
}

/// One store of `GET /v2/info/stores` (or of the admin `.../detail`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// The store id (what imports name).
    pub id: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The default store: glance sends the string `"true"` (see [`Store::is_default`]).
    #[serde(default)]
    pub default: Option<Value>,
    /// A read-only store (`"true"`, the http store; see [`Store::is_read_only`]).
    #[serde(rename = "read-only", default)]
    pub read_only: Option<Value>,
    /// Driver type (`file`, `rbd`, `swift`...): detail only.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Preference weight: detail only.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Driver properties: detail only.
    #[serde(default)]
    pub properties: Option<Map<String, Value>>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn truthy(value: &Option<Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

impl Store {
    /// Whether this is the default store.
    pub fn is_default(&self) -> bool {
        truthy(&self.default)
    }

    /// Whether the store is read-only.
    pub fn is_read_only(&self) -> bool {
        truthy(&self.read_only)
    }
}

/// `GET /v2/info/stores`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoresInfo {
    /// The stores.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub stores: Vec<Store>,
}

/// One quota of [`Usage`]: the limit (`-1`: unlimited) and what is used.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageItem {
    /// The limit.
    #[serde(default)]
    pub limit: Option<i64>,
    /// The usage.
    #[serde(default)]
    pub usage: Option<i64>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GET /v2/info/usage`: the caller's image quotas (`image_size_total`, `image_count_total`,
/// `image_stage_total`, `image_count_uploading`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Usage {
    /// Each quota by name.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub usage: BTreeMap<String, UsageItem>,
}

/// The calls of this module (`conn.image().info()`).
#[derive(Debug, Clone)]
pub struct Info {
    pub(crate) conn: Connection,
}

impl Info {
    /// The import methods the cloud accepts (`GET /v2/info/import`).
    pub async fn import(&self) -> Result<ImportInfo> {
        request::get(&self.conn, "info/import", "ImportInfo").await
    }

    /// The stores (`GET /v2/info/stores`); empty-handed (404) when the cloud has a single store.
    pub async fn stores(&self) -> Result<Vec<Store>> {
        Ok(request::get::<StoresInfo>(&self.conn, "info/stores", "StoresInfo").await?.stores)
    }

    /// The stores with their type, weight and properties (`GET /v2/info/stores/detail`, admin).
    pub async fn stores_detail(&self) -> Result<Vec<Store>> {
        Ok(request::get::<StoresInfo>(&self.conn, "info/stores/detail", "StoresInfo").await?.stores)
    }

    /// The caller's quota usage (`GET /v2/info/usage`).
    pub async fn usage(&self) -> Result<Usage> {
        request::get(&self.conn, "info/usage", "Usage").await
    }
}
