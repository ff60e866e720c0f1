//! Cloud configuration: clouds.yaml, secure.yaml, clouds-public.yaml and `OS_*` variables,
//! found and merged the way openstacksdk does.
//!
//! The result is one [`CloudConfig`]: everything a [`crate::Connection`] needs.
//!
//! # Example
//! ```no_run
//! let config = ostack::CloudConfig::from_cloud("devcloud")?; // clouds.yaml + secure.yaml + OS_*
//! println!("{:?} at {:?}, api_timeout {:?}", config.name, config.auth.auth_url, config.api_timeout);
//! # Ok::<(), ostack::Error>(())
//! ```

mod depth;
mod env;
mod loader;

pub use loader::{ConfigLoader, MAX_CONFIG_DEPTH, MAX_CONFIG_FILE_BYTES};

use crate::Error;
use secrecy::SecretString;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// The configuration of one cloud, after all sources were merged.
#[derive(Debug, Clone, Default)]
pub struct CloudConfig {
    /// Name of the cloud in clouds.yaml (`None` when built from `OS_*` variables alone).
    pub name: Option<String>,
    /// Auth plugin: `password`, `token`, `v3applicationcredential`, `v3totp`, `v3multifactor`,
    /// `admin_token`, `v3oidcpassword`, `v3oidcclientcredentials`, `v3oidcaccesstoken`, `none`
    /// (and their aliases).
    pub auth_type: AuthType,
    /// Credentials and scope.
    pub auth: AuthConfig,
    /// Region used to pick endpoints from the catalog.
    pub region_name: Option<String>,
    /// Endpoint interface: `public` (default), `internal` or `admin`.
    pub interface: String,
    /// Endpoint overrides by service type (`compute` -> `http://...`), from `<service>_endpoint_override`.
    pub endpoint_overrides: BTreeMap<String, String>,
    /// API versions by service type, from `<service>_api_version` (a microversion for compute).
    ///
    /// The loader accepts `latest`, `N` and `N.M` (an optional leading `v` is kept);
    /// `N.latest` is stored as `latest`.
    pub api_versions: BTreeMap<String, String>,
    /// Verify TLS certificates (`verify`, `insecure`).
    pub verify: bool,
    /// CA bundle to trust (`cacert`; `~` is expanded). The loader checks that the file can be
    /// read, and drops it (with a warning) when `verify` is off, as openstacksdk ignores it then.
    pub cacert: Option<PathBuf>,
    /// Client certificate (`cert`; `~` is expanded). The loader checks that the file can be read.
    pub cert: Option<PathBuf>,
    /// Client key (`key`; `~` is expanded), used with `cert`. The loader checks that the file can
    /// be read when `cert` is set.
    pub key: Option<PathBuf>,
    /// Timeout of one API call (`api_timeout` in clouds.yaml, `OS_API_TIMEOUT`, in seconds),
    /// as openstacksdk passes it to its session. `None` when not configured.
    pub api_timeout: Option<Duration>,
    /// The clouds.yaml this cloud came from (for error messages).
    pub source_file: Option<PathBuf>,
    /// Keys whose value came from an `OS_*` variable, with the variable's name
    /// (`cacert` -> `OS_CACERT`, `auth.auth_url` -> `OS_AUTH_URL`), so errors name the right source.
    pub env_sources: BTreeMap<String, String>,
}

/// The auth plugin named by `auth_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthType {
    /// Keystone v3 password (`password`, `v3password`).
    #[default]
    Password,
    /// An existing Keystone token (`token`, `v3token`).
    Token,
    /// Keystone v3 application credential (`v3applicationcredential`).
    ApplicationCredential,
    /// Keystone v3 time-based one-time password (`v3totp`): the user and `passcode`.
    Totp,
    /// Several Keystone v3 methods in one request (`v3multifactor`), named by `auth_methods`
    /// (`[v3password, v3totp]`), for users whose `multi_factor_auth_rules` ask for them.
    MultiFactor,
    /// A static token sent as is to one `endpoint` (`admin_token`): no Keystone request, no
    /// catalog; every service uses `endpoint` unless it has its own `<service>_endpoint_override`.
    AdminToken,
    /// OpenID Connect resource owner password grant, then Keystone federation (`v3oidcpassword`).
    OidcPassword,
    /// OpenID Connect client credentials grant, then Keystone federation (`v3oidcclientcredentials`).
    OidcClientCredentials,
    /// An OpenID Connect access token obtained elsewhere, exchanged with Keystone federation
    /// (`v3oidcaccesstoken`).
    OidcAccessToken,
    /// No Keystone at all: every endpoint comes from `<service>_endpoint_override` (`none`, `noauth`).
    None,
}

impl AuthType {
    /// Parse the `auth_type` value as openstacksdk/keystoneauth name it.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "password" | "v3password" => Some(AuthType::Password),
            "token" | "v3token" => Some(AuthType::Token),
            "v3applicationcredential" | "applicationcredential" | "application_credential" => {
                Some(AuthType::ApplicationCredential)
            }
            "v3totp" => Some(AuthType::Totp),
            "v3multifactor" => Some(AuthType::MultiFactor),
            "admin_token" => Some(AuthType::AdminToken),
            "v3oidcpassword" => Some(AuthType::OidcPassword),
            "v3oidcclientcredentials" => Some(AuthType::OidcClientCredentials),
            "v3oidcaccesstoken" => Some(AuthType::OidcAccessToken),
            "none" | "noauth" => Some(AuthType::None),
            _ => None,
        }
    }

    /// The names [`AuthType::parse`] accepts, one per type, for error messages.
    pub const SUPPORTED: &'static str = "password, token, v3applicationcredential, v3totp, v3multifactor, \
        admin_token, v3oidcpassword, v3oidcclientcredentials, v3oidcaccesstoken, none";

    /// True for the OpenID Connect types, which authenticate through Keystone federation.
    pub fn is_oidc(self) -> bool {
        matches!(self, AuthType::OidcPassword | AuthType::OidcClientCredentials | AuthType::OidcAccessToken)
    }
}

/// One method of a `v3multifactor` login, from `auth_methods`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMethod {
    /// `v3password`: the user and `password`.
    Password,
    /// `v3totp`: the user and `passcode`.
    Totp,
    /// `v3token`: `token`.
    Token,
    /// `v3applicationcredential`: the application credential.
    ApplicationCredential,
}

impl AuthMethod {
    /// Parse a method name of `auth_methods` (the keystoneauth plugin names).
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "v3password" => Some(AuthMethod::Password),
            "v3totp" => Some(AuthMethod::Totp),
            "v3token" => Some(AuthMethod::Token),
            "v3applicationcredential" => Some(AuthMethod::ApplicationCredential),
            _ => None,
        }
    }

    /// The Keystone method name in the token request (`password`, `totp`, ...).
    pub fn keystone_name(self) -> &'static str {
        match self {
            AuthMethod::Password => "password",
            AuthMethod::Totp => "totp",
            AuthMethod::Token => "token",
            AuthMethod::ApplicationCredential => "application_credential",
        }
    }
}

/// The `auth:` section of a cloud: credentials and scope.
///
/// Secrets are [`SecretString`]s: they never show in `Debug` output.
#[derive(Debug, Clone, Default)]
pub struct AuthConfig {
    /// Keystone URL (`auth_url`), with or without `/v3`.
    pub auth_url: Option<String>,
    /// User name (needs a user domain).
    pub username: Option<String>,
    /// User id.
    pub user_id: Option<String>,
    /// Password.
    pub password: Option<SecretString>,
    /// Existing token (`token` auth).
    pub token: Option<SecretString>,
    /// Project name (needs a project domain).
    pub project_name: Option<String>,
    /// Project id.
    pub project_id: Option<String>,
    /// Domain of the user, by name.
    pub user_domain_name: Option<String>,
    /// Domain of the user, by id.
    pub user_domain_id: Option<String>,
    /// Domain of the project, by name.
    pub project_domain_name: Option<String>,
    /// Domain of the project, by id.
    pub project_domain_id: Option<String>,
    /// Domain scope, by name.
    pub domain_name: Option<String>,
    /// Domain scope, by id.
    pub domain_id: Option<String>,
    /// Default domain for user and project when their own domain is not given.
    pub default_domain: Option<String>,
    /// System scope (`all`).
    pub system_scope: Option<String>,
    /// Application credential id.
    pub application_credential_id: Option<String>,
    /// Application credential name (needs a user).
    pub application_credential_name: Option<String>,
    /// Application credential secret.
    pub application_credential_secret: Option<SecretString>,
    /// TOTP passcode (`v3totp`, `v3multifactor`; `OS_PASSCODE`).
    pub passcode: Option<SecretString>,
    /// The methods of a `v3multifactor` login (`auth_methods`: a list, or comma-separated).
    pub auth_methods: Vec<AuthMethod>,
    /// The URL every service uses with `admin_token` (`endpoint`).
    pub endpoint: Option<String>,
    /// Keystone identity provider of a federated (OpenID Connect) login.
    pub identity_provider: Option<String>,
    /// Keystone federation protocol of a federated login (e.g. `openid`).
    pub protocol: Option<String>,
    /// OAuth 2.0 client id (OpenID Connect).
    pub client_id: Option<String>,
    /// OAuth 2.0 client secret (OpenID Connect).
    pub client_secret: Option<SecretString>,
    /// OpenID Connect discovery document URL (`.../.well-known/openid-configuration`).
    pub discovery_endpoint: Option<String>,
    /// OAuth 2.0 token endpoint; overrides the one of the discovery document.
    pub access_token_endpoint: Option<String>,
    /// Scope asked of the identity provider (`openid_scope`; default `openid profile`).
    pub openid_scope: Option<String>,
    /// Which field of the token endpoint's answer Keystone gets (`access_token_type`:
    /// `access_token`, the default, or `id_token`).
    pub access_token_type: Option<String>,
    /// An OAuth 2.0 access token obtained elsewhere (`v3oidcaccesstoken`).
    pub access_token: Option<SecretString>,
}

impl CloudConfig {
    /// Load the cloud named by `OS_CLOUD` (or built from `OS_*` variables), from the usual places.
    pub fn from_env() -> crate::Result<Self> {
        ConfigLoader::from_process().load(None)
    }

    /// Load the named cloud from clouds.yaml (with secure.yaml, clouds-public.yaml and `OS_*` overrides).
    pub fn from_cloud(name: &str) -> crate::Result<Self> {
        ConfigLoader::from_process().load(Some(name))
    }

    /// Service types are written with `-` in catalogs and `_` in config keys; this gives the config form.
    pub(crate) fn config_key(service_type: &str) -> String {
        service_type.replace('-', "_")
    }

    /// The endpoint override for a service type, if configured.
    pub fn endpoint_override(&self, service_type: &str) -> Option<&str> {
        self.endpoint_overrides.get(service_type).map(String::as_str)
    }

    /// The configured API version for a service type, if any.
    pub fn api_version(&self, service_type: &str) -> Option<&str> {
        self.api_versions.get(service_type).map(String::as_str)
    }

    /// How to name a config key in an error: `clouds.<name>.<key>` for a value from clouds.yaml
    /// (`key_path("cacert")` -> `clouds.devcloud.cacert`, `key_path("auth.auth_url")` ->
    /// `clouds.devcloud.auth.auth_url`), or the `OS_*` variable it came from (`OS_CACERT`) when
    /// the environment set it or the cloud was built from the environment alone.
    pub fn key_path(&self, key: &str) -> String {
        key_path(self.name.as_deref(), &self.env_sources, key)
    }

    /// The file a key's value came from: `source_file`, or `None` when an `OS_*` variable set it.
    pub fn key_file(&self, key: &str) -> Option<PathBuf> {
        key_file(self.name.as_deref(), &self.env_sources, self.source_file.as_ref(), key)
    }

    /// A [`Error::Config`] about `key` (as named by [`CloudConfig::key_path`]), with the file it
    /// came from (as given by [`CloudConfig::key_file`]).
    pub fn config_error(&self, key: &str, message: impl Into<String>) -> Error {
        Error::config(self.key_file(key), self.key_path(key), message)
    }
}

/// See [`CloudConfig::key_path`]; shared with the loader, which names keys before the config exists.
pub(crate) fn key_path(cloud: Option<&str>, env_sources: &BTreeMap<String, String>, key: &str) -> String {
    if let Some(var) = env_sources.get(key) {
        return var.clone();
    }
    match cloud {
        Some(name) => format!("clouds.{name}.{key}"),
        None => env::variable_for(key),
    }
}

/// See [`CloudConfig::key_file`].
pub(crate) fn key_file(
    cloud: Option<&str>,
    env_sources: &BTreeMap<String, String>,
    file: Option<&PathBuf>,
    key: &str,
) -> Option<PathBuf> {
    if cloud.is_none() || env_sources.contains_key(key) {
        None
    } else {
        file.cloned()
    }
}
