//! Finding, reading and merging config files into a [`CloudConfig`].

use super::depth;
use super::env::{env_overrides, has_auth_env};
use super::{AuthConfig, AuthMethod, AuthType, CloudConfig};
use crate::{Error, Result};
use secrecy::SecretString;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Config files larger than this are refused unread (a clouds.yaml is a few kilobytes).
pub const MAX_CONFIG_FILE_BYTES: u64 = 1 << 20;

/// YAML config files nested deeper than this are refused before they are parsed. clouds.yaml
/// needs about six levels; libyaml's work grows with the depth times the size of a document.
/// (JSON files are held to serde_json's own limit of 128 levels, which costs nothing extra.)
pub const MAX_CONFIG_DEPTH: usize = 64;

/// Where to look for config files and which environment to read.
///
/// [`ConfigLoader::from_process`] uses the real environment and openstacksdk's search path:
/// the current directory, `~/.config/openstack`, then `/etc/openstack`.
/// Tests build one with their own directories and variables.
#[derive(Debug, Clone)]
pub struct ConfigLoader {
    /// Directories searched in order for clouds.yaml, secure.yaml and clouds-public.yaml.
    pub search_dirs: Vec<PathBuf>,
    /// A snapshot of the environment variables.
    pub env: HashMap<String, String>,
}

/// One parsed config file.
struct ConfigFile {
    path: PathBuf,
    root: Map<String, Value>,
}

impl ConfigLoader {
    /// The loader for this process: real environment, openstacksdk's search directories.
    pub fn from_process() -> Self {
        let mut search_dirs = Vec::new();
        if let Ok(cwd) = std::env::current_dir() {
            search_dirs.push(cwd);
        }
        if let Some(config) = dirs::config_dir() {
            search_dirs.push(config.join("openstack"));
        }
        if let Some(home) = dirs::home_dir() {
            let dot_config = home.join(".config").join("openstack");
            if !search_dirs.contains(&dot_config) {
                search_dirs.push(dot_config);
            }
        }
        search_dirs.push(PathBuf::from("/etc/openstack"));
        ConfigLoader { search_dirs, env: std::env::vars().collect() }
    }

    /// Load one cloud: `name`, else `OS_CLOUD`, else a cloud from `OS_*` variables alone,
    /// else the only cloud in clouds.yaml.
    pub fn load(&self, name: Option<&str>) -> Result<CloudConfig> {
        let clouds = self.find_file("OS_CLIENT_CONFIG_FILE", "clouds")?;
        let secure = self.find_file("OS_CLIENT_SECURE_FILE", "secure")?;
        let name = name.map(str::to_string).or_else(|| self.env_value("OS_CLOUD"));

        let (cloud_name, mut cloud, source) = match name {
            Some(name) => {
                let Some(file) = clouds.as_ref() else {
                    return Err(Error::config(
                        None,
                        format!("clouds.{name}"),
                        format!(
                            "cloud '{name}' was asked for but no clouds.yaml was found (looked in OS_CLIENT_CONFIG_FILE and {})",
                            self.dirs_display()
                        ),
                    ));
                };
                let cloud = file.cloud(&name)?;
                (Some(name), cloud, Some(file.path.clone()))
            }
            None if has_auth_env(&self.env) => (None, Map::new(), None),
            None => match clouds.as_ref().map(|f| (f, f.cloud_names())) {
                Some((file, names)) if names.len() == 1 => {
                    let name = names[0].clone();
                    (Some(name.clone()), file.cloud(&name)?, Some(file.path.clone()))
                }
                Some((file, names)) => {
                    return Err(Error::config(
                        Some(file.path.clone()),
                        "clouds",
                        format!("set OS_CLOUD or pass a cloud name; clouds here: {}", names.join(", ")),
                    ))
                }
                None => {
                    return Err(Error::Config {
                        file: None,
                        key: None,
                        message: format!(
                            "no cloud configured: set OS_CLOUD with a clouds.yaml (searched {}), or OS_AUTH_URL and friends",
                            self.dirs_display()
                        ),
                    })
                }
            },
        };

        if let (Some(name), Some(secure)) = (&cloud_name, &secure) {
            if let Some(Value::Object(extra)) = secure.root.get("clouds").and_then(|c| c.get(name)) {
                deep_merge(&mut cloud, extra);
            }
        }
        if let Some(profile) = cloud.get("profile").or_else(|| cloud.get("cloud")).cloned() {
            let profile = match profile {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                other => {
                    return Err(Error::config(
                        source.clone(),
                        format!("clouds.{}.profile", cloud_name.as_deref().unwrap_or("")),
                        format!("expected a profile name, found {}", kind(&other)),
                    ))
                }
            };
            cloud = self.apply_profile(&profile, cloud)?;
        }
        let env = env_overrides(&self.env);
        deep_merge(&mut cloud, &env.cloud);

        let source = if cloud_name.is_some() { source } else { None };
        build_cloud(cloud_name, cloud, source, env.sources)
    }

    fn env_value(&self, key: &str) -> Option<String> {
        self.env.get(key).filter(|v| !v.is_empty()).cloned()
    }

    fn dirs_display(&self) -> String {
        self.search_dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
    }

    /// The file named by `env_key` if that variable is set, else the first existing
    /// `<stem>.{yaml,yml,json}` in the search path.
    ///
    /// A variable naming a file that does not exist is an error, not a reason to read another
    /// file: openstacksdk falls back to the search path silently, which can use the wrong
    /// cloud's credentials without a word.
    fn find_file(&self, env_key: &str, stem: &str) -> Result<Option<ConfigFile>> {
        if let Some(named) = self.env_value(env_key) {
            let path = PathBuf::from(&named);
            let named_error = |message: String| Error::config(None, env_key, message);
            return match std::fs::metadata(&path) {
                Err(e) => Err(named_error(format!("{env_key} names {named}, which cannot be read: {e}"))),
                Ok(meta) if meta.is_dir() => {
                    Err(named_error(format!("{env_key} names {named}, which is a directory, not a {stem} file")))
                }
                Ok(_) => ConfigFile::read(&path).map(Some),
            };
        }
        let mut candidates = Vec::new();
        for dir in &self.search_dirs {
            for ext in EXTENSIONS {
                candidates.push(dir.join(format!("{stem}.{ext}")));
            }
        }
        match candidates.into_iter().find(|p| p.is_file()) {
            Some(path) => ConfigFile::read(&path).map(Some),
            None => Ok(None),
        }
    }

    /// Merge the cloud over its vendor profile from clouds-public.yaml.
    fn apply_profile(&self, profile: &str, cloud: Map<String, Value>) -> Result<Map<String, Value>> {
        let vendor = self.find_file("OS_CLIENT_VENDOR_FILE", "clouds-public")?;
        let found = vendor.as_ref().and_then(|v| v.root.get("public-clouds")).and_then(|p| p.get(profile));
        match found {
            Some(Value::Object(base)) => {
                let mut merged = base.clone();
                deep_merge(&mut merged, &cloud);
                Ok(merged)
            }
            _ => Err(Error::config(
                vendor.map(|v| v.path),
                format!("public-clouds.{profile}"),
                format!("profile '{profile}' not found in clouds-public.yaml"),
            )),
        }
    }
}

impl ConfigFile {
    /// Read and parse one file, refusing files over [`MAX_CONFIG_FILE_BYTES`] and YAML nested
    /// deeper than [`MAX_CONFIG_DEPTH`] before parsing them.
    fn read(path: &Path) -> Result<Self> {
        let fail = |message: String| Error::Config { file: Some(path.to_path_buf()), key: None, message };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_CONFIG_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|e| fail(format!("cannot read: {e}")))?;
        if bytes.len() as u64 > MAX_CONFIG_FILE_BYTES {
            return Err(fail(format!(
                "larger than {} KiB: not read (clouds.yaml files are a few kilobytes; is this the right file?)",
                MAX_CONFIG_FILE_BYTES / 1024
            )));
        }
        let value: Value = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_slice(&bytes).map_err(|e| e.to_string())
        } else if let Some(at) = depth::too_deep(&bytes, MAX_CONFIG_DEPTH) {
            Err(format!(
                "nested deeper than {MAX_CONFIG_DEPTH} levels at line {} column {}: not parsed",
                at.line, at.column
            ))
        } else {
            serde_norway::from_slice(&bytes).map_err(|e| e.to_string())
        }
        .map_err(fail)?;
        let root = match value {
            Value::Object(map) => map,
            Value::Null => Map::new(),
            _ => {
                return Err(Error::Config {
                    file: Some(path.to_path_buf()),
                    key: None,
                    message: "the top level must be a mapping".into(),
                })
            }
        };
        Ok(ConfigFile { path: path.to_path_buf(), root })
    }

    fn cloud_names(&self) -> Vec<String> {
        match self.root.get("clouds") {
            Some(Value::Object(clouds)) => clouds.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    fn cloud(&self, name: &str) -> Result<Map<String, Value>> {
        let clouds = match self.root.get("clouds") {
            Some(Value::Object(c)) => c,
            _ => return Err(Error::config(Some(self.path.clone()), "clouds", "missing or not a mapping")),
        };
        match clouds.get(name) {
            Some(Value::Object(cloud)) => Ok(cloud.clone()),
            Some(_) => Err(Error::config(Some(self.path.clone()), format!("clouds.{name}"), "must be a mapping")),
            None => Err(Error::config(
                Some(self.path.clone()),
                format!("clouds.{name}"),
                format!("no such cloud (clouds here: {})", self.cloud_names().join(", ")),
            )),
        }
    }
}

/// Merge `extra` into `base`; nested mappings merge, everything else is replaced.
pub(crate) fn deep_merge(base: &mut Map<String, Value>, extra: &Map<String, Value>) {
    for (key, value) in extra {
        match (base.get_mut(key), value) {
            (Some(Value::Object(b)), Value::Object(e)) => deep_merge(b, e),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Names the keys of the cloud being built, for errors: `clouds.<name>.<key>` in its file, or the
/// `OS_*` variable that set the value.
struct Keys {
    cloud: Option<String>,
    file: Option<PathBuf>,
    env_sources: BTreeMap<String, String>,
}

impl Keys {
    fn path(&self, key: &str) -> String {
        super::key_path(self.cloud.as_deref(), &self.env_sources, key)
    }

    fn error(&self, key: &str, message: impl Into<String>) -> Error {
        let file = super::key_file(self.cloud.as_deref(), &self.env_sources, self.file.as_ref(), key);
        Error::config(file, self.path(key), message)
    }
}

fn as_string(value: &Value, keys: &Keys, key: &str) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(keys.error(key, format!("expected a string, found {}", kind(other)))),
    }
}

/// What a wrong value is, for an error message: numbers and booleans as they are, containers
/// by their kind only (a password written as a list must not be echoed into the error).
fn kind(value: &Value) -> String {
    match value {
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
        Value::String(_) => "a string".into(),
        other => other.to_string(),
    }
}

fn as_bool(value: &Value, keys: &Keys, key: &str) -> Result<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" | "on" => Ok(true),
            "false" | "no" | "0" | "off" => Ok(false),
            _ => Err(keys.error(key, format!("expected true or false, found '{s}'"))),
        },
        other => Err(keys.error(key, format!("expected true or false, found {}", kind(other)))),
    }
}

/// `api_timeout`: a positive number of seconds, as openstacksdk passes it on (a float).
fn as_timeout(value: &Value, keys: &Keys, key: &str) -> Result<Option<Duration>> {
    let seconds = match value {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    };
    let shown = match value {
        Value::String(s) => format!("'{s}'"),
        other => other.to_string(),
    };
    let bad = || keys.error(key, format!("expected a positive number of seconds, found {shown}"));
    let seconds = seconds.filter(|s| s.is_finite() && *s > 0.0).ok_or_else(bad)?;
    match Duration::try_from_secs_f64(seconds) {
        Ok(d) if d.is_zero() => Err(bad()),
        Ok(d) => Ok(Some(d)),
        Err(_) => Err(keys.error(key, format!("{shown} seconds is too long a timeout"))),
    }
}

/// A `<service>_api_version`: `latest`, a major version (`2`, `v2`) or a microversion (`2.79`).
/// `N.latest` (novaclient's spelling, which openstacksdk ignores with a warning) means `latest`.
fn api_version(value: &str) -> Option<String> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("latest") {
        return Some("latest".into());
    }
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u32>().is_ok();
    let body = value.strip_prefix('v').unwrap_or(value);
    match body.split_once('.') {
        None if number(body) => Some(value.to_string()),
        Some((major, minor)) if number(major) && minor.eq_ignore_ascii_case("latest") => Some("latest".into()),
        Some((major, minor)) if number(major) && number(minor) => Some(value.to_string()),
        _ => None,
    }
}

/// An `auth_url` or endpoint override: an absolute http or https URL with a host.
fn check_url(value: &str) -> std::result::Result<(), String> {
    // A URL may carry user:password@; never repeat it then.
    let shown = if value.contains('@') { "the URL".to_string() } else { format!("'{value}'") };
    let url = url::Url::parse(value).map_err(|e| format!("{shown} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{shown} is not an http or https URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{shown} has no host"));
    }
    Ok(())
}

/// A path from the config, with `~` expanded as openstacksdk does.
fn expand_home(path: &str) -> PathBuf {
    let rest = if path == "~" { Some("") } else { path.strip_prefix("~/") };
    match (rest, dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// A TLS file (`cacert`, `cert`, `key`) must be there and readable when the cloud is loaded,
/// not only when the first request is made.
fn check_readable(path: &Path) -> std::result::Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.is_dir() {
        return Err(format!("{} is a directory, not a file", path.display()));
    }
    // Opening a FIFO would wait for a writer: only regular files are opened to check access.
    if meta.is_file() {
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Turn the merged mapping of one cloud into a typed [`CloudConfig`].
fn build_cloud(
    name: Option<String>,
    mut cloud: Map<String, Value>,
    file: Option<PathBuf>,
    env_sources: BTreeMap<String, String>,
) -> Result<CloudConfig> {
    let mut keys = Keys { cloud: name.clone(), file: file.clone(), env_sources };
    let get_str = |map: &Map<String, Value>, key: &str, path: &str, keys: &Keys| -> Result<Option<String>> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => as_string(v, keys, path).map(|s| Some(s).filter(|s| !s.is_empty())),
        }
    };

    // `regions`: pick the region and apply its `values`.
    let mut region_name = get_str(&cloud, "region_name", "region_name", &keys)?;
    if let Some(regions) = cloud.get("regions").cloned() {
        let Value::Array(regions) = regions else {
            return Err(keys.error("regions", "must be a list"));
        };
        let mut names = Vec::new();
        let mut values_by_name = Vec::new();
        for (i, region) in regions.iter().enumerate() {
            match region {
                Value::String(s) => {
                    names.push(s.clone());
                    values_by_name.push(None);
                }
                Value::Object(m) => {
                    let key = format!("regions[{i}].name");
                    let n = get_str(m, "name", &key, &keys)?.ok_or_else(|| keys.error(&key, "missing"))?;
                    names.push(n);
                    values_by_name.push(m.get("values").and_then(Value::as_object).cloned());
                }
                other => {
                    return Err(keys.error(
                        &format!("regions[{i}]"),
                        format!("expected a name or a mapping, found {}", kind(other)),
                    ))
                }
            }
        }
        let chosen = region_name.clone().or_else(|| names.first().cloned());
        if let Some(chosen) = &chosen {
            let Some(index) = names.iter().position(|n| n == chosen) else {
                return Err(keys.error(
                    "region_name",
                    format!("region '{chosen}' is not one of the cloud's regions: {}", names.join(", ")),
                ));
            };
            if let Some(values) = &values_by_name[index] {
                deep_merge(&mut cloud, values);
                // What the region sets is no longer the environment's value.
                for (key, value) in values {
                    keys.env_sources.remove(key);
                    if let (Value::Object(auth), "auth") = (value, key.as_str()) {
                        for auth_key in auth.keys() {
                            keys.env_sources.remove(&format!("auth.{auth_key}"));
                        }
                    }
                }
            }
        }
        region_name = chosen;
    }

    let auth_map = match cloud.get("auth") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(keys.error("auth", "must be a mapping")),
    };
    let a = |key: &str| get_str(&auth_map, key, &format!("auth.{key}"), &keys);
    let secret = |key: &str| a(key).map(|v| v.map(SecretString::from));
    let auth = AuthConfig {
        auth_url: a("auth_url")?,
        username: a("username")?,
        user_id: a("user_id")?,
        password: secret("password")?,
        token: secret("token")?,
        project_name: a("project_name")?.or(a("tenant_name")?),
        project_id: a("project_id")?.or(a("tenant_id")?),
        user_domain_name: a("user_domain_name")?,
        user_domain_id: a("user_domain_id")?,
        project_domain_name: a("project_domain_name")?,
        project_domain_id: a("project_domain_id")?,
        domain_name: a("domain_name")?,
        domain_id: a("domain_id")?,
        default_domain: a("default_domain")?,
        system_scope: a("system_scope")?,
        application_credential_id: a("application_credential_id")?,
        application_credential_name: a("application_credential_name")?,
        application_credential_secret: secret("application_credential_secret")?,
        passcode: secret("passcode")?,
        auth_methods: auth_methods(&auth_map, &keys)?,
        endpoint: a("endpoint")?.or(a("url")?),
        identity_provider: a("identity_provider")?,
        protocol: a("protocol")?,
        client_id: a("client_id")?,
        client_secret: secret("client_secret")?,
        discovery_endpoint: a("discovery_endpoint")?,
        access_token_endpoint: a("access_token_endpoint")?,
        openid_scope: a("openid_scope")?,
        access_token_type: a("access_token_type")?,
        access_token: secret("access_token")?,
    };
    let urls = [
        ("auth_url", &auth.auth_url),
        ("endpoint", &auth.endpoint),
        ("discovery_endpoint", &auth.discovery_endpoint),
        ("access_token_endpoint", &auth.access_token_endpoint),
    ];
    for (key, url) in urls {
        if let Some(url) = url {
            check_url(url).map_err(|message| keys.error(&format!("auth.{key}"), message))?;
        }
    }

    let auth_type = match get_str(&cloud, "auth_type", "auth_type", &keys)? {
        Some(t) => AuthType::parse(&t).ok_or_else(|| {
            keys.error("auth_type", format!("unsupported auth type '{t}' (supported: {})", AuthType::SUPPORTED))
        })?,
        None if auth.application_credential_secret.is_some() => AuthType::ApplicationCredential,
        None if auth.token.is_some() && auth.password.is_none() => AuthType::Token,
        None => AuthType::Password,
    };

    let mut endpoint_overrides = std::collections::BTreeMap::new();
    let mut api_versions = std::collections::BTreeMap::new();
    for key in cloud.keys() {
        if let Some(service) = key.strip_suffix("_endpoint_override") {
            if let Some(v) = get_str(&cloud, key, key, &keys)? {
                check_url(&v).map_err(|message| keys.error(key, message))?;
                endpoint_overrides.insert(service.replace('_', "-"), v);
            }
        } else if let Some(service) = key.strip_suffix("_api_version") {
            if let Some(v) = get_str(&cloud, key, key, &keys)? {
                let version = api_version(&v).ok_or_else(|| {
                    keys.error(
                        key,
                        format!(
                            "'{v}' is not an API version: use latest, a major version such as 2, or a microversion such as 2.79"
                        ),
                    )
                })?;
                api_versions.insert(service.replace('_', "-"), version);
            }
        }
    }

    let interface = get_str(&cloud, "interface", "interface", &keys)?
        .or(get_str(&cloud, "endpoint_type", "endpoint_type", &keys)?)
        .map(|i| i.trim_end_matches("URL").to_ascii_lowercase())
        .unwrap_or_else(|| "public".to_string());
    if !matches!(interface.as_str(), "public" | "internal" | "admin") {
        return Err(keys.error("interface", format!("'{interface}' is not one of public, internal, admin")));
    }

    let mut verify = match cloud.get("verify") {
        None | Some(Value::Null) => true,
        Some(v) => as_bool(v, &keys, "verify")?,
    };
    if let Some(v) = cloud.get("insecure").filter(|v| !v.is_null()) {
        if as_bool(v, &keys, "insecure")? {
            verify = false;
        }
    }
    let api_timeout = match cloud.get("api_timeout") {
        None => None,
        Some(v) => as_timeout(v, &keys, "api_timeout")?,
    };
    let path = |key: &str| get_str(&cloud, key, key, &keys).map(|v| v.map(|p| expand_home(&p)));

    let mut config = CloudConfig {
        name,
        auth_type,
        auth,
        region_name,
        interface,
        endpoint_overrides,
        api_versions,
        verify,
        cacert: path("cacert")?,
        cert: path("cert")?,
        key: path("key")?,
        api_timeout,
        source_file: file,
        env_sources: BTreeMap::new(),
    };
    validate(&config, &keys)?;
    if !config.verify {
        if let Some(cacert) = config.cacert.take() {
            tracing::warn!(
                "{} ({}) is ignored: certificates are not verified for this cloud",
                keys.path("cacert"),
                cacert.display()
            );
        }
    }
    let files = [("cacert", &config.cacert), ("cert", &config.cert), ("key", &config.key)];
    for (key, path) in files {
        // A key is only used with its certificate (as openstacksdk does).
        if key == "key" && config.cert.is_none() {
            continue;
        }
        if let Some(path) = path {
            check_readable(path).map_err(|message| keys.error(key, message))?;
        }
    }
    config.env_sources = keys.env_sources;
    Ok(config)
}

/// `auth.auth_methods`: a list of keystoneauth method names, or one comma-separated string
/// (`OS_AUTH_METHODS=v3password,v3totp`).
fn auth_methods(auth: &Map<String, Value>, keys: &Keys) -> Result<Vec<AuthMethod>> {
    let key = "auth.auth_methods";
    let names: Vec<String> = match auth.get("auth_methods") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(s)) => s.split(',').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect(),
        Some(Value::Array(items)) => {
            items.iter().enumerate().map(|(i, v)| as_string(v, keys, &format!("{key}[{i}]"))).collect::<Result<_>>()?
        }
        Some(other) => return Err(keys.error(key, format!("expected a list of methods, found {}", kind(other)))),
    };
    names
        .iter()
        .map(|name| {
            AuthMethod::parse(name).ok_or_else(|| {
                keys.error(
                    key,
                    format!(
                        "unsupported method '{name}' (supported: v3password, v3totp, v3token, v3applicationcredential)"
                    ),
                )
            })
        })
        .collect()
}

/// Check that the chosen auth type has what it needs, naming the missing key.
fn validate(config: &CloudConfig, keys: &Keys) -> Result<()> {
    let auth = &config.auth;
    let missing = |key: &str, why: &str| -> Result<()> { Err(keys.error(&format!("auth.{key}"), why.to_string())) };
    match config.auth_type {
        AuthType::None => return Ok(()),
        AuthType::AdminToken => {
            if auth.token.is_none() {
                return missing("token", "missing: admin_token auth needs a token (or OS_TOKEN)");
            }
            if auth.endpoint.is_none() {
                return missing(
                    "endpoint",
                    "missing: admin_token auth needs the endpoint to send it to (or OS_ENDPOINT)",
                );
            }
            return Ok(());
        }
        _ => {}
    }
    if auth.auth_url.is_none() {
        return missing("auth_url", "missing (the Keystone URL; or set OS_AUTH_URL)");
    }
    let need_user = |what: &str| -> Result<()> {
        if auth.username.is_none() && auth.user_id.is_none() {
            return missing("username", &format!("missing: {what} needs username or user_id"));
        }
        Ok(())
    };
    let need_password = |what: &str| -> Result<()> {
        if auth.password.is_none() {
            return missing(
                "password",
                &format!("missing: {what} needs a password (clouds.yaml, secure.yaml or OS_PASSWORD)"),
            );
        }
        Ok(())
    };
    let need_passcode = |what: &str| -> Result<()> {
        if auth.passcode.is_none() {
            return missing("passcode", &format!("missing: {what} needs the current TOTP passcode (or OS_PASSCODE)"));
        }
        Ok(())
    };
    let need_token = |what: &str| -> Result<()> {
        if auth.token.is_none() {
            return missing("token", &format!("missing: {what} needs a token (or OS_TOKEN)"));
        }
        Ok(())
    };
    match config.auth_type {
        AuthType::Password => {
            need_user("password auth")?;
            need_password("password auth")?;
        }
        AuthType::Token => need_token("token auth")?,
        AuthType::ApplicationCredential => validate_application_credential(auth, &missing)?,
        AuthType::Totp => {
            need_user("v3totp auth")?;
            need_passcode("v3totp auth")?;
        }
        AuthType::MultiFactor => {
            if auth.auth_methods.is_empty() {
                return missing(
                    "auth_methods",
                    "missing: v3multifactor auth needs its methods, e.g. [v3password, v3totp]",
                );
            }
            for method in &auth.auth_methods {
                match method {
                    AuthMethod::Password => {
                        need_user("the v3password method")?;
                        need_password("the v3password method")?;
                    }
                    AuthMethod::Totp => {
                        need_user("the v3totp method")?;
                        need_passcode("the v3totp method")?;
                    }
                    AuthMethod::Token => need_token("the v3token method")?,
                    AuthMethod::ApplicationCredential => validate_application_credential(auth, &missing)?,
                }
            }
        }
        AuthType::OidcPassword | AuthType::OidcClientCredentials | AuthType::OidcAccessToken => {
            if auth.identity_provider.is_none() {
                return missing(
                    "identity_provider",
                    "missing: OpenID Connect auth needs the Keystone identity provider",
                );
            }
            if auth.protocol.is_none() {
                return missing(
                    "protocol",
                    "missing: OpenID Connect auth needs the Keystone federation protocol (e.g. openid)",
                );
            }
            if config.auth_type == AuthType::OidcAccessToken {
                if auth.access_token.is_none() {
                    return missing(
                        "access_token",
                        "missing: v3oidcaccesstoken auth needs the access token (or OS_ACCESS_TOKEN)",
                    );
                }
                return Ok(());
            }
            if auth.client_id.is_none() {
                return missing("client_id", "missing: OpenID Connect auth needs the OAuth 2.0 client id");
            }
            if auth.access_token_endpoint.is_none() && auth.discovery_endpoint.is_none() {
                return missing(
                    "access_token_endpoint",
                    "missing: OpenID Connect auth needs access_token_endpoint or discovery_endpoint",
                );
            }
            if config.auth_type == AuthType::OidcPassword {
                if auth.username.is_none() {
                    return missing(
                        "username",
                        "missing: v3oidcpassword auth needs the username at the identity provider",
                    );
                }
                need_password("v3oidcpassword auth")?;
            }
        }
        AuthType::None | AuthType::AdminToken => {}
    }
    Ok(())
}

/// An application credential: the secret, and the id or the name with its user.
fn validate_application_credential(auth: &AuthConfig, missing: &dyn Fn(&str, &str) -> Result<()>) -> Result<()> {
    if auth.application_credential_secret.is_none() {
        return missing("application_credential_secret", "missing");
    }
    if auth.application_credential_id.is_none() {
        if auth.application_credential_name.is_none() {
            return missing("application_credential_id", "missing: give the id, or the name and the user");
        }
        if auth.user_id.is_none() && auth.username.is_none() {
            return missing("username", "missing: an application credential by name needs its user");
        }
    }
    Ok(())
}
