//! Contract tests, one declaration per resource: `resource_contract!` checks that
//!
//! 1. every response sample of the official API references for the resource (read at run time
//!    from `../shared/api-samples`, or `OSTACK_API_SAMPLES`; skipped with a message when absent)
//!    decodes through the SDK's own readers (`get` for single bodies, `list` for list bodies) and
//!    re-serializes with every key it had and an equal value (an explicit `null` may come back
//!    absent; timestamps compare as instants; `""` stays `""`);
//! 2. every value of every sample replaced by values of other types decodes to a result, never a
//!    panic, and a list item with `"name": null` does not fail the list;
//! 3. each operation the resource allows sends the request the API expects: method, path and query
//!    relative to the endpoint, JSON body (where an upstream request sample exists, the body must
//!    equal it), content type, token and microversion header. The requests go to a wiremock
//!    cloud whose token and endpoints the connection already knows (see `common::contract`).
//!
//! An operation line reads `op(args) => METHOD "path?query" body`, where `body` is `_` (none),
//! a JSON literal, the path of an upstream request sample, or `(bytes "...")`; `as "type"` names a
//! content type other than `application/json`. `action(a => expr)` runs `expr` on `a: &Api<R>`.
//! Declaring an operation the resource does not allow does not compile.

mod common;

use common::contract;
use ostack::compute::v2::{
    CreateFlavor, CreateKeypair, CreateServer, Flavor, FlavorQuery, Keypair, KeypairQuery, RebootType, Server,
    ServerNetwork, ServerQuery, UpdateServer,
};
use ostack::image::v2::{CreateImage, Image, ImageQuery, ImageUpdate};
use ostack::network::v2::{
    AllocationPool, CreateFloatingIp, CreateNetwork, CreatePort, CreateRouter, CreateSecurityGroup,
    CreateSecurityGroupRule, CreateSubnet, ExternalFixedIp, ExternalGateway, FixedIp, FloatingIp, FloatingIpQuery,
    HostRoute, Network, NetworkQuery, NeutronListOptions, Port, PortQuery, Router, RouterQuery, SecurityGroup,
    SecurityGroupQuery, SecurityGroupRule, SecurityGroupRuleQuery, Subnet, SubnetQuery, UpdateFloatingIp,
    UpdateNetwork, UpdatePort, UpdateRouter, UpdateSecurityGroup, UpdateSubnet,
};
use serde_json::{json, Map, Value};

/// A JSON object literal as a map (for the `extra` attributes of request bodies).
fn map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// The comparison behind the round trip is strict where it must be: a test of the test.
#[test]
fn the_sample_comparison_is_strict() {
    let file = std::path::Path::new("synthetic.json");
    let fails = |sample: Value, ours: Value| {
        std::panic::catch_unwind(|| contract::assert_kept(&sample, &ours, "", file)).is_err()
    };
    assert!(fails(json!({"a": ""}), json!({"a": null})), "\"\" must stay \"\"");
    assert!(fails(json!({"a": ""}), json!({})), "\"\" must not vanish");
    assert!(fails(json!({"a": []}), json!({"a": null})), "[] must stay []");
    assert!(fails(json!({"a": 1}), json!({"a": "1"})), "a number must stay a number");
    assert!(fails(json!({"a": {"b": true}}), json!({"a": {}})), "nested keys count");
    assert!(fails(json!({"a": [1, 2]}), json!({"a": [1]})), "list lengths count");
    assert!(fails(json!({"t": "2020-01-01T00:00:00Z"}), json!({"t": "2020-01-01T00:00:01Z"})), "instants count");
    assert!(!fails(json!({"a": null, "b": 1.0}), json!({"b": 1})), "null may come back absent; 1.0 = 1");
    assert!(!fails(json!({"t": "2020-01-01T00:00:00Z"}), json!({"t": "2020-01-01T00:00:00.000000"})), "same instant");
}

resource_contract!(server: Server, samples ["compute/servers", "compute/servers-sort", "compute/os-multiple-create", "compute/os-rescue",
    "compute/os-server-tags", "compute/os-preserve-ephemeral-rebuild"] at least 90,
    list(ServerQuery { name: Some("^web 1$".into()), all_tenants: Some(true), limit: Some(2), ..Default::default() })
        => GET "servers/detail?name=%5Eweb+1%24&all_tenants=true&limit=2" _,
    get("a b/c") => GET "servers/a%20b%2Fc" _,
    create(CreateServer::new("new-server-test", "1")
        .image("70a599e0-31e7-49b7-b260-868f441e862b")
        .network(ServerNetwork::network("n1"))
        .availability_zone("us-west")
        .metadata("My Server Name", "Apache1")
        .security_group("default")
        .user_data("#!/bin/bash\n/bin/su\necho \"I am in you!\"\n"))
        => POST "servers" {"server": {
            "name": "new-server-test", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "flavorRef": "1",
            "networks": [{"uuid": "n1"}], "availability_zone": "us-west", "metadata": {"My Server Name": "Apache1"},
            "security_groups": [{"name": "default"}],
            "user_data": "IyEvYmluL2Jhc2gKL2Jpbi9zdQplY2hvICJJIGFtIGluIHlvdSEiCg=="}},
    update("ID", UpdateServer { name: Some("new-server-test".into()), description: Some("d".into()) })
        => PUT "servers/ID" {"server": {"name": "new-server-test", "description": "d"}},
    delete("ID") => DELETE "servers/ID" _,
    action(a => a.start("ID")) => POST "servers/ID/action" "compute/servers/server-action-start.json",
    action(a => a.stop("ID")) => POST "servers/ID/action" "compute/servers/server-action-stop.json",
    action(a => a.reboot("ID", RebootType::Hard)) => POST "servers/ID/action" "compute/servers/server-action-reboot.json",
);

resource_contract!(flavor: Flavor, samples ["compute/flavors", "compute/flavor-manage"] at least 80,
    list(FlavorQuery { is_public: Some("None".into()), min_ram: Some(512), ..Default::default() })
        => GET "flavors/detail?is_public=None&minRam=512" _,
    get("1") => GET "flavors/1" _,
    create(CreateFlavor {
        id: Some("10".into()), rxtx_factor: Some(2.0), description: Some("test description".into()),
        ..CreateFlavor::new("test_flavor", 1024, 2, 10)
    }) => POST "flavors" "compute/flavor-manage/v2.55/flavor-create-post-req.json",
    delete("10") => DELETE "flavors/10" _,
    action(a => a.extra_specs("10")) => GET "flavors/10/os-extra_specs" _,
    action(a => a.set_extra_specs("10", &[("hw:cpu_policy", "shared"), ("hw:numa_nodes", "1")]
        .into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()))
        => POST "flavors/10/os-extra_specs" "compute/flavor-extra-specs/flavor-extra-specs-create-req.json",
    action(a => a.unset_extra_spec("10", "hw:cpu_policy")) => DELETE "flavors/10/os-extra_specs/hw%3Acpu_policy" _,
    action(a => a.access("10")) => GET "flavors/10/os-flavor-access" _,
);

resource_contract!(keypair: Keypair, samples ["compute/os-keypairs"] at least 10,
    list(KeypairQuery { user_id: Some("u 2".into()), limit: Some(1), ..Default::default() })
        => GET "os-keypairs?user_id=u+2&limit=1" _,
    get("kp 1") => GET "os-keypairs/kp%201" _,
    create(CreateKeypair { name: "k".into(), public_key: "ssh-ed25519 AAAA k".into(), key_type: Some("ssh".into()) })
        => POST "os-keypairs" {"keypair": {"name": "k", "public_key": "ssh-ed25519 AAAA k", "type": "ssh"}},
    delete("kp") => DELETE "os-keypairs/kp" _,
);

resource_contract!(network: Network, samples ["network/networks", "network/agents"] at least 10,
    list(NetworkQuery {
        name: Some("a b".into()), external: Some(true),
        common: NeutronListOptions { tags_any: Some("x,y".into()), limit: Some(5), ..Default::default() },
        ..Default::default()
    }) => GET "networks?name=a+b&router%3Aexternal=true&tags-any=x%2Cy&limit=5" _,
    get("ID") => GET "networks/ID" _,
    create(CreateNetwork {
        admin_state_up: Some(true), mtu: Some(1400),
        extra: map(json!({"dns_domain": "my-domain.org.", "qos_policy_id": "6a8454ade84346f59e8d40665f878b2e", "pvlan": true})),
        ..CreateNetwork::new("sample_network")
    }) => POST "networks" "network/networks/network-create-request.json",
    update("ID", UpdateNetwork {
        name: Some("sample_network_5_updated".into()), mtu: Some(1300),
        extra: map(json!({"dns_domain": "my-domain.org.", "qos_policy_id": "6a8454ade84346f59e8d40665f878b2e", "pvlan": true})),
        ..Default::default()
    }) => PUT "networks/ID" "network/networks/network-update-request.json",
    delete("ID") => DELETE "networks/ID" _,
);

resource_contract!(subnet: Subnet, samples ["network/subnets"] at least 4,
    list(SubnetQuery { network_id: Some("n1".into()), ip_version: Some(4), ..Default::default() })
        => GET "subnets?network_id=n1&ip_version=4" _,
    get("ID") => GET "subnets/ID" _,
    create(CreateSubnet::new("d32019d3-bc6e-4319-9c1d-6722fc136a22", "192.168.199.0/24"))
        => POST "subnets" "network/subnets/subnet-create-request.json",
    update("ID", UpdateSubnet {
        gateway_ip: Some(None), allocation_pools: Some(vec![AllocationPool::new("10.0.0.2", "10.0.0.9")]),
        host_routes: Some(vec![HostRoute::new("0.0.0.0/0", "10.0.0.1")]), ..Default::default()
    }) => PUT "subnets/ID" {"subnet": {"gateway_ip": null, "allocation_pools": [{"start": "10.0.0.2", "end": "10.0.0.9"}],
        "host_routes": [{"destination": "0.0.0.0/0", "nexthop": "10.0.0.1"}]}},
    update("ID", UpdateSubnet { name: Some("my_subnet".into()), ..Default::default() })
        => PUT "subnets/ID" "network/subnets/subnet-update-request.json",
    delete("ID") => DELETE "subnets/ID" _,
);

resource_contract!(port: Port, samples ["network/ports"] at least 5,
    list(PortQuery { device_id: Some("d1".into()), ..Default::default() }) => GET "ports?device_id=d1" _,
    get("ID") => GET "ports/ID" _,
    create(CreatePort {
        admin_state_up: Some(true), name: Some("private-port".into()), port_security_enabled: Some(true),
        extra: map(json!({
            "dns_domain": "my-domain.org.", "dns_name": "myport", "qos_policy_id": "29d5e02e-d5ab-4929-bee4-4a9fc12e22ae",
            "allowed_address_pairs": [{"ip_address": "12.12.11.12", "mac_address": "fa:14:2a:b3:cb:f0"}],
            "propagate_uplink_status": false, "pvlan_type": "community", "pvlan_community": "community_1",
            "hardware_offload_type": "", "trusted": true
        })),
        ..CreatePort::new("a87cc70a-3e15-4acf-8205-9b711a3531b7")
    }) => POST "ports" "network/ports/port-create-request.json",
    update("ID", UpdatePort {
        fixed_ips: Some(vec![FixedIp { subnet_id: Some("s1".into()), ..Default::default() }]),
        security_groups: Some(vec![]), ..Default::default()
    }) => PUT "ports/ID" {"port": {"fixed_ips": [{"subnet_id": "s1"}], "security_groups": []}},
    delete("ID") => DELETE "ports/ID" _,
    action(a => a.connection().network().create_ports(&[
        CreatePort { admin_state_up: Some(false), name: Some("sample_port_1".into()),
            extra: map(json!({"qos_policy_id": "29d5e02e-d5ab-4929-bee4-4a9fc12e22ae"})),
            ..CreatePort::new("a87cc70a-3e15-4acf-8205-9b711a3531b7") },
        CreatePort { admin_state_up: Some(false), name: Some("sample_port_2".into()),
            extra: map(json!({"hardware_offload_type": "switchdev"})),
            ..CreatePort::new("a87cc70a-3e15-4acf-8205-9b711a3531b7") },
    ])) => POST "ports" "network/ports/ports-bulk-create-request.json",
);

resource_contract!(router: Router, samples ["network/routers", "network/agents"] at least 8,
    list(RouterQuery { name: Some("r1".into()), ha: Some(false), ..Default::default() }) => GET "routers?name=r1&ha=false" _,
    get("ID") => GET "routers/ID" _,
    create(CreateRouter {
        name: Some("router1".into()), admin_state_up: Some(true),
        external_gateway_info: Some(ExternalGateway {
            enable_snat: Some(true),
            external_fixed_ips: Some(vec![ExternalFixedIp {
                ip_address: Some("172.24.4.6".into()), subnet_id: Some("b930d7f6-ceb7-40a0-8b81-a425dd994ccf".into()),
                ..Default::default()
            }]),
            ..ExternalGateway::on("ae34051f-aa6c-4c75-abf5-50dc9ac99ef3")
        }),
        ..Default::default()
    }) => POST "routers" "network/routers/router-create-request.json",
    update("ID", UpdateRouter { routes: Some(vec![]), distributed: Some(false), ..Default::default() })
        => PUT "routers/ID" {"router": {"routes": [], "distributed": false}},
    delete("ID") => DELETE "routers/ID" _,
    action(a => a.add_subnet("ID", "a2f1f29d-571b-4533-907f-5803ab96ead1"))
        => PUT "routers/ID/add_router_interface" "network/routers/router-add-interface-request.json",
    action(a => a.add_port("ID", "2dc46bcc-d1f2-4077-b99e-91ee28afaff0"))
        => PUT "routers/ID/add_router_interface" "network/routers/router-add-interface-request-with-port.json",
    action(a => a.remove_subnet("ID", "a2f1f29d-571b-4533-907f-5803ab96ead1"))
        => PUT "routers/ID/remove_router_interface" "network/routers/router-remove-interface-request.json",
    action(a => a.remove_port("ID", "p1")) => PUT "routers/ID/remove_router_interface" {"port_id": "p1"},
    action(a => a.set_gateway("ID", ExternalGateway::on("ext")))
        => PUT "routers/ID" {"router": {"external_gateway_info": {"network_id": "ext"}}},
    action(a => a.unset_gateway("ID")) => PUT "routers/ID" {"router": {"external_gateway_info": {}}},
    action(a => a.add_routes("ID", &[HostRoute::new("10.0.3.0/24", "10.0.0.13"), HostRoute::new("10.0.4.0/24", "10.0.0.14")]))
        => PUT "routers/ID/add_extraroutes" "network/routers/router-add-extraroutes-request.json",
    action(a => a.remove_routes("ID", &[HostRoute::new("10.0.3.0/24", "10.0.0.13"), HostRoute::new("10.0.4.0/24", "10.0.0.14")]))
        => PUT "routers/ID/remove_extraroutes" "network/routers/router-remove-extraroutes-request.json",
);

resource_contract!(floating_ip: FloatingIp, samples ["network/floatingips"] at least 3,
    list(FloatingIpQuery { port_id: vec!["p1".into(), "p2".into()], ..Default::default() }) => GET "floatingips?port_id=p1&port_id=p2" _,
    get("ID") => GET "floatingips/ID" _,
    create(CreateFloatingIp {
        port_id: Some("ce705c24-c1ef-408a-bda3-7bbd946164ab".into()), subnet_id: Some("278d9507-36e7-403c-bb80-1d7093318fe6".into()),
        fixed_ip_address: Some("10.0.0.3".into()), floating_ip_address: Some("172.24.4.228".into()),
        description: Some("floating ip for testing".into()), dns_domain: Some("my-domain.org.".into()),
        dns_name: Some("myfip".into()), qos_policy_id: Some("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae".into()),
        ..CreateFloatingIp::on("376da547-b977-4cfe-9cba-275c80debf57")
    }) => POST "floatingips" "network/floatingips/floatingip-create-request.json",
    update("ID", UpdateFloatingIp { port_id: Some(Some("fc861431-0e6c-4842-a0ed-e2363f9bc3a8".into())), ..Default::default() })
        => PUT "floatingips/ID" "network/floatingips/floatingip-update-request.json",
    delete("ID") => DELETE "floatingips/ID" _,
    action(a => a.associate("ID", "p1", Some("10.0.0.3")))
        => PUT "floatingips/ID" {"floatingip": {"port_id": "p1", "fixed_ip_address": "10.0.0.3"}},
    action(a => a.disassociate("ID")) => PUT "floatingips/ID" "network/floatingips/floatingip-disassociate-request.json",
);

resource_contract!(security_group: SecurityGroup, samples ["network/security-groups"] at least 4,
    list(SecurityGroupQuery { name: Some("default".into()), ..Default::default() }) => GET "security-groups?name=default" _,
    get("ID") => GET "security-groups/ID" _,
    create(CreateSecurityGroup {
        description: Some("security group for webservers".into()), stateful: Some(true),
        ..CreateSecurityGroup::new("new-webservers")
    }) => POST "security-groups" "network/security-groups/security-group-create-request.json",
    update("ID", UpdateSecurityGroup {
        name: Some("mysecgroup".into()), description: Some("my security group".into()), stateful: Some(true),
        ..Default::default()
    }) => PUT "security-groups/ID" "network/security-groups/security-group-update-request.json",
    delete("ID") => DELETE "security-groups/ID" _,
);

resource_contract!(security_group_rule: SecurityGroupRule, samples ["network/security-groups"] at least 4,
    list(SecurityGroupRuleQuery {
        security_group_id: Some("sg".into()), direction: Some("ingress".into()), port_range_min: Some(22), ..Default::default()
    }) => GET "security-group-rules?security_group_id=sg&direction=ingress&port_range_min=22" _,
    get("ID") => GET "security-group-rules/ID" _,
    create(CreateSecurityGroupRule {
        ethertype: Some("IPv4".into()), protocol: Some("tcp".into()), port_range_min: Some(80), port_range_max: Some(80),
        remote_group_id: Some("85cc3048-abc3-43cc-89b3-377341426ac5".into()),
        remote_address_group_id: Some("a9baa1eb-0614-4d68-870e-fec6d8f8c221".into()),
        ..CreateSecurityGroupRule::new("a7734e61-b545-452d-a3cd-0189cbd9747a", "ingress")
    }) => POST "security-group-rules" {"security_group_rule": {
        "direction": "ingress", "port_range_min": 80, "ethertype": "IPv4", "port_range_max": 80, "protocol": "tcp",
        "remote_group_id": "85cc3048-abc3-43cc-89b3-377341426ac5",
        "remote_address_group_id": "a9baa1eb-0614-4d68-870e-fec6d8f8c221",
        "security_group_id": "a7734e61-b545-452d-a3cd-0189cbd9747a"}},
    delete("ID") => DELETE "security-group-rules/ID" _,
);

resource_contract!(image: Image, samples ["image"] at least 5,
    list(ImageQuery { visibility: Some("all".into()), sort: Some("name:asc".into()), ..Default::default() })
        => GET "images?visibility=all&sort=name%3Aasc" _,
    get("ID") => GET "images/ID" _,
    create(CreateImage { id: Some("b2173dd3-7ad6-4362-baa6-a68bce3565cb".into()), ..CreateImage::new("Ubuntu", "raw", "bare") })
        => POST "images" "image/image-create-request.json",
    update("ID", ImageUpdate::new().set("name", "Fedora 17").set("tags", json!(["fedora", "beefy"])))
        => PATCH "images/ID" "image/image-update-request.json" as "application/openstack-images-v2.1-json-patch",
    delete("ID") => DELETE "images/ID" _,
    action(a => a.upload_bytes("ID", "data")) => PUT "images/ID/file" (bytes "data") as "application/octet-stream",
    action(a => a.download_image(&serde_json::from_value::<Image>(json!({"id": "ID"})).unwrap())) => GET "images/ID/file" _,
);
