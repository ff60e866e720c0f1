//! `image metadef namespace create|list|show|set|unset|delete` and `image metadef resource type
//! list`, as python-openstackclient 10.5 names and prints them (`metadef_namespaces.py`,
//! `metadef_resource_types.py`).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::image::v2::{CreateMetadefNamespace, MetadefNamespace, MetadefNamespaceQuery, UpdateMetadefNamespace};
use serde_json::{json, Value};

/// `image metadef ...`.
#[derive(Subcommand)]
pub enum MetadefCommand {
    /// Metadef namespaces.
    #[command(subcommand)]
    Namespace(NamespaceCommand),
    /// Metadef resource types (`image metadef resource type list`).
    #[command(subcommand)]
    Resource(ResourceCommand),
}

/// `image metadef resource ...`.
#[derive(Subcommand)]
pub enum ResourceCommand {
    /// Metadef resource types.
    #[command(subcommand, name = "type")]
    Type(ResourceTypeCommand),
}

/// `image metadef resource type ...`.
#[derive(Subcommand)]
pub enum ResourceTypeCommand {
    /// List metadef resource types.
    List,
}

/// `--public`/`--private` and `--protected`/`--unprotected` of namespace create and set.
#[derive(Args)]
pub struct NamespaceAttributes {
    /// A user-friendly name for the namespace.
    #[arg(long = "display-name")]
    display_name: Option<String>,
    /// A description of the namespace.
    #[arg(long)]
    description: Option<String>,
    /// Visible to everyone.
    #[arg(long, conflicts_with = "private")]
    public: bool,
    /// Visible to its project only.
    #[arg(long)]
    private: bool,
    /// Prevent the namespace from being deleted.
    #[arg(long, conflicts_with = "unprotected")]
    protected: bool,
    /// Allow the namespace to be deleted.
    #[arg(long)]
    unprotected: bool,
}

impl NamespaceAttributes {
    fn visibility(&self) -> Option<String> {
        super::flag(self.public, self.private).map(|public| if public { "public" } else { "private" }.to_string())
    }
}

/// `image metadef namespace ...`.
#[derive(Subcommand)]
pub enum NamespaceCommand {
    /// Create a metadef namespace.
    Create {
        /// New metadef namespace name.
        namespace: String,
        #[command(flatten)]
        attributes: NamespaceAttributes,
    },
    /// Delete metadef namespaces.
    Delete {
        /// Metadef namespace(s) to delete (name).
        #[arg(required = true)]
        namespaces: Vec<String>,
    },
    /// List metadef namespaces.
    List {
        /// Filter on resource types.
        #[arg(long = "resource-types")]
        resource_types: Option<String>,
        /// Filter on visibility.
        #[arg(long)]
        visibility: Option<String>,
    },
    /// Set metadef namespace properties.
    Set {
        /// Metadef namespace to modify (name).
        namespace: String,
        #[command(flatten)]
        attributes: NamespaceAttributes,
        /// Add a tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    /// Show a metadef namespace.
    Show {
        /// Metadef namespace to show (name).
        namespace: String,
    },
    /// Unset metadef namespace tags.
    Unset {
        /// Metadef namespace to modify (name).
        namespace: String,
        /// Remove a tag (repeatable).
        #[arg(long = "tag", required_unless_present = "all_tags", conflicts_with = "all_tags")]
        tags: Vec<String>,
        /// Remove every tag.
        #[arg(long = "all-tags")]
        all_tags: bool,
    },
}

/// osc's `_format_namespace`: these keys when glance sent them (openstacksdk's `tags` default to
/// `[]`), the resource types by name, sorted.
fn namespace_show(namespace: &MetadefNamespace) -> Output {
    let raw = to_map(namespace);
    let mut fields = Vec::new();
    let shown = [
        "created_at",
        "description",
        "display_name",
        "namespace",
        "owner",
        "protected",
        "resource_type_associations",
        "tags",
        "updated_at",
        "visibility",
    ];
    for key in shown {
        let value = match (key, raw.get(key)) {
            ("resource_type_associations", Some(Value::Array(types))) => {
                Value::Array(types.iter().map(|t| t.get("name").cloned().unwrap_or(Value::Null)).collect())
            }
            ("tags", None) => json!([]),
            (_, Some(v)) if !v.is_null() => v.clone(),
            _ => continue,
        };
        fields.push((key.to_string(), Cell::from(value)));
    }
    Output::Show(fields)
}

const NAMESPACE_LIST: [Column; 1] = [Column::new("namespace", "namespace", plain)];

impl MetadefCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            MetadefCommand::Namespace(NamespaceCommand::Create { .. }) => Some("image metadef namespace create"),
            MetadefCommand::Namespace(NamespaceCommand::Show { .. }) => Some("image metadef namespace show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let image = ctx.conn.image();
        let namespaces = image.metadef_namespaces();
        let command = match self {
            MetadefCommand::Namespace(command) => command,
            MetadefCommand::Resource(ResourceCommand::Type(ResourceTypeCommand::List)) => {
                let types = image.metadef_resource_types().list().await?;
                let rows = types.into_iter().map(|t| vec![Cell::from(t.name)]).collect();
                return Ok(Output::list(&["Name"], rows));
            }
        };
        match command {
            NamespaceCommand::Create { namespace, attributes: a } => {
                let mut body = CreateMetadefNamespace::new(namespace);
                body.display_name = a.display_name.clone();
                body.description = a.description.clone();
                body.visibility = a.visibility();
                body.protected = super::flag(a.protected, a.unprotected);
                Ok(namespace_show(&namespaces.create(&body).await?))
            }
            NamespaceCommand::Delete { namespaces: names } => {
                let mut failed = 0;
                for name in &names {
                    let result = async {
                        let found = namespaces.get(name).await?;
                        namespaces.delete(&found.namespace).await
                    }
                    .await;
                    if let Err(e) = result {
                        let e = crate::errors::message(&e.into(), false);
                        eprintln!("Failed to delete namespace with name or ID '{name}': {e}");
                        failed += 1;
                    }
                }
                match failed {
                    0 => Ok(Output::Nothing),
                    n => Err(CliError::Message(format!("{n} of {} namespace failed to delete.", names.len()))),
                }
            }
            NamespaceCommand::List { resource_types, visibility } => {
                let query = MetadefNamespaceQuery { resource_types, visibility, ..Default::default() };
                let found: Vec<MetadefNamespace> = namespaces.list(&query).try_collect().await?;
                Ok(crate::noun::list_of(&found, &NAMESPACE_LIST.iter().collect::<Vec<_>>()))
            }
            NamespaceCommand::Set { namespace, attributes: a, tags } => {
                let body = UpdateMetadefNamespace {
                    namespace: namespace.clone(),
                    display_name: a.display_name.clone(),
                    description: a.description.clone(),
                    visibility: a.visibility(),
                    protected: super::flag(a.protected, a.unprotected),
                };
                namespaces.update(&namespace, &body).await?;
                let mut failed = 0;
                for tag in &tags {
                    if image.metadef_tags(&namespace).create(tag).await.is_err() {
                        eprintln!("Tag set failed for tag {tag}");
                        failed += 1;
                    }
                }
                match failed {
                    0 => Ok(Output::Nothing),
                    n => Err(CliError::Message(format!("Failed to set {n} of {} tags.", tags.len()))),
                }
            }
            NamespaceCommand::Show { namespace } => Ok(namespace_show(&namespaces.get(&namespace).await?)),
            NamespaceCommand::Unset { namespace, tags, all_tags } => {
                let found = namespaces.get(&namespace).await?;
                let tag_api = image.metadef_tags(&found.namespace);
                if all_tags {
                    tag_api.delete_all().await?;
                    return Ok(Output::Nothing);
                }
                let mut failed = 0;
                for tag in &tags {
                    if tag_api.delete(tag).await.is_err() {
                        eprintln!("tag unset failed for tag {tag}");
                        failed += 1;
                    }
                }
                match failed {
                    0 => Ok(Output::Nothing),
                    n => Err(CliError::Message(format!("Failed to unset {n} of {} tags.", tags.len()))),
                }
            }
        }
    }
}
