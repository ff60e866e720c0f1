//! `network flavor create|list|show|set|delete|add profile|remove profile`,
//! `network flavor profile create|list|show|set|delete` and `network service provider list`.

use super::address::Project;
use super::{delete_each, flag, CommandResult};
use crate::context::Context;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{
    CreateFlavor, CreateServiceProfile, FlavorQuery, ServiceProfileQuery, ServiceProviderQuery, UpdateFlavor,
    UpdateServiceProfile,
};
use serde_json::Value;

/// python-openstackclient's network flavor columns (`openstackclient/network/v2/network_flavor.py`).
const FLAVOR: Noun = Noun {
    what: "flavor",
    plural: "flavors",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Enabled", "enabled", plain),
        Column::new("Service Type", "service_type", plain),
        Column::new("Description", "description", plain),
    ],
    long: &[],
    show: &[
        Field::plain("description"),
        Field::plain("enabled"),
        Field::plain("id"),
        Field::plain("name"),
        Field::new("service_profile_ids", "service_profiles", plain),
        Field::plain("service_type"),
    ],
    hidden: &["tenant_id", "location", "project_id"],
};

/// python-openstackclient's flavor profile columns (`network_flavor_profile.py`).
const PROFILE: Noun = Noun {
    what: "flavor profile",
    plural: "flavor_profiles",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Driver", "driver", plain),
        Column::new("Enabled", "enabled", plain),
        Column::new("Metainfo", "metainfo", plain),
        Column::new("Description", "description", plain),
    ],
    long: &[],
    show: &[
        Field::plain("description"),
        Field::plain("driver"),
        Field::plain("enabled"),
        Field::plain("id"),
        Field::new("meta_info", "metainfo", plain),
    ],
    hidden: &["tenant_id", "location", "project_id", "name"],
};

/// `network service provider list` columns.
const PROVIDER: Noun = Noun {
    what: "service provider",
    plural: "service providers",
    list: &[
        Column::new("Service Type", "service_type", plain),
        Column::new("Name", "name", plain),
        Column::new("Default", "default", plain),
    ],
    long: &[],
    show: &[],
    hidden: &[],
};

/// Network flavor commands.
#[derive(Subcommand)]
pub enum FlavorCommand {
    /// Create a network flavor.
    Create(CreateArgs),
    /// List network flavors.
    List,
    /// Show a network flavor.
    Show {
        /// Flavor name or id.
        flavor: String,
    },
    /// Change a network flavor.
    Set(SetArgs),
    /// Delete network flavors.
    Delete {
        /// Flavor names or ids.
        #[arg(required = true)]
        flavors: Vec<String>,
    },
    /// Add a service profile to a flavor (`network flavor add profile`).
    #[command(subcommand)]
    Add(ProfileLink),
    /// Remove a service profile from a flavor (`network flavor remove profile`).
    #[command(subcommand)]
    Remove(ProfileLink),
    /// Flavor profiles.
    #[command(subcommand)]
    Profile(ProfileCommand),
}

/// `add profile` / `remove profile`.
#[derive(Subcommand)]
pub enum ProfileLink {
    /// A service profile.
    Profile {
        /// Flavor name or id.
        flavor: String,
        /// Service profile id.
        #[arg(value_name = "service-profile")]
        service_profile: String,
    },
}

/// `--enable`/`--disable`.
#[derive(Args)]
pub struct Enabled {
    /// Enabled.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Disabled.
    #[arg(long)]
    disable: bool,
}

impl Enabled {
    fn value(&self) -> Option<bool> {
        flag(self.enable, self.disable)
    }
}

/// `network flavor create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Service type (e.g. L3_ROUTER_NAT).
    #[arg(long = "service-type", value_name = "service-type", required = true)]
    service_type: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    project: Project,
    #[command(flatten)]
    enabled: Enabled,
}

/// `network flavor set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Flavor name or id.
    flavor: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    enabled: Enabled,
}

/// Flavor profile commands.
#[derive(Subcommand)]
pub enum ProfileCommand {
    /// Create a flavor profile.
    Create(ProfileArgs),
    /// List flavor profiles.
    List,
    /// Show a flavor profile.
    Show {
        /// Flavor profile id.
        #[arg(value_name = "flavor-profile")]
        flavor_profile: String,
    },
    /// Change a flavor profile.
    Set {
        /// Flavor profile id.
        #[arg(value_name = "flavor-profile")]
        flavor_profile: String,
        #[command(flatten)]
        args: ProfileArgs,
    },
    /// Delete flavor profiles.
    Delete {
        /// Flavor profile ids.
        #[arg(required = true, value_name = "flavor-profile")]
        flavor_profiles: Vec<String>,
    },
}

/// Flavor profile create and set options.
#[derive(Args)]
pub struct ProfileArgs {
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    enabled: Enabled,
    /// Python module path of the driver.
    #[arg(long)]
    driver: Option<String>,
    /// Metainfo.
    #[arg(long)]
    metainfo: Option<String>,
    #[command(flatten)]
    project: Project,
}

/// `network service provider ...` commands.
#[derive(Subcommand)]
pub enum ServiceCommand {
    /// Service providers.
    #[command(subcommand)]
    Provider(ProviderCommand),
}

/// `network service provider list`.
#[derive(Subcommand)]
pub enum ProviderCommand {
    /// List service providers.
    List,
}

impl FlavorCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            FlavorCommand::Create(_) => Some("network flavor create"),
            FlavorCommand::Show { .. } => Some("network flavor show"),
            FlavorCommand::Profile(ProfileCommand::Create(_)) => Some("network flavor profile create"),
            FlavorCommand::Profile(ProfileCommand::Show { .. }) => Some("network flavor profile show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let flavors = net.flavors();
        let profiles = net.service_profiles();
        match self {
            FlavorCommand::Create(args) => {
                let mut body = CreateFlavor {
                    description: args.description,
                    enabled: args.enabled.value(),
                    ..CreateFlavor::new(args.name, args.service_type)
                };
                if let Some(project) = args.project.id(ctx).await? {
                    body.extra.insert("project_id".into(), Value::from(project));
                }
                Ok(FLAVOR.show(&flavors.create(&body).await?))
            }
            FlavorCommand::List => {
                let found: Vec<_> = flavors.list(&FlavorQuery::default()).try_collect().await?;
                Ok(FLAVOR.list(&found, false))
            }
            FlavorCommand::Show { flavor } => Ok(FLAVOR.show(&flavors.find(&flavor).await?)),
            FlavorCommand::Set(args) => {
                let found = flavors.find(&args.flavor).await?;
                let body = UpdateFlavor {
                    name: args.name,
                    description: args.description,
                    enabled: args.enabled.value(),
                    ..Default::default()
                };
                flavors.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            FlavorCommand::Delete { flavors: names } => {
                delete_each(&names, "flavor with name or ID", "flavors", |name| {
                    let flavors = flavors.clone();
                    async move {
                        let found = flavors.find(&name).await?;
                        Ok(flavors.delete(&found.id).await?)
                    }
                })
                .await
            }
            FlavorCommand::Add(ProfileLink::Profile { flavor, service_profile }) => {
                let found = flavors.find(&flavor).await?;
                let profile = profiles.find(&service_profile).await?;
                flavors.add_service_profile(&found.id, &profile.id).await?;
                Ok(Output::Nothing)
            }
            FlavorCommand::Remove(ProfileLink::Profile { flavor, service_profile }) => {
                let found = flavors.find(&flavor).await?;
                let profile = profiles.find(&service_profile).await?;
                flavors.remove_service_profile(&found.id, &profile.id).await?;
                Ok(Output::Nothing)
            }
            FlavorCommand::Profile(command) => match command {
                ProfileCommand::Create(args) => {
                    let body = CreateServiceProfile {
                        description: args.description,
                        driver: args.driver,
                        metainfo: args.metainfo,
                        enabled: args.enabled.value(),
                        ..Default::default()
                    };
                    let mut body = body;
                    if let Some(project) = args.project.id(ctx).await? {
                        body.extra.insert("project_id".into(), Value::from(project));
                    }
                    Ok(PROFILE.show(&profiles.create(&body).await?))
                }
                ProfileCommand::List => {
                    let found: Vec<_> = profiles.list(&ServiceProfileQuery::default()).try_collect().await?;
                    Ok(PROFILE.list(&found, false))
                }
                ProfileCommand::Show { flavor_profile } => Ok(PROFILE.show(&profiles.find(&flavor_profile).await?)),
                ProfileCommand::Set { flavor_profile, args } => {
                    let found = profiles.find(&flavor_profile).await?;
                    let body = UpdateServiceProfile {
                        description: args.description,
                        driver: args.driver,
                        metainfo: args.metainfo,
                        enabled: args.enabled.value(),
                        ..Default::default()
                    };
                    profiles.update(&found.id, &body).await?;
                    Ok(Output::Nothing)
                }
                ProfileCommand::Delete { flavor_profiles } => {
                    delete_each(&flavor_profiles, "flavor profile with ID", "flavor_profiles", |name| {
                        let profiles = profiles.clone();
                        async move {
                            let found = profiles.find(&name).await?;
                            Ok(profiles.delete(&found.id).await?)
                        }
                    })
                    .await
                }
            },
        }
    }
}

impl ServiceCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let ServiceCommand::Provider(ProviderCommand::List) = self;
        let found: Vec<_> =
            ctx.conn.network().service_providers().list(&ServiceProviderQuery::default()).try_collect().await?;
        Ok(PROVIDER.list(&found, false))
    }
}
