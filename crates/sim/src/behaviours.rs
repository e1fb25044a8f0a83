//! The behaviours Microsoft's how-to names, each reproduced, plus the ARM-side faults.

use crate::scenario::Scenario;
use crate::simulator::Simulator;
use crate::testkit::{code, json_of, Kit, A25, A26, GIB};
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, Method};
use serde_json::{json, Value};

fn setup_status(k: &mut Kit, path: &str) -> String {
    let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
    v["properties"]["dataProtection"]["replication"]["externalReplicationSetupStatus"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn subnet_in_use(k: &mut Kit) -> u64 {
    let p = format!(
        "{}/providers/Microsoft.Network/virtualNetworks/vnet-anf/usages?api-version=2024-05-01",
        k.rg_path()
    );
    let v = json_of(&k.get(&p));
    v["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"].as_str().unwrap().ends_with("/snet-anf"))
        .unwrap()["currentValue"]
        .as_u64()
        .unwrap()
}

fn progress(s: &Value) -> u64 {
    s["totalProgress"].as_str().unwrap().parse().unwrap()
}

fn break_and_finalize(k: &mut Kit, path: &str) -> Value {
    let r = k.post(
        &format!("{path}/breakReplication?api-version={A26}"),
        Some(json!({ "forceBreakReplication": true })),
    );
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    let r = k.post(&format!("{path}/finalizeExternalReplication?api-version={A26}"), None);
    k.finish(&r)
}

#[test]
fn b1_peer_offer_expires_after_60_minutes_and_a_new_call_issues_a_new_one() {
    let mut k = Kit::new();
    let path = k.create_migration("mig1", "vol_home", 60, A26);
    let first = k.peer(&path, A26);
    assert_eq!(setup_status(&mut k, &path), "ClusterPeerPending");
    k.wait(59 * 60);
    assert_eq!(setup_status(&mut k, &path), "ClusterPeerPending");
    k.wait(2 * 60);
    assert_eq!(setup_status(&mut k, &path), "ClusterPeerRequired");
    let out = k.accept_peering(&first);
    assert!(out.contains("no pending peer offer") && out.contains("60 minutes"), "{out}");
    let second = k.peer(&path, A26);
    assert_ne!(first["properties"]["passphrase"], second["properties"]["passphrase"]);
    assert!(!k.accept_peering(&second).contains("Error"));
    assert_eq!(setup_status(&mut k, &path), "VServerPeerRequired");
}

#[test]
fn b1_scenario_offer_issued_55_minutes_ago_expires_in_5() {
    let mut k = Kit::with(Scenario::PeerOfferExpires);
    let path = k.volume_path("vol-projects-mig");
    assert_eq!(setup_status(&mut k, &path), "ClusterPeerPending");
    k.wait(5 * 60 + 1);
    assert_eq!(setup_status(&mut k, &path), "ClusterPeerRequired");
}

#[test]
fn b2_peering_an_already_peered_cluster_returns_an_empty_command() {
    let mut k = Kit::new();
    k.migrate_until_replicating("mig1", "vol_scratch", 60);
    let second = k.create_migration("mig2", "vol_home", 60, A26);
    assert_eq!(setup_status(&mut k, &second), "VServerPeerRequired");
    let p26 = k.peer(&second, A26);
    assert_eq!(
        (
            p26["properties"]["clusterPeeringCommand"].as_str(),
            p26["properties"]["passphrase"].as_str()
        ),
        (Some(""), Some(""))
    );
    let r = k.post(
        &format!("{second}/peerExternalCluster?api-version={A25}"),
        Some(json!({ "peerIpAddresses": k.scope.intercluster_addresses })),
    );
    let loc = r
        .header("Location")
        .unwrap()
        .trim_start_matches("https://management.azure.com")
        .to_string();
    let p25 = k.finish(&r);
    assert_eq!(p25["properties"]["peerAcceptCommand"], "");
    assert_eq!(json_of(&k.get(&loc)), json!({ "peerAcceptCommand": "" }));
    // The same SVM is peered already too: authorize answers an empty command and replication follows.
    let r = k.post(&format!("{second}/authorizeExternalReplication?api-version={A26}"), None);
    assert_eq!(k.finish(&r)["properties"]["svmPeeringCommand"], "");
    k.wait(31);
    assert_eq!(setup_status(&mut k, &second), "NoActionRequired");

    let mut pre = Kit::with(Scenario::AlreadyPeered);
    let path = pre.create_migration("mig9", "vol_home", 60, A26);
    assert_eq!(pre.peer(&path, A26)["properties"]["clusterPeeringCommand"], "");
}

#[test]
fn b3_first_migration_takes_7_ips_later_ones_reuse_the_storage() {
    let mut k = Kit::new();
    assert_eq!(subnet_in_use(&mut k), 0);
    let a = k.migrate_until_replicating("mig1", "vol_scratch", 60);
    assert_eq!(subnet_in_use(&mut k), 7);
    let b = k.create_migration("mig2", "vol_home", 60, A26);
    assert_eq!(subnet_in_use(&mut k), 7);
    // The intercluster LIFs go with the last migration; the data IPs stay with the volumes.
    k.wait(60);
    break_and_finalize(&mut k, &a);
    assert_eq!(subnet_in_use(&mut k), 7);
    let r = k.delete(&format!("{b}?api-version={A26}"));
    k.finish(&r);
    assert_eq!(subnet_in_use(&mut k), 1);

    let mut n = Kit::with(Scenario::PlacementNoReuse);
    n.create_migration("mig1", "vol_scratch", 60, A26);
    n.create_migration("mig2", "vol_home", 60, A26);
    assert_eq!(subnet_in_use(&mut n), 14);
    let second = n.volume_path("mig2");
    let p = n.peer(&second, A26);
    assert!(
        p["properties"]["clusterPeeringCommand"].as_str().unwrap().contains("-peer-addrs"),
        "new storage needs its own peering"
    );

    let mut small = Kit::with(Scenario::SubnetTooSmall);
    let r = small.put(
        &format!("{}?api-version={A26}", small.volume_path("mig1")),
        small.migration_body("mig1", "vol_home", 60),
    );
    let s = small.finish(&r);
    assert_eq!(s["error"]["code"], "InsufficientSubnetIPAddresses");
    assert!(s["error"]["message"].as_str().unwrap().contains("5 free IP addresses"));
}

#[test]
fn b4_a_second_subscription_cant_peer_the_same_cluster_while_the_first_migrates() {
    let mut k = Kit::with(Scenario::SecondSubscription);
    let path = k.create_migration("mig1", "vol_home", 60, A26);
    let p = k.peer(&path, A26);
    assert_eq!(
        (p["status"].as_str(), p["error"]["code"].as_str()),
        (Some("Failed"), Some("ClusterPeeringInUseByAnotherSubscription"))
    );
    // Once the other subscription's migration is finalized, peering works.
    let other = format!("/subscriptions/{}/resourceGroups/rg-anf-landing/providers/Microsoft.NetApp/netAppAccounts/anf-landing/capacityPools/pool-landing/volumes/vol-archive-mig", k.scope.second_subscription_id);
    assert_eq!(break_and_finalize(&mut k, &other)["status"], "Succeeded");
    assert_eq!(k.peer(&path, A26)["status"], "Succeeded");
}

#[test]
fn b5_snapshot_locking_fails_transfers_with_last_transfer_error() {
    let mut k = Kit::with(Scenario::SnapshotLocking);
    let path = k.migrate_until_replicating("mig1", "vol_home", 60);
    k.wait(30);
    let s = k.status(&path);
    assert_eq!(
        (s["healthy"].as_bool(), s["mirrorState"].as_str()),
        (Some(false), Some("Uninitialized"))
    );
    assert!(s["errorMessage"].as_str().unwrap().starts_with("Last transfer error"), "{s}");
    let r = k.post(&format!("{path}/performReplicationTransfer?api-version={A26}"), None);
    assert_eq!(k.finish(&r)["error"]["code"], "ReplicationTransferFailed");
    k.cli("volume modify -vserver svm_nfs -volume vol_home -snapshot-locking-enabled false");
    let r = k.post(&format!("{path}/performReplicationTransfer?api-version={A26}"), None);
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    let s = k.status(&path);
    assert_eq!(
        (s["healthy"].as_bool(), s["mirrorState"].as_str(), s["errorMessage"].as_str()),
        (Some(true), Some("Mirrored"), Some(""))
    );
}

#[test]
fn b6_flexgroup_sources_cant_go_to_large_volumes() {
    let mut k = Kit::with(Scenario::FlexGroupSource);
    let path = k.volume_path("media");
    let mut body = k.migration_body("media", "vol_media_fg", 60);
    body["properties"]["isLargeVolume"] = json!(true);
    let r = k.put(&format!("{path}?api-version={A26}"), body);
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    let p = k.peer(&path, A26);
    k.accept_peering(&p);
    let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
    let s = k.finish(&r);
    assert_eq!(s["error"]["code"], "FlexGroupToLargeVolumeNotSupported");
    assert!(k.cli("volume show -vserver svm_nfs -volume vol_media_fg").contains("flexgroup"));
}

#[test]
fn b7_ontap_older_than_9_10_0_cant_be_peered() {
    let mut k = Kit::with(Scenario::OldOntap);
    assert!(k.cli("version").starts_with("NetApp Release 9.9.1"));
    let path = k.create_migration("mig1", "vol_home", 60, A26);
    let p = k.peer(&path, A26);
    assert_eq!(p["error"]["code"], "UnsupportedOntapVersion");
    assert!(p["error"]["message"].as_str().unwrap().contains("9.10.0"));
}

/// A migration of vol_scratch on the 10-minute schedule, peered both ways: its baseline starts.
fn peered_every_ten_minutes() -> (Kit, String) {
    let mut k = Kit::new();
    let path = k.volume_path("mig1");
    let mut body = k.migration_body("mig1", "vol_scratch", 60);
    body["properties"]["dataProtection"]["replication"]["replicationSchedule"] =
        json!("_10minutely");
    let r = k.put(&format!("{path}?api-version={A26}"), body);
    k.finish(&r);
    let p = k.peer(&path, A26);
    k.accept_peering(&p);
    let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
    let auth = k.finish(&r);
    k.cli(auth["properties"]["svmPeeringCommand"].as_str().unwrap());
    (k, path)
}

#[test]
fn b8_baseline_progresses_then_scheduled_incrementals_run_with_lag() {
    let (mut k, path) = peered_every_ten_minutes();
    k.wait(31);
    let mut seen = vec![progress(&k.status(&path))];
    for _ in 0..3 {
        k.wait(4);
        seen.push(progress(&k.status(&path)));
    }
    assert!(seen.windows(2).all(|w| w[1] > w[0]), "{seen:?}");
    k.wait(30);
    let baseline = k.status(&path);
    assert_eq!(
        (baseline["mirrorState"].as_str(), progress(&baseline)),
        (Some("Mirrored"), 3 * GIB)
    );
    let lag_before = k.cli("snapmirror show");
    // Within the next 10-minute slot an incremental carries the source's writes (1 MiB/s).
    k.wait(11 * 60);
    let after = k.status(&path);
    assert!(progress(&after) > 3 * GIB + 100 * 1024 * 1024, "{after}");
    let lag_after = k.cli("snapmirror show");
    assert_ne!(lag_before, lag_after);
}

#[test]
fn b8_held_schedules_let_their_slots_pass_and_run_again_once_let_go() {
    let (mut k, path) = peered_every_ten_minutes();
    k.wait(120);
    let baseline = progress(&k.status(&path));
    k.sim.hold_schedules(true);
    k.wait(35 * 60);
    assert_eq!(progress(&k.status(&path)), baseline, "three slots passed, no transfer");
    // An on-demand transfer still runs.
    let r = k.post(&format!("{path}/performReplicationTransfer?api-version={A26}"), None);
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    let synced = progress(&k.status(&path));
    assert!(synced > baseline);
    k.sim.hold_schedules(false);
    k.wait(11 * 60);
    assert!(progress(&k.status(&path)) > synced, "the next slot's transfer ran");
}

#[test]
fn b9_break_makes_the_volume_writable_and_resync_discards_those_writes() {
    let mut k = Kit::new();
    let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
    k.wait(60);
    let id =
        json_of(&k.get(&format!("{path}?api-version={A26}")))["id"].as_str().unwrap().to_string();
    assert!(
        k.sim.write_to_volume(&id, 1024, Timestamp(k.now)).is_err(),
        "read-only while mirrored"
    );
    let r = k.post(&format!("{path}/breakReplication?api-version={A26}"), None);
    k.finish(&r);
    k.sim.write_to_volume(&id, 5 * GIB, Timestamp(k.now)).unwrap();
    assert_eq!(k.sim.volume_local_writes(&id), Some(5 * GIB));
    let r = k.post(&format!("{path}/resyncReplication?api-version={A26}"), None);
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    assert_eq!(k.sim.volume_local_writes(&id), Some(0));
    assert_eq!(k.status(&path)["mirrorState"], "Mirrored");

    // After a break, snapmirror release on the source leaves the ANF volume unusable.
    let r = k.post(&format!("{path}/breakReplication?api-version={A26}"), None);
    k.finish(&r);
    assert!(k.cli("snapmirror release -destination-path anf_svm_01:mig1").contains("released"));
    let s = k.status(&path);
    assert_eq!(s["healthy"], false);
    let r = k.post(&format!("{path}/resyncReplication?api-version={A26}"), None);
    assert_eq!(k.finish(&r)["error"]["code"], "ReplicationReleasedOnSource");
    let r = k.post(&format!("{path}/finalizeExternalReplication?api-version={A26}"), None);
    assert_eq!(k.finish(&r)["error"]["code"], "ReplicationReleasedOnSource");
}

#[test]
fn b10_finalize_keeps_peering_while_used_and_cancel_cleans_it() {
    let mut k = Kit::new();
    let a = k.migrate_until_replicating("mig1", "vol_scratch", 60);
    let b = k.migrate_until_replicating("mig2", "vol_home", 60);
    k.wait(600);
    assert_eq!(break_and_finalize(&mut k, &a)["status"], "Succeeded");
    assert!(
        k.cli("cluster peer show").contains("Available"),
        "another migration still uses the peering"
    );
    assert!(k.cli("vserver peer show").contains("peered"));
    // Cancel the last migration: deleting the volume removes what only it used.
    let r = k.delete(&format!("{b}?api-version={A26}"));
    assert_eq!(r.status, 202);
    k.finish(&r);
    assert!(k.cli("cluster peer show").contains("Unavailable"));
    assert_eq!(k.cli("vserver peer show"), "There are no Vserver peer relationships.\n");
    let v = json_of(&k.get(&format!("{a}?api-version={A26}")));
    assert_eq!(v["properties"]["provisioningState"], "Succeeded");
    assert!(v["properties"].get("dataProtection").is_none());
    // A new migration on the same storage: the stale peer must be deleted on the source first.
    let c = k.create_migration("mig3", "vol_projects", 400, A26);
    let p = k.peer(&c, A26);
    assert!(k.accept_peering(&p).contains("cluster peer delete -cluster anf-eastus-01"));
    k.cli("cluster peer delete -cluster anf-eastus-01");
    assert!(!k.accept_peering(&p).contains("Error"));
}

#[test]
fn b11_setup_status_follows_the_steps() {
    let mut k = Kit::new();
    let path = k.create_migration("mig1", "vol_home", 60, A26);
    let mut seen = vec![setup_status(&mut k, &path)];
    let p = k.peer(&path, A26);
    seen.push(setup_status(&mut k, &path));
    k.accept_peering(&p);
    seen.push(setup_status(&mut k, &path));
    let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
    let auth = k.finish(&r);
    seen.push(setup_status(&mut k, &path));
    k.cli(auth["properties"]["svmPeeringCommand"].as_str().unwrap());
    seen.push(setup_status(&mut k, &path));
    k.wait(31);
    seen.push(setup_status(&mut k, &path));
    assert_eq!(
        seen,
        [
            "ClusterPeerRequired",
            "ClusterPeerPending",
            "VServerPeerRequired",
            "VServerPeerRequired",
            "ReplicationCreateRequired",
            "NoActionRequired"
        ]
    );
}

#[test]
fn throttling_answers_429_with_retry_after_and_recovers() {
    let mut k = Kit::with(Scenario::Throttling);
    let path = format!("{}?api-version={A26}", k.account_path());
    let statuses: Vec<u16> = (0..25).map(|_| k.get(&path).status).collect();
    assert!(statuses[..20].iter().all(|s| *s == 200));
    let r = k.get(&path);
    assert_eq!((r.status, code(&r)), (429, "SubscriptionRequestsThrottled".into()));
    let wait: u64 = r.header("Retry-After").unwrap().parse().unwrap();
    k.wait(wait);
    let r = k.get(&path);
    assert_eq!(r.status, 200);
    assert!(r.header("x-ms-ratelimit-remaining-subscription-reads").is_some());
    // ARM's own limits are always on: reads report 250 less what was used.
    let mut normal = Kit::new();
    let r = normal.get(&path);
    assert_eq!(r.header("x-ms-ratelimit-remaining-subscription-reads"), Some("249"));
    let r = normal.post(
        &format!("{}/volumes/x/listReplications?api-version={A26}", normal.pool_path()),
        None,
    );
    assert_eq!(r.header("x-ms-ratelimit-remaining-subscription-writes"), Some("199"));
    assert!(
        r.header("x-ms-request-id").is_some() && r.header("x-ms-correlation-request-id").is_some()
    );
}

#[test]
fn server_errors_come_in_short_seeded_bursts() {
    let mut k = Kit::with(Scenario::ServerErrors);
    let path = format!("{}?api-version={A26}", k.account_path());
    let statuses: Vec<u16> = (0..200).map(|_| k.get(&path).status).collect();
    let errors = statuses.iter().filter(|s| **s >= 500).count();
    assert!(errors > 0 && errors < 60, "{errors}");
    assert!(statuses.windows(4).all(|w| w.contains(&200)), "bursts are at most 3 long");
}

#[test]
fn slow_operations_take_ten_times_longer() {
    let mut k = Kit::with(Scenario::SlowOperations);
    let r = k.put(
        &format!("{}?api-version={A26}", k.volume_path("v")),
        k.migration_body("v", "vol_home", 60),
    );
    let url = r
        .header("Azure-AsyncOperation")
        .unwrap()
        .trim_start_matches("https://management.azure.com")
        .to_string();
    k.wait(60);
    assert_eq!(json_of(&k.get(&url))["status"], "InProgress");
    k.wait(150);
    assert_eq!(json_of(&k.get(&url))["status"], "Succeeded");
}

#[test]
fn demo_speed_runs_a_baseline_in_about_a_minute() {
    let mut k = Kit::new();
    let path = k.migrate_until_replicating("mig1", "vol_home", 60);
    k.sim.set_speed(crate::DEMO_SPEED, Timestamp(k.now));
    k.now += 50_000;
    assert_eq!(k.status(&path)["mirrorState"], "Uninitialized");
    k.now += 10_000;
    assert_eq!(k.status(&path)["mirrorState"], "Mirrored");
}

#[test]
fn state_survives_serialization_mid_migration() {
    let mut k = Kit::new();
    let path = k.migrate_until_replicating("mig1", "vol_home", 60);
    k.wait(30);
    let saved = serde_json::to_string(&k.sim).unwrap();
    let restored: Simulator = serde_json::from_str(&saved).unwrap();
    k.wait(300);
    let expected = k.status(&path);
    let mut k2 = Kit { sim: restored, now: k.now, scope: k.scope.clone() };
    assert_eq!(k2.status(&path), expected);
    assert!(k2.sim.requests().count() > 10);
}

#[test]
fn same_seed_same_answers() {
    let run = || {
        let mut sim = Simulator::new(Scenario::ServerErrors, 7, Timestamp(0));
        (0..50)
            .map(|i| {
                let r = sim.handle(
                    &ArmRequest::new(Method::Get, "/tenants?api-version=2022-12-01"),
                    Timestamp(i * 100),
                );
                (r.status, r.header("x-ms-request-id").map(str::to_string))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn reset_keeps_seed_and_speed_and_lists_clusters_and_scope() {
    let mut sim = Simulator::new(Scenario::OldOntap, 5, Timestamp(1_000));
    sim.set_speed(4.0, Timestamp(1_000));
    assert_eq!(sim.cluster_names(), vec!["onprem-cl01".to_string()]);
    sim.reset(Scenario::HappyPath, Timestamp(2_000));
    assert_eq!((sim.scenario(), sim.seed(), sim.speed()), (Scenario::HappyPath, 5, 4.0));
    let out = sim.ontap_cli("onprem-cl01", "version", Timestamp(2_000));
    assert!(out.starts_with("NetApp Release 9.14.1"), "{out}");
    let scope = sim.default_scope();
    assert!(scope.subnet_id.ends_with("/virtualNetworks/vnet-anf/subnets/snet-anf"));
    assert_eq!(sim.sim_time(Timestamp(3_000)), Timestamp(6_000));
    sim.set_request_log_capacity(0);
    sim.handle(&ArmRequest::new(Method::Get, "/tenants?api-version=2022-12-01"), Timestamp(3_000));
    assert_eq!(sim.requests().count(), 0);
}

#[test]
fn every_scenario_starts_and_serves_the_default_scope() {
    for s in Scenario::all() {
        let mut k = Kit::with(*s);
        let path = format!("{}/volumes?api-version={A26}", k.pool_path());
        let r = k.get(&path);
        assert!(
            r.status == 200 || (*s == Scenario::ServerErrors && r.status >= 500),
            "{s}: {}",
            r.status
        );
        assert!(k.cli("cluster show").contains("onprem-cl01-01"), "{s}");
        let saved = serde_json::to_string(&k.sim).unwrap();
        let back: Simulator = serde_json::from_str(&saved).unwrap();
        assert_eq!(back.scenario(), *s);
    }
}
