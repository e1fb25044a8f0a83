//! Subnets of a virtual network, with their delegation and address prefix.

use super::{any_api, list_body, only, require_vnet, Names, Req};
use crate::engine::Engine;
use crate::http::{json_response, ApiError, Handled};
use crate::model::network::Subnet;
use anf_core::transport::Method;
use serde_json::{json, Value};

pub fn subnet_json(s: &Subnet) -> Value {
    let delegations: Vec<Value> = if s.delegated_to_netapp {
        vec![json!({
            "id": format!("{}/delegations/netapp", s.id),
            "name": "netapp",
            "type": "Microsoft.Network/virtualNetworks/subnets/delegations",
            "properties": { "serviceName": "Microsoft.NetApp/volumes", "actions": ["Microsoft.Network/networkinterfaces/*", "Microsoft.Network/virtualNetworks/subnets/join/action"], "provisioningState": "Succeeded" }
        })]
    } else {
        Vec::new()
    };
    json!({
        "id": s.id,
        "name": s.name,
        "type": "Microsoft.Network/virtualNetworks/subnets",
        "properties": {
            "provisioningState": "Succeeded",
            "addressPrefix": s.address_prefix,
            "delegations": delegations,
            "privateEndpointNetworkPolicies": "Disabled",
            "privateLinkServiceNetworkPolicies": "Enabled"
        }
    })
}

pub fn list(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let k = require_vnet(engine, n)?;
    Ok(json_response(
        200,
        &list_body(engine.world().vnets[&k].subnets.iter().map(subnet_json).collect()),
    ))
}

pub fn get(engine: &Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Get)?;
    any_api(req)?;
    let k = require_vnet(engine, n)?;
    let subnet = engine.world().vnets[&k]
        .subnets
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(&n.volume))
        .ok_or_else(|| {
            ApiError::resource_not_found(
                &format!("Microsoft.Network/virtualNetworks/{}/subnets/{}", n.other, n.volume),
                &n.rg,
            )
        })?;
    Ok(json_response(200, &subnet_json(subnet)))
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit};

    #[test]
    fn lists_subnets_with_delegations() {
        let mut k = Kit::new();
        let p =
            format!("{}/providers/Microsoft.Network/virtualNetworks/vnet-anf/subnets", k.rg_path());
        let v = json_of(&k.get(&format!("{p}?api-version=2024-05-01")));
        assert_eq!(v["value"].as_array().unwrap().len(), 2);
        let s = json_of(&k.get(&format!("{p}/snet-anf?api-version=2024-05-01")));
        assert_eq!(
            s["properties"]["delegations"][0]["properties"]["serviceName"],
            "Microsoft.NetApp/volumes"
        );
        assert_eq!(s["properties"]["addressPrefix"], "10.20.1.0/24");
        assert_eq!(s["id"], k.scope.subnet_id.as_str());
    }

    #[test]
    fn missing_subnet_or_vnet_is_not_found() {
        let mut k = Kit::new();
        let p = format!("{}/providers/Microsoft.Network/virtualNetworks/vnet-anf/subnets/nope?api-version=2024-05-01", k.rg_path());
        assert_eq!(code(&k.get(&p)), "ResourceNotFound");
        let p = format!(
            "{}/providers/Microsoft.Network/virtualNetworks/x/subnets?api-version=2024-05-01",
            k.rg_path()
        );
        assert_eq!(k.get(&p).status, 404);
    }

    #[test]
    fn invalid_requests_are_refused() {
        let mut k = Kit::new();
        let p =
            format!("{}/providers/Microsoft.Network/virtualNetworks/vnet-anf/subnets", k.rg_path());
        assert_eq!(k.get(&p).status, 400);
        assert_eq!(k.post(&format!("{p}?api-version=2024-05-01"), None).status, 405);
    }
}
