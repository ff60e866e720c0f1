//! The network proxy: one typed [`Api`] per neutron resource.

use super::child::children;
use super::*;
use crate::api::Api;
use crate::resource;
use crate::{Connection, Result};

/// Network (neutron) calls. Get it with [`Connection::network`].
#[derive(Debug, Clone)]
pub struct NetworkProxy {
    conn: Connection,
}

impl NetworkProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        NetworkProxy { conn }
    }

    /// Networks.
    pub fn networks(&self) -> Api<Network> {
        Api::new(self.conn.clone())
    }

    /// Subnets.
    pub fn subnets(&self) -> Api<Subnet> {
        Api::new(self.conn.clone())
    }

    /// Ports.
    pub fn ports(&self) -> Api<Port> {
        Api::new(self.conn.clone())
    }

    /// Routers.
    pub fn routers(&self) -> Api<Router> {
        Api::new(self.conn.clone())
    }

    /// Floating IPs.
    pub fn floating_ips(&self) -> Api<FloatingIp> {
        Api::new(self.conn.clone())
    }

    /// Security groups.
    pub fn security_groups(&self) -> Api<SecurityGroup> {
        Api::new(self.conn.clone())
    }

    /// Security group rules.
    pub fn security_group_rules(&self) -> Api<SecurityGroupRule> {
        Api::new(self.conn.clone())
    }

    /// Subnet pools.
    pub fn subnet_pools(&self) -> Api<SubnetPool> {
        Api::new(self.conn.clone())
    }

    /// Address scopes.
    pub fn address_scopes(&self) -> Api<AddressScope> {
        Api::new(self.conn.clone())
    }

    /// Address groups.
    pub fn address_groups(&self) -> Api<AddressGroup> {
        Api::new(self.conn.clone())
    }

    /// Network segments (`segment`).
    pub fn segments(&self) -> Api<Segment> {
        Api::new(self.conn.clone())
    }

    /// Network segment ranges (`network-segment-range`, admin).
    pub fn network_segment_ranges(&self) -> Api<NetworkSegmentRange> {
        Api::new(self.conn.clone())
    }

    /// Trunks (`trunk`).
    pub fn trunks(&self) -> Api<Trunk> {
        Api::new(self.conn.clone())
    }

    /// QoS policies (`qos`).
    pub fn qos_policies(&self) -> Api<QosPolicy> {
        Api::new(self.conn.clone())
    }

    /// The bandwidth limit rules of QoS policy `policy_id`.
    pub fn bandwidth_limit_rules(&self, policy_id: &str) -> Api<BandwidthLimitRule> {
        children(self.conn.clone(), policy_id)
    }

    /// The DSCP marking rules of QoS policy `policy_id`.
    pub fn dscp_marking_rules(&self, policy_id: &str) -> Api<DscpMarkingRule> {
        children(self.conn.clone(), policy_id)
    }

    /// The minimum bandwidth rules of QoS policy `policy_id`.
    pub fn minimum_bandwidth_rules(&self, policy_id: &str) -> Api<MinimumBandwidthRule> {
        children(self.conn.clone(), policy_id)
    }

    /// The minimum packet rate rules of QoS policy `policy_id`.
    pub fn minimum_packet_rate_rules(&self, policy_id: &str) -> Api<MinimumPacketRateRule> {
        children(self.conn.clone(), policy_id)
    }

    /// The packet rate limit rules of QoS policy `policy_id`.
    pub fn packet_rate_limit_rules(&self, policy_id: &str) -> Api<PacketRateLimitRule> {
        children(self.conn.clone(), policy_id)
    }

    /// The QoS rule types the loaded drivers support.
    pub fn qos_rule_types(&self) -> Api<QosRuleType> {
        Api::new(self.conn.clone())
    }

    /// RBAC policies.
    pub fn rbac_policies(&self) -> Api<RbacPolicy> {
        Api::new(self.conn.clone())
    }

    /// The port forwardings of floating IP `floating_ip_id`.
    pub fn port_forwardings(&self, floating_ip_id: &str) -> Api<PortForwarding> {
        children(self.conn.clone(), floating_ip_id)
    }

    /// The conntrack helpers of router `router_id`.
    pub fn conntrack_helpers(&self, router_id: &str) -> Api<RouterConntrackHelper> {
        children(self.conn.clone(), router_id)
    }

    /// Metering labels (`metering`).
    pub fn metering_labels(&self) -> Api<MeteringLabel> {
        Api::new(self.conn.clone())
    }

    /// Metering label rules (`metering`).
    pub fn metering_label_rules(&self) -> Api<MeteringLabelRule> {
        Api::new(self.conn.clone())
    }

    /// Networks' IP availability (admin).
    pub fn network_ip_availabilities(&self) -> Api<NetworkIpAvailability> {
        Api::new(self.conn.clone())
    }

    /// Auto-allocated topologies, by project id.
    pub fn auto_allocated_topologies(&self) -> Api<AutoAllocatedTopology> {
        Api::new(self.conn.clone())
    }

    /// Local IPs (`local_ip`).
    pub fn local_ips(&self) -> Api<LocalIp> {
        Api::new(self.conn.clone())
    }

    /// Service providers.
    pub fn service_providers(&self) -> Api<ServiceProvider> {
        Api::new(self.conn.clone())
    }

    /// Neutron flavors.
    pub fn flavors(&self) -> Api<Flavor> {
        Api::new(self.conn.clone())
    }

    /// Service profiles of neutron flavors (admin).
    pub fn service_profiles(&self) -> Api<ServiceProfile> {
        Api::new(self.conn.clone())
    }

    /// Agents (admin).
    pub fn agents(&self) -> Api<Agent> {
        Api::new(self.conn.clone())
    }

    /// Availability zones.
    pub fn availability_zones(&self) -> Api<AvailabilityZone> {
        Api::new(self.conn.clone())
    }

    /// Quotas, by project id.
    pub fn quotas(&self) -> Api<Quota> {
        Api::new(self.conn.clone())
    }

    /// Default security group rules (`security-groups-default-rules`, admin).
    pub fn default_security_group_rules(&self) -> Api<DefaultSecurityGroupRule> {
        Api::new(self.conn.clone())
    }

    /// API extensions (`conn.network().extensions().has("trunk")`).
    pub fn extensions(&self) -> Api<Extension> {
        Api::new(self.conn.clone())
    }

    /// Create many ports in one bulk request (all or none).
    pub async fn create_ports(&self, bodies: &[super::CreatePort]) -> Result<Vec<Port>> {
        resource::create_bulk::<Port, _>(&self.conn, bodies).await
    }

    /// Create many networks in one bulk request (all or none).
    pub async fn create_networks(&self, bodies: &[super::CreateNetwork]) -> Result<Vec<Network>> {
        resource::create_bulk::<Network, _>(&self.conn, bodies).await
    }

    /// Create many subnets in one bulk request (all or none).
    pub async fn create_subnets(&self, bodies: &[super::CreateSubnet]) -> Result<Vec<Subnet>> {
        resource::create_bulk::<Subnet, _>(&self.conn, bodies).await
    }

    /// Whether neutron has the API extension `alias` loaded (`trunk`, `qos`, ...).
    pub async fn has_extension(&self, alias: &str) -> Result<bool> {
        self.extensions().has(alias).await
    }
}
