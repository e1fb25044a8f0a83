//! Guided cut-overs: source offline, final sync, wait for the transfer, break.
//!
//! The sequence belongs to the app, not to the panel that started it: the panel lives in a
//! table row, and a row that leaves the page (paging, sorting, a filter, another page of the
//! app) must not stop a cut-over while the source is offline. Each step is kept in
//! sessionStorage before it starts, so a reload picks the sequence up where it stopped; the
//! operations themselves are followed by the registry.

use super::operations::Operations;
use crate::arm::browser_env::{now, sleep};
use crate::arm::context::ArmContext;
use crate::components::migrations::ledger_store::update_ledger;
use crate::storage::{self, Area};
use anf_core::ids::VolumeId;
use anf_core::migration::MigrationAction;
use anf_core::models::{MirrorState, RelationshipStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::time::Duration;

/// Action key of the final sync inside a cut-over.
const SYNC_KEY: &str = "cut-over-sync";
/// How long the final transfer may take before the sequence gives up waiting.
const WAIT_LIMIT: Duration = Duration::from_secs(6 * 3600);
const STORAGE_KEY: &str = "anf-migrate.cut-overs";

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

impl CutOvers {
    /// Where the cut-over of `id` stands (tracked); `Offline` when none was started.
    #[must_use]
    pub fn step(&self, id: &str) -> Step {
        let k = key(id);
        self.sequences.with(|s| s.get(&k).map(|q| q.step.clone()).unwrap_or_default())
    }

    /// The source is offline: starts the final sync, then the rest of the sequence.
    pub fn start(&self, id: &str, name: &str) {
        let Ok(vid) = VolumeId::parse(id) else { return };
        if self.step_untracked(id).is_running() {
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
            Err(busy) => self.put(
                id,
                name,
                Step::Failed(format!(
                    "\"{}\" is running on this volume; start the cut-over when it is done.",
                    busy.label
                )),
            ),
        }
    }

    /// Back to the first step, after a failure.
    pub fn start_over(&self, id: &str) {
        let name = self.name_of(id);
        self.put(id, &name, Step::Offline);
    }

    /// Forgets a finished cut-over (its panel was closed).
    pub fn dismiss(&self, id: &str) {
        if self.step_untracked(id) == Step::Done {
            self.sequences.update(|s| {
                s.remove(&key(id));
            });
            self.save();
        }
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

    fn step_untracked(&self, id: &str) -> Step {
        let k = key(id);
        self.sequences.with_untracked(|s| s.get(&k).map(|q| q.step.clone()).unwrap_or_default())
    }

    fn name_of(&self, id: &str) -> String {
        let k = key(id);
        self.sequences.with_untracked(|s| s.get(&k).map(|q| q.name.clone()).unwrap_or_default())
    }

    /// Records a step, in storage first: a reload right after must find it.
    fn put(&self, id: &str, name: &str, step: Step) {
        let k = key(id);
        let saved = self.sequences.try_update(|s| {
            s.insert(k, Sequence { name: name.to_owned(), step });
        });
        if saved.is_some() {
            self.save();
        }
    }

    fn save(&self) {
        self.sequences.with_untracked(|s| storage::save(Area::Session, STORAGE_KEY, s));
    }

    /// Runs the sequence from its current step on, until it is done, fails or the app goes.
    async fn run(self, id: String) {
        let Ok(vid) = VolumeId::parse(&id) else { return };
        let name = self.name_of(&id);
        let put = |s: Step| self.put(&id, &name, s);
        loop {
            let k = key(&id);
            let Some(current) =
                self.sequences.try_with_untracked(|s| s.get(&k).map(|q| q.step.clone()))
            else {
                return;
            };
            match current.unwrap_or_default() {
                Step::Offline | Step::Done | Step::Failed(_) => return,
                Step::Sync(op) => match wait_op(self.ops, op).await {
                    Ok(()) => put(Step::WaitIdle),
                    Err(e) => put(Step::Failed(format!("The final sync failed: {e}"))),
                },
                Step::WaitIdle => match self.wait_idle(&vid).await {
                    Ok(()) => {
                        let v = vid.clone();
                        let label = format!("Cut over: break on {name}");
                        let started = self.ops.start(&id, MigrationAction::CutOver.key(), label, {
                            move |c, t| async move { c.break_replication(&v, false, t).await }
                        });
                        match started {
                            Ok(op) => put(Step::Break(op)),
                            Err(busy) => put(Step::Failed(format!(
                                "\"{}\" is running on this volume.",
                                busy.label
                            ))),
                        }
                    }
                    Err(Some(why)) => put(Step::Failed(why)),
                    Err(None) => return,
                },
                Step::Break(op) => match wait_op(self.ops, op).await {
                    Ok(()) => {
                        // The migrations views record it too, when the break's end reaches them;
                        // this covers the case where none is open.
                        let t = now();
                        update_ledger(|l| l.mark_cut_over(&id, t));
                        put(Step::Done);
                    }
                    Err(e) => put(Step::Failed(format!("The break failed: {e}"))),
                },
            }
        }
    }

    /// Reads the replication status every few seconds until it is idle and mirrored. `Err(None)`
    /// when the app went away meanwhile.
    async fn wait_idle(&self, vid: &VolumeId) -> Result<(), Option<String>> {
        let started = now();
        loop {
            let client = self.arm.client();
            match client.replication_status(vid).await {
                Ok(s)
                    if s.relationship_status == Some(RelationshipStatus::Idle)
                        && s.mirror_state == Some(MirrorState::Mirrored)
                        && s.error().is_none() =>
                {
                    return Ok(());
                }
                Ok(s) if s.error().is_some() => {
                    return Err(Some(format!(
                        "The replication reports an error: {}",
                        s.error().unwrap_or_default()
                    )));
                }
                _ => {}
            }
            if now().since(started) > WAIT_LIMIT {
                return Err(Some("The final transfer did not finish in time.".into()));
            }
            sleep(Duration::from_secs(3)).await;
            if self.sequences.try_with_untracked(|_| ()).is_none() {
                return Err(None);
            }
        }
    }
}

/// Waits for operation `op` to end; Ok when it succeeded.
async fn wait_op(ops: Operations, op: u64) -> Result<(), String> {
    loop {
        let Some(o) = ops.list().try_with_untracked(|l| l.iter().find(|o| o.id == op).cloned())
        else {
            return Err("The page was closed.".into());
        };
        match o {
            Some(o) if o.is_active() => sleep(Duration::from_secs(1)).await,
            Some(o) if o.succeeded() => return Ok(()),
            Some(o) => {
                return Err(o.error().map_or_else(
                    || "The operation was canceled.".to_owned(),
                    |e| e.user_message(),
                ))
            }
            None => return Err("The operation is no longer known.".into()),
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
