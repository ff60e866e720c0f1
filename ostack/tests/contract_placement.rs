//! Placement contract tests, against the official api-ref samples (`../shared/api-samples/placement`,
//! or `OSTACK_API_SAMPLES`; skipped with a message when absent):
//!
//! 1. every response sample decodes through the SDK call that receives it (from a wiremock
//!    cloud answering with the sample) and re-serializes with every key and value it had;
//! 2. every value of every response sample replaced by values of other types decodes to a result,
//!    never a panic;
//! 3. each call sends what the API expects at the microversion in use: method, path and query,
//!    the body of the upstream request sample, token and `OpenStack-API-Version: placement X`;
//! 4. placement's behaviours around them: a 409 with `placement.concurrent_update` is a generation
//!    conflict, a create before 1.20 reads the provider from its `Location`, and a call needing a
//!    newer microversion fails before sending anything.

mod common;

use common::contract::{self, assert_kept, samples_dir};
use indexmap::IndexMap;
use ostack::catalog::ServiceType;
use ostack::discovery::Endpoint;
use ostack::placement::v1::{
    AllocationCandidatesQuery, CreateResourceProvider, GroupPolicy, Inventory, ProviderInventories, RequestGroup,
    Reshape, ResourceProviderQuery, SetAllocations, TraitQuery, UpdateResourceProvider, UsageQuery,
};
use ostack::{Connection, Error, Microversion};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const RP: &str = "4e8e5957-649f-477b-9e5b-f1f75b21c03c";
const CONSUMER: &str = "a0b1c2d3-0000-4000-8000-000000000001";

/// A connection whose placement endpoint is `<server>/placement`, speaking `version`.
async fn connect(server: &MockServer, version: &str) -> Connection {
    let v: Microversion = version.parse().unwrap();
    let endpoint = Endpoint {
        service: ServiceType::Placement,
        url: format!("{}/placement", server.uri()),
        root: format!("{}/placement", server.uri()),
        microversion: Some(v),
        min_microversion: Some(Microversion::new(1, 0)),
        max_microversion: Some(Microversion::new(1, 39)),
    };
    contract::builder(server).endpoints(vec![endpoint]).build().await.unwrap()
}

fn sample(root: &Path, file: &str) -> Value {
    let path = root.join("placement").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A mock cloud answering everything with `status` and `body`.
async fn answering(status: u16, body: &Value) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if !body.is_null() {
        response = response.set_body_json(body);
    }
    Mock::given(any()).respond_with(response).mount(&server).await;
    server
}

/// The one request the server received: method, path+query under `/placement/`, JSON body, and
/// the microversion header; the token is checked too.
async fn only_request(server: &MockServer) -> (String, String, Value, String) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected one request, got {requests:#?}");
    let r = &requests[0];
    let header = |name: &str| r.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(header("x-auth-token"), contract::TOKEN);
    let path = r.url.path().strip_prefix("/placement/").unwrap_or_else(|| panic!("{} not under /placement", r.url));
    let path = match r.url.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    };
    let body = if r.body.is_empty() { Value::Null } else { serde_json::from_slice(&r.body).unwrap() };
    if !r.body.is_empty() {
        assert_eq!(header("content-type"), "application/json");
    }
    (r.method.to_string(), path, body, header("openstack-api-version"))
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Every response sample, through the call that receives it: decoded, re-encoded, nothing lost.
#[tokio::test]
async fn response_samples_round_trip() {
    let Some(root) = samples_dir() else { return };
    let mut checked = 0;
    macro_rules! check {
        ($file:literal, $version:literal, |$conn:ident| $call:expr) => {{
            let body = sample(&root, $file);
            let server = answering(200, &body).await;
            let $conn = connect(&server, $version).await;
            let ours = to_json(&$call.await.unwrap_or_else(|e| panic!("{}: {e}", $file)));
            assert_kept(&body, &ours, "", &PathBuf::from($file));
            checked += 1;
        }};
    }
    let rps = |c: &Connection| c.placement().resource_providers();
    check!("resource_providers/get-resource_provider.json", "1.39", |c| rps(&c).get(RP));
    check!("resource_providers/create-resource_provider.json", "1.39", |c| rps(&c)
        .create(&CreateResourceProvider::new("NFS Share")));
    check!("resource_providers/update-resource_provider.json", "1.39", |c| rps(&c)
        .update(RP, &UpdateResourceProvider { name: "Shared storage".into(), ..Default::default() }));
    {
        let body = sample(&root, "resource_providers/get-resource_providers.json");
        let server = answering(200, &body).await;
        let c = connect(&server, "1.39").await;
        let listed = rps(&c).list(&Default::default()).collect_all().await.unwrap();
        assert_kept(&body["resource_providers"], &to_json(&listed), "", Path::new("get-resource_providers.json"));
        checked += 1;
    }
    check!("inventories/get-inventories.json", "1.39", |c| rps(&c).inventories(RP));
    check!("inventories/get-inventory.json", "1.39", |c| rps(&c).inventory(RP, "VCPU"));
    check!("inventories/update-inventories.json", "1.39", |c| rps(&c).set_inventories(RP, 1, &IndexMap::new()));
    check!("inventories/update-inventory.json", "1.39", |c| rps(&c).set_inventory(
        RP,
        "VCPU",
        7,
        &Inventory::total(50)
    ));
    check!("resource_provider_usages/get-resource_provider_usages.json", "1.39", |c| rps(&c).usages(RP));
    check!("aggregates/get-aggregates.json", "1.1", |c| rps(&c).aggregates(RP));
    check!("aggregates/get-aggregates-1.19.json", "1.19", |c| rps(&c).aggregates(RP));
    check!("aggregates/update-aggregates.json", "1.1", |c| rps(&c).set_aggregates(RP, &[], None));
    check!("aggregates/update-aggregates-1.19.json", "1.19", |c| rps(&c).set_aggregates(RP, &[], Some(8)));
    check!("resource_provider_traits/get-resource_provider-traits.json", "1.6", |c| rps(&c).traits(RP));
    check!("resource_provider_traits/update-resource_provider-traits.json", "1.6", |c| rps(&c).set_traits(RP, &[], 0));
    check!("resource_provider_allocations/get-resource_provider_allocations.json", "1.39", |c| rps(&c).allocations(RP));
    check!("allocations/get-allocations.json", "1.12", |c| c.placement().allocations().get(CONSUMER));
    check!("allocations/get-allocations-1.28.json", "1.28", |c| c.placement().allocations().get(CONSUMER));
    check!("allocations/get-allocations-1.38.json", "1.38", |c| c.placement().allocations().get(CONSUMER));
    let vcpu = || AllocationCandidatesQuery::new(RequestGroup::unsuffixed().resource("VCPU", 1));
    check!("allocation_candidates/get-allocation_candidates.json", "1.10", |c| c
        .placement()
        .allocation_candidates(&vcpu()));
    check!("allocation_candidates/get-allocation_candidates-1.12.json", "1.12", |c| c
        .placement()
        .allocation_candidates(&vcpu()));
    check!("allocation_candidates/get-allocation_candidates-1.17.json", "1.17", |c| c
        .placement()
        .allocation_candidates(&vcpu()));
    check!("allocation_candidates/get-allocation_candidates-1.29.json", "1.29", |c| c
        .placement()
        .allocation_candidates(&vcpu()));
    check!("allocation_candidates/get-allocation_candidates-1.34.json", "1.34", |c| c
        .placement()
        .allocation_candidates(&vcpu()));
    check!("resource_classes/get-resource_class.json", "1.2", |c| c.placement().resource_classes().get("CUSTOM_FPGA"));
    {
        let body = sample(&root, "resource_classes/get-resource_classes.json");
        let server = answering(200, &body).await;
        let c = connect(&server, "1.2").await;
        let listed = c.placement().resource_classes().list(&Default::default()).collect_all().await.unwrap();
        assert_kept(&body["resource_classes"], &to_json(&listed), "", Path::new("get-resource_classes.json"));
        checked += 1;
    }
    {
        let body = sample(&root, "traits/get-traits.json");
        let server = answering(200, &body).await;
        let c = connect(&server, "1.6").await;
        let listed = c.placement().traits().list(&TraitQuery::default()).await.unwrap();
        assert_eq!(json!(listed), body["traits"]);
        checked += 1;
    }
    check!("usages/get-usages.json", "1.9", |c| c.placement().usages(&UsageQuery::project("p")));
    check!("usages/get-usages-1.38.json", "1.38", |c| c.placement().usages(&UsageQuery::project("p")));
    eprintln!("{checked} placement response samples round-tripped");
    assert!(checked >= 29, "{checked}");
}

/// Replace each value of `body` (at any depth) by values of every other type: decoding as `T`
/// (and re-encoding what decodes) gives a result, never a panic. Returns (tried, rejected).
fn never_panics<T: DeserializeOwned + Serialize>(body: &Value, file: &str) -> (usize, usize) {
    fn leaves(v: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let mut p = at.clone();
                    p.push(json!(k));
                    out.push(p.clone());
                    leaves(child, p, out);
                }
            }
            Value::Array(list) if !list.is_empty() => {
                let mut p = at.clone();
                p.push(json!(0));
                out.push(p.clone());
                leaves(&list[0], p, out);
            }
            _ => {}
        }
    }
    let wrong = [json!(null), json!(""), json!(-1), json!(1.5e300), json!(true), json!([null]), json!({"k": 1})];
    let mut paths = Vec::new();
    leaves(body, Vec::new(), &mut paths);
    let (mut tried, mut rejected) = (0, 0);
    for path in paths {
        for value in &wrong {
            let mut mutated = body.clone();
            let slot = path.iter().fold(&mut mutated, |v, step| match step {
                Value::String(k) => &mut v[k.as_str()],
                other => &mut v[other.as_u64().unwrap() as usize],
            });
            if std::mem::discriminant(slot) == std::mem::discriminant(value) {
                continue;
            }
            *slot = value.clone();
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                serde_json::from_value::<T>(mutated.clone()).map(|t| serde_json::to_value(&t).map(drop))
            }));
            tried += 1;
            match outcome {
                Ok(Ok(_)) => {}
                Ok(Err(_)) => rejected += 1,
                Err(_) => panic!("{file}: decoding panicked with {path:?} = {value}"),
            }
        }
    }
    (tried, rejected)
}

#[test]
fn wrong_types_never_panic() {
    use ostack::placement::v1::*;
    let Some(root) = samples_dir() else { return };
    let mut total = (0, 0);
    let mut add = |(t, r): (usize, usize)| {
        total.0 += t;
        total.1 += r;
    };
    for (file, kind) in [
        ("resource_providers/get-resource_provider.json", "rp"),
        ("inventories/get-inventories.json", "inventories"),
        ("inventories/get-inventory.json", "inventory"),
        ("resource_provider_usages/get-resource_provider_usages.json", "usages"),
        ("aggregates/get-aggregates-1.19.json", "aggregates"),
        ("resource_provider_traits/get-resource_provider-traits.json", "traits"),
        ("resource_provider_allocations/get-resource_provider_allocations.json", "rp-allocations"),
        ("allocations/get-allocations-1.38.json", "allocations"),
        ("allocation_candidates/get-allocation_candidates.json", "candidates"),
        ("allocation_candidates/get-allocation_candidates-1.34.json", "candidates"),
        ("resource_classes/get-resource_class.json", "class"),
        ("usages/get-usages-1.38.json", "project-usages"),
    ] {
        let body = sample(&root, file);
        add(match kind {
            "rp" => never_panics::<ResourceProvider>(&body, file),
            "inventories" => never_panics::<ProviderInventories>(&body, file),
            "inventory" => never_panics::<ProviderInventory>(&body, file),
            "usages" => never_panics::<ProviderUsages>(&body, file),
            "aggregates" => never_panics::<ProviderAggregates>(&body, file),
            "traits" => never_panics::<ProviderTraits>(&body, file),
            "rp-allocations" => never_panics::<ProviderAllocations>(&body, file),
            "allocations" => never_panics::<ConsumerAllocations>(&body, file),
            "candidates" => never_panics::<AllocationCandidates>(&body, file),
            "class" => never_panics::<ResourceClass>(&body, file),
            _ => never_panics::<Usages>(&body, file),
        });
    }
    eprintln!("{} wrong-typed placement bodies decoded, {} rejected", total.0, total.1);
    assert!(total.0 > 300 && total.1 > 0, "{total:?}");
}

/// What each call sends, at the microversion it is made at.
#[tokio::test]
async fn requests_match_the_api() {
    let Some(root) = samples_dir() else { return };
    macro_rules! sends {
        ($version:literal, |$conn:ident| $call:expr => $method:literal $path:expr, $body:expr) => {{
            let server = answering(200, &json!({})).await;
            let $conn = connect(&server, $version).await;
            let _ = $call.await;
            let (method, path, body, version) = only_request(&server).await;
            assert_eq!((method.as_str(), path.as_str()), ($method, $path.as_ref() as &str));
            assert_eq!(body, $body, "{} {}", $method, $path);
            assert_eq!(version, format!("placement {}", $version));
        }};
    }
    let rps = |c: &Connection| c.placement().resource_providers();
    let rp_path = |rest: &str| format!("resource_providers/{RP}{rest}");

    let create = CreateResourceProvider {
        name: "NFS Share".into(),
        uuid: Some("7d2590ae-fb85-4080-9306-058b4c915e3f".into()),
        parent_provider_uuid: Some("542df8ed-9be2-49b9-b4db-6d3183ff8ec8".into()),
    };
    sends!("1.39", |c| rps(&c).create(&create) => "POST" "resource_providers",
        sample(&root, "resource_providers/create-resource_providers-request.json"));
    let update = UpdateResourceProvider {
        name: "Shared storage".into(),
        parent_provider_uuid: Some("542df8ed-9be2-49b9-b4db-6d3183ff8ec8".into()),
    };
    sends!("1.39", |c| rps(&c).update(RP, &update) => "PUT" rp_path(""),
        sample(&root, "resource_providers/update-resource_provider-request.json"));
    sends!("1.39", |c| rps(&c).delete(RP) => "DELETE" rp_path(""), Value::Null);
    let query = ResourceProviderQuery {
        name: Some("a b".into()),
        member_of: vec!["in:agg1,agg2".into(), "agg3".into()],
        in_tree: Some(RP.into()),
        ..Default::default()
    }
    .resource("VCPU", 2)
    .resource("DISK_GB", 10)
    .traits(&["HW_CPU_X86_AVX".into(), "CUSTOM_A,CUSTOM_B".into()], &["CUSTOM_SLOW".into()]);
    sends!("1.39", |c| rps(&c).list(&query).collect_all() => "GET"
        "resource_providers?name=a+b&member_of=in%3Aagg1%2Cagg2&member_of=agg3&in_tree=4e8e5957-649f-477b-9e5b-f1f75b21c03c\
         &resources=VCPU%3A2%2CDISK_GB%3A10&required=in%3ACUSTOM_A%2CCUSTOM_B&required=HW_CPU_X86_AVX%2C%21CUSTOM_SLOW",
        Value::Null);

    let inventories: IndexMap<String, Inventory> =
        serde_json::from_value(sample(&root, "inventories/update-inventories-request.json")["inventories"].clone())
            .unwrap();
    sends!("1.39", |c| rps(&c).set_inventories(RP, 1, &inventories) => "PUT" rp_path("/inventories"),
        sample(&root, "inventories/update-inventories-request.json"));
    sends!("1.39", |c| rps(&c).set_inventory(RP, "VCPU", 7, &Inventory::total(50)) => "PUT"
        rp_path("/inventories/VCPU"), sample(&root, "inventories/update-inventory-request.json"));
    sends!("1.39", |c| rps(&c).add_inventory(RP, "DISK_GB", 3, &Inventory { reserved: Some(1), ..Inventory::total(9) })
        => "POST" rp_path("/inventories"),
        json!({"resource_class": "DISK_GB", "total": 9, "reserved": 1, "resource_provider_generation": 3}));
    sends!("1.39", |c| rps(&c).inventory(RP, "CUSTOM_A B") => "GET" rp_path("/inventories/CUSTOM_A%20B"), Value::Null);
    sends!("1.39", |c| rps(&c).delete_inventory(RP, "VCPU") => "DELETE" rp_path("/inventories/VCPU"), Value::Null);
    sends!("1.5", |c| rps(&c).delete_inventories(RP) => "DELETE" rp_path("/inventories"), Value::Null);
    sends!("1.39", |c| rps(&c).usages(RP) => "GET" rp_path("/usages"), Value::Null);
    let aggregates: Vec<String> =
        serde_json::from_value(sample(&root, "aggregates/update-aggregates-request.json")).unwrap();
    sends!("1.1", |c| rps(&c).set_aggregates(RP, &aggregates, Some(9)) => "PUT" rp_path("/aggregates"),
        sample(&root, "aggregates/update-aggregates-request.json"));
    sends!("1.19", |c| rps(&c).set_aggregates(RP, &aggregates, Some(9)) => "PUT" rp_path("/aggregates"),
        sample(&root, "aggregates/update-aggregates-request-1.19.json"));
    let traits = vec!["CUSTOM_HW_FPGA_CLASS1".to_string(), "CUSTOM_HW_FPGA_CLASS3".to_string()];
    sends!("1.6", |c| rps(&c).set_traits(RP, &traits, 0) => "PUT" rp_path("/traits"),
        sample(&root, "resource_provider_traits/update-resource_provider-traits-request.json"));
    sends!("1.6", |c| rps(&c).delete_traits(RP) => "DELETE" rp_path("/traits"), Value::Null);
    sends!("1.39", |c| rps(&c).allocations(RP) => "GET" rp_path("/allocations"), Value::Null);

    sends!("1.2", |c| c.placement().resource_classes().create("CUSTOM_FPGA") => "POST" "resource_classes",
        sample(&root, "resource_classes/create-resource_classes-request.json"));
    sends!("1.7", |c| c.placement().resource_classes().ensure("CUSTOM_FPGA") => "PUT"
        "resource_classes/CUSTOM_FPGA", Value::Null);
    sends!("1.2", |c| c.placement().resource_classes().delete("CUSTOM_FPGA") => "DELETE"
        "resource_classes/CUSTOM_FPGA", Value::Null);
    sends!("1.6", |c| c.placement().traits().list(&TraitQuery::named(&["HW_CPU_X86_AVX", "CUSTOM_X"])) => "GET"
        "traits?name=in%3AHW_CPU_X86_AVX%2CCUSTOM_X", Value::Null);
    sends!("1.6", |c| c.placement().traits().list(&TraitQuery { associated: Some(true), ..TraitQuery::starting_with("CUSTOM_") })
        => "GET" "traits?name=startswith%3ACUSTOM_&associated=true", Value::Null);
    sends!("1.6", |c| c.placement().traits().create("CUSTOM_X") => "PUT" "traits/CUSTOM_X", Value::Null);
    sends!("1.6", |c| c.placement().traits().exists("CUSTOM_X") => "GET" "traits/CUSTOM_X", Value::Null);
    sends!("1.6", |c| c.placement().traits().delete("CUSTOM_X") => "DELETE" "traits/CUSTOM_X", Value::Null);

    // allocations in each microversion's shape, against the samples
    let alloc = SetAllocations::new("42a32c07-3eeb-4401-9373-68a8cdca6784", "66cb2f29-c86d-47c3-8af5-69ae7b778c70")
        .on("4e061c03-611e-4caa-bf26-999dcff4284e", "DISK_GB", 20)
        .on("89873422-1373-46e5-b467-f0c5e6acf08f", "MEMORY_MB", 1024)
        .on("89873422-1373-46e5-b467-f0c5e6acf08f", "VCPU", 1);
    let path = format!("allocations/{CONSUMER}");
    sends!("1.12", |c| c.placement().allocations().set(CONSUMER, &alloc) => "PUT" path,
        sample(&root, "allocations/update-allocations-request-1.12.json"));
    let with_generation = alloc.clone().generation(Some(1));
    sends!("1.28", |c| c.placement().allocations().set(CONSUMER, &with_generation) => "PUT" path,
        sample(&root, "allocations/update-allocations-request-1.28.json"));
    let typed = with_generation.clone().consumer_type("INSTANCE");
    sends!("1.38", |c| c.placement().allocations().set(CONSUMER, &typed) => "PUT" path,
        sample(&root, "allocations/update-allocations-request-1.38.json"));
    let listed = SetAllocations::new("6e3b2ce9-9175-4830-a862-b9de690bdceb", "81c516e3-5e0e-4dcb-9a38-4473d229a950")
        .on("844ac34d-620e-474c-833c-4c9921251353", "MEMORY_MB", 512)
        .on("844ac34d-620e-474c-833c-4c9921251353", "VCPU", 2)
        .on("92637880-2d79-43c6-afab-d860886c6391", "DISK_GB", 5);
    sends!("1.8", |c| c.placement().allocations().set(CONSUMER, &listed) => "PUT" path,
        sample(&root, "allocations/update-allocations-request.json"));
    // a new consumer at 1.28 sends an explicit null generation
    sends!("1.28", |c| c.placement().allocations().set(CONSUMER, &alloc) => "PUT" path, {
        let mut b = sample(&root, "allocations/update-allocations-request-1.28.json");
        b["consumer_generation"] = Value::Null;
        b
    });
    sends!("1.39", |c| c.placement().allocations().delete(CONSUMER) => "DELETE" path, Value::Null);

    // several consumers at once: the sample as SetAllocations, sent back identical
    let many = |file: &str, version: Microversion| -> (IndexMap<String, SetAllocations>, Value) {
        let mut body = sample(&root, file);
        let mut consumers = IndexMap::new();
        for (consumer, c) in body.as_object_mut().unwrap() {
            let mut set = SetAllocations::new(c["project_id"].as_str().unwrap(), c["user_id"].as_str().unwrap())
                .generation(c["consumer_generation"].as_i64());
            if let Some(t) = c["consumer_type"].as_str() {
                set = set.consumer_type(t);
            }
            for (rp, a) in c["allocations"].as_object_mut().unwrap() {
                // the provider generations of the samples are not sent: placement ignores them
                a.as_object_mut().unwrap().remove("generation");
                set.allocations.entry(rp.clone()).or_default();
                for (class, amount) in a["resources"].as_object().unwrap() {
                    set = set.on(rp, class, amount.as_i64().unwrap());
                }
            }
            consumers.insert(consumer.clone(), set);
        }
        assert_eq!(
            json!(consumers.iter().map(|(k, s)| (k.clone(), s.body(version))).collect::<serde_json::Map<_, _>>()),
            body
        );
        (consumers, body)
    };
    let (consumers, body) = many("allocations/manage-allocations-request.json", Microversion::new(1, 13));
    sends!("1.13", |c| c.placement().allocations().set_many(&consumers) => "POST" "allocations", body);
    let (consumers, body) = many("allocations/manage-allocations-request-1.28.json", Microversion::new(1, 28));
    sends!("1.28", |c| c.placement().allocations().set_many(&consumers) => "POST" "allocations", body);
    let (consumers, body) = many("allocations/manage-allocations-request-1.38.json", Microversion::new(1, 38));
    sends!("1.38", |c| c.placement().allocations().set_many(&consumers) => "POST" "allocations", body);

    // the reshaper, from its samples
    for (file, version) in [("reshaper/post-reshaper-1.30.json", "1.30"), ("reshaper/post-reshaper-1.38.json", "1.38")]
    {
        let body = sample(&root, file);
        let mut reshape = Reshape::default();
        for (rp, inv) in body["inventories"].as_object().unwrap() {
            let inv: ProviderInventories = serde_json::from_value(inv.clone()).unwrap();
            reshape.inventories.insert(rp.clone(), inv);
        }
        for (consumer, c) in body["allocations"].as_object().unwrap() {
            let mut set = SetAllocations::new(c["project_id"].as_str().unwrap(), c["user_id"].as_str().unwrap())
                .generation(c["consumer_generation"].as_i64());
            if let Some(t) = c["consumer_type"].as_str() {
                set = set.consumer_type(t);
            }
            for (rp, a) in c["allocations"].as_object().unwrap() {
                for (class, amount) in a["resources"].as_object().unwrap() {
                    set = set.on(rp, class, amount.as_i64().unwrap());
                }
            }
            reshape.allocations.insert(consumer.clone(), set);
        }
        let server = answering(204, &Value::Null).await;
        let c = connect(&server, version).await;
        c.placement().allocations().reshape(&reshape).await.unwrap();
        let (method, path, sent, _) = only_request(&server).await;
        assert_eq!((method.as_str(), path.as_str(), &sent), ("POST", "reshaper", &body), "{file}");
    }

    // candidates: granular groups, policy, limit, same_subtree, root_required
    let query =
        AllocationCandidatesQuery::new(RequestGroup::unsuffixed().resource("VCPU", 1).resource("MEMORY_MB", 512))
            .group(RequestGroup::suffixed("_NIC").resource("NET_BW_EGR_KILOBIT_PER_SEC", 10).require("CUSTOM_PHYSNET1"))
            .group(
                RequestGroup::suffixed("1")
                    .resource("CUSTOM_FPGA", 1)
                    .require("CUSTOM_A")
                    .forbid("CUSTOM_B")
                    .member_of(&["agg1", "agg2"]),
            );
    let query = AllocationCandidatesQuery {
        limit: Some(3),
        group_policy: Some(GroupPolicy::Isolate),
        same_subtree: vec!["_NIC,1".into()],
        root_required: vec!["COMPUTE_STATUS_ENABLED".into(), "!CUSTOM_OFF".into()],
        ..query
    };
    sends!("1.39", |c| c.placement().allocation_candidates(&query) => "GET"
        "allocation_candidates?resources=VCPU%3A1%2CMEMORY_MB%3A512\
         &resources_NIC=NET_BW_EGR_KILOBIT_PER_SEC%3A10&required_NIC=CUSTOM_PHYSNET1\
         &resources1=CUSTOM_FPGA%3A1&required1=CUSTOM_A%2C%21CUSTOM_B&member_of1=in%3Aagg1%2Cagg2\
         &limit=3&group_policy=isolate&same_subtree=_NIC%2C1&root_required=COMPUTE_STATUS_ENABLED%2C%21CUSTOM_OFF",
        Value::Null);
    let usages =
        UsageQuery { user_id: Some("u".into()), consumer_type: Some("INSTANCE".into()), ..UsageQuery::project("p") };
    sends!("1.38", |c| c.placement().usages(&usages) => "GET" "usages?project_id=p&user_id=u&consumer_type=INSTANCE",
        Value::Null);
}

/// A 409 with placement's `placement.concurrent_update` code is a generation conflict that keeps
/// the request's details; another code is a conflict but not a generation one.
#[tokio::test]
async fn conflicts_are_generation_conflicts() {
    let body = json!({"errors": [{"status": 409, "title": "Conflict",
        "detail": "There was a conflict when trying to complete your request.\n\n resource provider generation conflict  ",
        "code": "placement.concurrent_update", "request_id": "req-9"}]});
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(409).set_body_json(&body).insert_header("x-openstack-request-id", "req-9"))
        .mount(&server)
        .await;
    let c = connect(&server, "1.39").await;
    let err = c.placement().resource_providers().set_traits(RP, &[], 3).await.unwrap_err();
    assert!(err.is_generation_conflict(), "{err:?}");
    assert_eq!(
        (err.status(), err.request_id(), err.code()),
        (Some(409), Some("req-9"), Some("placement.concurrent_update"))
    );
    let Error::Conflict { api, .. } = &err else { panic!("{err:?}") };
    assert!(matches!(&**api, Error::Api { method, url, .. } if method == "PUT" && url.ends_with("/traits")), "{api:?}");
    assert!(err.to_string().contains("resource provider generation conflict"), "{err}");

    let in_use = json!({"errors": [{"status": 409, "title": "Conflict", "detail": "in use", "code": "placement.inventory.inuse"}]});
    let server = answering(409, &in_use).await;
    let c = connect(&server, "1.39").await;
    let err = c.placement().resource_providers().delete_inventory(RP, "VCPU").await.unwrap_err();
    assert_eq!(err.code(), Some("placement.inventory.inuse"));
    assert!(!err.is_generation_conflict());
}

/// Before 1.20 a create answers 201 with a `Location` and no body: the provider is read from there.
#[tokio::test]
async fn create_before_1_20_reads_the_location() {
    let server = MockServer::start().await;
    let location = format!("{}/placement/resource_providers/{RP}", server.uri());
    Mock::given(wiremock::matchers::method("POST"))
        .respond_with(ResponseTemplate::new(201).insert_header("location", location.as_str()))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"uuid": RP, "name": "old", "generation": 0})))
        .mount(&server)
        .await;
    let c = connect(&server, "1.14").await;
    let rp = c.placement().resource_providers().create(&CreateResourceProvider::new("old")).await.unwrap();
    assert_eq!((rp.id.as_str(), rp.name.as_str(), rp.generation), (RP, "old", 0));
    let requests = server.received_requests().await.unwrap();
    let seen: Vec<String> = requests.iter().map(|r| format!("{} {}", r.method, r.url.path())).collect();
    assert_eq!(
        seen,
        ["POST /placement/resource_providers".to_string(), format!("GET /placement/resource_providers/{RP}")]
    );
}

/// Calls that need a newer microversion fail before sending, naming what and which.
#[tokio::test]
async fn too_old_microversions_fail_before_sending() {
    let server = answering(200, &json!({})).await;
    let c = connect(&server, "1.5").await;
    let p = c.placement();
    let errors = [
        p.traits().list(&TraitQuery::default()).await.unwrap_err(),
        p.resource_providers().traits(RP).await.unwrap_err(),
        p.allocation_candidates(&AllocationCandidatesQuery::new(RequestGroup::unsuffixed().resource("VCPU", 1)))
            .await
            .unwrap_err(),
        p.resource_classes().ensure("CUSTOM_X").await.unwrap_err(),
        p.allocations().set_many(&IndexMap::new()).await.unwrap_err(),
        p.allocations().reshape(&Reshape::default()).await.unwrap_err(),
        p.resource_providers()
            .create(&CreateResourceProvider {
                parent_provider_uuid: Some(RP.into()),
                ..CreateResourceProvider::new("x")
            })
            .await
            .unwrap_err(),
    ];
    for e in &errors {
        assert!(
            matches!(e, Error::Unsupported { .. })
                && e.to_string().contains("needs placement microversion")
                && e.to_string().contains("this connection uses 1.5"),
            "{e}"
        );
    }
    // 1.19 and later: setting aggregates needs the generation
    let c = connect(&server, "1.19").await;
    let e = c.placement().resource_providers().set_aggregates(RP, &[], None).await.unwrap_err();
    assert!(matches!(&e, Error::InvalidInput(m) if m.contains("generation")), "{e}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
