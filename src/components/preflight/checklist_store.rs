//! Where the confirmed checklist is kept: localStorage, one per capacity pool (the scope), so a
//! confirmation made today still holds when the user comes back to create more migrations.

use crate::state::scope::Scope;
use crate::storage::{self, Area};
use anf_core::ids::PoolId;
use anf_core::preflight::checklist::{storage_key, ConfirmedChecklist};

/// The checklist confirmed for the scope's pool; `None` when the scope is incomplete or nothing
/// was confirmed there. Check [`ConfirmedChecklist::is_complete`] before relying on it, and copy
/// [`ConfirmedChecklist::to_meta_items`] into each migration's metadata.
#[must_use]
pub fn load_confirmed_checklist(scope: &Scope) -> Option<ConfirmedChecklist> {
    load_for_pool(&scope.pool_id()?)
}

/// Keeps the checklist confirmed for the scope's pool (nothing happens without a pool).
pub fn save_confirmed_checklist(scope: &Scope, checklist: &ConfirmedChecklist) {
    if let Some(pool) = scope.pool_id() {
        save_for_pool(&pool, checklist);
    }
}

/// The checklist confirmed for `pool`.
#[must_use]
pub fn load_for_pool(pool: &PoolId) -> Option<ConfirmedChecklist> {
    storage::load(Area::Local, &storage_key(pool))
}

/// Keeps the checklist confirmed for `pool`.
pub fn save_for_pool(pool: &PoolId, checklist: &ConfirmedChecklist) {
    storage::save(Area::Local, &storage_key(pool), checklist);
}
