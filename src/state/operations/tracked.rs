//! One operation as the registry keeps it (in sessionStorage, with its poller).

use anf_core::arm::{ArmError, LroOutcome, Poller};
use anf_core::migration::OpAction;
use anf_core::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Where an operation stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum OpState {
    /// The first request is on its way.
    Starting,
    /// Accepted by ARM; being polled.
    Running {
        /// The poller, resumable.
        poller: Box<Poller>,
    },
    /// Ended (succeeded, failed or canceled), as ARM said.
    Done {
        /// How.
        outcome: Box<LroOutcome>,
    },
    /// The first request was refused (ARM answered an error, or there was no token to send
    /// it with): nothing started.
    NotStarted {
        /// ARM's error, or a description of what went wrong.
        error: Box<ArmError>,
    },
    /// It is not known whether the first request started anything: the page was reloaded
    /// before ARM answered it, or the answer was lost (the connection dropped, no answer in
    /// time, a body cut off). Azure may have applied it, so it is never sent again by itself
    /// nor called failed; the target's own state says what happened.
    Unknown {
        /// What became of the answer, when it was lost rather than left behind by a reload.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lost: Option<String>,
    },
}

/// One operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackedOperation {
    /// Identity in this session.
    pub id: u64,
    /// What it acts on: a volume id, or a subscription id.
    pub target: String,
    /// What it does, for enabling buttons and for history.
    pub action: OpAction,
    /// What the user sees, e.g. "Sync now on vol1".
    pub label: String,
    /// When the user started it.
    pub started_at: Timestamp,
    /// When it ended.
    pub finished_at: Option<Timestamp>,
    /// Where it stands.
    pub state: OpState,
    /// Started by a wave, whose page shows every outcome: no notification of its own.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quiet: bool,
}

impl TrackedOperation {
    /// Still in motion.
    #[must_use]
    pub fn is_active(&self) -> bool {
        matches!(self.state, OpState::Starting | OpState::Running { .. })
    }

    /// Ended well.
    #[must_use]
    pub fn succeeded(&self) -> bool {
        matches!(&self.state, OpState::Done { outcome } if matches!(**outcome, LroOutcome::Succeeded { .. }))
    }

    /// Ended canceled, as ARM said.
    #[must_use]
    pub fn canceled(&self) -> bool {
        matches!(&self.state, OpState::Done { outcome } if matches!(**outcome, LroOutcome::Canceled { .. }))
    }

    /// ARM refused the first request: nothing started ([`OpState::NotStarted`]).
    #[must_use]
    pub fn not_started(&self) -> bool {
        matches!(self.state, OpState::NotStarted { .. })
    }

    /// Whether it is unknown if the operation started ([`OpState::Unknown`]).
    #[must_use]
    pub fn outcome_unknown(&self) -> bool {
        matches!(self.state, OpState::Unknown { .. })
    }

    /// While it runs and its last status reads got no usable answer (the line to Azure is
    /// bad): what that means, in words. The operation goes on in Azure meanwhile.
    #[must_use]
    pub fn unread_note(&self) -> Option<String> {
        let OpState::Running { poller } = &self.state else { return None };
        let reads = match poller.transient_errors() {
            0 => return None,
            1 => "read".to_owned(),
            n => format!("{n} reads"),
        };
        Some(format!(
            "The last status {reads} got no usable answer from Azure; the operation goes on there, and the console keeps asking."
        ))
    }

    /// The result body of a succeeded operation.
    #[must_use]
    pub fn result(&self) -> Option<serde_json::Value> {
        match &self.state {
            OpState::Done { outcome } => match &**outcome {
                LroOutcome::Succeeded { result } => result.clone(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The error of a failed, canceled or refused operation.
    #[must_use]
    pub fn error(&self) -> Option<&ArmError> {
        match &self.state {
            OpState::Done { outcome } => match &**outcome {
                LroOutcome::Failed { error } => Some(error),
                LroOutcome::Canceled { error } => error.as_ref(),
                LroOutcome::Succeeded { .. } => None,
            },
            OpState::NotStarted { error } => Some(error),
            _ => None,
        }
    }

    /// Percent complete, when ARM says.
    #[must_use]
    pub fn percent(&self) -> Option<f64> {
        match &self.state {
            OpState::Running { poller } => poller.percent_complete(),
            _ => None,
        }
    }
}

/// Why an operation was not started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlreadyRunning {
    /// The label of the one in the way.
    pub label: String,
}

/// Drops the finished operations that ended first until `keep` finished ones are left; those in
/// motion always stay. The earliest ended go first, not the earliest started: an operation that
/// just ended stays until what follows it (a wave's driver, on its next turn) has read how it
/// ended. Dropping by start order, with the list full of a wave's running creates, dropped
/// each create as it ended, before the driver could see it succeed. Two are never dropped:
/// one with no end time (made unknown by a reload before `finished_at` was kept for them: it
/// counts as just ended, since the cut-overs still have to read it), and the one with the
/// highest id, which the next operation's id follows, so an id is never given twice.
pub fn trim_finished(list: &mut Vec<TrackedOperation>, keep: usize) {
    let newest = list.iter().map(|o| o.id).max();
    let mut ended: Vec<(Timestamp, u64)> = list
        .iter()
        .filter(|o| !o.is_active() && Some(o.id) != newest)
        .filter_map(|o| o.finished_at.map(|at| (at, o.id)))
        .collect();
    let finished = list.iter().filter(|o| !o.is_active()).count();
    let over = finished.saturating_sub(keep).min(ended.len());
    if over == 0 {
        return;
    }
    ended.sort_unstable();
    let gone: std::collections::HashSet<u64> = ended[..over].iter().map(|(_, id)| *id).collect();
    list.retain(|o| !gone.contains(&o.id));
}
