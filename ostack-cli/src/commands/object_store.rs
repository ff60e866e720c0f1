//! What the `container` and `object` commands share: errors and property names as
//! python-openstackclient's swift client prints them, the account name, progress bars, sizes,
//! and safe local paths for downloads.

use crate::errors::CliError;
use crate::format::dict_column;
use crate::output::Cell;
use ostack::catalog::ServiceType;
use ostack::headers::HeaderMap;
use ostack::Connection;
use serde_json::{Map, Value};
use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::task::{Context as TaskContext, Poll};
use tokio::io::{AsyncRead, ReadBuf};

/// An SDK error as osc's object-store client (keystoneauth) prints it:
/// `Not Found (HTTP 404) (Request-ID: tx...)`. Other errors are printed as usual; a 413 keeps
/// the SDK's explanation (quotas, size limit).
pub fn swift_error(error: ostack::Error) -> CliError {
    match error {
        ostack::Error::Api { status, request_id, message, .. } => {
            let mut line = format!("{} (HTTP {status})", reason(status));
            if let Some(id) = request_id {
                line.push_str(&format!(" (Request-ID: {id})"));
            }
            if status == 413 {
                line.push_str(&format!(": {message}"));
            }
            CliError::Message(line)
        }
        other => CliError::from(other),
    }
}

/// keystoneauth's name of an HTTP error.
fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "HTTP Error",
    }
}

/// A metadata key as swift sends it back (`orig-filename` -> `Orig-Filename`): Python's
/// `str.title()`, which swift applies to header names.
pub fn title_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut previous_cased = false;
    for c in key.chars() {
        let cased = c.is_alphabetic();
        if cased && !previous_cased {
            out.extend(c.to_uppercase());
        } else if cased {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        previous_cased = cased;
    }
    out
}

/// osc's `properties` field: every header starting with `prefix` (`x-container-meta-`), in the
/// order swift sent them, named with swift's key case, as a `DictColumn`; `None` when there is
/// none (osc then leaves the field out).
pub fn properties(headers: &HeaderMap, prefix: &str) -> Option<Cell> {
    let map: Map<String, Value> = headers
        .iter()
        .filter_map(|(name, value)| {
            let key = name.as_str().strip_prefix(prefix).filter(|k| !k.is_empty())?;
            Some((title_case(key), Value::String(ostack::headers::value_text(value))))
        })
        .collect();
    (!map.is_empty()).then(|| dict_column(Value::Object(map)))
}

/// The headers of `HEAD <path>` (relative to the account: `""`, a container, an object path),
/// in the order swift sent them.
pub async fn head(conn: &Connection, path: &str) -> Result<HeaderMap, CliError> {
    let request = conn.request(ServiceType::ObjectStore, ostack::session::Method::HEAD, path).await?;
    Ok(conn.fetch(request).await?.headers)
}

/// The account name osc prints: the last segment of the endpoint (`AUTH_<project>`).
pub async fn account_name(conn: &Connection) -> Result<String, CliError> {
    let endpoint = conn.endpoint(ServiceType::ObjectStore).await?;
    Ok(endpoint.url.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string())
}

/// A progress bar on stderr when it is a terminal.
pub fn progress_bar(total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    let template = match total {
        Some(_) => "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
        None => "{spinner} {bytes} {bytes_per_sec}",
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(template).unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    Some(bar)
}

/// A reader that moves a progress bar as it is read.
pub struct Counting<R> {
    inner: R,
    bar: Option<indicatif::ProgressBar>,
}

impl<R> Counting<R> {
    /// Count what `inner` yields on `bar` (if any).
    pub fn new(inner: R, bar: Option<indicatif::ProgressBar>) -> Self {
        Counting { inner, bar }
    }
}

impl<R: AsyncRead + Unpin> AsyncRead for Counting<R> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut TaskContext<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Some(bar) = &this.bar {
            bar.inc((buf.filled().len() - before) as u64);
        }
        poll
    }
}

/// A size: bytes, or with a binary unit (`512K`, `32M`, `32MiB`, `5G`).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let trimmed = text.trim();
    let digits = trimmed.find(|c: char| !c.is_ascii_digit()).unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(digits);
    let number: u64 = number.parse().map_err(|_| format!("'{text}' is not a size (e.g. 1048576, 512K, 32M, 5G)"))?;
    let shift = match unit.trim().to_ascii_uppercase().trim_end_matches("IB").trim_end_matches('B') {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => return Err(format!("'{text}': unknown unit '{unit}' (K, M, G or T)")),
    };
    let size = number.checked_mul(1 << shift).filter(|n| *n > 0).ok_or_else(|| format!("'{text}' is out of range"))?;
    usize::try_from(size).map_err(|_| format!("'{text}' is too large for this machine"))
}

/// The local file an object is saved to by default: its name, as long as that stays below the
/// current directory (a name such as `/etc/passwd` or `../x` from a container is refused rather
/// than written where it points).
pub fn local_path(object: &str) -> Result<PathBuf, CliError> {
    let path = Path::new(object);
    let safe = !object.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !safe {
        return Err(CliError::Message(format!(
            "Refusing to save object '{object}' to a path outside the current directory; use --file to choose one"
        )));
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_title_cased_like_python() {
        assert_eq!(title_case("orig-filename"), "Orig-Filename");
        assert_eq!(title_case("temp-url-key-2"), "Temp-Url-Key-2");
        assert_eq!(title_case("a1b_c"), "A1B_C");
        assert_eq!(title_case("ÉTÉ"), "Été");
    }

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("32M"), Ok(32 << 20));
        assert_eq!(parse_size("32MiB"), Ok(32 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999999999T").is_err());
    }

    #[test]
    fn downloads_stay_below_the_current_directory() {
        assert!(local_path("dir/a b.txt").is_ok());
        assert!(local_path("./x").is_ok());
        for bad in ["/etc/passwd", "../x", "a/../../x", ""] {
            assert!(local_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn errors_read_like_osc() {
        let e = ostack::Error::Api {
            status: 404,
            method: "HEAD".into(),
            url: "http://x".into(),
            request_id: Some("tx1".into()),
            message: "Not Found".into(),
        };
        assert_eq!(crate::errors::message(&swift_error(e), false), "Not Found (HTTP 404) (Request-ID: tx1)");
    }
}
