//! Keeping the ledger in step with what the app sees: each list read, and each operation that
//! ended.
//!
//! The ledger is shared by every tab and view of the browser (localStorage), and each of them
//! writes to it. So every change here starts from the stored ledger, applies only what is new
//! (an operation is recorded once per tab: `recorded` holds the ids already taken), and the
//! caller writes the result back only when it changed. Replaying a tab's whole history instead
//! would put back what another tab changed since (a cut-over it resynced).

use super::ledger::MigrationLedger;
use super::operation::OpAction;
use crate::models::Volume;
use crate::time::Timestamp;
use std::collections::BTreeSet;

/// An operation of the tab's registry, as the ledger needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpRecord {
    /// The registry's id.
    pub id: u64,
    /// The volume id it acted on.
    pub target: String,
    /// What it did.
    pub action: OpAction,
    /// Ended and succeeded.
    pub succeeded: bool,
    /// When it ended.
    pub finished_at: Option<Timestamp>,
}

impl MigrationLedger {
    /// Records what the succeeded operations among `ops` (the whole registry, oldest first)
    /// did, each once: an id in `recorded` was taken already. Ids the registry no longer has
    /// leave `recorded` (forgotten, or a demo reset restarting the count). Returns the names of
    /// the volumes finalized by this call, to announce once.
    pub fn record_finished_ops(
        &mut self,
        recorded: &mut BTreeSet<u64>,
        ops: &[OpRecord],
    ) -> Vec<String> {
        let mut finalized = Vec::new();
        for op in ops {
            if !op.succeeded || recorded.contains(&op.id) {
                continue;
            }
            let Some(action) = op.action.migration_action() else { continue };
            recorded.insert(op.id);
            let name = self.get(&op.target).map(|k| k.name.clone());
            let at = op.finished_at.unwrap_or_default();
            if self.record_finished(&op.target, action, at)
                && action == super::MigrationAction::Finalize
            {
                finalized.push(name.unwrap_or_default());
            }
        }
        recorded.retain(|id| ops.iter().any(|o| o.id == *id));
        finalized
    }

    /// Takes a list read at `now`: remembers its migration volumes and, for a pool's whole list
    /// (`pool_id`), forgets known migrations of that pool it no longer has (deleted). True when
    /// the ledger changed.
    pub fn take_list(&mut self, pool_id: Option<&str>, volumes: &[Volume], now: Timestamp) -> bool {
        let mut changed = false;
        for v in volumes {
            changed |= self.remember(v, now);
        }
        if let Some(pool) = pool_id {
            let present: Vec<String> = volumes.iter().filter_map(|v| v.id.clone()).collect();
            let gone: Vec<String> =
                self.missing_from(pool, &present).iter().map(|m| m.id.clone()).collect();
            for id in gone {
                self.forget(&id);
                changed = true;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{DataProtection, RemotePath, ReplicationObject, VolumeProperties};

    const POOL: &str = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p";

    fn id(name: &str) -> String {
        format!("{POOL}/volumes/{name}")
    }

    fn migration(name: &str) -> Volume {
        Volume {
            id: Some(id(name)),
            name: Some(format!("a/p/{name}")),
            properties: VolumeProperties {
                data_protection: Some(DataProtection {
                    replication: Some(ReplicationObject {
                        remote_path: Some(RemotePath::default()),
                        ..ReplicationObject::default()
                    }),
                    ..DataProtection::default()
                }),
                ..VolumeProperties::default()
            },
            ..Volume::default()
        }
    }

    fn op(id: u64, name: &str, action: OpAction, ok: bool, at: u64) -> OpRecord {
        OpRecord {
            id,
            target: self::id(name),
            action,
            succeeded: ok,
            finished_at: ok.then_some(Timestamp(at)),
        }
    }

    #[test]
    fn each_operation_is_recorded_once_per_tab() {
        let mut ledger = MigrationLedger::default();
        ledger.remember(&migration("m"), Timestamp(0));
        let mut recorded = BTreeSet::new();
        let ops = vec![op(1, "m", OpAction::CutOverBreak, true, 10)];
        assert!(ledger.record_finished_ops(&mut recorded, &ops).is_empty());
        assert!(ledger.facts(&id("m")).cut_over);
        // Another tab resynced since; this tab's old break must not put the cut-over back.
        ledger.clear_cut_over(&id("m"));
        let mut ops = ops;
        ops.push(op(2, "n", OpAction::SyncNow, true, 20));
        ledger.record_finished_ops(&mut recorded, &ops);
        assert!(!ledger.facts(&id("m")).cut_over, "the replay put back a resynced cut-over");
        assert_eq!(recorded, BTreeSet::from([1, 2]), "each taken once, the sync too");
    }

    #[test]
    fn finalize_is_announced_once_and_failures_record_nothing() {
        let mut ledger = MigrationLedger::default();
        ledger.remember(&migration("m"), Timestamp(0));
        let mut recorded = BTreeSet::new();
        let ops = vec![
            op(1, "m", OpAction::Cancel, false, 0),
            op(2, "m", OpAction::Finalize, true, 30),
            op(3, "m", OpAction::Peer, true, 5),
        ];
        assert_eq!(ledger.record_finished_ops(&mut recorded, &ops), vec!["m".to_owned()]);
        assert!(ledger.knows(&id("m")), "a failed cancel deleted nothing");
        assert!(ledger.record_finished_ops(&mut recorded, &ops).is_empty(), "announced once");
        // A demo reset empties the registry: its ids leave the recorded set.
        ledger.record_finished_ops(&mut recorded, &[]);
        assert!(recorded.is_empty());
    }

    #[test]
    fn a_pool_list_remembers_and_forgets() {
        let mut ledger = MigrationLedger::default();
        assert!(ledger.take_list(Some(POOL), &[migration("a"), migration("b")], Timestamp(0)));
        assert!(!ledger.take_list(Some(POOL), &[migration("a"), migration("b")], Timestamp(1)));
        // One volume's read says nothing about the others.
        assert!(!ledger.take_list(None, &[migration("a")], Timestamp(2)));
        assert!(ledger.knows(&id("b")));
        // The pool's list without b: deleted elsewhere.
        assert!(ledger.take_list(Some(POOL), &[migration("a")], Timestamp(3)));
        assert!(!ledger.knows(&id("b")));
        assert!(ledger.knows(&id("a")));
    }
}
