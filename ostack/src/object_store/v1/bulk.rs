//! The `bulk` middleware: many deletes in one request (`?bulk-delete`), and a tar archive
//! unpacked into objects (`?extract-archive=tar`).

use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// What a bulk delete did (swift's answer, summed over the requests sent).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BulkDeleteResult {
    /// Objects and containers deleted.
    #[serde(rename = "Number Deleted", default)]
    pub deleted: u64,
    /// Paths that did not exist.
    #[serde(rename = "Number Not Found", default)]
    pub not_found: u64,
    /// Overall status, e.g. `200 OK` or `400 Bad Request`.
    #[serde(rename = "Response Status", default)]
    pub status: String,
    /// Swift's message, if any.
    #[serde(rename = "Response Body", default)]
    pub body: String,
    /// Each path that failed, with its status (`409 Conflict` for a container not empty).
    #[serde(rename = "Errors", default)]
    pub errors: Vec<(String, String)>,
}

impl BulkDeleteResult {
    /// Whether every path was deleted or already absent.
    pub fn is_success(&self) -> bool {
        self.errors.is_empty() && (self.status.is_empty() || self.status.starts_with('2'))
    }

    /// `Ok` when [`is_success`](Self::is_success), else an error listing the failures.
    pub fn into_result(self, method: &str, url: &str) -> Result<()> {
        if self.is_success() {
            return Ok(());
        }
        let failures: Vec<String> = self.errors.iter().take(10).map(|(p, s)| format!("{p}: {s}")).collect();
        let more = self.errors.len().saturating_sub(10);
        Err(Error::Api {
            status: self.status.split_whitespace().next().and_then(|s| s.parse().ok()).unwrap_or(400),
            method: method.into(),
            url: url.into(),
            request_id: None,
            message: format!(
                "{} deleted, {} not found, {} failed: {}{}{}",
                self.deleted,
                self.not_found,
                self.errors.len(),
                failures.join("; "),
                if more > 0 { format!(" and {more} more") } else { String::new() },
                if self.body.trim().is_empty() { String::new() } else { format!(" ({})", self.body.trim()) }
            ),
        })
    }

    pub(crate) fn add(&mut self, other: BulkDeleteResult) {
        self.deleted += other.deleted;
        self.not_found += other.not_found;
        if self.status.is_empty() || !other.status.starts_with('2') {
            self.status = other.status;
        }
        if !other.body.trim().is_empty() {
            self.body = other.body;
        }
        self.errors.extend(other.errors);
    }
}

/// What an archive extraction did.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ExtractArchiveResult {
    /// Objects created.
    #[serde(rename = "Number Files Created", default)]
    pub created: u64,
    /// Overall status, e.g. `201 Created`.
    #[serde(rename = "Response Status", default)]
    pub status: String,
    /// Swift's message, if any.
    #[serde(rename = "Response Body", default)]
    pub body: String,
    /// Each member that failed, with its status.
    #[serde(rename = "Errors", default)]
    pub errors: Vec<(String, String)>,
}

impl ExtractArchiveResult {
    /// Whether every member became an object.
    pub fn is_success(&self) -> bool {
        self.errors.is_empty() && (self.status.is_empty() || self.status.starts_with('2'))
    }
}
