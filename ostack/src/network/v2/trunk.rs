//! Trunk: a port carrying other ports' traffic as VLANs (`trunk`) (`/v2.0/trunks`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::json;
use serde_json::{Map, Value};

/// A neutron trunk.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Trunk {
    /// Id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The parent port.
    #[serde(default)]
    pub port_id: Option<String>,
    /// Administrative state.
    #[serde(default)]
    pub admin_state_up: Option<bool>,
    /// `ACTIVE`, `DOWN`, `BUILD`, `DEGRADED` or `ERROR`.
    #[serde(default)]
    pub status: Option<String>,
    /// Its subports.
    #[serde(default)]
    pub sub_ports: Option<Vec<SubPort>>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(Trunk);

crate::resource!(Trunk {
    service: Network,
    path: "trunks",
    key: Some("trunk"),
    plural: "trunks",
    query: TrunkQuery,
    name: name,
    status: status,
    name_filter: name,
});
impl Creatable for Trunk {
    type Create = CreateTrunk;
}
impl Updatable for Trunk {
    type Update = UpdateTrunk;
}
impl Deletable for Trunk {}
impl super::Taggable for Trunk {}

/// Neutron filters for listing trunks.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrunkQuery {
    /// Exact name.
    pub name: Option<String>,
    /// The parent port.
    pub port_id: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// `ACTIVE`, `DOWN`, `BUILD`, `DEGRADED` or `ERROR`.
    pub status: Option<String>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/trunks`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateTrunk {
    /// Name.
    pub name: Option<String>,
    /// The parent port.
    pub port_id: String,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Its subports.
    pub sub_ports: Option<Vec<SubPort>>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateTrunk {
    /// A trunk on parent port `port_id`.
    pub fn new(port_id: impl Into<String>) -> Self {
        CreateTrunk { port_id: port_id.into(), ..Default::default() }
    }
}

/// A subport of a trunk: a port and the VLAN its traffic is tagged with.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubPort {
    /// The port.
    #[serde(default)]
    pub port_id: String,
    /// `vlan` (or `inherit`).
    #[serde(default)]
    pub segmentation_type: Option<String>,
    /// The VLAN id.
    #[serde(default)]
    pub segmentation_id: Option<i64>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SubPort {
    /// Port `port_id` on VLAN `vlan`.
    pub fn vlan(port_id: impl Into<String>, vlan: i64) -> Self {
        SubPort {
            port_id: port_id.into(),
            segmentation_type: Some("vlan".into()),
            segmentation_id: Some(vlan),
            extra: Map::new(),
        }
    }
}

/// The body of `PUT /v2.0/trunks/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateTrunk {
    /// Name.
    pub name: Option<String>,
    /// Administrative state.
    pub admin_state_up: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct SubPorts {
    #[serde(default)]
    sub_ports: Vec<SubPort>,
}

impl Api<Trunk> {
    /// Its subports.
    pub async fn subports(&self, id: &str) -> Result<Vec<SubPort>> {
        self.get_sub::<SubPorts>(id, "get_subports").await.map(|s| s.sub_ports)
    }

    /// Add subports; returns the trunk.
    pub async fn add_subports(&self, id: &str, subports: &[SubPort]) -> Result<Trunk> {
        self.put_sub(id, "add_subports", &json!({ "sub_ports": subports })).await
    }

    /// Remove subports (by port); returns the trunk.
    pub async fn remove_subports(&self, id: &str, port_ids: &[&str]) -> Result<Trunk> {
        let ports: Vec<Value> = port_ids.iter().map(|p| json!({ "port_id": p })).collect();
        self.put_sub(id, "remove_subports", &json!({ "sub_ports": ports })).await
    }
}
