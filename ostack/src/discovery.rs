//! Version discovery on a service's endpoint and microversion negotiation.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! let nova = conn.endpoint(ostack::ServiceType::Compute).await?;
//! println!("{} speaks {:?} (the cloud offers up to {:?})", nova.url, nova.microversion, nova.max_microversion);
//! # Ok(()) }
//! ```

use crate::catalog::ServiceType;
use crate::session::{Request, Session};
use crate::{Error, Result};
use reqwest::Method;
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// A microversion such as `2.96`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Microversion {
    /// Major part (`2` in `2.96`).
    pub major: u32,
    /// Minor part (`96` in `2.96`).
    pub minor: u32,
}

impl Microversion {
    /// Build one from its parts.
    pub const fn new(major: u32, minor: u32) -> Self {
        Microversion { major, minor }
    }
}

impl FromStr for Microversion {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let bad = || Error::InvalidInput(format!("'{s}' is not a microversion like 2.79"));
        let trimmed = s.trim().trim_start_matches('v');
        let (major, minor) = trimmed.split_once('.').unwrap_or((trimmed, "0"));
        Ok(Microversion { major: major.parse().map_err(|_| bad())?, minor: minor.parse().map_err(|_| bad())? })
    }
}

impl serde::Serialize for Microversion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Microversion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Microversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The highest compute microversion ostack knows.
pub const COMPUTE_MAX_MICROVERSION: Microversion = Microversion::new(2, 100);
/// The highest placement microversion ostack knows.
pub const PLACEMENT_MAX_MICROVERSION: Microversion = Microversion::new(1, 39);

/// A service endpoint ready to use: versioned base URL and the negotiated microversion.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Endpoint {
    /// The service.
    pub service: ServiceType,
    /// Versioned base URL without a trailing slash, e.g. `http://127.0.0.1:8774/v2.1`.
    pub url: String,
    /// Scheme, host and path prefix without the version, e.g. `http://127.0.0.1:9292`
    /// (glance's `next` links are relative to it).
    pub root: String,
    /// The microversion sent with every request (min of ostack's and the cloud's maximum,
    /// or the configured `<service>_api_version`).
    pub microversion: Option<Microversion>,
    /// The lowest microversion the cloud offers.
    pub min_microversion: Option<Microversion>,
    /// The highest microversion the cloud offers.
    pub max_microversion: Option<Microversion>,
}

impl Endpoint {
    /// `url` joined with a relative path.
    pub fn join(&self, path: &str) -> String {
        if path.is_empty() {
            self.url.clone()
        } else {
            format!("{}/{}", self.url, path.trim_start_matches('/'))
        }
    }

    /// Microversion headers for a request to this endpoint.
    pub fn apply_microversion(&self, mut request: Request) -> Request {
        if let Some(v) = self.microversion {
            let spec = crate::services::spec(self.service);
            let value = format!("{} {v}", self.service.microversion_name());
            request = request.header("openstack-api-version", &value);
            if let Some(legacy) = spec.legacy_microversion_header {
                request = request.header(legacy, &v.to_string());
            }
        }
        request
    }
}

fn is_version_segment(segment: &str) -> bool {
    let Some(rest) = segment.strip_prefix('v') else { return false };
    !rest.is_empty() && rest.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Turn a catalog (or override) URL into an [`Endpoint`]: find the versioned URL and negotiate
/// the microversion. `pinned` is the configured `<service>_api_version`, if any.
pub async fn discover(
    session: &Session,
    service: ServiceType,
    raw_url: &str,
    pinned: Option<&str>,
) -> Result<Endpoint> {
    let profile = crate::services::spec(service);
    let raw = raw_url.trim_end_matches('/').to_string();
    let parsed = url::Url::parse(&raw).ok().filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if parsed.is_none() {
        return Err(Error::InvalidInput(format!(
            "the {service} endpoint '{raw_url}' is not an absolute http(s) URL (check the catalog or {}_endpoint_override)",
            crate::config::CloudConfig::config_key(service.as_str())
        )));
    }
    let (versioned, root) = match raw.rsplit_once('/') {
        Some((root, last)) if profile.version_path.is_some() && is_version_segment(last) => (true, root.to_string()),
        _ => (false, raw.clone()),
    };

    let mut endpoint = Endpoint {
        service,
        url: match (versioned, profile.version_path) {
            (false, Some(path)) => format!("{root}/{path}"),
            _ => raw.clone(),
        },
        root: root.clone(),
        microversion: None,
        min_microversion: None,
        max_microversion: None,
    };
    if !profile.discover {
        return Ok(endpoint);
    }
    // Versioned URL: GET it for {"version": {...}}. Unversioned: GET the root for {"versions": [...]}.
    let probe = if versioned { raw.clone() } else { root.clone() };
    let document = match fetch_version_document(session, &probe).await {
        Ok(doc) => doc,
        Err(e) => {
            tracing::debug!(service = %service, url = %probe, error = %e, "version discovery failed; using the catalog URL");
            None
        }
    };
    if let Some(doc) = document {
        if let Some(version) = pick_version(&doc, profile.version_path) {
            if !versioned {
                if let Some(href) = self_link(&version) {
                    let moved = absolute(&root, &href);
                    if crate::session::same_origin(&raw, &moved) {
                        endpoint.url = moved;
                    } else {
                        // A proxy that rewrites links wrongly, or a hostile answer: the token stays
                        // on the catalog's host; keep the catalog URL with the default version path.
                        tracing::warn!(
                            service = %service,
                            catalog_url = %raw,
                            self_link = %moved,
                            "version discovery's self link is on another scheme, host or port; not followed, using the catalog URL"
                        );
                    }
                }
            }
            endpoint.max_microversion = version_field(&version, &["version", "max_version"]);
            endpoint.min_microversion = version_field(&version, &["min_version"]);
        }
    }
    endpoint.microversion = negotiate(service, profile, &endpoint, pinned)?;
    Ok(endpoint)
}

/// One API version a service offers, as its version document describes it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ApiVersion {
    /// Version id, e.g. `v2.1`, `v3.14`.
    pub id: String,
    /// `CURRENT`, `SUPPORTED`, `DEPRECATED`, keystone's `stable`...
    #[serde(default)]
    pub status: String,
    /// Links; `rel: self` is the versioned URL.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub links: Vec<Value>,
    /// Lowest microversion (`""` or absent when the service has none).
    #[serde(default)]
    pub min_version: Option<String>,
    /// Highest microversion (nova, cinder, placement).
    #[serde(default)]
    pub version: Option<String>,
    /// Highest microversion, as some services name it.
    #[serde(default)]
    pub max_version: Option<String>,
    /// Every other field the service sent (`media-types`, `updated`...).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

impl ApiVersion {
    /// The version number of `id`: `v2.1` is 2.1, `v3` is 3.0.
    pub fn number(&self) -> Option<Microversion> {
        self.id.parse().ok()
    }

    /// The `rel: self` link, when there is a non-empty one.
    pub fn self_link(&self) -> Option<&str> {
        self.links
            .iter()
            .find(|l| l.get("rel").and_then(Value::as_str) == Some("self"))
            .and_then(|l| l.get("href")?.as_str())
            .filter(|h| !h.is_empty())
    }

    /// The lowest microversion offered, when there is one.
    pub fn min_microversion(&self) -> Option<&str> {
        self.min_version.as_deref().filter(|v| !v.is_empty())
    }

    /// The highest microversion offered (`version`, else `max_version`), when there is one.
    pub fn max_microversion(&self) -> Option<&str> {
        [&self.version, &self.max_version].into_iter().flatten().map(String::as_str).find(|v| !v.is_empty())
    }
}

/// Split a catalog URL at its version segment: `http://h:8080/v1/AUTH_x` is the root
/// `http://h:8080` and the segment `v1`; a URL without one is its own root.
pub fn split_version_root(url: &str) -> (String, Option<String>) {
    let trimmed = url.trim_end_matches('/');
    let parts: Vec<&str> = trimmed.split('/').collect();
    // scheme, "", host, path...
    for (i, part) in parts.iter().enumerate().skip(3) {
        if is_version_segment(part) {
            return (parts[..i].join("/"), Some(part.to_string()));
        }
    }
    (trimmed.to_string(), None)
}

/// Every API version the service at `url` (a catalog URL, versioned or not) offers, read from
/// the version document at its root and sorted by version number, one entry per number.
///
/// Version documents are public: no token is sent. A root that answers without a version
/// document gives an empty list.
pub async fn available_versions(session: &Session, url: &str) -> Result<Vec<ApiVersion>> {
    let (root, _) = split_version_root(url);
    let fetched = session.fetch_with(Request::new(Method::GET, format!("{root}/")), &[300], false).await?;
    let Ok(doc) = serde_json::from_slice::<Value>(&fetched.body) else { return Ok(Vec::new()) };
    let mut versions: Vec<ApiVersion> =
        version_entries(&doc).into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect();
    versions.retain(|v| v.number().is_some());
    versions.sort_by_key(|v| v.number());
    versions.dedup_by_key(|v| v.number());
    Ok(versions)
}

async fn fetch_version_document(session: &Session, url: &str) -> Result<Option<Value>> {
    let fetched = session.fetch(Request::new(Method::GET, url), &[300]).await?;
    Ok(serde_json::from_slice(&fetched.body).ok())
}

/// The version entries of a version document: `{"version": {...}}`, `{"versions": [...]}` or
/// keystone's `{"versions": {"values": [...]}}`.
fn version_entries(doc: &Value) -> Vec<Value> {
    if let Some(single) = doc.get("version").filter(|v| v.is_object()) {
        return vec![single.clone()];
    }
    match doc.get("versions") {
        Some(Value::Array(list)) => list.clone(),
        Some(Value::Object(map)) => map.get("values").and_then(Value::as_array).cloned().unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// From a version document, the version entry matching our major version (the newest such).
fn pick_version(doc: &Value, path: Option<&str>) -> Option<Value> {
    if let Some(single) = doc.get("version").filter(|v| v.is_object()) {
        return Some(single.clone());
    }
    let list = version_entries(doc);
    let wanted_major = path.map(|p| p.trim_start_matches('v').split('.').next().unwrap_or("").to_string());
    let matching: Vec<Value> = list
        .into_iter()
        .filter(|v| {
            let id = v.get("id").and_then(Value::as_str).unwrap_or("");
            let status = v.get("status").and_then(Value::as_str).unwrap_or("").to_ascii_uppercase();
            let major_ok = match &wanted_major {
                Some(m) => id.trim_start_matches('v').split('.').next() == Some(m.as_str()),
                None => true,
            };
            major_ok && status != "DEPRECATED" && status != "DELETED"
        })
        .collect();
    // Prefer CURRENT, else the last listed.
    matching
        .iter()
        .find(|v| v.get("status").and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case("CURRENT")))
        .or(matching.last())
        .cloned()
}

fn self_link(version: &Value) -> Option<String> {
    version
        .get("links")?
        .as_array()?
        .iter()
        .find(|l| l.get("rel").and_then(Value::as_str) == Some("self"))
        .and_then(|l| l.get("href")?.as_str())
        .map(|h| h.trim_end_matches('/').to_string())
        .filter(|h| !h.is_empty())
}

fn absolute(root: &str, href: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        href.to_string()
    } else {
        format!("{root}/{}", href.trim_start_matches('/'))
    }
}

fn version_field(version: &Value, keys: &[&str]) -> Option<Microversion> {
    keys.iter()
        .filter_map(|k| version.get(*k).and_then(Value::as_str))
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
}

fn negotiate(
    service: ServiceType,
    profile: &crate::services::ServiceSpec,
    endpoint: &Endpoint,
    pinned: Option<&str>,
) -> Result<Option<Microversion>> {
    let Some(ours) = profile.max_microversion else { return Ok(None) };
    let cloud_max = endpoint.max_microversion;
    if let Some(pin) = pinned.filter(|p| !p.is_empty()) {
        if pin.eq_ignore_ascii_case("latest") {
            return Ok(cloud_max.map(|m| m.min(ours)));
        }
        let wanted: Microversion = pin.parse()?;
        // "2" or "2.0"/"2.1" without a minor part means the base version: no header.
        if !pin.contains('.') {
            return Ok(None);
        }
        if let Some(max) = cloud_max {
            if wanted > max {
                return Err(Error::InvalidInput(format!(
                    "{service}_api_version {wanted} is above the highest microversion the cloud offers ({max})"
                )));
            }
        }
        if let Some(min) = endpoint.min_microversion {
            if wanted < min {
                return Err(Error::InvalidInput(format!(
                    "{service}_api_version {wanted} is below the lowest microversion the cloud offers ({min})"
                )));
            }
        }
        return Ok(Some(wanted));
    }
    Ok(cloud_max.map(|m| m.min(ours)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn microversions_parse_and_order() {
        let a: Microversion = "2.9".parse().unwrap();
        let b: Microversion = "2.10".parse().unwrap();
        assert!(a < b);
        assert_eq!(b.to_string(), "2.10");
        assert!("x.y".parse::<Microversion>().is_err());
    }

    #[test]
    fn version_segments() {
        assert!(is_version_segment("v2.1"));
        assert!(is_version_segment("v3"));
        assert!(!is_version_segment("AUTH_abc"));
        assert!(!is_version_segment("v"));
        assert!(!is_version_segment("volume"));
    }

    #[test]
    fn version_roots_and_entries() {
        assert_eq!(split_version_root("http://h:8080/v1/AUTH_x"), ("http://h:8080".into(), Some("v1".into())));
        assert_eq!(split_version_root("http://h:9292/"), ("http://h:9292".into(), None));
        assert_eq!(split_version_root("http://h/compute/v2.1"), ("http://h/compute".into(), Some("v2.1".into())));
        let entries = version_entries(&serde_json::json!({"versions": {"values": [{"id": "v3.14"}]}}));
        let v: ApiVersion = serde_json::from_value(entries[0].clone()).unwrap();
        assert_eq!(v.number(), Some(Microversion::new(3, 14)));
        let nova: ApiVersion = serde_json::from_value(serde_json::json!(
            {"id": "v2.1", "status": "CURRENT", "version": "2.100", "min_version": "2.1", "links": [{"rel": "self", "href": "http://h/v2.1/"}]}
        ))
        .unwrap();
        assert_eq!((nova.min_microversion(), nova.max_microversion()), (Some("2.1"), Some("2.100")));
        assert_eq!(nova.self_link(), Some("http://h/v2.1/"));
        let plain: ApiVersion =
            serde_json::from_value(serde_json::json!({"id": "v2.0", "version": "", "min_version": ""})).unwrap();
        assert_eq!((plain.min_microversion(), plain.max_microversion(), plain.self_link()), (None, None, None));
    }

    #[test]
    fn picks_current_matching_major() {
        let doc: Value = serde_json::json!({"versions": [
            {"id": "v2.0", "status": "SUPPORTED", "links": [{"rel": "self", "href": "http://h/v2/"}]},
            {"id": "v2.17", "status": "CURRENT", "links": [{"rel": "self", "href": "http://h/v2/"}]},
            {"id": "v1.1", "status": "DEPRECATED", "links": []}
        ]});
        let v = pick_version(&doc, Some("v2")).unwrap();
        assert_eq!(v["id"], "v2.17");
        let keystone: Value = serde_json::json!({"versions": {"values": [{"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": "http://k/v3/"}]}]}});
        assert_eq!(self_link(&pick_version(&keystone, Some("v3")).unwrap()).unwrap(), "http://k/v3");
    }
}
