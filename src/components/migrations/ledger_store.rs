//! The migration ledger in localStorage, with a signal so views follow changes.
//!
//! localStorage (not session) because a finalized migration and a cut-over must still show as
//! such tomorrow; the ledger holds names and sources only, nothing secret.

use crate::storage::{self, Area};
use anf_core::migration::MigrationLedger;

const STORAGE_KEY: &str = "anf-migrate.migration-ledger";

/// Reads the ledger.
#[must_use]
pub fn load_ledger() -> MigrationLedger {
    storage::load(Area::Local, STORAGE_KEY).unwrap_or_default()
}

/// Changes the ledger and saves it; returns what `f` returned.
pub fn update_ledger<R>(f: impl FnOnce(&mut MigrationLedger) -> R) -> R {
    let mut ledger = load_ledger();
    let r = f(&mut ledger);
    storage::save(Area::Local, STORAGE_KEY, &ledger);
    r
}
