//! Role: a name policies check (`/v3/roles`), global or specific to a domain, and the implied
//! roles one brings along (`/v3/roles/{id}/implies`, `/v3/role_inferences`). Granting roles is in
//! [`Grant`](super::Grant).

use super::{exists, fetch_json, list_under, request, seg, send_empty, Ref};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A keystone role.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Role {
    /// Role id.
    pub id: String,
    /// Name.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// The domain of a domain-specific role (`None` for a global one).
    #[serde(default)]
    pub domain_id: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Resource options (`immutable`).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Role {
    service: Identity,
    path: "roles",
    key: Some("role"),
    plural: "roles",
    query: RoleQuery,
    pagination: LinksNext,
    update_method: Patch,
    name: name,
    name_filter: name,
});
impl Creatable for Role {
    type Create = CreateRole;
}
impl Updatable for Role {
    type Update = UpdateRole;
}
impl Deletable for Role {}

/// Keystone filters for listing roles.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoleQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Roles specific to this domain (without it: the global roles).
    pub domain_id: Option<String>,
    /// Page size (keystone then pages with `links.next`).
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
}

/// The body of `POST /v3/roles`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateRole {
    /// Name.
    pub name: String,
    /// Make it specific to this domain.
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateRole {
    /// A global role with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateRole { name: name.into(), ..Default::default() }
    }
}

/// The body of `PATCH /v3/roles/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateRole {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A prior role and the roles it implies (one, or a list).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleInference {
    /// The role that implies.
    pub prior_role: Ref,
    /// The implied roles.
    #[serde(deserialize_with = "one_or_many")]
    pub implies: Vec<Ref>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(de: D) -> std::result::Result<Vec<Ref>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<Ref>),
        One(Ref),
    }
    Ok(match Option::<OneOrMany>::deserialize(de)? {
        Some(OneOrMany::Many(list)) => list,
        Some(OneOrMany::One(one)) => vec![one],
        None => Vec::new(),
    })
}

#[derive(Deserialize)]
struct InferenceBody {
    role_inference: RoleInference,
}

impl Api<Role> {
    fn implies_path(&self, prior: &str, implied: &str) -> Result<String> {
        Ok(format!("{}/implies/{}", self.item_path(prior)?, seg(implied)?))
    }

    /// Make `prior` imply `implied` (`PUT /v3/roles/{prior}/implies/{implied}`).
    pub async fn imply(&self, prior: &str, implied: &str) -> Result<RoleInference> {
        let conn = self.connection();
        let request = request(conn, Method::PUT, &self.implies_path(prior, implied)?).await?;
        fetch_json::<InferenceBody>(conn, request, "RoleInference").await.map(|b| b.role_inference)
    }

    /// Whether `prior` implies `implied`.
    pub async fn implies(&self, prior: &str, implied: &str) -> Result<bool> {
        let conn = self.connection();
        exists(conn, request(conn, Method::HEAD, &self.implies_path(prior, implied)?).await?).await
    }

    /// Stop `prior` implying `implied`.
    pub async fn unimply(&self, prior: &str, implied: &str) -> Result<()> {
        let conn = self.connection();
        send_empty(conn, request(conn, Method::DELETE, &self.implies_path(prior, implied)?).await?).await
    }

    /// The roles `prior` implies directly (`GET /v3/roles/{prior}/implies`).
    pub async fn implied_by(&self, prior: &str) -> Result<RoleInference> {
        let conn = self.connection();
        let path = format!("{}/implies", self.item_path(prior)?);
        fetch_json::<InferenceBody>(conn, request(conn, Method::GET, &path).await?, "RoleInference")
            .await
            .map(|b| b.role_inference)
    }

    /// Every implication in the cloud (`GET /v3/role_inferences`).
    pub async fn inferences(&self) -> Result<Vec<RoleInference>> {
        let conn = self.connection();
        let request = request(conn, Method::GET, "role_inferences").await?;
        let url = request.url.clone();
        let fetched = conn.fetch(request).await?;
        list_under(&fetched.body, "role_inferences", "RoleInference", &url)
    }

    /// Find by id, else by name among the roles of a domain.
    pub async fn find_in_domain(&self, name_or_id: &str, domain_id: &str) -> Result<Role> {
        let query = RoleQuery { domain_id: Some(domain_id.to_string()), ..Default::default() };
        super::find_filtered(self, name_or_id, query, |q, name| q.name = Some(name)).await
    }
}
