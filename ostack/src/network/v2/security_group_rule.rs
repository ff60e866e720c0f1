//! SecurityGroupRule: one allow rule of a security group (`/v2.0/security-group-rules`).
//! Rules cannot be changed, only created and deleted.

use super::{keeps_sent, NeutronListOptions, NeutronStandard, Sent};
use crate::api::{Creatable, Deletable};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron security group rule. It re-serializes as neutron sent it, `null`s included (see
/// [`Sent`]), also nested in a [`SecurityGroup`](super::SecurityGroup).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct SecurityGroupRule {
    /// Rule id.
    pub id: String,
    /// The group it belongs to.
    #[serde(default)]
    pub security_group_id: String,
    /// `ingress` or `egress`.
    #[serde(default)]
    pub direction: Option<String>,
    /// `IPv4` or `IPv6`.
    #[serde(default)]
    pub ethertype: Option<String>,
    /// `tcp`, `udp`, `icmp`, a number, or `None` for any.
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
    /// Remote security group.
    #[serde(default)]
    pub remote_group_id: Option<String>,
    /// Remote address group.
    #[serde(default)]
    pub remote_address_group_id: Option<String>,
    /// Project, description, timestamps, revision (rules have no tags).
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent (`normalized_cidr`, `belongs_to_default_sg`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing.
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(SecurityGroupRule);

crate::resource!(SecurityGroupRule {
    service: Network,
    path: "security-group-rules",
    key: Some("security_group_rule"),
    plural: "security_group_rules",
    query: SecurityGroupRuleQuery,
});
impl Creatable for SecurityGroupRule {
    type Create = CreateSecurityGroupRule;
}
impl Deletable for SecurityGroupRule {}

/// Neutron filters for listing rules.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct SecurityGroupRuleQuery {
    /// The group.
    pub security_group_id: Option<String>,
    /// `ingress` or `egress`.
    pub direction: Option<String>,
    /// `IPv4` or `IPv6`.
    pub ethertype: Option<String>,
    /// Protocol.
    pub protocol: Option<String>,
    /// First port.
    pub port_range_min: Option<i64>,
    /// Last port.
    pub port_range_max: Option<i64>,
    /// Remote CIDR.
    pub remote_ip_prefix: Option<String>,
    /// Remote group.
    pub remote_group_id: Option<String>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/security-group-rules`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSecurityGroupRule {
    /// The group (required).
    pub security_group_id: String,
    /// `ingress` or `egress` (required).
    pub direction: String,
    /// `IPv4` (default) or `IPv6`.
    pub ethertype: Option<String>,
    /// `tcp`, `udp`, `icmp`, a number; `None` for any.
    pub protocol: Option<String>,
    /// First port (or ICMP type).
    pub port_range_min: Option<i64>,
    /// Last port (or ICMP code).
    pub port_range_max: Option<i64>,
    /// Remote CIDR.
    pub remote_ip_prefix: Option<String>,
    /// Remote security group.
    pub remote_group_id: Option<String>,
    /// Remote address group.
    pub remote_address_group_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateSecurityGroupRule {
    /// A rule in `group` for `direction` (`ingress`/`egress`), any protocol, IPv4.
    pub fn new(group: impl Into<String>, direction: impl Into<String>) -> Self {
        CreateSecurityGroupRule { security_group_id: group.into(), direction: direction.into(), ..Default::default() }
    }
}
