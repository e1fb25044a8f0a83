//! The migration ledger in localStorage.
//!
//! localStorage (not session) because a finalized migration and a cut-over must still show as
//! such tomorrow; the ledger holds names and sources only, nothing secret. There is no signal
//! here: every view and tab writes the stored ledger, so each change is a read-modify-write of
//! storage ([`update_ledger`]), and views keep their own copy to render from.

use crate::storage::{self, Area};
use anf_core::migration::MigrationLedger;
use std::collections::BTreeSet;

const STORAGE_KEY: &str = "anf-migrate.migration-ledger";
/// Ids of this tab's operations already recorded in the ledger.
const RECORDED_KEY: &str = "anf-migrate.operations-recorded";

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

/// The ids of this tab's operations whose outcome is already in the ledger. Kept per tab, as
/// the operations are: each is recorded once, so an old one replayed can't undo what another
/// tab recorded since.
#[must_use]
pub fn load_recorded() -> BTreeSet<u64> {
    storage::load(Area::Session, RECORDED_KEY).unwrap_or_default()
}

/// Saves the ids of the operations recorded.
pub fn save_recorded(ids: &BTreeSet<u64>) {
    storage::save(Area::Session, RECORDED_KEY, ids);
}
