//! `DELETE` a volume: 202 with `Location`; cancelling a migration cleans the peering that
//! nothing else uses.

use super::{netapp_api, require_no_pending, require_pool, require_volume, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{empty, Handled};

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    let api = netapp_api(req)?;
    require_pool(engine, n)?;
    let Ok(k) = require_volume(engine, n) else {
        // Deleting what does not exist is a success in ARM (the parent must exist).
        return Ok(empty(204));
    };
    require_no_pending(engine, &k)?;
    if let Some(v) = engine.world_mut().volumes.get_mut(&k) {
        v.provisioning_state = "Deleting".into();
    }
    let op = engine.start_op(OpKind::DeleteVolume, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::LocationOnly, &req.base))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};

    #[test]
    fn deletes_through_location_polling() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let r = k.delete(&format!("{path}?api-version={A26}"));
        assert_eq!(r.status, 202);
        assert!(r.header("Azure-AsyncOperation").is_none());
        let loc = r
            .header("Location")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        assert_eq!(k.get(&loc).status, 202);
        k.wait(20);
        assert_eq!(k.get(&loc).status, 204);
        assert_eq!(k.get(&format!("{path}?api-version={A26}")).status, 404);
    }

    #[test]
    fn deleting_a_missing_volume_is_no_content() {
        let mut k = Kit::new();
        assert_eq!(k.delete(&format!("{}?api-version={A26}", k.volume_path("nope"))).status, 204);
        let r =
            k.delete(&format!("{}/capacityPools/x/volumes/y?api-version={A26}", k.account_path()));
        assert_eq!(r.status, 404);
    }

    #[test]
    fn conflicts_with_a_running_operation() {
        let mut k = Kit::new();
        let path = k.volume_path("mig1");
        let r =
            k.put(&format!("{path}?api-version={A26}"), k.migration_body("mig1", "vol_home", 60));
        assert_eq!(r.status, 201);
        let r = k.delete(&format!("{path}?api-version={A26}"));
        assert_eq!((r.status, code(&r)), (409, "AnotherOperationInProgress".into()));
        assert!(json_of(&r)["error"]["message"].is_string());
    }

    #[test]
    fn invalid_api_version_is_refused() {
        let mut k = Kit::new();
        assert_eq!(k.delete(&format!("{}?api-version=1", k.volume_path("x"))).status, 400);
    }
}
