//! Generated inputs of the waves' benchmarks and tests, shared by the core's bench
//! (`benches/wave.rs`), the browser benchmarks (`crates/e2e/tests/wave_bench.rs`,
//! `bench/table-app/src/wave_tick.rs`) and the watch view's browser test
//! (`tests/wave_watch.rs`), each of which includes this file by path: the same paste, the same
//! CSV, the same pool and the same way from a plan to a started wave.

use anf_core::api_version::ApiVersion;
use anf_core::ids::AccountId;
use anf_core::models::ServiceLevel;
use anf_core::time::Timestamp;
use anf_core::validation::quota::TIB;
use anf_core::wave::saved::SavedWave;
use anf_core::wave::{check_wave, Created, PeerAnswer, PoolInfo, WaveContext, WavePlan};

/// Sizes as ONTAP prints them, in several units.
pub fn size(i: usize) -> (String, String) {
    match i % 4 {
        0 => (format!("{}GB", 50 + i % 900), format!("{}.{}GB", 20 + i % 500, i % 100)),
        1 => (format!("{}.{:02}TB", 1 + i % 7, i % 100), format!("{}GB", 300 + i % 700)),
        2 => (format!("{}MB", 51_200 + i), format!("{}MB", 10_240 + i)),
        _ => (format!("{}GB", 100 + i % 400), format!("{}KB", 1_048_576 + i)),
    }
}

/// `volume show -fields ...` output of `n` volumes, as the clustershell prints it.
pub fn volume_show(n: usize) -> String {
    let mut out = String::from(
        "onprem-cl01::> volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended\n\
         vserver volume          size    volume-style-extended type logical-used\n\
         ------- --------------- ------- --------------------- ---- ------------\n",
    );
    for i in 0..n {
        let (s, used) = size(i);
        out.push_str(&format!(
            "svm_{} vol_{i:05} {s} flexvol RW {used}\n",
            if i % 2 == 0 { "eng" } else { "nfs" }
        ));
    }
    out.push_str(&format!("{n} entries were displayed.\n"));
    out
}

/// A wave CSV of `n` rows, some fields quoted, CRLF line ends; `pool` in every row (empty: the
/// wave's default).
pub fn csv(n: usize, pool: &str) -> String {
    let mut out = String::from(
        "source_cluster,svm,source_volume,logical_size,target_volume,quota,protocol,pool,schedule,export_clients\r\n",
    );
    for i in 0..n {
        out.push_str(&format!(
            "onprem-cl01,svm_nfs,vol_{i:05},{} GiB,mig-{i:05},,NFSv3,{pool},hourly,\"10.1.0.0/16, 10.2.0.0/16\"\r\n",
            10 + i % 900
        ));
    }
    out
}

/// What the checks are run against: one Premium pool `pool` of 2,000 TiB (10 used) holding
/// `existing` volumes, a subnet with 250 free addresses.
pub fn one_pool(pool: &str, existing: usize) -> WaveContext {
    WaveContext {
        api_version: ApiVersion::V2026_04_01,
        location: "westeurope".into(),
        pools: vec![PoolInfo {
            name: pool.to_owned(),
            service_level: ServiceLevel::Premium,
            manual_qos: false,
            size_bytes: 2_000 * TIB,
            used_bytes: 10 * TIB,
            throughput_mibps: None,
            volume_names: (0..existing).map(|i| format!("existing-{i}")).collect(),
        }],
        subnet: None,
        subnet_free_ips: Some(250),
        clusters_peered_elsewhere: Vec::new(),
    }
}

/// `plan` checked against `ctx` (every row must be valid) and started into `account` at `at`
/// as the New wave page starts it; then every volume created and both peerings done, so the
/// baselines run: a wave to watch.
pub fn started_and_peered(
    plan: WavePlan,
    ctx: &WaveContext,
    account: &AccountId,
    at: Timestamp,
) -> SavedWave {
    let verdict = check_wave(&plan, ctx);
    assert_eq!(
        verdict.creates().len(),
        plan.rows.len(),
        "{:?} {:?}",
        verdict.issues,
        verdict.problems().next().map(ToString::to_string)
    );
    let mut wave = SavedWave { plan, ..SavedWave::default() };
    wave.start(&verdict, account, at);
    let run = wave.run.as_mut().expect("started");
    run.names_checked = true;
    for v in &mut run.volumes {
        v.created = Created::Yes;
        v.peer = Some(PeerAnswer { command: None, passphrase: None, at });
        v.svm_command = Some(format!(
            "vserver peer accept -vserver {} -peer-vserver anf",
            v.source().server_name
        ));
    }
    wave
}
