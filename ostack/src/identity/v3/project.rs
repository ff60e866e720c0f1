//! Project: the unit of ownership and of role grants (`/v3/projects`), in a tree under its
//! domain (`parent_id`), with tags.

use super::{exists, fetch_json, request, seg, send_empty};
use crate::api::{Api, Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A keystone project (or, with `is_domain`, a domain seen as a project).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Project {
    /// Project id.
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
    /// Enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// True for the project standing for a domain.
    #[serde(default)]
    pub is_domain: Option<bool>,
    /// Parent project (the domain id for a top-level project).
    #[serde(default)]
    pub parent_id: Option<String>,
    /// Resource options (`immutable`).
    #[serde(default)]
    pub options: Option<Map<String, Value>>,
    /// Tags.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Every other field the cloud sent (`links`, `parents`, `subtree`, custom attributes).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::resource!(Project {
    service: Identity,
    path: "projects",
    key: Some("project"),
    plural: "projects",
    query: ProjectQuery,
    pagination: LinksNext,
    update_method: Patch,
    name: name,
    name_filter: name,
});
impl Creatable for Project {
    type Create = CreateProject;
}
impl Updatable for Project {
    type Update = UpdateProject;
}
impl Deletable for Project {}

/// Keystone filters for listing projects.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProjectQuery {
    /// Exact name.
    pub name: Option<String>,
    /// In this domain.
    pub domain_id: Option<String>,
    /// Enabled or not.
    pub enabled: Option<bool>,
    /// Children of this project.
    pub parent_id: Option<String>,
    /// Projects acting as domains (or not).
    pub is_domain: Option<bool>,
    /// Having all these tags (comma-separated).
    pub tags: Option<String>,
    /// Having any of these tags (comma-separated).
    #[serde(rename = "tags-any")]
    pub tags_any: Option<String>,
    /// Not having all these tags (comma-separated).
    #[serde(rename = "not-tags")]
    pub not_tags: Option<String>,
    /// Having none of these tags (comma-separated).
    #[serde(rename = "not-tags-any")]
    pub not_tags_any: Option<String>,
    /// Page size (keystone then pages with `links.next`).
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
}

/// The body of `POST /v3/projects`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateProject {
    /// Name.
    pub name: String,
    /// Domain (default: the token's domain).
    pub domain_id: Option<String>,
    /// Parent project (default: the domain).
    pub parent_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled (default true).
    pub enabled: Option<bool>,
    /// Make it a domain.
    pub is_domain: Option<bool>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Any other attribute (keystone stores unknown ones).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateProject {
    /// A project with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateProject { name: name.into(), ..Default::default() }
    }
}

/// The body of `PATCH /v3/projects/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateProject {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Enabled.
    pub enabled: Option<bool>,
    /// Resource options.
    pub options: Option<Map<String, Value>>,
    /// Tags (replaces them).
    pub tags: Option<Vec<String>>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct Tags {
    #[serde(default, deserialize_with = "null_as_default")]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct Wrapped {
    project: Project,
}

#[derive(Deserialize)]
struct WithTree {
    project: TreeLists,
}

#[derive(Deserialize)]
struct TreeLists {
    #[serde(default, deserialize_with = "null_as_default")]
    parents: Vec<Wrapped>,
    #[serde(default, deserialize_with = "null_as_default")]
    subtree: Vec<Wrapped>,
}

impl Api<Project> {
    /// Enable a project.
    pub async fn enable(&self, id: &str) -> Result<Project> {
        self.update(id, &UpdateProject { enabled: Some(true), ..Default::default() }).await
    }

    /// Disable a project (tokens scoped to it stop working).
    pub async fn disable(&self, id: &str) -> Result<Project> {
        self.update(id, &UpdateProject { enabled: Some(false), ..Default::default() }).await
    }

    /// Its ancestors, nearest first, as far as the caller may see them (`?parents_as_list`).
    pub async fn parents(&self, id: &str) -> Result<Vec<Project>> {
        self.tree(id, "parents_as_list").await.map(|t| t.parents.into_iter().map(|w| w.project).collect())
    }

    /// Every project below it, as far as the caller may see them (`?subtree_as_list`).
    pub async fn subtree(&self, id: &str) -> Result<Vec<Project>> {
        self.tree(id, "subtree_as_list").await.map(|t| t.subtree.into_iter().map(|w| w.project).collect())
    }

    /// Its ancestors' ids as keystone nests them (`?parents_as_ids`: `{"<parent>": {"<grandparent>":
    /// null}}`), whatever the caller's roles on them.
    pub async fn parent_ids(&self, id: &str) -> Result<Value> {
        self.tree_ids(id, "parents_as_ids", "parents").await
    }

    /// The ids below it as keystone nests them (`?subtree_as_ids`: `{"<child>": {"<grandchild>": null}}`).
    pub async fn subtree_ids(&self, id: &str) -> Result<Value> {
        self.tree_ids(id, "subtree_as_ids", "subtree").await
    }

    async fn tree_ids(&self, id: &str, flag: &str, key: &str) -> Result<Value> {
        let conn = self.connection();
        let path = format!("{}?{flag}", self.item_path(id)?);
        let mut found: Wrapped = fetch_json(conn, request(conn, Method::GET, &path).await?, "Project").await?;
        Ok(found.project.extra.remove(key).unwrap_or(Value::Null))
    }

    async fn tree(&self, id: &str, flag: &str) -> Result<TreeLists> {
        let conn = self.connection();
        let path = format!("{}?{flag}", self.item_path(id)?);
        let found: WithTree = fetch_json(conn, request(conn, Method::GET, &path).await?, "Project").await?;
        Ok(found.project)
    }

    /// Its tags.
    pub async fn tags(&self, id: &str) -> Result<Vec<String>> {
        self.get_sub::<Tags>(id, "tags").await.map(|t| t.tags)
    }

    /// Replace all its tags.
    pub async fn set_tags(&self, id: &str, tags: &[String]) -> Result<Vec<String>> {
        self.put_sub::<_, Tags>(id, "tags", &json!({ "tags": tags })).await.map(|t| t.tags)
    }

    /// Add one tag (keeping the others).
    pub async fn add_tag(&self, id: &str, tag: &str) -> Result<()> {
        let conn = self.connection();
        let path = format!("{}/tags/{}", self.item_path(id)?, seg(tag)?);
        send_empty(conn, request(conn, Method::PUT, &path).await?).await
    }

    /// Whether it has a tag.
    pub async fn has_tag(&self, id: &str, tag: &str) -> Result<bool> {
        let conn = self.connection();
        let path = format!("{}/tags/{}", self.item_path(id)?, seg(tag)?);
        exists(conn, request(conn, Method::GET, &path).await?).await
    }

    /// Remove one tag.
    pub async fn remove_tag(&self, id: &str, tag: &str) -> Result<()> {
        let conn = self.connection();
        let path = format!("{}/tags/{}", self.item_path(id)?, seg(tag)?);
        send_empty(conn, request(conn, Method::DELETE, &path).await?).await
    }

    /// Remove all its tags.
    pub async fn clear_tags(&self, id: &str) -> Result<()> {
        self.delete_sub(id, "tags").await
    }

    /// Find by id, else by name within a domain (names are unique per domain only).
    pub async fn find_in_domain(&self, name_or_id: &str, domain_id: &str) -> Result<Project> {
        let query = ProjectQuery { domain_id: Some(domain_id.to_string()), ..Default::default() };
        super::find_filtered(self, name_or_id, query, |q, name| q.name = Some(name)).await
    }
}
