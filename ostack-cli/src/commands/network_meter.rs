//! `network meter create|list|show|delete` and `network meter rule create|list|show|delete`.

use super::address::{Project, Share};
use super::{delete_each, CommandResult};
use crate::context::Context;
use crate::noun::{plain, Column, Field, Noun};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{
    CreateMeteringLabel, CreateMeteringLabelRule, MeteringLabelQuery, MeteringLabelRuleQuery, NeutronListOptions,
};
use serde_json::{Map, Value};

/// osc's meter and meter rule lists read `shared` and `excluded`, which the openstacksdk resources
/// call `is_shared` and `is_excluded`: the value is always `''`.
fn blank(_raw: &Map<String, Value>) -> Value {
    Value::String(String::new())
}

/// python-openstackclient's meter columns (`openstackclient/network/v2/network_meter.py`).
const METER: Noun = Noun {
    what: "meter",
    plural: "meters",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Description", "description", plain),
        Column::computed("Shared", blank, plain),
    ],
    long: &[],
    show: &[
        Field::plain("description"),
        Field::plain("id"),
        Field::plain("name"),
        Field::plain("project_id"),
        Field::plain("shared"),
    ],
    hidden: &["tenant_id", "location"],
};

/// python-openstackclient's meter rule columns (`openstackclient/network/v2/network_meter_rule.py`).
const METER_RULE: Noun = Noun {
    what: "meter rule",
    plural: "meter rules",
    list: &[
        Column::new("ID", "id", plain),
        Column::computed("Excluded", blank, plain),
        Column::new("Direction", "direction", plain),
        Column::new("Remote IP Prefix", "remote_ip_prefix", plain),
        Column::new("Source IP Prefix", "source_ip_prefix", plain),
        Column::new("Destination IP Prefix", "destination_ip_prefix", plain),
    ],
    long: &[],
    show: &[
        Field::plain("destination_ip_prefix"),
        Field::plain("direction"),
        Field::plain("id"),
        Field::new("is_excluded", "excluded", plain),
        Field::plain("metering_label_id"),
        Field::plain("name"),
        Field::plain("project_id"),
        Field::plain("remote_ip_prefix"),
        Field::plain("source_ip_prefix"),
    ],
    hidden: &["tenant_id", "location"],
};

/// Network meter commands.
#[derive(Subcommand)]
pub enum MeterCommand {
    /// Create a meter.
    Create(CreateArgs),
    /// List meters.
    List(Paging),
    /// Show a meter.
    Show {
        /// Meter name or id.
        meter: String,
    },
    /// Delete meters.
    Delete {
        /// Meter names or ids.
        #[arg(required = true)]
        meters: Vec<String>,
    },
    /// Meter rules.
    #[command(subcommand)]
    Rule(RuleCommand),
}

/// `--limit`/`--marker`.
#[derive(Args)]
pub struct Paging {
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

impl Paging {
    fn options(self) -> NeutronListOptions {
        NeutronListOptions { limit: self.limit, marker: self.marker, ..Default::default() }
    }
}

/// `network meter create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    project: Project,
    #[command(flatten)]
    share: Share,
}

/// Meter rule commands.
#[derive(Subcommand)]
pub enum RuleCommand {
    /// Create a meter rule.
    Create(RuleCreateArgs),
    /// List meter rules.
    List(Paging),
    /// Show a meter rule.
    Show {
        /// Meter rule id.
        #[arg(value_name = "meter-rule-id")]
        meter_rule_id: String,
    },
    /// Delete meter rules.
    Delete {
        /// Meter rule ids.
        #[arg(required = true, value_name = "meter-rule-id")]
        meter_rule_ids: Vec<String>,
    },
}

/// `network meter rule create` options.
#[derive(Args)]
pub struct RuleCreateArgs {
    /// The meter (name or id).
    meter: String,
    #[command(flatten)]
    project: Project,
    /// Exclude the traffic from the count.
    #[arg(long, conflicts_with = "include")]
    exclude: bool,
    /// Include the traffic (default).
    #[arg(long)]
    include: bool,
    /// Incoming traffic (default).
    #[arg(long, conflicts_with = "egress")]
    ingress: bool,
    /// Outgoing traffic.
    #[arg(long)]
    egress: bool,
    /// Remote IP prefix.
    #[arg(long = "remote-ip-prefix", value_name = "remote-ip-prefix")]
    remote_ip_prefix: Option<String>,
    /// Source IP prefix.
    #[arg(long = "source-ip-prefix", value_name = "source-ip-prefix")]
    source_ip_prefix: Option<String>,
    /// Destination IP prefix.
    #[arg(long = "destination-ip-prefix", value_name = "destination-ip-prefix")]
    destination_ip_prefix: Option<String>,
}

impl MeterCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            MeterCommand::Create(_) => Some("network meter create"),
            MeterCommand::Show { .. } => Some("network meter show"),
            MeterCommand::Rule(RuleCommand::Create(_)) => Some("network meter rule create"),
            MeterCommand::Rule(RuleCommand::Show { .. }) => Some("network meter rule show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let meters = net.metering_labels();
        let rules = net.metering_label_rules();
        match self {
            MeterCommand::Create(args) => {
                let body = CreateMeteringLabel {
                    name: Some(args.name),
                    description: args.description,
                    shared: args.share.value(),
                    project_id: args.project.id(ctx).await?,
                    ..Default::default()
                };
                Ok(METER.show(&meters.create(&body).await?))
            }
            MeterCommand::List(paging) => {
                let query = MeteringLabelQuery { common: paging.options(), ..Default::default() };
                let found: Vec<_> = meters.list(&query).try_collect().await?;
                Ok(METER.list(&found, false))
            }
            MeterCommand::Show { meter } => Ok(METER.show(&meters.find(&meter).await?)),
            MeterCommand::Delete { meters: names } => {
                delete_each(&names, "meter with ID", "meters", |name| {
                    let meters = meters.clone();
                    async move {
                        let found = meters.find(&name).await?;
                        Ok(meters.delete(&found.id).await?)
                    }
                })
                .await
            }
            MeterCommand::Rule(RuleCommand::Create(args)) => {
                let label = meters.find(&args.meter).await?.id;
                let direction = if args.egress { "egress" } else { "ingress" };
                let body = CreateMeteringLabelRule {
                    excluded: super::flag(args.exclude, args.include),
                    remote_ip_prefix: args.remote_ip_prefix,
                    source_ip_prefix: args.source_ip_prefix,
                    destination_ip_prefix: args.destination_ip_prefix,
                    project_id: args.project.id(ctx).await?,
                    ..CreateMeteringLabelRule::new(label, direction)
                };
                Ok(METER_RULE.show_fixed(&rules.create(&body).await?))
            }
            MeterCommand::Rule(RuleCommand::List(paging)) => {
                let query = MeteringLabelRuleQuery { common: paging.options(), ..Default::default() };
                let found: Vec<_> = rules.list(&query).try_collect().await?;
                Ok(METER_RULE.list(&found, false))
            }
            MeterCommand::Rule(RuleCommand::Show { meter_rule_id }) => {
                Ok(METER_RULE.show_fixed(&rules.find(&meter_rule_id).await?))
            }
            MeterCommand::Rule(RuleCommand::Delete { meter_rule_ids }) => {
                delete_each(&meter_rule_ids, "meter rule with ID", "meter rules", |id| {
                    let rules = rules.clone();
                    async move {
                        let found = rules.find(&id).await?;
                        Ok(rules.delete(&found.id).await?)
                    }
                })
                .await
            }
        }
    }
}
