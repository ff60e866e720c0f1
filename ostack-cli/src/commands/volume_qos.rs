//! `volume qos create|list|show|set|unset|delete|associate|disassociate`.

use super::volume::{find, step, steps_done};
use super::{parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, list_column};
use crate::output::{Cell, Output};
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::block_storage::v3::{CreateQosSpec, QosSpec};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

fn specs_cell(qos: &QosSpec) -> Cell {
    let specs: Map<String, Value> =
        qos.specs.clone().unwrap_or_default().into_iter().map(|(k, v)| (k, Value::String(v))).collect();
    dict_column(Value::Object(specs))
}

fn text(value: &Option<String>) -> Cell {
    Cell::from(value.clone().map(Value::String).unwrap_or(Value::Null))
}

/// The names of the volume types a spec applies to.
async fn associations(ctx: &Context, qos: &QosSpec) -> Result<Vec<Value>, CliError> {
    let found = ctx.conn.block_storage().qos_specs().associations(&qos.id).await?;
    Ok(found.into_iter().map(|a| a.name.map(Value::String).unwrap_or(Value::Null)).collect())
}

/// `volume qos ...` commands.
#[derive(Subcommand)]
pub enum VolumeQosCommand {
    /// Create a QoS spec.
    Create {
        /// Name.
        name: String,
        /// Where it is enforced.
        #[arg(long, default_value = "both", value_parser = ["front-end", "back-end", "both"])]
        consumer: String,
        /// Property (repeatable).
        #[arg(long = "property", value_parser = parse_key_value)]
        properties: Vec<(String, String)>,
    },
    /// List QoS specs.
    List,
    /// Show a QoS spec.
    Show {
        /// QoS spec name or id.
        qos_spec: String,
    },
    /// Change the properties of a QoS spec.
    Set {
        /// QoS spec name or id.
        qos_spec: String,
        /// Remove every property first.
        #[arg(long = "no-property")]
        no_property: bool,
        /// Property (repeatable).
        #[arg(long = "property", value_parser = parse_key_value)]
        properties: Vec<(String, String)>,
    },
    /// Remove properties of a QoS spec.
    Unset {
        /// QoS spec name or id.
        qos_spec: String,
        /// Property key to remove (repeatable).
        #[arg(long = "property")]
        properties: Vec<String>,
    },
    /// Delete QoS specs.
    Delete {
        /// QoS spec names or ids.
        #[arg(required = true)]
        qos_specs: Vec<String>,
        /// Even while associated with types.
        #[arg(long)]
        force: bool,
    },
    /// Apply a QoS spec to a volume type.
    Associate {
        /// QoS spec name or id.
        qos_spec: String,
        /// Volume type name or id.
        volume_type: String,
    },
    /// Stop applying a QoS spec to a volume type, or to all.
    Disassociate {
        /// QoS spec name or id.
        qos_spec: String,
        /// Volume type name or id.
        #[arg(long = "volume-type", conflicts_with = "all")]
        volume_type: Option<String>,
        /// Every volume type.
        #[arg(long)]
        all: bool,
    },
}

impl VolumeQosCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            VolumeQosCommand::Create { .. } => Some("volume qos create"),
            VolumeQosCommand::Show { .. } => Some("volume qos show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let bs = ctx.conn.block_storage();
        let qos_specs = bs.qos_specs();
        match self {
            VolumeQosCommand::Create { name, consumer, properties } => {
                let body = CreateQosSpec { name, consumer: Some(consumer), specs: properties.into_iter().collect() };
                let created = qos_specs.create(&body).await?;
                Ok(Output::Show(vec![
                    ("consumer".into(), text(&created.consumer)),
                    ("id".into(), Cell::from(Value::String(created.id.clone()))),
                    ("name".into(), text(&created.name)),
                    ("properties".into(), specs_cell(&created)),
                ]))
            }
            VolumeQosCommand::List => {
                let found: Vec<QosSpec> = qos_specs.list(&Default::default()).try_collect().await?;
                let mut rows = Vec::new();
                for qos in &found {
                    rows.push(vec![
                        Cell::from(Value::String(qos.id.clone())),
                        text(&qos.name),
                        text(&qos.consumer),
                        list_column(Value::Array(associations(ctx, qos).await?)),
                        specs_cell(qos),
                    ]);
                }
                Ok(Output::list(&["ID", "Name", "Consumer", "Associations", "Properties"], rows))
            }
            VolumeQosCommand::Show { qos_spec } => {
                let qos = find(&qos_specs, &qos_spec, "QoSSpec").await?;
                let names = associations(ctx, &qos).await?;
                let mut fields = Vec::new();
                if !names.is_empty() {
                    fields.push(("associations".into(), list_column(Value::Array(names))));
                }
                fields.push(("consumer".into(), text(&qos.consumer)));
                fields.push(("id".into(), Cell::from(Value::String(qos.id.clone()))));
                fields.push(("name".into(), text(&qos.name)));
                fields.push(("properties".into(), specs_cell(&qos)));
                Ok(Output::Show(fields))
            }
            VolumeQosCommand::Set { qos_spec, no_property, properties } => {
                let qos = find(&qos_specs, &qos_spec, "QoSSpec").await?;
                let mut failures = 0;
                if no_property {
                    step(&mut failures, "Failed to clean qos properties", async {
                        let keys: Vec<String> = qos.specs.clone().unwrap_or_default().into_keys().collect();
                        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
                        Ok(qos_specs.unset_keys(&qos.id, &keys).await?)
                    })
                    .await;
                }
                if !properties.is_empty() {
                    step(&mut failures, "Failed to set qos property", async {
                        let items: BTreeMap<String, String> = properties.into_iter().collect();
                        qos_specs.set_keys(&qos.id, &items).await?;
                        Ok(())
                    })
                    .await;
                }
                steps_done(failures, "set")
            }
            VolumeQosCommand::Unset { qos_spec, properties } => {
                let qos = find(&qos_specs, &qos_spec, "QoSSpec").await?;
                let mut failures = 0;
                if !properties.is_empty() {
                    step(&mut failures, "Failed to unset qos property", async {
                        let keys: Vec<&str> = properties.iter().map(String::as_str).collect();
                        Ok(qos_specs.unset_keys(&qos.id, &keys).await?)
                    })
                    .await;
                }
                steps_done(failures, "unset")
            }
            VolumeQosCommand::Delete { qos_specs: names, force } => {
                super::delete_each(&names, "QoS specification with name or ID", "QoS specifications", |name| {
                    let qos_specs = qos_specs.clone();
                    async move {
                        let qos = find(&qos_specs, &name, "QoSSpec").await?;
                        if force {
                            qos_specs.force_delete(&qos.id).await?;
                        } else {
                            qos_specs.delete(&qos.id).await?;
                        }
                        Ok(())
                    }
                })
                .await
            }
            VolumeQosCommand::Associate { qos_spec, volume_type } => {
                let qos = find(&qos_specs, &qos_spec, "QoSSpec").await?;
                let t = find(&bs.types(), &volume_type, "Type").await?;
                qos_specs.associate(&qos.id, &t.id).await?;
                Ok(Output::Nothing)
            }
            VolumeQosCommand::Disassociate { qos_spec, volume_type, all } => {
                let qos = find(&qos_specs, &qos_spec, "QoSSpec").await?;
                if let Some(volume_type) = volume_type {
                    let t = find(&bs.types(), &volume_type, "Type").await?;
                    qos_specs.disassociate(&qos.id, &t.id).await?;
                } else if all {
                    qos_specs.disassociate_all(&qos.id).await?;
                }
                Ok(Output::Nothing)
            }
        }
    }
}
