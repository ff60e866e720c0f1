//! OpenID Connect logins through Keystone federation (`v3oidcpassword`,
//! `v3oidcclientcredentials`, `v3oidcaccesstoken`), in the steps keystoneauth's plugins take:
//!
//! 1. the OAuth 2.0 token endpoint: `access_token_endpoint`, or the `token_endpoint` of the
//!    discovery document at `discovery_endpoint` (whose `grant_types_supported`, when present,
//!    must include the grant);
//! 2. `POST` to it, form-encoded: `grant_type` (`password` with `username` and `password`, or
//!    `client_credentials`) and `scope` (`openid_scope`, default `openid profile`); the client
//!    authenticates with HTTP Basic when it has a secret, else sends `client_id` in the form;
//!    the answer's `access_token` (or the field named by `access_token_type`) is the token;
//!    `v3oidcaccesstoken` starts here with the configured `access_token`;
//! 3. `POST <auth_url>/v3/OS-FEDERATION/identity_providers/<idp>/protocols/<protocol>/auth` with
//!    `Authorization: Bearer <access token>`: Keystone answers with an unscoped token;
//! 4. with a project, domain or system scope configured, that token is exchanged for a scoped one
//!    (`POST /v3/auth/tokens`, method `token`).
//!
//! The password, the client secret and the access token are secrets: they are sent only where
//! these steps say, never logged (form bodies are not traced; JSON answers are traced redacted),
//! and never put into errors.

use crate::config::{AuthType, CloudConfig};
use crate::session::{Request, RequestBody, Session};
use crate::{Error, Result};
use base64::Engine;
use bytes::Bytes;
use reqwest::header::{HeaderValue, AUTHORIZATION};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

/// The scope asked of the identity provider when `openid_scope` is not set (keystoneauth's default).
pub(crate) const DEFAULT_SCOPE: &str = "openid profile";

/// What is escaped in the identity provider and protocol path segments: all but RFC 3986's
/// unreserved characters (so `my-idp` stays as it is).
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The field of the token endpoint's answer used when `access_token_type` is not set.
const DEFAULT_TOKEN_TYPE: &str = "access_token";

/// The OAuth 2.0 access token to present to Keystone: obtained from the identity provider, or
/// the configured one for `v3oidcaccesstoken`.
pub(super) async fn access_token(session: &Session, config: &CloudConfig) -> Result<SecretString> {
    let auth = &config.auth;
    let grant = match config.auth_type {
        AuthType::OidcAccessToken => {
            return auth.access_token.clone().ok_or_else(|| {
                config.config_error("auth.access_token", "missing: v3oidcaccesstoken auth needs the access token")
            })
        }
        AuthType::OidcPassword => "password",
        AuthType::OidcClientCredentials => "client_credentials",
        other => return Err(Error::Auth(format!("auth_type {other:?} is not an OpenID Connect login"))),
    };
    let discovery = match &auth.discovery_endpoint {
        Some(url) => Some(discovery_document(session, url).await?),
        None => None,
    };
    if let (Some(doc), Some(url)) = (&discovery, &auth.discovery_endpoint) {
        if let Some(Value::Array(supported)) = doc.get("grant_types_supported") {
            if !supported.iter().any(|g| g.as_str() == Some(grant)) {
                let names: Vec<&str> = supported.iter().filter_map(Value::as_str).collect();
                return Err(Error::Auth(format!(
                    "the identity provider (discovery document {url}) does not support the '{grant}' grant \
                     of auth_type {}; it supports: {}",
                    type_name(config.auth_type),
                    names.join(", ")
                )));
            }
        }
    }
    let endpoint = match (&auth.access_token_endpoint, &discovery, &auth.discovery_endpoint) {
        (Some(url), _, _) => url.clone(),
        (None, Some(doc), Some(url)) => {
            doc.get("token_endpoint").and_then(Value::as_str).map(str::to_string).ok_or_else(|| {
                Error::Auth(format!("the OpenID Connect discovery document {url} has no token_endpoint"))
            })?
        }
        _ => {
            return Err(config.config_error(
                "auth.access_token_endpoint",
                "missing: OpenID Connect auth needs access_token_endpoint or discovery_endpoint",
            ))
        }
    };
    let client_id = auth.client_id.as_deref().unwrap_or_default();
    let scope = auth.openid_scope.as_deref().unwrap_or(DEFAULT_SCOPE);
    let mut form: Vec<(&str, &str)> = vec![("grant_type", grant), ("scope", scope)];
    if config.auth_type == AuthType::OidcPassword {
        form.push(("username", auth.username.as_deref().unwrap_or_default()));
        form.push(("password", auth.password.as_ref().map(|p| p.expose_secret()).unwrap_or_default()));
    }
    let mut request = Request::new(reqwest::Method::POST, endpoint.clone());
    match &auth.client_secret {
        Some(secret) => {
            let credentials = format!("{client_id}:{}", secret.expose_secret());
            let encoded = base64::engine::general_purpose::STANDARD.encode(credentials.as_bytes());
            request.headers.insert(AUTHORIZATION, sensitive(&format!("Basic {encoded}"), "the client id or secret")?);
        }
        None => form.push(("client_id", client_id)),
    }
    let encoded = serde_urlencoded::to_string(&form)
        .map_err(|e| Error::Auth(format!("cannot encode the OpenID Connect token request: {e}")))?;
    request.body = RequestBody::Bytes(Bytes::from(encoded), "application/x-www-form-urlencoded");
    // Asking for a token twice is harmless: the request may be retried like a GET.
    request.idempotent = true;
    let fetched = session
        .fetch_with(request, &[400, 401, 403], false)
        .await
        .map_err(|e| unavailable(&endpoint, "the OpenID Connect token endpoint", e))?;
    let body: Option<Value> = serde_json::from_slice(&fetched.body).ok();
    if !fetched.status.is_success() {
        let field = |k: &str| body.as_ref().and_then(|b| b.get(k)).and_then(Value::as_str).map(str::to_string);
        let reason = match (field("error"), field("error_description")) {
            (Some(error), Some(description)) => format!("{error}: {description}"),
            (Some(error), None) => error,
            (None, _) => crate::session::error_message(fetched.status, "", &fetched.body),
        };
        return Err(Error::Auth(format!(
            "the OpenID Connect token endpoint {endpoint} refused the credentials of cloud '{}': {} {reason}",
            cloud_name(config),
            fetched.status.as_u16(),
        )));
    }
    let token_type = auth.access_token_type.as_deref().unwrap_or(DEFAULT_TOKEN_TYPE);
    body.as_ref()
        .and_then(|b| b.get(token_type))
        .and_then(Value::as_str)
        .map(|t| SecretString::from(t.to_string()))
        .ok_or_else(|| {
            Error::Auth(format!(
                "the OpenID Connect token endpoint {endpoint} answered {} without a `{token_type}` string",
                fetched.status.as_u16()
            ))
        })
}

/// The request that trades the access token for an unscoped Keystone token.
pub(super) fn federated_request(config: &CloudConfig, base: &str, access_token: &SecretString) -> Result<Request> {
    let auth = &config.auth;
    let segment = |value: &Option<String>, key: &str| {
        value
            .as_deref()
            .map(|v| percent_encoding::utf8_percent_encode(v, SEGMENT).to_string())
            .ok_or_else(|| config.config_error(key, "missing: OpenID Connect auth needs it for Keystone federation"))
    };
    let idp = segment(&auth.identity_provider, "auth.identity_provider")?;
    let protocol = segment(&auth.protocol, "auth.protocol")?;
    let url = format!("{base}/v3/OS-FEDERATION/identity_providers/{idp}/protocols/{protocol}/auth");
    let mut request = Request::new(reqwest::Method::POST, url);
    let bearer = format!("Bearer {}", access_token.expose_secret());
    request.headers.insert(AUTHORIZATION, sensitive(&bearer, "the access token")?);
    request.idempotent = true;
    Ok(request)
}

/// The discovery document: a JSON object, or an error naming its URL.
async fn discovery_document(session: &Session, url: &str) -> Result<serde_json::Map<String, Value>> {
    let fetched = session
        .fetch_with(Request::new(reqwest::Method::GET, url), &[], false)
        .await
        .map_err(|e| unavailable(url, "the OpenID Connect discovery document", e))?;
    match serde_json::from_slice::<Value>(&fetched.body) {
        Ok(Value::Object(doc)) if !doc.is_empty() => Ok(doc),
        _ => Err(Error::Auth(format!("the OpenID Connect discovery document {url} is not a JSON object"))),
    }
}

/// A header value marked sensitive (never printed by the HTTP stack).
fn sensitive(value: &str, what: &str) -> Result<HeaderValue> {
    let mut header = HeaderValue::from_str(value)
        .map_err(|_| Error::Auth(format!("{what} contains characters not allowed in an HTTP header")))?;
    header.set_sensitive(true);
    Ok(header)
}

/// A failure to reach the identity provider, naming it (the session's errors carry no secrets).
fn unavailable(url: &str, what: &str, error: Error) -> Error {
    let (status, request_id, message) = match error {
        Error::Api { status, request_id, message, .. } => (Some(status), request_id, format!("{status} {message}")),
        Error::Transport { message, .. } => (None, None, message),
        other => return other,
    };
    Error::AuthUnavailable { url: url.to_string(), message: format!("{what}: {message}"), status, request_id }
}

pub(super) fn cloud_name(config: &CloudConfig) -> String {
    config.name.clone().unwrap_or_else(|| "(from OS_* variables)".into())
}

fn type_name(auth_type: AuthType) -> &'static str {
    match auth_type {
        AuthType::OidcPassword => "v3oidcpassword",
        AuthType::OidcClientCredentials => "v3oidcclientcredentials",
        _ => "v3oidcaccesstoken",
    }
}
