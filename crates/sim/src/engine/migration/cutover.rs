//! Break (the volume becomes read-write), finalize (the volume becomes a regular one), and what
//! `snapmirror delete`/`release` on the source do to a broken relationship.

use crate::engine::operation::Outcome;
use crate::engine::Engine;
use crate::http::ApiError;
use crate::model::key;
use crate::model::replication::MirrorState;

impl Engine {
    pub(in crate::engine) fn complete_break(
        &mut self,
        vkey: &str,
        force: bool,
    ) -> Result<Outcome, ApiError> {
        let now = self.now;
        let rel = self.relationship_mut(vkey).ok_or_else(ApiError::volume_gone)?;
        if let Some(t) = rel.transfer.take() {
            if !force {
                rel.transfer = Some(t);
                return Err(ApiError::transfer_in_progress());
            }
            // A forced break keeps what already arrived and abandons the rest.
            rel.bytes_done += t.done_at(now);
            let waiting = t.waiting_ops;
            rel.mirror = MirrorState::Broken;
            rel.epoch += 1;
            for op in waiting {
                self.finish_op(
                    &op,
                    Err(ApiError::new(
                        409,
                        "ReplicationBroken",
                        "The transfer was aborted by a forced break.",
                    )),
                );
            }
        } else {
            rel.mirror = MirrorState::Broken;
            rel.epoch += 1;
        }
        Ok(Outcome::Done(None, None))
    }

    pub(in crate::engine) fn complete_finalize(&mut self, vkey: &str) -> Result<Outcome, ApiError> {
        let vol = self.world.volumes.get(vkey).ok_or_else(ApiError::volume_gone)?;
        let m = vol.migration.as_ref().ok_or_else(ApiError::not_migration_volume)?;
        if m.relationship.as_ref().is_some_and(|r| r.released) {
            return Err(ApiError::released_on_source());
        }
        let backend = vol.backend.clone().unwrap_or_default();
        let ckey = m.cluster.clone().unwrap_or_else(|| key(&m.remote.external_host_name));
        let svm = m.remote.server_name.clone();
        let now = self.now;
        if let Some(v) = self.world.volumes.get_mut(vkey) {
            // The data stays in the volume when the migration is gone (a shrink is held to it).
            v.extras.data_bytes = v.used_bytes(now) - v.local_writes;
            v.migration = None;
        }
        self.release_peering(&backend, &ckey, &svm);
        Ok(Outcome::Done(None, None))
    }

    /// deleteReplication (cut-over): the relationship is removed, and the peering with it when
    /// no other migration uses it; the volume stays a migration volume until finalized.
    pub(in crate::engine) fn complete_delete_replication(
        &mut self,
        vkey: &str,
    ) -> Result<Outcome, ApiError> {
        let now = self.now;
        let vol = self.world.volumes.get(vkey).ok_or_else(ApiError::volume_gone)?;
        let m = vol.migration.as_ref().ok_or_else(ApiError::not_migration_volume)?;
        let backend = vol.backend.clone().unwrap_or_default();
        let ckey = m.cluster.clone().unwrap_or_else(|| key(&m.remote.external_host_name));
        let svm = m.remote.server_name.clone();
        let rel = self.relationship_mut(vkey).ok_or_else(ApiError::volume_gone)?;
        rel.deleted_at = Some(now);
        rel.epoch += 1;
        rel.transfer = None;
        self.release_peering(&backend, &ckey, &svm);
        Ok(Outcome::Done(None, None))
    }

    /// `snapmirror delete`/`release` on the source for the relationship into `vkey`.
    pub(in crate::engine) fn release_on_source(&mut self, vkey: &str) {
        if let Some(rel) = self.relationship_mut(vkey) {
            rel.released = true;
            rel.epoch += 1;
            rel.transfer = None;
            rel.last_error = Some(
                "Last transfer error: the SnapMirror relationship was deleted or released on the source cluster; this volume can't be resynchronized or finalized.".into(),
            );
        }
    }
}
