//! Creating a volume never rewrites another one: the PUT carries `If-None-Match: *`, ARM's 412
//! says the name is taken, and a 412 caused by this very create (its first answer lost, the
//! retry layer sending it again) follows the volume being created instead of failing.

use anf_core::arm::retry::RetryTransport;
use anf_core::arm::{Client, ClientError, LroOutcome};
use anf_core::ids::{PoolId, VolumeId};
use anf_core::models::{
    MigrationVolumeSpec, RemotePath, ReplicationSchedule, ServiceLevel, Volume,
};
use anf_core::testing::{block_on, FakeClock, FakeEnv, RecordingTransport};
use anf_core::time::Timestamp;
use anf_core::transport::{ArmResponse, Method, TransportError};
use serde_json::json;

const START: Timestamp = Timestamp::from_secs(1_800_000_000);
const SUBNET: &str =
    "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/anf";

fn pool() -> PoolId {
    PoolId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p").unwrap()
}

fn id() -> VolumeId {
    pool().volume("app01")
}

fn spec(source_volume: &str) -> MigrationVolumeSpec {
    MigrationVolumeSpec {
        location: "westeurope".into(),
        creation_token: "app01".into(),
        usage_threshold: 600 << 30,
        subnet_id: SUBNET.into(),
        service_level: ServiceLevel::Premium,
        protocol_types: vec!["NFSv3".into()],
        is_large_volume: false,
        replication_schedule: ReplicationSchedule::Hourly,
        remote_path: RemotePath {
            external_host_name: "cl1".into(),
            server_name: "svm1".into(),
            volume_name: source_volume.into(),
        },
        export_policy: None,
        options: Default::default(),
    }
}

/// The volume as a GET shows it, made from `spec` and in `state`.
fn existing(spec: &MigrationVolumeSpec, state: &str) -> ArmResponse {
    let mut v = serde_json::to_value(spec.to_volume()).unwrap();
    v["id"] = json!(id().to_string());
    v["properties"]["provisioningState"] = json!(state);
    ArmResponse::new(200, v.to_string())
}

fn precondition_failed() -> ArmResponse {
    ArmResponse::new(
        412,
        json!({"error": {"code": "PreconditionFailed", "message": "The condition specified using HTTP conditional header(s) is not met."}}).to_string(),
    )
    .with_header("x-ms-request-id", "r-412")
}

#[test]
fn the_create_is_conditional_and_a_taken_name_says_so() {
    let t = RecordingTransport::new()
        .with(precondition_failed())
        .with(existing(&spec("some_other_volume"), "Succeeded"));
    let client = Client::new(t);
    let err = block_on(client.create_migration_volume(&id(), &spec("vol1"), START)).unwrap_err();
    let requests = client.transport().requests();
    assert_eq!(requests[0].method, Method::Put);
    assert_eq!(requests[0].header("if-none-match"), Some("*"));
    assert_eq!(requests.iter().filter(|r| r.method == Method::Put).count(), 1);
    let ClientError::Arm(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code.as_deref()), (412, Some("PreconditionFailed")));
    let m = err.user_message();
    assert!(
        m.contains(
            r#"A volume named "app01" already exists in capacity pool "p". Choose another name."#
        ),
        "{m}"
    );
    assert!(m.contains("request id r-412"), "{m}");
}

#[test]
fn a_finished_volume_with_the_same_source_is_still_a_taken_name() {
    // It may be an older migration of the same volume: the user decides, the console does not.
    let t = RecordingTransport::new()
        .with(precondition_failed())
        .with(existing(&spec("vol1"), "Succeeded"));
    let client = Client::new(t);
    let err = block_on(client.create_migration_volume(&id(), &spec("vol1"), START)).unwrap_err();
    assert_eq!(err.status(), Some(412));
    assert!(err.user_message().contains("Choose another name"));
}

#[test]
fn a_412_from_this_create_sent_again_follows_the_volume_being_created() {
    // The first PUT went through but its answer was lost; the retry layer sent it again.
    let t = RecordingTransport::new();
    t.push_error(TransportError::Network("connection reset".into()));
    t.push(precondition_failed());
    t.push(existing(&spec("vol1"), "Creating"));
    t.push(existing(&spec("vol1"), "Succeeded"));
    let clock = FakeClock::at(START);
    let env = FakeEnv { clock: clock.clone(), jitter: 0.5 };
    let client = Client::new(RetryTransport::new(t, env));
    let mut poller = block_on(client.create_migration_volume(&id(), &spec("vol1"), clock.now()))
        .expect("the create in flight is followed");
    assert!(!poller.is_done());
    let outcome = block_on(client.wait(&mut poller, |d| clock.sleep(d), || clock.now())).unwrap();
    let LroOutcome::Succeeded { result: Some(v) } = outcome else { panic!("{outcome:?}") };
    assert_eq!(v["properties"]["provisioningState"], "Succeeded");
    let requests = client.transport().inner().requests();
    let methods: Vec<_> = requests.iter().map(|r| r.method).collect();
    assert_eq!(methods, [Method::Put, Method::Put, Method::Get, Method::Get]);
}

#[test]
fn create_or_update_stays_unconditional() {
    let t = RecordingTransport::new().with(existing(&spec("vol1"), "Succeeded"));
    let client = Client::new(t);
    block_on(client.create_or_update_volume(&id(), &Volume::default(), START)).unwrap();
    assert_eq!(client.transport().last_request().unwrap().header("if-none-match"), None);
}
