//! `POST .../breakReplication` with optional `{"forceBreakReplication": bool}`: the volume
//! becomes read-write (mirror state Broken). Refused while transferring unless forced.

use super::{netapp_api, only, replication_target, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{empty, ApiError, Handled};
use crate::model::replication::MirrorState;
use anf_core::transport::Method;
use serde_json::Value;

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    let api = netapp_api(req)?;
    let force = match req.body.and_then(|b| b.get("forceBreakReplication")) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(ApiError::invalid(
                "forceBreakReplication",
                "forceBreakReplication must be a boolean.",
            ))
        }
    };
    let (k, rel) = replication_target(engine, n)?;
    if rel.mirror == MirrorState::Broken {
        // Already broken: nothing to do, as the spec's 200 allows.
        return Ok(empty(200));
    }
    if rel.transfer.is_some() && !force {
        return Err(ApiError::transfer_in_progress());
    }
    let op = engine.start_op(OpKind::BreakReplication { force }, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::LocationOnly, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};
    use serde_json::json;

    #[test]
    fn breaks_to_broken_and_again_is_ok() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        k.wait(60);
        let r = k.post(
            &format!("{path}/breakReplication?api-version={A26}"),
            Some(json!({ "forceBreakReplication": false })),
        );
        assert_eq!(r.status, 202);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        assert_eq!(k.status(&path)["mirrorState"], "Broken");
        assert_eq!(k.post(&format!("{path}/breakReplication?api-version={A26}"), None).status, 200);
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        assert_eq!(
            k.post(&format!("{}/breakReplication?api-version={A26}", k.volume_path("x")), None)
                .status,
            404
        );
    }

    #[test]
    fn force_must_be_boolean() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_scratch", 60);
        let r = k.post(
            &format!("{path}/breakReplication?api-version={A26}"),
            Some(json!({ "forceBreakReplication": "yes" })),
        );
        assert_eq!(json_of(&r)["error"]["target"], "forceBreakReplication");
    }

    #[test]
    fn transferring_needs_force() {
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_home", 60);
        let r = k.post(&format!("{path}/breakReplication?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (409, "ReplicationTransferInProgress".into()));
        let r = k.post(
            &format!("{path}/breakReplication?api-version={A26}"),
            Some(json!({ "forceBreakReplication": true })),
        );
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        let s = k.status(&path);
        assert_eq!(
            (s["mirrorState"].as_str(), s["relationshipStatus"].as_str()),
            (Some("Broken"), Some("Idle"))
        );
    }

    #[test]
    fn an_explicit_false_is_no_force_and_force_is_a_boolean_at_either_api_version() {
        use crate::testkit::A25;
        let mut k = Kit::new();
        let path = k.migrate_until_replicating("mig1", "vol_home", 60);
        for api in [A25, A26] {
            let r = k.post(
                &format!("{path}/breakReplication?api-version={api}"),
                Some(json!({ "forceBreakReplication": false })),
            );
            assert_eq!((r.status, code(&r)), (409, "ReplicationTransferInProgress".into()));
            assert_eq!(json_of(&r)["error"]["target"], "forceBreakReplication");
        }
        assert_eq!(k.status(&path)["relationshipStatus"], "Transferring");
        let r = k.post(
            &format!("{path}/breakReplication?api-version={A25}"),
            Some(json!({ "forceBreakReplication": true })),
        );
        assert_eq!(r.status, 202);
        assert_eq!(k.finish(&r)["status"], "Succeeded");
        assert_eq!(k.status(&path)["mirrorState"], "Broken");
    }
}
