//! `container create|list|show|set|unset|delete|save` (python-openstackclient's
//! `openstackclient/object/v1/container.py`).

use super::object_store::{account_name, head, properties, swift_error};
use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::object_store::v1::{Container, ContainerQuery, ContainerUpdate, CreateContainer, ObjectQuery};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// osc's container list columns.
const LIST: &[Column] = &[Column::new("Name", "name", plain)];
/// What `--long` adds.
const LONG: &[Column] = &[Column::new("Bytes", "bytes", plain), Column::new("Count", "count", plain)];

/// Container commands.
#[derive(Subcommand)]
pub enum ContainerCommand {
    /// Create new containers.
    Create {
        /// Make the container publicly readable (`.r:*,.rlistings`).
        #[arg(long)]
        public: bool,
        /// Storage policy to use.
        #[arg(long = "storage-policy")]
        storage_policy: Option<String>,
        /// New container names.
        #[arg(required = true, value_name = "container-name")]
        containers: Vec<String>,
    },
    /// List containers.
    List(ListArgs),
    /// Display container details.
    Show {
        /// Container to display.
        container: String,
    },
    /// Set container properties.
    Set {
        /// Container to modify.
        container: String,
        /// Property `key=value` to set (repeatable).
        #[arg(long = "property", required = true, value_parser = parse_key_value)]
        properties: Vec<(String, String)>,
    },
    /// Unset container properties.
    Unset {
        /// Container to modify.
        container: String,
        /// Property key to remove (repeatable).
        #[arg(long = "property", required = true)]
        properties: Vec<String>,
    },
    /// Delete containers.
    Delete {
        /// Delete the objects first (bulk deletes), then the container.
        #[arg(long, short = 'r')]
        recursive: bool,
        /// Containers to delete.
        #[arg(required = true)]
        containers: Vec<String>,
    },
    /// Save container contents locally (each object to the file named like it).
    Save {
        /// Container to save.
        container: String,
    },
}

/// `container list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Filter list using <prefix>.
    #[arg(long)]
    prefix: Option<String>,
    /// The maximum number of entries to return.
    #[arg(long)]
    limit: Option<u32>,
    /// The first position in the collection to return results from.
    #[arg(long)]
    marker: Option<String>,
    /// End anchor for paging.
    #[arg(long = "end-marker")]
    end_marker: Option<String>,
    /// List additional fields in output.
    #[arg(long)]
    long: bool,
    /// List all containers (default is one page of up to 10000).
    #[arg(long)]
    all: bool,
}

impl ContainerCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        self.execute(ctx).await.map_err(|e| match e {
            CliError::Sdk(sdk) => swift_error(sdk),
            other => other,
        })
    }

    async fn execute(self, ctx: &Context) -> CommandResult {
        let store = ctx.conn.object_store();
        let containers = store.containers();
        match self {
            ContainerCommand::Create { public, storage_policy, containers: names } => {
                let account = account_name(&ctx.conn).await?;
                let create = CreateContainer {
                    read_acl: public.then(|| ".r:*,.rlistings".to_string()),
                    storage_policy,
                    ..Default::default()
                };
                let mut rows = Vec::new();
                for name in names {
                    if name.chars().count() > 256 {
                        eprintln!(
                            "Container name is {} characters long, the default limit is 256",
                            name.chars().count()
                        );
                    }
                    let written = containers.create(&name, &create).await?;
                    rows.push(vec![Cell::from(account.clone()), Cell::from(name), Cell::from(written.request_id)]);
                }
                Ok(Output::list(&["account", "container", "x-trans-id"], rows))
            }
            ContainerCommand::List(args) => {
                let query = ContainerQuery {
                    prefix: args.prefix,
                    marker: args.marker,
                    end_marker: args.end_marker,
                    limit: args.limit,
                    ..Default::default()
                };
                let pager = containers.list(&query);
                let list: Vec<Container> = if args.all {
                    pager.try_collect().await?
                } else {
                    pager.into_pages().try_next().await?.unwrap_or_default()
                };
                let columns: Vec<&Column> = LIST.iter().chain(if args.long { LONG } else { &[] }).collect();
                Ok(list_of(&list, &columns))
            }
            ContainerCommand::Show { container } => {
                let headers = head(&ctx.conn, &containers.item_path(&container)?).await?;
                let shown = <Container as ostack::Resource>::from_headers(&container, &headers)
                    .map_err(|e| CliError::Message(format!("cannot read container {container}: {e}")))?;
                let mut fields: Vec<(String, Cell)> = vec![
                    ("account".into(), account_name(&ctx.conn).await?.into()),
                    ("container".into(), container.into()),
                    ("object_count".into(), shown.count.map(|n| n.to_string()).into()),
                    ("bytes_used".into(), shown.bytes.map(|n| n.to_string()).into()),
                    ("storage_policy".into(), shown.storage_policy.clone().into()),
                ];
                for (name, value) in [
                    ("read_acl", &shown.read_acl),
                    ("write_acl", &shown.write_acl),
                    ("sync_to", &shown.sync_to),
                    ("sync_key", &shown.sync_key),
                ] {
                    if let Some(value) = value {
                        fields.push((name.into(), value.clone().into()));
                    }
                }
                if let Some(cell) = properties(&headers, "x-container-meta-") {
                    fields.push(("properties".into(), cell));
                }
                Ok(Output::show_sorted(fields))
            }
            ContainerCommand::Set { container, properties } => {
                let metadata: BTreeMap<String, String> = properties.into_iter().collect();
                let update =
                    ContainerUpdate { set: CreateContainer { metadata, ..Default::default() }, ..Default::default() };
                containers.update(&container, &update).await?;
                Ok(Output::Nothing)
            }
            ContainerCommand::Unset { container, properties } => {
                let remove: BTreeSet<String> = properties.into_iter().collect();
                containers.update(&container, &ContainerUpdate { remove, ..Default::default() }).await?;
                Ok(Output::Nothing)
            }
            ContainerCommand::Delete { recursive, containers: names } => {
                for name in names {
                    if recursive {
                        containers.delete_all(&name, Duration::from_secs(30)).await?;
                    } else {
                        containers.delete(&name).await?;
                    }
                }
                Ok(Output::Nothing)
            }
            ContainerCommand::Save { container } => {
                let objects = store.objects();
                let names: Vec<String> =
                    objects.list(&ObjectQuery::new(&container)).map_ok(|o| o.name).try_collect().await?;
                for name in names {
                    // a name pointing outside the current directory is skipped, not written there
                    if let Err(e) = super::object_store::local_path(&name) {
                        eprintln!("{}", crate::errors::message(&e, false));
                        continue;
                    }
                    super::object::save(&objects, &container, &name, None, &Default::default()).await?;
                }
                Ok(Output::Nothing)
            }
        }
    }
}
