//! VolumeType: a class of volumes and the backend capabilities it asks for (`/v3/types`), with
//! extra specs, project access of private types, encryption, and the default type.

use super::{decode, decode_key, CinderListOptions};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A cinder volume type.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolumeType {
    /// Type id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Visible to every project.
    #[serde(default)]
    pub is_public: Option<bool>,
    /// The same, under its extension name.
    #[serde(rename = "os-volume-type-access:is_public", default)]
    pub access_is_public: Option<bool>,
    /// Extra specs (backend capabilities, `volume_backend_name`, ...).
    #[serde(default)]
    pub extra_specs: Option<BTreeMap<String, String>>,
    /// Associated QoS spec.
    #[serde(default)]
    pub qos_specs_id: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl VolumeType {
    /// Whether every project sees it.
    pub fn public(&self) -> bool {
        self.is_public.or(self.access_is_public).unwrap_or(true)
    }
}

crate::resource!(VolumeType {
    service: BlockStorage,
    path: "types",
    key: Some("volume_type"),
    plural: "volume_types",
    query: VolumeTypeQuery,
    display: "Volume type",
    max_microversion: (3, 71),
    name: name,
});
impl Creatable for VolumeType {
    type Create = CreateVolumeType;
}
impl Updatable for VolumeType {
    type Update = UpdateVolumeType;
}
impl Deletable for VolumeType {}

/// Filters for listing volume types.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct VolumeTypeQuery {
    /// `true`: public types only, `false`: private only; absent: both (for an admin).
    pub is_public: Option<bool>,
    /// Having these extra specs (admin, `{"k": "v"}`).
    #[serde(serialize_with = "super::volume::as_json_text")]
    pub extra_specs: Option<BTreeMap<String, String>>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/types`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateVolumeType {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Public (default) or private.
    #[serde(rename = "os-volume-type-access:is_public")]
    pub is_public: Option<bool>,
    /// Extra specs.
    pub extra_specs: Option<BTreeMap<String, String>>,
}

impl CreateVolumeType {
    /// A public type named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateVolumeType { name: name.into(), ..Default::default() }
    }
}

/// The body of `PUT /v3/types/{id}`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateVolumeType {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// Make public or private.
    pub is_public: Option<bool>,
}

/// One project's access to a private type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeAccess {
    /// The type.
    pub volume_type_id: String,
    /// The project.
    pub project_id: String,
}

/// A type's encryption: volumes of the type are encrypted this way.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TypeEncryption {
    /// Encryption spec id.
    #[serde(default)]
    pub encryption_id: Option<String>,
    /// The type.
    #[serde(default)]
    pub volume_type_id: Option<String>,
    /// `luks`, `plain` (or a class path).
    #[serde(default)]
    pub provider: Option<String>,
    /// `front-end` (nova) or `back-end`.
    #[serde(default)]
    pub control_location: Option<String>,
    /// `aes-xts-plain64`, ...
    #[serde(default)]
    pub cipher: Option<String>,
    /// Key size in bits.
    #[serde(default)]
    pub key_size: Option<u32>,
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
struct ExtraSpecsBody {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    extra_specs: BTreeMap<String, String>,
}

fn spec_path(key: &str) -> Result<String> {
    if key.is_empty() {
        return Err(crate::Error::InvalidInput("empty extra spec key".into()));
    }
    Ok(format!("extra_specs/{}", crate::resource::utf8_percent_encode(key)))
}

impl Api<VolumeType> {
    /// The default type (`GET /v3/types/default`).
    pub async fn default_type(&self) -> Result<VolumeType> {
        self.get("default").await
    }

    /// Its extra specs.
    pub async fn extra_specs(&self, id: &str) -> Result<BTreeMap<String, String>> {
        let fetched = self.call::<()>(Method::GET, id, "extra_specs", None).await?;
        Ok(decode::<ExtraSpecsBody>(&fetched, "Volume type extra specs")?.extra_specs)
    }

    /// Add or change extra specs (others are kept); returns what was set.
    pub async fn set_extra_specs(
        &self,
        id: &str,
        specs: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>> {
        let fetched = self.call(Method::POST, id, "extra_specs", Some(&json!({ "extra_specs": specs }))).await?;
        Ok(decode::<ExtraSpecsBody>(&fetched, "Volume type extra specs")?.extra_specs)
    }

    /// One extra spec.
    pub async fn extra_spec(&self, id: &str, key: &str) -> Result<String> {
        let fetched = self.call::<()>(Method::GET, id, &spec_path(key)?, None).await?;
        let mut one: BTreeMap<String, String> = decode(&fetched, "Volume type extra spec")?;
        one.remove(key).ok_or_else(|| crate::Error::Decode {
            resource: "Volume type extra spec".into(),
            url: fetched.url.clone(),
            message: format!("no '{key}' in the response"),
        })
    }

    /// Remove one extra spec.
    pub async fn delete_extra_spec(&self, id: &str, key: &str) -> Result<()> {
        self.call::<()>(Method::DELETE, id, &spec_path(key)?, None).await.map(drop)
    }

    /// The projects a private type is shared with.
    pub async fn access(&self, id: &str) -> Result<Vec<TypeAccess>> {
        let fetched = self.call::<()>(Method::GET, id, "os-volume-type-access", None).await?;
        decode_key(&fetched, "volume_type_access", "Volume type access")
    }

    /// Share a private type with a project.
    pub async fn add_project_access(&self, id: &str, project_id: &str) -> Result<()> {
        self.post_action(id, &json!({ "addProjectAccess": { "project": project_id } })).await.map(drop)
    }

    /// Stop sharing a private type with a project.
    pub async fn remove_project_access(&self, id: &str, project_id: &str) -> Result<()> {
        self.post_action(id, &json!({ "removeProjectAccess": { "project": project_id } })).await.map(drop)
    }

    /// The type's encryption, `None` when it has none (cinder answers `{}`).
    pub async fn encryption(&self, id: &str) -> Result<Option<TypeEncryption>> {
        let fetched = self.call::<()>(Method::GET, id, "encryption", None).await?;
        let found: TypeEncryption = decode(&fetched, "Volume type encryption")?;
        Ok((found != TypeEncryption::default()).then_some(found))
    }

    /// Encrypt the type's volumes (only while no volume uses the type).
    pub async fn create_encryption(&self, id: &str, encryption: &TypeEncryption) -> Result<TypeEncryption> {
        let fetched = self.call(Method::POST, id, "encryption", Some(&json!({ "encryption": encryption }))).await?;
        decode_key(&fetched, "encryption", "Volume type encryption")
    }

    /// Change the type's encryption; returns the fields changed.
    pub async fn update_encryption(
        &self,
        id: &str,
        encryption_id: &str,
        encryption: &TypeEncryption,
    ) -> Result<TypeEncryption> {
        let sub = format!("encryption/{}", crate::resource::utf8_percent_encode(encryption_id));
        let fetched = self.call(Method::PUT, id, &sub, Some(&json!({ "encryption": encryption }))).await?;
        decode_key(&fetched, "encryption", "Volume type encryption")
    }

    /// Remove the type's encryption.
    pub async fn delete_encryption(&self, id: &str, encryption_id: &str) -> Result<()> {
        let sub = format!("encryption/{}", crate::resource::utf8_percent_encode(encryption_id));
        self.call::<()>(Method::DELETE, id, &sub, None).await.map(drop)
    }
}
