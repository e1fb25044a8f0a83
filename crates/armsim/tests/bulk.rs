//! The load-test control endpoint: many migrations in mixed phases, then a clean request log.

mod common;

use common::start;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_migrations_are_listed_in_mixed_phases_with_an_empty_log() {
    let sim = start(&["--no-auth"]).await;
    let http = reqwest::Client::new();
    let refused = http.post(format!("{}/_sim/bulk-migrations", sim.base)).send().await.unwrap();
    assert_eq!(refused.status(), 400);
    let r: Value = http
        .post(format!("{}/_sim/bulk-migrations?count=40", sim.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["added"], 40);
    let pool = r["pool"].as_str().unwrap();
    let log: Value =
        reqwest::get(format!("{}/_sim/requests", sim.base)).await.unwrap().json().await.unwrap();
    assert_eq!(log["total"], 0, "{log}");

    let list: Value = reqwest::get(format!("{}{pool}/volumes?api-version=2026-04-01", sim.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let bulk: Vec<&Value> = list["value"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["name"].as_str().unwrap().contains("/bulk-"))
        .collect();
    assert_eq!(bulk.len(), 40);
    let mut states = std::collections::BTreeMap::<String, usize>::new();
    for v in &bulk {
        assert_eq!(v["properties"]["volumeType"], "Migration", "{v}");
        let id = v["id"].as_str().unwrap();
        let s: Value =
            reqwest::get(format!("{}{id}/replicationStatus?api-version=2026-04-01", sim.base))
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        let key = format!("{} {}", s["mirrorState"], s["relationshipStatus"]);
        *states.entry(key).or_default() += 1;
    }
    // Peering (no relationship yet) and baseline both read Uninitialized; baseline transfers.
    assert_eq!(states.get("\"Uninitialized\" \"Idle\""), Some(&10), "{states:?}");
    assert_eq!(states.get("\"Uninitialized\" \"Transferring\""), Some(&10), "{states:?}");
    assert_eq!(states.get("\"Mirrored\" \"Idle\""), Some(&10), "{states:?}");
    assert_eq!(states.get("\"Broken\" \"Idle\""), Some(&10), "{states:?}");
}
