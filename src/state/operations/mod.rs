//! Long-running ARM operations the user started, followed to the end, across reloads.
//!
//! Each operation is keyed by its target (a volume id, or the subscription for the feature
//! registration). While one runs on a target, starting another there is refused: a double click
//! or an impatient second press never fires the same mutation twice. The list lives in
//! sessionStorage with each poller's state, so after a reload (or the sign-in redirect) polling
//! resumes where it stopped.

mod polling;
mod tracked;

pub use tracked::{trim_finished, AlreadyRunning, OpState, TrackedOperation};

use crate::arm::browser_env::{now, steady_now};
use crate::arm::context::{AppClient, ArmContext};
use crate::arm::link_state::Link;
use crate::hooks::{use_polled_with_options, UsePolledOptions};
use crate::state::tab_lease;
use crate::state::toasts::{ToastKind, Toasts};
use crate::storage::{self, Area};
use anf_core::arm::lro::PollPace;
use anf_core::arm::{ArmError, ClientError, Poller};
use anf_core::migration::OpAction;
use anf_core::time::Timestamp;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

const STORAGE_KEY: &str = "anf-migrate.operations";
/// The longest wait between two polls of an operation, whatever its poller asks.
pub(super) const MAX_POLL_WAIT: Duration = Duration::from_secs(120);
/// The shortest wait between two turns of the poll loop.
pub(super) const MIN_POLL_WAIT: Duration = Duration::from_millis(200);
/// The first pause after a failed poll; it doubles with each failure in a row.
pub(super) const STALL_BACKOFF: Duration = Duration::from_secs(2);
/// The longest a poll's answer waits to be saved. Everything a reload needs to be right (an
/// operation started, its first answer, its end) is saved at once, or within a fifth of a
/// second in a burst ([`SAVE_CHANGES_WITHIN`]); a poll's answer on an
/// operation still running only moves its poller on, and a reload just polls again. Saving
/// the whole list on every poll was the cost of a large wave: 200 running creates meant 200
/// operations serialized eight times a second.
const SAVE_POLLS_EVERY: Duration = Duration::from_secs(1);
/// The least time between two saves of a start, a first answer or an end (see
/// `Operations::save_shortly`; leaving the page saves at once).
const SAVE_CHANGES_WITHIN: Duration = Duration::from_millis(200);
/// Finished operations kept for history.
const KEEP: usize = 200;

/// The operations in context.
#[derive(Clone, Copy)]
pub struct Operations {
    list: RwSignal<Vec<TrackedOperation>>,
    // Kept here rather than looked up at call time: event handlers and async tasks run
    // without a reactive owner, so `use_context` would find nothing there.
    arm: ArmContext,
    toasts: Toasts,
    /// Bumped whenever an operation ends, so views can refetch what it changed.
    generation: RwSignal<u64>,
    /// Bumped whenever an operation gets ARM's first answer: a write is no longer in flight,
    /// so a wave may send the next one (views that refetch watch `generation`, not this).
    answered: RwSignal<u64>,
    /// Operations whose poll is on its way.
    in_flight: StoredValue<HashSet<u64>>,
    /// When each operation may be polled again (after a failure, or ARM's read budget).
    pace: StoredValue<HashMap<u64, polling::Pace>>,
    /// Operations past the time Microsoft's guidance gives them (tracked).
    overdue: RwSignal<HashSet<u64>>,
    /// Wakes the poll loop.
    poke: StoredValue<Option<Callback<()>>>,
    /// How many polls go out a second, whatever the number of operations.
    poll_rate: StoredValue<PollPace>,
    /// A poll's answer changed the list and it is not saved yet (see [`SAVE_POLLS_EVERY`]).
    save_due: StoredValue<bool>,
    /// A start, first answer or end is waiting to be saved (see [`SAVE_CHANGES_WITHIN`]).
    save_queued: StoredValue<bool>,
    /// When the list was last saved (the steady clock).
    last_save: StoredValue<Option<Timestamp>>,
}

impl Operations {
    /// Every operation, oldest first.
    #[must_use]
    pub fn list(&self) -> RwSignal<Vec<TrackedOperation>> {
        self.list
    }

    /// Increases each time an operation ends (tracked read).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation.get()
    }

    /// Increases each time an operation gets ARM's first answer (tracked read).
    #[must_use]
    pub fn answered(&self) -> u64 {
        self.answered.get()
    }

    /// The operation in motion on `target`, if any (tracked read).
    #[must_use]
    pub fn active_on(&self, target: &str) -> Option<TrackedOperation> {
        self.list.with(|l| {
            l.iter().rev().find(|o| o.target.eq_ignore_ascii_case(target) && o.is_active()).cloned()
        })
    }

    /// Every operation on `target`, newest first (tracked read).
    #[must_use]
    pub fn history_of(&self, target: &str) -> Vec<TrackedOperation> {
        self.list.with(|l| {
            l.iter().rev().filter(|o| o.target.eq_ignore_ascii_case(target)).cloned().collect()
        })
    }

    /// The operation with this id (tracked read).
    #[must_use]
    pub fn get(&self, id: u64) -> Option<TrackedOperation> {
        self.list.with(|l| l.iter().find(|o| o.id == id).cloned())
    }

    /// Starts an operation on `target` unless one is already in motion there. `send` makes the
    /// first request and returns the poller; everything after is followed here.
    ///
    /// # Errors
    /// [`AlreadyRunning`] when `target` is busy; nothing is sent then.
    pub fn start<F, Fut>(
        &self,
        target: impl Into<String>,
        action: OpAction,
        label: impl Into<String>,
        send: F,
    ) -> Result<u64, AlreadyRunning>
    where
        F: FnOnce(Rc<AppClient>, Timestamp) -> Fut + 'static,
        Fut: Future<Output = Result<Poller, ClientError>> + 'static,
    {
        self.start_with(target, action, label, false, send)
    }

    /// [`Operations::start`] for work whose page shows every outcome (a wave's hundreds of
    /// operations): `quiet` leaves out the notification when it ends.
    ///
    /// # Errors
    /// [`AlreadyRunning`] when `target` is busy; nothing is sent then.
    pub fn start_with<F, Fut>(
        &self,
        target: impl Into<String>,
        action: OpAction,
        label: impl Into<String>,
        quiet: bool,
        send: F,
    ) -> Result<u64, AlreadyRunning>
    where
        F: FnOnce(Rc<AppClient>, Timestamp) -> Fut + 'static,
        Fut: Future<Output = Result<Poller, ClientError>> + 'static,
    {
        let target = target.into();
        // Another tab of this browser (a duplicated tab has the same operations list) may be
        // running a mutation on the same target: one tab at a time, whatever the action.
        if !tab_lease::take_now(&lease(&target)) {
            return Err(AlreadyRunning {
                label: "an operation started in another tab of this browser".into(),
            });
        }
        if let Some(busy) = self.list.with_untracked(|l| {
            l.iter()
                .find(|o| o.target.eq_ignore_ascii_case(&target) && o.is_active())
                .map(|o| o.label.clone())
        }) {
            return Err(AlreadyRunning { label: busy });
        }
        let id = self.list.with_untracked(|l| l.iter().map(|o| o.id).max().unwrap_or(0) + 1);
        let op = TrackedOperation {
            id,
            target,
            action,
            label: label.into(),
            started_at: now(),
            finished_at: None,
            state: OpState::Starting,
            quiet,
        };
        self.update(id, Some(op));
        let client = self.arm.client();
        let this = *self;
        let toasts = self.toasts;
        leptos::task::spawn_local(async move {
            match send(client, now()).await {
                Ok(poller) => {
                    this.set_state(id, OpState::Running { poller: Box::new(poller) });
                    this.answered.try_update(|n| *n += 1);
                    this.poke();
                }
                // No answer, or one that could not be read: Azure may have applied the request
                // (a dropped connection after a POST is exactly that). Sending it again could
                // do it twice, and calling it failed would be a guess.
                Err(error) if answer_lost(&error) => {
                    let lost = Some(error.user_message());
                    this.set_state(id, OpState::Unknown { lost });
                    this.announce(id, toasts);
                }
                Err(error) => {
                    let error = Box::new(arm_error_of(&error));
                    this.set_state(id, OpState::NotStarted { error });
                    this.announce(id, toasts);
                }
            }
        });
        Ok(id)
    }

    /// Picks up every operation that was running when the page was left: the poll loop finds
    /// them in the list.
    pub fn resume_all(&self) {
        self.poke();
    }

    /// Wakes the poll loop: an operation started, or one's poll ended.
    fn poke(&self) {
        if let Some(poke) = self.poke.try_get_value().flatten() {
            poke.run(());
        }
    }

    /// Forgets every operation (the demo world they ran in was replaced).
    pub fn forget_all(&self) {
        self.list.set(Vec::new());
        storage::remove(Area::Session, STORAGE_KEY);
        self.generation.update(|g| *g += 1);
    }

    fn announce(&self, id: u64, toasts: Toasts) {
        let Some(op) = self.get_untracked(id) else { return };
        self.generation.try_update(|g| *g += 1);
        if op.quiet {
            return;
        }
        if op.succeeded() {
            toasts.push(ToastKind::Success, format!("{}: done", op.label));
        } else if op.outcome_unknown() {
            toasts.push(
                ToastKind::Info,
                format!(
                    "{}: Azure's answer was lost, so the request may have reached Azure. It is not \
                     sent again by itself: the state shown here says whether it started.",
                    op.label
                ),
            );
        } else if op.canceled() {
            let why = op.error().map(|e| format!(" ({})", e.message)).unwrap_or_default();
            toasts.push(ToastKind::Info, format!("{}: canceled in Azure{why}.", op.label));
        } else if let Some(error) = op.error() {
            toasts.push(ToastKind::Error, format!("{}: {}", op.label, error.user_message()));
        } else {
            toasts.push(ToastKind::Error, format!("{}: ended without a result", op.label));
        }
    }

    /// `None` also once the app is gone (the signal disposed), which ends any polling loop.
    fn get_untracked(&self, id: u64) -> Option<TrackedOperation> {
        self.list.try_with_untracked(|l| l.iter().find(|o| o.id == id).cloned()).flatten()
    }

    fn set_state(&self, id: u64, state: OpState) {
        let mut op = self.get_untracked(id);
        if let Some(op) = op.as_mut() {
            if !matches!(state, OpState::Starting | OpState::Running { .. }) {
                op.finished_at = Some(now());
                tab_lease::release(&lease(&op.target));
            }
            op.state = state;
        }
        self.update(id, op);
    }

    /// Ends operation `id` here without waiting for Azure, so the same action can be started
    /// again: only an overdue one (a peering that Microsoft's guidance says to run again after
    /// an hour). Its outcome says so. False when it isn't overdue or has ended.
    pub fn supersede(&self, id: u64) -> bool {
        let overdue = self.overdue.with_untracked(|o| o.contains(&id));
        let running = self.get_untracked(id).is_some_and(|o| o.is_active());
        if !(overdue && running) {
            return false;
        }
        let error = ArmError::bare(
            0,
            "Not succeeded after an hour; started again, as Microsoft's guidance says.".into(),
        );
        let outcome = anf_core::arm::LroOutcome::Failed { error };
        self.set_state(id, OpState::Done { outcome: Box::new(outcome) });
        self.overdue.update(|o| {
            o.remove(&id);
        });
        self.generation.update(|g| *g += 1);
        true
    }

    /// The targets of the operations in motion (their leases go when the page goes).
    fn active_targets(&self) -> Vec<String> {
        self.list
            .try_with_untracked(|l| {
                l.iter().filter(|o| o.is_active()).map(|o| o.target.clone()).collect()
            })
            .unwrap_or_default()
    }

    fn update(&self, id: u64, op: Option<TrackedOperation>) {
        let mut only_a_poll = false;
        let updated = self.list.try_update(|l| {
            match (l.iter().position(|o| o.id == id), op) {
                (Some(i), Some(op)) => {
                    only_a_poll = matches!(l[i].state, OpState::Running { .. })
                        && matches!(op.state, OpState::Running { .. });
                    l[i] = op;
                }
                (None, Some(op)) => l.push(op),
                (Some(i), None) => {
                    l.remove(i);
                }
                (None, None) => {}
            }
            tracked::trim_finished(l, KEEP);
        });
        if updated.is_none() {
            return;
        }
        if only_a_poll {
            self.save_soon();
        } else {
            self.save_shortly();
        }
    }

    /// Saves by the end of this task, unless the list was saved less than
    /// [`SAVE_CHANGES_WITHIN`] ago: then at the end of that time, once for every change
    /// meanwhile. An action on its own is saved at once, as it always was; a burst is saved
    /// five times a second. The whole list is written each time, and a wave's 200 creates are
    /// answered each in a task of its own: a save per task was most of the page's time in the
    /// create phase (a profile: `setItem` 732 of 3,900 ms). A reload, a closed tab or a hidden
    /// tab (which the browser may discard) saves what waits at once ([`Self::flush`]). Only a
    /// crash inside the window loses a change; a wave takes an operation it can't find as one
    /// whose outcome is unknown, and reads the volume's state rather than send again.
    fn save_shortly(&self) {
        if self.save_queued.try_update_value(|q| std::mem::replace(q, true)) != Some(false) {
            return;
        }
        let since = self.last_save.try_get_value().flatten().map(|at| steady_now().since(at));
        let wait = since.map_or(Duration::ZERO, |s| SAVE_CHANGES_WITHIN.saturating_sub(s));
        let this = *self;
        leptos::task::spawn_local(async move {
            if !wait.is_zero() {
                let ms = u32::try_from(wait.as_millis()).unwrap_or(u32::MAX);
                gloo_timers::future::TimeoutFuture::new(ms).await;
            }
            if this.save_queued.try_update_value(|q| std::mem::replace(q, false)) == Some(true) {
                this.save_now();
            }
        });
    }

    fn save_now(&self) {
        self.save_due.try_set_value(false);
        self.last_save.try_set_value(Some(steady_now()));
        self.list.try_with_untracked(|l| storage::save(Area::Session, STORAGE_KEY, l));
    }

    /// Saves within [`SAVE_POLLS_EVERY`], once for every poll answered meanwhile.
    fn save_soon(&self) {
        if self.save_due.try_update_value(|due| std::mem::replace(due, true)) != Some(false) {
            return;
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            let ms = u32::try_from(SAVE_POLLS_EVERY.as_millis()).unwrap_or(u32::MAX);
            gloo_timers::future::TimeoutFuture::new(ms).await;
            this.flush();
        });
    }

    /// Saves now what is waiting to be saved, if anything (the page is being left).
    fn flush(&self) {
        let queued = self.save_queued.try_update_value(|q| std::mem::replace(q, false));
        if self.save_due.try_get_value() == Some(true) || queued == Some(true) {
            self.save_now();
        }
    }
}

/// Whether the first request's answer was lost, so Azure may have applied it: no answer at all
/// (network, timeout, a body cut off), or a success answer that could not be read. An error
/// status, or no token to send it with, means nothing started.
fn answer_lost(error: &ClientError) -> bool {
    matches!(
        error,
        ClientError::Transport(anf_core::transport::TransportError::Network(_))
            | ClientError::Decode { .. }
    )
}

/// ARM's error inside a client error, or one made up from a network or decode failure.
#[must_use]
pub fn arm_error_of(error: &ClientError) -> ArmError {
    match error {
        ClientError::Arm(e) => (**e).clone(),
        other => ArmError::bare(0, other.user_message()),
    }
}

/// Restores the operations of this tab and puts them in context; they run on `arm` and report
/// through `toasts`. Call [`Operations::resume_all`] to pick up what was running.
pub fn provide_operations(arm: ArmContext, toasts: Toasts) -> Operations {
    let mut list: Vec<TrackedOperation> =
        storage::load(Area::Session, STORAGE_KEY).unwrap_or_default();
    let restored_at = now();
    for op in &mut list {
        if op.state == OpState::Starting {
            op.state = OpState::Unknown { lost: None };
            // It ended, as far as this page knows, now: the history keeps it as just ended.
            op.finished_at = Some(restored_at);
        }
    }
    let ops = Operations {
        list: RwSignal::new(list),
        arm,
        toasts,
        generation: RwSignal::new(0),
        answered: RwSignal::new(0),
        in_flight: StoredValue::new(HashSet::new()),
        pace: StoredValue::new(HashMap::new()),
        overdue: RwSignal::new(HashSet::new()),
        poke: StoredValue::new(None),
        poll_rate: StoredValue::new(PollPace::default()),
        save_due: StoredValue::new(false),
        save_queued: StoredValue::new(false),
        last_save: StoredValue::new(None),
    };
    provide_context(ops);
    // One loop follows every running operation; it waits for the first poke (resume_all, or
    // an operation started).
    let polled = use_polled_with_options(
        move || async move { ops.poll_due() },
        UsePolledOptions::default().immediate(false),
    );
    ops.poke.set_value(Some(polled.poke));
    // The network is back (a laptop waking up) or a call went through again: poll at once
    // instead of at the end of each operation's pause.
    let link = arm.link.get_value().link;
    Effect::new(move |was_up: Option<bool>| {
        let up = link.with(|l| *l == Link::Up);
        if was_up == Some(false) && up {
            ops.retry_now();
        }
        up
    });
    on_window_event("online", move || ops.retry_now());
    on_window_event("pagehide", move || ops.flush());
    // A hidden tab may be discarded without a pagehide (a phone, a browser short of memory).
    // The event is the document's; it bubbles to the window.
    on_window_event("visibilitychange", move || {
        if crate::hooks::page_hidden() {
            ops.flush();
        }
    });
    tab_lease::release_on_page_hide(move || {
        ops.active_targets().iter().map(|t| lease(t)).collect()
    });
    ops
}

/// The tab lease of a target's operations: one tab of the browser mutates a target at a time.
pub(super) fn lease(target: &str) -> String {
    format!("op.{}", target.trim().to_ascii_lowercase())
}

/// Runs `f` on each `event` of the window, until the calling owner goes.
fn on_window_event(event: &'static str, f: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let listener = Closure::<dyn Fn()>::new(f);
    let _ = w.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    let listener = send_wrapper::SendWrapper::new(listener);
    on_cleanup(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
    });
}

/// The operations.
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_operations() -> Operations {
    expect_context::<Operations>()
}
