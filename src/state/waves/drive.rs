//! One turn of the driver: for each started wave this tab drives, the operations that ended
//! are reported to its machines, the pools are read when the machine asks, and the calls due
//! go out as fast as the write budget allows.

use super::sends::{start_wave_call, start_window_call, WindowCall};
use super::{lease, lower, Waves, LEASE_WAIT, MIN_WAIT};
use crate::arm::browser_env::{now, steady_now};
use crate::hooks::NextPoll;
use crate::state::ledger_store::update_ledger;
use crate::state::operations::{OpState, Operations};
use crate::state::tab_lease;
use anf_core::ids::AccountId;
use anf_core::migration::cut_over::{Change, OpEnd};
use anf_core::migration::{MigrationAction, OpAction};
use anf_core::models::Volume;
use anf_core::time::Timestamp;
use anf_core::wave::saved::{SavedWave, WaveStage};
use anf_core::wave::{BudgetSettings, CallEnd, RowId, WaveCall, WaveRun, WriteBudget};
use leptos::prelude::*;
use std::time::Duration;

/// While writes await their first answer, look again this soon (the answer tells the budget).
const ANSWER_WAIT: Duration = Duration::from_millis(250);
/// The least time between two turns. Every answer pokes the driver, and a turn stores the
/// user's waves and redraws the wave's page, which for a wave of 200 volumes is milliseconds:
/// a turn per answer, with 200 creates answered in a second or two, kept the page busy enough
/// to slow the creates to half the write budget's pace. A turn takes every answer since the
/// last one.
const TURN_SPACING: Duration = Duration::from_millis(50);

/// What a turn leaves to do outside storage: reads.
#[derive(Default)]
pub(super) struct Tasks {
    /// Read the pools' lists for the name check.
    pub list: bool,
    /// Read these volumes' replication status for the window.
    pub reads: Vec<String>,
    /// Read whether these volumes are broken (a reload lost a break's answer).
    pub check_broken: Vec<String>,
}

/// How an operation of the registry ended, seen from a wave (`None`: still running).
fn registry_end(ops: &Operations, target: &str, action: OpAction, op: u64) -> Option<CallEnd> {
    ops.list().with_untracked(|l| {
        let Some(o) = l.iter().find(|o| o.id == op) else {
            // Not in this tab's registry (another tab started it, or it was forgotten).
            return Some(CallEnd::Unknown);
        };
        if !o.target.eq_ignore_ascii_case(target) || o.action != action {
            // Another operation under the same number: not ours.
            return Some(CallEnd::Unknown);
        }
        if o.is_active() {
            return None;
        }
        Some(if o.succeeded() {
            CallEnd::Succeeded(o.result())
        } else if o.outcome_unknown() {
            CallEnd::Unknown
        } else {
            CallEnd::Failed(
                o.error()
                    .map_or_else(|| "The operation was canceled.".to_owned(), |e| e.user_message()),
            )
        })
    })
}

/// A cut-over operation's end, as the window's machines take it: ARM's refusal of the first
/// request (`refused`, nothing started) apart from a failure in Azure.
pub(super) fn op_end(end: CallEnd, refused: bool) -> OpEnd {
    match end {
        CallEnd::Succeeded(_) => OpEnd::Succeeded,
        CallEnd::Failed(e) if refused => OpEnd::Refused(e),
        CallEnd::Failed(e) => OpEnd::Failed(e),
        CallEnd::Unknown => OpEnd::Unknown,
    }
}

/// Whether ARM refused operation `op`'s first request.
fn refused(ops: &Operations, op: u64) -> bool {
    ops.list().with_untracked(|l| l.iter().any(|o| o.id == op && o.not_started()))
}

/// A wave the driver follows: started and not finished.
fn needs_driver(w: &SavedWave) -> bool {
    w.run.is_some() && w.stage() != WaveStage::Done
}

/// What one change of a window's machine means beyond the window: the ledger records a
/// cut-over exactly when a break succeeded, and the run learns it.
pub(super) fn apply_change(run: &mut WaveRun, id: &str, change: &Change) {
    if change.records_cut_over() {
        update_ledger(|l| l.mark_cut_over(id, now()));
        if let Some(row) = run.volumes.iter().find(|v| v.id.eq_ignore_ascii_case(id)).map(|v| v.row)
        {
            run.mark_cut_over(row);
        }
    }
}

/// What a succeeded call means for the ledger, which the Migrations table reads: a volume
/// created is remembered, a finalize and a resume are recorded.
fn record_in_ledger(id: &str, call: WaveCall, end: &CallEnd) {
    let CallEnd::Succeeded(result) = end else { return };
    let at = now();
    match call {
        WaveCall::Create => {
            if let Some(v) = result.clone().and_then(|r| serde_json::from_value::<Volume>(r).ok()) {
                update_ledger(|l| l.remember(&v, at));
            }
        }
        WaveCall::Finalize => update_ledger(|l| l.mark_finalized(id, at)),
        WaveCall::Resume => {
            update_ledger(|l| l.record_finished(id, MigrationAction::Resume, at));
        }
        _ => {}
    }
}

impl Waves {
    /// Now on the clock peering offers are stamped with: the simulator's in demo mode.
    pub(super) fn offer_clock(&self, real: Timestamp) -> Timestamp {
        self.arm.demo().map_or(real, |world| world.read(|sim| sim.sim_time(real)))
    }

    /// Operations of the app awaiting ARM's first answer (their writes may not be counted in
    /// ARM's header yet).
    pub(super) fn writes_in_flight(&self) -> usize {
        self.ops
            .list()
            .with_untracked(|l| l.iter().filter(|o| o.state == OpState::Starting).count())
    }

    /// Gives every write answer since the last turn to the budget of its subscription.
    fn feed_budgets(&self) {
        let answers = self.arm.client().transport().inner().take_write_answers();
        if answers.is_empty() {
            return;
        }
        self.driving.update_value(|d| {
            for a in answers {
                let sub = a.subscription.clone().unwrap_or_default();
                let budget = d
                    .budgets
                    .entry(sub)
                    .or_insert_with(|| WriteBudget::new(BudgetSettings::default(), a.sent));
                budget.observe(a.at, a.sent, &a.response, a.others);
            }
        });
    }

    /// One turn of the driver; says when to look again.
    pub(super) fn drive(&self) -> NextPoll {
        let t = steady_now();
        let last = self.driving.try_with_value(|d| d.last_turn).flatten();
        if let Some(wait) = last.map(|l| t.since(l)).and_then(|s| TURN_SPACING.checked_sub(s)) {
            if !wait.is_zero() {
                return Some(wait);
            }
        }
        self.driving.try_update_value(|d| d.last_turn = Some(t));
        let key = self.key.get_value()?;
        self.feed_budgets();
        let names: Vec<String> = self.store.try_with_untracked(|s| {
            s.waves.iter().filter(|w| needs_driver(w)).map(|w| w.name().to_owned()).collect()
        })?;
        let mut next: Option<Timestamp> = None;
        let mut soon = |at: Timestamp| next = Some(next.map_or(at, |n: Timestamp| n.min(at)));
        for name in names {
            let l = lower(&name);
            if self.driving.with_value(|d| d.busy.contains(&l)) {
                continue;
            }
            if !self.driving.with_value(|d| d.held.contains(&l)) {
                let retry = self.driving.with_value(|d| d.lease_retry.get(&l).copied());
                match retry {
                    Some(at) if at > t => soon(at),
                    _ => self.take_lease(key.clone(), name),
                }
                continue;
            }
            if !tab_lease::renew(&lease(&key, &name)) {
                // Lost to another tab (this one was throttled past the lease): it drives now.
                self.driving.update_value(|d| {
                    d.held.remove(&l);
                    d.lease_retry.insert(l.clone(), t.plus(LEASE_WAIT));
                });
                self.driven_here.update(|h| {
                    h.remove(&l);
                });
                soon(t.plus(LEASE_WAIT));
                continue;
            }
            if let Some(at) = self.turn(&name, t) {
                soon(at);
            }
        }
        next.map(|n| n.since(t).max(MIN_WAIT))
    }

    /// Takes the lease of a wave resumed by itself (another tab may resume it too).
    fn take_lease(&self, key: String, name: String) {
        let l = lower(&name);
        self.driving.update_value(|d| {
            d.busy.insert(l.clone());
        });
        let this = *self;
        leptos::task::spawn_local(async move {
            let held = tab_lease::take(&lease(&key, &name)).await;
            this.driving.try_update_value(|d| {
                if held {
                    d.held.insert(l.clone());
                    d.lease_retry.remove(&l);
                } else {
                    d.lease_retry.insert(l.clone(), steady_now().plus(LEASE_WAIT));
                }
                d.busy.remove(&l);
            });
            if held {
                this.driven_here.try_update(|h| {
                    h.insert(l);
                });
            }
            this.poke();
        });
    }

    /// One wave's turn (this tab holds its lease); when to look again.
    fn turn(&self, name: &str, t: Timestamp) -> Option<Timestamp> {
        let wall = now();
        let offer_at = self.offer_clock(wall);
        let ops = self.ops;
        let mut tasks = Tasks::default();
        let mut next: Option<Timestamp> = None;
        self.change_wave(name, |w| {
            let Some(run) = w.run.as_mut() else { return };
            // 1. What ended.
            let running: Vec<(RowId, String, WaveCall, u64)> = run
                .volumes
                .iter()
                .filter_map(|v| v.running.map(|r| (v.row, v.id.clone(), r.call, r.op)))
                .collect();
            for (row, id, call, op) in running {
                if let Some(end) = registry_end(&ops, &id, call.op_action(), op) {
                    record_in_ledger(&id, call, &end);
                    run.ended(row, op, end, offer_at);
                }
            }
            run.tidy();
            if let Some(win) = w.window.as_mut() {
                for (id, op) in win.work(wall).await_ops {
                    let action = match win.book.step(&id) {
                        anf_core::migration::CutOverStep::Break(_) => OpAction::CutOverBreak,
                        _ => OpAction::CutOverSync,
                    };
                    if let Some(end) = registry_end(&ops, &id, action, op) {
                        let end = op_end(end, refused(&ops, op));
                        if let Some(change) = win.op_ended(&id, op, end, wall) {
                            apply_change(run, &id, &change);
                        }
                    }
                }
                for change in win.tick(wall) {
                    let _ = change;
                }
            }
            // 2. The pools' lists first, when the machine asks: nothing is created meanwhile.
            if run.needs_list() {
                tasks.list = true;
                return;
            }
            // 3. The calls due, within the write budget.
            let subscription = AccountId::parse(&w.settings.account)
                .map(|a| a.subscription.to_ascii_lowercase())
                .unwrap_or_default();
            if let Some(at) = self.send_due(name, &subscription, run, w.window.as_mut(), t) {
                next = Some(at);
            }
            // 4. The window's status reads, paced.
            if let Some(win) = w.window.as_ref() {
                let (reads, at) = self.window_reads(win, wall, t);
                tasks.reads = reads.0;
                tasks.check_broken = reads.1;
                if let Some(at) = at {
                    next = Some(next.map_or(at, |n| n.min(at)));
                }
            }
        })?;
        if tasks.list {
            return self.list_pools(name, t);
        }
        for id in tasks.reads {
            self.read_status(name, id);
        }
        for id in tasks.check_broken {
            self.check_broken(name, id);
        }
        next
    }

    /// Sends what is due on `run` (and the window's final syncs) within the budget of
    /// `subscription`; when to ask the budget again.
    fn send_due(
        &self,
        name: &str,
        subscription: &str,
        run: &mut WaveRun,
        mut window: Option<&mut anf_core::wave::window::CutOverWindow>,
        t: Timestamp,
    ) -> Option<Timestamp> {
        let wall = now();
        let mut queue: Vec<(RowId, Option<WaveCall>)> =
            run.due().into_iter().map(|(row, call)| (row, Some(call))).collect();
        if let Some(win) = window.as_deref() {
            for id in win.work(wall).sync {
                if let Some(v) = run.volumes.iter().find(|v| v.id.eq_ignore_ascii_case(&id)) {
                    if !queue.iter().any(|(r, _)| *r == v.row) {
                        queue.push((v.row, None));
                    }
                }
            }
        }
        if queue.is_empty() {
            return None;
        }
        let ids: Vec<RowId> = queue.iter().map(|(r, _)| *r).collect();
        let in_flight = self.writes_in_flight();
        let dispatch = self.driving.try_update_value(|d| {
            d.budgets
                .entry(subscription.to_owned())
                .or_insert_with(|| WriteBudget::new(BudgetSettings::default(), t))
                .next(t, &ids, in_flight)
        })?;
        for (row, call) in queue.into_iter().filter(|(r, _)| dispatch.send.contains(r)) {
            let Some(v) = run.volume(row).cloned() else { continue };
            match call {
                Some(call) => match start_wave_call(&self.ops, name, &v, call) {
                    Ok(op) => {
                        run.started(row, call, op);
                    }
                    Err(busy) => run.refused(
                        row,
                        call,
                        format!("\"{}\" is running on this volume; nothing was sent.", busy.label),
                    ),
                },
                None => {
                    let Some(win) = window.as_deref_mut() else { continue };
                    match start_window_call(&self.ops, name, &v.id, &v.name, WindowCall::Sync) {
                        Ok(op) => {
                            win.sync_started(&v.id, op);
                        }
                        Err(busy) => {
                            let why = format!(
                                "\"{}\" is running on this volume; its cut-over was not started.",
                                busy.label
                            );
                            if let Some(change) = win.start_refused(&v.id, why) {
                                apply_change(run, &v.id, &change);
                            }
                        }
                    }
                }
            }
        }
        match dispatch.waiting {
            anf_core::wave::Waiting::InFlight | anf_core::wave::Waiting::Probe => {
                Some(t.plus(ANSWER_WAIT))
            }
            _ => dispatch.ask_again_at,
        }
    }
}
