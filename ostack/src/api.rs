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
use crate::resource::{self, utf8_percent_encode, Pager, Resource};
use crate::session::Fetched;
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
}

/// A resource that can be changed: [`Resource::UPDATE_METHOD`] with [`Updatable::Update`].
pub trait Updatable: Resource {
    /// The update body: only the fields the API lets you change.
    type Update: Serialize + Send + Sync;
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

    /// The path of the list: `base` of [`Api::nested`], else `LIST_PATH` or `PATH`.
    fn list_path(&self) -> &str {
        self.base.as_deref().unwrap_or(R::LIST_PATH.unwrap_or(R::PATH))
    }

    /// The connection behind the handle.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// List lazily, page by page (`GET <list path>?<query>`).
    pub fn list(&self, query: &R::Query) -> Pager<R> {
        Pager::at(self.conn.clone(), self.list_path(), query)
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

    /// `<path>/<id>` (percent-encoded), relative to the endpoint.
    pub fn item_path(&self, id: &str) -> Result<String> {
        if id.is_empty() {
            return Err(Error::InvalidInput(format!("empty {} id", R::NAME)));
        }
        Ok(format!("{}/{}", self.base(), utf8_percent_encode(id)))
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
        let mut request = resource::resource_request::<R>(&self.conn, method, &path).await?;
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

fn decode<T: DeserializeOwned>(fetched: &Fetched) -> Result<T> {
    crate::connection::decode_seeded(&fetched.body, PhantomData::<T>, std::any::type_name::<T>(), &fetched.url)
}

impl<R: Creatable> Api<R> {
    /// Create one (`POST <path>`, the body under the resource key).
    pub async fn create(&self, body: &R::Create) -> Result<R> {
        resource::create_at(&self.conn, self.base(), body).await
    }
}

impl<R: Updatable> Api<R> {
    /// Change one ([`Resource::UPDATE_METHOD`]: PUT or PATCH under the key, or a JSON patch).
    pub async fn update(&self, id: &str, body: &R::Update) -> Result<R> {
        resource::update_at(&self.conn, self.base(), id, body).await
    }
}

impl<R: Deletable> Api<R> {
    /// Delete one (`DELETE <path>/<id>`).
    pub async fn delete(&self, id: &str) -> Result<()> {
        resource::delete_at::<R>(&self.conn, self.base(), id).await
    }
}
