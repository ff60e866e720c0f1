//! `OS_*` environment variables, mapped onto clouds.yaml keys.
//!
//! Like python-openstackclient, variables that are set override the values of the file's cloud;
//! with no cloud named, they make a cloud on their own.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// `OS_*` variable -> key inside `auth:`.
const AUTH_VARS: &[(&str, &str)] = &[
    ("OS_AUTH_URL", "auth_url"),
    ("OS_USERNAME", "username"),
    ("OS_USER_ID", "user_id"),
    ("OS_PASSWORD", "password"),
    ("OS_TOKEN", "token"),
    ("OS_PROJECT_NAME", "project_name"),
    ("OS_TENANT_NAME", "project_name"),
    ("OS_PROJECT_ID", "project_id"),
    ("OS_TENANT_ID", "project_id"),
    ("OS_USER_DOMAIN_NAME", "user_domain_name"),
    ("OS_USER_DOMAIN_ID", "user_domain_id"),
    ("OS_PROJECT_DOMAIN_NAME", "project_domain_name"),
    ("OS_PROJECT_DOMAIN_ID", "project_domain_id"),
    ("OS_DOMAIN_NAME", "domain_name"),
    ("OS_DOMAIN_ID", "domain_id"),
    ("OS_DEFAULT_DOMAIN", "default_domain"),
    ("OS_SYSTEM_SCOPE", "system_scope"),
    ("OS_APPLICATION_CREDENTIAL_ID", "application_credential_id"),
    ("OS_APPLICATION_CREDENTIAL_NAME", "application_credential_name"),
    ("OS_APPLICATION_CREDENTIAL_SECRET", "application_credential_secret"),
    ("OS_PASSCODE", "passcode"),
    ("OS_AUTH_METHODS", "auth_methods"),
    ("OS_ENDPOINT", "endpoint"),
    ("OS_IDENTITY_PROVIDER", "identity_provider"),
    ("OS_PROTOCOL", "protocol"),
    ("OS_CLIENT_ID", "client_id"),
    ("OS_CLIENT_SECRET", "client_secret"),
    ("OS_DISCOVERY_ENDPOINT", "discovery_endpoint"),
    ("OS_ACCESS_TOKEN_ENDPOINT", "access_token_endpoint"),
    ("OS_OPENID_SCOPE", "openid_scope"),
    ("OS_ACCESS_TOKEN_TYPE", "access_token_type"),
    ("OS_ACCESS_TOKEN", "access_token"),
];

/// `OS_*` variable -> top-level cloud key.
const CLOUD_VARS: &[(&str, &str)] = &[
    ("OS_REGION_NAME", "region_name"),
    ("OS_INTERFACE", "interface"),
    ("OS_ENDPOINT_TYPE", "interface"),
    ("OS_AUTH_TYPE", "auth_type"),
    ("OS_CACERT", "cacert"),
    ("OS_CERT", "cert"),
    ("OS_KEY", "key"),
    ("OS_INSECURE", "insecure"),
    ("OS_API_TIMEOUT", "api_timeout"),
];

/// The cloud the set `OS_*` variables describe.
pub(super) struct EnvCloud {
    /// The values, shaped like a cloud of clouds.yaml.
    pub(super) cloud: Map<String, Value>,
    /// Which variable set each key (`auth.auth_url` -> `OS_AUTH_URL`).
    pub(super) sources: BTreeMap<String, String>,
}

/// The `OS_*` variable that sets a key (`auth.auth_url` -> `OS_AUTH_URL`, `cacert` -> `OS_CACERT`).
pub(super) fn variable_for(key: &str) -> String {
    let key = key.strip_prefix("auth.").unwrap_or(key);
    format!("OS_{}", key.to_ascii_uppercase())
}

/// True when the environment carries enough to describe a cloud without clouds.yaml.
pub(super) fn has_auth_env(env: &HashMap<String, String>) -> bool {
    ["OS_AUTH_URL", "OS_AUTH_TYPE"].iter().any(|k| env.get(*k).is_some_and(|v| !v.is_empty()))
}

/// The cloud mapping that the set `OS_*` variables describe (empty ones are ignored).
pub(super) fn env_overrides(env: &HashMap<String, String>) -> EnvCloud {
    let set = |k: &str| env.get(k).filter(|v| !v.is_empty()).cloned();
    let mut sources = BTreeMap::new();
    let mut auth = Map::new();
    for (var, key) in AUTH_VARS {
        if let Some(v) = set(var) {
            auth.insert((*key).to_string(), Value::String(v));
            sources.insert(format!("auth.{key}"), (*var).to_string());
        }
    }
    let mut cloud = Map::new();
    for (var, key) in CLOUD_VARS {
        if let Some(v) = set(var) {
            cloud.insert((*key).to_string(), Value::String(v));
            sources.insert((*key).to_string(), (*var).to_string());
        }
    }
    // OS_COMPUTE_API_VERSION, OS_IMAGE_API_VERSION, OS_<SERVICE>_ENDPOINT_OVERRIDE ...
    for (var, value) in env {
        if value.is_empty() {
            continue;
        }
        let Some(rest) = var.strip_prefix("OS_") else { continue };
        for suffix in ["_API_VERSION", "_ENDPOINT_OVERRIDE"] {
            if let Some(service) = rest.strip_suffix(suffix) {
                let key = format!("{}{}", service.to_ascii_lowercase(), suffix.to_ascii_lowercase());
                cloud.insert(key.clone(), Value::String(value.clone()));
                sources.insert(key, var.clone());
            }
        }
    }
    if !auth.is_empty() {
        cloud.insert("auth".into(), Value::Object(auth));
    }
    EnvCloud { cloud, sources }
}
