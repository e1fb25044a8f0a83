//! Capacity pools: list in an account, get one.

use super::{list_body, netapp_api, only, require_account, require_pool, Names, Req};
use crate::engine::wire::pool_json;
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use anf_core::transport::Method;

pub fn list(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    let a = require_account(engine, n)?;
    let prefix = format!("{a}/capacitypools/");
    let items = engine
        .world()
        .pools
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .map(|(_, p)| pool_json(p))
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    let k = require_pool(engine, n)?;
    Ok(json_response(200, &pool_json(&engine.world().pools[&k])))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A26};

    #[test]
    fn lists_and_gets_the_standard_pool() {
        let mut k = Kit::new();
        let v = json_of(&k.get(&format!("{}/capacityPools?api-version={A26}", k.account_path())));
        assert_eq!(v["value"][0]["name"], "anf-contoso/pool-standard");
        assert_eq!(v["value"][0]["properties"]["serviceLevel"], "Standard");
        let v = json_of(&k.get(&format!("{}?api-version={A26}", k.pool_path())));
        assert_eq!(v["properties"]["size"], 4_398_046_511_104_u64);
    }

    #[test]
    fn missing_pool_or_account_is_not_found() {
        let mut k = Kit::new();
        let r = k.get(&format!("{}/capacityPools/nope?api-version={A26}", k.account_path()));
        assert_eq!((r.status, code(&r)), (404, "ResourceNotFound".into()));
        let r = k.get(&format!(
            "{}/providers/Microsoft.NetApp/netAppAccounts/x/capacityPools?api-version={A26}",
            k.rg_path()
        ));
        assert_eq!(r.status, 404);
    }

    #[test]
    fn invalid_api_version_and_method() {
        let mut k = Kit::new();
        assert_eq!(k.get(&format!("{}?api-version=banana", k.pool_path())).status, 400);
        assert_eq!(k.delete(&format!("{}?api-version={A26}", k.pool_path())).status, 405);
    }
}
