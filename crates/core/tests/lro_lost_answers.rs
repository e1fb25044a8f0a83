//! A lost or empty answer never ends an operation as a success: the browser reports a body that
//! broke off as a 200 with an empty body, so "200 with nothing readable" is what a dropped
//! connection looks like. Only a statement of the state (a status, a provisioningState, a
//! Location 200/204) ends an operation.

use anf_core::arm::lro::MAX_TRANSIENT_ERRORS;
use anf_core::arm::{Client, LroOutcome};
use anf_core::ids::VolumeId;
use anf_core::models::{ClusterPeerCommand, Volume};
use anf_core::testing::{block_on, FakeClock, RecordingTransport};
use anf_core::time::Timestamp;
use anf_core::transport::ArmResponse;
use serde_json::json;
use std::time::Duration;

const START: Timestamp = Timestamp::from_secs(1_800_000_000);
const STATUS: &str = "https://management.azure.com/subscriptions/s/providers/Microsoft.NetApp/locations/westeurope/operationResults/op1?api-version=2026-04-01";
const LOCATION: &str = "https://management.azure.com/subscriptions/s/providers/Microsoft.NetApp/locations/westeurope/operationResults/op1?api-version=2025-12-01&operationResultResponseType=Location";

fn vol() -> VolumeId {
    VolumeId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/v").unwrap()
}

fn volume_in(state: &str) -> ArmResponse {
    ArmResponse::new(
        200,
        json!({"id": vol().to_string(), "name": "a/p/v", "location": "westeurope",
            "properties": {"creationToken": "v", "provisioningState": state, "volumeType": "Migration"}})
        .to_string(),
    )
}

#[test]
fn a_resource_answer_without_a_provisioning_state_is_asked_again() {
    let t = RecordingTransport::new()
        .with(ArmResponse::new(202, ""))
        .with(ArmResponse::new(200, "")) // the body broke off
        .with(ArmResponse::new(200, r#"{"properties": {"provisioni"#)) // cut mid-way
        .with(ArmResponse::new(200, json!({"properties": {}}).to_string()))
        .with(ArmResponse::new(200, json!({"properties": {"provisioningState": " "}}).to_string()))
        .with(volume_in("Succeeded"));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.create_or_update_volume(&vol(), &Volume::default(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let v: Volume = outcome.into_result().unwrap();
    assert!(v.is_migration(), "the result is the volume the last answer described");
    assert_eq!(client.transport().remaining(), 0, "every unreadable answer was asked again");
    assert_eq!(clock.sleeps(), [Duration::from_secs(10); 5]);
}

#[test]
fn the_final_read_of_a_put_needs_the_resource_not_an_empty_200() {
    let t = RecordingTransport::new()
        .with(
            ArmResponse::new(
                201,
                json!({"properties": {"provisioningState": "Creating"}}).to_string(),
            )
            .with_header("Azure-AsyncOperation", STATUS),
        )
        .with(ArmResponse::new(200, json!({"status": "Succeeded"}).to_string()))
        .with(ArmResponse::new(200, ""))
        .with(volume_in("Succeeded"));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.create_or_update_volume(&vol(), &Volume::default(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let v: Volume = outcome.into_result().unwrap();
    assert!(v.is_migration());
    assert_eq!(client.transport().remaining(), 0);
}

#[test]
fn unreadable_statuses_are_asked_again_and_never_taken_for_the_end() {
    let t = RecordingTransport::new().with(
        ArmResponse::new(202, "")
            .with_header("Azure-AsyncOperation", STATUS)
            .with_header("Retry-After", "1"),
    );
    // Empty, cut off, no status, an empty status: none says anything about the operation,
    // however many come in a row.
    let unreadable = ["", r#"{"status": "Succ"#, r#"{"id": "op1"}"#, r#"{"status": ""}"#];
    for i in 0..=2 * MAX_TRANSIENT_ERRORS {
        t.push(ArmResponse::new(200, unreadable[i as usize % unreadable.len()]));
    }
    t.push(ArmResponse::new(200, json!({"status": "Succeeded"}).to_string()));
    t.push(ArmResponse::new(204, "")); // the POST's result, read from Location
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.break_replication(&vol(), false, clock.now())).unwrap();
    for n in 1..=2 * MAX_TRANSIENT_ERRORS + 1 {
        clock.advance(Duration::from_secs(600));
        block_on(client.poll_once(&mut poller, clock.now())).unwrap();
        assert!(!poller.is_done(), "{:?}", poller.outcome());
        assert_eq!(poller.transient_errors(), n);
    }
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert!(matches!(outcome, LroOutcome::Succeeded { .. }), "{outcome:?}");
}

#[test]
fn a_lost_peering_command_is_not_already_peered() {
    // 2025-12-01 answers peerExternalCluster through Location; the command is in its body.
    let t = RecordingTransport::new()
        .with(ArmResponse::new(202, "").with_header("Location", LOCATION))
        .with(ArmResponse::new(200, ""))
        .with(ArmResponse::new(
            200,
            json!({"peerAcceptCommand": "cluster peer create -peer-addrs 10.0.0.5 -passphrase p1"})
                .to_string(),
        ));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.peer_external_cluster(&vol(), &["10.0.0.1".into()], clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let cmd: ClusterPeerCommand = outcome.into_result().unwrap();
    assert_eq!(cmd.passphrase.as_deref(), Some("p1"));

    // A 204 says outright there is nothing to give: the clusters are already peered.
    let t = RecordingTransport::new()
        .with(ArmResponse::new(202, "").with_header("Location", LOCATION))
        .with(ArmResponse::new(204, ""));
    let client = Client::new(t);
    let mut poller =
        block_on(client.peer_external_cluster(&vol(), &["10.0.0.1".into()], clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert_eq!(outcome, LroOutcome::Succeeded { result: None });
}
