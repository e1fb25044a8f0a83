//! `POST .../reestablishReplication` with `{"sourceVolumeId": ...}`: re-creates a deleted
//! replication between Azure NetApp Files volumes. The simulator has no ANF-to-ANF replication,
//! so after validating the request it explains that an external (migration) replication can't
//! be reestablished: peer and authorize again instead.

use super::{netapp_api, only, require_volume, Names, Req};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use crate::model::key;
use anf_core::transport::Method;

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    netapp_api(req)?;
    let k = require_volume(engine, n)?;
    let source = req
        .body
        .and_then(|b| b.get("sourceVolumeId"))
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::invalid("sourceVolumeId", "sourceVolumeId is required."))?;
    if !engine.world().volumes.contains_key(&key(source)) {
        return Err(ApiError::invalid(
            "sourceVolumeId",
            format!("Source volume '{source}' was not found."),
        ));
    }
    if let Some(op) = engine.world().volumes[&k].pending_op.clone() {
        return Err(ApiError::conflict(
            "AnotherOperationInProgress",
            format!("Operation {op} is in progress on this volume."),
        ));
    }
    Err(ApiError::new(
        400,
        "ReestablishNotSupportedForExternalReplication",
        "Only replications between Azure NetApp Files volumes can be reestablished; for a migration, peer the external cluster and authorize the replication again.",
    ))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};
    use serde_json::json;

    #[test]
    fn explains_that_external_replication_cant_be_reestablished() {
        let mut k = Kit::new();
        let a = k.create_migration("a", "vol_home", 60, A26);
        let b = k.create_migration("b", "vol_scratch", 60, A26);
        let id = json_of(&k.get(&format!("{b}?api-version={A26}")))["id"].clone();
        let r = k.post(
            &format!("{a}/reestablishReplication?api-version={A26}"),
            Some(json!({ "sourceVolumeId": id })),
        );
        assert_eq!(
            (r.status, code(&r)),
            (400, "ReestablishNotSupportedForExternalReplication".into())
        );
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        let r = k.post(
            &format!("{}/reestablishReplication?api-version={A26}", k.volume_path("x")),
            Some(json!({ "sourceVolumeId": "y" })),
        );
        assert_eq!(r.status, 404);
    }

    #[test]
    fn source_volume_id_is_required_and_must_exist() {
        let mut k = Kit::new();
        let a = k.create_migration("a", "vol_home", 60, A26);
        let r = k.post(&format!("{a}/reestablishReplication?api-version={A26}"), None);
        assert_eq!(json_of(&r)["error"]["target"], "sourceVolumeId");
        let r = k.post(
            &format!("{a}/reestablishReplication?api-version={A26}"),
            Some(json!({ "sourceVolumeId": "/nope" })),
        );
        assert_eq!(json_of(&r)["error"]["target"], "sourceVolumeId");
    }

    #[test]
    fn conflicts_with_a_running_operation() {
        let mut k = Kit::new();
        let a = k.create_migration("a", "vol_home", 60, A26);
        let id = json_of(&k.get(&format!("{a}?api-version={A26}")))["id"].clone();
        k.post(
            &format!("{a}/peerExternalCluster?api-version={A26}"),
            Some(json!({ "peerIpAddresses": ["192.168.10.21"] })),
        );
        let r = k.post(
            &format!("{a}/reestablishReplication?api-version={A26}"),
            Some(json!({ "sourceVolumeId": id })),
        );
        assert_eq!((r.status, code(&r)), (409, "AnotherOperationInProgress".into()));
    }
}
