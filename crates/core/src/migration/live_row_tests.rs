use super::*;
use crate::models::{
    DataProtection, ProvisioningState, RelationshipStatus, ReplicationObject, VolumeProperties,
};

const POOL: &str = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p";
const GIB: u64 = 1 << 30;

fn id(name: &str) -> String {
    format!("{POOL}/volumes/{name}")
}

fn source() -> RemotePath {
    RemotePath {
        external_host_name: "onprem-cl01".into(),
        server_name: "svm1".into(),
        volume_name: "vol_home".into(),
    }
}

/// A volume as a list returns it; `volume_type` and `remote` choose what marks it a migration.
fn volume(name: &str, volume_type: Option<&str>, remote: bool) -> Volume {
    Volume {
        id: Some(id(name)),
        name: Some(format!("a/p/{name}")),
        properties: VolumeProperties {
            volume_type: volume_type.map(str::to_owned),
            usage_threshold: 100 * GIB,
            provisioning_state: Some(ProvisioningState::Succeeded),
            data_protection: remote.then(|| DataProtection {
                replication: Some(ReplicationObject {
                    remote_path: Some(source()),
                    ..ReplicationObject::default()
                }),
                ..DataProtection::default()
            }),
            ..VolumeProperties::default()
        },
        ..Volume::default()
    }
}

fn with_states(mut v: Volume, mirror: &str, rel: &str) -> Volume {
    let r = v.properties.data_protection.as_mut().unwrap().replication.as_mut().unwrap();
    r.mirror_state = Some(mirror.into());
    r.relationship_status = Some(rel.into());
    v
}

fn status(mirror: &str, rel: &str, progress: Option<u64>) -> ReplicationStatus {
    ReplicationStatus {
        healthy: Some(true),
        mirror_state: Some(mirror.into()),
        relationship_status: Some(rel.into()),
        total_progress: progress.map(|p| p.to_string()),
        error_message: None,
    }
}

fn ts(ms: u64) -> Timestamp {
    Timestamp(ms)
}

#[test]
fn one_definition_of_a_migration_volume() {
    let ledger = MigrationLedger::default();
    let typed = volume("typed", Some("Migration"), false);
    let lower = volume("lower", Some("migration"), false);
    let remote_only = volume("remote", None, true);
    let plain = volume("plain", None, false);
    assert!(typed.is_migration() && lower.is_migration() && remote_only.is_migration());
    assert!(!plain.is_migration());
    // The table shows exactly the migration volumes, plus what the ledger knows.
    assert!(shown_in_table(&remote_only, &ledger));
    assert!(!shown_in_table(&plain, &ledger));
    let mut ledger = MigrationLedger::default();
    ledger.remember(&remote_only, ts(0));
    // Finalized: the same volume, now regular (no type, no remote path), stays in the table.
    let finalized = volume("remote", None, false);
    assert!(shown_in_table(&finalized, &ledger));
}

#[test]
fn status_readable_only_for_settled_migration_volumes() {
    let mut raw =
        RawRow { volume: Some(volume("m", Some("Migration"), true)), ..RawRow::default() };
    assert!(raw.status_readable());
    raw.status_busy = true;
    assert!(!raw.status_readable(), "one read at a time");
    raw.status_busy = false;
    raw.volume.as_mut().unwrap().properties.provisioning_state = Some(ProvisioningState::Creating);
    assert!(!raw.status_readable(), "not while it is being created");
    raw.volume = Some(volume("plain", None, false));
    assert!(!raw.status_readable(), "a regular volume has no replication to read");
    assert!(!RawRow::default().status_readable(), "nothing listed yet");
}

#[test]
fn the_newer_of_list_and_status_wins_by_when_each_was_asked() {
    let listed = with_states(volume("m", Some("Migration"), true), "Mirrored", "Transferring");
    let mut raw = RawRow {
        volume: Some(listed),
        status: Some(status("Mirrored", "Idle", Some(5))),
        status_asked_at: Some(ts(100)),
        volume_read_at: Some(ts(200)),
        ..RawRow::default()
    };
    let merged = newer_status(&raw).expect("the list is newer");
    assert_eq!(merged.relationship_status, Some(RelationshipStatus::Transferring));
    assert_eq!(merged.total_progress.as_deref(), Some("5"), "the status keeps its own figures");
    // The status was asked after the list: it is the newer word.
    raw.status_asked_at = Some(ts(300));
    assert_eq!(newer_status(&raw), None);
    // Asked at the same time: no preference for the list.
    raw.status_asked_at = Some(ts(200));
    assert_eq!(newer_status(&raw), None);
    // A failed read moves status_read_at only, never status_asked_at.
    raw.status_asked_at = Some(ts(100));
    raw.take_status(StatusAnswer::Failed("offline".into()), ts(250), ts(260));
    assert_eq!(raw.status_asked_at, Some(ts(100)));
    assert_eq!(raw.status_read_at, Some(ts(260)));
    assert!(newer_status(&raw).is_some(), "the failed read doesn't make the old status newer");
    assert_eq!(raw.status_error.as_deref(), Some("Status not read: offline"));
}

#[test]
fn a_list_without_replication_words_leaves_the_status_alone() {
    let raw = RawRow {
        volume: Some(volume("m", Some("Migration"), true)),
        status: Some(status("Mirrored", "Idle", None)),
        status_asked_at: Some(ts(1)),
        volume_read_at: Some(ts(2)),
        ..RawRow::default()
    };
    assert_eq!(newer_status(&raw), None);
}

#[test]
fn cells_of_a_baseline_in_progress() {
    let ledger = MigrationLedger::default();
    let mut raw = RawRow {
        volume: Some(with_states(
            volume("m", Some("Migration"), true),
            "Uninitialized",
            "Transferring",
        )),
        source_bytes: Some(Some(40 * GIB)),
        ..RawRow::default()
    };
    raw.take_status(
        StatusAnswer::Read(status("Uninitialized", "Transferring", Some(10 * GIB))),
        ts(1),
        ts(2),
    );
    let c = cells_of(&id("m"), &raw, &ledger, None, ts(10));
    assert_eq!(c.name, "m");
    assert_eq!(c.source, Some(source()));
    assert_eq!(c.phase, Phase::Baseline);
    assert_eq!(c.mirror, "Uninitialized");
    assert_eq!(c.relationship, "Transferring");
    assert_eq!(c.progress_text, "10.0 GiB of about 40.0 GiB", "the source's size, not the quota");
    assert!((c.progress.unwrap() - 0.25).abs() < 1e-9);
    assert_eq!(c.lag_text, UNKNOWN);
    assert_eq!(c.error, None);
}

#[test]
fn cells_say_unknown_until_arm_reports() {
    let raw = RawRow { volume: Some(volume("m", Some("Migration"), true)), ..RawRow::default() };
    let c = cells_of(&id("m"), &raw, &MigrationLedger::default(), None, ts(0));
    assert_eq!((c.mirror.as_str(), c.relationship.as_str()), (UNKNOWN, UNKNOWN));
    assert_eq!(c.healthy, None);
}

#[test]
fn a_running_cancel_shows_the_row_as_deleting() {
    let raw = RawRow { volume: Some(volume("m", Some("Migration"), true)), ..RawRow::default() };
    let ledger = MigrationLedger::default();
    let c = cells_of(&id("m"), &raw, &ledger, Some(OpAction::Cancel), ts(0));
    assert_eq!(c.phase, Phase::Deleting);
    let c = cells_of(&id("m"), &raw, &ledger, Some(OpAction::SyncNow), ts(0));
    assert_ne!(c.phase, Phase::Deleting);
}

#[test]
fn a_mirrored_row_shows_lag_from_the_ledger() {
    let v = with_states(volume("m", Some("Migration"), true), "Mirrored", "Idle");
    let mut ledger = MigrationLedger::default();
    ledger.remember(&v, ts(0));
    let raw = RawRow { volume: Some(v), ..RawRow::default() };
    let c = cells_of(&id("m"), &raw, &ledger, None, ts(0));
    assert_eq!(c.lag_text, "not seen yet");
    ledger.observe(&id("m"), &status("Mirrored", "Transferring", Some(1)), ts(1_000));
    ledger.observe(&id("m"), &status("Mirrored", "Idle", Some(2)), ts(2_000));
    let c = cells_of(&id("m"), &raw, &ledger, None, ts(62_000));
    assert_eq!(c.lag, Some(Duration::from_secs(60)));
}

#[test]
fn a_finalized_volume_keeps_name_and_source_from_the_ledger() {
    let mut ledger = MigrationLedger::default();
    ledger.remember(&volume("m", Some("Migration"), true), ts(0));
    ledger.mark_finalized(&id("m"), ts(5));
    let mut regular = volume("m", None, false);
    regular.name = None;
    let raw = RawRow { volume: Some(regular), ..RawRow::default() };
    let c = cells_of(&id("m"), &raw, &ledger, None, ts(10));
    assert_eq!(c.phase, Phase::Finalized);
    assert_eq!(c.name, "m");
    assert_eq!(c.source, Some(source()));
}

#[test]
fn a_finalized_volume_shows_nothing_of_the_replication_it_had() {
    let migration = with_states(volume("m", Some("Migration"), true), "Broken", "Idle");
    let mut ledger = MigrationLedger::default();
    ledger.remember(&migration, ts(0));
    ledger.mark_cut_over(&id("m"), ts(1));
    // A transfer was seen, so the lag would count on.
    let mut raw = RawRow { volume: Some(migration), ..RawRow::default() };
    let mut s = status("Broken", "Idle", Some(42 * GIB));
    s.error_message = Some("an old transfer warning".into());
    raw.take_status(StatusAnswer::Read(s.clone()), ts(2), ts(3));
    ledger.observe(&id("m"), &status("Mirrored", "Transferring", Some(GIB)), ts(1));
    ledger.observe(&id("m"), &status("Mirrored", "Idle", Some(2 * GIB)), ts(2));
    ledger.mark_finalized(&id("m"), ts(4));
    // The list now shows a regular volume; the last status read is still in the row.
    raw.volume = Some(volume("m", None, false));
    raw.volume_read_at = Some(ts(5));
    let c = cells_of(&id("m"), &raw, &ledger, None, ts(600_000));
    assert_eq!(c.phase, Phase::Finalized);
    assert_eq!((c.mirror.as_str(), c.relationship.as_str()), (UNKNOWN, UNKNOWN));
    assert_eq!(c.healthy, None);
    assert_eq!((c.progress, c.progress_text.as_str()), (None, ""));
    assert_eq!((c.lag, c.lag_text.as_str()), (None, UNKNOWN));
    assert_eq!(c.error, None);
    assert_eq!((c.name.as_str(), c.source), ("m", Some(source())));
}

#[test]
fn errors_come_from_the_status_then_the_read() {
    let mut raw =
        RawRow { volume: Some(volume("m", Some("Migration"), true)), ..RawRow::default() };
    let mut s = status("Mirrored", "Idle", None);
    s.error_message = Some("transfer aborted".into());
    raw.take_status(StatusAnswer::Read(s), ts(1), ts(2));
    let c = cells_of(&id("m"), &raw, &MigrationLedger::default(), None, ts(3));
    assert_eq!(c.error.as_deref(), Some("transfer aborted"));
    assert!(matches!(c.phase, Phase::Failed(_)));
    raw.take_status(StatusAnswer::NoReplication, ts(4), ts(5));
    assert_eq!(raw.status, None);
    let c = cells_of(&id("m"), &raw, &MigrationLedger::default(), None, ts(6));
    assert_eq!(c.error, None);
}

#[test]
fn broken_states_read_as_the_ledger_says() {
    let v = with_states(volume("m", Some("Migration"), true), "Broken", "Idle");
    let mut ledger = MigrationLedger::default();
    ledger.remember(&v, ts(0));
    let raw = RawRow { volume: Some(v), ..RawRow::default() };
    assert_eq!(cells_of(&id("m"), &raw, &ledger, None, ts(1)).phase, Phase::PausedForDryRun);
    ledger.mark_cut_over(&id("m"), ts(1));
    assert_eq!(cells_of(&id("m"), &raw, &ledger, None, ts(2)).phase, Phase::CutOver);
}
