//! Temp URLs and form POST signatures: HMACs over a method, an expiry and a path, keyed by the
//! account's (or container's) temp-URL key, that let anyone holding the URL read or write one
//! object (or every object under a prefix) until it expires, with no token.
//!
//! # Example
//! ```
//! use ostack::object_store::v1::{temp_url_signature, Digest};
//! // swift's own documentation example (HMAC-SHA256, hex)
//! let sig = temp_url_signature("mykey", "GET", 1323479485, "/v1/AUTH_account/container/object", None, Digest::Sha256);
//! assert_eq!(sig.len(), 64);
//! // SHA-512 signatures are base64, prefixed with the digest name
//! let sig = temp_url_signature("mykey", "GET", 1323479485, "/v1/AUTH_account/container/object", None, Digest::Sha512);
//! assert!(sig.starts_with("sha512:"));
//! ```

use super::secret::TempUrlKey;
use base64::Engine;
use hmac::{Hmac, Mac};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The HMAC digest of a signature.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Digest {
    /// HMAC-SHA256, hex.
    #[default]
    Sha256,
    /// HMAC-SHA512, `sha512:<base64>`.
    Sha512,
}

impl Digest {
    /// The name swift uses (`sha256`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Digest::Sha256 => "sha256",
            Digest::Sha512 => "sha512",
        }
    }
}

impl std::str::FromStr for Digest {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "sha256" => Ok(Digest::Sha256),
            "sha512" => Ok(Digest::Sha512),
            other => Err(format!("unsupported digest '{other}' (sha256 or sha512)")),
        }
    }
}

/// When a signature stops working.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// This long from now.
    In(Duration),
    /// At this time, in seconds since the epoch.
    At(u64),
}

impl Default for Expiry {
    fn default() -> Self {
        Expiry::In(Duration::from_secs(3600))
    }
}

impl Expiry {
    /// The expiry in seconds since the epoch.
    pub fn unix(&self) -> u64 {
        match self {
            Expiry::At(at) => *at,
            Expiry::In(d) => {
                SystemTime::now().duration_since(UNIX_EPOCH).map(|n| n.as_secs()).unwrap_or(0) + d.as_secs().max(1)
            }
        }
    }
}

/// A temp URL to make.
#[derive(Debug, Clone)]
pub struct TempUrlOptions {
    /// The method it allows (`GET`, `PUT`, `HEAD` comes with either, `POST`, `DELETE`).
    pub method: String,
    /// When it expires.
    pub expiry: Expiry,
    /// The digest.
    pub digest: Digest,
    /// Valid for every object whose name starts with the given one (a prefix URL).
    pub prefix: bool,
    /// Only from these addresses (`1.2.3.4` or `1.2.3.0/24`).
    pub ip_range: Option<String>,
    /// Write the expiry as an ISO 8601 time in the URL (the signature is the same).
    pub iso8601: bool,
    /// The key; when absent the account's first temp-URL key is used, else the container's.
    pub key: Option<TempUrlKey>,
}

impl Default for TempUrlOptions {
    fn default() -> Self {
        TempUrlOptions {
            method: "GET".into(),
            expiry: Expiry::default(),
            digest: Digest::default(),
            prefix: false,
            ip_range: None,
            iso8601: false,
            key: None,
        }
    }
}

/// A form POST to make.
#[derive(Debug, Clone)]
pub struct FormPostOptions {
    /// Where the browser goes after the upload (empty: none).
    pub redirect: String,
    /// Largest file accepted, in bytes.
    pub max_file_size: u64,
    /// Most files in one form.
    pub max_file_count: u64,
    /// When the form expires.
    pub expiry: Expiry,
    /// The digest.
    pub digest: Digest,
    /// The key; when absent the account's first temp-URL key is used, else the container's.
    pub key: Option<TempUrlKey>,
}

impl Default for FormPostOptions {
    fn default() -> Self {
        FormPostOptions {
            redirect: String::new(),
            max_file_size: 100 * 1024 * 1024,
            max_file_count: 10,
            expiry: Expiry::default(),
            digest: Digest::default(),
            key: None,
        }
    }
}

/// A signed upload form: POST `multipart/form-data` to `url` with these fields first, then the
/// files (each stored as `<prefix><file name>`).
#[derive(Debug, Clone)]
pub struct FormPost {
    /// The form's action.
    pub url: String,
    /// The hidden fields, in order: `redirect`, `max_file_size`, `max_file_count`, `expires`,
    /// `signature`.
    pub fields: Vec<(String, String)>,
}

fn hmac_sign(key: &str, message: &str, digest: Digest) -> String {
    match digest {
        Digest::Sha256 => {
            // HMAC accepts keys of any length
            let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
            mac.update(message.as_bytes());
            format!("{:x}", mac.finalize().into_bytes())
        }
        Digest::Sha512 => {
            let mut mac = Hmac::<sha2::Sha512>::new_from_slice(key.as_bytes()).expect("any key length");
            mac.update(message.as_bytes());
            format!("sha512:{}", base64::engine::general_purpose::URL_SAFE.encode(mac.finalize().into_bytes()))
        }
    }
}

/// The signature of a temp URL: HMAC of `[ip=<range>\n]<METHOD>\n<expires>\n<path>`, where
/// `path` is the unencoded `/v1/AUTH_<project>/<container>/<object>` (`prefix:` in front for a
/// prefix URL).
pub fn temp_url_signature(
    key: &str,
    method: &str,
    expires: u64,
    path: &str,
    ip_range: Option<&str>,
    digest: Digest,
) -> String {
    let mut message = String::new();
    if let Some(range) = ip_range {
        message.push_str(&format!("ip={range}\n"));
    }
    message.push_str(&format!("{}\n{expires}\n{path}", method.to_ascii_uppercase()));
    hmac_sign(key, &message, digest)
}

/// The signature of a form POST: HMAC of
/// `<path>\n<redirect>\n<max_file_size>\n<max_file_count>\n<expires>`.
pub fn form_post_signature(
    key: &str,
    path: &str,
    redirect: &str,
    max_file_size: u64,
    max_file_count: u64,
    expires: u64,
    digest: Digest,
) -> String {
    hmac_sign(key, &format!("{path}\n{redirect}\n{max_file_size}\n{max_file_count}\n{expires}"), digest)
}

/// `expires` as swift's ISO 8601 form (`2011-12-10T01:11:25Z`).
pub(crate) fn iso8601(expires: u64) -> String {
    chrono::DateTime::from_timestamp(expires as i64, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| expires.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_match_pythons_hmac() {
        // computed with python's hmac/hashlib/base64, as swift's docs do
        let path = "/v1/AUTH_account/container/object";
        assert_eq!(
            temp_url_signature("mykey", "get", 1323479485, path, None, Digest::Sha256),
            "05cb4ea08a08f2fdaef35d0f344975370077835c23bdc9342099ecbf03bc0378"
        );
        assert_eq!(
            temp_url_signature("mykey", "GET", 1323479485, path, None, Digest::Sha512),
            "sha512:zZD1u2V0ZLDxhhrRPFrYzGf1H0yIHc6Qv8kAhpMcy4mguNI8bP99Sv4C2HOwA1OF0wJUl7vX8Mo11hv5k223fQ=="
        );
        assert_eq!(
            temp_url_signature("mykey", "GET", 1323479485, path, Some("1.2.3.4"), Digest::Sha256),
            "67c3e9a3f0c589e53e3547f7155902e43edd3bd7633fd45face0923482f09377"
        );
        assert_eq!(
            form_post_signature(
                "mykey",
                "/v1/AUTH_account/container/pre",
                "",
                104857600,
                10,
                1323479485,
                Digest::Sha256
            ),
            "5d74ba28cfecdb7e5147e9a16d1df54f09fc618455656f3a19568ab852da3d72"
        );
        assert_eq!(iso8601(1323479485), "2011-12-10T01:11:25Z");
        assert_eq!("SHA512".parse::<Digest>(), Ok(Digest::Sha512));
        assert!("md5".parse::<Digest>().is_err());
    }
}
