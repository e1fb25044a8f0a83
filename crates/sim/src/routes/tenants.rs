//! `GET /tenants`: the tenants the signed-in user can reach.

use super::{any_api, list_body, only, Req};
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use anf_core::transport::Method;
use serde_json::json;

pub fn handle(engine: &Engine, req: &Req) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let items = engine
        .world()
        .tenants
        .iter()
        .map(|t| {
            json!({
                "id": format!("/tenants/{}", t.id),
                "tenantId": t.id,
                "tenantCategory": "Home",
                "displayName": t.display_name,
                "defaultDomain": t.default_domain,
                "domains": [t.default_domain],
                "tenantType": "AAD"
            })
        })
        .collect();
    Ok(json_response(200, &list_body(items)))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit};

    #[test]
    fn lists_the_demo_tenant() {
        let mut k = Kit::new();
        let r = k.get("/tenants?api-version=2022-12-01");
        assert_eq!(r.status, 200);
        assert_eq!(json_of(&r)["value"][0]["tenantId"], k.scope.tenant_id.as_str());
    }

    #[test]
    fn a_home_tenant_moves_the_tenant_and_its_subscriptions_and_survives_a_reset() {
        let mut k = Kit::new();
        let home = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        k.sim.set_home_tenant(home);
        for _ in 0..2 {
            let tenants = json_of(&k.get("/tenants?api-version=2022-12-01"));
            assert_eq!(tenants["value"][0]["tenantId"], home);
            let subs = json_of(&k.get("/subscriptions?api-version=2022-12-01"));
            let ids: Vec<_> =
                subs["value"].as_array().unwrap().iter().map(|s| &s["tenantId"]).collect();
            assert!(!ids.is_empty() && ids.iter().all(|t| *t == home), "{ids:?}");
            assert_eq!(k.sim.default_scope().tenant_id, home);
            k.sim.reset(k.sim.scenario(), anf_core::time::Timestamp(0));
        }
    }

    #[test]
    fn requires_an_api_version_and_get() {
        let mut k = Kit::new();
        let r = k.get("/tenants");
        assert_eq!((r.status, code(&r)), (400, "MissingApiVersionParameter".into()));
        let r = k.post("/tenants?api-version=2022-12-01", None);
        assert_eq!(r.status, 405);
    }

    #[test]
    fn unknown_paths_are_not_found() {
        let mut k = Kit::new();
        let r = k.get("/tenants/x/y?api-version=2022-12-01");
        assert_eq!((r.status, code(&r)), (404, "InvalidResourceType".into()));
    }
}
