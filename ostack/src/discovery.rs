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

async fn fetch_version_document(session: &Session, url: &str) -> Result<Option<Value>> {
    let fetched = session.fetch(Request::new(Method::GET, url), &[300]).await?;
    Ok(serde_json::from_slice(&fetched.body).ok())
}

/// From `{"version": {...}}` or `{"versions": [...]}` / `{"versions": {"values": [...]}}`,
/// the version entry matching our major version (the newest such).
fn pick_version(doc: &Value, path: Option<&str>) -> Option<Value> {
    if let Some(single) = doc.get("version").filter(|v| v.is_object()) {
        return Some(single.clone());
    }
    let list = match doc.get("versions")? {
        Value::Array(list) => list.clone(),
        Value::Object(map) => map.get("values")?.as_array()?.clone(),
        _ => return None,
    };
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
