//! `GET .../virtualNetworks/{vnet}/usages`: IPs in use and available per subnet
//! (`currentValue`/`limit`), which is how the app checks the 7 free IPs a migration needs.

use super::{any_api, list_body, only, require_vnet, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, Handled};
use anf_core::transport::Method;
use serde_json::json;

pub fn handle(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let k = require_vnet(engine, n)?;
    let items = engine.world().vnets[&k]
        .subnets
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "currentValue": s.in_use(),
                "limit": s.limit(),
                "unit": "Count",
                "name": { "value": "SubnetSpace", "localizedValue": "Subnet size and usage" }
            })
        })
        .collect();
    Ok(json_response(200, &list_body(items)))
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;
    use crate::testkit::{code, json_of, Kit};

    fn usage(k: &mut Kit) -> (u64, u64) {
        let p = format!(
            "{}/providers/Microsoft.Network/virtualNetworks/vnet-anf/usages?api-version=2024-05-01",
            k.rg_path()
        );
        let v = json_of(&k.get(&p));
        let s = v["value"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"].as_str().unwrap().ends_with("/snet-anf"))
            .unwrap()
            .clone();
        (s["currentValue"].as_u64().unwrap(), s["limit"].as_u64().unwrap())
    }

    #[test]
    fn reports_usage_per_subnet() {
        let mut k = Kit::new();
        assert_eq!(usage(&mut k), (0, 251));
        let mut small = Kit::with(Scenario::SubnetTooSmall);
        assert_eq!(usage(&mut small), (6, 11));
    }

    #[test]
    fn missing_vnet_is_not_found() {
        let mut k = Kit::new();
        let p = format!(
            "{}/providers/Microsoft.Network/virtualNetworks/nope/usages?api-version=2024-05-01",
            k.rg_path()
        );
        assert_eq!(code(&k.get(&p)), "ResourceNotFound");
    }

    #[test]
    fn invalid_requests_are_refused() {
        let mut k = Kit::new();
        let p =
            format!("{}/providers/Microsoft.Network/virtualNetworks/vnet-anf/usages", k.rg_path());
        assert_eq!(k.get(&p).status, 400);
        assert_eq!(k.delete(&format!("{p}?api-version=1")).status, 405);
    }
}
