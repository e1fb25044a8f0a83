//! Checking a wave: each row with the wizard's own rules (messages name line and column),
//! then the cross-row checks, then the verdict.

use anf_core::api_version::ApiVersion;
use anf_core::models::ServiceLevel;
use anf_core::validation::migration::{validate_migration_form, MigrationForm};
use anf_core::validation::names::validate_creation_token;
use anf_core::validation::quota::{GIB, TIB};
use anf_core::wave::{check_wave, read_csv, Column, PoolInfo, WaveContext, WavePlan};

const SUBNET: &str = "/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/anf";

fn pool(
    name: &str,
    level: ServiceLevel,
    size_tib: u64,
    used_tib: u64,
    volumes: &[&str],
) -> PoolInfo {
    PoolInfo {
        name: name.into(),
        service_level: level,
        manual_qos: false,
        size_bytes: size_tib * TIB,
        used_bytes: used_tib * TIB,
        throughput_mibps: None,
        volume_names: volumes.iter().map(|v| (*v).to_owned()).collect(),
    }
}

fn ctx() -> WaveContext {
    WaveContext {
        api_version: ApiVersion::V2026_04_01,
        location: "westeurope".into(),
        pools: vec![
            pool("premium-pool", ServiceLevel::Premium, 10, 2, &["existing"]),
            pool("ultra-pool", ServiceLevel::Ultra, 4, 0, &[]),
        ],
        subnet: None,
        subnet_free_ips: Some(100),
        clusters_peered_elsewhere: Vec::new(),
    }
}

fn plan(csv: &str) -> WavePlan {
    let mut p = WavePlan::new("Wave 1", "onprem-cl01");
    p.defaults.pool = "premium-pool".into();
    p.defaults.subnet_id = SUBNET.into();
    p.defaults.export_clients = "10.1.0.0/16".into();
    p.peer_addresses.insert("onprem-cl01".into(), "192.168.10.21 192.168.10.22".into());
    let import = read_csv(csv).unwrap();
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    p.add_rows(import.rows);
    p
}

const GOOD: &str = "svm,source_volume,logical_size\nsvm_nfs,app01,450GB\nsvm_nfs,app02,1.5TB\n";

#[test]
fn a_good_wave_may_start_with_the_wizards_own_request() {
    let p = plan(GOOD);
    let v = check_wave(&p, &ctx());
    assert!(
        v.may_start(),
        "{:?} {:?}",
        v.issues,
        v.problems().map(ToString::to_string).collect::<Vec<_>>()
    );
    assert_eq!(v.why_not(), None);
    let creates = v.creates();
    assert_eq!(creates.len(), 2);
    assert_eq!(creates[0].pool, "premium-pool");
    let req = &creates[0].request;
    assert_eq!(req.volume_name, "app01");
    assert_eq!(req.source_logical_bytes, 450 * GIB);
    // Exactly what the single-volume wizard builds from the same answers.
    let form = MigrationForm {
        volume_name: "app01".into(),
        creation_token: "app01".into(),
        size: "540 GiB".into(),
        source_logical_bytes: Some(450 * GIB),
        cluster_name: "onprem-cl01".into(),
        svm_name: "svm_nfs".into(),
        source_volume: "app01".into(),
        peer_addresses: "192.168.10.21 192.168.10.22".into(),
        schedule: "hourly".into(),
        service_level: "Premium".into(),
        pool_service_level: Some(ServiceLevel::Premium),
        protocols: vec!["NFSv3".into()],
        allowed_clients: "10.1.0.0/16".into(),
        subnet_id: SUBNET.into(),
        location: "westeurope".into(),
        ..MigrationForm::default()
    };
    let wizard = validate_migration_form(&form, ApiVersion::V2026_04_01).unwrap();
    assert_eq!(req.spec, wizard.spec);
    assert_eq!(req.peer_addresses, wizard.peer_addresses);
    assert!(req.volume().is_migration());
    assert_eq!(v.pools[0].quota_bytes, (540 + 1844) * GIB);
}

#[test]
fn a_bad_cell_names_its_line_column_and_what_it_should_hold() {
    let csv = "svm,source_volume,logical_size,quota,protocol,schedule\n\
               svm_nfs,app01,450GB,600,NFSv3,hourly\n\
               svm_nfs,app02,450GB,600,NFSv3,hourly\n\
               svm_nfs,app03,450GB,600,NFSv3,hourly\n\
               svm_nfs,app04,450GB,600,NFSv3,hourly\n\
               svm_nfs,app05,450GB,600,NFSv3,hourly\n\
               svm_nfs,app06,450GB,abc,SMB,weekly\n";
    let v = check_wave(&plan(csv), &ctx());
    assert!(!v.may_start());
    let messages: Vec<String> = v.problems().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert_eq!(
        messages[0],
        "line 7, column quota: a size such as 600 GiB; got \"abc\". Enter a number, such as 500 or 1.5 TiB (\"abc\" is not one)."
    );
    assert!(
        messages[1]
            .starts_with("line 7, column schedule: _10minutely, hourly or daily; got \"weekly\"."),
        "{messages:#?}"
    );
    assert!(
        messages[2].starts_with("line 7, column protocol:") && messages[2].contains("NFS only"),
        "{messages:#?}"
    );
    assert_eq!(v.bad_rows(), [5]);
    assert!(v.why_not().unwrap().contains("1 of 6 rows have problems"), "{:?}", v.why_not());
}

#[test]
fn rows_follow_the_wizards_rules_to_the_letter() {
    // Underscores in a file path need api-version 2026-04-01: the wizard's message, word for word.
    let p = plan("svm,source_volume,logical_size\nsvm_nfs,app_01,10GB\n");
    let mut c = ctx();
    c.api_version = ApiVersion::V2025_12_01;
    let v = check_wave(&p, &c);
    let wizard = validate_creation_token("app_01", ApiVersion::V2025_12_01).unwrap_err().message;
    let problem = v.problems().next().unwrap();
    assert_eq!((problem.column, problem.message.as_str()), (Column::TargetVolume, wizard.as_str()));
    assert!(problem.from_default, "the name came from the source volume");
    assert!(problem.to_string().contains("(the wave's default)"), "{problem}");
    c.api_version = ApiVersion::V2026_04_01;
    assert!(check_wave(&p, &c).may_start());
    // Under 20 % headroom is the wizard's warning, not an error.
    let tight = plan("svm,source_volume,logical_size,quota\nsvm_nfs,app01,500GB,550\n");
    let v = check_wave(&tight, &ctx());
    assert!(v.may_start());
    assert!(v.rows[0].warnings[0].message.contains("20%"), "{:?}", v.rows[0].warnings);
    // The source holds more than the quota: an error.
    let small = plan("svm,source_volume,logical_size,quota\nsvm_nfs,app01,500GB,499\n");
    assert!(check_wave(&small, &ctx())
        .problems()
        .next()
        .unwrap()
        .message
        .contains("at least that large"));
}

#[test]
fn target_names_are_unique_in_the_wave_and_free_in_the_pool() {
    let csv = "svm,source_volume,logical_size,target_volume,pool\n\
               svm_nfs,a1,10GB,shared,\n\
               svm_sql,a2,10GB,SHARED,ultra-pool\n\
               svm_nfs,a3,10GB,existing,\n\
               svm_nfs,a1,10GB,other,\n";
    let mut p = plan(csv);
    // add_rows skips a second a1; an edit can still make one.
    assert_eq!(p.rows.len(), 3);
    let mut dup = p.rows[2].clone();
    dup.target_volume = "other".into();
    dup.source_volume = "a1".into();
    dup.id = 99;
    p.rows.push(dup);
    let v = check_wave(&p, &ctx());
    let msgs: Vec<String> = v.problems().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(
        msgs[0].starts_with("line 3, column target_volume: line 2 already uses this name"),
        "{msgs:#?}"
    );
    assert!(
        msgs[1].contains("the pool premium-pool already has a volume named existing"),
        "{msgs:#?}"
    );
    assert!(msgs[2].contains("line 2 migrates the same source volume"), "{msgs:#?}");
}

#[test]
fn the_quota_total_must_fit_the_pools_free_size() {
    // 5 × (2.5 TiB × 1.2 = 3 TiB) = 15 TiB into ultra-pool's 4 TiB.
    let mut csv = String::from("svm,source_volume,logical_size,pool\n");
    for i in 0..5 {
        csv.push_str(&format!("svm_nfs,v{i},2.5TB,ultra-pool\n"));
    }
    let v = check_wave(&plan(&csv), &ctx());
    assert!(!v.may_start());
    assert_eq!(v.issues.len(), 1, "{:?}", v.issues);
    assert!(v.issues[0].starts_with("Pool ultra-pool: the wave's 5 volumes need 15 TiB of quota, but the pool has 4 TiB free"), "{:?}", v.issues);
    assert!(v.rows.iter().all(|r| r.problems.is_empty()), "the rows themselves are fine");
    assert_eq!(v.pools[0].free_bytes, 4 * TIB);
}

#[test]
fn subnet_addresses_block_under_seven_and_warn_under_the_upper_bound() {
    let p = plan(GOOD);
    let mut c = ctx();
    c.subnet_free_ips = Some(6);
    let v = check_wave(&p, &c);
    assert!(
        v.issues[0].contains("6 free IP addresses; migration needs at least 7"),
        "{:?}",
        v.issues
    );
    c.subnet_free_ips = Some(10);
    let v = check_wave(&p, &c);
    assert!(v.may_start());
    assert_eq!(v.ips.at_most, 14);
    assert!(
        v.warnings[0].contains("up to 14 IP addresses") && v.warnings[0].contains("upper bound"),
        "{:?}",
        v.warnings
    );
    c.subnet_free_ips = Some(14);
    assert!(check_wave(&p, &c).warnings.is_empty());
}

#[test]
fn one_subscription_per_source_cluster() {
    let mut c = ctx();
    c.clusters_peered_elsewhere = vec!["ONPREM-CL01".into()];
    let v = check_wave(&plan(GOOD), &c);
    assert!(!v.may_start());
    assert!(
        v.issues[0].contains("Cluster onprem-cl01 is peered with another Azure subscription"),
        "{:?}",
        v.issues
    );
}

#[test]
fn missing_peer_addresses_are_one_wave_issue_not_one_per_row() {
    let mut p = plan(GOOD);
    p.peer_addresses.clear();
    let v = check_wave(&p, &ctx());
    assert_eq!(v.issues.len(), 1, "{:?}", v.issues);
    assert!(
        v.issues[0].starts_with("Intercluster addresses of cluster onprem-cl01:"),
        "{:?}",
        v.issues
    );
    assert_eq!(v.problems().count(), 0);
    assert!(v.creates().is_empty());
    p.defaults.subnet_id = "not-an-id".into();
    let v = check_wave(&p, &ctx());
    assert_eq!(v.issues.len(), 2, "{:?}", v.issues);
    assert!(
        v.issues[1].starts_with("The wave's subnet: Pick a delegated subnet"),
        "{:?}",
        v.issues
    );
}

#[test]
fn flexgroup_dp_and_root_rows_block_until_dropped() {
    let csv = "svm,source_volume,logical_size,ontap_type,ontap_style\n\
               svm_nfs,app01,10GB,RW,flexvol\n\
               svm_nfs,fg,10GB,RW,flexgroup\n\
               svm_nfs,dr,10GB,DP,flexvol\n\
               svm_nfs,svm_nfs_root,1GB,RW,flexvol\n";
    let mut p = plan(csv);
    let v = check_wave(&p, &ctx());
    let msgs: Vec<String> = v.problems().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 3, "{msgs:#?}");
    assert!(msgs[0].starts_with("line 3, column ontap_style: a FlexGroup volume"), "{msgs:#?}");
    assert!(msgs[1].starts_with("line 4, column ontap_type: a data-protection"), "{msgs:#?}");
    assert!(
        msgs[2].starts_with("line 5, column source_volume: a root volume by its name"),
        "{msgs:#?}"
    );
    assert!(msgs.iter().all(|m| m.ends_with("drop this row")), "{msgs:#?}");
    assert_eq!(v.ips.at_most, 7, "flagged rows take no addresses");
    let bad = v.bad_rows();
    assert_eq!(p.drop_rows(&bad).len(), 3);
    assert!(check_wave(&p, &ctx()).may_start());
}

#[test]
fn a_pool_cell_may_name_a_service_level() {
    let p = plan("svm,source_volume,logical_size,pool\nsvm_nfs,a,10GB,Ultra\nsvm_nfs,b,10GB,Standard\nsvm_nfs,c,10GB,nope\n");
    let mut c = ctx();
    let v = check_wave(&p, &c);
    assert_eq!(v.rows[0].create.as_ref().unwrap().pool, "ultra-pool");
    assert_eq!(v.rows[0].create.as_ref().unwrap().request.spec.service_level, ServiceLevel::Ultra);
    let msgs: Vec<String> = v.problems().map(ToString::to_string).collect();
    assert!(msgs[0].contains("got \"Standard\". the account has no Standard pool"), "{msgs:#?}");
    assert!(
        msgs[1].contains("no pool of that name; the account has premium-pool, ultra-pool"),
        "{msgs:#?}"
    );
    assert_eq!(msgs.len(), 2, "no second message from the service level rule: {msgs:#?}");
    c.pools.push(pool("ultra-2", ServiceLevel::Ultra, 4, 0, &[]));
    let v = check_wave(&p, &c);
    assert!(v
        .problems()
        .next()
        .unwrap()
        .message
        .contains("2 Ultra pools (ultra-pool, ultra-2); name one"));
}

#[test]
fn an_empty_wave_cannot_start() {
    let p = WavePlan::new("w", "c");
    let v = check_wave(&p, &ctx());
    assert!(!v.may_start());
    assert_eq!(v.why_not().as_deref(), Some("The wave has no volumes yet."));
}

#[test]
fn a_manual_qos_pool_is_refused_at_the_row_with_what_to_do() {
    let mut c = ctx();
    let mut manual = pool("manual-pool", ServiceLevel::Premium, 10, 0, &[]);
    manual.manual_qos = true;
    manual.throughput_mibps = Some(640.0);
    c.pools.push(manual);
    let mut p = plan(GOOD);
    p.defaults.pool = "manual-pool".into();
    let v = check_wave(&p, &c);
    assert!(!v.may_start());
    let problems: Vec<String> = v.problems().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("column pool (the wave's default)"), "{}", problems[0]);
    assert!(
        problems[0].contains("manual QoS") && problems[0].contains("New migration"),
        "{}",
        problems[0]
    );
    // The same rows in an auto-QoS pool go.
    p.defaults.pool = "premium-pool".into();
    assert!(check_wave(&p, &c).may_start());
}

#[test]
fn a_problem_in_its_cell_leaves_out_the_line_and_column() {
    let p = plan("svm,source_volume,logical_size,quota\nsvm_nfs,app01,450GB,abc\n");
    let v = check_wave(&p, &ctx());
    let quota = v.problems().find(|p| p.column == Column::Quota).unwrap();
    assert!(
        quota.to_string().starts_with("line 2, column quota: a size such as 600 GiB; got \"abc\"."),
        "{quota}"
    );
    let cell = quota.at_cell();
    assert!(cell.starts_with("a size such as 600 GiB; got \"abc\"."), "{cell}");
    assert!(!cell.contains("line 2"));
}
