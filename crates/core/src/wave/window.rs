//! A wave's cut-over window: the guided cut-over of every volume of the wave as one sequence,
//! built on the one-volume machine ([`crate::migration::cut_over`]), one per volume in a
//! [`CutOverBook`].
//!
//! The admin takes every source volume offline (one block of ONTAP commands) and starts the
//! window. Then, per volume: the final sync, a wait until the relationship is idle and
//! mirrored, the break. Across volumes, three rules the single sequence doesn't have:
//! - **Bounded concurrency**: at most [`WINDOW_CONCURRENCY`] volumes sync or wait for their
//!   final transfer at once; the next starts as one is in sync.
//! - **Every volume in sync before any break**: a volume whose final transfer is done waits
//!   ("in sync") until every other volume of the window is too. So a failure before the breaks
//!   leaves every volume on its source, where the window's Stop can still take the wave back
//!   whole. The sources are offline, so a volume in sync stays in sync while it waits.
//! - **A failed volume**: with [`OnFailure::Continue`] the others go on and the failed one
//!   stays on its source; with [`OnFailure::Stop`] the window stops before the break: no new
//!   sync starts, every volume still waiting is stopped (its break is never sent), and what was
//!   already broken stays broken (a break can't be called back).
//!
//! "Stop before the break" for the whole window is the same stop, asked by the admin. Like
//! the single machine, every event moves a volume only from the step it was meant for, and the
//! window serializes, so a reload resumes it.

use crate::migration::cut_over::{Change, OpEnd, StatusRead};
use crate::migration::{CutOverBook, CutOverStep, CutOverWork, ReadOutcome};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Volumes syncing or waiting for their final transfer at once, at most.
pub const WINDOW_CONCURRENCY: usize = 20;

/// What a failed volume does to the rest of the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OnFailure {
    /// The others go on; the failed volume stays on its source.
    #[default]
    Continue,
    /// The window stops before the break.
    Stop,
}

/// One volume of the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The volume's ARM id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// The window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CutOverWindow {
    /// The volumes, in wave order.
    pub members: Vec<Member>,
    /// One machine per volume.
    pub book: CutOverBook,
    /// The admin took the sources offline and started the window.
    pub started: bool,
    /// What a failure does.
    pub on_failure: OnFailure,
    /// Stop before the break was asked (by the admin, or by a failure under Stop).
    pub stopping: bool,
    /// Every volume left in the window was in sync: breaks go.
    pub breaks_open: bool,
    /// Volumes whose final transfer is done, waiting for the others.
    pub in_sync: BTreeSet<String>,
}

/// What the driver should do now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WindowWork {
    /// Send the final sync (report with [`CutOverWindow::sync_started`]).
    pub sync: Vec<String>,
    /// Look whether these operations ended (report with [`CutOverWindow::op_ended`]).
    pub await_ops: Vec<(String, u64)>,
    /// Read the replication status (report with [`CutOverWindow::status_read`]).
    pub read: Vec<String>,
    /// A reload lost a break's answer: read whether it is broken.
    pub check_broken: Vec<String>,
    /// When something is due next, if nothing is due now.
    pub next_at: Option<Timestamp>,
}

/// What a status read means for the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WindowRead {
    /// Send the break now (report with [`CutOverWindow::break_started`]).
    SendBreak,
    /// Send the final sync again now: ARM refused it while a transfer ran, and the relationship
    /// is idle again (report with [`CutOverWindow::sync_resent`]).
    SendSync,
    /// Nothing to do (still waiting, in sync and waiting for the others, or ignored).
    Nothing,
    /// A volume's step moved.
    Moved(Change),
}

/// Counts for the window's summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowCounts {
    /// Not started yet.
    pub waiting_to_start: usize,
    /// Final sync running or its transfer awaited.
    pub syncing: usize,
    /// In sync, waiting for the others before the break.
    pub in_sync: usize,
    /// Break sent.
    pub breaking: usize,
    /// Cut over.
    pub done: usize,
    /// Stopped or failed.
    pub failed: usize,
}

impl CutOverWindow {
    /// A window over `members`, not started.
    #[must_use]
    pub fn new(members: Vec<Member>, on_failure: OnFailure) -> Self {
        let mut book = CutOverBook::default();
        for m in &members {
            book.entry(&m.id, &m.name);
        }
        Self { members, book, on_failure, ..Self::default() }
    }

    /// The admin took the sources offline: the window starts.
    pub fn start(&mut self) {
        self.started = true;
    }

    fn step(&self, id: &str) -> CutOverStep {
        self.book.step(id)
    }

    /// What is due at `now`.
    #[must_use]
    pub fn work(&self, now: Timestamp) -> WindowWork {
        let mut out = WindowWork::default();
        if !self.started {
            return out;
        }
        let mut active = self
            .members
            .iter()
            .filter(|m| {
                matches!(self.step(&m.id), CutOverStep::Sync(_) | CutOverStep::WaitIdle)
                    && !self.in_sync.contains(&key(&m.id))
            })
            .count();
        let soon = |at: Timestamp, out: &mut WindowWork| {
            out.next_at = Some(out.next_at.map_or(at, |n| n.min(at)));
        };
        for m in &self.members {
            let Some(seq) = self.book.get(&m.id) else { continue };
            match seq.work(now) {
                CutOverWork::Idle => {
                    if seq.step() == &CutOverStep::Offline
                        && !self.stopping
                        && active < WINDOW_CONCURRENCY
                    {
                        out.sync.push(m.id.clone());
                        active += 1;
                    }
                }
                CutOverWork::AwaitOp(op) => out.await_ops.push((m.id.clone(), op)),
                CutOverWork::CheckBroken { at } if at <= now => out.check_broken.push(m.id.clone()),
                CutOverWork::CheckBroken { at } => soon(at, &mut out),
                // Forcing a break past a transfer is a choice made for one volume on its own
                // page; the window offers no such control, so its members never get here.
                CutOverWork::SendForcedBreak => {}
                CutOverWork::ReadStatus { at } => {
                    // In sync and waiting for the others: no read until the breaks open.
                    if self.in_sync.contains(&key(&m.id)) && !self.breaks_open {
                        continue;
                    }
                    if at <= now {
                        out.read.push(m.id.clone());
                    } else {
                        soon(at, &mut out);
                    }
                }
            }
        }
        out
    }

    /// The final sync of `id` went out as operation `op`.
    pub fn sync_started(&mut self, id: &str, op: u64) -> Option<Change> {
        if !self.started || self.stopping {
            return None;
        }
        self.book.get_mut(id)?.sync_started(op)
    }

    /// The final sync of `id` went out again as operation `op` (after [`WindowRead::SendSync`]).
    pub fn sync_resent(&mut self, id: &str, op: u64) -> Option<Change> {
        if !self.started || self.stopping {
            return None;
        }
        self.book.get_mut(id)?.sync_resent(op)
    }

    /// The final sync of `id` could not be sent.
    pub fn start_refused(&mut self, id: &str, why: impl Into<String>) -> Option<Change> {
        let change = self.book.get_mut(id)?.start_refused(why);
        self.after(change)
    }

    /// Operation `op` of `id` ended.
    pub fn op_ended(&mut self, id: &str, op: u64, end: OpEnd, now: Timestamp) -> Option<Change> {
        let change = self.book.get_mut(id)?.op_ended(op, end, now);
        self.after(change)
    }

    /// A status read of `id` came back. `recorded`: the ledger has its cut-over already.
    pub fn status_read(
        &mut self,
        id: &str,
        read: StatusRead,
        recorded: bool,
        now: Timestamp,
    ) -> WindowRead {
        let Some(seq) = self.book.get_mut(id) else { return WindowRead::Nothing };
        match seq.status_read(read, recorded, now) {
            ReadOutcome::SendSync if !self.stopping => {
                self.in_sync.remove(&key(id));
                WindowRead::SendSync
            }
            ReadOutcome::SendSync => WindowRead::Nothing,
            ReadOutcome::SendBreak if self.breaks_open && !self.stopping => WindowRead::SendBreak,
            ReadOutcome::SendBreak => {
                self.in_sync.insert(key(id));
                self.open_breaks_if_all_in_sync();
                WindowRead::Nothing
            }
            ReadOutcome::Waiting => {
                self.in_sync.remove(&key(id));
                WindowRead::Nothing
            }
            ReadOutcome::Ignored => WindowRead::Nothing,
            ReadOutcome::Moved(change) => {
                self.after(Some(change.clone()));
                WindowRead::Moved(change)
            }
        }
    }

    /// The break of `id` went out as operation `op`.
    pub fn break_started(&mut self, id: &str, op: u64) -> Option<Change> {
        if !self.breaks_open || self.stopping {
            return None;
        }
        self.book.get_mut(id)?.break_started(op)
    }

    /// The break of `id` could not be sent.
    pub fn break_refused(&mut self, id: &str, why: impl Into<String>) -> Option<Change> {
        let change = self.book.get_mut(id)?.break_refused(why);
        self.after(change)
    }

    /// A break's answer was lost: what a read of `id` at `now` says.
    pub fn broken_checked(&mut self, id: &str, read: StatusRead, now: Timestamp) -> Option<Change> {
        let change = self.book.get_mut(id)?.broken_checked(read, now);
        self.after(change)
    }

    /// The wait's clock: a final transfer that outlasts the limit fails its volume.
    pub fn tick(&mut self, now: Timestamp) -> Vec<Change> {
        let ids: Vec<String> = self.members.iter().map(|m| m.id.clone()).collect();
        let mut changes = Vec::new();
        for id in ids {
            let change = self.book.get_mut(&id).and_then(|s| s.tick(now));
            if let Some(c) = self.after(change) {
                changes.push(c);
            }
        }
        changes
    }

    /// Stop before the break: no sync starts any more, and every volume waiting for its final
    /// transfer (in sync or not) is stopped. Breaks already sent go on.
    pub fn stop_before_break(&mut self) -> Vec<Change> {
        self.stopping = true;
        self.stop_waiting()
    }

    fn stop_waiting(&mut self) -> Vec<Change> {
        let ids: Vec<String> = self.members.iter().map(|m| m.id.clone()).collect();
        let mut changes = Vec::new();
        for id in ids {
            if let Some(c) = self.book.get_mut(&id).and_then(crate::migration::CutOver::stop) {
                self.in_sync.remove(&key(&id));
                changes.push(c);
            }
        }
        changes
    }

    /// Carries out what a change means for the window: a volume now waiting while the window
    /// stops is stopped too; a failure under [`OnFailure::Stop`] stops the window; a volume
    /// that leaves may complete the set in sync.
    fn after(&mut self, change: Option<Change>) -> Option<Change> {
        let change = change?;
        match &change.to {
            CutOverStep::WaitIdle if self.stopping => {
                self.stop_waiting();
            }
            CutOverStep::Failed(_) => {
                if self.on_failure == OnFailure::Stop && !self.stopping {
                    self.stopping = true;
                    self.stop_waiting();
                }
                self.open_breaks_if_all_in_sync();
            }
            _ => {}
        }
        Some(change)
    }

    fn open_breaks_if_all_in_sync(&mut self) {
        if self.stopping || self.breaks_open {
            return;
        }
        let mut any = false;
        for m in &self.members {
            match self.step(&m.id) {
                CutOverStep::Failed(_) => {}
                CutOverStep::Break(_) | CutOverStep::Done => any = true,
                CutOverStep::WaitIdle if self.in_sync.contains(&key(&m.id)) => any = true,
                _ => return,
            }
        }
        self.breaks_open = any;
    }

    /// Counts by where the volumes stand.
    #[must_use]
    pub fn counts(&self) -> WindowCounts {
        let mut c = WindowCounts::default();
        for m in &self.members {
            match self.step(&m.id) {
                CutOverStep::Offline => c.waiting_to_start += 1,
                CutOverStep::WaitIdle if self.in_sync.contains(&key(&m.id)) => c.in_sync += 1,
                CutOverStep::Sync(_) | CutOverStep::WaitIdle => c.syncing += 1,
                CutOverStep::Break(_) => c.breaking += 1,
                CutOverStep::Done => c.done += 1,
                CutOverStep::Failed(_) => c.failed += 1,
            }
        }
        c
    }

    /// Started, and every volume is cut over, failed or (the window stopping) will not start:
    /// nothing is left in motion.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.started
            && self.members.iter().all(|m| match self.step(&m.id) {
                CutOverStep::Done | CutOverStep::Failed(_) => true,
                CutOverStep::Offline => self.stopping,
                _ => false,
            })
    }

    /// After a stop or failures: the volumes that didn't cut over go back to the first step,
    /// and the window waits for the admin to start it again (the sources offline again).
    pub fn start_over(&mut self) {
        if !self.finished() {
            return;
        }
        let ids: Vec<String> = self.members.iter().map(|m| m.id.clone()).collect();
        for id in ids {
            if let Some(seq) = self.book.get_mut(&id) {
                seq.start_over();
            }
        }
        self.started = false;
        self.stopping = false;
        self.breaks_open = false;
        self.in_sync.clear();
    }
}

fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

#[cfg(test)]
#[path = "window_tests.rs"]
mod tests;
