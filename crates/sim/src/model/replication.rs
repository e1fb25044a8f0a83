//! A SnapMirror relationship from an external volume into an ANF migration volume: baseline,
//! scheduled incrementals, break and resync. Progress is computed from the clock, not stepped,
//! so reading the status of one volume costs the same with 5 or 5,000 volumes.

use serde::{Deserialize, Serialize};

/// Simulated link throughput: 200 MiB/s.
pub const BYTES_PER_SEC: u64 = 200 * 1024 * 1024;
/// Every transfer takes at least this long (snapshot creation, negotiation).
pub const MIN_TRANSFER_MS: u64 = 5_000;

/// `mirrorState`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MirrorState {
    Uninitialized,
    Mirrored,
    Broken,
}

impl MirrorState {
    /// The wire value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Uninitialized => "Uninitialized",
            Self::Mirrored => "Mirrored",
            Self::Broken => "Broken",
        }
    }
}

/// What a transfer is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransferKind {
    Baseline,
    Incremental,
    Resync,
}

/// A transfer in flight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub kind: TransferKind,
    pub started_at: u64,
    pub bytes: u64,
    pub ends_at: u64,
    /// Set when the transfer will fail at `ends_at` (e.g. snapshot locking on the source).
    pub failure: Option<String>,
    /// Source write counter captured by the transfer's snapshot.
    pub snapshot_writes: u64,
    /// Operations (performReplicationTransfer, resync) that finish with this transfer.
    pub waiting_ops: Vec<String>,
}

impl Transfer {
    /// A transfer of `bytes` starting at `t`.
    #[must_use]
    pub fn new(
        kind: TransferKind,
        t: u64,
        bytes: u64,
        snapshot_writes: u64,
        failure: Option<String>,
    ) -> Self {
        let ms = if failure.is_some() {
            MIN_TRANSFER_MS * 2
        } else {
            bytes.saturating_mul(1000) / BYTES_PER_SEC
        };
        Self {
            kind,
            started_at: t,
            bytes,
            ends_at: t + ms.max(MIN_TRANSFER_MS),
            failure,
            snapshot_writes,
            waiting_ops: Vec::new(),
        }
    }

    /// Bytes moved by time `t`.
    #[must_use]
    pub fn done_at(&self, t: u64) -> u64 {
        if self.failure.is_some() {
            return 0;
        }
        let span = self.ends_at - self.started_at;
        let elapsed = t.saturating_sub(self.started_at).min(span);
        ((u128::from(self.bytes) * u128::from(elapsed)) / u128::from(span.max(1))) as u64
    }
}

/// The relationship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    pub created_at: u64,
    pub mirror: MirrorState,
    pub transfer: Option<Transfer>,
    /// Bytes of all finished transfers.
    pub bytes_done: u64,
    /// Simulated time of the last successful transfer's snapshot (for lag).
    pub snapshot_at: Option<u64>,
    /// Source write counter at that snapshot.
    pub snapshot_writes: u64,
    pub last_error: Option<String>,
    /// `snapmirror delete`/`release` ran on the source: the relationship can't be used again.
    pub released: bool,
    /// Bumped whenever scheduled events for this relationship become stale.
    pub epoch: u64,
    /// `deleteReplication` (the portal's cut-over) removed it; finalize still converts the volume.
    #[serde(default)]
    pub deleted_at: Option<u64>,
}

impl Relationship {
    /// A new, uninitialized relationship.
    #[must_use]
    pub fn new(t: u64) -> Self {
        Self {
            created_at: t,
            mirror: MirrorState::Uninitialized,
            transfer: None,
            bytes_done: 0,
            snapshot_at: None,
            snapshot_writes: 0,
            last_error: None,
            released: false,
            epoch: 0,
            deleted_at: None,
        }
    }

    /// `totalProgress`: bytes transferred over the relationship's life, growing during a transfer.
    #[must_use]
    pub fn total_progress(&self, t: u64) -> u64 {
        self.bytes_done + self.transfer.as_ref().map_or(0, |x| x.done_at(t))
    }

    /// `relationshipStatus`.
    #[must_use]
    pub fn status(&self) -> &'static str {
        if self.transfer.is_some() {
            "Transferring"
        } else {
            "Idle"
        }
    }

    /// `healthy`.
    #[must_use]
    pub fn healthy(&self) -> bool {
        self.last_error.is_none() && !self.released
    }

    /// Seconds since the last successful snapshot, as `snapmirror show` reports lag.
    #[must_use]
    pub fn lag_secs(&self, t: u64) -> Option<u64> {
        self.snapshot_at.map(|s| t.saturating_sub(s) / 1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_grows_linearly_and_caps() {
        let gib = 1024 * 1024 * 1024;
        let x = Transfer::new(TransferKind::Baseline, 1_000, 2 * gib, 0, None);
        assert_eq!(x.ends_at - x.started_at, 10_240);
        assert_eq!(x.done_at(1_000), 0);
        assert_eq!(x.done_at(1_000 + 5_120), gib);
        assert_eq!(x.done_at(u64::MAX), 2 * gib);
        let failing = Transfer::new(TransferKind::Baseline, 0, gib, 0, Some("e".into()));
        assert_eq!(failing.done_at(failing.ends_at), 0);
    }
}
