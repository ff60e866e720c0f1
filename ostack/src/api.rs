//! [`Api<R>`]: one typed handle per resource, in the spirit of kube-rs's `Api<K>`.
//!
//! `list`, `get`, `find` and the waits exist for every [`Resource`]; `create`, `update` and
//! `delete` only for resources that declare them ([`Creatable`], [`Updatable`], [`Deletable`]),
//! so a call the API does not have does not compile. Actions are typed methods written in the
//! resource's own file on top of the small request helpers here (`post_action`, `put_sub`, ...).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::network::v2::{CreateNetwork, NetworkQuery};
//! let networks = conn.network().networks(); // Api<Network>
//! let created = networks.create(&CreateNetwork::new("demo")).await?;
//! let all = networks.list(&NetworkQuery::default()).collect_all().await?;
//! assert!(all.iter().any(|n| n.id == created.id));
//! networks.delete(&created.id).await?;
//! # Ok(()) }
//! ```

use crate::connection::Connection;
use crate::discovery::{Endpoint, Microversion};
use crate::resource::{self, Pager, Resource};
use crate::session::{Fetched, Request};
use crate::{Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A resource that can be created: `POST <path>` with [`Creatable::Create`] under the key.
pub trait Creatable: Resource {
    /// The create body (only the fields the API accepts on create).
    type Create: Serialize + Send + Sync;

    /// The microversions the body's fields exist at (checked before anything is sent; see
    /// [`Versions`]). None by default.
    fn create_needs(_body: &Self::Create) -> Vec<(&'static str, Versions)> {
        Vec::new()
    }
}

/// A resource that can be changed: [`Resource::UPDATE_METHOD`] with [`Updatable::Update`].
pub trait Updatable: Resource {
    /// The update body: only the fields the API lets you change.
    type Update: Serialize + Send + Sync;

    /// The microversions the body's fields exist at (checked before anything is sent; see
    /// [`Versions`]). None by default.
    fn update_needs(_body: &Self::Update) -> Vec<(&'static str, Versions)> {
        Vec::new()
    }
}

/// A resource that can be deleted: `DELETE <path>/<id>`.
pub trait Deletable: Resource {}

/// The typed handle of one resource on one connection. Cheap to clone.
pub struct Api<R> {
    conn: Connection,
    /// The path it lives under when it is nested under a parent (`users/<id>/application_credentials`);
    /// `None`: [`Resource::PATH`].
    base: Option<Arc<str>>,
    _resource: PhantomData<fn() -> R>,
}

impl<R> Clone for Api<R> {
    fn clone(&self) -> Self {
        Api { conn: self.conn.clone(), base: self.base.clone(), _resource: PhantomData }
    }
}

impl<R> std::fmt::Debug for Api<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api").field("resource", &std::any::type_name::<R>()).finish_non_exhaustive()
    }
}

impl<R: Resource> Api<R> {
    /// The handle of `R` on `conn` (proxies hand these out: `conn.network().routers()`).
    pub fn new(conn: Connection) -> Self {
        Api { conn, base: None, _resource: PhantomData }
    }

    /// The handle of `R` nested under a parent: every call goes to `base` (percent-encode the
    /// parent id in it) instead of [`Resource::PATH`], e.g. `users/<id>/application_credentials`.
    /// Proxies hand these out: `conn.identity().application_credentials(user_id)`.
    pub fn nested(conn: Connection, base: impl Into<String>) -> Self {
        let base: String = base.into();
        Api { conn, base: Some(Arc::from(base.trim_end_matches('/'))), _resource: PhantomData }
    }

    /// The path the resource's items live under: `base` of [`Api::nested`], else [`Resource::PATH`].
    pub fn base(&self) -> &str {
        self.base.as_deref().unwrap_or(R::PATH)
    }

    /// The path of the list: `base` of [`Api::nested`]; `None`: the resource's own
    /// [`Resource::list_path`].
    fn list_path(&self) -> Option<&str> {
        self.base.as_deref()
    }

    /// The connection behind the handle.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// List lazily, page by page (`GET <list path>?<query>`).
    pub fn list(&self, query: &R::Query) -> Pager<R> {
        match self.list_path() {
            Some(path) => Pager::at(self.conn.clone(), path, query),
            None => Pager::new(self.conn.clone(), query),
        }
    }

    /// Get one by id (`GET <path>/<id>`).
    pub async fn get(&self, id: &str) -> Result<R> {
        resource::get_at(&self.conn, self.base(), id).await
    }

    /// Find one by id, else by exact name; an error if none or several match.
    pub async fn find(&self, name_or_id: &str) -> Result<R> {
        resource::find_at(&self.conn, self.base(), self.list_path(), name_or_id, R::find_query()).await
    }

    /// Find with a base query (e.g. nova's `is_public=None` to see private flavors too).
    pub async fn find_in(&self, name_or_id: &str, query: R::Query) -> Result<R> {
        resource::find_at(&self.conn, self.base(), self.list_path(), name_or_id, query).await
    }

    /// Poll `get` until `predicate` holds, backing off from 250 ms to 2 s; an error after `timeout`.
    pub async fn wait_for(&self, id: &str, predicate: impl Fn(&R) -> bool, timeout: Duration) -> Result<R> {
        let started = Instant::now();
        let mut interval = Duration::from_millis(250);
        loop {
            let current = self.get(id).await?;
            if predicate(&current) {
                return Ok(current);
            }
            if started.elapsed() >= timeout {
                return Err(Error::wait_timeout(R::NAME, id, timeout));
            }
            tokio::time::sleep(interval.min(timeout.saturating_sub(started.elapsed()))).await;
            interval = (interval * 2).min(Duration::from_secs(2));
        }
    }

    /// Wait until the status is one of `targets` (case-insensitive); fail at once on one of `failures`.
    pub async fn wait_for_status(&self, id: &str, targets: &[&str], failures: &[&str], timeout: Duration) -> Result<R> {
        resource::wait_for_status_at(&self.conn, self.base(), id, targets, failures, timeout).await
    }

    /// Wait until `get` answers 404.
    pub async fn wait_for_delete(&self, id: &str, timeout: Duration) -> Result<()> {
        resource::wait_for_delete_at::<R>(&self.conn, self.base(), id, timeout).await
    }

    /// The microversion calls on `R` send (the negotiated one, capped at what `R` is written
    /// for); `None` for a service without microversions.
    pub async fn microversion(&self) -> Result<Option<crate::discovery::Microversion>> {
        Ok(resource::resource_endpoint::<R>(&self.conn).await?.microversion)
    }

    /// Fail with [`Error::Unsupported`] unless calls on `R` send at least microversion `min`: for
    /// an `operation` (`"revert to snapshot"`) that the service added in that microversion.
    pub async fn require_microversion(&self, min: crate::discovery::Microversion, operation: &str) -> Result<()> {
        let what = format!("{} {operation}", R::NAME);
        self.endpoint_for(&[(&what, Versions { since: Some(min), until: None })]).await.map(drop)
    }

    /// `<path>/<id>` (percent-encoded), relative to the endpoint.
    pub fn item_path(&self, id: &str) -> Result<String> {
        resource::item_path::<R>(self.base(), id)
    }

    /// Send `method` to `<path>/<id>/<sub>` (or `<path>/<id>` when `sub` is empty) with an optional
    /// JSON body, and read the answer.
    pub async fn call<B: Serialize + ?Sized>(
        &self,
        method: Method,
        id: &str,
        sub: &str,
        body: Option<&B>,
    ) -> Result<Fetched> {
        let mut path = self.item_path(id)?;
        if !sub.is_empty() {
            path = format!("{path}/{}", sub.trim_start_matches('/'));
        }
        self.call_path(method, &path, body).await
    }

    /// Send `method` to `path` (relative to `R`'s endpoint, used as given: encode ids with
    /// [`Api::item_path`]) with `R`'s microversion and an optional JSON body, and read the answer.
    /// For calls on the collection rather than one item (`backups/import_record`).
    pub async fn call_path<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Fetched> {
        let mut request = resource::resource_request::<R>(&self.conn, method, path).await?;
        if let Some(body) = body {
            request = request.json(body)?;
        }
        self.conn.fetch(request).await
    }

    /// `POST <path>/<id>/action` with a typed action body (nova, cinder).
    pub async fn post_action<B: Serialize + ?Sized>(&self, id: &str, body: &B) -> Result<Fetched> {
        self.call(Method::POST, id, "action", Some(body)).await
    }

    /// `PUT <path>/<id>/<sub>` (neutron's `add_router_interface`, ...), decoding the answer.
    pub async fn put_sub<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        id: &str,
        sub: &str,
        body: &B,
    ) -> Result<T> {
        let fetched = self.call(Method::PUT, id, sub, Some(body)).await?;
        decode(&fetched)
    }

    /// `GET <path>/<id>/<sub>`, decoding the answer.
    pub async fn get_sub<T: DeserializeOwned>(&self, id: &str, sub: &str) -> Result<T> {
        let fetched = self.call::<()>(Method::GET, id, sub, None).await?;
        decode(&fetched)
    }

    /// `POST <path>/<id>/<sub>`, decoding the answer.
    pub async fn post_sub<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        id: &str,
        sub: &str,
        body: &B,
    ) -> Result<T> {
        let fetched = self.call(Method::POST, id, sub, Some(body)).await?;
        decode(&fetched)
    }

    /// `DELETE <path>/<id>/<sub>`.
    pub async fn delete_sub(&self, id: &str, sub: &str) -> Result<()> {
        self.call::<()>(Method::DELETE, id, sub, None).await.map(|_| ())
    }
}

/// The microversions a call, or one of its arguments, exists at; both ends inclusive.
///
/// ```
/// use ostack::api::Versions;
/// use ostack::Microversion;
/// let force = Versions::between((2, 30), (2, 67));
/// assert!(force.contains(Microversion::new(2, 30)) && !force.contains(Microversion::new(2, 68)));
/// assert_eq!(Versions::since(2, 30).and(Versions::until(2, 67)), force);
/// assert_eq!(force.and(Versions::since(2, 25)), force);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Versions {
    /// The first microversion it exists at.
    pub since: Option<Microversion>,
    /// The last microversion it exists at.
    pub until: Option<Microversion>,
}

impl Versions {
    /// Every microversion.
    pub const ANY: Versions = Versions { since: None, until: None };

    /// From `major.minor` on.
    pub const fn since(major: u32, minor: u32) -> Self {
        Versions { since: Some(Microversion::new(major, minor)), until: None }
    }

    /// Up to `major.minor` (removed at the next one).
    pub const fn until(major: u32, minor: u32) -> Self {
        Versions { since: None, until: Some(Microversion::new(major, minor)) }
    }

    /// From `since` up to `until`, both included.
    pub const fn between(since: (u32, u32), until: (u32, u32)) -> Self {
        Versions { since: Some(Microversion::new(since.0, since.1)), until: Some(Microversion::new(until.0, until.1)) }
    }

    /// The microversions both allow.
    pub fn and(self, other: Versions) -> Versions {
        Versions {
            since: self.since.max(other.since),
            until: match (self.until, other.until) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }

    /// Whether `version` is in the range.
    pub fn contains(&self, version: Microversion) -> bool {
        self.since.is_none_or(|s| version >= s) && self.until.is_none_or(|u| version <= u)
    }
}

/// The endpoint of `R` with its microversion narrowed to what every entry of `needs` allows
/// (see [`narrow`]).
pub(crate) async fn endpoint_for<R: Resource>(conn: &Connection, needs: &[(&str, Versions)]) -> Result<Endpoint> {
    narrow(resource::resource_endpoint::<R>(conn).await?, needs)
}

/// The endpoint of `service`, or an [`Error::Unsupported`] naming `what` unless the connection
/// speaks at least `min` to it: the one check for calls that are not a resource's (placement's
/// allocation candidates, cinder's default types). Nothing is sent.
pub(crate) async fn require_microversion(
    conn: &Connection,
    service: crate::ServiceType,
    min: Microversion,
    what: &str,
) -> Result<Endpoint> {
    narrow(conn.endpoint(service).await?, &[(what, Versions { since: Some(min), until: None })])
}

/// `endpoint` with its microversion narrowed to what every entry of `needs` allows: lowered to
/// the smallest `until` when the negotiated one is above it (and the cloud offers it), an
/// [`Error::Unsupported`] naming the entry when an entry cannot be met.
pub fn narrow(mut endpoint: Endpoint, needs: &[(&str, Versions)]) -> Result<Endpoint> {
    let Some(current) = endpoint.microversion else {
        // A service without microversions: only calls that exist at the base version pass.
        if let Some((what, since)) = needs.iter().find_map(|(what, v)| v.since.map(|s| (what, s))) {
            return Err(unsupported(what, &endpoint, format!("{since} or later")));
        }
        return Ok(endpoint);
    };
    for (what, v) in needs {
        if let Some(since) = v.since.filter(|s| current < *s) {
            return Err(unsupported(what, &endpoint, format!("{since} or later")));
        }
    }
    let lowest_until = needs.iter().filter_map(|(what, v)| v.until.map(|u| (what, u))).min_by_key(|(_, u)| *u);
    if let Some((what, until)) = lowest_until.filter(|(_, u)| current > *u) {
        let highest_since = needs.iter().filter_map(|(_, v)| v.since).max();
        let offered = endpoint.min_microversion.is_none_or(|min| until >= min);
        if !offered || highest_since.is_some_and(|s| s > until) {
            return Err(unsupported(what, &endpoint, format!("{until} or earlier")));
        }
        endpoint.microversion = Some(until);
    }
    Ok(endpoint)
}

fn unsupported(what: &str, endpoint: &Endpoint, needs: String) -> Error {
    Error::Unsupported {
        what: what.to_string(),
        service: endpoint.service.as_str(),
        needs,
        current: endpoint.microversion,
        cloud_min: endpoint.min_microversion,
        cloud_max: endpoint.max_microversion,
    }
}

impl<R: Resource> Api<R> {
    /// `<path>/<id>/<sub>` (the id percent-encoded; `sub` as given), relative to the endpoint.
    pub fn sub_path(&self, id: &str, sub: &str) -> Result<String> {
        Ok(format!("{}/{}", self.item_path(id)?, sub.trim_start_matches('/')))
    }

    /// The endpoint with its microversion narrowed to what each `(what, versions)` entry allows
    /// (see [`Versions`]); an [`Error::Unsupported`] naming the first entry that cannot be met.
    pub async fn endpoint_for(&self, needs: &[(&str, Versions)]) -> Result<Endpoint> {
        endpoint_for::<R>(&self.conn, needs).await
    }

    /// Send `method` to `path` (relative to the endpoint, query included) on an endpoint from
    /// [`Api::endpoint_for`], with an optional JSON body, and read the answer.
    pub async fn call_on<B: Serialize + ?Sized>(
        &self,
        endpoint: &Endpoint,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Fetched> {
        let mut request = endpoint.apply_microversion(Request::new(method, endpoint.join(path)));
        if let Some(body) = body {
            request = request.json(body)?;
        }
        self.conn.fetch(request).await
    }

    /// [`Api::endpoint_for`] then [`Api::call_on`]: nothing is sent when an entry of `needs`
    /// cannot be met.
    pub async fn call_at<B: Serialize + ?Sized>(
        &self,
        needs: &[(&str, Versions)],
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Fetched> {
        let endpoint = self.endpoint_for(needs).await?;
        self.call_on(&endpoint, method, path, body).await
    }
}

impl<R: Resource> Api<R> {
    /// Send `body` under `R`'s key to `path` at a microversion `needs` allows; read `R` back.
    async fn send_keyed<B: Serialize>(
        &self,
        needs: &[(&'static str, Versions)],
        method: Method,
        path: &str,
        body: &B,
    ) -> Result<R> {
        let endpoint = self.endpoint_for(needs).await?;
        let value = serde_json::to_value(body)
            .map_err(|e| Error::InvalidInput(format!("cannot encode {} body: {e}", R::NAME)))?;
        let wrapped = match R::KEY {
            Some(key) => serde_json::json!({ key: value }),
            None => value,
        };
        let request = endpoint.apply_microversion(Request::new(method, endpoint.join(path))).json(&wrapped)?;
        self.conn.send_json_seeded(request, resource::KeyedSeed::<R>::new(R::KEY), R::NAME).await
    }
}

/// Decode a JSON answer into `T` (errors name the type, the field and the URL).
pub(crate) fn decode<T: DeserializeOwned>(fetched: &Fetched) -> Result<T> {
    crate::connection::decode_seeded(&fetched.body, PhantomData::<T>, std::any::type_name::<T>(), &fetched.url)
}

impl<R: Creatable> Api<R> {
    /// Create one (`POST <path>`, the body under the resource key).
    pub async fn create(&self, body: &R::Create) -> Result<R> {
        let needs = R::create_needs(body);
        if needs.is_empty() {
            return resource::create_at(&self.conn, self.base(), body).await;
        }
        self.send_keyed(&needs, Method::POST, self.base(), body).await
    }
}

impl<R: Updatable> Api<R> {
    /// Change one ([`Resource::UPDATE_METHOD`]: PUT or PATCH under the key, or a JSON patch).
    pub async fn update(&self, id: &str, body: &R::Update) -> Result<R> {
        let needs = R::update_needs(body);
        let method = match R::UPDATE_METHOD {
            resource::UpdateMethod::Put => Method::PUT,
            resource::UpdateMethod::Patch => Method::PATCH,
            resource::UpdateMethod::JsonPatch => return resource::update_at(&self.conn, self.base(), id, body).await,
        };
        if needs.is_empty() {
            return resource::update_at(&self.conn, self.base(), id, body).await;
        }
        self.send_keyed(&needs, method, &self.item_path(id)?, body).await
    }
}

impl<R: Deletable> Api<R> {
    /// Delete one (`DELETE <path>/<id>`).
    pub async fn delete(&self, id: &str) -> Result<()> {
        resource::delete_at::<R>(&self.conn, self.base(), id).await
    }
}
