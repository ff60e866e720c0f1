//! Usages of a project (and user): what its consumers hold, by resource class (`GET /usages`,
//! microversion 1.9; by consumer type from 1.38).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// Filters of `GET /usages`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UsageQuery {
    /// The project (required).
    pub project_id: String,
    /// Only this user's consumers.
    pub user_id: Option<String>,
    /// Only consumers of this type, `all` or `unknown` (1.38).
    pub consumer_type: Option<String>,
}

impl UsageQuery {
    /// The usages of a project.
    pub fn project(project_id: impl Into<String>) -> Self {
        UsageQuery { project_id: project_id.into(), ..Default::default() }
    }
}

/// One entry of a usages answer: an amount (by class), or from 1.38 a consumer type's amounts
/// and `consumer_count`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum UsageValue {
    /// Used amount of a resource class.
    Amount(i64),
    /// Amounts by class (and `consumer_count`) of one consumer type (1.38).
    ByClass(IndexMap<String, i64>),
}

/// The answer of `GET /usages`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Usages {
    /// By resource class, or by consumer type from 1.38, in the API's order.
    #[serde(default)]
    pub usages: IndexMap<String, UsageValue>,
}
