//! What the placement commands (`resource provider ...`, `resource class ...`, `trait ...`,
//! `allocation candidate list`) share, as osc-placement does it: the microversion (osc-placement's
//! default `1` negotiates up to 1.29; `--os-placement-api-version`/`OS_PLACEMENT_API_VERSION`/
//! `placement_api_version` pin one), its version checks, and its error lines.

use crate::context::Context;
use crate::errors::CliError;
use crate::noun::Column;
use crate::output::{Cell, Output};
use ostack::{Connection, Microversion, ServiceType};
use serde::Serialize;
use serde_json::Value;

/// The highest microversion osc-placement picks by itself (`MAX_VERSION_NO_GAP`).
const NEGOTIATED_MAX: Microversion = Microversion::new(1, 29);

/// A connection speaking the placement microversion osc-placement would, and that version.
pub async fn placement(ctx: &Context) -> Result<(Connection, Microversion), CliError> {
    let pinned = ctx.conn.config().api_version("placement").map(str::to_string);
    let negotiate = pinned.as_deref().is_none_or(|p| p.trim() == "1");
    if !negotiate {
        let text = pinned.unwrap_or_default();
        let version: Microversion = text
            .parse()
            .ok()
            .filter(|_| text.contains('.'))
            .ok_or_else(|| CliError::Message(format!("invalid version number {text}")))?;
        let endpoint = ctx.conn.endpoint(ServiceType::Placement).await.map_err(osc_error)?;
        return Ok((ctx.conn.clone(), endpoint.microversion.unwrap_or(version)));
    }
    let endpoint = ctx.conn.endpoint(ServiceType::Placement).await.map_err(osc_error)?;
    let wanted = endpoint.max_microversion.map_or(Microversion::new(1, 0), |max| max.min(NEGOTIATED_MAX));
    if endpoint.microversion == Some(wanted) {
        return Ok((ctx.conn.clone(), wanted));
    }
    // the same cloud and token, with placement's endpoint at the negotiated version
    let mut builder = Connection::builder(ctx.conn.config().clone())
        .endpoints(vec![ostack::Endpoint { microversion: Some(wanted), ..endpoint }]);
    if let Some(token) = ctx.conn.token().await? {
        builder = builder.token((*token).clone());
    }
    Ok((builder.build().await?, wanted))
}

/// osc-placement's check: `Operation or argument is not supported with version 1.0; requires at
/// least version 1.6`.
pub fn at_least(version: Microversion, min: (u32, u32)) -> Result<(), CliError> {
    let min = Microversion::new(min.0, min.1);
    if version >= min {
        Ok(())
    } else {
        Err(CliError::Message(format!(
            "Operation or argument is not supported with version {version}; requires at least version {min}"
        )))
    }
}

/// Whether `version` is at least `min`.
pub fn ge(version: Microversion, min: (u32, u32)) -> bool {
    version >= Microversion::new(min.0, min.1)
}

/// An error as osc-placement prints a 4xx: the last line of placement's detail and the status,
/// `No resource provider with uuid x found (HTTP 404)`.
pub fn osc_error(error: impl Into<CliError>) -> CliError {
    let error = error.into();
    let api = match &error {
        CliError::Sdk(ostack::Error::Conflict { api, .. }) => &**api,
        CliError::Sdk(other) => other,
        CliError::Message(_) => return error,
    };
    match api {
        ostack::Error::Api { status, message, .. } if (400..500).contains(status) => {
            let last = message.lines().last().unwrap_or("").trim();
            CliError::Message(format!("{last} (HTTP {status})"))
        }
        _ => error,
    }
}

/// A show of `item` with these columns' names and values, in their order.
pub fn show_columns<T: Serialize>(columns: &[&Column], item: &T) -> Output {
    let raw = crate::format::to_map(item);
    Output::Show(
        columns
            .iter()
            .map(|c| {
                let value = match c.source {
                    crate::noun::Source::Key(key) => raw.get(key).cloned().unwrap_or(Value::Null),
                    crate::noun::Source::Computed(f) => f(&raw),
                };
                (c.header.to_string(), (c.format)(value))
            })
            .collect(),
    )
}

/// A one-column list (`name`, `uuid`).
pub fn names(header: &str, values: impl IntoIterator<Item = String>) -> Output {
    Output::list(&[header], values.into_iter().map(|v| vec![Cell::from(v)]).collect())
}
