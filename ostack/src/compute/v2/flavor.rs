//! Flavor: a server size (`/flavors`).

use crate::catalog::ServiceType;
use crate::lenient::{int_or_string, null_as_default};
use crate::resource::Resource;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A nova flavor.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flavor {
    /// Flavor id (any string, often a number).
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// RAM in MiB.
    #[serde(default)]
    pub ram: u64,
    /// vCPUs.
    #[serde(default)]
    pub vcpus: u32,
    /// Root disk in GiB.
    #[serde(default)]
    pub disk: u64,
    /// Ephemeral disk in GiB.
    #[serde(rename = "OS-FLV-EXT-DATA:ephemeral", default, deserialize_with = "int_or_string")]
    pub ephemeral: Option<i64>,
    /// Swap in MiB. `None` is nova's `""` (no swap, before microversion 2.75) and is written back
    /// as `""`.
    #[serde(default, deserialize_with = "int_or_string", serialize_with = "none_as_empty")]
    pub swap: Option<i64>,
    /// Network bandwidth factor.
    #[serde(default)]
    pub rxtx_factor: Option<f64>,
    /// Visible to every project.
    #[serde(rename = "os-flavor-access:is_public", default)]
    pub is_public: Option<bool>,
    /// Disabled flavors cannot be used for new servers.
    #[serde(rename = "OS-FLV-DISABLED:disabled", default)]
    pub disabled: Option<bool>,
    /// Description (2.55+).
    #[serde(default)]
    pub description: Option<String>,
    /// Extra specs (2.61+).
    #[serde(default)]
    pub extra_specs: Option<BTreeMap<String, String>>,
    /// Links.
    #[serde(default, deserialize_with = "null_as_default")]
    pub links: Vec<super::Link>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `None` as nova's `""`, a number as itself.
fn none_as_empty<S: serde::Serializer>(value: &Option<i64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(n) => serializer.serialize_i64(*n),
        None => serializer.serialize_str(""),
    }
}

impl Resource for Flavor {
    const SERVICE: ServiceType = ServiceType::Compute;
    const NAME: &'static str = "Flavor";
    const PATH: &'static str = "flavors";
    const KEY: Option<&'static str> = Some("flavor");
    const PLURAL: &'static str = "flavors";
    const LIST_PATH: Option<&'static str> = Some("flavors/detail");
    type Query = FlavorQuery;

    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> Option<&str> {
        Some(&self.name)
    }
    /// `find` sees public and private flavors alike (what an admin expects).
    fn find_query() -> FlavorQuery {
        FlavorQuery { is_public: Some("None".into()), ..Default::default() }
    }
}

impl crate::api::Creatable for Flavor {
    type Create = CreateFlavor;
}
impl crate::api::Deletable for Flavor {}

/// Filters for listing flavors.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FlavorQuery {
    /// `true` (default for users), `false`, or `None`-the-string for all (admin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_public: Option<String>,
    /// Minimum disk in GiB.
    #[serde(rename = "minDisk", skip_serializing_if = "Option::is_none")]
    pub min_disk: Option<u64>,
    /// Minimum RAM in MiB.
    #[serde(rename = "minRam", skip_serializing_if = "Option::is_none")]
    pub min_ram: Option<u64>,
    /// Page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this flavor id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// The body of `POST /flavors`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateFlavor {
    /// Name.
    pub name: String,
    /// RAM in MiB.
    pub ram: u64,
    /// vCPUs.
    pub vcpus: u32,
    /// Root disk in GiB.
    pub disk: u64,
    /// Id (generated when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Ephemeral disk in GiB.
    #[serde(rename = "OS-FLV-EXT-DATA:ephemeral", skip_serializing_if = "Option::is_none")]
    pub ephemeral: Option<u64>,
    /// Swap in MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swap: Option<u64>,
    /// Network bandwidth factor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rxtx_factor: Option<f64>,
    /// Public (default) or private.
    #[serde(rename = "os-flavor-access:is_public", skip_serializing_if = "Option::is_none")]
    pub is_public: Option<bool>,
    /// Description (2.55+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl CreateFlavor {
    /// A flavor with its size.
    pub fn new(name: impl Into<String>, ram_mib: u64, vcpus: u32, disk_gib: u64) -> Self {
        CreateFlavor {
            name: name.into(),
            ram: ram_mib,
            vcpus,
            disk: disk_gib,
            id: None,
            ephemeral: None,
            swap: None,
            rxtx_factor: None,
            is_public: None,
            description: None,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct ExtraSpecs {
    #[serde(default, deserialize_with = "null_as_default")]
    extra_specs: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct FlavorAccess {
    #[serde(default, deserialize_with = "null_as_default")]
    flavor_access: Vec<FlavorAccessEntry>,
}

#[derive(Deserialize)]
struct FlavorAccessEntry {
    tenant_id: String,
}

impl crate::api::Api<Flavor> {
    /// A flavor's extra specs (`GET /flavors/{id}/os-extra_specs`).
    pub async fn extra_specs(&self, id: &str) -> crate::Result<BTreeMap<String, String>> {
        self.get_sub::<ExtraSpecs>(id, "os-extra_specs").await.map(|b| b.extra_specs)
    }

    /// Add or change extra specs; returns the specs as nova stored them.
    pub async fn set_extra_specs(
        &self,
        id: &str,
        specs: &BTreeMap<String, String>,
    ) -> crate::Result<BTreeMap<String, String>> {
        let body = ExtraSpecs { extra_specs: specs.clone() };
        self.post_sub::<_, ExtraSpecs>(id, "os-extra_specs", &body).await.map(|b| b.extra_specs)
    }

    /// Remove one extra spec.
    pub async fn unset_extra_spec(&self, id: &str, key: &str) -> crate::Result<()> {
        self.delete_sub(id, &format!("os-extra_specs/{}", crate::resource::utf8_percent_encode(key))).await
    }

    /// Projects that may use a private flavor.
    pub async fn access(&self, id: &str) -> crate::Result<Vec<String>> {
        let body: FlavorAccess = self.get_sub(id, "os-flavor-access").await?;
        Ok(body.flavor_access.into_iter().map(|a| a.tenant_id).collect())
    }
}
