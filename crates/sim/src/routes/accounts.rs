//! NetApp accounts: list by subscription, list by resource group, get one. An account's
//! Active Directory connection is in `properties.activeDirectories`, `InUse` once an SMB or
//! dual-protocol volume of the account uses it.

use super::{list_body, netapp_api, only, require_account, require_rg, require_sub, Names, Req};
use crate::engine::wire::account_json;
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::model::key;
use crate::model::netapp::Account;
use anf_core::transport::Method;
use serde_json::{json, Value};

/// The account as ARM shows it, with its connection.
fn account_body(engine: &Engine, k: &str, a: &Account) -> Value {
    let mut v = account_json(a);
    if let Some(ad) = &a.active_directory {
        let prefix = format!("{k}/capacitypools/");
        let in_use = engine
            .world()
            .volumes
            .range(prefix.clone()..)
            .take_while(|(vk, _)| vk.starts_with(&prefix))
            .any(|(_, vol)| vol.extras.smb.is_some());
        v["properties"]["activeDirectories"] = json!([ad.wire(in_use)]);
    }
    v
}

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
        .map(|(k, a)| account_body(engine, k, a))
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
        .map(|(k, a)| account_body(engine, k, a))
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    let k = require_account(engine, n)?;
    Ok(json_response(200, &account_body(engine, &k, &engine.world().accounts[&k])))
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
        // The default account and the one without an Active Directory connection.
        assert_eq!(v["value"].as_array().unwrap().len(), 2);
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
