//! NetApp accounts: list by subscription, list by resource group, get one.

use super::{list_body, netapp_api, only, require_account, require_rg, require_sub, Names, Req};
use crate::engine::wire::account_json;
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::model::key;
use anf_core::transport::Method;

pub fn list_by_subscription(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    require_sub(engine, n)?;
    let prefix = format!("/subscriptions/{}/", key(&n.sub));
    let items = engine
        .world()
        .accounts
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(_, a)| account_json(a))
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn list(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    let rg = require_rg(engine, n)?;
    let prefix = format!("{}/", key(&rg));
    let items = engine
        .world()
        .accounts
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(_, a)| account_json(a))
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    let k = require_account(engine, n)?;
    Ok(json_response(200, &account_json(&engine.world().accounts[&k])))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A25, A26};

    #[test]
    fn lists_by_subscription_and_group_and_gets_one() {
        let mut k = Kit::new();
        let sub = k.scope.subscription_id.clone();
        let v = json_of(&k.get(&format!(
            "/subscriptions/{sub}/providers/Microsoft.NetApp/netAppAccounts?api-version={A26}"
        )));
        assert_eq!(v["value"].as_array().unwrap().len(), 1);
        let v = json_of(&k.get(&format!(
            "{}/providers/Microsoft.NetApp/netAppAccounts?api-version={A25}",
            k.rg_path()
        )));
        assert_eq!(v["value"][0]["name"], "anf-contoso");
        assert_eq!(v["value"][0]["type"], "Microsoft.NetApp/netAppAccounts");
        let r = k.get(&format!("{}?api-version={A26}", k.account_path()));
        assert_eq!(json_of(&r)["properties"]["provisioningState"], "Succeeded");
    }

    #[test]
    fn missing_account_is_resource_not_found() {
        let mut k = Kit::new();
        let r = k.get(&format!(
            "{}/providers/Microsoft.NetApp/netAppAccounts/nope?api-version={A26}",
            k.rg_path()
        ));
        assert_eq!((r.status, code(&r)), (404, "ResourceNotFound".into()));
    }

    #[test]
    fn unsupported_api_version_is_refused_like_arm() {
        let mut k = Kit::new();
        let r = k.get(&format!("{}?api-version=2025-07-01", k.account_path()));
        assert_eq!((r.status, code(&r)), (400, "NoRegisteredProviderFound".into()));
    }
}
