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
    /// The first request was refused, or never answered.
    NotStarted {
        /// ARM's error, or a description of what went wrong.
        error: Box<ArmError>,
    },
    /// The page was reloaded before ARM answered the first request: it may or may not have
    /// started. The target's own state says which.
    Unknown,
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
