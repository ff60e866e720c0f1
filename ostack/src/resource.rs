//! The [`Resource`] trait, generic CRUD written once against it, and the lazy [`Pager`].
//!
//! A resource is a serde struct plus a `Resource` impl of constants; proxies are thin typed
//! wrappers over the functions here.
//!
//! # Example
//! ```
//! use ostack::network::v2::Router;
//! use ostack::{Pagination, Resource, ServiceType};
//! assert_eq!(Router::SERVICE, ServiceType::Network);
//! assert_eq!((Router::PATH, Router::KEY, Router::PLURAL), ("routers", Some("router"), "routers"));
//! assert_eq!(Router::PAGINATION, Pagination::Links);
//! ```

use crate::catalog::ServiceType;
use crate::connection::Connection;
use crate::session::Request;
use crate::{Error, Result};
use futures::stream::{BoxStream, Stream, StreamExt};
use reqwest::Method;
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Map;
use std::collections::{HashSet, VecDeque};
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// How a service pages its lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pagination {
    /// `<plural>_links` with `rel: next` (nova, neutron, cinder).
    Links,
    /// A `next` key with a URL relative to the endpoint root (glance).
    NextKey,
    /// `marker=<last id>` until an empty page (swift, plain lists).
    Marker,
    /// One page holds everything (placement).
    None,
    /// A `links` object beside the list whose `next` is the next page's URL, or `null` (keystone:
    /// it pages when asked with `limit`, or when the cloud sets a list limit).
    LinksNext,
}

/// How an update reaches the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateMethod {
    /// `PUT <path>/<id>` with the body under the resource key (nova, neutron, cinder).
    Put,
    /// `PATCH <path>/<id>` with the body under the resource key (keystone, designate).
    Patch,
    /// `PATCH <path>/<id>` with a JSON-patch list (glance: `application/openstack-images-v2.1-json-patch`).
    JsonPatch,
}

/// How a list body holds its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListBody {
    /// `{"<plural>": [...], ...}`: the items under the plural key, beside links.
    Keyed,
    /// A bare JSON array of items (swift's `?format=json` listings).
    Array,
}

/// Where a single resource is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFrom {
    /// The JSON body of `GET <path>/<id>`.
    Body,
    /// The headers of `HEAD <path>/<id>` (swift accounts, containers, objects), read by
    /// [`Resource::from_headers`].
    Headers,
}

/// One OpenStack entity type: everything the REST calls need, as constants.
pub trait Resource: DeserializeOwned + Send + 'static {
    /// The service whose endpoint serves it.
    const SERVICE: ServiceType;
    /// Human name used in errors (`Server`).
    const NAME: &'static str;
    /// Path relative to the versioned endpoint (`servers`).
    const PATH: &'static str;
    /// JSON key wrapping one resource (`server`); `None` when the body is the object itself (glance).
    const KEY: Option<&'static str>;
    /// JSON key of the list (`servers`).
    const PLURAL: &'static str;
    /// Path used for listing when it differs from `PATH` (`servers/detail`).
    const LIST_PATH: Option<&'static str> = None;
    /// How lists are paged.
    const PAGINATION: Pagination = Pagination::Links;
    /// JSON key wrapping each list item, when the service wraps them (nova keypairs: `keypair`).
    const LIST_ITEM_KEY: Option<&'static str> = None;
    /// How an update is sent (see [`Updatable`](crate::api::Updatable)).
    const UPDATE_METHOD: UpdateMethod = UpdateMethod::Put;
    /// The lowest microversion the resource exists at (calls fail early below it).
    const MIN_MICROVERSION: Option<crate::discovery::Microversion> = None;
    /// The highest microversion its type is written for (calls send at most this one).
    const MAX_MICROVERSION: Option<crate::discovery::Microversion> = None;
    /// How list bodies hold their items.
    const LIST_BODY: ListBody = ListBody::Keyed;
    /// Where `get` reads one resource from.
    const SHOW_FROM: ShowFrom = ShowFrom::Body;
    /// Typed list filters, serialized into the query string.
    type Query: Serialize + Default + Send + Sync + 'static;

    /// The resource id.
    fn id(&self) -> &str;
    /// The resource name, if it has one.
    fn name(&self) -> Option<&str> {
        None
    }
    /// The status string, for [`wait_for_status`].
    fn status(&self) -> Option<&str> {
        None
    }
    /// The list filters `find` starts from when matching by name (e.g. nova flavors: public and
    /// private alike).
    fn find_query() -> Self::Query {
        Self::Query::default()
    }
    /// List filters that select by name server-side, if the API has such a filter
    /// (results are still matched exactly client-side: nova's filter is a regex).
    fn query_by_name(_name: &str) -> Option<Self::Query> {
        None
    }
    /// The microversions the query's filters exist at (checked before the first page is asked
    /// for; see [`Versions`](crate::api::Versions)). None by default.
    fn query_needs(_query: &Self::Query) -> Vec<(&'static str, crate::api::Versions)> {
        Vec::new()
    }
    /// The list path for `query`, relative to the endpoint, possibly with fixed query parameters
    /// (`photos?format=json`): `LIST_PATH` or `PATH` unless the list is nested under a parent
    /// named in the query (a swift container's objects).
    fn list_path(_query: &Self::Query) -> Result<String> {
        Ok(Self::LIST_PATH.unwrap_or(Self::PATH).to_string())
    }
    /// The path of one resource, relative to the endpoint: `<PATH>/<id>`, the id percent-encoded.
    fn item_path(id: &str) -> Result<String> {
        if id.is_empty() {
            return Err(Error::InvalidInput(format!("empty {} id", Self::NAME)));
        }
        Ok(format!("{}/{}", Self::PATH, utf8_percent_encode(id)))
    }
    /// Build one from the headers of a `HEAD` answer (`SHOW_FROM = Headers`). By default its
    /// fields are read as [`crate::headers`] describes, with `id` set to the id asked for.
    fn from_headers(
        id: &str,
        headers: &reqwest::header::HeaderMap,
    ) -> std::result::Result<Self, crate::headers::DecodeError> {
        crate::headers::from_headers_with(headers, &[("id", id)])
    }
}

/// A lazy stream of resources. The next page is fetched only when the current one is consumed.
/// Loop-safe: it stops on an empty page, a `next` link it has already followed, or a page
/// identical to the previous one.
pub struct Pager<R> {
    pages: BoxStream<'static, Result<Vec<R>>>,
    buffer: VecDeque<R>,
}

impl<R: Resource> Pager<R> {
    /// Page through `R`'s list with the given query.
    pub fn new(conn: Connection, query: &R::Query) -> Self {
        Self::from(conn, R::list_path(query), query)
    }

    /// Page through `R`'s list at `path` (relative to the endpoint), e.g. a list nested under a
    /// parent (`users/<id>/application_credentials`), with the given query.
    pub fn at(conn: Connection, path: &str, query: &R::Query) -> Self {
        Self::from(conn, nested_base::<R>(path).map(str::to_string), query)
    }

    fn from(conn: Connection, path: Result<String>, query: &R::Query) -> Self {
        let first = path.and_then(|path| match serde_html_form::to_string(query) {
            Ok(q) if q.is_empty() => Ok(path),
            Ok(q) if path.contains('?') => Ok(format!("{path}&{q}")),
            Ok(q) => Ok(format!("{path}?{q}")),
            Err(e) => Err(Error::InvalidInput(format!("cannot encode {} filters: {e}", R::NAME))),
        });
        let state = PagerState::<R> {
            conn,
            needs: R::query_needs(query),
            next: Some(Next::Path(first)),
            seen: HashSet::new(),
            last_ids: Vec::new(),
            _r: PhantomData,
        };
        let pages = futures::stream::try_unfold(state, |mut state| async move {
            match state.next_page().await? {
                Some(page) => Ok(Some((page, state))),
                None => Ok(None),
            }
        });
        Pager { pages: pages.boxed(), buffer: VecDeque::new() }
    }

    /// The pages themselves, as they arrive.
    pub fn into_pages(self) -> BoxStream<'static, Result<Vec<R>>> {
        let buffered = self.buffer;
        if buffered.is_empty() {
            self.pages
        } else {
            futures::stream::once(async move { Ok(buffered.into_iter().collect()) }).chain(self.pages).boxed()
        }
    }

    /// Fetch every page and return all items.
    pub async fn collect_all(self) -> Result<Vec<R>> {
        futures::TryStreamExt::try_collect(self).await
    }
}

// The pager never pins its items in place.
impl<R> Unpin for Pager<R> {}

impl<R> Stream for Pager<R> {
    type Item = Result<R>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match this.pages.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(page))) => this.buffer.extend(page),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

enum Next {
    /// Relative to the versioned endpoint (the first page).
    Path(Result<String>),
    /// Absolute URL (from a link).
    Url(String),
}

struct PagerState<R> {
    conn: Connection,
    needs: Vec<(&'static str, crate::api::Versions)>,
    next: Option<Next>,
    seen: HashSet<String>,
    last_ids: Vec<String>,
    _r: PhantomData<fn() -> R>,
}

impl<R: Resource> PagerState<R> {
    async fn next_page(&mut self) -> Result<Option<Vec<R>>> {
        let endpoint = crate::api::endpoint_for::<R>(&self.conn, &self.needs).await?;
        let url = match self.next.take() {
            None => return Ok(None),
            Some(Next::Path(path)) => endpoint.join(&path?),
            Some(Next::Url(url)) => url,
        };
        if !self.seen.insert(url.clone()) {
            tracing::warn!(url = %url, resource = R::NAME, "next link repeats an earlier page; stopping");
            return Ok(None);
        }
        let request = endpoint.apply_microversion(Request::new(Method::GET, url.clone()));
        let page: Page<R> = self.conn.send_json_seeded(request, PageSeed::<R>::new(), R::NAME).await?;
        if page.items.is_empty() {
            return Ok(None);
        }
        let ids: Vec<String> = page.items.iter().map(|r| r.id().to_string()).collect();
        if ids == self.last_ids {
            tracing::warn!(url = %url, resource = R::NAME, "the cloud returned the same page twice; stopping");
            return Ok(None);
        }
        let next = match R::PAGINATION {
            Pagination::Links | Pagination::LinksNext => page.links_next.map(|n| absolute_link(&url, &n)),
            Pagination::NextKey => page.next.map(|n| {
                if n.starts_with("http://") || n.starts_with("https://") {
                    n
                } else {
                    format!("{}/{}", endpoint.root, n.trim_start_matches('/'))
                }
            }),
            Pagination::Marker => ids.last().map(|last| with_marker(&url, last)),
            Pagination::None => None,
        };
        if let Some(link) = &next {
            // The token only goes to the endpoint's own scheme, host and port.
            if !crate::session::same_origin(&endpoint.url, link) {
                return Err(Error::ForeignLink { what: "next link", link: link.clone(), url });
            }
        }
        self.next = next.map(Next::Url);
        self.last_ids = ids;
        Ok(Some(page.items))
    }
}

/// A link as an absolute URL: relative links are resolved against the page that carried them.
fn absolute_link(page_url: &str, link: &str) -> String {
    url::Url::parse(page_url)
        .and_then(|base| base.join(link))
        .map(|u| u.to_string())
        .unwrap_or_else(|_| link.to_string())
}

/// `url` with its `marker` query parameter set to `marker`.
fn with_marker(url: &str, marker: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            let pairs: Vec<(String, String)> = parsed
                .query_pairs()
                .filter(|(k, _)| k != "marker")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            parsed.query_pairs_mut().clear().extend_pairs(pairs).append_pair("marker", marker);
            parsed.to_string()
        }
        Err(_) => url.to_string(),
    }
}

/// One page of a list: the items, and where the next page is.
pub(crate) struct Page<R> {
    items: Vec<R>,
    links_next: Option<String>,
    next: Option<String>,
}

/// Reads `{"<plural>": [...], "<plural>_links": [...], "next": "..."}` in one pass.
pub(crate) struct PageSeed<R>(PhantomData<fn() -> R>);

impl<R> PageSeed<R> {
    pub(crate) fn new() -> Self {
        PageSeed(PhantomData)
    }
}

#[derive(Deserialize)]
struct Link {
    rel: Option<String>,
    href: Option<String>,
}

impl<'de, R: Resource> DeserializeSeed<'de> for PageSeed<R> {
    type Value = Page<R>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        match R::LIST_BODY {
            ListBody::Keyed => de.deserialize_map(self),
            ListBody::Array => de.deserialize_seq(self),
        }
    }
}

impl<'de, R: Resource> Visitor<'de> for PageSeed<R> {
    type Value = Page<R>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "an object with a '{}' list", R::PLURAL)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let links_key = format!("{}_links", R::PLURAL);
        let mut page = Page { items: Vec::new(), links_next: None, next: None };
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == R::PLURAL {
                page.items = match R::LIST_ITEM_KEY {
                    None => map.next_value::<Option<Vec<R>>>()?.unwrap_or_default(),
                    Some(_) => map
                        .next_value::<Option<Vec<ItemWrapper<R>>>>()?
                        .unwrap_or_default()
                        .into_iter()
                        .map(|w| w.0)
                        .collect(),
                };
                found = true;
            } else if key == links_key {
                let links = map.next_value::<Option<Vec<Link>>>()?.unwrap_or_default();
                page.links_next = links.into_iter().find(|l| l.rel.as_deref() == Some("next")).and_then(|l| l.href);
            } else if key == "links" && R::PAGINATION == Pagination::LinksNext {
                let links = map.next_value::<Option<Map<String, serde_json::Value>>>()?.unwrap_or_default();
                page.links_next = links.get("next").and_then(|n| n.as_str()).map(str::to_string);
            } else if key == "next" {
                page.next = map.next_value::<Option<String>>()?.filter(|n| !n.is_empty());
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !found {
            return Err(serde::de::Error::custom(format!("no '{}' key in the list response", R::PLURAL)));
        }
        Ok(page)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<R>()? {
            items.push(item);
        }
        Ok(Page { items, links_next: None, next: None })
    }
}

/// One list item wrapped under `LIST_ITEM_KEY`.
struct ItemWrapper<R>(R);

impl<'de, R: Resource> Deserialize<'de> for ItemWrapper<R> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        KeyedSeed::<R>::new(R::LIST_ITEM_KEY).deserialize(de).map(ItemWrapper)
    }
}

/// Reads `{"<key>": {...}}`, or the object itself when `key` is `None`.
pub(crate) struct KeyedSeed<R> {
    key: Option<&'static str>,
    _r: PhantomData<fn() -> R>,
}

impl<R> KeyedSeed<R> {
    pub(crate) fn new(key: Option<&'static str>) -> Self {
        KeyedSeed { key, _r: PhantomData }
    }
}

impl<'de, R: Resource> DeserializeSeed<'de> for KeyedSeed<R> {
    type Value = R;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<R, D::Error> {
        match self.key {
            None => R::deserialize(de),
            Some(_) => de.deserialize_map(self),
        }
    }
}

impl<'de, R: Resource> Visitor<'de> for KeyedSeed<R> {
    type Value = R;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "an object with a '{}' key", self.key.unwrap_or(""))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<R, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if Some(key.as_str()) == self.key && found.is_none() {
                found = Some(map.next_value::<R>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        found.ok_or_else(|| serde::de::Error::custom(format!("no '{}' key in the response", self.key.unwrap_or(""))))
    }
}

fn wrap<R: Resource, B: Serialize>(body: &B) -> Result<serde_json::Value> {
    let value =
        serde_json::to_value(body).map_err(|e| Error::InvalidInput(format!("cannot encode {} body: {e}", R::NAME)))?;
    Ok(match R::KEY {
        Some(key) => serde_json::json!({ key: value }),
        None => value,
    })
}

/// `<base>/<id>`: the resource's own address ([`Resource::item_path`]) when `base` is its `PATH`,
/// else `id` under a parent's `base`.
pub(crate) fn item_path<R: Resource>(base: &str, id: &str) -> Result<String> {
    if base == R::PATH {
        return R::item_path(id);
    }
    if id.is_empty() {
        return Err(Error::InvalidInput(format!("empty {} id", R::NAME)));
    }
    Ok(format!("{}/{}", nested_base::<R>(base)?, utf8_percent_encode(id)))
}

/// `base` of a resource nested under a parent, refused when a segment is empty (an empty parent
/// id would otherwise address another collection: `users//application_credentials`).
fn nested_base<R: Resource>(base: &str) -> Result<&str> {
    let path = base.split('?').next().unwrap_or(base);
    if path.split('/').any(str::is_empty) {
        return Err(Error::InvalidInput(format!("{}: an empty parent id in the path '{base}'", R::NAME)));
    }
    Ok(base)
}

/// Percent-encode one path segment.
pub(crate) fn utf8_percent_encode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect::<String>().replace('+', "%20")
}

/// The endpoint of `R`'s service, its microversion clamped to what `R` is written for.
pub(crate) async fn resource_endpoint<R: Resource>(conn: &Connection) -> Result<crate::discovery::Endpoint> {
    let mut endpoint = conn.endpoint(R::SERVICE).await?;
    if let (Some(min), Some(current)) = (R::MIN_MICROVERSION, endpoint.microversion) {
        if current < min {
            return Err(Error::Unsupported {
                what: R::NAME.to_string(),
                service: R::SERVICE.as_str(),
                needs: format!("{min} or later"),
                current: Some(current),
                cloud_min: endpoint.min_microversion,
                cloud_max: endpoint.max_microversion,
            });
        }
    }
    if let (Some(max), Some(current)) = (R::MAX_MICROVERSION, endpoint.microversion) {
        endpoint.microversion = Some(current.min(max));
    }
    Ok(endpoint)
}

/// A request to `path` under `R`'s endpoint, with `R`'s microversion.
pub(crate) async fn resource_request<R: Resource>(conn: &Connection, method: Method, path: &str) -> Result<Request> {
    let endpoint = resource_endpoint::<R>(conn).await?;
    Ok(endpoint.apply_microversion(Request::new(method, endpoint.join(path))))
}

/// `GET <PATH>/<id>` (or `HEAD`, for resources read from headers).
pub async fn get<R: Resource>(conn: &Connection, id: &str) -> Result<R> {
    get_at(conn, R::PATH, id).await
}

/// `GET <base>/<id>` (or `HEAD`), for a resource nested under a parent (`base` replaces `PATH`).
pub async fn get_at<R: Resource>(conn: &Connection, base: &str, id: &str) -> Result<R> {
    let path = item_path::<R>(base, id)?;
    if R::SHOW_FROM == ShowFrom::Headers {
        let request = resource_request::<R>(conn, Method::HEAD, &path).await?;
        let fetched = conn.fetch(request).await?;
        return R::from_headers(id, &fetched.headers).map_err(|e| Error::Decode {
            resource: R::NAME.to_string(),
            url: fetched.url.clone(),
            message: format!("headers: {e}"),
        });
    }
    let request = resource_request::<R>(conn, Method::GET, &path).await?;
    conn.send_json_seeded(request, KeyedSeed::<R>::new(R::KEY), R::NAME).await
}

/// Lazily page through `R`'s list.
pub fn list<R: Resource>(conn: &Connection, query: &R::Query) -> Pager<R> {
    Pager::new(conn.clone(), query)
}

/// Find by id, else by exact name. Errors if nothing or more than one matches.
pub async fn find<R: Resource>(conn: &Connection, name_or_id: &str, all: R::Query) -> Result<R> {
    find_at(conn, R::PATH, None, name_or_id, all).await
}

/// [`find`] for a resource nested under a parent: get at `base`, list at `list_path` (`None`:
/// the resource's own [`Resource::list_path`]).
pub async fn find_at<R: Resource>(
    conn: &Connection,
    base: &str,
    list_path: Option<&str>,
    name_or_id: &str,
    all: R::Query,
) -> Result<R> {
    match get_at::<R>(conn, base, name_or_id).await {
        Ok(found) => return Ok(found),
        Err(e) if matches!(e.status(), Some(400 | 404)) => {}
        Err(e) => return Err(e),
    }
    let query = R::query_by_name(name_or_id).unwrap_or(all);
    let pager = match list_path {
        Some(path) => Pager::<R>::at(conn.clone(), path, &query),
        None => Pager::<R>::new(conn.clone(), &query),
    };
    let mut matches: Vec<R> = pager
        .filter(|r| futures::future::ready(r.as_ref().map_or(true, |r| r.name() == Some(name_or_id))))
        .take(2)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_>>()?;
    match matches.len() {
        0 => Err(Error::NotFound { resource: R::NAME, name_or_id: name_or_id.to_string() }),
        1 => Ok(matches.remove(0)),
        _ => Err(Error::MultipleMatches { resource: R::NAME, name: name_or_id.to_string() }),
    }
}

/// `POST <PATH>` with the body wrapped under the resource key.
pub async fn create<R: Resource, B: Serialize>(conn: &Connection, body: &B) -> Result<R> {
    create_at(conn, R::PATH, body).await
}

/// `POST <base>` with the body wrapped under the resource key (a resource nested under a parent).
pub async fn create_at<R: Resource, B: Serialize>(conn: &Connection, base: &str, body: &B) -> Result<R> {
    let request =
        resource_request::<R>(conn, Method::POST, nested_base::<R>(base)?).await?.json(&wrap::<R, B>(body)?)?;
    conn.send_json_seeded(request, KeyedSeed::<R>::new(R::KEY), R::NAME).await
}

/// `POST <PATH>` with many bodies in one request (`{"<plural>": [...]}`, neutron bulk create).
pub async fn create_bulk<R: Resource, B: Serialize>(conn: &Connection, bodies: &[B]) -> Result<Vec<R>> {
    let body = serde_json::json!({ R::PLURAL: bodies });
    let request = resource_request::<R>(conn, Method::POST, R::PATH).await?.json(&body)?;
    let page: Page<R> = conn.send_json_seeded(request, PageSeed::<R>::new(), R::NAME).await?;
    Ok(page.items)
}

/// Update `R` as its [`Resource::UPDATE_METHOD`] says: PUT or PATCH under the resource key, or a
/// JSON-patch list sent as it is.
pub async fn update<R: Resource, B: Serialize>(conn: &Connection, id: &str, body: &B) -> Result<R> {
    update_at(conn, R::PATH, id, body).await
}

/// [`update`] of a resource nested under a parent (`base` replaces `PATH`).
pub async fn update_at<R: Resource, B: Serialize>(conn: &Connection, base: &str, id: &str, body: &B) -> Result<R> {
    let path = item_path::<R>(base, id)?;
    let request = match R::UPDATE_METHOD {
        UpdateMethod::Put => resource_request::<R>(conn, Method::PUT, &path).await?.json(&wrap::<R, B>(body)?)?,
        UpdateMethod::Patch => resource_request::<R>(conn, Method::PATCH, &path).await?.json(&wrap::<R, B>(body)?)?,
        UpdateMethod::JsonPatch => {
            let request = resource_request::<R>(conn, Method::PATCH, &path).await?.json(body)?;
            request.header("content-type", "application/openstack-images-v2.1-json-patch")
        }
    };
    conn.send_json_seeded(request, KeyedSeed::<R>::new(R::KEY), R::NAME).await
}

/// `DELETE <PATH>/<id>`.
pub async fn delete<R: Resource>(conn: &Connection, id: &str) -> Result<()> {
    delete_at::<R>(conn, R::PATH, id).await
}

/// `DELETE <base>/<id>` (a resource nested under a parent).
pub async fn delete_at<R: Resource>(conn: &Connection, base: &str, id: &str) -> Result<()> {
    let request = resource_request::<R>(conn, Method::DELETE, &item_path::<R>(base, id)?).await?;
    conn.send(request).await?;
    Ok(())
}

/// Poll `get` every `interval` until `status` is one of `targets`; fail at once on one of
/// `failures` (e.g. `ERROR`) or after `timeout`.
pub async fn wait_for_status<R: Resource>(
    conn: &Connection,
    id: &str,
    targets: &[&str],
    failures: &[&str],
    timeout: Duration,
) -> Result<R> {
    wait_for_status_at(conn, R::PATH, id, targets, failures, timeout).await
}

/// [`wait_for_status`] for a resource nested under a parent (`base` replaces `PATH`).
pub async fn wait_for_status_at<R: Resource>(
    conn: &Connection,
    base: &str,
    id: &str,
    targets: &[&str],
    failures: &[&str],
    timeout: Duration,
) -> Result<R> {
    let started = Instant::now();
    let mut interval = Duration::from_millis(250);
    loop {
        let current = get_at::<R>(conn, base, id).await?;
        let status = current.status().unwrap_or("").to_string();
        if targets.iter().any(|t| t.eq_ignore_ascii_case(&status)) {
            return Ok(current);
        }
        if failures.iter().any(|f| f.eq_ignore_ascii_case(&status)) {
            return Err(Error::Wait {
                resource: R::NAME,
                id: id.to_string(),
                message: format!("reached status {status}"),
            });
        }
        if started.elapsed() >= timeout {
            return Err(Error::wait_timeout(R::NAME, id, timeout));
        }
        tokio::time::sleep(interval.min(timeout.saturating_sub(started.elapsed()))).await;
        interval = (interval * 2).min(Duration::from_secs(2));
    }
}

/// Poll until `get` answers 404.
pub async fn wait_for_delete<R: Resource>(conn: &Connection, id: &str, timeout: Duration) -> Result<()> {
    wait_for_delete_at::<R>(conn, R::PATH, id, timeout).await
}

/// [`wait_for_delete`] for a resource nested under a parent (`base` replaces `PATH`).
pub async fn wait_for_delete_at<R: Resource>(conn: &Connection, base: &str, id: &str, timeout: Duration) -> Result<()> {
    let started = Instant::now();
    let mut interval = Duration::from_millis(250);
    loop {
        match get_at::<R>(conn, base, id).await {
            Err(e) if e.status() == Some(404) => return Ok(()),
            Err(e) => return Err(e),
            Ok(_) if started.elapsed() >= timeout => return Err(Error::wait_timeout(R::NAME, id, timeout)),
            Ok(_) => {
                tokio::time::sleep(interval).await;
                interval = (interval * 2).min(Duration::from_secs(2));
            }
        }
    }
}

/// A field that may hold a name: `String` or `Option<String>` (for [`resource!`](crate::resource)).
pub trait AsName {
    /// The text, if any.
    fn as_name(&self) -> Option<&str>;
}

impl AsName for String {
    fn as_name(&self) -> Option<&str> {
        Some(self)
    }
}

impl AsName for Option<String> {
    fn as_name(&self) -> Option<&str> {
        self.as_deref()
    }
}

/// Declare a resource's [`Resource`] constants in one block; the operations it allows follow
/// as one-line impls of [`Creatable`](crate::api::Creatable), [`Updatable`](crate::api::Updatable)
/// and [`Deletable`](crate::api::Deletable).
///
/// ```ignore
/// ostack::resource!(Router {
///     service: Network, path: "routers", key: Some("router"), plural: "routers", query: RouterQuery,
///     name: name, status: status, name_filter: name,
/// });
/// impl Creatable for Router { type Create = CreateRouter; }
/// impl Updatable for Router { type Update = UpdateRouter; }
/// impl Deletable for Router {}
/// ```
/// Optional clauses, in this order: `display`, `list_path`, `pagination`, `list_item_key`,
/// `update_method`, `min_microversion`, `max_microversion`, `name` (field), `status` (field),
/// `name_filter` (the query's name field), `query_needs` (a function giving
/// [`Resource::query_needs`]: the microversions the query's filters exist at).
#[macro_export]
macro_rules! resource {
    ($ty:ident {
        service: $service:ident, path: $path:literal, key: $key:expr, plural: $plural:literal, query: $query:ty
        $(, display: $display:literal)?
        $(, list_path: $list_path:literal)?
        $(, pagination: $pagination:ident)?
        $(, list_item_key: $list_item_key:literal)?
        $(, update_method: $update_method:ident)?
        $(, min_microversion: ($min_major:literal, $min_minor:literal))?
        $(, max_microversion: ($max_major:literal, $max_minor:literal))?
        $(, name: $name_field:ident)?
        $(, status: $status_field:ident)?
        $(, name_filter: $name_filter:ident)?
        $(, query_needs: $query_needs:path)?
        $(,)?
    }) => {
        impl $crate::resource::Resource for $ty {
            const SERVICE: $crate::catalog::ServiceType = $crate::catalog::ServiceType::$service;
            const NAME: &'static str = $crate::resource!(@first $($display)?, stringify!($ty));
            const PATH: &'static str = $path;
            const KEY: Option<&'static str> = $key;
            const PLURAL: &'static str = $plural;
            $(const LIST_PATH: Option<&'static str> = Some($list_path);)?
            $(const PAGINATION: $crate::resource::Pagination = $crate::resource::Pagination::$pagination;)?
            $(const LIST_ITEM_KEY: Option<&'static str> = Some($list_item_key);)?
            $(const UPDATE_METHOD: $crate::resource::UpdateMethod = $crate::resource::UpdateMethod::$update_method;)?
            $(const MIN_MICROVERSION: Option<$crate::discovery::Microversion> =
                Some($crate::discovery::Microversion::new($min_major, $min_minor));)?
            $(const MAX_MICROVERSION: Option<$crate::discovery::Microversion> =
                Some($crate::discovery::Microversion::new($max_major, $max_minor));)?
            type Query = $query;

            fn id(&self) -> &str {
                &self.id
            }
            $(fn name(&self) -> Option<&str> {
                $crate::resource::AsName::as_name(&self.$name_field)
            })?
            $(fn status(&self) -> Option<&str> {
                $crate::resource::AsName::as_name(&self.$status_field)
            })?
            $(fn query_by_name(name: &str) -> Option<$query> {
                let mut query = <$query as ::std::default::Default>::default();
                query.$name_filter = Some(name.to_string());
                Some(query)
            })?
            $(fn query_needs(query: &$query) -> Vec<(&'static str, $crate::api::Versions)> {
                $query_needs(query)
            })?
        }
    };
    (@first $value:expr, $default:expr) => { $value };
    (@first , $default:expr) => { $default };
}

#[cfg(test)]
mod tests {
    use super::with_marker;

    #[test]
    fn marker_replaces_previous_marker() {
        assert_eq!(with_marker("http://h/v1/c?limit=2&marker=a", "b"), "http://h/v1/c?limit=2&marker=b");
        assert_eq!(with_marker("http://h/v1/c", "x y"), "http://h/v1/c?marker=x+y");
    }
}
