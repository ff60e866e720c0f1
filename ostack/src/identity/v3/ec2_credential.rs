//! Ec2Credential: an EC2-style access/secret key pair of a user on a project
//! (`/v3/users/{user}/credentials/OS-EC2`). Its id is the access key. Get it with
//! [`IdentityProxy::ec2_credentials`](super::IdentityProxy::ec2_credentials).

use super::{fetch_json, request, Secret};
use crate::api::{Api, Deletable};
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// An EC2 credential. The secret never shows in `Debug`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ec2Credential {
    /// The access key (its id).
    #[serde(rename = "access")]
    pub id: String,
    /// The secret key.
    #[serde(default)]
    pub secret: Option<Secret>,
    /// The owner.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The project.
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// The trust it was made through.
    #[serde(default)]
    pub trust_id: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Ec2Credential {
    service: Identity,
    path: "credentials/OS-EC2",
    key: Some("credential"),
    plural: "credentials",
    query: (),
    pagination: LinksNext,
});
impl Deletable for Ec2Credential {}

#[derive(Deserialize)]
struct Wrapped {
    credential: Ec2Credential,
}

impl Api<Ec2Credential> {
    /// Make a key pair for a project (`POST` with `{"tenant_id": ...}`, unwrapped as keystone
    /// wants it).
    pub async fn create_for_project(&self, project_id: &str) -> Result<Ec2Credential> {
        let conn = self.connection();
        let request = request(conn, Method::POST, self.base()).await?.json(&json!({ "tenant_id": project_id }))?;
        fetch_json::<Wrapped>(conn, request, "EC2 Credential").await.map(|w| w.credential)
    }
}
