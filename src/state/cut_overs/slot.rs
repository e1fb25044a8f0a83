//! The guided cut-overs' service, set up when first needed: by a cut-over's panel, or at the
//! start when this tab keeps cut-overs (one may be running, and the app goes on with it from
//! any page).
//!
//! In the split build the service's code (the driver, the book's JSON) arrives with the
//! actions' dialogs, in their chunk: the Migrations page, where every visit starts, is
//! interactive without it. The page asks only whether a volume's cut-over runs, which is never
//! the case while the service is not set up. So the app's root holds this slot: what the
//! service is made from, and the owner it must live under.

use super::{provide_cut_overs, CutOvers, STORAGE_KEY};
use crate::arm::context::ArmContext;
use crate::state::operations::Operations;
use crate::state::toasts::{ToastKind, Toasts};
use crate::storage::{self, Area};
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

/// What the service is made from.
struct Parts {
    ops: Operations,
    arm: ArmContext,
    toasts: Toasts,
}

/// The guided cut-overs' service, made on first use (in context at the app's root).
#[derive(Clone, Copy)]
pub struct CutOversSlot {
    parts: StoredValue<Parts>,
    /// The app's root, weakly (see the waves' slot: a strong owner in the root's own arena
    /// would keep an unmounted app alive).
    owner: StoredValue<WeakOwner>,
    /// Tracked: what read "no cut-over runs" before the service was set up reads again after.
    service: RwSignal<Option<CutOvers>>,
    /// The service's code is on its way (the start found cut-overs kept).
    loading: StoredValue<bool>,
}

/// Puts the slot in context.
pub fn provide_cut_overs_slot(ops: Operations, arm: ArmContext, toasts: Toasts) -> CutOversSlot {
    let slot = CutOversSlot {
        parts: StoredValue::new(Parts { ops, arm, toasts }),
        owner: StoredValue::new(Owner::current().unwrap_or_default().downgrade()),
        service: RwSignal::new(None),
        loading: StoredValue::new(false),
    };
    provide_context(slot);
    slot
}

impl CutOversSlot {
    /// The service, set up now if it is not yet. Called by the cut-over's panel, so in the
    /// split build its code is in the dialogs' chunk.
    #[must_use]
    pub fn get(&self) -> CutOvers {
        if let Some(c) = self.service.get_untracked() {
            return c;
        }
        let owner = self.owner.get_value().upgrade().or_else(Owner::current).unwrap_or_default();
        let (ops, arm) = self.parts.with_value(|p| (p.ops, p.arm));
        let cut_overs = owner.with(|| provide_cut_overs(ops, arm));
        self.service.set(Some(cut_overs));
        cut_overs
    }

    /// Whether the service is set up in this tab.
    #[must_use]
    pub fn is_set_up(&self) -> bool {
        self.service.with_untracked(Option::is_some)
    }

    /// The cut-over of `id` is between the user's go and its end (tracked); never while the
    /// service is not set up, since nothing drives one then.
    #[must_use]
    pub fn is_running(&self, id: &str) -> bool {
        self.service.get().is_some_and(|c| c.is_running(id))
    }

    /// Goes on with the cut-overs that were running when the page was left: sets the service
    /// up (in the split build, fetching its chunk) only when this tab keeps any.
    pub fn resume_all(&self) {
        if let Some(c) = self.service.get_untracked() {
            c.resume_all();
            return;
        }
        if !storage::exists(Area::Session, STORAGE_KEY) || self.loading.get_value() {
            return;
        }
        self.loading.set_value(true);
        let slot = *self;
        leptos::task::spawn_local(async move {
            let loaded = resume_loaded(slot).await;
            slot.loading.set_value(false);
            if loaded.is_err() {
                let toasts = slot.parts.with_value(|p| p.toasts);
                toasts.push(
                    ToastKind::Error,
                    "A cut-over of this tab could not be resumed: this page's code for it did \
                     not arrive (offline, or a new version was deployed). Reload the page to go \
                     on with it; nothing of it is lost."
                        .to_owned(),
                );
            }
        });
    }

    /// Forgets every cut-over (the demo's world was reset): through the service if it is set
    /// up, else in storage alone.
    pub fn forget_all(&self) {
        match self.service.get_untracked() {
            Some(c) => c.forget_all(),
            None => storage::remove(Area::Session, STORAGE_KEY),
        }
    }
}

/// Sets the service up and resumes it, in the dialogs' chunk.
#[cfg(anf_split)]
#[leptos::wasm_split::wasm_split(action_dialogs, wasm_split_path = ::leptos::wasm_split, fallible)]
fn resume_loaded(slot: CutOversSlot) -> Result<(), crate::lazy::ChunkError> {
    slot.get().resume_all();
    Ok(())
}

/// Sets the service up and resumes it (no split: the browser tests, `trunk serve`).
#[cfg(not(anf_split))]
#[allow(clippy::unused_async)] // the split build's twin awaits its chunk
async fn resume_loaded(slot: CutOversSlot) -> Result<(), crate::lazy::ChunkError> {
    slot.get().resume_all();
    Ok(())
}
