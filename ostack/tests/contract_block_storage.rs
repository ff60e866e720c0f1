//! Contract tests of block storage (cinder v3), one declaration per resource, like
//! `tests/contract.rs`: every response sample of cinder's API reference decodes through the SDK's
//! readers and re-serializes without losing or changing anything; wrong-typed values never panic;
//! each operation sends the request the API expects (method, path and query relative to the
//! endpoint, the body of the upstream request sample where there is one, token, microversion).
//!
//! An operation line reads `op(args) [answering {json}] => METHOD "path?query" body`:
//! `answering` makes the mock cloud answer that call with the given JSON (for calls whose answer
//! is not the resource itself, such as `os-show_image_metadata`).
//!
//! Then: the calls that are not listable resources (quotas, limits, zones, services, pools,
//! capabilities, default types), per-operation microversion checks against an older cloud, and
//! waiters stopping on `error*` statuses with cinder's user message.

mod common;

use common::contract::{self, Body, TOKEN};
use ostack::block_storage::v3::{
    Attachment, AttachmentQuery, Backup, BackupQuery, BackupRecord, CinderListOptions, CreateAttachment, CreateBackup,
    CreateGroup, CreateGroupFromSource, CreateGroupSnapshot, CreateGroupType, CreateQosSpec, CreateSnapshot,
    CreateTransfer, CreateVolume, CreateVolumeType, Group, GroupQuery, GroupSnapshot, GroupType, ManageSnapshot,
    ManageVolume, Message, MessageQuery, MigrateVolume, QosSpec, QuotaSet, ResetVolumeStatus, ServiceQuery, Snapshot,
    SnapshotQuery, Transfer, TransferQuery, TypeEncryption, UpdateAttachment, UpdateBackup, UpdateGroup,
    UpdateGroupType, UpdateSnapshot, UpdateVolume, UpdateVolumeType, UploadToImage, Volume, VolumeQuery, VolumeType,
    VolumeTypeQuery,
};
use ostack::{Api, Connection, Microversion, ServiceType};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A JSON object literal as a map.
fn map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

/// String pairs as a map.
fn strings(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Answer the next request (only) with `body`, ahead of the recorder's catch-all answer.
async fn answer_once(server: &MockServer, body: Value) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
}

macro_rules! bs_contract {
    (@call list $api:ident ($query:expr)) => { $api.list(&$query).collect_all().await.map(drop) };
    (@call get $api:ident ($id:expr)) => { $api.get($id).await.map(drop) };
    (@call create $api:ident ($body:expr)) => { $api.create(&$body).await.map(drop) };
    (@call update $api:ident ($id:expr, $body:expr)) => { $api.update($id, &$body).await.map(drop) };
    (@call delete $api:ident ($id:expr)) => { $api.delete($id).await };
    (@call action $api:ident ($a:ident => $call:expr)) => {{
        let $a = &$api;
        $call.await.map(drop)
    }};
    (@body _) => { Body::Empty };
    (@body { $($json:tt)* }) => { Body::Json(json!({ $($json)* })) };
    (@body $sample:literal) => { Body::sample($sample) };
    (@answer $server:expr,) => {};
    (@answer $server:expr, $answer:tt) => { answer_once($server, json!($answer)).await };
    ($name:ident: $R:ident, samples [$($dir:literal),+] at least $min:literal
        $(, $op:ident ( $($arg:tt)* ) $(answering $answer:tt)? => $method:ident $path:literal $body:tt)* $(,)?) => {
        mod $name {
            use super::*;

            const DIRS: &[&str] = &[$($dir),+];

            #[tokio::test]
            async fn samples_round_trip() {
                let Some(root) = contract::samples_dir() else { return };
                let checked = contract::round_trip::<$R>(&root, DIRS).await;
                assert!(checked >= $min, "only {checked} {} samples checked in {DIRS:?}", stringify!($R));
                eprintln!("{}: {checked} sample resources round-tripped", stringify!($R));
            }

            #[test]
            fn wrong_types_never_panic() {
                let Some(root) = contract::samples_dir() else { return };
                let done = contract::wrong_types::<$R>(&root, DIRS);
                assert!(done.tried > 0 && done.rejected > 0, "{done:?}");
            }

            #[tokio::test]
            async fn null_name_does_not_fail_a_list() {
                let Some(root) = contract::samples_dir() else { return };
                let samples = contract::samples::<$R>(&root, DIRS);
                let item = samples.iter().flat_map(|s| &s.items).next().expect("a sample");
                contract::null_name_in_a_list::<$R>(item).await;
            }

            #[tokio::test]
            async fn requests() {
                let mut cloud = contract::Recorder::start::<$R>().await;
                let api = Api::<$R>::new(cloud.conn.clone());
                $(
                    let what = concat!(stringify!($op), "(", stringify!($($arg)*), ")");
                    bs_contract!(@answer &cloud.server, $($answer)?);
                    let outcome: ostack::Result<()> = bs_contract!(@call $op api ($($arg)*));
                    outcome.unwrap_or_else(|e| panic!("{what}: {e}"));
                    let body = bs_contract!(@body $body);
                    cloud.expect::<$R>(what, stringify!($method), $path, body, None).await;
                )*
            }
        }
    };
}

bs_contract!(volume: Volume, samples ["block-storage/volumes", "block-storage/volume_manage_extensions"] at least 30,
    list(VolumeQuery {
        name: Some("a b".into()), metadata: Some(strings(&[("k", "v")])), all_tenants: Some(true),
        created_at: Some("gt:2026-01-01T00:00:00".into()),
        common: CinderListOptions { limit: Some(2), sort: Some("name:asc".into()), ..Default::default() },
        ..Default::default()
    }) => GET "volumes/detail?name=a+b&metadata=%7B%22k%22%3A%22v%22%7D&created_at=gt%3A2026-01-01T00%3A00%3A00&all_tenants=true&limit=2&sort=name%3Aasc" _,
    get("a b/c") => GET "volumes/a%20b%2Fc" _,
    create(CreateVolume::from_image("img", 2).name("boot").metadata("k", "v"))
        => POST "volumes" {"volume": {"size": 2, "name": "boot", "metadata": {"k": "v"}, "imageRef": "img"}},
    create(CreateVolume::from_snapshot("snap")) => POST "volumes" {"volume": {"snapshot_id": "snap"}},
    create(CreateVolume { volume_type: Some("fast".into()), ..CreateVolume::from_volume("src") })
        => POST "volumes" {"volume": {"source_volid": "src", "volume_type": "fast"}},
    create(CreateVolume::from_backup("bk")) => POST "volumes" {"volume": {"backup_id": "bk"}},
    action(a => a.create_with_hints(&CreateVolume::new(10), &map(json!({"same_host": ["a0cf03a5-d921-4877-bb5c-86d26cf818e1", "8c19174f-4220-44f0-824a-cd1eeef10287"]}))))
        => POST "volumes" {"volume": {"size": 10}, "OS-SCH-HNT:scheduler_hints": {"same_host": [
            "a0cf03a5-d921-4877-bb5c-86d26cf818e1", "8c19174f-4220-44f0-824a-cd1eeef10287"]}},
    update("ID", UpdateVolume {
        name: Some("vol-003".into()), description: Some("This is yet, another volume.".into()),
        metadata: Some(strings(&[("name", "metadata0")])),
    }) => PUT "volumes/ID" "block-storage/volumes/volume-update-request.json",
    delete("ID") => DELETE "volumes/ID" _,
    action(a => a.delete_with("ID", true, true)) => DELETE "volumes/ID?cascade=true&force=true" _,
    action(a => a.delete_with("ID", true, false)) => DELETE "volumes/ID?cascade=true" _,
    action(a => a.count(&VolumeQuery { status: Some("available".into()), ..Default::default() }))
        answering {"volumes": [], "count": 3}
        => GET "volumes/detail?status=available&with_count=true&limit=1" _,
    action(a => a.extend("ID", 3)) => POST "volumes/ID/action" "block-storage/volume-extend-request.json",
    action(a => a.set_bootable("ID", true)) => POST "volumes/ID/action" {"os-set_bootable": {"bootable": true}},
    action(a => a.set_readonly("ID", true)) => POST "volumes/ID/action" "block-storage/volume-readonly-update-request.json",
    action(a => a.retype("ID", "dedup-tier-replicaton", Some("never")))
        => POST "volumes/ID/action" "block-storage/volume-os-retype-request.json",
    action(a => a.retype("ID", "t", None)) => POST "volumes/ID/action" {"os-retype": {"new_type": "t"}},
    action(a => a.migrate("ID", &MigrateVolume { host: Some("node1@lvm".into()), ..Default::default() }))
        => POST "volumes/ID/action" "block-storage/volume-os-migrate_volume-request.json",
    action(a => a.complete_migration("ID", "2b955850-f177-45f7-9f49-ecb2c256d161", false))
        => POST "volumes/ID/action" "block-storage/volume-os-migrate_volume_completion-request.json",
    action(a => a.reset_status("ID", &ResetVolumeStatus {
        status: Some("available".into()), attach_status: Some("detached".into()), migration_status: Some("migrating".into()),
    })) => POST "volumes/ID/action" "block-storage/volume-status-reset-request.json",
    action(a => a.force_delete("ID")) => POST "volumes/ID/action" "block-storage/volume-force-delete-request.json",
    action(a => a.force_detach("ID", Some("d8777f54-84cf-4809-a679-468ffed56cf1"), Some(&json!({"initiator": "iqn.2012-07.org.fake:01"}))))
        => POST "volumes/ID/action" "block-storage/volume-force-detach-request.json",
    action(a => a.image_metadata("ID")) answering {"metadata": {"image_name": "cirros", "min_ram": "0"}}
        => POST "volumes/ID/action" "block-storage/image-metadata-show-request.json",
    action(a => a.set_image_metadata("ID", &strings(&[
        ("image_id", "521752a6-acf6-4b2d-bc7a-119f9148cd8c"), ("image_name", "image"),
        ("kernel_id", "155d900f-4e14-4e4c-a73d-069cbf4541e6"), ("ramdisk_id", "somedisk")])))
        answering {"metadata": {"image_name": "image"}}
        => POST "volumes/ID/action" "block-storage/volume-image-metadata-set-request.json",
    action(a => a.unset_image_metadata("ID", "ramdisk_id"))
        => POST "volumes/ID/action" "block-storage/volume-image-metadata-unset-request.json",
    action(a => a.upload_to_image("ID", &UploadToImage {
        force: Some(false), disk_format: Some("raw".into()), container_format: Some("bare".into()),
        visibility: Some("private".into()), protected: Some(false), ..UploadToImage::new("test")
    })) answering {"os-volume_upload_image": {"image_id": "de75b74e-7f0d-4b59-a263-bd87bfc313bd", "image_name": "test",
        "status": "uploading", "id": "ID", "disk_format": "raw", "container_format": "bare"}}
        => POST "volumes/ID/action" "block-storage/volume_actions/volume-upload-to-image-request.json",
    action(a => a.revert_to_snapshot("ID", "5aa119a8-d25b-45a7-8d1b-88e127885635"))
        => POST "volumes/ID/action" "block-storage/volume-revert-to-snapshot-request.json",
    action(a => a.reimage("ID", "71543ced-a8af-45b6-a5c4-a46282108a90", false))
        => POST "volumes/ID/action" "block-storage/volume-os-reimage-request.json",
    action(a => a.unmanage("ID")) => POST "volumes/ID/action" "block-storage/volume-unmanage-request.json",
    action(a => a.manage(&ManageVolume {
        name: Some("NewVolume".into()), availability_zone: Some("az2".into()),
        description: Some("Volume imported from existingLV".into()), bootable: Some(true),
        metadata: Some(strings(&[("key1", "value1"), ("key2", "value2")])),
        reference: map(json!({"source-name": "existingLV", "source-id": "1234"})),
        ..ManageVolume::by_name("geraint-VirtualBox", "")
    })) => POST "manageable_volumes" {"volume": {"host": "geraint-VirtualBox",
        "ref": {"source-name": "existingLV", "source-id": "1234"}, "name": "NewVolume", "availability_zone": "az2",
        "description": "Volume imported from existingLV", "bootable": true, "metadata": {"key1": "value1", "key2": "value2"}}},
    action(a => a.manageable("devcloud@file#file")) answering {"manageable-volumes": [
        {"reference": {"source-name": "lvol0"}, "safe_to_manage": true, "size": 1, "cinder_id": null}]}
        => GET "manageable_volumes/detail?host=devcloud%40file%23file" _,
    action(a => a.reserve("ID")) => POST "volumes/ID/action" "block-storage/volume-reserve-request.json",
    action(a => a.unreserve("ID")) => POST "volumes/ID/action" "block-storage/volume-unreserve-request.json",
    action(a => a.begin_detaching("ID")) => POST "volumes/ID/action" "block-storage/volume-begin-detaching-request.json",
    action(a => a.roll_detaching("ID")) => POST "volumes/ID/action" "block-storage/volume-roll-detaching-request.json",
    action(a => a.metadata("ID")) => GET "volumes/ID/metadata" _,
    action(a => a.set_metadata("ID", &strings(&[("name", "metadata0")])))
        => POST "volumes/ID/metadata" "block-storage/volumes/volume-metadata-create-request.json",
    action(a => a.replace_metadata("ID", &strings(&[("name", "metadata1")])))
        => PUT "volumes/ID/metadata" "block-storage/volumes/volume-metadata-update-request.json",
    action(a => a.metadata_item("ID", "name")) answering {"meta": {"name": "x"}} => GET "volumes/ID/metadata/name" _,
    action(a => a.set_metadata_item("ID", "name", "new_name"))
        => PUT "volumes/ID/metadata/name" "block-storage/volumes/volume-metadata-update-key-request.json",
    action(a => a.delete_metadata_item("ID", "a/b")) => DELETE "volumes/ID/metadata/a%2Fb" _,
);

bs_contract!(snapshot: Snapshot, samples ["block-storage/snapshots"] at least 15,
    list(SnapshotQuery { volume_id: Some("v1".into()), all_tenants: Some(true), ..Default::default() })
        => GET "snapshots/detail?volume_id=v1&all_tenants=true" _,
    list(SnapshotQuery { all_tenants: Some(false), ..Default::default() }) => GET "snapshots/detail" _,
    get("ID") => GET "snapshots/ID" _,
    create(CreateSnapshot {
        description: Some("Daily backup".into()), force: Some(true), metadata: Some(strings(&[("key", "v3")])),
        ..CreateSnapshot::new("5aa119a8-d25b-45a7-8d1b-88e127885635").name("snap-001")
    }) => POST "snapshots" "block-storage/snapshots/snapshot-create-request.json",
    update("ID", UpdateSnapshot { name: Some("snap-002".into()), description: Some("This is yet, another snapshot.".into()) })
        => PUT "snapshots/ID" "block-storage/snapshots/snapshot-update-request.json",
    delete("ID") => DELETE "snapshots/ID" _,
    action(a => a.reset_status("ID", "available")) => POST "snapshots/ID/action" "block-storage/snapshot-status-reset-request.json",
    action(a => a.update_status("ID", "creating", Some("80%")))
        => POST "snapshots/ID/action" "block-storage/snapshot-status-update-request.json",
    action(a => a.force_delete("ID")) => POST "snapshots/ID/action" "block-storage/snapshot-force-delete-request.json",
    action(a => a.unmanage("ID")) => POST "snapshots/ID/action" {"os-unmanage": {}},
    action(a => a.manage(&ManageSnapshot::by_name("1df34919-aba7-4a1b-a614-3b409d71ac03", "lvol0")))
        => POST "manageable_snapshots" {"snapshot": {"volume_id": "1df34919-aba7-4a1b-a614-3b409d71ac03", "ref": {"source-name": "lvol0"}}},
    action(a => a.set_metadata("ID", &strings(&[("key", "v3")])))
        => POST "snapshots/ID/metadata" "block-storage/snapshots/snapshot-metadata-create-request.json",
    action(a => a.replace_metadata("ID", &strings(&[("new_key", "new_value")])))
        => PUT "snapshots/ID/metadata" "block-storage/snapshots/snapshot-metadata-update-request.json",
    action(a => a.set_metadata_item("ID", "key", "new_value"))
        => PUT "snapshots/ID/metadata/key" "block-storage/snapshots/snapshot-metadata-update-key-request.json",
    action(a => a.delete_metadata_item("ID", "key")) => DELETE "snapshots/ID/metadata/key" _,
);

bs_contract!(backup: Backup, samples ["block-storage/backups", "block-storage/backup-record-import-response.json"] at least 20,
    list(BackupQuery { volume_id: Some("v1".into()), ..Default::default() }) => GET "backups/detail?volume_id=v1" _,
    get("ID") => GET "backups/ID" _,
    create(CreateBackup {
        description: Some("Test backup".into()), incremental: Some(false), force: Some(false),
        ..CreateBackup::new("0aa67a0c-7339-4be6-b5d5-2afe21ca270c").name("backup001")
    }) => POST "backups" {"backup": {"description": "Test backup", "name": "backup001",
        "volume_id": "0aa67a0c-7339-4be6-b5d5-2afe21ca270c", "incremental": false, "force": false}},
    create(CreateBackup::new("v").incremental()) => POST "backups" {"backup": {"volume_id": "v", "incremental": true}},
    update("ID", UpdateBackup { name: Some("backup001".into()), description: Some("this is a backup".into()), ..Default::default() })
        => PUT "backups/ID" "block-storage/backups/v3.9/backup-update-request.json",
    delete("ID") => DELETE "backups/ID" _,
    action(a => a.restore("ID", Some("64f5d2fb-d836-4063-b7e2-544d5c1ff607"), Some("vol-01")))
        answering {"restore": {"backup_id": "ID", "volume_id": "64f5d2fb-d836-4063-b7e2-544d5c1ff607", "volume_name": "vol-01"}}
        => POST "backups/ID/restore" "block-storage/backup-restore-request.json",
    action(a => a.export_record("ID")) answering {"backup-record": {"backup_service": "s", "backup_url": "u"}}
        => GET "backups/ID/export_record" _,
    action(a => a.import_record(&BackupRecord { backup_service: "cinder.backup.drivers.swift".into(), backup_url: "eyJzdGF0".into() }))
        => POST "backups/import_record" "block-storage/backup-record-import-request.json",
    action(a => a.reset_status("ID", "available")) => POST "backups/ID/action" "block-storage/backup-reset-status-request.json",
    action(a => a.force_delete("ID")) => POST "backups/ID/action" "block-storage/backup-force-delete-request.json",
);

bs_contract!(volume_type: VolumeType, samples ["block-storage/volume_type"] at least 7,
    list(VolumeTypeQuery { is_public: Some("None".into()), ..Default::default() }) => GET "types?is_public=None" _,
    get("ID") => GET "types/ID" _,
    create(CreateVolumeType {
        description: Some("volume type 0001".into()), is_public: Some(true),
        extra_specs: Some(strings(&[("capabilities", "gpu")])), ..CreateVolumeType::new("vol-type-001")
    }) => POST "types" "block-storage/volume_type/volume-type-create-request.json",
    update("ID", UpdateVolumeType { name: Some("vol-type-001".into()), description: Some("volume type 0001".into()), is_public: Some(true) })
        => PUT "types/ID" "block-storage/volume_type/volume-type-update-request.json",
    delete("ID") => DELETE "types/ID" _,
    action(a => a.default_type()) => GET "types/default" _,
    action(a => a.extra_specs("ID")) => GET "types/ID/extra_specs" _,
    action(a => a.set_extra_specs("ID", &strings(&[("key1", "value1"), ("key2", "value2")])))
        => POST "types/ID/extra_specs" "block-storage/volume_type/volume-type-extra-specs-create-update-request.json",
    action(a => a.extra_spec("ID", "capabilities")) answering {"capabilities": "gpu"} => GET "types/ID/extra_specs/capabilities" _,
    action(a => a.delete_extra_spec("ID", "capabilities")) => DELETE "types/ID/extra_specs/capabilities" _,
    action(a => a.access("ID")) answering {"volume_type_access": [{"project_id": "p", "volume_type_id": "ID"}]}
        => GET "types/ID/os-volume-type-access" _,
    action(a => a.add_project_access("ID", "6f70656e737461636b20342065766572"))
        => POST "types/ID/action" "block-storage/volume_type/volume-type-access-add-request.json",
    action(a => a.remove_project_access("ID", "f270b245cb11498ca4031deb7e141cfa"))
        => POST "types/ID/action" "block-storage/volume-type-access-delete-request.json",
    action(a => a.encryption("ID")) answering {"volume_type_id": "ID", "provider": "luks", "encryption_id": "E"}
        => GET "types/ID/encryption" _,
    action(a => a.create_encryption("ID", &TypeEncryption {
        key_size: Some(256), provider: Some("luks".into()), control_location: Some("front-end".into()),
        cipher: Some("aes-xts-plain64".into()), ..Default::default()
    })) answering {"encryption": {"volume_type_id": "ID", "encryption_id": "E", "provider": "luks"}}
        => POST "types/ID/encryption" "block-storage/volume_type/encryption-type-create-request.json",
    action(a => a.update_encryption("ID", "E", &TypeEncryption {
        key_size: Some(64), provider: Some("luks".into()), control_location: Some("back-end".into()),
        cipher: Some("aes-xts-plain64".into()), ..Default::default()
    })) answering {"encryption": {"key_size": 64}}
        => PUT "types/ID/encryption/E" "block-storage/volume_type/encryption-type-update-request.json",
    action(a => a.delete_encryption("ID", "E")) => DELETE "types/ID/encryption/E" _,
);

bs_contract!(qos_spec: QosSpec, samples ["block-storage/qos/qos-create-response.json", "block-storage/qos/qos-list-response.json",
        "block-storage/qos/qos-show-response.json"] at least 3,
    list(Default::default()) => GET "qos-specs" _,
    get("ID") answering {"qos_specs": {"id": "ID"}} => GET "qos-specs/ID" _,
    create(CreateQosSpec::new("reliability-spec")) answering {"qos_specs": {"id": "ID"}} => POST "qos-specs" "block-storage/qos/qos-create-request.json",
    create(CreateQosSpec { consumer: Some("front-end".into()), ..CreateQosSpec::new("q").spec("read_iops_sec", "100") })
        answering {"qos_specs": {"id": "ID"}} => POST "qos-specs" {"qos_specs": {"name": "q", "consumer": "front-end", "read_iops_sec": "100"}},
    delete("ID") => DELETE "qos-specs/ID" _,
    action(a => a.force_delete("ID")) => DELETE "qos-specs/ID?force=true" _,
    action(a => a.set_keys("ID", &strings(&[("delay", "1")]))) answering {"qos_specs": {"delay": "1"}}
        => PUT "qos-specs/ID" "block-storage/qos/qos-update-request.json",
    action(a => a.unset_keys("ID", &["key1"])) => PUT "qos-specs/ID/delete_keys" "block-storage/qos/qos-unset-request.json",
    action(a => a.associations("ID")) answering {"qos_associations": [{"association_type": "volume_type", "name": "t", "id": "T"}]}
        => GET "qos-specs/ID/associations" _,
    action(a => a.associate("ID", "T 1")) => GET "qos-specs/ID/associate?vol_type_id=T+1" _,
    action(a => a.disassociate("ID", "T")) => GET "qos-specs/ID/disassociate?vol_type_id=T" _,
    action(a => a.disassociate_all("ID")) => GET "qos-specs/ID/disassociate_all" _,
);

bs_contract!(transfer: Transfer, samples ["block-storage/volume_transfers", "block-storage/volume_transfer"] at least 8,
    list(TransferQuery { volume_id: Some("v".into()), all_tenants: Some(true), ..Default::default() })
        => GET "volume-transfers/detail?volume_id=v&all_tenants=true" _,
    get("ID") => GET "volume-transfers/ID" _,
    create(CreateTransfer { name: Some("first volume".into()), no_snapshots: Some(false), ..CreateTransfer::new("80d68197-b67e-4c8e-bbb9-030b2581f921") })
        => POST "volume-transfers" "block-storage/volume_transfers/v3.57/volume-transfers-create-request.json",
    delete("ID") => DELETE "volume-transfers/ID" _,
    action(a => a.accept("ID", "f318375a4400391e"))
        => POST "volume-transfers/ID/accept" "block-storage/volume_transfers/volume-transfers-accept-request.json",
);

bs_contract!(attachment: Attachment, samples ["block-storage/attachment-create-response.json", "block-storage/attachment-list-detailed-response.json",
        "block-storage/attachment-list-response.json", "block-storage/attachment-show-response.json",
        "block-storage/attachment-update-response.json"] at least 5,
    list(AttachmentQuery { volume_id: Some("v".into()), ..Default::default() }) => GET "attachments/detail?volume_id=v" _,
    get("ID") => GET "attachments/ID" _,
    create(CreateAttachment {
        connector: Some(map(json!({"initiator": "iqn.1993-08.org.debian: 01: cad181614cec", "ip": "192.168.1.20",
            "platform": "x86_64", "host": "tempest-1", "os_type": "linux2", "multipath": false, "mountpoint": "/dev/vdb",
            "mode": "ro"}))),
        ..CreateAttachment::new("462dcc2d-130d-4654-8db1-da0df2da6a0d", "462dcc2d-130d-4654-8db1-da0df2da6a0d")
    }) => POST "attachments" "block-storage/attachment-create-request.json",
    update("ID", UpdateAttachment { connector: map(json!({"initiator": "iqn.1993-08.org.debian: 01: cad181614cec",
        "ip": "192.168.1.20", "platform": "x86_64", "host": "tempest-1", "os_type": "linux2", "multipath": false,
        "mountpoint": "/dev/vdb", "mode": "ro"})) })
        => PUT "attachments/ID" "block-storage/attachment-update-request.json",
    delete("ID") => DELETE "attachments/ID" _,
    action(a => a.complete("ID")) => POST "attachments/ID/action" "block-storage/attachment-complete.json",
);

bs_contract!(group: Group, samples ["block-storage/group-show-response.json", "block-storage/groups-list-detailed-response.json",
        "block-storage/groups-list-response.json", "block-storage/group-create-response.json",
        "block-storage/group-create-from-src-response.json"] at least 5,
    list(GroupQuery { list_volume: Some(true), ..Default::default() }) => GET "groups/detail?list_volume=true" _,
    get("ID") => GET "groups/ID" _,
    create(CreateGroup {
        name: Some("first_group".into()), description: Some("first group".into()), availability_zone: Some("az0".into()),
        ..CreateGroup::new("29514915-5208-46ab-9ece-1cc4688ad0c1",
            vec!["4e9e6d23-eed0-426d-b90a-28f87a94b6fe".into(), "c4daaf47-c530-4901-b28e-f5f0a359c4e6".into()])
    }) => POST "groups" "block-storage/group-create-request.json",
    update("ID", UpdateGroup {
        name: Some("my_group".into()), description: Some("My group".into()),
        add_volumes: Some("volume-uuid-1,volume-uuid-2".into()), remove_volumes: Some("volume-uuid-8,volume-uuid-9".into()),
    }) => PUT "groups/ID" "block-storage/group-update-request.json",
    action(a => a.delete("ID", false)) => POST "groups/ID/action" "block-storage/group-delete-request.json",
    action(a => a.create_from_source(&CreateGroupFromSource {
        name: Some("first_group".into()), description: Some("first group".into()),
        group_snapshot_id: Some("6f519a48-3183-46cf-a32f-41815f813986".into()), source_group_id: None,
    })) => POST "groups/action" {"create-from-src": {"name": "first_group", "description": "first group",
        "group_snapshot_id": "6f519a48-3183-46cf-a32f-41815f813986"}},
    action(a => a.reset_status("ID", "available")) => POST "groups/ID/action" "block-storage/group-reset-status-request.json",
    action(a => a.enable_replication("ID")) => POST "groups/ID/action" "block-storage/group-replication-enable.json",
    action(a => a.disable_replication("ID")) => POST "groups/ID/action" "block-storage/group-replication-disable.json",
    action(a => a.failover_replication("ID", true, Some("vendor-id-1")))
        => POST "groups/ID/action" "block-storage/group-replication-failover.json",
    action(a => a.replication_targets("ID")) answering {"replication_targets": {"backend_id": "vendor-id-1"}}
        => POST "groups/ID/action" "block-storage/group-replication-list-targets.json",
);

bs_contract!(group_type: GroupType, samples ["block-storage/group-type-show-response.json", "block-storage/group-types-list-response.json",
        "block-storage/group-type-default-response.json"] at least 3,
    list(Default::default()) => GET "group_types" _,
    get("ID") => GET "group_types/ID" _,
    create(CreateGroupType {
        description: Some("group type 0001".into()), is_public: Some(true),
        group_specs: Some(strings(&[("consistent_group_snapshot_enabled", "<is> False")])),
        ..CreateGroupType::new("grp-type-001")
    }) => POST "group_types" "block-storage/group-type-create-request.json",
    update("ID", UpdateGroupType { name: Some("grp-type-001".into()), description: Some("group type 0001".into()), is_public: Some(true) })
        => PUT "group_types/ID" "block-storage/group-type-update-request.json",
    delete("ID") => DELETE "group_types/ID" _,
    action(a => a.default_type()) => GET "group_types/default" _,
    action(a => a.group_specs("ID")) => GET "group_types/ID/group_specs" _,
    action(a => a.set_group_specs("ID", &strings(&[("key1", "value1"), ("key2", "value2")])))
        => POST "group_types/ID/group_specs" "block-storage/group-type-specs-create-request.json",
    action(a => a.delete_group_spec("ID", "key1")) => DELETE "group_types/ID/group_specs/key1" _,
);

bs_contract!(group_snapshot: GroupSnapshot, samples ["block-storage/group-snapshots-show-response.json",
        "block-storage/group-snapshots-list-detailed-response.json", "block-storage/group-snapshots-list-response.json",
        "block-storage/group-snapshots-create-response.json"] at least 4,
    list(Default::default()) => GET "group_snapshots/detail" _,
    get("ID") => GET "group_snapshots/ID" _,
    create(CreateGroupSnapshot {
        name: Some("first_group_snapshot".into()), description: Some("first group snapshot".into()),
        ..CreateGroupSnapshot::new("6f519a48-3183-46cf-a32f-41815f814546")
    }) => POST "group_snapshots" "block-storage/group-snapshots-create-request.json",
    delete("ID") => DELETE "group_snapshots/ID" _,
    action(a => a.reset_status("ID", "available"))
        => POST "group_snapshots/ID/action" "block-storage/group-snapshot-reset-status-request.json",
);

bs_contract!(message: Message, samples ["block-storage/messages-list-response.json", "block-storage/messages-show-response.json"] at least 2,
    list(MessageQuery { resource_uuid: Some("r".into()), ..Default::default() }) => GET "messages?resource_uuid=r" _,
    get("ID") => GET "messages/ID" _,
    delete("ID") => DELETE "messages/ID" _,
);

/// The `Debug` of a transfer hides its auth key (a secret the receiver needs).
#[test]
fn a_transfer_auth_key_never_shows_in_debug() {
    let transfer: Transfer =
        serde_json::from_value(json!({"id": "t", "auth_key": "e2cb02466324813c", "volume_id": "v"})).unwrap();
    let debug = format!("{transfer:?}");
    assert!(!debug.contains("e2cb02466324813c") && debug.contains("<hidden>"), "{debug}");
}

/// A sample file as JSON.
fn sample(path: &str) -> Option<Value> {
    let root = contract::samples_dir()?;
    let text = std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// A mock cloud answering every request with `body`, and a connection to it.
async fn answering(body: Value) -> (MockServer, Connection) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let conn = contract::connection(&server).await;
    (server, conn)
}

/// The one request `server` received: method, path and query relative to cinder's endpoint, and
/// the JSON body (`Value::Null` when empty); the token and microversion headers are checked.
async fn only_request(server: &MockServer) -> (String, String, Value) {
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let request = &requests[0];
    let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    assert_eq!(header("x-auth-token"), TOKEN);
    assert_eq!(header("openstack-api-version"), "volume 3.71");
    let path = request.url.path().strip_prefix("/volume/v3/").expect("under the cinder endpoint").to_string();
    let path = match request.url.query() {
        Some(q) => format!("{path}?{q}"),
        None => path,
    };
    let body = if request.body.is_empty() { Value::Null } else { serde_json::from_slice(&request.body).unwrap() };
    (request.method.to_string(), path, body)
}

/// Every quota sample decodes and comes back whole; each quota call sends what the API expects.
#[tokio::test]
async fn quotas() {
    let Some(show) = sample("block-storage/quota_sets/quotas-show-response.json") else { return };
    let (server, conn) = answering(show.clone()).await;
    let quotas = conn.block_storage().quota_set("p 1").await.unwrap();
    assert_eq!(
        (quotas.volumes, quotas.gigabytes, quotas.extra["volumes___DEFAULT__"].as_i64()),
        (Some(10), Some(1000), Some(-1))
    );
    contract::assert_kept(&show["quota_set"], &serde_json::to_value(&quotas).unwrap(), "", "quotas-show".as_ref());
    assert_eq!(only_request(&server).await, ("GET".into(), "os-quota-sets/p%201".into(), Value::Null));

    let usage = sample("block-storage/quota_sets/quotas-show-usage-response.json").unwrap();
    let (server, conn) = answering(usage.clone()).await;
    let got = conn.block_storage().quota_usage("p").await.unwrap();
    assert_eq!((got.quotas["volumes"].limit, got.quotas["volumes"].in_use), (10, 0));
    contract::assert_kept(&usage["quota_set"], &serde_json::to_value(&got).unwrap(), "", "quotas-usage".as_ref());
    assert_eq!(only_request(&server).await, ("GET".into(), "os-quota-sets/p?usage=true".into(), Value::Null));

    let (server, conn) = answering(show.clone()).await;
    conn.block_storage().quota_defaults("p").await.unwrap();
    assert_eq!(only_request(&server).await.1, "os-quota-sets/p/defaults");

    let updated = sample("block-storage/quota_sets/quotas-update-response.json").unwrap();
    let (server, conn) = answering(updated).await;
    let body = QuotaSet { groups: Some(11), volumes: Some(5), backups: Some(4), ..Default::default() };
    let got = conn.block_storage().update_quota_set("p", &body).await.unwrap();
    assert_eq!(got.volumes, Some(5));
    let expected = sample("block-storage/quota_sets/quotas-update-request.json").unwrap();
    assert_eq!(only_request(&server).await, ("PUT".into(), "os-quota-sets/p".into(), expected));

    let (server, conn) = answering(json!({})).await;
    conn.block_storage().delete_quota_set("p").await.unwrap();
    assert_eq!(only_request(&server).await, ("DELETE".into(), "os-quota-sets/p".into(), Value::Null));

    let class = sample("block-storage/quota_classes/quota-classes-update-response.json").unwrap();
    let (server, conn) = answering(class).await;
    let body = QuotaSet { volumes: Some(10), gigabytes: Some(1000), snapshots: Some(10), ..Default::default() };
    conn.block_storage().update_quota_class_set("test_class", &body).await.unwrap();
    let expected = sample("block-storage/quota_classes/quota-classes-update-request.json").unwrap();
    assert_eq!(only_request(&server).await, ("PUT".into(), "os-quota-class-sets/test_class".into(), expected));
    let class = sample("block-storage/quota_classes/quota-classes-show-response.json").unwrap();
    let (_server, conn) = answering(class.clone()).await;
    let got = conn.block_storage().quota_class_set("test_class").await.unwrap();
    contract::assert_kept(&class["quota_class_set"], &serde_json::to_value(&got).unwrap(), "", "quota-class".as_ref());
}

/// Limits, zones, services, pools, capabilities, resource filters and default types: the samples
/// decode and come back whole, and the requests are the documented ones.
#[tokio::test]
async fn the_other_proxy_calls() {
    let Some(limits) = sample("block-storage/limits/limits-show-response.json") else { return };
    let (server, conn) = answering(limits.clone()).await;
    let got = conn.block_storage().limits().await.unwrap();
    assert_eq!(got.absolute.max_total_volumes, Some(10));
    contract::assert_kept(&limits["limits"], &serde_json::to_value(&got).unwrap(), "", "limits".as_ref());
    assert_eq!(only_request(&server).await, ("GET".into(), "limits".into(), Value::Null));

    let zones = sample("block-storage/availability-zone-list-response.json").unwrap();
    let (server, conn) = answering(zones.clone()).await;
    let got = conn.block_storage().availability_zones().await.unwrap();
    assert!(got[0].state.available && got[0].name == "nova");
    contract::assert_kept(&zones["availabilityZoneInfo"], &serde_json::to_value(&got).unwrap(), "", "zones".as_ref());
    assert_eq!(only_request(&server).await.1, "os-availability-zone");

    for file in
        ["block-storage/services-list-response.json", "block-storage/os-services/v3.49/services-list-response.json"]
    {
        let services = sample(file).unwrap();
        let (server, conn) = answering(services.clone()).await;
        let query = ServiceQuery { binary: Some("cinder-volume".into()), ..Default::default() };
        let got = conn.block_storage().services(&query).await.unwrap();
        contract::assert_kept(&services["services"], &serde_json::to_value(&got).unwrap(), "", file.as_ref());
        assert_eq!(only_request(&server).await.1, "os-services?binary=cinder-volume");
    }
    let disabled = sample("block-storage/services-disable-response.json").unwrap();
    let calls: [(&str, &str); 6] = [
        ("enable", "block-storage/os-services/service-enable-request.json"),
        ("disable", "block-storage/os-services/service-disable-request.json"),
        ("disable-log-reason", "block-storage/os-services/service-disable-log-reason-request.json"),
        ("freeze", "block-storage/os-services/service-freeze-request.json"),
        ("thaw", "block-storage/os-services/service-thaw-request.json"),
        ("failover_host", "block-storage/os-services/service-failover-host-request.json"),
    ];
    for (verb, file) in calls {
        let (server, conn) = answering(disabled.clone()).await;
        let bs = conn.block_storage();
        match verb {
            "enable" => bs.enable_service("host1", "cinder-volume").await.map(drop),
            "disable" => bs.disable_service("host1", "cinder-volume", None).await.map(drop),
            "disable-log-reason" => bs.disable_service("host1", "cinder-volume", Some("test2")).await.map(drop),
            "freeze" => bs.freeze_host("host1").await,
            "thaw" => bs.thaw_host("host1").await,
            _ => bs.failover_host("host1", None).await,
        }
        .unwrap_or_else(|e| panic!("{verb}: {e}"));
        let expected = sample(file).unwrap();
        assert_eq!(only_request(&server).await, ("PUT".into(), format!("os-services/{verb}"), expected), "{verb}");
    }
    let (server, conn) = answering(json!({})).await;
    conn.block_storage()
        .set_log_level("ERROR", Some("cinder-volume"), Some("devstack@lvmdriver-1"), Some("cinder.volume"))
        .await
        .unwrap();
    let expected = sample("block-storage/services-set-log-request.json").unwrap();
    assert_eq!(only_request(&server).await, ("PUT".into(), "os-services/set-log".into(), expected));

    let pools = sample("block-storage/pools-list-detailed-response.json").unwrap();
    let (server, conn) = answering(pools.clone()).await;
    let got = conn.block_storage().pools(true).await.unwrap();
    assert_eq!(got[0].capacity("total_capacity_gb"), Some(1024.0));
    contract::assert_kept(&pools["pools"], &serde_json::to_value(&got).unwrap(), "", "pools".as_ref());
    assert_eq!(only_request(&server).await.1, "scheduler-stats/get_pools?detail=true");

    let capabilities = sample("block-storage/backend-capabilities-response.json").unwrap();
    let (server, conn) = answering(capabilities.clone()).await;
    let got = conn.block_storage().capabilities("devstack@lvm#pool").await.unwrap();
    assert_eq!(got.volume_backend_name.as_deref(), Some("lvmdriver-1"));
    contract::assert_kept(&capabilities, &serde_json::to_value(&got).unwrap(), "", "capabilities".as_ref());
    assert_eq!(only_request(&server).await.1, "capabilities/devstack%40lvm%23pool");

    let filters = sample("block-storage/resource-filters-list-response.json").unwrap();
    let (server, conn) = answering(filters.clone()).await;
    let got = conn.block_storage().resource_filters(Some("volume")).await.unwrap();
    contract::assert_kept(&filters["resource_filters"], &serde_json::to_value(&got).unwrap(), "", "filters".as_ref());
    assert_eq!(only_request(&server).await.1, "resource_filters?resource=volume");

    let set = sample("block-storage/set-default-type-response.json").unwrap();
    let (server, conn) = answering(set).await;
    conn.block_storage().set_default_type("6685584b-1eac-4da6-b5c3-555430cf68ff", "lvm_backend").await.unwrap();
    let expected = sample("block-storage/set-default-type-request.json").unwrap();
    assert_eq!(
        only_request(&server).await,
        ("PUT".into(), "default-types/6685584b-1eac-4da6-b5c3-555430cf68ff".into(), expected)
    );
    let all = sample("block-storage/get-default-types-response.json").unwrap();
    let (server, conn) = answering(all.clone()).await;
    let got = conn.block_storage().default_types().await.unwrap();
    contract::assert_kept(&all["default_types"], &serde_json::to_value(&got).unwrap(), "", "default types".as_ref());
    assert_eq!(only_request(&server).await.1, "default-types");
    let (server, conn) = answering(json!({})).await;
    conn.block_storage().unset_default_type("p").await.unwrap();
    assert_eq!(only_request(&server).await, ("DELETE".into(), "default-types/p".into(), Value::Null));
}

/// A connection to `server` whose cinder endpoint speaks at most `microversion`.
async fn older_cloud(server: &MockServer, microversion: Microversion) -> Connection {
    let mut endpoints = contract::endpoints(&server.uri());
    for e in &mut endpoints {
        if e.service == ServiceType::BlockStorage {
            e.microversion = Some(microversion);
            e.max_microversion = Some(microversion);
        }
    }
    contract::builder(server).endpoints(endpoints).build().await.unwrap()
}

/// Operations newer than the cloud fail before any request, naming the operation and both
/// microversions; what the cloud has still works and sends the cloud's microversion.
#[tokio::test]
async fn operations_newer_than_the_cloud_fail_clearly_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": {"id": "v"}, "volumes": []})))
        .mount(&server)
        .await;
    let conn = older_cloud(&server, Microversion::new(3, 20)).await;
    let bs = conn.block_storage();
    let failures: Vec<(ostack::Error, &str)> = vec![
        (
            bs.volumes().revert_to_snapshot("v", "s").await.unwrap_err(),
            "Volume revert to snapshot needs block-storage microversion 3.40",
        ),
        (bs.volumes().delete_with("v", false, true).await.unwrap_err(), "microversion 3.23"),
        (bs.volumes().count(&VolumeQuery::default()).await.unwrap_err(), "microversion 3.45"),
        (bs.volumes().create_with_hints(&CreateVolume::from_backup("b"), &Map::new()).await.unwrap_err(), "3.47"),
        (
            bs.transfers().list(&Default::default()).collect_all().await.unwrap_err(),
            "Volume transfer needs block-storage microversion 3.55",
        ),
        (
            bs.attachments().list(&Default::default()).collect_all().await.unwrap_err(),
            "Volume attachment needs block-storage microversion 3.27",
        ),
        (bs.default_types().await.unwrap_err(), "list default types needs block-storage microversion 3.62"),
    ];
    for (error, expected) in failures {
        let text = error.to_string();
        assert!(text.contains(expected) && text.contains("uses 3.20"), "{text}");
    }
    // an operation newer than its resource: attachments exist at 3.27, completing them at 3.44
    let at_3_30 = older_cloud(&server, Microversion::new(3, 30)).await;
    let text = at_3_30.block_storage().attachments().complete("a").await.unwrap_err().to_string();
    assert!(
        text.contains("Volume attachment complete needs block-storage microversion 3.44") && text.contains("uses 3.30"),
        "{text}"
    );
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing may be sent");
    bs.volumes().get("v").await.unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent[0].headers.get("openstack-api-version").unwrap(), "volume 3.20");
}

/// A volume that goes to `error` stops the wait at once, and the error carries cinder's user
/// message about it; a backup's fail reason is in its error too; a timeout names the status.
#[tokio::test]
async fn waits_stop_on_error_statuses_with_cinders_message() {
    let server = MockServer::start().await;
    let message = json!({"messages": [
        {"id": "m1", "user_message": "an older message", "created_at": "2026-01-01T00:00:00.000000", "event_id": "VOLUME_000001"},
        {"id": "m2", "user_message": "No storage could be allocated for this volume request.",
         "created_at": "2026-01-02T00:00:00.000000", "event_id": "VOLUME_000002", "resource_uuid": "v1"}]});
    Mock::given(wiremock::matchers::path("/volume/v3/messages"))
        .and(wiremock::matchers::query_param("resource_uuid", "v1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(message))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/volume/v3/volumes/v1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": {"id": "v1", "status": "error"}})))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/volume/v3/backups/b1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"backup": {"id": "b1", "status": "error", "fail_reason": "Volume device not found"}}),
        ))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/volume/v3/messages"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"messages": []})))
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/volume/v3/snapshots/s1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"snapshot": {"id": "s1", "status": "creating"}})))
        .mount(&server)
        .await;
    let conn = contract::connection(&server).await;
    let bs = conn.block_storage();
    let started = std::time::Instant::now();
    let error = bs.volumes().wait_until("v1", &["available"], Duration::from_secs(60)).await.unwrap_err().to_string();
    assert!(started.elapsed() < Duration::from_secs(5), "it waited {:?}", started.elapsed());
    assert!(
        error.contains("reached status error")
            && error.contains("No storage could be allocated for this volume request. (VOLUME_000002")
            && !error.contains("older"),
        "{error}"
    );
    let error = bs.backups().wait_until("b1", &["available"], Duration::from_secs(60)).await.unwrap_err().to_string();
    assert!(error.contains("reached status error: Volume device not found"), "{error}");
    let error =
        bs.snapshots().wait_until("s1", &["available"], Duration::from_millis(300)).await.unwrap_err().to_string();
    assert!(error.contains("timed out") && error.contains("in status creating"), "{error}");
    // an error status that is the target is no failure
    bs.volumes().wait_until("v1", &["error"], Duration::from_secs(5)).await.unwrap();
}

/// Filters and body fields newer than the cloud are refused before anything is sent, each
/// naming the field and its microversion; older ones are sent at the cloud's microversion.
#[tokio::test]
async fn fields_newer_than_the_cloud_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "volume": {"id": "v"}, "volumes": [], "snapshots": [], "backup": {"id": "b"}
        })))
        .mount(&server)
        .await;
    let map = |k: &str| Some(BTreeMap::from([(k.to_string(), "x".to_string())]));
    let at = |minor| older_cloud(&server, Microversion::new(3, minor));
    let (at_3_3, at_3_20) = (at(3).await, at(20).await);
    let (bs, old) = (at_3_20.block_storage(), at_3_3.block_storage());
    let listed = |query: VolumeQuery| {
        let volumes = bs.volumes();
        async move { volumes.list(&query).collect_all().await.unwrap_err() }
    };
    let failures: Vec<(ostack::Error, &str)> = vec![
        (
            listed(VolumeQuery { created_at: Some("gt:2026-01-01".into()), ..Default::default() }).await,
            "Volume list by created_at needs block-storage microversion 3.60",
        ),
        (
            listed(VolumeQuery { updated_at: Some("gt:2026-01-01".into()), ..Default::default() }).await,
            "Volume list by updated_at needs block-storage microversion 3.60",
        ),
        (
            listed(VolumeQuery { with_count: Some(true), ..Default::default() }).await,
            "Volume list with_count needs block-storage microversion 3.45",
        ),
        (
            bs.snapshots()
                .list(&SnapshotQuery { metadata: map("k"), ..Default::default() })
                .collect_all()
                .await
                .unwrap_err(),
            "Volume snapshot list by metadata needs block-storage microversion 3.22",
        ),
        (
            bs.volumes().create(&CreateVolume::from_backup("b")).await.unwrap_err(),
            "Volume create from a backup needs block-storage microversion 3.47",
        ),
        (
            bs.backups().create(&CreateBackup { metadata: map("k"), ..CreateBackup::new("v") }).await.unwrap_err(),
            "Volume backup create with metadata needs block-storage microversion 3.43",
        ),
        (
            bs.backups()
                .create(&CreateBackup { availability_zone: Some("az".into()), ..CreateBackup::new("v") })
                .await
                .unwrap_err(),
            "Volume backup create in an availability zone needs block-storage microversion 3.51",
        ),
        (
            bs.backups().update("b", &UpdateBackup { metadata: map("k"), ..Default::default() }).await.unwrap_err(),
            "Volume backup metadata needs block-storage microversion 3.43",
        ),
        (
            old.volumes()
                .list(&VolumeQuery { glance_metadata: map("os_distro"), ..Default::default() })
                .collect_all()
                .await
                .unwrap_err(),
            "Volume list by glance_metadata needs block-storage microversion 3.4",
        ),
        (
            old.volumes()
                .list(&VolumeQuery { group_id: Some("g".into()), ..Default::default() })
                .collect_all()
                .await
                .unwrap_err(),
            "Volume list by group_id needs block-storage microversion 3.10",
        ),
        (
            old.backups()
                .update("b", &UpdateBackup { name: Some("n".into()), ..Default::default() })
                .await
                .unwrap_err(),
            "Volume backup update needs block-storage microversion 3.9",
        ),
    ];
    for (error, expected) in failures {
        let text = error.to_string();
        assert!(text.contains(expected), "{text}");
        assert!(matches!(error, ostack::Error::Unsupported { .. }), "{error:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing may be sent");

    // what the cloud has goes out at its microversion
    bs.volumes().list(&VolumeQuery { group_id: Some("g".into()), ..Default::default() }).collect_all().await.unwrap();
    bs.backups().update("b", &UpdateBackup { name: Some("n".into()), ..Default::default() }).await.unwrap();
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].url.query(), Some("group_id=g"));
    assert!(sent.iter().all(|r| r.headers.get("openstack-api-version").unwrap() == "volume 3.20"));
}

/// Extending an in-use volume needs 3.42: an older cloud reads the volume first and refuses an
/// attached one before sending the action; an available one is still extended; a 3.42 cloud
/// extends at once.
#[tokio::test]
async fn extending_an_in_use_volume_needs_3_42() {
    let server = MockServer::start().await;
    let volume = |id: &str, status: &str| {
        Mock::given(wiremock::matchers::method("GET"))
            .and(wiremock::matchers::path(format!("/volume/v3/volumes/{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"volume": {"id": id, "status": status}})))
    };
    volume("used", "in-use").mount(&server).await;
    volume("free", "available").mount(&server).await;
    Mock::given(wiremock::matchers::method("POST")).respond_with(ResponseTemplate::new(202)).mount(&server).await;
    let old = older_cloud(&server, Microversion::new(3, 41)).await;
    let error = old.block_storage().volumes().extend("used", 2).await.unwrap_err();
    assert!(matches!(error, ostack::Error::Unsupported { .. }), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("Volume extend of an in-use volume needs block-storage microversion 3.42"), "{text}");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.iter().map(|r| r.method.to_string()).collect::<Vec<_>>(), ["GET"], "no action may be sent");

    old.block_storage().volumes().extend("free", 2).await.unwrap();
    let new = older_cloud(&server, Microversion::new(3, 42)).await;
    new.block_storage().volumes().extend("used", 3).await.unwrap();
    let sent = server.received_requests().await.unwrap();
    let calls: Vec<String> = sent.iter().map(|r| format!("{} {}", r.method, r.url.path())).collect();
    assert_eq!(
        calls,
        [
            "GET /volume/v3/volumes/used",
            "GET /volume/v3/volumes/free",
            "POST /volume/v3/volumes/free/action",
            "POST /volume/v3/volumes/used/action",
        ]
    );
    assert_eq!(sent[3].body_json::<Value>().unwrap(), json!({"os-extend": {"new_size": 3}}));
}
