//! `ostack`: python-openstackclient's everyday commands, same options and output, in milliseconds.

mod cache;
mod commands;
mod context;
mod errors;
mod format;
mod output;
mod timing;
mod yaml;

use clap::{CommandFactory, Parser, Subcommand};
use context::GlobalOptions;
use output::OutputOptions;
use std::io::Write;
use std::process::ExitCode;

/// Command-line interface to OpenStack, compatible with `openstack`.
#[derive(Parser)]
#[command(name = "ostack", version, about, disable_help_subcommand = true, args_override_self = true)]
struct Cli {
    #[command(flatten)]
    global: GlobalOptions,
    #[command(flatten)]
    output: OutputOptions,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Tokens.
    #[command(subcommand)]
    Token(commands::token::TokenCommand),
    /// The service catalog.
    #[command(subcommand)]
    Catalog(commands::catalog::CatalogCommand),
    /// API versions of every service.
    #[command(subcommand)]
    Versions(commands::versions::VersionsCommand),
    /// Compute servers.
    #[command(subcommand)]
    Server(commands::server::ServerCommand),
    /// Compute flavors.
    #[command(subcommand)]
    Flavor(commands::flavor::FlavorCommand),
    /// Compute keypairs.
    #[command(subcommand)]
    Keypair(commands::keypair::KeypairCommand),
    /// Networks.
    #[command(subcommand)]
    Network(commands::network::NetworkCommand),
    /// Subnets.
    #[command(subcommand)]
    Subnet(commands::subnet::SubnetCommand),
    /// Ports.
    #[command(subcommand)]
    Port(commands::port::PortCommand),
    /// Images.
    #[command(subcommand)]
    Image(commands::image::ImageCommand),
    /// Print a shell completion script.
    Completion {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

/// The name of a command that prints one record (cliff's ShowOne), which has no CSV format.
fn show_one_name(command: &Command) -> Option<&'static str> {
    use commands::*;
    Some(match command {
        Command::Token(token::TokenCommand::Issue) => "token issue",
        Command::Catalog(catalog::CatalogCommand::Show { .. }) => "catalog show",
        Command::Server(server::ServerCommand::Show { .. }) => "server show",
        Command::Server(server::ServerCommand::Create(_)) => "server create",
        Command::Flavor(flavor::FlavorCommand::Show { .. }) => "flavor show",
        Command::Flavor(flavor::FlavorCommand::Create(_)) => "flavor create",
        Command::Keypair(keypair::KeypairCommand::Show { .. }) => "keypair show",
        Command::Keypair(keypair::KeypairCommand::Create(_)) => "keypair create",
        Command::Network(network::NetworkCommand::Show { .. }) => "network show",
        Command::Network(network::NetworkCommand::Create(_)) => "network create",
        Command::Subnet(subnet::SubnetCommand::Show { .. }) => "subnet show",
        Command::Subnet(subnet::SubnetCommand::Create(_)) => "subnet create",
        Command::Port(port::PortCommand::Show { .. }) => "port show",
        Command::Port(port::PortCommand::Create(_)) => "port create",
        Command::Image(image::ImageCommand::Show { .. }) => "image show",
        Command::Image(image::ImageCommand::Create(_)) => "image create",
        _ => return None,
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let (Some(name), output::Format::Csv) = (show_one_name(&cli.command), cli.output.format) {
        // refused before anything runs, as openstack's argument parser does
        eprintln!(
            "ostack {name}: error: argument -f/--format: invalid choice: 'csv' (choose from 'json', 'shell', 'table', 'value', 'yaml')"
        );
        return ExitCode::from(2);
    }
    if cli.global.debug || cli.global.timing {
        timing::install(cli.global.debug);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    let result = runtime.block_on(run(cli.command, &cli.global, &cli.output));
    if cli.global.timing {
        timing::print_report(started.elapsed());
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = std::io::stdout().flush();
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, global: &GlobalOptions, output: &OutputOptions) -> Result<(), String> {
    if let Command::Completion { shell } = command {
        clap_complete::generate(shell, &mut Cli::command(), "ostack", &mut std::io::stdout());
        return Ok(());
    }
    let ctx = context::Context::connect(global).await.map_err(|e| errors::message(&e, global.debug))?;
    let result = match command {
        Command::Token(c) => c.run(&ctx).await,
        Command::Catalog(c) => c.run(&ctx).await,
        Command::Versions(c) => c.run(&ctx).await,
        Command::Server(c) => c.run(&ctx).await,
        Command::Flavor(c) => c.run(&ctx).await,
        Command::Keypair(c) => c.run(&ctx).await,
        Command::Network(c) => c.run(&ctx).await,
        Command::Subnet(c) => c.run(&ctx).await,
        Command::Port(c) => c.run(&ctx).await,
        Command::Image(c) => c.run(&ctx).await,
        Command::Completion { .. } => unreachable!("handled above"),
    };
    ctx.finish().await;
    let out = result.map_err(|e| errors::message(&e, global.debug))?;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    output::render(out, output, &mut lock)?;
    lock.flush().map_err(|e| e.to_string())
}
