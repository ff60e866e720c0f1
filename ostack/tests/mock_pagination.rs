//! Pagination styles and their edge cases against a wiremock cloud.

mod common;

use common::*;
use futures::{StreamExt, TryStreamExt};
use ostack::network::v2::NetworkQuery;
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn net(id: &str) -> serde_json::Value {
    json!({"id": id, "name": id, "status": "ACTIVE", "subnets": null, "tags": null, "created_at": "2016-03-08T20:19:41"})
}

async fn mount_page(server: &MockServer, p: &str, marker: Option<&str>, body: serde_json::Value) {
    let mock = Mock::given(method("GET")).and(path(p));
    let mock = match marker {
        Some(m) => mock.and(query_param("marker", m)),
        None => mock.and(query_param_is_missing("marker")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(server).await;
}

#[tokio::test]
async fn neutron_links_are_followed_lazily() {
    let (server, conn) = mock_cloud().await;
    let base = server.uri();
    let p = "/network/v2.0/networks";
    mount_page(&server, p, None, json!({"networks": [net("a"), net("b")], "networks_links": [{"rel": "next", "href": format!("{base}{p}?limit=2&marker=b")}]})).await;
    mount_page(
        &server,
        p,
        Some("b"),
        json!({"networks": [net("c")], "networks_links": [{"rel": "previous", "href": "x"}]}),
    )
    .await;

    let mut pager = conn.network().networks().list(&NetworkQuery {
        common: ostack::network::v2::NeutronListOptions { limit: Some(2), ..Default::default() },
        ..Default::default()
    });
    assert_eq!(count(&server, "GET", p).await, 0, "nothing is fetched before the first poll");
    let first = pager.try_next().await.unwrap().unwrap();
    assert_eq!(first.id, "a");
    assert!(first.subnets.is_empty(), "null list becomes empty");
    assert!(first.standard.created_at.is_some(), "zone-less timestamp is read as UTC");
    pager.try_next().await.unwrap().unwrap();
    assert_eq!(count(&server, "GET", p).await, 1, "the second page waits until the first is consumed");
    let rest: Vec<_> = pager.try_collect().await.unwrap();
    assert_eq!(rest.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["c"]);
    assert_eq!(count(&server, "GET", p).await, 2);
}

#[tokio::test]
async fn nova_empty_last_page_ends_the_list() {
    let (server, conn) = mock_cloud().await;
    let base = server.uri();
    let p = "/compute/v2.1/servers/detail";
    let srv =
        |id: &str| json!({"id": id, "name": id, "status": "ACTIVE", "image": "", "flavor": {"id": "1", "links": []}});
    mount_page(&server, p, None, json!({"servers": [srv("a")], "servers_links": [{"rel": "next", "href": format!("{base}{p}?limit=1&marker=a")}]})).await;
    mount_page(&server, p, Some("a"), json!({"servers": [srv("b")], "servers_links": [{"rel": "next", "href": format!("{base}{p}?limit=1&marker=b")}]})).await;
    mount_page(&server, p, Some("b"), json!({"servers": []})).await;
    let all = conn.compute().servers().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[0].image().is_none(), "\"\" image (boot from volume) is no image");
    assert!(matches!(all[0].image, Some(ostack::compute::v2::BootImage::Volume(_))), "\"\" is kept as sent");
    assert_eq!(count(&server, "GET", p).await, 3);
}

#[tokio::test]
async fn the_same_page_twice_stops_instead_of_looping() {
    let (server, conn) = mock_cloud().await;
    let base = server.uri();
    let p = "/network/v2.0/networks";
    // a broken cloud: ignores the marker and always sends the first page with a next link
    Mock::given(method("GET"))
        .and(path(p))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "networks": [net("a"), net("b")],
            "networks_links": [{"rel": "next", "href": format!("{base}{p}?marker=b&limit=2")}]
        })))
        .mount(&server)
        .await;
    let all = conn.network().networks().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(all.len(), 2, "items are not repeated");
    assert!(count(&server, "GET", p).await <= 2);
}

#[tokio::test]
async fn a_next_link_pointing_back_stops() {
    let (server, conn) = mock_cloud().await;
    let base = server.uri();
    let p = "/network/v2.0/networks";
    mount_page(
        &server,
        p,
        None,
        json!({"networks": [net("a")], "networks_links": [{"rel": "next", "href": format!("{base}{p}?marker=a")}]}),
    )
    .await;
    mount_page(
        &server,
        p,
        Some("a"),
        json!({"networks": [net("b")], "networks_links": [{"rel": "next", "href": format!("{base}{p}?marker=a")}]}),
    )
    .await;
    let all = conn.network().networks().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(all.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(count(&server, "GET", p).await, 2);
}

#[tokio::test]
async fn glance_next_key_is_relative_to_the_endpoint_root() {
    let (server, conn) = mock_cloud().await;
    let p = "/image/v2/images";
    let img = |id: &str| json!({"id": id, "name": null, "status": "active", "visibility": "public", "tags": [], "my_property": "kept"});
    mount_page(&server, p, None, json!({"images": [img("a")], "first": "/v2/images", "next": "/v2/images?marker=a", "schema": "/v2/schemas/images"})).await;
    mount_page(
        &server,
        p,
        Some("a"),
        json!({"images": [img("b")], "first": "/v2/images", "schema": "/v2/schemas/images"}),
    )
    .await;
    let all = conn.image().images().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(all.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(all[0].name, "", "null name");
    assert_eq!(all[0].extra["my_property"], "kept", "custom properties land in extra");
}

#[tokio::test]
async fn keypair_list_items_are_unwrapped() {
    let (server, conn) = mock_cloud().await;
    mount_page(&server, "/compute/v2.1/os-keypairs", None, json!({"keypairs": [{"keypair": {"name": "k", "public_key": "ssh-ed25519 AAAA", "fingerprint": "f", "type": "ssh"}}]})).await;
    let keys = conn.compute().keypairs().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(keys[0].name, "k");
    assert_eq!(keys[0].key_type.as_deref(), Some("ssh"));
}

#[tokio::test]
async fn a_bad_field_is_named_in_the_error() {
    let (server, conn) = mock_cloud().await;
    mount_page(
        &server,
        "/compute/v2.1/servers/detail",
        None,
        json!({"servers": [{"id": "a", "name": "x"}, {"id": "b", "name": "y", "addresses": {"net": [{"addr": 7}]}}]}),
    )
    .await;
    let err = conn.compute().servers().list(&Default::default()).collect_all().await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("Server") && text.contains("servers[1].addresses.net[0].addr"), "{text}");
}

#[tokio::test]
async fn unknown_status_values_are_kept() {
    let (server, conn) = mock_cloud().await;
    mount_page(
        &server,
        "/compute/v2.1/servers/detail",
        None,
        json!({"servers": [{"id": "a", "name": "x", "status": "SHINY_NEW"}]}),
    )
    .await;
    let servers = conn.compute().servers().list(&Default::default()).collect_all().await.unwrap();
    assert_eq!(servers[0].status, Some(ostack::compute::v2::ServerStatus::Unknown("SHINY_NEW".into())));
}

#[tokio::test]
async fn find_by_name_after_a_404_by_id() {
    let (server, conn) = mock_cloud().await;
    Mock::given(method("GET"))
        .and(path("/network/v2.0/networks/web"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"NeutronError": {"type": "NetworkNotFound", "message": "Network web could not be found.", "detail": ""}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/network/v2.0/networks"))
        .and(query_param("name", "web"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"networks": [net("web")]})))
        .mount(&server)
        .await;
    let found = conn.network().networks().find("web").await.unwrap();
    assert_eq!(found.id, "web");
}

#[tokio::test]
async fn pages_can_be_taken_one_at_a_time() {
    let (server, conn) = mock_cloud().await;
    let base = server.uri();
    let p = "/network/v2.0/networks";
    mount_page(
        &server,
        p,
        None,
        json!({"networks": [net("a")], "networks_links": [{"rel": "next", "href": format!("{base}{p}?marker=a")}]}),
    )
    .await;
    mount_page(&server, p, Some("a"), json!({"networks": [net("b")]})).await;
    let pages: Vec<Vec<_>> =
        conn.network().networks().list(&Default::default()).into_pages().map(|p| p.unwrap()).collect().await;
    assert_eq!(pages.len(), 2);
}
