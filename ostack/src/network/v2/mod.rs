//! Network (neutron) API v2.0: one file per resource, and the proxy handing out their [`Api`](crate::Api)s.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection) -> ostack::Result<()> {
//! use ostack::network::v2::{CreateRouter, ExternalGateway};
//! let public = conn.network().networks().find("public").await?;
//! let router = conn.network().routers()
//!     .create(&CreateRouter { name: Some("edge".into()), external_gateway_info: Some(ExternalGateway::on(&public.id)), ..Default::default() })
//!     .await?;
//! println!("{} {:?}", router.id, router.external_gateway_info);
//! # Ok(()) }
//! ```

mod address_group;
mod address_scope;
mod agent;
mod auto_allocated_topology;
mod availability_zone;
mod child;
mod conntrack_helper;
mod default_security_group_rule;
mod extension;
mod flavor;
mod floating_ip;
mod local_ip;
mod metering_label;
mod metering_label_rule;
mod network;
mod network_ip_availability;
mod network_segment_range;
mod port;
mod port_forwarding;
mod proxy;
mod qos_policy;
mod qos_rule;
mod qos_rule_type;
mod quota;
mod rbac_policy;
mod router;
mod security_group;
mod security_group_rule;
mod segment;
mod sent;
mod service_profile;
mod service_provider;
mod subnet;
mod subnet_pool;
mod tag;
mod trunk;

pub use address_group::{AddressGroup, AddressGroupQuery, CreateAddressGroup, UpdateAddressGroup};
pub use address_scope::{AddressScope, AddressScopeQuery, CreateAddressScope, UpdateAddressScope};
pub use agent::{Agent, AgentQuery, UpdateAgent};
pub use auto_allocated_topology::{AutoAllocatedTopology, AutoAllocatedTopologyQuery};
pub use availability_zone::{AvailabilityZone, AvailabilityZoneQuery};
pub use child::Child;
pub use conntrack_helper::{ConntrackHelperQuery, CreateConntrackHelper, RouterConntrackHelper};
pub use default_security_group_rule::{
    CreateDefaultSecurityGroupRule, DefaultSecurityGroupRule, DefaultSecurityGroupRuleQuery,
};
pub use extension::{Extension, ExtensionQuery};
pub use flavor::{CreateFlavor, Flavor, FlavorQuery, UpdateFlavor};
pub use floating_ip::{CreateFloatingIp, FloatingIp, FloatingIpQuery, UpdateFloatingIp};
pub use local_ip::{CreateLocalIp, LocalIp, LocalIpQuery, UpdateLocalIp};
pub use metering_label::{CreateMeteringLabel, MeteringLabel, MeteringLabelQuery};
pub use metering_label_rule::{CreateMeteringLabelRule, MeteringLabelRule, MeteringLabelRuleQuery};
pub use network::{CreateNetwork, Network, NetworkQuery, UpdateNetwork};
pub use network_ip_availability::{NetworkIpAvailability, NetworkIpAvailabilityQuery};
pub use network_segment_range::{
    CreateNetworkSegmentRange, NetworkSegmentRange, NetworkSegmentRangeQuery, UpdateNetworkSegmentRange,
};
pub use port::{AddressPair, CreatePort, DnsAssignment, ExtraDhcpOpt, FixedIp, Port, PortQuery, UpdatePort};
pub use port_forwarding::{CreatePortForwarding, PortForwarding, PortForwardingQuery, UpdatePortForwarding};
pub use proxy::NetworkProxy;
pub use qos_policy::{CreateQosPolicy, QosPolicy, QosPolicyQuery, UpdateQosPolicy};
pub use qos_rule::{
    BandwidthLimitRule, CreateBandwidthLimitRule, CreateDscpMarkingRule, CreateMinimumBandwidthRule,
    CreateMinimumPacketRateRule, CreatePacketRateLimitRule, DscpMarkingRule, MinimumBandwidthRule,
    MinimumPacketRateRule, PacketRateLimitRule, QosRuleQuery, UpdateBandwidthLimitRule, UpdateDscpMarkingRule,
    UpdateMinimumBandwidthRule, UpdateMinimumPacketRateRule, UpdatePacketRateLimitRule,
};
pub use qos_rule_type::{QosRuleType, QosRuleTypeQuery};
pub use quota::{Quota, QuotaDetails, QuotaQuery, QuotaUsage, UpdateQuota};
pub use rbac_policy::{CreateRbacPolicy, RbacPolicy, RbacPolicyQuery, UpdateRbacPolicy};
pub use router::{
    CreateRouter, ExternalFixedIp, ExternalGateway, Route, Router, RouterInterface, RouterQuery, UpdateRouter,
};
pub use security_group::{CreateSecurityGroup, SecurityGroup, SecurityGroupQuery, UpdateSecurityGroup};
pub use security_group_rule::{CreateSecurityGroupRule, SecurityGroupRule, SecurityGroupRuleQuery};
pub use segment::{CreateSegment, Segment, SegmentQuery, UpdateSegment};
pub(crate) use sent::keeps_sent;
pub use sent::Sent;
pub use service_profile::{CreateServiceProfile, ServiceProfile, ServiceProfileQuery, UpdateServiceProfile};
pub use service_provider::{ServiceProvider, ServiceProviderQuery};
pub use subnet::{AllocationPool, CreateSubnet, HostRoute, Subnet, SubnetQuery, UpdateSubnet};
pub use subnet_pool::{CreateSubnetPool, PrefixLen, SubnetPool, SubnetPoolQuery, UpdateSubnetPool};
pub use tag::Taggable;
pub use trunk::{CreateTrunk, SubPort, Trunk, TrunkQuery, UpdateTrunk};

use crate::lenient::{timestamp, Timestamp};
use serde::{Deserialize, Serialize};

/// The standard attributes every neutron resource carries, written once and flattened into each.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NeutronStandard {
    /// Owning project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// The owning project under its old name (neutron still sends both).
    #[serde(default)]
    pub tenant_id: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Tags (`None` when the cloud sent none or `null`).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Creation time.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Revision, incremented on every change.
    #[serde(default)]
    pub revision_number: Option<i64>,
}

/// Neutron's common list options, flattened into every query: project, tag filters, paging,
/// sorting and column selection. Lists (`sort_key`, `fields`) are sent as repeated keys.
///
/// # Example
/// ```
/// use ostack::network::v2::{NeutronListOptions, SortDir};
/// let options = NeutronListOptions {
///     tags: Some("blue,red".into()),
///     sort_key: vec!["name".into()],
///     sort_dir: vec![SortDir::Desc],
///     fields: vec!["name".into()],
///     ..Default::default()
/// };
/// assert_eq!(
///     serde_html_form::to_string(&options).unwrap(),
///     "tags=blue%2Cred&sort_key=name&sort_dir=desc&fields=name&fields=id"
/// );
/// ```
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Serialize)]
pub struct NeutronListOptions {
    /// Project.
    pub project_id: Option<String>,
    /// Having all these tags (comma-separated).
    pub tags: Option<String>,
    /// Having any of these tags (comma-separated).
    #[serde(rename = "tags-any")]
    pub tags_any: Option<String>,
    /// Not having all these tags (comma-separated).
    #[serde(rename = "not-tags")]
    pub not_tags: Option<String>,
    /// Having none of these tags (comma-separated).
    #[serde(rename = "not-tags-any")]
    pub not_tags_any: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
    /// Start after this id.
    pub marker: Option<String>,
    /// Sort by these attributes, in order (neutron's `sort` extension).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sort_key: Vec<String>,
    /// The direction of each `sort_key`, in the same order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sort_dir: Vec<SortDir>,
    /// Only these attributes in the answer (`fields=`); `id` is always asked for too, as the
    /// typed resources and the pager need it. The others read as absent.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "fields_and_id")]
    pub fields: Vec<String>,
}

/// The direction of a neutron sort key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortDir {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

fn fields_and_id<S: serde::Serializer>(fields: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    let id = (!fields.iter().any(|f| f == "id")).then(|| "id".to_string());
    serializer.collect_seq(fields.iter().chain(id.as_ref()))
}
