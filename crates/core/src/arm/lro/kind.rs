//! Which operation a poller follows, so a resumed poller can be shown and its result read.

use serde::{Deserialize, Serialize};

/// The long-running operations the console starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OperationKind {
    /// PUT of a (migration) volume.
    CreateVolume,
    /// PATCH of a volume (Volumes_Update), or a PUT that changes an existing one.
    UpdateVolume,
    /// DELETE of a volume.
    DeleteVolume,
    /// POST peerExternalCluster (result: cluster peering command).
    PeerExternalCluster,
    /// POST authorizeExternalReplication (result: SVM peering command).
    AuthorizeExternalReplication,
    /// POST performReplicationTransfer.
    PerformReplicationTransfer,
    /// POST breakReplication.
    BreakReplication,
    /// POST resyncReplication.
    ResyncReplication,
    /// POST finalizeExternalReplication.
    FinalizeExternalReplication,
    /// POST reestablishReplication.
    ReestablishReplication,
    /// POST deleteReplication.
    DeleteReplication,
    /// POST register of a subscription feature or resource provider. ARM answers at once
    /// with the new state (not an async operation); the state is then polled by GET.
    Registration,
}

impl OperationKind {
    /// A label for people.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::CreateVolume => "Create the migration volume",
            Self::UpdateVolume => "Change the volume",
            Self::DeleteVolume => "Delete the volume",
            Self::PeerExternalCluster => "Peer the clusters",
            Self::AuthorizeExternalReplication => "Authorize the SVM peering",
            Self::PerformReplicationTransfer => "Transfer data",
            Self::BreakReplication => "Break the replication (cut over)",
            Self::ResyncReplication => "Resync the replication",
            Self::FinalizeExternalReplication => "Finalize the migration",
            Self::ReestablishReplication => "Re-establish the replication",
            Self::DeleteReplication => "Delete the replication",
            Self::Registration => "Register",
        }
    }

    /// Whether the operation answers with a result the console needs (a command to run on
    /// ONTAP, the registration state), so a lost result body is not a result.
    #[must_use]
    pub const fn has_result(self) -> bool {
        matches!(
            self,
            Self::PeerExternalCluster | Self::AuthorizeExternalReplication | Self::Registration
        )
    }
}
