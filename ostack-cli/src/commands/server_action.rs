//! The server actions of python-openstackclient (`openstackclient/compute/v2/server.py`):
//! `server pause|unpause|suspend|resume|lock|unlock|rescue|unrescue|shelve|unshelve|set|unset|
//! resize [confirm|revert]|rebuild|migrate [confirm|revert]|evacuate`, flattened into
//! `server ...`. They print nothing (rebuild and evacuate print the server), except osc's
//! `Complete` line after a `--wait`.

use super::server::{show_server, WAIT_TIMEOUT_SECONDS};
use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::output::Output;
use clap::{ArgGroup, Args, Subcommand};
use ostack::compute::v2::{
    BlockMigration, Evacuate, LiveMigrate, Rebuild, Rescue, ResetState, Resize, Server, Unshelve, UpdateServer,
};
use ostack::{Api, Resource};
use secrecy::SecretString;
use std::collections::BTreeMap;
use std::io::Write;
use std::time::Duration;

/// The server actions, as `server <action>`.
#[derive(Subcommand)]
pub enum ServerAction {
    /// Pause servers.
    Pause(Servers),
    /// Unpause servers.
    Unpause(Servers),
    /// Suspend servers.
    Suspend(Servers),
    /// Resume servers.
    Resume(Servers),
    /// Lock servers: a non-admin user will not be able to execute actions.
    Lock {
        /// Server names or ids.
        #[arg(required = true)]
        servers: Vec<String>,
        /// Why (microversion 2.73+).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Unlock servers.
    Unlock(Servers),
    /// Put a server in rescue mode.
    Rescue {
        /// Server name or id.
        server: String,
        /// Image to boot the rescue from (name or id).
        #[arg(long)]
        image: Option<String>,
        /// Password of the rescue instance.
        #[arg(long)]
        password: Option<String>,
    },
    /// Restore a server from rescue mode.
    Unrescue {
        /// Server name or id.
        server: String,
    },
    /// Shelve servers, and offload them with `--offload`.
    Shelve {
        /// Server names or ids.
        #[arg(required = true)]
        servers: Vec<String>,
        /// Remove them from their host too.
        #[arg(long)]
        offload: bool,
        /// Wait until they are shelved (and offloaded).
        #[arg(long)]
        wait: bool,
        /// With --wait: give up after this many seconds (an ostack option).
        #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
        timeout: u64,
    },
    /// Unshelve servers.
    Unshelve(UnshelveArgs),
    /// Set server properties.
    Set(SetArgs),
    /// Unset server properties and tags.
    Unset(UnsetArgs),
    /// Scale a server to a new flavor (`resize confirm|revert` for the second step).
    Resize(ResizeArgs),
    /// Rebuild a server.
    Rebuild(RebuildArgs),
    /// Migrate a server to another host (`migrate confirm|revert`: deprecated second step).
    Migrate(MigrateArgs),
    /// Evacuate a server from a host that is down.
    Evacuate(EvacuateArgs),
}

/// One or more servers.
#[derive(Args)]
pub struct Servers {
    /// Server names or ids.
    #[arg(required = true)]
    servers: Vec<String>,
}

/// `server unshelve` options.
#[derive(Args)]
pub struct UnshelveArgs {
    /// Server names or ids.
    #[arg(required = true)]
    servers: Vec<String>,
    /// Availability zone of a SHELVED_OFFLOADED server (2.77+).
    #[arg(long = "availability-zone", conflicts_with = "no_availability_zone")]
    availability_zone: Option<String>,
    /// Unpin the availability zone of a SHELVED_OFFLOADED server (2.91+).
    #[arg(long = "no-availability-zone")]
    no_availability_zone: bool,
    /// Destination host of a SHELVED_OFFLOADED server (2.91+).
    #[arg(long)]
    host: Option<String>,
    /// Wait until they are ACTIVE or SHUTOFF.
    #[arg(long)]
    wait: bool,
    /// With --wait: give up after this many seconds (an ostack option).
    #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
    timeout: u64,
}

/// `server set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Server name or id.
    server: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// New root password.
    #[arg(long, conflicts_with = "no_password")]
    password: Option<String>,
    /// Clear the admin password.
    #[arg(long = "no-password")]
    no_password: bool,
    /// Metadata `key=value` to add or change (repeatable).
    #[arg(long = "property", value_parser = super::parse_key_value)]
    properties: Vec<(String, String)>,
    /// Reset the state without asking (with --state).
    #[arg(long = "auto-approve")]
    auto_approve: bool,
    /// Reset the state: `active` or `error` (admin).
    #[arg(long, value_parser = ["active", "error"])]
    state: Option<String>,
    /// New description (2.19+).
    #[arg(long)]
    description: Option<String>,
    /// Tag to add (repeatable; 2.26+).
    #[arg(long = "tag")]
    tags: Vec<String>,
}

/// `server unset` options.
#[derive(Args)]
pub struct UnsetArgs {
    /// Server name or id.
    server: String,
    /// Metadata key to remove (repeatable).
    #[arg(long = "property", conflicts_with = "all_properties")]
    properties: Vec<String>,
    /// Remove every metadata key.
    #[arg(long = "all-properties")]
    all_properties: bool,
    /// Clear the description (2.19+).
    #[arg(long)]
    description: bool,
    /// Tag to remove (repeatable; 2.26+).
    #[arg(long = "tag", conflicts_with = "all_tags")]
    tags: Vec<String>,
    /// Remove every tag (2.26+).
    #[arg(long = "all-tags")]
    all_tags: bool,
}

/// `server resize` options, or its second step.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
#[command(group(ArgGroup::new("phase").required(true).args(["flavor", "confirm", "revert"])))]
pub struct ResizeArgs {
    #[command(subcommand)]
    step: Option<SecondStep>,
    /// Server name or id.
    #[arg(required = true)]
    server: Option<String>,
    /// New flavor (name or id).
    #[arg(long)]
    flavor: Option<String>,
    /// Deprecated: use `server resize confirm`.
    #[arg(long)]
    confirm: bool,
    /// Deprecated: use `server resize revert`.
    #[arg(long)]
    revert: bool,
    /// Wait until the resize is done (ACTIVE or VERIFY_RESIZE).
    #[arg(long)]
    wait: bool,
    /// With --wait: give up after this many seconds (an ostack option).
    #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
    timeout: u64,
}

/// The second step of a resize or cold migration.
#[derive(Subcommand)]
pub enum SecondStep {
    /// Confirm it and release the old server.
    Confirm {
        /// Server name or id.
        server: String,
    },
    /// Revert it: release the new server and restart the old one.
    Revert {
        /// Server name or id.
        server: String,
    },
}

/// `server rebuild` options.
#[derive(Args)]
pub struct RebuildArgs {
    /// Server name or id.
    server: String,
    /// Image (name or id; the current one when omitted).
    #[arg(long)]
    image: Option<String>,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// New admin password.
    #[arg(long)]
    password: Option<String>,
    /// Metadata `key=value` (repeatable; replaces all).
    #[arg(long = "property", value_parser = super::parse_key_value)]
    properties: Vec<(String, String)>,
    /// New description (2.19+).
    #[arg(long)]
    description: Option<String>,
    /// Keep the ephemeral disk.
    #[arg(long = "preserve-ephemeral", conflicts_with = "no_preserve_ephemeral")]
    preserve_ephemeral: bool,
    /// Do not keep the ephemeral disk.
    #[arg(long = "no-preserve-ephemeral")]
    no_preserve_ephemeral: bool,
    /// Keypair to inject (2.54+).
    #[arg(long = "key-name", conflicts_with = "no_key_name")]
    key_name: Option<String>,
    /// Remove the keypair (2.54+).
    #[arg(long = "no-key-name", alias = "key-unset")]
    no_key_name: bool,
    /// File with new user data (2.57+).
    #[arg(long = "user-data", conflicts_with = "no_user_data")]
    user_data: Option<std::path::PathBuf>,
    /// Remove the user data (2.57+).
    #[arg(long = "no-user-data")]
    no_user_data: bool,
    /// Wait until the rebuild is done.
    #[arg(long)]
    wait: bool,
    /// With --wait: give up after this many seconds (an ostack option).
    #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
    timeout: u64,
}

/// `server migrate` options, or its deprecated second step.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct MigrateArgs {
    #[command(subcommand)]
    step: Option<SecondStep>,
    /// Server name or id.
    #[arg(required = true)]
    server: Option<String>,
    /// Live migration.
    #[arg(long = "live-migration")]
    live_migration: bool,
    /// Target host.
    #[arg(long)]
    host: Option<String>,
    /// Shared-storage live migration.
    #[arg(long = "shared-migration", conflicts_with = "block_migration")]
    shared_migration: bool,
    /// Block live migration.
    #[arg(long = "block-migration")]
    block_migration: bool,
    /// Wait until the migration is done (ACTIVE or VERIFY_RESIZE).
    #[arg(long)]
    wait: bool,
    /// With --wait: give up after this many seconds (an ostack option).
    #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
    timeout: u64,
}

/// `server evacuate` options.
#[derive(Args)]
pub struct EvacuateArgs {
    /// Server name or id.
    server: String,
    /// Target host (2.29+).
    #[arg(long)]
    host: Option<String>,
    /// Admin password of the evacuated server.
    #[arg(long)]
    password: Option<String>,
    /// Wait until it is ACTIVE (or SHUTOFF when it was).
    #[arg(long)]
    wait: bool,
    /// With --wait: give up after this many seconds (an ostack option).
    #[arg(long, value_name = "SECONDS", default_value_t = WAIT_TIMEOUT_SECONDS)]
    timeout: u64,
}

/// The id of a server by name or id.
async fn find(servers: &Api<Server>, name: &str) -> Result<Server, CliError> {
    Ok(servers.find(name).await?)
}

/// osc-lib's `wait_for_status`: poll until one of `targets`; `ERROR` fails with `failed`.
async fn wait(servers: &Api<Server>, id: &str, targets: &[&str], timeout: u64, failed: String) -> CommandResult {
    match servers.wait_for_status(id, targets, &["ERROR"], Duration::from_secs(timeout)).await {
        Ok(_) => Ok(Output::Nothing),
        Err(ostack::Error::Wait { message, .. }) if message.starts_with("timed out") => {
            Err(CliError::Message(format!("{failed} ({message})")))
        }
        Err(ostack::Error::Wait { .. }) => Err(CliError::Message(failed)),
        Err(e) => Err(e.into()),
    }
}

/// Write osc's line after a successful wait (`Complete`), before anything else is printed.
pub(crate) fn complete(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(line.as_bytes());
    let _ = out.flush();
}

/// Run `action` on each server found by name, in turn, as osc does.
async fn each<F, Fut>(servers: &Api<Server>, names: &[String], action: F) -> CommandResult
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = ostack::Result<()>>,
{
    for name in names {
        let server = find(servers, name).await?;
        action(server.id).await?;
    }
    Ok(Output::Nothing)
}

fn secret(text: Option<String>) -> Option<SecretString> {
    text.map(SecretString::from)
}

impl ServerAction {
    /// Whether this prints one record (cliff's ShowOne: no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ServerAction::Rebuild(_) => Some("server rebuild"),
            ServerAction::Evacuate(_) => Some("server evacuate"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let servers = ctx.conn.compute().servers();
        let api = &servers;
        match self {
            ServerAction::Pause(s) => each(api, &s.servers, |id| async move { api.pause(&id).await }).await,
            ServerAction::Unpause(s) => each(api, &s.servers, |id| async move { api.unpause(&id).await }).await,
            ServerAction::Suspend(s) => each(api, &s.servers, |id| async move { api.suspend(&id).await }).await,
            ServerAction::Resume(s) => each(api, &s.servers, |id| async move { api.resume(&id).await }).await,
            ServerAction::Unlock(s) => each(api, &s.servers, |id| async move { api.unlock(&id).await }).await,
            ServerAction::Lock { servers: names, reason } => {
                let reason = reason.as_deref();
                each(api, &names, |id| async move { api.lock(&id, reason).await }).await
            }
            ServerAction::Rescue { server, image, password } => {
                let image = match image {
                    Some(i) => Some(ctx.conn.image().images().find(&i).await?.id),
                    None => None,
                };
                let found = find(api, &server).await?;
                let body = Rescue { admin_pass: secret(password), rescue_image_ref: image };
                api.rescue(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            ServerAction::Unrescue { server } => {
                let found = find(api, &server).await?;
                api.unrescue(&found.id).await?;
                Ok(Output::Nothing)
            }
            ServerAction::Shelve { servers: names, offload, wait: wait_for, timeout } => {
                shelve(api, &names, offload, wait_for, timeout).await
            }
            ServerAction::Unshelve(args) => {
                let body = Unshelve {
                    availability_zone: if args.no_availability_zone {
                        Some(None)
                    } else {
                        args.availability_zone.map(Some)
                    },
                    host: args.host,
                };
                for name in &args.servers {
                    let found = find(api, name).await?;
                    let status = found.status().unwrap_or_default().to_lowercase();
                    if status != "shelved" && status != "shelved_offloaded" {
                        continue;
                    }
                    api.unshelve(&found.id, &body).await?;
                    if args.wait {
                        let failed = format!("Error unshelving server: {}", found.id);
                        wait(api, &found.id, &["ACTIVE", "SHUTOFF"], args.timeout, failed).await?;
                    }
                }
                Ok(Output::Nothing)
            }
            ServerAction::Set(args) => set(api, args).await,
            ServerAction::Unset(args) => unset(api, args).await,
            ServerAction::Resize(args) => resize(ctx, args).await,
            ServerAction::Rebuild(args) => rebuild(ctx, args).await,
            ServerAction::Migrate(args) => migrate(api, args).await,
            ServerAction::Evacuate(args) => {
                let found = find(api, &args.server).await?;
                let body = Evacuate { host: args.host, admin_pass: secret(args.password), ..Default::default() };
                api.evacuate(&found.id, &body).await?;
                if args.wait {
                    let mut targets = vec!["ACTIVE"];
                    if found.status() == Some("SHUTOFF") {
                        targets.push("SHUTOFF");
                    }
                    let failed = format!("Error evacuating server: {}", found.id);
                    wait(api, &found.id, &targets, args.timeout, failed).await?;
                    complete("Complete\n");
                }
                // osc shows the server it found before the evacuation, refreshed
                let server = api.get(&found.id).await?;
                show_server(ctx, &server).await
            }
        }
    }
}

async fn shelve(api: &Api<Server>, names: &[String], offload: bool, wait_for: bool, timeout: u64) -> CommandResult {
    let mut ids = Vec::new();
    for name in names {
        let found = find(api, name).await?;
        let status = found.status().unwrap_or_default().to_lowercase();
        if status == "shelved" || status == "shelved_offloaded" {
            continue;
        }
        api.shelve(&found.id).await?;
        ids.push(found.id);
    }
    if !wait_for && !offload {
        return Ok(Output::Nothing);
    }
    for id in &ids {
        let failed = format!("Error shelving server: {id}");
        wait(api, id, &["SHELVED", "SHELVED_OFFLOADED"], timeout, failed).await?;
    }
    if !offload {
        return Ok(Output::Nothing);
    }
    for id in &ids {
        // nova offloads a shelved server by itself when its shelved_offload_time is 0: then the
        // server is already offloading (or offloaded), and asking again is a 409
        let offloading = |s: &Server| {
            s.status() == Some("SHELVED_OFFLOADED") || s.task_state.as_deref() == Some("shelving_offloading")
        };
        if offloading(&api.get(id).await?) {
            continue;
        }
        if let Err(e) = api.shelve_offload(id).await {
            if !(e.status() == Some(409) && offloading(&api.get(id).await?)) {
                return Err(e.into());
            }
        }
    }
    if wait_for {
        for id in &ids {
            let failed = format!("Error offloading shelved server: {id}");
            wait(api, id, &["SHELVED_OFFLOADED"], timeout, failed).await?;
        }
    }
    Ok(Output::Nothing)
}

async fn set(api: &Api<Server>, args: SetArgs) -> CommandResult {
    let found = find(api, &args.server).await?;
    let update = UpdateServer { name: args.name, description: args.description };
    if update.name.is_some() || update.description.is_some() {
        api.update(&found.id, &update).await?;
    }
    if !args.properties.is_empty() {
        let items: BTreeMap<String, String> = args.properties.into_iter().collect();
        api.set_metadata(&found.id, &items).await?;
    }
    match args.state.as_deref() {
        // osc asks for a confirmation first; ostack never prompts, so it wants --auto-approve
        Some(_) if !args.auto_approve => {
            return Err(CliError::Message(
                "Resetting the server state can make it much harder to recover a server from an error state: \
                 confirm with --auto-approve"
                    .into(),
            ))
        }
        Some("active") => api.reset_state(&found.id, ResetState::Active).await?,
        Some(_) => api.reset_state(&found.id, ResetState::Error).await?,
        None => {}
    }
    if let Some(password) = args.password {
        api.change_password(&found.id, &SecretString::from(password)).await?;
    } else if args.no_password {
        api.clear_password(&found.id).await?;
    }
    for tag in &args.tags {
        api.add_tag(&found.id, tag).await?;
    }
    Ok(Output::Nothing)
}

async fn unset(api: &Api<Server>, args: UnsetArgs) -> CommandResult {
    let found = find(api, &args.server).await?;
    if args.all_properties {
        for key in api.metadata(&found.id).await?.keys() {
            api.delete_metadata_item(&found.id, key).await?;
        }
    }
    for key in &args.properties {
        api.delete_metadata_item(&found.id, key).await?;
    }
    if args.description {
        api.update(&found.id, &UpdateServer { description: Some(String::new()), ..Default::default() }).await?;
    }
    for tag in &args.tags {
        api.delete_tag(&found.id, tag).await?;
    }
    if args.all_tags {
        api.clear_tags(&found.id).await?;
    }
    Ok(Output::Nothing)
}

/// `server resize confirm|revert`, and the deprecated forms.
async fn second_step(api: &Api<Server>, step: SecondStep, migrate: bool) -> CommandResult {
    let (server, confirm) = match step {
        SecondStep::Confirm { server } => (server, true),
        SecondStep::Revert { server } => (server, false),
    };
    if migrate {
        let verb = if confirm { "confirm" } else { "revert" };
        eprintln!(
            "The 'server migrate {verb}' command has been deprecated in favour of the 'server migration {verb}' command."
        );
    }
    let found = find(api, &server).await?;
    if confirm {
        api.confirm_resize(&found.id).await?;
    } else {
        api.revert_resize(&found.id).await?;
    }
    Ok(Output::Nothing)
}

async fn resize(ctx: &Context, args: ResizeArgs) -> CommandResult {
    let api = ctx.conn.compute().servers();
    if let Some(step) = args.step {
        return second_step(&api, step, false).await;
    }
    let server = args.server.unwrap_or_default();
    if args.confirm || args.revert {
        let verb = if args.confirm { "confirm" } else { "revert" };
        eprintln!(
            "The --{verb} option has been deprecated. Please use the 'openstack server resize {verb}' command instead."
        );
        let step = if args.confirm { SecondStep::Confirm { server } } else { SecondStep::Revert { server } };
        return second_step(&api, step, false).await;
    }
    let found = find(&api, &server).await?;
    if found.image().is_none() {
        eprintln!("The root disk size in flavor will not be applied while booting from a persistent volume.");
    }
    let flavor = ctx.conn.compute().flavors().find(args.flavor.as_deref().unwrap_or_default()).await?;
    api.resize(&found.id, &Resize::new(flavor.id)).await?;
    if args.wait {
        let failed = format!("Error resizing server: {}", found.id);
        wait(&api, &found.id, &["ACTIVE", "VERIFY_RESIZE"], args.timeout, failed).await?;
        complete("Complete\n");
    }
    Ok(Output::Nothing)
}

async fn migrate(api: &Api<Server>, args: MigrateArgs) -> CommandResult {
    if let Some(step) = args.step {
        return second_step(api, step, true).await;
    }
    let found = find(api, &args.server.unwrap_or_default()).await?;
    if args.live_migration {
        let block_migration = if args.block_migration {
            BlockMigration::Yes
        } else if args.shared_migration {
            BlockMigration::No
        } else {
            BlockMigration::Auto
        };
        let body = LiveMigrate { host: args.host, block_migration, ..Default::default() };
        api.live_migrate(&found.id, &body).await?;
    } else {
        if args.block_migration {
            return Err(CliError::Message(
                "--live-migration must be specified if --block-migration or --disk-overcommit is specified".into(),
            ));
        }
        api.migrate(&found.id, args.host.as_deref()).await?;
    }
    if args.wait {
        let failed = format!("Error migrating server: {}", found.id);
        wait(api, &found.id, &["ACTIVE", "VERIFY_RESIZE"], args.timeout, failed).await?;
        complete("Complete, check success/failure by openstack server migration/event list/show\n");
    }
    Ok(Output::Nothing)
}

async fn rebuild(ctx: &Context, args: RebuildArgs) -> CommandResult {
    let api = ctx.conn.compute().servers();
    let images = ctx.conn.image().images();
    let found = find(&api, &args.server).await?;
    let image = match (&args.image, found.image().and_then(|i| i.id.clone())) {
        (Some(name), _) => images.find(name).await?,
        (None, Some(id)) => images.get(&id).await?,
        (None, None) => {
            return Err(CliError::Message(
                "The --image option is required when rebuilding a volume-backed server".into(),
            ))
        }
    };
    let mut body = Rebuild::new(&image.id);
    body.name = args.name;
    body.admin_pass = secret(args.password);
    if !args.properties.is_empty() {
        body.metadata = Some(args.properties.into_iter().collect());
    }
    if args.preserve_ephemeral || args.no_preserve_ephemeral {
        body.preserve_ephemeral = Some(args.preserve_ephemeral);
    }
    if let Some(description) = args.description {
        body = body.description(description);
    }
    if let Some(key) = args.key_name {
        body = body.key_name(key);
    } else if args.no_key_name {
        body.key_name = Some(None);
    }
    if let Some(path) = args.user_data {
        let data =
            std::fs::read(&path).map_err(|e| CliError::Message(format!("Can't open '{}': {e}", path.display())))?;
        body = body.user_data(data);
    } else if args.no_user_data {
        body.user_data = Some(None);
    }
    let targets: &[&str] = match found.status().unwrap_or_default() {
        "SHUTOFF" => &["SHUTOFF"],
        "ERROR" | "ACTIVE" => &["ACTIVE"],
        _ => return Err(CliError::Message("The server status is not ACTIVE, SHUTOFF or ERROR.".into())),
    };
    let rebuilt = api.rebuild(&found.id, &body).await?;
    if args.wait {
        let failed = format!("Error rebuilding server: {}", found.id);
        wait(&api, &found.id, targets, args.timeout, failed).await?;
        complete("Complete\n");
    }
    // osc shows the rebuild's answer as it is, with the image looked up
    Ok(super::server::show_with_image(&rebuilt, Some(&image.name)))
}
