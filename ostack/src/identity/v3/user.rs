//! User: someone who authenticates (`/v3/users`): create with a password and options, change
//! one's own password, the groups and projects of a user.

use super::{request, seg, send_empty, Group, Project, Secret};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::resource::Pager;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A keystone user.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// User id.
    pub id: String,
    /// Name, unique in its domain.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Owning domain.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The project a token is scoped to when none is asked for.
    #[serde(default)]
    pub default_project_id: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// E-mail (an extra attribute keystone keeps).
    #[serde(default)]
    pub email: Option<String>,
    /// Enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// When the password expires (`null`: never).
    #[serde(default, deserialize_with = "timestamp")]
    pub password_expires_at: Option<Timestamp>,
    /// Options (`ignore_password_expiry`, `multi_factor_auth_rules`, ...).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// Federated identities.
    #[serde(default)]
    pub federated: Option<Vec<Value>>,
    /// Every other field the cloud sent (`links`, custom attributes).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(User {
    service: Identity,
    path: "users",
    key: Some("user"),
    plural: "users",
    query: UserQuery,
    pagination: LinksNext,
    update_method: Patch,
    name: name,
    name_filter: name,
});
impl Creatable for User {
    type Create = CreateUser;
}
impl Updatable for User {
    type Update = UpdateUser;
}
impl Deletable for User {}

/// Keystone filters for listing users.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UserQuery {
    /// Exact name.
    pub name: Option<String>,
    /// In this domain.
    pub domain_id: Option<String>,
    /// Enabled or not.
    pub enabled: Option<bool>,
    /// Federated through this identity provider.
    pub idp_id: Option<String>,
    /// Federated through this protocol.
    pub protocol_id: Option<String>,
    /// Federated with this unique id.
    pub unique_id: Option<String>,
    /// Password expiry filter (`lt:2026-01-01T00:00:00Z`, ...).
    pub password_expires_at: Option<String>,
    /// Page size (keystone then pages with `links.next`).
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
}

/// The body of `POST /v3/users`. The password never shows in `Debug`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateUser {
    /// Name.
    pub name: String,
    /// Domain (default: the token's domain).
    pub domain_id: Option<String>,
    /// Default project.
    pub default_project_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Enabled (default true).
    pub enabled: Option<bool>,
    /// Password.
    pub password: Option<Secret>,
    /// Options (`ignore_password_expiry`, `multi_factor_auth_enabled`, ...).
    pub options: Option<Map<String, Value>>,
    /// Federated identities.
    pub federated: Option<Vec<Value>>,
    /// Any other attribute (keystone stores unknown ones).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateUser {
    /// A user with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateUser { name: name.into(), ..Default::default() }
    }
}

/// The body of `PATCH /v3/users/{id}`: what can change. The password never shows in `Debug`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateUser {
    /// Name.
    pub name: Option<String>,
    /// Default project.
    pub default_project_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// A new password (set by an admin: no old one needed).
    pub password: Option<Secret>,
    /// Options.
    pub options: Option<Map<String, Value>>,
    /// Federated identities.
    pub federated: Option<Vec<Value>>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<User> {
    /// Change one's own password (`POST /v3/users/{id}/password`): keystone checks the original
    /// one and revokes the user's tokens.
    pub async fn change_password(&self, id: &str, original: &Secret, new: &Secret) -> Result<()> {
        let conn = self.connection();
        let body = json!({ "user": { "password": new.expose(), "original_password": original.expose() } });
        let path = format!("{}/password", self.item_path(id)?);
        send_empty(conn, request(conn, Method::POST, &path).await?.json(&body)?).await
    }

    /// The groups a user belongs to (`GET /v3/users/{id}/groups`).
    pub fn groups(&self, id: &str) -> Result<Pager<Group>> {
        let path = format!("users/{}/groups", seg(id)?);
        Ok(Pager::at(self.connection().clone(), &path, &Default::default()))
    }

    /// The projects a user has a role on (`GET /v3/users/{id}/projects`).
    pub fn projects(&self, id: &str) -> Result<Pager<Project>> {
        let path = format!("users/{}/projects", seg(id)?);
        Ok(Pager::at(self.connection().clone(), &path, &Default::default()))
    }

    /// Find by id, else by name within a domain (names are unique per domain only).
    pub async fn find_in_domain(&self, name_or_id: &str, domain_id: &str) -> Result<User> {
        let query = UserQuery { domain_id: Some(domain_id.to_string()), ..Default::default() };
        super::find_filtered(self, name_or_id, query, |q, name| q.name = Some(name)).await
    }
}
