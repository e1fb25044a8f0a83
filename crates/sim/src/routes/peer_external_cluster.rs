//! `POST .../volumes/{v}/peerExternalCluster` with `{"peerIpAddresses": [...]}`: starts cluster
//! peering. The result (the command to run on the source and its passphrase) is in the
//! operation status's `properties`; an empty command means the cluster is already peered.

use super::{netapp_api, only, require_idle_migration, Names, Req};
use crate::engine::operation::{OpKind, Poll};
use crate::engine::Engine;
use crate::http::{ApiError, Handled};
use anf_core::transport::Method;
use serde_json::Value;

pub fn handle(engine: &mut Engine, req: &Req, n: &Names) -> Handled {
    only(req, Method::Post)?;
    let api = netapp_api(req)?;
    let k = require_idle_migration(engine, n)?;
    let addresses = addresses(req.body)?;
    let op = engine.start_op(OpKind::PeerExternalCluster { addresses }, &k, api);
    Ok(engine.accepted(&op, 202, None, Poll::AsyncAndLocation, &req.base))
}

/// `peerIpAddresses`, matched case-insensitively as ARM's JSON binding does. The how-to's
/// `PeerAddresses` is a different name and is rejected like any missing field.
fn addresses(body: Option<&Value>) -> Result<Vec<String>, ApiError> {
    let missing = || {
        ApiError::invalid(
            "peerIpAddresses",
            "peerIpAddresses (the intercluster LIF addresses of every node) is required.",
        )
    };
    let list = body
        .and_then(Value::as_object)
        .and_then(|o| {
            o.iter().find(|(k, _)| k.eq_ignore_ascii_case("peerIpAddresses")).map(|(_, v)| v)
        })
        .and_then(Value::as_array)
        .ok_or_else(missing)?;
    if list.is_empty() {
        return Err(missing());
    }
    list.iter()
        .map(|a| {
            a.as_str()
                .filter(|s| s.parse::<std::net::Ipv4Addr>().is_ok())
                .map(str::to_string)
                .ok_or_else(|| {
                    ApiError::invalid("peerIpAddresses", format!("{a} is not an IPv4 address."))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::testkit::{code, json_of, Kit, A25, A26};
    use serde_json::json;

    #[test]
    fn answers_each_api_versions_shape() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let r = k.post(
            &format!("{path}/peerExternalCluster?api-version={A25}"),
            Some(json!({ "peerIpAddresses": k.scope.intercluster_addresses })),
        );
        assert_eq!(r.status, 202);
        assert!(r.header("Azure-AsyncOperation").is_some() && r.header("Location").is_some());
        let loc = r
            .header("Location")
            .unwrap()
            .trim_start_matches("https://management.azure.com")
            .to_string();
        let done = k.finish(&r);
        let cmd = done["properties"]["peerAcceptCommand"].as_str().unwrap();
        let pass = done["properties"]["passphrase"].as_str().unwrap();
        assert!(cmd.starts_with("cluster peer create -ipspace <IP-SPACE-NAME> -encryption-protocol-proposed tls-psk"), "{cmd}");
        assert!(cmd.contains(&format!("-passphrase {pass}")));
        let fin = json_of(&k.get(&loc));
        assert_eq!(fin["peerAcceptCommand"], cmd);
        let done26 = k.peer(&path, A26);
        assert_eq!(done26["properties"]["passphrase"], pass, "a pending offer is returned again");
        assert!(!done26["properties"]["clusterPeeringCommand"]
            .as_str()
            .unwrap()
            .contains("-passphrase"));
    }

    #[test]
    fn missing_volume_is_not_found() {
        let mut k = Kit::new();
        let r = k.post(
            &format!("{}/peerExternalCluster?api-version={A26}", k.volume_path("nope")),
            Some(json!({ "peerIpAddresses": ["1.1.1.1"] })),
        );
        assert_eq!(r.status, 404);
    }

    #[test]
    fn invalid_bodies_name_peer_ip_addresses() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        for body in [
            json!({ "PeerAddresses": ["192.168.10.21"] }),
            json!({ "peerIpAddresses": [] }),
            json!({ "peerIpAddresses": ["x"] }),
        ] {
            let r = k.post(&format!("{path}/peerExternalCluster?api-version={A26}"), Some(body));
            assert_eq!(
                (r.status, json_of(&r)["error"]["target"].clone()),
                (400, json!("peerIpAddresses"))
            );
        }
        let r = k.post(
            &format!("{path}/peerExternalCluster?api-version={A26}"),
            Some(json!({ "PEERIPADDRESSES": ["10.9.9.9"] })),
        );
        let done = k.finish(&r);
        assert_eq!(done["status"], "Failed");
        assert_eq!(done["error"]["code"], "ExternalClusterUnreachable");
    }

    #[test]
    fn conflicts_while_another_operation_runs() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let body = json!({ "peerIpAddresses": k.scope.intercluster_addresses });
        assert_eq!(
            k.post(&format!("{path}/peerExternalCluster?api-version={A26}"), Some(body.clone()))
                .status,
            202
        );
        let r = k.post(&format!("{path}/peerExternalCluster?api-version={A26}"), Some(body));
        assert_eq!((r.status, code(&r)), (409, "AnotherOperationInProgress".into()));
    }
}
