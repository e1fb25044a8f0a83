//! What the console remembers about the migrations it has seen.
//!
//! A finalized volume is a regular volume to ARM, and ARM records neither the cut-over nor the
//! time of the last transfer. The app keeps this ledger in localStorage, so the table still
//! shows finalized migrations with their source, tells a cut-over from a dry run, and shows lag.

use super::actions::MigrationAction;
use super::phase::LocalFacts;
use super::progress::TransferWatch;
use crate::models::{RemotePath, ReplicationStatus, Volume};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is remembered of one migration volume.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KnownMigration {
    /// The volume's ARM id as last seen.
    pub id: String,
    /// The volume's name.
    pub name: String,
    /// Its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RemotePath>,
    /// When the cut-over sequence ended with the break.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cut_over_at: Option<Timestamp>,
    /// When the console finalized it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalized_at: Option<Timestamp>,
    /// Transfers seen.
    #[serde(default)]
    pub watch: TransferWatch,
    /// When the console first saw it (wall clock). Operations that ended before then were on
    /// an earlier volume of the same id (deleted and created again) and don't apply to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen_at: Option<Timestamp>,
}

/// Every known migration, by lower-cased volume id (ARM varies the case of ids).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MigrationLedger {
    /// The entries.
    pub volumes: BTreeMap<String, KnownMigration>,
}

fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

impl MigrationLedger {
    /// Notes a migration volume from a list read at `now`; returns true when the ledger changed.
    /// Volumes that are not (or no longer) migrations are only updated if already known.
    pub fn remember(&mut self, volume: &Volume, now: Timestamp) -> bool {
        let Some(id) = volume.id.as_deref() else { return false };
        let source = volume.replication().and_then(|r| r.remote_path.clone());
        let k = key(id);
        if !volume.is_migration() && !self.volumes.contains_key(&k) {
            return false;
        }
        let entry = self.volumes.entry(k).or_insert_with(|| KnownMigration {
            first_seen_at: Some(now),
            ..KnownMigration::default()
        });
        let before = entry.clone();
        entry.id = id.to_owned();
        entry.name = volume.short_name().unwrap_or(id).to_owned();
        if source.is_some() {
            entry.source = source;
        }
        *entry != before
    }

    /// The entry for a volume id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&KnownMigration> {
        self.volumes.get(&key(id))
    }

    /// Whether the id is a known migration.
    #[must_use]
    pub fn knows(&self, id: &str) -> bool {
        self.volumes.contains_key(&key(id))
    }

    /// The local facts for the phase.
    #[must_use]
    pub fn facts(&self, id: &str) -> LocalFacts {
        self.get(id).map_or_else(LocalFacts::default, |m| LocalFacts {
            cut_over: m.cut_over_at.is_some(),
            finalized: m.finalized_at.is_some(),
            deleting: false,
        })
    }

    /// Records a finished cut-over.
    pub fn mark_cut_over(&mut self, id: &str, now: Timestamp) {
        if let Some(m) = self.volumes.get_mut(&key(id)) {
            m.cut_over_at = Some(now);
        }
    }

    /// Clears the cut-over (the relationship was resynchronized after all).
    pub fn clear_cut_over(&mut self, id: &str) {
        if let Some(m) = self.volumes.get_mut(&key(id)) {
            m.cut_over_at = None;
        }
    }

    /// Records a finalization.
    pub fn mark_finalized(&mut self, id: &str, now: Timestamp) {
        if let Some(m) = self.volumes.get_mut(&key(id)) {
            m.finalized_at = Some(now);
        }
    }

    /// Forgets a volume (deleted).
    pub fn forget(&mut self, id: &str) {
        self.volumes.remove(&key(id));
    }

    /// Records what a succeeded operation did that ARM won't tell later, once: a cut-over's
    /// break (a broken relationship looks the same after a dry run), a finalize (the volume
    /// looks regular afterwards), a resync (no longer cut over), a delete (forget it). `at` is
    /// when it finished; feed operations in the order they ran. True when the ledger changed,
    /// so a finish seen again (another view, a later pass) changes nothing.
    pub fn record_finished(&mut self, id: &str, action: MigrationAction, at: Timestamp) -> bool {
        let Some(m) = self.volumes.get_mut(&key(id)) else { return false };
        if m.first_seen_at.is_some_and(|seen| at < seen) {
            return false;
        }
        match action {
            MigrationAction::CutOver if m.cut_over_at.is_none_or(|c| c < at) => {
                m.cut_over_at = Some(at);
            }
            MigrationAction::Resume if m.cut_over_at.is_some_and(|c| c < at) => {
                m.cut_over_at = None;
            }
            MigrationAction::Finalize if m.finalized_at.is_none() => m.finalized_at = Some(at),
            MigrationAction::Cancel => {
                self.volumes.remove(&key(id));
            }
            _ => return false,
        }
        true
    }

    /// Feeds a replication status to the volume's transfer watch.
    pub fn observe(&mut self, id: &str, status: &ReplicationStatus, now: Timestamp) -> bool {
        self.volumes.get_mut(&key(id)).is_some_and(|m| m.watch.observe(status, now))
    }

    /// Known volumes of `pool_id` (by id prefix) that are not in `present`: deleted elsewhere
    /// or out of sight.
    #[must_use]
    pub fn missing_from<'a>(
        &'a self,
        pool_id: &str,
        present: &[String],
    ) -> Vec<&'a KnownMigration> {
        let prefix = format!("{}/volumes/", key(pool_id));
        let present: Vec<String> = present.iter().map(|p| key(p)).collect();
        self.volumes
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix) && !present.contains(k))
            .map(|(_, v)| v)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{DataProtection, ReplicationObject, VolumeProperties};

    const POOL: &str = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p";

    fn vol(name: &str, migration: bool) -> Volume {
        Volume {
            id: Some(format!("{POOL}/volumes/{name}")),
            name: Some(format!("a/p/{name}")),
            properties: VolumeProperties {
                volume_type: migration.then(|| "Migration".into()),
                data_protection: migration.then(|| DataProtection {
                    replication: Some(ReplicationObject {
                        remote_path: Some(RemotePath {
                            external_host_name: "cl".into(),
                            server_name: "svm".into(),
                            volume_name: "src".into(),
                        }),
                        ..ReplicationObject::default()
                    }),
                    ..DataProtection::default()
                }),
                ..VolumeProperties::default()
            },
            ..Volume::default()
        }
    }

    #[test]
    fn remembers_migrations_and_keeps_them_after_finalize() {
        let mut l = MigrationLedger::default();
        assert!(!l.remember(&vol("plain", false), Timestamp(0)));
        assert!(l.remember(&vol("mig", true), Timestamp(0)));
        assert!(!l.remember(&vol("mig", true), Timestamp(0)), "no change the second time");
        let id = format!("{POOL}/volumes/mig");
        l.mark_finalized(&id.to_uppercase(), Timestamp(5));
        // Finalized: a regular volume now, still known with its source.
        assert!(!l.remember(&vol("mig", false), Timestamp(0)));
        let m = l.get(&id).unwrap();
        assert_eq!(m.source.as_ref().unwrap().volume_name, "src");
        assert!(l.facts(&id).finalized);
        assert!(!l.facts(&id).cut_over);
    }

    #[test]
    fn cut_over_watch_and_forget() {
        let mut l = MigrationLedger::default();
        l.remember(&vol("mig", true), Timestamp(0));
        let id = format!("{POOL}/volumes/mig");
        l.mark_cut_over(&id, Timestamp(9));
        assert!(l.facts(&id).cut_over);
        l.clear_cut_over(&id);
        assert!(!l.facts(&id).cut_over);
        let s = |rel: &str, p: &str| ReplicationStatus {
            relationship_status: Some(rel.into()),
            total_progress: Some(p.into()),
            ..ReplicationStatus::default()
        };
        l.observe(&id, &s("Transferring", "1"), Timestamp(10));
        assert!(l.observe(&id, &s("Idle", "2"), Timestamp(20)));
        assert_eq!(l.get(&id).unwrap().watch.last_transfer_at, Some(Timestamp(20)));
        assert_eq!(l.missing_from(POOL, &[]).len(), 1);
        assert!(l.missing_from(POOL, std::slice::from_ref(&id)).is_empty());
        l.forget(&id);
        assert!(!l.knows(&id));
    }

    #[test]
    fn finished_operations_are_recorded_once_and_in_order() {
        let mut l = MigrationLedger::default();
        l.remember(&vol("mig", true), Timestamp(0));
        let id = format!("{POOL}/volumes/mig");
        let t = Timestamp;
        // The cut-over's break, then a resync, seen together: cut over, then not.
        assert!(l.record_finished(&id, MigrationAction::CutOver, t(10)));
        assert!(l.record_finished(&id, MigrationAction::Resume, t(20)));
        assert!(!l.facts(&id).cut_over);
        // The whole history replayed, as each view does when another operation ends: the
        // same ledger at the end.
        let before = l.clone();
        l.record_finished(&id, MigrationAction::CutOver, t(10));
        l.record_finished(&id, MigrationAction::Resume, t(20));
        assert_eq!(l, before, "a resync after the break still wins");
        // A later break cuts it over, once; an older resync doesn't undo it.
        assert!(l.record_finished(&id, MigrationAction::CutOver, t(30)));
        assert!(!l.record_finished(&id, MigrationAction::CutOver, t(30)), "once");
        assert!(!l.record_finished(&id, MigrationAction::Resume, t(20)), "an older resync");
        assert!(l.facts(&id).cut_over);
        // Recorded by the sequence after the break's end: the break itself changes nothing.
        l.mark_cut_over(&id, t(35));
        assert!(!l.record_finished(&id, MigrationAction::CutOver, t(30)));
        // Sync and dry run leave nothing to remember.
        assert!(!l.record_finished(&id, MigrationAction::SyncNow, t(40)));
        assert!(!l.record_finished(&id, MigrationAction::DryRun, t(40)));
        assert!(l.record_finished(&id, MigrationAction::Finalize, t(50)));
        assert!(!l.record_finished(&id, MigrationAction::Finalize, t(60)), "once");
        assert!(l.record_finished(&id, MigrationAction::Cancel, t(70)));
        assert!(!l.knows(&id));
        assert!(!l.record_finished(&id, MigrationAction::Cancel, t(70)), "unknown volume");
    }

    #[test]
    fn operations_of_an_earlier_volume_with_the_same_id_do_not_apply() {
        let mut l = MigrationLedger::default();
        let id = format!("{POOL}/volumes/mig");
        // mig was cancelled at 50 (deleted), then created again and first seen at 100.
        l.remember(&vol("mig", true), Timestamp(100));
        assert!(!l.record_finished(&id, MigrationAction::Cancel, Timestamp(50)));
        assert!(l.knows(&id), "the new volume is not forgotten");
        assert!(!l.record_finished(&id, MigrationAction::Finalize, Timestamp(60)));
        assert!(!l.facts(&id).finalized);
        // Its own operations do.
        assert!(l.record_finished(&id, MigrationAction::CutOver, Timestamp(150)));
        // Seen again later: the first sighting stays.
        l.remember(&vol("mig", true), Timestamp(200));
        assert_eq!(l.get(&id).unwrap().first_seen_at, Some(Timestamp(100)));
    }
}
