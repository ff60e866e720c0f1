//! `subnet pool create|list|show|set|unset|delete`.

use super::net_tags::{CreateTags, SetTags, TagFilters, UnsetTags};
use super::{flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{list_column, to_map};
use crate::noun::{find_id, plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateSubnetPool, NeutronListOptions, SubnetPoolQuery, UpdateSubnetPool};
use serde_json::Value;

/// openstacksdk reads a prefix length as an integer (neutron sends a string).
fn int_column(value: Value) -> Cell {
    match &value {
        Value::String(text) => {
            text.trim().parse::<i64>().map(|n| Cell::from(Value::from(n))).unwrap_or(Cell::from(value))
        }
        _ => Cell::from(value),
    }
}

/// python-openstackclient's subnet pool columns (`openstackclient/network/v2/subnet_pool.py`).
const SUBNET_POOL: Noun = Noun {
    what: "subnet pool",
    plural: "subnet pools",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Prefixes", "prefixes", list_column),
    ],
    long: &[
        Column::new("Default Prefix Length", "default_prefixlen", int_column),
        Column::new("Address Scope", "address_scope_id", plain),
        Column::new("Default Subnet Pool", "is_default", plain),
        Column::new("Shared", "shared", plain),
        Column::new("Tags", "tags", list_column),
    ],
    show: &[
        Field::plain("address_scope_id"),
        Field::plain("created_at"),
        Field::new("default_prefixlen", "default_prefixlen", int_column),
        Field::plain("default_quota"),
        Field::plain("description"),
        Field::plain("id"),
        Field::plain("ip_version"),
        Field::plain("is_default"),
        Field::new("max_prefixlen", "max_prefixlen", int_column),
        Field::new("min_prefixlen", "min_prefixlen", int_column),
        Field::plain("name"),
        Field::new("prefixes", "prefixes", list_column),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::plain("shared"),
        Field::new("tags", "tags", list_column),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "location"],
};

/// Subnet pool commands.
#[derive(Subcommand)]
pub enum SubnetPoolCommand {
    /// Create a subnet pool.
    Create(CreateArgs),
    /// List subnet pools.
    List(ListArgs),
    /// Show a subnet pool.
    Show {
        /// Subnet pool name or id.
        #[arg(value_name = "subnet-pool")]
        subnet_pool: String,
    },
    /// Change a subnet pool.
    Set(SetArgs),
    /// Remove tags of a subnet pool.
    Unset {
        /// Subnet pool name or id.
        #[arg(value_name = "subnet-pool")]
        subnet_pool: String,
        #[command(flatten)]
        tags: UnsetTags,
    },
    /// Delete subnet pools.
    Delete {
        /// Subnet pool names or ids.
        #[arg(required = true, value_name = "subnet-pool")]
        subnet_pools: Vec<String>,
    },
}

/// Options of create and set.
#[derive(Args)]
pub struct PoolAttributes {
    /// Prefixes in CIDR notation (repeat option to set multiple prefixes).
    #[arg(long = "pool-prefix", value_name = "pool-prefix")]
    prefixes: Vec<String>,
    /// Default prefix length.
    #[arg(long = "default-prefix-length", value_name = "default-prefix-length")]
    default_prefix_length: Option<u32>,
    /// Minimum prefix length.
    #[arg(long = "min-prefix-length", value_name = "min-prefix-length")]
    min_prefix_length: Option<u32>,
    /// Maximum prefix length.
    #[arg(long = "max-prefix-length", value_name = "max-prefix-length")]
    max_prefix_length: Option<u32>,
    /// The default subnet pool.
    #[arg(long, conflicts_with = "no_default")]
    default: bool,
    /// Not the default subnet pool.
    #[arg(long = "no-default")]
    no_default: bool,
    /// Address scope (name or id).
    #[arg(long = "address-scope", value_name = "address-scope")]
    address_scope: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// Default per-project quota of addresses.
    #[arg(long = "default-quota", value_name = "num-ip-addresses")]
    default_quota: Option<i64>,
}

/// `subnet pool create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    #[command(flatten)]
    attributes: PoolAttributes,
    /// Owner's project (name or id).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or id).
    #[arg(long = "project-domain", value_name = "project-domain")]
    project_domain: Option<String>,
    /// Shared.
    #[arg(long, conflicts_with = "no_share")]
    share: bool,
    /// Not shared.
    #[arg(long = "no-share")]
    no_share: bool,
    #[command(flatten)]
    tags: CreateTags,
}

/// `subnet pool list` options.
#[derive(Args)]
pub struct ListArgs {
    /// More columns.
    #[arg(long)]
    long: bool,
    /// Shared pools only.
    #[arg(long, conflicts_with = "no_share")]
    share: bool,
    /// Pools not shared only.
    #[arg(long = "no-share")]
    no_share: bool,
    /// Default pools only.
    #[arg(long, conflicts_with = "no_default")]
    default: bool,
    /// Pools not default only.
    #[arg(long = "no-default")]
    no_default: bool,
    /// By project (name or id).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or id).
    #[arg(long = "project-domain", value_name = "project-domain")]
    project_domain: Option<String>,
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// By address scope (name or id).
    #[arg(long = "address-scope", value_name = "address-scope")]
    address_scope: Option<String>,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
    #[command(flatten)]
    tags: TagFilters,
}

/// `subnet pool set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Subnet pool name or id.
    #[arg(value_name = "subnet-pool")]
    subnet_pool: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    attributes: PoolAttributes,
    /// Remove it from its address scope.
    #[arg(long = "no-address-scope", conflicts_with = "address_scope")]
    no_address_scope: bool,
    #[command(flatten)]
    tags: SetTags,
}

/// The project id of `--project` (within `--project-domain`).
pub async fn project_option(
    ctx: &Context,
    project: Option<&str>,
    domain: Option<&str>,
) -> Result<Option<String>, CliError> {
    match project {
        Some(p) => Ok(Some(super::identity::project_id(&ctx.conn.identity(), p, domain, true).await?)),
        None => Ok(None),
    }
}

impl SubnetPoolCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            SubnetPoolCommand::Create(_) => Some("subnet pool create"),
            SubnetPoolCommand::Show { .. } => Some("subnet pool show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let pools = net.subnet_pools();
        match self {
            SubnetPoolCommand::Create(args) => {
                let a = &args.attributes;
                let body = CreateSubnetPool {
                    name: Some(args.name.clone()),
                    prefixes: Some(a.prefixes.clone()),
                    default_prefixlen: a.default_prefix_length.map(i64::from),
                    min_prefixlen: a.min_prefix_length.map(i64::from),
                    max_prefixlen: a.max_prefix_length.map(i64::from),
                    default_quota: a.default_quota,
                    address_scope_id: find_id(&net.address_scopes(), a.address_scope.as_deref()).await?,
                    is_default: flag(a.default, a.no_default),
                    shared: flag(args.share, args.no_share),
                    description: a.description.clone(),
                    project_id: project_option(ctx, args.project.as_deref(), args.project_domain.as_deref()).await?,
                    ..Default::default()
                };
                if body.prefixes.as_ref().is_none_or(Vec::is_empty) {
                    return Err(CliError::Message(
                        "openstack subnet pool create: error: the following arguments are required: --pool-prefix"
                            .into(),
                    ));
                }
                let made = pools.create(&body).await?;
                let mut raw = to_map(&made);
                args.tags.apply(&pools, &made.id, &mut raw).await?;
                Ok(SUBNET_POOL.fields(raw, true).sorted())
            }
            SubnetPoolCommand::List(args) => {
                let mut common = NeutronListOptions {
                    project_id: project_option(ctx, args.project.as_deref(), args.project_domain.as_deref()).await?,
                    limit: args.limit,
                    marker: args.marker,
                    ..Default::default()
                };
                args.tags.apply(&mut common);
                let query = SubnetPoolQuery {
                    name: args.name,
                    address_scope_id: find_id(&net.address_scopes(), args.address_scope.as_deref()).await?,
                    is_default: flag(args.default, args.no_default),
                    shared: flag(args.share, args.no_share),
                    common,
                    ..Default::default()
                };
                let found: Vec<_> = pools.list(&query).try_collect().await?;
                Ok(SUBNET_POOL.list(&found, args.long))
            }
            SubnetPoolCommand::Show { subnet_pool } => Ok(SUBNET_POOL.show(&pools.find(&subnet_pool).await?)),
            SubnetPoolCommand::Set(args) => {
                let found = pools.find(&args.subnet_pool).await?;
                let a = &args.attributes;
                let mut body = UpdateSubnetPool {
                    name: args.name.clone(),
                    // the existing prefixes must stay
                    prefixes: (!a.prefixes.is_empty()).then(|| {
                        let mut all = a.prefixes.clone();
                        all.extend(found.prefixes.clone().unwrap_or_default());
                        all
                    }),
                    default_prefixlen: a.default_prefix_length.map(i64::from),
                    min_prefixlen: a.min_prefix_length.map(i64::from),
                    max_prefixlen: a.max_prefix_length.map(i64::from),
                    default_quota: a.default_quota,
                    address_scope_id: find_id(&net.address_scopes(), a.address_scope.as_deref()).await?,
                    is_default: flag(a.default, a.no_default),
                    description: a.description.clone(),
                    ..Default::default()
                };
                if args.no_address_scope {
                    body.extra.insert("address_scope_id".into(), Value::Null);
                }
                if !to_map(&body).is_empty() {
                    pools.update(&found.id, &body).await?;
                }
                args.tags.apply(&pools, &found).await?;
                Ok(Output::Nothing)
            }
            SubnetPoolCommand::Unset { subnet_pool, tags } => {
                let found = pools.find(&subnet_pool).await?;
                tags.apply(&pools, &found).await?;
                Ok(Output::Nothing)
            }
            SubnetPoolCommand::Delete { subnet_pools } => SUBNET_POOL.delete(&pools, &subnet_pools).await,
        }
    }
}
