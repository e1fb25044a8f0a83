//! The phase of a migration, derived from ARM's view of the volume and what the console knows.

use crate::models::{
    ExternalReplicationSetupStatus, MirrorState, ProvisioningState, RelationshipStatus,
    ReplicationStatus, Volume,
};
use serde::{Deserialize, Serialize};

/// Which set-up step a migration volume waits for while peering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeeringStep {
    /// The cluster peering must be started (intercluster LIF addresses).
    ClusterPeerRequired,
    /// The peering offer waits for `cluster peer create` on the source.
    ClusterPeerPending,
    /// The SVM peering must be authorized and accepted on the source.
    SvmPeerRequired,
    /// Peering is done; ANF is creating the SnapMirror relationship.
    ReplicationCreating,
    /// The api-version does not report the step (2025-12-01): nothing has been transferred yet.
    Unknown,
}

impl PeeringStep {
    /// What the step means, for people.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::ClusterPeerRequired => "cluster peering required",
            Self::ClusterPeerPending => "waiting for the peering command on the source",
            Self::SvmPeerRequired => "SVM peering required",
            Self::ReplicationCreating => "creating the replication",
            Self::Unknown => "waiting for peering",
        }
    }
}

/// Where a migration stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The status has not been read yet.
    Unknown,
    /// The volume is being created.
    Creating,
    /// Cluster and SVM peering, step by step.
    Peering(PeeringStep),
    /// The baseline transfer (first full copy) runs or is about to.
    Baseline,
    /// The baseline is done; updates follow the schedule. `transferring` while one runs.
    Mirrored {
        /// An update transfer is running.
        transferring: bool,
    },
    /// The relationship was broken for a dry run: the volume is read-write, the source online.
    PausedForDryRun,
    /// The relationship was broken after the cut-over sequence: ready to finalize.
    CutOver,
    /// The volume is a regular volume now.
    Finalized,
    /// Something needs attention; the text says what.
    Failed(String),
    /// The volume is being deleted.
    Deleting,
}

/// [`Phase`] without its data: for filters and counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PhaseKind {
    /// See [`Phase::Unknown`].
    Unknown,
    /// See [`Phase::Creating`].
    Creating,
    /// See [`Phase::Peering`].
    Peering,
    /// See [`Phase::Baseline`].
    Baseline,
    /// See [`Phase::Mirrored`].
    Mirrored,
    /// See [`Phase::PausedForDryRun`].
    PausedForDryRun,
    /// See [`Phase::CutOver`].
    CutOver,
    /// See [`Phase::Finalized`].
    Finalized,
    /// See [`Phase::Failed`].
    Failed,
    /// See [`Phase::Deleting`].
    Deleting,
}

impl PhaseKind {
    /// Every kind, in the order a migration goes through them.
    pub const ALL: [Self; 10] = [
        Self::Unknown,
        Self::Creating,
        Self::Peering,
        Self::Baseline,
        Self::Mirrored,
        Self::PausedForDryRun,
        Self::CutOver,
        Self::Finalized,
        Self::Failed,
        Self::Deleting,
    ];

    /// A short label.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Unknown => "Checking",
            Self::Creating => "Creating",
            Self::Peering => "Peering",
            Self::Baseline => "Baseline",
            Self::Mirrored => "Mirrored",
            Self::PausedForDryRun => "Paused for dry run",
            Self::CutOver => "Cut over",
            Self::Finalized => "Finalized",
            Self::Failed => "Failed",
            Self::Deleting => "Deleting",
        }
    }
}

impl Phase {
    /// The kind of phase.
    #[must_use]
    pub const fn kind(&self) -> PhaseKind {
        match self {
            Self::Unknown => PhaseKind::Unknown,
            Self::Creating => PhaseKind::Creating,
            Self::Peering(_) => PhaseKind::Peering,
            Self::Baseline => PhaseKind::Baseline,
            Self::Mirrored { .. } => PhaseKind::Mirrored,
            Self::PausedForDryRun => PhaseKind::PausedForDryRun,
            Self::CutOver => PhaseKind::CutOver,
            Self::Finalized => PhaseKind::Finalized,
            Self::Failed(_) => PhaseKind::Failed,
            Self::Deleting => PhaseKind::Deleting,
        }
    }

    /// The phase in a few words, with the peering step or transfer when there is one.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::Peering(step) => format!("Peering: {}", step.label()),
            Self::Baseline => "Baseline transfer".to_owned(),
            Self::Mirrored { transferring: true } => "Mirrored, transferring an update".to_owned(),
            Self::Mirrored { transferring: false } => "Mirrored, idle".to_owned(),
            other => other.kind().label().to_owned(),
        }
    }

    /// Whether data is moving right now.
    #[must_use]
    pub const fn is_transferring(&self) -> bool {
        matches!(self, Self::Baseline | Self::Mirrored { transferring: true })
    }

    /// What clients can do with the volume, in words, where the phase says it: a replication
    /// destination is read-only; a break (dry run or cut-over) makes it read-write, which only
    /// the confirmation before the action used to say.
    #[must_use]
    pub const fn access(&self) -> Option<&'static str> {
        match self {
            Self::Peering(_) | Self::Baseline | Self::Mirrored { .. } => {
                Some("Read-only (replication destination)")
            }
            Self::PausedForDryRun => Some("Read-write (paused for dry run)"),
            Self::CutOver => Some("Read-write (cut over)"),
            Self::Finalized => Some("Read-write (regular volume)"),
            Self::Unknown | Self::Creating | Self::Failed(_) | Self::Deleting => None,
        }
    }

    /// Whether clients can write to the volume now (the replication is broken or gone).
    #[must_use]
    pub const fn is_read_write(&self) -> bool {
        matches!(self, Self::PausedForDryRun | Self::CutOver | Self::Finalized)
    }
}

/// What the console itself knows about a migration volume.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalFacts {
    /// The cut-over sequence (source offline, final sync, break) ended with the break.
    pub cut_over: bool,
    /// The console finalized this volume.
    pub finalized: bool,
    /// A delete started from here is in flight.
    pub deleting: bool,
}

/// The phase of `volume` given its replication status (if read) and local facts.
///
/// `volume` is `None` when the volume is gone from the list: a finalized one the console knows
/// of is still [`Phase::Finalized`]; anything else is unknown.
#[must_use]
pub fn derive_phase(
    volume: Option<&Volume>,
    status: Option<&ReplicationStatus>,
    facts: &LocalFacts,
) -> Phase {
    let Some(volume) = volume else {
        return if facts.finalized { Phase::Finalized } else { Phase::Unknown };
    };
    let props = &volume.properties;
    match props.provisioning_state.as_ref() {
        Some(ProvisioningState::Deleting) => return Phase::Deleting,
        _ if facts.deleting => return Phase::Deleting,
        Some(ProvisioningState::Creating | ProvisioningState::Accepted) => return Phase::Creating,
        Some(ProvisioningState::Failed) => {
            return Phase::Failed(
                "The volume's last operation failed (provisioning state Failed).".to_owned(),
            )
        }
        _ => {}
    }
    let replication = volume.replication();
    if !volume.is_migration() {
        return Phase::Finalized;
    }
    if let Some(s) = status {
        if let Some(err) = s.error() {
            return Phase::Failed(err.to_owned());
        }
        if s.healthy == Some(false) {
            return Phase::Failed("The replication reports itself unhealthy.".to_owned());
        }
    }
    let mirror =
        status.and_then(|s| s.mirror_state.clone()).or_else(|| replication?.mirror_state.clone());
    let relationship = status
        .and_then(|s| s.relationship_status.clone())
        .or_else(|| replication?.relationship_status.clone());
    let transferring = relationship == Some(RelationshipStatus::Transferring);
    let setup = replication.and_then(|r| r.external_replication_setup_status.clone());
    match mirror {
        Some(MirrorState::Broken) if facts.cut_over => Phase::CutOver,
        Some(MirrorState::Broken) => Phase::PausedForDryRun,
        Some(MirrorState::Mirrored) => Phase::Mirrored { transferring },
        _ if transferring => Phase::Baseline,
        Some(MirrorState::Uninitialized) | None => match setup {
            Some(ExternalReplicationSetupStatus::ClusterPeerRequired) => {
                Phase::Peering(PeeringStep::ClusterPeerRequired)
            }
            Some(ExternalReplicationSetupStatus::ClusterPeerPending) => {
                Phase::Peering(PeeringStep::ClusterPeerPending)
            }
            Some(ExternalReplicationSetupStatus::VServerPeerRequired) => {
                Phase::Peering(PeeringStep::SvmPeerRequired)
            }
            Some(ExternalReplicationSetupStatus::ReplicationCreateRequired) => {
                Phase::Peering(PeeringStep::ReplicationCreating)
            }
            // Set up, not transferring, nothing mirrored yet: the baseline is about to start.
            Some(ExternalReplicationSetupStatus::NoActionRequired) => Phase::Baseline,
            Some(ExternalReplicationSetupStatus::Other(_)) | None => match status {
                None => Phase::Unknown,
                // 2025-12-01 says nothing about set-up: bytes moved means the baseline began.
                Some(s) if s.total_progress_bytes().unwrap_or(0) > 0 => Phase::Baseline,
                Some(_) => Phase::Peering(PeeringStep::Unknown),
            },
        },
        Some(MirrorState::Other(state)) => {
            Phase::Failed(format!("The service reports an unknown mirror state \"{state}\"."))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{DataProtection, RemotePath, ReplicationObject, VolumeProperties};

    fn migration(setup: Option<&str>, mirror: Option<&str>, rel: Option<&str>) -> Volume {
        Volume {
            name: Some("acc/pool/mig1".into()),
            properties: VolumeProperties {
                volume_type: Some("Migration".into()),
                provisioning_state: Some(ProvisioningState::Succeeded),
                data_protection: Some(DataProtection {
                    replication: Some(ReplicationObject {
                        remote_path: Some(RemotePath {
                            external_host_name: "cl01".into(),
                            server_name: "svm1".into(),
                            volume_name: "vol1".into(),
                        }),
                        external_replication_setup_status: setup.map(Into::into),
                        mirror_state: mirror.map(Into::into),
                        relationship_status: rel.map(Into::into),
                        ..ReplicationObject::default()
                    }),
                    ..DataProtection::default()
                }),
                ..VolumeProperties::default()
            },
            ..Volume::default()
        }
    }

    fn status(mirror: &str, rel: &str, progress: &str, err: &str) -> ReplicationStatus {
        ReplicationStatus {
            healthy: Some(err.is_empty()),
            relationship_status: Some(rel.into()),
            mirror_state: Some(mirror.into()),
            total_progress: Some(progress.into()),
            error_message: Some(err.into()),
        }
    }

    const NONE: LocalFacts = LocalFacts { cut_over: false, finalized: false, deleting: false };

    #[test]
    fn provisioning_states_come_first() {
        let mut v = migration(None, None, None);
        v.properties.provisioning_state = Some(ProvisioningState::Creating);
        assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::Creating);
        v.properties.provisioning_state = Some(ProvisioningState::Deleting);
        assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::Deleting);
        v.properties.provisioning_state = Some(ProvisioningState::Failed);
        assert_eq!(derive_phase(Some(&v), None, &NONE).kind(), PhaseKind::Failed);
        let v = migration(None, Some("Mirrored"), Some("Idle"));
        let deleting = LocalFacts { deleting: true, ..NONE };
        assert_eq!(derive_phase(Some(&v), None, &deleting), Phase::Deleting);
    }

    #[test]
    fn peering_steps_follow_the_setup_status() {
        for (wire, step) in [
            ("ClusterPeerRequired", PeeringStep::ClusterPeerRequired),
            ("clusterpeerpending", PeeringStep::ClusterPeerPending),
            ("VServerPeerRequired", PeeringStep::SvmPeerRequired),
            ("ReplicationCreateRequired", PeeringStep::ReplicationCreating),
        ] {
            let v = migration(Some(wire), Some("Uninitialized"), Some("Idle"));
            assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::Peering(step), "{wire}");
        }
    }

    #[test]
    fn baseline_mirrored_and_broken() {
        let v = migration(Some("NoActionRequired"), Some("Uninitialized"), Some("Transferring"));
        assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::Baseline);
        let s = status("Mirrored", "Transferring", "100", "");
        assert_eq!(
            derive_phase(Some(&v), Some(&s), &NONE),
            Phase::Mirrored { transferring: true },
            "the status is newer than the volume"
        );
        let v = migration(Some("NoActionRequired"), Some("Mirrored"), Some("Idle"));
        assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::Mirrored { transferring: false });
        let v = migration(Some("NoActionRequired"), Some("Broken"), Some("Idle"));
        assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::PausedForDryRun);
        let cut = LocalFacts { cut_over: true, ..NONE };
        assert_eq!(derive_phase(Some(&v), None, &cut), Phase::CutOver);
    }

    #[test]
    fn older_api_version_reads_the_status_only() {
        let v = migration(None, None, None);
        assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::Unknown);
        let s = status("Uninitialized", "Idle", "0", "");
        assert_eq!(derive_phase(Some(&v), Some(&s), &NONE), Phase::Peering(PeeringStep::Unknown));
        let s = status("Uninitialized", "Idle", "4096", "");
        assert_eq!(derive_phase(Some(&v), Some(&s), &NONE), Phase::Baseline);
        let s = status("Uninitialized", "Transferring", "0", "");
        assert_eq!(derive_phase(Some(&v), Some(&s), &NONE), Phase::Baseline);
    }

    #[test]
    fn errors_and_unhealthy_are_failures() {
        let v = migration(Some("NoActionRequired"), Some("Uninitialized"), Some("Idle"));
        let s = status("Uninitialized", "Idle", "0", "Last transfer error: snapshot locking");
        assert_eq!(
            derive_phase(Some(&v), Some(&s), &NONE),
            Phase::Failed("Last transfer error: snapshot locking".into())
        );
        let mut s = status("Mirrored", "Idle", "0", "");
        s.healthy = Some(false);
        assert_eq!(derive_phase(Some(&v), Some(&s), &NONE).kind(), PhaseKind::Failed);
    }

    #[test]
    fn finalized_when_no_longer_a_migration() {
        let mut v = migration(None, None, None);
        v.properties.volume_type = None;
        v.properties.data_protection = None;
        assert_eq!(derive_phase(Some(&v), None, &NONE), Phase::Finalized);
        let known = LocalFacts { finalized: true, ..NONE };
        assert_eq!(derive_phase(None, None, &known), Phase::Finalized);
        assert_eq!(derive_phase(None, None, &NONE), Phase::Unknown);
    }

    #[test]
    fn a_break_says_the_volume_is_read_write() {
        assert_eq!(Phase::PausedForDryRun.access(), Some("Read-write (paused for dry run)"));
        assert_eq!(Phase::CutOver.access(), Some("Read-write (cut over)"));
        assert_eq!(Phase::Finalized.access(), Some("Read-write (regular volume)"));
        for p in [Phase::Baseline, Phase::Mirrored { transferring: false }] {
            assert_eq!(p.access(), Some("Read-only (replication destination)"), "{p:?}");
            assert!(!p.is_read_write());
        }
        assert!(Phase::PausedForDryRun.is_read_write() && Phase::Finalized.is_read_write());
        assert_eq!(Phase::Unknown.access(), None);
        assert_eq!(Phase::Failed("x".into()).access(), None);
    }

    #[test]
    fn labels_name_the_step() {
        assert_eq!(
            Phase::Peering(PeeringStep::SvmPeerRequired).label(),
            "Peering: SVM peering required"
        );
        assert_eq!(Phase::Mirrored { transferring: false }.label(), "Mirrored, idle");
        assert_eq!(Phase::CutOver.label(), "Cut over");
        assert!(Phase::Baseline.is_transferring());
        assert!(!Phase::PausedForDryRun.is_transferring());
    }
}
