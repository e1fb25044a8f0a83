//! What an operation the app follows is for, and the ARM call behind each migration action.
//!
//! The operations registry keeps every operation with the key of what it does, in
//! sessionStorage, and views ask it "is a sync running on this volume?". The key is typed here
//! (not a string each view spells), and so is the mapping from the portal's actions to ARM's
//! calls: the view only says which action the user chose.

use super::actions::MigrationAction;
use crate::arm::{Client, ClientError, Poller};
use crate::ids::VolumeId;
use crate::time::Timestamp;
use crate::transport::Transport;
use serde::{Deserialize, Serialize};

/// What an operation does. Serialized as the stable keys earlier versions stored as strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OpAction {
    /// `Volumes_CreateOrUpdate` of the migration volume.
    Create,
    /// `peerExternalCluster`.
    Peer,
    /// `authorizeExternalReplication`.
    Authorize,
    /// Registering the migration assistant feature.
    RegisterFeature,
    /// Registering the Microsoft.NetApp provider.
    RegisterProvider,
    /// Sync now (`performReplicationTransfer`).
    #[serde(rename = "sync")]
    SyncNow,
    /// Dry run (`breakReplication`).
    DryRun,
    /// Resume after a dry run (`resyncReplication`).
    Resume,
    /// The final sync inside a guided cut-over.
    CutOverSync,
    /// The break that ends a guided cut-over.
    #[serde(rename = "cut-over")]
    CutOverBreak,
    /// `finalizeExternalReplication`.
    Finalize,
    /// Cancel the migration: delete the volume.
    Cancel,
    /// A new quota after the migration (`Volumes_Update`).
    ChangeQuota,
    /// A new replication schedule while migrating.
    ChangeSchedule,
}

impl OpAction {
    /// The stable key, as stored and as put in `data-op` attributes.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Peer => "peer",
            Self::Authorize => "authorize",
            Self::RegisterFeature => "register-feature",
            Self::RegisterProvider => "register-provider",
            Self::SyncNow => "sync",
            Self::DryRun => "dry-run",
            Self::Resume => "resume",
            Self::CutOverSync => "cut-over-sync",
            Self::CutOverBreak => "cut-over",
            Self::Finalize => "finalize",
            Self::Cancel => "cancel",
            Self::ChangeQuota => "change-quota",
            Self::ChangeSchedule => "change-schedule",
        }
    }

    /// The portal action this operation is the end of, for what the ledger records and which
    /// button shows as busy. The cut-over's final sync is a step of Cut over, not a Sync now:
    /// the ledger records nothing for it.
    #[must_use]
    pub const fn migration_action(self) -> Option<MigrationAction> {
        match self {
            Self::SyncNow => Some(MigrationAction::SyncNow),
            Self::DryRun => Some(MigrationAction::DryRun),
            Self::Resume => Some(MigrationAction::Resume),
            Self::CutOverBreak => Some(MigrationAction::CutOver),
            Self::Finalize => Some(MigrationAction::Finalize),
            Self::Cancel => Some(MigrationAction::Cancel),
            Self::Create
            | Self::Peer
            | Self::Authorize
            | Self::RegisterFeature
            | Self::RegisterProvider
            | Self::CutOverSync
            | Self::ChangeQuota
            | Self::ChangeSchedule => None,
        }
    }

    /// Whether this operation deletes the volume (the row shows as being deleted meanwhile).
    #[must_use]
    pub const fn deletes_volume(self) -> bool {
        matches!(self, Self::Cancel)
    }
}

/// One ARM call on a migration volume that starts a long-running operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VolumeCall {
    /// `performReplicationTransfer`.
    Transfer,
    /// `breakReplication`; `force` breaks even while a transfer runs.
    Break {
        /// `forceBreakReplication`.
        force: bool,
    },
    /// `resyncReplication`.
    Resync,
    /// `finalizeExternalReplication`.
    Finalize,
    /// `DELETE` of the volume; `force` deletes its replication with it.
    Delete {
        /// `forceDelete`.
        force: bool,
    },
}

impl VolumeCall {
    /// Sends the call on `volume`; the poller follows what it started.
    ///
    /// # Errors
    /// [`ClientError`] when ARM refuses the call or does not answer.
    pub async fn send<T: Transport>(
        self,
        client: &Client<T>,
        volume: &VolumeId,
        now: Timestamp,
    ) -> Result<Poller, ClientError> {
        match self {
            Self::Transfer => client.perform_replication_transfer(volume, now).await,
            Self::Break { force } => client.break_replication(volume, force, now).await,
            Self::Resync => client.resync_replication(volume, now).await,
            Self::Finalize => client.finalize_external_replication(volume, now).await,
            Self::Delete { force } => client.delete_volume(volume, force, now).await,
        }
    }
}

impl MigrationAction {
    /// The operation key and the one ARM call of an action the user starts from a button.
    /// Cut over is a sequence of calls with waits between them ([`super::cut_over`]), so it
    /// has none of its own.
    #[must_use]
    pub const fn call(self) -> Option<(OpAction, VolumeCall)> {
        match self {
            Self::SyncNow => Some((OpAction::SyncNow, VolumeCall::Transfer)),
            // A dry run never forces: a transfer under way is waited for, not cut short.
            Self::DryRun => Some((OpAction::DryRun, VolumeCall::Break { force: false })),
            Self::Resume => Some((OpAction::Resume, VolumeCall::Resync)),
            Self::Finalize => Some((OpAction::Finalize, VolumeCall::Finalize)),
            // Cancelling a migration removes its replication with the volume: forceDelete.
            Self::Cancel => Some((OpAction::Cancel, VolumeCall::Delete { force: true })),
            Self::CutOver => None,
        }
    }

    /// The operation that ends this action, for which button shows as busy.
    #[must_use]
    pub const fn op_action(self) -> OpAction {
        match self {
            Self::SyncNow => OpAction::SyncNow,
            Self::DryRun => OpAction::DryRun,
            Self::Resume => OpAction::Resume,
            Self::CutOver => OpAction::CutOverBreak,
            Self::Finalize => OpAction::Finalize,
            Self::Cancel => OpAction::Cancel,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [OpAction; 14] = [
        OpAction::Create,
        OpAction::Peer,
        OpAction::Authorize,
        OpAction::RegisterFeature,
        OpAction::RegisterProvider,
        OpAction::SyncNow,
        OpAction::DryRun,
        OpAction::Resume,
        OpAction::CutOverSync,
        OpAction::CutOverBreak,
        OpAction::Finalize,
        OpAction::Cancel,
        OpAction::ChangeQuota,
        OpAction::ChangeSchedule,
    ];

    #[test]
    fn keys_are_what_earlier_versions_stored() {
        // Operations kept in sessionStorage by an earlier build must still read.
        for (old, action) in [
            ("sync", OpAction::SyncNow),
            ("dry-run", OpAction::DryRun),
            ("resume", OpAction::Resume),
            ("cut-over", OpAction::CutOverBreak),
            ("cut-over-sync", OpAction::CutOverSync),
            ("finalize", OpAction::Finalize),
            ("cancel", OpAction::Cancel),
            ("peer", OpAction::Peer),
            ("authorize", OpAction::Authorize),
            ("create", OpAction::Create),
            ("register-feature", OpAction::RegisterFeature),
            ("register-provider", OpAction::RegisterProvider),
        ] {
            let parsed: OpAction = serde_json::from_str(&format!("\"{old}\"")).unwrap();
            assert_eq!(parsed, action, "{old}");
        }
        for a in ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.key()));
        }
    }

    #[test]
    fn each_button_maps_to_its_call_and_back() {
        for a in MigrationAction::ALL {
            match a.call() {
                Some((op, _)) => {
                    assert_eq!(op, a.op_action());
                    assert_eq!(op.migration_action(), Some(a));
                }
                None => assert_eq!(a, MigrationAction::CutOver),
            }
            assert_eq!(a.op_action().migration_action(), Some(a));
        }
        assert_eq!(
            MigrationAction::Cancel.call(),
            Some((OpAction::Cancel, VolumeCall::Delete { force: true }))
        );
        assert_eq!(
            MigrationAction::DryRun.call(),
            Some((OpAction::DryRun, VolumeCall::Break { force: false }))
        );
    }

    #[test]
    fn the_final_sync_records_nothing() {
        assert_eq!(OpAction::CutOverSync.migration_action(), None);
        assert!(OpAction::Cancel.deletes_volume());
        assert!(!OpAction::Finalize.deletes_volume());
    }
}
