//! `versions show`: the API versions every service of the catalog offers.

use super::CommandResult;
use crate::context::Context;
use crate::output::{Cell, Output};
use clap::Subcommand;
use ostack::discovery::split_version_root;
use ostack::Microversion;
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

/// The official name of a catalog service type (`volumev3` is `block-storage`).
fn official(service_type: &str) -> &str {
    ostack::services::by_catalog_type(service_type).map_or(service_type, |spec| spec.service_type)
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
                let (root, segment) = split_version_root(&endpoint.url);
                let versions = if kind == "object-store" {
                    Vec::new()
                } else {
                    // a service without a readable version document shows the version in its URL
                    ctx.conn.available_versions(&endpoint.url).await.unwrap_or_default()
                };
                if versions.is_empty() {
                    if let Some(number) = segment.as_deref().and_then(|s| s.parse::<Microversion>().ok()) {
                        let href = format!("{root}/{}/", segment.unwrap_or_default());
                        rows.push(row(&region, &kind, number, "CURRENT", href, None, None));
                    }
                    continue;
                }
                for version in &versions {
                    let status = match version.status.to_ascii_uppercase().as_str() {
                        "STABLE" => "CURRENT".to_string(),
                        other => other.to_string(),
                    };
                    let href = version.self_link().map(str::to_string).unwrap_or_else(|| format!("{root}/"));
                    let Some(number) = version.number() else { continue };
                    rows.push(row(
                        &region,
                        &kind,
                        number,
                        &status,
                        href,
                        version.min_microversion(),
                        version.max_microversion(),
                    ));
                }
            }
        }
        Ok(Output::list_of_list(
            &["Region Name", "Service Type", "Version", "Status", "Endpoint", "Min Microversion", "Max Microversion"],
            rows,
        ))
    }
}

/// One row: region, service, version, status, endpoint, min and max microversion.
fn row(
    region: &Value,
    kind: &str,
    number: Microversion,
    status: &str,
    href: String,
    min: Option<&str>,
    max: Option<&str>,
) -> Vec<Cell> {
    vec![
        region.clone().into(),
        kind.into(),
        number.to_string().into(),
        status.into(),
        href.into(),
        Value::from(min).into(),
        Value::from(max).into(),
    ]
}
