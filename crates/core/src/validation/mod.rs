//! Validation of everything a person types, with messages they can act on.
//!
//! Each check returns the cleaned value or a [`FieldError`] naming the form field, so the UI
//! can show the message next to it. Rules follow the ARM spec (patterns, lengths, ranges) and,
//! for the ONTAP side, ONTAP's own naming rules.

pub mod addresses;
pub mod choices;
pub mod export_policy;
pub mod migration;
pub mod names;
pub mod network;
pub mod ontap;
pub mod quota;
pub mod quota_change;
pub mod smb;
pub mod throughput;

use serde::Serialize;
use std::fmt;

/// Field names the UI keys its messages by.
pub mod fields {
    /// ANF volume (resource) name.
    pub const VOLUME_NAME: &str = "volumeName";
    /// Export path.
    pub const CREATION_TOKEN: &str = "creationToken";
    /// Size.
    pub const QUOTA: &str = "quota";
    /// Intercluster LIF addresses.
    pub const PEER_ADDRESSES: &str = "peerIpAddresses";
    /// The number of nodes of the source cluster (one intercluster LIF each).
    pub const NODE_COUNT: &str = "nodeCount";
    /// ONTAP cluster name.
    pub const CLUSTER_NAME: &str = "clusterName";
    /// ONTAP SVM name.
    pub const SVM_NAME: &str = "svmName";
    /// ONTAP source volume name.
    pub const SOURCE_VOLUME: &str = "sourceVolumeName";
    /// Replication schedule.
    pub const SCHEDULE: &str = "replicationSchedule";
    /// Service level.
    pub const SERVICE_LEVEL: &str = "serviceLevel";
    /// Protocols.
    pub const PROTOCOLS: &str = "protocolTypes";
    /// Export policy allowed clients.
    pub const ALLOWED_CLIENTS: &str = "allowedClients";
    /// Export policy access (read-only / read-write).
    pub const ACCESS: &str = "access";
    /// Delegated subnet.
    pub const SUBNET: &str = "subnet";
    /// The NetApp account's Active Directory connection (SMB, dual-protocol, LDAP).
    pub const ACTIVE_DIRECTORY: &str = "activeDirectory";
    /// Security style (NTFS or UNIX).
    pub const SECURITY_STYLE: &str = "securityStyle";
    /// SMB 3 encryption.
    pub const SMB_ENCRYPTION: &str = "smbEncryption";
    /// Continuously available SMB share.
    pub const SMB_CONTINUOUSLY_AVAILABLE: &str = "smbContinuouslyAvailable";
    /// Access-based enumeration of an SMB share.
    pub const SMB_ACCESS_BASED_ENUMERATION: &str = "smbAccessBasedEnumeration";
    /// SMB share hidden from browsing.
    pub const SMB_NON_BROWSABLE: &str = "smbNonBrowsable";
    /// LDAP for the NFS side.
    pub const LDAP: &str = "ldapEnabled";
    /// Throughput of a volume in a manual-QoS pool.
    pub const THROUGHPUT: &str = "throughputMibps";
    /// A new quota for an existing volume (after the migration).
    pub const NEW_QUOTA: &str = "newQuota";
}

/// A problem with one field, in words for the person who typed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Which field (see [`fields`]).
    pub field: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl FieldError {
    /// A new error for `field`.
    #[must_use]
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self { field, message: message.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

/// Describes a character for a message: `'x'`, or `a space`.
pub(crate) fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab".to_owned(),
        c => format!("'{c}'"),
    }
}
