//! The one error type of the crate.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) {
//! match conn.compute().servers().get("no-such-id").await {
//!     Err(e) if e.is_not_found() => println!("gone (request id {:?})", e.request_id()),
//!     Err(e) => eprintln!("{e}"), // method, URL, status, request id and the server's message
//!     Ok(server) => println!("{}", server.name),
//! }
//! # }
//! ```

use std::path::PathBuf;
use std::time::Duration;

/// `Result` with [`Error`] as the error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong talking to an OpenStack cloud.
///
/// No variant ever carries a password, token or secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A configuration file or environment variable is missing, unreadable or wrong.
    #[error("config error in {}{}: {message}", source_name(.file), key_suffix(.key))]
    Config {
        /// The file (or `None` for the environment / programmatic config).
        file: Option<PathBuf>,
        /// The key that is wrong or missing, e.g. `clouds.devcloud.auth.auth_url`.
        key: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// Authentication against Keystone failed or the auth configuration is incomplete.
    #[error("authentication failed: {0}")]
    Auth(String),
    /// Keystone refused the credentials.
    #[error("authentication failed: Keystone at {url} refused the credentials of cloud '{cloud}': {status} {message}{}", request_id_suffix(.request_id))]
    AuthRefused {
        /// The token URL.
        url: String,
        /// The cloud name (or "(from OS_* variables)").
        cloud: String,
        /// HTTP status (401, 403...).
        status: u16,
        /// Keystone's message.
        message: String,
        /// Keystone's request id.
        request_id: Option<String>,
    },
    /// The cloud answered with an HTTP error.
    #[error("{method} {url} returned {status}{}: {message}", request_id_suffix(.request_id))]
    Api {
        /// HTTP status code.
        status: u16,
        /// HTTP method of the failed request.
        method: String,
        /// Full URL of the failed request.
        url: String,
        /// `x-openstack-request-id` (or `x-compute-request-id`) of the response, if any.
        request_id: Option<String>,
        /// The server's message, extracted from whichever error body style it used.
        message: String,
    },
    /// The cloud refused a change that conflicts with the resource's current state (HTTP 409) and
    /// named the conflict with an error code, as placement does: `placement.concurrent_update`
    /// when a resource provider's or consumer's generation moved on (read it again and retry,
    /// see [`Error::is_generation_conflict`]), `placement.inventory.inuse`, ...
    #[error("{api} [{code}]")]
    Conflict {
        /// The service's error code (`placement.concurrent_update`).
        code: String,
        /// The 409 itself, an [`Error::Api`] (method, URL, request id, message).
        api: Box<Error>,
    },
    /// Keystone could not be reached or answered with a server error: the credentials were not judged.
    #[error("authentication failed: Keystone at {url} is unavailable: {message}")]
    AuthUnavailable {
        /// The token URL.
        url: String,
        /// What happened (status and Keystone's message, or the transport error), with the attempts made.
        message: String,
        /// HTTP status, when Keystone answered.
        status: Option<u16>,
        /// Keystone's request id, if any.
        request_id: Option<String>,
    },
    /// A server answered with a redirect that ostack does not follow (another host, or a method
    /// other than GET/HEAD): the request carries a token or credentials.
    #[error("{method} {url} was redirected ({status}) to {location}; not followed: only same-origin GET/HEAD redirects are, so a token or password never leaves the cloud's endpoints")]
    Redirect {
        /// HTTP method.
        method: String,
        /// The URL that answered with the redirect.
        url: String,
        /// Where it pointed.
        location: String,
        /// The 3xx status.
        status: u16,
    },
    /// A link from a response (a `next` page, a version document's `self`) points outside the
    /// endpoint's scheme, host and port; following it would send the token elsewhere.
    #[error("{what} {link} from {url} is not on the endpoint's scheme, host and port; not followed (the token would leave the cloud's endpoints)")]
    ForeignLink {
        /// What kind of link (`next link`, ...).
        what: &'static str,
        /// The link.
        link: String,
        /// The URL whose response carried it.
        url: String,
    },
    /// The TLS handshake failed for a reason retrying cannot fix (untrusted certificate, missing
    /// client certificate, protocol mismatch).
    #[error("{method} {url}: TLS failed: {message}")]
    Tls {
        /// HTTP method.
        method: String,
        /// URL.
        url: String,
        /// What failed, with a hint.
        message: String,
    },
    /// A response body was larger than the session accepts.
    #[error(
        "{method} {url}: the response body is larger than the limit of {limit} bytes (SessionOptions::max_body_size)"
    )]
    BodyTooLarge {
        /// HTTP method.
        method: String,
        /// URL.
        url: String,
        /// The limit in bytes.
        limit: usize,
    },
    /// No endpoint for a service in the catalog.
    #[error("no endpoint for service '{service}' (interface {interface}{}) in the catalog", region_suffix(.region))]
    EndpointNotFound {
        /// Service type asked for.
        service: String,
        /// Interface asked for.
        interface: String,
        /// Region asked for.
        region: Option<String>,
    },
    /// The transport failed (connection refused, TLS, timeout...).
    #[error("{method} {url}: {message}")]
    Transport {
        /// HTTP method.
        method: String,
        /// URL.
        url: String,
        /// What failed.
        message: String,
    },
    /// A response body could not be decoded into the expected type.
    #[error("cannot decode {resource} from {url}: {message}")]
    Decode {
        /// Resource or document being decoded (e.g. `Server`).
        resource: String,
        /// URL the body came from.
        url: String,
        /// serde's message (it names the field and the offending value).
        message: String,
    },
    /// `find` matched nothing.
    #[error("no {resource} found with name or id '{name_or_id}'")]
    NotFound {
        /// Resource type.
        resource: &'static str,
        /// The name or id looked for.
        name_or_id: String,
    },
    /// `find` by name matched more than one resource.
    #[error("more than one {resource} is named '{name}'; use an id")]
    MultipleMatches {
        /// Resource type.
        resource: &'static str,
        /// The ambiguous name.
        name: String,
    },
    /// `wait_for` ran out of time or the resource reached an error state.
    #[error("waiting for {resource} {id}: {message}")]
    Wait {
        /// Resource type.
        resource: &'static str,
        /// Resource id.
        id: String,
        /// Why waiting stopped (timeout after N s, status ERROR, ...).
        message: String,
    },
    /// Invalid argument given by the caller.
    #[error("invalid argument: {0}")]
    InvalidInput(String),
    /// The call, or one of its arguments, exists only at microversions this connection does not
    /// use (or the cloud does not offer); nothing was sent.
    #[error("{what} needs {service} microversion {needs}; this connection uses {}, the cloud offers {}", version_or_none(.current), version_range(.cloud_min, .cloud_max))]
    Unsupported {
        /// The call or argument (`lock with a reason`).
        what: String,
        /// The service (`compute`).
        service: &'static str,
        /// The microversions it needs (`2.73 or later`, `2.67 or earlier`).
        needs: String,
        /// The microversion the connection uses.
        current: Option<crate::discovery::Microversion>,
        /// The lowest microversion the cloud offers.
        cloud_min: Option<crate::discovery::Microversion>,
        /// The highest microversion the cloud offers.
        cloud_max: Option<crate::discovery::Microversion>,
    },
    /// Local I/O (reading a file to upload, writing a download).
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Data read from or written to the cloud does not match the hash the cloud recorded for it
    /// (a corrupted image download or upload).
    #[error("{what}: the data does not match its {algo} hash: expected {expected}, got {actual}")]
    HashMismatch {
        /// What was checked (`image <id> download`, ...).
        what: String,
        /// The algorithm (`sha512`, `md5`, ...).
        algo: String,
        /// The hash the cloud recorded.
        expected: String,
        /// The hash of the data that was actually transferred.
        actual: String,
    },
}

impl Error {
    /// A copy of this error (I/O errors keep their kind and message), for results shared
    /// between callers such as a failed re-authentication.
    pub fn duplicate(&self) -> Error {
        match self {
            Error::Config { file, key, message } => {
                Error::Config { file: file.clone(), key: key.clone(), message: message.clone() }
            }
            Error::Auth(m) => Error::Auth(m.clone()),
            Error::AuthRefused { url, cloud, status, message, request_id } => Error::AuthRefused {
                url: url.clone(),
                cloud: cloud.clone(),
                status: *status,
                message: message.clone(),
                request_id: request_id.clone(),
            },
            Error::AuthUnavailable { url, message, status, request_id } => Error::AuthUnavailable {
                url: url.clone(),
                message: message.clone(),
                status: *status,
                request_id: request_id.clone(),
            },
            Error::Redirect { method, url, location, status } => Error::Redirect {
                method: method.clone(),
                url: url.clone(),
                location: location.clone(),
                status: *status,
            },
            Error::ForeignLink { what, link, url } => Error::ForeignLink { what, link: link.clone(), url: url.clone() },
            Error::BodyTooLarge { method, url, limit } => {
                Error::BodyTooLarge { method: method.clone(), url: url.clone(), limit: *limit }
            }
            Error::Api { status, method, url, request_id, message } => Error::Api {
                status: *status,
                method: method.clone(),
                url: url.clone(),
                request_id: request_id.clone(),
                message: message.clone(),
            },
            Error::Conflict { code, api } => Error::Conflict { code: code.clone(), api: Box::new(api.duplicate()) },
            Error::EndpointNotFound { service, interface, region } => Error::EndpointNotFound {
                service: service.clone(),
                interface: interface.clone(),
                region: region.clone(),
            },
            Error::Transport { method, url, message } => {
                Error::Transport { method: method.clone(), url: url.clone(), message: message.clone() }
            }
            Error::Tls { method, url, message } => {
                Error::Tls { method: method.clone(), url: url.clone(), message: message.clone() }
            }
            Error::Decode { resource, url, message } => {
                Error::Decode { resource: resource.clone(), url: url.clone(), message: message.clone() }
            }
            Error::NotFound { resource, name_or_id } => Error::NotFound { resource, name_or_id: name_or_id.clone() },
            Error::MultipleMatches { resource, name } => Error::MultipleMatches { resource, name: name.clone() },
            Error::Wait { resource, id, message } => Error::Wait { resource, id: id.clone(), message: message.clone() },
            Error::InvalidInput(m) => Error::InvalidInput(m.clone()),
            Error::Unsupported { what, service, needs, current, cloud_min, cloud_max } => Error::Unsupported {
                what: what.clone(),
                service,
                needs: needs.clone(),
                current: *current,
                cloud_min: *cloud_min,
                cloud_max: *cloud_max,
            },
            Error::Io(e) => Error::Io(std::io::Error::new(e.kind(), e.to_string())),
            Error::HashMismatch { what, algo, expected, actual } => Error::HashMismatch {
                what: what.clone(),
                algo: algo.clone(),
                expected: expected.clone(),
                actual: actual.clone(),
            },
        }
    }

    /// HTTP status of an API error, if this is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            Error::Conflict { .. } => Some(409),
            _ => None,
        }
    }

    /// True for a 404 from the API or a `find` that matched nothing.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. }) || self.status() == Some(404)
    }

    /// The OpenStack request id of a failed API call.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. } => request_id.as_deref(),
            Error::Conflict { api, .. } => api.request_id(),
            _ => None,
        }
    }

    /// The service's error code of a conflict (`placement.concurrent_update`), if it sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Conflict { code, .. } => Some(code),
            _ => None,
        }
    }

    /// True when a write lost a race: the resource provider's or consumer's generation sent with
    /// it is no longer the current one (placement's `placement.concurrent_update`). Read the
    /// current generation and try again.
    pub fn is_generation_conflict(&self) -> bool {
        self.code() == Some("placement.concurrent_update")
    }

    pub(crate) fn config(file: Option<PathBuf>, key: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Config { file, key: Some(key.into()), message: message.into() }
    }

    pub(crate) fn wait_timeout(resource: &'static str, id: &str, timeout: Duration) -> Self {
        Error::Wait { resource, id: id.to_string(), message: format!("timed out after {}s", timeout.as_secs()) }
    }
}

fn source_name(file: &Option<PathBuf>) -> String {
    match file {
        Some(f) => f.display().to_string(),
        None => "environment".to_string(),
    }
}

fn key_suffix(key: &Option<String>) -> String {
    key.as_ref().map(|k| format!(" (key '{k}')")).unwrap_or_default()
}

fn request_id_suffix(id: &Option<String>) -> String {
    id.as_ref().map(|i| format!(" (request id {i})")).unwrap_or_default()
}

fn version_or_none(version: &Option<crate::discovery::Microversion>) -> String {
    version.map_or_else(|| "none".to_string(), |v| v.to_string())
}

fn version_range(min: &Option<crate::discovery::Microversion>, max: &Option<crate::discovery::Microversion>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (None, Some(max)) => format!("up to {max}"),
        (Some(min), None) => format!("{min} and later"),
        (None, None) => "no microversions".to_string(),
    }
}

fn region_suffix(region: &Option<String>) -> String {
    region.as_ref().map(|r| format!(", region {r}")).unwrap_or_default()
}
