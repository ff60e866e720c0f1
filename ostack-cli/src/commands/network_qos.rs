//! `network qos policy create|list|show|set|delete`, `network qos rule create|list|show|set|delete`
//! and `network qos rule type list|show`.

use super::address::{Project, Share};
use super::{delete_each, flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{as_list, to_map};
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{python_repr, Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{
    CreateBandwidthLimitRule, CreateDscpMarkingRule, CreateMinimumBandwidthRule, CreateMinimumPacketRateRule,
    CreateQosPolicy, NeutronListOptions, QosPolicyQuery, QosRuleTypeQuery, UpdateBandwidthLimitRule,
    UpdateDscpMarkingRule, UpdateMinimumBandwidthRule, UpdateMinimumPacketRateRule, UpdateQosPolicy,
};
use serde_json::{Map, Value};

/// `RulesColumn`: one `str()` of a rule a line.
fn rules_column(value: Value) -> Cell {
    let rules = as_list(value);
    let text = rules.iter().map(python_repr).collect::<Vec<_>>().join("\n");
    Cell::formatted(Value::Array(rules), text)
}

/// python-openstackclient's QoS policy columns (`openstackclient/network/v2/network_qos_policy.py`).
const QOS_POLICY: Noun = Noun {
    what: "QoS policy",
    plural: "QoS policies",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Shared", "shared", plain),
        Column::new("Default", "is_default", plain),
        Column::new("Project", "project_id", plain),
    ],
    long: &[],
    show: &[
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("id"),
        Field::plain("is_default"),
        Field::plain("name"),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::new("rules", "rules", rules_column),
        Field::plain("shared"),
        Field::plain("tags"),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "location"],
};

/// The rule list of `network qos rule list` (rows of the policy's `rules`).
const QOS_RULE: Noun = Noun {
    what: "QoS rule",
    plural: "QoS rules",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("QoS Policy ID", "qos_policy_id", plain),
        Column::new("Type", "type", plain),
        Column::new("Max Kbps", "max_kbps", blank_if_null),
        Column::new("Max Burst Kbits", "max_burst_kbps", blank_if_null),
        Column::new("Min Kbps", "min_kbps", blank_if_null),
        Column::new("Min Kpps", "min_kpps", blank_if_null),
        Column::new("DSCP mark", "dscp_mark", blank_if_null),
        Column::new("Direction", "direction", blank_if_null),
    ],
    long: &[],
    show: &[],
    hidden: &[],
};

/// `get_dict_properties` gives `''` for a key a dict does not have.
fn blank_if_null(value: Value) -> Cell {
    Cell::from(if value.is_null() { Value::String(String::new()) } else { value })
}

/// The QoS rule type show (`rule_type_name` is the API's `type`).
const RULE_TYPE: Noun = Noun {
    what: "QoS rule type",
    plural: "QoS rule types",
    list: &[Column::new("Type", "type", plain)],
    long: &[],
    show: &[Field::plain("drivers"), Field::new("rule_type_name", "type", plain)],
    hidden: &[],
};

/// `network qos ...` commands.
#[derive(Subcommand)]
pub enum QosCommand {
    /// QoS policies.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// QoS rules (and `rule type`).
    #[command(subcommand)]
    Rule(RuleCommand),
}

/// QoS policy commands.
#[derive(Subcommand)]
pub enum PolicyCommand {
    /// Create a QoS policy.
    Create(PolicyCreateArgs),
    /// List QoS policies.
    List(PolicyListArgs),
    /// Show a QoS policy.
    Show {
        /// QoS policy name or id.
        policy: String,
    },
    /// Change a QoS policy.
    Set(PolicySetArgs),
    /// Delete QoS policies.
    Delete {
        /// QoS policy names or ids.
        #[arg(required = true)]
        policies: Vec<String>,
    },
}

/// `--default`/`--no-default`.
#[derive(Args)]
pub struct DefaultFlag {
    /// The default QoS policy of the project.
    #[arg(long, conflicts_with = "no_default")]
    default: bool,
    /// Not the default.
    #[arg(long = "no-default")]
    no_default: bool,
}

/// `network qos policy create` options.
#[derive(Args)]
pub struct PolicyCreateArgs {
    /// Name.
    name: String,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    share: Share,
    #[command(flatten)]
    project: Project,
    #[command(flatten)]
    default: DefaultFlag,
}

/// `network qos policy list` options.
#[derive(Args)]
pub struct PolicyListArgs {
    #[command(flatten)]
    project: Project,
    #[command(flatten)]
    share: Share,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

/// `network qos policy set` options.
#[derive(Args)]
pub struct PolicySetArgs {
    /// QoS policy name or id.
    policy: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    share: Share,
    #[command(flatten)]
    default: DefaultFlag,
}

/// QoS rule commands.
#[derive(Subcommand)]
pub enum RuleCommand {
    /// Create a QoS rule.
    Create(RuleCreateArgs),
    /// List the rules of a QoS policy.
    List {
        /// QoS policy name or id.
        #[arg(value_name = "qos-policy")]
        qos_policy: String,
    },
    /// Show a QoS rule.
    Show {
        /// QoS policy name or id.
        #[arg(value_name = "qos-policy")]
        qos_policy: String,
        /// Rule id.
        #[arg(value_name = "rule-id")]
        id: String,
    },
    /// Change a QoS rule.
    Set(RuleSetArgs),
    /// Delete a QoS rule.
    Delete {
        /// QoS policy name or id.
        #[arg(value_name = "qos-policy")]
        qos_policy: String,
        /// Rule id.
        #[arg(value_name = "rule-id")]
        id: String,
    },
    /// QoS rule types.
    #[command(subcommand)]
    Type(RuleTypeCommand),
}

/// The values of a rule.
#[derive(Args)]
pub struct RuleValues {
    /// Maximum bandwidth in kbps.
    #[arg(long = "max-kbps", value_name = "max-kbps")]
    max_kbps: Option<i64>,
    /// Maximum burst in kilobits.
    #[arg(long = "max-burst-kbits", value_name = "max-burst-kbits")]
    max_burst_kbits: Option<i64>,
    /// DSCP mark.
    #[arg(long = "dscp-mark", value_name = "dscp-mark")]
    dscp_mark: Option<i64>,
    /// Minimum guaranteed bandwidth in kbps.
    #[arg(long = "min-kbps", value_name = "min-kbps")]
    min_kbps: Option<i64>,
    /// Minimum guaranteed packet rate in kpps.
    #[arg(long = "min-kpps", value_name = "min-kpps")]
    min_kpps: Option<i64>,
    /// Ingress traffic.
    #[arg(long, conflicts_with_all = ["egress", "any"])]
    ingress: bool,
    /// Egress traffic.
    #[arg(long, conflicts_with = "any")]
    egress: bool,
    /// Any direction (minimum packet rate rules only).
    #[arg(long)]
    any: bool,
}

/// `network qos rule create` options.
#[derive(Args)]
pub struct RuleCreateArgs {
    /// QoS policy name or id.
    #[arg(value_name = "qos-policy")]
    qos_policy: String,
    /// Rule type.
    #[arg(long = "type", value_name = "type", value_parser = ["minimum-bandwidth", "minimum-packet-rate", "dscp-marking", "bandwidth-limit"])]
    rule_type: String,
    #[command(flatten)]
    values: RuleValues,
}

/// `network qos rule set` options.
#[derive(Args)]
pub struct RuleSetArgs {
    /// QoS policy name or id.
    #[arg(value_name = "qos-policy")]
    qos_policy: String,
    /// Rule id.
    #[arg(value_name = "rule-id")]
    id: String,
    #[command(flatten)]
    values: RuleValues,
}

/// QoS rule type commands.
#[derive(Subcommand)]
pub enum RuleTypeCommand {
    /// List the rule types.
    List {
        /// Every rule type the loaded drivers support.
        #[arg(long = "all-supported", conflicts_with = "all_rules")]
        all_supported: bool,
        /// Every rule type neutron knows.
        #[arg(long = "all-rules")]
        all_rules: bool,
    },
    /// Show a rule type and its drivers' parameters.
    Show {
        /// Rule type name.
        #[arg(value_name = "qos-rule-type-name")]
        rule_type: String,
    },
}

/// What each rule type needs (`MANDATORY_PARAMETERS`) and may have (`OPTIONAL_PARAMETERS`).
fn parameters(rule_type: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match rule_type {
        "minimum-bandwidth" => (&["direction", "min_kbps"], &[]),
        "minimum-packet-rate" => (&["direction", "min_kpps"], &[]),
        "dscp-marking" => (&["dscp_mark"], &[]),
        _ => (&["max_kbps"], &["direction", "max_burst_kbps"]),
    }
}

const ALL_REQUIRED: &[&str] = &["min_kbps", "direction", "min_kpps", "dscp_mark", "max_kbps"];

/// osc's `_get_attrs` and `_check_type_parameters`: the body of a rule of `rule_type`.
fn rule_attrs(values: &RuleValues, rule_type: &str, create: bool) -> Result<Map<String, Value>, String> {
    let mut attrs = Map::new();
    for (key, value) in [
        ("max_kbps", values.max_kbps),
        ("max_burst_kbps", values.max_burst_kbits),
        ("dscp_mark", values.dscp_mark),
        ("min_kbps", values.min_kbps),
        ("min_kpps", values.min_kpps),
    ] {
        if let Some(v) = value {
            attrs.insert(key.into(), Value::from(v));
        }
    }
    if values.ingress {
        attrs.insert("direction".into(), "ingress".into());
    }
    if values.egress {
        attrs.insert("direction".into(), "egress".into());
    }
    if values.any {
        if rule_type != "minimum-packet-rate" {
            return Err("Direction \"any\" can only be used with minimum-packet-rate rule type".into());
        }
        attrs.insert("direction".into(), "any".into());
    }
    let (required, optional) = parameters(rule_type);
    let mut allowed: Vec<&str> = required.iter().chain(optional).copied().collect();
    allowed.sort();
    if create && required.iter().any(|k| !attrs.contains_key(*k)) {
        let mut needed = required.to_vec();
        needed.sort();
        return Err(format!(
            "\"Create\" rule command for type \"{rule_type}\" requires arguments: {}",
            needed.join(", ")
        ));
    }
    if attrs.keys().any(|k| ALL_REQUIRED.contains(&k.as_str()) && !allowed.contains(&k.as_str())) {
        return Err(format!("Rule type \"{rule_type}\" only requires arguments: {}", allowed.join(", ")));
    }
    Ok(attrs)
}

/// The fields of a rule's show: the openstacksdk rule's attributes (`qos_policy_id` is in its
/// URI, not its body).
fn rule_show(rule: Map<String, Value>, rule_type: &str) -> Output {
    let keys: &[&str] = match rule_type {
        "minimum-bandwidth" => &["direction", "id", "min_kbps"],
        "minimum-packet-rate" => &["direction", "id", "min_kpps"],
        "dscp-marking" => &["dscp_mark", "id"],
        _ => &["direction", "id", "max_burst_kbps", "max_kbps"],
    };
    let fields = keys.iter().map(|k| (k.to_string(), Cell::from(rule.get(*k).cloned().unwrap_or(Value::Null))));
    Output::show_sorted(fields.collect())
}

/// The type of rule `id` of a policy (`_find_rule_type`), dashed.
fn find_rule_type(rules: &[Map<String, Value>], id: &str) -> Option<String> {
    rules
        .iter()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
        .and_then(|r| r.get("type").and_then(Value::as_str))
        .map(|t| t.replace('_', "-"))
}

impl QosCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            QosCommand::Policy(PolicyCommand::Create(_)) => Some("network qos policy create"),
            QosCommand::Policy(PolicyCommand::Show { .. }) => Some("network qos policy show"),
            QosCommand::Rule(RuleCommand::Create(_)) => Some("network qos rule create"),
            QosCommand::Rule(RuleCommand::Show { .. }) => Some("network qos rule show"),
            QosCommand::Rule(RuleCommand::Type(RuleTypeCommand::Show { .. })) => Some("network qos rule type show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        match self {
            QosCommand::Policy(command) => run_policy(command, ctx).await,
            QosCommand::Rule(RuleCommand::Type(command)) => run_rule_type(command, ctx).await,
            QosCommand::Rule(command) => run_rule(command, ctx).await,
        }
    }
}

async fn run_policy(command: PolicyCommand, ctx: &Context) -> CommandResult {
    let policies = ctx.conn.network().qos_policies();
    match command {
        PolicyCommand::Create(args) => {
            let body = CreateQosPolicy {
                description: args.description,
                shared: args.share.value(),
                is_default: flag(args.default.default, args.default.no_default),
                project_id: args.project.id(ctx).await?,
                ..CreateQosPolicy::new(args.name)
            };
            // printed without formatters
            Ok(QOS_POLICY.show_plain(&policies.create(&body).await?))
        }
        PolicyCommand::List(args) => {
            let query = QosPolicyQuery {
                shared: args.share.value(),
                common: NeutronListOptions {
                    project_id: args.project.id(ctx).await?,
                    limit: args.limit,
                    marker: args.marker,
                    ..NeutronListOptions::default()
                },
                ..QosPolicyQuery::default()
            };
            let found: Vec<_> = policies.list(&query).try_collect().await?;
            Ok(QOS_POLICY.list(&found, false))
        }
        PolicyCommand::Show { policy } => Ok(QOS_POLICY.show(&policies.find(&policy).await?)),
        PolicyCommand::Set(args) => {
            let found = policies.find(&args.policy).await?;
            let body = UpdateQosPolicy {
                name: args.name,
                description: args.description,
                shared: args.share.value(),
                is_default: flag(args.default.default, args.default.no_default),
                ..UpdateQosPolicy::default()
            };
            policies.update(&found.id, &body).await?;
            Ok(Output::Nothing)
        }
        PolicyCommand::Delete { policies: names } => {
            delete_each(&names, "QoS policy name or ID", "QoS policies", |name| {
                let policies = policies.clone();
                async move {
                    let found = policies.find(&name).await?;
                    Ok(policies.delete(&found.id).await?)
                }
            })
            .await
        }
    }
}

/// Runs `$body` with `$api` the typed rule API of dashed rule type `$type`, `$create` and
/// `$update` its body types.
macro_rules! with_rule_api {
    ($net:expr, $type:expr, $policy:expr, |$api:ident, $create:ident, $update:ident| $body:expr) => {
        match $type {
            "minimum-bandwidth" => {
                let $api = $net.minimum_bandwidth_rules($policy);
                type $create = CreateMinimumBandwidthRule;
                type $update = UpdateMinimumBandwidthRule;
                $body
            }
            "minimum-packet-rate" => {
                let $api = $net.minimum_packet_rate_rules($policy);
                type $create = CreateMinimumPacketRateRule;
                type $update = UpdateMinimumPacketRateRule;
                $body
            }
            "dscp-marking" => {
                let $api = $net.dscp_marking_rules($policy);
                type $create = CreateDscpMarkingRule;
                type $update = UpdateDscpMarkingRule;
                $body
            }
            _ => {
                let $api = $net.bandwidth_limit_rules($policy);
                type $create = CreateBandwidthLimitRule;
                type $update = UpdateBandwidthLimitRule;
                $body
            }
        }
    };
}

async fn run_rule(command: RuleCommand, ctx: &Context) -> CommandResult {
    let net = ctx.conn.network();
    let policies = net.qos_policies();
    match command {
        RuleCommand::Create(args) => {
            let made: Result<Map<String, Value>, CliError> = async {
                let attrs = rule_attrs(&args.values, &args.rule_type, true).map_err(CliError::Message)?;
                let policy = policies.find(&args.qos_policy).await?;
                with_rule_api!(net, args.rule_type.as_str(), &policy.id, |api, Create, _Update| {
                    Ok(to_map(&api.create(&Create { extra: attrs, ..Create::default() }).await?))
                })
            }
            .await;
            let made = made.map_err(|e| {
                CliError::Message(format!("Failed to create Network QoS rule: {}", crate::errors::message(&e, false)))
            })?;
            Ok(rule_show(made, &args.rule_type))
        }
        RuleCommand::List { qos_policy } => {
            let policy = policies.find(&qos_policy).await?;
            Ok(QOS_RULE.list(&policy.rules.unwrap_or_default(), false))
        }
        RuleCommand::Show { qos_policy, id } => {
            let shown: Result<(Map<String, Value>, String), CliError> = async {
                let policy = policies.find(&qos_policy).await?;
                let rule_type = find_rule_type(policy.rules.as_deref().unwrap_or_default(), &id)
                    .ok_or_else(|| CliError::Message("Rule not found".into()))?;
                with_rule_api!(net, rule_type.as_str(), &policy.id, |api, _Create, _Update| {
                    Ok((to_map(&api.get(&id).await?), rule_type.clone()))
                })
            }
            .await;
            let (rule, rule_type) = shown.map_err(|e| {
                CliError::Message(format!(
                    "Failed to show Network QoS rule ID \"{id}\": {}",
                    crate::errors::message(&e, false)
                ))
            })?;
            Ok(rule_show(rule, &rule_type))
        }
        RuleCommand::Set(args) => {
            let id = args.id.clone();
            let done: Result<(), CliError> = async {
                let policy = policies.find(&args.qos_policy).await?;
                let rule_type = find_rule_type(policy.rules.as_deref().unwrap_or_default(), &args.id)
                    .ok_or_else(|| CliError::Message("Rule not found".into()))?;
                let attrs = rule_attrs(&args.values, &rule_type, false).map_err(CliError::Message)?;
                with_rule_api!(net, rule_type.as_str(), &policy.id, |api, _Create, Update| {
                    api.update(&args.id, &Update { extra: attrs, ..Update::default() }).await?;
                    Ok(())
                })
            }
            .await;
            done.map_err(|e| {
                CliError::Message(format!(
                    "Failed to set Network QoS rule ID \"{id}\": {}",
                    crate::errors::message(&e, false)
                ))
            })?;
            Ok(Output::Nothing)
        }
        RuleCommand::Delete { qos_policy, id } => {
            let done: Result<(), CliError> = async {
                let policy = policies.find(&qos_policy).await?;
                let rule_type = find_rule_type(policy.rules.as_deref().unwrap_or_default(), &id)
                    .ok_or_else(|| CliError::Message(format!("Rule {id} not found")))?;
                with_rule_api!(net, rule_type.as_str(), &policy.id, |api, _Create, _Update| {
                    Ok(api.delete(&id).await?)
                })
            }
            .await;
            done.map_err(|e| {
                CliError::Message(format!(
                    "Failed to delete Network QoS rule ID \"{id}\": {}",
                    crate::errors::message(&e, false)
                ))
            })?;
            Ok(Output::Nothing)
        }
        RuleCommand::Type(_) => unreachable!("run_rule_type"),
    }
}

async fn run_rule_type(command: RuleTypeCommand, ctx: &Context) -> CommandResult {
    let types = ctx.conn.network().qos_rule_types();
    match command {
        RuleTypeCommand::List { all_supported, all_rules } => {
            let query =
                QosRuleTypeQuery { all_supported: all_supported.then_some(true), all_rules: all_rules.then_some(true) };
            let found: Vec<_> = types.list(&query).try_collect().await?;
            Ok(RULE_TYPE.list(&found, false))
        }
        RuleTypeCommand::Show { rule_type } => Ok(RULE_TYPE.show_fixed(&types.get(&rule_type).await?)),
    }
}
