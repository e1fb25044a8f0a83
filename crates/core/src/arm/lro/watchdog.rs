//! When an operation has run too long, and what to do then: a pure query on the poller.
//!
//! The poller itself never gives up on time (it only counts troubled answers), so an operation
//! Azure never finishes would be followed forever. Two operations have a bound:
//! - peerExternalCluster: Microsoft's migration how-to says that when the operation has not
//!   succeeded after an hour, the peering should be run again, once the network between the
//!   ONTAP cluster and the delegated subnet is checked. [`PEER_RERUN_AFTER`] is that hour, and
//!   the advice is [`OverdueAction::Rerun`] (the app offers the rerun; the old operation is
//!   left alone).
//! - a volume create waits on nothing outside Azure (no ONTAP side, no user), and Microsoft
//!   gives no figure for it. [`CREATE_GIVE_UP_AFTER`] is 30 minutes: half the hour Microsoft's
//!   own migration sample allows any asynchronous operation, and many times the few minutes a
//!   create takes. Past it something is stuck on Azure's side, and the user is better told to
//!   look in the portal than left watching a spinner: [`OverdueAction::GiveUp`].
//!
//! Every other operation lasts as long as its data takes (a baseline transfer of many TiB over
//! a WAN can take days, and a break waits for the transfer in flight), so a time bound would
//! report trouble that is not there: they have none.

use super::poller::{LroOutcome, Phase, Poller};
use super::OperationKind;
use crate::arm::ArmError;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// After this long without success, the how-to says to run peerExternalCluster again.
pub const PEER_RERUN_AFTER: Duration = Duration::from_secs(60 * 60);

/// After this long, the console stops following a volume create.
pub const CREATE_GIVE_UP_AFTER: Duration = Duration::from_secs(30 * 60);

/// What to do about an overdue operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OverdueAction {
    /// Offer to start the same operation again (peerExternalCluster).
    Rerun,
    /// Stop following it and tell the user where to look ([`Poller::give_up`]).
    GiveUp,
}

/// An operation past its bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Overdue {
    /// Which operation.
    pub kind: OperationKind,
    /// What to do.
    pub action: OverdueAction,
    /// The bound it passed.
    pub limit: Duration,
    /// How long it has run.
    pub running_for: Duration,
}

impl OperationKind {
    /// How long this operation may run before something is done about it, and what; `None`
    /// for operations whose length depends on the data.
    #[must_use]
    pub const fn time_bound(self) -> Option<(Duration, OverdueAction)> {
        match self {
            Self::PeerExternalCluster => Some((PEER_RERUN_AFTER, OverdueAction::Rerun)),
            Self::CreateVolume => Some((CREATE_GIVE_UP_AFTER, OverdueAction::GiveUp)),
            _ => None,
        }
    }
}

impl Overdue {
    /// What to tell the user.
    #[must_use]
    pub fn user_message(&self) -> String {
        let minutes = self.limit.as_secs() / 60;
        match self.action {
            OverdueAction::Rerun => format!(
                "The operation \"{}\" has not succeeded after {minutes} minutes. Microsoft's guidance is to run it \
                 again: first check the network between the ONTAP cluster and the Azure NetApp \
                 Files delegated subnet (ICMP, TCP 11104 and 11105, HTTPS), then peer again.",
                self.kind.label()
            ),
            OverdueAction::GiveUp => format!(
                "The operation \"{}\" has not finished after {minutes} minutes, so the console stopped waiting. \
                 Azure may still finish it: look at the volume in the Azure portal, and if it \
                 shows Failed, delete it and create it again.",
                self.kind.label()
            ),
        }
    }
}

impl Poller {
    /// Whether the operation, still running at `now`, has passed its kind's time bound
    /// ([`OperationKind::time_bound`]), counted from [`Poller::started_at`].
    #[must_use]
    pub fn overdue(&self, now: Timestamp) -> Option<Overdue> {
        if self.is_done() {
            return None;
        }
        let (limit, action) = self.kind.time_bound()?;
        let running_for = now.since(self.started_at());
        (running_for >= limit).then_some(Overdue { kind: self.kind, action, limit, running_for })
    }

    /// Ends an operation whose advice at `now` is [`OverdueAction::GiveUp`] as failed, with
    /// [`Overdue::user_message`], and returns that outcome. Does nothing (`None`) to one that
    /// is not overdue or whose advice is to rerun it.
    pub fn give_up(&mut self, now: Timestamp) -> Option<LroOutcome> {
        let overdue = self.overdue(now).filter(|o| o.action == OverdueAction::GiveUp)?;
        let outcome = LroOutcome::Failed { error: ArmError::bare(0, overdue.user_message()) };
        self.phase = Phase::Done { outcome: outcome.clone() };
        Some(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::{ArmResponse, Method};

    const T0: Timestamp = Timestamp::from_secs(1_800_000_000);

    fn running(kind: OperationKind, method: Method) -> Poller {
        let accepted = ArmResponse::new(202, "").with_header("Location", "https://x/op");
        Poller::start(kind, method, "https://x/v", &accepted, T0).unwrap()
    }

    fn at(minutes: u64) -> Timestamp {
        T0.plus(Duration::from_secs(minutes * 60))
    }

    #[test]
    fn peering_is_rerun_after_an_hour_not_before() {
        let p = running(OperationKind::PeerExternalCluster, Method::Post);
        assert_eq!(p.overdue(at(59)), None);
        let o = p.overdue(at(60)).unwrap();
        assert_eq!(
            (o.action, o.limit, o.running_for),
            (OverdueAction::Rerun, PEER_RERUN_AFTER, PEER_RERUN_AFTER)
        );
        assert!(o.user_message().contains("after 60 minutes"), "{}", o.user_message());
        assert!(o.user_message().contains("11104"));
        // Rerun is the app's to offer: give_up leaves the operation alone.
        let mut p = p;
        assert_eq!(p.give_up(at(90)), None);
        assert!(!p.is_done());
    }

    #[test]
    fn a_create_is_given_up_after_thirty_minutes_with_a_clear_message() {
        let mut p = running(OperationKind::CreateVolume, Method::Put);
        assert_eq!(p.give_up(at(29)), None);
        assert!(!p.is_done());
        assert_eq!(p.overdue(at(30)).map(|o| o.action), Some(OverdueAction::GiveUp));
        let Some(LroOutcome::Failed { error }) = p.give_up(at(31)) else { panic!() };
        assert!(error.message.contains("stopped waiting") && error.message.contains("portal"));
        assert!(error.message.starts_with(
            "The operation \"Create the migration volume\" has not finished after 30 minutes"
        ));
        assert!(p.is_done() && p.next_request().is_none());
        assert_eq!(p.overdue(at(60)), None, "an ended operation is never overdue");
    }

    #[test]
    fn operations_that_last_as_long_as_their_data_have_no_bound() {
        for kind in [
            OperationKind::PerformReplicationTransfer,
            OperationKind::BreakReplication,
            OperationKind::ResyncReplication,
            OperationKind::AuthorizeExternalReplication,
            OperationKind::FinalizeExternalReplication,
        ] {
            assert_eq!(running(kind, Method::Post).overdue(at(7 * 24 * 60)), None, "{kind:?}");
        }
    }

    #[test]
    fn the_bound_counts_from_the_start_across_a_reload() {
        let p = running(OperationKind::PeerExternalCluster, Method::Post);
        let resumed: Poller = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert!(resumed.overdue(at(61)).is_some());
    }
}
