//! The Microsoft.NetApp api-versions this console speaks.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A Microsoft.NetApp api-version with a stable migration-assistant surface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApiVersion {
    /// 2025-12-01: peering answers `peerAcceptCommand`; no setup status on the volume.
    #[serde(rename = "2025-12-01")]
    V2025_12_01,
    /// 2026-04-01 (default): adds `externalReplicationSetupStatus`, `mirrorState` and
    /// `relationshipStatus` on the volume, and a separate peering passphrase.
    #[default]
    #[serde(rename = "2026-04-01")]
    V2026_04_01,
}

/// An api-version string this console does not speak.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("api-version \"{0}\" is not supported; use 2026-04-01 or 2025-12-01")]
pub struct UnsupportedApiVersion(pub String);

impl ApiVersion {
    /// Every supported version, oldest first.
    pub const ALL: &'static [ApiVersion] = &[ApiVersion::V2025_12_01, ApiVersion::V2026_04_01];

    /// The query value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::V2025_12_01 => "2025-12-01",
            Self::V2026_04_01 => "2026-04-01",
        }
    }

    /// Parses `2025-12-01` or `2026-04-01` (surrounding spaces ignored).
    ///
    /// # Errors
    /// [`UnsupportedApiVersion`] for any other string.
    pub fn parse(s: &str) -> Result<Self, UnsupportedApiVersion> {
        match s.trim() {
            "2025-12-01" => Ok(Self::V2025_12_01),
            "2026-04-01" => Ok(Self::V2026_04_01),
            other => Err(UnsupportedApiVersion(other.to_owned())),
        }
    }

    /// Whether `creationToken` may contain underscores (2026-04-01 widened the pattern).
    #[must_use]
    pub const fn creation_token_allows_underscore(self) -> bool {
        matches!(self, Self::V2026_04_01)
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ApiVersion {
    type Err = UnsupportedApiVersion;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_supported_and_rejects_others() {
        assert_eq!(ApiVersion::parse(" 2025-12-01 "), Ok(ApiVersion::V2025_12_01));
        assert_eq!(ApiVersion::default().as_str(), "2026-04-01");
        let err = ApiVersion::parse("2025-07-01").unwrap_err();
        assert!(err.to_string().contains("2025-07-01"));
        assert_eq!(serde_json::to_string(&ApiVersion::V2025_12_01).unwrap(), "\"2025-12-01\"");
    }
}
