//! `POST .../performReplicationTransfer`: an incremental transfer now (202, `Location`); the
//! operation ends when the transfer does.

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
    if rel.released {
        return Err(ApiError::released_on_source());
    }
    if rel.mirror == MirrorState::Broken {
        return Err(ApiError::conflict(
            "ReplicationBroken",
            "The replication is broken: resync it before transferring.",
        ));
    }
    if rel.transfer.is_some() {
        return Err(ApiError::conflict(
            "ReplicationTransferInProgress",
            "A transfer is already in progress.",
        ));
    }
    let op = engine.start_op(OpKind::PerformReplicationTransfer, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::LocationOnly, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, Kit, A26, GIB};

    #[test]
    fn runs_an_incremental_now() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60);
        let before = k.status(&path)["totalProgress"].as_str().unwrap().parse::<u64>().unwrap();
        assert_eq!(before, 3 * GIB);
        let r = k.post(&format!("{path}/performReplicationTransfer?api-version={A26}"), None);
        assert_eq!(r.status, 202);
        assert!(r.header("Azure-AsyncOperation").is_none() && r.header("Location").is_some());
        assert_eq!(k.status(&path)["relationshipStatus"], "Idle");
        k.wait(3);
        assert_eq!(k.status(&path)["relationshipStatus"], "Transferring");
        let done = k.finish(&r);
        assert_eq!(done["status"], "Succeeded");
        let after = k.status(&path)["totalProgress"].as_str().unwrap().parse::<u64>().unwrap();
        assert!(after > before, "{after} > {before}");
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        assert_eq!(
            k.post(
                &format!("{}/performReplicationTransfer?api-version={A26}", k.volume_path("x")),
                None
            )
            .status,
            404
        );
    }

    #[test]
    fn needs_a_replication() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let r = k.post(&format!("{path}/performReplicationTransfer?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (409, "ReplicationNotCreated".into()));
        let r = k.post(&format!("{path}/performReplicationTransfer?api-version=2020-01-01"), None);
        assert_eq!(r.status, 400);
    }

    #[test]
    fn conflicts_while_the_baseline_runs() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_home", 60);
        let r = k.post(&format!("{path}/performReplicationTransfer?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (409, "ReplicationTransferInProgress".into()));
    }
}
