//! Guided cut-overs, driven: the calls, the status reads, the tab lease and storage around the
//! core's state machine ([`anf_core::migration::cut_over`]), which decides every step.
//!
//! The sequence belongs to the app, not to the panel that started it: the panel lives in a
//! table row, and a row that leaves the page (paging, sorting, a filter, another page of the
//! app) must not stop a cut-over while the source is offline. The book of sequences is kept in
//! sessionStorage after every step, so a reload picks each up where it stopped; the operations
//! themselves are followed by the registry. One tab of the browser drives a sequence (a lease in
//! localStorage): a duplicated tab copies sessionStorage and would otherwise send everything
//! twice.

mod drive;
mod slot;

pub use slot::{provide_cut_overs_slot, CutOversSlot};

use super::ledger_store::update_ledger;
use super::operations::Operations;
use super::tab_lease;
use crate::arm::browser_env::now;
use crate::arm::context::ArmContext;
use crate::hooks::{use_polled_with_options, UsePolledOptions};
use crate::storage::{self, Area};
use anf_core::ids::VolumeId;
use anf_core::migration::cut_over::Change;
use anf_core::migration::{CutOver, CutOverBook, CutOverStep, OpAction, VolumeCall};
use anf_core::time::Timestamp;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

const STORAGE_KEY: &str = "anf-migrate.cut-overs";
/// How often a tab waiting for another tab's cut-over looks whether it may take over.
pub(super) const LEASE_WAIT: Duration = Duration::from_secs(5);
/// The shortest wait between two turns of the driver.
pub(super) const MIN_WAIT: Duration = Duration::from_millis(200);

/// What the driver is doing right now, in this tab only.
#[derive(Default)]
struct Driving {
    /// Sequences whose lease this tab holds.
    held: HashSet<String>,
    /// Sequences another tab held at the last try, and when to try again.
    lease_retry: HashMap<String, Timestamp>,
    /// Sequences with a lease take, a status read or a call on its way.
    busy: HashSet<String>,
    /// No status read before this: ARM's read budget asked for a pause.
    read_hold: Timestamp,
}

/// The cut-overs of this tab, in context.
#[derive(Clone, Copy)]
pub struct CutOvers {
    book: RwSignal<CutOverBook>,
    // Kept, not looked up: the driver runs in tasks, where there is no context.
    ops: Operations,
    arm: ArmContext,
    driving: StoredValue<Driving>,
    poke: StoredValue<Option<Callback<()>>>,
}

pub(super) fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

/// The tab lease of a volume's cut-over.
pub(super) fn lease(id: &str) -> String {
    format!("cut-over.{}", key(id))
}

impl CutOvers {
    /// Where the cut-over of `id` stands (tracked); `Offline` when none was started.
    #[must_use]
    pub fn step(&self, id: &str) -> CutOverStep {
        self.book.try_with(|b| b.step(id)).unwrap_or_default()
    }

    /// ARM refused the final sync of `id` while a transfer ran, and it goes again once that
    /// transfer ends (tracked).
    #[must_use]
    pub fn sends_sync_again(&self, id: &str) -> bool {
        self.book.try_with(|b| b.get(id).is_some_and(CutOver::sends_sync_again)).unwrap_or(false)
    }

    /// The sequence of `id` is between the user's go and its end (tracked): the volume is busy
    /// even while no operation runs (waiting for the final transfer).
    #[must_use]
    pub fn is_running(&self, id: &str) -> bool {
        self.step(id).is_running()
    }

    /// The source is offline: starts the final sync, then the rest of the sequence.
    pub fn start(&self, id: &str, name: &str) {
        let Ok(vid) = VolumeId::parse(id) else { return };
        if self.book.with_untracked(|b| b.step(id)) != CutOverStep::Offline {
            return;
        }
        if !tab_lease::take_now(&lease(id)) {
            self.change(id, name, |c| {
                c.start_refused(
                    "This volume's cut-over is running in another tab of this browser; follow it there.",
                )
            });
            return;
        }
        let label = format!("Cut over: final sync on {name}");
        let started = self.ops.start(id, OpAction::CutOverSync, label, move |c, t| async move {
            VolumeCall::Transfer.send(&c, &vid, t).await
        });
        match started {
            Ok(op) => {
                self.driving.update_value(|d| {
                    d.held.insert(key(id));
                });
                self.change(id, name, |c| c.sync_started(op));
                self.poke();
            }
            Err(busy) => {
                tab_lease::release(&lease(id));
                let why = format!(
                    "\"{}\" is running on this volume; start the cut-over when it is done.",
                    busy.label
                );
                self.change(id, name, |c| c.start_refused(why));
            }
        }
    }

    /// Stops the wait for the final transfer: the break is not sent.
    pub fn stop(&self, id: &str) {
        self.change(id, "", CutOver::stop);
    }

    /// Breaks now instead of waiting for the transfer in progress (`forceBreakReplication`):
    /// what that transfer carries is lost, so the panel asks first.
    pub fn force_break(&self, id: &str) {
        let taken = self.book.try_update(|b| b.get_mut(id).is_some_and(CutOver::force_break));
        if taken == Some(true) {
            self.save();
            self.poke();
        }
    }

    /// Whether the break of `id` was sent (or is to be sent) with force (tracked).
    #[must_use]
    pub fn is_forced(&self, id: &str) -> bool {
        self.book.try_with(|b| b.get(id).is_some_and(CutOver::is_forced)).unwrap_or(false)
    }

    /// Back to the first step, after a failure.
    pub fn start_over(&self, id: &str) {
        self.change(id, "", CutOver::start_over);
    }

    /// The panel opens: a cut-over that ended earlier is history (the ledger has it), and a new
    /// one starts from the first step.
    pub fn opened(&self, id: &str) {
        self.dismiss(id);
    }

    /// Forgets a finished cut-over.
    pub fn dismiss(&self, id: &str) {
        if self.book.with_untracked(|b| b.step(id)) == CutOverStep::Done {
            self.book.update(|b| {
                b.remove(id);
            });
            self.save();
        }
    }

    /// Forgets every cut-over (the demo's world was reset: its volumes are new ones).
    pub fn forget_all(&self) {
        self.book.set(CutOverBook::default());
        storage::remove(Area::Session, STORAGE_KEY);
    }

    /// Goes on with every sequence that was running when the page was left.
    pub fn resume_all(&self) {
        self.poke();
    }

    fn poke(&self) {
        if let Some(poke) = self.poke.try_get_value().flatten() {
            poke.run(());
        }
    }

    fn save(&self) {
        // An empty book is no key at all: the start sets the service up only when one is kept.
        self.book.with_untracked(|b| {
            if b.iter().next().is_none() {
                storage::remove(Area::Session, STORAGE_KEY);
            } else {
                storage::save(Area::Session, STORAGE_KEY, b);
            }
        });
    }

    /// Reports an event to the sequence of `id` and carries out what its change means: the
    /// step is kept (a reload must find it), the ledger records a cut-over when the break
    /// succeeded, and a sequence that stopped running lets its lease go.
    fn change(&self, id: &str, name: &str, event: impl FnOnce(&mut CutOver) -> Option<Change>) {
        // Only a start names the volume and may create its sequence; other events go to one
        // that exists.
        let Some(change) = self
            .book
            .try_update(|b| {
                if name.is_empty() {
                    b.get_mut(id).and_then(event)
                } else {
                    event(b.entry(id, name))
                }
            })
            .flatten()
        else {
            return;
        };
        self.apply(id, &change);
    }

    /// Carries out what a change of the sequence of `id` means.
    fn apply(&self, id: &str, change: &Change) {
        self.save();
        if change.records_cut_over() {
            update_ledger(|l| l.mark_cut_over(id, now()));
        }
        if !change.to.is_running() {
            tab_lease::release(&lease(id));
            self.driving.update_value(|d| {
                d.held.remove(&key(id));
            });
        }
    }
}

/// Restores this tab's cut-overs (the slot calls it on first use); call
/// [`CutOvers::resume_all`] (after the operations') to go on with those that were running.
fn provide_cut_overs(ops: Operations, arm: ArmContext) -> CutOvers {
    let book: CutOverBook = storage::load(Area::Session, STORAGE_KEY).unwrap_or_default();
    let cut_overs = CutOvers {
        book: RwSignal::new(book),
        ops,
        arm,
        driving: StoredValue::new(Driving::default()),
        poke: StoredValue::new(None),
    };
    // The driver waits for its first poke (resume_all, or a start) and then follows what the
    // machine asks, pausing while the tab is hidden. An operation ending pokes it too.
    let polled = use_polled_with_options(
        move || async move { cut_overs.drive() },
        UsePolledOptions::default().immediate(false),
    );
    cut_overs.poke.set_value(Some(polled.poke));
    Effect::new(move |_| {
        let _ = ops.generation();
        cut_overs.poke();
    });
    tab_lease::release_on_page_hide(move || {
        cut_overs
            .book
            .try_with_untracked(|b| b.iter().map(|(id, _)| lease(id)).collect())
            .unwrap_or_default()
    });
    cut_overs
}

/// The cut-overs, set up now if they are not yet (a cut-over's panel: in the split build, in
/// the dialogs' chunk).
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_cut_overs() -> CutOvers {
    use_cut_overs_slot().get()
}

/// The cut-overs' slot (for what runs in the main chunk: the start, the actions' busy check,
/// the demo's reset).
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_cut_overs_slot() -> CutOversSlot {
    expect_context::<CutOversSlot>()
}
