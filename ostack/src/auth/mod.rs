//! Keystone v3 authentication: password, token, application credential, TOTP, multi-factor
//! (several methods at once), `admin_token` (a static token and endpoint), OpenID Connect through
//! Keystone federation (password, client credentials, access token) and `none`; project,
//! domain, system and unscoped tokens; re-authentication shared by all callers.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! if let Some(token) = conn.token().await? {
//!     println!("project {:?}, roles {:?}, expires {:?}", token.project_id, token.roles, token.expires_at);
//! }
//! # Ok(()) }
//! ```

mod oidc;
mod v3;

use crate::catalog::Catalog;
use crate::config::{AuthType, CloudConfig};
use crate::lenient::Timestamp;
use crate::session::{Request, RequestBody, Session};
use crate::{Error, Result};
use bytes::Bytes;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
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
            // A date so early that subtracting the margin overflows is long past.
            Some(at) => chrono::Duration::from_std(margin)
                .ok()
                .and_then(|m| at.at().checked_sub_signed(m))
                .is_none_or(|renew_at| renew_at <= chrono::Utc::now()),
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
///
/// Single flight, for successes and failures alike: callers that queue behind a renewal get its
/// result, the new token or the same error, instead of each asking Keystone in turn. The token
/// request itself is retried with the session's policy (backoff, `Retry-After`, time budget).
pub(crate) struct Authenticator {
    config: CloudConfig,
    state: tokio::sync::Mutex<AuthState>,
    /// Completed authentications (successful or not); read before queueing for the lock.
    epoch: AtomicU64,
    requests: AtomicUsize,
}

#[derive(Default)]
struct AuthState {
    current: Option<Arc<Token>>,
    /// How the last authentication failed, to share with the callers that waited for it.
    last_failure: Option<SharedFailure>,
}

/// A failed authentication, kept so that every waiter gets the same error.
#[derive(Clone)]
struct SharedFailure(Arc<Error>);

impl SharedFailure {
    fn to_error(&self) -> Error {
        self.0.duplicate()
    }
}

impl Authenticator {
    pub(crate) fn new(config: CloudConfig) -> Self {
        Authenticator {
            config,
            state: tokio::sync::Mutex::new(AuthState::default()),
            epoch: AtomicU64::new(0),
            requests: AtomicUsize::new(0),
        }
    }

    /// Start from a token issued earlier (e.g. from a cache); it is renewed like any other.
    pub(crate) async fn preload(&self, token: Token) {
        self.state.lock().await.current = Some(Arc::new(token));
    }

    /// The token held now, without authenticating.
    pub(crate) async fn current(&self) -> Option<Arc<Token>> {
        self.state.lock().await.current.clone()
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
    pub(crate) async fn token(&self, session: &Session) -> Result<Option<Arc<Token>>> {
        if self.is_none() {
            return Ok(None);
        }
        let seen = self.epoch.load(Ordering::Acquire);
        let mut state = self.state.lock().await;
        if let Some(token) = state.current.as_ref() {
            if !token.expires_within(EXPIRY_MARGIN) {
                return Ok(Some(token.clone()));
            }
        }
        if let (true, Some(failure)) = (self.epoch.load(Ordering::Acquire) != seen, &state.last_failure) {
            // An authentication ended (and failed) while this caller waited: share its result.
            return Err(failure.to_error());
        }
        self.renew(session, &mut state).await.map(Some)
    }

    /// Called after a 401 with the token that was refused. Only the first caller with that token
    /// re-authenticates; the others get the token it obtained, or the error it got.
    pub(crate) async fn renew_after_401(&self, session: &Session, refused: &Arc<Token>) -> Result<Arc<Token>> {
        let seen = self.epoch.load(Ordering::Acquire);
        let mut state = self.state.lock().await;
        if let Some(token) = state.current.as_ref() {
            if !Arc::ptr_eq(token, refused) {
                return Ok(token.clone());
            }
        }
        if let (true, Some(failure)) = (self.epoch.load(Ordering::Acquire) != seen, &state.last_failure) {
            return Err(failure.to_error());
        }
        self.renew(session, &mut state).await
    }

    /// Authenticate under the lock and record the outcome for the waiters.
    async fn renew(&self, session: &Session, state: &mut AuthState) -> Result<Arc<Token>> {
        let outcome = self.authenticate(session).await;
        let result = match outcome {
            Ok(token) => {
                let fresh = Arc::new(token);
                state.current = Some(fresh.clone());
                state.last_failure = None;
                Ok(fresh)
            }
            Err(error) => {
                state.current = None;
                let failure = SharedFailure(Arc::new(error));
                state.last_failure = Some(failure.clone());
                Err(failure.to_error())
            }
        };
        self.epoch.fetch_add(1, Ordering::AcqRel);
        result
    }

    /// Forget the current token (the next call authenticates).
    pub(crate) async fn invalidate(&self) {
        self.state.lock().await.current = None;
    }

    /// POST /v3/auth/tokens, through the session's retry loop (without a token).
    ///
    /// Returns a boxed future: the session's retry loop asks this authenticator for tokens, so
    /// an `async fn` here would have a future type containing itself.
    fn authenticate<'a>(&'a self, session: &'a Session) -> futures::future::BoxFuture<'a, Result<Token>> {
        Box::pin(self.authenticate_now(session))
    }

    async fn authenticate_now(&self, session: &Session) -> Result<Token> {
        let config = &self.config;
        if config.auth_type == AuthType::AdminToken {
            return admin_token(config);
        }
        let url = tokens_url(config)?;
        if config.auth_type.is_oidc() {
            let access_token = oidc::access_token(session, config).await?;
            let request = oidc::federated_request(config, keystone_base(config)?, &access_token)?;
            let unscoped = self.keystone_token(session, request).await?;
            let Some(body) = v3::rescope_body(&unscoped.value, &config.auth) else { return Ok(unscoped) };
            return self.keystone_token(session, json_request(&url, body)).await;
        }
        let body = v3::request_body(config)?;
        self.keystone_token(session, json_request(&url, body)).await
    }

    /// Send a token request to Keystone and read the token it issues.
    async fn keystone_token(&self, session: &Session, request: Request) -> Result<Token> {
        let url = request.url.clone();
        self.requests.fetch_add(1, Ordering::Relaxed);
        let started = std::time::Instant::now();
        let fetched = match session.fetch_with(request, &[], false).await {
            Ok(fetched) => fetched,
            Err(Error::Api { status, request_id, message, .. }) if matches!(status, 400 | 401 | 403 | 404) => {
                return Err(Error::AuthRefused {
                    url,
                    cloud: oidc::cloud_name(&self.config),
                    status,
                    message,
                    request_id,
                })
            }
            Err(Error::Api { status, request_id, message, .. }) => {
                return Err(Error::AuthUnavailable {
                    url,
                    message: format!("{status} {message}"),
                    status: Some(status),
                    request_id,
                })
            }
            Err(Error::Transport { message, .. }) => {
                return Err(Error::AuthUnavailable { url, message, status: None, request_id: None })
            }
            Err(other) => return Err(other),
        };
        tracing::debug!(method = "POST", url = %url, status = fetched.status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, "keystone auth");
        let value = fetched
            .headers
            .get("x-subject-token")
            .and_then(|v| v.to_str().ok())
            .map(|v| SecretString::from(v.to_string()))
            .ok_or_else(|| Error::Auth(format!("Keystone at {url} returned no X-Subject-Token header")))?;
        v3::parse_token(value, &fetched.body, &url)
    }
}

/// A JSON `POST` of a token request body (a secret).
fn json_request(url: &str, body: SecretString) -> Request {
    let mut request = Request::new(reqwest::Method::POST, url);
    request.body = RequestBody::Bytes(Bytes::from(body.expose_secret().to_string()), "application/json");
    // Issuing a token twice is harmless: the request may be retried like a GET.
    request.idempotent = true;
    request
}

/// `admin_token`: the configured token as is, with no catalog and no expiry (keystoneauth's
/// `token_endpoint.Token`); every service uses the configured `endpoint`.
fn admin_token(config: &CloudConfig) -> Result<Token> {
    let value =
        config.auth.token.clone().ok_or_else(|| {
            config.config_error("auth.token", "missing: admin_token auth needs a token (or OS_TOKEN)")
        })?;
    Ok(Token {
        value,
        expires_at: None,
        issued_at: None,
        catalog: Catalog::default(),
        user_id: None,
        user_name: None,
        project_id: None,
        project_name: None,
        domain_id: None,
        system_scoped: false,
        roles: Vec::new(),
    })
}

/// `<auth_url>/v3/auth/tokens`, accepting auth URLs with or without `/v3`.
fn tokens_url(config: &CloudConfig) -> Result<String> {
    Ok(format!("{}/v3/auth/tokens", keystone_base(config)?))
}

/// The auth URL without a trailing `/` or `/v3`: Keystone's root.
fn keystone_base(config: &CloudConfig) -> Result<&str> {
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
    Ok(base.strip_suffix("/v3").unwrap_or(base))
}
