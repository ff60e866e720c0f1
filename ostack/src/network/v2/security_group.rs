//! SecurityGroup: a named set of firewall rules applied to ports (`/v2.0/security-groups`).

use super::{keeps_sent, NeutronListOptions, NeutronStandard, SecurityGroupRule, Sent};
use crate::api::{Creatable, Deletable, Updatable};
use crate::lenient::null_as_default;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A neutron security group, with its rules.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct SecurityGroup {
    /// Security group id.
    pub id: String,
    /// Name (`null` reads as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Its rules.
    #[serde(default, deserialize_with = "null_as_default")]
    pub security_group_rules: Vec<SecurityGroupRule>,
    /// Stateful (conntrack) or not.
    #[serde(default)]
    pub stateful: Option<bool>,
    /// Shared with this project through RBAC.
    #[serde(default)]
    pub shared: Option<bool>,
    /// Project, description, tags, timestamps, revision.
    #[serde(flatten)]
    pub standard: NeutronStandard,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The keys neutron sent, for re-serializing (see [`Sent`]).
    #[serde(skip)]
    pub sent: Sent,
}
keeps_sent!(SecurityGroup);

crate::resource!(SecurityGroup {
    service: Network,
    path: "security-groups",
    key: Some("security_group"),
    plural: "security_groups",
    query: SecurityGroupQuery,
    name: name,
    name_filter: name,
});
impl Creatable for SecurityGroup {
    type Create = CreateSecurityGroup;
}
impl Updatable for SecurityGroup {
    type Update = UpdateSecurityGroup;
}
impl Deletable for SecurityGroup {}
impl super::Taggable for SecurityGroup {}

/// Neutron filters for listing security groups.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct SecurityGroupQuery {
    /// Exact name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Shared or not.
    pub shared: Option<bool>,
    /// Project, tags, paging and sorting.
    #[serde(flatten)]
    pub common: NeutronListOptions,
}

/// The body of `POST /v2.0/security-groups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct CreateSecurityGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Stateful or not.
    pub stateful: Option<bool>,
    /// Owning project (admin).
    pub project_id: Option<String>,
    /// Any other attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateSecurityGroup {
    /// A group with a name.
    pub fn new(name: impl Into<String>) -> Self {
        CreateSecurityGroup { name: Some(name.into()), ..Default::default() }
    }
}

/// The body of `PUT /v2.0/security-groups/{id}`: what can change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct UpdateSecurityGroup {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Stateful or not.
    pub stateful: Option<bool>,
    /// Any other mutable attribute.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A group as neutron 29 sends it: its rules carry `null`s.
    const SENT: &str = r#"{"id":"e56b","name":"default","stateful":true,"tenant_id":"1ad2","project_id":"1ad2","description":"Default security group","shared":false,"security_group_rules":[{"id":"4004","project_id":"1ad2","security_group_id":"e56b","ethertype":"IPv4","direction":"egress","protocol":null,"port_range_min":null,"port_range_max":null,"remote_ip_prefix":null,"remote_address_group_id":null,"normalized_cidr":null,"remote_group_id":null,"standard_attr_id":6,"belongs_to_default_sg":null,"description":null,"tags":[],"created_at":"2026-11-27T01:47:02Z","updated_at":"2026-11-27T01:47:02Z","revision_number":0,"tenant_id":"1ad2"},{"id":"9058","project_id":"1ad2","security_group_id":"e56b","ethertype":"IPv4","direction":"ingress","protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":null,"remote_address_group_id":null,"normalized_cidr":null,"remote_group_id":"e56b","standard_attr_id":8,"belongs_to_default_sg":null,"description":"ssh","tags":[],"created_at":"2026-11-27T01:47:02Z","updated_at":"2026-11-27T01:47:02Z","revision_number":0,"tenant_id":"1ad2"}],"tags":[],"created_at":"2026-11-27T01:47:02Z","updated_at":"2026-11-27T01:47:02Z","revision_number":1}"#;

    #[test]
    fn nested_rules_keep_their_nulls_and_order() {
        let group: SecurityGroup = serde_json::from_str(SENT).unwrap();
        assert_eq!(group.security_group_rules[1].port_range_min, Some(22));
        assert_eq!(group.security_group_rules[0].protocol, None);
        assert_eq!(serde_json::to_string(&group).unwrap(), SENT);
    }

    #[test]
    fn a_changed_field_serializes_in_its_place() {
        let mut group: SecurityGroup = serde_json::from_str(SENT).unwrap();
        let rule = &mut group.security_group_rules[0];
        rule.protocol = Some("udp".into());
        rule.remote_ip_prefix = Some("10.0.0.0/8".into());
        rule.standard.description = Some("dns".into());
        let back = serde_json::to_string(rule).unwrap();
        assert!(
            back.contains(r#""direction":"egress","protocol":"udp","port_range_min":null"#)
                && back.contains(r#""remote_ip_prefix":"10.0.0.0/8","remote_address_group_id":null"#)
                && back.contains(r#""belongs_to_default_sg":null,"description":"dns","tags":[]"#),
            "{back}"
        );
    }

    #[test]
    fn a_wrong_type_in_a_nested_rule_names_where() {
        let bad = SENT.replace(r#""port_range_min":22"#, r#""port_range_min":"ssh""#);
        let e = serde_json::from_str::<SecurityGroup>(&bad).unwrap_err().to_string();
        assert!(e.contains("security_group_rules[1]: port_range_min: invalid type"), "{e}");
    }
}
