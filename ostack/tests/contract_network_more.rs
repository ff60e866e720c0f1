//! Contract tests of the neutron resources beyond the first slice (see tests/contract.rs for what
//! `resource_contract!` checks): samples round trip, wrong types never panic, and the requests
//! each operation sends, including tags, `fields=`/sort options, bulk creates, multi-valued
//! filters and the resources under a parent (QoS rules, port forwardings, conntrack helpers).

mod common;

use common::contract::{self, Body};
use ostack::network::v2::*;
use ostack::Api;
use serde_json::{json, Value};

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

resource_contract!(tags_and_list_options: Network, samples ["network/networks"] at least 1,
    list(NetworkQuery {
        common: NeutronListOptions {
            tags: Some("a,b".into()), tags_any: Some("c".into()), not_tags: Some("d".into()),
            not_tags_any: Some("e,f".into()), sort_key: strings(&["name", "id"]),
            sort_dir: vec![SortDir::Asc, SortDir::Desc], fields: strings(&["name", "status"]),
            ..Default::default()
        },
        ..Default::default()
    }) => GET "networks?tags=a%2Cb&tags-any=c&not-tags=d&not-tags-any=e%2Cf&sort_key=name&sort_key=id&sort_dir=asc&sort_dir=desc&fields=name&fields=status&fields=id" _,
    action(a => a.add_tag("ID", "blue sky")) => PUT "networks/ID/tags/blue%20sky" _,
    action(a => a.remove_tag("ID", "blue")) => DELETE "networks/ID/tags/blue" _,
    action(a => a.replace_tags("ID", &["red", "blue"])) => PUT "networks/ID/tags" "network/tag/tag-update-request.json",
    action(a => a.add_tags("ID", &["red"])) => POST "networks/ID/tags" {"tags": ["red"]},
    action(a => a.clear_tags("ID")) => DELETE "networks/ID/tags" _,
    action(a => a.has_tag("ID", "red")) => GET "networks/ID/tags/red" _,
    action(a => a.tags("ID")) => GET "networks/ID/tags" _,
    action(a => a.connection().network().create_networks(&[CreateNetwork::new("sample_network_1"),
        CreateNetwork { admin_state_up: Some(false), ..CreateNetwork::new("sample_network_2") }]))
        => POST "networks" {"networks": [{"name": "sample_network_1"}, {"name": "sample_network_2", "admin_state_up": false}]},
);

resource_contract!(bulk_subnets: Subnet, samples ["network/subnets"] at least 1,
    action(a => a.connection().network().create_subnets(&[
        CreateSubnet { ip_version: Some(4), ..CreateSubnet::new("e6031bc2-901a-4c66-82da-f4c32ed89406", "192.168.199.0/24") },
        CreateSubnet { ip_version: Some(4), ..CreateSubnet::new("64239a54-dcc4-4b39-920b-b37c2144effa", "10.56.4.0/22") },
    ])) => POST "subnets" "network/subnets/subnets-create-bulk-request.json",
);

resource_contract!(floating_ip_filters: FloatingIp, samples ["network/floatingips"] at least 1,
    list(FloatingIpQuery {
        status: strings(&["ACTIVE", "DOWN"]), router_id: strings(&["r1", "r2"]),
        floating_ip_address: strings(&["172.24.4.9"]), ..Default::default()
    }) => GET "floatingips?floating_ip_address=172.24.4.9&router_id=r1&router_id=r2&status=ACTIVE&status=DOWN" _,
    create(CreateFloatingIp { router_id: Some("r1".into()), ..CreateFloatingIp::on("ext") })
        => POST "floatingips" {"floatingip": {"floating_network_id": "ext", "router_id": "r1"}},
    update("ID", UpdateFloatingIp { router_id: Some("r1".into()), ..Default::default() })
        => PUT "floatingips/ID" {"floatingip": {"router_id": "r1"}},
);

resource_contract!(subnet_pool: SubnetPool, samples ["network/subnets"] at least 3,
    list(SubnetPoolQuery { ip_version: Some(4), is_default: Some(true), ..Default::default() })
        => GET "subnetpools?ip_version=4&is_default=true" _,
    get("ID") => GET "subnetpools/ID" _,
    create(CreateSubnetPool {
        default_prefixlen: Some(25), min_prefixlen: Some(24), max_prefixlen: Some(30), shared: Some(false),
        ..CreateSubnetPool::new("my-subnet-pool", strings(&["192.168.0.0/16", "10.10.0.0/21"]))
    }) => POST "subnetpools" {"subnetpool": {"name": "my-subnet-pool", "prefixes": ["192.168.0.0/16", "10.10.0.0/21"],
        "default_prefixlen": 25, "min_prefixlen": 24, "max_prefixlen": 30, "shared": false}},
    update("ID", UpdateSubnetPool { name: Some("new".into()), ..Default::default() }) => PUT "subnetpools/ID" {"subnetpool": {"name": "new"}},
    delete("ID") => DELETE "subnetpools/ID" _,
    action(a => a.add_prefixes("ID", &["192.168.0.0/24"])) => PUT "subnetpools/ID/add_prefixes" {"prefixes": ["192.168.0.0/24"]},
    action(a => a.remove_prefixes("ID", &["192.168.0.0/24"])) => PUT "subnetpools/ID/remove_prefixes" {"prefixes": ["192.168.0.0/24"]},
    action(a => a.onboard_network_subnets("ID", "n1")) => PUT "subnetpools/ID/onboard_network_subnets" {"network_id": "n1"},
    action(a => a.add_tag("ID", "t")) => PUT "subnetpools/ID/tags/t" _,
);

resource_contract!(address_scope: AddressScope, samples ["network/address-scopes"] at least 4,
    list(AddressScopeQuery { shared: Some(true), ..Default::default() }) => GET "address-scopes?shared=true" _,
    get("ID") => GET "address-scopes/ID" _,
    create(CreateAddressScope {
        shared: Some(true), project_id: Some("a7a7fa10fd7a4c80acb7e4b224480495".into()),
        extra: [("tenant_id".to_string(), json!("a7a7fa10fd7a4c80acb7e4b224480495"))].into_iter().collect(),
        ..CreateAddressScope::new("address-scope-2", 4)
    }) => POST "address-scopes" "network/address-scopes/address-scope-create-request.json",
    update("ID", UpdateAddressScope { name: Some("address-scope-ip4".into()), shared: Some(true), ..Default::default() })
        => PUT "address-scopes/ID" "network/address-scopes/address-scope-update-request.json",
    delete("ID") => DELETE "address-scopes/ID" _,
);

resource_contract!(address_group: AddressGroup, samples ["network/address-groups"] at least 5,
    list(AddressGroupQuery { name: Some("g".into()), ..Default::default() }) => GET "address-groups?name=g" _,
    get("ID") => GET "address-groups/ID" _,
    create(CreateAddressGroup { description: Some("docs example group".into()), ..CreateAddressGroup::new("address-group-2", vec![]) })
        => POST "address-groups" "network/address-groups/address-group-create-request.json",
    update("ID", UpdateAddressGroup { name: Some("new-name".into()), ..Default::default() }) => PUT "address-groups/ID" {"address_group": {"name": "new-name"}},
    delete("ID") => DELETE "address-groups/ID" _,
    action(a => a.add_addresses("ID", &["10.0.2.100/32"])) => PUT "address-groups/ID/add_addresses" "network/address-groups/address-group-add-addresses-request.json",
    action(a => a.remove_addresses("ID", &["10.0.2.100/32"])) => PUT "address-groups/ID/remove_addresses" "network/address-groups/address-group-remove-addresses-request.json",
);

resource_contract!(segment: Segment, samples ["network/segments"] at least 4,
    list(SegmentQuery { network_id: Some("n1".into()), ..Default::default() }) => GET "segments?network_id=n1" _,
    get("ID") => GET "segments/ID" _,
    create(CreateSegment { segmentation_id: Some(2000), physical_network: Some("segment-1".into()),
        ..CreateSegment::new("5c0cb560-4089-41dd-be29-469907a23b49", "vlan") })
        => POST "segments" "network/segments/segment-create-request.json",
    update("ID", UpdateSegment { name: Some("edge".into()), ..Default::default() }) => PUT "segments/ID" {"segment": {"name": "edge"}},
    delete("ID") => DELETE "segments/ID" _,
);

resource_contract!(network_segment_range: NetworkSegmentRange, samples ["network/network_segment_ranges"] at least 4,
    list(NetworkSegmentRangeQuery { network_type: Some("vlan".into()), ..Default::default() }) => GET "network_segment_ranges?network_type=vlan" _,
    get("ID") => GET "network_segment_ranges/ID" _,
    create(CreateNetworkSegmentRange {
        description: Some("network segment range for testing".into()), shared: Some(false),
        project_id: Some("7011dc7fccac4efda89dc3b7f0d0975a".into()), physical_network: Some("physnet1".into()),
        ..CreateNetworkSegmentRange::new("range_vlan_physnet1", "vlan", 10, 20)
    }) => POST "network_segment_ranges" "network/network_segment_ranges/network_segment_range-create-request.json",
    update("ID", UpdateNetworkSegmentRange { minimum: Some(100), maximum: Some(120), ..Default::default() })
        => PUT "network_segment_ranges/ID" {"network_segment_range": {"minimum": 100, "maximum": 120}},
    delete("ID") => DELETE "network_segment_ranges/ID" _,
);

resource_contract!(trunk: Trunk, samples ["network/trunks"] at least 4,
    list(TrunkQuery { port_id: Some("p".into()), ..Default::default() }) => GET "trunks?port_id=p" _,
    get("ID") => GET "trunks/ID" _,
    create(CreateTrunk { name: Some("test".into()), admin_state_up: Some(true), ..CreateTrunk::new("8027c4da-772f-4e43-bfbf-023b4a4e63de") })
        => POST "trunks" "network/trunks/trunk-create-request.json",
    update("ID", UpdateTrunk { name: Some("t".into()), ..Default::default() }) => PUT "trunks/ID" {"trunk": {"name": "t"}},
    delete("ID") => DELETE "trunks/ID" _,
    action(a => a.add_subports("ID", &[SubPort::vlan("4b4c691b-086d-43d2-8a65-5487e9434155", 44)]))
        => PUT "trunks/ID/add_subports" "network/trunks/trunk-add-subports-request.json",
    action(a => a.remove_subports("ID", &["4b4c691b-086d-43d2-8a65-5487e9434155"]))
        => PUT "trunks/ID/remove_subports" "network/trunks/trunk-remove-subports-request.json",
    action(a => a.subports("ID")) => GET "trunks/ID/get_subports" _,
    action(a => a.add_tag("ID", "t")) => PUT "trunks/ID/tags/t" _,
);

resource_contract!(qos_policy: QosPolicy, samples ["network/qos"] at least 4,
    list(QosPolicyQuery { is_default: Some(false), ..Default::default() }) => GET "qos/policies?is_default=false" _,
    get("ID") => GET "qos/policies/ID" _,
    create(CreateQosPolicy { description: Some("This policy limits the ports to 10Mbit max.".into()), shared: Some(false), ..CreateQosPolicy::new("10Mbit") })
        => POST "qos/policies" "network/qos/policy-create-request.json",
    update("ID", UpdateQosPolicy { name: Some("10Mbit".into()), description: Some("This policy limits the ports to 10Mbit max.".into()), shared: Some(false), ..Default::default() })
        => PUT "qos/policies/ID" "network/qos/policy-update-request.json",
    delete("ID") => DELETE "qos/policies/ID" _,
    action(a => a.add_tag("ID", "t")) => PUT "qos/policies/ID/tags/t" _,
);

resource_contract!(bandwidth_limit_rule: BandwidthLimitRule, samples ["network/qos"] at least 3,
    action(a => a.connection().network().bandwidth_limit_rules("P").list(&Default::default()).collect_all()) => GET "qos/policies/P/bandwidth_limit_rules" _,
    action(a => a.connection().network().bandwidth_limit_rules("P").create(&CreateBandwidthLimitRule {
        max_kbps: Some(10000), ..Default::default()
    })) => POST "qos/policies/P/bandwidth_limit_rules" {"bandwidth_limit_rule": {"max_kbps": 10000}},
    action(a => a.connection().network().bandwidth_limit_rules("P").update("R", &UpdateBandwidthLimitRule {
        max_kbps: Some(10000), ..Default::default()
    })) => PUT "qos/policies/P/bandwidth_limit_rules/R" {"bandwidth_limit_rule": {"max_kbps": 10000}},
    action(a => a.connection().network().bandwidth_limit_rules("P").get("R")) => GET "qos/policies/P/bandwidth_limit_rules/R" _,
    action(a => a.connection().network().bandwidth_limit_rules("P").delete("R")) => DELETE "qos/policies/P/bandwidth_limit_rules/R" _,
);
resource_contract!(dscp_marking_rule: DscpMarkingRule, samples ["network/qos"] at least 3,
    action(a => a.connection().network().dscp_marking_rules("P").create(&CreateDscpMarkingRule {
        dscp_mark: Some(26), ..Default::default()
    })) => POST "qos/policies/P/dscp_marking_rules" {"dscp_marking_rule": {"dscp_mark": 26}},
);
resource_contract!(minimum_bandwidth_rule: MinimumBandwidthRule, samples ["network/qos"] at least 3,
    action(a => a.connection().network().minimum_bandwidth_rules("P").create(&CreateMinimumBandwidthRule {
        min_kbps: Some(1000), direction: Some("egress".into()), ..Default::default()
    })) => POST "qos/policies/P/minimum_bandwidth_rules" {"minimum_bandwidth_rule": {"min_kbps": 1000, "direction": "egress"}},
);
resource_contract!(minimum_packet_rate_rule: MinimumPacketRateRule, samples ["network/qos"] at least 3,
    action(a => a.connection().network().minimum_packet_rate_rules("P").create(&CreateMinimumPacketRateRule {
        min_kpps: Some(1000), direction: Some("any".into()), ..Default::default()
    })) => POST "qos/policies/P/minimum_packet_rate_rules" {"minimum_packet_rate_rule": {"min_kpps": 1000, "direction": "any"}},
);
resource_contract!(packet_rate_limit_rule: PacketRateLimitRule, samples ["network/qos"] at least 3,
    action(a => a.connection().network().packet_rate_limit_rules("P").delete("R")) => DELETE "qos/policies/P/packet_rate_limit_rules/R" _,
);

/// An empty parent id is refused before anything is sent (it would address another collection).
#[tokio::test]
async fn empty_parent_id_is_refused() {
    let cloud = contract::Recorder::start::<BandwidthLimitRule>().await;
    let rules = cloud.conn.network().bandwidth_limit_rules("");
    let err = rules.get("R").await.unwrap_err();
    assert!(err.to_string().contains("empty parent id"), "{err}");
    let err = rules.list(&Default::default()).collect_all().await.unwrap_err();
    assert!(err.to_string().contains("empty parent id"), "{err}");
    let err = rules.create(&CreateBandwidthLimitRule::default()).await.unwrap_err();
    assert!(err.to_string().contains("empty parent id"), "{err}");
}

resource_contract!(qos_rule_type: QosRuleType, samples ["network/qos"] at least 3,
    list(QosRuleTypeQuery { all_supported: Some(true), ..Default::default() }) => GET "qos/rule-types?all_supported=true" _,
    get("bandwidth_limit") => GET "qos/rule-types/bandwidth_limit" _,
);

resource_contract!(rbac_policy: RbacPolicy, samples ["network/rbac_policy"] at least 4,
    list(RbacPolicyQuery { object_type: Some("network".into()), ..Default::default() }) => GET "rbac-policies?object_type=network" _,
    get("ID") => GET "rbac-policies/ID" _,
    create(CreateRbacPolicy::new("network", "1f32f072-4d17-4811-b619-3623d018bd40", "access_as_shared", "0670b690f27e47a58b6a479d26004715"))
        => POST "rbac-policies" "network/rbac_policy/rbac-policy-create-request.json",
    update("ID", UpdateRbacPolicy { target_tenant: Some("*".into()), ..Default::default() })
        => PUT "rbac-policies/ID" "network/rbac_policy/rbac-policy-update-request.json",
    delete("ID") => DELETE "rbac-policies/ID" _,
);

resource_contract!(port_forwarding: PortForwarding, samples ["network/port_forwardings"] at least 4,
    action(a => a.connection().network().port_forwardings("F").create(&CreatePortForwarding {
        protocol: Some("tcp".into()), internal_ip_address: Some("10.0.0.11".into()), internal_port: Some(25),
        internal_port_id: Some("1238be08-a2a8-4b8d-addf-fb5e2250e480".into()), external_port: Some(2230),
        description: Some("Some description".into()), ..Default::default()
    })) => POST "floatingips/F/port_forwardings" "network/port_forwardings/port-fowarding-create-request.json",
    action(a => a.connection().network().port_forwardings("F").list(&PortForwardingQuery { protocol: Some("udp".into()), ..Default::default() }).collect_all())
        => GET "floatingips/F/port_forwardings?protocol=udp" _,
    action(a => a.connection().network().port_forwardings("F").update("P", &UpdatePortForwarding { external_port: Some(2230), ..Default::default() }))
        => PUT "floatingips/F/port_forwardings/P" {"port_forwarding": {"external_port": 2230}},
    action(a => a.connection().network().port_forwardings("F").delete("P")) => DELETE "floatingips/F/port_forwardings/P" _,
);

resource_contract!(conntrack_helper: RouterConntrackHelper, samples ["network/conntrack_helpers"] at least 4,
    action(a => a.connection().network().conntrack_helpers("R").create(&CreateConntrackHelper {
        protocol: Some("udp".into()), port: Some(2121), helper: Some("ftp".into()), ..Default::default()
    })) => POST "routers/R/conntrack_helpers" "network/conntrack_helpers/conntrack-helper-create-request.json",
    action(a => a.connection().network().conntrack_helpers("R").get("H")) => GET "routers/R/conntrack_helpers/H" _,
    action(a => a.connection().network().conntrack_helpers("R").delete("H")) => DELETE "routers/R/conntrack_helpers/H" _,
);

resource_contract!(metering_label: MeteringLabel, samples ["network/metering"] at least 3,
    list(MeteringLabelQuery { shared: Some(false), ..Default::default() }) => GET "metering/metering-labels?shared=false" _,
    get("ID") => GET "metering/metering-labels/ID" _,
    create(CreateMeteringLabel { name: Some("label1".into()), description: Some("description of label1".into()), ..Default::default() })
        => POST "metering/metering-labels" "network/metering/metering-label-create-request.json",
    delete("ID") => DELETE "metering/metering-labels/ID" _,
);

resource_contract!(metering_label_rule: MeteringLabelRule, samples ["network/metering"] at least 3,
    list(MeteringLabelRuleQuery { metering_label_id: Some("L".into()), ..Default::default() }) => GET "metering/metering-label-rules?metering_label_id=L" _,
    get("ID") => GET "metering/metering-label-rules/ID" _,
    create(CreateMeteringLabelRule { remote_ip_prefix: Some("10.0.1.0/24".into()), ..CreateMeteringLabelRule::new("e131d186-b02d-4c0b-83d5-0c0725c4f812", "ingress") })
        => POST "metering/metering-label-rules" "network/metering/metering-label-rule-create-request.json",
    delete("ID") => DELETE "metering/metering-label-rules/ID" _,
);

resource_contract!(local_ip: LocalIp, samples ["network/local_ips"] at least 4,
    list(LocalIpQuery { network_id: Some("n".into()), ..Default::default() }) => GET "local_ips?network_id=n" _,
    get("ID") => GET "local_ips/ID" _,
    create(CreateLocalIp {
        name: Some("test_local_ip".into()), description: Some("local ip for testing".into()),
        network_id: Some("ce705c24-c1ef-408a-bda3-7bbd946164ab".into()), local_ip_address: Some("172.24.4.228".into()),
        ip_mode: Some("translate".into()), ..Default::default()
    }) => POST "local_ips" "network/local_ips/local_ip-create-request.json",
    update("ID", UpdateLocalIp { name: Some("new_name".into()), description: Some("new description".into()), ..Default::default() }) => PUT "local_ips/ID" "network/local_ips/local_ip-update-request.json",
    delete("ID") => DELETE "local_ips/ID" _,
);

resource_contract!(flavor: Flavor, samples ["network/flavors"] at least 4,
    list(FlavorQuery { service_type: Some("L3_ROUTER_NAT".into()), ..Default::default() }) => GET "flavors?service_type=L3_ROUTER_NAT" _,
    get("ID") => GET "flavors/ID" _,
    create(CreateFlavor { enabled: Some(true), description: Some("Dummy flavor".into()), ..CreateFlavor::new("dummy", "FIREWALL") })
        => POST "flavors" "network/flavors/flavor-create-request.json",
    update("ID", UpdateFlavor { enabled: Some(false), ..Default::default() }) => PUT "flavors/ID" {"flavor": {"enabled": false}},
    delete("ID") => DELETE "flavors/ID" _,
    action(a => a.add_service_profile("ID", "4e5b9191-ffbe-4f7a-b112-2db98232fd32"))
        => POST "flavors/ID/service_profiles" "network/flavors/flavor-associate-request.json",
    action(a => a.remove_service_profile("ID", "S")) => DELETE "flavors/ID/service_profiles/S" _,
);

resource_contract!(service_profile: ServiceProfile, samples ["network/flavors"] at least 4,
    list(ServiceProfileQuery { driver: Some("d".into()), ..Default::default() }) => GET "service_profiles?driver=d" _,
    get("ID") => GET "service_profiles/ID" _,
    create(CreateServiceProfile { enabled: Some(true), driver: Some("neutron.services.vpn.device_drivers.ipsec.OpenSwanDriver".into()),
        description: Some("Dummy profile".into()), metainfo: Some("{'foo': 'bar'}".into()), ..Default::default() })
        => POST "service_profiles" {"service_profile": {"enabled": true, "driver": "neutron.services.vpn.device_drivers.ipsec.OpenSwanDriver",
            "description": "Dummy profile", "metainfo": "{'foo': 'bar'}"}},
    delete("ID") => DELETE "service_profiles/ID" _,
);

resource_contract!(agent: Agent, samples ["network/agents"] at least 5,
    list(AgentQuery { agent_type: Some("L3 agent".into()), ..Default::default() }) => GET "agents?agent_type=L3+agent" _,
    get("ID") => GET "agents/ID" _,
    update("ID", UpdateAgent { description: Some("My OVS agent for OpenStack".into()), ..Default::default() })
        => PUT "agents/ID" "network/agents/agent-update-request.json",
    delete("ID") => DELETE "agents/ID" _,
    action(a => a.dhcp_networks("ID")) => GET "agents/ID/dhcp-networks" _,
    action(a => a.add_dhcp_network("ID", "1ae075ca-708b-4e66-b4a7-b7698632f05f")) => POST "agents/ID/dhcp-networks" "network/agents/agent-dhcp-network-add-request.json",
    action(a => a.remove_dhcp_network("ID", "N")) => DELETE "agents/ID/dhcp-networks/N" _,
    action(a => a.l3_routers("ID")) => GET "agents/ID/l3-routers" _,
    action(a => a.add_l3_router("ID", "43e66290-79a4-415d-9eb9-7ff7919839e1")) => POST "agents/ID/l3-routers" "network/agents/agent-l3-router-add-request.json",
    action(a => a.remove_l3_router("ID", "R")) => DELETE "agents/ID/l3-routers/R" _,
);

resource_contract!(availability_zone: AvailabilityZone, samples ["network/availability-zones"] at least 1,
    list(AvailabilityZoneQuery { resource: Some("router".into()), ..Default::default() }) => GET "availability_zones?resource=router" _,
);

resource_contract!(service_provider: ServiceProvider, samples ["network"] at least 1,
    list(ServiceProviderQuery { service_type: Some("L3_ROUTER_NAT".into()), ..Default::default() }) => GET "service-providers?service_type=L3_ROUTER_NAT" _,
);

resource_contract!(default_security_group_rule: DefaultSecurityGroupRule, samples ["network/security-group-default-rules"] at least 3,
    list(DefaultSecurityGroupRuleQuery { used_in_default_sg: Some(true), ..Default::default() }) => GET "default-security-group-rules?used_in_default_sg=true" _,
    get("ID") => GET "default-security-group-rules/ID" _,
    create(CreateDefaultSecurityGroupRule {
        port_range_min: Some(80), port_range_max: Some(80), ethertype: Some("IPv4".into()), protocol: Some("tcp".into()),
        ..CreateDefaultSecurityGroupRule::new("ingress")
    }) => POST "default-security-group-rules" {"default_security_group_rule": {"direction": "ingress", "port_range_min": 80,
        "ethertype": "IPv4", "port_range_max": 80, "protocol": "tcp"}},
    delete("ID") => DELETE "default-security-group-rules/ID" _,
);

resource_contract!(quota: Quota, samples ["network/quotas"] at least 2,
    list(QuotaQuery {}) => GET "quotas" _,
    get("P") => GET "quotas/P" _,
    update("P", UpdateQuota {
        floatingip: Some(50), network: Some(10), port: Some(50), rbac_policy: Some(-1), router: Some(10),
        security_group: Some(10), security_group_rule: Some(100), subnet: Some(10), subnetpool: Some(-1), check_limit: Some(true),
        ..Default::default()
    }) => PUT "quotas/P" {"quota": {"floatingip": 50, "network": 10, "port": 50, "rbac_policy": -1, "router": 10,
        "security_group": 10, "security_group_rule": 100, "subnet": 10, "subnetpool": -1, "check_limit": true}},
    delete("P") => DELETE "quotas/P" _,
    action(a => a.defaults("P")) => GET "quotas/P/default" _,
    action(a => a.details("P")) => GET "quotas/P/details" _,
);

/// The agents hosting a network or a router: the requests, and the samples decoded.
#[tokio::test]
async fn agents_hosting_a_network_or_a_router() {
    let mut cloud = contract::Recorder::start::<Network>().await;
    Api::<Network>::new(cloud.conn.clone()).dhcp_agents("N").await.unwrap();
    cloud.expect::<Network>("dhcp agents", "GET", "networks/N/dhcp-agents", Body::Empty, None).await;
    let mut cloud = contract::Recorder::start::<Router>().await;
    Api::<Router>::new(cloud.conn.clone()).l3_agents("R").await.unwrap();
    cloud.expect::<Router>("l3 agents", "GET", "routers/R/l3-agents", Body::Empty, None).await;
    let Some(root) = contract::samples_dir() else { return };
    for file in
        ["network/agents/network-dhcp-agent-list-response.json", "network/agents/router-l3-agent-list-response.json"]
    {
        let body: Value = serde_json::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap();
        let items = body["agents"].as_array().expect("an agent list");
        assert!(!items.is_empty(), "{file}");
        for item in items {
            let agent: Agent = serde_json::from_value(item.clone()).unwrap();
            assert_eq!(Some(agent.id.as_str()), item["id"].as_str());
            contract::assert_kept(item, &serde_json::to_value(&agent).unwrap(), "", &root.join(file));
        }
    }
}

/// Topologies and IP availabilities have no samples the macro finds (see the test below): their
/// requests only.
#[tokio::test]
async fn auto_allocated_topology_and_ip_availability_requests() {
    let mut cloud = contract::Recorder::start::<AutoAllocatedTopology>().await;
    let topology = Api::<AutoAllocatedTopology>::new(cloud.conn.clone());
    topology.get("P").await.unwrap();
    cloud.expect::<AutoAllocatedTopology>("get", "GET", "auto-allocated-topology/P", Body::Empty, None).await;
    topology.delete("P").await.unwrap();
    cloud.expect::<AutoAllocatedTopology>("delete", "DELETE", "auto-allocated-topology/P", Body::Empty, None).await;
    topology.validate("P").await.unwrap();
    cloud
        .expect::<AutoAllocatedTopology>(
            "validate",
            "GET",
            "auto-allocated-topology/P?fields=dry-run",
            Body::Empty,
            None,
        )
        .await;

    let mut cloud = contract::Recorder::start::<NetworkIpAvailability>().await;
    let availability = Api::<NetworkIpAvailability>::new(cloud.conn.clone());
    let query = NetworkIpAvailabilityQuery { ip_version: Some(4), ..Default::default() };
    availability.list(&query).collect_all().await.unwrap();
    cloud
        .expect::<NetworkIpAvailability>("list", "GET", "network-ip-availabilities?ip_version=4", Body::Empty, None)
        .await;
    availability.get("N").await.unwrap();
    cloud.expect::<NetworkIpAvailability>("get", "GET", "network-ip-availabilities/N", Body::Empty, None).await;
}

/// Samples the macro cannot find (file names without `response`, bodies without their key)
/// decode and keep every key they had.
#[test]
fn samples_under_other_names_round_trip() {
    let Some(root) = contract::samples_dir() else { return };
    let read =
        |file: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(root.join(file)).unwrap()).unwrap() };
    let file = root.join("network/network-ip-availability/network-ip-availability-show.json");
    let body = read("network/network-ip-availability/network-ip-availability-show.json");
    let one: NetworkIpAvailability = serde_json::from_value(body["network_ip_availability"].clone()).unwrap();
    assert_eq!(one.id, body["network_ip_availability"]["network_id"]);
    contract::assert_kept(&body["network_ip_availability"], &serde_json::to_value(&one).unwrap(), "", &file);
    let list = read("network/network-ip-availability/network-ip-availability-list.json");
    for item in list["network_ip_availabilities"].as_array().unwrap() {
        let one: NetworkIpAvailability = serde_json::from_value(item.clone()).unwrap();
        contract::assert_kept(item, &serde_json::to_value(&one).unwrap(), "", &file);
    }
    let file = root.join("network/auto-topology/topo-show-response.json");
    let body = read("network/auto-topology/topo-show-response.json");
    let topology: AutoAllocatedTopology = serde_json::from_value(body.clone()).unwrap();
    contract::assert_kept(&body, &serde_json::to_value(&topology).unwrap(), "", &file);
    let file = root.join("network/quota_details/quota-details-show-for-project-response.json");
    let body = read("network/quota_details/quota-details-show-for-project-response.json");
    let details: QuotaDetails = serde_json::from_value(body["quota"].clone()).unwrap();
    assert_eq!(details.security_group_rule, Some(QuotaUsage { used: 10, limit: 100, reserved: 1 }));
    contract::assert_kept(&body["quota"], &serde_json::to_value(&details).unwrap(), "", &file);
}
