//! String enums that keep values they do not know.
//!
//! ARM marks most of its enums `modelAsString`: the service may send a value newer than this
//! console. Failing a whole page for that would be worse than showing the raw value, so each enum
//! has an `Other(String)` variant, parses case-insensitively and writes the spec's spelling.

/// Declares an open string enum: known variants with their wire spelling plus `Other(String)`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this console does not know, kept as the service sent it.
            Other(String),
        }

        impl $name {
            /// Every known value, in the spec's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as written on the wire.
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Other(s) => s,
                }
            }

            /// Parses a wire value, ignoring ASCII case; unknown values become `Other`.
            #[must_use]
            pub fn parse(s: &str) -> Self {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($wire) { return Self::$variant; })+
                Self::Other(s.to_owned())
            }

            /// Whether the value is one the spec lists.
            #[must_use]
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::parse(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Ok(Self::parse(&s))
            }
        }
    };
}

open_enum! {
    /// Whether data is being mirrored (`MirrorState` / `ReplicationMirrorState`).
    MirrorState {
        /// The baseline transfer has not completed yet.
        Uninitialized => "Uninitialized",
        /// Data is replicated.
        Mirrored => "Mirrored",
        /// The relationship is broken: the destination is writable.
        Broken => "Broken",
    }
}

open_enum! {
    /// Whether a transfer is running (`VolumeReplicationRelationshipStatus`).
    RelationshipStatus {
        /// No transfer in progress.
        Idle => "Idle",
        /// A transfer is running.
        Transferring => "Transferring",
    }
}

open_enum! {
    /// How often ANF pulls updates from the source (`ReplicationSchedule`).
    ReplicationSchedule {
        /// Every ten minutes.
        TenMinutely => "_10minutely",
        /// Every hour.
        Hourly => "hourly",
        /// Every day.
        Daily => "daily",
    }
}

impl ReplicationSchedule {
    /// A label for people.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::TenMinutely => "Every 10 minutes",
            Self::Hourly => "Hourly",
            Self::Daily => "Daily",
            Self::Other(s) => s,
        }
    }
}

open_enum! {
    /// Which end of a replication the volume is (`EndpointType`).
    EndpointType {
        /// Source.
        Src => "src",
        /// Destination.
        Dst => "dst",
    }
}

open_enum! {
    /// Next step of an external (migration) replication set-up, 2026-04-01 and later.
    ExternalReplicationSetupStatus {
        /// The cluster peering must be started.
        ClusterPeerRequired => "ClusterPeerRequired",
        /// The peering offer waits to be accepted on the ONTAP cluster.
        ClusterPeerPending => "ClusterPeerPending",
        /// The SVM peering must be authorized.
        VServerPeerRequired => "VServerPeerRequired",
        /// The SnapMirror relationship must be created.
        ReplicationCreateRequired => "ReplicationCreateRequired",
        /// Set-up is complete.
        NoActionRequired => "NoActionRequired",
    }
}

open_enum! {
    /// Performance tier of a pool or volume (`ServiceLevel`).
    ServiceLevel {
        /// Standard.
        Standard => "Standard",
        /// Premium.
        Premium => "Premium",
        /// Ultra.
        Ultra => "Ultra",
        /// Zone-redundant standard (being deprecated).
        StandardZrs => "StandardZRS",
        /// Flexible (manual QoS).
        Flexible => "Flexible",
    }
}

open_enum! {
    /// Network features of a volume (`NetworkFeatures`).
    NetworkFeatures {
        /// Basic.
        Basic => "Basic",
        /// Standard (required for migration).
        Standard => "Standard",
        /// Being updated from Basic to Standard.
        BasicStandard => "Basic_Standard",
        /// Being updated from Standard to Basic.
        StandardBasic => "Standard_Basic",
    }
}

open_enum! {
    /// Who may change file ownership (`ChownMode`).
    ChownMode {
        /// Only root.
        Restricted => "Restricted",
        /// Owners too.
        Unrestricted => "Unrestricted",
    }
}

open_enum! {
    /// ARM's lifecycle state of a resource.
    ProvisioningState {
        /// Ready.
        Succeeded => "Succeeded",
        /// The last operation failed.
        Failed => "Failed",
        /// The last operation was canceled.
        Canceled => "Canceled",
        /// Being created.
        Creating => "Creating",
        /// Being updated.
        Updating => "Updating",
        /// Being deleted.
        Deleting => "Deleting",
        /// Accepted, not started.
        Accepted => "Accepted",
    }
}

impl ProvisioningState {
    /// Whether an operation is still running on the resource.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        matches!(self, Self::Creating | Self::Updating | Self::Deleting | Self::Accepted)
    }
}

open_enum! {
    /// State of a preview feature registration (Microsoft.Features 2021-07-01).
    FeatureState {
        /// Not specified.
        NotSpecified => "NotSpecified",
        /// Not registered.
        NotRegistered => "NotRegistered",
        /// Waiting for approval.
        Pending => "Pending",
        /// Being registered (can last up to an hour).
        Registering => "Registering",
        /// Registered: the feature can be used.
        Registered => "Registered",
        /// Being unregistered.
        Unregistering => "Unregistering",
        /// Unregistered.
        Unregistered => "Unregistered",
    }
}

impl FeatureState {
    /// Whether a registration request is on its way (poll again later).
    #[must_use]
    pub fn is_in_progress(&self) -> bool {
        matches!(self, Self::Pending | Self::Registering)
    }
}

open_enum! {
    /// Registration state of a resource provider in a subscription.
    ProviderRegistrationState {
        /// Not registered.
        NotRegistered => "NotRegistered",
        /// Being registered.
        Registering => "Registering",
        /// Registered.
        Registered => "Registered",
        /// Being unregistered.
        Unregistering => "Unregistering",
    }
}

open_enum! {
    /// State of a subscription.
    SubscriptionState {
        /// Usable.
        Enabled => "Enabled",
        /// Usable with a warning.
        Warned => "Warned",
        /// Payment overdue.
        PastDue => "PastDue",
        /// Disabled.
        Disabled => "Disabled",
        /// Deleted.
        Deleted => "Deleted",
    }
}

open_enum! {
    /// Filter of `listReplications` (`Exclude`).
    ReplicationsExclude {
        /// All replications.
        None => "None",
        /// Leave deleted replications out.
        Deleted => "Deleted",
    }
}

open_enum! {
    /// Quality of service of a capacity pool (`QosType`): throughput follows each volume's quota
    /// and service level (`Auto`), or is assigned per volume (`Manual`, `throughputMibps`).
    QosType {
        /// Throughput from quota and service level.
        Auto => "Auto",
        /// Throughput set on each volume.
        Manual => "Manual",
    }
}

open_enum! {
    /// Whose permissions a volume's files carry (`SecurityStyle`); create-only. The spec's
    /// default is unix, and ntfs for SMB and dual-protocol volumes.
    SecurityStyle {
        /// NTFS ACLs, changed from Windows clients.
        Ntfs => "ntfs",
        /// UNIX mode bits, changed from NFS clients.
        Unix => "unix",
    }
}

impl SecurityStyle {
    /// A label for people.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::Ntfs => "NTFS",
            Self::Unix => "UNIX",
            Self::Other(s) => s,
        }
    }
}

open_enum! {
    /// An SMB share setting that is switched on or off by a string
    /// (`smbAccessBasedEnumeration`, `smbNonBrowsable`).
    ShareSetting {
        /// Off.
        Disabled => "Disabled",
        /// On.
        Enabled => "Enabled",
    }
}

impl ShareSetting {
    /// `Enabled` for true, `Disabled` for false.
    #[must_use]
    pub const fn from_bool(on: bool) -> Self {
        if on {
            Self::Enabled
        } else {
            Self::Disabled
        }
    }

    /// Whether the setting is on.
    #[must_use]
    pub fn is_enabled(&self) -> bool {
        matches!(self, Self::Enabled)
    }
}

open_enum! {
    /// State of a NetApp account's Active Directory connection (`ActiveDirectoryStatus`).
    ActiveDirectoryStatus {
        /// Created, not used by a volume yet.
        Created => "Created",
        /// Used by SMB volumes.
        InUse => "InUse",
        /// Deleted.
        Deleted => "Deleted",
        /// Broken (`statusDetails` says why).
        Error => "Error",
        /// Being changed.
        Updating => "Updating",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_case_insensitively_and_writes_spec_spelling() {
        assert_eq!(MirrorState::parse("mirrored"), MirrorState::Mirrored);
        assert_eq!(MirrorState::parse("BROKEN"), MirrorState::Broken);
        assert_eq!(
            serde_json::to_string(&ServiceLevel::parse("standardzrs")).unwrap(),
            "\"StandardZRS\""
        );
        assert_eq!(ReplicationSchedule::parse("_10MINUTELY"), ReplicationSchedule::TenMinutely);
    }

    #[test]
    fn keeps_unknown_values() {
        let s: MirrorState = serde_json::from_str("\"Quiesced\"").unwrap();
        assert_eq!(s, MirrorState::Other("Quiesced".into()));
        assert!(!s.is_known());
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"Quiesced\"");
    }

    #[test]
    fn known_lists_every_variant() {
        assert_eq!(FeatureState::KNOWN.len(), 7);
        assert!(FeatureState::parse("registering").is_in_progress());
        assert!(!FeatureState::parse("Registered").is_in_progress());
    }

    #[test]
    fn share_settings_and_security_styles_use_the_spec_spelling() {
        assert_eq!(ShareSetting::from_bool(true).as_str(), "Enabled");
        assert!(!ShareSetting::parse("disabled").is_enabled());
        assert_eq!(serde_json::to_string(&SecurityStyle::Ntfs).unwrap(), "\"ntfs\"");
        assert_eq!(QosType::parse("manual"), QosType::Manual);
    }
}
