use super::*;
use crate::api_version::ApiVersion;
use crate::models::ServiceLevel;
use crate::validation::quota::TIB;
use crate::wave::checks::{check_wave, PoolInfo, WaveContext};
use crate::wave::csv::read_csv;
use crate::wave::run::{CallEnd, PeerAnswer, WaveCall};
use crate::wave::window::Member;

const ACCOUNT: &str =
    "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/anf1";

fn planned() -> (SavedWave, WaveVerdict) {
    let mut plan = WavePlan::new("wave-1", "cl1");
    plan.defaults.pool = "pool1".into();
    plan.defaults.subnet_id = "/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/anf".into();
    plan.defaults.export_clients = "10.0.0.0/8".into();
    plan.peer_addresses.insert("cl1".into(), "192.168.10.21".into());
    plan.add_rows(
        read_csv("svm,source_volume,logical_size\nsvm1,app01,100GB\nsvm1,app02,2TB\n")
            .unwrap()
            .rows,
    );
    let ctx = WaveContext {
        api_version: ApiVersion::V2026_04_01,
        location: "westeurope".into(),
        pools: vec![PoolInfo {
            name: "pool1".into(),
            service_level: ServiceLevel::Premium,
            manual_qos: false,
            size_bytes: 10 * TIB,
            used_bytes: 0,
            throughput_mibps: None,
            volume_names: vec![],
        }],
        subnet: None,
        subnet_free_ips: Some(50),
        clusters_peered_elsewhere: vec![],
    };
    let verdict = check_wave(&plan, &ctx);
    assert!(verdict.may_start(), "{:?}", verdict.why_not());
    (SavedWave { plan, ..SavedWave::default() }, verdict)
}

#[test]
fn starting_makes_one_volume_per_valid_row_in_the_accounts_pool() {
    let (mut w, verdict) = planned();
    assert_eq!(w.stage(), WaveStage::Planning);
    let account = AccountId::parse(ACCOUNT).unwrap();
    w.start(&verdict, &account, Timestamp(9));
    let run = w.run.as_ref().unwrap();
    assert_eq!(run.volumes.len(), 2);
    let v = &run.volumes[1];
    assert_eq!(v.id, format!("{ACCOUNT}/capacityPools/pool1/volumes/app02"));
    assert_eq!((v.name.as_str(), v.source_bytes), ("app02", 2 * TIB));
    assert_eq!(v.spec.remote_path.volume_name, "app02");
    assert_eq!(v.peer_addresses, ["192.168.10.21"]);
    assert_eq!(w.settings.account, ACCOUNT);
    assert_eq!(w.stage(), WaveStage::Creating);
}

#[test]
fn the_stage_follows_the_run_and_the_window() {
    let (mut w, verdict) = planned();
    w.start(&verdict, &AccountId::parse(ACCOUNT).unwrap(), Timestamp(0));
    let run = w.run.as_mut().unwrap();
    run.listed(&[]);
    for (i, (row, call)) in run.due().into_iter().enumerate() {
        run.started(row, call, i as u64 + 1);
        run.ended(row, i as u64 + 1, CallEnd::Succeeded(None), Timestamp(0));
    }
    assert_eq!(w.stage(), WaveStage::Peering);
    let run = w.run.as_mut().unwrap();
    for v in &mut run.volumes {
        v.peer = Some(PeerAnswer {
            command: Some("cluster peer create".into()),
            passphrase: None,
            at: Timestamp(0),
        });
    }
    assert_eq!(w.stage(), WaveStage::ClusterPeering);
    w.run.as_mut().unwrap().open_authorize();
    assert_eq!(w.stage(), WaveStage::SvmPeering);
    // A failed authorize holds the wave at SVM peering, it doesn't skip it.
    let run = w.run.as_mut().unwrap();
    let (row, call) = run.due()[0];
    run.started(row, call, 50);
    run.ended(row, 50, CallEnd::Failed("ExternalClusterNotPeered".into()), Timestamp(0));
    run.volumes[1].svm_command = Some(String::new());
    assert_eq!(w.stage(), WaveStage::SvmPeering);
    w.run.as_mut().unwrap().retry(row);
    for v in &mut w.run.as_mut().unwrap().volumes {
        v.svm_command = Some(String::new());
    }
    assert_eq!(w.stage(), WaveStage::Replicating);
    let members: Vec<Member> = w
        .run
        .as_ref()
        .unwrap()
        .volumes
        .iter()
        .map(|v| Member { id: v.id.clone(), name: v.name.clone() })
        .collect();
    let mut window = CutOverWindow::new(members, OnFailure::Stop);
    window.start();
    w.window = Some(window);
    assert_eq!(w.stage(), WaveStage::CutOver);
    // Stopped before anything broke: back to the baselines.
    w.window.as_mut().unwrap().stop_before_break();
    let run = w.run.as_mut().unwrap();
    assert_eq!(run.due(), vec![]);
    for v in &mut run.volumes {
        v.cut_over = true;
    }
    assert!(w.window.as_ref().unwrap().finished());
    assert_eq!(w.stage(), WaveStage::CutOverDone);
    w.run.as_mut().unwrap().open_finalize();
    assert_eq!(w.stage(), WaveStage::Finalizing);
    assert_eq!(w.run.as_ref().unwrap().due()[0].1, WaveCall::Finalize);
    for v in &mut w.run.as_mut().unwrap().volumes {
        v.finalized = true;
    }
    assert_eq!(w.stage(), WaveStage::Done);
}

#[test]
fn the_draft_gets_a_place_under_a_free_valid_name() {
    let mut store = WaveStore::default();
    assert!(store.keep_draft().is_err());
    assert_eq!(store.next_name(), "wave-1");
    let (w, _) = planned();
    store.draft = Some(w.clone());
    assert_eq!(store.keep_draft(), Ok("wave-1".into()));
    assert!(store.draft.is_none() && store.get("WAVE-1").is_some());
    assert_eq!(store.next_name(), "wave-2");
    store.draft = Some(w);
    let err = store.keep_draft().unwrap_err();
    assert!(err.contains("exists already"), "{err}");
    assert!(store.draft.is_some(), "a refused draft is kept");
    store.draft.as_mut().unwrap().plan.name = "wave 2".into();
    assert!(store.keep_draft().unwrap_err().contains("Letters, digits"));
    assert!(validate_wave_name(&"x".repeat(41)).is_err());
    assert!(validate_wave_name("q3_eng-wave").is_ok());
}

#[test]
fn a_wave_under_way_is_not_removed() {
    let (mut w, verdict) = planned();
    let mut store = WaveStore { draft: None, waves: vec![w.clone()] };
    assert!(store.remove("wave-1").is_ok());
    w.start(&verdict, &AccountId::parse(ACCOUNT).unwrap(), Timestamp(0));
    store.waves.push(w);
    let err = store.remove("wave-1").unwrap_err();
    assert!(err.contains("under way (creating volumes)"), "{err}");
    assert_eq!(store.waves.len(), 1);
    // Kept whole across a reload.
    let back: WaveStore = serde_json::from_str(&serde_json::to_string(&store).unwrap()).unwrap();
    assert_eq!(back, store);
}

#[test]
fn the_runbook_takes_the_plan_before_the_start_and_armss_answers_after() {
    let (mut w, verdict) = planned();
    let account = AccountId::parse(ACCOUNT).unwrap();
    let before = w.runbook_input(
        "https://management.azure.com",
        ApiVersion::V2026_04_01,
        Some((&verdict, &account)),
    );
    assert_eq!(before.volumes.len(), 2);
    assert!(before.cluster_peer.is_empty());
    w.start(&verdict, &account, Timestamp(0));
    w.settings.ipspace = "ic".into();
    let run = w.run.as_mut().unwrap();
    run.volumes[0].peer = Some(PeerAnswer {
        command: Some("cluster peer create -ipspace <IP-SPACE-NAME> -peer-addrs 10.0.0.9".into()),
        passphrase: Some("pw".into()),
        at: Timestamp(0),
    });
    run.volumes[1].peer = Some(PeerAnswer { command: None, passphrase: None, at: Timestamp(0) });
    run.volumes[1].svm_command =
        Some("vserver peer accept -vserver svm1 -peer-vserver anf1".into());
    let after = w.runbook_input("https://management.azure.com", ApiVersion::V2026_04_01, None);
    assert_eq!(after.volumes.len(), 2);
    let peer = &after.cluster_peer["cl1"];
    assert_eq!(
        peer.command.as_deref(),
        Some("cluster peer create -ipspace ic -peer-addrs 10.0.0.9")
    );
    assert_eq!(peer.passphrase.as_deref(), Some("pw"));
    assert!(after.svm_peer.contains_key("app02") && !after.svm_peer.contains_key("app01"));
    let md = crate::wave::runbook_markdown(&after);
    assert!(md.contains("-ipspace ic -peer-addrs 10.0.0.9"), "{md}");
}
