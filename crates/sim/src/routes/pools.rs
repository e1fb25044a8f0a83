//! Capacity pools: list in an account, get one. `qosType`, `totalThroughputMibps` and
//! `utilizedThroughputMibps` (what the pool's volumes have) are as ARM reports them, so a
//! manual-QoS pool shows how much throughput is left for a new volume.

use super::{list_body, netapp_api, only, require_account, require_pool, Names, Req};
use crate::engine::wire::pool_json;
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::model::netapp::Pool;
use anf_core::transport::Method;
use serde_json::{json, Value};

/// The pool as ARM shows it, with the throughput its volumes use.
fn pool_body(engine: &Engine, k: &str, p: &Pool) -> Value {
    let mut v = pool_json(p);
    let used = p.utilized_throughput_mibps(engine.world().pool_volumes(k));
    // Two decimals, as ARM's figures have at most.
    v["properties"]["utilizedThroughputMibps"] = json!((used * 100.0).round() / 100.0);
    v
}

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
        .map(|(k, p)| pool_body(engine, k, p))
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    netapp_api(req)?;
    let k = require_pool(engine, n)?;
    Ok(json_response(200, &pool_body(engine, &k, &engine.world().pools[&k])))
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
