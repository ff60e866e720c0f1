//! `image metadef namespace create|list|show|set|unset|delete`, `image metadef object
//! create|list|show|update|delete` and `image metadef object property show`, `image metadef
//! property create|list|show|set|delete`, `image metadef resource type list` and `image metadef
//! resource type association create|list|delete`, as python-openstackclient 10.5 names and prints
//! them (`metadef_namespaces.py`, `metadef_objects.py`, `metadef_properties.py`,
//! `metadef_resource_types.py`, `metadef_resource_type_association.py`).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::image::v2::{
    CreateMetadefNamespace, MetadefNamespace, MetadefNamespaceQuery, MetadefObjectBody, MetadefProperty,
    ResourceTypeAssociation, UpdateMetadefNamespace,
};
use serde_json::{json, Map, Value};

/// `image metadef ...`.
#[derive(Subcommand)]
pub enum MetadefCommand {
    /// Metadef namespaces.
    #[command(subcommand)]
    Namespace(NamespaceCommand),
    /// Metadef objects.
    #[command(subcommand)]
    Object(ObjectCommand),
    /// Metadef properties.
    #[command(subcommand)]
    Property(PropertyCommand),
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
    /// Associations of namespaces with resource types.
    #[command(subcommand)]
    Association(AssociationCommand),
}

/// `image metadef resource type association ...`.
#[derive(Subcommand)]
pub enum AssociationCommand {
    /// Create a metadef resource type association.
    Create {
        /// The namespace to create the association in.
        namespace: String,
        /// The resource type.
        name: String,
        /// Where the properties go on the resource type.
        #[arg(long = "properties-target", value_name = "properties_target")]
        properties_target: Option<String>,
    },
    /// List the resource type associations of a namespace.
    List {
        /// The namespace.
        #[arg(value_name = "metadef_namespace")]
        metadef_namespace: String,
    },
    /// Delete metadef resource type associations.
    Delete {
        /// The namespace.
        #[arg(value_name = "metadef_namespace")]
        metadef_namespace: String,
        /// The resource types.
        #[arg(required = true)]
        names: Vec<String>,
        /// Unprotect a protected namespace for the deletion (and protect it again).
        #[arg(long)]
        force: bool,
    },
}

/// `image metadef object ...`.
#[derive(Subcommand)]
pub enum ObjectCommand {
    /// Create a metadef object.
    Create {
        /// The namespace of the object.
        #[arg(long, required = true)]
        namespace: String,
        /// The new object's name.
        #[arg(value_name = "metadef-object-name")]
        name: String,
    },
    /// Delete metadef objects (every object of the namespace when none is named).
    Delete {
        /// The namespace.
        namespace: String,
        /// Objects to delete (name).
        objects: Vec<String>,
    },
    /// List the metadef objects of a namespace.
    List {
        /// The namespace.
        namespace: String,
    },
    /// Show a metadef object.
    Show {
        /// The namespace.
        namespace: String,
        /// The object.
        object: String,
    },
    /// Change a metadef object (osc's `update`).
    #[command(alias = "set")]
    Update {
        /// The namespace.
        namespace: String,
        /// The object.
        object: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
    },
    /// A property of a metadef object (`image metadef object property show`).
    #[command(subcommand)]
    Property(ObjectPropertyCommand),
}

/// `image metadef object property ...`.
#[derive(Subcommand)]
pub enum ObjectPropertyCommand {
    /// Describe a property inside an object.
    Show {
        /// The namespace.
        #[arg(value_name = "namespace_name")]
        namespace: String,
        /// The object.
        #[arg(value_name = "object_name")]
        object: String,
        /// The property.
        property: String,
    },
}

/// `image metadef property ...`.
#[derive(Subcommand)]
pub enum PropertyCommand {
    /// Create a metadef property.
    Create {
        /// Internal name of the property.
        #[arg(long, required = true)]
        name: String,
        /// Property name displayed to the user.
        #[arg(long, required = true)]
        title: String,
        /// Property type.
        #[arg(long = "type", required = true)]
        kind: String,
        /// Valid JSON schema of the property.
        #[arg(long, required = true)]
        schema: String,
        /// The namespace the property belongs to.
        namespace: String,
    },
    /// Delete metadef properties (every property of the namespace when none is named).
    Delete {
        /// The namespace.
        namespace: String,
        /// Properties to delete (name).
        #[arg(value_name = "property")]
        properties: Vec<String>,
    },
    /// List the metadef properties of a namespace.
    List {
        /// The namespace.
        namespace: String,
    },
    /// Change a metadef property.
    Set {
        /// New internal name.
        #[arg(long)]
        name: Option<String>,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        /// New type.
        #[arg(long = "type")]
        kind: Option<String>,
        /// JSON schema merged into the property.
        #[arg(long)]
        schema: Option<String>,
        /// The namespace.
        namespace: String,
        /// The property.
        property: String,
    },
    /// Show a metadef property.
    Show {
        /// The namespace.
        namespace: String,
        /// The property.
        property: String,
    },
}

/// osc's `_format_object`: these fields, null when glance left them out.
fn object_show(object: &ostack::image::v2::MetadefObject, namespace: &str) -> Output {
    let mut raw = to_map(object);
    raw.insert("namespace_name".into(), Value::from(namespace));
    let keys = ["created_at", "description", "name", "namespace_name", "properties", "required", "updated_at"];
    Output::Show(
        keys.iter().map(|k| (k.to_string(), Cell::from(raw.get(*k).cloned().unwrap_or(Value::Null)))).collect(),
    )
}

/// The keys osc's `_format_property` keeps: openstacksdk's attribute names looked up among the
/// API's names, so only those spelled alike in both (`minLength`, `readonly`... never show).
const PROPERTY_KEYS: [&str; 11] =
    ["name", "type", "title", "description", "operators", "default", "minimum", "maximum", "enum", "pattern", "items"];

/// osc's `_format_property`: the kept keys glance sent (not null).
fn property_fields(property: &MetadefProperty) -> Map<String, Value> {
    let raw = to_map(property);
    PROPERTY_KEYS
        .iter()
        .filter_map(|k| raw.get(*k).filter(|v| !v.is_null()).map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// A map printed as osc's `zip(*sorted(info.items()))`.
fn sorted_show(fields: Map<String, Value>) -> Output {
    let mut fields: Vec<(String, Value)> = fields.into_iter().collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    Output::Show(fields.into_iter().map(|(k, v)| (k, Cell::from(v))).collect())
}

/// `--schema` merged into a property body (`kwargs.update(json.loads(schema))`).
fn merge_schema(body: &mut Map<String, Value>, schema: &str) -> Result<(), CliError> {
    match serde_json::from_str::<Value>(schema) {
        Ok(Value::Object(schema)) => {
            body.extend(schema);
            Ok(())
        }
        Ok(_) => Err(CliError::Message("Failed to load JSON schema: the schema is not a JSON object".into())),
        Err(e) => Err(CliError::Message(format!("Failed to load JSON schema: {e}"))),
    }
}

/// A property from its body map.
fn property_from(body: Map<String, Value>) -> Result<MetadefProperty, CliError> {
    serde_json::from_value(Value::Object(body)).map_err(|e| CliError::Message(format!("Invalid metadef property: {e}")))
}

/// osc's delete failure count: "N of M ..." where M is, as osc has it, the length of the
/// namespace name.
fn failed_of(failed: usize, namespace: &str, what: &str) -> CommandResult {
    match failed {
        0 => Ok(Output::Nothing),
        n => Err(CliError::Message(format!("{n} of {} {what} failed to delete.", namespace.chars().count()))),
    }
}

/// The reason phrases of the statuses glance answers with.
fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// A glance error with its message as openstacksdk reads glance's HTML answers:
/// `404 Not Found: <message>`.
fn glance_api(mut e: ostack::Error) -> ostack::Error {
    if let ostack::Error::Api { status, message, .. } = &mut e {
        *message = format!("{status} {}: {message}", reason(*status));
    }
    e
}

/// [`glance_api`] for the CLI.
fn glance(e: ostack::Error) -> CliError {
    glance_api(e).into()
}

/// openstacksdk's not-found wrapping of a get: `No <what> found for <value>: Client Error for url:
/// <url>, 404 Not Found: <message>`.
fn missing(e: ostack::Error, what: &str, value: &str) -> CliError {
    match glance_api(e) {
        ostack::Error::Api { status: 404, url, message, .. } => {
            CliError::Message(format!("No {what} found for {value}: Client Error for url: {url}, {message}"))
        }
        other => other.into(),
    }
}

/// A missing object, as osc reports it (openstacksdk finds it "for None").
fn object_missing(e: ostack::Error) -> CliError {
    missing(e, "MetadefObject", "None")
}

/// A missing property.
fn property_missing(e: ostack::Error, name: &str) -> CliError {
    missing(e, "MetadefProperty", name)
}

/// The error text osc logs for one failed item.
fn error_text(e: ostack::Error) -> String {
    crate::errors::message(&e.into(), false)
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
            MetadefCommand::Object(ObjectCommand::Create { .. }) => Some("image metadef object create"),
            MetadefCommand::Object(ObjectCommand::Show { .. }) => Some("image metadef object show"),
            MetadefCommand::Object(ObjectCommand::Property(_)) => Some("image metadef object property show"),
            MetadefCommand::Property(PropertyCommand::Create { .. }) => Some("image metadef property create"),
            MetadefCommand::Property(PropertyCommand::Show { .. }) => Some("image metadef property show"),
            MetadefCommand::Resource(ResourceCommand::Type(ResourceTypeCommand::Association(
                AssociationCommand::Create { .. },
            ))) => Some("image metadef resource type association create"),
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
            MetadefCommand::Resource(ResourceCommand::Type(ResourceTypeCommand::Association(command))) => {
                return run_association(command, ctx).await;
            }
            MetadefCommand::Object(command) => return run_object(command, ctx).await,
            MetadefCommand::Property(command) => return run_property(command, ctx).await,
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

/// `image metadef object ...`.
async fn run_object(command: ObjectCommand, ctx: &Context) -> CommandResult {
    let image = ctx.conn.image();
    match command {
        ObjectCommand::Create { namespace, name } => {
            let namespace = image.metadef_namespaces().get(&namespace).await.map_err(glance)?.namespace;
            let created =
                image.metadef_objects(&namespace).create(&MetadefObjectBody::new(name)).await.map_err(glance)?;
            Ok(object_show(&created, &namespace))
        }
        ObjectCommand::Show { namespace, object } => {
            Ok(object_show(&image.metadef_objects(&namespace).get(&object).await.map_err(object_missing)?, &namespace))
        }
        ObjectCommand::List { namespace } => {
            let found = image.metadef_objects(&namespace).list().await.map_err(glance)?;
            let rows = found
                .into_iter()
                .map(|o| vec![Cell::from(o.name), Cell::from(o.description.map_or(Value::Null, Value::from))])
                .collect();
            Ok(Output::list(&["name", "description"], rows))
        }
        ObjectCommand::Update { namespace, object, name } => {
            let objects = image.metadef_objects(&namespace);
            let found = objects.get(&object).await.map_err(object_missing)?;
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                // glance's PUT replaces the object: keep what it has, with the new name
                let body = MetadefObjectBody {
                    name,
                    description: found.description.clone(),
                    properties: found.properties.clone(),
                    required: found.required.clone(),
                };
                objects.update(&found.name, &body).await.map_err(glance)?;
            }
            Ok(Output::Nothing)
        }
        ObjectCommand::Delete { namespace, objects: names } => {
            let objects = image.metadef_objects(&namespace);
            if names.is_empty() {
                objects.delete_all().await.map_err(glance)?;
                return Ok(Output::Nothing);
            }
            let mut failed = 0;
            for name in &names {
                let result = async {
                    let found = objects.get(name).await.map_err(object_missing)?;
                    objects.delete(&found.name).await.map_err(glance)
                }
                .await;
                if let Err(e) = result {
                    eprintln!(
                        "Failed to delete object with name or ID '{name}': {}",
                        crate::errors::message(&e, false)
                    );
                    failed += 1;
                }
            }
            failed_of(failed, &namespace, "object")
        }
        ObjectCommand::Property(ObjectPropertyCommand::Show { namespace, object, property }) => {
            let found = image.metadef_objects(&namespace).get(&object).await.map_err(object_missing)?;
            match found.properties.as_ref().and_then(|p| p.get(&property)) {
                Some(Value::Object(fields)) => {
                    let mut fields = fields.clone();
                    fields.insert("name".into(), Value::from(property));
                    Ok(sorted_show(fields))
                }
                _ => Err(CliError::Message(format!("Property {property} not found in object {object}."))),
            }
        }
    }
}

/// `image metadef property ...`.
async fn run_property(command: PropertyCommand, ctx: &Context) -> CommandResult {
    let image = ctx.conn.image();
    match command {
        PropertyCommand::Create { name, title, kind, schema, namespace } => {
            let mut body = Map::new();
            body.insert("name".into(), Value::from(name));
            body.insert("title".into(), Value::from(title));
            body.insert("type".into(), Value::from(kind));
            merge_schema(&mut body, &schema)?;
            let created = image.metadef_properties(&namespace).create(&property_from(body)?).await.map_err(glance)?;
            Ok(sorted_show(property_fields(&created)))
        }
        PropertyCommand::Show { namespace, property } => Ok(sorted_show(property_fields(
            &image.metadef_properties(&namespace).get(&property).await.map_err(|e| property_missing(e, &property))?,
        ))),
        PropertyCommand::List { namespace } => {
            let found = image.metadef_properties(&namespace).list().await.map_err(glance)?;
            let text = |v: Option<String>| Cell::from(v.map_or(Value::Null, Value::from));
            let rows = found.into_iter().map(|p| vec![Cell::from(p.name), text(p.title), text(p.kind)]).collect();
            Ok(Output::list(&["name", "title", "type"], rows))
        }
        PropertyCommand::Set { name, title, kind, schema, namespace, property } => {
            let properties = image.metadef_properties(&namespace);
            let mut body =
                property_fields(&properties.get(&property).await.map_err(|e| property_missing(e, &property))?);
            for (key, value) in [("name", name), ("title", title), ("type", kind)] {
                if let Some(value) = value {
                    body.insert(key.into(), Value::from(value));
                }
            }
            if let Some(schema) = schema.filter(|s| !s.is_empty()) {
                merge_schema(&mut body, &schema)?;
            }
            properties.update(&property, &property_from(body)?).await.map_err(glance)?;
            Ok(Output::Nothing)
        }
        PropertyCommand::Delete { namespace, properties: names } => {
            let properties = image.metadef_properties(&namespace);
            if names.is_empty() {
                properties.delete_all().await.map_err(glance)?;
                return Ok(Output::Nothing);
            }
            let mut failed = 0;
            for name in &names {
                if let Err(e) = properties.delete(name).await {
                    eprintln!(
                        "Failed to delete property with name or ID '{name}' from namespace '{namespace}': {}",
                        crate::errors::message(&glance(e), false)
                    );
                    failed += 1;
                }
            }
            failed_of(failed, &namespace, "properties")
        }
    }
}

/// `image metadef resource type association ...`.
async fn run_association(command: AssociationCommand, ctx: &Context) -> CommandResult {
    let image = ctx.conn.image();
    let types = image.metadef_resource_types();
    match command {
        AssociationCommand::Create { namespace, name, properties_target } => {
            let body = ResourceTypeAssociation {
                properties_target: properties_target.filter(|t| !t.is_empty()),
                ..ResourceTypeAssociation::new(name)
            };
            let created = types.associate(&namespace, &body).await.map_err(glance)?;
            // openstacksdk's attributes, its id being the name
            let raw = to_map(&created);
            let value = |k: &str| Cell::from(raw.get(k).cloned().unwrap_or(Value::Null));
            Ok(Output::Show(vec![
                ("created_at".into(), value("created_at")),
                ("id".into(), value("name")),
                ("name".into(), value("name")),
                ("prefix".into(), value("prefix")),
                ("properties_target".into(), value("properties_target")),
                ("updated_at".into(), value("updated_at")),
            ]))
        }
        AssociationCommand::List { metadef_namespace } => {
            let found = types.associations(&metadef_namespace).await.map_err(glance)?;
            Ok(Output::list(&["Name"], found.into_iter().map(|a| vec![Cell::from(a.name)]).collect()))
        }
        AssociationCommand::Delete { metadef_namespace, names, force } => {
            let namespaces = image.metadef_namespaces();
            let protect = |protected: bool, name: String| UpdateMetadefNamespace {
                namespace: name,
                display_name: None,
                description: None,
                visibility: None,
                protected: Some(protected),
            };
            let mut failed = 0;
            for name in &names {
                let result = async {
                    let found = namespaces.get(&metadef_namespace).await?;
                    let protected = found.protected.unwrap_or(false);
                    if protected && force {
                        namespaces.update(&found.namespace, &protect(false, found.namespace.clone())).await?;
                    }
                    let deleted = types.dissociate(&found.namespace, name).await;
                    if protected && force {
                        namespaces.update(&found.namespace, &protect(true, found.namespace.clone())).await?;
                    }
                    deleted
                }
                .await;
                if let Err(e) = result {
                    eprintln!("Failed to delete resource type with name or ID '{name}': {}", error_text(glance_api(e)));
                    failed += 1;
                }
            }
            failed_of(failed, &metadef_namespace, "resource type")
        }
    }
}
