//! Microsoft.Network virtual networks: list by subscription, list by resource group, get one.

use super::{any_api, list_body, only, require_rg, require_sub, require_vnet, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use crate::model::key;
use crate::model::network::Vnet;
use anf_core::transport::Method;
use serde_json::{json, Value};

pub fn vnet_json(v: &Vnet) -> Value {
    json!({
        "id": v.id,
        "name": v.name,
        "type": "Microsoft.Network/virtualNetworks",
        "location": v.location,
        "properties": {
            "provisioningState": "Succeeded",
            "addressSpace": { "addressPrefixes": v.address_space },
            "subnets": v.subnets.iter().map(super::subnets::subnet_json).collect::<Vec<_>>()
        }
    })
}

pub fn list_by_subscription(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    require_sub(engine, n)?;
    let prefix = format!("/subscriptions/{}/", key(&n.sub));
    let items = engine
        .world()
        .vnets
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(_, v)| vnet_json(v))
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn list(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let rg = key(&require_rg(engine, n)?);
    let prefix = format!("{rg}/");
    let items = engine
        .world()
        .vnets
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(_, v)| vnet_json(v))
        .collect();
    Ok(json_response(200, &list_body(items)))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let k = require_vnet(engine, n)?;
    Ok(json_response(200, &vnet_json(&engine.world().vnets[&k])))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit};

    #[test]
    fn lists_and_gets_the_vnet() {
        let mut k = Kit::new();
        let v = json_of(&k.get(&format!(
            "/subscriptions/{}/providers/Microsoft.Network/virtualNetworks?api-version=2024-05-01",
            k.scope.subscription_id
        )));
        assert_eq!(v["value"].as_array().unwrap().len(), 1);
        let v = json_of(&k.get(&format!(
            "{}/providers/Microsoft.Network/virtualNetworks?api-version=2024-05-01",
            k.rg_path()
        )));
        assert_eq!(v["value"][0]["name"], "vnet-anf");
        let v = json_of(&k.get(&format!(
            "{}/providers/Microsoft.Network/virtualNetworks/vnet-anf?api-version=2024-05-01",
            k.rg_path()
        )));
        assert_eq!(v["properties"]["addressSpace"]["addressPrefixes"][0], "10.20.0.0/16");
    }

    #[test]
    fn missing_vnet_is_not_found() {
        let mut k = Kit::new();
        let r = k.get(&format!(
            "{}/providers/Microsoft.Network/virtualNetworks/nope?api-version=2024-05-01",
            k.rg_path()
        ));
        assert_eq!((r.status, code(&r)), (404, "ResourceNotFound".into()));
    }

    #[test]
    fn invalid_requests_are_refused() {
        let mut k = Kit::new();
        let p = format!("{}/providers/Microsoft.Network/virtualNetworks/vnet-anf", k.rg_path());
        assert_eq!(k.get(&p).status, 400);
        assert_eq!(
            k.put(&format!("{p}?api-version=2024-05-01"), serde_json::json!({})).status,
            405
        );
    }
}
