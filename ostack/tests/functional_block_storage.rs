//! Functional tests of block storage (cinder) against the devcloud.
//!
//! They find the cloud like any program: `OS_CLIENT_CONFIG_FILE` and the clouds `devcloud`
//! (admin) and `devcloud-demo` (member). Outside CI they skip when the devcloud is not
//! running; in CI (`CI=true`) they fail.

use ostack::block_storage::v3::{ServiceQuery, VolumeQuery, VolumeTypeQuery};
use ostack::Connection;

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

#[tokio::test]
async fn the_read_calls_decode_what_cinder_sends() {
    let Some(conn) = cloud("devcloud").await else { return };
    let bs = conn.block_storage();
    let admin_project = conn.token().await.unwrap().unwrap().project_id.clone().unwrap();
    let all = VolumeQuery { all_tenants: Some(true), ..Default::default() };
    bs.volumes().list(&all).collect_all().await.unwrap();
    bs.snapshots().list(&Default::default()).collect_all().await.unwrap();
    bs.backups().list(&Default::default()).collect_all().await.unwrap();
    let types = bs.types().list(&VolumeTypeQuery::default()).collect_all().await.unwrap();
    assert!(types.iter().any(|t| t.name.as_deref() == Some("__DEFAULT__")), "{types:?}");
    assert_eq!(bs.types().default_type().await.unwrap().name.as_deref(), Some("__DEFAULT__"));
    bs.qos_specs().list(&Default::default()).collect_all().await.unwrap();
    bs.transfers().list(&Default::default()).collect_all().await.unwrap();
    bs.attachments().list(&Default::default()).collect_all().await.unwrap();
    bs.groups().list(&Default::default()).collect_all().await.unwrap();
    bs.group_types().list(&Default::default()).collect_all().await.unwrap();
    bs.group_snapshots().list(&Default::default()).collect_all().await.unwrap();
    bs.messages().list(&Default::default()).collect_all().await.unwrap();
    let quotas = bs.quota_set(&admin_project).await.unwrap();
    assert!(quotas.volumes.is_some(), "{quotas:?}");
    let usage = bs.quota_usage(&admin_project).await.unwrap();
    assert!(usage.quotas.contains_key("volumes"), "{usage:?}");
    bs.quota_defaults(&admin_project).await.unwrap();
    bs.quota_class_set("default").await.unwrap();
    let limits = bs.limits().await.unwrap();
    assert!(limits.absolute.max_total_volumes.is_some(), "{limits:?}");
    let zones = bs.availability_zones().await.unwrap();
    assert!(zones.iter().any(|z| z.state.available), "{zones:?}");
    let services = bs.services(&ServiceQuery::default()).await.unwrap();
    assert!(services.iter().any(|s| s.binary == "cinder-volume"), "{services:?}");
    let pools = bs.pools(true).await.unwrap();
    assert!(!pools.is_empty());
    let backend = services.iter().find(|s| s.binary == "cinder-volume").unwrap();
    bs.capabilities(&backend.host).await.unwrap();
    bs.resource_filters(Some("volume")).await.unwrap();
    bs.default_types().await.unwrap();
    eprintln!("{pools:?}");
}
