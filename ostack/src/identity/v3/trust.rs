//! Trust: a trustor's delegation of roles on a project to a trustee (`/v3/OS-TRUST/trusts`).

use super::{exists, request, seg, Ref, Role};
use crate::api::{Api, Creatable, Deletable};
use crate::lenient::{timestamp, Timestamp};
use crate::resource::Pager;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A trust.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Trust {
    /// Id.
    pub id: String,
    /// Who delegates.
    #[serde(default)]
    pub trustor_user_id: Option<String>,
    /// Who receives.
    #[serde(default)]
    pub trustee_user_id: Option<String>,
    /// The project the roles are on.
    #[serde(default)]
    pub project_id: Option<String>,
    /// Tokens show the trustor rather than the trustee.
    #[serde(default)]
    pub impersonation: Option<bool>,
    /// When it ends.
    #[serde(default, deserialize_with = "timestamp")]
    pub expires_at: Option<Timestamp>,
    /// Tokens left to issue (`None`: unlimited).
    #[serde(default)]
    pub remaining_uses: Option<i64>,
    /// The delegated roles.
    #[serde(default)]
    pub roles: Option<Vec<Ref>>,
    /// The trustee may delegate further.
    #[serde(default)]
    pub allow_redelegation: Option<bool>,
    /// How many more times it may be redelegated.
    #[serde(default)]
    pub redelegation_count: Option<i64>,
    /// The trust this one was redelegated from.
    #[serde(default)]
    pub redelegated_trust_id: Option<String>,
    /// Every other field the cloud sent (`links`, `roles_links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Trust {
    service: Identity,
    path: "OS-TRUST/trusts",
    key: Some("trust"),
    plural: "trusts",
    query: TrustQuery,
    pagination: LinksNext,
});
impl Creatable for Trust {
    type Create = CreateTrust;
}
impl Deletable for Trust {}

/// Keystone filters for listing trusts.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct TrustQuery {
    /// Given by this user.
    pub trustor_user_id: Option<String>,
    /// Given to this user.
    pub trustee_user_id: Option<String>,
}

/// The body of `POST /v3/OS-TRUST/trusts` (made by the trustor).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateTrust {
    /// Who delegates (the caller).
    pub trustor_user_id: String,
    /// Who receives.
    pub trustee_user_id: String,
    /// The project.
    pub project_id: Option<String>,
    /// Tokens show the trustor.
    pub impersonation: bool,
    /// The roles delegated, by id or name.
    pub roles: Option<Vec<Ref>>,
    /// When it ends (ISO 8601).
    pub expires_at: Option<String>,
    /// Tokens it may issue.
    pub remaining_uses: Option<i64>,
    /// The trustee may delegate further.
    pub allow_redelegation: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<Trust> {
    /// The roles a trust delegates (`GET /v3/OS-TRUST/trusts/{id}/roles`).
    pub fn roles(&self, trust_id: &str) -> Result<Pager<Role>> {
        Ok(Pager::at(self.connection().clone(), &format!("{}/roles", self.item_path(trust_id)?), &Default::default()))
    }

    /// Whether a trust delegates a role.
    pub async fn has_role(&self, trust_id: &str, role_id: &str) -> Result<bool> {
        let conn = self.connection();
        let path = format!("{}/roles/{}", self.item_path(trust_id)?, seg(role_id)?);
        exists(conn, request(conn, Method::HEAD, &path).await?).await
    }
}
