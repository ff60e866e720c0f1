//! Resources that live under a parent (`qos/policies/{id}/bandwidth_limit_rules`,
//! `floatingips/{id}/port_forwardings`, `routers/{id}/conntrack_helpers`): [`Children`] is their
//! typed handle, the parent's id fixed.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::network::v2::CreateBandwidthLimitRule;
//! let rules = conn.network().bandwidth_limit_rules("policy-id");
//! let rule = rules.create(&CreateBandwidthLimitRule { max_kbps: Some(1000), ..Default::default() }).await?;
//! assert_eq!(rules.list().await?.len(), 1);
//! rules.delete(&rule.id).await?;
//! # Ok(()) }
//! ```

use crate::api::{Creatable, Deletable, Updatable};
use crate::resource::{resource_request, utf8_percent_encode, KeyedSeed, Resource};
use crate::{Connection, Error, Result};
use reqwest::Method;
use serde::Serialize;
use serde_json::Value;
use std::marker::PhantomData;

/// A resource under a parent resource: `PATH` is its collection under `<PARENT_PATH>/<parent id>`.
pub trait Child: Resource {
    /// The parent's collection (`qos/policies`).
    const PARENT_PATH: &'static str;
}

/// The handle of `R` under one parent. Cheap to clone.
pub struct Children<R> {
    conn: Connection,
    parent: String,
    _r: PhantomData<fn() -> R>,
}

impl<R> Clone for Children<R> {
    fn clone(&self) -> Self {
        Children { conn: self.conn.clone(), parent: self.parent.clone(), _r: PhantomData }
    }
}

impl<R> std::fmt::Debug for Children<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Children")
            .field("resource", &std::any::type_name::<R>())
            .field("parent", &self.parent)
            .finish_non_exhaustive()
    }
}

impl<R: Child> Children<R> {
    /// The handle of `R` under `parent_id` on `conn`.
    pub fn new(conn: Connection, parent_id: impl Into<String>) -> Self {
        Children { conn, parent: parent_id.into(), _r: PhantomData }
    }

    /// The parent's id.
    pub fn parent_id(&self) -> &str {
        &self.parent
    }

    fn path(&self, id: Option<&str>) -> Result<String> {
        if self.parent.is_empty() {
            return Err(Error::InvalidInput(format!("empty parent id for {}", R::NAME)));
        }
        let mut path = format!("{}/{}/{}", R::PARENT_PATH, utf8_percent_encode(&self.parent), R::PATH);
        match id {
            Some("") => return Err(Error::InvalidInput(format!("empty {} id", R::NAME))),
            Some(id) => path = format!("{path}/{}", utf8_percent_encode(id)),
            None => {}
        }
        Ok(path)
    }

    async fn one(&self, method: Method, id: Option<&str>, body: Option<Value>) -> Result<R> {
        let mut request = resource_request::<R>(&self.conn, method, &self.path(id)?).await?;
        if let Some(body) = body {
            request = request.json(&body)?;
        }
        self.conn.send_json_seeded(request, KeyedSeed::<R>::new(R::KEY), R::NAME).await
    }

    fn wrap<B: Serialize>(body: &B) -> Result<Value> {
        let value = serde_json::to_value(body)
            .map_err(|e| Error::InvalidInput(format!("cannot encode {} body: {e}", R::NAME)))?;
        Ok(match R::KEY {
            Some(key) => serde_json::json!({ key: value }),
            None => value,
        })
    }

    /// Every one under the parent (one request: these lists are short).
    pub async fn list(&self) -> Result<Vec<R>> {
        self.list_with(&R::Query::default()).await
    }

    /// Those matching `query`.
    pub async fn list_with(&self, query: &R::Query) -> Result<Vec<R>> {
        let mut path = self.path(None)?;
        let q = serde_html_form::to_string(query)
            .map_err(|e| Error::InvalidInput(format!("cannot encode {} filters: {e}", R::NAME)))?;
        if !q.is_empty() {
            path = format!("{path}?{q}");
        }
        let request = resource_request::<R>(&self.conn, Method::GET, &path).await?;
        let url = request.url.clone();
        let mut body: Value = self.conn.send_json(request, R::NAME).await?;
        let items = body.get_mut(R::PLURAL).map(Value::take).ok_or_else(|| Error::Decode {
            resource: R::NAME.to_string(),
            url: url.clone(),
            message: format!("no '{}' key in the list response", R::PLURAL),
        })?;
        serde_json::from_value::<Option<Vec<R>>>(items).map(Option::unwrap_or_default).map_err(|e| Error::Decode {
            resource: R::NAME.to_string(),
            url,
            message: e.to_string(),
        })
    }

    /// One by id.
    pub async fn get(&self, id: &str) -> Result<R> {
        self.one(Method::GET, Some(id), None).await
    }
}

impl<R: Child + Creatable> Children<R> {
    /// Create one under the parent.
    pub async fn create(&self, body: &R::Create) -> Result<R> {
        self.one(Method::POST, None, Some(Self::wrap(body)?)).await
    }
}

impl<R: Child + Updatable> Children<R> {
    /// Change one.
    pub async fn update(&self, id: &str, body: &R::Update) -> Result<R> {
        self.one(Method::PUT, Some(id), Some(Self::wrap(body)?)).await
    }
}

impl<R: Child + Deletable> Children<R> {
    /// Delete one.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let request = resource_request::<R>(&self.conn, Method::DELETE, &self.path(Some(id))?).await?;
        self.conn.send(request).await.map(drop)
    }
}
