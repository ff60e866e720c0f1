//! Account: the project's storage as a whole (`HEAD /v1/AUTH_<project>`), its metadata and
//! temp-URL keys.

use super::secret::{expose_opt, TempUrlKey};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A swift account, read from the headers of `HEAD /v1/AUTH_<project>`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Account {
    /// Containers in the account.
    #[serde(default, rename(deserialize = "x-account-container-count", serialize = "container_count"))]
    pub container_count: Option<u64>,
    /// Objects in the account.
    #[serde(default, rename(deserialize = "x-account-object-count", serialize = "object_count"))]
    pub object_count: Option<u64>,
    /// Bytes stored.
    #[serde(default, rename(deserialize = "x-account-bytes-used", serialize = "bytes_used"))]
    pub bytes_used: Option<u64>,
    /// Quota in bytes (`X-Account-Meta-Quota-Bytes`, set by a reseller admin; account_quotas).
    #[serde(default, rename(deserialize = "x-account-meta-quota-bytes", serialize = "quota_bytes"))]
    pub quota_bytes: Option<u64>,
    /// The first temp-URL key (`X-Account-Meta-Temp-URL-Key`).
    #[serde(default, rename(deserialize = "x-account-meta-temp-url-key"), skip_serializing)]
    pub temp_url_key: Option<TempUrlKey>,
    /// The second temp-URL key (`X-Account-Meta-Temp-URL-Key-2`), for rotation.
    #[serde(default, rename(deserialize = "x-account-meta-temp-url-key-2"), skip_serializing)]
    pub temp_url_key_2: Option<TempUrlKey>,
    /// Creation time, seconds since the epoch as swift sends it (`1441829120.63690`).
    #[serde(default, rename(deserialize = "x-timestamp", serialize = "timestamp"))]
    pub timestamp: Option<String>,
    /// Per storage policy counts: `<policy>-container-count`, `<policy>-object-count`,
    /// `<policy>-bytes-used` (lower case, from `X-Account-Storage-Policy-*`).
    #[serde(default, rename(deserialize = "x-account-storage-policy-*", serialize = "storage_policies"))]
    pub storage_policies: BTreeMap<String, String>,
    /// Custom metadata (`X-Account-Meta-<key>`; keys in lower case, as swift treats them
    /// case-insensitively). The quota and temp-URL keys have their own fields.
    #[serde(default, rename(deserialize = "x-account-meta-*", serialize = "metadata"))]
    pub metadata: BTreeMap<String, String>,
}

/// A change to an account (`POST /v1/AUTH_<project>`): metadata set or removed, temp-URL keys.
/// What is not named is left as it is.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AccountUpdate {
    /// Metadata to set (`X-Account-Meta-<key>`).
    #[serde(rename = "x-account-meta-*")]
    pub metadata: BTreeMap<String, String>,
    /// Metadata keys to remove (`X-Remove-Account-Meta-<key>`).
    #[serde(rename = "x-remove-account-meta-*", serialize_with = "super::removals")]
    pub remove: BTreeSet<String>,
    /// Set the first temp-URL key.
    #[serde(rename = "x-account-meta-temp-url-key", serialize_with = "expose_opt")]
    pub temp_url_key: Option<TempUrlKey>,
    /// Set the second temp-URL key.
    #[serde(rename = "x-account-meta-temp-url-key-2", serialize_with = "expose_opt")]
    pub temp_url_key_2: Option<TempUrlKey>,
}

impl AccountUpdate {
    /// Set metadata `key` to `value`.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// Remove metadata `key`.
    pub fn unset(mut self, key: impl Into<String>) -> Self {
        self.remove.insert(key.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_become_headers() {
        let update =
            AccountUpdate { temp_url_key: Some("k1".into()), ..Default::default() }.set("Color", "blue").unset("Old");
        let headers = crate::headers::to_headers(&update).unwrap();
        let mut pairs: Vec<(String, String)> =
            headers.iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_string())).collect();
        pairs.sort();
        assert_eq!(
            pairs,
            vec![
                ("x-account-meta-color".to_string(), "blue".to_string()),
                ("x-account-meta-temp-url-key".to_string(), "k1".to_string()),
                ("x-remove-account-meta-old".to_string(), "x".to_string()),
            ]
        );
        assert!(!format!("{update:?}").contains("k1"), "keys never show in Debug");
    }
}
