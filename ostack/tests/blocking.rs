//! The blocking facade: against the devcloud (list, find, create, update, delete, a router
//! action, a wait), and against a wiremock cloud from plain code and from inside an async
//! runtime, where `reqwest::blocking` would panic.
//!
//! The devcloud test finds the cloud like any program (`OS_CLIENT_CONFIG_FILE`, cloud
//! `devcloud`); outside CI it skips when the devcloud is not running, in CI (`CI=true`) it fails.

mod common;

use common::contract;
use ostack::blocking::Connection;
use ostack::network::v2::{
    CreateNetwork, CreateRouter, CreateSubnet, NetworkQuery, NeutronListOptions, PortQuery, UpdateNetwork,
};
use ostack::Result;
use serde_json::json;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Connect to a devcloud cloud, or skip (outside CI) with one line saying how to start it.
fn cloud(name: &str) -> Option<Connection> {
    match Connection::from_cloud(name) {
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
    format!("ostack-ft-blocking-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// Delete, ignoring "already gone".
fn ignore_missing(result: Result<()>) {
    if let Err(e) = result {
        if !e.is_not_found() {
            eprintln!("cleanup failed: {e}");
        }
    }
}

#[derive(Default)]
struct Created {
    network: Option<String>,
    subnet: Option<String>,
    router: Option<String>,
}

fn exercise(conn: &Connection, name: &str, created: &mut Created) -> Result<()> {
    // list through the iterator, find by name
    let flavors = conn.compute().flavors().list(&Default::default()).collect::<Result<Vec<_>>>()?;
    assert!(!flavors.is_empty(), "the devcloud has flavors");
    assert_eq!(conn.compute().flavors().find(&flavors[0].name)?.id, flavors[0].id);

    // create, get, find, list with a query, update
    let networks = conn.network().networks();
    let network = networks.create(&CreateNetwork::new(name))?;
    created.network = Some(network.id.clone());
    assert_eq!(network.name, name);
    assert_eq!(networks.get(&network.id)?.id, network.id);
    assert_eq!(networks.find(name)?.id, network.id);
    let query = NetworkQuery { name: Some(name.to_string()), ..Default::default() };
    let listed = networks.list(&query).collect_all()?;
    assert_eq!(listed.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), [network.id.as_str()]);
    let renamed = format!("{name}-2");
    let updated = networks.update(&network.id, &UpdateNetwork { name: Some(renamed.clone()), ..Default::default() })?;
    assert_eq!(updated.name, renamed);

    // a typed action through the async handle: attach a subnet to a router
    let subnet = conn.network().subnets().create(&CreateSubnet::new(&network.id, "10.93.0.0/24"))?;
    created.subnet = Some(subnet.id.clone());
    let routers = conn.network().routers();
    let router = routers.create(&CreateRouter { name: Some(format!("{name}-router")), ..Default::default() })?;
    created.router = Some(router.id.clone());
    let interface = routers.block_on(routers.inner().add_subnet(&router.id, &subnet.id))?;
    assert_eq!(interface.subnet_id.as_deref(), Some(subnet.id.as_str()));
    let ports = conn.network().ports();
    let router_ports =
        ports.list(&PortQuery { device_id: Some(router.id.clone()), ..Default::default() }).collect_all()?;
    assert_eq!(router_ports.len(), 1, "the interface port");
    assert_eq!(router_ports[0].fixed_ips[0].ip_address.as_deref(), Some("10.93.0.1"));
    routers.block_on(routers.inner().remove_subnet(&router.id, &subnet.id))?;

    // delete, wait, and find nothing
    routers.delete(&router.id)?;
    routers.wait_for_delete(&router.id, Duration::from_secs(30))?;
    conn.network().subnets().delete(&subnet.id)?;
    networks.delete(&network.id)?;
    let gone = networks.get(&network.id).unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
    assert!(networks.find(&renamed).unwrap_err().is_not_found());
    Ok(())
}

#[test]
fn blocking_facade_on_the_devcloud() {
    let Some(conn) = cloud("devcloud") else { return };
    let name = unique("net");
    let mut created = Created::default();
    let outcome = catch_unwind(AssertUnwindSafe(|| exercise(&conn, &name, &mut created)));
    let net = conn.network();
    if let Some(id) = &created.router {
        if let Some(subnet) = &created.subnet {
            let _ = net.routers().block_on(net.routers().inner().remove_subnet(id, subnet));
        }
        ignore_missing(net.routers().delete(id));
    }
    if let Some(id) = &created.subnet {
        ignore_missing(net.subnets().delete(id));
    }
    if let Some(id) = &created.network {
        ignore_missing(net.networks().delete(id));
    }
    match outcome {
        Ok(result) => result.unwrap_or_else(|e| panic!("{e}")),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

fn network(id: &str) -> serde_json::Value {
    json!({"id": id, "name": null, "status": "ACTIVE"})
}

/// Two pages of networks behind a neutron `next` link.
async fn mount_two_pages(server: &MockServer) {
    let p = "/network/v2.0/networks";
    let next = format!("{}{p}?limit=2&marker=b", server.uri());
    Mock::given(method("GET"))
        .and(path(p))
        .and(query_param_is_missing("marker"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"networks": [network("a"), network("b")], "networks_links": [{"rel": "next", "href": next}]}),
        ))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(p))
        .and(query_param("marker", "b"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"networks": [network("c")]})))
        .mount(server)
        .await;
}

/// Page through the two pages with the blocking iterator, checking that each page is fetched
/// only when the previous one is used up; `requests` reads how many the server has seen.
fn page_lazily(conn: &Connection, requests: impl Fn() -> usize) {
    let query =
        NetworkQuery { common: NeutronListOptions { limit: Some(2), ..Default::default() }, ..Default::default() };
    let mut list = conn.network().networks().list(&query);
    assert_eq!(requests(), 0, "nothing is fetched before the first next()");
    assert_eq!(list.next().unwrap().unwrap().id, "a");
    assert_eq!(requests(), 1);
    assert_eq!(list.next().unwrap().unwrap().id, "b");
    assert_eq!(requests(), 1, "the second page waits until the first is used up");
    let rest = list.collect::<Result<Vec<_>>>().unwrap();
    assert_eq!(rest.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["c"]);
    assert_eq!(requests(), 2);
    let all = conn.network().networks().list(&query).collect_all().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].name, "", "a null name reads as empty");
}

#[test]
fn outside_any_runtime_pages_are_fetched_one_at_a_time() {
    // a runtime only to start and query the mock server; the facade brings its own
    let tokio = tokio::runtime::Runtime::new().unwrap();
    let server = tokio.block_on(MockServer::start());
    tokio.block_on(mount_two_pages(&server));
    let conn = Connection::from_builder(contract::builder(&server)).unwrap();
    page_lazily(&conn, || tokio.block_on(server.received_requests()).unwrap_or_default().len());
}

#[tokio::test(flavor = "current_thread")]
async fn inside_an_async_runtime_it_works_instead_of_panicking() {
    // wiremock serves from its own thread, so blocking this runtime's only thread is safe here
    let server = MockServer::start().await;
    mount_two_pages(&server).await;
    let conn = Connection::from_builder(contract::builder(&server)).unwrap();
    // requests are counted without awaiting too, through the facade's block_on
    page_lazily(&conn, || conn.block_on(server.received_requests()).unwrap_or_default().len());
    // an error comes back as an error, not a panic, and the connection is dropped in async context
    let err = conn.network().networks().get("").unwrap_err();
    assert!(err.to_string().contains("empty Network id"), "{err}");
    drop(conn);
}
