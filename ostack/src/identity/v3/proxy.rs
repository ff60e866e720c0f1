//! The identity proxy: one typed [`Api`] per keystone resource, and the token calls.

use super::token::{with_subject, TokenBody};
use super::{
    exists, fetch_json, list_under, request, send_empty, AccessRule, ApplicationCredential, Credential, Domain,
    Ec2Credential, Endpoint, FederationProtocol, Group, IdentityProvider, Limit, Mapping, Project, Region,
    RegisteredLimit, Role, RoleAssignment, Service, ServiceProvider, TokenInfo, Trust, User, ValidateOptions,
};
use crate::api::Api;
use crate::catalog::Catalog;
use crate::resource::utf8_percent_encode;
use crate::{Connection, Error, Result};
use reqwest::Method;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Identity (keystone) calls. Get it with [`Connection::identity`].
#[derive(Debug, Clone)]
pub struct IdentityProxy {
    conn: Connection,
}

impl IdentityProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        IdentityProxy { conn }
    }

    /// Domains.
    pub fn domains(&self) -> Api<Domain> {
        Api::new(self.conn.clone())
    }

    /// Projects (tags, parents and subtree are on the handle).
    pub fn projects(&self) -> Api<Project> {
        Api::new(self.conn.clone())
    }

    /// Users (password change, their groups and projects are on the handle).
    pub fn users(&self) -> Api<User> {
        Api::new(self.conn.clone())
    }

    /// Groups (membership is on the handle).
    pub fn groups(&self) -> Api<Group> {
        Api::new(self.conn.clone())
    }

    /// Roles (grants and implied roles are on the handle).
    pub fn roles(&self) -> Api<Role> {
        Api::new(self.conn.clone())
    }

    /// Role assignments (list only).
    pub fn role_assignments(&self) -> Api<RoleAssignment> {
        Api::new(self.conn.clone())
    }

    /// Catalog services.
    pub fn services(&self) -> Api<Service> {
        Api::new(self.conn.clone())
    }

    /// Catalog endpoints (project endpoint filters are on the handle).
    pub fn endpoints(&self) -> Api<Endpoint> {
        Api::new(self.conn.clone())
    }

    /// Regions.
    pub fn regions(&self) -> Api<Region> {
        Api::new(self.conn.clone())
    }

    /// The application credentials of a user.
    pub fn application_credentials(&self, user_id: &str) -> Api<ApplicationCredential> {
        Api::nested(self.conn.clone(), format!("users/{}/application_credentials", utf8_percent_encode(user_id)))
    }

    /// The access rules of a user's application credentials.
    pub fn access_rules(&self, user_id: &str) -> Api<AccessRule> {
        Api::nested(self.conn.clone(), format!("users/{}/access_rules", utf8_percent_encode(user_id)))
    }

    /// Stored credentials.
    pub fn credentials(&self) -> Api<Credential> {
        Api::new(self.conn.clone())
    }

    /// The EC2 credentials of a user.
    pub fn ec2_credentials(&self, user_id: &str) -> Api<Ec2Credential> {
        Api::nested(self.conn.clone(), format!("users/{}/credentials/OS-EC2", utf8_percent_encode(user_id)))
    }

    /// Project and domain limits.
    pub fn limits(&self) -> Api<Limit> {
        Api::new(self.conn.clone())
    }

    /// Registered (default) limits.
    pub fn registered_limits(&self) -> Api<RegisteredLimit> {
        Api::new(self.conn.clone())
    }

    /// Trusts.
    pub fn trusts(&self) -> Api<Trust> {
        Api::new(self.conn.clone())
    }

    /// Federated identity providers.
    pub fn identity_providers(&self) -> Api<IdentityProvider> {
        Api::new(self.conn.clone())
    }

    /// Federation mappings.
    pub fn mappings(&self) -> Api<Mapping> {
        Api::new(self.conn.clone())
    }

    /// The protocols of an identity provider.
    pub fn federation_protocols(&self, idp_id: &str) -> Api<FederationProtocol> {
        Api::nested(
            self.conn.clone(),
            format!("OS-FEDERATION/identity_providers/{}/protocols", utf8_percent_encode(idp_id)),
        )
    }

    /// Federation service providers.
    pub fn service_providers(&self) -> Api<ServiceProvider> {
        Api::new(self.conn.clone())
    }

    /// The id of the user the connection authenticates as.
    pub async fn current_user_id(&self) -> Result<String> {
        self.conn
            .token()
            .await?
            .and_then(|t| t.user_id.clone())
            .ok_or_else(|| Error::InvalidInput("this connection has no token with a user (auth_type none?)".into()))
    }

    /// Validate a token and read what it stands for (`GET /v3/auth/tokens`); a 404 error when it
    /// is invalid, expired or revoked.
    pub async fn validate_token(&self, token: &str) -> Result<TokenInfo> {
        self.validate_token_with(token, &ValidateOptions::default()).await
    }

    /// [`IdentityProxy::validate_token`] without the catalog, or accepting an expired token.
    pub async fn validate_token_with(&self, token: &str, options: &ValidateOptions) -> Result<TokenInfo> {
        let query = serde_urlencoded::to_string(options)
            .map_err(|e| Error::InvalidInput(format!("cannot encode token options: {e}")))?;
        let path = if query.is_empty() { "auth/tokens".to_string() } else { format!("auth/tokens?{query}") };
        let request = with_subject(request(&self.conn, Method::GET, &path).await?, token)?;
        fetch_json::<TokenBody>(&self.conn, request, "Token").await.map(|b| b.token)
    }

    /// Whether a token is valid (`HEAD /v3/auth/tokens`).
    pub async fn check_token(&self, token: &str) -> Result<bool> {
        let request = with_subject(request(&self.conn, Method::HEAD, "auth/tokens").await?, token)?;
        exists(&self.conn, request).await
    }

    /// Revoke a token (`DELETE /v3/auth/tokens`); it is refused from then on.
    pub async fn revoke_token(&self, token: &str) -> Result<()> {
        let request = with_subject(request(&self.conn, Method::DELETE, "auth/tokens").await?, token)?;
        send_empty(&self.conn, request).await
    }

    /// The catalog of the connection's token, fresh from keystone (`GET /v3/auth/catalog`).
    pub async fn auth_catalog(&self) -> Result<Catalog> {
        #[derive(Deserialize)]
        struct Body {
            catalog: Catalog,
        }
        let request = request(&self.conn, Method::GET, "auth/catalog").await?;
        fetch_json::<Body>(&self.conn, request, "Catalog").await.map(|b| b.catalog)
    }

    /// The projects the connection's user can scope to (`GET /v3/auth/projects`).
    pub async fn auth_projects(&self) -> Result<Vec<Project>> {
        self.auth_list("auth/projects", "projects", "Project").await
    }

    /// The domains the connection's user can scope to (`GET /v3/auth/domains`).
    pub async fn auth_domains(&self) -> Result<Vec<Domain>> {
        self.auth_list("auth/domains", "domains", "Domain").await
    }

    /// The system scopes the connection's user has (`GET /v3/auth/system`: `[{"all": true}]` or
    /// empty).
    pub async fn auth_system(&self) -> Result<Vec<Map<String, Value>>> {
        self.auth_list("auth/system", "system", "System").await
    }

    async fn auth_list<T: serde::de::DeserializeOwned>(&self, path: &str, key: &str, what: &str) -> Result<Vec<T>> {
        let request = request(&self.conn, Method::GET, path).await?;
        let url = request.url.clone();
        let fetched = self.conn.fetch(request).await?;
        list_under(&fetched.body, key, what, &url)
    }
}
