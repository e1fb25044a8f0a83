//! One `replicationStatus` request among 5,000 volumes must cost under 50 microseconds.
//!
//! Run with `cargo bench -p anf-sim --bench replication_status`. It sets up one mirrored
//! migration through the ARM routes and the ONTAP CLI, adds 5,000 more volumes to the same
//! pool, then times the status request; it exits non-zero if the mean is over budget. It also
//! prints the figure as one `BENCH {json}` line, which `scripts/bench` reads.

use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method};
use anf_sim::{Scenario, Simulator};
use serde_json::{json, Value};
use std::time::Instant;

const API: &str = "2026-04-01";
const BUDGET_MICROS: f64 = 50.0;

struct Driver {
    sim: Simulator,
    now: u64,
}

impl Driver {
    fn send(&mut self, method: Method, path: &str, body: Option<Value>) -> ArmResponse {
        // 50 ms apart keeps the client inside ARM's read bucket (25 per second).
        self.now += 50;
        let mut req = ArmRequest::new(method, format!("https://management.azure.com{path}"));
        req.body = body;
        self.sim.handle(&req, Timestamp(self.now))
    }

    fn finish(&mut self, r: &ArmResponse) -> Value {
        let url =
            r.header("Azure-AsyncOperation").or_else(|| r.header("Location")).expect("poll URL");
        let path = url
            .trim_start_matches("https://management.azure.com")
            .replace("&operationResultResponseType=Location", "");
        loop {
            let v: Value = serde_json::from_str(&self.send(Method::Get, &path, None).body)
                .expect("status JSON");
            if v["status"] != "InProgress" {
                return v;
            }
            self.now += 5_000;
        }
    }
}

fn main() {
    let start = 1_790_000_000_000;
    let mut d =
        Driver { sim: Simulator::new(Scenario::HappyPath, 1, Timestamp(start)), now: start };
    let scope = d.sim.default_scope();
    let pool = format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}",
        scope.subscription_id, scope.resource_group, scope.account, scope.pool
    );
    let vol = format!("{pool}/volumes/mig-bench");
    let body = json!({
        "location": scope.location,
        "properties": {
            "volumeType": "Migration",
            "dataProtection": { "replication": { "replicationSchedule": "daily", "remotePath": {
                "externalHostName": scope.cluster, "serverName": scope.svm, "volumeName": "vol_scratch" } } },
            "creationToken": "mig-bench", "usageThreshold": 107_374_182_400_u64,
            "subnetId": scope.subnet_id, "networkFeatures": "Standard"
        }
    });
    let r = d.send(Method::Put, &format!("{vol}?api-version={API}"), Some(body));
    d.finish(&r);
    let r = d.send(
        Method::Post,
        &format!("{vol}/peerExternalCluster?api-version={API}"),
        Some(json!({ "peerIpAddresses": scope.intercluster_addresses })),
    );
    let peer = d.finish(&r);
    let cmd = peer["properties"]["clusterPeeringCommand"]
        .as_str()
        .expect("command")
        .replace("<IP-SPACE-NAME>", "Default");
    let pass = peer["properties"]["passphrase"].as_str().expect("passphrase").to_string();
    d.sim.ontap_cli(&scope.cluster, &format!("{cmd}\n{pass}"), Timestamp(d.now));
    let r = d.send(
        Method::Post,
        &format!("{vol}/authorizeExternalReplication?api-version={API}"),
        None,
    );
    let auth = d.finish(&r);
    d.sim.ontap_cli(
        &scope.cluster,
        auth["properties"]["svmPeeringCommand"].as_str().expect("svm command"),
        Timestamp(d.now),
    );
    d.now += 120_000;
    d.sim.add_bulk_volumes(&pool, 5_000, Timestamp(d.now));
    assert!(d.sim.world().volumes.len() > 5_000);

    let path = format!("{vol}/replicationStatus?api-version={API}");
    let first: Value =
        serde_json::from_str(&d.send(Method::Get, &path, None).body).expect("status");
    assert_eq!(first["mirrorState"], "Mirrored", "{first}");

    let iterations = 20_000;
    let mut reqs = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        reqs.push(ArmRequest::new(Method::Get, format!("https://management.azure.com{path}")));
    }
    let t0 = Instant::now();
    for req in &reqs {
        d.now += 50;
        let r = d.sim.handle(req, Timestamp(d.now));
        assert_eq!(r.status, 200);
    }
    let micros = t0.elapsed().as_secs_f64() * 1e6 / iterations as f64;
    println!(
        "replicationStatus with {} volumes: {micros:.2} µs per request (budget {BUDGET_MICROS} µs)",
        d.sim.world().volumes.len()
    );
    // One line for scripts/bench to read.
    println!(
        "BENCH {}",
        json!({ "figure": "simulator", "micros": micros, "volumes": d.sim.world().volumes.len(),
                "iterations": iterations, "budget_micros": BUDGET_MICROS })
    );
    if micros >= BUDGET_MICROS {
        eprintln!("over budget");
        std::process::exit(1);
    }
}
