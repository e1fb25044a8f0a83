//! Client behaviour beyond single requests: paging, errors, settings, budget.

use anf_core::api_version::ApiVersion;
use anf_core::arm::{Client, ClientError, ClientSettings, DEFAULT_ENDPOINT};
use anf_core::ids::{PoolId, SubscriptionId, VirtualNetworkId};
use anf_core::models::{MigrationVolumeSpec, RemotePath, ReplicationSchedule, ServiceLevel};
use anf_core::testing::{block_on, RecordingTransport};
use anf_core::time::Timestamp;
use anf_core::transport::{ArmResponse, TransportError};
use serde_json::json;

fn pool() -> PoolId {
    PoolId::parse("/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p").unwrap()
}

#[test]
fn defaults_are_public_cloud_and_2026_04_01() {
    let c = Client::new(RecordingTransport::new());
    assert_eq!(c.settings().endpoint, DEFAULT_ENDPOINT);
    assert_eq!(c.api_version(), ApiVersion::V2026_04_01);
}

#[test]
fn paging_follows_next_link_and_keeps_the_api_version() {
    let t = RecordingTransport::new()
        .with(ArmResponse::new(200, json!({"value": [{"name": "a/p/v1"}], "nextLink": "https://arm.example/x?$skipToken=2"}).to_string()))
        .with(ArmResponse::new(200, json!({"value": [{"name": "a/p/v2"}], "nextLink": "https://arm.example/x?$skipToken=3&api-version=2025-12-01"}).to_string()))
        .with(ArmResponse::new(200, json!({"value": [{"name": "a/p/v3"}], "nextLink": ""}).to_string()));
    let settings = ClientSettings {
        endpoint: "https://arm.example/".into(),
        api_version: ApiVersion::V2025_12_01,
    };
    let client = Client::with_settings(t, settings);
    let vols = block_on(client.list_volumes(&pool())).unwrap();
    let names: Vec<_> = vols.iter().filter_map(|v| v.short_name()).collect();
    assert_eq!(names, ["v1", "v2", "v3"]);
    let urls: Vec<_> = client.transport().requests().into_iter().map(|r| r.url).collect();
    assert_eq!(urls, [
        "https://arm.example/subscriptions/s/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes?api-version=2025-12-01",
        "https://arm.example/x?$skipToken=2&api-version=2025-12-01",
        "https://arm.example/x?$skipToken=3&api-version=2025-12-01",
    ]);
}

#[test]
fn a_repeating_next_link_is_an_error_not_a_loop() {
    let page = json!({"value": [], "nextLink": "https://arm.example/same?api-version=2026-04-01"})
        .to_string();
    let t = RecordingTransport::new()
        .with(ArmResponse::new(200, page.clone()))
        .with(ArmResponse::new(200, page.clone()))
        .with(ArmResponse::new(200, page));
    let client = Client::new(t);
    let err = block_on(client.list_subscriptions()).unwrap_err();
    assert!(matches!(err, ClientError::Decode { .. }), "{err:?}");
}

#[test]
fn errors_keep_status_code_and_ids() {
    let t = RecordingTransport::new().with(
        ArmResponse::new(403, json!({"error": {"code": "AuthorizationFailed", "message": "The client does not have authorization"}}).to_string())
            .with_header("x-ms-request-id", "rq")
            .with_header("x-ms-correlation-request-id", "co"),
    );
    let client = Client::new(t);
    let err = block_on(client.get_migration_feature(&SubscriptionId::new("s"))).unwrap_err();
    let e = err.arm().unwrap();
    assert_eq!(
        (e.status, e.code.as_deref(), e.request_id.as_deref()),
        (403, Some("AuthorizationFailed"), Some("rq"))
    );
    assert!(err.user_message().starts_with("You do not have permission"));

    let t = RecordingTransport::new();
    t.push_error(TransportError::Network("dns".into()));
    let err = block_on(Client::new(t).list_tenants()).unwrap_err();
    assert!(matches!(err, ClientError::Transport(_)));

    let t = RecordingTransport::new().with(ArmResponse::new(200, "<html>login</html>"));
    let err = block_on(Client::new(t).replication_status(&pool().volume("v"))).unwrap_err();
    assert!(matches!(err, ClientError::Decode { .. }));
}

#[test]
fn the_budget_is_read_from_every_response() {
    let t = RecordingTransport::new().with(
        ArmResponse::new(200, json!({"value": []}).to_string())
            .with_header("x-ms-ratelimit-remaining-subscription-reads", "11999"),
    );
    let client = Client::new(t);
    assert!(client.budget().is_empty());
    block_on(client.list_pools(&pool().account_id())).unwrap();
    assert_eq!(client.budget().get("subscription-reads"), Some(11999));
}

#[test]
fn the_migration_volume_body_has_what_the_migration_assistant_needs() {
    let spec = MigrationVolumeSpec {
        location: "westeurope".into(),
        creation_token: "app01".into(),
        usage_threshold: 600 << 30,
        subnet_id: "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/anf".into(),
        service_level: ServiceLevel::Premium,
        protocol_types: vec!["NFSv3".into()],
        is_large_volume: false,
        replication_schedule: ReplicationSchedule::Hourly,
        remote_path: RemotePath { external_host_name: "cl1".into(), server_name: "svm1".into(), volume_name: "vol1".into() },
        export_policy: None,
        options: Default::default(),
    };
    let t = RecordingTransport::new().with(ArmResponse::new(200, "{}"));
    let client = Client::new(t);
    block_on(client.create_migration_volume(&pool().volume("app01"), &spec, Timestamp(0))).unwrap();
    let req = client.transport().last_request().unwrap();
    assert_eq!(req.method, anf_core::transport::Method::Put);
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        req.body.unwrap(),
        json!({"location": "westeurope", "properties": {
            "creationToken": "app01", "usageThreshold": 644245094400u64,
            "subnetId": "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/anf",
            "serviceLevel": "Premium", "volumeType": "Migration", "protocolTypes": ["NFSv3"],
            "networkFeatures": "Standard", "isLargeVolume": false,
            "dataProtection": {"replication": {"endpointType": "dst", "replicationSchedule": "hourly",
                "remotePath": {"externalHostName": "cl1", "serverName": "svm1", "volumeName": "vol1"}}}}})
    );
}

#[test]
fn subnet_usage_gives_free_ips() {
    let t = RecordingTransport::new().with(ArmResponse::new(
        200,
        json!({"value": [{"id": "/x/subnets/anf", "currentValue": 4.0, "limit": 11.0, "name": {"value": "SubnetSpace"}, "unit": "Count"},
                          {"id": "/x/subnets/full", "currentValue": 12, "limit": 11, "name": {"value": "SubnetSpace"}, "unit": "Count"}]}).to_string(),
    ));
    let client = Client::new(t);
    let vnet = VirtualNetworkId::parse(
        "/subscriptions/s/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v",
    )
    .unwrap();
    let usages = block_on(client.list_virtual_network_usages(&vnet)).unwrap();
    let free: Vec<_> = usages.iter().filter_map(|u| u.subnet_usage()).map(|u| u.free).collect();
    assert_eq!(free, [7, 0]);
}
