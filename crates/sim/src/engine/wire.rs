//! Resources as ARM's JSON, per api-version.

use crate::api::ApiVersion;
use crate::engine::migration::setup_status::setup_status;
use crate::engine::Engine;
use crate::model::key;
use crate::model::netapp::{Account, Pool, Volume};
use crate::model::world::World;
use serde_json::{json, Value};

/// A NetApp account.
#[must_use]
pub fn account_json(a: &Account) -> Value {
    json!({
        "id": a.id,
        "name": a.name,
        "type": "Microsoft.NetApp/netAppAccounts",
        "location": a.location,
        "properties": { "provisioningState": "Succeeded", "encryption": { "keySource": "Microsoft.NetApp" } }
    })
}

/// A capacity pool.
#[must_use]
pub fn pool_json(p: &Pool) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "type": "Microsoft.NetApp/netAppAccounts/capacityPools",
        "location": p.location,
        "properties": {
            "poolId": p.pool_id,
            "provisioningState": "Succeeded",
            "qosType": p.qos_type(),
            "serviceLevel": p.service_level,
            "size": p.size,
            "totalThroughputMibps": p.total_throughput_mibps(),
            "coolAccess": false,
            "encryptionType": "Single"
        }
    })
}

/// A volume.
#[must_use]
pub fn volume_json(world: &World, v: &Volume, api: ApiVersion) -> Value {
    let mut props = json!({
        "fileSystemId": v.file_system_id,
        "creationToken": v.creation_token,
        "serviceLevel": v.service_level,
        "usageThreshold": v.usage_threshold,
        "subnetId": v.subnet_id,
        "networkFeatures": v.network_features,
        "effectiveNetworkFeatures": v.network_features,
        "protocolTypes": v.protocol_types,
        "exportPolicy": { "rules": v.export_rules },
        "isLargeVolume": v.is_large_volume,
        "provisioningState": v.provisioning_state,
        "encryptionKeySource": "Microsoft.NetApp",
        "snapshotDirectoryVisible": true,
    });
    v.extras.write_wire(&mut props);
    if let Some(b) = v.backend.as_deref().and_then(|b| world.backends.get(&key(b))) {
        props["mountTargets"] = json!([{
            "mountTargetId": v.file_system_id,
            "fileSystemId": v.file_system_id,
            "ipAddress": b.data_ip,
        }]);
    }
    if let Some(m) = &v.migration {
        props["volumeType"] = json!("Migration");
        let mut rep = json!({
            "replicationId": m.replication_id,
            "endpointType": "dst",
            "replicationSchedule": m.schedule.as_str(),
            "remotePath": {
                "externalHostName": m.remote.external_host_name,
                "serverName": m.remote.server_name,
                "volumeName": m.remote.volume_name,
            },
        });
        if api.has_setup_status() {
            if let Some((status, info)) = setup_status(world, v) {
                rep["externalReplicationSetupStatus"] = json!(status);
                rep["externalReplicationSetupInfo"] = json!(info);
            }
            let (mirror, rel_status) = m
                .relationship
                .as_ref()
                .map_or(("Uninitialized", "Idle"), |r| (r.mirror.as_str(), r.status()));
            rep["mirrorState"] = json!(mirror);
            rep["relationshipStatus"] = json!(rel_status);
        }
        props["dataProtection"] = json!({ "replication": rep });
    }
    let mut out = json!({
        "id": v.id,
        "name": v.name,
        "type": "Microsoft.NetApp/netAppAccounts/capacityPools/volumes",
        "location": v.location,
        "properties": props,
    });
    if v.tags.is_object() {
        out["tags"] = v.tags.clone();
    }
    out
}

impl Engine {
    /// A volume's JSON by key.
    pub(crate) fn volume_json(&self, vkey: &str, api: ApiVersion) -> Option<Value> {
        self.world.volumes.get(vkey).map(|v| volume_json(&self.world, v, api))
    }
}
