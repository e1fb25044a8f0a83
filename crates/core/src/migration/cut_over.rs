//! The guided cut-over as a state machine: source offline, final sync, wait until the
//! relationship is idle and mirrored, break.
//!
//! The source volume is offline for the whole sequence, so a step taken twice, or taken from
//! a step the sequence already left, is data unavailability or a break sent too early. Hence
//! the one rule: **an event moves the sequence only from the step it was meant for.** An
//! operation that ends is matched by its id against `Sync(op)` / `Break(op)`; a status read is
//! taken only while waiting; "stop" only while waiting. A late answer (a status read that was
//! out when the user pressed Stop, the end of an operation from an earlier attempt) finds the
//! step moved on and changes nothing.
//!
//! The machine does no I/O. The app's driver asks [`CutOver::work`] what to do, does it (sends
//! the call, reads the status) and reports what happened; [`Change`] says what moved, so the
//! driver records a cut-over in the ledger exactly when the break succeeded. It serializes, so
//! a reload resumes it; one machine per volume, so a cut-over window over a whole wave runs
//! many side by side ([`CutOverBook`](super::CutOverBook)).

use crate::arm::ClientError;
use crate::models::{MirrorState, RelationshipStatus, ReplicationStatus};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long the final transfer may take before the sequence gives up waiting. The source is
/// offline meanwhile; six hours covers a day's changes on a slow link, and past that a person
/// should decide.
pub const WAIT_LIMIT: Duration = Duration::from_secs(6 * 3600);
/// How often the replication status is read while waiting for the final transfer.
pub const WAIT_POLL: Duration = Duration::from_secs(3);
/// Failed status reads in a row (beyond the client's own retries) before the wait gives up.
pub const WAIT_READ_FAILURES: u32 = 10;
/// How long a break whose answer was lost is given to show as broken: its operation runs a while
/// after ARM accepted it, and past this (the source offline) a person should decide.
pub const BREAK_CHECK_WINDOW: Duration = Duration::from_secs(120);
/// How many times ARM may refuse the final sync or the break before the sequence gives up.
/// ARM refuses both while a transfer runs, and a scheduled transfer can start at any moment
/// (every ten minutes on the shortest schedule): a refused call took no effect, so the sequence
/// waits for the relationship to be idle and sends it again. Past this, the refusal has
/// another cause, and ARM's words are shown.
pub const MAX_REFUSALS: u32 = 3;

/// Where a cut-over stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CutOverStep {
    /// Waiting for the user to take the source offline.
    #[default]
    Offline,
    /// The final transfer runs (the app's operation id).
    Sync(u64),
    /// Waiting for the relationship to be idle and mirrored.
    WaitIdle,
    /// The break runs (operation id).
    Break(u64),
    /// Done: the volume is read-write.
    Done,
    /// Stopped; the text says why in the user's words.
    Failed(String),
}

impl CutOverStep {
    /// Between the user's go and the end: the volume is busy even while no operation runs.
    #[must_use]
    pub fn is_running(&self) -> bool {
        matches!(self, Self::Sync(_) | Self::WaitIdle | Self::Break(_))
    }
}

/// How an operation of the sequence ended, as the operations registry saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpEnd {
    /// Succeeded.
    Succeeded,
    /// Failed or was canceled; ARM's words.
    Failed(String),
    /// ARM's answer to the first request was lost (a reload, a dropped connection).
    Unknown,
    /// ARM refused the first request (an error answer): nothing started, so it may be sent
    /// again. ARM's words.
    Refused(String),
}

/// A status read while waiting.
#[derive(Clone, Debug, PartialEq)]
pub enum StatusRead {
    /// ARM answered.
    Read(ReplicationStatus),
    /// The replication or the volume is gone (404 / 409): nothing left to wait for.
    Gone(String),
    /// ARM answered with an error (after the client's retries); ARM's words.
    Failed(String),
    /// No answer could be had: the network is down, or the sign-in must be renewed by the
    /// user. Says nothing about the replication, so it never counts toward giving up: the
    /// source is offline, and the wait goes on (within [`WAIT_LIMIT`]) until Azure answers.
    Unavailable(String),
}

impl StatusRead {
    /// What a replication status read says to a sequence. No answer at all (network, expired
    /// sign-in) says nothing about the replication; only ARM's own error answers count.
    #[must_use]
    pub fn of(read: Result<ReplicationStatus, ClientError>) -> Self {
        match read {
            Ok(s) => Self::Read(s),
            Err(e) if matches!(e.status(), Some(404 | 409)) => Self::Gone(e.user_message()),
            Err(e) if e.needs_sign_in() || matches!(e, ClientError::Transport(_)) => {
                Self::Unavailable(e.user_message())
            }
            Err(e) => Self::Failed(e.user_message()),
        }
    }
}

/// What a status read did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOutcome {
    /// The sequence was no longer waiting (stopped meanwhile): the answer doesn't count.
    Ignored,
    /// Still waiting; read again at the next [`CutOver::work`].
    Waiting,
    /// Idle and mirrored: send the break now, with nothing awaited in between, and report it
    /// with [`CutOver::break_started`].
    SendBreak,
    /// Idle and mirrored after ARM refused the final sync (a transfer was running, which may
    /// have started before the source went offline): send the final sync again now, and
    /// report it with [`CutOver::sync_resent`].
    SendSync,
    /// The wait ended otherwise (done, failed).
    Moved(Change),
}

/// What the driver should do next for one sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CutOverWork {
    /// Nothing: at rest (not started, done, failed).
    Idle,
    /// Wait for operation `op` to end and report it with [`CutOver::op_ended`].
    AwaitOp(u64),
    /// Read the replication status at `at` (or later) and report it with
    /// [`CutOver::status_read`], which may ask for the break.
    ReadStatus {
        /// When the read is due.
        at: Timestamp,
    },
    /// The break's answer was lost: read at `at` whether it broke ([`CutOver::broken_checked`]).
    CheckBroken {
        /// When the read is due.
        at: Timestamp,
    },
    /// The user chose not to wait for the transfer in progress: send the break with
    /// `forceBreakReplication` now, and report it with [`CutOver::break_started`].
    SendForcedBreak,
}

/// A step that moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Where it was.
    pub from: CutOverStep,
    /// Where it is.
    pub to: CutOverStep,
}

impl Change {
    /// The break succeeded in this change: the ledger records the cut-over now. A sequence
    /// that finds the break already made (by another tab, which recorded it) does not.
    #[must_use]
    pub fn records_cut_over(&self) -> bool {
        matches!(self.from, CutOverStep::Break(_)) && self.to == CutOverStep::Done
    }
}

/// One volume's cut-over.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CutOver {
    /// The volume's name, for labels.
    pub name: String,
    step: CutOverStep,
    /// When the wait for the final transfer began (kept, so a reload doesn't restart the limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    waiting_since: Option<Timestamp>,
    /// When the last status read was reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_read_at: Option<Timestamp>,
    /// Failed status reads in a row.
    #[serde(default)]
    read_failures: u32,
    /// The break's answer was lost: it is checked, not resent blindly.
    #[serde(default)]
    checking_break: bool,
    /// The user asked to break now, cutting the transfer in progress short.
    #[serde(default)]
    forced: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    not_broken_since: Option<Timestamp>, // when a check first found it not yet broken
    /// ARM refused the final sync: it is sent again once the relationship is idle.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    sync_again: bool,
    /// Final syncs and breaks ARM refused so far ([`MAX_REFUSALS`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    refusals: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
const fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl CutOver {
    /// A sequence for `name`, not started.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), ..Self::default() }
    }

    /// Where it stands.
    #[must_use]
    pub fn step(&self) -> &CutOverStep {
        &self.step
    }

    /// ARM refused the final sync while a transfer ran: it goes again once that one ends.
    #[must_use]
    pub fn sends_sync_again(&self) -> bool {
        self.sync_again
    }

    /// When the wait for the final transfer began.
    #[must_use]
    pub fn waiting_since(&self) -> Option<Timestamp> {
        self.waiting_since
    }

    /// What to do next, at `now`.
    #[must_use]
    pub fn work(&self, now: Timestamp) -> CutOverWork {
        match &self.step {
            CutOverStep::Offline | CutOverStep::Done | CutOverStep::Failed(_) => CutOverWork::Idle,
            CutOverStep::Sync(op) => CutOverWork::AwaitOp(*op),
            CutOverStep::Break(_) if self.checking_break => CutOverWork::CheckBroken {
                at: self.last_read_at.map_or(now, |t| t.plus(WAIT_POLL)),
            },
            CutOverStep::Break(op) => CutOverWork::AwaitOp(*op),
            CutOverStep::WaitIdle if self.forced && !self.sync_again => {
                CutOverWork::SendForcedBreak
            }
            CutOverStep::WaitIdle => {
                let at = self.last_read_at.map_or(now, |t| t.plus(WAIT_POLL));
                CutOverWork::ReadStatus { at }
            }
        }
    }

    /// The user took the source offline and the final sync was sent as operation `op`. Only
    /// from `Offline`: a second press while it runs changes nothing.
    pub fn sync_started(&mut self, op: u64) -> Option<Change> {
        if self.step != CutOverStep::Offline {
            return None;
        }
        self.move_to(CutOverStep::Sync(op))
    }

    /// The final sync was sent again as operation `op` (after [`ReadOutcome::SendSync`]).
    pub fn sync_resent(&mut self, op: u64) -> Option<Change> {
        if self.step != CutOverStep::WaitIdle || !self.sync_again {
            return None;
        }
        self.sync_again = false;
        self.move_to(CutOverStep::Sync(op))
    }

    /// ARM refused the sequence's call: wait for the relationship to be idle and send it again
    /// (the sync when `sync`, else the break), unless it was refused too often.
    fn refused(&mut self, sync: bool, why: String, now: Timestamp) -> Option<Change> {
        self.refusals += 1;
        if self.refusals > MAX_REFUSALS {
            let what = if sync { "final sync" } else { "break" };
            let n = self.refusals;
            return self.move_to(CutOverStep::Failed(format!(
                "Azure refused the {what} {n} times; the last time: {why}"
            )));
        }
        self.sync_again = sync;
        self.waiting_since.get_or_insert(now);
        self.last_read_at = None;
        self.read_failures = 0;
        self.move_to(CutOverStep::WaitIdle)
    }

    /// The final sync could not be sent (another operation runs on the volume, or another tab
    /// drives this cut-over); nothing was sent.
    pub fn start_refused(&mut self, why: impl Into<String>) -> Option<Change> {
        if self.step != CutOverStep::Offline {
            return None;
        }
        self.move_to(CutOverStep::Failed(why.into()))
    }

    /// Operation `op` ended. Ignored unless the sequence waits for exactly that operation.
    pub fn op_ended(&mut self, op: u64, end: OpEnd, now: Timestamp) -> Option<Change> {
        match (&self.step, end) {
            (CutOverStep::Sync(o), end) if *o == op => match end {
                // A sync that may not have been sent: waiting for idle and mirrored is what
                // matters either way.
                OpEnd::Succeeded | OpEnd::Unknown => {
                    self.waiting_since.get_or_insert(now);
                    self.last_read_at = None;
                    self.read_failures = 0;
                    self.move_to(CutOverStep::WaitIdle)
                }
                OpEnd::Refused(e) => self.refused(true, e, now),
                OpEnd::Failed(e) => {
                    self.move_to(CutOverStep::Failed(format!("The final sync failed: {e}")))
                }
            },
            (CutOverStep::Break(o), end) if *o == op && !self.checking_break => match end {
                OpEnd::Succeeded => self.move_to(CutOverStep::Done),
                OpEnd::Unknown => {
                    self.checking_break = true;
                    None
                }
                OpEnd::Refused(e) => self.refused(false, e, now),
                OpEnd::Failed(e) => {
                    self.move_to(CutOverStep::Failed(format!("The break failed: {e}")))
                }
            },
            _ => None,
        }
    }

    /// A status read (asked while waiting) came back at `now`. `cut_over_recorded`: the
    /// ledger already has this volume's cut-over (another tab of this browser ran the break).
    pub fn status_read(
        &mut self,
        read: StatusRead,
        cut_over_recorded: bool,
        now: Timestamp,
    ) -> ReadOutcome {
        if self.step != CutOverStep::WaitIdle {
            // Stopped, or taken over, while the read was out: its answer no longer counts.
            return ReadOutcome::Ignored;
        }
        self.last_read_at = Some(now);
        let to = match read {
            StatusRead::Read(s) => {
                if let Some(e) = s.error() {
                    CutOverStep::Failed(format!("The replication reports an error: {e}"))
                } else if s.relationship_status == Some(RelationshipStatus::Idle)
                    && s.mirror_state == Some(MirrorState::Mirrored)
                {
                    return if self.sync_again {
                        ReadOutcome::SendSync
                    } else {
                        ReadOutcome::SendBreak
                    };
                } else if s.mirror_state == Some(MirrorState::Broken) {
                    // Broken already: by another tab's break (which recorded it), or outside
                    // the console. Nothing is sent either way.
                    if cut_over_recorded {
                        CutOverStep::Done
                    } else {
                        CutOverStep::Failed(
                            "The replication was broken outside this cut-over (a dry run, or another console); nothing was sent."
                                .into(),
                        )
                    }
                } else {
                    self.read_failures = 0;
                    return ReadOutcome::Waiting;
                }
            }
            StatusRead::Gone(e) => {
                CutOverStep::Failed(format!("The replication can't be read any more: {e}"))
            }
            StatusRead::Unavailable(_) => return ReadOutcome::Waiting,
            StatusRead::Failed(e) => {
                self.read_failures += 1;
                if self.read_failures < WAIT_READ_FAILURES {
                    return ReadOutcome::Waiting;
                }
                let n = self.read_failures;
                CutOverStep::Failed(format!(
                    "The replication status could not be read {n} times in a row: {e}"
                ))
            }
        };
        self.move_to(to).map_or(ReadOutcome::Waiting, ReadOutcome::Moved)
    }

    /// The wait's clock at `now`: gives up once [`WAIT_LIMIT`] has passed since the wait began.
    pub fn tick(&mut self, now: Timestamp) -> Option<Change> {
        let since = self.waiting_since?;
        if self.step == CutOverStep::WaitIdle && now.since(since) > WAIT_LIMIT {
            return self
                .move_to(CutOverStep::Failed("The final transfer did not finish in time.".into()));
        }
        None
    }

    /// The break was sent as operation `op` (after [`CutOverWork::SendBreak`]).
    pub fn break_started(&mut self, op: u64) -> Option<Change> {
        if self.step != CutOverStep::WaitIdle || self.sync_again {
            return None;
        }
        self.move_to(CutOverStep::Break(op))
    }

    /// The break, or the final sync sent again, could not be sent (another operation runs on
    /// the volume).
    pub fn break_refused(&mut self, why: impl Into<String>) -> Option<Change> {
        if self.step != CutOverStep::WaitIdle {
            return None;
        }
        self.move_to(CutOverStep::Failed(why.into()))
    }

    /// The break's answer was lost: what a read at `now` says. Broken is done; not yet broken
    /// (its operation may still run) or ARM's error is read again for [`BREAK_CHECK_WINDOW`];
    /// no answer at all (network, expired sign-in) says nothing and never ends the check.
    pub fn broken_checked(&mut self, read: StatusRead, now: Timestamp) -> Option<Change> {
        if !(matches!(self.step, CutOverStep::Break(_)) && self.checking_break) {
            return None;
        }
        self.last_read_at = Some(now);
        let lost = "The break's answer was lost (a dropped connection, or a reload)";
        let to = match read {
            StatusRead::Read(s) if s.mirror_state == Some(MirrorState::Broken) => CutOverStep::Done,
            StatusRead::Unavailable(_) => return None,
            StatusRead::Gone(e) => {
                CutOverStep::Failed(format!("The replication can't be read any more: {e}"))
            }
            StatusRead::Read(_) | StatusRead::Failed(_) => {
                let since = *self.not_broken_since.get_or_insert(now);
                if now.since(since) < BREAK_CHECK_WINDOW {
                    return None;
                }
                let why = match read {
                    StatusRead::Failed(e) => format!("its status could not be read: {e}"),
                    _ => "it is still not broken: start over to send it.".to_owned(),
                };
                let minutes = BREAK_CHECK_WINDOW.as_secs() / 60;
                CutOverStep::Failed(format!(
                    "{lost}. After {minutes} minutes of reading the replication, {why}"
                ))
            }
        };
        self.checking_break = false;
        self.not_broken_since = None;
        self.move_to(to)
    }

    /// The user chooses to break now instead of waiting for the transfer in progress (the
    /// break is sent with `forceBreakReplication`). Only while waiting: what the transfer was
    /// carrying is lost, so the view asks first and names it. True when taken.
    pub fn force_break(&mut self) -> bool {
        if self.step != CutOverStep::WaitIdle || self.forced {
            return false;
        }
        self.forced = true;
        true
    }

    /// Whether the break was (or is to be) sent with force.
    #[must_use]
    pub fn is_forced(&self) -> bool {
        self.forced
    }

    /// The user stops the sequence before the break. Only while waiting for the final
    /// transfer: an operation already sent can't be called back.
    pub fn stop(&mut self) -> Option<Change> {
        if self.step != CutOverStep::WaitIdle {
            return None;
        }
        self.move_to(CutOverStep::Failed(
            "Stopped before the break: the replication goes on, and the volume stays read-only."
                .into(),
        ))
    }

    /// Back to the first step after a failure.
    pub fn start_over(&mut self) -> Option<Change> {
        if !matches!(self.step, CutOverStep::Failed(_)) {
            return None;
        }
        self.move_to(CutOverStep::Offline)
    }

    fn move_to(&mut self, to: CutOverStep) -> Option<Change> {
        if to == self.step {
            return None;
        }
        let from = std::mem::replace(&mut self.step, to.clone());
        if !matches!(to, CutOverStep::WaitIdle) {
            self.last_read_at = None;
        }
        if matches!(to, CutOverStep::Offline) {
            self.waiting_since = None;
            self.read_failures = 0;
            self.forced = false;
            self.sync_again = false;
            self.refusals = 0;
        }
        Some(Change { from, to })
    }
}

#[cfg(test)]
#[path = "cut_over_tests.rs"]
mod tests;
