//! The whole "new migration" form at once: every field checked, every problem returned, and the
//! PUT body built when nothing blocks.
//!
//! Two entry points: [`validate_migration_volume`] takes the SMB settings and throughput and
//! what is known of the target account and pool, so NFS, SMB and dual-protocol volumes pass, in
//! auto- and manual-QoS pools; [`validate_migration_form`] has neither (a wave's row has no SMB
//! settings), so only NFS volumes pass it, and no throughput is sent.

use super::addresses::parse_intercluster_addresses;
use super::choices::{parse_replication_schedule, validate_protocols, validate_service_level};
use super::export_policy::validate_allowed_clients;
use super::names::{validate_creation_token, validate_volume_name};
use super::ontap::{validate_cluster_name, validate_ontap_volume_name, validate_svm_name};
use super::quota::{validate_quota, SizeUnit};
use super::smb::{validate_smb_options, AdConnection, SmbForm};
use super::throughput::{validate_throughput, PoolQos};
use super::{fields, FieldError};
use crate::api_version::ApiVersion;
use crate::ids::SubnetId;
use crate::models::{
    ExportPolicy, ExportPolicyRule, MigrationVolumeSpec, RemotePath, ServiceLevel, VolumeOptions,
};

/// What the person typed or picked, as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MigrationForm {
    /// ANF volume name.
    pub volume_name: String,
    /// Export path.
    pub creation_token: String,
    /// Size as typed.
    pub size: String,
    /// Unit of a bare number in `size`.
    pub size_in_tib: bool,
    /// Large volume.
    pub is_large_volume: bool,
    /// Logical size of the source volume in bytes, when known.
    pub source_logical_bytes: Option<u64>,
    /// ONTAP cluster.
    pub cluster_name: String,
    /// ONTAP SVM.
    pub svm_name: String,
    /// ONTAP volume.
    pub source_volume: String,
    /// Intercluster LIF addresses as pasted.
    pub peer_addresses: String,
    /// Replication schedule.
    pub schedule: String,
    /// Service level (normally the pool's).
    pub service_level: String,
    /// The chosen pool's service level.
    pub pool_service_level: Option<ServiceLevel>,
    /// Protocols.
    pub protocols: Vec<String>,
    /// Allowed clients of the single export rule; empty for no export policy.
    pub allowed_clients: String,
    /// Delegated subnet id.
    pub subnet_id: String,
    /// Region of the NetApp account.
    pub location: String,
}

/// A form that passed.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidMigration {
    /// The ANF volume name.
    pub volume_name: String,
    /// The PUT body's source.
    pub spec: MigrationVolumeSpec,
    /// Intercluster addresses for `peerExternalCluster`.
    pub peer_addresses: Vec<String>,
    /// Non-blocking remarks (quota headroom).
    pub warnings: Vec<FieldError>,
}

/// The value, or `None` with the error recorded.
fn take<T>(errors: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

/// What the checks need to know of the target beyond what was typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetFacts {
    /// The NetApp account's Active Directory connection.
    pub active_directory: AdConnection,
    /// The chosen pool's quality of service, when read.
    pub pool_qos: Option<PoolQos>,
}

/// What is typed or picked beyond [`MigrationForm`]: the SMB choices and the throughput.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VolumeOptionsForm {
    /// SMB share settings, security style, LDAP.
    pub smb: SmbForm,
    /// Throughput in MiB/s as typed (manual-QoS pools).
    pub throughput: String,
}

/// Checks every field of an NFS-only form (no SMB settings, no account facts); returns all
/// problems at once, or the validated migration. An SMB or dual-protocol choice is refused
/// with a message saying where those volumes are created.
///
/// # Errors
/// Every [`FieldError`] found, in form order.
pub fn validate_migration_form(
    form: &MigrationForm,
    version: ApiVersion,
) -> Result<ValidMigration, Vec<FieldError>> {
    validate(form, None, version)
}

/// Checks every field of an NFS, SMB or dual-protocol migration volume, with its SMB,
/// security-style, LDAP and throughput choices (`options`) and what is known of the target;
/// returns all problems at once, or the validated migration.
///
/// # Errors
/// Every [`FieldError`] found, in form order (the throughput after the service level, the SMB
/// fields right after the protocols).
pub fn validate_migration_volume(
    form: &MigrationForm,
    options: &VolumeOptionsForm,
    target: &TargetFacts,
    version: ApiVersion,
) -> Result<ValidMigration, Vec<FieldError>> {
    validate(form, Some((options, target)), version)
}

/// Why an NFS-only form refuses SMB and dual-protocol volumes.
const NFS_ONLY: &str = "SMB and dual-protocol volumes need the NetApp account's Active \
    Directory connection and share settings, which are not asked for here: this takes NFS only \
    (NFSv3 or NFSv4.1). Create SMB and dual-protocol migration volumes with New migration.";

fn validate(
    form: &MigrationForm,
    extras: Option<(&VolumeOptionsForm, &TargetFacts)>,
    version: ApiVersion,
) -> Result<ValidMigration, Vec<FieldError>> {
    let mut errors = Vec::new();
    let volume_name = take(&mut errors, validate_volume_name(&form.volume_name));
    let creation_token = take(&mut errors, validate_creation_token(&form.creation_token, version));
    let unit = if form.size_in_tib { SizeUnit::TiB } else { SizeUnit::GiB };
    let quota = take(
        &mut errors,
        validate_quota(&form.size, unit, form.is_large_volume, form.source_logical_bytes),
    );
    let cluster = take(&mut errors, validate_cluster_name(&form.cluster_name));
    let svm = take(&mut errors, validate_svm_name(&form.svm_name));
    let source_volume = take(&mut errors, validate_ontap_volume_name(&form.source_volume));
    let peers = take(&mut errors, parse_intercluster_addresses(&form.peer_addresses));
    let schedule = take(&mut errors, parse_replication_schedule(&form.schedule));
    let level = take(
        &mut errors,
        validate_service_level(&form.service_level, form.pool_service_level.as_ref()),
    );
    let throughput = match extras {
        None => Some(None),
        Some((o, t)) => take(&mut errors, validate_throughput(&o.throughput, t.pool_qos.as_ref())),
    };
    let protocol_refs: Vec<&str> = form.protocols.iter().map(String::as_str).collect();
    let protocols = take(&mut errors, validate_protocols(&protocol_refs));
    let options = match (&protocols, extras) {
        (None, _) => None,
        (Some(p), None) if p.iter().any(|x| x == "CIFS") => {
            errors.push(FieldError::new(fields::PROTOCOLS, NFS_ONLY));
            None
        }
        (Some(_), None) => Some(VolumeOptions::default()),
        (Some(p), Some((o, target))) => validate_smb_options(p, &o.smb, &target.active_directory)
            .map_err(|mut e| errors.append(&mut e))
            .ok(),
    };
    let clients = if form.allowed_clients.trim().is_empty() {
        Some(None)
    } else {
        take(&mut errors, validate_allowed_clients(&form.allowed_clients)).map(Some)
    };
    let subnet = take(
        &mut errors,
        SubnetId::parse(&form.subnet_id).map_err(|e| {
            FieldError::new(fields::SUBNET, format!("Pick a delegated subnet ({e})."))
        }),
    );
    let (
        Some(volume_name),
        Some(creation_token),
        Some(quota),
        Some(cluster),
        Some(svm),
        Some(source_volume),
        Some(peers),
        Some(schedule),
        Some(level),
        Some(throughput),
        Some(protocols),
        Some(mut options),
        Some(clients),
        Some(subnet),
    ) = (
        volume_name,
        creation_token,
        quota,
        cluster,
        svm,
        source_volume,
        peers,
        schedule,
        level,
        throughput,
        protocols,
        options,
        clients,
        subnet,
    )
    else {
        return Err(errors);
    };
    options.throughput_mibps = throughput;
    let export_policy = clients.map(|allowed| ExportPolicy {
        rules: vec![ExportPolicyRule {
            rule_index: Some(1),
            unix_read_only: Some(false),
            unix_read_write: Some(true),
            nfsv3: Some(protocols.iter().any(|p| p == "NFSv3")),
            nfsv41: Some(protocols.iter().any(|p| p == "NFSv4.1")),
            cifs: Some(protocols.iter().any(|p| p == "CIFS")),
            allowed_clients: Some(allowed),
            ..ExportPolicyRule::default()
        }],
    });
    Ok(ValidMigration {
        volume_name,
        spec: MigrationVolumeSpec {
            location: form.location.trim().to_owned(),
            creation_token,
            usage_threshold: quota.bytes,
            subnet_id: subnet.to_string(),
            service_level: level,
            protocol_types: protocols,
            is_large_volume: form.is_large_volume,
            replication_schedule: schedule,
            remote_path: RemotePath {
                external_host_name: cluster,
                server_name: svm,
                volume_name: source_volume,
            },
            export_policy,
            options,
        },
        peer_addresses: peers,
        warnings: quota.warning.into_iter().collect(),
    })
}

#[cfg(test)]
#[path = "migration_tests.rs"]
mod tests;
