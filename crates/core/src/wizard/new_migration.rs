//! The new-migration form around the core's validation: its tabs, where each field lives, the
//! protocol choices as the portal names them, and the suggested quota.

use crate::validation::fields;
use crate::validation::quota::{format_size, GIB, MIN_QUOTA_BYTES};
use serde::{Deserialize, Serialize};

/// Field key of the source's logical size (the core's form takes it as a number).
pub const SOURCE_SIZE: &str = "sourceSize";

/// The form's tabs, in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FormTab {
    /// The ONTAP source.
    #[default]
    Source,
    /// The ANF volume: name, path, quota, service level.
    Volume,
    /// Network and protocol: subnet, protocol, export policy, intercluster addresses.
    Network,
    /// Review + Create.
    Review,
}

impl FormTab {
    /// Every tab, in order.
    pub const ALL: [FormTab; 4] = [Self::Source, Self::Volume, Self::Network, Self::Review];

    /// The tab's label.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Source => "Source",
            Self::Volume => "Volume",
            Self::Network => "Network and protocol",
            Self::Review => "Review + Create",
        }
    }

    /// A stable id fragment for the tab and its panel.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Source => "source",
            Self::Volume => "volume",
            Self::Network => "network",
            Self::Review => "review",
        }
    }

    /// The tab after this one.
    #[must_use]
    pub const fn next(self) -> Self {
        match self {
            Self::Source => Self::Volume,
            Self::Volume => Self::Network,
            Self::Network | Self::Review => Self::Review,
        }
    }

    /// The tab before this one.
    #[must_use]
    pub const fn previous(self) -> Self {
        match self {
            Self::Source | Self::Volume => Self::Source,
            Self::Network => Self::Volume,
            Self::Review => Self::Network,
        }
    }
}

/// The tab that holds a field (by its key in [`fields`] or [`SOURCE_SIZE`]).
#[must_use]
pub fn tab_of(field: &str) -> FormTab {
    match field {
        fields::CLUSTER_NAME
        | fields::SVM_NAME
        | fields::SOURCE_VOLUME
        | SOURCE_SIZE
        | fields::SCHEDULE => FormTab::Source,
        fields::VOLUME_NAME
        | fields::CREATION_TOKEN
        | fields::QUOTA
        | fields::SERVICE_LEVEL
        | fields::THROUGHPUT => FormTab::Volume,
        _ => FormTab::Network,
    }
}

/// Protocol choices as the portal lists them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ProtocolChoice {
    /// NFSv3.
    #[default]
    Nfsv3,
    /// NFSv4.1.
    Nfsv41,
    /// SMB.
    Smb,
    /// Dual protocol (NFSv3 and SMB).
    Dual,
    /// Dual protocol (NFSv4.1 and SMB).
    DualNfsv41,
}

impl ProtocolChoice {
    /// Every choice.
    pub const ALL: [ProtocolChoice; 5] =
        [Self::Nfsv3, Self::Nfsv41, Self::Smb, Self::Dual, Self::DualNfsv41];

    /// The label.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Nfsv3 => "NFSv3",
            Self::Nfsv41 => "NFSv4.1",
            Self::Smb => "SMB",
            Self::Dual => "Dual-protocol (NFSv3 and SMB)",
            Self::DualNfsv41 => "Dual-protocol (NFSv4.1 and SMB)",
        }
    }

    /// A stable value for a select.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            Self::Nfsv3 => "nfsv3",
            Self::Nfsv41 => "nfsv41",
            Self::Smb => "smb",
            Self::Dual => "dual",
            Self::DualNfsv41 => "dual-nfsv41",
        }
    }

    /// Whether the volume is shared over SMB (SMB or dual-protocol): the share settings, the
    /// security style and the account's Active Directory connection apply.
    #[must_use]
    pub const fn has_smb(self) -> bool {
        matches!(self, Self::Smb | Self::Dual | Self::DualNfsv41)
    }

    /// Whether the volume is exported over NFS: LDAP applies.
    #[must_use]
    pub const fn has_nfs(self) -> bool {
        !matches!(self, Self::Smb)
    }

    /// Whether the security style is a choice (dual-protocol); an SMB volume is NTFS.
    #[must_use]
    pub const fn chooses_security_style(self) -> bool {
        matches!(self, Self::Dual | Self::DualNfsv41)
    }

    /// Reads [`ProtocolChoice::key`]; anything else is NFSv3.
    #[must_use]
    pub fn from_key(key: &str) -> Self {
        Self::ALL.into_iter().find(|c| c.key() == key).unwrap_or_default()
    }

    /// `protocolTypes` for the core's validation.
    #[must_use]
    pub fn protocol_types(self) -> Vec<String> {
        let list: &[&str] = match self {
            Self::Nfsv3 => &["NFSv3"],
            Self::Nfsv41 => &["NFSv4.1"],
            Self::Smb => &["CIFS"],
            Self::Dual => &["NFSv3", "CIFS"],
            Self::DualNfsv41 => &["NFSv4.1", "CIFS"],
        };
        list.iter().map(|s| (*s).to_owned()).collect()
    }
}

/// A suggested quota and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaSuggestion {
    /// Whole GiB.
    pub gib: u64,
    /// The reason, for the field's hint.
    pub reason: String,
}

/// The quota to suggest for a source holding `source_logical_bytes`: 20 % more, rounded up to
/// whole GiB, and never under the 50 GiB minimum.
#[must_use]
pub fn suggest_quota(source_logical_bytes: u64) -> Option<QuotaSuggestion> {
    if source_logical_bytes == 0 {
        return None;
    }
    let headroom = source_logical_bytes.saturating_mul(6).div_ceil(5);
    let bytes = (headroom.div_ceil(GIB) * GIB).max(MIN_QUOTA_BYTES);
    let reason = if bytes == MIN_QUOTA_BYTES && headroom < MIN_QUOTA_BYTES {
        format!(
            "20% over the source's {} of data, raised to the 50 GiB minimum volume size.",
            format_size(source_logical_bytes)
        )
    } else {
        format!(
            "20% over the source's {} of data, as Microsoft recommends, so the baseline and new writes fit.",
            format_size(source_logical_bytes)
        )
    };
    Some(QuotaSuggestion { gib: bytes / GIB, reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_twenty_percent_more_in_whole_gib() {
        let s = suggest_quota(500 * GIB).unwrap();
        assert_eq!(s.gib, 600);
        assert!(s.reason.contains("500 GiB"), "{}", s.reason);
        assert_eq!(suggest_quota(310 * GIB).unwrap().gib, 372);
        assert_eq!(suggest_quota(100 * GIB + 1).unwrap().gib, 121);
        let small = suggest_quota(3 * GIB).unwrap();
        assert_eq!(small.gib, 50);
        assert!(small.reason.contains("minimum"), "{}", small.reason);
        assert_eq!(suggest_quota(0), None);
    }

    #[test]
    fn fields_belong_to_tabs_and_tabs_step() {
        assert_eq!(tab_of(fields::CLUSTER_NAME), FormTab::Source);
        assert_eq!(tab_of(SOURCE_SIZE), FormTab::Source);
        assert_eq!(tab_of(fields::QUOTA), FormTab::Volume);
        assert_eq!(tab_of(fields::SUBNET), FormTab::Network);
        assert_eq!(tab_of(fields::PEER_ADDRESSES), FormTab::Network);
        assert_eq!(tab_of(fields::ACTIVE_DIRECTORY), FormTab::Network);
        assert_eq!(tab_of(fields::SMB_CONTINUOUSLY_AVAILABLE), FormTab::Network);
        assert_eq!(FormTab::Source.next().next().next(), FormTab::Review);
        assert_eq!(FormTab::Review.next(), FormTab::Review);
        assert_eq!(FormTab::Source.previous(), FormTab::Source);
        assert_eq!(FormTab::Review.previous(), FormTab::Network);
    }

    #[test]
    fn protocol_choices_map_to_protocol_types() {
        assert_eq!(ProtocolChoice::Dual.protocol_types(), ["NFSv3", "CIFS"]);
        assert_eq!(ProtocolChoice::DualNfsv41.protocol_types(), ["NFSv4.1", "CIFS"]);
        assert!(ProtocolChoice::Smb.has_smb() && !ProtocolChoice::Smb.has_nfs());
        assert!(!ProtocolChoice::Nfsv41.has_smb() && ProtocolChoice::Nfsv41.has_nfs());
        assert!(ProtocolChoice::DualNfsv41.chooses_security_style());
        assert!(!ProtocolChoice::Smb.chooses_security_style());
        assert_eq!(ProtocolChoice::from_key("nfsv41").protocol_types(), ["NFSv4.1"]);
        assert_eq!(ProtocolChoice::from_key("nonsense"), ProtocolChoice::Nfsv3);
        for c in ProtocolChoice::ALL {
            assert_eq!(ProtocolChoice::from_key(c.key()), c);
        }
    }
}
