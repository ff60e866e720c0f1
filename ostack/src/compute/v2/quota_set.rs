//! Compute quota sets (`/os-quota-sets`) and quota classes (`/os-quota-class-sets`).
//!
//! A quota set's id is its project's id: `get`, `update` and `delete` (revert to the
//! defaults) take the project id; nova has no list of quota sets (a `list` answers 404).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, project: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::{ComputeQuotas, UpdateQuotaSet};
//! let quotas = conn.compute().quota_sets();
//! let body = UpdateQuotaSet { quotas: ComputeQuotas { instances: Some(20), ..Default::default() }, force: None };
//! quotas.update(project, &body).await?;
//! let detail = quotas.detail(project).await?;
//! println!("{:?}", detail.usage.get("instances"));
//! quotas.delete(project).await?; // back to the defaults
//! # Ok(()) }
//! ```

use super::nested::query_string;
use crate::api::{decode, Api, Versions};
use crate::lenient::int_or_string;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Compute quota values (`-1` is unlimited).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComputeQuotas {
    /// Servers.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub instances: Option<i64>,
    /// vCPUs.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub cores: Option<i64>,
    /// RAM in MiB.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub ram: Option<i64>,
    /// Key pairs per user.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub key_pairs: Option<i64>,
    /// Metadata items per server.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub metadata_items: Option<i64>,
    /// Server groups.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub server_groups: Option<i64>,
    /// Members per server group.
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub server_group_members: Option<i64>,
    /// Injected files (before 2.57).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub injected_files: Option<i64>,
    /// Bytes per injected file (before 2.57).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub injected_file_content_bytes: Option<i64>,
    /// Bytes per injected file path (before 2.57).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub injected_file_path_bytes: Option<i64>,
    /// Fixed IPs (nova-network; before 2.36).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub fixed_ips: Option<i64>,
    /// Floating IPs (nova-network; before 2.36).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub floating_ips: Option<i64>,
    /// Security groups (nova-network; before 2.36).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<i64>,
    /// Security group rules (nova-network; before 2.36).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub security_group_rules: Option<i64>,
    /// Networks (nova-network; before 2.36).
    #[serde(default, deserialize_with = "int_or_string", skip_serializing_if = "Option::is_none")]
    pub networks: Option<i64>,
    /// Every other quota the cloud sent (or a body should carry).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ComputeQuotas {
    /// The microversions the set fields exist at; `network_until` is the last microversion of
    /// the nova-network quotas (2.35 for projects, 2.49 for classes).
    fn needs(&self, network_until: (u32, u32)) -> Vec<(&'static str, Versions)> {
        let mut needs = Vec::new();
        let network =
            [self.fixed_ips, self.floating_ips, self.security_groups, self.security_group_rules, self.networks];
        if network.iter().any(Option::is_some) {
            needs.push(("nova-network quotas", Versions::until(network_until.0, network_until.1)));
        }
        let injected = [self.injected_files, self.injected_file_content_bytes, self.injected_file_path_bytes];
        if injected.iter().any(Option::is_some) {
            needs.push(("injected file quotas", Versions::until(2, 56)));
        }
        needs
    }
}

/// A project's (or a user's) compute quotas.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuotaSet {
    /// The project id.
    #[serde(default)]
    pub id: String,
    /// The values.
    #[serde(flatten)]
    pub quotas: ComputeQuotas,
}

crate::resource!(QuotaSet {
    service: Compute,
    path: "os-quota-sets",
    key: Some("quota_set"),
    plural: "quota_sets",
    query: QuotaSetQuery,
    display: "Quota set",
    pagination: None,
});

/// Nova has no list of quota sets; this query is never sent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuotaSetQuery {}

/// The body of `PUT /os-quota-sets/{project_id}`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateQuotaSet {
    /// The values to change.
    #[serde(flatten)]
    pub quotas: ComputeQuotas,
    /// Set limits below what is in use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force: Option<bool>,
}

impl crate::api::Updatable for QuotaSet {
    type Update = UpdateQuotaSet;
    fn update_needs(body: &UpdateQuotaSet) -> Vec<(&'static str, Versions)> {
        body.quotas.needs((2, 35))
    }
}

/// `DELETE /os-quota-sets/{project_id}` reverts the project to the defaults.
impl crate::api::Deletable for QuotaSet {}

/// Limit, use and reservations of one quota.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuotaUsage {
    /// The limit (`-1` is unlimited).
    #[serde(default, deserialize_with = "int_or_string")]
    pub limit: Option<i64>,
    /// In use.
    #[serde(default, deserialize_with = "int_or_string")]
    pub in_use: Option<i64>,
    /// Reserved.
    #[serde(default, deserialize_with = "int_or_string")]
    pub reserved: Option<i64>,
}

/// A quota set with use (`/os-quota-sets/{project_id}/detail`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuotaSetDetail {
    /// The project id.
    #[serde(default)]
    pub id: String,
    /// Each quota by name.
    #[serde(flatten)]
    pub usage: BTreeMap<String, QuotaUsage>,
}

#[derive(Serialize)]
struct UserFilter<'a> {
    user_id: &'a str,
}

#[derive(Deserialize)]
struct SetAnswer {
    quota_set: QuotaSet,
}

#[derive(Deserialize)]
struct DetailAnswer {
    quota_set: QuotaSetDetail,
}

#[derive(Serialize)]
struct UpdateRequest<'a> {
    quota_set: &'a UpdateQuotaSet,
}

impl Api<QuotaSet> {
    fn path_for(&self, project_id: &str, sub: &str, user_id: Option<&str>) -> Result<String> {
        let mut path = if sub.is_empty() { self.item_path(project_id)? } else { self.sub_path(project_id, sub)? };
        if let Some(user_id) = user_id {
            path.push_str(&query_string("quota", &UserFilter { user_id })?);
        }
        Ok(path)
    }

    async fn get_at<T: for<'de> Deserialize<'de>>(&self, path: &str) -> Result<T> {
        let fetched = self.call_at::<()>(&[], Method::GET, path, None).await?;
        decode(&fetched)
    }

    /// The default quotas a new project gets.
    pub async fn defaults(&self, project_id: &str) -> Result<QuotaSet> {
        self.get_at::<SetAnswer>(&self.path_for(project_id, "defaults", None)?).await.map(|a| a.quota_set)
    }

    /// A project's quotas with what is in use.
    pub async fn detail(&self, project_id: &str) -> Result<QuotaSetDetail> {
        self.get_at::<DetailAnswer>(&self.path_for(project_id, "detail", None)?).await.map(|a| a.quota_set)
    }

    /// A user's quotas in a project.
    pub async fn get_for_user(&self, project_id: &str, user_id: &str) -> Result<QuotaSet> {
        self.get_at::<SetAnswer>(&self.path_for(project_id, "", Some(user_id))?).await.map(|a| a.quota_set)
    }

    /// A user's quotas in a project, with what is in use.
    pub async fn detail_for_user(&self, project_id: &str, user_id: &str) -> Result<QuotaSetDetail> {
        self.get_at::<DetailAnswer>(&self.path_for(project_id, "detail", Some(user_id))?).await.map(|a| a.quota_set)
    }

    /// Change a user's quotas in a project; returns them.
    pub async fn update_for_user(&self, project_id: &str, user_id: &str, body: &UpdateQuotaSet) -> Result<QuotaSet> {
        let path = self.path_for(project_id, "", Some(user_id))?;
        let needs = body.quotas.needs((2, 35));
        let fetched = self.call_at(&needs, Method::PUT, &path, Some(&UpdateRequest { quota_set: body })).await?;
        decode::<SetAnswer>(&fetched).map(|a| a.quota_set)
    }

    /// Revert a user's quotas in a project to the project's.
    pub async fn delete_for_user(&self, project_id: &str, user_id: &str) -> Result<()> {
        let path = self.path_for(project_id, "", Some(user_id))?;
        self.call_at::<()>(&[], Method::DELETE, &path, None).await.map(drop)
    }
}

/// A quota class (nova uses only `default`: the defaults of every project).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuotaClassSet {
    /// The class name.
    #[serde(default)]
    pub id: String,
    /// The values.
    #[serde(flatten)]
    pub quotas: ComputeQuotas,
}

crate::resource!(QuotaClassSet {
    service: Compute,
    path: "os-quota-class-sets",
    key: Some("quota_class_set"),
    plural: "quota_class_sets",
    query: QuotaSetQuery,
    display: "Quota class set",
    pagination: None,
});

impl crate::api::Updatable for QuotaClassSet {
    type Update = ComputeQuotas;
    fn update_needs(body: &ComputeQuotas) -> Vec<(&'static str, Versions)> {
        let mut needs = body.needs((2, 49));
        if body.server_groups.is_some() || body.server_group_members.is_some() {
            needs.push(("server group quota classes", Versions::since(2, 50)));
        }
        needs
    }
}
