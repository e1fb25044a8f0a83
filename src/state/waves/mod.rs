//! Migration waves, driven: the user's waves in context, and the driver that carries out what
//! each started wave's machine ([`anf_core::wave::run`]) and cut-over window
//! ([`anf_core::wave::window`]) ask for. Every decision is the core's; this service does the
//! effects: the pools' lists, the calls (each through the operations registry, one per volume,
//! kept across reloads), the write budget's pacing, the status reads of the window, the tab
//! lease and storage.
//!
//! Like the guided cut-overs, a wave belongs to the app, not to its page: leaving the wave's
//! page (for the demo's ONTAP console, the Migrations table) does not stop it. One tab of the
//! browser drives a wave (a lease in localStorage); the others show it.

mod drive;
mod sends;
mod slot;
mod store;
mod window;

pub use slot::{provide_waves_slot, use_waves, use_waves_slot, WavesSlot};
pub use store::{owner_key, DEMO_USER};

use crate::arm::browser_env::now;
use crate::arm::context::ArmContext;
use crate::hooks::{use_polled_with_options, UsePolledOptions};
use crate::state::operations::Operations;
use crate::state::tab_lease;
use crate::state::toasts::Toasts;
use anf_core::arm::lro::PollPace;
use anf_core::ids::AccountId;
use anf_core::time::Timestamp;
use anf_core::wave::saved::{SavedWave, WaveStore};
use anf_core::wave::window::{CutOverWindow, Member, OnFailure};
use anf_core::wave::{RowId, WaveCall, WaveVerdict, WriteBudget};
use leptos::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::Duration;

/// How often a tab waiting for another tab's wave looks whether it may take over.
const LEASE_WAIT: Duration = Duration::from_secs(5);
/// The shortest wait between two turns of the driver.
const MIN_WAIT: Duration = Duration::from_millis(200);
/// Status reads of a cut-over window a second, at most, and saved up.
const WINDOW_READS_PER_SECOND: u32 = 4;
const WINDOW_READ_BURST: u32 = 8;

/// What the driver is doing right now, in this tab only.
struct Driving {
    /// Waves (lower-cased names) whose lease this tab holds.
    held: HashSet<String>,
    /// Waves another tab held at the last try, and when to try again.
    lease_retry: HashMap<String, Timestamp>,
    /// Waves with a lease take or a pools' list on its way.
    busy: HashSet<String>,
    /// Volumes (lower-cased ids) with a status read of the window on its way.
    reading: HashSet<String>,
    /// The local copy of ARM's write bucket, per subscription.
    budgets: HashMap<String, WriteBudget>,
    /// The window's status reads.
    reads: PollPace,
    /// Why the last list of a wave's pools failed, and when to try again.
    list_error: HashMap<String, (String, Timestamp)>,
    /// When the driver last took its turn (see `drive::TURN_SPACING`).
    last_turn: Option<Timestamp>,
}

/// The waves in context.
#[derive(Clone, Copy)]
pub struct Waves {
    /// The user's waves, as last stored.
    store: RwSignal<WaveStore>,
    /// The storage key (tenant and user); `None`: nobody signed in, nothing kept.
    key: StoredValue<Option<String>>,
    ops: Operations,
    arm: ArmContext,
    toasts: Toasts,
    driving: StoredValue<Driving>,
    /// Waves this tab drives, for the page (tracked).
    driven_here: RwSignal<BTreeSet<String>>,
    /// List errors by wave, for the page (tracked).
    list_errors: RwSignal<HashMap<String, String>>,
    poke: StoredValue<Option<Callback<()>>>,
}

fn lower(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// The tab lease of a wave.
fn lease(key: &str, name: &str) -> String {
    format!("wave.{}.{}", key.trim_start_matches("anf-migrate.wave-plans."), lower(name))
}

impl Waves {
    /// The user's waves (tracked).
    #[must_use]
    pub fn store(&self) -> WaveStore {
        self.store.get()
    }

    /// Reads the waves without copying them (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&WaveStore) -> R) -> R {
        self.store.with(f)
    }

    /// A wave by name (tracked).
    #[must_use]
    pub fn get(&self, name: &str) -> Option<SavedWave> {
        self.store.with(|s| s.get(name).cloned())
    }

    /// Whether waves can be kept: in Azure mode, someone is signed in.
    #[must_use]
    pub fn can_keep(&self) -> bool {
        self.key.with_value(Option::is_some)
    }

    /// Whether this tab drives the wave (tracked); another tab may.
    #[must_use]
    pub fn driven_here(&self, name: &str) -> bool {
        self.driven_here.with(|d| d.contains(&lower(name)))
    }

    /// Whether another tab of this browser drives the wave now.
    #[must_use]
    pub fn driven_elsewhere(&self, name: &str) -> bool {
        let Some(key) = self.key.get_value() else { return false };
        !self.driven_here(name) && tab_lease::held_elsewhere(&lease(&key, name))
    }

    /// Why the last read of the wave's pools failed, if it did (tracked).
    #[must_use]
    pub fn list_error(&self, name: &str) -> Option<String> {
        self.list_errors.with(|e| e.get(&lower(name)).cloned())
    }

    /// Changes the stored waves (read from storage first, see [`store`]) and keeps them;
    /// returns what `f` returned.
    pub fn change<R>(&self, f: impl FnOnce(&mut WaveStore) -> R) -> Option<R> {
        let key = self.key.get_value()?;
        let mut stored = if store::is_current(&key) {
            self.store.try_get_untracked()?
        } else {
            store::load(&key)
        };
        let r = f(&mut stored);
        store::save(&key, &stored);
        self.store.try_set(stored);
        Some(r)
    }

    /// Changes one wave; `None` when there is no such wave.
    pub fn change_wave<R>(&self, name: &str, f: impl FnOnce(&mut SavedWave) -> R) -> Option<R> {
        self.change(|s| {
            s.get_mut(name).map(|w| {
                let r = f(w);
                w.saved_at = now();
                r
            })
        })
        .flatten()
    }

    /// Changes the draft of the New wave page (made when there is none).
    pub fn change_draft<R>(&self, f: impl FnOnce(&mut SavedWave) -> R) -> Option<R> {
        self.change(|s| {
            if s.draft.is_none() {
                let mut draft = SavedWave::default();
                draft.plan.name = s.next_name();
                s.draft = Some(draft);
            }
            let draft = s.draft.as_mut()?;
            let r = f(draft);
            draft.saved_at = now();
            Some(r)
        })
        .flatten()
    }

    /// Starts a wave whose verdict allows it: the draft (`None`) or a kept wave. The draft
    /// gets its place in the list first. Returns the wave's name.
    ///
    /// # Errors
    /// Why it can't start, in plain words.
    pub fn start(
        &self,
        name: Option<&str>,
        verdict: &WaveVerdict,
        account: &AccountId,
    ) -> Result<String, String> {
        if let Some(why) = verdict.why_not() {
            return Err(why);
        }
        let started = self.change(|s| {
            let name = match name {
                Some(n) => n.to_owned(),
                None => s.keep_draft()?,
            };
            let w = s.get_mut(&name).ok_or_else(|| format!("There is no wave named {name}."))?;
            if w.run.is_some() {
                return Err(format!("{name} has started already."));
            }
            w.start(verdict, account, now());
            w.saved_at = now();
            Ok(name)
        });
        let name = started
            .ok_or_else(|| "Sign in first: waves are kept for the signed-in user.".to_owned())??;
        if let Some(key) = self.key.get_value() {
            // This tab started it, so this tab drives it.
            if tab_lease::take_now(&lease(&key, &name)) {
                self.driving.update_value(|d| {
                    d.held.insert(lower(&name));
                });
                self.driven_here.update(|h| {
                    h.insert(lower(&name));
                });
            }
        }
        self.poke();
        Ok(name)
    }

    /// The admin ran the cluster peering commands: SVM peering goes.
    pub fn open_authorize(&self, name: &str) {
        self.change_run(name, anf_core::wave::WaveRun::open_authorize);
    }

    /// The admin's Retry of a failed call on `row`.
    pub fn retry(&self, name: &str, row: RowId) {
        self.change_run(name, |r| r.retry(row));
    }

    /// Retries every row whose call failed.
    pub fn retry_failed(&self, name: &str) {
        self.change_run(name, |r| {
            let rows: Vec<RowId> =
                r.volumes.iter().filter(|v| v.error.is_some()).map(|v| v.row).collect();
            for row in rows {
                r.retry(row);
            }
        });
    }

    /// Asks ANF for new cluster peering offers on `rows` (theirs expired).
    pub fn reissue_peering(&self, name: &str, rows: &[RowId]) {
        self.change_run(name, |r| r.reissue_peering(rows));
    }

    /// A dry run or resume for `rows`.
    pub fn ask_batch(&self, name: &str, call: WaveCall, rows: BTreeSet<RowId>) {
        self.change_run(name, |r| r.ask_batch(call, rows));
    }

    /// Stops a dry run or resume where it is.
    pub fn cancel_batch(&self, name: &str) {
        self.change_run(name, anf_core::wave::WaveRun::cancel_batch);
    }

    /// Finalize the volumes that are cut over.
    pub fn open_finalize(&self, name: &str) {
        self.change_run(name, anf_core::wave::WaveRun::open_finalize);
    }

    fn change_run(&self, name: &str, f: impl FnOnce(&mut anf_core::wave::WaveRun)) {
        self.change_wave(name, |w| {
            if let Some(run) = w.run.as_mut() {
                f(run);
            }
        });
        self.poke();
    }

    /// Prepares the cut-over window over `members` (the volumes ready for it).
    pub fn open_window(&self, name: &str, members: Vec<Member>, on_failure: OnFailure) {
        self.change_wave(name, |w| {
            if w.window.as_ref().is_none_or(|win| !win.started || win.finished()) {
                w.settings.on_failure = on_failure;
                w.window = Some(CutOverWindow::new(members, on_failure));
            }
        });
    }

    /// Changes the window (start, stop, start over, its failure rule) and goes on.
    pub fn change_window(&self, name: &str, f: impl FnOnce(&mut CutOverWindow)) {
        self.change_wave(name, |w| {
            if let Some(win) = w.window.as_mut() {
                f(win);
            }
        });
        self.poke();
    }

    /// Removes a wave that is not under way.
    ///
    /// # Errors
    /// Why not.
    pub fn remove(&self, name: &str) -> Result<(), String> {
        self.change(|s| s.remove(name).map(|_| ())).unwrap_or(Ok(()))
    }

    /// Forgets every wave (the demo's world was reset: its volumes are new ones).
    pub fn forget_all(&self) {
        self.change(|s| *s = WaveStore::default());
    }

    /// Goes on with every wave that was running when the page was left.
    pub fn resume_all(&self) {
        self.poke();
    }

    fn poke(&self) {
        if let Some(poke) = self.poke.try_get_value().flatten() {
            poke.run(());
        }
    }
}

/// Sets up the user's waves and their driver (see [`slot`]: on first use, under the app's root).
/// `demo`: demo mode (a fixed user); otherwise `account` is who is signed in.
fn provide_waves(
    ops: Operations,
    arm: ArmContext,
    toasts: Toasts,
    demo: bool,
    account: Option<anf_core::auth::Account>,
) -> Waves {
    let key = owner_key(demo, account.as_ref());
    let initial = key.as_deref().map(store::load).unwrap_or_default();
    let waves = Waves {
        store: RwSignal::new(initial),
        key: StoredValue::new(key.clone()),
        ops,
        arm,
        toasts,
        driving: StoredValue::new(Driving {
            held: HashSet::new(),
            lease_retry: HashMap::new(),
            busy: HashSet::new(),
            reading: HashSet::new(),
            budgets: HashMap::new(),
            reads: PollPace::new(WINDOW_READ_BURST, WINDOW_READS_PER_SECOND),
            list_error: HashMap::new(),
            last_turn: None,
        }),
        driven_here: RwSignal::new(BTreeSet::new()),
        list_errors: RwSignal::new(HashMap::new()),
        poke: StoredValue::new(None),
    };
    if let Some(key) = key.clone() {
        store::on_other_tab_save(key.clone(), move || {
            let _ = waves.store.try_set(store::load(&key));
            waves.poke();
        });
    }
    // Like the cut-overs: waits for its first poke (resume_all, or a start), then follows what
    // the machines ask, pausing while the tab is hidden. An operation ending pokes it too, and
    // so does a write's first answer: its place in flight is free for the next create.
    let polled = use_polled_with_options(
        move || async move { waves.drive() },
        UsePolledOptions::default().immediate(false),
    );
    waves.poke.set_value(Some(polled.poke));
    Effect::new(move |_| {
        let _ = (ops.generation(), ops.answered());
        waves.poke();
    });
    if let Some(key) = key {
        tab_lease::release_on_page_hide(move || {
            waves
                .driving
                .try_with_value(|d| d.held.iter().map(|n| lease(&key, n)).collect())
                .unwrap_or_default()
        });
    }
    waves
}
