//! The waves service, set up when first needed: by a wave's page, or at the start when this
//! user has waves stored (one may be running, and the app goes on with it from any page).
//!
//! In the split build the service's code (the driver, the store, the waves' JSON) arrives with
//! the waves' pages, in their chunk: a user with no waves never downloads it, and the
//! Migrations page, where every visit starts, does not wait for it. So the app's root holds only
//! this slot: what the service needs, and the owner it must live under.

use super::{provide_waves, store, Waves};
use crate::arm::context::ArmContext;
use crate::state::operations::Operations;
use crate::state::toasts::{ToastKind, Toasts};
use crate::storage::{self, Area};
use anf_core::auth::Account;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

/// What the waves service is made from.
struct Parts {
    ops: Operations,
    arm: ArmContext,
    toasts: Toasts,
    demo: bool,
    account: Option<Account>,
}

/// The waves service, made on first use (in context at the app's root).
#[derive(Clone, Copy)]
pub struct WavesSlot {
    parts: StoredValue<Parts>,
    /// The app's root: the service lives as long as the app, whichever page first asked. Weak:
    /// the slot lives in the root's own arena, and a strong owner there would keep the root
    /// (and everything under it) from ever being cleaned up once unmounted.
    owner: StoredValue<WeakOwner>,
    waves: StoredValue<Option<Waves>>,
    /// The service's code is on its way (the start found waves stored).
    loading: StoredValue<bool>,
}

/// Puts the slot in context. `demo`: demo mode (a fixed user); otherwise `account` is who is
/// signed in.
pub fn provide_waves_slot(
    ops: Operations,
    arm: ArmContext,
    toasts: Toasts,
    demo: bool,
    account: Option<Account>,
) -> WavesSlot {
    let slot = WavesSlot {
        parts: StoredValue::new(Parts { ops, arm, toasts, demo, account }),
        owner: StoredValue::new(Owner::current().unwrap_or_default().downgrade()),
        waves: StoredValue::new(None),
        loading: StoredValue::new(false),
    };
    provide_context(slot);
    // A wave started in another tab of this browser: this one follows it too (it takes the
    // wave over if that tab goes), as it would have had the wave been stored at its start.
    if let Some(key) = slot.key() {
        store::on_other_tab_save(key, move || slot.resume_all());
    }
    slot
}

impl WavesSlot {
    /// The storage key of this user's waves (`None`: nobody signed in).
    fn key(&self) -> Option<String> {
        self.parts.with_value(|p| store::owner_key(p.demo, p.account.as_ref()))
    }

    /// The service, set up now if it is not yet. Called by the waves' pages, so in the split
    /// build its code is in their chunk.
    #[must_use]
    pub fn get(&self) -> Waves {
        if let Some(waves) = self.waves.get_value() {
            return waves;
        }
        // Taken out first: the service makes values of its own while it is set up. The root is
        // there while anything of the app runs; if it is gone, under the caller's owner.
        let owner = self.owner.get_value().upgrade().or_else(Owner::current).unwrap_or_default();
        let (ops, arm, toasts, demo, account) =
            self.parts.with_value(|p| (p.ops, p.arm, p.toasts, p.demo, p.account.clone()));
        let waves = owner.with(|| provide_waves(ops, arm, toasts, demo, account));
        self.waves.set_value(Some(waves));
        waves
    }

    /// Whether the service is set up in this tab.
    #[must_use]
    pub fn is_set_up(&self) -> bool {
        self.waves.with_value(Option::is_some)
    }

    /// Goes on with the waves that were running when the page was left: sets the service up
    /// (in the split build, fetching its chunk) only when this user has waves stored.
    pub fn resume_all(&self) {
        if let Some(waves) = self.waves.get_value() {
            waves.resume_all();
            return;
        }
        let stored = self.key().is_some_and(|k| storage::exists(Area::Local, &k));
        if !stored || self.loading.get_value() {
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
                    "Your waves could not be resumed: this page's code for them did not arrive \
                     (offline, or a new version was deployed). Reload the page to go on with \
                     them; nothing of them is lost."
                        .to_owned(),
                );
            }
        });
    }

    /// Forgets every wave (the demo's world was reset): through the service if it is set up,
    /// else in storage alone.
    pub fn forget_all(&self) {
        match self.waves.get_value() {
            Some(waves) => waves.forget_all(),
            None => {
                if let Some(key) = self.key() {
                    store::forget(&key);
                }
            }
        }
    }
}

/// Sets the service up and resumes it, in the waves' chunk.
#[cfg(anf_split)]
#[leptos::wasm_split::wasm_split(wave_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn resume_loaded(slot: WavesSlot) -> Result<(), crate::lazy::ChunkError> {
    slot.get().resume_all();
    Ok(())
}

/// Sets the service up and resumes it (no split: the browser tests, `trunk serve`).
#[cfg(not(anf_split))]
#[allow(clippy::unused_async)] // the split build's twin awaits its chunk
async fn resume_loaded(slot: WavesSlot) -> Result<(), crate::lazy::ChunkError> {
    slot.get().resume_all();
    Ok(())
}

/// The waves.
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_waves() -> Waves {
    expect_context::<WavesSlot>().get()
}

/// The waves' slot (for what runs in the main chunk: the start, the demo's reset).
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_waves_slot() -> WavesSlot {
    expect_context::<WavesSlot>()
}
