//! `server group create|list|show|delete` (python-openstackclient's `compute/v2/server_group.py`).

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{dict_column, list_column};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use clap::Subcommand;
use futures::TryStreamExt;
use ostack::compute::v2::{CreateServerGroup, ServerGroup, ServerGroupQuery, ServerGroupRules};
use ostack::Api;
use serde_json::{Map, Value};

/// `server group` commands.
#[derive(Subcommand)]
pub enum ServerGroupCommand {
    /// Create a server group.
    Create {
        /// Name.
        name: String,
        /// `affinity` (default), `anti-affinity`, `soft-affinity` or `soft-anti-affinity`.
        #[arg(long, default_value = "affinity",
              value_parser = ["affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"])]
        policy: String,
        /// A rule `key=value` of the policy (`max_server_per_host`; repeatable).
        #[arg(long = "rule", value_parser = super::parse_key_value)]
        rules: Vec<(String, String)>,
    },
    /// List server groups.
    List {
        /// Groups of every project (admin).
        #[arg(long = "all-projects")]
        all_projects: bool,
        /// More columns.
        #[arg(long)]
        long: bool,
        /// Skip this many.
        #[arg(long)]
        offset: Option<u32>,
        /// At most this many.
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Show a server group.
    Show {
        /// Name or id.
        server_group: String,
    },
    /// Delete server groups.
    Delete {
        /// Names or ids.
        #[arg(required = true)]
        server_groups: Vec<String>,
    },
}

/// osc's server group columns (microversion 2.64+: `policy` and `rules`).
const GROUP: Noun = Noun {
    what: "server group",
    plural: "server groups",
    list: &[Column::new("ID", "id", plain), Column::new("Name", "name", plain), Column::new("Policy", "policy", plain)],
    long: &[
        Column::new("Members", "members", list_column),
        Column::new("Project Id", "project_id", plain),
        Column::new("User Id", "user_id", plain),
    ],
    show: &[
        Field::plain("id"),
        Field::new("members", "members", list_column),
        Field::plain("name"),
        Field::plain("policy"),
        Field::plain("project_id"),
        Field::new("rules", "rules", dict_column),
        Field::plain("user_id"),
    ],
    hidden: &[],
};

/// The group, or openstacksdk's not-found message.
async fn find(groups: &Api<ServerGroup>, name: &str) -> Result<ServerGroup, CliError> {
    match groups.find(name).await {
        Err(ostack::Error::NotFound { .. }) => Err(CliError::Message(format!("No ServerGroup found for {name}"))),
        other => Ok(other?),
    }
}

impl ServerGroupCommand {
    /// The name of the command when it prints one record.
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            ServerGroupCommand::Create { .. } => Some("server group create"),
            ServerGroupCommand::Show { .. } => Some("server group show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let groups = ctx.conn.compute().server_groups();
        match self {
            ServerGroupCommand::Create { name, policy, rules } => {
                let mut body = CreateServerGroup::new(name, policy);
                if !rules.is_empty() {
                    let mut extra = Map::new();
                    let mut max = None;
                    for (key, value) in rules {
                        if key == "max_server_per_host" {
                            max = Some(value.parse().map_err(|_| {
                                CliError::Message(format!("max_server_per_host must be an integer: '{value}'"))
                            })?);
                        } else {
                            extra.insert(key, Value::String(value));
                        }
                    }
                    body.rules = Some(ServerGroupRules { max_server_per_host: max, extra });
                }
                let group = groups.create(&body).await?;
                Ok(GROUP.fixed_fields(crate::format::to_map(&group), true).sorted())
            }
            ServerGroupCommand::List { all_projects, long, offset, limit } => {
                let query = ServerGroupQuery { all_projects: all_projects.then_some(true), limit, offset };
                let found: Vec<ServerGroup> = groups.list(&query).try_collect().await?;
                Ok(GROUP.list(&found, long))
            }
            ServerGroupCommand::Show { server_group } => {
                let group = find(&groups, &server_group).await?;
                Ok(GROUP.fixed_fields(crate::format::to_map(&group), true).sorted())
            }
            ServerGroupCommand::Delete { server_groups } => {
                let mut failed = 0;
                for name in &server_groups {
                    let result = match find(&groups, name).await {
                        Ok(group) => groups.delete(&group.id).await.map_err(CliError::from),
                        Err(e) => Err(e),
                    };
                    if let Err(e) = result {
                        eprintln!("{}", crate::errors::message(&e, false));
                        failed += 1;
                    }
                }
                if failed > 0 {
                    return Err(CliError::Message(format!(
                        "{failed} of {} server groups failed to delete.",
                        server_groups.len()
                    )));
                }
                Ok(Output::Nothing)
            }
        }
    }
}
