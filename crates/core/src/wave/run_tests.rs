use super::*;
use crate::models::{ReplicationSchedule, ServiceLevel};
use serde_json::json;

const T: Timestamp = Timestamp(1_000_000);

fn spec(source: &str) -> MigrationVolumeSpec {
    MigrationVolumeSpec {
        location: "westeurope".into(),
        creation_token: format!("m-{source}"),
        usage_threshold: 100 << 30,
        subnet_id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/anf".into(),
        service_level: ServiceLevel::Standard,
        protocol_types: vec!["NFSv3".into()],
        is_large_volume: false,
        replication_schedule: ReplicationSchedule::Hourly,
        remote_path: RemotePath {
            external_host_name: "cl1".into(),
            server_name: "svm1".into(),
            volume_name: source.into(),
        },
        export_policy: None,
        options: Default::default(),
    }
}

fn volume(row: RowId, source: &str) -> RunVolume {
    RunVolume {
        row,
        id: format!("/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/m-{source}"),
        name: format!("m-{source}"),
        pool: "p".into(),
        spec: spec(source),
        source_bytes: 10 << 30,
        peer_addresses: vec!["10.0.0.1".into()],
        created: Created::No,
        peer: None,
        svm_command: None,
        cut_over: false,
        finalized: false,
        running: None,
        error: None,
    }
}

fn run(n: u32) -> WaveRun {
    WaveRun::new((0..n).map(|i| volume(i, &format!("v{i}"))).collect(), T)
}

fn listed(name: &str, source: Option<&str>, state: &str) -> ListedVolume {
    ListedVolume {
        pool: "P".into(),
        name: name.into(),
        provisioning: Some(ProvisioningState::parse(state)),
        remote: source.map(|s| spec(s).remote_path),
    }
}

fn calls(run: &WaveRun) -> Vec<(RowId, WaveCall)> {
    run.due()
}

/// Starts every due call, numbering the operations from `first`.
fn start_all(run: &mut WaveRun, first: u64) -> Vec<(RowId, u64)> {
    let mut out = Vec::new();
    for (i, (row, call)) in run.due().into_iter().enumerate() {
        let op = first + i as u64;
        assert!(run.started(row, call, op));
        out.push((row, op));
    }
    out
}

#[test]
fn nothing_is_created_before_the_pool_is_read_and_a_taken_name_is_never_sent() {
    let mut r = run(3);
    assert!(r.needs_list());
    assert!(calls(&r).is_empty(), "no create before the names are checked");
    // v0 is free, v1 exists and migrates this very source (an earlier day of the wave), v2's
    // name is taken by a volume of something else.
    r.listed(&[
        listed("M-V1", Some("v1"), "Succeeded"),
        listed("m-v2", Some("other"), "Succeeded"),
    ]);
    assert!(!r.needs_list());
    assert_eq!(r.volume(1).unwrap().created, Created::Yes, "adopted, not created again");
    let e = r.volume(2).unwrap().error.clone().unwrap();
    assert_eq!(e.call, WaveCall::Create);
    assert!(e.message.contains("already has a volume named m-v2"), "{}", e.message);
    assert_eq!(calls(&r), vec![(0, WaveCall::Create)]);
}

#[test]
fn a_create_is_never_started_twice_and_a_late_answer_moves_nothing() {
    let mut r = run(1);
    r.listed(&[]);
    assert!(r.started(0, WaveCall::Create, 7));
    assert!(!r.started(0, WaveCall::Create, 8), "a second start while it runs");
    assert!(calls(&r).is_empty());
    // An answer about another operation (an earlier attempt, another tab's number).
    assert!(!r.ended(0, 5, CallEnd::Succeeded(None), T));
    assert_eq!(r.volume(0).unwrap().created, Created::Unknown);
    assert!(r.ended(0, 7, CallEnd::Succeeded(None), T));
    assert_eq!(r.volume(0).unwrap().created, Created::Yes);
    assert!(!r.started(0, WaveCall::Create, 9), "created: no create is due");
}

#[test]
fn a_lost_create_answer_is_settled_by_the_list_not_by_sending_again() {
    let mut r = run(2);
    r.listed(&[]);
    let ops = start_all(&mut r, 1);
    assert_eq!(ops.len(), 2);
    // The page went away before ARM answered either.
    r.ended(0, 1, CallEnd::Unknown, T);
    r.ended(1, 2, CallEnd::Unknown, T);
    assert!(r.needs_list());
    assert!(calls(&r).is_empty(), "nothing is resent before the list says");
    // v0 made it to ARM (still provisioning); v1 never did.
    r.listed(&[listed("m-v0", Some("v0"), "Creating")]);
    assert_eq!(r.volume(0).unwrap().created, Created::Provisioning);
    assert_eq!(r.volume(1).unwrap().created, Created::No);
    assert_eq!(calls(&r), vec![(1, WaveCall::Create)]);
    assert!(r.needs_list(), "v0 is read again until it is done");
    r.listed(&[listed("m-v0", Some("v0"), "Succeeded")]);
    assert_eq!(r.volume(0).unwrap().created, Created::Yes);
}

#[test]
fn a_volume_gone_while_provisioning_or_failed_asks_for_retry() {
    let mut r = run(2);
    r.listed(&[listed("m-v0", Some("v0"), "Creating"), listed("m-v1", Some("v1"), "Failed")]);
    assert!(r.volume(1).unwrap().error.as_ref().unwrap().message.contains("Failed"));
    r.listed(&[]);
    let e = r.volume(0).unwrap().error.clone().unwrap();
    assert!(e.message.contains("create failed"), "{}", e.message);
    // Retry reads the pool first.
    r.retry(0);
    assert!(r.needs_list() && calls(&r).is_empty());
    r.listed(&[]);
    assert_eq!(calls(&r), vec![(0, WaveCall::Create)]);
}

#[test]
fn peering_waits_for_every_create_and_svm_peering_for_the_admin() {
    let mut r = run(3);
    r.listed(&[]);
    start_all(&mut r, 1);
    r.ended(0, 1, CallEnd::Succeeded(None), T);
    r.ended(1, 2, CallEnd::Succeeded(None), T);
    assert!(calls(&r).is_empty(), "v2's create still runs: no peering yet");
    r.ended(2, 3, CallEnd::Failed("QuotaExceeded".into()), T);
    // A failed create settles it: the others go on, in order.
    assert_eq!(calls(&r), vec![(0, WaveCall::Peer), (1, WaveCall::Peer)]);
    start_all(&mut r, 10);
    let offer = json!({"properties": {"clusterPeeringCommand": "cluster peer create -ipspace <IP-SPACE-NAME> -peer-addrs 10.1.1.1", "passphrase": "pw1"}});
    r.ended(0, 10, CallEnd::Succeeded(Some(offer)), Timestamp(5));
    r.ended(1, 11, CallEnd::Succeeded(Some(json!({"properties": {}}))), Timestamp(6));
    let p0 = r.volume(0).unwrap().peer.clone().unwrap();
    assert_eq!((p0.passphrase.as_deref(), p0.at), (Some("pw1"), Timestamp(5)));
    assert_eq!(r.volume(1).unwrap().peer.as_ref().unwrap().command, None, "already peered");
    assert!(calls(&r).is_empty(), "SVM peering waits for the admin's word");
    r.open_authorize();
    assert_eq!(calls(&r), vec![(0, WaveCall::Authorize), (1, WaveCall::Authorize)]);
    start_all(&mut r, 20);
    let svm = json!({"svmPeeringCommand": "vserver peer accept -vserver svm1 -peer-vserver anf1"});
    r.ended(0, 20, CallEnd::Succeeded(Some(svm)), T);
    r.ended(1, 21, CallEnd::Succeeded(None), T);
    assert_eq!(r.volume(1).unwrap().svm_command.as_deref(), Some(""));
    assert!(calls(&r).is_empty());
    // The failed create, retried: created, then peered like the others.
    r.retry(2);
    r.listed(&[]);
    assert_eq!(calls(&r), vec![(2, WaveCall::Create)]);
}

#[test]
fn every_create_is_due_at_once_and_the_other_calls_follow_within_max_running() {
    let n = u32::try_from(MAX_RUNNING).unwrap() + 20;
    let mut r = run(n);
    r.listed(&[]);
    // The creates are not held back by the ones still provisioning: the write budget paces
    // them (a wave's creates used to wait, 100 at a time, for ARM to finish provisioning).
    let creates = start_all(&mut r, 1);
    assert_eq!(creates.len(), n as usize);
    assert!(calls(&r).is_empty(), "nothing more before the creates end");
    for (row, op) in creates {
        r.ended(row, op, CallEnd::Succeeded(None), T);
    }
    // The peerings: at most MAX_RUNNING at once, the rest in order as they end.
    let peers = start_all(&mut r, 1_000);
    assert_eq!(peers.len(), MAX_RUNNING);
    assert!(calls(&r).is_empty());
    r.ended(3, 1_003, CallEnd::Succeeded(None), T);
    assert_eq!(calls(&r), vec![(RowId::try_from(MAX_RUNNING).unwrap(), WaveCall::Peer)]);
}

#[test]
fn a_create_retried_while_max_running_peerings_run_is_not_held_back_by_them() {
    let n = u32::try_from(MAX_RUNNING).unwrap() + 5;
    let mut r = run(n);
    r.listed(&[]);
    let creates = start_all(&mut r, 1);
    for (row, op) in &creates {
        let end = if *row == 0 {
            CallEnd::Failed("InternalServerError".into())
        } else {
            CallEnd::Succeeded(None)
        };
        r.ended(*row, *op, end, T);
    }
    // The failed create settled the creates: MAX_RUNNING peerings go out, and fill the room.
    let peers = start_all(&mut r, 1_000);
    assert_eq!(peers.len(), MAX_RUNNING);
    // The retried create is due with every place taken by the peerings.
    r.retry(0);
    r.listed(&[]);
    assert_eq!(calls(&r), vec![(0, WaveCall::Create)]);
}

#[test]
fn a_lost_peering_answer_waits_for_retry_and_an_expired_offer_is_asked_again() {
    let mut r = run(2);
    r.listed(&[]);
    start_all(&mut r, 1);
    r.ended(0, 1, CallEnd::Succeeded(None), T);
    r.ended(1, 2, CallEnd::Succeeded(None), T);
    start_all(&mut r, 3);
    r.ended(0, 3, CallEnd::Unknown, T);
    r.ended(
        1,
        4,
        CallEnd::Succeeded(Some(
            json!({"peerAcceptCommand": "cluster peer create -peer-addrs 1.2.3.4"}),
        )),
        T,
    );
    let e = r.volume(0).unwrap().error.clone().unwrap();
    assert!(e.message.contains("may or may not"), "{}", e.message);
    assert!(calls(&r).is_empty(), "a mutation whose answer was lost is not resent by itself");
    r.retry(0);
    assert_eq!(calls(&r), vec![(0, WaveCall::Peer)]);
    // The offer of v1 expired: asked again.
    r.reissue_peering(&[1]);
    assert_eq!(calls(&r), vec![(0, WaveCall::Peer), (1, WaveCall::Peer)]);
}

#[test]
fn finalize_only_for_volumes_cut_over_once_the_admin_asks() {
    let mut r = run(2);
    for v in &mut r.volumes {
        v.created = Created::Yes;
        v.peer = Some(PeerAnswer { command: None, passphrase: None, at: T });
        v.svm_command = Some(String::new());
    }
    r.names_checked = true;
    r.mark_cut_over(0);
    assert!(calls(&r).is_empty(), "not before the admin asks");
    r.open_finalize();
    assert_eq!(calls(&r), vec![(0, WaveCall::Finalize)]);
    start_all(&mut r, 1);
    r.ended(0, 1, CallEnd::Succeeded(None), T);
    assert!(r.volume(0).unwrap().finalized);
    assert!(calls(&r).is_empty(), "finalized once");
}

#[test]
fn a_dry_run_goes_to_the_rows_asked_once_each() {
    let mut r = run(3);
    for v in &mut r.volumes {
        v.created = Created::Yes;
        v.peer = Some(PeerAnswer { command: None, passphrase: None, at: T });
        v.svm_command = Some(String::new());
    }
    r.names_checked = true;
    r.ask_batch(WaveCall::DryRun, [0, 2].into_iter().collect());
    assert_eq!(calls(&r), vec![(0, WaveCall::DryRun), (2, WaveCall::DryRun)]);
    assert!(r.started(0, WaveCall::DryRun, 1));
    r.refused(2, WaveCall::DryRun, "\"Sync now\" is running on this volume.");
    assert!(calls(&r).is_empty());
    r.ended(0, 1, CallEnd::Succeeded(None), T);
    r.tidy();
    assert!(r.batch.is_none());
    assert!(r.volume(2).unwrap().error.is_some());
}

#[test]
fn a_run_survives_a_reload_whole() {
    let mut r = run(2);
    r.listed(&[]);
    start_all(&mut r, 1);
    r.ended(0, 1, CallEnd::Succeeded(None), T);
    let text = serde_json::to_string(&r).unwrap();
    let back: WaveRun = serde_json::from_str(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.volume(1).unwrap().running, Some(Running { call: WaveCall::Create, op: 2 }));
}

#[test]
fn a_reload_before_any_create_went_out_reads_the_pool_again_then_sends_each_create_once() {
    let reloaded = |r: &WaveRun| -> WaveRun {
        serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap()
    };
    // Reloaded while the pool's list was on its way: it is read again, and nothing is created
    // before it answers.
    let mut r = reloaded(&run(3));
    assert!(r.needs_list());
    assert!(calls(&r).is_empty());
    // Reloaded after the list, with the creates waiting for the write budget: each goes once.
    r.listed(&[]);
    let mut r = reloaded(&r);
    assert!(!r.needs_list());
    let sent = start_all(&mut r, 1);
    assert_eq!(sent.len(), 3);
    // Reloaded with the creates out and unanswered: none goes again; the pool's list settles
    // them (a create whose answer is lost with the page is found there or not).
    let mut r = reloaded(&r);
    assert!(calls(&r).is_empty(), "nothing is sent twice");
    r.ended(0, 1, CallEnd::Unknown, T);
    assert!(r.needs_list());
    r.listed(&[listed("m-v0", Some("v0"), "Succeeded")]);
    assert!(!calls(&r).iter().any(|(_, c)| *c == WaveCall::Create), "{:?}", calls(&r));
}

#[test]
fn each_step_reads_in_words() {
    let mut r = run(1);
    assert_eq!(r.volume(0).unwrap().status_text(r.names_checked), "Checking that the name is free");
    r.listed(&[]);
    assert_eq!(r.volume(0).unwrap().status_text(true), "Waiting for the write budget");
    r.started(0, WaveCall::Create, 1);
    assert_eq!(r.volume(0).unwrap().status_text(true), "Create: running");
    r.ended(0, 1, CallEnd::Failed("x".into()), T);
    assert_eq!(r.volume(0).unwrap().status_text(true), "Create failed");
}
