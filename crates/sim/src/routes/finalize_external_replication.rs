//! `POST .../finalizeExternalReplication` (202, `Location`): removes the relationship, turns the
//! volume into a regular one, and removes the peering with the last migration.

use super::{netapp_api, only, replication_target, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use crate::model::replication::MirrorState;
use anf_core::transport::Method;

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    let api = netapp_api(req)?;
    let (k, rel) = replication_target(engine, n)?;
    if rel.mirror != MirrorState::Broken {
        return Err(ApiError::conflict(
            "ReplicationNotBroken",
            "Break the replication (cut over) before finalizing the migration.",
        ));
    }
    let op = engine.start_op(OpKind::FinalizeExternalReplication, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::LocationOnly, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};

    #[test]
    fn finalizes_into_a_regular_volume() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60);
        let r = k.post(&format!("{path}/breakReplication?api-version={A26}"), None);
        k.finish(&r);
        let r = k.post(&format!("{path}/finalizeExternalReplication?api-version={A26}"), None);
        assert_eq!(r.status, 202);
        assert!(r.header("Azure-AsyncOperation").is_none());
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        let v = json_of(&k.get(&format!("{path}?api-version={A26}")));
        assert!(v["properties"].get("volumeType").is_none());
        assert!(v["properties"].get("dataProtection").is_none());
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        assert_eq!(
            k.post(
                &format!("{}/finalizeExternalReplication?api-version={A26}", k.volume_path("x")),
                None
            )
            .status,
            404
        );
    }

    #[test]
    fn invalid_method_is_refused() {
        let mut k = Kit::new();
        assert_eq!(
            k.get(&format!("{}/finalizeExternalReplication?api-version={A26}", k.volume_path("x")))
                .status,
            405
        );
    }

    #[test]
    fn conflicts_before_the_break() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        let r = k.post(&format!("{path}/finalizeExternalReplication?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (409, "ReplicationNotBroken".into()));
    }
}
