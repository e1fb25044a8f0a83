//! Helpers for the crate's tests: a simulator on a hand-driven clock and short ways to call ARM.

use crate::scenario::Scenario;
use crate::simulator::Simulator;
use crate::DefaultScope;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method};
use serde_json::{json, Value};

pub const A25: &str = "2025-12-01";
pub const A26: &str = "2026-04-01";
pub const GIB: u64 = 1024 * 1024 * 1024;

/// A simulator and a real-time clock the test moves.
pub struct Kit {
    pub sim: Simulator,
    pub now: u64,
    pub scope: DefaultScope,
}

impl Kit {
    pub fn new() -> Self {
        Self::with(Scenario::HappyPath)
    }

    pub fn with(scenario: Scenario) -> Self {
        let now = 1_790_000_000_000;
        let sim = Simulator::new(scenario, 42, Timestamp(now));
        let scope = sim.default_scope();
        Self { sim, now, scope }
    }

    pub fn send(&mut self, method: Method, path: &str, body: Option<Value>) -> ArmResponse {
        let mut req = ArmRequest::new(method, format!("https://management.azure.com{path}"));
        req.body = body;
        self.now += 10;
        self.sim.handle(&req, Timestamp(self.now))
    }

    pub fn get(&mut self, path: &str) -> ArmResponse {
        self.send(Method::Get, path, None)
    }

    pub fn put(&mut self, path: &str, body: Value) -> ArmResponse {
        self.send(Method::Put, path, Some(body))
    }

    pub fn post(&mut self, path: &str, body: Option<Value>) -> ArmResponse {
        self.send(Method::Post, path, body)
    }

    pub fn delete(&mut self, path: &str) -> ArmResponse {
        self.send(Method::Delete, path, None)
    }

    /// Lets `secs` seconds of real (and, at speed 1, simulated) time pass.
    pub fn wait(&mut self, secs: u64) {
        self.now += secs * 1000;
        self.sim.advance(0, Timestamp(self.now));
    }

    pub fn cli(&mut self, input: &str) -> String {
        self.sim.ontap_cli("onprem-cl01", input, Timestamp(self.now))
    }

    pub fn rg_path(&self) -> String {
        format!(
            "/subscriptions/{}/resourceGroups/{}",
            self.scope.subscription_id, self.scope.resource_group
        )
    }

    pub fn account_path(&self) -> String {
        format!(
            "{}/providers/Microsoft.NetApp/netAppAccounts/{}",
            self.rg_path(),
            self.scope.account
        )
    }

    pub fn pool_path(&self) -> String {
        format!("{}/capacityPools/{}", self.account_path(), self.scope.pool)
    }

    pub fn volume_path(&self, name: &str) -> String {
        format!("{}/volumes/{name}", self.pool_path())
    }

    /// The how-to's migration volume body for a source volume.
    pub fn migration_body(&self, token: &str, source: &str, gib: u64) -> Value {
        json!({
            "type": "Microsoft.NetApp/netAppAccounts/capacityPools/volumes",
            "location": "eastus",
            "properties": {
                "volumeType": "Migration",
                "dataProtection": { "replication": {
                    "endpointType": "Dst",
                    "replicationSchedule": "Hourly",
                    "remotePath": { "externalHostName": "onprem-cl01", "serverName": "svm_nfs", "volumeName": source }
                }},
                "serviceLevel": "Standard",
                "creationToken": token,
                "usageThreshold": gib * GIB,
                "exportPolicy": { "rules": [{ "ruleIndex": 1, "unixReadOnly": false, "unixReadWrite": true, "cifs": false, "nfsv3": true, "nfsv41": false, "allowedClients": "0.0.0.0/0", "hasRootAccess": true }] },
                "protocolTypes": ["NFSv3"],
                "subnetId": self.scope.subnet_id,
                "networkFeatures": "Standard",
                "isLargeVolume": "false"
            }
        })
    }

    /// Follows an accepted response's `Azure-AsyncOperation` (or `Location`) to the end; the
    /// final status body.
    pub fn finish(&mut self, accepted: &ArmResponse) -> Value {
        assert!(
            accepted.status == 201 || accepted.status == 202 || accepted.status == 200,
            "{accepted:?}"
        );
        let url = accepted
            .header("Azure-AsyncOperation")
            .or_else(|| accepted.header("Location"))
            .expect("poll URL")
            .to_string();
        let path = url.trim_start_matches("https://management.azure.com").to_string();
        let status_path = path.replace("&operationResultResponseType=Location", "");
        for _ in 0..100_000 {
            let r = self.get(&status_path);
            let v = json_of(&r);
            if v["status"] != "InProgress" {
                return v;
            }
            let wait = r.header("Retry-After").and_then(|s| s.parse().ok()).unwrap_or(1);
            self.wait(wait);
        }
        panic!("operation never finished");
    }

    /// Creates a migration volume and waits until it exists; its path.
    pub fn create_migration(&mut self, name: &str, source: &str, gib: u64, api: &str) -> String {
        let path = self.volume_path(name);
        let r =
            self.put(&format!("{path}?api-version={api}"), self.migration_body(name, source, gib));
        assert_eq!(r.status, 201, "{}", r.body);
        let done = self.finish(&r);
        assert_eq!(done["status"], "Succeeded", "{done}");
        path
    }

    /// Peers the cluster for a volume; the finished status body.
    pub fn peer(&mut self, path: &str, api: &str) -> Value {
        let body = json!({ "peerIpAddresses": self.scope.intercluster_addresses });
        let r = self.post(&format!("{path}/peerExternalCluster?api-version={api}"), Some(body));
        assert_eq!(r.status, 202, "{}", r.body);
        self.finish(&r)
    }

    /// Runs a finished 2026-04-01 peering's command with its passphrase on the source.
    pub fn accept_peering(&mut self, status: &Value) -> String {
        let cmd = status["properties"]["clusterPeeringCommand"]
            .as_str()
            .unwrap()
            .replace("<IP-SPACE-NAME>", "Default");
        let pass = status["properties"]["passphrase"].as_str().unwrap().to_string();
        self.cli(&format!("{cmd}\n{pass}\n{pass}"))
    }

    /// Create, peer, accept, authorize and accept SVM peering, then wait for the relationship.
    pub fn migrate_until_replicating(&mut self, name: &str, source: &str, gib: u64) -> String {
        let path = self.create_migration(name, source, gib, A26);
        let peered = self.peer(&path, A26);
        if peered["properties"]["clusterPeeringCommand"] != "" {
            let out = self.accept_peering(&peered);
            assert!(!out.contains("Error"), "{out}");
        }
        let r = self.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
        let auth = self.finish(&r);
        assert_eq!(auth["status"], "Succeeded", "{auth}");
        let cmd = auth["properties"]["svmPeeringCommand"].as_str().unwrap().to_string();
        if !cmd.is_empty() {
            let out = self.cli(&cmd);
            assert!(!out.contains("Error"), "{out}");
        }
        self.wait(31);
        path
    }

    pub fn status(&mut self, path: &str) -> Value {
        let r = self.get(&format!("{path}/replicationStatus?api-version={A26}"));
        assert_eq!(r.status, 200, "{}", r.body);
        json_of(&r)
    }
}

pub fn json_of(r: &ArmResponse) -> Value {
    serde_json::from_str(&r.body).unwrap_or(Value::Null)
}

/// The error code of an error response.
pub fn code(r: &ArmResponse) -> String {
    json_of(r)["error"]["code"].as_str().unwrap_or_default().to_string()
}
