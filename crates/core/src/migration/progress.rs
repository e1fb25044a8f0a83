//! Transfer progress and lag, as far as ARM lets the console know them.
//!
//! `totalProgress` counts the bytes moved over the relationship's life, so during the baseline
//! it compares with the size of what is copied: the source's logical size when the user gave
//! it, else the volume's quota (an upper bound, so the bar errs on the slow side). ARM reports
//! no time of the last transfer; the console notes when it saw one end ([`TransferWatch`]).

use super::phase::Phase;
use crate::models::ReplicationStatus;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How far the migration's data has come, 0.0 to 1.0; `None` when it can't be told (e.g. an
/// update is transferring, or nothing is known yet).
#[must_use]
pub fn progress_fraction(
    phase: &Phase,
    status: Option<&ReplicationStatus>,
    quota_bytes: u64,
    source_bytes: Option<u64>,
) -> Option<f64> {
    match phase {
        Phase::Baseline => {
            let done = status?.total_progress_bytes()?;
            let total = source_bytes.filter(|b| *b > 0).unwrap_or(quota_bytes);
            if total == 0 {
                return None;
            }
            #[allow(clippy::cast_precision_loss)]
            Some((done as f64 / total as f64).clamp(0.0, 1.0))
        }
        Phase::Mirrored { transferring: false }
        | Phase::PausedForDryRun
        | Phase::CutOver
        | Phase::Finalized => Some(1.0),
        Phase::Peering(_) | Phase::Creating => Some(0.0),
        _ => None,
    }
}

/// Time since `last_transfer`, if the console saw one.
#[must_use]
pub fn lag_since(last_transfer: Option<Timestamp>, now: Timestamp) -> Option<Duration> {
    last_transfer.map(|t| now.since(t))
}

/// What the console saw of a volume's transfers, to tell when the last one ended.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferWatch {
    /// A transfer was running at the last observation.
    pub was_transferring: bool,
    /// `totalProgress` at the last observation.
    pub last_progress: Option<u64>,
    /// When a transfer was last seen to end (or to have happened between two looks).
    pub last_transfer_at: Option<Timestamp>,
}

impl TransferWatch {
    /// Takes one observation; returns true when it recorded the end of a transfer.
    pub fn observe(&mut self, status: &ReplicationStatus, now: Timestamp) -> bool {
        let transferring =
            status.relationship_status == Some(crate::models::RelationshipStatus::Transferring);
        let progress = status.total_progress_bytes();
        let moved = matches!((self.last_progress, progress), (Some(a), Some(b)) if b > a);
        let ended = !transferring && (self.was_transferring || moved) && status.error().is_none();
        if ended {
            self.last_transfer_at = Some(now);
        }
        self.was_transferring = transferring;
        if progress.is_some() {
            self.last_progress = progress;
        }
        ended
    }
}

/// Bytes in binary units, e.g. `1.5 GiB`.
#[must_use]
pub fn format_bytes(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    #[allow(clippy::cast_precision_loss)]
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else if v >= 100.0 {
        format!("{v:.0} {}", UNITS[unit])
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// A lag in words: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
#[must_use]
pub fn format_lag(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=59 => format!("{s} s"),
        60..=3_599 => format!("{} min", s / 60),
        3_600..=86_399 => format!("{} h {} min", s / 3_600, (s % 3_600) / 60),
        _ => format!("{} d {} h", s / 86_400, (s % 86_400) / 3_600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::PeeringStep;

    fn status(rel: &str, progress: &str) -> ReplicationStatus {
        ReplicationStatus {
            healthy: Some(true),
            relationship_status: Some(rel.into()),
            mirror_state: Some("Mirrored".into()),
            total_progress: Some(progress.into()),
            error_message: Some(String::new()),
        }
    }

    #[test]
    fn baseline_against_source_size_or_quota() {
        let s = status("Transferring", "250");
        assert_eq!(progress_fraction(&Phase::Baseline, Some(&s), 1000, None), Some(0.25));
        assert_eq!(progress_fraction(&Phase::Baseline, Some(&s), 1000, Some(500)), Some(0.5));
        assert_eq!(progress_fraction(&Phase::Baseline, Some(&s), 1000, Some(0)), Some(0.25));
        assert_eq!(progress_fraction(&Phase::Baseline, Some(&s), 100, None), Some(1.0));
        assert_eq!(progress_fraction(&Phase::Baseline, None, 1000, None), None);
        assert_eq!(progress_fraction(&Phase::Baseline, Some(&s), 0, None), None);
    }

    #[test]
    fn other_phases() {
        let s = status("Transferring", "250");
        let t = Phase::Mirrored { transferring: true };
        assert_eq!(progress_fraction(&t, Some(&s), 1000, None), None);
        let idle = Phase::Mirrored { transferring: false };
        assert_eq!(progress_fraction(&idle, None, 1000, None), Some(1.0));
        assert_eq!(progress_fraction(&Phase::CutOver, None, 1000, None), Some(1.0));
        let p = Phase::Peering(PeeringStep::SvmPeerRequired);
        assert_eq!(progress_fraction(&p, None, 1000, None), Some(0.0));
        assert_eq!(progress_fraction(&Phase::Failed("x".into()), None, 1000, None), None);
    }

    #[test]
    fn watch_sees_transfers_end_or_happen_between_looks() {
        let mut w = TransferWatch::default();
        assert!(!w.observe(&status("Idle", "100"), Timestamp(1_000)));
        assert_eq!(lag_since(w.last_transfer_at, Timestamp(2_000)), None);
        assert!(!w.observe(&status("Transferring", "150"), Timestamp(2_000)));
        assert!(w.observe(&status("Idle", "200"), Timestamp(3_000)));
        assert_eq!(lag_since(w.last_transfer_at, Timestamp(63_000)), Some(Duration::from_secs(60)));
        // A whole transfer between two looks: progress grew while both looks were idle.
        assert!(w.observe(&status("Idle", "300"), Timestamp(90_000)));
        assert_eq!(w.last_transfer_at, Some(Timestamp(90_000)));
        assert!(!w.observe(&status("Idle", "300"), Timestamp(95_000)));
        // A failed transfer is not a transfer.
        w.observe(&status("Transferring", "300"), Timestamp(96_000));
        let mut failed = status("Idle", "300");
        failed.error_message = Some("Last transfer error: x".into());
        assert!(!w.observe(&failed, Timestamp(97_000)));
        assert_eq!(w.last_transfer_at, Some(Timestamp(90_000)));
    }

    #[test]
    fn formats() {
        assert_eq!(format_bytes(512), "512 B");
        assert_eq!(format_bytes(1536), "1.5 KiB");
        assert_eq!(format_bytes(100 * 1024 * 1024 * 1024), "100 GiB");
        assert_eq!(format_lag(Duration::from_secs(45)), "45 s");
        assert_eq!(format_lag(Duration::from_secs(12 * 60 + 5)), "12 min");
        assert_eq!(format_lag(Duration::from_secs(3 * 3600 + 300)), "3 h 5 min");
        assert_eq!(format_lag(Duration::from_secs(2 * 86_400 + 4 * 3600)), "2 d 4 h");
    }
}
