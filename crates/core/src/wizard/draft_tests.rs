//! Tests of the new-migration draft: the body it builds, what follows what, and every error in
//! tab order.

use super::*;
use crate::models::SecurityStyle;
use crate::validation::fields;
use crate::validation::smb::{AdConnection, AD_CONNECTION_HOW_TO};

const SUBNET: &str =
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/anf";

fn filled() -> NewMigrationDraft {
    let mut d = NewMigrationDraft {
        cluster_name: "onprem-cl01".into(),
        svm_name: "svm_nfs".into(),
        source_volume: "vol_projects".into(),
        service_level: "Standard".into(),
        subnet_id: SUBNET.into(),
        allowed_clients: "10.0.0.0/16".into(),
        peer_addresses: "192.168.10.21\n192.168.10.22".into(),
        ..NewMigrationDraft::default()
    };
    d.set_volume_name("vol-projects-mig".into());
    d.set_source_size("310".into(), false);
    d
}

fn ctx() -> FormContext {
    FormContext {
        pool_service_level: Some(ServiceLevel::Standard),
        location: "westeurope".into(),
        ..FormContext::default()
    }
}

#[test]
fn a_filled_form_builds_the_put_body() {
    let check = filled().check(&ctx());
    assert!(check.errors.is_empty(), "{:?}", check.errors);
    let req = check.request.unwrap();
    assert_eq!(req.volume_name, "vol-projects-mig");
    assert_eq!(req.volume().properties.creation_token, "vol-projects-mig");
    assert_eq!(req.volume().properties.usage_threshold, 372 << 30);
    assert_eq!(req.source_logical_bytes, 310 << 30);
    let volume = req.volume();
    let rule = &volume.properties.export_policy.as_ref().unwrap().rules[0];
    assert_eq!((rule.unix_read_write, rule.has_root_access), (Some(true), Some(true)));
    assert!(req.volume().is_migration());
}

#[test]
fn path_and_quota_follow_until_typed() {
    let mut d = filled();
    d.creation_token_edited = true;
    d.creation_token = "projects".into();
    d.set_volume_name("other".into());
    assert_eq!(d.creation_token, "projects");
    d.quota_edited = true;
    d.quota = "1000".into();
    d.set_source_size("2".into(), true);
    assert_eq!(d.quota, "1000");
    assert_eq!(d.source_bytes(), Some(2 << 40));
}

#[test]
fn every_error_is_reported_in_tab_order_and_nothing_is_built() {
    let mut d = filled();
    d.cluster_name = "1cluster".into();
    d.source_size = String::new();
    d.volume_name = "bad name".into();
    d.protocol = ProtocolChoice::Smb;
    d.read_write = false;
    let no_ad = TargetFacts { active_directory: AdConnection::Missing, ..TargetFacts::default() };
    let check = d.check_with(&ctx(), &no_ad);
    let got: Vec<_> = check.errors.iter().map(|e| e.field).collect();
    assert_eq!(
        got,
        [SOURCE_SIZE, fields::CLUSTER_NAME, fields::VOLUME_NAME, fields::ACTIVE_DIRECTORY]
    );
    assert!(check.error_of(SOURCE_SIZE).unwrap().contains("logical size"));
    assert!(check.error_of(fields::ACTIVE_DIRECTORY).unwrap().contains(AD_CONNECTION_HOW_TO));
    assert!(check.request.is_none());
    let mut touched = d.clone();
    assert!(!touched.shows_error(fields::VOLUME_NAME));
    touched.touch_all(&check.errors);
    assert!(touched.shows_error(fields::VOLUME_NAME));
}

#[test]
fn read_only_without_root_and_a_small_subnet() {
    let mut d = filled();
    d.read_write = false;
    d.root_access = false;
    let req = d.check(&ctx()).request.unwrap();
    let volume = req.volume();
    let rule = &volume.properties.export_policy.as_ref().unwrap().rules[0];
    assert_eq!(
        (rule.unix_read_only, rule.unix_read_write, rule.has_root_access),
        (Some(true), Some(false), Some(false))
    );
    let mut c = ctx();
    c.subnet = Some(Subnet { id: SUBNET.into(), name: "anf".into(), ..Subnet::default() });
    c.subnet_usage = Some(SubnetUsage { subnet_id: SUBNET.into(), used: 10, limit: 13, free: 3 });
    let check = d.check(&c);
    assert_eq!(check.errors.len(), 2, "{:?}", check.errors);
    assert!(check.errors.iter().all(|e| e.field == fields::SUBNET));
    assert!(check.request.is_none());
}

#[test]
fn headroom_warning_and_draft_round_trip() {
    let mut d = filled();
    d.quota_edited = true;
    d.quota = "320".into();
    let check = d.check(&ctx());
    assert!(check.warning_of(fields::QUOTA).unwrap().contains("20%"));
    assert!(check.request.is_some());
    // The advice shows while other fields still have errors, not only on a valid form.
    let mut unfinished = d.clone();
    unfinished.svm_name.clear();
    let check = unfinished.check(&ctx());
    assert!(check.error_of(fields::SVM_NAME).is_some(), "{:?}", check.errors);
    assert!(check.warning_of(fields::QUOTA).unwrap().contains("20%"));
    assert!(check.request.is_none());
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<NewMigrationDraft>(&text).unwrap(), d);
    assert_eq!(
        serde_json::from_str::<NewMigrationDraft>("{}").unwrap(),
        NewMigrationDraft::default()
    );
}

#[test]
fn an_smb_and_a_dual_protocol_draft_build_their_bodies() {
    let joined = TargetFacts {
        active_directory: AdConnection::Joined("contoso.com".into()),
        ..TargetFacts::default()
    };
    let mut d = filled();
    d.protocol = ProtocolChoice::Smb;
    d.smb_continuously_available = true;
    d.smb_non_browsable = true;
    let check = d.check_with(&ctx(), &joined);
    assert!(check.errors.is_empty(), "{:?}", check.errors);
    let v = check.request.unwrap().volume().properties;
    assert_eq!(v.smb_continuously_available, Some(true));
    assert_eq!(v.smb_non_browsable.map(|s| s.is_enabled()), Some(true));
    assert_eq!(v.security_style, Some(SecurityStyle::Ntfs));
    assert_eq!(v.export_policy.unwrap().rules[0].cifs, Some(true));

    d.protocol = ProtocolChoice::DualNfsv41;
    d.security_style = "unix".into();
    d.ldap_enabled = true;
    // Continuous availability is SMB-only; a dual-protocol draft that still has it on
    // from an earlier choice says so at that field.
    let check = d.check_with(&ctx(), &joined);
    assert!(check.error_of(fields::SMB_CONTINUOUSLY_AVAILABLE).is_some(), "{:?}", check.errors);
    d.smb_continuously_available = false;
    let v = d.check_with(&ctx(), &joined).request.unwrap().volume().properties;
    assert_eq!(v.protocol_types.unwrap(), ["NFSv4.1", "CIFS"]);
    assert_eq!((v.security_style, v.ldap_enabled), (Some(SecurityStyle::Unix), Some(true)));
}

#[test]
fn a_draft_saved_before_smb_settings_still_loads() {
    let old =
        r#"{"tab":"network","clusterName":"onprem-cl01","protocol":"nfsv3","readWrite":true}"#;
    let d: NewMigrationDraft = serde_json::from_str(old).unwrap();
    assert_eq!(d.cluster_name, "onprem-cl01");
    assert!(!d.smb_encryption && !d.ldap_enabled && d.security_style.is_empty());
}

#[test]
fn a_manual_qos_pool_asks_for_the_throughput_on_the_volume_tab() {
    use crate::validation::throughput::PoolQos;
    let manual = TargetFacts {
        pool_qos: Some(PoolQos {
            name: "pool-manual".into(),
            manual: true,
            total_mibps: Some(64.0),
            utilized_mibps: Some(0.0),
        }),
        ..TargetFacts::default()
    };
    let mut d = filled();
    let check = d.check_with(&ctx(), &manual);
    assert!(check.error_of(fields::THROUGHPUT).unwrap().contains("64 of the pool's 64 MiB/s"));
    assert_eq!(super::tab_of(fields::THROUGHPUT), FormTab::Volume);
    d.throughput = "64".into();
    let v = d.check_with(&ctx(), &manual).request.unwrap().volume();
    assert_eq!(v.properties.throughput_mibps, Some(64.0));
    assert_eq!(d.check(&ctx()).request.unwrap().volume().properties.throughput_mibps, None);
}

#[test]
fn the_source_size_must_be_a_positive_number() {
    for (typed, says) in [("0", "more than 0"), ("abc", "Enter a number"), ("5 PB", "GiB or TiB")] {
        let mut d = filled();
        d.set_source_size(typed.into(), false);
        let check = d.check(&ctx());
        let message = check.error_of(SOURCE_SIZE).unwrap_or_default();
        assert!(message.contains(says), "{typed:?}: {message:?}");
        assert!(check.request.is_none(), "{typed:?} builds no request");
    }
    // ONTAP's own spelling of logical-used is taken, and the quota follows it (20 % over).
    let mut d = filled();
    d.set_source_size("42.13GB".into(), false);
    assert!(d.check(&ctx()).error_of(SOURCE_SIZE).is_none());
    assert_eq!(d.quota, "51");
}

#[test]
fn a_name_already_in_the_pool_is_refused_at_the_field() {
    // A PUT to an existing name would be a CreateOrUpdate of that volume.
    let taken = FormContext {
        pool_volumes: Some(vec!["other".into(), "VOL-Projects-Mig".into()]),
        ..ctx()
    };
    let check = filled().check(&taken);
    let e = check.error_of(crate::validation::fields::VOLUME_NAME).expect("the name is taken");
    assert!(e.contains("already exists in this capacity pool"), "{e}");
    assert!(check.request.is_none(), "nothing to send");
    // Free in the pool, or the pool not listed yet: no such error.
    let free = FormContext { pool_volumes: Some(vec!["other".into()]), ..ctx() };
    assert!(filled().check(&free).errors.is_empty());
    assert!(filled().check(&ctx()).errors.is_empty());
}
