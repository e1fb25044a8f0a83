//! The SnapMirror relationship's life: baseline, scheduled and on-demand incrementals, resync.

use crate::engine::events::Event;
use crate::engine::operation::Outcome;
use crate::engine::Engine;
use crate::http::ApiError;
use crate::model::key;
use crate::model::replication::{MirrorState, Relationship, Transfer, TransferKind};

impl Engine {
    /// ANF creates the relationship (SVM peering was accepted) and starts the baseline.
    pub(in crate::engine) fn create_relationship(&mut self, vkey: &str) {
        let now = self.now;
        let Some(m) = self.world.volumes.get_mut(vkey).and_then(|v| v.migration.as_mut()) else {
            return;
        };
        if m.relationship.is_some() || !m.authorized {
            return;
        }
        m.relationship = Some(Relationship::new(now));
        self.start_transfer(vkey, None);
    }

    /// Starts the next transfer the relationship needs (baseline if never initialized), finishing
    /// `op` with it. Returns false if a transfer is already running or the state forbids one.
    fn start_transfer(&mut self, vkey: &str, op: Option<&str>) -> bool {
        let now = self.now;
        let Some(vol) = self.world.volumes.get(vkey) else { return false };
        let Some(m) = vol.migration.as_ref() else { return false };
        let Some(rel) = m.relationship.as_ref() else { return false };
        if rel.transfer.is_some() {
            return false;
        }
        let ckey = m.cluster.clone().unwrap_or_else(|| key(&m.remote.external_host_name));
        let source = self
            .world
            .clusters
            .get(&ckey)
            .and_then(|c| c.volume(&m.remote.server_name, &m.remote.volume_name));
        let (writes, used, locked) = source
            .map_or((0, 0, false), |s| (s.writes_at(now), s.logical_used, s.snapshot_locking));
        let kind = match rel.mirror {
            MirrorState::Uninitialized => TransferKind::Baseline,
            MirrorState::Mirrored => TransferKind::Incremental,
            MirrorState::Broken => TransferKind::Resync,
        };
        let bytes = if kind == TransferKind::Baseline {
            used
        } else {
            writes.saturating_sub(rel.snapshot_writes)
        };
        let failure = if rel.released {
            Some("Last transfer error: the SnapMirror relationship was deleted or released on the source cluster.".to_string())
        } else if locked {
            Some(format!(
                "Last transfer error: Transfer failed because snapshot locking is enabled on source volume \"{}:{}\". Turn snapshot locking off on the source volume.",
                m.remote.server_name, m.remote.volume_name
            ))
        } else {
            None
        };
        let mut transfer = Transfer::new(kind, now, bytes, writes, failure);
        transfer.waiting_ops.extend(op.map(str::to_string));
        let ends = transfer.ends_at;
        let Some(rel) = self.relationship_mut(vkey) else { return false };
        rel.transfer = Some(transfer);
        let epoch = rel.epoch;
        self.schedule(ends, Event::TransferEnd { volume: vkey.to_string(), epoch });
        true
    }

    pub(in crate::engine) fn end_transfer(&mut self, vkey: &str, epoch: u64) {
        let now = self.now;
        let Some(rel) = self.relationship_mut(vkey) else { return };
        if rel.epoch != epoch {
            return;
        }
        let Some(t) = rel.transfer.take() else { return };
        let result = match &t.failure {
            Some(msg) => {
                rel.last_error = Some(msg.clone());
                Err(ApiError::new(400, "ReplicationTransferFailed", msg.clone()))
            }
            None => {
                rel.bytes_done += t.bytes;
                rel.snapshot_at = Some(t.started_at);
                rel.snapshot_writes = t.snapshot_writes;
                rel.last_error = None;
                rel.mirror = MirrorState::Mirrored;
                Ok((None, None))
            }
        };
        let schedule =
            self.world.volumes.get(vkey).and_then(|v| v.migration.as_ref()).map(|m| m.schedule);
        for op in t.waiting_ops {
            self.finish_op(&op, result.clone());
        }
        if let Some(s) = schedule {
            self.schedule(s.next_after(now), Event::Scheduled { volume: vkey.to_string(), epoch });
        }
    }

    pub(in crate::engine) fn scheduled_transfer(&mut self, vkey: &str, epoch: u64) {
        let Some(rel) = self.relationship_mut(vkey) else { return };
        if rel.epoch != epoch || rel.mirror == MirrorState::Broken {
            return;
        }
        if self.hold_schedules || !self.start_transfer(vkey, None) {
            // Held, or a transfer is running (e.g. an on-demand one): try again at the next
            // slot.
            if let Some(s) =
                self.world.volumes.get(vkey).and_then(|v| v.migration.as_ref()).map(|m| m.schedule)
            {
                self.schedule(
                    s.next_after(self.now),
                    Event::Scheduled { volume: vkey.to_string(), epoch },
                );
            }
        }
    }

    /// performReplicationTransfer's work: an incremental now (or the baseline again after a
    /// failed one); the operation ends with the transfer.
    pub(in crate::engine) fn begin_transfer_now(
        &mut self,
        vkey: &str,
        op: &str,
    ) -> Result<Outcome, ApiError> {
        let rel = self.relationship_mut(vkey).ok_or_else(ApiError::volume_gone)?;
        if rel.mirror == MirrorState::Broken {
            return Err(ApiError::conflict(
                "ReplicationBroken",
                "The replication is broken; resync it first.",
            ));
        }
        if self.start_transfer(vkey, Some(op)) {
            Ok(Outcome::Waiting)
        } else {
            // One is already running: this request rides along with it.
            let rel = self.relationship_mut(vkey).ok_or_else(ApiError::volume_gone)?;
            if let Some(t) = rel.transfer.as_mut() {
                t.waiting_ops.push(op.to_string());
            }
            Ok(Outcome::Waiting)
        }
    }

    /// resyncReplication's work: discard what was written to the volume during the pause and
    /// bring it back to Mirrored with the source's changes.
    pub(in crate::engine) fn begin_resync(
        &mut self,
        vkey: &str,
        op: &str,
    ) -> Result<Outcome, ApiError> {
        let rel = self.relationship_mut(vkey).ok_or_else(ApiError::volume_gone)?;
        if rel.released {
            return Err(ApiError::new(
                400,
                "ReplicationReleasedOnSource",
                "The SnapMirror relationship was deleted or released on the source cluster after the break; this volume can't be resynchronized.",
            ));
        }
        rel.epoch += 1;
        if let Some(v) = self.world.volumes.get_mut(vkey) {
            v.local_writes = 0;
        }
        self.start_transfer(vkey, Some(op));
        Ok(Outcome::Waiting)
    }

    /// Progress of the transfer an operation waits for, in percent.
    pub(in crate::engine) fn transfer_percent(&self, vkey: &str) -> Option<f64> {
        let t = self
            .world
            .volumes
            .get(vkey)?
            .migration
            .as_ref()?
            .relationship
            .as_ref()?
            .transfer
            .as_ref()?;
        Some(t.done_at(self.now) as f64 * 100.0 / t.bytes.max(1) as f64)
    }

    pub(in crate::engine) fn relationship_mut(&mut self, vkey: &str) -> Option<&mut Relationship> {
        self.world.volumes.get_mut(vkey)?.migration.as_mut()?.relationship.as_mut()
    }
}
