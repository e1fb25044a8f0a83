//! What a migration row needs from ARM to stay current.
//!
//! ARM is shared and throttled. The volume list (one read per page of 100) already carries the
//! provisioning state, the set-up step, the mirror state and the relationship status, so rows
//! whose state lives there (peering, creating, deleting) are followed through the list alone.
//! `replicationStatus` (one read per volume) adds progress, health and errors: it is read
//! repeatedly only for rows that move. How many reads a tick may spend is decided by
//! [`super::read_budget::ReadPlanner`].

use super::phase::{Phase, PhaseKind};
use std::time::Duration;

/// The shortest gap between two reads of one thing (a moving row's status, the list while
/// something moves): a few migrations feel live.
pub const FAST_POLL: Duration = Duration::from_secs(5);
/// The list's cadence when nothing moves.
pub const SLOW_POLL: Duration = Duration::from_secs(60);
/// How old an idle row's status may get before it is read again, and then only with reads
/// that no moving row needs (health and errors only show there).
pub const IDLE_STATUS_EVERY: Duration = Duration::from_secs(300);

/// How much a row calls for polling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Motion {
    /// At rest for good until someone acts: paused for a dry run, cut over, finalized. Its
    /// status is read once, to fill in what is shown.
    Still,
    /// At rest until the next scheduled transfer (mirrored, failed): the list shows when a
    /// transfer starts; the status is re-read only with spare reads.
    Idle,
    /// Its state shows in the volume list (peering, creating, deleting): the list follows it,
    /// its status says nothing more.
    Listed,
    /// Data moves or its state is unknown: its status is polled.
    Moving,
}

/// The motion of a row in `phase`, with or without an operation in flight on it.
#[must_use]
pub fn motion(phase: &Phase, in_flight: bool) -> Motion {
    if in_flight {
        return Motion::Moving;
    }
    match phase.kind() {
        PhaseKind::Unknown | PhaseKind::Baseline => Motion::Moving,
        PhaseKind::Mirrored if phase.is_transferring() => Motion::Moving,
        PhaseKind::Creating | PhaseKind::Peering | PhaseKind::Deleting => Motion::Listed,
        PhaseKind::Mirrored | PhaseKind::Failed => Motion::Idle,
        PhaseKind::PausedForDryRun | PhaseKind::CutOver | PhaseKind::Finalized => Motion::Still,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::PeeringStep;

    #[test]
    fn motion_per_phase() {
        assert_eq!(motion(&Phase::Baseline, false), Motion::Moving);
        assert_eq!(motion(&Phase::Unknown, false), Motion::Moving);
        assert_eq!(motion(&Phase::Peering(PeeringStep::ClusterPeerPending), false), Motion::Listed);
        assert_eq!(motion(&Phase::Creating, false), Motion::Listed);
        assert_eq!(motion(&Phase::Deleting, false), Motion::Listed);
        assert_eq!(motion(&Phase::Mirrored { transferring: true }, false), Motion::Moving);
        assert_eq!(motion(&Phase::Mirrored { transferring: false }, false), Motion::Idle);
        assert_eq!(motion(&Phase::Failed("x".into()), false), Motion::Idle);
        assert_eq!(motion(&Phase::Finalized, false), Motion::Still);
        assert_eq!(motion(&Phase::CutOver, false), Motion::Still);
        assert_eq!(motion(&Phase::PausedForDryRun, false), Motion::Still);
        // An operation in flight makes any row move.
        assert_eq!(motion(&Phase::Mirrored { transferring: false }, true), Motion::Moving);
        assert_eq!(motion(&Phase::Finalized, true), Motion::Moving);
    }
}
