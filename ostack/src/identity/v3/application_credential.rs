//! ApplicationCredential: a secret a user delegates some of their roles on one project to,
//! possibly limited to some API calls (access rules) (`/v3/users/{user}/application_credentials`).
//! Get it with [`IdentityProxy::application_credentials`](super::IdentityProxy::application_credentials).

use super::{AccessRule, NewAccessRule, Ref, Secret};
use crate::api::{Creatable, Deletable};
use crate::lenient::{null_as_default, timestamp, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An application credential. The secret is there only in the answer to its creation.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplicationCredential {
    /// Id.
    pub id: String,
    /// Name, unique for its user.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The owner.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The project its tokens are scoped to.
    #[serde(default)]
    pub project_id: Option<String>,
    /// The roles delegated.
    #[serde(default)]
    pub roles: Option<Vec<Ref>>,
    /// When it stops working (`None`: never).
    #[serde(default, deserialize_with = "timestamp")]
    pub expires_at: Option<Timestamp>,
    /// May create more application credentials and trusts.
    #[serde(default)]
    pub unrestricted: Option<bool>,
    /// The API calls it is limited to (none: all).
    #[serde(default)]
    pub access_rules: Option<Vec<AccessRule>>,
    /// The secret (only when just created).
    #[serde(default)]
    pub secret: Option<Secret>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(ApplicationCredential {
    service: Identity,
    path: "application_credentials",
    key: Some("application_credential"),
    plural: "application_credentials",
    query: ApplicationCredentialQuery,
    pagination: LinksNext,
    name: name,
    name_filter: name,
});
impl Creatable for ApplicationCredential {
    type Create = CreateApplicationCredential;
}
impl Deletable for ApplicationCredential {}

/// Keystone filters for listing application credentials.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ApplicationCredentialQuery {
    /// Exact name.
    pub name: Option<String>,
}

/// The body of `POST /v3/users/{user}/application_credentials`. The secret never shows in `Debug`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateApplicationCredential {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// A secret of one's choosing (keystone generates one without it).
    pub secret: Option<Secret>,
    /// When it stops working (ISO 8601).
    pub expires_at: Option<String>,
    /// The roles delegated, by id or name (default: all of the token's).
    pub roles: Option<Vec<Ref>>,
    /// May create more application credentials and trusts.
    pub unrestricted: Option<bool>,
    /// Limit it to these API calls.
    pub access_rules: Option<Vec<NewAccessRule>>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateApplicationCredential {
    /// A credential with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateApplicationCredential { name: name.into(), ..Default::default() }
    }
}
