//! `POST .../deleteReplication` (202, `Location`): the portal's cut-over. The relationship is
//! removed (and the peering with it when no other migration uses it); the volume stays a
//! migration volume until finalized.

use super::{netapp_api, only, replication_target, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{empty, ApiError, Handled};
use crate::model::replication::MirrorState;
use anf_core::transport::Method;

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    let api = netapp_api(req)?;
    let (k, rel) = replication_target(engine, n)?;
    if rel.deleted_at.is_some() {
        return Ok(empty(200));
    }
    if rel.mirror != MirrorState::Broken {
        return Err(ApiError::conflict(
            "ReplicationNotBroken",
            "Break the replication before deleting it.",
        ));
    }
    let op = engine.start_op(OpKind::DeleteReplication, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::LocationOnly, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};
    use serde_json::json;

    #[test]
    fn cut_over_removes_the_relationship_then_finalize_converts() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60);
        let r = k.post(&format!("{path}/breakReplication?api-version={A26}"), None);
        k.finish(&r);
        let r = k.post(&format!("{path}/deleteReplication?api-version={A26}"), None);
        assert_eq!(r.status, 202);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        assert!(
            k.cli("cluster peer show").contains("Unavailable"),
            "the last migration's peering goes"
        );
        let all = json_of(&k.post(&format!("{path}/listReplications?api-version={A26}"), None));
        assert!(all["value"][0]["replicationDeletionTime"].is_string());
        let live = k.post(
            &format!("{path}/listReplications?api-version={A26}"),
            Some(json!({ "exclude": "Deleted" })),
        );
        assert_eq!(json_of(&live)["value"].as_array().unwrap().len(), 0);
        let r = k.post(&format!("{path}/resyncReplication?api-version={A26}"), None);
        assert_eq!(code(&r), "ReplicationDeleted");
        let r = k.post(&format!("{path}/finalizeExternalReplication?api-version={A26}"), None);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        let r =
            k.post(&format!("{}/deleteReplication?api-version={A26}", k.volume_path("x")), None);
        assert_eq!(r.status, 404);
    }

    #[test]
    fn invalid_method_is_refused() {
        let mut k = Kit::new();
        let r = k.get(&format!("{}/deleteReplication?api-version={A26}", k.volume_path("x")));
        assert_eq!(r.status, 405);
    }

    #[test]
    fn conflicts_unless_broken() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        let r = k.post(&format!("{path}/deleteReplication?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (409, "ReplicationNotBroken".into()));
    }
}
