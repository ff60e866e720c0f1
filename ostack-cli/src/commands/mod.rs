//! One module per command group, each a clap subcommand enum with a `run` method.

pub mod address;
pub mod allocation_candidate;
pub mod application_credential;
pub mod availability_zone;
pub mod catalog;
pub mod catalog_admin;
pub mod compute_service;
pub mod console;
pub mod container;
pub mod credential;
pub mod domain;
pub mod ec2_credentials;
pub mod extension;
pub mod federation;
pub mod flavor;
pub mod floating_ip;
pub mod floating_ip_port_forwarding;
pub mod group;
pub mod hypervisor;
pub mod identity;
pub mod image;
pub mod image_metadef;
pub mod implied_role;
pub mod ip_availability;
pub mod keypair;
pub mod limit;
pub mod net_tags;
pub mod network;
pub mod network_agent;
pub mod network_auto_allocated_topology;
pub mod network_flavor;
pub mod network_meter;
pub mod network_qos;
pub mod network_rbac;
pub mod network_segment;
pub mod network_segment_range;
pub mod network_trunk;
pub mod object;
pub mod object_store;
pub mod placement;
pub mod port;
pub mod project;
pub mod resource;
pub mod role;
pub mod router;
pub mod security_group;
pub mod security_group_rule;
pub mod server;
pub mod server_action;
pub mod server_add;
pub mod server_group;
pub mod subnet;
pub mod subnet_pool;
pub mod token;
pub mod traits;
pub mod trust;
pub mod user;
pub mod versions;
pub mod volume;
pub mod volume_admin;
pub mod volume_backup;
pub mod volume_qos;
pub mod volume_snapshot;
pub mod volume_transfer;
pub mod volume_type;

use crate::errors::CliError;
use crate::output::Output;

/// `show_one_name` for nouns whose one-record commands are plain variants: `Type { Variant =>
/// "noun verb", ... }`. (Nouns with nested subcommands write it by hand.)
macro_rules! show_one_names {
    ($($ty:ty { $($variant:ident => $name:literal),* })*) => {$(
        impl $ty {
            /// The name of the command when it prints one record (cliff's ShowOne: no CSV).
            #[allow(unreachable_patterns)]
            pub fn show_one_name(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant { .. } => Some($name),)*
                    _ => None,
                }
            }
        }
    )*};
}

show_one_names! {
    token::TokenCommand { Issue => "token issue" }
    catalog::CatalogCommand { Show => "catalog show" }
    versions::VersionsCommand {}
    flavor::FlavorCommand { Show => "flavor show", Create => "flavor create" }
    keypair::KeypairCommand { Show => "keypair show", Create => "keypair create" }
    port::PortCommand { Show => "port show", Create => "port create" }
    container::ContainerCommand { Show => "container show" }
    domain::DomainCommand { Show => "domain show", Create => "domain create" }
    project::ProjectCommand { Show => "project show", Create => "project create" }
}

/// What every command returns.
pub type CommandResult = Result<Output, CliError>;

/// A pair of opposite switches (`--enable`/`--disable`) as an optional bool.
pub fn flag(on: bool, off: bool) -> Option<bool> {
    match (on, off) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

/// The id of an optional `--network <name or id>` filter.
pub async fn optional_network_id(
    net: &ostack::network::v2::NetworkProxy,
    name: Option<&str>,
) -> Result<Option<String>, CliError> {
    match name {
        Some(n) => Ok(Some(net.networks().find(n).await?.id)),
        None => Ok(None),
    }
}

/// Parse `key=value` options (`--property k=v`).
pub fn parse_key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("'{text}' is not in the format of key=value")),
    }
}

/// Run `delete` for each name as osc does: report each failure on stderr, then fail with
/// "N of M <plural> failed to delete." if any did.
pub async fn delete_each<F, Fut>(names: &[String], what: &str, plural: &str, delete: F) -> CommandResult
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<(), CliError>>,
{
    let mut failed = 0;
    for name in names {
        if let Err(e) = delete(name.clone()).await {
            eprintln!("Failed to delete {what} '{name}': {}", crate::errors::message(&e, false));
            failed += 1;
        }
    }
    if failed == 0 {
        Ok(Output::Nothing)
    } else {
        Err(CliError::Message(format!("{failed} of {} {plural} failed to delete.", names.len())))
    }
}
