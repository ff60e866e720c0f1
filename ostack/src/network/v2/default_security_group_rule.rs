//! DefaultSecurityGroupRule: a rule every new security group starts with (`security-groups-default-rules`) (`/v2.0/default-security-group-rules`).

use super::{keeps_sent, NeutronListOptions, Sent};
use crate::api::{Creatable, Deletable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A default security group rule.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct DefaultSecurityGroupRule {
    /// Id.
    pub id: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `ingress` or `egress`.
    #[serde(default)]
    pub direction: Option<String>,
    /// `IPv4` or `IPv6`.
    #[serde(default)]
    pub ethertype: Option<String>,
    /// Protocol, `None` for any.
    #[serde(default)]
    pub protocol: Option<String>,
    /// First port (or ICMP type).
    #[serde(default)]
    pub port_range_min: Option<i64>,
    /// Last port (or ICMP code).
    #[serde(default)]
    pub port_range_max: Option<i64>,
    /// Remote CIDR.
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    /// Remote group (`PARENT`: the group it lands in).
    #[serde(default)]
    pub remote_group_id: Option<String>,
    /// Remote address group.
    #[serde(default)]
    pub remote_address_group_id: Option<String>,
    /// Added to projects' `default` groups.
    #[serde(default)]
    pub used_in_default_sg: Option<bool>,
    /// Added to other new groups.
    #[serde(default)]
    pub used_in_non_default_sg: Option<bool>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(DefaultSecurityGroupRule);

crate::resource!(DefaultSecurityGroupRule {
    service: Network,
    path: "default-security-group-rules",
    key: Some("default_security_group_rule"),
    plural: "default_security_group_rules",
    query: DefaultSecurityGroupRuleQuery,
});
impl Creatable for DefaultSecurityGroupRule {
    type Create = CreateDefaultSecurityGroupRule;
}
impl Deletable for DefaultSecurityGroupRule {}

/// Neutron filters for listing default security group rules.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct DefaultSecurityGroupRuleQuery {
    /// Description.
    pub description: Option<String>,
    /// `ingress` or `egress`.
    pub direction: Option<String>,
    /// `IPv4` or `IPv6`.
    pub ethertype: Option<String>,
    /// Protocol, `None` for any.
    pub protocol: Option<String>,
    /// First port (or ICMP type).
    pub port_range_min: Option<i64>,
    /// Last port (or ICMP code).
    pub port_range_max: Option<i64>,
    /// Remote CIDR.
    pub remote_ip_prefix: Option<String>,
    /// Remote group (`PARENT`: the group it lands in).
    pub remote_group_id: Option<String>,
    /// Remote address group.
    pub remote_address_group_id: Option<String>,
    /// Added to projects' `default` groups.
    pub used_in_default_sg: Option<bool>,
    /// Added to other new groups.
    pub used_in_non_default_sg: Option<bool>,
    /// Project, tags, paging, sorting and fields.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/default-security-group-rules`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateDefaultSecurityGroupRule {
    /// Description.
    pub description: Option<String>,
    /// `ingress` or `egress`.
    pub direction: String,
    /// `IPv4` or `IPv6`.
    pub ethertype: Option<String>,
    /// Protocol, `None` for any.
    pub protocol: Option<String>,
    /// First port (or ICMP type).
    pub port_range_min: Option<i64>,
    /// Last port (or ICMP code).
    pub port_range_max: Option<i64>,
    /// Remote CIDR.
    pub remote_ip_prefix: Option<String>,
    /// Remote group (`PARENT`: the group it lands in).
    pub remote_group_id: Option<String>,
    /// Remote address group.
    pub remote_address_group_id: Option<String>,
    /// Added to projects' `default` groups.
    pub used_in_default_sg: Option<bool>,
    /// Added to other new groups.
    pub used_in_non_default_sg: Option<bool>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateDefaultSecurityGroupRule {
    /// A rule for `direction` (`ingress`/`egress`) traffic.
    pub fn new(direction: impl Into<String>) -> Self {
        CreateDefaultSecurityGroupRule { direction: direction.into(), ..Default::default() }
    }
}
