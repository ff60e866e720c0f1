//! Placement against the devcloud's real placement service: a provider tree of the test's own
//! (a root and two children) with custom resource classes, inventories, traits and an aggregate;
//! allocation candidates that must pick the right child; a generation conflict retried by the
//! loop of `examples/placement_generation.rs`; allocations of two consumers; the reshaper.
//! Everything is named uniquely and removed at the end; only custom resource classes are
//! requested, so the devcloud's own compute node provider is never touched or allocated from.
//! Outside CI it skips when the devcloud is not running; in CI (`CI=true`) it fails.

#![allow(clippy::cloned_ref_to_slice_refs)] // `[x.clone()]` reads better in assertions

#[allow(dead_code)]
#[path = "../examples/placement_generation.rs"]
mod example;

use indexmap::IndexMap;
use ostack::placement::v1::{
    AllocationCandidatesQuery, CreateResourceProvider, GroupPolicy, Inventory, ProviderInventories, RequestGroup,
    Reshape, ResourceProviderQuery, SetAllocations, TraitQuery, UpdateResourceProvider, UsageQuery, UsageValue,
};
use ostack::{Connection, Error, Microversion, Result};

/// Connect to the devcloud, or skip (outside CI) with one line.
async fn cloud() -> Option<Connection> {
    match Connection::from_cloud("devcloud").await {
        Ok(conn) => Some(conn),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("devcloud unreachable in CI: {e}"),
        Err(e) => {
            eprintln!("SKIP: devcloud not reachable ({e}); start it with `devcloud/up && eval \"$(devcloud/env)\"`");
            None
        }
    }
}

/// A UUID no other run uses (placement wants real UUIDs for consumers and aggregates).
fn uuid(n: u32) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let pid = std::process::id();
    format!("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", pid, n, n % 0xfff, (nanos >> 20) as u32 % 0xfff, nanos % (1 << 48))
}

#[derive(Clone)]
struct Names {
    rc: String,
    fast: String,
    slow: String,
    root: String,
    a: String,
    b: String,
    consumers: [String; 2],
}

#[tokio::test]
async fn provider_tree_candidates_conflicts_allocations() {
    let Some(conn) = cloud().await else { return };
    let tag = format!("{}_{}", std::process::id(), uuid(0)[24..].to_uppercase());
    let names = Names {
        rc: format!("CUSTOM_OSTACK_FT_{tag}"),
        fast: format!("CUSTOM_OSTACK_FT_FAST_{tag}"),
        slow: format!("CUSTOM_OSTACK_FT_SLOW_{tag}"),
        root: uuid(1),
        a: uuid(2),
        b: uuid(3),
        consumers: [uuid(4), uuid(5)],
    };
    // in a task of its own, so that a failed assertion still reaches the cleanup
    let (task_conn, task_names) = (conn.clone(), names.clone());
    let outcome = tokio::spawn(async move { scenario(&task_conn, &task_names).await }).await;
    cleanup(&conn, &names).await;
    match outcome {
        Ok(result) => result.unwrap_or_else(|e| panic!("{e}")),
        Err(panicked) => std::panic::resume_unwind(panicked.into_panic()),
    }
}

async fn scenario(conn: &Connection, n: &Names) -> Result<()> {
    let p = conn.placement();
    let version = p.microversion().await?;
    assert!(version >= Microversion::new(1, 39), "the devcloud's placement negotiates {version}");
    let rps = p.resource_providers();

    // resource class and traits
    p.resource_classes().create(&n.rc).await?;
    assert!(!p.resource_classes().ensure(&n.rc).await?, "ensure of an existing class creates nothing");
    assert_eq!(p.resource_classes().get(&n.rc).await?.name, n.rc);
    let classes = p.resource_classes().list(&Default::default()).collect_all().await?;
    assert!(classes.iter().any(|c| c.name == n.rc) && classes.iter().any(|c| c.name == "VCPU"));
    assert!(p.traits().create(&n.fast).await?);
    assert!(p.traits().create(&n.slow).await?);
    assert!(!p.traits().create(&n.fast).await?, "a second create finds it");
    assert!(p.traits().exists(&n.fast).await? && !p.traits().exists(&format!("{}_NONE", n.fast)).await?);
    let named = p.traits().list(&TraitQuery::named(&[&n.fast, &n.slow, "HW_CPU_X86_AVX"])).await?;
    assert_eq!(named.len(), 3, "{named:?}");
    let prefixed = p.traits().list(&TraitQuery::starting_with(&n.fast[..n.fast.len() - 1])).await?;
    assert_eq!(prefixed, std::slice::from_ref(&n.fast));

    // the tree: a root of our UUID and two children
    let root = rps
        .create(&CreateResourceProvider {
            uuid: Some(n.root.clone()),
            ..CreateResourceProvider::new(format!("ostack-ft-{}", n.root))
        })
        .await?;
    assert_eq!(
        (root.id.as_str(), root.root_provider_uuid.as_deref(), root.generation),
        (n.root.as_str(), Some(n.root.as_str()), 0)
    );
    for (id, label) in [(&n.a, "a"), (&n.b, "b")] {
        let child = rps
            .create(&CreateResourceProvider {
                uuid: Some(id.clone()),
                parent_provider_uuid: Some(n.root.clone()),
                ..CreateResourceProvider::new(format!("ostack-ft-{}-{label}", n.root))
            })
            .await?;
        assert_eq!(
            (child.parent_provider_uuid.as_deref(), child.root_provider_uuid.as_deref()),
            (Some(n.root.as_str()), Some(n.root.as_str()))
        );
    }
    let renamed = rps
        .update(
            &n.b,
            &UpdateResourceProvider {
                name: format!("ostack-ft-{}-b2", n.root),
                parent_provider_uuid: Some(n.root.clone()),
            },
        )
        .await?;
    assert!(renamed.name.ends_with("-b2"));
    let tree =
        rps.list(&ResourceProviderQuery { in_tree: Some(n.root.clone()), ..Default::default() }).collect_all().await?;
    assert_eq!(tree.len(), 3, "{tree:?}");
    let by_name = rps.find(&format!("ostack-ft-{}-a", n.root)).await?;
    assert_eq!(by_name.id, n.a);

    // inventories: add one, replace all, update one, delete one
    let a = rps.get(&n.a).await?;
    let added = rps.add_inventory(&n.a, &n.rc, a.generation, &Inventory::total(8)).await?;
    let updated = rps
        .set_inventory(
            &n.a,
            &n.rc,
            added.resource_provider_generation,
            &Inventory { max_unit: Some(6), ..Inventory::total(10) },
        )
        .await?;
    assert_eq!((updated.inventory.total, updated.inventory.max_unit), (10, Some(6)));
    let with_disk =
        rps.add_inventory(&n.a, "DISK_GB", updated.resource_provider_generation, &Inventory::total(5)).await?;
    assert_eq!(rps.inventories(&n.a).await?.inventories.len(), 2);
    rps.delete_inventory(&n.a, "DISK_GB").await?;
    let inventories = rps.inventories(&n.a).await?;
    assert_eq!(inventories.inventories.keys().collect::<Vec<_>>(), [&n.rc]);
    assert!(inventories.resource_provider_generation > Some(with_disk.resource_provider_generation));
    assert_eq!(rps.inventory(&n.a, &n.rc).await?.inventory.total, 10);
    let b = rps.get(&n.b).await?;
    let all: IndexMap<String, Inventory> =
        [(n.rc.clone(), Inventory::total(10)), ("DISK_GB".to_string(), Inventory::total(3))].into();
    let replaced = rps.set_inventories(&n.b, b.generation, &all).await?;
    assert_eq!(replaced.inventories.len(), 2);
    rps.delete_inventories(&n.b).await?;
    let b = rps.get(&n.b).await?;
    let replaced = rps.set_inventories(&n.b, b.generation, &[(n.rc.clone(), Inventory::total(10))].into()).await?;
    assert_eq!(replaced.inventories.len(), 1);

    // traits: FAST on a through the example's loop, from a view made stale by the inventory writes
    let stale = rps.traits(&n.a).await?;
    rps.set_inventory(
        &n.a,
        &n.rc,
        stale.resource_provider_generation,
        &Inventory { max_unit: Some(6), ..Inventory::total(10) },
    )
    .await?;
    let direct =
        rps.set_traits(&n.a, std::slice::from_ref(&n.fast), stale.resource_provider_generation).await.unwrap_err();
    assert!(direct.is_generation_conflict(), "{direct:?}");
    let (traits, attempts) = example::add_trait(conn, &n.a, &n.fast, stale).await?;
    assert_eq!((traits.traits.clone(), attempts), (vec![n.fast.clone()], 2), "one conflict, then the write");
    let b_traits = rps.traits(&n.b).await?;
    rps.set_traits(&n.b, std::slice::from_ref(&n.slow), b_traits.resource_provider_generation).await?;
    assert_eq!(rps.traits(&n.b).await?.traits, std::slice::from_ref(&n.slow));

    // an aggregate on the root
    let aggregate = uuid(6);
    let root = rps.get(&n.root).await?;
    let aggs = rps.set_aggregates(&n.root, std::slice::from_ref(&aggregate), Some(root.generation)).await?;
    assert_eq!(aggs.aggregates, [aggregate.clone()]);
    assert_eq!(rps.aggregates(&n.root).await?.aggregates, [aggregate.clone()]);
    let members = rps
        .list(&ResourceProviderQuery { member_of: vec![aggregate.clone()], ..Default::default() })
        .collect_all()
        .await?;
    assert_eq!(members.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [n.root.as_str()]);

    // provider lists filtered by capacity and traits
    let ids = |list: Vec<ostack::placement::v1::ResourceProvider>| {
        let mut ids: Vec<String> = list.into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let fast = rps
        .list(&ResourceProviderQuery::default().resource(&n.rc, 5).traits(&[n.fast.clone()], &[]))
        .collect_all()
        .await?;
    assert_eq!(ids(fast), [n.a.clone()]);
    let not_fast = rps
        .list(&ResourceProviderQuery::default().resource(&n.rc, 5).traits(&[], &[n.fast.clone()]))
        .collect_all()
        .await?;
    assert_eq!(ids(not_fast), [n.b.clone()]);
    let either = rps
        .list(&ResourceProviderQuery::default().traits(&[format!("{},{}", n.fast, n.slow)], &[]))
        .collect_all()
        .await?;
    assert_eq!(ids(either), sorted(vec![n.a.clone(), n.b.clone()]));
    let too_much = rps.list(&ResourceProviderQuery::default().resource(&n.rc, 11)).collect_all().await?;
    assert!(too_much.is_empty(), "{too_much:?}");

    // allocation candidates pick the right provider
    let one = AllocationCandidatesQuery::new(RequestGroup::unsuffixed().resource(&n.rc, 5).require(&n.fast));
    let found = p.allocation_candidates(&one).await?;
    assert_eq!(found.allocation_requests.len(), 1, "{found:?}");
    let picked: Vec<&str> = found.allocation_requests[0].allocations.by_provider().iter().map(|(rp, _)| *rp).collect();
    assert_eq!(picked, [n.a.as_str()]);
    let summary = &found.provider_summaries[&n.a];
    assert_eq!((summary.resources[&n.rc].capacity, summary.resources[&n.rc].used), (10, 0));
    assert_eq!(summary.traits.as_deref(), Some(&[n.fast.clone()][..]));
    let over_max_unit = AllocationCandidatesQuery::new(RequestGroup::unsuffixed().resource(&n.rc, 7).require(&n.fast));
    assert!(p.allocation_candidates(&over_max_unit).await?.allocation_requests.is_empty(), "max_unit 6 on a");
    let granular = AllocationCandidatesQuery::new(RequestGroup::suffixed("1").resource(&n.rc, 2).require(&n.fast))
        .group(RequestGroup::suffixed("2").resource(&n.rc, 2).require(&n.slow));
    let granular = AllocationCandidatesQuery { group_policy: Some(GroupPolicy::Isolate), ..granular };
    let both = p.allocation_candidates(&granular).await?;
    assert_eq!(both.allocation_requests.len(), 1, "{both:?}");
    let mapping = both.allocation_requests[0].mappings.clone().unwrap_or_default();
    assert_eq!((mapping["1"].clone(), mapping["2"].clone()), (vec![n.a.clone()], vec![n.b.clone()]));
    let siblings = AllocationCandidatesQuery { same_subtree: vec!["1,2".into()], ..granular.clone() };
    assert!(p.allocation_candidates(&siblings).await?.allocation_requests.is_empty(), "a and b are siblings");
    let any_one =
        AllocationCandidatesQuery::new(RequestGroup::unsuffixed().resource(&n.rc, 1).member_of(&[&aggregate]));
    let any_one = AllocationCandidatesQuery { limit: Some(1), ..any_one };
    assert_eq!(p.allocation_candidates(&any_one).await?.allocation_requests.len(), 1, "limit 1 of a and b");
    let rooted = AllocationCandidatesQuery { root_required: vec![n.fast.clone()], ..any_one.clone() };
    assert!(p.allocation_candidates(&rooted).await?.allocation_requests.is_empty(), "the root has no traits");

    // allocations of two consumers, set at once
    let token = conn.token().await?.expect("a token");
    let (project, user) = (token.project_id.clone().unwrap(), token.user_id.clone().unwrap());
    let [c1, c2] = &n.consumers;
    let mut two = IndexMap::new();
    two.insert(c1.clone(), SetAllocations::new(&project, &user).on(&n.a, &n.rc, 3).consumer_type("INSTANCE"));
    two.insert(c2.clone(), SetAllocations::new(&project, &user).on(&n.b, &n.rc, 2).consumer_type("MIGRATION"));
    p.allocations().set_many(&two).await?;
    let held = p.allocations().get(c1).await?;
    assert_eq!(held.allocations[&n.a].resources[&n.rc], 3);
    assert_eq!((held.project_id.as_deref(), held.consumer_type.as_deref()), (Some(project.as_str()), Some("INSTANCE")));
    assert_eq!(p.allocations().get(c2).await?.allocations[&n.b].resources[&n.rc], 2);
    assert!(rps.allocations(&n.a).await?.allocations.contains_key(c1.as_str()));
    assert_eq!(rps.usages(&n.a).await?.usages[&n.rc], 3);
    let after = p.allocation_candidates(&one).await?;
    assert_eq!(after.provider_summaries[&n.a].resources[&n.rc].used, 3);

    // a consumer write with a stale generation conflicts; with the current one it goes through
    let stale = SetAllocations::new(&project, &user).on(&n.a, &n.rc, 4).consumer_type("INSTANCE").generation(None);
    let conflict = p.allocations().set(c1, &stale).await.unwrap_err();
    assert!(conflict.is_generation_conflict(), "{conflict:?}");
    let fresh = stale.generation(held.consumer_generation);
    p.allocations().set(c1, &fresh).await?;
    assert_eq!(p.allocations().get(c1).await?.allocations[&n.a].resources[&n.rc], 4);

    // the project's usages. At 1.38 (by consumer type) the devcloud's placement fails on
    // PostgreSQL (a GROUP BY error, HTTP 500), so they are read at 1.37; the 1.38 shape is
    // checked against the api-ref sample in the contract tests.
    let mut config = ostack::CloudConfig::from_cloud("devcloud")?;
    config.api_versions.insert("placement".into(), "1.37".into());
    let at_1_37 = Connection::connect(config).await?;
    let usages = at_1_37
        .placement()
        .usages(&UsageQuery { user_id: Some(user.clone()), ..UsageQuery::project(&project) })
        .await?;
    assert!(matches!(usages.usages.get(&n.rc), Some(UsageValue::Amount(held)) if *held >= 6), "{usages:?}");
    assert_eq!(rps.usages(&n.b).await?.usages[&n.rc], 2);
    let other_user =
        at_1_37.placement().usages(&UsageQuery { user_id: Some(uuid(7)), ..UsageQuery::project(&project) }).await?;
    assert!(!other_user.usages.contains_key(&n.rc), "{other_user:?}");

    // the reshaper: c2's allocation moves from b to a, with a's capacity raised at once. Its
    // policy wants the `service` role, which the devcloud's admin lacks: the request reaches
    // placement's reshaper and is refused there by name; the body is checked against the
    // api-ref samples in the contract tests.
    let (a_inv, b_inv) = (rps.inventories(&n.a).await?, rps.inventories(&n.b).await?);
    let c2_now = p.allocations().get(c2).await?;
    let mut reshape = Reshape::default();
    reshape.inventories.insert(
        n.a.clone(),
        ProviderInventories {
            inventories: [(n.rc.clone(), Inventory { max_unit: Some(6), ..Inventory::total(20) })].into(),
            resource_provider_generation: a_inv.resource_provider_generation,
        },
    );
    reshape.inventories.insert(n.b.clone(), b_inv.clone());
    reshape.allocations.insert(
        c2.clone(),
        SetAllocations::new(&project, &user)
            .on(&n.a, &n.rc, 2)
            .consumer_type("MIGRATION")
            .generation(c2_now.consumer_generation),
    );
    let moved = match p.allocations().reshape(&reshape).await {
        Ok(()) => {
            let moved = p.allocations().get(c2).await?;
            assert_eq!(moved.allocations.keys().collect::<Vec<_>>(), [&n.a]);
            assert_eq!(rps.inventory(&n.a, &n.rc).await?.inventory.total, 20);
            moved
        }
        Err(e) if e.status() == Some(403) && e.to_string().contains("placement:reshaper:reshape") => c2_now,
        Err(e) => return Err(e),
    };

    // releasing: one by DELETE, the other by an empty set in a multi-consumer write
    p.allocations().delete(c1).await?;
    let mut release = IndexMap::new();
    release.insert(
        c2.clone(),
        SetAllocations::new(&project, &user).consumer_type("MIGRATION").generation(moved.consumer_generation),
    );
    p.allocations().set_many(&release).await?;
    assert!(
        p.allocations().get(c1).await?.allocations.is_empty() && p.allocations().get(c2).await?.allocations.is_empty()
    );
    assert_eq!(rps.usages(&n.a).await?.usages[&n.rc], 0);

    // an inventory in use cannot go (placement sends this 409 with the same code as a
    // generation conflict, so its message tells them apart)
    let mut held = IndexMap::new();
    held.insert(c1.clone(), SetAllocations::new(&project, &user).on(&n.a, &n.rc, 1).consumer_type("INSTANCE"));
    p.allocations().set_many(&held).await?;
    let in_use = rps.delete_inventory(&n.a, &n.rc).await.unwrap_err();
    assert!(matches!(&in_use, Error::Conflict { .. }) && in_use.to_string().contains("in use"), "{in_use:?}");
    p.allocations().delete(c1).await?;

    // the blocking facade reads the same tree
    let root_id = n.root.clone();
    let blocking = tokio::task::spawn_blocking(move || {
        let conn = ostack::blocking::Connection::from_cloud("devcloud")?;
        conn.placement().resource_providers().get(&root_id)
    })
    .await
    .unwrap()?;
    assert_eq!(blocking.id, n.root);
    Ok(())
}

/// Remove everything the scenario made, whatever state it stopped in.
async fn cleanup(conn: &Connection, n: &Names) {
    let p = conn.placement();
    let report = |what: &str, r: Result<()>| {
        if let Err(e) = r {
            if !e.is_not_found() {
                eprintln!("cleanup of {what} failed: {e}");
            }
        }
    };
    for c in &n.consumers {
        report("a consumer", p.allocations().delete(c).await);
    }
    for rp in [&n.a, &n.b, &n.root] {
        report("a provider", p.resource_providers().delete(rp).await);
    }
    for t in [&n.fast, &n.slow] {
        report("a trait", p.traits().delete(t).await);
    }
    report("the resource class", p.resource_classes().delete(&n.rc).await);
    let left = p
        .resource_providers()
        .list(&ResourceProviderQuery { in_tree: Some(n.root.clone()), ..Default::default() })
        .collect_all()
        .await;
    assert!(matches!(&left, Ok(l) if l.is_empty()) || matches!(&left, Err(e) if e.status() == Some(404)), "{left:?}");
}
