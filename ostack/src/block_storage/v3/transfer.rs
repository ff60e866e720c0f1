//! Transfer: hand a volume to another project (`/v3/volume-transfers`, 3.55+): the giver
//! creates a transfer and passes its id and auth key; the receiver accepts it.

use super::{CinderListOptions, Link};
use crate::api::{Api, Creatable, Deletable};
use crate::lenient::{timestamp, Timestamp};
use crate::Result;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A volume transfer. Its `auth_key` (create answer only) is a secret: `Debug` hides it.
#[serde_with::skip_serializing_none]
#[derive(Clone, Serialize, Deserialize)]
pub struct Transfer {
    /// Transfer id.
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// The volume.
    #[serde(default)]
    pub volume_id: Option<String>,
    /// The key the receiver needs (create answer only).
    #[serde(default)]
    pub auth_key: Option<String>,
    /// Whether the volume's snapshots stay behind (3.55+).
    #[serde(default)]
    pub no_snapshots: Option<bool>,
    /// Accepted (3.57+).
    #[serde(default)]
    pub accepted: Option<bool>,
    /// The giving project (3.57+).
    #[serde(default)]
    pub source_project_id: Option<String>,
    /// The receiving project, once accepted (3.57+).
    #[serde(default)]
    pub destination_project_id: Option<String>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Links.
    #[serde(default)]
    pub links: Option<Vec<Link>>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl std::fmt::Debug for Transfer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transfer")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("volume_id", &self.volume_id)
            .field("auth_key", &self.auth_key.as_ref().map(|_| "<hidden>"))
            .field("no_snapshots", &self.no_snapshots)
            .field("accepted", &self.accepted)
            .field("source_project_id", &self.source_project_id)
            .field("destination_project_id", &self.destination_project_id)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

crate::resource!(Transfer {
    service: BlockStorage,
    path: "volume-transfers",
    key: Some("transfer"),
    plural: "transfers",
    query: TransferQuery,
    display: "Volume transfer",
    list_path: "volume-transfers/detail",
    min_microversion: (3, 55),
    max_microversion: (3, 71),
    name: name,
    name_filter: name,
});
impl Creatable for Transfer {
    type Create = CreateTransfer;
}
impl Deletable for Transfer {}

/// Filters for listing transfers.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct TransferQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Of this volume.
    pub volume_id: Option<String>,
    /// Transfers of every project (admin). Sent only when `Some(true)`: cinder reads
    /// `all_tenants=false` as a filter that matches nothing.
    #[serde(skip_serializing_if = "super::not_true")]
    pub all_tenants: Option<bool>,
    /// Paging and sorting.
    #[serde(flatten)]
    pub common: CinderListOptions,
}

/// The body of `POST /v3/volume-transfers`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateTransfer {
    /// The volume (`available`, not attached).
    pub volume_id: String,
    /// Name.
    pub name: Option<String>,
    /// Leave the volume's snapshots behind.
    pub no_snapshots: Option<bool>,
}

impl CreateTransfer {
    /// A transfer of `volume_id`.
    pub fn new(volume_id: impl Into<String>) -> Self {
        CreateTransfer { volume_id: volume_id.into(), ..Default::default() }
    }
}

#[derive(Deserialize)]
struct TransferBody {
    transfer: Transfer,
}

impl Api<Transfer> {
    /// Accept a transfer (as the receiving project): the volume becomes yours.
    pub async fn accept(&self, id: &str, auth_key: &str) -> Result<Transfer> {
        let body = json!({ "accept": { "auth_key": auth_key } });
        self.post_sub::<_, TransferBody>(id, "accept", &body).await.map(|b| b.transfer)
    }
}
