//! `/info`: what a swift cluster can do (its middleware and their limits).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The capabilities document of a swift cluster (`GET /info`, no token needed): one key per
/// middleware (`slo`, `tempurl`, `bulk_delete`...) with its settings, and `swift` for the core
/// constraints.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Capabilities(pub Map<String, Value>);

impl Capabilities {
    /// Whether the cluster has this capability (`slo`, `tempurl`, `formpost`, `bulk_delete`...).
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// One capability's settings.
    pub fn get(&self, name: &str) -> Option<&Map<String, Value>> {
        self.0.get(name).and_then(Value::as_object)
    }

    fn number(&self, section: &str, key: &str) -> Option<u64> {
        self.get(section)?.get(key)?.as_u64()
    }

    /// The swift version.
    pub fn version(&self) -> Option<&str> {
        self.get("swift")?.get("version")?.as_str()
    }

    /// The largest plain object, in bytes (`swift.max_file_size`).
    pub fn max_file_size(&self) -> Option<u64> {
        self.number("swift", "max_file_size")
    }

    /// The most segments a static large object may have (`slo.max_manifest_segments`).
    pub fn slo_max_segments(&self) -> Option<u64> {
        self.number("slo", "max_manifest_segments")
    }

    /// The smallest segment but the last (`slo.min_segment_size`).
    pub fn slo_min_segment_size(&self) -> Option<u64> {
        self.number("slo", "min_segment_size")
    }

    /// The most paths one bulk delete may carry (`bulk_delete.max_deletes_per_request`).
    pub fn bulk_delete_max(&self) -> Option<u64> {
        self.number("bulk_delete", "max_deletes_per_request")
    }

    /// The digests temp URLs may be signed with (`tempurl.allowed_digests`; `sha1` only on
    /// clusters that do not say).
    pub fn tempurl_digests(&self) -> Vec<String> {
        match self.get("tempurl") {
            None => Vec::new(),
            Some(t) => match t.get("allowed_digests").and_then(Value::as_array) {
                Some(list) => list.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                None => vec!["sha1".into()],
            },
        }
    }

    /// The most entries a container listing page may have (`swift.container_listing_limit`).
    pub fn listing_limit(&self) -> Option<u64> {
        self.number("swift", "container_listing_limit")
    }
}
