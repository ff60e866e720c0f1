//! `ip availability list|show`.

use super::address::Project;
use super::CommandResult;
use crate::context::Context;
use crate::format::{dict_column, list_dict_column};
use crate::noun::{plain, Column, Field, Noun};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::network::v2::{NetworkIpAvailabilityQuery, NeutronListOptions};
use serde_json::{Map, Value};

/// One key of `ip_availability_details` (`''` without the details extension).
fn detail(raw: &Map<String, Value>, key: &str) -> Value {
    raw.get("ip_availability_details").and_then(|d| d.get(key)).cloned().unwrap_or_else(|| Value::String(String::new()))
}

/// python-openstackclient's IP availability columns (`openstackclient/network/v2/ip_availability.py`).
const IP_AVAILABILITY: Noun = Noun {
    what: "IP availability",
    plural: "IP availabilities",
    list: &[
        Column::new("Network ID", "network_id", plain),
        Column::new("Network Name", "network_name", plain),
        Column::new("Total IPs", "total_ips", plain),
        Column::new("Used IPs", "used_ips", plain),
        Column::computed("Total IPs in Subnet", |raw| detail(raw, "total_ips_in_subnet"), plain),
        Column::computed("Total IPs in Allocation Pool", |raw| detail(raw, "total_ips_in_allocation_pool"), plain),
        Column::computed("Used IPs in Subnet", |raw| detail(raw, "used_ips_in_subnet"), plain),
        Column::computed("Used IPs in Allocation Pool", |raw| detail(raw, "used_ips_in_allocation_pool"), plain),
    ],
    long: &[],
    show: &[
        Field::new("ip_availability_details", "ip_availability_details", dict_column),
        Field::plain("network_id"),
        Field::plain("network_name"),
        Field::plain("project_id"),
        Field::new("subnet_ip_availability", "subnet_ip_availability", list_dict_column),
        Field::plain("total_ips"),
        Field::plain("used_ips"),
    ],
    hidden: &["tenant_id", "location"],
};

/// `ip ...` commands.
#[derive(Subcommand)]
pub enum IpCommand {
    /// Networks' IP availability.
    #[command(subcommand)]
    Availability(AvailabilityCommand),
}

/// IP availability commands.
#[derive(Subcommand)]
pub enum AvailabilityCommand {
    /// List the IP availability of every network.
    List {
        /// By IP version.
        #[arg(long = "ip-version", value_name = "ip-version", value_parser = ["4", "6"])]
        ip_version: Option<String>,
        #[command(flatten)]
        project: Project,
        /// Page size.
        #[arg(long)]
        limit: Option<u32>,
        /// Start after this id.
        #[arg(long)]
        marker: Option<String>,
    },
    /// Show the IP availability of a network.
    Show {
        /// Network name or id.
        network: String,
    },
}

impl IpCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            IpCommand::Availability(AvailabilityCommand::Show { .. }) => Some("ip availability show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let IpCommand::Availability(command) = self;
        let net = ctx.conn.network();
        let availabilities = net.network_ip_availabilities();
        match command {
            AvailabilityCommand::List { ip_version, project, limit, marker } => {
                let query = NetworkIpAvailabilityQuery {
                    ip_version: ip_version.and_then(|v| v.parse().ok()),
                    common: NeutronListOptions {
                        project_id: project.id(ctx).await?,
                        limit,
                        marker,
                        ..Default::default()
                    },
                    ..Default::default()
                };
                let found: Vec<_> = availabilities.list(&query).try_collect().await?;
                Ok(IP_AVAILABILITY.list(&found, false))
            }
            AvailabilityCommand::Show { network } => {
                let id = net.networks().find(&network).await?.id;
                Ok(IP_AVAILABILITY.show_fixed(&availabilities.get(&id).await?))
            }
        }
    }
}
