//! Credential: a secret keystone stores for a user (`/v3/credentials`): EC2 keys, TOTP seeds,
//! certificates. The blob never shows in `Debug`.

use super::Secret;
use crate::api::{Creatable, Deletable, Updatable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A stored credential.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Credential {
    /// Id.
    pub id: String,
    /// `ec2`, `totp`, `cert` or another type.
    #[serde(rename = "type", default)]
    pub credential_type: Option<String>,
    /// The data (for `ec2` a JSON string with `access` and `secret`; for `totp` the base32 seed).
    #[serde(default)]
    pub blob: Option<Secret>,
    /// The owner.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The project (required for `ec2`).
    #[serde(default)]
    pub project_id: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Credential {
    service: Identity,
    path: "credentials",
    key: Some("credential"),
    plural: "credentials",
    query: CredentialQuery,
    pagination: LinksNext,
    update_method: Patch,
});
impl Creatable for Credential {
    type Create = CreateCredential;
}
impl Updatable for Credential {
    type Update = UpdateCredential;
}
impl Deletable for Credential {}

/// Keystone filters for listing credentials.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CredentialQuery {
    /// Of this user.
    pub user_id: Option<String>,
    /// Of this type.
    #[serde(rename = "type")]
    pub credential_type: Option<String>,
}

/// The body of `POST /v3/credentials`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize)]
pub struct CreateCredential {
    /// Type.
    #[serde(rename = "type")]
    pub credential_type: String,
    /// The data.
    pub blob: Secret,
    /// The owner.
    pub user_id: String,
    /// The project.
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateCredential {
    /// A credential of `credential_type` for `user_id`.
    pub fn new(credential_type: impl Into<String>, user_id: impl Into<String>, blob: Secret) -> Self {
        CreateCredential {
            credential_type: credential_type.into(),
            blob,
            user_id: user_id.into(),
            project_id: None,
            extra: Map::new(),
        }
    }
}

/// The body of `PATCH /v3/credentials/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateCredential {
    /// Type.
    #[serde(rename = "type")]
    pub credential_type: Option<String>,
    /// The data.
    pub blob: Option<Secret>,
    /// The owner.
    pub user_id: Option<String>,
    /// The project.
    pub project_id: Option<String>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
