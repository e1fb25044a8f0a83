//! `POST .../resyncReplication`: back to Mirrored after a break, discarding what was written to
//! the volume meanwhile.

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
    if rel.deleted_at.is_some() {
        return Err(ApiError::conflict(
            "ReplicationDeleted",
            "The replication was deleted; it can't be resynchronized.",
        ));
    }
    if rel.mirror != MirrorState::Broken {
        return Err(ApiError::conflict(
            "ReplicationNotBroken",
            "Only a broken replication can be resynchronized.",
        ));
    }
    let op = engine.start_op(OpKind::ResyncReplication, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::LocationOnly, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, Kit, A26};

    #[test]
    fn resyncs_a_broken_replication() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60);
        let r = k.post(&format!("{path}/breakReplication?api-version={A26}"), None);
        k.finish(&r);
        let r = k.post(&format!("{path}/resyncReplication?api-version={A26}"), None);
        assert_eq!(r.status, 202);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        assert_eq!(k.status(&path)["mirrorState"], "Mirrored");
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        assert_eq!(
            k.post(&format!("{}/resyncReplication?api-version={A26}", k.volume_path("x")), None)
                .status,
            404
        );
    }

    #[test]
    fn invalid_api_version_is_refused() {
        let mut k = Kit::new();
        assert_eq!(k.post(&format!("{}/resyncReplication", k.volume_path("x")), None).status, 400);
    }

    #[test]
    fn conflicts_unless_broken() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60);
        let r = k.post(&format!("{path}/resyncReplication?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (409, "ReplicationNotBroken".into()));
    }
}
