//! The HTTP layer: one reqwest client per connection, auth headers, retries, error bodies, logging.

use crate::auth::{Authenticator, Token};
use crate::config::CloudConfig;
use crate::{Error, Result};
use bytes::Bytes;
use rand::Rng;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Response, StatusCode};
use secrecy::ExposeSecret;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use reqwest::Method;

/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("ostack/", env!("CARGO_PKG_VERSION"));

/// Most of an error body we read to find the message.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// When and how often a failed request is sent again.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// First backoff delay; doubled after every retry, with jitter.
    pub base_delay: Duration,
    /// Longest wait between two attempts, including a server's `Retry-After`.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 4, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(30) }
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
}

impl Request {
    /// A request with no body.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Request { method, url: url.into(), headers: HeaderMap::new(), body: RequestBody::Empty }
    }

    /// Attach a JSON body.
    pub fn json(mut self, body: &impl serde::Serialize) -> Result<Self> {
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

/// The HTTP session of a connection: client, current token, retry policy.
pub struct Session {
    client: reqwest::Client,
    auth: Authenticator,
    retry: RetryPolicy,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session").field("retry", &self.retry).finish_non_exhaustive()
    }
}

impl Session {
    /// Build the client from the TLS options of `config`.
    pub fn new(config: &CloudConfig, retry: RetryPolicy) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(300))
            .pool_idle_timeout(Duration::from_secs(60))
            .danger_accept_invalid_certs(!config.verify);
        let tls_error = |key: &str, message: String| Error::config(config.source_file.clone(), key, message);
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
        let client = builder.build().map_err(|e| Error::Transport {
            method: "-".into(),
            url: "-".into(),
            message: format!("cannot build the HTTP client: {e}"),
        })?;
        Ok(Session { client, auth: Authenticator::new(config.clone()), retry })
    }

    /// The current token (authenticating if needed); `None` with `auth_type: none`.
    pub async fn token(&self) -> Result<Option<Arc<Token>>> {
        self.auth.token(&self.client).await
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

    /// Send a request with the token, retrying and re-authenticating as the policy allows.
    /// Any non-2xx answer becomes [`Error::Api`].
    pub async fn send(&self, request: Request) -> Result<Response> {
        self.send_accepting(request, &[]).await
    }

    /// Like [`Session::send`], but the listed non-2xx statuses (e.g. 300 from a version document)
    /// are returned as responses instead of errors.
    pub async fn send_accepting(&self, request: Request, accept: &[u16]) -> Result<Response> {
        let Request { method, url, headers, body } = request;
        let idempotent = matches!(method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS);
        let (fixed_body, mut stream_body) = match body {
            RequestBody::Empty => (None, None),
            RequestBody::Bytes(bytes, content_type) => (Some((bytes, content_type)), None),
            RequestBody::Stream(stream, content_type) => (None, Some((stream, content_type))),
        };
        let replayable = stream_body.is_none();
        let mut token = self.auth.token(&self.client).await?;
        let mut attempt = 0u32;
        let mut renewed = false;
        loop {
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
            let started = Instant::now();
            let result = builder.send().await;
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let response = match result {
                Ok(r) => r,
                Err(e) => {
                    tracing::debug!(method = %method, url = %url, error = %e, elapsed_ms, "request failed");
                    if idempotent
                        && replayable
                        && attempt < self.retry.max_retries
                        && (e.is_connect() || e.is_timeout())
                    {
                        tokio::time::sleep(self.retry.backoff(attempt)).await;
                        attempt += 1;
                        continue;
                    }
                    return Err(Error::Transport { method: method.to_string(), url, message: transport_message(&e) });
                }
            };
            let status = response.status();
            tracing::debug!(
                method = %method,
                url = %url,
                status = status.as_u16(),
                request_id = request_id(response.headers()).as_deref().unwrap_or("-"),
                elapsed_ms,
                "request"
            );
            let response =
                if tracing::enabled!(tracing::Level::TRACE) { log_response_body(response).await } else { response };
            if status == StatusCode::UNAUTHORIZED && replayable && !renewed {
                if let Some(refused) = &token {
                    token = Some(self.auth.renew_after_401(&self.client, refused).await?);
                    renewed = true;
                    continue;
                }
            }
            let retryable = matches!(status.as_u16(), 429 | 502 | 503 | 504);
            if retryable && idempotent && replayable && attempt < self.retry.max_retries {
                let delay = retry_after(response.headers())
                    .map(|d| d.min(self.retry.max_delay))
                    .unwrap_or_else(|| self.retry.backoff(attempt));
                tracing::debug!(method = %method, url = %url, status = status.as_u16(), delay_ms = delay.as_millis() as u64, "retrying");
                tokio::time::sleep(delay).await;
                attempt += 1;
                continue;
            }
            if !status.is_success() && !accept.contains(&status.as_u16()) {
                return Err(api_error_from_response(method.as_str(), &url, response).await);
            }
            return Ok(response);
        }
    }
}

/// JSON keys whose values are never logged.
const SECRET_KEYS: [&str; 7] = ["password", "secret", "token", "private_key", "adminpass", "admin_pass", "credential"];

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

/// Log a JSON response body (redacted) and give back an equivalent response.
async fn log_response_body(response: Response) -> Response {
    let is_json =
        response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.contains("json"));
    if !is_json {
        return response;
    }
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let url = response.url().clone();
    let bytes = response.bytes().await.unwrap_or_default();
    tracing::trace!(url = %url, body = %redacted_body(&bytes), "response body");
    let mut rebuilt = http::Response::new(bytes);
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Response::from(rebuilt)
}

/// The OpenStack request id of a response, whichever header the service used.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    ["x-openstack-request-id", "x-compute-request-id", "x-trans-id", "x-request-id"]
        .iter()
        .find_map(|h| headers.get(*h).and_then(|v| v.to_str().ok()).map(str::to_string))
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).to_std().ok()
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

/// Read a failed response into [`Error::Api`].
pub(crate) async fn api_error_from_response(method: &str, url: &str, response: Response) -> Error {
    let status = response.status();
    let request_id = request_id(response.headers());
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let body = match response.bytes().await {
        Ok(b) => b.slice(..b.len().min(MAX_ERROR_BODY)),
        Err(_) => Bytes::new(),
    };
    Error::Api {
        status: status.as_u16(),
        method: method.to_string(),
        url: url.to_string(),
        request_id,
        message: error_message(status, &content_type, &body),
    }
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
    fn logged_bodies_hide_secrets() {
        let text = redacted_body(br#"{"server": {"adminPass": "p4ss", "name": "vm"}, "auth": {"password": "x", "application_credential_secret": "y"}}"#);
        assert!(!text.contains("p4ss") && !text.contains("\"x\"") && !text.contains("\"y\""), "{text}");
        assert!(text.contains("vm"));
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("garbage"));
        assert_eq!(retry_after(&h), None);
    }
}
