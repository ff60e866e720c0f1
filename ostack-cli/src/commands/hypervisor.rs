//! `hypervisor list` (python-openstackclient's `compute/v2/hypervisor.py`).

use super::CommandResult;
use crate::context::Context;
use crate::noun::{plain, Column, Noun};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::compute::v2::{Hypervisor, HypervisorQuery};

/// `hypervisor` commands.
#[derive(Subcommand)]
pub enum HypervisorCommand {
    /// List hypervisors.
    List {
        /// Only those whose hostname matches this pattern.
        #[arg(long)]
        matching: Option<String>,
        /// More columns (none from microversion 2.88, as osc).
        #[arg(long)]
        long: bool,
        /// Page size (2.33+).
        #[arg(long)]
        limit: Option<u32>,
        /// Start after this hypervisor id (2.33+).
        #[arg(long)]
        marker: Option<String>,
    },
}

/// osc's columns at microversion 2.88+ (`--long` adds nothing there).
const HYPERVISOR: Noun = Noun {
    what: "hypervisor",
    plural: "hypervisors",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Hypervisor Hostname", "hypervisor_hostname", plain),
        Column::new("Hypervisor Type", "hypervisor_type", plain),
        Column::new("Host IP", "host_ip", plain),
        Column::new("State", "state", plain),
    ],
    long: &[],
    show: &[],
    hidden: &[],
};

impl HypervisorCommand {
    /// No hypervisor command prints one record yet.
    pub fn show_one_name(&self) -> Option<&'static str> {
        None
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let HypervisorCommand::List { matching, long, limit, marker } = self;
        if matching.is_some() && (marker.is_some() || limit.is_some()) {
            return Err("--matching is not compatible with --marker or --limit".to_string().into());
        }
        let query = HypervisorQuery { hypervisor_hostname_pattern: matching, limit, marker, ..Default::default() };
        let found: Vec<Hypervisor> = ctx.conn.compute().hypervisors().list(&query).try_collect().await?;
        Ok(HYPERVISOR.list(&found, long))
    }
}
