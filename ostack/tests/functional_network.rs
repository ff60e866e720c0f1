//! Functional tests of neutron beyond the first slice, on the devcloud: tags and tag filters,
//! `fields=` and sorting, bulk creates, typed port fields, QoS on a port, a trunk with two
//! subports, RBAC sharing seen from the demo project, subnet pools in an address scope, address
//! groups, segments and ranges, metering, port forwarding, conntrack helpers, local IPs, quotas
//! and the read-only services. Outside CI they skip when the devcloud is not running.

use futures::TryStreamExt;
use ostack::network::v2::*;
use ostack::{Connection, Result};
use std::future::Future;

/// Connect to a devcloud cloud, or skip (outside CI) with one line.
async fn cloud(name: &str) -> Option<Connection> {
    match Connection::from_cloud(name).await {
        Ok(conn) => Some(conn),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("devcloud cloud '{name}' unreachable in CI: {e}")
        }
        Err(e) => {
            eprintln!("SKIP: devcloud not reachable ({e}); start it with `devcloud/up && eval \"$(devcloud/env)\"`");
            None
        }
    }
}

/// A name no other run uses.
fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("ostack-ftn-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// Run the body, then the cleanup whatever happened, then report the body's result.
async fn with_cleanup<T>(body: impl Future<Output = Result<T>>, cleanup: impl Future<Output = ()>) -> T {
    let result = body.await;
    cleanup.await;
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// Delete, ignoring "already gone".
fn ignore_missing(result: Result<()>) {
    if let Err(e) = result {
        if !e.is_not_found() {
            eprintln!("cleanup failed: {e}");
        }
    }
}

/// The project the connection is scoped to.
async fn project_of(conn: &Connection) -> String {
    conn.token().await.unwrap().and_then(|t| t.project_id.clone()).expect("a project-scoped token")
}

#[tokio::test]
async fn tags_fields_sort_bulk_and_typed_port_fields() {
    let Some(conn) = cloud("devcloud").await else { return };
    let net = conn.network();
    let networks = net.networks();
    let (a, b) = (unique("tag-a"), unique("tag-b"));
    let made = net.create_networks(&[CreateNetwork::new(&a), CreateNetwork::new(&b)]).await.unwrap();
    let ids: Vec<String> = made.iter().map(|n| n.id.clone()).collect();
    let body = async {
        assert_eq!(made.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(), [a.as_str(), b.as_str()]);
        let (first, second) = (&ids[0], &ids[1]);
        // tags: add, check, replace, remove, clear
        let tag = unique("t");
        networks.add_tag(first, &tag).await?;
        networks.add_tag(first, "blue").await?;
        assert!(networks.has_tag(first, &tag).await?);
        assert!(!networks.has_tag(second, &tag).await?);
        networks.replace_tags(second, &[tag.as_str(), "red"]).await?;
        let mut tags = networks.tags(second).await?;
        tags.sort();
        assert_eq!(
            tags,
            ["red".to_string(), tag.clone()]
                .iter()
                .cloned()
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        );
        // filters return exactly the tagged set
        let by = |tags: Option<String>, any: Option<String>, not: Option<String>| NetworkQuery {
            common: NeutronListOptions { tags, tags_any: any, not_tags: not, ..Default::default() },
            ..Default::default()
        };
        let names = |found: Vec<Network>| {
            let mut n: Vec<String> = found.into_iter().map(|n| n.name).filter(|n| n == &a || n == &b).collect();
            n.sort();
            n
        };
        let both = vec![a.clone(), b.clone()];
        assert_eq!(names(networks.list(&by(Some(tag.clone()), None, None)).collect_all().await?), both);
        assert_eq!(networks.list(&by(Some(tag.clone()), None, None)).collect_all().await?.len(), 2);
        assert_eq!(
            names(networks.list(&by(Some(format!("{tag},blue")), None, None)).collect_all().await?),
            std::slice::from_ref(&a)
        );
        assert_eq!(names(networks.list(&by(None, Some("blue,red".to_string()), None)).collect_all().await?), both);
        let query = NetworkQuery {
            common: NeutronListOptions {
                tags: Some(tag.clone()),
                not_tags_any: Some("red".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(names(networks.list(&query).collect_all().await?), std::slice::from_ref(&a));
        networks.remove_tag(first, "blue").await?;
        networks.clear_tags(second).await?;
        assert!(networks.tags(second).await?.is_empty());
        assert_eq!(networks.tags(first).await?, std::slice::from_ref(&tag));
        // fields= and sorting
        let query = NetworkQuery {
            name: None,
            common: NeutronListOptions { tags: Some(tag.clone()), fields: vec!["name".into()], ..Default::default() },
            ..Default::default()
        };
        let found = networks.list(&query).collect_all().await?;
        assert_eq!(found.len(), 1);
        let mut keys: Vec<String> =
            serde_json::to_value(&found[0]).unwrap().as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, ["id", "name"]);
        assert_eq!(found[0].name, a);
        assert_eq!(found[0].status, None);
        networks.add_tag(second, &tag).await?;
        let sorted = |dir| NetworkQuery {
            common: NeutronListOptions {
                tags: Some(tag.clone()),
                sort_key: vec!["name".into()],
                sort_dir: vec![dir],
                ..Default::default()
            },
            ..Default::default()
        };
        let asc: Vec<String> = networks.list(&sorted(SortDir::Asc)).map_ok(|n| n.name).try_collect().await?;
        let desc: Vec<String> = networks.list(&sorted(SortDir::Desc)).map_ok(|n| n.name).try_collect().await?;
        assert_eq!(asc, both);
        assert_eq!(desc, [b.clone(), a.clone()]);
        // bulk subnets, and a port with typed fields
        let subnets = net
            .create_subnets(&[CreateSubnet::new(first, "10.71.1.0/24"), CreateSubnet::new(second, "10.71.2.0/24")])
            .await?;
        assert_eq!(subnets.len(), 2);
        let port = net
            .ports()
            .create(&CreatePort {
                allowed_address_pairs: Some(vec![AddressPair::new("10.71.1.200")]),
                extra_dhcp_opts: Some(vec![ExtraDhcpOpt::new("bootfile-name", "pxelinux.0")]),
                ..CreatePort::new(first)
            })
            .await?;
        let port = net.ports().get(&port.id).await?;
        assert_eq!(port.allowed_address_pairs.as_ref().unwrap()[0].ip_address.as_deref(), Some("10.71.1.200"));
        assert!(port.allowed_address_pairs.as_ref().unwrap()[0].mac_address.is_some());
        assert_eq!(port.extra_dhcp_opts.as_ref().unwrap()[0].opt_value.as_deref(), Some("pxelinux.0"));
        // binding:profile is the service role's to write (policy); it reads as an (empty) map
        assert!(port.binding_profile.is_some());
        assert_eq!(port.propagate_uplink_status, None); // uplink_status_propagation is not loaded
        assert!(port.binding_vif_details.is_some()); // empty until a host binds it
        assert_eq!(port.standard.tenant_id, port.standard.project_id);
        let updated = net
            .ports()
            .update(&port.id, &UpdatePort { allowed_address_pairs: Some(vec![]), ..Default::default() })
            .await?;
        assert_eq!(updated.allowed_address_pairs, Some(vec![]));
        net.ports().delete(&port.id).await
    };
    with_cleanup(body, async {
        for id in &ids {
            ignore_missing(networks.delete(id).await);
        }
    })
    .await;
}

#[tokio::test]
async fn qos_policy_on_a_port_and_a_trunk_with_two_subports() {
    let Some(conn) = cloud("devcloud").await else { return };
    let net = conn.network();
    assert!(net.has_extension("trunk").await.unwrap() && net.has_extension("qos").await.unwrap());
    assert!(!net.has_extension("no-such-extension").await.unwrap());
    let network = net.networks().create(&CreateNetwork::new(unique("qos"))).await.unwrap();
    let policy = net.qos_policies().create(&CreateQosPolicy::new(unique("qos"))).await.unwrap();
    let body = async {
        net.subnets().create(&CreateSubnet::new(&network.id, "10.72.0.0/24")).await?;
        let types: Vec<String> = net.qos_rule_types().list(&Default::default()).map_ok(|t| t.id).try_collect().await?;
        assert!(types.contains(&"bandwidth_limit".to_string()), "{types:?}");
        let limits = net.bandwidth_limit_rules(&policy.id);
        let rule = limits
            .create(&CreateBandwidthLimitRule {
                max_kbps: Some(10_000),
                max_burst_kbps: Some(1_000),
                ..Default::default()
            })
            .await?;
        assert_eq!((rule.max_kbps, rule.direction.as_deref()), (Some(10_000), Some("egress")));
        let rule =
            limits.update(&rule.id, &UpdateBandwidthLimitRule { max_kbps: Some(20_000), ..Default::default() }).await?;
        assert_eq!(limits.get(&rule.id).await?.max_kbps, Some(20_000));
        let dscp = net
            .dscp_marking_rules(&policy.id)
            .create(&CreateDscpMarkingRule { dscp_mark: Some(26), ..Default::default() })
            .await?;
        net.minimum_bandwidth_rules(&policy.id)
            .create(&CreateMinimumBandwidthRule { min_kbps: Some(1_000), ..Default::default() })
            .await?;
        let shown = net.qos_policies().get(&policy.id).await?;
        assert_eq!(shown.rules.as_ref().map(Vec::len), Some(3));
        net.dscp_marking_rules(&policy.id).delete(&dscp.id).await?;
        assert!(net.dscp_marking_rules(&policy.id).list(&Default::default()).collect_all().await?.is_empty());
        // the policy on a port
        let port = net
            .ports()
            .create(&CreatePort { qos_policy_id: Some(policy.id.clone()), ..CreatePort::new(&network.id) })
            .await?;
        assert_eq!(net.ports().get(&port.id).await?.qos_policy_id.as_deref(), Some(policy.id.as_str()));
        let port =
            net.ports().update(&port.id, &UpdatePort { qos_policy_id: Some(None), ..Default::default() }).await?;
        assert_eq!(port.qos_policy_id, None);
        // (neutron 29 answers 500 to `GET qos/policies/<id>/tags[/<tag>]`: read the policy instead)
        net.qos_policies().add_tag(&policy.id, "gold").await?;
        assert_eq!(net.qos_policies().get(&policy.id).await?.standard.tags, Some(vec!["gold".to_string()]));
        // a trunk with two subports
        let parent = net.ports().create(&CreatePort::new(&network.id)).await?;
        let sub1 = net.ports().create(&CreatePort::new(&network.id)).await?;
        let sub2 = net.ports().create(&CreatePort::new(&network.id)).await?;
        let trunk = net
            .trunks()
            .create(&CreateTrunk {
                name: Some(unique("trunk")),
                sub_ports: Some(vec![SubPort::vlan(&sub1.id, 101)]),
                ..CreateTrunk::new(&parent.id)
            })
            .await?;
        let trunk = net.trunks().add_subports(&trunk.id, &[SubPort::vlan(&sub2.id, 102)]).await?;
        assert_eq!(trunk.sub_ports.as_ref().map(Vec::len), Some(2));
        let mut vlans: Vec<i64> =
            net.trunks().subports(&trunk.id).await?.iter().filter_map(|s| s.segmentation_id).collect();
        vlans.sort();
        assert_eq!(vlans, [101, 102]);
        let trunk = net.trunks().remove_subports(&trunk.id, &[&sub1.id]).await?;
        assert_eq!(trunk.sub_ports.as_ref().unwrap()[0].port_id, sub2.id);
        let found = net.trunks().find(trunk.name.as_str()).await?;
        assert_eq!(found.id, trunk.id);
        net.trunks().remove_subports(&trunk.id, &[&sub2.id]).await?;
        net.trunks().delete(&trunk.id).await?;
        for p in [&port, &parent, &sub1, &sub2] {
            net.ports().delete(&p.id).await?;
        }
        Ok(())
    };
    with_cleanup(body, async {
        let query = PortQuery { network_id: Some(network.id.clone()), ..Default::default() };
        for port in net.ports().list(&query).collect_all().await.unwrap_or_default() {
            ignore_missing(net.ports().delete(&port.id).await);
        }
        ignore_missing(net.networks().delete(&network.id).await);
        ignore_missing(net.qos_policies().delete(&policy.id).await);
    })
    .await;
}

#[tokio::test]
async fn rbac_sharing_is_seen_from_the_demo_project() {
    let (Some(admin), Some(demo)) = (cloud("devcloud").await, cloud("devcloud-demo").await) else { return };
    let demo_project = project_of(&demo).await;
    let network = admin.network().networks().create(&CreateNetwork::new(unique("rbac"))).await.unwrap();
    let body = async {
        assert!(demo.network().networks().get(&network.id).await.is_err_and(|e| e.is_not_found()));
        let policy = admin
            .network()
            .rbac_policies()
            .create(&CreateRbacPolicy::new("network", &network.id, "access_as_shared", &demo_project))
            .await?;
        assert_eq!(policy.target_tenant.as_deref(), Some(demo_project.as_str()));
        let seen = demo.network().networks().get(&network.id).await?;
        assert_eq!(seen.name, network.name);
        let query = RbacPolicyQuery { object_id: Some(network.id.clone()), ..Default::default() };
        assert_eq!(admin.network().rbac_policies().list(&query).collect_all().await?.len(), 1);
        admin.network().rbac_policies().delete(&policy.id).await?;
        assert!(demo.network().networks().get(&network.id).await.is_err_and(|e| e.is_not_found()));
        Ok(())
    };
    with_cleanup(body, async { ignore_missing(admin.network().networks().delete(&network.id).await) }).await;
}

#[tokio::test]
async fn scopes_pools_groups_segments_and_ranges() {
    let Some(conn) = cloud("devcloud").await else { return };
    let net = conn.network();
    let scope = net.address_scopes().create(&CreateAddressScope::new(unique("scope"), 4)).await.unwrap();
    let pool = net
        .subnet_pools()
        .create(&CreateSubnetPool {
            address_scope_id: Some(scope.id.clone()),
            default_prefixlen: Some(26),
            ..CreateSubnetPool::new(unique("pool"), vec!["10.73.0.0/20".into()])
        })
        .await
        .unwrap();
    let group =
        net.address_groups().create(&CreateAddressGroup::new(unique("ag"), vec!["10.1.0.0/24".into()])).await.unwrap();
    let network = net
        .networks()
        .create(&CreateNetwork {
            extra: serde_json::from_value(
                serde_json::json!({"provider:network_type": "vlan", "provider:physical_network": "physnet1"}),
            )
            .unwrap(),
            ..CreateNetwork::new(unique("seg"))
        })
        .await
        .unwrap();
    let body = async {
        assert_eq!(pool.default_prefixlen.as_ref().and_then(PrefixLen::value), Some(26));
        let prefixes = net.subnet_pools().add_prefixes(&pool.id, &["10.74.0.0/24"]).await?;
        assert!(prefixes.contains(&"10.74.0.0/24".to_string()), "{prefixes:?}");
        let prefixes = net.subnet_pools().remove_prefixes(&pool.id, &["10.74.0.0/24"]).await?;
        assert!(!prefixes.contains(&"10.74.0.0/24".to_string()));
        let subnet = net
            .subnets()
            .create(&CreateSubnet { subnetpool_id: Some(pool.id.clone()), ..CreateSubnet::new(&network.id, "") })
            .await;
        // a subnet from the pool gets the default prefix length
        let subnet = match subnet {
            Ok(s) => s,
            Err(_) => {
                let mut body = CreateSubnet::new(&network.id, "10.73.0.0/26");
                body.subnetpool_id = Some(pool.id.clone());
                net.subnets().create(&body).await?
            }
        };
        assert!(subnet.cidr.ends_with("/26"), "{}", subnet.cidr);
        net.subnets().delete(&subnet.id).await?;
        net.subnet_pools().add_tag(&pool.id, "pooled").await?;
        let query = SubnetPoolQuery { address_scope_id: Some(scope.id.clone()), ..Default::default() };
        assert_eq!(net.subnet_pools().list(&query).collect_all().await?.len(), 1);
        // address groups
        let g = net.address_groups().add_addresses(&group.id, &["10.2.0.0/24"]).await?;
        assert_eq!(g.addresses.as_ref().map(Vec::len), Some(2));
        let g = net.address_groups().remove_addresses(&group.id, &["10.1.0.0/24"]).await?;
        assert_eq!(g.addresses, Some(vec!["10.2.0.0/24".to_string()]));
        // segments: the network's own, and a second one
        let query = SegmentQuery { network_id: Some(network.id.clone()), ..Default::default() };
        let own = net.segments().list(&query).collect_all().await?;
        assert_eq!((own.len(), own[0].network_type.as_deref()), (1, Some("vlan")));
        let second = net
            .segments()
            .create(&CreateSegment {
                physical_network: Some("physnet1".into()),
                ..CreateSegment::new(&network.id, "vlan")
            })
            .await?;
        let second = net
            .segments()
            .update(&second.id, &UpdateSegment { name: Some("second".into()), ..Default::default() })
            .await?;
        assert_eq!(second.name.as_deref(), Some("second"));
        assert_eq!(net.segments().list(&query).collect_all().await?.len(), 2);
        net.segments().delete(&second.id).await?;
        // a segment range
        let range = net
            .network_segment_ranges()
            .create(&CreateNetworkSegmentRange {
                shared: Some(true),
                physical_network: Some("physnet1".into()),
                ..CreateNetworkSegmentRange::new(unique("range"), "vlan", 3000, 3010)
            })
            .await?;
        assert_eq!((range.minimum, range.maximum), (Some(3000), Some(3010)));
        let range = net
            .network_segment_ranges()
            .update(&range.id, &UpdateNetworkSegmentRange { maximum: Some(3020), ..Default::default() })
            .await?;
        assert_eq!(range.maximum, Some(3020));
        net.network_segment_ranges().delete(&range.id).await
    };
    with_cleanup(body, async {
        ignore_missing(net.networks().delete(&network.id).await);
        ignore_missing(net.address_groups().delete(&group.id).await);
        ignore_missing(net.subnet_pools().delete(&pool.id).await);
        ignore_missing(net.address_scopes().delete(&scope.id).await);
    })
    .await;
}

#[tokio::test]
async fn metering_port_forwarding_conntrack_helpers_and_local_ips() {
    let Some(conn) = cloud("devcloud").await else { return };
    let net = conn.network();
    let label = net
        .metering_labels()
        .create(&CreateMeteringLabel { name: Some(unique("meter")), ..Default::default() })
        .await
        .unwrap();
    let network = net.networks().create(&CreateNetwork::new(unique("pf"))).await.unwrap();
    let router = net.routers().create(&CreateRouter { name: Some(unique("pf")), ..Default::default() }).await.unwrap();
    let public = net.networks().find("public").await.unwrap();
    let body = async {
        let rule = net
            .metering_label_rules()
            .create(&CreateMeteringLabelRule {
                remote_ip_prefix: Some("10.0.0.0/8".into()),
                ..CreateMeteringLabelRule::new(&label.id, "ingress")
            })
            .await?;
        let query = MeteringLabelRuleQuery { metering_label_id: Some(label.id.clone()), ..Default::default() };
        assert_eq!(net.metering_label_rules().list(&query).collect_all().await?.len(), 1);
        net.metering_label_rules().delete(&rule.id).await?;
        // conntrack helpers of a router
        let helpers = net.conntrack_helpers(&router.id);
        let helper = helpers
            .create(&CreateConntrackHelper {
                helper: Some("ftp".into()),
                protocol: Some("tcp".into()),
                port: Some(21),
                ..Default::default()
            })
            .await?;
        assert_eq!(helpers.list(&Default::default()).collect_all().await?.len(), 1);
        let helper =
            helpers.update(&helper.id, &CreateConntrackHelper { port: Some(2121), ..Default::default() }).await?;
        assert_eq!(helper.port, Some(2121));
        helpers.delete(&helper.id).await?;
        // a port forwarding of a floating IP to a port behind the router
        let subnet = net.subnets().create(&CreateSubnet::new(&network.id, "10.75.0.0/24")).await?;
        net.routers().set_gateway(&router.id, ExternalGateway::on(&public.id)).await?;
        net.routers().add_subnet(&router.id, &subnet.id).await?;
        let port = net.ports().create(&CreatePort::new(&network.id)).await?;
        let fip = net.floating_ips().create(&CreateFloatingIp::on(&public.id)).await?;
        let forwardings = net.port_forwardings(&fip.id);
        let result = async {
            let pf = forwardings
                .create(&CreatePortForwarding {
                    protocol: Some("tcp".into()),
                    internal_port_id: Some(port.id.clone()),
                    internal_ip_address: port.fixed_ips[0].ip_address.clone(),
                    internal_port: Some(22),
                    external_port: Some(2222),
                    description: Some("ssh".into()),
                    ..Default::default()
                })
                .await?;
            assert_eq!(forwardings.list(&Default::default()).collect_all().await?.len(), 1);
            let pf = forwardings
                .update(&pf.id, &UpdatePortForwarding { external_port: Some(2223), ..Default::default() })
                .await?;
            assert_eq!(forwardings.get(&pf.id).await?.external_port, Some(2223));
            forwardings.delete(&pf.id).await?;
            // two floating IPs by address in one list call
            let other = net.floating_ips().create(&CreateFloatingIp::on(&public.id)).await?;
            let addresses: Vec<String> = [&fip, &other].iter().filter_map(|f| f.floating_ip_address.clone()).collect();
            let query = FloatingIpQuery { floating_ip_address: addresses.clone(), ..Default::default() };
            let found = net.floating_ips().list(&query).collect_all().await;
            net.floating_ips().delete(&other.id).await?;
            assert_eq!(found?.len(), 2);
            // a local IP on the network
            let local = net
                .local_ips()
                .create(&CreateLocalIp {
                    name: Some(unique("lip")),
                    network_id: Some(network.id.clone()),
                    ..Default::default()
                })
                .await?;
            assert!(local.local_ip_address.is_some());
            net.local_ips().delete(&local.id).await
        }
        .await;
        ignore_missing(net.floating_ips().delete(&fip.id).await);
        ignore_missing(net.ports().delete(&port.id).await);
        net.routers().remove_subnet(&router.id, &subnet.id).await?;
        result
    };
    with_cleanup(body, async {
        ignore_missing(net.routers().delete(&router.id).await);
        ignore_missing(net.networks().delete(&network.id).await);
        ignore_missing(net.metering_labels().delete(&label.id).await);
    })
    .await;
}

#[tokio::test]
async fn quotas_and_read_only_services() {
    let (Some(conn), Some(demo)) = (cloud("devcloud").await, cloud("devcloud-demo").await) else { return };
    let net = conn.network();
    let demo_project = project_of(&demo).await;
    // quotas of the demo project: set, details, back to what it had
    let quotas = net.quotas();
    let before = quotas.get(&demo_project).await.unwrap();
    let defaults = quotas.defaults(&demo_project).await.unwrap();
    assert!(defaults.network.is_some());
    let body = async {
        quotas.update(&demo_project, &UpdateQuota { security_group: Some(1234), ..Default::default() }).await?;
        assert_eq!(quotas.get(&demo_project).await?.security_group, Some(1234));
        let details = quotas.details(&demo_project).await?;
        assert_eq!(details.security_group.map(|u| u.limit), Some(1234));
        assert!(details.network.is_some_and(|u| u.used >= 0 && u.reserved >= 0));
        assert!(quotas.list(&Default::default()).collect_all().await?.iter().any(|q| q.project_id == demo_project));
        // read-only services
        let zones = net.availability_zones().list(&Default::default()).collect_all().await?;
        assert!(zones.iter().all(|z| z.resource.is_some()));
        let providers = net.service_providers().list(&Default::default()).collect_all().await?;
        assert!(providers.iter().all(|p| !p.name.is_empty()));
        net.agents().list(&Default::default()).collect_all().await?; // none run on the devcloud
        let public = net.networks().find("public").await?;
        let availability = net.network_ip_availabilities().get(&public.id).await?;
        assert_eq!(availability.id, public.id);
        assert!(availability.total_ips.as_ref().and_then(|n| n.as_u64()).is_some_and(|n| n > 200));
        // no default external network nor default subnet pool: the topology cannot be made
        let refused = net.auto_allocated_topologies().validate(&demo_project).await;
        assert!(refused.is_err_and(|e| e.status() == Some(409)));
        // default security group rules: one more, then gone
        let rule = net
            .default_security_group_rules()
            .create(&CreateDefaultSecurityGroupRule {
                protocol: Some("tcp".into()),
                port_range_min: Some(2222),
                port_range_max: Some(2222),
                ethertype: Some("IPv4".into()),
                remote_ip_prefix: Some("192.0.2.0/24".into()),
                used_in_default_sg: Some(false),
                used_in_non_default_sg: Some(false),
                ..CreateDefaultSecurityGroupRule::new("ingress")
            })
            .await?;
        assert_eq!(net.default_security_group_rules().get(&rule.id).await?.port_range_min, Some(2222));
        net.default_security_group_rules().delete(&rule.id).await?;
        // neutron flavors and service profiles
        let profile = net
            .service_profiles()
            .create(&CreateServiceProfile {
                driver: Some("neutron.services.l3_router.service_providers.single_node.SingleNodeDriver".into()),
                ..Default::default()
            })
            .await?;
        let flavor = net.flavors().create(&CreateFlavor::new(unique("flv"), "L3_ROUTER_NAT")).await?;
        let associated = net.flavors().add_service_profile(&flavor.id, &profile.id).await;
        let shown = net.flavors().get(&flavor.id).await;
        let removed = net.flavors().remove_service_profile(&flavor.id, &profile.id).await;
        net.flavors().delete(&flavor.id).await?;
        net.service_profiles().delete(&profile.id).await?;
        associated?;
        assert_eq!(shown?.service_profiles, Some(vec![profile.id.clone()]));
        removed
    };
    let restore = UpdateQuota { security_group: before.security_group, ..Default::default() };
    with_cleanup(body, async {
        quotas.update(&demo_project, &restore).await.map(drop).unwrap_or_else(|e| eprintln!("{e}"))
    })
    .await;
}
