//! `security group rule create|list|show|delete`.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{list_of, plain, Column, Field, Noun};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::network::v2::{CreateSecurityGroupRule, NeutronListOptions, SecurityGroupRuleQuery};
use serde_json::{Map, Value};

/// python-openstackclient's rule columns (`openstackclient/network/v2/security_group_rule.py`).
const RULE: Noun = Noun {
    what: "security group rule",
    plural: "rules",
    list: &[
        Column::new("ID", "id", plain),
        Column::new("IP Protocol", "protocol", plain),
        Column::new("Ethertype", "ethertype", plain),
        Column::computed("IP Range", remote_ip_prefix, plain),
        Column::computed("Port Range", port_range, plain),
        Column::new("Direction", "direction", plain),
        Column::new("Remote Security Group", "remote_group_id", plain),
        Column::new("Remote Address Group", "remote_address_group_id", plain),
    ],
    long: &[],
    show: &[
        Field::plain("created_at"),
        Field::plain("description"),
        Field::plain("direction"),
        Field::new("ether_type", "ethertype", plain),
        Field::plain("id"),
        Field::plain("port_range_max"),
        Field::plain("port_range_min"),
        Field::plain("project_id"),
        Field::plain("protocol"),
        Field::plain("remote_address_group_id"),
        Field::plain("remote_group_id"),
        Field::plain("remote_ip_prefix"),
        Field::plain("revision_number"),
        Field::plain("security_group_id"),
        Field::plain("updated_at"),
    ],
    hidden: &["tenant_id", "tags", "name"],
};

/// Listed without a group: which group each rule is in.
const GROUP_COLUMN: Column = Column::new("Security Group", "security_group_id", plain);

fn is_icmp(protocol: Option<&str>) -> bool {
    matches!(protocol, Some("icmp" | "icmpv6" | "ipv6-icmp" | "1" | "58"))
}

fn truthy_number(value: &Value) -> Option<i64> {
    value.as_i64().filter(|n| *n != 0)
}

/// `format_network_port_range`: `type=8:code=0` for ICMP, `22:22` for ports, `""` for any.
fn port_range(rule: &Map<String, Value>) -> Value {
    let get = |key: &str| rule.get(key).cloned().unwrap_or(Value::Null);
    let (min, max) = (get("port_range_min"), get("port_range_max"));
    let text = if is_icmp(rule.get("protocol").and_then(Value::as_str)) {
        let mut text = String::new();
        if let Some(t) = truthy_number(&min) {
            text.push_str(&format!("type={t}"));
        }
        if let Some(c) = truthy_number(&max) {
            text.push_str(&format!(":code={c}"));
        }
        text
    } else if truthy_number(&min).is_some() || truthy_number(&max).is_some() {
        let (min, max) = (min.as_i64().or(max.as_i64()), max.as_i64().or(min.as_i64()));
        format!("{}:{}", min.unwrap_or_default(), max.unwrap_or_default())
    } else {
        String::new()
    };
    Value::String(text)
}

/// `format_remote_ip_prefix`: the prefix, or "everything" of the rule's ethertype.
fn remote_ip_prefix(rule: &Map<String, Value>) -> Value {
    match rule.get("remote_ip_prefix") {
        Some(prefix) if !prefix.is_null() => prefix.clone(),
        _ => match rule.get("ethertype").and_then(Value::as_str) {
            Some("IPv4") => "0.0.0.0/0".into(),
            Some("IPv6") => "::/0".into(),
            _ => Value::Null,
        },
    }
}

/// Security group rule commands.
#[derive(Subcommand)]
pub enum RuleCommand {
    /// Create a rule.
    Create(CreateArgs),
    /// List rules.
    List(ListArgs),
    /// Show a rule.
    Show {
        /// Rule id.
        rule: String,
    },
    /// Delete rules.
    Delete {
        /// Rule ids.
        #[arg(required = true)]
        rules: Vec<String>,
    },
}

/// `--ingress`/`--egress`.
#[derive(Args)]
pub struct Direction {
    /// Incoming traffic (the default on create).
    #[arg(long, conflicts_with = "egress")]
    ingress: bool,
    /// Outgoing traffic.
    #[arg(long)]
    egress: bool,
}

/// `security group rule create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Security group (name or id).
    group: String,
    /// Remote address block (CIDR).
    #[arg(long = "remote-ip", conflicts_with = "remote_group")]
    remote_ip: Option<String>,
    /// Remote security group (name or id).
    #[arg(long = "remote-group")]
    remote_group: Option<String>,
    /// Destination port or range (`22`, `8000:8080`).
    #[arg(long = "dst-port", value_parser = parse_range)]
    dst_port: Option<(i64, i64)>,
    /// IP protocol (tcp, udp, icmp, a number, `any`...).
    #[arg(long, value_parser = lowercase)]
    protocol: Option<String>,
    /// Description.
    #[arg(long)]
    description: Option<String>,
    /// ICMP type.
    #[arg(long = "icmp-type", allow_negative_numbers = true)]
    icmp_type: Option<i64>,
    /// ICMP code.
    #[arg(long = "icmp-code", allow_negative_numbers = true)]
    icmp_code: Option<i64>,
    #[command(flatten)]
    direction: Direction,
    /// IPv4 or IPv6 (default: from the protocol).
    #[arg(long, value_parser = ethertype)]
    ethertype: Option<String>,
}

/// `security group rule list` options.
#[derive(Args)]
pub struct ListArgs {
    /// Only the rules of this group (name or id).
    group: Option<String>,
    /// By protocol.
    #[arg(long, value_parser = lowercase)]
    protocol: Option<String>,
    /// Accepted and, as in python-openstackclient 10.5, not used to filter.
    #[arg(long, value_parser = lowercase)]
    ethertype: Option<String>,
    #[command(flatten)]
    direction: Direction,
    /// Deprecated; no longer needed.
    #[arg(long)]
    long: bool,
    /// By project id.
    #[arg(long)]
    project: Option<String>,
}

fn lowercase(text: &str) -> Result<String, String> {
    Ok(text.to_lowercase())
}

fn ethertype(text: &str) -> Result<String, String> {
    match text.to_lowercase().as_str() {
        "ipv4" => Ok("IPv4".into()),
        "ipv6" => Ok("IPv6".into()),
        _ => Err(format!("invalid choice: '{text}' (choose from 'IPv4', 'IPv6')")),
    }
}

/// `RangeAction`: `22` is 22 to 22, `8000:8080` a range.
fn parse_range(text: &str) -> Result<(i64, i64), String> {
    let number = |t: &str| t.trim().parse::<i64>().map_err(|_| format!("invalid port range '{text}'"));
    match text.split_once(':') {
        None => number(text).map(|n| (n, n)),
        Some((a, b)) => {
            let (min, max) = (number(a)?, number(b)?);
            if min > max {
                return Err(format!("Invalid range, {a} is not less than {b}"));
            }
            Ok((min, max))
        }
    }
}

impl Direction {
    fn value(&self) -> Option<&'static str> {
        match (self.ingress, self.egress) {
            (true, _) => Some("ingress"),
            (_, true) => Some("egress"),
            _ => None,
        }
    }
}

impl CreateArgs {
    /// The body osc sends, or the error it gives for ICMP options that do not fit.
    async fn body(self, ctx: &Context) -> Result<CreateSecurityGroupRule, CliError> {
        let groups = ctx.conn.network().security_groups();
        let group = groups.find(&self.group).await?.id;
        let protocol = self.protocol.filter(|p| p != "any");
        let ethertype = self.ethertype.unwrap_or_else(|| {
            let ipv6 = protocol
                .as_deref()
                .is_some_and(|p| p.starts_with("ipv6-") || ["icmpv6", "41", "43", "44", "58", "59", "60"].contains(&p));
            if ipv6 { "IPv6" } else { "IPv4" }.to_string()
        });
        let icmp_given = self.icmp_type.is_some_and(|t| t != 0) || self.icmp_code.is_some_and(|c| c != 0);
        if self.dst_port.is_some() && icmp_given {
            return Err("Argument --dst-port not allowed with arguments --icmp-type and --icmp-code"
                .to_string()
                .into());
        }
        if self.icmp_type.is_none() && self.icmp_code.is_some() {
            return Err("Argument --icmp-type required with argument --icmp-code".to_string().into());
        }
        let icmp = is_icmp(protocol.as_deref());
        if !icmp && icmp_given {
            return Err("ICMP IP protocol required with arguments --icmp-type and --icmp-code".to_string().into());
        }
        let mut body = CreateSecurityGroupRule::new(group, self.direction.value().unwrap_or("ingress"));
        if let (Some((min, max)), false) = (self.dst_port, icmp) {
            body.port_range_min = Some(min);
            body.port_range_max = Some(max);
        }
        body.port_range_min = self.icmp_type.filter(|t| *t >= 0).or(body.port_range_min);
        body.port_range_max = self.icmp_code.filter(|c| *c >= 0).or(body.port_range_max);
        if let Some(remote) = &self.remote_group {
            body.remote_group_id = Some(groups.find(remote).await?.id);
        } else {
            body.remote_ip_prefix = Some(
                self.remote_ip.unwrap_or_else(|| if ethertype == "IPv6" { "::/0" } else { "0.0.0.0/0" }.to_string()),
            );
        }
        body.protocol = protocol;
        body.ethertype = Some(ethertype);
        body.description = self.description;
        Ok(body)
    }
}

impl RuleCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            RuleCommand::Create(_) => Some("security group rule create"),
            RuleCommand::Show { .. } => Some("security group rule show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let rules = ctx.conn.network().security_group_rules();
        match self {
            // osc prints rules without formatters
            RuleCommand::Create(args) => Ok(RULE.show_plain(&rules.create(&args.body(ctx).await?).await?)),
            RuleCommand::List(args) => {
                if args.long {
                    eprintln!("The --long option has been deprecated and is no longer needed");
                }
                let groups = ctx.conn.network().security_groups();
                let group = match &args.group {
                    Some(name) => Some(groups.find(name).await?.id),
                    None => None,
                };
                let mut columns = RULE.columns(false);
                if group.is_none() {
                    columns.push(&GROUP_COLUMN);
                }
                let query = SecurityGroupRuleQuery {
                    security_group_id: group,
                    direction: args.direction.value().map(str::to_string),
                    protocol: args.protocol,
                    common: NeutronListOptions { project_id: args.project, ..Default::default() },
                    ..Default::default()
                };
                let found: Vec<_> = rules.list(&query).try_collect().await?;
                Ok(list_of(&found, &columns))
            }
            RuleCommand::Show { rule } => {
                let mut raw = to_map(&rules.find(&rule).await?);
                // osc shows "everything" of the ethertype for a rule with no prefix
                raw.insert("remote_ip_prefix".into(), remote_ip_prefix(&raw));
                Ok(RULE.fields(raw, false).sorted())
            }
            RuleCommand::Delete { rules: ids } => RULE.delete(&rules, &ids).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn range(rule: Value) -> Value {
        port_range(rule.as_object().unwrap())
    }

    #[test]
    fn port_ranges_as_osc_prints_them() {
        assert_eq!(range(json!({"protocol": "tcp", "port_range_min": 22, "port_range_max": 22})), "22:22");
        assert_eq!(range(json!({"protocol": "udp", "port_range_min": null, "port_range_max": 53})), "53:53");
        assert_eq!(range(json!({"protocol": null, "port_range_min": null, "port_range_max": null})), "");
        assert_eq!(range(json!({"protocol": "icmp", "port_range_min": 8, "port_range_max": 0})), "type=8");
        assert_eq!(range(json!({"protocol": "58", "port_range_min": 1, "port_range_max": 4})), "type=1:code=4");
    }

    #[test]
    fn remote_prefix_defaults_to_the_ethertype() {
        let prefix = |v: Value| remote_ip_prefix(v.as_object().unwrap());
        assert_eq!(prefix(json!({"remote_ip_prefix": null, "ethertype": "IPv6"})), "::/0");
        assert_eq!(prefix(json!({"ethertype": "IPv4"})), "0.0.0.0/0");
        assert_eq!(prefix(json!({"remote_ip_prefix": "10.0.0.0/8", "ethertype": "IPv4"})), "10.0.0.0/8");
    }

    #[test]
    fn port_range_option() {
        assert_eq!(parse_range("22"), Ok((22, 22)));
        assert_eq!(parse_range("8000:8080"), Ok((8000, 8080)));
        assert!(parse_range("9:8").is_err());
        assert!(parse_range("x").is_err());
        assert_eq!(ethertype("ipv6"), Ok("IPv6".to_string()));
        assert!(ethertype("ipx").is_err());
    }
}
