//! `project create|list|show|set|delete` (python-openstackclient `identity/v3/project.py`).

use super::identity::{domain_id, optional_domain_id, project_id, user_id, Immutable, TagFilters};
use super::{delete_each, flag, parse_key_value, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::identity::v3::{CreateProject, Project, ProjectQuery, UpdateProject};
use serde_json::{Map, Value};

/// osc's project columns; show is `get_osc_show_columns_for_sdk_resource` (sorted, unknown
/// attributes too, `is_enabled` shown as `enabled`, `links` hidden).
const PROJECT: Noun = Noun {
    what: "project",
    plural: "projects",
    list: &[Column::new("ID", "id", plain), Column::new("Name", "name", plain)],
    long: &[
        Column::new("Domain ID", "domain_id", plain),
        Column::new("Description", "description", plain),
        Column::new("Enabled", "enabled", plain),
    ],
    show: &[
        Field::plain("description"),
        Field::plain("domain_id"),
        Field::plain("enabled"),
        Field::plain("id"),
        Field::plain("is_domain"),
        Field::plain("name"),
        Field::plain("options"),
        Field::plain("parent_id"),
        Field::plain("tags"),
    ],
    hidden: &["links"],
};

/// Project commands.
#[derive(Subcommand)]
pub enum ProjectCommand {
    /// Create a project.
    Create(CreateArgs),
    /// List projects.
    List(ListArgs),
    /// Show a project.
    Show {
        /// Project name or id.
        project: String,
        /// Domain owning the project (name or id).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Change a project.
    Set(SetArgs),
    /// Delete projects.
    Delete {
        /// Project names or ids.
        #[arg(required = true)]
        projects: Vec<String>,
        /// Domain owning the projects (name or id).
        #[arg(long)]
        domain: Option<String>,
    },
}

/// `--enable`/`--disable`.
#[derive(Args)]
pub struct Enable {
    /// Enable.
    #[arg(long, conflicts_with = "disable")]
    enable: bool,
    /// Disable.
    #[arg(long)]
    disable: bool,
}

/// `project create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// New project name.
    name: String,
    /// Domain owning the project (name or id).
    #[arg(long)]
    domain: Option<String>,
    /// Parent project (name or id).
    #[arg(long)]
    parent: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    enable: Enable,
    /// A property `key=value` (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    /// Return the existing project of that name instead of failing.
    #[arg(long = "or-show")]
    or_show: bool,
    #[command(flatten)]
    immutable: Immutable,
    /// A tag (repeatable).
    #[arg(long = "tag")]
    tags: Vec<String>,
}

/// `project list` options.
#[derive(Args)]
pub struct ListArgs {
    /// In this domain (name or id).
    #[arg(long)]
    domain: Option<String>,
    /// Children of this project (name or id).
    #[arg(long)]
    parent: Option<String>,
    /// The projects of this user (name or id).
    #[arg(long)]
    user: Option<String>,
    /// The projects of the authenticated user (other filters are ignored).
    #[arg(long = "my-projects")]
    my_projects: bool,
    /// More columns.
    #[arg(long)]
    long: bool,
    /// Only enabled projects.
    #[arg(long, conflicts_with = "disabled")]
    enabled: bool,
    /// Only disabled projects.
    #[arg(long)]
    disabled: bool,
    #[command(flatten)]
    tags: TagFilters,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this project id.
    #[arg(long)]
    marker: Option<String>,
}

/// `project set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Project name or id.
    project: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Domain owning the project (name or id).
    #[arg(long)]
    domain: Option<String>,
    /// New description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    enable: Enable,
    /// A property `key=value` (repeatable).
    #[arg(long = "property", value_parser = parse_key_value)]
    properties: Vec<(String, String)>,
    #[command(flatten)]
    immutable: Immutable,
    /// A tag to add (repeatable).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Remove every tag (with `--tag`: replace them).
    #[arg(long = "clear-tags")]
    clear_tags: bool,
    /// A tag to remove (repeatable).
    #[arg(long = "remove-tag")]
    remove_tags: Vec<String>,
}

/// `--property` values as osc sends them (`is_domain=true|false|none` as a boolean or null).
fn properties(pairs: Vec<(String, String)>) -> Map<String, Value> {
    pairs
        .into_iter()
        .map(|(k, v)| {
            let value = match (k.as_str(), v.to_lowercase().as_str()) {
                ("is_domain", "true") => Value::Bool(true),
                ("is_domain", "false") => Value::Bool(false),
                ("is_domain", "none") => Value::Null,
                _ => Value::String(v),
            };
            (k, value)
        })
        .collect()
}

impl ProjectCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let projects = identity.projects();
        match self {
            ProjectCommand::Create(args) => {
                let domain = optional_domain_id(&identity, args.domain.as_deref(), true).await?;
                let parent = match &args.parent {
                    Some(parent) => Some(project_id(&identity, parent, domain.as_deref(), true).await?),
                    None => None,
                };
                let mut extra = properties(args.properties);
                let is_domain = extra.shift_remove("is_domain");
                let mut tags = args.tags;
                tags.dedup();
                let body = CreateProject {
                    domain_id: domain.clone(),
                    parent_id: parent,
                    description: args.description.filter(|d| !d.is_empty()),
                    enabled: Some(!args.enable.disable),
                    is_domain: is_domain.as_ref().and_then(Value::as_bool),
                    options: args.immutable.options(),
                    tags: (!tags.is_empty()).then_some(tags),
                    extra,
                    ..CreateProject::new(&args.name)
                };
                match projects.create(&body).await {
                    Ok(project) => Ok(PROJECT.show(&project)),
                    Err(e) if e.status() == Some(409) && args.or_show => {
                        let found = match &domain {
                            Some(d) => projects.find_in_domain(&args.name, d).await?,
                            None => projects.find(&args.name).await?,
                        };
                        Ok(PROJECT.show(&found))
                    }
                    Err(e) => Err(e.into()),
                }
            }
            ProjectCommand::List(args) => {
                let domain = optional_domain_id(&identity, args.domain.as_deref(), true).await?;
                let parent = match &args.parent {
                    Some(parent) => Some(project_id(&identity, parent, domain.as_deref(), true).await?),
                    None => None,
                };
                let mut user = match &args.user {
                    Some(user) => Some(user_id(&identity, user, domain.as_deref(), true).await?),
                    None => None,
                };
                let query = ProjectQuery {
                    domain_id: domain,
                    parent_id: parent,
                    enabled: flag(args.enabled, args.disabled),
                    tags: args.tags.tags,
                    tags_any: args.tags.tags_any,
                    not_tags: args.tags.not_tags,
                    not_tags_any: args.tags.not_tags_any,
                    limit: args.limit,
                    marker: args.marker,
                    ..Default::default()
                };
                if args.my_projects {
                    user = Some(identity.current_user_id().await?);
                }
                let found: Vec<Project> = match user {
                    Some(user) => identity.users().projects(&user)?.try_collect().await?,
                    None => match projects.list(&query).try_collect().await {
                        Ok(found) => found,
                        Err(e) if e.status() == Some(403) && crate::format::to_map(&query).is_empty() => {
                            let me = identity.current_user_id().await?;
                            identity.users().projects(&me)?.try_collect().await?
                        }
                        Err(e) => return Err(e.into()),
                    },
                };
                Ok(PROJECT.list(&found, args.long))
            }
            ProjectCommand::Show { project, domain } => {
                let domain = optional_domain_id(&identity, domain.as_deref(), true).await?;
                let id = project_id(&identity, &project, domain.as_deref(), false).await?;
                Ok(PROJECT.show(&projects.find(&id).await?))
            }
            ProjectCommand::Set(args) => {
                let found = match &args.domain {
                    Some(domain) => {
                        let domain = domain_id(&identity, domain, false).await?;
                        projects.find_in_domain(&args.project, &domain).await
                    }
                    None => projects.find(&args.project).await,
                };
                let found = match found {
                    Ok(found) => Some(found),
                    Err(e) if e.is_not_found() => None,
                    Err(e) => return Err(e.into()),
                };
                let tags = if args.clear_tags {
                    Some(Vec::new())
                } else if !args.tags.is_empty() || !args.remove_tags.is_empty() {
                    let mut tags: Vec<String> = found.as_ref().and_then(|p| p.tags.clone()).unwrap_or_default();
                    if !args.tags.is_empty() {
                        tags.extend(args.tags);
                    } else {
                        tags.retain(|t| !args.remove_tags.contains(t));
                    }
                    tags.sort();
                    tags.dedup();
                    Some(tags)
                } else {
                    None
                };
                let body = UpdateProject {
                    name: args.name.filter(|n| !n.is_empty()),
                    description: args.description.filter(|d| !d.is_empty()),
                    enabled: flag(args.enable.enable, args.enable.disable),
                    options: args.immutable.options(),
                    tags,
                    extra: properties(args.properties),
                };
                let id = found.map(|p| p.id).unwrap_or(args.project);
                projects.update(&id, &body).await?;
                Ok(Output::Nothing)
            }
            ProjectCommand::Delete { projects: names, domain } => {
                let domain = optional_domain_id(&identity, domain.as_deref(), false).await?;
                delete_each(&names, "project with name or ID", "projects", |name| {
                    let (identity, domain) = (identity.clone(), domain.clone());
                    async move {
                        let id = project_id(&identity, &name, domain.as_deref(), true).await?;
                        identity.projects().delete(&id).await.map_err(CliError::from)
                    }
                })
                .await
            }
        }
    }
}
