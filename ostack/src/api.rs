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
use crate::resource::{self, Pager, Resource};
use crate::session::Fetched;
use crate::{Error, Result};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
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
    _resource: PhantomData<fn() -> R>,
}

impl<R> Clone for Api<R> {
    fn clone(&self) -> Self {
        Api { conn: self.conn.clone(), _resource: PhantomData }
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
        Api { conn, _resource: PhantomData }
    }

    /// The connection behind the handle.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// List lazily, page by page (`GET <list path>?<query>`).
    pub fn list(&self, query: &R::Query) -> Pager<R> {
        resource::list(&self.conn, query)
    }

    /// Get one by id (`GET <path>/<id>`).
    pub async fn get(&self, id: &str) -> Result<R> {
        resource::get(&self.conn, id).await
    }

    /// Find one by id, else by exact name; an error if none or several match.
    pub async fn find(&self, name_or_id: &str) -> Result<R> {
        resource::find(&self.conn, name_or_id, R::find_query()).await
    }

    /// Find with a base query (e.g. nova's `is_public=None` to see private flavors too).
    pub async fn find_in(&self, name_or_id: &str, query: R::Query) -> Result<R> {
        resource::find(&self.conn, name_or_id, query).await
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
        resource::wait_for_status(&self.conn, id, targets, failures, timeout).await
    }

    /// Wait until `get` answers 404.
    pub async fn wait_for_delete(&self, id: &str, timeout: Duration) -> Result<()> {
        resource::wait_for_delete::<R>(&self.conn, id, timeout).await
    }

    /// The microversion calls on `R` send (the negotiated one, capped at what `R` is written
    /// for); `None` for a service without microversions.
    pub async fn microversion(&self) -> Result<Option<crate::discovery::Microversion>> {
        Ok(resource::resource_endpoint::<R>(&self.conn).await?.microversion)
    }

    /// Fail with a clear error unless calls on `R` send at least microversion `min`: for an
    /// `operation` (`"revert to snapshot"`) that the service added in that microversion.
    pub async fn require_microversion(&self, min: crate::discovery::Microversion, operation: &str) -> Result<()> {
        let endpoint = resource::resource_endpoint::<R>(&self.conn).await?;
        match endpoint.microversion {
            Some(current) if current >= min => Ok(()),
            current => Err(Error::InvalidInput(format!(
                "{} {operation} needs {} microversion {min} or later; this connection uses {} (the cloud offers up to {})",
                R::NAME,
                R::SERVICE,
                current.map_or_else(|| "none".to_string(), |m| m.to_string()),
                endpoint.max_microversion.map_or_else(|| "none".to_string(), |m| m.to_string()),
            ))),
        }
    }

    /// `<path>/<id>` (percent-encoded), relative to the endpoint.
    pub fn item_path(&self, id: &str) -> Result<String> {
        R::item_path(id)
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

fn decode<T: DeserializeOwned>(fetched: &Fetched) -> Result<T> {
    crate::connection::decode_seeded(&fetched.body, PhantomData::<T>, std::any::type_name::<T>(), &fetched.url)
}

impl<R: Creatable> Api<R> {
    /// Create one (`POST <path>`, the body under the resource key).
    pub async fn create(&self, body: &R::Create) -> Result<R> {
        resource::create(&self.conn, body).await
    }
}

impl<R: Updatable> Api<R> {
    /// Change one ([`Resource::UPDATE_METHOD`]: PUT or PATCH under the key, or a JSON patch).
    pub async fn update(&self, id: &str, body: &R::Update) -> Result<R> {
        resource::update(&self.conn, id, body).await
    }
}

impl<R: Deletable> Api<R> {
    /// Delete one (`DELETE <path>/<id>`).
    pub async fn delete(&self, id: &str) -> Result<()> {
        resource::delete::<R>(&self.conn, id).await
    }
}
