//! `network segment range create|list|show|set|delete`, as python-openstackclient 10.5 names
//! and prints them (`openstackclient/network/v2/network_segment_range.py`).

use super::{delete_each, flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::Output;
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{
    CreateNetworkSegmentRange, NetworkProxy, NetworkSegmentRangeQuery, NeutronListOptions, UpdateNetworkSegmentRange,
};
use serde_json::{Map, Value};

/// osc's `_get_ranges`: the ids sorted, runs of consecutive ones as `first-last`.
fn ranges(ids: &[Value]) -> Vec<Value> {
    let mut numbers: Vec<i64> =
        ids.iter().filter_map(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))).collect();
    numbers.sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        let mut end = start;
        while i + 1 < numbers.len() && numbers[i + 1] - numbers[i] == 1 {
            i += 1;
            end = numbers[i];
        }
        out.push(Value::from(if start == end { start.to_string() } else { format!("{start}-{end}") }));
        i += 1;
    }
    out
}

/// `available` as osc shows it: ranges of the free ids.
fn available(raw: &Map<String, Value>) -> Value {
    match raw.get("available") {
        Some(Value::Array(ids)) => Value::Array(ranges(ids)),
        _ => Value::Array(Vec::new()),
    }
}

/// `used` as osc shows it: neutron's id-to-project map turned into project-to-ranges.
fn used(raw: &Map<String, Value>) -> Value {
    let mut by_project: Vec<(String, Vec<Value>)> = Vec::new();
    if let Some(Value::Object(used)) = raw.get("used") {
        for (id, project) in used {
            let project = match project {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match by_project.iter_mut().find(|(p, _)| *p == project) {
                Some((_, ids)) => ids.push(Value::from(id.clone())),
                None => by_project.push((project, vec![Value::from(id.clone())])),
            }
        }
    }
    Value::Object(by_project.into_iter().map(|(p, ids)| (p, Value::Array(ranges(&ids)))).collect())
}

/// python-openstackclient's segment range columns; the show has the openstacksdk resource's
/// attributes only.
const RANGE: Noun = Noun {
    what: "network segment range",
    plural: "network segment ranges",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("Name", "name", plain),
        Column::new("Default", "default", plain),
        Column::new("Shared", "shared", plain),
        Column::new("Project ID", "project_id", plain),
        Column::new("Network Type", "network_type", plain),
        Column::new("Physical Network", "physical_network", plain),
        Column::new("Minimum ID", "minimum", plain),
        Column::new("Maximum ID", "maximum", plain),
    ],
    long: &[Column::computed("Used", used, plain), Column::computed("Available", available, plain)],
    show: &[
        Field::computed("available", available, plain),
        Field::plain("created_at"),
        Field::plain("default"),
        Field::plain("description"),
        Field::plain("id"),
        Field::plain("maximum"),
        Field::plain("minimum"),
        Field::plain("name"),
        Field::plain("network_type"),
        Field::plain("physical_network"),
        Field::plain("project_id"),
        Field::plain("revision_number"),
        Field::plain("shared"),
        Field::plain("tags"),
        Field::plain("updated_at"),
        Field::computed("used", used, plain),
    ],
    hidden: &["tenant_id", "location"],
};

/// Network segment range commands.
#[derive(Subcommand)]
pub enum RangeCommand {
    /// Create a network segment range.
    Create(CreateArgs),
    /// List network segment ranges.
    List(ListArgs),
    /// Show a network segment range.
    Show {
        /// Network segment range to display (name or ID).
        #[arg(value_name = "network-segment-range")]
        network_segment_range: String,
    },
    /// Change a network segment range.
    Set(SetArgs),
    /// Delete network segment ranges.
    Delete {
        /// Network segment ranges to delete (name or ID).
        #[arg(required = true, value_name = "network-segment-range")]
        network_segment_ranges: Vec<String>,
    },
}

/// `network segment range create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name of new network segment range.
    name: String,
    /// Assigned specifically to the project.
    #[arg(long, conflicts_with = "shared")]
    private: bool,
    /// Shared with other projects.
    #[arg(long)]
    shared: bool,
    /// Owner (name or ID), with --private.
    #[arg(long)]
    project: Option<String>,
    /// Domain the project belongs to (name or ID).
    #[arg(long = "project-domain", value_name = "project-domain")]
    project_domain: Option<String>,
    /// Network type of this range.
    #[arg(long = "network-type", value_name = "network-type", required = true,
          value_parser = ["geneve", "gre", "vlan", "vxlan"])]
    network_type: String,
    /// Physical network name of this range (vlan).
    #[arg(long = "physical-network", value_name = "physical-network-name")]
    physical_network: Option<String>,
    /// Minimum segment identifier.
    #[arg(long, value_name = "minimum-segmentation-id", required = true)]
    minimum: i64,
    /// Maximum segment identifier.
    #[arg(long, value_name = "maximum-segmentation-id", required = true)]
    maximum: i64,
}

/// `network segment range list` options.
#[derive(Args)]
pub struct ListArgs {
    /// List additional fields in output.
    #[arg(long)]
    long: bool,
    /// Only ranges that have segments in use.
    #[arg(long, conflicts_with = "unused")]
    used: bool,
    /// Only ranges that have segments not in use.
    #[arg(long)]
    unused: bool,
    /// Only ranges that have available segments.
    #[arg(long, conflicts_with = "unavailable")]
    available: bool,
    /// Only ranges without available segments.
    #[arg(long)]
    unavailable: bool,
    /// Page size.
    #[arg(long)]
    limit: Option<u32>,
    /// Start after this id.
    #[arg(long)]
    marker: Option<String>,
}

/// `network segment range set` options.
#[derive(Args)]
pub struct SetArgs {
    /// Network segment range to modify (name or ID).
    #[arg(value_name = "network-segment-range")]
    network_segment_range: String,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// New minimum segment identifier.
    #[arg(long, value_name = "minimum-segmentation-id")]
    minimum: Option<i64>,
    /// New maximum segment identifier.
    #[arg(long, value_name = "maximum-segmentation-id")]
    maximum: Option<i64>,
}

/// osc checks the extension before each command: `Network segment range <verb> not supported by
/// Network API: No Extension found for network-segment-range`.
async fn require_extension(net: &NetworkProxy, verb: &str) -> Result<(), CliError> {
    if net.has_extension("network-segment-range").await? {
        Ok(())
    } else {
        Err(CliError::Message(format!(
            "Network segment range {verb} not supported by Network API: No Extension found for network-segment-range"
        )))
    }
}

/// Whether the value osc reads is empty (`not value`).
fn empty(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

impl RangeCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            RangeCommand::Create(_) => Some("network segment range create"),
            RangeCommand::Show { .. } => Some("network segment range show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let net = ctx.conn.network();
        let api = net.network_segment_ranges();
        match self {
            RangeCommand::Create(args) => {
                require_extension(&net, "create").await?;
                if !args.private && args.project.is_some() {
                    return Err(CliError::Message("--project is only allowed with --private".into()));
                }
                if !args.network_type.eq_ignore_ascii_case("vlan") && args.physical_network.is_some() {
                    return Err(CliError::Message(
                        "--physical-network is only allowed with --network-type vlan".into(),
                    ));
                }
                let shared = flag(args.shared, args.private).unwrap_or(true);
                let project_id = match &args.project {
                    Some(p) => Some(
                        super::identity::project_id(&ctx.conn.identity(), p, args.project_domain.as_deref(), true)
                            .await?,
                    ),
                    None if !shared => ctx.conn.token().await?.and_then(|t| t.project_id.clone()),
                    None => None,
                };
                let body = CreateNetworkSegmentRange {
                    shared: Some(shared),
                    physical_network: args.physical_network,
                    project_id,
                    ..CreateNetworkSegmentRange::new(args.name, args.network_type, args.minimum, args.maximum)
                };
                Ok(RANGE.show_fixed(&api.create(&body).await?))
            }
            RangeCommand::List(args) => {
                require_extension(&net, "list").await?;
                let query = NetworkSegmentRangeQuery {
                    common: NeutronListOptions { limit: args.limit, marker: args.marker, ..Default::default() },
                    ..Default::default()
                };
                let found: Vec<_> = api.list(&query).try_collect().await?;
                let filtering = args.available || args.unavailable || args.used || args.unused;
                let kept: Vec<Map<String, Value>> = found
                    .iter()
                    .map(crate::format::to_map)
                    .filter(|raw| {
                        let no_available = empty(raw.get("available"));
                        let no_used = empty(raw.get("used"));
                        !((args.available && no_available)
                            || (args.unavailable && !no_available)
                            || (args.used && no_used)
                            || (args.unused && !no_used))
                    })
                    .collect();
                Ok(RANGE.list(&kept, args.long || filtering))
            }
            RangeCommand::Show { network_segment_range } => {
                require_extension(&net, "show").await?;
                Ok(RANGE.show_fixed(&api.find(&network_segment_range).await?))
            }
            RangeCommand::Set(args) => {
                require_extension(&net, "set").await?;
                if args.minimum.is_some() != args.maximum.is_some() {
                    return Err(CliError::Message("--minimum and --maximum are both required".into()));
                }
                let found = api.find(&args.network_segment_range).await?;
                let body = UpdateNetworkSegmentRange {
                    name: args.name.filter(|n| !n.is_empty()),
                    minimum: args.minimum,
                    maximum: args.maximum,
                    ..Default::default()
                };
                api.update(&found.id, &body).await?;
                Ok(Output::Nothing)
            }
            RangeCommand::Delete { network_segment_ranges } => {
                require_extension(&net, "delete").await?;
                delete_each(
                    &network_segment_ranges,
                    "network segment range with ID",
                    "network segment ranges",
                    |name| {
                        let api = api.clone();
                        async move {
                            let found = api.find(&name).await?;
                            Ok(api.delete(&found.id).await?)
                        }
                    },
                )
                .await
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ranges_group_consecutive_ids_as_osc_does() {
        let ids = [json!(5), json!("3"), json!(4), json!(9), json!(7), json!(8), json!(1)];
        assert_eq!(ranges(&ids), vec![json!("1"), json!("3-5"), json!("7-9")]);
        assert!(ranges(&[]).is_empty());
    }

    #[test]
    fn used_turns_ids_by_project_into_ranges_by_project() {
        let raw = json!({"used": {"10": "p1", "12": "p2", "11": "p1"}});
        let raw = raw.as_object().unwrap();
        assert_eq!(used(raw), json!({"p1": ["10-11"], "p2": ["12"]}));
        assert_eq!(available(&Map::new()), json!([]));
    }
}
