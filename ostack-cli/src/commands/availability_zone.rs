//! `availability zone list --network` (the network part of osc's command).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{plain, Column, Noun};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::network::v2::AvailabilityZoneQuery;
use serde_json::{Map, Value};

fn blank(_raw: &Map<String, Value>) -> Value {
    Value::String(String::new())
}

/// `unavailable` reads `not available` (`_xform_network_availability_zone`).
fn zone_status(raw: &Map<String, Value>) -> Value {
    match raw.get("state").and_then(Value::as_str) {
        Some("unavailable") => Value::from("not available"),
        Some(state) => Value::from(state),
        None => Value::Null,
    }
}

/// python-openstackclient's availability zone columns (`openstackclient/common/availability_zone.py`).
const ZONE: Noun = Noun {
    what: "availability zone",
    plural: "availability zones",
    list: &[Column::new("Zone Name", "name", plain), Column::computed("Zone Status", zone_status, plain)],
    long: &[
        Column::new("Zone Resource", "resource", plain),
        Column::computed("Host Name", blank, plain),
        Column::computed("Service Name", blank, plain),
        Column::computed("Service Status", blank, plain),
    ],
    show: &[],
    hidden: &[],
};

/// `availability ...` commands.
#[derive(Subcommand)]
pub enum AvailabilityCommand {
    /// Availability zones.
    #[command(subcommand)]
    Zone(ZoneCommand),
}

/// Availability zone commands.
#[derive(Subcommand)]
pub enum ZoneCommand {
    /// List availability zones (network ones only in ostack: give --network).
    List {
        /// Compute zones (not in ostack).
        #[arg(long)]
        compute: bool,
        /// Network zones.
        #[arg(long)]
        network: bool,
        /// Block storage zones (not in ostack).
        #[arg(long)]
        volume: bool,
        /// Shared file system zones (not in ostack).
        #[arg(long)]
        share: bool,
        /// More columns.
        #[arg(long)]
        long: bool,
    },
}

impl AvailabilityCommand {
    /// The name of the command when it prints one record (none here).
    pub fn show_one_name(&self) -> Option<&'static str> {
        None
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let AvailabilityCommand::Zone(ZoneCommand::List { compute, network, volume, share, long }) = self;
        if compute || volume || share || !network {
            return Err(CliError::Message(
                "ostack lists network availability zones only: use `availability zone list --network`".into(),
            ));
        }
        let net = ctx.conn.network();
        if net.extensions().find("Availability Zone").await.is_err() {
            eprintln!("Availability zones list not supported by Network API");
            return Ok(ZONE.list::<Value>(&[], long));
        }
        let found: Vec<_> = net.availability_zones().list(&AvailabilityZoneQuery::default()).try_collect().await?;
        Ok(ZONE.list(&found, long))
    }
}
