//! [`Connection`]: the single entry point. Config + auth + session + catalog, and one proxy per service.
//!
//! # Example
//! ```no_run
//! # async fn demo() -> ostack::Result<()> {
//! use ostack::session::{RetryPolicy, Timeouts};
//! let config = ostack::CloudConfig::from_cloud("devcloud")?;
//! let conn = ostack::Connection::builder(config)
//!     .retry_policy(RetryPolicy { max_retries: 2, ..Default::default() })
//!     .timeouts(Timeouts { request: std::time::Duration::from_secs(30), ..Default::default() })
//!     .build()
//!     .await?;
//! println!("{:?}", conn.compute().microversion().await?);
//! # Ok(()) }
//! ```

use crate::auth::Token;
use crate::catalog::{Catalog, ServiceType};
use crate::config::{AuthType, CloudConfig};
use crate::discovery::{self, Endpoint};
use crate::session::{Fetched, Request, RetryPolicy, Session, SessionOptions, Timeouts};
use crate::{Error, Result};
use reqwest::{Method, Response};
use serde::de::{DeserializeOwned, DeserializeSeed};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::OnceCell;

/// A connection to one cloud. Cheap to clone: clones share the session, token and endpoints.
///
/// ```no_run
/// # async fn demo() -> ostack::Result<()> {
/// let conn = ostack::Connection::from_cloud("devcloud").await?;
/// let flavor = conn.compute().flavors().find("m1.tiny").await?;
/// println!("{} has {} MB", flavor.name, flavor.ram);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Connection {
    inner: Arc<Inner>,
}

struct Inner {
    config: CloudConfig,
    session: Session,
    endpoints: HashMap<ServiceType, OnceCell<Endpoint>>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").field("cloud", &self.inner.config.name).finish_non_exhaustive()
    }
}

/// Builds a [`Connection`] from a [`CloudConfig`] with non-default options.
pub struct ConnectionBuilder {
    config: CloudConfig,
    options: SessionOptions,
    token: Option<Token>,
    endpoints: Vec<Endpoint>,
}

impl ConnectionBuilder {
    /// Replace the retry policy (e.g. `max_retries: 0` to turn retries off).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.options.retry = retry;
        self
    }

    /// Replace the connect, idle-read and per-attempt timeouts (the per-attempt one is also set
    /// by `api_timeout` in clouds.yaml).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.options.timeouts = timeouts;
        self
    }

    /// The largest JSON response body read into memory (default 256 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.options.max_body_size = bytes;
        self
    }

    /// Start with a token issued earlier (a cache); it is renewed on expiry or 401 like any other.
    pub fn token(mut self, token: Token) -> Self {
        self.token = Some(token);
        self
    }

    /// Start with endpoints discovered earlier (a cache): no version discovery for those services.
    pub fn endpoints(mut self, endpoints: Vec<Endpoint>) -> Self {
        self.endpoints = endpoints;
        self
    }

    /// Build the connection. Nothing is sent until the first call.
    pub async fn build(self) -> Result<Connection> {
        let session = Session::new(&self.config, self.options)?;
        if let Some(token) = self.token {
            session.preload_token(token).await;
        }
        let endpoints = crate::services::SERVICES
            .iter()
            .map(|spec| {
                let s = &spec.service;
                let known = self.endpoints.iter().find(|e| e.service == *s).cloned();
                (*s, OnceCell::new_with(known))
            })
            .collect();
        Ok(Connection { inner: Arc::new(Inner { config: self.config, session, endpoints }) })
    }
}

impl Connection {
    /// Connect to the cloud named by `OS_CLOUD` (or described by `OS_*` variables), reading
    /// clouds.yaml, secure.yaml and clouds-public.yaml like openstacksdk, and authenticate.
    pub async fn from_env() -> Result<Self> {
        Self::connect(CloudConfig::from_env()?).await
    }

    /// Connect to a named cloud of clouds.yaml and authenticate.
    pub async fn from_cloud(name: &str) -> Result<Self> {
        Self::connect(CloudConfig::from_cloud(name)?).await
    }

    /// Connect with a ready [`CloudConfig`] and authenticate.
    pub async fn connect(config: CloudConfig) -> Result<Self> {
        let conn = Self::builder(config).build().await?;
        conn.token().await?;
        Ok(conn)
    }

    /// A builder for options beyond the config (retry policy, a cached token).
    pub fn builder(config: CloudConfig) -> ConnectionBuilder {
        let mut options = SessionOptions::default();
        if let Some(timeout) = config.api_timeout {
            options.timeouts.request = timeout;
        }
        ConnectionBuilder { config, options, token: None, endpoints: Vec::new() }
    }

    /// The configuration this connection was built from.
    pub fn config(&self) -> &CloudConfig {
        &self.inner.config
    }

    /// The HTTP session (for raw requests).
    pub fn session(&self) -> &Session {
        &self.inner.session
    }

    /// The current token, authenticating if needed (`None` with `auth_type: none`).
    pub async fn token(&self) -> Result<Option<Arc<Token>>> {
        self.inner.session.token().await
    }

    /// The service catalog of the current token (empty with `auth_type: none`).
    pub async fn catalog(&self) -> Result<Catalog> {
        Ok(self.token().await?.map(|t| t.catalog.clone()).unwrap_or_default())
    }

    /// The endpoint of a service: override or catalog URL, version discovery, negotiated microversion.
    /// Discovered once per connection.
    pub async fn endpoint(&self, service: ServiceType) -> Result<Endpoint> {
        let cell = self.inner.endpoints.get(&service).expect("every service type has a cell");
        cell.get_or_try_init(|| async {
            let config = &self.inner.config;
            let raw = match config.endpoint_override(service.as_str()) {
                Some(url) => self.expand_project_id(url).await?,
                None if config.auth_type == AuthType::None => {
                    return Err(Error::config(
                        config.source_file.clone(),
                        format!("{}_endpoint_override", CloudConfig::config_key(service.as_str())),
                        format!("auth_type none needs an endpoint override for {service}"),
                    ))
                }
                // admin_token: one endpoint for every service (keystoneauth's token_endpoint.Token).
                None if config.auth_type == AuthType::AdminToken => config.auth.endpoint.clone().ok_or_else(|| {
                    config.config_error("auth.endpoint", "missing: admin_token auth needs an endpoint")
                })?,
                None => self.catalog().await?.endpoint(service, &config.interface, config.region_name.as_deref())?,
            };
            warn_if_downgraded(config, service, &raw);
            discovery::discover(&self.inner.session, service, &raw, config.api_version(service.as_str())).await
        })
        .await
        .cloned()
    }

    /// Every API version the service at a catalog URL offers (its root's version document),
    /// sorted by version: what `openstack versions show` prints. See
    /// [`discovery::available_versions`].
    pub async fn available_versions(&self, url: &str) -> Result<Vec<discovery::ApiVersion>> {
        discovery::available_versions(&self.inner.session, url).await
    }

    /// `%(project_id)s` in override URLs (swift) becomes the token's project id.
    async fn expand_project_id(&self, url: &str) -> Result<String> {
        if !url.contains("%(project_id)s") && !url.contains("%(tenant_id)s") {
            return Ok(url.to_string());
        }
        let project = self.token().await?.and_then(|t| t.project_id.clone()).unwrap_or_default();
        Ok(url.replace("%(project_id)s", &project).replace("%(tenant_id)s", &project))
    }

    /// The endpoints discovered so far (to cache them).
    pub fn discovered_endpoints(&self) -> Vec<Endpoint> {
        crate::services::SERVICES
            .iter()
            .filter_map(|s| self.inner.endpoints.get(&s.service).and_then(|c| c.get()).cloned())
            .collect()
    }

    /// A request to `path` under the service's versioned endpoint, with its microversion headers.
    pub async fn request(&self, service: ServiceType, method: Method, path: &str) -> Result<Request> {
        let endpoint = self.endpoint(service).await?;
        Ok(endpoint.apply_microversion(Request::new(method, endpoint.join(path))))
    }

    /// Send a request through the session.
    pub async fn send(&self, request: Request) -> Result<Response> {
        self.inner.session.send(request).await
    }

    /// Send a request and decode the JSON answer; decode errors name `what`, the field and the value.
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request, what: &str) -> Result<T> {
        self.send_json_seeded(request, std::marker::PhantomData::<T>, what).await
    }

    /// Send a request and decode the JSON answer with a serde seed.
    pub(crate) async fn send_json_seeded<T, S>(&self, request: Request, seed: S, what: &str) -> Result<T>
    where
        S: for<'de> DeserializeSeed<'de, Value = T>,
    {
        let url = request.url.clone();
        let fetched = self.fetch(request).await?;
        decode_seeded(&fetched.body, seed, what, &url)
    }

    /// Send a request and read the whole answer (within the session's body size limit).
    pub async fn fetch(&self, request: Request) -> Result<Fetched> {
        self.inner.session.fetch(request, &[]).await
    }

    /// The compute (nova) proxy.
    pub fn compute(&self) -> crate::compute::v2::ComputeProxy {
        crate::compute::v2::ComputeProxy::new(self.clone())
    }

    /// The network (neutron) proxy.
    pub fn network(&self) -> crate::network::v2::NetworkProxy {
        crate::network::v2::NetworkProxy::new(self.clone())
    }

    /// The identity (keystone) proxy.
    pub fn identity(&self) -> crate::identity::v3::IdentityProxy {
        crate::identity::v3::IdentityProxy::new(self.clone())
    }

    /// The image (glance) proxy.
    pub fn image(&self) -> crate::image::v2::ImageProxy {
        crate::image::v2::ImageProxy::new(self.clone())
    }

    /// The block storage (cinder) proxy.
    pub fn block_storage(&self) -> crate::block_storage::v3::BlockStorageProxy {
        crate::block_storage::v3::BlockStorageProxy::new(self.clone())
    }

    /// The placement proxy.
    pub fn placement(&self) -> crate::placement::v1::PlacementProxy {
        crate::placement::v1::PlacementProxy::new(self.clone())
    }

    /// The object store (swift) proxy.
    pub fn object_store(&self) -> crate::object_store::v1::ObjectStoreProxy {
        crate::object_store::v1::ObjectStoreProxy::new(self.clone())
    }
}

/// Warn when the token would travel in clear: an https auth URL and an http service endpoint.
fn warn_if_downgraded(config: &CloudConfig, service: ServiceType, endpoint: &str) {
    let https_auth = config.auth.auth_url.as_deref().is_some_and(|u| u.starts_with("https://"));
    if https_auth && endpoint.starts_with("http://") {
        tracing::warn!(
            service = %service,
            endpoint,
            "the auth URL is https but the {service} endpoint is plain http: the token will be sent unencrypted"
        );
    }
}

/// Decode JSON, naming the document, the path of the bad field and serde's message (which quotes the value).
pub(crate) fn decode_seeded<T, S>(bytes: &[u8], seed: S, what: &str, url: &str) -> Result<T>
where
    S: for<'de> DeserializeSeed<'de, Value = T>,
{
    let mut track = serde_path_to_error::Track::new();
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let result = seed
        .deserialize(serde_path_to_error::Deserializer::new(&mut json, &mut track))
        .and_then(|v| json.end().map(|_| v));
    result.map_err(|e| {
        let path = track.path().to_string();
        Error::Decode {
            resource: what.to_string(),
            url: url.to_string(),
            message: if path == "." { e.to_string() } else { format!("field `{path}`: {e}") },
        }
    })
}
