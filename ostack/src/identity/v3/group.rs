//! Group: users granted roles together (`/v3/groups`), with membership calls.

use super::{exists, request, seg, send_empty, User, UserQuery};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::resource::Pager;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A keystone group.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// Group id.
    pub id: String,
    /// Name, unique in its domain.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Owning domain.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field the cloud sent (`links`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Group {
    service: Identity,
    path: "groups",
    key: Some("group"),
    plural: "groups",
    query: GroupQuery,
    pagination: LinksNext,
    update_method: Patch,
    name: name,
    name_filter: name,
});
impl Creatable for Group {
    type Create = CreateGroup;
}
impl Updatable for Group {
    type Update = UpdateGroup;
}
impl Deletable for Group {}

/// Keystone filters for listing groups.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct GroupQuery {
    /// Exact name.
    pub name: Option<String>,
    /// In this domain.
    pub domain_id: Option<String>,
    /// Page size (keystone then pages with `links.next`).
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
}

/// The body of `POST /v3/groups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateGroup {
    /// Name.
    pub name: String,
    /// Domain (default: the token's domain).
    pub domain_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateGroup {
    /// A group with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateGroup { name: name.into(), ..Default::default() }
    }
}

/// The body of `PATCH /v3/groups/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Api<Group> {
    fn member_path(&self, group_id: &str, user_id: &str) -> Result<String> {
        Ok(format!("{}/users/{}", self.item_path(group_id)?, seg(user_id)?))
    }

    /// Add a user to a group (`PUT /v3/groups/{id}/users/{user}`).
    pub async fn add_user(&self, group_id: &str, user_id: &str) -> Result<()> {
        let conn = self.connection();
        send_empty(conn, request(conn, Method::PUT, &self.member_path(group_id, user_id)?).await?).await
    }

    /// Remove a user from a group.
    pub async fn remove_user(&self, group_id: &str, user_id: &str) -> Result<()> {
        let conn = self.connection();
        send_empty(conn, request(conn, Method::DELETE, &self.member_path(group_id, user_id)?).await?).await
    }

    /// Whether a user is in a group (`HEAD /v3/groups/{id}/users/{user}`).
    pub async fn has_user(&self, group_id: &str, user_id: &str) -> Result<bool> {
        let conn = self.connection();
        exists(conn, request(conn, Method::HEAD, &self.member_path(group_id, user_id)?).await?).await
    }

    /// The users of a group (`GET /v3/groups/{id}/users`; filters: name, domain, enabled).
    pub fn users(&self, group_id: &str, query: &UserQuery) -> Result<Pager<User>> {
        let path = format!("{}/users", self.item_path(group_id)?);
        Ok(Pager::at(self.connection().clone(), &path, query))
    }

    /// Find by id, else by name within a domain (names are unique per domain only).
    pub async fn find_in_domain(&self, name_or_id: &str, domain_id: &str) -> Result<Group> {
        let query = GroupQuery { domain_id: Some(domain_id.to_string()), ..Default::default() };
        super::find_filtered(self, name_or_id, query, |q, name| q.name = Some(name)).await
    }
}
