//! `POST .../listReplications` (not a long-running operation): the volume's replications.

use super::{netapp_api, only, require_volume, Names, Req};
use crate::api::ApiVersion;
use crate::engine::Engine;
use crate::http::{json_response, ApiError, Handled};
use crate::timefmt::iso8601;
use anf_core::time::Timestamp;
use anf_core::transport::Method;
use serde_json::{json, Value};

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    let api = netapp_api(req)?;
    let mut exclude_deleted = false;
    if let Some(ex) = req.body.and_then(|b| b.get("exclude")) {
        match ex.as_str() {
            Some(s) if s.eq_ignore_ascii_case("None") => {}
            Some(s) if s.eq_ignore_ascii_case("Deleted") => exclude_deleted = true,
            _ => return Err(ApiError::invalid("exclude", "exclude must be None or Deleted.")),
        }
    }
    let k = require_volume(engine, n)?;
    let v = &engine.world().volumes[&k];
    let items: Vec<Value> = v
        .migration
        .as_ref()
        .and_then(|m| m.relationship.as_ref().map(|r| (m, r)))
        .filter(|(_, r)| !(exclude_deleted && r.deleted_at.is_some()))
        .map(|(m, r)| {
            let mut item = json!({
                "replicationId": m.replication_id,
                "endpointType": "dst",
                "replicationSchedule": m.schedule.as_str(),
                "mirrorState": r.mirror.as_str(),
                "replicationCreationTime": iso8601(Timestamp(r.created_at)),
            });
            if let Some(d) = r.deleted_at {
                item["replicationDeletionTime"] = json!(iso8601(Timestamp(d)));
            }
            // Required in 2025-12-01's schema; an external source has no Azure resource id.
            if api == ApiVersion::V2025_12_01 {
                item["remoteVolumeResourceId"] = json!("");
            }
            item
        })
        .into_iter()
        .collect();
    Ok(json_response(200, &json!({ "value": items })))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A25, A26};
    use serde_json::json;

    #[test]
    fn lists_the_relationship_once_created() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_scratch", 60, A26);
        let v = json_of(&k.post(&format!("{path}/listReplications?api-version={A26}"), None));
        assert_eq!(v["value"].as_array().unwrap().len(), 0);
        let path = k.migrate_until_replicating("mig2", "vol_home", 60);
        let r = k.post(
            &format!("{path}/listReplications?api-version={A25}"),
            Some(json!({ "exclude": "None" })),
        );
        assert_eq!(r.status, 200);
        let v = json_of(&r);
        assert_eq!(v["value"][0]["mirrorState"], "Uninitialized");
        assert_eq!(v["value"][0]["endpointType"], "dst");
        assert_eq!(v["value"][0]["remoteVolumeResourceId"], "");
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        let r = k.post(&format!("{}/listReplications?api-version={A26}", k.volume_path("x")), None);
        assert_eq!((r.status, code(&r)), (404, "ResourceNotFound".into()));
    }

    #[test]
    fn invalid_exclude_and_method() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_scratch", 60, A26);
        let r = k.post(
            &format!("{path}/listReplications?api-version={A26}"),
            Some(json!({ "exclude": "All" })),
        );
        assert_eq!(json_of(&r)["error"]["target"], "exclude");
        assert_eq!(k.get(&format!("{path}/listReplications?api-version={A26}")).status, 405);
    }
}
