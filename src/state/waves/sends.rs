//! Each call of a wave as one operation of the registry: which client call, under which key.
//! The registry refuses a second operation on a volume while one runs, so nothing a wave does
//! can overlap another action on the same volume.

use crate::state::operations::{AlreadyRunning, Operations};
use anf_core::ids::VolumeId;
use anf_core::migration::{OpAction, VolumeCall};
use anf_core::wave::{RunVolume, WaveCall};

/// A call of the cut-over window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WindowCall {
    /// The final sync.
    Sync,
    /// The break.
    Break,
}

fn bad_id(id: &str) -> AlreadyRunning {
    AlreadyRunning { label: format!("the volume id {id} can't be read") }
}

/// Starts `call` on `v` for wave `wave`; the operation's id.
pub(super) fn start_wave_call(
    ops: &Operations,
    wave: &str,
    v: &RunVolume,
    call: WaveCall,
) -> Result<u64, AlreadyRunning> {
    let id = VolumeId::parse(&v.id).map_err(|_| bad_id(&v.id))?;
    let label = format!("Wave {wave}: {} on {}", call.label().to_lowercase(), v.name);
    let action = call.op_action();
    let target = v.id.clone();
    match call {
        WaveCall::Create => {
            let spec = v.spec.clone();
            // If-None-Match: * — never a CreateOrUpdate over a volume of that name.
            ops.start_with(target, action, label, true, move |c, t| async move {
                c.create_migration_volume(&id, &spec, t).await
            })
        }
        WaveCall::Peer => {
            let addresses = v.peer_addresses.clone();
            ops.start_with(target, action, label, true, move |c, t| async move {
                c.peer_external_cluster(&id, &addresses, t).await
            })
        }
        WaveCall::Authorize => {
            ops.start_with(target, action, label, true, move |c, t| async move {
                c.authorize_external_replication(&id, t).await
            })
        }
        WaveCall::Finalize => ops.start_with(target, action, label, true, move |c, t| async move {
            VolumeCall::Finalize.send(&c, &id, t).await
        }),
        // A dry run never forces: a transfer under way is waited for, not cut short.
        WaveCall::DryRun => ops.start_with(target, action, label, true, move |c, t| async move {
            VolumeCall::Break { force: false }.send(&c, &id, t).await
        }),
        WaveCall::Resume => ops.start_with(target, action, label, true, move |c, t| async move {
            VolumeCall::Resync.send(&c, &id, t).await
        }),
    }
}

/// Starts a call of the cut-over window on volume `id` (named `name`).
pub(super) fn start_window_call(
    ops: &Operations,
    wave: &str,
    id: &str,
    name: &str,
    call: WindowCall,
) -> Result<u64, AlreadyRunning> {
    let vid = VolumeId::parse(id).map_err(|_| bad_id(id))?;
    match call {
        WindowCall::Sync => {
            let label = format!("Wave {wave}: cut over, final sync on {name}");
            ops.start_with(id, OpAction::CutOverSync, label, true, move |c, t| async move {
                VolumeCall::Transfer.send(&c, &vid, t).await
            })
        }
        WindowCall::Break => {
            let label = format!("Wave {wave}: cut over, break on {name}");
            ops.start_with(id, OpAction::CutOverBreak, label, true, move |c, t| async move {
                VolumeCall::Break { force: false }.send(&c, &vid, t).await
            })
        }
    }
}
