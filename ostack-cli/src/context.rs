//! Global options (`--os-*`) and the connection every command uses, with the on-disk token cache.

use crate::cache::{CacheEntry, TokenCache};
use crate::errors::CliError;
use clap::Args;
use ostack::config::ConfigLoader;
use ostack::Connection;
use secrecy::ExposeSecret;
use std::collections::HashMap;

/// The global options of python-openstackclient that ostack supports. Each one overrides the
/// `OS_*` variable of the same name, which overrides clouds.yaml.
#[derive(Debug, Clone, Args)]
pub struct GlobalOptions {
    /// Cloud name in clouds.yaml.
    #[arg(long = "os-cloud", global = true)]
    pub os_cloud: Option<String>,
    /// Region.
    #[arg(long = "os-region-name", global = true)]
    pub os_region_name: Option<String>,
    /// Endpoint interface: public, internal or admin.
    #[arg(long = "os-interface", global = true)]
    pub os_interface: Option<String>,
    /// Keystone URL.
    #[arg(long = "os-auth-url", global = true)]
    pub os_auth_url: Option<String>,
    /// Auth plugin: password, token, v3applicationcredential, v3totp, v3multifactor, admin_token,
    /// v3oidcpassword, v3oidcclientcredentials, v3oidcaccesstoken, none.
    #[arg(long = "os-auth-type", global = true)]
    pub os_auth_type: Option<String>,
    /// User name.
    #[arg(long = "os-username", global = true)]
    pub os_username: Option<String>,
    /// User id.
    #[arg(long = "os-user-id", global = true)]
    pub os_user_id: Option<String>,
    /// Password.
    #[arg(long = "os-password", global = true, hide_env_values = true)]
    pub os_password: Option<String>,
    /// Project name.
    #[arg(long = "os-project-name", global = true)]
    pub os_project_name: Option<String>,
    /// Project id.
    #[arg(long = "os-project-id", global = true)]
    pub os_project_id: Option<String>,
    /// Domain of the user, by name.
    #[arg(long = "os-user-domain-name", global = true)]
    pub os_user_domain_name: Option<String>,
    /// Domain of the user, by id.
    #[arg(long = "os-user-domain-id", global = true)]
    pub os_user_domain_id: Option<String>,
    /// Domain of the project, by name.
    #[arg(long = "os-project-domain-name", global = true)]
    pub os_project_domain_name: Option<String>,
    /// Domain of the project, by id.
    #[arg(long = "os-project-domain-id", global = true)]
    pub os_project_domain_id: Option<String>,
    /// Existing token.
    #[arg(long = "os-token", global = true)]
    pub os_token: Option<String>,
    /// Compute API microversion.
    #[arg(long = "os-compute-api-version", global = true)]
    pub os_compute_api_version: Option<String>,
    /// Placement API microversion (osc-placement's default `1`: negotiate, up to 1.29).
    #[arg(long = "os-placement-api-version", global = true)]
    pub os_placement_api_version: Option<String>,
    /// Block storage API microversion (`3.27`); `OS_VOLUME_API_VERSION` too.
    #[arg(long = "os-volume-api-version", global = true)]
    pub os_volume_api_version: Option<String>,
    /// CA bundle.
    #[arg(long = "os-cacert", global = true)]
    pub os_cacert: Option<String>,
    /// Do not verify TLS certificates.
    #[arg(long, global = true)]
    pub insecure: bool,
    /// Do not use (or write) the on-disk token cache (also `OS_NO_CACHE=1`).
    #[arg(long = "os-no-cache", global = true)]
    pub os_no_cache: bool,
    /// Log requests and responses (secrets redacted) to stderr.
    #[arg(long, global = true)]
    pub debug: bool,
    /// Print the time of every API call.
    #[arg(long, global = true)]
    pub timing: bool,
}

impl GlobalOptions {
    /// The environment as the config loader should see it: the process's, with options on top.
    fn environment(&self) -> HashMap<String, String> {
        let mut env: HashMap<String, String> = std::env::vars().collect();
        let pairs = [
            ("OS_CLOUD", &self.os_cloud),
            ("OS_REGION_NAME", &self.os_region_name),
            ("OS_INTERFACE", &self.os_interface),
            ("OS_AUTH_URL", &self.os_auth_url),
            ("OS_AUTH_TYPE", &self.os_auth_type),
            ("OS_USERNAME", &self.os_username),
            ("OS_USER_ID", &self.os_user_id),
            ("OS_PASSWORD", &self.os_password),
            ("OS_PROJECT_NAME", &self.os_project_name),
            ("OS_PROJECT_ID", &self.os_project_id),
            ("OS_USER_DOMAIN_NAME", &self.os_user_domain_name),
            ("OS_USER_DOMAIN_ID", &self.os_user_domain_id),
            ("OS_PROJECT_DOMAIN_NAME", &self.os_project_domain_name),
            ("OS_PROJECT_DOMAIN_ID", &self.os_project_domain_id),
            ("OS_TOKEN", &self.os_token),
            ("OS_COMPUTE_API_VERSION", &self.os_compute_api_version),
            ("OS_PLACEMENT_API_VERSION", &self.os_placement_api_version),
            ("OS_CACERT", &self.os_cacert),
        ];
        // osc's name for block storage's version (ostack's config calls it block_storage_api_version)
        if let Some(v) = self.os_volume_api_version.clone().or_else(|| env.get("OS_VOLUME_API_VERSION").cloned()) {
            env.insert("OS_BLOCK_STORAGE_API_VERSION".into(), v);
        }
        for (key, value) in pairs {
            if let Some(v) = value {
                env.insert(key.to_string(), v.clone());
            }
        }
        if self.insecure {
            env.insert("OS_INSECURE".into(), "true".into());
        }
        env
    }

    fn cache_enabled(&self) -> bool {
        let off =
            std::env::var("OS_NO_CACHE").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
        !self.os_no_cache && !off
    }
}

/// What a command runs with.
pub struct Context {
    /// The connection.
    pub conn: Connection,
    cache: Option<TokenCache>,
    cached_token: Option<String>,
    cached_endpoints: usize,
}

impl Context {
    /// Load the config, then build the connection from the cache when it has a live token.
    pub async fn connect(global: &GlobalOptions) -> Result<Self, CliError> {
        let loader = ConfigLoader { env: global.environment(), ..ConfigLoader::from_process() };
        let config = loader.load(None)?;
        let cache = if global.cache_enabled()
            && !matches!(config.auth_type, ostack::config::AuthType::None | ostack::config::AuthType::AdminToken)
        {
            TokenCache::new(&config, std::env::var_os("OSTACK_CACHE_DIR").map(Into::into))
        } else {
            None
        };
        let mut builder = Connection::builder(config);
        let mut cached_token = None;
        let mut cached_endpoints = 0;
        if let Some(entry) = cache.as_ref().and_then(TokenCache::load) {
            cached_token = Some(entry.token.value.expose_secret().to_string());
            cached_endpoints = entry.endpoints.len();
            builder = builder.token(entry.token).endpoints(entry.endpoints);
        }
        let conn = builder.build().await?;
        Ok(Context { conn, cache, cached_token, cached_endpoints })
    }

    /// Whether the connection holds the token it was given from the cache (not one issued
    /// since).
    pub async fn holds_cached_token(&self) -> bool {
        match (&self.cached_token, self.conn.session().current_token().await) {
            (Some(cached), Some(current)) => cached.as_str() == current.value.expose_secret(),
            _ => false,
        }
    }

    /// Write the token and endpoints back when they changed.
    pub async fn finish(&self) {
        let Some(cache) = &self.cache else { return };
        let Some(token) = self.conn.session().current_token().await else { return };
        let endpoints = self.conn.discovered_endpoints();
        let same_token = self.cached_token.as_deref() == Some(token.value.expose_secret());
        if same_token && endpoints.len() == self.cached_endpoints {
            return;
        }
        cache.store(&CacheEntry { token: (*token).clone(), endpoints });
    }
}
