//! The HTTP layer: one reqwest client per connection, auth headers, retries, error bodies, logging.
//!
//! # Example
//! ```
//! use ostack::session::{parse_retry_after, same_origin, Method, Request};
//! use std::time::Duration;
//! let request = Request::new(Method::GET, "http://127.0.0.1:8774/v2.1/servers").header("x-openstack-request-id", "req-1");
//! assert!(request.idempotent);
//! assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
//! assert!(!same_origin("http://127.0.0.1:8774/v2.1", "http://10.0.0.9:8774/v2.1/servers"));
//! ```

use crate::auth::{Authenticator, Token};
use crate::config::CloudConfig;
use crate::{Error, Result};
use bytes::Bytes;
use rand::Rng;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::{Response, StatusCode};
use secrecy::ExposeSecret;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use reqwest::Method;

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("ostack/", env!("CARGO_PKG_VERSION"));

/// Most of an error body read to find the message; the rest is never read.
const MAX_ERROR_BODY: usize = 64 * 1024;
/// Same-origin redirects of a GET or HEAD followed before giving up.
const MAX_REDIRECTS: usize = 5;

/// When and how often a failed request is sent again.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// First backoff delay; doubled after every retry, with jitter.
    pub base_delay: Duration,
    /// Longest wait between two attempts, including a server's `Retry-After`.
    pub max_delay: Duration,
    /// Total time budget of one call, retries and waits included: no retry starts (and no
    /// retry's deadline reaches) past it.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// Delay before retry number `attempt` (0-based): exponential with ±50% jitter.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << attempt.min(16));
        let jitter = rand::rng().random_range(0.5..1.5);
        exp.mul_f64(jitter).min(self.max_delay)
    }
}

/// How long the session waits for a server.
#[derive(Debug, Clone)]
pub struct Timeouts {
    /// Establishing the TCP (and TLS) connection.
    pub connect: Duration,
    /// Longest silence while reading a response (between two chunks).
    pub read: Duration,
    /// One attempt as a whole: sending, waiting, and reading the complete body (openstacksdk's
    /// `api_timeout`). Streamed downloads are bounded by it until their headers arrive, then by `read`.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { connect: Duration::from_secs(10), read: Duration::from_secs(60), request: Duration::from_secs(120) }
    }
}

/// Everything that tunes a [`Session`] beyond the cloud's config.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// Retries and the total time budget of one call.
    pub retry: RetryPolicy,
    /// Connect, idle-read and per-attempt deadlines.
    pub timeouts: Timeouts,
    /// Largest response body read into memory (JSON documents); larger answers are an error.
    pub max_body_size: usize,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            retry: RetryPolicy::default(),
            timeouts: Timeouts::default(),
            max_body_size: 256 * 1024 * 1024,
        }
    }
}

/// A request body; `Bytes` can be replayed after a retry or a re-authentication, `Stream` cannot.
pub enum RequestBody {
    /// No body.
    Empty,
    /// A body held in memory, with its content type.
    Bytes(Bytes, &'static str),
    /// A streamed body (uploads), with its content type; sent once.
    Stream(reqwest::Body, &'static str),
}

/// One HTTP request to an OpenStack API.
pub struct Request {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Extra headers (microversions, content type of patches...).
    pub headers: HeaderMap,
    /// The body.
    pub body: RequestBody,
    /// Whether sending it twice is harmless, so it may be retried after a failure that happened
    /// once it was sent. True for GET, HEAD, PUT, DELETE and OPTIONS.
    pub idempotent: bool,
}

impl Request {
    /// A request with no body.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        let idempotent = matches!(method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS);
        Request { method, url: url.into(), headers: HeaderMap::new(), body: RequestBody::Empty, idempotent }
    }

    /// Attach a JSON body.
    pub fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Result<Self> {
        let bytes =
            serde_json::to_vec(body).map_err(|e| Error::InvalidInput(format!("cannot encode request body: {e}")))?;
        self.body = RequestBody::Bytes(bytes.into(), "application/json");
        Ok(self)
    }

    /// Add a header.
    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        if let Ok(v) = HeaderValue::from_str(value) {
            self.headers.insert(HeaderName::from_static(name), v);
        }
        self
    }
}

/// A response read completely (within the body size limit).
#[derive(Debug, Clone)]
pub struct Fetched {
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The URL that answered (after same-origin redirects).
    pub url: String,
    /// The body.
    pub body: Bytes,
}

/// The HTTP session of a connection: client, current token, retry policy and limits.
pub struct Session {
    client: reqwest::Client,
    auth: Authenticator,
    options: SessionOptions,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("options", &self.options).finish_non_exhaustive()
    }
}

/// What one attempt produced.
enum Answer {
    /// Headers only; the body is left to the caller (streams, or bodies nobody reads).
    Open(Response),
    /// Status, headers and the whole body (capped).
    Read(Fetched),
}

impl Answer {
    fn status(&self) -> StatusCode {
        match self {
            Answer::Open(r) => r.status(),
            Answer::Read(f) => f.status,
        }
    }
    fn headers(&self) -> &HeaderMap {
        match self {
            Answer::Open(r) => r.headers(),
            Answer::Read(f) => &f.headers,
        }
    }
}

/// Why one attempt failed before a status could be judged.
enum AttemptError {
    /// reqwest failed; `connect` is true when nothing was sent.
    Transport { message: String, connect: bool },
    /// The TLS handshake failed for a reason retrying cannot fix (certificate, protocol).
    Tls { message: String },
    /// The attempt's deadline passed.
    Deadline(Duration),
    /// The body was larger than allowed.
    TooLarge { limit: usize },
}

impl Session {
    /// Build the client from the TLS options of `config`.
    pub fn new(config: &CloudConfig, options: SessionOptions) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(options.timeouts.connect)
            .read_timeout(options.timeouts.read)
            .pool_idle_timeout(Duration::from_secs(60))
            // Redirects are judged by the session itself: only same-origin GET/HEAD are followed.
            .redirect(reqwest::redirect::Policy::none())
            .danger_accept_invalid_certs(!config.verify);
        let tls_error = |key: &str, message: String| config.config_error(key, message);
        if let Some(cacert) = &config.cacert {
            let pem = std::fs::read(cacert)
                .map_err(|e| tls_error("cacert", format!("cannot read {}: {e}", cacert.display())))?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| tls_error("cacert", format!("{} is not a PEM bundle: {e}", cacert.display())))?;
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        if let Some(cert) = &config.cert {
            let mut pem =
                std::fs::read(cert).map_err(|e| tls_error("cert", format!("cannot read {}: {e}", cert.display())))?;
            if let Some(key) = &config.key {
                pem.push(b'\n');
                pem.extend(
                    std::fs::read(key).map_err(|e| tls_error("key", format!("cannot read {}: {e}", key.display())))?,
                );
            }
            let identity = reqwest::Identity::from_pem(&pem).map_err(|e| {
                tls_error("cert", format!("{} (with key) is not a usable client certificate: {e}", cert.display()))
            })?;
            builder = builder.identity(identity);
        }
        let client = builder.build().map_err(|e| match (&config.cert, &config.key) {
            (Some(cert), key) => tls_error(
                if key.is_some() { "key" } else { "cert" },
                format!(
                    "the client certificate {} and key {} do not make a usable TLS identity: {}",
                    cert.display(),
                    key.as_ref().map(|k| k.display().to_string()).unwrap_or_else(|| "(in the same file)".into()),
                    transport_message(&e)
                ),
            ),
            (None, _) => Error::InvalidInput(format!("cannot build the HTTP client: {}", transport_message(&e))),
        })?;
        Ok(Session { client, auth: Authenticator::new(config.clone()), options })
    }

    /// The options this session runs with.
    pub fn options(&self) -> &SessionOptions {
        &self.options
    }

    /// The current token (authenticating if needed); `None` with `auth_type: none`.
    pub async fn token(&self) -> Result<Option<Arc<Token>>> {
        self.auth.token(self).await
    }

    /// Start from a token issued earlier (a cache); it is renewed when it expires or is refused.
    pub async fn preload_token(&self, token: Token) {
        self.auth.preload(token).await
    }

    /// The token held now, if any, without authenticating.
    pub async fn current_token(&self) -> Option<Arc<Token>> {
        self.auth.current().await
    }

    /// Drop the current token; the next request authenticates again.
    pub async fn invalidate_token(&self) {
        self.auth.invalidate().await
    }

    /// Number of token requests this session has sent to Keystone.
    pub fn auth_requests(&self) -> usize {
        self.auth.auth_requests()
    }

    /// Send a request with the token, retrying and re-authenticating as the policy allows, and
    /// return the response with its body unread (for streams; the attempt deadline covers the
    /// headers, then the idle read timeout applies). Any non-2xx answer becomes [`Error::Api`].
    pub async fn send(&self, request: Request) -> Result<Response> {
        self.send_accepting(request, &[]).await
    }

    /// Like [`Session::send`], but the listed non-2xx statuses are returned as responses.
    pub async fn send_accepting(&self, request: Request, accept: &[u16]) -> Result<Response> {
        match self.run(request, accept, false, true).await? {
            Answer::Open(response) => Ok(response),
            Answer::Read(_) => unreachable!("bodies are read only when asked"),
        }
    }

    /// Send a request with the token and read the whole body (at most `max_body_size` bytes)
    /// within the attempt's deadline; a connection lost mid-body is retried like any other
    /// failure of an idempotent request. The listed non-2xx statuses are returned, not errors.
    pub async fn fetch(&self, request: Request, accept: &[u16]) -> Result<Fetched> {
        self.fetch_with(request, accept, true).await
    }

    /// [`Session::fetch`] without a token (Keystone's token request itself).
    pub(crate) async fn fetch_with(&self, request: Request, accept: &[u16], with_token: bool) -> Result<Fetched> {
        match self.run(request, accept, true, with_token).await? {
            Answer::Read(fetched) => Ok(fetched),
            Answer::Open(_) => unreachable!("bodies are read when asked"),
        }
    }

    /// The retry loop every request goes through.
    async fn run(&self, request: Request, accept: &[u16], read_body: bool, with_token: bool) -> Result<Answer> {
        let Request { method, url, headers, body, idempotent } = request;
        let (fixed_body, mut stream_body) = match body {
            RequestBody::Empty => (None, None),
            RequestBody::Bytes(bytes, content_type) => (Some((bytes, content_type)), None),
            RequestBody::Stream(stream, content_type) => (None, Some((stream, content_type))),
        };
        let replayable = stream_body.is_none();
        let retry = &self.options.retry;
        let mut token = if with_token { self.auth.token(self).await? } else { None };
        let started = Instant::now();
        let mut url = url;
        let mut attempts = 0u32;
        let mut retries = 0u32;
        let mut renewed = false;
        let mut redirects = 0usize;
        let mut deadline = self.options.timeouts.request;
        loop {
            attempts += 1;
            let mut builder = self.client.request(method.clone(), &url).headers(headers.clone());
            if let Some(t) = &token {
                let mut value = HeaderValue::from_str(t.value.expose_secret())
                    .map_err(|_| Error::Auth("the token contains characters not allowed in a header".into()))?;
                value.set_sensitive(true);
                builder = builder.header("X-Auth-Token", value);
            }
            let content_type = if let Some((bytes, content_type)) = &fixed_body {
                builder = builder.body(bytes.clone());
                Some(*content_type)
            } else if let Some((stream, content_type)) = stream_body.take() {
                builder = builder.body(stream);
                Some(content_type)
            } else {
                None
            };
            if let (Some(content_type), false) = (content_type, headers.contains_key(CONTENT_TYPE)) {
                builder = builder.header(CONTENT_TYPE, content_type);
            }
            if tracing::enabled!(tracing::Level::TRACE) {
                if let Some((bytes, _)) = &fixed_body {
                    tracing::trace!(method = %method, url = %url, body = %redacted_body(bytes), "request body");
                }
            }
            let attempt_started = Instant::now();
            let outcome = self.attempt(builder, accept, read_body, deadline).await;
            let elapsed_ms = attempt_started.elapsed().as_millis() as u64;
            let answer = match outcome {
                Ok(answer) => answer,
                Err(AttemptError::TooLarge { limit }) => {
                    return Err(Error::BodyTooLarge { method: method.to_string(), url, limit });
                }
                Err(AttemptError::Tls { message }) => {
                    return Err(Error::Tls { method: method.to_string(), url, message });
                }
                Err(failure) => {
                    let (message, sent) = match failure {
                        AttemptError::Transport { message, connect } => (message, !connect),
                        AttemptError::Deadline(d) => {
                            (format!("no complete answer within {:.1}s", d.as_secs_f64()), true)
                        }
                        AttemptError::TooLarge { .. } | AttemptError::Tls { .. } => unreachable!("returned above"),
                    };
                    tracing::debug!(method = %method, url = %url, error = %message, elapsed_ms, "request failed");
                    let may_resend = replayable && (idempotent || !sent);
                    if may_resend && retries < retry.max_retries {
                        let delay = retry.backoff(retries);
                        if let Some(next) = self.next_deadline(started, delay) {
                            tokio::time::sleep(delay).await;
                            retries += 1;
                            deadline = next;
                            continue;
                        }
                    }
                    let mut message = message + &gave_up(attempts, started);
                    if sent && !idempotent {
                        message.push_str(
                            "; the connection failed after the request was sent, so it may have been applied \
                             (not resent: it is not idempotent)",
                        );
                    }
                    return Err(Error::Transport { method: method.to_string(), url, message });
                }
            };
            let status = answer.status();
            tracing::debug!(
                method = %method,
                url = %url,
                status = status.as_u16(),
                request_id = request_id(answer.headers()).as_deref().unwrap_or("-"),
                elapsed_ms,
                "request"
            );
            if let (Answer::Read(fetched), true) = (&answer, tracing::enabled!(tracing::Level::TRACE)) {
                if is_json(&fetched.headers) {
                    tracing::trace!(url = %url, body = %redacted_body(&fetched.body), "response body");
                }
            }
            if status.is_redirection() && !accept.contains(&status.as_u16()) {
                let location = answer
                    .headers()
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|l| url::Url::parse(&url).ok()?.join(l).ok())
                    .map(|u| u.to_string());
                let Some(location) = location else {
                    return Err(Error::Api {
                        status: status.as_u16(),
                        method: method.to_string(),
                        url,
                        request_id: request_id(answer.headers()),
                        message: "redirect without a usable Location header".into(),
                    });
                };
                let follow = matches!(method, Method::GET | Method::HEAD)
                    && same_origin(&url, &location)
                    && redirects < MAX_REDIRECTS;
                if follow {
                    tracing::debug!(from = %url, to = %location, "following a same-origin redirect");
                    redirects += 1;
                    url = location;
                    continue;
                }
                return Err(Error::Redirect { method: method.to_string(), url, location, status: status.as_u16() });
            }
            if status == StatusCode::UNAUTHORIZED && replayable && !renewed {
                if let Some(refused) = &token {
                    token = Some(self.auth.renew_after_401(self, refused).await?);
                    renewed = true;
                    continue;
                }
            }
            let retryable = matches!(status.as_u16(), 429 | 502 | 503 | 504);
            if retryable && idempotent && replayable && retries < retry.max_retries {
                let delay = retry_after(answer.headers())
                    .map(|d| d.min(retry.max_delay))
                    .unwrap_or_else(|| retry.backoff(retries));
                if let Some(next) = self.next_deadline(started, delay) {
                    tracing::debug!(method = %method, url = %url, status = status.as_u16(), delay_ms = delay.as_millis() as u64, "retrying");
                    tokio::time::sleep(delay).await;
                    retries += 1;
                    deadline = next;
                    continue;
                }
            }
            if !status.is_success() && !accept.contains(&status.as_u16()) {
                let suffix = if retryable { gave_up(attempts, started) } else { String::new() };
                let error = match answer {
                    Answer::Read(fetched) => api_error(method.as_str(), &url, &fetched.headers, status, &fetched.body),
                    Answer::Open(response) => api_error_from_response(method.as_str(), &url, response).await,
                };
                return Err(match error {
                    Error::Api { status, method, url, request_id, message } => {
                        Error::Api { status, method, url, request_id, message: message + &suffix }
                    }
                    other => other,
                });
            }
            return Ok(answer);
        }
    }

    /// The deadline of a retry that starts after `delay`, or `None` when the call's time budget
    /// would be spent before it could end.
    fn next_deadline(&self, started: Instant, delay: Duration) -> Option<Duration> {
        let left = self.options.retry.max_elapsed.checked_sub(started.elapsed() + delay)?;
        (left >= Duration::from_millis(50)).then(|| left.min(self.options.timeouts.request))
    }

    /// Send once and, when asked (or for an error status), read the body, all within `deadline`.
    async fn attempt(
        &self,
        builder: reqwest::RequestBuilder,
        accept: &[u16],
        read_body: bool,
        deadline: Duration,
    ) -> std::result::Result<Answer, AttemptError> {
        let limit = self.options.max_body_size;
        let work = async {
            let response = builder.send().await.map_err(|e| match tls_problem(&e) {
                Some(hint) => AttemptError::Tls { message: format!("{}{hint}", transport_message(&e)) },
                None => AttemptError::Transport { connect: e.is_connect(), message: transport_message(&e) },
            })?;
            let status = response.status();
            let wanted = status.is_success() || accept.contains(&status.as_u16());
            if wanted && !read_body {
                return Ok(Answer::Open(response));
            }
            let cap = if wanted { limit } else { MAX_ERROR_BODY };
            let headers = response.headers().clone();
            let url = response.url().to_string();
            let body = read_capped(response, cap, wanted).await?;
            Ok(Answer::Read(Fetched { status, headers, url, body }))
        };
        match tokio::time::timeout(deadline, work).await {
            Ok(result) => result,
            Err(_) => Err(AttemptError::Deadline(deadline)),
        }
    }
}

/// Read a body up to `cap` bytes. Over the cap: an error when `strict`, else the first `cap` bytes
/// (error bodies: the rest is never read).
async fn read_capped(mut response: Response, cap: usize, strict: bool) -> std::result::Result<Bytes, AttemptError> {
    if strict && response.content_length().is_some_and(|n| n > cap as u64) {
        return Err(AttemptError::TooLarge { limit: cap });
    }
    let mut body = bytes::BytesMut::new();
    loop {
        let chunk = response
            .chunk()
            .await
            .map_err(|e| AttemptError::Transport { connect: false, message: transport_message(&e) })?;
        let Some(chunk) = chunk else { break };
        if body.len() + chunk.len() > cap {
            if strict {
                return Err(AttemptError::TooLarge { limit: cap });
            }
            body.extend_from_slice(&chunk[..cap - body.len()]);
            break;
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A hint when the error is a TLS failure that retrying cannot fix (a rustls error anywhere in
/// the chain, including inside I/O errors, whose `source()` skips it).
fn tls_problem(error: &reqwest::Error) -> Option<&'static str> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = next {
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return Some(match tls {
                rustls::Error::InvalidCertificate(_) => {
                    " (the server's certificate is not trusted: set cacert to its CA bundle, or verify: false)"
                }
                rustls::Error::AlertReceived(rustls::AlertDescription::CertificateRequired) => {
                    " (the server requires a client certificate: set cert and key)"
                }
                rustls::Error::AlertReceived(_) => " (the server refused the TLS handshake)",
                _ => "",
            });
        }
        next = match current.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()) {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => current.source(),
        };
    }
    None
}

/// " (gave up after N attempts over T s)" when more than one attempt was made.
fn gave_up(attempts: u32, started: Instant) -> String {
    if attempts > 1 {
        format!(" (gave up after {attempts} attempts over {:.1}s)", started.elapsed().as_secs_f64())
    } else {
        String::new()
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.contains("json"))
}

/// `Retry-After` of a response, parsed by [`parse_retry_after`].
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    parse_retry_after(headers.get(RETRY_AFTER)?.to_str().ok()?)
}

/// JSON keys whose values are never logged.
const SECRET_KEYS: [&str; 9] =
    ["password", "secret", "token", "private_key", "adminpass", "admin_pass", "credential", "blob", "passcode"];

/// A body for the trace log: JSON with secret-looking values replaced, at most 4 KiB.
pub fn redacted_body(bytes: &[u8]) -> String {
    fn redact(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let lower = key.to_ascii_lowercase();
                    if SECRET_KEYS.iter().any(|s| lower.contains(s)) && !v.is_object() && !v.is_array() {
                        *v = Value::String("***".into());
                    } else {
                        redact(v);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(redact),
            _ => {}
        }
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut value) => {
            redact(&mut value);
            truncate(&value.to_string(), 4096)
        }
        Err(_) => format!("<{} bytes, not JSON>", bytes.len()),
    }
}

/// The OpenStack request id of a response, whichever header the service used.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-openstack-request-id", "x-compute-request-id", "x-trans-id", "x-request-id"]
        .iter()
        .find_map(|h| headers.get(*h).and_then(|v| v.to_str().ok()).map(str::to_string))
}

/// A transport error with its causes, e.g. "error sending request: connection refused".
pub(crate) fn transport_message(error: &reqwest::Error) -> String {
    let mut message = error.without_url_ref_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

trait WithoutUrl {
    fn without_url_ref_string(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref_string(&self) -> String {
        // reqwest appends " for url (...)"; the URL is reported separately.
        let text = self.to_string();
        match text.find(" for url (") {
            Some(i) => text[..i].to_string(),
            None => text,
        }
    }
}

/// Read a failed response into [`Error::Api`]; at most 64 KiB of its body is read.
pub(crate) async fn api_error_from_response(method: &str, url: &str, response: Response) -> Error {
    let status = response.status();
    let headers = response.headers().clone();
    let body = read_capped(response, MAX_ERROR_BODY, false).await.unwrap_or_default();
    api_error(method, url, &headers, status, &body)
}

/// [`Error::Api`] from a failed response already read.
pub(crate) fn api_error(method: &str, url: &str, headers: &HeaderMap, status: StatusCode, body: &[u8]) -> Error {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let body = &body[..body.len().min(MAX_ERROR_BODY)];
    let api = Error::Api {
        status: status.as_u16(),
        method: method.to_string(),
        url: url.to_string(),
        request_id: request_id(headers),
        message: error_message(status, content_type, body),
    };
    match (status, error_code(body)) {
        (StatusCode::CONFLICT, Some(code)) => Error::Conflict { code, api: Box::new(api) },
        _ => api,
    }
}

/// The error code of a placement-style body, `{"errors": [{"code": "placement.concurrent_update"}]}`.
fn error_code(body: &[u8]) -> Option<String> {
    let json: Value = serde_json::from_slice(body).ok()?;
    let errors = json.get("errors")?.as_array()?;
    errors.iter().find_map(|e| e.get("code")?.as_str().map(str::trim).filter(|c| !c.is_empty()).map(str::to_string))
}

/// The human message in an OpenStack error body, whatever style the service used:
/// nova `{"itemNotFound": {"message": ...}}`, neutron `{"NeutronError": {"message": ...}}`,
/// keystone `{"error": {"message": ...}}`, placement `{"errors": [{"detail": ...}]}`,
/// and plain text or HTML (glance, swift, proxies).
pub fn error_message(status: StatusCode, content_type: &str, body: &[u8]) -> String {
    let fallback = || status.canonical_reason().unwrap_or("error").to_string();
    if body.iter().all(u8::is_ascii_whitespace) {
        return fallback();
    }
    if let Ok(json) = serde_json::from_slice::<Value>(body) {
        if let Some(message) = json_message(&json) {
            return message;
        }
    }
    let text = String::from_utf8_lossy(body);
    let text = if content_type.contains("html") || text.trim_start().starts_with('<') {
        strip_html(&text)
    } else {
        text.to_string()
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .strip_prefix(&format!("{} ", status.as_u16()))
        .map(|rest| {
            // "404 Not Found The resource could not be found." -> drop the repeated status line
            rest.strip_prefix(status.canonical_reason().unwrap_or("")).unwrap_or(rest).trim().to_string()
        })
        .unwrap_or(text);
    if text.is_empty() {
        return fallback();
    }
    truncate(&text, 1000)
}

fn json_message(json: &Value) -> Option<String> {
    // blank strings (`"detail": " "`) are no message: try the next key
    let text = |v: &Value| v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let object = json.as_object()?;
    // placement / newer APIs: {"errors": [{"title", "detail"}]}
    if let Some(Value::Array(errors)) = object.get("errors") {
        let parts: Vec<String> = errors
            .iter()
            .filter_map(|e| e.get("detail").and_then(text).or_else(|| e.get("title").and_then(text)))
            .collect();
        if !parts.is_empty() {
            return Some(parts.join("; "));
        }
    }
    // top-level message (cinder, some proxies)
    for key in ["message", "faultstring", "description", "detail", "title"] {
        if let Some(m) = object.get(key).and_then(text) {
            return Some(m);
        }
    }
    // one wrapper object: nova {"badRequest": {...}}, neutron {"NeutronError": {...}}, keystone {"error": {...}}
    for inner in object.values() {
        if let Some(inner) = inner.as_object() {
            for key in ["message", "detail", "description", "title"] {
                if let Some(m) = inner.get(key).and_then(text) {
                    return Some(m);
                }
            }
        }
        if let Some(m) = text(inner) {
            return Some(m);
        }
    }
    None
}

fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut skip_title = false;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if !in_tag && lower[i..].starts_with("<title") {
            skip_title = true;
        }
        if skip_title && lower[i..].starts_with("</title>") {
            skip_title = false;
            i += "</title>".len();
            continue;
        }
        let c = html[i..].chars().next().unwrap_or(' ');
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag && !skip_title => out.push(c),
            _ => {}
        }
        i += c.len_utf8();
    }
    out
}

fn truncate(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

/// The longest wait a `Retry-After` header can ask for; larger values are capped to it.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// A `Retry-After` header value as a wait: delay seconds (an integer or a finite decimal,
/// e.g. `120` or `1.5`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`, RFC 2822 form).
///
/// Garbage, negative, NaN and infinite values, and dates already past, give `None` (the caller
/// falls back to its own backoff); waits longer than [`MAX_RETRY_AFTER`] are capped to it.
/// Never panics, whatever the server sent.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Ok(seconds) = value.parse::<f64>() {
        if !seconds.is_finite() || seconds < 0.0 {
            return None;
        }
        if seconds == 0.0 {
            // also -0.0, which Duration::try_from_secs_f64 may refuse
            return Some(Duration::ZERO);
        }
        return Duration::try_from_secs_f64(seconds.min(MAX_RETRY_AFTER.as_secs_f64())).ok();
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = at.with_timezone(&chrono::Utc).signed_duration_since(chrono::Utc::now());
    wait.to_std().ok().map(|d| d.min(MAX_RETRY_AFTER))
}

/// Whether `candidate` stays on `base`'s origin: both are absolute `http`/`https` URLs with the
/// same scheme, host and port (a missing port counts as the scheme's default, so
/// `http://h/` and `http://h:80/` match). Anything unparsable, relative or of another scheme is
/// not the same origin. Used before following a pagination or discovery link with a token.
pub fn same_origin(base: &str, candidate: &str) -> bool {
    fn origin(text: &str) -> Option<(String, url::Host<String>, u16)> {
        let url = url::Url::parse(text).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        let host = url.host()?.to_owned();
        let port = url.port_or_known_default()?;
        Some((url.scheme().to_string(), host, port))
    }
    match (origin(base), origin(candidate)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(status: u16, ct: &str, body: &str) -> String {
        error_message(StatusCode::from_u16(status).unwrap(), ct, body.as_bytes())
    }

    #[test]
    fn every_error_body_style() {
        assert_eq!(
            msg(
                404,
                "application/json",
                r#"{"itemNotFound": {"message": "Instance x could not be found.", "code": 404}}"#
            ),
            "Instance x could not be found."
        );
        assert_eq!(
            msg(
                404,
                "application/json",
                r#"{"NeutronError": {"type": "NetworkNotFound", "message": "Network n could not be found.", "detail": ""}}"#
            ),
            "Network n could not be found."
        );
        assert_eq!(
            msg(
                401,
                "application/json",
                r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#
            ),
            "The request you have made requires authentication."
        );
        assert_eq!(
            msg(
                400,
                "application/json",
                r#"{"errors": [{"status": 400, "title": "Bad Request", "detail": "JSON does not validate", "request_id": "req-1"}]}"#
            ),
            "JSON does not validate"
        );
        assert_eq!(
            msg(404, "text/html", "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID abc<br /><br />\n\n\n </body>\n</html>"),
            "No image found with ID abc"
        );
        assert_eq!(msg(409, "text/plain", "409 Conflict\n\nImage is in use"), "Image is in use");
        assert_eq!(msg(503, "", ""), "Service Unavailable");
        assert_eq!(msg(400, "application/json", r#"{"message": "Invalid input", "code": 400}"#), "Invalid input");
    }

    #[test]
    fn placement_conflicts_keep_their_code() {
        let body = br#"{"errors": [{"status": 409, "title": "Conflict", "detail": "There was a conflict when trying to complete your request.\n\n resource provider generation conflict  ", "code": "placement.concurrent_update", "request_id": "req-1"}]}"#;
        let error =
            api_error("PUT", "http://p/resource_providers/x/traits", &HeaderMap::new(), StatusCode::CONFLICT, body);
        assert!(error.is_generation_conflict(), "{error:?}");
        assert_eq!((error.status(), error.code()), (Some(409), Some("placement.concurrent_update")));
        assert!(
            error.to_string().contains("[placement.concurrent_update]")
                && error.to_string().contains("resource provider generation conflict"),
            "{error}"
        );
        // another status, or a 409 without a code, stays Error::Api
        let not_found = api_error("GET", "http://p/x", &HeaderMap::new(), StatusCode::NOT_FOUND, body);
        assert!(matches!(not_found, Error::Api { status: 404, .. }));
        let plain = api_error(
            "PUT",
            "http://p/x",
            &HeaderMap::new(),
            StatusCode::CONFLICT,
            br#"{"conflictingRequest": {"message": "busy", "code": 409}}"#,
        );
        assert!(matches!(plain, Error::Api { status: 409, .. }) && !plain.is_generation_conflict());
    }

    #[test]
    fn logged_bodies_hide_secrets() {
        let text = redacted_body(br#"{"server": {"adminPass": "p4ss", "name": "vm"}, "auth": {"password": "x", "application_credential_secret": "y"}}"#);
        assert!(!text.contains("p4ss") && !text.contains("\"x\"") && !text.contains("\"y\""), "{text}");
        assert!(text.contains("vm"));
        // keystone credentials keep EC2 secrets and TOTP seeds in `blob`
        assert!(!redacted_body(br#"{"credential": {"blob": "totp-seed", "type": "totp"}}"#).contains("totp-seed"));
        // v3totp / v3multifactor token requests
        assert!(!redacted_body(br#"{"totp": {"user": {"id": "u", "passcode": "492039"}}}"#).contains("492039"));
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("garbage"));
        assert_eq!(retry_after(&h), None);
        for hostile in ["1e300", "-1", "NaN", "inf", "-inf", "18446744073709551616", "1e-400"] {
            let parsed = parse_retry_after(hostile);
            assert!(parsed.is_none_or(|d| d <= MAX_RETRY_AFTER), "{hostile}: {parsed:?}");
        }
        assert_eq!(parse_retry_after("1e300"), Some(MAX_RETRY_AFTER));
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT"), None);
        assert_eq!(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT"), Some(MAX_RETRY_AFTER));
    }
}
