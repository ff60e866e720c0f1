//! Region: where endpoints live, possibly inside a parent region (`/v3/regions`).

use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A keystone region. Its id is its name (`RegionOne`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Region {
    /// Region id.
    pub id: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Parent region.
    #[serde(default)]
    pub parent_region_id: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Region {
    service: Identity,
    path: "regions",
    key: Some("region"),
    plural: "regions",
    query: RegionQuery,
    pagination: LinksNext,
    update_method: Patch,
});
impl Creatable for Region {
    type Create = CreateRegion;
}
impl Updatable for Region {
    type Update = UpdateRegion;
}
impl Deletable for Region {}

/// Keystone filters for listing regions.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegionQuery {
    /// Children of this region.
    pub parent_region_id: Option<String>,
}

/// The body of `POST /v3/regions`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateRegion {
    /// The id (keystone makes one up without it).
    pub id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Parent region.
    pub parent_region_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateRegion {
    /// A region with this id.
    pub fn new(id: impl Into<String>) -> Self {
        CreateRegion { id: Some(id.into()), ..Default::default() }
    }
}

/// The body of `PATCH /v3/regions/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateRegion {
    /// Description.
    pub description: Option<String>,
    /// Parent region.
    pub parent_region_id: Option<String>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
