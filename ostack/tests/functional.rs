//! Functional tests against the devcloud (real keystone, nova, neutron, glance on 127.0.0.1).
//!
//! They find the cloud like any program: `OS_CLIENT_CONFIG_FILE` and the cloud names `devcloud`
//! (admin), `devcloud-demo` (member) and `devcloud-appcred` (application credential).
//! Outside CI they skip when the devcloud is not running; in CI (`CI=true`) they fail.

use bytes::Bytes;
use futures::{StreamExt, TryStreamExt};
use ostack::compute::v2::{
    CreateFlavor, CreateKeypair, CreateServer, RebootType, ServerNetwork, ServerNetworks, ServerQuery, UpdateServer,
};
use ostack::image::v2::{CreateImage, ImageQuery, ImageUpdate};
use ostack::network::v2::{
    CreateNetwork, CreatePort, CreateSubnet, FixedIp, NetworkQuery, PortQuery, UpdateNetwork, UpdatePort, UpdateSubnet,
};
use ostack::{Connection, Error, Result};
use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

const BOOT_TIMEOUT: Duration = Duration::from_secs(180);

/// Connect to a devcloud cloud, or skip (outside CI) with one line saying how to start it.
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
    format!("ostack-ft-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// Run the body, then the cleanup whatever happened, then report the body's result.
async fn with_cleanup<T, B, C>(body: B, cleanup: C) -> T
where
    B: Future<Output = Result<T>>,
    C: Future<Output = ()>,
{
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

#[tokio::test]
async fn network_subnet_port_lifecycle() {
    let Some(conn) = cloud("devcloud").await else { return };
    let net = conn.network();
    let name = unique("net");
    let created = net.networks().create(&CreateNetwork::new(&name)).await.unwrap();
    let net_id = created.id.clone();
    with_cleanup(
        async {
            assert_eq!(created.name, name);
            assert_eq!(net.networks().get(&net_id).await?.id, net_id);
            assert_eq!(net.networks().find(&name).await?.id, net_id);
            let listed = net
                .networks()
                .list(&NetworkQuery { name: Some(name.clone()), ..Default::default() })
                .collect_all()
                .await?;
            assert_eq!(listed.len(), 1);
            let renamed = format!("{name}-2");
            let updated = net
                .networks()
                .update(&net_id, &UpdateNetwork { name: Some(renamed.clone()), ..Default::default() })
                .await?;
            assert_eq!(updated.name, renamed);

            let subnet = net
                .subnets()
                .create(&CreateSubnet {
                    name: Some(format!("{name}-sub")),
                    ..CreateSubnet::new(&net_id, "10.91.0.0/24")
                })
                .await?;
            assert_eq!(subnet.cidr, "10.91.0.0/24");
            assert_eq!(subnet.ip_version, Some(4));
            let subnet = net
                .subnets()
                .update(&subnet.id, &UpdateSubnet { name: Some(format!("{name}-sub2")), ..Default::default() })
                .await?;
            assert_eq!(subnet.name, format!("{name}-sub2"));
            assert_eq!(net.subnets().find(&subnet.name).await?.id, subnet.id);

            let port = net
                .ports()
                .create(&CreatePort {
                    name: Some(format!("{name}-port")),
                    fixed_ips: Some(vec![FixedIp {
                        subnet_id: Some(subnet.id.clone()),
                        ip_address: Some("10.91.0.50".into()),
                        ..Default::default()
                    }]),
                    ..CreatePort::new(&net_id)
                })
                .await?;
            assert_eq!(port.fixed_ips[0].ip_address.as_deref(), Some("10.91.0.50"));
            let port = net
                .ports()
                .update(&port.id, &UpdatePort { description: Some("updated".into()), ..Default::default() })
                .await?;
            assert_eq!(port.standard.description.as_deref(), Some("updated"));
            let ports = net
                .ports()
                .list(&PortQuery { network_id: Some(net_id.clone()), ..Default::default() })
                .collect_all()
                .await?;
            assert!(ports.iter().any(|p| p.id == port.id));

            net.ports().delete(&port.id).await?;
            let err = net.ports().get(&port.id).await.unwrap_err();
            assert!(err.is_not_found(), "{err}");
            assert!(err.request_id().is_some_and(|r| r.starts_with("req-")), "{err}");
            net.subnets().delete(&subnet.id).await?;
            Ok(())
        },
        async { ignore_missing(net.networks().delete(&net_id).await) },
    )
    .await;
    assert!(net.networks().get(&net_id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn image_upload_download_update_delete() {
    let Some(conn) = cloud("devcloud").await else { return };
    let images = conn.image();
    let name = unique("img");
    let image = images.images().create(&CreateImage::new(&name, "raw", "bare")).await.unwrap();
    let id = image.id.clone();
    with_cleanup(
        async {
            // 3 MiB in 64 KiB chunks, streamed
            let data: Vec<u8> = (0..3 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
            let chunks: Vec<std::result::Result<Bytes, std::io::Error>> =
                data.chunks(64 * 1024).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
            images.images().upload(&id, futures::stream::iter(chunks)).await?;
            let active = images.images().wait_until(&id, "active", Duration::from_secs(60)).await?;
            assert_eq!(active.size, Some(data.len() as u64));

            let mut downloaded = Vec::new();
            let n = images.images().download_to(&id, &mut downloaded).await?;
            assert_eq!(n as usize, data.len());
            assert!(downloaded == data, "downloaded bytes differ");

            let updated = images
                .images()
                .update(
                    &id,
                    &ImageUpdate::new().set("name", format!("{name}-2")).set("ostack_test", "yes").set("min_ram", 64),
                )
                .await?;
            assert_eq!(updated.name, format!("{name}-2"));
            assert_eq!(updated.extra["ostack_test"], "yes");
            assert_eq!(updated.min_ram, Some(64));
            let updated = images.images().update(&id, &ImageUpdate::new().remove("ostack_test")).await?;
            assert!(!updated.extra.contains_key("ostack_test"));

            let listed = images
                .images()
                .list(&ImageQuery { name: Some(format!("{name}-2")), ..Default::default() })
                .collect_all()
                .await?;
            assert_eq!(listed.len(), 1);
            assert_eq!(images.images().find(&format!("{name}-2")).await?.id, id);
            images.images().delete(&id).await?;
            assert!(images.images().get(&id).await.unwrap_err().is_not_found());
            Ok(())
        },
        async { ignore_missing(images.images().delete(&id).await) },
    )
    .await;
}

#[tokio::test]
async fn image_pagination_with_glance_next_links() {
    let Some(conn) = cloud("devcloud").await else { return };
    let images = conn.image();
    let tag = unique("tag");
    let mut ids = Vec::new();
    for i in 0..3 {
        let mut body = CreateImage::new(format!("{tag}-{i}"), "raw", "bare");
        body.tags = vec![tag.clone()];
        ids.push(images.images().create(&body).await.unwrap().id);
    }
    with_cleanup(
        async {
            let query = ImageQuery { tag: Some(tag.clone()), limit: Some(1), ..Default::default() };
            let pages: Vec<Vec<_>> = images.images().list(&query).into_pages().try_collect().await?;
            assert_eq!(pages.len(), 3, "one image per page");
            Ok(())
        },
        async {
            for id in &ids {
                ignore_missing(images.images().delete(id).await);
            }
        },
    )
    .await;
}

#[tokio::test]
async fn flavor_lifecycle_with_extra_specs() {
    let Some(conn) = cloud("devcloud").await else { return };
    let compute = conn.compute();
    let name = unique("flavor");
    let flavor = compute.flavors().create(&CreateFlavor::new(&name, 256, 1, 1)).await.unwrap();
    let id = flavor.id.clone();
    with_cleanup(
        async {
            assert_eq!((flavor.ram, flavor.vcpus, flavor.disk), (256, 1, 1));
            assert_eq!(compute.flavors().get(&id).await?.name, name);
            assert_eq!(compute.flavors().find(&name).await?.id, id);
            let specs = BTreeMap::from([
                ("hw:cpu_policy".to_string(), "shared".to_string()),
                ("ostack:test".to_string(), "1".to_string()),
            ]);
            compute.flavors().set_extra_specs(&id, &specs).await?;
            assert_eq!(compute.flavors().extra_specs(&id).await?, specs);
            compute.flavors().unset_extra_spec(&id, "ostack:test").await?;
            assert_eq!(compute.flavors().extra_specs(&id).await?.len(), 1);
            let all = compute.flavors().list(&Default::default()).collect_all().await?;
            assert!(all.iter().any(|f| f.id == id));
            compute.flavors().delete(&id).await?;
            assert!(compute.flavors().get(&id).await.unwrap_err().is_not_found());
            Ok(())
        },
        async { ignore_missing(compute.flavors().delete(&id).await) },
    )
    .await;
}

#[tokio::test]
async fn keypair_generate_import_list_delete() {
    let Some(conn) = cloud("devcloud").await else { return };
    let compute = conn.compute();
    let generated = unique("key");
    let imported = unique("key-imp");
    with_cleanup(
        async {
            let (keypair, private) = compute.keypairs().generate(&generated).await?;
            use secrecy::ExposeSecret;
            assert!(private.expose_secret().starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
            assert!(keypair.public_key.starts_with("ssh-ed25519 "));
            assert!(keypair.fingerprint.is_some());
            let public_key = keypair.public_key.clone();
            let got = compute.keypairs().get(&generated).await?;
            assert_eq!(got.public_key.trim(), public_key.trim());
            let second = compute
                .keypairs()
                .create(&CreateKeypair { name: imported.clone(), public_key, key_type: None })
                .await?;
            assert_eq!(second.name, imported);
            let names: Vec<String> =
                compute.keypairs().list(&Default::default()).map_ok(|k| k.name).try_collect().await?;
            assert!(names.contains(&generated) && names.contains(&imported));
            compute.keypairs().delete(&imported).await?;
            assert!(compute.keypairs().get(&imported).await.unwrap_err().is_not_found());
            Ok(())
        },
        async {
            ignore_missing(compute.keypairs().delete(&generated).await);
            ignore_missing(compute.keypairs().delete(&imported).await);
        },
    )
    .await;
}

/// A network with a subnet, deleted by the caller.
async fn make_network(conn: &Connection, name: &str, cidr: &str) -> Result<(String, String)> {
    let net = conn.network().networks().create(&CreateNetwork::new(name)).await?;
    let subnet = conn.network().subnets().create(&CreateSubnet::new(&net.id, cidr)).await?;
    Ok((net.id, subnet.id))
}

async fn delete_network_when_free(conn: &Connection, net_id: &str) {
    // nova releases ports asynchronously after a server delete
    for _ in 0..30 {
        match conn.network().networks().delete(net_id).await {
            Ok(()) => return,
            Err(e) if e.is_not_found() => return,
            Err(e) if e.status() == Some(409) => tokio::time::sleep(Duration::from_secs(1)).await,
            Err(e) => {
                eprintln!("cleanup of network {net_id} failed: {e}");
                return;
            }
        }
    }
}

#[tokio::test]
async fn server_lifecycle_and_actions() {
    let Some(conn) = cloud("devcloud").await else { return };
    let compute = conn.compute();
    let name = unique("vm");
    let (net_id, _) = make_network(&conn, &format!("{name}-net"), "10.92.0.0/24").await.unwrap();
    let mut server_ids = Vec::new();
    let result = async {
        let microversion = compute.microversion().await?.expect("nova negotiates a microversion");
        assert!(microversion >= ostack::Microversion::new(2, 90), "{microversion}");
        let flavor = compute.flavors().find("m1.tiny").await?;
        let image = conn.image().images().find("cirros").await?;
        let body = CreateServer::new(&name, &flavor.id)
            .image(&image.id)
            .network(ServerNetwork::network(&net_id))
            .metadata("purpose", "ostack functional test")
            .user_data("#cloud-config\n")
            .security_group("default")
            .description("first");
        let created = compute.servers().create(&body).await?;
        server_ids.push(created.id.clone());
        let server = compute.servers().wait_until(&created.id, "ACTIVE", BOOT_TIMEOUT).await?;
        assert_eq!(server.name, name);
        assert_eq!(server.metadata["purpose"], "ostack functional test");
        assert_eq!(server.image().and_then(|i| i.id.as_deref()), Some(image.id.as_str()));
        assert_eq!(server.flavor.as_ref().and_then(|f| f.original_name.as_deref()), Some("m1.tiny"));
        let ip = server.ips().next().expect("server has an IP").to_string();
        assert!(ip.starts_with("10.92.0."), "{ip}");
        assert_eq!(compute.servers().find(&name).await?.id, server.id);

        let updated = compute
            .servers()
            .update(&server.id, &UpdateServer { name: Some(format!("{name}-r")), description: Some("second".into()) })
            .await?;
        assert_eq!(updated.name, format!("{name}-r"));
        assert_eq!(updated.description.as_deref(), Some("second"));

        compute.servers().stop(&server.id).await?;
        compute.servers().wait_until(&server.id, "SHUTOFF", BOOT_TIMEOUT).await?;
        compute.servers().start(&server.id).await?;
        compute.servers().wait_until(&server.id, "ACTIVE", BOOT_TIMEOUT).await?;
        compute.servers().reboot(&server.id, RebootType::Soft).await?;
        compute.servers().wait_until(&server.id, "ACTIVE", BOOT_TIMEOUT).await?;
        compute.servers().reboot(&server.id, RebootType::Hard).await?;
        compute.servers().wait_until(&server.id, "ACTIVE", BOOT_TIMEOUT).await?;

        let filtered = compute
            .servers()
            .list(&ServerQuery {
                name: Some(format!("^{name}-r$")),
                status: Some("ACTIVE".into()),
                flavor: Some(flavor.id.clone()),
                image: Some(image.id.clone()),
                all_tenants: Some(true),
                changes_since: Some((chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339()),
                ..Default::default()
            })
            .collect_all()
            .await?;
        assert_eq!(filtered.len(), 1);

        // a second server: no network, booting from a block device mapping of the image
        let bare = compute
            .servers()
            .create(
                &CreateServer::new(format!("{name}-bare"), &flavor.id)
                    .image(&image.id)
                    .networks(ServerNetworks::None)
                    .block_device(ostack::compute::v2::BlockDeviceMapping {
                        boot_index: Some(0),
                        uuid: Some(image.id.clone()),
                        source_type: "image".into(),
                        destination_type: Some("local".into()),
                        delete_on_termination: Some(true),
                        ..Default::default()
                    }),
            )
            .await?;
        server_ids.push(bare.id.clone());
        let bare = compute.servers().wait_until(&bare.id, "ACTIVE", BOOT_TIMEOUT).await?;
        assert!(bare.addresses.is_empty());

        for id in &server_ids {
            compute.servers().delete(id).await?;
        }
        for id in &server_ids {
            compute.servers().wait_for_delete(id, BOOT_TIMEOUT).await?;
        }
        Ok::<_, Error>(())
    }
    .await;
    for id in &server_ids {
        ignore_missing(compute.servers().delete(id).await);
    }
    for id in &server_ids {
        let _ = compute.servers().wait_for_delete(id, BOOT_TIMEOUT).await;
    }
    delete_network_when_free(&conn, &net_id).await;
    result.unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn server_pagination_with_limit_one() {
    let Some(conn) = cloud("devcloud").await else { return };
    let compute = conn.compute();
    let name = unique("page");
    let flavor = compute.flavors().find("m1.tiny").await.unwrap();
    let image = conn.image().images().find("cirros").await.unwrap();
    let body = CreateServer::new(&name, &flavor.id).image(&image.id).networks(ServerNetworks::None).count(3, 3);
    compute.servers().create(&body).await.unwrap();
    let query = ServerQuery { name: Some(format!("^{name}")), ..Default::default() };
    let ids: Vec<String> = compute.servers().list(&query).map_ok(|s| s.id).try_collect().await.unwrap();
    with_cleanup(
        async {
            assert_eq!(ids.len(), 3, "three servers from one multi-create");
            // while servers are still building, nova lists them from build requests and cells,
            // which can repeat one across pages; page once they are all ACTIVE
            for id in &ids {
                compute.servers().wait_until(id, "ACTIVE", BOOT_TIMEOUT).await?;
            }
            let paged = ServerQuery { limit: Some(1), ..query.clone() };
            let pages: Vec<Vec<_>> = compute.servers().list(&paged).into_pages().try_collect().await?;
            assert_eq!(pages.len(), 3);
            assert!(pages.iter().all(|p| p.len() == 1));
            let mut seen: Vec<String> = pages.into_iter().flatten().map(|s| s.id).collect();
            seen.sort();
            let mut expected = ids.clone();
            expected.sort();
            assert_eq!(seen, expected);
            // the lazy pager fetches only what is consumed
            let first_two: Vec<_> = compute.servers().list(&paged).take(2).try_collect().await?;
            assert_eq!(first_two.len(), 2);
            Ok(())
        },
        async {
            for id in &ids {
                ignore_missing(compute.servers().delete(id).await);
            }
        },
    )
    .await;
}

#[tokio::test]
async fn not_found_carries_the_request_id() {
    let Some(conn) = cloud("devcloud").await else { return };
    let err = conn.compute().servers().get("00000000-0000-0000-0000-000000000000").await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert!(err.request_id().is_some_and(|r| r.starts_with("req-")), "{err:?}");
    assert!(err.to_string().contains("could not be found"), "{err}");
    let err = conn.compute().servers().find(&unique("missing")).await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn demo_user_is_refused_admin_calls() {
    let Some(conn) = cloud("devcloud-demo").await else { return };
    let err = conn.compute().flavors().create(&CreateFlavor::new(unique("nope"), 64, 1, 0)).await.unwrap_err();
    assert_eq!(err.status(), Some(403), "{err}");
    assert!(err.request_id().is_some());
    // but ordinary calls work
    conn.network().networks().list(&Default::default()).collect_all().await.unwrap();
}

#[tokio::test]
async fn application_credential_auth() {
    let Some(conn) = cloud("devcloud-appcred").await else { return };
    let token = conn.token().await.unwrap().unwrap();
    assert_eq!(token.project_name.as_deref(), Some("demo"));
    assert!(!token.catalog.services.is_empty());
    conn.compute().flavors().list(&Default::default()).collect_all().await.unwrap();
}

/// A server on a private network behind a router reaches ACTIVE and gets a floating IP; the
/// router's interfaces, gateway and routes, and security groups with rules, on the way.
#[tokio::test]
async fn router_floating_ip_and_security_groups_around_a_server() {
    use ostack::network::v2::{
        CreateFloatingIp, CreateRouter, CreateSecurityGroup, CreateSecurityGroupRule, ExternalGateway, FloatingIpQuery,
        Route, RouterQuery, SecurityGroupRuleQuery, UpdateRouter, UpdateSecurityGroup,
    };
    let Some(conn) = cloud("devcloud").await else { return };
    let net = conn.network();
    let name = unique("edge");
    let (net_id, subnet_id) = make_network(&conn, &format!("{name}-net"), "10.93.0.0/24").await.unwrap();
    let mut router_id = None;
    let mut group_id = None;
    let mut server_id = None;
    let mut fip_id = None;
    let result = async {
        // security group with rules of every kind
        let group = net
            .security_groups()
            .create(&CreateSecurityGroup { description: Some("edge".into()), ..CreateSecurityGroup::new(&name) })
            .await?;
        group_id = Some(group.id.clone());
        assert_eq!(group.standard.description.as_deref(), Some("edge"));
        let ssh = net
            .security_group_rules()
            .create(&CreateSecurityGroupRule {
                protocol: Some("tcp".into()),
                port_range_min: Some(22),
                port_range_max: Some(22),
                remote_ip_prefix: Some("192.0.2.0/24".into()),
                ..CreateSecurityGroupRule::new(&group.id, "ingress")
            })
            .await?;
        assert_eq!((ssh.port_range_min, ssh.port_range_max), (Some(22), Some(22)));
        let from_group = net
            .security_group_rules()
            .create(&CreateSecurityGroupRule {
                ethertype: Some("IPv6".into()),
                protocol: Some("udp".into()),
                port_range_min: Some(8000),
                port_range_max: Some(8080),
                remote_group_id: Some(group.id.clone()),
                ..CreateSecurityGroupRule::new(&group.id, "egress")
            })
            .await?;
        assert_eq!(from_group.remote_group_id.as_deref(), Some(group.id.as_str()));
        let icmp = net
            .security_group_rules()
            .create(&CreateSecurityGroupRule {
                protocol: Some("icmp".into()),
                ..CreateSecurityGroupRule::new(&group.id, "ingress")
            })
            .await?;
        let rules = net
            .security_group_rules()
            .list(&SecurityGroupRuleQuery { security_group_id: Some(group.id.clone()), ..Default::default() })
            .collect_all()
            .await?;
        for id in [&ssh.id, &from_group.id, &icmp.id] {
            assert!(rules.iter().any(|r| &r.id == id), "rule {id} listed");
        }
        net.security_group_rules().delete(&icmp.id).await?;
        let renamed = net
            .security_groups()
            .update(&group.id, &UpdateSecurityGroup { name: Some(format!("{name}-2")), ..Default::default() })
            .await?;
        assert_eq!(renamed.name, format!("{name}-2"));
        assert_eq!(net.security_groups().find(&format!("{name}-2")).await?.security_group_rules.len(), rules.len() - 1);

        // router with a gateway on the external network, the subnet attached, a static route
        assert!(net.extensions().has("router").await?, "the devcloud loads the router service plugin");
        assert!(!net.extensions().has("no-such-extension").await?);
        let public = net.networks().find("public").await?;
        let router = net
            .routers()
            .create(&CreateRouter {
                name: Some(name.clone()),
                external_gateway_info: Some(ExternalGateway::on(&public.id)),
                ..Default::default()
            })
            .await?;
        router_id = Some(router.id.clone());
        let gateway = router.external_gateway_info.as_ref().expect("gateway set");
        assert_eq!(gateway.network_id.as_deref(), Some(public.id.as_str()));
        let interface = net.routers().add_subnet(&router.id, &subnet_id).await?;
        assert_eq!(interface.subnet_id.as_deref(), Some(subnet_id.as_str()));
        let with_route = net.routers().add_routes(&router.id, &[Route::new("192.0.2.0/24", "10.93.0.50")]).await?;
        assert_eq!(with_route.routes.len(), 1);
        let updated =
            net.routers().update(&router.id, &UpdateRouter { routes: Some(vec![]), ..Default::default() }).await?;
        assert!(updated.routes.is_empty());
        let listed =
            net.routers().list(&RouterQuery { name: Some(name.clone()), ..Default::default() }).collect_all().await?;
        assert_eq!(listed.len(), 1);

        // a server on the private network, then a floating IP on its port
        let flavor = conn.compute().flavors().find("m1.tiny").await?;
        let image = conn.image().images().find("cirros").await?;
        let body = CreateServer::new(&name, &flavor.id)
            .image(&image.id)
            .network(ServerNetwork::network(&net_id))
            .security_group(&group.id);
        let created = conn.compute().servers().create(&body).await?;
        server_id = Some(created.id.clone());
        conn.compute().servers().wait_until(&created.id, "ACTIVE", BOOT_TIMEOUT).await?;
        let port = net
            .ports()
            .list(&PortQuery { device_id: Some(created.id.clone()), ..Default::default() })
            .collect_all()
            .await?
            .pop()
            .expect("the server has a port");
        let fip = net.floating_ips().create(&CreateFloatingIp::on(&public.id)).await?;
        fip_id = Some(fip.id.clone());
        assert!(fip.floating_ip_address.as_deref().is_some_and(|a| a.starts_with("172.24.4.")), "{fip:?}");
        let associated = net.floating_ips().associate(&fip.id, &port.id, None).await?;
        assert_eq!(associated.port_id.as_deref(), Some(port.id.as_str()));
        assert_eq!(associated.router_id.as_deref(), Some(router.id.as_str()));
        let of_server = net.floating_ips().list_for_server(&created.id).await?;
        assert_eq!(of_server.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), vec![fip.id.as_str()]);
        let by_port = net
            .floating_ips()
            .list(&FloatingIpQuery { port_id: vec![port.id.clone()], ..Default::default() })
            .collect_all()
            .await?;
        assert_eq!(by_port.len(), 1);
        let address = fip.floating_ip_address.clone().unwrap_or_default();
        assert_eq!(net.floating_ips().find(&address).await?.id, fip.id);
        let released = net.floating_ips().disassociate(&fip.id).await?;
        assert_eq!(released.port_id, None);

        // the router gives its subnet and gateway back
        net.routers().remove_subnet(&router.id, &subnet_id).await?;
        let bare = net.routers().unset_gateway(&router.id).await?;
        assert!(bare.external_gateway_info.is_none(), "{:?}", bare.external_gateway_info);
        Ok::<_, Error>(())
    }
    .await;
    if let Some(id) = &fip_id {
        ignore_missing(net.floating_ips().delete(id).await);
    }
    if let Some(id) = &server_id {
        ignore_missing(conn.compute().servers().delete(id).await);
        let _ = conn.compute().servers().wait_for_delete(id, BOOT_TIMEOUT).await;
    }
    if let Some(id) = &router_id {
        let _ = net.routers().remove_subnet(id, &subnet_id).await;
        ignore_missing(net.routers().delete(id).await);
    }
    if let Some(id) = &group_id {
        ignore_missing(net.security_groups().delete(id).await);
    }
    delete_network_when_free(&conn, &net_id).await;
    result.unwrap_or_else(|e| panic!("{e}"));
}
