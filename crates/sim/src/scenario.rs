//! The situations a trainer can start the simulator in. Each one is the ready happy-path world
//! with one thing changed, so every failure the how-to warns about can be met on purpose.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A named starting situation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scenario {
    HappyPath,
    FeatureNotRegistered,
    PeerOfferExpires,
    AlreadyPeered,
    SubnetTooSmall,
    PlacementNoReuse,
    SecondSubscription,
    SnapshotLocking,
    FlexGroupSource,
    OldOntap,
    Throttling,
    ServerErrors,
    SlowOperations,
    Wave,
}

impl Scenario {
    /// Every scenario, in the order a picker shows them.
    #[must_use]
    pub const fn all() -> &'static [Self] {
        &[
            Self::HappyPath,
            Self::FeatureNotRegistered,
            Self::PeerOfferExpires,
            Self::AlreadyPeered,
            Self::SubnetTooSmall,
            Self::PlacementNoReuse,
            Self::SecondSubscription,
            Self::SnapshotLocking,
            Self::FlexGroupSource,
            Self::OldOntap,
            Self::Throttling,
            Self::ServerErrors,
            Self::SlowOperations,
            Self::Wave,
        ]
    }

    /// The stable name used on the command line, in URLs and in saved state.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::HappyPath => "happy-path",
            Self::FeatureNotRegistered => "feature-not-registered",
            Self::PeerOfferExpires => "peer-offer-expires",
            Self::AlreadyPeered => "already-peered",
            Self::SubnetTooSmall => "subnet-too-small",
            Self::PlacementNoReuse => "placement-no-reuse",
            Self::SecondSubscription => "second-subscription",
            Self::SnapshotLocking => "snapshot-locking",
            Self::FlexGroupSource => "flexgroup-source",
            Self::OldOntap => "old-ontap",
            Self::Throttling => "throttling",
            Self::ServerErrors => "server-errors",
            Self::SlowOperations => "slow-operations",
            Self::Wave => "wave-120",
        }
    }

    /// A short title for a picker.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::HappyPath => "Ready to migrate",
            Self::FeatureNotRegistered => "Feature not registered",
            Self::PeerOfferExpires => "Peer offer about to expire",
            Self::AlreadyPeered => "Cluster already peered",
            Self::SubnetTooSmall => "Subnet too small",
            Self::PlacementNoReuse => "Placement can't reuse storage",
            Self::SecondSubscription => "Cluster used by another subscription",
            Self::SnapshotLocking => "Snapshot locking on the source",
            Self::FlexGroupSource => "FlexGroup source volume",
            Self::OldOntap => "ONTAP too old",
            Self::Throttling => "ARM throttling",
            Self::ServerErrors => "Bursts of server errors",
            Self::SlowOperations => "Slow operations",
            Self::Wave => "Wave of 120 volumes",
        }
    }

    /// What the trainee will meet.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Self::HappyPath => "Account, Standard pool, delegated subnet and an ONTAP 9.14.1 cluster with volumes of different sizes; everything works.",
            Self::FeatureNotRegistered => "The ANFMigrationAssistant feature is not registered yet; registering takes a few minutes (Registering, then Registered).",
            Self::PeerOfferExpires => "A migration volume already exists whose cluster peer offer was issued 55 minutes ago and expires in 5 minutes unless accepted; peering again issues a new offer.",
            Self::AlreadyPeered => "The source cluster is already peered with the Azure NetApp Files storage: peering returns an empty command, skip to SVM peering.",
            Self::SubnetTooSmall => "The delegated subnet has fewer than the 7 free IP addresses a migration needs (6 for cluster peering, 1 for data).",
            Self::PlacementNoReuse => "Placement can't reuse the storage of earlier volumes: every migration volume consumes 7 more subnet IPs and needs its own cluster peering.",
            Self::SecondSubscription => "Another subscription is migrating from the same source cluster: cluster peering from this subscription fails.",
            Self::SnapshotLocking => "Snapshot locking is on for the source volumes: transfers fail with a \"Last transfer error\" until it is turned off.",
            Self::FlexGroupSource => "The source SVM has FlexGroup volumes, which can't be migrated to large volumes.",
            Self::OldOntap => "The source cluster runs ONTAP 9.9.1, older than the 9.10.0 the migration assistant needs: peering fails.",
            Self::Throttling => "ARM's token buckets are tight: the app meets 429 Too Many Requests with Retry-After.",
            Self::ServerErrors => "ARM answers short bursts of 500 and 503 errors at random (from the seed); retries must cope.",
            Self::SlowOperations => "Every long-running operation takes ten times longer.",
            Self::Wave => "The source cluster holds 214 volumes in two SVMs (data volumes of 5 GiB to 12 TiB): svm_eng's 120 data volumes are the wave (paste the output of volume show -vserver svm_eng -fields vserver,volume,size,logical-used,type,volume-style-extended), with a FlexGroup and a DP volume the wave must flag. The pool takes every volume of the cluster; placement puts at most 100 volumes on one storage system, so a wave of 120 needs a second cluster peering.",
        }
    }

    /// Parses a name (case-insensitive; `_` and spaces accepted for `-`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        let wanted = name.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Self::all().iter().copied().find(|s| s.name() == wanted)
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown scenario name, with the known ones for the error message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownScenario(pub String);

impl fmt::Display for UnknownScenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Scenario::all().iter().map(|s| s.name()).collect();
        write!(f, "unknown scenario \"{}\"; known: {}", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownScenario {}

impl FromStr for Scenario {
    type Err = UnknownScenario;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_name(s).ok_or_else(|| UnknownScenario(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for s in Scenario::all() {
            assert_eq!(s.name().parse::<Scenario>(), Ok(*s));
            assert!(!s.description().is_empty() && !s.title().is_empty());
        }
        let mut names: Vec<&str> = Scenario::all().iter().map(|s| s.name()).collect();
        names.dedup();
        assert_eq!(names.len(), Scenario::all().len());
        assert_eq!(Scenario::from_name("Happy_Path"), Some(Scenario::HappyPath));
        let err = "nope".parse::<Scenario>().unwrap_err().to_string();
        assert!(err.contains("happy-path"), "{err}");
    }
}
