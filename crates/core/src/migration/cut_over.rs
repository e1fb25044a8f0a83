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
//! many side by side ([`CutOverBook`]).

use crate::models::{MirrorState, RelationshipStatus, ReplicationStatus};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// How long the final transfer may take before the sequence gives up waiting. The source is
/// offline meanwhile; six hours covers a day's changes on a slow link, and past that a person
/// should decide.
pub const WAIT_LIMIT: Duration = Duration::from_secs(6 * 3600);
/// How often the replication status is read while waiting for the final transfer.
pub const WAIT_POLL: Duration = Duration::from_secs(3);
/// Failed status reads in a row (beyond the client's own retries) before the wait gives up.
pub const WAIT_READ_FAILURES: u32 = 10;

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
    /// The page was reloaded before ARM answered the first request: it may or may not have
    /// been sent.
    Unknown,
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
    /// A reload lost the break's answer: read whether the replication is broken and report it
    /// with [`CutOver::broken_checked`].
    CheckBroken,
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
    /// The break was found still to be sent after a reload: it is checked, not resent blindly.
    #[serde(default)]
    checking_break: bool,
    /// The user asked to break now, cutting the transfer in progress short.
    #[serde(default)]
    forced: bool,
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
            CutOverStep::Break(_) if self.checking_break => CutOverWork::CheckBroken,
            CutOverStep::Break(op) => CutOverWork::AwaitOp(*op),
            CutOverStep::WaitIdle if self.forced => CutOverWork::SendForcedBreak,
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
                    return ReadOutcome::SendBreak;
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
        if self.step != CutOverStep::WaitIdle {
            return None;
        }
        self.move_to(CutOverStep::Break(op))
    }

    /// The break could not be sent (another operation runs on the volume).
    pub fn break_refused(&mut self, why: impl Into<String>) -> Option<Change> {
        if self.step != CutOverStep::WaitIdle {
            return None;
        }
        self.move_to(CutOverStep::Failed(why.into()))
    }

    /// After a reload lost the break's answer: whether the replication is broken now.
    pub fn broken_checked(&mut self, broken: Result<bool, String>) -> Option<Change> {
        if !(matches!(self.step, CutOverStep::Break(_)) && self.checking_break) {
            return None;
        }
        self.checking_break = false;
        let to = match broken {
            Ok(true) => CutOverStep::Done,
            Ok(false) => CutOverStep::Failed(
                "The page was reloaded while the break was being sent, and the replication is not broken: start over to send it."
                    .into(),
            ),
            Err(e) => CutOverStep::Failed(format!(
                "The page was reloaded while the break was being sent, and the replication status could not be read: {e}"
            )),
        };
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
        }
        Some(Change { from, to })
    }
}

/// Many cut-overs side by side, by lower-cased volume id: a tab's guided cut-overs, or a
/// wave's cut-over window.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CutOverBook {
    sequences: BTreeMap<String, CutOver>,
}

fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

impl CutOverBook {
    /// The sequence of a volume.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&CutOver> {
        self.sequences.get(&key(id))
    }

    /// The sequence of a volume, created (not started) when there was none.
    pub fn entry(&mut self, id: &str, name: &str) -> &mut CutOver {
        let seq = self.sequences.entry(key(id)).or_insert_with(|| CutOver::new(name));
        if seq.name.is_empty() {
            name.clone_into(&mut seq.name);
        }
        seq
    }

    /// The sequence of a volume, to report an event to.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut CutOver> {
        self.sequences.get_mut(&key(id))
    }

    /// Where the cut-over of a volume stands; `Offline` when none was started.
    #[must_use]
    pub fn step(&self, id: &str) -> CutOverStep {
        self.get(id).map(|s| s.step.clone()).unwrap_or_default()
    }

    /// Forgets a volume's sequence.
    pub fn remove(&mut self, id: &str) -> Option<CutOver> {
        self.sequences.remove(&key(id))
    }

    /// Ids (lower-cased) of the sequences in motion.
    #[must_use]
    pub fn running(&self) -> Vec<String> {
        self.sequences.iter().filter(|(_, s)| s.step.is_running()).map(|(k, _)| k.clone()).collect()
    }

    /// Every sequence, by lower-cased id.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &CutOver)> {
        self.sequences.iter()
    }

    /// Counts by where they stand: (not started, running, done, failed).
    #[must_use]
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        self.sequences.values().fold((0, 0, 0, 0), |(o, r, d, f), s| match s.step {
            CutOverStep::Offline => (o + 1, r, d, f),
            CutOverStep::Done => (o, r, d + 1, f),
            CutOverStep::Failed(_) => (o, r, d, f + 1),
            _ => (o, r + 1, d, f),
        })
    }

    /// The earliest time any running sequence wants something done: how long the driver may
    /// sleep. `None` when nothing runs.
    #[must_use]
    pub fn next_due(&self, now: Timestamp) -> Option<Timestamp> {
        self.sequences
            .values()
            .filter_map(|s| match s.work(now) {
                CutOverWork::Idle => None,
                CutOverWork::ReadStatus { at } => Some(at.max(now)),
                // Operations are watched through the registry: look again at the next tick.
                CutOverWork::AwaitOp(_) => Some(now.plus(Duration::from_secs(1))),
                CutOverWork::CheckBroken | CutOverWork::SendForcedBreak => Some(now),
            })
            .min()
    }
}

#[cfg(test)]
#[path = "cut_over_tests.rs"]
mod tests;
