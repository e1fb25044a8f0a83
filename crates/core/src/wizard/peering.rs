//! The Configure peering wizard: which step to show, from what ARM says about the volume
//! (`externalReplicationSetupStatus` on 2026-04-01, the replication status on every version)
//! and what this browser remembers (the offer, the SVM command, how far the user went).
//!
//! ARM wins where it knows: an offer that expired sends the user back to the addresses even if
//! the browser still shows a command. Where ARM is silent (2025-12-01 has no setup status) the
//! remembered step leads.

use super::countdown::{offer_clock, OfferClock};
use crate::models::{ExternalReplicationSetupStatus, MirrorState, RelationshipStatus};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// The wizard's steps, in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PeeringStep {
    /// Enter the intercluster LIF addresses and start cluster peering.
    #[default]
    Addresses,
    /// Run the cluster peering command with the passphrase on ONTAP.
    ClusterPeering,
    /// Authorize, then run `vserver peer accept` on ONTAP.
    SvmPeering,
    /// Wait for the replication to be created and the baseline transfer to start.
    Watch,
    /// The baseline transfer started (or the migration is further along).
    Done,
}

impl PeeringStep {
    /// Every step, in order.
    pub const ALL: [PeeringStep; 5] =
        [Self::Addresses, Self::ClusterPeering, Self::SvmPeering, Self::Watch, Self::Done];

    /// The step's title as the wizard shows it.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Addresses => "Intercluster addresses",
            Self::ClusterPeering => "Cluster peering",
            Self::SvmPeering => "SVM peering",
            Self::Watch => "Baseline transfer",
            Self::Done => "Done",
        }
    }

    /// 1-based position, for "Step 2 of 4" (Done shares the last number).
    #[must_use]
    pub const fn number(self) -> u8 {
        match self {
            Self::Addresses => 1,
            Self::ClusterPeering => 2,
            Self::SvmPeering => 3,
            Self::Watch | Self::Done => 4,
        }
    }
}

/// A cluster peering offer as ANF returned it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerOffer {
    /// `cluster peer create ...` to run on the source cluster.
    pub command: String,
    /// The passphrase ONTAP asks for.
    pub passphrase: Option<String>,
    /// When the peering operation succeeded (the offer's 60 minutes start here).
    pub issued_at: Timestamp,
}

/// The placeholder ARM puts in the peering command for the IPspace of the intercluster LIFs.
pub const IPSPACE_PLACEHOLDER: &str = "<IP-SPACE-NAME>";
/// The IPspace every ONTAP cluster has, and the one intercluster LIFs are usually in.
pub const DEFAULT_IPSPACE: &str = "Default";

impl PeerOffer {
    /// The command mentions an IP space the user has to fill in.
    #[must_use]
    pub fn needs_ipspace(&self) -> bool {
        self.command.contains(IPSPACE_PLACEHOLDER)
    }

    /// The command with `ipspace` in place of ARM's placeholder, ready to paste; unchanged when
    /// the name isn't one ONTAP would take (the field says why).
    #[must_use]
    pub fn command_for(&self, ipspace: &str) -> String {
        match validate_ipspace(ipspace) {
            Ok(name) => self.command.replace(IPSPACE_PLACEHOLDER, name),
            Err(_) => self.command.clone(),
        }
    }
}

/// An IPspace name as typed: trimmed, then letters, digits, `_`, `-` and `.`, starting with a
/// letter, at most 64 characters. ONTAP's REST reference lists "name too long" and "invalid
/// character" errors for IPspace names without giving the rule; this one refuses what would
/// break the pasted command (spaces, quotes, `<`/`>`), and ONTAP itself has the last word.
///
/// # Errors
/// What the field should hold, in words.
pub fn validate_ipspace(name: &str) -> Result<&str, String> {
    let name = name.trim();
    let Some(first) = name.chars().next() else {
        return Err(format!(
            "Enter the IPspace of the intercluster LIFs ({DEFAULT_IPSPACE} on most clusters)."
        ));
    };
    if !first.is_ascii_alphabetic() {
        return Err(format!("An IPspace name starts with a letter, not \"{first}\"."));
    }
    if name.len() > 64 {
        return Err("An IPspace name has at most 64 characters.".into());
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || "_-.".contains(*c))) {
        return Err(format!(
            "An IPspace name has letters, digits, -, _ and . only; \"{bad}\" is not allowed."
        ));
    }
    Ok(name)
}

/// What the browser keeps of a wizard (sessionStorage), so a reload loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PeeringWizardState {
    /// The furthest step the user moved to themselves.
    pub step: PeeringStep,
    /// The addresses as typed.
    pub addresses: String,
    /// The latest offer, if one was issued.
    pub offer: Option<PeerOffer>,
    /// ANF answered with an empty command: the clusters were already peered.
    pub already_peered: bool,
    /// The `vserver peer accept` command, once authorized (`Some("")`: nothing to accept).
    pub svm_command: Option<String>,
    /// The peering operation being followed (an id of the app's operations list).
    pub peer_operation: Option<u64>,
    /// The authorize operation being followed.
    pub authorize_operation: Option<u64>,
    /// The number of nodes of the source cluster, as typed (Azure mode; the demo knows it).
    pub node_count: String,
}

impl PeeringWizardState {
    /// Records the peering result: an offer to accept, or (empty command) already peered,
    /// which skips ahead to SVM peering.
    pub fn record_offer(
        &mut self,
        command: Option<String>,
        passphrase: Option<String>,
        at: Timestamp,
    ) {
        match command.filter(|c| !c.trim().is_empty()) {
            Some(command) => {
                self.offer = Some(PeerOffer { command, passphrase, issued_at: at });
                self.already_peered = false;
                self.step = self.step.max(PeeringStep::ClusterPeering);
            }
            None => {
                self.offer = None;
                self.already_peered = true;
                self.step = self.step.max(PeeringStep::SvmPeering);
            }
        }
        self.peer_operation = None;
    }

    /// Records the SVM peering command (empty: nothing to accept, go and watch).
    pub fn record_svm_command(&mut self, command: Option<String>) {
        let command = command.map(|c| c.trim().to_owned()).unwrap_or_default();
        if command.is_empty() {
            self.step = self.step.max(PeeringStep::Watch);
        } else {
            self.step = self.step.max(PeeringStep::SvmPeering);
        }
        self.svm_command = Some(command);
        self.authorize_operation = None;
    }
}

/// What ARM says about the volume right now (any part may be unknown).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArmView {
    /// `externalReplicationSetupStatus` (2026-04-01 only).
    pub setup_status: Option<ExternalReplicationSetupStatus>,
    /// Mirror state, from the volume or `replicationStatus`.
    pub mirror_state: Option<MirrorState>,
    /// Relationship status, from the volume or `replicationStatus`.
    pub relationship_status: Option<RelationshipStatus>,
}

impl ArmView {
    /// The baseline transfer has started (or finished): the wizard's work is done.
    #[must_use]
    pub fn baseline_started(&self) -> bool {
        matches!(self.relationship_status, Some(RelationshipStatus::Transferring))
            || matches!(self.mirror_state, Some(MirrorState::Mirrored | MirrorState::Broken))
    }
}

/// Something the wizard should point out next to the step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeeringNotice {
    /// The offer's 60 minutes ran out: issue a new one.
    OfferExpired,
    /// This browser asked for an offer and Azure NetApp Files is preparing it: the command
    /// and passphrase come with the operation's result.
    IssuingOffer,
    /// ANF waits for an offer to be accepted, but this browser has no command for it (another
    /// tab or person started it): issue a new one to see it.
    OfferNotHere,
    /// The clusters were already peered; the cluster step was skipped.
    AlreadyPeered,
    /// The user moved on, but ANF does not see the cluster peering yet.
    ClusterNotPeeredYet,
}

/// The step to show and what to point out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WizardView {
    /// The step.
    pub step: PeeringStep,
    /// A remark, if any.
    pub notice: Option<PeeringNotice>,
}

/// Decides the step from ARM's view, the remembered state, the clock (for the offer's expiry;
/// pass the clock the offer was stamped with) and whether this browser's peering operation is
/// in flight (`issuing`: ANF may already wait for an offer whose command has not come back).
#[must_use]
pub fn derive_step(
    arm: &ArmView,
    local: &PeeringWizardState,
    now: Timestamp,
    issuing: bool,
) -> WizardView {
    let view = |step, notice| WizardView { step, notice };
    if arm.baseline_started() {
        return view(PeeringStep::Done, None);
    }
    let offer_expired =
        local.offer.as_ref().is_some_and(|o| offer_clock(o.issued_at, now) == OfferClock::Expired);
    let skipped = local.already_peered.then_some(PeeringNotice::AlreadyPeered);
    match &arm.setup_status {
        Some(ExternalReplicationSetupStatus::ClusterPeerRequired) => {
            // No offer on ANF's side: never issued, or it expired.
            let notice = (local.offer.is_some()).then_some(PeeringNotice::OfferExpired);
            view(PeeringStep::Addresses, notice)
        }
        Some(ExternalReplicationSetupStatus::ClusterPeerPending) => {
            if issuing {
                view(PeeringStep::ClusterPeering, Some(PeeringNotice::IssuingOffer))
            } else if local.offer.is_none() {
                view(PeeringStep::ClusterPeering, Some(PeeringNotice::OfferNotHere))
            } else if offer_expired {
                view(PeeringStep::ClusterPeering, Some(PeeringNotice::OfferExpired))
            } else if local.step >= PeeringStep::SvmPeering {
                view(PeeringStep::SvmPeering, Some(PeeringNotice::ClusterNotPeeredYet))
            } else {
                view(PeeringStep::ClusterPeering, None)
            }
        }
        Some(ExternalReplicationSetupStatus::VServerPeerRequired) => {
            // The SVM command was shown and the user said it ran: keep watching, ANF catches up.
            let step = if local.step >= PeeringStep::Watch && local.svm_command.is_some() {
                PeeringStep::Watch
            } else {
                PeeringStep::SvmPeering
            };
            view(step, skipped)
        }
        Some(
            ExternalReplicationSetupStatus::ReplicationCreateRequired
            | ExternalReplicationSetupStatus::NoActionRequired,
        ) => view(PeeringStep::Watch, skipped),
        // 2025-12-01 (or a status this console does not know): the browser's own progress.
        Some(ExternalReplicationSetupStatus::Other(_)) | None => {
            let step = local.step.min(PeeringStep::Watch);
            if step == PeeringStep::ClusterPeering && offer_expired {
                view(step, Some(PeeringNotice::OfferExpired))
            } else {
                view(step, skipped)
            }
        }
    }
}

/// What a set-up status means, in the wizard's words (ARM's value only when it is new to this
/// console).
#[must_use]
pub fn setup_words(status: &ExternalReplicationSetupStatus) -> String {
    match status {
        ExternalReplicationSetupStatus::ClusterPeerRequired => "Cluster peering required".into(),
        ExternalReplicationSetupStatus::ClusterPeerPending => {
            "Waiting for the cluster peering command on the source".into()
        }
        ExternalReplicationSetupStatus::VServerPeerRequired => {
            "Waiting for the SVM peering to be accepted".into()
        }
        ExternalReplicationSetupStatus::ReplicationCreateRequired => {
            "Peered; creating the replication".into()
        }
        ExternalReplicationSetupStatus::NoActionRequired => {
            "Replication set up; the baseline transfer starts next".into()
        }
        ExternalReplicationSetupStatus::Other(s) => format!("Set-up status: {s}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const T0: Timestamp = Timestamp(10_000_000);

    fn arm(status: Option<&str>) -> ArmView {
        ArmView {
            setup_status: status.map(ExternalReplicationSetupStatus::parse),
            ..ArmView::default()
        }
    }

    fn with_offer(step: PeeringStep) -> PeeringWizardState {
        let mut s = PeeringWizardState::default();
        s.record_offer(
            Some("cluster peer create -peer-addrs 10.0.0.1".into()),
            Some("pw".into()),
            T0,
        );
        s.step = s.step.max(step);
        s
    }

    #[test]
    fn each_setup_status_has_its_step() {
        let fresh = PeeringWizardState::default();
        let offered = with_offer(PeeringStep::ClusterPeering);
        let cases = [
            ("ClusterPeerRequired", &fresh, PeeringStep::Addresses, None),
            ("ClusterPeerPending", &offered, PeeringStep::ClusterPeering, None),
            (
                "ClusterPeerPending",
                &fresh,
                PeeringStep::ClusterPeering,
                Some(PeeringNotice::OfferNotHere),
            ),
            ("VServerPeerRequired", &fresh, PeeringStep::SvmPeering, None),
            ("VServerPeerRequired", &offered, PeeringStep::SvmPeering, None),
            ("ReplicationCreateRequired", &fresh, PeeringStep::Watch, None),
            ("NoActionRequired", &fresh, PeeringStep::Watch, None),
        ];
        for (status, local, step, notice) in cases {
            let got = derive_step(&arm(Some(status)), local, T0, false);
            assert_eq!(got, WizardView { step, notice }, "{status}");
        }
    }

    #[test]
    fn an_expired_offer_sends_back_or_asks_for_a_new_one() {
        let offered = with_offer(PeeringStep::ClusterPeering);
        let late = T0.plus(Duration::from_secs(3600));
        // ANF dropped the offer.
        let got = derive_step(&arm(Some("ClusterPeerRequired")), &offered, late, false);
        assert_eq!(
            got,
            WizardView { step: PeeringStep::Addresses, notice: Some(PeeringNotice::OfferExpired) }
        );
        // ANF has not noticed yet, the clock has.
        let got = derive_step(&arm(Some("ClusterPeerPending")), &offered, late, false);
        assert_eq!(got.notice, Some(PeeringNotice::OfferExpired));
        // Without a setup status (2025-12-01) the local clock decides.
        let got = derive_step(&arm(None), &offered, late, false);
        assert_eq!(
            got,
            WizardView {
                step: PeeringStep::ClusterPeering,
                notice: Some(PeeringNotice::OfferExpired)
            }
        );
        assert_eq!(derive_step(&arm(None), &offered, T0, false).notice, None);
    }

    #[test]
    fn an_empty_command_skips_to_svm_peering() {
        let mut s = PeeringWizardState { peer_operation: Some(3), ..PeeringWizardState::default() };
        s.record_offer(Some("  ".into()), None, T0);
        assert!(s.already_peered && s.offer.is_none() && s.peer_operation.is_none());
        assert_eq!(s.step, PeeringStep::SvmPeering);
        let got = derive_step(&arm(None), &s, T0, false);
        assert_eq!(
            got,
            WizardView {
                step: PeeringStep::SvmPeering,
                notice: Some(PeeringNotice::AlreadyPeered)
            }
        );
        let got = derive_step(&arm(Some("VServerPeerRequired")), &s, T0, false);
        assert_eq!(got.notice, Some(PeeringNotice::AlreadyPeered));
    }

    #[test]
    fn moving_on_before_anf_sees_the_peering_is_pointed_out() {
        let s = with_offer(PeeringStep::SvmPeering);
        let got = derive_step(&arm(Some("ClusterPeerPending")), &s, T0, false);
        assert_eq!(
            got,
            WizardView {
                step: PeeringStep::SvmPeering,
                notice: Some(PeeringNotice::ClusterNotPeeredYet)
            }
        );
    }

    #[test]
    fn svm_command_then_watch() {
        let mut s = with_offer(PeeringStep::ClusterPeering);
        s.record_svm_command(Some("vserver peer accept -vserver svm1 -peer-vserver anf".into()));
        assert_eq!(s.step, PeeringStep::SvmPeering);
        assert_eq!(derive_step(&arm(None), &s, T0, false).step, PeeringStep::SvmPeering);
        s.step = PeeringStep::Watch;
        assert_eq!(
            derive_step(&arm(Some("VServerPeerRequired")), &s, T0, false).step,
            PeeringStep::Watch
        );
        assert_eq!(derive_step(&arm(None), &s, T0, false).step, PeeringStep::Watch);
        let mut none = PeeringWizardState::default();
        none.record_svm_command(Some(String::new()));
        assert_eq!((none.step, none.svm_command.as_deref()), (PeeringStep::Watch, Some("")));
    }

    #[test]
    fn a_started_baseline_is_done_whatever_else() {
        for (mirror, rel) in [
            (None, Some(RelationshipStatus::Transferring)),
            (Some(MirrorState::Mirrored), Some(RelationshipStatus::Idle)),
            (Some(MirrorState::Broken), None),
        ] {
            let a = ArmView { setup_status: None, mirror_state: mirror, relationship_status: rel };
            assert_eq!(
                derive_step(&a, &PeeringWizardState::default(), T0, false).step,
                PeeringStep::Done
            );
        }
        let waiting = ArmView {
            setup_status: Some(ExternalReplicationSetupStatus::NoActionRequired),
            mirror_state: Some(MirrorState::Uninitialized),
            relationship_status: Some(RelationshipStatus::Idle),
        };
        assert_eq!(
            derive_step(&waiting, &PeeringWizardState::default(), T0, false).step,
            PeeringStep::Watch
        );
    }

    #[test]
    fn unknown_status_falls_back_to_the_browser_and_state_round_trips() {
        let s = with_offer(PeeringStep::ClusterPeering);
        assert_eq!(
            derive_step(&arm(Some("SomethingNew")), &s, T0, false).step,
            PeeringStep::ClusterPeering
        );
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<PeeringWizardState>(&text).unwrap(), s);
        // Older or partial saved state still reads.
        assert_eq!(
            serde_json::from_str::<PeeringWizardState>("{}").unwrap(),
            PeeringWizardState::default()
        );
        assert!(!s.offer.unwrap().needs_ipspace());
        assert_eq!(PeeringStep::Watch.number(), 4);
    }

    #[test]
    fn an_offer_being_issued_is_not_an_offer_from_elsewhere() {
        let asked = PeeringWizardState { peer_operation: Some(7), ..PeeringWizardState::default() };
        let pending = arm(Some("ClusterPeerPending"));
        assert_eq!(
            derive_step(&pending, &asked, T0, true),
            WizardView {
                step: PeeringStep::ClusterPeering,
                notice: Some(PeeringNotice::IssuingOffer)
            }
        );
        // Once the operation is over without an offer here, it was issued elsewhere.
        assert_eq!(
            derive_step(&pending, &asked, T0, false).notice,
            Some(PeeringNotice::OfferNotHere)
        );
    }

    #[test]
    fn setup_statuses_in_words() {
        assert_eq!(
            setup_words(&ExternalReplicationSetupStatus::ReplicationCreateRequired),
            "Peered; creating the replication"
        );
        for known in ExternalReplicationSetupStatus::KNOWN {
            assert!(!setup_words(known).contains(known.as_str()), "{known}: plain words");
        }
        assert_eq!(
            setup_words(&ExternalReplicationSetupStatus::parse("Brand new")),
            "Set-up status: Brand new"
        );
    }

    #[test]
    fn the_ipspace_goes_into_the_command_only_when_valid() {
        let offer = PeerOffer {
            command: "cluster peer create -ipspace <IP-SPACE-NAME> -peer-addrs 10.0.0.1".into(),
            passphrase: None,
            issued_at: Timestamp(0),
        };
        assert!(offer.needs_ipspace());
        assert_eq!(
            offer.command_for(" ic_space-1 "),
            "cluster peer create -ipspace ic_space-1 -peer-addrs 10.0.0.1"
        );
        assert_eq!(
            offer.command_for(DEFAULT_IPSPACE),
            "cluster peer create -ipspace Default -peer-addrs 10.0.0.1"
        );
        // Not a name ONTAP takes: the command is left with its placeholder, the field says why.
        for bad in ["", "1st", "my space", "x\"; rm", "<IP-SPACE-NAME>", &"a".repeat(65)] {
            assert!(validate_ipspace(bad).is_err(), "{bad:?}");
            assert!(offer.command_for(bad).contains(IPSPACE_PLACEHOLDER), "{bad:?}");
        }
        let plain = PeerOffer { command: "cluster peer create -peer-addrs 1".into(), ..offer };
        assert!(!plain.needs_ipspace());
        assert_eq!(plain.command_for("Other"), "cluster peer create -peer-addrs 1");
    }
}
