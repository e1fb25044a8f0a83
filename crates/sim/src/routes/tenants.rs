//! `GET /tenants`: the tenants the signed-in user can reach.

use super::{any_api, list_body, only, Req};
use crate::http::{json_response, Handled};
use crate::simulator::Simulator;
use anf_core::transport::Method;
use serde_json::json;

pub fn handle(sim: &mut Simulator, req: &Req) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let items = sim
        .world
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
