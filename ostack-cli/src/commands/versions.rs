//! `versions show`: the API versions every service of the catalog offers.

use super::CommandResult;
use crate::context::Context;
use crate::output::{Cell, Output};
use clap::Subcommand;
use ostack::session::{Method, Request};
use serde_json::Value;

/// Versions commands.
#[derive(Subcommand)]
pub enum VersionsCommand {
    /// Show the versions of every service (or one with --service).
    Show {
        /// Only this service type.
        #[arg(long)]
        service: Option<String>,
        /// Only this interface (default: the cloud's).
        #[arg(long)]
        interface: Option<String>,
        /// Only this region.
        #[arg(long = "region-name")]
        region_name: Option<String>,
    },
}

/// The official name of a catalog service type.
fn official(service_type: &str) -> &str {
    match service_type {
        "volumev3" | "volumev2" | "volume" | "block-store" => "block-storage",
        other => other,
    }
}

/// `v2.17` -> (2, 17); `v3` -> (3, 0).
fn version_number(id: &str) -> Option<(u64, u64)> {
    let text = id.trim_start_matches('v');
    let (major, minor) = text.split_once('.').unwrap_or((text, "0"));
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// Split `http://h:p/v1/AUTH_x` into the root `http://h:p` and the version segment `v1`.
fn split_version(url: &str) -> (String, Option<String>) {
    let trimmed = url.trim_end_matches('/');
    let parts: Vec<&str> = trimmed.split('/').collect();
    // scheme, "", host, path...
    for (i, part) in parts.iter().enumerate().skip(3) {
        if version_number(part).is_some() && part.starts_with('v') {
            return (parts[..i].join("/"), Some(part.to_string()));
        }
    }
    (trimmed.to_string(), None)
}

fn micro(version: &Value, key: &str) -> Value {
    match version.get(key).and_then(Value::as_str) {
        Some(s) if !s.is_empty() => Value::from(s),
        _ => Value::Null,
    }
}

impl VersionsCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let VersionsCommand::Show { service, interface, region_name } = self;
        let interface = interface.unwrap_or_else(|| ctx.conn.config().interface.clone());
        let catalog = ctx.conn.catalog().await?;
        let mut seen = Vec::new();
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for entry in &catalog.services {
            let kind = official(&entry.service_type).to_string();
            if service.as_deref().is_some_and(|s| official(s) != kind) || seen.contains(&kind) {
                continue;
            }
            seen.push(kind.clone());
            for endpoint in entry.endpoints.iter().filter(|e| e.interface == interface) {
                if region_name.as_deref().is_some_and(|r| endpoint.region.as_deref() != Some(r)) {
                    continue;
                }
                let region = Value::from(endpoint.region.clone());
                let (root, segment) = split_version(&endpoint.url);
                let versions = if kind == "object-store" { Vec::new() } else { discover(ctx, &root).await };
                if versions.is_empty() {
                    // no version document: the version is the one in the URL
                    if let Some((major, minor)) = segment.as_deref().and_then(version_number) {
                        rows.push(vec![
                            region.clone().into(),
                            kind.clone().into(),
                            format!("{major}.{minor}").into(),
                            "CURRENT".into(),
                            format!("{root}/{}/", segment.unwrap_or_default()).into(),
                            Value::Null.into(),
                            Value::Null.into(),
                        ]);
                    }
                    continue;
                }
                for (number, version) in versions {
                    let status =
                        match version.get("status").and_then(Value::as_str).unwrap_or("").to_ascii_uppercase().as_str()
                        {
                            "STABLE" => "CURRENT".to_string(),
                            other => other.to_string(),
                        };
                    let href = version
                        .get("links")
                        .and_then(Value::as_array)
                        .and_then(|links| links.iter().find(|l| l.get("rel").and_then(Value::as_str) == Some("self")))
                        .and_then(|l| l.get("href").and_then(Value::as_str))
                        .filter(|h| !h.is_empty())
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("{root}/"));
                    let max = match micro(&version, "version") {
                        Value::Null => micro(&version, "max_version"),
                        v => v,
                    };
                    rows.push(vec![
                        region.clone().into(),
                        kind.clone().into(),
                        format!("{}.{}", number.0, number.1).into(),
                        status.into(),
                        href.into(),
                        micro(&version, "min_version").into(),
                        max.into(),
                    ]);
                }
            }
        }
        Ok(Output::list_of_list(
            &["Region Name", "Service Type", "Version", "Status", "Endpoint", "Min Microversion", "Max Microversion"],
            rows,
        ))
    }
}

/// The version documents at a service root, sorted by version (errors give none).
async fn discover(ctx: &Context, root: &str) -> Vec<((u64, u64), Value)> {
    // fetch: the body is read under the session's deadline and size limit
    let Ok(fetched) = ctx.conn.session().fetch(Request::new(Method::GET, format!("{root}/")), &[300]).await else {
        return Vec::new();
    };
    let Ok(doc) = serde_json::from_slice::<Value>(&fetched.body) else { return Vec::new() };
    let list = match doc.get("versions") {
        Some(Value::Array(list)) => list.clone(),
        Some(Value::Object(map)) => map.get("values").and_then(Value::as_array).cloned().unwrap_or_default(),
        _ => doc.get("version").cloned().into_iter().collect(),
    };
    let mut versions: Vec<((u64, u64), Value)> =
        list.into_iter().filter_map(|v| Some((version_number(v.get("id")?.as_str()?)?, v))).collect();
    versions.sort_by_key(|(n, _)| *n);
    versions.dedup_by_key(|(n, _)| *n);
    versions
}
