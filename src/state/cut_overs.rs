//! Guided cut-overs: source offline, final sync, wait for the transfer, break.
//!
//! The sequence belongs to the app, not to the panel that started it: the panel lives in a
//! table row, and a row that leaves the page (paging, sorting, a filter, another page of the
//! app) must not stop a cut-over while the source is offline. Each step is kept in
//! sessionStorage before it starts, so a reload picks the sequence up where it stopped; the
//! operations themselves are followed by the registry.

use super::operations::{OpState, Operations};
use super::tab_lease;
use crate::arm::browser_env::{now, sleep};
use crate::arm::context::ArmContext;
use crate::components::migrations::ledger_store::{load_ledger, update_ledger};
use crate::hooks::page_hidden;
use crate::storage::{self, Area};
use anf_core::ids::VolumeId;
use anf_core::migration::MigrationAction;
use anf_core::models::{MirrorState, RelationshipStatus};
use anf_core::time::Timestamp;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Duration;

/// Action key of the final sync inside a cut-over.
const SYNC_KEY: &str = "cut-over-sync";
/// How long the final transfer may take before the sequence gives up waiting.
const WAIT_LIMIT: Duration = Duration::from_secs(6 * 3600);
const STORAGE_KEY: &str = "anf-migrate.cut-overs";
/// How often the replication status is read while waiting for the final transfer.
const WAIT_POLL: Duration = Duration::from_secs(3);
/// Failed status reads in a row (beyond the client's own retries) before the wait gives up.
const WAIT_READ_FAILURES: u32 = 10;
/// How often a tab waiting for another tab's cut-over looks whether it may take over.
const LEASE_WAIT: Duration = Duration::from_secs(5);

/// Where a cut-over stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Waiting for the user to take the source offline.
    #[default]
    Offline,
    /// The final transfer runs (operation id).
    Sync(u64),
    /// Waiting for the relationship to be idle and mirrored.
    WaitIdle,
    /// The break runs (operation id).
    Break(u64),
    /// Done.
    Done,
    /// Stopped; the text says why.
    Failed(String),
}

impl Step {
    /// The sequence is between the user's go and its end.
    #[must_use]
    pub fn is_running(&self) -> bool {
        matches!(self, Self::Sync(_) | Self::WaitIdle | Self::Break(_))
    }
}

/// One volume's cut-over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Sequence {
    /// The volume's name, for the operations' labels.
    name: String,
    step: Step,
    /// When the wait for the final transfer began (kept, so a reload doesn't restart the limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    waiting_since: Option<Timestamp>,
}

/// How an operation the sequence waits for ended.
enum OpEnd {
    Succeeded,
    Failed(String),
    /// The page was reloaded before ARM answered its first request: it may or may not have
    /// been sent.
    Unknown,
}

/// How the wait for the final transfer ended.
enum WaitEnd {
    /// Idle and mirrored: the break may go.
    Ready,
    /// Already broken (by another tab of this browser, or outside the console).
    Broken,
    Failed(String),
    /// The step changed meanwhile (the user stopped the sequence).
    Changed,
    /// The app went away.
    Gone,
}

/// The cut-overs of this tab, in context.
#[derive(Clone, Copy)]
pub struct CutOvers {
    /// By lower-cased volume id.
    sequences: RwSignal<HashMap<String, Sequence>>,
    // Kept, not looked up: the sequence runs in tasks, where there is no context.
    ops: Operations,
    arm: ArmContext,
}

fn key(id: &str) -> String {
    id.to_ascii_lowercase()
}

/// The tab lease of a volume's cut-over: one tab of the browser drives it.
fn lease(id: &str) -> String {
    format!("cut-over.{}", key(id))
}

impl CutOvers {
    /// Where the cut-over of `id` stands (tracked); `Offline` when none was started.
    #[must_use]
    pub fn step(&self, id: &str) -> Step {
        let k = key(id);
        self.sequences.try_with(|s| s.get(&k).map(|q| q.step.clone())).flatten().unwrap_or_default()
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
        if self.current(id).is_none_or(|s| s.is_running()) {
            return;
        }
        if !tab_lease::take_now(&lease(id)) {
            self.put(
                id,
                name,
                Step::Failed(
                    "This volume's cut-over is running in another tab of this browser; follow it there."
                        .into(),
                ),
            );
            return;
        }
        let label = format!("Cut over: final sync on {name}");
        let started = self.ops.start(id, SYNC_KEY, label, move |c, t| async move {
            c.perform_replication_transfer(&vid, t).await
        });
        match started {
            Ok(op) => {
                self.put(id, name, Step::Sync(op));
                leptos::task::spawn_local(self.run(id.to_owned()));
            }
            Err(busy) => {
                tab_lease::release(&lease(id));
                self.put(
                    id,
                    name,
                    Step::Failed(format!(
                        "\"{}\" is running on this volume; start the cut-over when it is done.",
                        busy.label
                    )),
                );
            }
        }
    }

    /// Stops the wait for the final transfer: the break is not sent. Only while waiting; the
    /// operations themselves can't be called back once sent.
    pub fn stop(&self, id: &str) {
        self.advance(
            id,
            &Step::WaitIdle,
            Step::Failed(
                "Stopped before the break: the replication goes on, and the volume stays read-only."
                    .into(),
            ),
        );
    }

    /// Back to the first step, after a failure.
    pub fn start_over(&self, id: &str) {
        if self.current(id).is_some_and(|s| matches!(s, Step::Failed(_))) {
            let name = self.name_of(id);
            self.put(id, &name, Step::Offline);
        }
    }

    /// The panel opens: a cut-over that ended earlier is history (the ledger has it), and a new
    /// one starts from the first step.
    pub fn opened(&self, id: &str) {
        self.dismiss(id);
    }

    /// Forgets a finished cut-over.
    pub fn dismiss(&self, id: &str) {
        if self.current(id) == Some(Step::Done) {
            self.sequences.update(|s| {
                s.remove(&key(id));
            });
            self.save();
        }
    }

    /// Forgets every cut-over (the demo's world was reset: its volumes are new ones).
    pub fn forget_all(&self) {
        self.sequences.set(HashMap::new());
        storage::remove(Area::Session, STORAGE_KEY);
    }

    /// Picks up every sequence that was running when the page was left.
    pub fn resume_all(&self) {
        let running: Vec<String> = self.sequences.with_untracked(|s| {
            s.iter().filter(|(_, q)| q.step.is_running()).map(|(id, _)| id.clone()).collect()
        });
        for id in running {
            leptos::task::spawn_local(self.run(id));
        }
    }

    /// The step of `id`, untracked; `None` once the app is gone.
    fn current(&self, id: &str) -> Option<Step> {
        let k = key(id);
        self.sequences.try_with_untracked(|s| s.get(&k).map(|q| q.step.clone()).unwrap_or_default())
    }

    fn name_of(&self, id: &str) -> String {
        let k = key(id);
        self.sequences
            .try_with_untracked(|s| s.get(&k).map(|q| q.name.clone()))
            .flatten()
            .unwrap_or_default()
    }

    /// Records a step, in storage first: a reload right after must find it.
    fn put(&self, id: &str, name: &str, step: Step) {
        let k = key(id);
        let saved = self.sequences.try_update(|s| {
            s.insert(k, Sequence { name: name.to_owned(), step, waiting_since: None });
        });
        if saved.is_some() {
            self.save();
        }
    }

    /// Moves `id` from `from` to `to`, unless its step changed meanwhile (stopped, started
    /// over); true when it moved.
    fn advance(&self, id: &str, from: &Step, to: Step) -> bool {
        if self.current(id).as_ref() != Some(from) {
            return false;
        }
        let name = self.name_of(id);
        self.put(id, &name, to);
        true
    }

    fn save(&self) {
        self.sequences.with_untracked(|s| storage::save(Area::Session, STORAGE_KEY, s));
    }

    /// When the wait of `id` began, recording now if it hadn't.
    fn waiting_since(&self, id: &str) -> Timestamp {
        let k = key(id);
        let t = now();
        let since = self
            .sequences
            .try_update(|s| s.get_mut(&k).map_or(t, |q| *q.waiting_since.get_or_insert(t)));
        if since.is_some() {
            self.save();
        }
        since.unwrap_or(t)
    }

    /// Runs the sequence from its current step on, until it is done, fails, is stopped or the
    /// app goes. Every step is taken only from the step it was reached from.
    async fn run(self, id: String) {
        let Ok(vid) = VolumeId::parse(&id) else { return };
        let lease = lease(&id);
        loop {
            let Some(step) = self.current(&id) else { return };
            if !step.is_running() {
                tab_lease::release(&lease);
                return;
            }
            // A duplicated tab found the same sequence: one tab drives it, the other waits.
            if !tab_lease::take(&lease).await {
                sleep(LEASE_WAIT).await;
                continue;
            }
            let Some(step) = self.current(&id) else { return };
            match &step {
                Step::Offline | Step::Done | Step::Failed(_) => {}
                Step::Sync(op) => {
                    let next = match wait_op(self.ops, *op, &lease).await {
                        None => return,
                        // A sync that may not have been sent: waiting for idle and mirrored
                        // is what matters either way.
                        Some(OpEnd::Succeeded | OpEnd::Unknown) => Step::WaitIdle,
                        Some(OpEnd::Failed(e)) => {
                            Step::Failed(format!("The final sync failed: {e}"))
                        }
                    };
                    self.advance(&id, &step, next);
                }
                Step::WaitIdle => match self.wait_idle(&id, &vid).await {
                    WaitEnd::Gone => return,
                    WaitEnd::Changed => {}
                    WaitEnd::Failed(why) => {
                        self.advance(&id, &step, Step::Failed(why));
                    }
                    WaitEnd::Broken => {
                        // Another tab of this browser ran the break (and recorded it), or it
                        // was broken outside the console: nothing is sent either way.
                        let cut_over =
                            load_ledger().get(&id).is_some_and(|k| k.cut_over_at.is_some());
                        let next = if cut_over {
                            Step::Done
                        } else {
                            Step::Failed(
                                "The replication was broken outside this cut-over (a dry run, or another console); nothing was sent."
                                    .into(),
                            )
                        };
                        self.advance(&id, &step, next);
                    }
                    // Nothing awaited between the wait's last check and the break's start.
                    WaitEnd::Ready => {
                        if !tab_lease::renew(&lease) {
                            continue;
                        }
                        let name = self.name_of(&id);
                        let v = vid.clone();
                        let label = format!("Cut over: break on {name}");
                        let started = self.ops.start(&id, MigrationAction::CutOver.key(), label, {
                            move |c, t| async move { c.break_replication(&v, false, t).await }
                        });
                        let next = match started {
                            Ok(op) => Step::Break(op),
                            Err(busy) => Step::Failed(format!(
                                "\"{}\" is running on this volume.",
                                busy.label
                            )),
                        };
                        self.advance(&id, &step, next);
                    }
                },
                Step::Break(op) => {
                    let next = match wait_op(self.ops, *op, &lease).await {
                        None => return,
                        Some(OpEnd::Succeeded) => Step::Done,
                        Some(OpEnd::Unknown) => match self.broken(&vid).await {
                            None => return,
                            Some(Ok(true)) => Step::Done,
                            Some(Ok(false)) => Step::Failed(
                                "The page was reloaded while the break was being sent, and the replication is not broken: start over to send it."
                                    .into(),
                            ),
                            Some(Err(e)) => Step::Failed(format!(
                                "The page was reloaded while the break was being sent, and the replication status could not be read: {e}"
                            )),
                        },
                        Some(OpEnd::Failed(e)) => Step::Failed(format!("The break failed: {e}")),
                    };
                    if next == Step::Done {
                        // The migrations views record it too, when the break's end reaches
                        // them; this covers the case where none is open.
                        update_ledger(|l| l.mark_cut_over(&id, now()));
                    }
                    self.advance(&id, &step, next);
                }
            }
        }
    }

    /// Whether the replication of `vid` is broken; `None` when the app went away meanwhile.
    async fn broken(&self, vid: &VolumeId) -> Option<Result<bool, String>> {
        let client = self.sequences.try_with_untracked(|_| self.arm.client())?;
        let read = client.replication_status(vid).await;
        self.sequences.try_with_untracked(|_| ())?;
        Some(
            read.map(|s| s.mirror_state == Some(MirrorState::Broken)).map_err(|e| e.user_message()),
        )
    }

    /// Reads the replication status every few seconds until it is idle and mirrored, pausing
    /// while the tab is hidden. Gives up when the volume or its replication is gone, when the
    /// status can't be read [`WAIT_READ_FAILURES`] times in a row, or after [`WAIT_LIMIT`]
    /// from when the wait began (kept across reloads).
    async fn wait_idle(&self, id: &str, vid: &VolumeId) -> WaitEnd {
        let since = self.waiting_since(id);
        let mut failures = 0;
        loop {
            match self.current(id) {
                None => return WaitEnd::Gone,
                Some(Step::WaitIdle) => {}
                Some(_) => return WaitEnd::Changed,
            }
            // Lost to another tab (this one was throttled past the lease): it drives now.
            if !tab_lease::renew(&lease(id)) {
                return WaitEnd::Changed;
            }
            if now().since(since) > WAIT_LIMIT {
                return WaitEnd::Failed("The final transfer did not finish in time.".into());
            }
            if !page_hidden() {
                let client = self.arm.client();
                let read = client.replication_status(vid).await;
                // Stopped (or the app gone) while the read was out: its answer no longer counts.
                match self.current(id) {
                    None => return WaitEnd::Gone,
                    Some(Step::WaitIdle) => {}
                    Some(_) => return WaitEnd::Changed,
                }
                match read {
                    Ok(s) if s.error().is_some() => {
                        return WaitEnd::Failed(format!(
                            "The replication reports an error: {}",
                            s.error().unwrap_or_default()
                        ));
                    }
                    Ok(s)
                        if s.relationship_status == Some(RelationshipStatus::Idle)
                            && s.mirror_state == Some(MirrorState::Mirrored) =>
                    {
                        return WaitEnd::Ready;
                    }
                    Ok(s) if s.mirror_state == Some(MirrorState::Broken) => return WaitEnd::Broken,
                    Ok(_) => failures = 0,
                    Err(e) if matches!(e.status(), Some(404 | 409)) => {
                        return WaitEnd::Failed(format!(
                            "The replication can't be read any more: {}",
                            e.user_message()
                        ));
                    }
                    Err(e) => {
                        failures += 1;
                        if failures >= WAIT_READ_FAILURES {
                            return WaitEnd::Failed(format!(
                                "The replication status could not be read {failures} times in a row: {}",
                                e.user_message()
                            ));
                        }
                    }
                }
            }
            sleep(WAIT_POLL).await;
        }
    }
}

/// Waits for operation `op` to end, keeping the tab's `lease`; `None` when the app went away
/// meanwhile.
async fn wait_op(ops: Operations, op: u64, lease: &str) -> Option<OpEnd> {
    loop {
        tab_lease::renew(lease);
        let o = ops.list().try_with_untracked(|l| l.iter().find(|o| o.id == op).cloned())?;
        match o {
            Some(o) if o.is_active() => sleep(Duration::from_secs(1)).await,
            Some(o) if o.succeeded() => return Some(OpEnd::Succeeded),
            Some(o) if o.state == OpState::Unknown => return Some(OpEnd::Unknown),
            Some(o) => {
                return Some(OpEnd::Failed(o.error().map_or_else(
                    || "The operation was canceled.".to_owned(),
                    |e| e.user_message(),
                )))
            }
            None => return Some(OpEnd::Failed("The operation is no longer known.".into())),
        }
    }
}

/// Restores this tab's cut-overs and puts them in context; call [`CutOvers::resume_all`] (after
/// the operations') to go on with those that were running.
pub fn provide_cut_overs(ops: Operations, arm: ArmContext) -> CutOvers {
    let sequences: HashMap<String, Sequence> =
        storage::load(Area::Session, STORAGE_KEY).unwrap_or_default();
    let cut_overs = CutOvers { sequences: RwSignal::new(sequences), ops, arm };
    provide_context(cut_overs);
    tab_lease::release_on_page_hide(move || {
        cut_overs
            .sequences
            .try_with_untracked(|s| s.keys().map(|id| lease(id)).collect())
            .unwrap_or_default()
    });
    cut_overs
}

/// The cut-overs.
///
/// # Panics
/// Outside the app.
#[must_use]
pub fn use_cut_overs() -> CutOvers {
    expect_context::<CutOvers>()
}
