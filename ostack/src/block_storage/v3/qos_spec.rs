//! QosSpec: quality-of-service limits applied to volume types (`/v3/qos-specs`).

use super::{decode_key, CinderListOptions};
use crate::api::{Api, Creatable, Deletable};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A cinder QoS spec.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QosSpec {
    /// QoS spec id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Where it is enforced: `front-end` (nova), `back-end` or `both`.
    #[serde(default)]
    pub consumer: Option<String>,
    /// The limits (`read_iops_sec`, `total_bytes_sec`, ...).
    #[serde(default)]
    pub specs: Option<BTreeMap<String, String>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(QosSpec {
    service: BlockStorage,
    path: "qos-specs",
    key: Some("qos_specs"),
    plural: "qos_specs",
    query: QosSpecQuery,
    display: "QoS spec",
    max_microversion: (3, 71),
    name: name,
});
impl Creatable for QosSpec {
    type Create = CreateQosSpec;
}
impl Deletable for QosSpec {}

/// Filters for listing QoS specs.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct QosSpecQuery {
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/qos-specs`: the name, the consumer and the specs side by side.
#[derive(Debug, Clone, Default)]
pub struct CreateQosSpec {
    /// Name.
    pub name: String,
    /// `front-end`, `back-end` (default) or `both`.
    pub consumer: Option<String>,
    /// The limits.
    pub specs: BTreeMap<String, String>,
}

impl CreateQosSpec {
    /// A spec named `name` without limits yet.
    pub fn new(name: impl Into<String>) -> Self {
        CreateQosSpec { name: name.into(), ..Default::default() }
    }
    /// Add a limit.
    pub fn spec(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.specs.insert(key.into(), value.into());
        self
    }
}

impl Serialize for CreateQosSpec {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut body: BTreeMap<&str, &str> = self.specs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        body.insert("name", &self.name);
        if let Some(consumer) = &self.consumer {
            body.insert("consumer", consumer);
        }
        body.serialize(s)
    }
}

/// A volume type a QoS spec is associated with.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QosAssociation {
    /// The type id.
    pub id: String,
    /// The type name.
    #[serde(default)]
    pub name: Option<String>,
    /// `volume_type`.
    #[serde(default)]
    pub association_type: Option<String>,
}

fn with_type(sub: &str, type_id: &str) -> Result<String> {
    let query = serde_urlencoded::to_string([("vol_type_id", type_id)])
        .map_err(|e| crate::Error::InvalidInput(format!("cannot encode the volume type id: {e}")))?;
    Ok(format!("{sub}?{query}"))
}

impl Api<QosSpec> {
    /// Add or change limits (others are kept); returns what was set.
    pub async fn set_keys(&self, id: &str, specs: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>> {
        let fetched = self.call(Method::PUT, id, "", Some(&json!({ "qos_specs": specs }))).await?;
        decode_key(&fetched, "qos_specs", "QoS spec keys")
    }

    /// Remove limits.
    pub async fn unset_keys(&self, id: &str, keys: &[&str]) -> Result<()> {
        self.call(Method::PUT, id, "delete_keys", Some(&json!({ "keys": keys }))).await.map(drop)
    }

    /// The volume types it applies to.
    pub async fn associations(&self, id: &str) -> Result<Vec<QosAssociation>> {
        let fetched = self.call::<()>(Method::GET, id, "associations", None).await?;
        decode_key(&fetched, "qos_associations", "QoS associations")
    }

    /// Apply it to a volume type.
    pub async fn associate(&self, id: &str, type_id: &str) -> Result<()> {
        self.call::<()>(Method::GET, id, &with_type("associate", type_id)?, None).await.map(drop)
    }

    /// Stop applying it to a volume type.
    pub async fn disassociate(&self, id: &str, type_id: &str) -> Result<()> {
        self.call::<()>(Method::GET, id, &with_type("disassociate", type_id)?, None).await.map(drop)
    }

    /// Stop applying it to any volume type.
    pub async fn disassociate_all(&self, id: &str) -> Result<()> {
        self.call::<()>(Method::GET, id, "disassociate_all", None).await.map(drop)
    }

    /// Delete even while associated with types (`force=true`).
    pub async fn force_delete(&self, id: &str) -> Result<()> {
        let path = format!("{}?force=true", self.item_path(id)?);
        self.call_path::<()>(Method::DELETE, &path, None).await.map(drop)
    }
}
