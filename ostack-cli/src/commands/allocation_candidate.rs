//! `allocation candidate list`, as osc-placement 4.9 names, checks and prints it (1.10): request
//! groups are made, as there, by the order of the options (`--group 1 --resource ... --group 2
//! --resource ...`; options before any `--group` make the unsuffixed group).

use super::placement::{at_least, ge, osc_error, placement};
use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use ostack::placement::v1::{required_params, AllocationCandidatesQuery, GroupPolicy, RequestGroup};
use serde_json::json;

/// `allocation ...` commands.
#[derive(Subcommand)]
pub enum AllocationCommand {
    /// Allocation candidates.
    #[command(subcommand)]
    Candidate(CandidateCommand),
}

/// `allocation candidate ...`.
#[derive(Subcommand)]
pub enum CandidateCommand {
    /// List allocation candidates.
    List(ListArgs),
}

/// `allocation candidate list` options.
#[derive(Args)]
pub struct ListArgs {
    /// `<resource_class>=<value>` (repeatable; in the current group).
    #[arg(long)]
    resource: Vec<String>,
    /// At most this many candidates (1.16).
    #[arg(long)]
    limit: Option<u32>,
    /// A required trait (1.17; `A,B` any of them, 1.39; repeatable; in the current group).
    #[arg(long)]
    required: Vec<String>,
    /// A forbidden trait (1.22; repeatable; in the current group).
    #[arg(long)]
    forbidden: Vec<String>,
    /// Comma-separated aggregate UUIDs (1.21; repeatable; in the current group).
    #[arg(long = "member-of")]
    member_of: Vec<String>,
    /// Start a numbered request group (1.25).
    #[arg(long)]
    group: Vec<String>,
    /// `none` or `isolate`.
    #[arg(long = "group-policy", default_value = "none", value_parser = ["none", "isolate"])]
    group_policy: String,
}

#[derive(Default)]
struct Group {
    resources: Vec<String>,
    required: Vec<String>,
    forbidden: Vec<String>,
    member_of: Vec<String>,
}

/// The request groups, in the order the options came on the command line.
fn groups_from_argv(argv: &[String]) -> Vec<(String, Group)> {
    let mut groups: Vec<(String, Group)> = Vec::new();
    let mut current: Option<usize> = None;
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let known = ["--group", "--resource", "--required", "--forbidden", "--member-of"];
        if !known.contains(&name.as_str()) {
            i += 1;
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                argv.get(i).cloned().unwrap_or_default()
            }
        };
        i += 1;
        if name == "--group" {
            groups.push((value, Group::default()));
            current = Some(groups.len() - 1);
            continue;
        }
        let index = *current.get_or_insert_with(|| {
            groups.push((String::new(), Group::default()));
            groups.len() - 1
        });
        let group = &mut groups[index].1;
        match name.as_str() {
            "--resource" => group.resources.push(value),
            "--required" => group.required.push(value),
            "--forbidden" => group.forbidden.push(value),
            _ => group.member_of.push(value),
        }
    }
    groups
}

impl AllocationCommand {
    /// Lists only: no one-record command.
    pub fn show_one_name(&self) -> Option<&'static str> {
        None
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let AllocationCommand::Candidate(CandidateCommand::List(args)) = self;
        let (conn, version) = placement(ctx).await?;
        at_least(version, (1, 10))?;
        let argv: Vec<String> = std::env::args().collect();
        let groups = groups_from_argv(&argv);
        if groups.is_empty() {
            return Err(CliError::Message("At least one --resource must be specified.".into()));
        }
        let mut query = AllocationCandidatesQuery::default();
        if let Some(limit) = args.limit {
            at_least(version, (1, 16))?;
            query.limit = Some(limit);
        }
        if groups.iter().any(|(suffix, _)| !suffix.is_empty()) {
            at_least(version, (1, 25))?;
            query.group_policy =
                Some(if args.group_policy == "isolate" { GroupPolicy::Isolate } else { GroupPolicy::None });
        }
        for (suffix, g) in groups {
            if g.resources.is_empty() {
                return Err(CliError::Message(format!("--resources should be provided in group {suffix}")));
            }
            let mut group = RequestGroup::suffixed(suffix);
            for r in &g.resources {
                let parts: Vec<&str> = r.split('=').collect();
                let [class, amount] = parts[..] else {
                    return Err(CliError::Message(
                        "Arguments to --resource must be of form <resource_class>=<value>".into(),
                    ));
                };
                let amount = amount.parse().map_err(|_| CliError::Message(format!("invalid amount in '{r}'")))?;
                group.resources.insert(class.to_string(), amount);
            }
            if !g.required.is_empty() {
                at_least(version, (1, 17))?;
                if g.required.iter().any(|r| r.contains(',')) {
                    at_least(version, (1, 39))?;
                }
            }
            if !g.forbidden.is_empty() {
                at_least(version, (1, 22))?;
            }
            group.required = required_params(&g.required, &g.forbidden);
            if !g.member_of.is_empty() {
                at_least(version, (1, 21))?;
                group.member_of = g.member_of.iter().map(|m| format!("in:{m}")).collect();
            }
            query.groups.push(group);
        }
        let found = conn.placement().allocation_candidates(&query).await.map_err(osc_error)?;
        let with_traits = ge(version, (1, 17));
        let summary = |rp: &str| -> (String, String) {
            let Some(s) = found.provider_summaries.get(rp) else { return (String::new(), String::new()) };
            let resources = s
                .resources
                .iter()
                .map(|(rc, c)| format!("{rc}={}/{}", c.used, c.capacity))
                .collect::<Vec<_>>()
                .join(",");
            (resources, s.traits.clone().unwrap_or_default().join(","))
        };
        let mut rows = Vec::new();
        for (i, request) in found.allocation_requests.iter().enumerate() {
            for (rp, resources) in request.allocations.by_provider() {
                let asked = resources.iter().map(|(rc, v)| format!("{rc}={v}")).collect::<Vec<_>>().join(",");
                let (inventory, traits) = summary(rp);
                let mut row = vec![Cell::from(json!(i + 1)), Cell::from(asked), Cell::from(rp), Cell::from(inventory)];
                if with_traits {
                    row.push(Cell::from(traits));
                }
                rows.push(row);
            }
        }
        let mut columns = vec!["#", "allocation", "resource provider", "inventory used/capacity"];
        if with_traits {
            columns.push("traits");
        }
        Ok(Output::list(&columns, rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_join_the_group_they_follow() {
        let argv: Vec<String> = "ostack allocation candidate list --resource VCPU=1 --required=A --group 1 --resource X=2 --forbidden B --group 2 --member-of a,b --resource Y=1"
            .split(' ')
            .map(String::from)
            .collect();
        let groups = groups_from_argv(&argv);
        type Summary = (String, Vec<String>, Vec<String>, Vec<String>, Vec<String>);
        let summary: Vec<Summary> =
            groups.into_iter().map(|(s, g)| (s, g.resources, g.required, g.forbidden, g.member_of)).collect();
        let v = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            summary,
            [
                (String::new(), v(&["VCPU=1"]), v(&["A"]), v(&[]), v(&[])),
                ("1".to_string(), v(&["X=2"]), v(&[]), v(&["B"]), v(&[])),
                ("2".to_string(), v(&["Y=1"]), v(&[]), v(&[]), v(&["a,b"])),
            ]
        );
    }
}
