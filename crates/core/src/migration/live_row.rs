//! One row of the live migrations table: what is known of a volume (the last list, the last
//! status, when each was asked for) and the cells derived from it.
//!
//! Two reads describe a migration and they age differently: the volume list is read for every
//! row on a cadence, `replicationStatus` only for rows in motion. A row shows the newer word
//! of the two ([`newer_status`]), judged by when each request was *sent*: an answer that was
//! asked for before the list and arrived after it is still the older one.

use super::ledger::MigrationLedger;
use super::operation::OpAction;
use super::phase::{derive_phase, Phase};
use super::progress::{format_bytes, format_lag, lag_since, progress_fraction};
use crate::models::{RemotePath, ReplicationStatus, Volume};
use crate::time::Timestamp;
use std::time::Duration;

/// What a cell shows for a value ARM hasn't reported.
pub const UNKNOWN: &str = "—";

/// What is known of one volume, not reactive. Times come from the page's steady clock and are
/// never kept beyond the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawRow {
    /// The volume as last read.
    pub volume: Option<Volume>,
    /// The replication status as last read.
    pub status: Option<ReplicationStatus>,
    /// When the status was last read (successfully or not).
    pub status_read_at: Option<Timestamp>,
    /// When the request that brought the status shown was sent.
    pub status_asked_at: Option<Timestamp>,
    /// When the list that last carried the volume was asked for.
    pub volume_read_at: Option<Timestamp>,
    /// When the row first appeared.
    pub seen_at: Timestamp,
    /// A status read is on its way.
    pub status_busy: bool,
    /// Why the last status read failed.
    pub status_error: Option<String>,
    /// Source size from the migration's metadata (`None` inside: not recorded).
    pub source_bytes: Option<Option<u64>>,
}

impl RawRow {
    /// Whether its replication status may be read now: a migration volume that is not being
    /// created or deleted, with no read already out.
    #[must_use]
    pub fn status_readable(&self) -> bool {
        !self.status_busy
            && self.volume.as_ref().is_some_and(|v| {
                v.is_migration()
                    && !v.properties.provisioning_state.as_ref().is_some_and(|p| p.is_busy())
            })
    }
}

/// How a status read ended, as the row keeps it.
#[derive(Clone, Debug, PartialEq)]
pub enum StatusAnswer {
    /// ARM answered.
    Read(ReplicationStatus),
    /// 404 / 409: no replication (finalized or deleted meanwhile); nothing to read.
    NoReplication,
    /// Failed; ARM's words.
    Failed(String),
}

impl RawRow {
    /// Takes a status read asked at `asked` and answered at `answered`.
    pub fn take_status(&mut self, answer: StatusAnswer, asked: Timestamp, answered: Timestamp) {
        self.status_busy = false;
        self.status_read_at = Some(answered);
        match answer {
            StatusAnswer::Read(s) => {
                self.status_error = None;
                self.status = Some(s);
                self.status_asked_at = Some(asked);
            }
            StatusAnswer::NoReplication => {
                self.status = None;
                self.status_error = None;
            }
            StatusAnswer::Failed(e) => self.status_error = Some(format!("Status not read: {e}")),
        }
    }
}

/// Whether a volume of a pool's list belongs in the migrations table: a migration volume, or
/// one the ledger remembers as one (a finalized migration is a regular volume to ARM).
#[must_use]
pub fn shown_in_table(volume: &Volume, ledger: &MigrationLedger) -> bool {
    volume.is_migration() || volume.id.as_deref().is_some_and(|id| ledger.knows(id))
}

/// The cells of one row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowCells {
    /// Volume name.
    pub name: String,
    /// The source, when known.
    pub source: Option<RemotePath>,
    /// The phase.
    pub phase: Phase,
    /// Mirror state as ARM says it, or [`UNKNOWN`].
    pub mirror: String,
    /// Relationship status, or [`UNKNOWN`].
    pub relationship: String,
    /// Health, when read.
    pub healthy: Option<bool>,
    /// Progress 0-1, when it can be told.
    pub progress: Option<f64>,
    /// Progress in words (bytes).
    pub progress_text: String,
    /// Time since the last transfer seen.
    pub lag: Option<Duration>,
    /// Lag in words.
    pub lag_text: String,
    /// The error to show, if any.
    pub error: Option<String>,
}

/// The cells of the row of volume `id` at wall-clock `now`, from what is known of it, what the
/// ledger remembers and the operation in motion on it (`active`).
#[must_use]
pub fn cells_of(
    id: &str,
    raw: &RawRow,
    ledger: &MigrationLedger,
    active: Option<OpAction>,
    now: Timestamp,
) -> RowCells {
    let mut facts = ledger.facts(id);
    facts.deleting = active.is_some_and(OpAction::deletes_volume);
    let newer = newer_status(raw);
    let status = newer.as_ref().or(raw.status.as_ref());
    let phase = derive_phase(raw.volume.as_ref(), status, &facts);
    let known = ledger.get(id);
    let volume = raw.volume.as_ref();
    let replication = volume.and_then(Volume::replication);
    let name = volume
        .and_then(Volume::short_name)
        .map(str::to_owned)
        .or_else(|| known.map(|k| k.name.clone()))
        .unwrap_or_default();
    let source = replication
        .and_then(|r| r.remote_path.clone())
        .or_else(|| known.and_then(|k| k.source.clone()));
    if phase == Phase::Finalized {
        // A regular volume now: the last status read before the finalize (mirror state,
        // health, bytes, an old error) and the time since its last transfer describe a
        // replication that no longer exists.
        return RowCells {
            name,
            source,
            phase,
            mirror: UNKNOWN.to_owned(),
            relationship: UNKNOWN.to_owned(),
            healthy: None,
            progress: None,
            progress_text: String::new(),
            lag: None,
            lag_text: UNKNOWN.to_owned(),
            error: None,
        };
    }
    let mirror = status
        .and_then(|s| s.mirror_state.clone())
        .or_else(|| replication?.mirror_state.clone())
        .map_or_else(|| UNKNOWN.to_owned(), |m| m.to_string());
    let relationship = status
        .and_then(|s| s.relationship_status.clone())
        .or_else(|| replication?.relationship_status.clone())
        .map_or_else(|| UNKNOWN.to_owned(), |m| m.to_string());
    let quota = volume.map_or(0, |v| v.properties.usage_threshold);
    let source_bytes = raw.source_bytes.flatten();
    let progress = progress_fraction(&phase, status, quota, source_bytes);
    let progress_text = match (&phase, status.and_then(ReplicationStatus::total_progress_bytes)) {
        (Phase::Baseline, Some(b)) => {
            let total = source_bytes.filter(|b| *b > 0).unwrap_or(quota);
            format!("{} of about {}", format_bytes(b), format_bytes(total))
        }
        (_, Some(b)) if b > 0 => format!("{} transferred", format_bytes(b)),
        _ => String::new(),
    };
    let lag = lag_since(known.and_then(|k| k.watch.last_transfer_at), now);
    let lag_text = match (lag, &phase) {
        (Some(d), _) => format_lag(d),
        (None, Phase::Mirrored { .. }) => "not seen yet".to_owned(),
        (None, _) => UNKNOWN.to_owned(),
    };
    let error = match &phase {
        Phase::Failed(e) => Some(e.clone()),
        _ => status.and_then(|s| s.error().map(str::to_owned)),
    }
    .or_else(|| raw.status_error.clone());
    RowCells {
        name,
        source,
        phase,
        mirror,
        relationship,
        healthy: status.and_then(|s| s.healthy),
        progress,
        progress_text,
        lag,
        lag_text,
        error,
    }
}

/// The status with the mirror state and relationship status of a list read after it: statuses
/// of most rows are read far less often than the list, and the newer word wins (a transfer the
/// list shows starting makes the row move, and so its status polled).
#[must_use]
pub fn newer_status(raw: &RawRow) -> Option<ReplicationStatus> {
    let status = raw.status.as_ref()?;
    // By when each request was sent: a failed status read, or a status that was asked for
    // before the list and answered after it, doesn't make an old status look newer.
    let listed_later = match (raw.volume_read_at, raw.status_asked_at) {
        (Some(v), Some(s)) => v > s,
        _ => false,
    };
    let replication = raw.volume.as_ref().and_then(Volume::replication).filter(|_| listed_later)?;
    if replication.mirror_state.is_none() && replication.relationship_status.is_none() {
        return None;
    }
    let mut merged = status.clone();
    if replication.mirror_state.is_some() {
        merged.mirror_state.clone_from(&replication.mirror_state);
    }
    if replication.relationship_status.is_some() {
        merged.relationship_status.clone_from(&replication.relationship_status);
    }
    Some(merged)
}

#[cfg(test)]
#[path = "live_row_tests.rs"]
mod tests;
