//! Volumes, including everything a migration volume carries.

use super::volume_options::VolumeOptions;
use super::{
    ChownMode, EndpointType, ExternalReplicationSetupStatus, MirrorState, NetworkFeatures,
    ProvisioningState, RelationshipStatus, ReplicationSchedule, SecurityStyle, ServiceLevel,
    ShareSetting,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// `volumeType` of a volume created by the migration assistant.
pub const VOLUME_TYPE_MIGRATION: &str = "Migration";

/// A volume (`.../capacityPools/{pool}/volumes/{volume}`).
///
/// Fields the console does not model are kept in `extra`, so a volume read and written back
/// loses nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    /// Full ARM id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `account/pool/volume` (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Resource type (read-only).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// Region (required on create).
    #[serde(default)]
    pub location: String,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<BTreeMap<String, String>>,
    /// Volume properties.
    #[serde(default)]
    pub properties: VolumeProperties,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Volume {
    /// The volume's own name (last segment of `name`), if known.
    #[must_use]
    pub fn short_name(&self) -> Option<&str> {
        self.name.as_deref().map(super::short_name)
    }

    /// The replication object of a data-protection or migration volume.
    #[must_use]
    pub fn replication(&self) -> Option<&ReplicationObject> {
        self.properties.data_protection.as_ref()?.replication.as_ref()
    }

    /// Whether this is a migration-assistant volume: `volumeType` says so (case-insensitively),
    /// or it replicates from an external ONTAP cluster (`remotePath`). The one definition in
    /// the app: some api-versions and list answers leave `volumeType` out of a volume whose
    /// replication still names its ONTAP source, and such a volume is still being migrated.
    /// Cross-region replication names a `remoteVolumeResourceId`, never a `remotePath`.
    #[must_use]
    pub fn is_migration(&self) -> bool {
        self.properties
            .volume_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case(VOLUME_TYPE_MIGRATION))
            || self.replication().is_some_and(|r| r.remote_path.is_some())
    }
}

/// Properties of a volume.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeProperties {
    /// Unique file path (the export path), 1 to 80 characters.
    #[serde(default)]
    pub creation_token: String,
    /// Quota in bytes, multiples of 1 GiB.
    #[serde(default)]
    pub usage_threshold: u64,
    /// Delegated subnet's ARM id.
    #[serde(default)]
    pub subnet_id: String,
    /// Service level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level: Option<ServiceLevel>,
    /// Free string; `Migration` for migration-assistant volumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_type: Option<String>,
    /// `NFSv3`, `NFSv4.1`, `CIFS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_types: Option<Vec<String>>,
    /// Network features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_features: Option<NetworkFeatures>,
    /// Large volume (boolean in the spec, not the string some samples send).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_large_volume: Option<bool>,
    /// Export policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export_policy: Option<ExportPolicy>,
    /// Replication settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_protection: Option<DataProtection>,
    /// Provisioning state (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisioning_state: Option<ProvisioningState>,
    /// File system GUID (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_system_id: Option<String>,
    /// Throughput in MiB/s: set on manual-QoS pools, reported on auto-QoS ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_mibps: Option<f64>,
    /// `ntfs` or `unix` (create-only; the spec defaults to ntfs for SMB and dual-protocol).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_style: Option<SecurityStyle>,
    /// SMB 3 encryption of data in flight (SMB and dual-protocol volumes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smb_encryption: Option<bool>,
    /// Continuously available share (SMB volumes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smb_continuously_available: Option<bool>,
    /// Access-based enumeration (SMB and dual-protocol volumes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smb_access_based_enumeration: Option<ShareSetting>,
    /// Hidden from share browsing (SMB and dual-protocol volumes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smb_non_browsable: Option<ShareSetting>,
    /// LDAP user and group lookups for NFS (create-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ldap_enabled: Option<bool>,
    /// Mount targets (read-only): where clients mount the volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_targets: Option<Vec<MountTarget>>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A mount target of a volume.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MountTarget {
    /// IP address clients mount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// File system GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_system_id: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `properties.exportPolicy`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportPolicy {
    /// The rules, in order.
    #[serde(default)]
    pub rules: Vec<ExportPolicyRule>,
}

/// One export policy rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportPolicyRule {
    /// Order index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<i32>,
    /// Read-only access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unix_read_only: Option<bool>,
    /// Read-write access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unix_read_write: Option<bool>,
    /// Allows CIFS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cifs: Option<bool>,
    /// Allows NFSv3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nfsv3: Option<bool>,
    /// Allows NFSv4.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nfsv41: Option<bool>,
    /// Comma-separated IPv4 addresses, CIDRs, ranges or host names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_clients: Option<String>,
    /// Root access (spec default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_root_access: Option<bool>,
    /// Who may chown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chown_mode: Option<ChownMode>,
    /// Kerberos flags and anything else, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `properties.dataProtection`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DataProtection {
    /// Replication settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication: Option<ReplicationObject>,
    /// Snapshot and backup settings, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `dataProtection.replication` (`ReplicationObject`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicationObject {
    /// Replication id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_id: Option<String>,
    /// `src` or `dst` (read-only in the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_type: Option<EndpointType>,
    /// Transfer schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_schedule: Option<ReplicationSchedule>,
    /// Remote ANF volume (cross-region replication, not migration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_volume_resource_id: Option<String>,
    /// The ONTAP volume being migrated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_path: Option<RemotePath>,
    /// Remote region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_volume_region: Option<String>,
    /// Next set-up step (2026-04-01+, read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_replication_setup_status: Option<ExternalReplicationSetupStatus>,
    /// Human text describing the next set-up step (2026-04-01+, read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_replication_setup_info: Option<String>,
    /// Mirror state (2026-04-01+, read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mirror_state: Option<MirrorState>,
    /// Relationship status (2026-04-01+, read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_status: Option<RelationshipStatus>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The full path of the ONTAP volume to migrate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemotePath {
    /// The ONTAP cluster (host) name.
    pub external_host_name: String,
    /// The SVM name.
    pub server_name: String,
    /// The ONTAP volume name.
    pub volume_name: String,
}

/// What a person chooses for a migration volume; [`MigrationVolumeSpec::to_volume`] builds the
/// PUT body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MigrationVolumeSpec {
    /// Region of the NetApp account.
    pub location: String,
    /// Export path.
    pub creation_token: String,
    /// Quota in bytes.
    pub usage_threshold: u64,
    /// Delegated subnet id.
    pub subnet_id: String,
    /// Service level (normally the pool's).
    pub service_level: ServiceLevel,
    /// Protocols, e.g. `["NFSv3"]`.
    pub protocol_types: Vec<String>,
    /// Large volume.
    pub is_large_volume: bool,
    /// Transfer schedule.
    pub replication_schedule: ReplicationSchedule,
    /// The ONTAP source.
    pub remote_path: RemotePath,
    /// Export policy, if any.
    pub export_policy: Option<ExportPolicy>,
    /// SMB share settings, security style, LDAP and manual-QoS throughput; empty for an NFS
    /// volume on an auto-QoS pool. Missing in specs saved before these existed.
    #[serde(default, skip_serializing_if = "VolumeOptions::is_empty")]
    pub options: VolumeOptions,
}

impl MigrationVolumeSpec {
    /// The `Volume` to PUT: `volumeType` Migration, Standard network features and the
    /// replication block with `remotePath`.
    ///
    /// `endpointType` is sent as `dst`: the spec marks it read-only (so ARM ignores it), while
    /// Microsoft's how-to sends it; sending it satisfies both. [`MigrationVolumeSpec::options`]
    /// add the SMB, security-style, LDAP and throughput properties they hold.
    #[must_use]
    pub fn to_volume(&self) -> Volume {
        let mut volume = Volume {
            location: self.location.clone(),
            properties: VolumeProperties {
                creation_token: self.creation_token.clone(),
                usage_threshold: self.usage_threshold,
                subnet_id: self.subnet_id.clone(),
                service_level: Some(self.service_level.clone()),
                volume_type: Some(VOLUME_TYPE_MIGRATION.to_owned()),
                protocol_types: Some(self.protocol_types.clone()),
                network_features: Some(NetworkFeatures::Standard),
                is_large_volume: Some(self.is_large_volume),
                export_policy: self.export_policy.clone(),
                data_protection: Some(DataProtection {
                    replication: Some(ReplicationObject {
                        endpoint_type: Some(EndpointType::Dst),
                        replication_schedule: Some(self.replication_schedule.clone()),
                        remote_path: Some(self.remote_path.clone()),
                        ..ReplicationObject::default()
                    }),
                    ..DataProtection::default()
                }),
                ..VolumeProperties::default()
            },
            ..Volume::default()
        };
        self.options.apply(&mut volume.properties);
        volume
    }
}
