//! `POST .../authorizeExternalReplication`: starts SVM peering; the status `properties` carry the
//! `svmPeeringCommand` to run on the source.

use super::{netapp_api, only, require_idle_migration, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use crate::model::key;
use crate::model::network::PeerState;
use anf_core::transport::Method;

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    let api = netapp_api(req)?;
    let k = require_idle_migration(engine, n)?;
    let v = &engine.world().volumes[&k];
    let m = v.migration.as_ref().ok_or_else(ApiError::not_migration_volume)?;
    let ckey = m.cluster.clone().unwrap_or_else(|| key(&m.remote.external_host_name));
    let peered = v
        .backend
        .as_deref()
        .and_then(|b| engine.world().backends.get(&key(b)))
        .is_some_and(|b| matches!(b.peers.get(&ckey), Some(PeerState::Peered { .. })));
    if !peered {
        return Err(ApiError::cluster_not_peered(&m.remote.external_host_name));
    }
    let op = engine.start_op(OpKind::AuthorizeExternalReplication, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::AsyncAndLocation, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A25, A26};

    #[test]
    fn returns_the_svm_peering_command() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let p = k.peer(&path, A26);
        k.accept_peering(&p);
        let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A25}"), None);
        assert_eq!(r.status, 202);
        let loc = r
            .header("Location")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        let done = k.finish(&r);
        assert_eq!(
            done["properties"]["svmPeeringCommand"],
            "vserver peer accept -vserver svm_nfs -peer-vserver anf_svm_01"
        );
        assert_eq!(
            json_of(&k.get(&loc))["properties"]["svmPeeringCommand"],
            done["properties"]["svmPeeringCommand"]
        );
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        assert_eq!(
            k.post(
                &format!("{}/authorizeExternalReplication?api-version={A26}", k.volume_path("x")),
                None
            )
            .status,
            404
        );
    }

    #[test]
    fn needs_a_migration_volume() {
        let mut k = Kit::new();
        let path = k.volume_path("plain");
        let mut body = k.migration_body("plain", "vol_home", 60);
        body["properties"].as_object_mut().unwrap().remove("volumeType");
        let r = k.put(&format!("{path}?api-version={A26}"), body);
        k.finish(&r);
        let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (400, "VolumeIsNotMigrationVolume".into()));
    }

    #[test]
    fn conflicts_before_the_cluster_is_peered() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
        assert_eq!((r.status, code(&r)), (409, "ExternalClusterNotPeered".into()));
    }
}
