//! GroupType: a class of volume groups and its group specs (`/v3/group_types`, 3.11+).

use super::{decode, CinderListOptions};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A cinder group type.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupType {
    /// Group type id.
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
    /// Group specs (`consistent_group_snapshot_enabled`, ...).
    #[serde(default)]
    pub group_specs: Option<BTreeMap<String, String>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(GroupType {
    service: BlockStorage,
    path: "group_types",
    key: Some("group_type"),
    plural: "group_types",
    query: GroupTypeQuery,
    display: "Volume group type",
    min_microversion: (3, 11),
    max_microversion: (3, 71),
    name: name,
});
impl Creatable for GroupType {
    type Create = CreateGroupType;
}
impl Updatable for GroupType {
    type Update = UpdateGroupType;
}
impl Deletable for GroupType {}

/// Filters for listing group types.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupTypeQuery {
    /// Public or private only.
    pub is_public: Option<bool>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/group_types`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateGroupType {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Public (default) or private.
    pub is_public: Option<bool>,
    /// Group specs.
    pub group_specs: Option<BTreeMap<String, String>>,
}

impl CreateGroupType {
    /// A public group type named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateGroupType { name: name.into(), ..Default::default() }
    }
}

/// The body of `PUT /v3/group_types/{id}`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateGroupType {
    /// New name.
    pub name: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// Make public or private.
    pub is_public: Option<bool>,
}

#[derive(Deserialize)]
struct SpecsBody {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    group_specs: BTreeMap<String, String>,
}

fn spec_path(key: &str) -> Result<String> {
    if key.is_empty() {
        return Err(crate::Error::InvalidInput("empty group spec key".into()));
    }
    Ok(format!("group_specs/{}", crate::resource::utf8_percent_encode(key)))
}

impl Api<GroupType> {
    /// The default group type.
    pub async fn default_type(&self) -> Result<GroupType> {
        self.get("default").await
    }

    /// Its group specs.
    pub async fn group_specs(&self, id: &str) -> Result<BTreeMap<String, String>> {
        let fetched = self.call::<()>(Method::GET, id, "group_specs", None).await?;
        Ok(decode::<SpecsBody>(&fetched, "Group specs")?.group_specs)
    }

    /// Add or change group specs (others are kept); returns what was set.
    pub async fn set_group_specs(
        &self,
        id: &str,
        specs: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>> {
        let fetched = self.call(Method::POST, id, "group_specs", Some(&json!({ "group_specs": specs }))).await?;
        Ok(decode::<SpecsBody>(&fetched, "Group specs")?.group_specs)
    }

    /// Remove one group spec.
    pub async fn delete_group_spec(&self, id: &str, key: &str) -> Result<()> {
        self.call::<()>(Method::DELETE, id, &spec_path(key)?, None).await.map(drop)
    }
}
