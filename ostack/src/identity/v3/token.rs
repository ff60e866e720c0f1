//! Token operations on other tokens: validate (`GET /v3/auth/tokens` with `X-Subject-Token`),
//! check (`HEAD`), revoke (`DELETE`); and what the caller's own token gives access to
//! (`/v3/auth/catalog`, `/v3/auth/projects`, `/v3/auth/domains`, `/v3/auth/system`).

use super::Ref;
use crate::catalog::Catalog;
use crate::lenient::{null_as_default, timestamp, Timestamp};
use crate::session::Request;
use crate::{Error, Result};
use reqwest::header::{HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What keystone says about a token it validated. (The token itself is not in it.)
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenInfo {
    /// The methods used to obtain it (`password`, `token`, `totp`, ...).
    #[serde(default, deserialize_with = "null_as_default")]
    pub methods: Vec<String>,
    /// The user.
    #[serde(default)]
    pub user: Option<Ref>,
    /// Project scope.
    #[serde(default)]
    pub project: Option<Ref>,
    /// Domain scope.
    #[serde(default)]
    pub domain: Option<Ref>,
    /// System scope (`{"all": true}`).
    #[serde(default)]
    pub system: Option<Map<String, Value>>,
    /// Roles in the scope.
    #[serde(default)]
    pub roles: Option<Vec<Ref>>,
    /// The catalog (unless asked without).
    #[serde(default)]
    pub catalog: Option<Catalog>,
    /// When it expires.
    #[serde(default, deserialize_with = "timestamp")]
    pub expires_at: Option<Timestamp>,
    /// When it was issued.
    #[serde(default, deserialize_with = "timestamp")]
    pub issued_at: Option<Timestamp>,
    /// Audit ids: its own, then the chain it was rescoped from.
    #[serde(default, deserialize_with = "null_as_default")]
    pub audit_ids: Vec<String>,
    /// Scoped to a project acting as a domain.
    #[serde(default)]
    pub is_domain: Option<bool>,
    /// The application credential it was obtained with.
    #[serde(default)]
    pub application_credential: Option<Map<String, Value>>,
    /// Everything else (`OS-TRUST:trust`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Deserialize)]
pub(super) struct TokenBody {
    pub(super) token: TokenInfo,
}

/// Options of [`IdentityProxy::validate_token_with`](super::IdentityProxy::validate_token_with).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct ValidateOptions {
    /// Leave the catalog out.
    #[serde(serialize_with = "super::keystone_flag")]
    pub nocatalog: Option<bool>,
    /// Validate an expired token too (within keystone's window).
    #[serde(serialize_with = "super::keystone_flag")]
    pub allow_expired: Option<bool>,
}

/// `request` with `X-Subject-Token: token`, marked sensitive.
pub(super) fn with_subject(mut request: Request, token: &str) -> Result<Request> {
    let mut value = HeaderValue::from_str(token)
        .map_err(|_| Error::InvalidInput("the token contains characters not allowed in a header".into()))?;
    value.set_sensitive(true);
    request.headers.insert(HeaderName::from_static("x-subject-token"), value);
    Ok(request)
}
