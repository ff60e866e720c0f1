//! `domain create|list|show|set|delete` (python-openstackclient `identity/v3/domain.py`).

use super::identity::{show_in_order, Immutable};
use super::{delete_each, flag, CommandResult};
use crate::context::Context;
use crate::noun::{list_of, plain, Column};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::identity::v3::{CreateDomain, Domain, DomainQuery, UpdateDomain};
use serde_json::Map;

/// osc's `_format_domain`.
const SHOW: &[(&str, &str)] =
    &[("id", "id"), ("name", "name"), ("enabled", "enabled"), ("description", "description"), ("options", "options")];

const LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Name", "name", plain),
    Column::new("Enabled", "enabled", plain),
    Column::new("Description", "description", plain),
];

fn show(domain: &Domain) -> Output {
    show_in_order(domain, SHOW)
}

/// Domain commands.
#[derive(Subcommand)]
pub enum DomainCommand {
    /// Create a domain.
    Create(CreateArgs),
    /// List domains.
    List(ListArgs),
    /// Show a domain.
    Show {
        /// Domain name or id.
        domain: String,
    },
    /// Change a domain.
    Set(SetArgs),
    /// Delete domains (they must be disabled first).
    Delete {
        /// Domain names or ids.
        #[arg(required = true)]
        domains: Vec<String>,
    },
}

/// `--enable`/`--disable`.
#[derive(Args)]
pub struct Enable {
    /// Enable.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Disable.
    #[arg(long)]
    disable: bool,
}

/// `domain create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// New domain name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    enable: Enable,
    /// Return the existing domain of that name instead of failing.
    #[arg(long = "or-show")]
    or_show: bool,
    #[command(flatten)]
    immutable: Immutable,
}

/// `domain list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Only this name.
    #[arg(long)]
    name: Option<String>,
    /// Only enabled domains.
    #[arg(long)]
    enabled: bool,
}

/// `domain set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Domain name or id.
    domain: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// New description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    enable: Enable,
    #[command(flatten)]
    immutable: Immutable,
}

impl DomainCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let domains = ctx.conn.identity().domains();
        match self {
            DomainCommand::Create(args) => {
                let body = CreateDomain {
                    description: args.description,
                    enabled: Some(!args.enable.disable),
                    options: Some(args.immutable.options().unwrap_or_default()),
                    ..CreateDomain::new(&args.name)
                };
                match domains.create(&body).await {
                    Ok(domain) => Ok(show(&domain)),
                    Err(e) if e.status() == Some(409) && args.or_show => Ok(show(&domains.find(&args.name).await?)),
                    Err(e) => Err(e.into()),
                }
            }
            DomainCommand::List(args) => {
                let query = DomainQuery {
                    name: args.name.filter(|n| !n.is_empty()),
                    enabled: args.enabled.then_some(true),
                    ..Default::default()
                };
                let found: Vec<Domain> = domains.list(&query).try_collect().await?;
                Ok(list_of(&found, &LIST.iter().collect::<Vec<_>>()))
            }
            DomainCommand::Show { domain } => Ok(show(&domains.find(&domain).await?)),
            DomainCommand::Set(args) => {
                let found = domains.find(&args.domain).await?;
                let body = UpdateDomain {
                    name: args.name.filter(|n| !n.is_empty()),
                    description: args.description.filter(|d| !d.is_empty()),
                    enabled: flag(args.enable.enable, args.enable.disable),
                    options: args.immutable.options(),
                    tags: None,
                    extra: Map::new(),
                };
                domains.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            DomainCommand::Delete { domains: names } => {
                delete_each(&names, "domain with name or ID", "domains", |name| {
                    let domains = domains.clone();
                    async move {
                        let found = domains.find(&name).await?;
                        Ok(domains.delete(&found.id).await?)
                    }
                })
                .await
            }
        }
    }
}
