//! `GET /subscriptions/{s}/resourcegroups[/{rg}]`.

use super::{any_api, list_body, only, require_rg, require_sub, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::model::key;
use crate::model::tenancy::ResourceGroup;
use anf_core::transport::Method;
use serde_json::{json, Value};

fn rg_json(rg: &ResourceGroup) -> Value {
    json!({
        "id": rg.id(),
        "name": rg.name,
        "type": "Microsoft.Resources/resourceGroups",
        "location": rg.location,
        "properties": { "provisioningState": "Succeeded" }
    })
}

pub fn list(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    require_sub(engine, n)?;
    let sub = key(&n.sub);
    let items = engine
        .world()
        .resource_groups
        .values()
        .filter(|r| key(&r.subscription) == sub)
        .map(rg_json)
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let id = require_rg(engine, n)?;
    Ok(json_response(200, &rg_json(&engine.world().resource_groups[&key(&id)])))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit};

    #[test]
    fn lists_only_the_subscriptions_groups_and_gets_one() {
        let mut k = Kit::new();
        let path = format!(
            "/subscriptions/{}/resourcegroups?api-version=2021-04-01",
            k.scope.subscription_id
        );
        let v = json_of(&k.get(&path));
        assert_eq!(v["value"].as_array().unwrap().len(), 1);
        assert_eq!(v["value"][0]["name"], "rg-anf-migration");
        let r = k.get(&format!("{}?api-version=2021-04-01", k.rg_path()));
        assert_eq!(json_of(&r)["location"], "eastus");
    }

    #[test]
    fn missing_group_or_subscription_is_not_found() {
        let mut k = Kit::new();
        let r = k.get(&format!(
            "/subscriptions/{}/resourceGroups/nope?api-version=2021-04-01",
            k.scope.subscription_id
        ));
        assert_eq!((r.status, code(&r)), (404, "ResourceGroupNotFound".into()));
        let r = k.get("/subscriptions/nope/resourceGroups?api-version=2021-04-01");
        assert_eq!(code(&r), "SubscriptionNotFound");
    }

    #[test]
    fn needs_api_version_and_get() {
        let mut k = Kit::new();
        assert_eq!(k.get(&k.rg_path()).status, 400);
        assert_eq!(k.delete(&format!("{}?api-version=2021-04-01", k.rg_path())).status, 405);
    }
}
