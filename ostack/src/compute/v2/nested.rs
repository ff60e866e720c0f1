//! Lists that are not resources of their own (under a server, or with a key of their own):
//! read page by page, following `links` / `<plural>_links` the way the resource pager does.

use crate::api::{Api, Versions};
use crate::resource::Resource;
use crate::{Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// `?<query>` for a filter struct (empty when no field is set).
pub(crate) fn query_string<Q: Serialize + ?Sized>(what: &str, query: &Q) -> Result<String> {
    let encoded = serde_urlencoded::to_string(query)
        .map_err(|e| Error::InvalidInput(format!("cannot encode the {what} filters: {e}")))?;
    Ok(if encoded.is_empty() { String::new() } else { format!("?{encoded}") })
}

/// `GET path` (relative to `R`'s endpoint, query included) and every next page: the items
/// under `plural`. The token only follows next links on the endpoint's own scheme, host and
/// port; a link seen before or an empty page ends the list.
pub(crate) async fn list_all<R: Resource, T: DeserializeOwned>(
    api: &Api<R>,
    needs: &[(&str, Versions)],
    path: &str,
    plural: &str,
) -> Result<Vec<T>> {
    let endpoint = api.endpoint_for(needs).await?;
    let links_key = format!("{plural}_links");
    let mut url = endpoint.join(path);
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    loop {
        if !seen.insert(url.clone()) {
            tracing::warn!(url = %url, "next link repeats an earlier page; stopping");
            return Ok(items);
        }
        let request = endpoint.apply_microversion(crate::session::Request::new(Method::GET, url.clone()));
        let fetched = api.connection().fetch(request).await?;
        let decode_error = |message: String| Error::Decode { resource: plural.to_string(), url: url.clone(), message };
        let mut page: Map<String, Value> =
            serde_json::from_slice(&fetched.body).map_err(|e| decode_error(e.to_string()))?;
        let list = match page.remove(plural) {
            Some(Value::Null) => Vec::new(),
            Some(list) => serde_json::from_value::<Vec<T>>(list).map_err(|e| decode_error(e.to_string()))?,
            None => return Err(decode_error(format!("no '{plural}' key in the list response"))),
        };
        if list.is_empty() {
            return Ok(items);
        }
        items.extend(list);
        let links = page.remove(&links_key).or_else(|| page.remove("links"));
        let next = links
            .and_then(|l| serde_json::from_value::<Vec<Link>>(l).ok())
            .and_then(|links| links.into_iter().find(|l| l.rel.as_deref() == Some("next")))
            .and_then(|l| l.href);
        let Some(next) = next else { return Ok(items) };
        let next = url::Url::parse(&url).and_then(|base| base.join(&next)).map(|u| u.to_string()).unwrap_or(next);
        if !crate::session::same_origin(&endpoint.url, &next) {
            return Err(Error::ForeignLink { what: "next link", link: next, url });
        }
        url = next;
    }
}

#[derive(serde::Deserialize)]
struct Link {
    #[serde(default)]
    rel: Option<String>,
    #[serde(default)]
    href: Option<String>,
}

/// An id nova sends as a number (older microversions) or a string (UUIDs): read as text,
/// written back as it came (a number stays a number).
pub(crate) mod flexible_id {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    /// Read a number or a string as a string.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<String, D::Error> {
        match Value::deserialize(de)? {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Null => Ok(String::new()),
            other => Err(D::Error::custom(format!("expected an id (string or number), found {other}"))),
        }
    }

    /// Write an all-digit id as a number, anything else as a string.
    pub(crate) fn serialize<S: Serializer>(id: &str, s: S) -> Result<S::Ok, S::Error> {
        match id.parse::<u64>() {
            Ok(n) if !id.starts_with('0') || id == "0" => s.serialize_u64(n),
            _ => s.serialize_str(id),
        }
    }
}
