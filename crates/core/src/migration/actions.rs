//! Which actions make sense in which phase, and why the others don't.

use super::phase::{Phase, PhaseKind};
use serde::{Deserialize, Serialize};

/// The migration assistant's actions on one volume, in the portal's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MigrationAction {
    /// An ad-hoc transfer (`performReplicationTransfer`).
    SyncNow,
    /// Break without cut-over, to test on a read-write copy (`breakReplication`).
    DryRun,
    /// Resync after a dry run; writes made during the pause are erased (`resyncReplication`).
    Resume,
    /// Source offline, final sync, break.
    CutOver,
    /// Convert into a regular volume and release the peering (`finalizeExternalReplication`).
    Finalize,
    /// Delete the destination volume (`delete volume`).
    Cancel,
}

impl MigrationAction {
    /// Every action, in the order they are shown.
    pub const ALL: [Self; 6] =
        [Self::SyncNow, Self::DryRun, Self::Resume, Self::CutOver, Self::Finalize, Self::Cancel];

    /// The portal's label.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::SyncNow => "Sync now",
            Self::DryRun => "Dry run",
            Self::Resume => "Resume",
            Self::CutOver => "Cut over",
            Self::Finalize => "Finalize migration",
            Self::Cancel => "Cancel migration",
        }
    }

    /// The stable key operations are recorded under.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::SyncNow => "sync",
            Self::DryRun => "dry-run",
            Self::Resume => "resume",
            Self::CutOver => "cut-over",
            Self::Finalize => "finalize",
            Self::Cancel => "cancel",
        }
    }

    /// What the action does, in one sentence.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Self::SyncNow => "Transfers the source's latest changes now, outside the schedule.",
            Self::DryRun => "Pauses the migration: the volume becomes read-write so you can test applications on it. The source stays online.",
            Self::Resume => "Resumes the migration after a dry run. Everything written to the volume during the pause is erased.",
            Self::CutOver => "Takes the source volume offline, transfers the last changes and breaks the replication: the volume becomes read-write for good.",
            Self::Finalize => "Converts the volume into a regular volume and removes the peering if no other migration uses it.",
            Self::Cancel => "Deletes the destination volume and everything on it.",
        }
    }
}

/// One action with whether it can be started now and, if not, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionState {
    /// The action.
    pub action: MigrationAction,
    /// Why it is disabled; `None` when it can be started.
    pub disabled_reason: Option<String>,
}

impl ActionState {
    /// Whether it can be started.
    #[must_use]
    pub const fn enabled(&self) -> bool {
        self.disabled_reason.is_none()
    }
}

/// Every action for a volume in `phase`; `in_flight` is the label of an operation running on it,
/// which disables them all (one operation per volume at a time). While a guided cut-over runs
/// (`cutting_over`, between its operations too) the others wait for it, and Cut over stays
/// available: it opens the running sequence's panel, with where it stands and Stop.
#[must_use]
pub fn enabled_actions(
    phase: &Phase,
    in_flight: Option<&str>,
    cutting_over: bool,
) -> Vec<ActionState> {
    MigrationAction::ALL
        .iter()
        .map(|&action| ActionState {
            action,
            disabled_reason: match (in_flight, cutting_over) {
                (_, true) if action == MigrationAction::CutOver => None,
                (Some(label), _) => Some(format!("Wait for \"{label}\" to finish.")),
                (None, true) => Some("Wait for the cut-over to finish.".into()),
                (None, false) => reason(action, phase),
            },
        })
        .collect()
}

fn reason(action: MigrationAction, phase: &Phase) -> Option<String> {
    use MigrationAction as A;
    let kind = phase.kind();
    let not_yet = |what: &str| Some(format!("Available once {what}."));
    match (action, kind) {
        (_, PhaseKind::Deleting) => Some("The volume is being deleted.".into()),
        (_, PhaseKind::Finalized) => Some("The migration is finalized.".into()),
        (A::Cancel, _) => None,
        (_, PhaseKind::Unknown) => Some("Reading the replication status…".into()),
        (_, PhaseKind::Creating) => not_yet("the volume is created and peered"),
        (_, PhaseKind::Peering) => not_yet("peering is done and the baseline transfer finished"),
        (_, PhaseKind::Baseline) => not_yet("the baseline transfer finished"),
        (A::SyncNow, PhaseKind::Mirrored) if phase.is_transferring() => {
            Some("A transfer is already running.".into())
        }
        (A::SyncNow | A::CutOver, PhaseKind::Mirrored) => None,
        // After fixing the cause (e.g. snapshot locking), a transfer now retries at once.
        (A::SyncNow, PhaseKind::Failed) => None,
        (A::DryRun, PhaseKind::Mirrored) if phase.is_transferring() => {
            Some("Wait for the running transfer to finish.".into())
        }
        (A::DryRun, PhaseKind::Mirrored) => None,
        (A::Resume, PhaseKind::PausedForDryRun) => None,
        (A::Finalize, PhaseKind::CutOver) => None,
        (A::SyncNow | A::DryRun, PhaseKind::PausedForDryRun) => {
            Some("The migration is paused for a dry run: resume it first.".into())
        }
        (A::CutOver, PhaseKind::PausedForDryRun) => {
            Some("Resume after the dry run first, then cut over.".into())
        }
        (A::Finalize, PhaseKind::PausedForDryRun) => {
            Some("Cut over first: the source is still online after a dry run.".into())
        }
        (A::Finalize, _) => not_yet("the cut-over is done"),
        (A::Resume, PhaseKind::CutOver) => {
            Some("The source was taken offline at cut-over; finalize instead.".into())
        }
        (A::Resume, _) => not_yet("the migration is paused for a dry run"),
        (_, PhaseKind::CutOver) => Some("The migration is cut over; finalize it.".into()),
        (_, PhaseKind::Failed) => {
            Some("The migration needs attention first: see the last error.".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::PeeringStep;

    fn enabled(phase: &Phase) -> Vec<MigrationAction> {
        enabled_actions(phase, None, false)
            .into_iter()
            .filter(|a| a.enabled())
            .map(|a| a.action)
            .collect()
    }

    #[test]
    fn per_phase() {
        use MigrationAction as A;
        assert_eq!(enabled(&Phase::Creating), vec![A::Cancel]);
        assert_eq!(enabled(&Phase::Peering(PeeringStep::ClusterPeerPending)), vec![A::Cancel]);
        assert_eq!(enabled(&Phase::Baseline), vec![A::Cancel]);
        assert_eq!(
            enabled(&Phase::Mirrored { transferring: false }),
            vec![A::SyncNow, A::DryRun, A::CutOver, A::Cancel]
        );
        assert_eq!(enabled(&Phase::Mirrored { transferring: true }), vec![A::CutOver, A::Cancel]);
        assert_eq!(enabled(&Phase::PausedForDryRun), vec![A::Resume, A::Cancel]);
        assert_eq!(enabled(&Phase::CutOver), vec![A::Finalize, A::Cancel]);
        assert_eq!(enabled(&Phase::Failed("x".into())), vec![A::SyncNow, A::Cancel]);
        assert!(enabled(&Phase::Finalized).is_empty());
        assert!(enabled(&Phase::Deleting).is_empty());
        assert_eq!(enabled(&Phase::Unknown), vec![A::Cancel]);
    }

    #[test]
    fn every_disabled_action_says_why() {
        for phase in [
            Phase::Unknown,
            Phase::Creating,
            Phase::Peering(PeeringStep::Unknown),
            Phase::Baseline,
            Phase::Mirrored { transferring: true },
            Phase::PausedForDryRun,
            Phase::CutOver,
            Phase::Finalized,
            Phase::Failed("x".into()),
            Phase::Deleting,
        ] {
            for a in enabled_actions(&phase, None, false) {
                if let Some(r) = &a.disabled_reason {
                    assert!(!r.is_empty(), "{phase:?} {:?}", a.action);
                }
            }
        }
        let a = enabled_actions(&Phase::Mirrored { transferring: false }, None, false);
        assert_eq!(a.len(), MigrationAction::ALL.len());
        let finalize = a.iter().find(|a| a.action == MigrationAction::Finalize).unwrap();
        assert!(finalize.disabled_reason.as_deref().unwrap().contains("cut-over"));
    }

    #[test]
    fn an_operation_in_flight_disables_everything() {
        let all =
            enabled_actions(&Phase::Mirrored { transferring: false }, Some("Sync now on v"), false);
        assert!(all.iter().all(|a| !a.enabled()));
        assert!(all[0].disabled_reason.as_deref().unwrap().contains("Sync now on v"));
    }

    #[test]
    fn a_running_cut_over_leaves_only_its_own_panel_open() {
        let mirrored = Phase::Mirrored { transferring: false };
        // Between its operations, and during one of them.
        for in_flight in [None, Some("Cut over: final sync on v")] {
            let all = enabled_actions(&mirrored, in_flight, true);
            for a in &all {
                assert_eq!(a.enabled(), a.action == MigrationAction::CutOver, "{a:?}");
            }
            let cancel = all.iter().find(|a| a.action == MigrationAction::Cancel).unwrap();
            assert!(cancel.disabled_reason.as_deref().unwrap().contains("Wait for"));
        }
    }

    #[test]
    fn keys_are_distinct() {
        let mut keys: Vec<_> = MigrationAction::ALL.iter().map(|a| a.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), MigrationAction::ALL.len());
    }
}
