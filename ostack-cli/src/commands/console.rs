//! `console log show` and `console url show` (python-openstackclient's
//! `compute/v2/console.py`).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::output::{Cell, Output};
use clap::{ArgGroup, Args, Subcommand};
use ostack::compute::v2::ConsoleType;
use std::io::Write;

/// `console` commands.
#[derive(Subcommand)]
pub enum ConsoleCommand {
    /// A server's console output (`console log show`).
    #[command(subcommand)]
    Log(LogCommand),
    /// A server's remote console URL (`console url show`).
    #[command(subcommand)]
    Url(UrlCommand),
}

/// `console log ...`.
#[derive(Subcommand)]
pub enum LogCommand {
    /// Show server's console output.
    Show {
        /// Server to show console log (name or ID).
        server: String,
        /// Number of lines to display from the end of the log (default=all).
        #[arg(long, value_name = "NUM-LINES")]
        lines: Option<u32>,
    },
}

/// `console url ...`.
#[derive(Subcommand)]
pub enum UrlCommand {
    /// Show server's remote console URL.
    Show(UrlArgs),
}

/// `console url show` options: one console type (noVNC unless told).
#[derive(Args)]
#[command(group(ArgGroup::new("kind").args(["novnc", "xvpvnc", "spice", "spice_direct", "rdp", "serial", "mks"])))]
pub struct UrlArgs {
    /// Server to show URL (name or ID).
    server: String,
    /// Show noVNC console URL (default).
    #[arg(long)]
    novnc: bool,
    /// Show xvpvnc console URL.
    #[arg(long)]
    xvpvnc: bool,
    /// Show SPICE console URL.
    #[arg(long)]
    spice: bool,
    /// Show SPICE direct protocol native console URL.
    #[arg(long = "spice-direct")]
    spice_direct: bool,
    /// Show RDP console URL.
    #[arg(long)]
    rdp: bool,
    /// Show serial console URL.
    #[arg(long)]
    serial: bool,
    /// Show WebMKS console URL.
    #[arg(long)]
    mks: bool,
}

impl UrlArgs {
    /// The console type osc asks for.
    fn console_type(&self) -> ConsoleType {
        let name = if self.xvpvnc {
            "xvpvnc"
        } else if self.spice {
            "spice-html5"
        } else if self.spice_direct {
            "spice-direct"
        } else if self.rdp {
            "rdp-html5"
        } else if self.serial {
            "serial"
        } else if self.mks {
            "webmks"
        } else {
            "novnc"
        };
        name.parse().unwrap_or(ConsoleType::NoVnc)
    }
}

impl ConsoleCommand {
    /// `console url show` prints one record.
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ConsoleCommand::Url(_) => Some("console url show"),
            ConsoleCommand::Log(_) => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let servers = ctx.conn.compute().servers();
        match self {
            ConsoleCommand::Log(LogCommand::Show { server, lines }) => {
                let server = servers.find(&server).await?;
                let mut output = servers.console_output(&server.id, lines).await?;
                if output.is_empty() {
                    return Ok(Output::Nothing);
                }
                if !output.ends_with('\n') {
                    output.push('\n');
                }
                let mut out = std::io::stdout().lock();
                out.write_all(output.as_bytes())
                    .and_then(|()| out.flush())
                    .map_err(|e| CliError::Message(format!("cannot write the console log: {e}")))?;
                Ok(Output::Nothing)
            }
            ConsoleCommand::Url(UrlCommand::Show(args)) => {
                let console_type = args.console_type();
                let server = servers.find(&args.server).await?;
                let console = servers.remote_console(&server.id, &console_type).await?;
                Ok(Output::show_sorted(vec![
                    ("protocol".to_string(), Cell::from(console.protocol.as_str())),
                    ("type".to_string(), Cell::from(console.console_type.as_str())),
                    ("url".to_string(), Cell::from(console.url.as_str())),
                ]))
            }
        }
    }
}
