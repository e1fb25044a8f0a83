//! `GET .../replicationStatus`: health, mirror state, relationship status, bytes transferred and
//! the last transfer error. Computed from the clock, so it costs the same with many volumes.

use super::{netapp_api, only, require_volume, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, ApiError, Handled};
use anf_core::transport::Method;
use serde_json::json;

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    let k = require_volume(engine, n)?;
    let m = engine.world().volumes[&k].migration.as_ref().ok_or_else(|| {
        ApiError::conflict("VolumeReplicationMissing", "The volume has no replication: it is not a migration volume (or the migration was finalized).")
    })?;
    let body = match &m.relationship {
        None => {
            json!({ "healthy": true, "relationshipStatus": "Idle", "mirrorState": "Uninitialized", "totalProgress": "0", "errorMessage": "" })
        }
        Some(r) => json!({
            "healthy": r.healthy(),
            "relationshipStatus": r.status(),
            "mirrorState": r.mirror.as_str(),
            "totalProgress": r.total_progress(engine.now()).to_string(),
            "errorMessage": r.last_error.clone().unwrap_or_default(),
        }),
    };
    Ok(json_response(200, &body))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, Kit, A26};

    #[test]
    fn reports_uninitialized_before_the_relationship_and_progress_after() {
        let mut k = Kit::new();
        let path = k.create_migration("mig0", "vol_scratch", 60, A26);
        let s = k.status(&path);
        assert_eq!(
            (s["mirrorState"].as_str(), s["totalProgress"].as_str()),
            (Some("Uninitialized"), Some("0"))
        );
        let path = k.migrate_until_replicating("mig1", "vol_home", 60);
        k.wait(10);
        let s = k.status(&path);
        assert_eq!(s["relationshipStatus"], "Transferring");
        assert!(s["totalProgress"].as_str().unwrap().parse::<u64>().unwrap() > 0);
        assert_eq!(s["healthy"], true);
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        assert_eq!(
            k.get(&format!("{}/replicationStatus?api-version={A26}", k.volume_path("x"))).status,
            404
        );
    }

    #[test]
    fn invalid_method_or_version() {
        let mut k = Kit::new();
        let path = k.create_migration("mig0", "vol_scratch", 60, A26);
        assert_eq!(
            k.post(&format!("{path}/replicationStatus?api-version={A26}"), None).status,
            405
        );
        assert_eq!(k.get(&format!("{path}/replicationStatus?api-version=x")).status, 400);
    }

    #[test]
    fn regular_volume_has_no_replication() {
        let mut k = Kit::new();
        let path = k.volume_path("plain");
        let mut body = k.migration_body("plain", "vol_home", 60);
        body["properties"].as_object_mut().unwrap().remove("volumeType");
        let r = k.put(&format!("{path}?api-version={A26}"), body);
        k.finish(&r);
        let r = k.get(&format!("{path}/replicationStatus?api-version={A26}"));
        assert_eq!((r.status, code(&r)), (409, "VolumeReplicationMissing".into()));
    }
}
