//! How often the migrations table asks ARM, and about which volumes.
//!
//! ARM is shared and throttled: the table polls only volumes in motion, fast while data moves
//! or peering goes on (the user waits and watches), slowly when everything is idle, not at all
//! while the tab is hidden, and later still when the rate-limit budget runs low.

use super::phase::{Phase, PhaseKind};
use crate::arm::retry::RequestKind;
use crate::arm::RateLimitBudget;
use crate::time::Timestamp;
use std::time::Duration;

/// Cadence while something transfers, peers, is created or deleted.
pub const FAST_POLL: Duration = Duration::from_secs(5);
/// Cadence when everything is idle (only the volume list is read).
pub const SLOW_POLL: Duration = Duration::from_secs(60);
/// How old an idle volume's replication status may get before it is read again (health and
/// errors only show there).
pub const IDLE_STATUS_EVERY: Duration = Duration::from_secs(300);
/// Below this many remaining reads, the cadence is stretched.
const BUDGET_TIGHT: u64 = 100;

/// How much a row calls for polling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Motion {
    /// Settled: finalized, paused, cut over, failed, idle.
    Still,
    /// Its status is read at the slow cadence.
    Idle,
    /// Something happens: poll fast.
    Moving,
}

/// The motion of a row in `phase`, with or without an operation in flight on it.
#[must_use]
pub fn motion(phase: &Phase, in_flight: bool) -> Motion {
    if in_flight {
        return Motion::Moving;
    }
    match phase.kind() {
        PhaseKind::Unknown
        | PhaseKind::Creating
        | PhaseKind::Peering
        | PhaseKind::Baseline
        | PhaseKind::Deleting => Motion::Moving,
        PhaseKind::Mirrored if phase.is_transferring() => Motion::Moving,
        PhaseKind::Mirrored | PhaseKind::Failed => Motion::Idle,
        PhaseKind::PausedForDryRun | PhaseKind::CutOver | PhaseKind::Finalized => Motion::Still,
    }
}

/// The wait before the next refresh, or `None` for no automatic refresh (hidden tab).
#[must_use]
pub fn next_poll_delay(
    motions: impl IntoIterator<Item = Motion>,
    hidden: bool,
    budget: &RateLimitBudget,
) -> Option<Duration> {
    if hidden {
        return None;
    }
    let moving = motions.into_iter().any(|m| m == Motion::Moving);
    let base = if moving { FAST_POLL } else { SLOW_POLL };
    let stretched = match budget.lowest(RequestKind::Read) {
        Some(left) if left < BUDGET_TIGHT => base * 4,
        _ => base,
    };
    Some(budget.read_delay().map_or(stretched, |d| stretched.max(d)))
}

/// Whether a row's replication status should be read at this refresh: always when it moves or
/// has never been read, every [`IDLE_STATUS_EVERY`] when idle, never when still (a manual
/// refresh passes `force`).
#[must_use]
pub fn status_due(m: Motion, last_read: Option<Timestamp>, now: Timestamp, force: bool) -> bool {
    match (m, last_read) {
        (_, None) | (Motion::Moving, _) => true,
        (Motion::Idle, Some(t)) => force || now.since(t) >= IDLE_STATUS_EVERY,
        (Motion::Still, Some(_)) => force,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::PeeringStep;

    fn budget(reads: u64) -> RateLimitBudget {
        let mut b = RateLimitBudget::default();
        b.remaining.insert("subscription-reads".into(), reads);
        b
    }

    #[test]
    fn motion_per_phase() {
        assert_eq!(motion(&Phase::Baseline, false), Motion::Moving);
        assert_eq!(motion(&Phase::Peering(PeeringStep::ClusterPeerPending), false), Motion::Moving);
        assert_eq!(motion(&Phase::Mirrored { transferring: true }, false), Motion::Moving);
        assert_eq!(motion(&Phase::Mirrored { transferring: false }, false), Motion::Idle);
        assert_eq!(motion(&Phase::Mirrored { transferring: false }, true), Motion::Moving);
        assert_eq!(motion(&Phase::Finalized, false), Motion::Still);
        assert_eq!(motion(&Phase::Deleting, false), Motion::Moving);
        assert_eq!(motion(&Phase::CutOver, false), Motion::Still);
    }

    #[test]
    fn fast_when_moving_slow_when_idle_none_when_hidden() {
        let b = RateLimitBudget::default();
        assert_eq!(next_poll_delay([Motion::Idle, Motion::Moving], false, &b), Some(FAST_POLL));
        assert_eq!(next_poll_delay([Motion::Idle, Motion::Still], false, &b), Some(SLOW_POLL));
        assert_eq!(next_poll_delay([], false, &b), Some(SLOW_POLL));
        assert_eq!(next_poll_delay([Motion::Moving], true, &b), None);
    }

    #[test]
    fn a_low_budget_slows_down() {
        assert_eq!(next_poll_delay([Motion::Moving], false, &budget(5_000)), Some(FAST_POLL));
        assert_eq!(next_poll_delay([Motion::Moving], false, &budget(50)), Some(FAST_POLL * 4));
        // At the low-water mark the refill time wins when it is longer.
        let d = next_poll_delay([Motion::Moving], false, &budget(0)).unwrap();
        assert!(d >= FAST_POLL * 4, "{d:?}");
        let d = next_poll_delay([Motion::Still], false, &budget(0)).unwrap();
        assert!(d >= SLOW_POLL * 4, "{d:?}");
    }

    #[test]
    fn which_statuses_are_read() {
        let t = Timestamp::from_secs(1_000);
        assert!(status_due(Motion::Still, None, t, false));
        assert!(status_due(Motion::Moving, Some(t), t, false));
        assert!(!status_due(Motion::Idle, Some(t), t.plus(Duration::from_secs(10)), false));
        assert!(status_due(Motion::Idle, Some(t), t.plus(IDLE_STATUS_EVERY), false));
        assert!(status_due(Motion::Idle, Some(t), t, true));
        assert!(!status_due(Motion::Still, Some(t), t.plus(IDLE_STATUS_EVERY * 10), false));
        assert!(status_due(Motion::Still, Some(t), t, true));
    }
}
