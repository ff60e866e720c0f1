//! `ostack`: python-openstackclient's everyday commands, same options and output, in milliseconds.

mod cache;
mod commands;
mod context;
mod errors;
mod format;
mod noun;
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

/// Declares the nouns: one line each. Every noun type has `run(self, &Context)` and
/// `show_one_name(&self)` (the commands that print one record, cliff's ShowOne, have no CSV).
macro_rules! nouns {
    ($($(#[$doc:meta])* $variant:ident($($ty:ident)::+),)*) => {
        #[derive(Subcommand)]
        enum Command {
            $($(#[$doc])* #[command(subcommand)] $variant(commands::$($ty)::+),)*
            /// Print a shell completion script.
            Completion {
                /// bash, zsh, fish, elvish or powershell.
                shell: clap_complete::Shell,
            },
        }

        impl Command {
            /// The name of a command that prints one record, which has no CSV format.
            fn show_one_name(&self) -> Option<&'static str> {
                match self {
                    $(Command::$variant(c) => c.show_one_name(),)*
                    Command::Completion { .. } => None,
                }
            }

            async fn run(self, ctx: &context::Context) -> commands::CommandResult {
                match self {
                    $(Command::$variant(c) => c.run(ctx).await,)*
                    Command::Completion { .. } => unreachable!("handled before connecting"),
                }
            }
        }
    };
}

nouns! {
    /// Tokens.
    Token(token::TokenCommand),
    /// The service catalog.
    Catalog(catalog::CatalogCommand),
    /// API versions of every service.
    Versions(versions::VersionsCommand),
    /// Compute servers.
    Server(server::ServerCommand),
    /// Compute flavors.
    Flavor(flavor::FlavorCommand),
    /// Compute keypairs.
    Keypair(keypair::KeypairCommand),
    /// Compute services (`compute service ...`).
    Compute(compute_service::ComputeCommand),
    /// Hypervisors.
    Hypervisor(hypervisor::HypervisorCommand),
    /// Server consoles (`console log show`, `console url show`).
    Console(console::ConsoleCommand),
    /// Networks.
    Network(network::NetworkCommand),
    /// Subnets.
    Subnet(subnet::SubnetCommand),
    /// Ports.
    Port(port::PortCommand),
    /// Routers.
    Router(router::RouterCommand),
    /// Floating IPs (`floating ip ...`).
    Floating(floating_ip::FloatingCommand),
    /// Security groups and their rules (`security group ...`, `security group rule ...`).
    Security(security_group::SecurityCommand),
    /// Images.
    Image(image::ImageCommand),
    /// Placement: resource providers, resource classes, usages (`resource provider ...`).
    Resource(resource::ResourceCommand),
    /// Placement traits.
    Trait(traits::TraitCommand),
    /// Placement allocation candidates (`allocation candidate list`).
    Allocation(allocation_candidate::AllocationCommand),
    /// Object store containers.
    Container(container::ContainerCommand),
    /// Object store objects, the account (`object store account ...`) and temp URLs.
    Object(object::ObjectCommand),
    /// Identity domains.
    Domain(domain::DomainCommand),
    /// Identity projects.
    Project(project::ProjectCommand),
    /// Identity roles, grants (`role add|remove`) and assignments (`role assignment list`).
    Role(role::RoleCommand),
    /// Address scopes and address groups (`address scope ...`, `address group ...`).
    Address(address::AddressCommand),
    /// Networks' IP availability (`ip availability list|show`).
    Ip(ip_availability::IpCommand),
    /// API extensions (`extension list --network`, `extension show`).
    Extension(extension::ExtensionCommand),
    /// Availability zones (`availability zone list --network`).
    Availability(availability_zone::AvailabilityCommand),
    /// Identity users (`user password set` too).
    User(user::UserCommand),
    /// Identity groups and their members (`group add|remove|contains user`).
    Group(group::GroupCommand),
    /// Catalog services (identity).
    Service(catalog_admin::ServiceCommand),
    /// Catalog endpoints (identity).
    Endpoint(catalog_admin::EndpointCommand),
    /// Identity regions.
    Region(catalog_admin::RegionCommand),
    /// Application credentials (`application credential ...`).
    Application(application_credential::ApplicationCommand),
    /// Identity credentials.
    Credential(credential::CredentialCommand),
    /// Implied roles (`implied role ...`).
    Implied(implied_role::ImpliedCommand),
    /// Trusts.
    Trust(trust::TrustCommand),
    /// EC2 credentials (`ec2 credentials ...`).
    Ec2(ec2_credentials::Ec2Command),
    /// Project and domain limits.
    Limit(limit::LimitCommand),
    /// Registered (default) limits (`registered limit ...`).
    Registered(limit::RegisteredCommand),
    /// Federated identity providers (`identity provider ...`).
    Identity(federation::IdentityCommand),
    /// Federation mappings.
    Mapping(federation::MappingCommand),
    /// Federation protocols (`federation protocol ...`).
    Federation(federation::FederationCommand),
    /// Volumes and block storage (`volume ...`, `volume snapshot ...`, `volume backup ...`, ...).
    Volume(volume::VolumeCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let (Some(name), output::Format::Csv) = (cli.command.show_one_name(), cli.output.format) {
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
    let result = command.run(&ctx).await;
    ctx.finish().await;
    let out = result.map_err(|e| errors::message(&e, global.debug))?;
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    output::render(out, output, &mut lock)?;
    lock.flush().map_err(|e| e.to_string())
}
