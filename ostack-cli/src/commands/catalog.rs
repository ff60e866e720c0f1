//! `catalog list`, `catalog show`.

use super::CommandResult;
use crate::context::Context;
use crate::output::{Cell, Output};
use clap::Subcommand;
use ostack::catalog::CatalogService;
use serde_json::{json, Value};

/// Catalog commands.
#[derive(Subcommand)]
pub enum CatalogCommand {
    /// List services in the catalog.
    List,
    /// Show one service by type or name.
    Show {
        /// Service type (e.g. compute) or name (e.g. nova).
        service: String,
    },
}

/// The endpoints column: JSON list; in tables `Region\n  interface: url\n` per endpoint.
fn endpoints_cell(service: &CatalogService) -> Cell {
    let machine: Vec<Value> = service
        .endpoints
        .iter()
        .map(|e| json!({"id": e.id, "interface": e.interface, "region_id": e.region_id, "url": e.url, "region": e.region}))
        .collect();
    let mut human = String::new();
    for e in &service.endpoints {
        if let Some(region) = &e.region {
            human.push_str(region);
        }
        human.push_str(&format!("\n  {}: {}\n", e.interface, e.url));
    }
    Cell::formatted(Value::Array(machine), human)
}

impl CatalogCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let catalog = ctx.conn.catalog().await?;
        match self {
            CatalogCommand::List => {
                let rows = catalog
                    .services
                    .iter()
                    .map(|s| vec![s.name.clone().into(), s.service_type.clone().into(), endpoints_cell(s)])
                    .collect();
                Ok(Output::list(&["Name", "Type", "Endpoints"], rows))
            }
            CatalogCommand::Show { service } => {
                let found = catalog
                    .services
                    .iter()
                    .find(|s| s.service_type == service || s.name == service)
                    .ok_or_else(|| format!("service {service} not found\n"))?;
                Ok(Output::Show(vec![
                    ("endpoints".into(), endpoints_cell(found)),
                    ("id".into(), found.id.clone().into()),
                    ("name".into(), found.name.clone().into()),
                    ("type".into(), found.service_type.clone().into()),
                ]))
            }
        }
    }
}
