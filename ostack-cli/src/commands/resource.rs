//! `resource provider ...` (with its `inventory`, `usage`, `trait`, `aggregate` and `allocation`
//! subcommands), `resource class ...` and `resource usage show`, as osc-placement 4.9 names,
//! checks and prints them.

use super::placement::{at_least, ge, names, osc_error, placement, show_columns};
use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use ostack::placement::v1::{
    required_params, CreateResourceProvider, IndexMap, Inventory, ResourceProviderQuery, SetAllocations,
    UpdateResourceProvider, UsageQuery, UsageValue,
};
use ostack::Microversion;
use serde_json::{json, Value};

/// osc-placement's resource provider fields (`resource_provider.py`); the tree ones from 1.14.
const RESOURCE_PROVIDER: Noun = Noun {
    what: "resource provider",
    plural: "resource providers",
    list: &[
        Column::new("uuid", "uuid", plain),
        Column::new("name", "name", plain),
        Column::new("generation", "generation", plain),
    ],
    long: &[
        Column::new("root_provider_uuid", "root_provider_uuid", plain),
        Column::new("parent_provider_uuid", "parent_provider_uuid", plain),
    ],
    show: &[],
    hidden: &[],
};

/// osc-placement's inventory fields (`inventory.py`), in its order.
const INVENTORY: Noun = Noun {
    what: "inventory",
    plural: "inventories",
    list: &[Column::new("resource_class", "resource_class", plain)],
    long: &[
        Column::new("allocation_ratio", "allocation_ratio", plain),
        Column::new("min_unit", "min_unit", plain),
        Column::new("max_unit", "max_unit", plain),
        Column::new("reserved", "reserved", plain),
        Column::new("step_size", "step_size", plain),
        Column::new("total", "total", plain),
    ],
    show: &[Field::plain("used")],
    hidden: &[],
};

/// osc-placement's allocation columns (`allocation.py`): project and user from 1.12, consumer
/// type from 1.38.
const ALLOCATION: [Column; 6] = [
    Column::new("resource_provider", "resource_provider", plain),
    Column::new("generation", "generation", plain),
    Column::new("resources", "resources", plain),
    Column::new("project_id", "project_id", plain),
    Column::new("user_id", "user_id", plain),
    Column::new("consumer_type", "consumer_type", plain),
];

/// `resource ...` commands.
#[derive(Subcommand)]
pub enum ResourceCommand {
    /// Resource providers.
    #[command(subcommand)]
    Provider(ProviderCommand),
    /// Resource classes.
    #[command(subcommand)]
    Class(ClassCommand),
    /// Usages of a project.
    #[command(subcommand)]
    Usage(ProjectUsageCommand),
}

/// `resource provider ...`.
#[derive(Subcommand)]
pub enum ProviderCommand {
    /// Create a new resource provider.
    Create {
        /// Name of the resource provider.
        name: String,
        /// UUID of the parent provider (1.14).
        #[arg(long = "parent-provider")]
        parent_provider: Option<String>,
        /// UUID of the resource provider.
        #[arg(long)]
        uuid: Option<String>,
    },
    /// List resource providers.
    List(ListArgs),
    /// Show resource provider details.
    Show {
        /// UUID of the resource provider.
        uuid: String,
        /// Include the allocations against it.
        #[arg(long)]
        allocations: bool,
    },
    /// Update an existing resource provider.
    Set {
        /// UUID of the resource provider.
        uuid: String,
        /// A new name of the resource provider.
        #[arg(long, required = true)]
        name: String,
        /// UUID of the parent provider (1.14).
        #[arg(long = "parent-provider")]
        parent_provider: Option<String>,
    },
    /// Delete a resource provider.
    Delete {
        /// UUID of the resource provider.
        uuid: String,
    },
    /// Inventories of a resource provider.
    #[command(subcommand)]
    Inventory(InventoryCommand),
    /// Usages of a resource provider.
    #[command(subcommand)]
    Usage(ProviderUsageCommand),
    /// Traits of a resource provider (1.6).
    #[command(subcommand, name = "trait")]
    Trait(ProviderTraitCommand),
    /// Aggregates of a resource provider (1.1).
    #[command(subcommand)]
    Aggregate(AggregateCommand),
    /// Allocations of a consumer.
    #[command(subcommand)]
    Allocation(AllocationCommand),
}

/// `resource provider list` options.
#[derive(Args)]
pub struct ListArgs {
    /// UUID of the resource provider.
    #[arg(long)]
    uuid: Option<String>,
    /// Name of the resource provider.
    #[arg(long)]
    name: Option<String>,
    /// `<resource_class>=<value>` the provider must have capacity for (1.4; repeatable).
    #[arg(long)]
    resource: Vec<String>,
    /// In the tree of this provider (1.14).
    #[arg(long = "in-tree")]
    in_tree: Option<String>,
    /// A required trait (1.18; `A,B` for any of them, 1.39; repeatable).
    #[arg(long)]
    required: Vec<String>,
    /// A forbidden trait (1.22; repeatable).
    #[arg(long)]
    forbidden: Vec<String>,
    /// Comma-separated aggregate UUIDs, one of which it must be in (1.3; repeatable, 1.24).
    #[arg(long = "member-of")]
    member_of: Vec<String>,
}

/// `resource provider inventory ...`.
#[derive(Subcommand)]
pub enum InventoryCommand {
    /// List inventories for a given resource provider.
    List {
        /// UUID of the resource provider.
        uuid: String,
    },
    /// Show the inventory for a given resource provider/class pair.
    Show {
        /// UUID of the resource provider.
        uuid: String,
        /// The resource class.
        resource_class: String,
    },
    /// Replace the set of inventory records for the resource provider.
    Set {
        /// UUID of the resource provider.
        uuid: String,
        /// `<resource_class>[:<field>]=<value>` (repeatable).
        #[arg(long)]
        resource: Vec<String>,
        /// Amend the inventories instead of replacing them.
        #[arg(long)]
        amend: bool,
        /// Show what would be set without setting it.
        #[arg(long = "dry-run")]
        dry_run: bool,
    },
    /// Inventory of one class.
    #[command(subcommand)]
    Class(InventoryClassCommand),
    /// Delete one inventory, or all of them (1.5).
    Delete {
        /// UUID of the resource provider.
        uuid: String,
        /// The resource class (all classes when omitted, 1.5).
        #[arg(long = "resource-class")]
        resource_class: Option<String>,
    },
}

/// `resource provider inventory class ...`.
#[derive(Subcommand)]
pub enum InventoryClassCommand {
    /// Replace the inventory record of the class for the resource provider.
    Set {
        /// UUID of the resource provider.
        uuid: String,
        /// The resource class.
        resource_class: String,
        /// Overcommit ratio.
        #[arg(long = "allocation_ratio")]
        allocation_ratio: Option<f64>,
        /// Smallest single allocation.
        #[arg(long = "min_unit")]
        min_unit: Option<i64>,
        /// Largest single allocation.
        #[arg(long = "max_unit")]
        max_unit: Option<i64>,
        /// Reserved for the provider's own use.
        #[arg(long)]
        reserved: Option<i64>,
        /// Allocation granularity.
        #[arg(long = "step_size")]
        step_size: Option<i64>,
        /// The amount the provider has.
        #[arg(long, required = true)]
        total: i64,
    },
}

/// `resource provider usage ...`.
#[derive(Subcommand)]
pub enum ProviderUsageCommand {
    /// Show resource usages per class for a given resource provider.
    Show {
        /// UUID of the resource provider.
        uuid: String,
    },
}

/// `resource usage ...`.
#[derive(Subcommand)]
pub enum ProjectUsageCommand {
    /// Show resource usages for a project (and optionally user) per class (1.9).
    Show {
        /// ID of the project.
        project_id: String,
        /// ID of the user.
        #[arg(long = "user-id")]
        user_id: Option<String>,
    },
}

/// `resource provider trait ...`.
#[derive(Subcommand)]
pub enum ProviderTraitCommand {
    /// List traits associated with the resource provider.
    List {
        /// UUID of the resource provider.
        uuid: String,
    },
    /// Replace the traits of the resource provider.
    Set {
        /// UUID of the resource provider.
        uuid: String,
        /// Name of the trait (repeatable).
        #[arg(long = "trait")]
        traits: Vec<String>,
    },
    /// Dissociate all the traits from the resource provider.
    Delete {
        /// UUID of the resource provider.
        uuid: String,
    },
}

/// `resource provider aggregate ...`.
#[derive(Subcommand)]
pub enum AggregateCommand {
    /// List resource provider aggregates.
    List {
        /// UUID of the resource provider.
        uuid: String,
    },
    /// Associate a list of aggregates with the resource provider.
    Set {
        /// UUID of the resource provider.
        uuid: String,
        /// UUID of the aggregate (repeatable).
        #[arg(long)]
        aggregate: Vec<String>,
        /// The provider's generation (1.19).
        #[arg(long)]
        generation: Option<i64>,
    },
}

/// `resource provider allocation ...`.
#[derive(Subcommand)]
pub enum AllocationCommand {
    /// Show resource allocations for a given consumer.
    Show {
        /// UUID of the consumer.
        uuid: String,
    },
    /// Replace the set of resource allocations for a given consumer.
    Set {
        /// UUID of the consumer.
        uuid: String,
        /// `rp=<provider>,<class>=<amount>,...` (repeatable).
        #[arg(long)]
        allocation: Vec<String>,
        /// ID of the consuming project (required from 1.8).
        #[arg(long = "project-id")]
        project_id: Option<String>,
        /// ID of the consuming user (required from 1.8).
        #[arg(long = "user-id")]
        user_id: Option<String>,
        /// The type of the consumer (required from 1.38).
        #[arg(long = "consumer-type")]
        consumer_type: Option<String>,
    },
    /// Remove allocations of a consumer from some providers or classes (1.12).
    Unset {
        /// UUID of the consumer.
        uuid: String,
        /// A provider to remove the allocations from (repeatable).
        #[arg(long)]
        provider: Vec<String>,
        /// A resource class to remove (repeatable).
        #[arg(long = "resource-class")]
        resource_class: Vec<String>,
    },
    /// Delete all resource allocations for a given consumer.
    Delete {
        /// UUID of the consumer.
        uuid: String,
    },
}

/// `resource class ...`.
#[derive(Subcommand)]
pub enum ClassCommand {
    /// Create a new resource class (1.2).
    Create {
        /// Name of the resource class.
        name: String,
    },
    /// Return a list of all resource classes (1.2).
    List,
    /// Show a resource class (1.2).
    Show {
        /// Name of the resource class.
        name: String,
    },
    /// Create or validate the existence of a resource class (1.7).
    Set {
        /// Name of the resource class.
        name: String,
    },
    /// Delete a resource class (1.2).
    Delete {
        /// Name of the resource class.
        name: String,
    },
}

impl ResourceCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ResourceCommand::Provider(ProviderCommand::Create { .. }) => Some("resource provider create"),
            ResourceCommand::Provider(ProviderCommand::Show { .. }) => Some("resource provider show"),
            ResourceCommand::Provider(ProviderCommand::Set { .. }) => Some("resource provider set"),
            ResourceCommand::Provider(ProviderCommand::Inventory(InventoryCommand::Show { .. })) => {
                Some("resource provider inventory show")
            }
            ResourceCommand::Provider(ProviderCommand::Inventory(InventoryCommand::Class(_))) => {
                Some("resource provider inventory class set")
            }
            ResourceCommand::Class(ClassCommand::Show { .. }) => Some("resource class show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let (conn, version) = placement(ctx).await?;
        let result = match self {
            ResourceCommand::Provider(command) => provider(&conn, version, command).await,
            ResourceCommand::Class(command) => class(&conn, version, command).await,
            ResourceCommand::Usage(ProjectUsageCommand::Show { project_id, user_id }) => {
                at_least(version, (1, 9))?;
                let usages =
                    conn.placement().usages(&UsageQuery { user_id, ..UsageQuery::project(project_id) }).await?;
                Ok(usage_rows(usages.usages.into_iter().map(|(k, v)| (k, usage_value(v)))))
            }
        };
        result.map_err(osc_error)
    }
}

fn usage_value(value: UsageValue) -> Value {
    match value {
        UsageValue::Amount(n) => json!(n),
        UsageValue::ByClass(map) => json!(map),
    }
}

fn usage_rows(rows: impl Iterator<Item = (String, Value)>) -> Output {
    Output::list(&["resource_class", "usage"], rows.map(|(k, v)| vec![Cell::from(k), Cell::from(v)]).collect())
}

async fn provider(conn: &ostack::Connection, version: Microversion, command: ProviderCommand) -> CommandResult {
    let rps = conn.placement().resource_providers();
    let tree = ge(version, (1, 14));
    match command {
        ProviderCommand::Create { name, parent_provider, uuid } => {
            if parent_provider.is_some() {
                at_least(version, (1, 14))?;
            }
            let created =
                rps.create(&CreateResourceProvider { name, uuid, parent_provider_uuid: parent_provider }).await?;
            Ok(show_columns(&RESOURCE_PROVIDER.columns(tree), &created))
        }
        ProviderCommand::List(args) => {
            let mut query = ResourceProviderQuery { name: args.name, uuid: args.uuid, ..Default::default() };
            if !args.resource.is_empty() {
                at_least(version, (1, 4))?;
                for r in &args.resource {
                    let (class, amount) = r.split_once('=').unwrap_or((r, ""));
                    let amount = amount.parse().map_err(|_| CliError::Message(format!("invalid resource '{r}'")))?;
                    query.resources.insert(class.to_string(), amount);
                }
            }
            if args.in_tree.is_some() {
                at_least(version, (1, 14))?;
                query.in_tree = args.in_tree;
            }
            if !args.required.is_empty() {
                at_least(version, (1, 18))?;
                if args.required.iter().any(|r| r.contains(',')) {
                    at_least(version, (1, 39))?;
                }
            }
            if !args.forbidden.is_empty() {
                at_least(version, (1, 22))?;
            }
            query.required = required_params(&args.required, &args.forbidden);
            if !args.member_of.is_empty() {
                at_least(version, (1, 3))?;
                query.member_of = args.member_of.iter().map(|m| format!("in:{m}")).collect();
            }
            let found = rps.list(&query).collect_all().await?;
            Ok(RESOURCE_PROVIDER.list(&found, tree))
        }
        ProviderCommand::Show { uuid, allocations } => {
            let found = rps.get(&uuid).await?;
            let mut output = show_columns(&RESOURCE_PROVIDER.columns(tree), &found);
            if allocations {
                let held = rps.allocations(&uuid).await?;
                if let Output::Show(fields) = &mut output {
                    fields.push(("allocations".into(), Cell::from(json!(held.allocations))));
                }
            }
            Ok(output)
        }
        ProviderCommand::Set { uuid, name, parent_provider } => {
            if parent_provider.is_some() {
                at_least(version, (1, 14))?;
            }
            let updated =
                rps.update(&uuid, &UpdateResourceProvider { name, parent_provider_uuid: parent_provider }).await?;
            Ok(show_columns(&RESOURCE_PROVIDER.columns(tree), &updated))
        }
        ProviderCommand::Delete { uuid } => rps.delete(&uuid).await.map(|_| Output::Nothing).map_err(Into::into),
        ProviderCommand::Inventory(command) => inventory(conn, version, command).await,
        ProviderCommand::Usage(ProviderUsageCommand::Show { uuid }) => {
            let usages = rps.usages(&uuid).await?;
            Ok(usage_rows(usages.usages.into_iter().map(|(k, v)| (k, json!(v)))))
        }
        ProviderCommand::Trait(command) => {
            at_least(version, (1, 6))?;
            match command {
                ProviderTraitCommand::List { uuid } => Ok(names("name", rps.traits(&uuid).await?.traits)),
                ProviderTraitCommand::Set { uuid, traits } => {
                    let generation = rps.get(&uuid).await?.generation;
                    Ok(names("name", rps.set_traits(&uuid, &traits, generation).await?.traits))
                }
                ProviderTraitCommand::Delete { uuid } => {
                    rps.delete_traits(&uuid).await.map(|_| Output::Nothing).map_err(Into::into)
                }
            }
        }
        ProviderCommand::Aggregate(command) => {
            at_least(version, (1, 1))?;
            match command {
                AggregateCommand::List { uuid } => Ok(names("uuid", rps.aggregates(&uuid).await?.aggregates)),
                AggregateCommand::Set { uuid, aggregate, generation } => {
                    if generation.is_some() {
                        at_least(version, (1, 19))?;
                    } else if ge(version, (1, 19)) {
                        return Err(CliError::Message("A generation must be specified.".into()));
                    }
                    Ok(names("uuid", rps.set_aggregates(&uuid, &aggregate, generation).await?.aggregates))
                }
            }
        }
        ProviderCommand::Allocation(command) => allocation(conn, version, command).await,
    }
}

/// `<class>[:<field>]=<value>` of `inventory set`.
fn parse_resource(text: &str) -> Result<(String, String, Value), CliError> {
    let bad = |m: &str| CliError::Message(m.to_string());
    let parts: Vec<&str> = text.split('=').collect();
    let [name, value] = parts[..] else { return Err(bad("Resource argument must have \"name=value\" format")) };
    let (name, field) = match name.split(':').collect::<Vec<_>>()[..] {
        [name] => (name, "total"),
        [name, field] => (name, field),
        _ => return Err(bad("Resource argument can contain only one colon")),
    };
    if name.is_empty() || field.is_empty() || value.is_empty() {
        return Err(bad("Name, field and value must be not empty"));
    }
    let value = match field {
        "allocation_ratio" => value.parse::<f64>().map(|v| json!(v)).ok(),
        "min_unit" | "max_unit" | "reserved" | "step_size" | "total" => value.parse::<i64>().map(|v| json!(v)).ok(),
        _ => return Err(CliError::Message(format!("Unknown inventory field {field}"))),
    };
    let value = value.ok_or_else(|| CliError::Message(format!("invalid {field} value in '{text}'")))?;
    Ok((name.to_string(), field.to_string(), value))
}

async fn inventory(conn: &ostack::Connection, version: Microversion, command: InventoryCommand) -> CommandResult {
    let rps = conn.placement().resource_providers();
    let with_class = |class: &str, inventory: &Inventory| {
        let mut raw = crate::format::to_map(inventory);
        raw.insert("resource_class".into(), json!(class));
        raw
    };
    match command {
        InventoryCommand::List { uuid } => {
            let inventories = rps.inventories(&uuid).await?;
            let usages = rps.usages(&uuid).await?.usages;
            let rows: Vec<_> = inventories
                .inventories
                .iter()
                .map(|(class, inv)| {
                    let mut raw = with_class(class, inv);
                    raw.insert("used".into(), json!(usages.get(class)));
                    raw
                })
                .collect();
            let mut columns = INVENTORY.columns(true);
            columns.push(&USED);
            Ok(crate::noun::list_of(&rows, &columns))
        }
        InventoryCommand::Show { uuid, resource_class } => {
            let inventory = rps.inventory(&uuid, &resource_class).await?;
            let usages = rps.usages(&uuid).await?.usages;
            let mut raw = crate::format::to_map(&inventory.inventory);
            raw.insert("used".into(), json!(usages.get(&resource_class)));
            let mut columns: Vec<&Column> = INVENTORY.long.iter().collect();
            columns.push(&USED);
            Ok(show_columns(&columns, &raw))
        }
        InventoryCommand::Set { uuid, resource, amend, dry_run } => {
            let provider = rps.get(&uuid).await?;
            let (mut inventories, generation) = if amend {
                let current = rps.inventories(&uuid).await?;
                let map: IndexMap<String, serde_json::Map<String, Value>> =
                    current.inventories.iter().map(|(k, v)| (k.clone(), crate::format::to_map(v))).collect();
                (map, current.resource_provider_generation.unwrap_or(provider.generation))
            } else {
                (IndexMap::new(), provider.generation)
            };
            for r in &resource {
                let (class, field, value) = parse_resource(r)?;
                inventories.entry(class).or_default().insert(field, value);
            }
            let typed: IndexMap<String, Inventory> = inventories
                .iter()
                .map(|(k, v)| Ok((k.clone(), serde_json::from_value(Value::Object(v.clone()))?)))
                .collect::<Result<_, serde_json::Error>>()
                .map_err(|e| CliError::Message(e.to_string()))?;
            let shown = if dry_run {
                inventories
                    .into_iter()
                    .map(|(k, mut v)| {
                        v.insert("resource_class".into(), json!(k));
                        v
                    })
                    .collect::<Vec<_>>()
            } else {
                let set = rps.set_inventories(&uuid, generation, &typed).await?;
                set.inventories.iter().map(|(k, v)| with_class(k, v)).collect()
            };
            Ok(crate::noun::list_of(&shown, &INVENTORY.columns(true)))
        }
        InventoryCommand::Class(InventoryClassCommand::Set {
            uuid,
            resource_class,
            allocation_ratio,
            min_unit,
            max_unit,
            reserved,
            step_size,
            total,
        }) => {
            let generation = rps.get(&uuid).await?.generation;
            let inventory =
                Inventory { total, reserved, min_unit, max_unit, step_size, allocation_ratio, ..Default::default() };
            let set = rps.set_inventory(&uuid, &resource_class, generation, &inventory).await?;
            let columns: Vec<&Column> = INVENTORY.long.iter().collect();
            Ok(show_columns(&columns, &set.inventory))
        }
        InventoryCommand::Delete { uuid, resource_class } => {
            match resource_class {
                Some(class) => rps.delete_inventory(&uuid, &class).await?,
                None if !ge(version, (1, 5)) => {
                    return Err(CliError::Message("the following arguments are required: --resource-class".into()))
                }
                None => rps.delete_inventories(&uuid).await?,
            }
            Ok(Output::Nothing)
        }
    }
}

const USED: Column = Column::new("used", "used", plain);

async fn allocation(conn: &ostack::Connection, version: Microversion, command: AllocationCommand) -> CommandResult {
    let allocations = conn.placement().allocations();
    let columns = |unset: bool| -> Vec<&'static Column> {
        let n = if ge(version, (1, 38)) {
            6
        } else if unset || ge(version, (1, 12)) {
            5
        } else {
            3
        };
        ALLOCATION[..n].iter().collect()
    };
    let rows = |held: ostack::placement::v1::ConsumerAllocations| -> Vec<serde_json::Map<String, Value>> {
        held.allocations
            .iter()
            .map(|(rp, a)| {
                let mut raw = serde_json::Map::new();
                raw.insert("resource_provider".into(), json!(rp));
                raw.insert("generation".into(), json!(a.generation));
                raw.insert("resources".into(), json!(a.resources));
                raw.insert("project_id".into(), json!(held.project_id));
                raw.insert("user_id".into(), json!(held.user_id));
                raw.insert("consumer_type".into(), json!(held.consumer_type));
                raw
            })
            .collect()
    };
    match command {
        AllocationCommand::Show { uuid } => {
            Ok(crate::noun::list_of(&rows(allocations.get(&uuid).await?), &columns(false)))
        }
        AllocationCommand::Set { uuid, allocation, project_id, user_id, consumer_type } => {
            let missing = |what: &str| CliError::Message(format!("the following arguments are required: {what}"));
            if ge(version, (1, 8)) && (project_id.is_none() || user_id.is_none()) {
                return Err(missing("--project-id, --user-id"));
            }
            if ge(version, (1, 38)) && consumer_type.is_none() {
                return Err(missing("--consumer-type"));
            }
            let generation =
                if ge(version, (1, 28)) { allocations.get(&uuid).await?.consumer_generation } else { None };
            let mut body =
                SetAllocations::new(project_id.unwrap_or_default(), user_id.unwrap_or_default()).generation(generation);
            body.consumer_type = consumer_type;
            for text in &allocation {
                if !text.contains('=') || !text.contains(',') {
                    return Err(CliError::Message("Incorrect allocation string format".into()));
                }
                let pairs: Vec<(&str, &str)> = text.split(',').filter_map(|kv| kv.split_once('=')).collect();
                let Some((_, rp)) = pairs.iter().find(|(k, _)| *k == "rp") else {
                    return Err(CliError::Message(
                        "Resource provider parameter is required for allocation string".into(),
                    ));
                };
                for (class, amount) in pairs.iter().filter(|(k, _)| *k != "rp") {
                    let amount: i64 =
                        amount.parse().map_err(|_| CliError::Message(format!("invalid amount in '{text}'")))?;
                    if let Some(previous) = body.allocations.get(*rp).and_then(|r| r.get(*class)) {
                        if *previous != amount {
                            return Err(CliError::Message(format!(
                                "Conflict detected for resource provider {rp} resource class {class}"
                            )));
                        }
                    }
                    body = body.on(*rp, *class, amount);
                }
            }
            if body.allocations.is_empty() {
                return Err(CliError::Message("At least one resource allocation must be specified".into()));
            }
            allocations.set(&uuid, &body).await?;
            Ok(crate::noun::list_of(&rows(allocations.get(&uuid).await?), &columns(false)))
        }
        AllocationCommand::Unset { uuid, provider, resource_class } => {
            at_least(version, (1, 12))?;
            let held = allocations.get(&uuid).await?;
            let mut body = SetAllocations::new(
                held.project_id.clone().unwrap_or_default(),
                held.user_id.clone().unwrap_or_default(),
            )
            .generation(held.consumer_generation);
            body.consumer_type = held.consumer_type.clone();
            for (rp, a) in &held.allocations {
                for (class, amount) in &a.resources {
                    let provider_hit = provider.is_empty() || provider.contains(rp);
                    let remove = provider_hit && (resource_class.is_empty() || resource_class.contains(class));
                    if !remove {
                        body = body.on(rp, class, *amount);
                    }
                }
            }
            if !body.allocations.is_empty() || ge(version, (1, 28)) {
                allocations.set(&uuid, &body).await?;
            } else {
                allocations.delete(&uuid).await?;
            }
            Ok(crate::noun::list_of(&rows(allocations.get(&uuid).await?), &columns(true)))
        }
        AllocationCommand::Delete { uuid } => {
            allocations.delete(&uuid).await.map(|_| Output::Nothing).map_err(Into::into)
        }
    }
}

async fn class(conn: &ostack::Connection, version: Microversion, command: ClassCommand) -> CommandResult {
    let classes = conn.placement().resource_classes();
    if matches!(command, ClassCommand::Set { .. }) {
        at_least(version, (1, 7))?;
    } else {
        at_least(version, (1, 2))?;
    }
    match command {
        ClassCommand::Create { name } => classes.create(&name).await.map(|_| Output::Nothing).map_err(Into::into),
        ClassCommand::List => {
            Ok(names("name", classes.list(&Default::default()).collect_all().await?.into_iter().map(|c| c.name)))
        }
        ClassCommand::Show { name } => {
            let found = classes.get(&name).await?;
            Ok(Output::Show(vec![("name".into(), Cell::from(found.name))]))
        }
        ClassCommand::Set { name } => classes.ensure(&name).await.map(|_| Output::Nothing).map_err(Into::into),
        ClassCommand::Delete { name } => classes.delete(&name).await.map(|_| Output::Nothing).map_err(Into::into),
    }
}
