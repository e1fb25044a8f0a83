//! `GET /subscriptions/{s}/providers/Microsoft.NetApp` (registration state) and `POST .../register`.

use super::{any_api, only, require_sub, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::model::key;
use anf_core::transport::Method;
use serde_json::{json, Value};

fn provider_json(sub: &str, registered: bool) -> Value {
    let types = [
        "netAppAccounts",
        "netAppAccounts/capacityPools",
        "netAppAccounts/capacityPools/volumes",
        "locations/operationResults",
    ];
    json!({
        "id": format!("/subscriptions/{sub}/providers/Microsoft.NetApp"),
        "namespace": "Microsoft.NetApp",
        "registrationState": if registered { "Registered" } else { "NotRegistered" },
        "registrationPolicy": "RegistrationRequired",
        "resourceTypes": types.iter().map(|t| json!({
            "resourceType": t,
            "locations": ["East US"],
            "apiVersions": ["2026-04-01", "2025-12-01"]
        })).collect::<Vec<_>>()
    })
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    require_sub(engine, n)?;
    let registered = engine.world().subscription(&n.sub).is_some_and(|s| s.provider_registered);
    Ok(json_response(200, &provider_json(&n.sub, registered)))
}

pub fn register(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    any_api(req)?;
    require_sub(engine, n)?;
    if let Some(s) = engine.world_mut().subscriptions.get_mut(&key(&n.sub)) {
        s.provider_registered = true;
    }
    Ok(json_response(200, &provider_json(&n.sub, true)))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit};

    #[test]
    fn reports_and_registers_the_provider() {
        let mut k = Kit::new();
        let p = format!("/subscriptions/{}/providers/Microsoft.NetApp", k.scope.subscription_id);
        assert_eq!(
            json_of(&k.get(&format!("{p}?api-version=2021-04-01")))["registrationState"],
            "Registered"
        );
        assert_eq!(
            json_of(&k.post(&format!("{p}/register?api-version=2021-04-01"), None))
                ["registrationState"],
            "Registered"
        );
    }

    #[test]
    fn unknown_subscription_is_not_found() {
        let mut k = Kit::new();
        assert_eq!(
            code(&k.get("/subscriptions/nope/providers/Microsoft.NetApp?api-version=2021-04-01")),
            "SubscriptionNotFound"
        );
    }

    #[test]
    fn invalid_requests_are_refused() {
        let mut k = Kit::new();
        let p = format!("/subscriptions/{}/providers/Microsoft.NetApp", k.scope.subscription_id);
        assert_eq!(k.get(&p).status, 400);
        assert_eq!(k.delete(&format!("{p}?api-version=2021-04-01")).status, 405);
    }
}
