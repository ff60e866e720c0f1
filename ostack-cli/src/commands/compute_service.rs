//! `compute service list|set|delete` (python-openstackclient's `compute/v2/service.py`).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{plain, Column, Noun};
use crate::output::Output;
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::compute::v2::{ComputeService, ComputeServiceQuery, UpdateComputeService};

/// `compute ...` commands.
#[derive(Subcommand)]
pub enum ComputeCommand {
    /// Compute services.
    #[command(subcommand)]
    Service(ServiceCommand),
}

/// `compute service` commands.
#[derive(Subcommand)]
pub enum ServiceCommand {
    /// List compute services.
    List {
        /// Only this host.
        #[arg(long)]
        host: Option<String>,
        /// Only this binary (`nova-compute`, ...).
        #[arg(long)]
        service: Option<String>,
        /// More columns.
        #[arg(long)]
        long: bool,
    },
    /// Enable, disable, force down or up a compute service.
    Set {
        /// Host name.
        host: String,
        /// Binary (`nova-compute`).
        service: String,
        /// Enable it.
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Disable it.
        #[arg(long)]
        disable: bool,
        /// Why it is disabled (with --disable).
        #[arg(long = "disable-reason")]
        disable_reason: Option<String>,
        /// Clear its forced-down mark.
        #[arg(long, conflicts_with = "down")]
        up: bool,
        /// Force it down.
        #[arg(long)]
        down: bool,
    },
    /// Delete compute services (by id).
    Delete {
        /// Service ids.
        #[arg(required = true)]
        services: Vec<String>,
    },
}

/// osc's columns for `compute service list`.
const SERVICE: Noun = Noun {
    what: "compute service",
    plural: "compute services",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Binary", "binary", plain),
        Column::new("Host", "host", plain),
        Column::new("Zone", "zone", plain),
        Column::new("Status", "status", plain),
        Column::new("State", "state", plain),
        Column::new("Updated At", "updated_at", plain),
    ],
    long: &[Column::new("Disabled Reason", "disabled_reason", plain), Column::new("Forced Down", "forced_down", plain)],
    show: &[],
    hidden: &[],
};

impl ComputeCommand {
    /// No compute command prints one record.
    pub fn show_one_name(&self) -> Option<&'static str> {
        None
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let ComputeCommand::Service(command) = self;
        let services = ctx.conn.compute().services();
        match command {
            ServiceCommand::List { host, service, long } => {
                let query = ComputeServiceQuery { binary: service, host };
                let found: Vec<ComputeService> = services.list(&query).try_collect().await?;
                Ok(SERVICE.list(&found, long))
            }
            ServiceCommand::Set { host, service, enable, disable, disable_reason, up, down } => {
                if disable_reason.is_some() && !disable {
                    return Err(CliError::Message(
                        "Cannot specify option --disable-reason without --disable specified.".into(),
                    ));
                }
                let query = ComputeServiceQuery { binary: Some(service.clone()), host: Some(host.clone()) };
                let found: Vec<ComputeService> = services.list(&query).try_collect().await?;
                let id = match found.as_slice() {
                    [one] => one.id.clone(),
                    [] => {
                        return Err(CliError::Message(format!(
                            "Compute service for host \"{host}\" and binary \"{service}\" not found."
                        )))
                    }
                    _ => {
                        return Err(CliError::Message(format!(
                            "Multiple compute services found for host \"{host}\" and binary \"{service}\". \
                             Unable to proceed."
                        )))
                    }
                };
                let mut failed = false;
                let status = if enable {
                    Some(UpdateComputeService::enable())
                } else if disable {
                    Some(UpdateComputeService {
                        status: Some("disabled".into()),
                        disabled_reason: disable_reason,
                        ..Default::default()
                    })
                } else {
                    None
                };
                if let Some(body) = status {
                    if let Err(e) = services.set(&id, &body).await {
                        tracing::debug!(error = %e, "setting the service status failed");
                        eprintln!("Failed to set service status to {}", if enable { "enabled" } else { "disabled" });
                        failed = true;
                    }
                }
                if up || down {
                    if let Err(e) = services.set(&id, &UpdateComputeService::forced_down(down)).await {
                        tracing::debug!(error = %e, "forcing the service down or up failed");
                        eprintln!("Failed to set service state to {}", if down { "down" } else { "up" });
                        failed = true;
                    }
                }
                if failed {
                    return Err(CliError::Message(format!("Compute service {service} of host {host} failed to set.")));
                }
                Ok(Output::Nothing)
            }
            ServiceCommand::Delete { services: ids } => {
                super::delete_each(&ids, "compute service with ID", SERVICE.plural, |id| {
                    let services = services.clone();
                    async move { Ok(services.delete(&id).await?) }
                })
                .await
            }
        }
    }
}
