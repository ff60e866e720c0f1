//! `address scope create|list|show|set|delete` and `address group create|list|show|set|unset|delete`
//! (`set --address` adds addresses, `unset --address` removes them).

use super::subnet_pool::project_option;
use super::{flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{
    AddressGroupQuery, AddressScopeQuery, CreateAddressGroup, CreateAddressScope, NeutronListOptions,
    UpdateAddressGroup, UpdateAddressScope,
};
use std::net::IpAddr;

/// python-openstackclient's address scope columns (`openstackclient/network/v2/address_scope.py`).
const ADDRESS_SCOPE: Noun = Noun {
    what: "address scope",
    plural: "address scopes",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("IP Version", "ip_version", plain),
        Column::new("Shared", "shared", plain),
        Column::new("Project", "project_id", plain),
    ],
    long: &[],
    show: &[
        Field::plain("id"),
        Field::plain("ip_version"),
        Field::plain("name"),
        Field::plain("project_id"),
        Field::plain("shared"),
    ],
    hidden: &["tenant_id", "location"],
};

/// python-openstackclient's address group columns (`openstackclient/network/v2/address_group.py`).
const ADDRESS_GROUP: Noun = Noun {
    what: "address group",
    plural: "address groups",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Description", "description", plain),
        Column::new("Project", "project_id", plain),
        Column::new("Addresses", "addresses", plain),
    ],
    long: &[],
    show: &[
        Field::plain("addresses"),
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("id"),
        Field::plain("name"),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "location"],
};

/// `address ...` commands.
#[derive(Subcommand)]
pub enum AddressCommand {
    /// Address scopes.
    #[command(subcommand)]
    Scope(ScopeCommand),
    /// Address groups.
    #[command(subcommand)]
    Group(GroupCommand),
}

/// Address scope commands.
#[derive(Subcommand)]
pub enum ScopeCommand {
    /// Create an address scope.
    Create(ScopeCreateArgs),
    /// List address scopes.
    List(ScopeListArgs),
    /// Show an address scope.
    Show {
        /// Address scope name or id.
        #[arg(value_name = "address-scope")]
        address_scope: String,
    },
    /// Change an address scope.
    Set(ScopeSetArgs),
    /// Delete address scopes.
    Delete {
        /// Address scope names or ids.
        #[arg(required = true, value_name = "address-scope")]
        address_scopes: Vec<String>,
    },
}

/// `--share`/`--no-share`.
#[derive(Args)]
pub struct Share {
    /// Shared with other projects.
    #[arg(long, conflicts_with = "no_share")]
    share: bool,
    /// Not shared.
    #[arg(long = "no-share")]
    no_share: bool,
}

impl Share {
    /// `Some(true)`, `Some(false)` or `None` (neither given).
    pub fn value(&self) -> Option<bool> {
        flag(self.share, self.no_share)
    }
}

/// `--project`/`--project-domain`.
#[derive(Args)]
pub struct Project {
    /// Owner's project (name or id).
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or id).
    #[arg(long = "project-domain", value_name = "project-domain")]
    project_domain: Option<String>,
}

impl Project {
    /// The project id, when given.
    pub async fn id(&self, ctx: &Context) -> Result<Option<String>, CliError> {
        project_option(ctx, self.project.as_deref(), self.project_domain.as_deref()).await
    }
}

/// `address scope create` options.
#[derive(Args)]
pub struct ScopeCreateArgs {
    /// Name.
    name: String,
    /// IP version (4 or 6, default 4).
    #[arg(long = "ip-version", value_name = "ip-version", default_value = "4", value_parser = ["4", "6"])]
    ip_version: String,
    #[command(flatten)]
    project: Project,
    #[command(flatten)]
    share: Share,
}

/// `address scope list` options.
#[derive(Args)]
pub struct ScopeListArgs {
    /// By name.
    #[arg(long)]
    name: Option<String>,
    /// By IP version.
    #[arg(long = "ip-version", value_name = "ip-version", value_parser = ["4", "6"])]
    ip_version: Option<String>,
    #[command(flatten)]
    project: Project,
    #[command(flatten)]
    share: Share,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

/// `address scope set` options.
#[derive(Args)]
pub struct ScopeSetArgs {
    /// Address scope name or id.
    #[arg(value_name = "address-scope")]
    address_scope: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    share: Share,
}

/// Address group commands.
#[derive(Subcommand)]
pub enum GroupCommand {
    /// Create an address group.
    Create(GroupCreateArgs),
    /// List address groups.
    List(GroupListArgs),
    /// Show an address group.
    Show {
        /// Address group name or id.
        #[arg(value_name = "address-group")]
        address_group: String,
    },
    /// Change an address group, add addresses.
    Set(GroupSetArgs),
    /// Remove addresses from an address group.
    Unset {
        /// Address group name or id.
        #[arg(value_name = "address-group")]
        address_group: String,
        /// IP address or CIDR (repeat option to unset multiple addresses).
        #[arg(long = "address", value_name = "ip-address")]
        addresses: Vec<String>,
    },
    /// Delete address groups.
    Delete {
        /// Address group names or ids.
        #[arg(required = true, value_name = "address-group")]
        address_groups: Vec<String>,
    },
}

/// `address group create` options.
#[derive(Args)]
pub struct GroupCreateArgs {
    /// Name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// IP address or CIDR (repeat option to set multiple addresses).
    #[arg(long = "address", value_name = "ip-address")]
    addresses: Vec<String>,
    #[command(flatten)]
    project: Project,
}

/// `address group list` options.
#[derive(Args)]
pub struct GroupListArgs {
    /// By name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    project: Project,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

/// `address group set` options.
#[derive(Args)]
pub struct GroupSetArgs {
    /// Address group name or id.
    #[arg(value_name = "address-group")]
    address_group: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// IP address or CIDR to add (repeat option to add multiple addresses).
    #[arg(long = "address", value_name = "ip-address")]
    addresses: Vec<String>,
}

/// An address as netaddr's `str(IPNetwork(...))` writes it: a bare address gets its full prefix
/// length (`/32`, `/128`); the host bits of a CIDR stay.
fn network_text(text: &str) -> Result<String, CliError> {
    let bad = || CliError::Message(format!("invalid IPNetwork {text}"));
    let (addr, len) = match text.split_once('/') {
        Some((addr, len)) => (addr, Some(len)),
        None => (text, None),
    };
    let ip: IpAddr = addr.trim().parse().map_err(|_| bad())?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let len = match len {
        Some(len) => len.trim().parse::<u8>().ok().filter(|l| *l <= max).ok_or_else(bad)?,
        None => max,
    };
    Ok(format!("{ip}/{len}"))
}

fn network_texts(addresses: &[String]) -> Result<Vec<String>, CliError> {
    addresses.iter().map(|a| network_text(a)).collect()
}

impl AddressCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            AddressCommand::Scope(ScopeCommand::Create(_)) => Some("address scope create"),
            AddressCommand::Scope(ScopeCommand::Show { .. }) => Some("address scope show"),
            AddressCommand::Group(GroupCommand::Create(_)) => Some("address group create"),
            AddressCommand::Group(GroupCommand::Show { .. }) => Some("address group show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        match self {
            AddressCommand::Scope(command) => run_scope(command, ctx).await,
            AddressCommand::Group(command) => run_group(command, ctx).await,
        }
    }
}

async fn run_scope(command: ScopeCommand, ctx: &Context) -> CommandResult {
    let scopes = ctx.conn.network().address_scopes();
    match command {
        ScopeCommand::Create(args) => {
            let body = CreateAddressScope {
                shared: args.share.value(),
                project_id: args.project.id(ctx).await?,
                ..CreateAddressScope::new(args.name, args.ip_version.parse().unwrap_or(4))
            };
            Ok(ADDRESS_SCOPE.show(&scopes.create(&body).await?))
        }
        ScopeCommand::List(args) => {
            let query = AddressScopeQuery {
                name: args.name,
                ip_version: args.ip_version.and_then(|v| v.parse().ok()),
                shared: args.share.value(),
                common: NeutronListOptions {
                    project_id: args.project.id(ctx).await?,
                    limit: args.limit,
                    marker: args.marker,
                    ..Default::default()
                },
            };
            let found: Vec<_> = scopes.list(&query).try_collect().await?;
            Ok(ADDRESS_SCOPE.list(&found, false))
        }
        ScopeCommand::Show { address_scope } => Ok(ADDRESS_SCOPE.show(&scopes.find(&address_scope).await?)),
        ScopeCommand::Set(args) => {
            let found = scopes.find(&args.address_scope).await?;
            let body = UpdateAddressScope { name: args.name, shared: args.share.value(), ..Default::default() };
            // osc sends the update even when nothing changes
            scopes.update(&found.id, &body).await?;
            Ok(Output::Nothing)
        }
        ScopeCommand::Delete { address_scopes } => ADDRESS_SCOPE.delete(&scopes, &address_scopes).await,
    }
}

async fn run_group(command: GroupCommand, ctx: &Context) -> CommandResult {
    let groups = ctx.conn.network().address_groups();
    match command {
        GroupCommand::Create(args) => {
            let body = CreateAddressGroup {
                // osc drops an empty description
                description: args.description.filter(|d| !d.is_empty()),
                project_id: args.project.id(ctx).await?,
                ..CreateAddressGroup::new(args.name, network_texts(&args.addresses)?)
            };
            Ok(ADDRESS_GROUP.show(&groups.create(&body).await?))
        }
        GroupCommand::List(args) => {
            let query = AddressGroupQuery {
                name: args.name,
                common: NeutronListOptions {
                    project_id: args.project.id(ctx).await?,
                    limit: args.limit,
                    marker: args.marker,
                    ..Default::default()
                },
            };
            let found: Vec<_> = groups.list(&query).try_collect().await?;
            Ok(ADDRESS_GROUP.list(&found, false))
        }
        GroupCommand::Show { address_group } => Ok(ADDRESS_GROUP.show(&groups.find(&address_group).await?)),
        GroupCommand::Set(args) => {
            let found = groups.find(&args.address_group).await?;
            let body = UpdateAddressGroup { name: args.name, description: args.description, ..Default::default() };
            if !to_map(&body).is_empty() {
                groups.update(&found.id, &body).await?;
            }
            if !args.addresses.is_empty() {
                let addresses = network_texts(&args.addresses)?;
                let addresses: Vec<&str> = addresses.iter().map(String::as_str).collect();
                groups.add_addresses(&found.id, &addresses).await?;
            }
            Ok(Output::Nothing)
        }
        GroupCommand::Unset { address_group, addresses } => {
            let found = groups.find(&address_group).await?;
            if !addresses.is_empty() {
                let addresses = network_texts(&addresses)?;
                let addresses: Vec<&str> = addresses.iter().map(String::as_str).collect();
                groups.remove_addresses(&found.id, &addresses).await?;
            }
            Ok(Output::Nothing)
        }
        GroupCommand::Delete { address_groups } => ADDRESS_GROUP.delete(&groups, &address_groups).await,
    }
}

#[cfg(test)]
mod tests {
    use super::network_text;

    #[test]
    fn addresses_as_netaddr_writes_them() {
        assert_eq!(network_text("10.0.0.1").unwrap(), "10.0.0.1/32");
        assert_eq!(network_text("10.0.1.5/24").unwrap(), "10.0.1.5/24");
        assert_eq!(network_text("2001:db8:0::1").unwrap(), "2001:db8::1/128");
        assert!(network_text("10.0.0.1/33").is_err());
        assert!(network_text("nope").is_err());
    }
}
