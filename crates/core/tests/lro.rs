//! Long-running operations with a fake clock and scripted responses.

use anf_core::arm::{Client, LroOutcome, OperationKind, PollState, Poller};
use anf_core::ids::VolumeId;
use anf_core::models::{ClusterPeerCommand, SvmPeerCommand, Volume};
use anf_core::testing::{block_on, FakeClock, RecordingTransport};
use anf_core::time::Timestamp;
use anf_core::transport::{ArmResponse, Method, TransportError};
use serde_json::json;
use std::time::Duration;

const START: Timestamp = Timestamp::from_secs(1_800_000_000);
const STATUS: &str = "https://management.azure.com/subscriptions/s/providers/Microsoft.NetApp/locations/westeurope/operationResults/op1?api-version=2026-04-01";
const LOCATION: &str = "https://management.azure.com/subscriptions/s/providers/Microsoft.NetApp/locations/westeurope/operationResults/op1?api-version=2026-04-01&operationResultResponseType=Location";

fn vol() -> VolumeId {
    VolumeId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/v").unwrap()
}

fn accepted() -> ArmResponse {
    ArmResponse::new(202, "")
        .with_header("Azure-AsyncOperation", STATUS)
        .with_header("Location", LOCATION)
        .with_header("Retry-After", "5")
}

fn status(s: &str) -> ArmResponse {
    ArmResponse::new(200, json!({"id": "op1", "name": "op1", "status": s}).to_string())
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn retry_after_is_honoured_and_the_result_comes_from_status_properties() {
    let t = RecordingTransport::new()
        .with(accepted())
        .with(status("InProgress").with_header("Retry-After", "3"))
        .with(ArmResponse::new(
            200,
            json!({"status": "Succeeded", "percentComplete": 100,
                   "properties": {"clusterPeeringCommand": "cluster peer create -peer-addrs 10.0.0.5", "passphrase": "pw"}})
            .to_string(),
        ));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.peer_external_cluster(&vol(), &["10.0.0.1".into()], clock.now())).unwrap();
    assert_eq!(poller.next_poll_at(), Some(START.plus(secs(5))));
    assert_eq!(poller.kind(), OperationKind::PeerExternalCluster);

    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    // First wait: the initial Retry-After; second: the one on the InProgress answer.
    assert_eq!(clock.sleeps(), [secs(5), secs(3)]);
    let cmd: ClusterPeerCommand = outcome.into_result().unwrap();
    assert_eq!(cmd.command.as_deref(), Some("cluster peer create -peer-addrs 10.0.0.5"));
    assert_eq!(cmd.passphrase.as_deref(), Some("pw"));
    let reqs = client.transport().requests();
    assert_eq!(reqs.len(), 3);
    assert!(reqs[1..].iter().all(|r| r.method == Method::Get && r.url == STATUS));
    assert_eq!(poller.percent_complete(), Some(100.0));
}

#[test]
fn retry_after_as_http_date() {
    // 2027-01-15T08:00:00Z is 1_800_000_000 seconds; the date says 42 s later.
    let t = RecordingTransport::new()
        .with(
            ArmResponse::new(202, "")
                .with_header("Location", LOCATION)
                .with_header("Retry-After", "Fri, 15 Jan 2027 08:00:42 GMT"),
        )
        .with(ArmResponse::new(200, ""));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.perform_replication_transfer(&vol(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert_eq!(clock.sleeps(), [secs(42)]);
    assert_eq!(outcome, LroOutcome::Succeeded { result: None });
}

#[test]
fn canceled_ends_the_wait() {
    let t = RecordingTransport::new()
        .with(accepted())
        .with(status("Running"))
        .with(ArmResponse::new(200, json!({"status": "Cancelled", "error": {"code": "OperationCanceled", "message": "Canceled by user"}}).to_string()))
        .with(status("Succeeded")); // must never be read
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.break_replication(&vol(), false, clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    match outcome {
        LroOutcome::Canceled { error: Some(e) } => assert!(e.has_code("operationcanceled")),
        other => panic!("expected canceled, got {other:?}"),
    }
    assert_eq!(client.transport().remaining(), 1);
    assert!(poller.is_done() && poller.next_poll_at().is_none() && poller.next_request().is_none());
}

#[test]
fn location_errors_end_the_operation_as_it_ended() {
    // A POST followed through Location: ARM answers the canceled operation with an error status
    // and OperationCanceled. Nothing refused the request; it ran and was canceled.
    let canceled =
        json!({"error": {"code": "OperationCanceled", "message": "The operation was canceled."}});
    let t = RecordingTransport::new()
        .with(
            ArmResponse::new(202, "")
                .with_header("Location", LOCATION)
                .with_header("Retry-After", "1"),
        )
        .with(ArmResponse::new(409, canceled.to_string()));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.perform_replication_transfer(&vol(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let LroOutcome::Canceled { error: Some(e) } = outcome else { panic!("{outcome:?}") };
    assert!(e.is_cancellation());
    assert!(
        e.user_message().starts_with("The operation was canceled in Azure."),
        "{}",
        e.user_message()
    );
    assert!(!e.user_message().contains("refused"), "{}", e.user_message());

    // A failed operation's Location answers its error, a 500 included; a 500 that is a
    // gateway's page, or asks to wait, is the line's trouble and is asked again.
    let failed =
        json!({"error": {"code": "InternalServerError", "message": "The operation failed."}});
    let t = RecordingTransport::new()
        .with(ArmResponse::new(202, "").with_header("Location", LOCATION))
        .with(ArmResponse::new(500, "<html>500 Internal Server Error</html>"))
        .with(ArmResponse::new(500, failed.to_string()).with_header("Retry-After", "1"))
        .with(ArmResponse::new(500, failed.to_string()));
    let client = Client::new(t);
    let mut poller = block_on(client.perform_replication_transfer(&vol(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let LroOutcome::Failed { error } = outcome else { panic!("{outcome:?}") };
    assert_eq!((error.status, error.message.as_str()), (500, "The operation failed."));
    assert_eq!(client.transport().remaining(), 0, "two answers were asked again");

    // On the status URL a 500 says nothing about the operation: asked again.
    let t = RecordingTransport::new()
        .with(accepted())
        .with(ArmResponse::new(500, failed.to_string()))
        .with(status("Succeeded"))
        .with(ArmResponse::new(200, ""));
    let client = Client::new(t);
    let mut poller = block_on(client.finalize_external_replication(&vol(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert!(matches!(outcome, LroOutcome::Succeeded { .. }), "{outcome:?}");

    let t = RecordingTransport::new()
        .with(ArmResponse::new(202, "").with_header("Location", LOCATION))
        .with(ArmResponse::new(
            400,
            json!({"error": {"code": "BadRequest", "message": "no"}}).to_string(),
        ));
    let client = Client::new(t);
    let mut poller = block_on(client.perform_replication_transfer(&vol(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert!(matches!(outcome, LroOutcome::Failed { .. }), "{outcome:?}");
}

#[test]
fn failed_carries_arms_error_and_request_ids() {
    let t = RecordingTransport::new().with(accepted()).with(
        ArmResponse::new(200, json!({"status": "failed", "error": {"code": "PeeringFailed", "message": "Cluster peer offer expired", "target": "peerIpAddresses"}}).to_string())
            .with_header("x-ms-request-id", "r-9")
            .with_header("x-ms-correlation-request-id", "c-9"),
    );
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.peer_external_cluster(&vol(), &["10.0.0.1".into()], clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let LroOutcome::Failed { error } = outcome.clone() else { panic!("{outcome:?}") };
    assert_eq!(error.code.as_deref(), Some("PeeringFailed"));
    assert_eq!(error.target.as_deref(), Some("peerIpAddresses"));
    assert_eq!(error.correlation_id.as_deref(), Some("c-9"));
    assert!(error.user_message().contains("Cluster peer offer expired"));
    let as_result = outcome.into_result::<ClusterPeerCommand>().unwrap_err();
    assert_eq!(as_result.arm().unwrap().request_id.as_deref(), Some("r-9"));
}

#[test]
fn a_resumed_poller_continues_where_it_left_off() {
    let t = RecordingTransport::new().with(accepted()).with(status("InProgress"));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.authorize_external_replication(&vol(), clock.now())).unwrap();
    clock.advance(secs(5));
    let state = block_on(client.poll_once(&mut poller, clock.now())).unwrap();
    assert_eq!(state, PollState::Pending { next_poll_at: clock.now().plus(secs(10)) });

    // The page reloads: the poller was stored as JSON.
    let saved = serde_json::to_string(&poller).unwrap();
    drop(client);
    let mut resumed: Poller = serde_json::from_str(&saved).unwrap();
    assert_eq!(resumed, poller);
    assert_eq!(resumed.polls(), 1);
    assert_eq!(resumed.last_status(), Some("InProgress"));

    let t = RecordingTransport::new().with(ArmResponse::new(
        200,
        json!({"status": "Succeeded", "properties": {"svmPeeringCommand": "vserver peer accept -vserver svm1 -peer-vserver anf1"}}).to_string(),
    ));
    let client = Client::new(t);
    let outcome = block_on(client.wait(&mut resumed, |d| clock.sleep(d), || clock.now())).unwrap();
    assert_eq!(client.transport().requests()[0].url, STATUS);
    assert_eq!(clock.sleeps(), [secs(10)]);
    let cmd: SvmPeerCommand = outcome.into_result().unwrap();
    assert_eq!(
        cmd.command.as_deref(),
        Some("vserver peer accept -vserver svm1 -peer-vserver anf1")
    );
}

#[test]
fn put_reads_the_resource_after_the_status_says_succeeded() {
    let volume = json!({"id": vol().to_string(), "name": "a/p/v", "location": "westeurope",
        "properties": {"creationToken": "v", "usageThreshold": 107374182400u64, "subnetId": "/s", "provisioningState": "Succeeded", "volumeType": "Migration"}});
    let t = RecordingTransport::new()
        .with(
            ArmResponse::new(
                201,
                json!({"properties": {"provisioningState": "Creating"}}).to_string(),
            )
            .with_header("Azure-AsyncOperation", STATUS),
        )
        .with(status("Succeeded"))
        .with(ArmResponse::new(200, volume.to_string()));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.create_or_update_volume(&vol(), &Volume::default(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let v: Volume = outcome.into_result().unwrap();
    assert!(v.is_migration());
    let reqs = client.transport().requests();
    assert_eq!(reqs[2].url, reqs[0].url, "final GET is on the volume itself");
    // Default interval, then no wait before the final GET.
    assert_eq!(clock.sleeps(), [secs(10)]);
}

#[test]
fn location_polling_and_final_get_of_location_for_post() {
    // Async status without properties, then the result is read from Location.
    let t = RecordingTransport::new().with(accepted()).with(status("Succeeded")).with(
        ArmResponse::new(
            200,
            json!({"peerAcceptCommand": "cluster peer create -passphrase p1"}).to_string(),
        ),
    );
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.peer_external_cluster(&vol(), &["10.0.0.1".into()], clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert_eq!(client.transport().requests()[2].url, LOCATION);
    let cmd: ClusterPeerCommand = outcome.into_result().unwrap();
    assert_eq!(cmd.passphrase.as_deref(), Some("p1"));

    // Location only: 202 while running, then 204.
    let t = RecordingTransport::new()
        .with(ArmResponse::new(202, "").with_header("Location", LOCATION))
        .with(ArmResponse::new(202, "").with_header("Retry-After", "1"))
        .with(ArmResponse::new(204, ""));
    let client = Client::new(t);
    let mut poller = block_on(client.delete_volume(&vol(), true, clock.now())).unwrap();
    assert!(client.transport().requests()[0].url.ends_with("&forceDelete=true"));
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert_eq!(outcome, LroOutcome::Succeeded { result: None });
    assert_eq!(client.transport().requests().len(), 3);
}

#[test]
fn immediate_answers_need_no_polling() {
    let t = RecordingTransport::new()
        .with(ArmResponse::new(200, json!({"properties": {"svmPeeringCommand": "x"}}).to_string()));
    let client = Client::new(t);
    let poller = block_on(client.authorize_external_replication(&vol(), START)).unwrap();
    assert!(poller.is_done());
    let cmd: SvmPeerCommand = poller.outcome().unwrap().clone().into_result().unwrap();
    assert_eq!(cmd.command.as_deref(), Some("x"));

    let t = RecordingTransport::new().with(ArmResponse::new(
        409,
        json!({"error": {"code": "Conflict", "message": "busy"}}).to_string(),
    ));
    let client = Client::new(t);
    let err = block_on(client.resync_replication(&vol(), START)).unwrap_err();
    assert_eq!(err.status(), Some(409));
}

#[test]
fn transient_poll_failures_are_retried_and_never_end_the_operation() {
    let t = RecordingTransport::new()
        .with(accepted())
        .with(ArmResponse::new(503, "").with_header("Retry-After", "2"))
        .with(status("Succeeded"))
        .with(ArmResponse::new(200, "")); // the POST's result, read from Location
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.finalize_external_replication(&vol(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert!(matches!(outcome, LroOutcome::Succeeded { .. }));
    assert_eq!(clock.sleeps(), [secs(5), secs(2)]);

    // A 404 on the status URL is final.
    let t = RecordingTransport::new().with(accepted()).with(ArmResponse::new(404, ""));
    let client = Client::new(t);
    let mut poller = block_on(client.finalize_external_replication(&vol(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let LroOutcome::Failed { error } = outcome else { panic!() };
    assert_eq!(error.status, 404);

    // A long outage (no answer, then gateway errors): the operation goes on in Azure, so it is
    // followed until Azure answers again, less often the longer it lasts.
    let max = anf_core::arm::lro::MAX_TRANSIENT_ERRORS;
    let t = RecordingTransport::new().with(accepted());
    for _ in 0..max + 2 {
        t.push_error(TransportError::Network("offline".into()));
    }
    for _ in 0..4 {
        t.push(ArmResponse::new(502, "<html>Bad Gateway</html>"));
    }
    t.push(status("Succeeded"));
    t.push(ArmResponse::new(200, ""));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.finalize_external_replication(&vol(), clock.now())).unwrap();
    for n in 1..=max + 6 {
        clock.advance(secs(600));
        block_on(client.poll_once(&mut poller, clock.now())).unwrap();
        assert!(!poller.is_done(), "poll {n}: {:?}", poller.outcome());
        assert_eq!(poller.transient_errors(), n);
    }
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert!(matches!(outcome, LroOutcome::Succeeded { .. }), "{outcome:?}");
    assert_eq!(poller.transient_errors(), 0, "answered again");
}

#[test]
fn polls_slow_down_while_they_keep_failing() {
    let max = anf_core::arm::lro::MAX_TRANSIENT_ERRORS;
    let t = RecordingTransport::new().with(accepted());
    for _ in 0..max + 6 {
        t.push_error(TransportError::Network("offline".into()));
    }
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.finalize_external_replication(&vol(), clock.now())).unwrap();
    let mut waits = Vec::new();
    for _ in 0..max + 6 {
        let at = poller.next_poll_at().unwrap();
        clock.advance(at.since(clock.now()));
        block_on(client.poll_once(&mut poller, clock.now())).unwrap();
        waits.push(poller.next_poll_at().unwrap().since(clock.now()).as_secs());
    }
    // The usual 10 s for the first five, then 10, 20, 40, 80 and at most 120.
    assert_eq!(waits, [10, 10, 10, 10, 10, 10, 20, 40, 80, 120, 120]);
    assert_eq!(anf_core::arm::lro::MAX_TROUBLED_INTERVAL, secs(120));
}

#[test]
fn the_poller_respects_a_low_read_budget() {
    let t = RecordingTransport::new()
        .with(
            ArmResponse::new(202, "")
                .with_header("Azure-AsyncOperation", STATUS)
                .with_header("Retry-After", "0"),
        )
        .with(
            status("InProgress")
                .with_header("Retry-After", "0")
                .with_header("x-ms-ratelimit-remaining-subscription-reads", "0"),
        )
        .with(status("Succeeded"));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.perform_replication_transfer(&vol(), clock.now())).unwrap();
    block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    // Retry-After said 0 both times; the empty read bucket added a one-second pause.
    assert_eq!(clock.sleeps(), [secs(1)]);
    assert_eq!(client.budget().get("subscription-reads"), Some(0));
}

#[test]
fn put_answered_with_bare_202_follows_provisioning_state() {
    let t = RecordingTransport::new()
        .with(ArmResponse::new(202, ""))
        .with(ArmResponse::new(
            200,
            json!({"properties": {"provisioningState": "Creating"}}).to_string(),
        ))
        .with(ArmResponse::new(
            200,
            json!({"location": "x", "properties": {"provisioningState": "Failed"}}).to_string(),
        ));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller =
        block_on(client.create_or_update_volume(&vol(), &Volume::default(), clock.now())).unwrap();
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    assert!(matches!(outcome, LroOutcome::Failed { .. }), "{outcome:?}");
    assert_eq!(poller.last_status(), Some("Creating"));
}

#[test]
fn wait_observed_reports_every_poll_for_saving() {
    let t = RecordingTransport::new()
        .with(accepted())
        .with(status("InProgress"))
        .with(ArmResponse::new(
            200,
            json!({"status": "InProgress", "percentComplete": 40}).to_string(),
        ))
        .with(ArmResponse::new(200, json!({"status": "Succeeded", "properties": {}}).to_string()));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.resync_replication(&vol(), clock.now())).unwrap();
    let mut saved = Vec::new();
    let outcome = block_on(client.wait_observed(
        &mut poller,
        |d| clock.sleep(d),
        || clock.now(),
        |p| saved.push(serde_json::to_string(p).unwrap()),
    ))
    .unwrap();
    assert_eq!(saved.len(), 3);
    let second: Poller = serde_json::from_str(&saved[1]).unwrap();
    assert_eq!(second.percent_complete(), Some(40.0));
    assert!(!second.is_done());
    assert!(matches!(outcome, LroOutcome::Succeeded { .. }));
}

#[test]
fn a_hostile_retry_after_on_a_poll_waits_the_cap() {
    let t = RecordingTransport::new()
        .with(accepted())
        .with(status("InProgress").with_header("Retry-After", "1e20"))
        .with(status("InProgress").with_header("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.perform_replication_transfer(&vol(), clock.now())).unwrap();
    let cap = anf_core::arm::retry_after::MAX_RETRY_AFTER;
    for _ in 0..2 {
        clock.advance(secs(5));
        let state = block_on(client.poll_once(&mut poller, clock.now())).unwrap();
        assert_eq!(state, PollState::Pending { next_poll_at: clock.now().plus(cap) });
    }
}

fn unauthorized() -> ArmResponse {
    ArmResponse::new(
        401,
        json!({"error": {"code": "ExpiredAuthenticationToken", "message": "The access token expiry UTC time is earlier than current UTC time."}}).to_string(),
    )
    .with_header("WWW-Authenticate", r#"Bearer error="invalid_token""#)
}

#[test]
fn a_401_while_polling_asks_for_sign_in_and_the_operation_goes_on() {
    let max = anf_core::arm::lro::MAX_TRANSIENT_ERRORS;
    let t = RecordingTransport::new().with(accepted()).with(status("InProgress"));
    // More 401s in a row than transient errors are tolerated: none may end the operation.
    for _ in 0..=max {
        t.push(unauthorized());
    }
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.break_replication(&vol(), false, clock.now())).unwrap();
    clock.advance(secs(5));
    block_on(client.poll_once(&mut poller, clock.now())).unwrap();
    let before = poller.clone();
    for _ in 0..=max {
        clock.advance(secs(10));
        let err = block_on(client.poll_once(&mut poller, clock.now())).unwrap_err();
        assert!(err.needs_sign_in(), "{err:?}");
        assert!(err.user_message().contains("Sign in again"), "{}", err.user_message());
        assert_eq!(poller.state(), PollState::Pending { next_poll_at: clock.now() });
    }
    assert!(!poller.is_done());
    assert_eq!((poller.polls(), poller.last_status()), (before.polls(), Some("InProgress")));

    // Signed in again (perhaps after a reload: the poller was stored): it continues, and the
    // 401s did not use up the tolerance for transient errors.
    let mut resumed: Poller =
        serde_json::from_str(&serde_json::to_string(&poller).unwrap()).unwrap();
    let t = RecordingTransport::new();
    for _ in 0..max {
        t.push(ArmResponse::new(503, ""));
    }
    t.push(status("Succeeded"));
    t.push(ArmResponse::new(204, "")); // the POST's result, read from Location
    let client = Client::new(t);
    let outcome = block_on(client.wait(&mut resumed, |d| clock.sleep(d), || clock.now())).unwrap();
    assert!(matches!(outcome, LroOutcome::Succeeded { .. }), "{outcome:?}");
    assert_eq!(client.transport().requests()[0].url, STATUS);
}

#[test]
fn a_403_with_a_token_code_asks_for_sign_in_but_a_missing_role_fails() {
    let forbidden = |code: &str| {
        ArmResponse::new(403, json!({"error": {"code": code, "message": "m"}}).to_string())
    };
    let t = RecordingTransport::new()
        .with(accepted())
        .with(forbidden("InvalidAuthenticationToken"))
        .with(forbidden("AuthorizationFailed"));
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.resync_replication(&vol(), clock.now())).unwrap();
    let err = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap_err();
    assert!(err.needs_sign_in());
    assert!(!poller.is_done());
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let LroOutcome::Failed { error } = outcome else { panic!("{outcome:?}") };
    assert!(error.has_code("AuthorizationFailed") && !error.needs_sign_in());
}

#[test]
fn an_app_driving_poll_once_gets_the_same_budget_aware_wait() {
    use anf_core::arm::lro::next_poll_wait;
    use anf_core::arm::RateLimitBudget;
    let t = RecordingTransport::new()
        .with(accepted().with_header("x-ms-ratelimit-remaining-subscription-reads", "200"))
        .with(
            status("InProgress")
                .with_header("Retry-After", "0")
                .with_header("x-ms-ratelimit-remaining-subscription-reads", "0"),
        );
    let client = Client::new(t);
    let clock = FakeClock::at(START);
    let mut poller = block_on(client.perform_replication_transfer(&vol(), clock.now())).unwrap();
    // A comfortable budget: the poller's own Retry-After (5 s) decides.
    assert_eq!(client.next_poll_wait(&poller, clock.now()), Some(secs(5)));
    clock.advance(secs(5));
    block_on(client.poll_once(&mut poller, clock.now())).unwrap();
    // Retry-After says 0, but the read bucket is empty: wait for it to refill.
    assert_eq!(client.next_poll_wait(&poller, clock.now()), Some(secs(1)));
    // The same rule as a pure function, for an app that keeps its own budget.
    assert_eq!(next_poll_wait(&poller, &RateLimitBudget::default(), clock.now()), Some(secs(0)));
    let mut plenty = RateLimitBudget::default();
    plenty.remaining.insert("subscription-reads".into(), 200);
    assert_eq!(next_poll_wait(&poller, &plenty, clock.now().plus(secs(3))), Some(secs(0)));
}
