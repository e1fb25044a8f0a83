//! `GET /subscriptions` and `GET /subscriptions/{id}`.

use super::{any_api, list_body, only, require_sub, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::model::key;
use crate::model::tenancy::Subscription;
use anf_core::transport::Method;
use serde_json::{json, Value};

fn sub_json(s: &Subscription) -> Value {
    json!({
        "id": format!("/subscriptions/{}", s.id),
        "subscriptionId": s.id,
        "tenantId": s.tenant_id,
        "displayName": s.display_name,
        "state": "Enabled",
        "subscriptionPolicies": { "locationPlacementId": "Public_2014-09-01", "quotaId": "EnterpriseAgreement_2014-09-01", "spendingLimit": "Off" },
        "authorizationSource": "RoleBased"
    })
}

pub fn list(engine: &Engine, req: &Req) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    Ok(json_response(
        200,
        &list_body(engine.world().subscriptions.values().map(sub_json).collect()),
    ))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    require_sub(engine, n)?;
    Ok(json_response(200, &sub_json(&engine.world().subscriptions[&key(&n.sub)])))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit};

    #[test]
    fn lists_and_gets_subscriptions() {
        let mut k = Kit::new();
        let v = json_of(&k.get("/subscriptions?api-version=2022-12-01"));
        assert_eq!(v["value"].as_array().unwrap().len(), 2);
        let path = format!(
            "/subscriptions/{}?api-version=2022-12-01",
            k.scope.subscription_id.to_uppercase()
        );
        let r = k.get(&path);
        assert_eq!(r.status, 200);
        assert_eq!(json_of(&r)["state"], "Enabled");
    }

    #[test]
    fn unknown_subscription_is_not_found() {
        let mut k = Kit::new();
        let r = k.get("/subscriptions/00000000-0000-0000-0000-000000000000?api-version=2022-12-01");
        assert_eq!((r.status, code(&r)), (404, "SubscriptionNotFound".into()));
    }

    #[test]
    fn rejects_missing_api_version_and_writes() {
        let mut k = Kit::new();
        assert_eq!(k.get("/subscriptions").status, 400);
        let r = k.put("/subscriptions/x?api-version=2022-12-01", serde_json::json!({}));
        assert_eq!(r.status, 405);
    }
}
