//! The JSON shapes against the spec's schemas (field names per api-version), so a client that
//! reads a wrong name fails here rather than against Azure.

use crate::testkit::{json_of, Kit, A25, A26};
use serde_json::Value;
use std::collections::BTreeSet;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

#[test]
fn replication_status_has_exactly_the_spec_fields() {
    let mut k = Kit::new();
    let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
    let s = k.status(&path);
    assert_eq!(
        keys(&s),
        set(&["healthy", "relationshipStatus", "mirrorState", "totalProgress", "errorMessage"])
    );
    assert!(s["totalProgress"].is_string() && s["healthy"].is_boolean());
}

#[test]
fn volume_replication_fields_differ_by_api_version() {
    let mut k = Kit::new();
    let path = k.create_migration("mig1", "vol_home", 60, A26);
    let base = ["replicationId", "endpointType", "replicationSchedule", "remotePath"];
    let v25 = json_of(&k.get(&format!("{path}?api-version={A25}")));
    assert_eq!(keys(&v25["properties"]["dataProtection"]["replication"]), set(&base));
    let v26 = json_of(&k.get(&format!("{path}?api-version={A26}")));
    let mut with_status = base.to_vec();
    with_status.extend([
        "externalReplicationSetupStatus",
        "externalReplicationSetupInfo",
        "mirrorState",
        "relationshipStatus",
    ]);
    assert_eq!(keys(&v26["properties"]["dataProtection"]["replication"]), set(&with_status));
    assert_eq!(
        keys(&v26["properties"]["dataProtection"]["replication"]["remotePath"]),
        set(&["externalHostName", "serverName", "volumeName"])
    );
    assert_eq!(keys(&v26), set(&["id", "name", "type", "location", "properties"]));
    for f in [
        "creationToken",
        "usageThreshold",
        "subnetId",
        "serviceLevel",
        "networkFeatures",
        "provisioningState",
        "fileSystemId",
        "volumeType",
        "isLargeVolume",
        "protocolTypes",
        "exportPolicy",
    ] {
        assert!(v26["properties"].get(f).is_some(), "{f}");
    }
}

#[test]
fn operation_status_and_peer_results_follow_arm_and_the_spec() {
    let mut k = Kit::new();
    let path = k.create_migration("mig1", "vol_home", 60, A26);
    let s = k.peer(&path, A26);
    assert_eq!(
        keys(&s),
        set(&["id", "name", "status", "startTime", "endTime", "percentComplete", "properties"])
    );
    assert_eq!(keys(&s["properties"]), set(&["clusterPeeringCommand", "passphrase"]));
    assert!(s["id"]
        .as_str()
        .unwrap()
        .contains("/providers/Microsoft.NetApp/locations/eastus/operationResults/"));
    let s25 = {
        let body = serde_json::json!({ "peerIpAddresses": k.scope.intercluster_addresses });
        let r = k.post(&format!("{path}/peerExternalCluster?api-version={A25}"), Some(body));
        k.finish(&r)
    };
    assert_eq!(keys(&s25["properties"]), set(&["peerAcceptCommand", "passphrase"]));
}

#[test]
fn list_replication_items_follow_the_schema() {
    let mut k = Kit::new();
    let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
    let v26 = json_of(&k.post(&format!("{path}/listReplications?api-version={A26}"), None));
    assert_eq!(keys(&v26), set(&["value"]));
    assert_eq!(
        keys(&v26["value"][0]),
        set(&[
            "replicationId",
            "endpointType",
            "replicationSchedule",
            "mirrorState",
            "replicationCreationTime"
        ])
    );
    let v25 = json_of(&k.post(&format!("{path}/listReplications?api-version={A25}"), None));
    assert!(v25["value"][0].get("remoteVolumeResourceId").is_some(), "required in 2025-12-01");
}
