//! The retry driver over a scripted transport with a fake clock.

use anf_core::arm::retry::{send_with_retry, RetryPolicy, RetryTransport};
use anf_core::arm::{Client, ClientError};
use anf_core::ids::VolumeId;
use anf_core::testing::{block_on, FakeClock, FakeEnv, RecordingTransport};
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method, TransportError};
use std::time::Duration;

const URL: &str =
    "https://management.azure.com/subscriptions/s/resourcegroups?api-version=2021-04-01";

fn env() -> FakeEnv {
    FakeEnv { clock: FakeClock::at(Timestamp::from_secs(1_800_000_000)), jitter: 0.5 }
}

fn vol() -> VolumeId {
    VolumeId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/v").unwrap()
}

#[test]
fn get_is_retried_with_backoff_until_success() {
    let t = RecordingTransport::new()
        .with(ArmResponse::new(503, ""))
        .with(ArmResponse::new(502, ""))
        .with(ArmResponse::new(200, "{}"));
    let env = env();
    let policy = RetryPolicy::default();
    let r =
        block_on(send_with_retry(&t, &env, &policy, ArmRequest::new(Method::Get, URL))).unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(t.requests().len(), 3);
    // Jitter 0.5 puts each wait at 75 % of the exponential step.
    assert_eq!(env.clock.sleeps(), [policy.backoff(1, 0.5), policy.backoff(2, 0.5)]);
    assert_eq!(env.clock.sleeps()[0], Duration::from_millis(600));
}

#[test]
fn retry_after_on_429_is_honoured() {
    let t = RecordingTransport::new()
        .with(ArmResponse::new(429, "").with_header("Retry-After", "7"))
        .with(ArmResponse::new(200, "{}"));
    let env = env();
    block_on(send_with_retry(&t, &env, &RetryPolicy::default(), ArmRequest::new(Method::Put, URL)))
        .unwrap();
    assert_eq!(env.clock.sleeps(), [Duration::from_secs(7)]);
}

#[test]
fn post_is_not_retried_after_a_500_but_is_after_a_429() {
    let t =
        RecordingTransport::new().with(ArmResponse::new(500, "")).with(ArmResponse::new(200, "{}"));
    let env = env();
    let r = block_on(send_with_retry(
        &t,
        &env,
        &RetryPolicy::default(),
        ArmRequest::new(Method::Post, URL),
    ))
    .unwrap();
    assert_eq!(r.status, 500);
    assert_eq!(t.requests().len(), 1);
    assert!(env.clock.sleeps().is_empty());

    let t = RecordingTransport::new()
        .with(ArmResponse::new(429, "").with_header("Retry-After", "1"))
        .with(ArmResponse::new(200, "{}"));
    let r = block_on(send_with_retry(
        &t,
        &env,
        &RetryPolicy::default(),
        ArmRequest::new(Method::Post, URL),
    ))
    .unwrap();
    assert_eq!((r.status, t.requests().len()), (200, 2));
}

#[test]
fn post_is_not_retried_after_a_network_error() {
    let t = RecordingTransport::new();
    t.push_error(TransportError::Network("reset".into()));
    t.push(ArmResponse::new(200, "{}"));
    let r = block_on(send_with_retry(
        &t,
        &env(),
        &RetryPolicy::default(),
        ArmRequest::new(Method::Post, URL),
    ));
    assert_eq!(r, Err(TransportError::Network("reset".into())));
    assert_eq!(t.remaining(), 1);
}

#[test]
fn attempts_and_total_time_are_capped() {
    let t = RecordingTransport::new();
    for _ in 0..10 {
        t.push_error(TransportError::Network("down".into()));
    }
    let policy = RetryPolicy { max_attempts: 3, ..RetryPolicy::default() };
    let r = block_on(send_with_retry(&t, &env(), &policy, ArmRequest::new(Method::Get, URL)));
    assert!(r.is_err());
    assert_eq!(t.requests().len(), 3);

    // A Retry-After beyond the total budget is not waited for: the 429 goes to the caller.
    let t = RecordingTransport::new()
        .with(ArmResponse::new(429, "").with_header("Retry-After", "600"))
        .with(ArmResponse::new(200, "{}"));
    let env = env();
    let r = block_on(send_with_retry(
        &t,
        &env,
        &RetryPolicy::default(),
        ArmRequest::new(Method::Get, URL),
    ))
    .unwrap();
    assert_eq!(r.status, 429);
    assert!(env.clock.sleeps().is_empty());
}

#[test]
fn unauthenticated_is_never_retried() {
    let t = RecordingTransport::new();
    t.push_error(TransportError::Unauthenticated("no token".into()));
    let r = block_on(send_with_retry(
        &t,
        &env(),
        &RetryPolicy::default(),
        ArmRequest::new(Method::Get, URL),
    ));
    assert!(matches!(r, Err(TransportError::Unauthenticated(_))));
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn the_client_over_a_retry_transport_reports_the_final_error() {
    let t = RecordingTransport::new().with(ArmResponse::new(
        500,
        r#"{"error":{"code":"InternalServerError","message":"Something went wrong"}}"#,
    ));
    let client = Client::new(RetryTransport::new(t, env()));
    let err = block_on(client.peer_external_cluster(&vol(), &["10.0.0.1".into()], Timestamp(0)))
        .unwrap_err();
    let ClientError::Arm(e) = err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code.as_deref()), (500, Some("InternalServerError")));
    assert_eq!(client.transport().inner().requests().len(), 1, "a POST is sent once");

    let t = RecordingTransport::new().with(ArmResponse::new(503, "")).with(ArmResponse::new(
        200,
        r#"{"healthy":true,"mirrorState":"Mirrored","relationshipStatus":"Idle","totalProgress":"10"}"#,
    ));
    let client = Client::new(RetryTransport::new(t, env()));
    let s = block_on(client.replication_status(&vol())).unwrap();
    assert_eq!(s.total_progress_bytes(), Some(10));
    assert_eq!(client.transport().env().clock.sleeps().len(), 1);
}

#[test]
fn a_hostile_retry_after_is_capped_not_a_crash() {
    // `1e20` seconds once panicked in Duration::from_secs_f64. Capped at five minutes it is
    // longer than the policy's total budget, so the 429 goes back to the caller at once.
    let t = RecordingTransport::new()
        .with(ArmResponse::new(429, "").with_header("Retry-After", "1e20"))
        .with(ArmResponse::new(200, "{}"));
    let env = env();
    let r = block_on(send_with_retry(
        &t,
        &env,
        &RetryPolicy::default(),
        ArmRequest::new(Method::Get, URL),
    ))
    .unwrap();
    assert_eq!(r.status, 429);
    assert!(env.clock.sleeps().is_empty());

    // A policy that allows long waits waits the cap, not the century asked for.
    let t = RecordingTransport::new()
        .with(ArmResponse::new(429, "").with_header("Retry-After", "99999999999999999999999"))
        .with(ArmResponse::new(200, "{}"));
    let patient = RetryPolicy { max_total: Duration::from_secs(3600), ..RetryPolicy::default() };
    let r = block_on(send_with_retry(&t, &env, &patient, ArmRequest::new(Method::Get, URL)));
    assert_eq!(r.unwrap().status, 200);
    assert_eq!(env.clock.sleeps(), [anf_core::arm::retry_after::MAX_RETRY_AFTER]);
}
