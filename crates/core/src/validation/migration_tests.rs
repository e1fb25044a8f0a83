//! Tests of the whole-form validation: NFS, SMB, dual-protocol and manual-QoS volumes.

use super::*;
use crate::models::ReplicationSchedule;

fn options(smb: SmbForm) -> VolumeOptionsForm {
    VolumeOptionsForm { smb, throughput: String::new() }
}

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
fn an_nfs_only_form_says_where_smb_volumes_are_made() {
    let mut f = form();
    f.protocols = vec!["NFSv3".into(), "SMB".into()];
    let errs = validate_migration_form(&f, ApiVersion::V2026_04_01).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("NFS only"), "{}", errs[0].message);
    assert!(errs[0].message.contains("New migration"), "{}", errs[0].message);
}

#[test]
fn smb_and_dual_protocol_volumes_carry_their_settings_and_flags() {
    let joined = TargetFacts {
        active_directory: AdConnection::Joined("contoso.com".into()),
        ..TargetFacts::default()
    };
    let mut f = form();
    f.protocols = vec!["CIFS".into()];
    let smb = options(SmbForm { encryption: true, ..SmbForm::default() });
    let ok = validate_migration_volume(&f, &smb, &joined, ApiVersion::V2026_04_01).unwrap();
    let v = ok.spec.to_volume().properties;
    assert_eq!(v.protocol_types.as_deref(), Some(&["CIFS".to_owned()][..]));
    assert_eq!(
        (v.smb_encryption, v.security_style.as_ref().map(|s| s.as_str())),
        (Some(true), Some("ntfs"))
    );
    let rule = &v.export_policy.as_ref().unwrap().rules[0];
    assert_eq!((rule.cifs, rule.nfsv3, rule.nfsv41), (Some(true), Some(false), Some(false)));

    f.protocols = vec!["NFSv4.1".into(), "CIFS".into()];
    let unix = options(SmbForm { security_style: "unix".into(), ..SmbForm::default() });
    let ok = validate_migration_volume(&f, &unix, &joined, ApiVersion::V2025_12_01).unwrap();
    let v = ok.spec.to_volume().properties;
    let rule = &v.export_policy.as_ref().unwrap().rules[0];
    assert_eq!((rule.cifs, rule.nfsv3, rule.nfsv41), (Some(true), Some(false), Some(true)));
    assert_eq!(v.security_style.map(|s| s.as_str().to_owned()).as_deref(), Some("unix"));
}

#[test]
fn an_smb_volume_on_an_account_without_active_directory_is_refused_at_the_field() {
    let mut f = form();
    f.protocols = vec!["CIFS".into()];
    f.volume_name = "1bad".into();
    let none = TargetFacts { active_directory: AdConnection::Missing, ..TargetFacts::default() };
    let no_options = VolumeOptionsForm::default();
    let errs =
        validate_migration_volume(&f, &no_options, &none, ApiVersion::V2026_04_01).unwrap_err();
    let got: Vec<_> = errs.iter().map(|e| e.field).collect();
    assert_eq!(got, [fields::VOLUME_NAME, fields::ACTIVE_DIRECTORY]);
    // The same form with NFS passes: only SMB needs the directory.
    f.protocols = vec!["NFSv3".into()];
    f.volume_name = "mig-app01".into();
    let ok = validate_migration_volume(
        &f,
        &VolumeOptionsForm::default(),
        &none,
        ApiVersion::V2026_04_01,
    )
    .unwrap();
    assert!(ok.spec.options.is_empty());
    assert_eq!(ok.spec, validate_migration_form(&f, ApiVersion::V2026_04_01).unwrap().spec);
}

#[test]
fn a_volume_in_a_manual_qos_pool_sends_its_throughput_and_an_auto_pool_none() {
    let manual = TargetFacts {
        pool_qos: Some(PoolQos {
            name: "pool-manual".into(),
            manual: true,
            total_mibps: Some(256.0),
            utilized_mibps: Some(200.0),
        }),
        ..TargetFacts::default()
    };
    let mut o = VolumeOptionsForm { throughput: "56".into(), ..VolumeOptionsForm::default() };
    let ok = validate_migration_volume(&form(), &o, &manual, ApiVersion::V2026_04_01).unwrap();
    assert_eq!(ok.spec.to_volume().properties.throughput_mibps, Some(56.0));
    o.throughput = "57".into();
    let errs =
        validate_migration_volume(&form(), &o, &manual, ApiVersion::V2026_04_01).unwrap_err();
    assert_eq!(errs[0].field, fields::THROUGHPUT);
    assert!(errs[0].message.contains("Only 56 MiB/s"), "{}", errs[0].message);
    let ok =
        validate_migration_volume(&form(), &o, &TargetFacts::default(), ApiVersion::V2026_04_01)
            .unwrap();
    assert_eq!(ok.spec.to_volume().properties.throughput_mibps, None);
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
