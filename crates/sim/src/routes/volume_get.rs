//! `GET` a volume.

use super::{netapp_api, require_volume, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, Handled};

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    let api = netapp_api(req)?;
    let k = require_volume(engine, n)?;
    let body = engine.volume_json(&k, api).unwrap_or_default();
    Ok(json_response(200, &body))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A25, A26};

    #[test]
    fn shows_setup_status_only_in_2026_04_01() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let v26 = json_of(&k.get(&format!("{path}?api-version={A26}")));
        let rep = &v26["properties"]["dataProtection"]["replication"];
        assert_eq!(rep["externalReplicationSetupStatus"], "ClusterPeerRequired");
        assert_eq!(rep["endpointType"], "dst");
        assert_eq!(rep["replicationSchedule"], "hourly");
        assert_eq!(v26["properties"]["volumeType"], "Migration");
        assert_eq!(v26["properties"]["provisioningState"], "Succeeded");
        let v25 = json_of(&k.get(&format!("{path}?api-version={A25}")));
        assert!(v25["properties"]["dataProtection"]["replication"]
            .get("externalReplicationSetupStatus")
            .is_none());
        assert!(v25["properties"]["mountTargets"][0]["ipAddress"].is_string());
    }

    #[test]
    fn missing_volume_is_resource_not_found() {
        let mut k = Kit::new();
        let r = k.get(&format!("{}?api-version={A26}", k.volume_path("nope")));
        assert_eq!((r.status, code(&r)), (404, "ResourceNotFound".into()));
        assert!(json_of(&r)["error"]["message"].as_str().unwrap().contains("volumes/nope"));
    }

    #[test]
    fn bad_api_version_is_refused() {
        let mut k = Kit::new();
        let r = k.get(&k.volume_path("x"));
        assert_eq!(code(&r), "MissingApiVersionParameter");
    }
}
