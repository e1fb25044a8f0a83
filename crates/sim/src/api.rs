//! The Microsoft.NetApp api-versions the simulator serves, each with its own response shapes.

use serde::{Deserialize, Serialize};

/// A supported Microsoft.NetApp api-version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApiVersion {
    /// Peering answers a top-level `peerAcceptCommand`; volumes carry no setup status.
    V2025_12_01,
    /// Peering answers `properties.clusterPeeringCommand` + `properties.passphrase`; volumes carry
    /// `externalReplicationSetupStatus`, `mirrorState` and `relationshipStatus`.
    V2026_04_01,
}

impl ApiVersion {
    /// All supported versions.
    pub const ALL: [Self; 2] = [Self::V2025_12_01, Self::V2026_04_01];

    /// The wire value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V2025_12_01 => "2025-12-01",
            Self::V2026_04_01 => "2026-04-01",
        }
    }

    /// Parses an `api-version` value.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Does this version report the external replication setup status on volumes?
    #[must_use]
    pub fn has_setup_status(self) -> bool {
        self >= Self::V2026_04_01
    }
}
