//! Identity (keystone) API v3: one file per resource, and the proxy handing out their
//! [`Api`](crate::Api)s. Keystone updates with `PATCH`; its lists are single pages unless a
//! `limit` is asked for (then `links.next` is followed).
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::identity::v3::{CreateProject, CreateUser, Grant, Secret};
//! let identity = conn.identity();
//! let project = identity.projects().create(&CreateProject::new("team-a")).await?;
//! let user = identity
//!     .users()
//!     .create(&CreateUser { password: Some(Secret::new("s3cret-pass")), ..CreateUser::new("alice") })
//!     .await?;
//! let member = identity.roles().find("member").await?;
//! identity.roles().grant(&member.id, &Grant::user(&user.id).on_project(&project.id)).await?;
//! # Ok(()) }
//! ```

mod access_rule;
mod application_credential;
mod credential;
mod domain;
mod ec2_credential;
mod endpoint;
mod federation_protocol;
mod grant;
mod group;
mod identity_provider;
mod limit;
mod mapping;
mod project;
mod proxy;
mod region;
mod registered_limit;
mod role;
mod role_assignment;
mod service;
mod service_provider;
mod token;
mod trust;
mod user;

pub use access_rule::{AccessRule, AccessRuleQuery, NewAccessRule};
pub use application_credential::{ApplicationCredential, ApplicationCredentialQuery, CreateApplicationCredential};
pub use credential::{CreateCredential, Credential, CredentialQuery, UpdateCredential};
pub use domain::{CreateDomain, Domain, DomainQuery, UpdateDomain};
pub use ec2_credential::Ec2Credential;
pub use endpoint::{CreateEndpoint, Endpoint, EndpointQuery, UpdateEndpoint};
pub use federation_protocol::{FederationProtocol, FederationProtocolBody};
pub use grant::GrantTo;
pub use grant::{Actor, Grant, Target};
pub use group::{CreateGroup, Group, GroupQuery, UpdateGroup};
pub use identity_provider::{IdentityProvider, IdentityProviderBody, IdentityProviderQuery};
pub use limit::{CreateLimit, Limit, LimitModel, LimitQuery, UpdateLimit};
pub use mapping::{Mapping, MappingBody};
pub use project::{CreateProject, Project, ProjectQuery, UpdateProject};
pub use proxy::IdentityProxy;
pub use region::{CreateRegion, Region, RegionQuery, UpdateRegion};
pub use registered_limit::{CreateRegisteredLimit, RegisteredLimit, RegisteredLimitQuery, UpdateRegisteredLimit};
pub use role::{CreateRole, Role, RoleInference, RoleQuery, UpdateRole};
pub use role_assignment::{AssignmentScope, RoleAssignment, RoleAssignmentQuery};
pub use service::{CreateService, Service, ServiceQuery, UpdateService};
pub use service_provider::{ServiceProvider, ServiceProviderBody};
pub use token::{TokenInfo, ValidateOptions};
pub use trust::{CreateTrust, Trust, TrustQuery};
pub use user::{CreateUser, UpdateUser, User, UserQuery};

use crate::api::Api;
use crate::catalog::ServiceType;
use crate::resource::{utf8_percent_encode, KeyedSeed, Resource};
use crate::session::Request;
use crate::{Connection, Result};
use reqwest::Method;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A secret keystone hands out or takes: an application credential or EC2 secret, a password, a
/// credential blob. `Debug` never shows it; it serializes as its value (request bodies, and the
/// output a user asked for), so never log a serialized body yourself.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wrap a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Secret(SecretString::from(secret.into()))
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Secret::new(secret)
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Secret::new(secret)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

/// A reference to another entity as keystone embeds it: `{"id": ..., "name": ..., "domain": {...}}`
/// (role assignments, trusts' and application credentials' roles, token bodies).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ref {
    /// Id.
    #[serde(default)]
    pub id: Option<String>,
    /// Name (with `include_names`, or when the reference is by name).
    #[serde(default)]
    pub name: Option<String>,
    /// Its domain, when keystone names it.
    #[serde(default)]
    pub domain: Option<Box<Ref>>,
    /// Everything else (`domain_id`, `links`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Ref {
    /// A reference by id.
    pub fn by_id(id: impl Into<String>) -> Self {
        Ref { id: Some(id.into()), ..Default::default() }
    }

    /// A reference by name.
    pub fn by_name(name: impl Into<String>) -> Self {
        Ref { name: Some(name.into()), ..Default::default() }
    }
}

/// Keystone reads a query flag as true whenever it is present unless its value is `0`
/// (`?effective=false` means true!): `Some(true)` is sent as `true`, `Some(false)` as `0`.
pub(crate) fn keystone_flag<S: Serializer>(value: &Option<bool>, s: S) -> std::result::Result<S::Ok, S::Error> {
    match value {
        Some(true) => s.serialize_str("true"),
        Some(false) => s.serialize_str("0"),
        None => s.serialize_none(),
    }
}

/// A request to `path` under the identity endpoint.
pub(crate) async fn request(conn: &Connection, method: Method, path: &str) -> Result<Request> {
    conn.request(ServiceType::Identity, method, path).await
}

/// Send a request and decode its JSON answer as `T`; errors name `what`.
pub(crate) async fn fetch_json<T: DeserializeOwned>(conn: &Connection, request: Request, what: &str) -> Result<T> {
    conn.send_json(request, what).await
}

/// Send a request whose answer says yes (2xx) or no (404): keystone's `HEAD` checks.
pub(crate) async fn exists(conn: &Connection, request: Request) -> Result<bool> {
    let fetched = conn.session().fetch(request, &[404]).await?;
    Ok(fetched.status.as_u16() != 404)
}

/// Send a request and ignore the answer's body.
pub(crate) async fn send_empty(conn: &Connection, request: Request) -> Result<()> {
    conn.fetch(request).await.map(drop)
}

/// A path segment, percent-encoded.
pub(crate) fn seg(segment: &str) -> Result<String> {
    if segment.is_empty() {
        return Err(crate::Error::InvalidInput("an empty id in an identity path".into()));
    }
    Ok(utf8_percent_encode(segment))
}

/// Create `R` with `PUT <base>/<id>` and the body under its key (keystone's federation
/// resources, whose id the caller picks).
pub(crate) async fn put_create<R: Resource, B: Serialize>(api: &Api<R>, id: &str, body: &B) -> Result<R> {
    let path = api.item_path(id)?;
    let mut wrapped = Map::new();
    let value = serde_json::to_value(body)
        .map_err(|e| crate::Error::InvalidInput(format!("cannot encode {} body: {e}", R::NAME)))?;
    wrapped.insert(R::KEY.unwrap_or_default().to_string(), value);
    let conn = api.connection();
    let request = crate::resource::resource_request::<R>(conn, Method::PUT, &path).await?.json(&wrapped)?;
    conn.send_json_seeded(request, KeyedSeed::<R>::new(R::KEY), R::NAME).await
}

/// Find `R` by id, else by exact name within the given list filters (e.g. one domain): unlike
/// [`Api::find_in`], the filters are kept when the name is added. `set_name` puts the name in
/// the query.
pub(crate) async fn find_filtered<R: Resource>(
    api: &Api<R>,
    name_or_id: &str,
    mut query: R::Query,
    set_name: impl FnOnce(&mut R::Query, String),
) -> Result<R> {
    match api.get(name_or_id).await {
        Ok(found) => return Ok(found),
        Err(e) if matches!(e.status(), Some(400 | 404)) => {}
        Err(e) => return Err(e),
    }
    set_name(&mut query, name_or_id.to_string());
    let mut matches: Vec<R> =
        api.list(&query).collect_all().await?.into_iter().filter(|r| r.name() == Some(name_or_id)).collect();
    match matches.len() {
        0 => Err(crate::Error::NotFound { resource: R::NAME, name_or_id: name_or_id.to_string() }),
        1 => Ok(matches.remove(0)),
        _ => Err(crate::Error::MultipleMatches { resource: R::NAME, name: name_or_id.to_string() }),
    }
}

/// `{"<key>": [...]}` answers that hold a list of `T` under a key chosen at run time.
pub(crate) fn list_under<T: DeserializeOwned>(body: &[u8], key: &str, what: &str, url: &str) -> Result<Vec<T>> {
    let mut map: Map<String, Value> = crate::connection::decode_seeded(body, std::marker::PhantomData, what, url)?;
    let list = map.remove(key).unwrap_or(Value::Array(Vec::new()));
    serde_json::from_value(if list.is_null() { Value::Array(Vec::new()) } else { list }).map_err(|e| {
        crate::Error::Decode {
            resource: what.to_string(),
            url: url.to_string(),
            message: format!("field `{key}`: {e}"),
        }
    })
}
