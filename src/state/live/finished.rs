//! What operations that ended did, recorded in the ledger and announced once.

use super::LiveMigrations;
use crate::state::ledger_store::{load_ledger, load_recorded, save_recorded};
use crate::state::toasts::ToastKind;
use anf_core::migration::OpRecord;
use leptos::prelude::*;

impl LiveMigrations {
    /// Records in the ledger what finished operations did that ARM won't tell later
    /// ([`anf_core::migration::MigrationLedger::record_finished_ops`]), each once per tab, and
    /// announces a finalize. The cut-over sequence records its break too, for when no view is
    /// open.
    pub(super) fn note_finished(&self) {
        let ops: Vec<OpRecord> = self.ops().list().with_untracked(|l| {
            l.iter()
                .map(|o| OpRecord {
                    id: o.id,
                    target: o.target.clone(),
                    action: o.action,
                    succeeded: o.succeeded(),
                    finished_at: o.finished_at,
                })
                .collect()
        });
        let mut recorded = load_recorded();
        // From storage, not this view's copy: another view (the table, a details page) may have
        // recorded the same finish already, and it must be announced once.
        let stored = load_ledger();
        let mut ledger = stored.clone();
        let finalized = ledger.record_finished_ops(&mut recorded, &ops);
        save_recorded(&recorded);
        if ledger == stored {
            self.data.update_value(|d| d.ledger = ledger);
            return;
        }
        // A wave's finalize is quiet: its page says it once for the wave, not once a volume.
        let quiet: Vec<String> = self.ops().list().with_untracked(|l| {
            l.iter()
                .filter(|o| o.quiet && o.action == anf_core::migration::OpAction::Finalize)
                .filter_map(|o| ledger.get(&o.target).map(|k| k.name.clone()))
                .collect()
        });
        let toasts = self.services.with_value(|s| s.toasts);
        for name in finalized.into_iter().filter(|n| !quiet.contains(n)) {
            toasts.push(
                ToastKind::Info,
                format!("{name} is finalized. On the source cluster, run \"cluster peer show\"; if the Azure NetApp Files peer is still listed, run \"cluster peer delete -cluster <name>\"."),
            );
        }
        self.update_ledger(|l| *l = ledger);
    }
}
