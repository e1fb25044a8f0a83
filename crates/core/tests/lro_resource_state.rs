//! PUT and PATCH: the resource's provisioningState is the truth, whatever status code the first
//! answer had. ARM lets a service answer a PUT with 200 while the work still runs (the body then
//! says "Creating" or "Updating"); the operation has ended only when the state is Succeeded,
//! Failed or Canceled.

use anf_core::arm::{Client, LroOutcome};
use anf_core::ids::VolumeId;
use anf_core::models::Volume;
use anf_core::testing::{block_on, FakeClock, RecordingTransport};
use anf_core::time::Timestamp;
use anf_core::transport::{ArmResponse, Method};
use serde_json::json;

const START: Timestamp = Timestamp::from_secs(1_800_000_000);

fn vol() -> VolumeId {
    VolumeId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/v").unwrap()
}

fn volume(status: u16, state: &str) -> ArmResponse {
    ArmResponse::new(
        status,
        json!({"id": vol().to_string(), "name": "a/p/v", "location": "westeurope",
            "properties": {"creationToken": "v", "provisioningState": state, "volumeType": "Migration"}})
        .to_string(),
    )
}

fn put(
    first: ArmResponse,
    then: &[ArmResponse],
) -> (LroOutcome, Vec<anf_core::transport::ArmRequest>) {
    let t = RecordingTransport::new().with(first);
    for r in then {
        t.push(r.clone());
    }
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.create_or_update_volume(&vol(), &Volume::default(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert_eq!(client.transport().remaining(), 0, "every scripted answer was read");
    (outcome, client.transport().requests())
}

#[test]
fn a_put_answered_200_while_creating_is_followed_to_its_end() {
    let (outcome, requests) =
        put(volume(200, "Creating"), &[volume(200, "Creating"), volume(200, "Succeeded")]);
    let LroOutcome::Succeeded { result: Some(v) } = outcome else { panic!("{outcome:?}") };
    assert_eq!(v["properties"]["provisioningState"], "Succeeded");
    assert_eq!(requests.len(), 3);
    assert!(requests[1..].iter().all(|r| r.method == Method::Get && r.url == requests[0].url));
}

#[test]
fn a_put_answered_200_can_still_fail_or_be_canceled() {
    let (outcome, _) = put(volume(200, "Updating"), &[volume(200, "Failed")]);
    assert!(matches!(outcome, LroOutcome::Failed { .. }), "{outcome:?}");
    let (outcome, _) = put(volume(201, "Creating"), &[volume(200, "Canceled")]);
    assert!(matches!(outcome, LroOutcome::Canceled { .. }), "{outcome:?}");
    // Already failed in the first answer: nothing to poll.
    let (outcome, requests) = put(volume(200, "Failed"), &[]);
    assert!(matches!(outcome, LroOutcome::Failed { .. }), "{outcome:?}");
    assert_eq!(requests.len(), 1);
}

#[test]
fn a_put_answered_200_without_a_state_reads_the_resource() {
    let (outcome, requests) = put(ArmResponse::new(200, ""), &[volume(200, "Succeeded")]);
    assert!(matches!(outcome, LroOutcome::Succeeded { result: Some(_) }), "{outcome:?}");
    assert_eq!(requests.len(), 2);
    // Done at once only when the first answer says so.
    let (outcome, requests) = put(volume(200, "Succeeded"), &[]);
    assert!(matches!(outcome, LroOutcome::Succeeded { result: Some(_) }));
    assert_eq!(requests.len(), 1);
}
