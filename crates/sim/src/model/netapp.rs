//! NetApp accounts (with their Active Directory connection), capacity pools and volumes
//! (regular and migration, NFS, SMB or dual-protocol).

use super::replication::Relationship;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// A NetApp account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub location: String,
    /// The Active Directory connection SMB and dual-protocol volumes join; `None` for an
    /// account without one (and in demo state saved before accounts had one).
    #[serde(default)]
    pub active_directory: Option<ActiveDirectory>,
}

/// An account's Active Directory connection, as ARM's `activeDirectories` item shows it (the
/// password is never shown: ARM answers `null`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveDirectory {
    pub id: String,
    pub domain: String,
    pub dns: String,
    pub smb_server_name: String,
    pub site: String,
    pub organizational_unit: String,
    pub username: String,
}

impl ActiveDirectory {
    /// The `activeDirectories` item; status `InUse` once an SMB volume uses it.
    #[must_use]
    pub fn wire(&self, in_use: bool) -> Value {
        json!({
            "activeDirectoryId": self.id,
            "username": self.username,
            "password": null,
            "domain": self.domain,
            "dns": self.dns,
            "smbServerName": self.smb_server_name,
            "site": self.site,
            "organizationalUnit": self.organizational_unit,
            "aesEncryption": false,
            "ldapSigning": false,
            "ldapOverTLS": false,
            "status": if in_use { "InUse" } else { "Created" },
        })
    }
}

/// A capacity pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pool {
    pub id: String,
    /// `account/pool`, as ARM names nested resources.
    pub name: String,
    pub location: String,
    pub service_level: String,
    pub size: u64,
    pub pool_id: String,
    /// Manual QoS: each volume is given its own `throughputMibps` out of the pool's total.
    /// (Missing in demo state saved before pools had it: auto.)
    #[serde(default)]
    pub manual_qos: bool,
}

impl Pool {
    /// `Auto` or `Manual`.
    #[must_use]
    pub const fn qos_type(&self) -> &'static str {
        if self.manual_qos {
            "Manual"
        } else {
            "Auto"
        }
    }

    /// The pool's throughput: its size times the service level's MiB/s per TiB (Standard 16,
    /// Premium 64, Ultra 128, as Microsoft's service levels page gives them), for both QoS types.
    #[must_use]
    pub fn total_throughput_mibps(&self) -> f64 {
        let per_tib = match self.service_level.as_str() {
            "Premium" => 64.0,
            "Ultra" => 128.0,
            _ => 16.0,
        };
        per_tib * self.size as f64 / 1_099_511_627_776.0
    }

    /// The throughput its volumes have: on a manual pool what each was given, on an auto pool
    /// what each quota brings at the service level.
    #[must_use]
    pub fn utilized_throughput_mibps<'a>(&self, volumes: impl Iterator<Item = &'a Volume>) -> f64 {
        let per_byte = self.total_throughput_mibps() / self.size.max(1) as f64;
        volumes
            .map(|v| match (self.manual_qos, v.extras.throughput_mibps) {
                (true, t) => t.unwrap_or(0.0),
                (false, _) => v.usage_threshold as f64 * per_byte,
            })
            .sum()
    }
}

/// How often scheduled incremental transfers run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Schedule {
    TenMinutely,
    Hourly,
    Daily,
}

impl Schedule {
    /// The wire value.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::TenMinutely => "_10minutely",
            Self::Hourly => "hourly",
            Self::Daily => "daily",
        }
    }

    /// Parses the wire value case-insensitively (the how-to writes `Hourly`).
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "_10minutely" => Some(Self::TenMinutely),
            "hourly" => Some(Self::Hourly),
            "daily" => Some(Self::Daily),
            _ => None,
        }
    }

    /// The interval in milliseconds.
    #[must_use]
    pub const fn millis(self) -> u64 {
        match self {
            Self::TenMinutely => 600_000,
            Self::Hourly => 3_600_000,
            Self::Daily => 86_400_000,
        }
    }

    /// The first schedule boundary strictly after `t`, like a cron schedule.
    #[must_use]
    pub const fn next_after(self, t: u64) -> u64 {
        (t / self.millis() + 1) * self.millis()
    }
}

/// Where a migration volume's data comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemotePath {
    pub external_host_name: String,
    pub server_name: String,
    pub volume_name: String,
}

/// The migration side of a volume: what `dataProtection.replication` describes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Migration {
    pub replication_id: String,
    pub schedule: Schedule,
    pub remote: RemotePath,
    /// Key of the external cluster, once peering found it.
    pub cluster: Option<String>,
    /// `authorizeExternalReplication` has run: the SVM peer request exists.
    pub authorized: bool,
    /// The SnapMirror relationship, once SVM peering is accepted and ANF created it.
    pub relationship: Option<Relationship>,
}

/// A volume.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    pub id: String,
    /// `account/pool/volume`.
    pub name: String,
    pub location: String,
    pub subscription: String,
    pub pool_key: String,
    pub creation_token: String,
    pub usage_threshold: u64,
    pub service_level: String,
    pub subnet_id: String,
    pub network_features: String,
    pub protocol_types: Vec<String>,
    pub export_rules: serde_json::Value,
    pub is_large_volume: bool,
    pub file_system_id: String,
    pub provisioning_state: String,
    /// Name of the storage system the volume was placed on.
    pub backend: Option<String>,
    pub migration: Option<Migration>,
    /// The operation running on this volume, if any (one at a time, as in ANF).
    pub pending_op: Option<String>,
    /// Bytes clients wrote to the volume while it was read-write during a migration pause.
    pub local_writes: u64,
    pub tags: serde_json::Value,
    /// SMB share settings, security style, LDAP.
    #[serde(default)]
    pub extras: VolumeExtras,
}

/// The share settings of an SMB or dual-protocol volume.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmbShare {
    pub encryption: bool,
    /// Only ever true on an SMB (not dual-protocol) volume.
    pub continuously_available: bool,
    pub access_based_enumeration: bool,
    pub non_browsable: bool,
}

/// What a volume has beyond an NFS volume in an auto-QoS pool: its SMB share, security style,
/// LDAP, and the throughput a manual-QoS pool gave it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeExtras {
    /// `Some` on SMB and dual-protocol volumes.
    pub smb: Option<SmbShare>,
    /// `ntfs` or `unix`, as ARM spells them.
    pub security_style: String,
    pub ldap_enabled: bool,
    /// MiB/s, in a manual-QoS pool.
    pub throughput_mibps: Option<f64>,
    /// The data a finished migration left in the volume (its replication's total progress and
    /// the clients' writes when it was finalized); 0 before.
    pub data_bytes: u64,
}

impl VolumeExtras {
    /// Adds the extras' properties to a volume's `properties` as ARM shows them: the security
    /// style and LDAP always (ARM reports their defaults), the share settings on SMB shares,
    /// the throughput where a manual-QoS pool gave one.
    pub fn write_wire(&self, props: &mut Value) {
        if let Some(t) = self.throughput_mibps {
            props["throughputMibps"] = json!(t);
        }
        let style = if self.security_style.is_empty() { "unix" } else { &self.security_style };
        props["securityStyle"] = json!(style);
        props["ldapEnabled"] = json!(self.ldap_enabled);
        if let Some(smb) = &self.smb {
            let setting = |on: bool| if on { "Enabled" } else { "Disabled" };
            props["smbEncryption"] = json!(smb.encryption);
            props["smbContinuouslyAvailable"] = json!(smb.continuously_available);
            props["smbAccessBasedEnumeration"] = json!(setting(smb.access_based_enumeration));
            props["smbNonBrowsable"] = json!(setting(smb.non_browsable));
        }
    }
}

impl Volume {
    /// Is this a migration volume still in migration?
    #[must_use]
    pub fn is_migrating(&self) -> bool {
        self.migration.is_some()
    }

    /// The data the volume holds at simulated time `t`: what its replication brought
    /// (`totalProgress`), what clients wrote to it while it was read-write, and what a
    /// finished migration left. ARM does not show it (the spec's volume has no used size;
    /// Azure Monitor's `VolumeLogicalSize` metric does); the simulator needs it to refuse a
    /// quota below it.
    #[must_use]
    pub fn used_bytes(&self, t: u64) -> u64 {
        let replicated = self
            .migration
            .as_ref()
            .and_then(|m| m.relationship.as_ref())
            .map_or(0, |r| r.total_progress(t));
        self.extras.data_bytes + replicated + self.local_writes
    }
}
