//! The operation switch over real HTTP: the next operation a matching call starts runs, then
//! ends `Failed` or `Canceled` with its work undone; the request log names the call.

mod common;

use common::{arm, request_log, start, Client};
use reqwest::Method;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_matching_operation_ends_failed_or_canceled() {
    let sim = start(&["--no-auth"]).await;
    let s = common::scope(&sim.base).await;
    let c = Client::new(&sim.base, None);
    let pool = common::pool_path(&s);
    let vol = |name: &str| format!("{pool}/volumes/{name}?api-version=2026-04-01");

    arm(&sim.base, "operation", &[("path", "*/volumes/*"), ("method", "PUT")]).await;
    let (status, h, _) = c
        .call(
            Method::PUT,
            &vol("doomed"),
            Some(common::migration_body(&s, "doomed", "vol_scratch")),
        )
        .await;
    assert_eq!(status, 201, "the call itself is accepted");
    let done = c.finish(&h).await;
    assert_eq!(done["status"], "Failed", "{done}");
    assert_eq!(done["error"]["code"], "InternalServerError", "{done}");
    let (_, _, v) = c.call(Method::GET, &vol("doomed"), None).await;
    assert_eq!(v["properties"]["provisioningState"], "Failed", "{v}");

    // Used up: the next create succeeds; then its peering is canceled.
    let (_, h, _) = c
        .call(Method::PUT, &vol("fine"), Some(common::migration_body(&s, "fine", "vol_home")))
        .await;
    assert_eq!(c.finish(&h).await["status"], "Succeeded");
    arm(&sim.base, "operation", &[("status", "Canceled"), ("path", "peerExternalCluster")]).await;
    let peer = format!("{pool}/volumes/fine/peerExternalCluster?api-version=2026-04-01");
    let (status, h, _) = c
        .call(Method::POST, &peer, Some(json!({ "peerIpAddresses": s["intercluster_addresses"] })))
        .await;
    assert_eq!(status, 202);
    let done = c.finish(&h).await;
    assert_eq!(done["status"], "Canceled", "{done}");
    assert!(done["properties"]["clusterPeeringCommand"].is_null(), "no command: {done}");

    let log = request_log(&sim.base).await;
    let faulted: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e["fault"] == "operation")
        .map(|e| (e["method"].as_str().unwrap(), e["path"].as_str().unwrap()))
        .collect();
    assert_eq!(faulted.len(), 2, "{log:?}");
    assert_eq!(faulted[0], ("PUT", vol("doomed").split('?').next().unwrap()));
    assert!(faulted[1].1.ends_with("/peerExternalCluster"), "{faulted:?}");
    assert!(log.iter().filter(|e| e["fault"] == "operation").all(|e| e["handled"] == true));
}
