//! Keystone v3 authentication: password, token, application credential and `none`;
//! project, domain, system and unscoped tokens; re-authentication shared by all callers.

mod v3;

use crate::catalog::Catalog;
use crate::config::{AuthType, CloudConfig};
use crate::lenient::Timestamp;
use crate::session::api_error_from_response;
use crate::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Re-authenticate this long before the token expires.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

/// An issued Keystone token with its catalog and scope.
///
/// The token value is a [`SecretString`]: `Debug` never shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Token {
    /// The `X-Subject-Token` value.
    #[serde(with = "secret_serde")]
    pub value: SecretString,
    /// When Keystone will stop accepting it.
    pub expires_at: Option<Timestamp>,
    /// When it was issued.
    pub issued_at: Option<Timestamp>,
    /// The service catalog that came with it (empty for unscoped tokens).
    pub catalog: Catalog,
    /// User id.
    pub user_id: Option<String>,
    /// User name.
    pub user_name: Option<String>,
    /// Project id, for project-scoped tokens.
    pub project_id: Option<String>,
    /// Project name, for project-scoped tokens.
    pub project_name: Option<String>,
    /// Domain id, for domain-scoped tokens.
    pub domain_id: Option<String>,
    /// True for system-scoped tokens.
    pub system_scoped: bool,
    /// Role names in the scope.
    pub roles: Vec<String>,
}

impl Token {
    /// True when the token expires within `margin` (or has no expiry we can read: then never).
    pub fn expires_within(&self, margin: Duration) -> bool {
        match &self.expires_at {
            Some(at) => at.at() - chrono::Duration::from_std(margin).unwrap_or_default() <= chrono::Utc::now(),
            None => false,
        }
    }
}

/// Serialize a secret for the on-disk token cache only (file mode 0600), never for logs.
mod secret_serde {
    use secrecy::{ExposeSecret, SecretString};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(secret: &SecretString, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(secret.expose_secret())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
        Ok(SecretString::from(String::deserialize(d)?))
    }
}

/// Holds the current token of a connection and renews it: before expiry, and once after a 401.
/// Concurrent callers wait for one renewal instead of each authenticating (single flight).
pub(crate) struct Authenticator {
    config: CloudConfig,
    current: tokio::sync::Mutex<Option<Arc<Token>>>,
    requests: AtomicUsize,
}

impl Authenticator {
    pub(crate) fn new(config: CloudConfig) -> Self {
        Authenticator { config, current: tokio::sync::Mutex::new(None), requests: AtomicUsize::new(0) }
    }

    /// Start from a token issued earlier (e.g. from a cache); it is renewed like any other.
    pub(crate) async fn preload(&self, token: Token) {
        *self.current.lock().await = Some(Arc::new(token));
    }

    /// The token held now, without authenticating.
    pub(crate) async fn current(&self) -> Option<Arc<Token>> {
        self.current.lock().await.clone()
    }

    /// Number of token requests sent to Keystone so far.
    pub(crate) fn auth_requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    pub(crate) fn is_none(&self) -> bool {
        self.config.auth_type == AuthType::None
    }

    /// The current token, authenticating first if there is none or it is about to expire.
    /// `None` for `auth_type: none`.
    pub(crate) async fn token(&self, client: &reqwest::Client) -> Result<Option<Arc<Token>>> {
        if self.is_none() {
            return Ok(None);
        }
        let mut current = self.current.lock().await;
        if let Some(token) = current.as_ref() {
            if !token.expires_within(EXPIRY_MARGIN) {
                return Ok(Some(token.clone()));
            }
        }
        let fresh = Arc::new(self.authenticate(client).await?);
        *current = Some(fresh.clone());
        Ok(Some(fresh))
    }

    /// Called after a 401 with the token that was refused. Only the first caller with that token
    /// re-authenticates; the others get the token it obtained.
    pub(crate) async fn renew_after_401(&self, client: &reqwest::Client, refused: &Arc<Token>) -> Result<Arc<Token>> {
        let mut current = self.current.lock().await;
        if let Some(token) = current.as_ref() {
            if !Arc::ptr_eq(token, refused) {
                return Ok(token.clone());
            }
        }
        let fresh = Arc::new(self.authenticate(client).await?);
        *current = Some(fresh.clone());
        Ok(fresh)
    }

    /// Forget the current token (the next call authenticates).
    pub(crate) async fn invalidate(&self) {
        *self.current.lock().await = None;
    }

    /// POST /v3/auth/tokens.
    async fn authenticate(&self, client: &reqwest::Client) -> Result<Token> {
        let url = tokens_url(&self.config)?;
        let body = v3::request_body(&self.config)?;
        self.requests.fetch_add(1, Ordering::Relaxed);
        let started = std::time::Instant::now();
        let response = client
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.expose_secret().to_string())
            .send()
            .await
            .map_err(|e| Error::Transport {
                method: "POST".into(),
                url: url.clone(),
                message: crate::session::transport_message(&e),
            })?;
        let status = response.status();
        tracing::debug!(method = "POST", url = %url, status = status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, "keystone auth");
        if !status.is_success() {
            let error = api_error_from_response("POST", &url, response).await;
            return Err(match error {
                Error::Api { status, request_id, message, .. } => Error::AuthRefused {
                    url: url.clone(),
                    cloud: self.config.name.clone().unwrap_or_else(|| "(from OS_* variables)".into()),
                    status,
                    message,
                    request_id,
                },
                other => other,
            });
        }
        let value = response
            .headers()
            .get("x-subject-token")
            .and_then(|v| v.to_str().ok())
            .map(|v| SecretString::from(v.to_string()))
            .ok_or_else(|| Error::Auth(format!("Keystone at {url} returned no X-Subject-Token header")))?;
        let bytes = response.bytes().await.map_err(|e| Error::Transport {
            method: "POST".into(),
            url: url.clone(),
            message: crate::session::transport_message(&e),
        })?;
        v3::parse_token(value, &bytes, &url)
    }
}

/// `<auth_url>/v3/auth/tokens`, accepting auth URLs with or without `/v3`.
fn tokens_url(config: &CloudConfig) -> Result<String> {
    let auth_url = config.auth.auth_url.as_deref().ok_or_else(|| {
        Error::config(config.source_file.clone(), "auth.auth_url", "missing (the Keystone URL; or set OS_AUTH_URL)")
    })?;
    let base = auth_url.trim_end_matches('/');
    if base.ends_with("/v2.0") {
        return Err(Error::config(
            config.source_file.clone(),
            "auth.auth_url",
            format!("'{auth_url}' is Keystone v2.0, which no longer exists; use the v3 URL"),
        ));
    }
    let base = base.strip_suffix("/v3").unwrap_or(base);
    Ok(format!("{base}/v3/auth/tokens"))
}
