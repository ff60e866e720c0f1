//! `security group create|list|show|set|delete` (and `security group rule ...`, in its own file).

use super::security_group_rule::RuleCommand;
use super::{flag, CommandResult};
use crate::context::Context;
use crate::format::{as_list, dict_text};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateSecurityGroup, NeutronListOptions, SecurityGroupQuery, UpdateSecurityGroup};
use serde_json::{Map, Value};

/// python-openstackclient's security group columns (`openstackclient/network/v2/security_group.py`).
const SECURITY_GROUP: Noun = Noun {
    what: "security group",
    plural: "groups",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Description", "description", plain),
        Column::new("Project", "project_id", plain),
        Column::new("Tags", "tags", plain),
        Column::new("Shared", "shared", plain),
    ],
    long: &[],
    show: &[
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("id"),
        Field::new("is_shared", "shared", plain),
        Field::plain("name"),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::new("rules", "security_group_rules", rules_column),
        Field::plain("stateful"),
        Field::plain("tags"),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id"],
};

/// `NetworkSecurityGroupRulesColumn`: one `format_dict` line per rule without its empty values
/// and without `security_group_id`, `tenant_id` and `project_id`; JSON has the rules as neutron
/// sent them (the SDK keeps their keys, order and `null`s).
fn rules_column(value: Value) -> Cell {
    let rules = as_list(value);
    let lines: Vec<String> = rules
        .iter()
        .map(|rule| {
            let shown: Map<String, Value> = rule
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, v)| {
                    !is_empty(v) && !["security_group_id", "tenant_id", "project_id"].contains(&k.as_str())
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            dict_text(&shown, None)
        })
        .collect();
    Cell::formatted(Value::Array(rules), lines.join("\n"))
}

/// Python's falsiness: `None`, `False`, `0`, `""`, `[]`, `{}`.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
    }
}

/// `security ...` commands.
#[derive(Subcommand)]
pub enum SecurityCommand {
    /// Security groups and their rules.
    #[command(subcommand)]
    Group(SecurityGroupCommand),
}

/// Security group commands.
#[derive(Subcommand)]
pub enum SecurityGroupCommand {
    /// Create a security group.
    Create(CreateArgs),
    /// List security groups.
    List(ListArgs),
    /// Show a security group and its rules.
    Show {
        /// Security group name or id.
        group: String,
    },
    /// Change a security group.
    Set(SetArgs),
    /// Remove tags of a security group.
    Unset {
        /// Security group name or id.
        group: String,
        #[command(flatten)]
        tags: super::net_tags::UnsetTags,
    },
    /// Delete security groups.
    Delete {
        /// Security group names or ids.
        #[arg(required = true)]
        groups: Vec<String>,
    },
    /// Security group rules.
    #[command(subcommand)]
    Rule(RuleCommand),
}

/// `--stateful`/`--stateless`.
#[derive(Args)]
pub struct Stateful {
    /// Stateful (default).
    #[arg(long, conflicts_with = "stateless")]
    stateful: bool,
    /// Stateless.
    #[arg(long)]
    stateless: bool,
}

/// `security group create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Description (default: the name).
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    stateful: Stateful,
    #[command(flatten)]
    tags: super::net_tags::CreateTags,
}

/// `security group list` options.
#[derive(Args)]
pub struct ListArgs {
    /// By project id.
    #[arg(long)]
    project: Option<String>,
    /// Shared groups only.
    #[arg(long, conflicts_with = "no_share")]
    share: bool,
    /// Groups that are not shared only.
    #[arg(long = "no-share")]
    no_share: bool,
    #[command(flatten)]
    tags: super::net_tags::TagFilters,
}

/// `security group set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Security group name or id.
    group: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    stateful: Stateful,
    #[command(flatten)]
    tags: super::net_tags::SetTags,
}

impl SecurityCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        let SecurityCommand::Group(command) = self;
        match command {
            SecurityGroupCommand::Create(_) => Some("security group create"),
            SecurityGroupCommand::Show { .. } => Some("security group show"),
            SecurityGroupCommand::Rule(rule) => rule.show_one_name(),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let SecurityCommand::Group(command) = self;
        let groups = ctx.conn.network().security_groups();
        match command {
            SecurityGroupCommand::Create(args) => {
                let body = CreateSecurityGroup {
                    description: Some(args.description.unwrap_or_else(|| args.name.clone())),
                    stateful: flag(args.stateful.stateful, args.stateful.stateless),
                    ..CreateSecurityGroup::new(args.name)
                };
                let made = groups.create(&body).await?;
                let mut raw = crate::format::to_map(&made);
                args.tags.apply(&groups, &made.id, &mut raw).await?;
                Ok(SECURITY_GROUP.fields(raw, true).sorted())
            }
            SecurityGroupCommand::List(args) => {
                let query = SecurityGroupQuery {
                    shared: flag(args.share, args.no_share),
                    common: {
                        let mut common = NeutronListOptions { project_id: args.project, ..Default::default() };
                        args.tags.apply(&mut common);
                        common
                    },
                    ..Default::default()
                };
                let found: Vec<_> = groups.list(&query).try_collect().await?;
                Ok(SECURITY_GROUP.list(&found, false))
            }
            SecurityGroupCommand::Show { group } => Ok(SECURITY_GROUP.show(&groups.find(&group).await?)),
            SecurityGroupCommand::Set(args) => {
                let found = groups.find(&args.group).await?;
                let body = UpdateSecurityGroup {
                    name: args.name,
                    description: args.description,
                    stateful: flag(args.stateful.stateful, args.stateful.stateless),
                    extra: Map::new(),
                };
                if !crate::format::to_map(&body).is_empty() {
                    groups.update(&found.id, &body).await?;
                }
                args.tags.apply(&groups, &found).await?;
                Ok(Output::Nothing)
            }
            SecurityGroupCommand::Unset { group, tags } => {
                let found = groups.find(&group).await?;
                tags.apply(&groups, &found).await?;
                Ok(Output::Nothing)
            }
            SecurityGroupCommand::Delete { groups: names } => SECURITY_GROUP.delete(&groups, &names).await,
            SecurityGroupCommand::Rule(rule) => rule.run(ctx).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_drop_empty_values_and_keep_neutron_order() {
        // a group as neutron sends it, read and re-serialized by the SDK
        let sent = r#"{"id": "g", "name": "web", "security_group_rules": [{"id": "r1", "project_id": "p",
            "security_group_id": "g", "ethertype": "IPv4", "direction": "ingress", "protocol": null,
            "port_range_min": 0, "port_range_max": null, "remote_ip_prefix": null, "normalized_cidr": null,
            "standard_attr_id": 7, "belongs_to_default_sg": false, "description": null, "tags": [],
            "revision_number": 0, "tenant_id": "p"}]}"#;
        let group: ostack::network::v2::SecurityGroup = serde_json::from_str(sent).unwrap();
        let cell = rules_column(crate::format::to_map(&group).remove("security_group_rules").unwrap());
        assert_eq!(cell.table_text(), "direction='ingress', ethertype='IPv4', id='r1', standard_attr_id='7'");
        let keys: Vec<&str> = cell.machine[0].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            &keys[..7],
            ["id", "project_id", "security_group_id", "ethertype", "direction", "protocol", "port_range_min"]
        );
        assert_eq!(cell.machine[0]["description"], Value::Null);
        assert_eq!(cell.machine[0]["protocol"], Value::Null);
        assert_eq!(rules_column(Value::Null).table_text(), "");
    }
}
