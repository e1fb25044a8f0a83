//! The whole "new migration" form at once: every field checked, every problem returned, and the
//! PUT body built when nothing blocks.

use super::addresses::parse_intercluster_addresses;
use super::choices::{parse_replication_schedule, validate_protocols, validate_service_level};
use super::export_policy::validate_allowed_clients;
use super::names::{validate_creation_token, validate_volume_name};
use super::ontap::{validate_cluster_name, validate_ontap_volume_name, validate_svm_name};
use super::quota::{validate_quota, SizeUnit};
use super::{fields, FieldError};
use crate::api_version::ApiVersion;
use crate::ids::SubnetId;
use crate::models::{
    ExportPolicy, ExportPolicyRule, MigrationVolumeSpec, RemotePath, ServiceLevel,
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

/// Checks every field; returns all problems at once, or the validated migration.
///
/// # Errors
/// Every [`FieldError`] found, in form order.
pub fn validate_migration_form(
    form: &MigrationForm,
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
    let protocol_refs: Vec<&str> = form.protocols.iter().map(String::as_str).collect();
    let protocols = take(&mut errors, validate_protocols(&protocol_refs, true));
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
        Some(protocols),
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
        protocols,
        clients,
        subnet,
    )
    else {
        return Err(errors);
    };
    let export_policy = clients.map(|allowed| ExportPolicy {
        rules: vec![ExportPolicyRule {
            rule_index: Some(1),
            unix_read_only: Some(false),
            unix_read_write: Some(true),
            nfsv3: Some(protocols.iter().any(|p| p == "NFSv3")),
            nfsv41: Some(protocols.iter().any(|p| p == "NFSv4.1")),
            cifs: Some(false),
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
        },
        peer_addresses: peers,
        warnings: quota.warning.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ReplicationSchedule;

    fn form() -> MigrationForm {
        MigrationForm {
            volume_name: "mig-app01".into(),
            creation_token: "mig-app01".into(),
            size: "600".into(),
            size_in_tib: false,
            is_large_volume: false,
            source_logical_bytes: Some(480 << 30),
            cluster_name: "cluster1".into(),
            svm_name: "svm_nfs".into(),
            source_volume: "app01".into(),
            peer_addresses: "10.0.0.1\n10.0.0.2".into(),
            schedule: "hourly".into(),
            service_level: "Premium".into(),
            pool_service_level: Some(ServiceLevel::Premium),
            protocols: vec!["NFSv3".into()],
            allowed_clients: "10.1.0.0/16".into(),
            subnet_id: "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/anf".into(),
            location: "westeurope".into(),
        }
    }

    #[test]
    fn a_good_form_builds_the_spec() {
        let ok = validate_migration_form(&form(), ApiVersion::V2026_04_01).unwrap();
        assert_eq!(ok.spec.usage_threshold, 600 << 30);
        assert_eq!(ok.spec.replication_schedule, ReplicationSchedule::Hourly);
        assert_eq!(ok.peer_addresses, ["10.0.0.1", "10.0.0.2"]);
        let rule = &ok.spec.export_policy.as_ref().unwrap().rules[0];
        assert_eq!((rule.nfsv3, rule.nfsv41), (Some(true), Some(false)));
        assert!(ok.warnings.is_empty());
        let v = ok.spec.to_volume();
        assert!(v.is_migration());
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let mut f = form();
        f.volume_name = "1bad".into();
        f.size = "10".into();
        f.peer_addresses = "10.0.0.1 10.0.0.1".into();
        f.protocols = vec!["CIFS".into()];
        f.subnet_id = "nope".into();
        let errs = validate_migration_form(&f, ApiVersion::V2026_04_01).unwrap_err();
        let got: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(
            got,
            [
                fields::VOLUME_NAME,
                fields::QUOTA,
                fields::PEER_ADDRESSES,
                fields::PROTOCOLS,
                fields::SUBNET
            ]
        );
    }

    #[test]
    fn headroom_is_a_warning_and_no_clients_means_no_policy() {
        let mut f = form();
        f.size = "500".into();
        f.allowed_clients = " ".into();
        let ok = validate_migration_form(&f, ApiVersion::V2025_12_01).unwrap();
        assert_eq!(ok.warnings.len(), 1);
        assert!(ok.spec.export_policy.is_none());
    }
}
