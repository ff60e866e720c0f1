//! `volume type create|list|show|set|unset|delete`, with extra specs (`--property`), project
//! access of private types and encryption.

use super::volume::{find, step};
use super::{flag, parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, dict_text, list_column};
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::block_storage::v3::{CreateVolumeType, TypeEncryption, UpdateVolumeType, VolumeType, VolumeTypeQuery};
use ostack::Api;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// osc's `_format_type`: description, id, is_public, name, properties (the extra specs).
fn type_fields(t: &VolumeType) -> Vec<(String, Cell)> {
    let specs: Map<String, Value> =
        t.extra_specs.clone().unwrap_or_default().into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    vec![
        ("description".into(), Cell::from(t.description.clone().map(Value::String).unwrap_or(Value::Null))),
        ("id".into(), Cell::from(Value::String(t.id.clone()))),
        ("is_public".into(), Cell::from(t.is_public.or(t.access_is_public).map(Value::Bool).unwrap_or(Value::Null))),
        ("name".into(), Cell::from(t.name.clone().map(Value::String).unwrap_or(Value::Null))),
        ("properties".into(), dict_column(Value::Object(specs))),
    ]
}

/// `_format_encryption`: the encryption's set values but its ids and times.
fn encryption_map(e: &TypeEncryption) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in [
        ("cipher", e.cipher.clone().map(Value::String)),
        ("control_location", e.control_location.clone().map(Value::String)),
        ("encryption_id", e.encryption_id.clone().map(Value::String)),
        ("key_size", e.key_size.map(Value::from)),
        ("provider", e.provider.clone().map(Value::String)),
    ] {
        if let Some(v) = value {
            map.insert(key.into(), v);
        }
    }
    map
}

/// Extra specs from `--property` and the shortcut options.
fn specs(args: &SpecArgs) -> BTreeMap<String, String> {
    let mut specs: BTreeMap<String, String> = args.properties.iter().cloned().collect();
    for (on, key) in
        [(args.multiattach, "multiattach"), (args.cacheable, "cacheable"), (args.replicated, "replication_enabled")]
    {
        if on {
            specs.insert(key.into(), "<is> True".into());
        }
    }
    if !args.availability_zones.is_empty() {
        specs.insert("RESKEY:availability_zones".into(), args.availability_zones.join(","));
    }
    specs
}

/// The extra-spec options shared by create, list and set.
#[derive(Args)]
pub struct SpecArgs {
    /// Extra spec (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// `multiattach="<is> True"`.
    #[arg(long)]
    multiattach: bool,
    /// `cacheable="<is> True"`.
    #[arg(long)]
    cacheable: bool,
    /// `replication_enabled="<is> True"`.
    #[arg(long)]
    replicated: bool,
    /// `RESKEY:availability_zones` (repeatable).
    #[arg(long = "availability-zone")]
    availability_zones: Vec<String>,
}

/// The encryption options shared by create and set.
#[derive(Args)]
pub struct EncryptionArgs {
    /// Encryption provider (`luks`, ...).
    #[arg(long = "encryption-provider")]
    provider: Option<String>,
    /// Cipher (`aes-xts-plain64`, ...).
    #[arg(long = "encryption-cipher")]
    cipher: Option<String>,
    /// Key size in bits.
    #[arg(long = "encryption-key-size")]
    key_size: Option<u32>,
    /// `front-end` (default on create) or `back-end`.
    #[arg(long = "encryption-control-location", value_parser = ["front-end", "back-end"])]
    control_location: Option<String>,
}

impl EncryptionArgs {
    fn any(&self) -> bool {
        self.provider.is_some() || self.cipher.is_some() || self.key_size.is_some() || self.control_location.is_some()
    }
}

/// `--public`/`--private`.
#[derive(Args)]
pub struct Visibility {
    /// Public.
    #[arg(long, conflicts_with = "private")]
    public: bool,
    /// Private.
    #[arg(long)]
    private: bool,
}

/// `volume type ...` commands.
#[derive(Subcommand)]
pub enum VolumeTypeCommand {
    /// Create a volume type.
    Create(CreateArgs),
    /// List volume types.
    List(ListArgs),
    /// Show a volume type.
    Show {
        /// Volume type name or id.
        volume_type: String,
        /// Its encryption too (admin).
        #[arg(long = "encryption-type")]
        encryption_type: bool,
    },
    /// Change a volume type.
    Set(SetArgs),
    /// Remove extra specs, project access or encryption of a volume type.
    Unset(UnsetArgs),
    /// Delete volume types.
    Delete {
        /// Volume type names or ids.
        #[arg(required = true)]
        volume_types: Vec<String>,
    },
}

/// `volume type create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    visibility: Visibility,
    #[command(flatten)]
    specs: SpecArgs,
    /// Give this project access (id; with --private).
    #[arg(long)]
    project: Option<String>,
    #[command(flatten)]
    encryption: EncryptionArgs,
}

/// `volume type list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Description and properties too.
    #[arg(long)]
    long: bool,
    /// Only the default type.
    #[arg(long)]
    default: bool,
    #[command(flatten)]
    visibility: Visibility,
    /// Their encryption too (admin).
    #[arg(long = "encryption-type")]
    encryption_type: bool,
    #[command(flatten)]
    specs: SpecArgs,
}

/// `volume type set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Volume type name or id.
    volume_type: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    specs: SpecArgs,
    /// Give this project access (id).
    #[arg(long)]
    project: Option<String>,
    #[command(flatten)]
    visibility: Visibility,
    #[command(flatten)]
    encryption: EncryptionArgs,
}

/// `volume type unset` options.
#[derive(Args)]
pub struct UnsetArgs {
    /// Volume type name or id.
    volume_type: String,
    /// Extra spec key to remove (repeatable).
    #[arg(long = "property")]
    properties: Vec<String>,
    /// Remove this project's access (id).
    #[arg(long)]
    project: Option<String>,
    /// Remove the encryption.
    #[arg(long = "encryption-type")]
    encryption_type: bool,
}

/// Create the encryption of a type from the options (control location `front-end` by default).
async fn create_encryption(
    types: &Api<VolumeType>,
    type_id: &str,
    args: &EncryptionArgs,
) -> Result<TypeEncryption, CliError> {
    if args.provider.is_none() {
        return Err(CliError::Message(
            "'--encryption-provider' should be specified while creating a new encryption type".into(),
        ));
    }
    let body = TypeEncryption {
        provider: args.provider.clone(),
        cipher: args.cipher.clone(),
        key_size: args.key_size,
        control_location: Some(args.control_location.clone().unwrap_or_else(|| "front-end".into())),
        ..Default::default()
    };
    Ok(types.create_encryption(type_id, &body).await?)
}

impl VolumeTypeCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeTypeCommand::Create(_) => Some("volume type create"),
            VolumeTypeCommand::Show { .. } => Some("volume type show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        let types = bs.types();
        match self {
            VolumeTypeCommand::Create(args) => {
                let public = flag(args.visibility.public, args.visibility.private);
                if args.project.is_some() && public != Some(false) {
                    return Err(CliError::Message("--project is only allowed with --private".into()));
                }
                let body = CreateVolumeType {
                    description: args.description,
                    is_public: public,
                    ..CreateVolumeType::new(&args.name)
                };
                let created = types.create(&body).await?;
                let mut fields = type_fields(&created);
                if let Some(project) = &args.project {
                    if let Err(e) = types.add_project_access(&created.id, project).await {
                        eprintln!(
                            "Failed to add project {project} access to type: {}",
                            crate::errors::message(&e.into(), false)
                        );
                    }
                }
                let specs = specs(&args.specs);
                if !specs.is_empty() {
                    let set = types.set_extra_specs(&created.id, &specs).await?;
                    let set: Map<String, Value> = set.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
                    fields.retain(|(name, _)| name != "properties");
                    fields.push(("properties".into(), dict_column(Value::Object(set))));
                }
                if args.encryption.any() {
                    match create_encryption(&types, &created.id, &args.encryption).await {
                        Ok(encryption) => {
                            fields.push(("encryption".into(), dict_column(Value::Object(encryption_map(&encryption)))))
                        }
                        Err(e) => {
                            eprintln!(
                                "Failed to set encryption information for this volume type: {}",
                                crate::errors::message(&e, false)
                            );
                            return Err(e);
                        }
                    }
                }
                Ok(Output::show_sorted(fields))
            }
            VolumeTypeCommand::List(args) => {
                let found: Vec<VolumeType> = if args.default {
                    vec![types.default_type().await?]
                } else {
                    let specs = specs(&args.specs);
                    let query = VolumeTypeQuery {
                        is_public: Some(match flag(args.visibility.public, args.visibility.private) {
                            Some(true) => "true".into(),
                            Some(false) => "false".into(),
                            None => "None".into(),
                        }),
                        extra_specs: (!specs.is_empty()).then_some(specs),
                        ..Default::default()
                    };
                    types.list(&query).try_collect().await?
                };
                let mut rows: Vec<Map<String, Value>> = Vec::new();
                for t in &found {
                    let mut raw = crate::format::to_map(t);
                    raw.insert(
                        "_public".into(),
                        t.is_public.or(t.access_is_public).map(Value::Bool).unwrap_or(Value::Null),
                    );
                    if args.encryption_type {
                        let encryption = types.encryption(&t.id).await?.map(|e| Value::Object(encryption_map(&e)));
                        raw.insert("_encryption".into(), encryption.unwrap_or(Value::Null));
                    }
                    rows.push(raw);
                }
                let mut columns = vec![
                    Column::new("ID", "id", plain),
                    Column::new("Name", "name", plain),
                    Column::new("Is Public", "_public", plain),
                ];
                if args.long {
                    columns.push(Column::new("Description", "description", plain));
                    columns.push(Column::new("Properties", "extra_specs", dict_column));
                }
                if args.encryption_type {
                    columns.push(Column::new("Encryption", "_encryption", encryption_column));
                }
                let refs: Vec<&Column> = columns.iter().collect();
                Ok(list_of(&rows, &refs))
            }
            VolumeTypeCommand::Show { volume_type, encryption_type } => {
                let found = find(&types, &volume_type, "Type").await?;
                let mut fields = type_fields(&found);
                let mut access = Cell::from(Value::Null);
                if !found.public() {
                    match types.access(&found.id).await {
                        Ok(list) => {
                            access = list_column(Value::Array(
                                list.into_iter().map(|a| Value::String(a.project_id)).collect(),
                            ))
                        }
                        Err(e) => eprintln!(
                            "Failed to get access project list for volume type {}: {}",
                            found.id,
                            crate::errors::message(&e.into(), false)
                        ),
                    }
                }
                fields.push(("access_project_ids".into(), access));
                if encryption_type {
                    match types.encryption(&found.id).await {
                        Ok(e) => fields.push((
                            "encryption".into(),
                            dict_column(Value::Object(e.as_ref().map(encryption_map).unwrap_or_default())),
                        )),
                        Err(e) => eprintln!(
                            "Failed to display the encryption information of this volume type: {}",
                            crate::errors::message(&e.into(), false)
                        ),
                    }
                }
                Ok(Output::show_sorted(fields))
            }
            VolumeTypeCommand::Set(args) => {
                let found = find(&types, &args.volume_type, "Type").await?;
                let mut failures = 0;
                let body = UpdateVolumeType {
                    name: args.name.filter(|n| !n.is_empty()),
                    description: args.description.filter(|d| !d.is_empty()),
                    is_public: flag(args.visibility.public, args.visibility.private),
                };
                if body.name.is_some() || body.description.is_some() || body.is_public.is_some() {
                    step(&mut failures, "Failed to update volume type name or description", async {
                        types.update(&found.id, &body).await?;
                        Ok(())
                    })
                    .await;
                }
                let specs = specs(&args.specs);
                if !specs.is_empty() {
                    step(&mut failures, "Failed to set volume type properties", async {
                        types.set_extra_specs(&found.id, &specs).await?;
                        Ok(())
                    })
                    .await;
                }
                if let Some(project) = &args.project {
                    step(&mut failures, "Failed to set volume type access to project", async {
                        Ok(types.add_project_access(&found.id, project).await?)
                    })
                    .await;
                }
                if args.encryption.any() {
                    step(&mut failures, "Failed to set encryption information for this volume type", async {
                        let update = TypeEncryption {
                            provider: args.encryption.provider.clone(),
                            cipher: args.encryption.cipher.clone(),
                            key_size: args.encryption.key_size,
                            control_location: args.encryption.control_location.clone(),
                            ..Default::default()
                        };
                        match types.encryption(&found.id).await? {
                            Some(existing) => {
                                let id = existing.encryption_id.clone().unwrap_or_default();
                                types.update_encryption(&found.id, &id, &update).await?;
                            }
                            None => {
                                if args.encryption.provider.is_none() {
                                    return Err(CliError::Message(
                                        "'--encryption-provider' should be specified while creating a new encryption type"
                                            .into(),
                                    ));
                                }
                                eprintln!("No existing encryption type found, creating new encryption type for this volume type ...");
                                create_encryption(&types, &found.id, &args.encryption).await?;
                            }
                        }
                        Ok(())
                    })
                    .await;
                }
                if failures > 0 {
                    return Err(CliError::Message("Command Failed: One or more of the operations failed".into()));
                }
                Ok(Output::Nothing)
            }
            VolumeTypeCommand::Unset(args) => {
                let found = find(&types, &args.volume_type, "Type").await?;
                let mut failures = 0;
                if !args.properties.is_empty() {
                    step(&mut failures, "Failed to unset volume type properties", async {
                        for key in &args.properties {
                            types.delete_extra_spec(&found.id, key).await?;
                        }
                        Ok(())
                    })
                    .await;
                }
                if let Some(project) = &args.project {
                    step(&mut failures, "Failed to remove volume type access from project", async {
                        Ok(types.remove_project_access(&found.id, project).await?)
                    })
                    .await;
                }
                if args.encryption_type {
                    step(&mut failures, "Failed to remove the encryption type for this volume type", async {
                        let existing = types.encryption(&found.id).await?;
                        let id = existing.and_then(|e| e.encryption_id).unwrap_or_default();
                        Ok(types.delete_encryption(&found.id, &id).await?)
                    })
                    .await;
                }
                if failures > 0 {
                    return Err(CliError::Message("Command Failed: One or more of the operations failed".into()));
                }
                Ok(Output::Nothing)
            }
            VolumeTypeCommand::Delete { volume_types } => {
                super::delete_each(&volume_types, "volume type with name or ID", "volume types", |name| {
                    let types = types.clone();
                    async move {
                        let found = find(&types, &name, "Type").await?;
                        Ok(types.delete(&found.id).await?)
                    }
                })
                .await
            }
        }
    }
}

/// `EncryptionInfoColumn`: the encryption as a dict, `-` in tables when there is none.
fn encryption_column(value: Value) -> Cell {
    match value {
        Value::Object(map) if !map.is_empty() => {
            let text = dict_text(&map, None);
            Cell::formatted(Value::Object(map), text)
        }
        _ => Cell::formatted(Value::Null, "-"),
    }
}
