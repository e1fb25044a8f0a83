//! Every ONTAP command the app can show runs on the simulated cluster's console: the
//! migration's source commands and remedies (`anf_core::migration`), the wave runbook's ONTAP
//! blocks (`anf_core::wave::runbook`), the pre-flight checks (`anf_core::preflight`), the
//! peering commands ARM returns at both api-versions, and the hints written into the app's
//! views (listed below with the file each comes from). A command the console does not know,
//! or a parameter or field it rejects, fails the test: a trainee who copies it would meet the
//! same error in the demo.

use anf_core::api_version::ApiVersion;
use anf_core::ids::SubscriptionId;
use anf_core::migration::{offline_command, online_command, remedy_for, source_commands};
use anf_core::models::{ClusterPeerCommand, RemotePath, ServiceLevel, SvmPeerCommand};
use anf_core::preflight::checklist::items;
use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, ArmResponse, Method};
use anf_core::validation::quota::TIB;
use anf_core::wave::runbook::{runbook_markdown, RunbookInput, RunbookVolume};
use anf_core::wave::{check_wave, read_csv, PoolInfo, WaveContext, WavePlan};
use anf_sim::{Scenario, Simulator};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const CLUSTER: &str = "onprem-cl01";
const GIB: u64 = 1 << 30;

/// Hints in the app's views (`src/`), as the user sees them with the demo's names filled in.
const VIEW_HINTS: &[(&str, &str)] = &[
    (
        "src/components/peering/addresses_step.rs",
        "network interface show -service-policy default-intercluster",
    ),
    (
        "src/components/peering/cluster_step.rs",
        "network interface show -service-policy default-intercluster -fields ipspace",
    ),
    ("src/components/peering/cluster_step.rs", "cluster peer show"),
    ("src/components/peering/svm_step.rs", "cluster peer show"),
    (
        "src/components/new_migration/source_tab.rs",
        "volume show -vserver svm_nfs -volume vol_home -fields logical-used",
    ),
    ("src/components/new_migration/source_tab.rs", "cluster identity show"),
    ("src/components/new_migration/source_tab.rs", "vserver show"),
    ("src/components/new_migration/source_tab.rs", "volume show -vserver <svm>"),
    (
        "src/components/new_migration/network_tab.rs",
        "network interface show -service-policy default-intercluster",
    ),
    ("src/components/migrations/cut_over_dialog.rs", "volume online -vserver svm_nfs -volume vol_projects"),
    ("src/components/migrations/migration_actions.rs", "cluster peer show"),
    ("src/components/migrations/migration_actions.rs", "cluster peer delete -cluster <name>"),
    ("src/state/live/finished.rs", "cluster peer delete -cluster <name>"),
    ("src/pages/migration_details_page.rs", "cluster peer show"),
    (
        "src/pages/migration_details_page.rs",
        "cluster peer delete -cluster <peer cluster name from cluster peer show>",
    ),
    ("src/pages/demo_page.rs", "help"),
    ("src/pages/demo_page.rs", "network interface show -service-policy default-intercluster"),
    ("crates/core/src/wizard/draft.rs", "volume show -fields logical-used"),
    ("crates/core/src/wave/columns.rs", "volume show -fields logical-used"),
    ("crates/core/src/wave/columns.rs", "volume show -fields is-vserver-root"),
    (
        "crates/core/src/wave/ontap_output.rs",
        "volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended",
    ),
    (
        "crates/core/src/preflight/checklist.rs (fix)",
        "volume modify -vserver <svm> -volume <volume> -snapshot-locking-enabled false",
    ),
    ("crates/core/src/preflight/checklist.rs (fix)", "cluster peer delete -cluster <peer cluster name>"),
    (
        "crates/core/src/preflight/checklist.rs (fix)",
        "vserver peer delete -vserver <svm> -peer-vserver <Azure NetApp Files SVM>",
    ),
];

/// What the console answers to a command it can't run as typed.
const REFUSALS: &[&str] = &[
    "is not a recognized command",
    "invalid argument",
    "is an invalid value for field \"-fields\"",
    "Ambiguous",
    "is a command directory",
    "Missing value",
];

/// A simulator and the real time the test moves.
struct Demo {
    sim: Simulator,
    now: u64,
}

impl Demo {
    fn new() -> Self {
        let now = 1_790_000_000_000;
        Self { sim: Simulator::new(Scenario::HappyPath, 7, Timestamp(now)), now }
    }

    fn call(&mut self, method: Method, path: &str, body: Option<Value>) -> ArmResponse {
        let mut req = ArmRequest::new(method, format!("https://management.azure.com{path}"));
        req.body = body;
        self.now += 10;
        self.sim.handle(&req, Timestamp(self.now))
    }

    /// Follows an accepted operation to its end; the final status body.
    fn finish(&mut self, accepted: &ArmResponse) -> Value {
        let url = accepted.header("Azure-AsyncOperation").expect("a status URL").to_string();
        let path = url.trim_start_matches("https://management.azure.com").to_string();
        for _ in 0..10_000 {
            let v: Value = serde_json::from_str(&self.call(Method::Get, &path, None).body).unwrap();
            if v["status"] != "InProgress" {
                return v;
            }
            self.now += 1_000;
            self.sim.advance(0, Timestamp(self.now));
        }
        panic!("the operation never finished");
    }

    fn cli(&mut self, input: &str) -> String {
        self.sim.ontap_cli(CLUSTER, input, Timestamp(self.now))
    }

    /// A migration volume for `source`, peered and authorized at `api`; the peering answer
    /// and the SVM peering answer.
    fn migrate(&mut self, name: &str, source: &str, api: &str) -> (Value, Value) {
        let scope = self.sim.default_scope();
        let path = format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}/volumes/{name}",
            scope.subscription_id, scope.resource_group, scope.account, scope.pool
        );
        let body = json!({
            "location": scope.location,
            "properties": {
                "volumeType": "Migration",
                "dataProtection": { "replication": {
                    "endpointType": "Dst",
                    "replicationSchedule": "Hourly",
                    "remotePath": { "externalHostName": CLUSTER, "serverName": "svm_nfs", "volumeName": source }
                }},
                "serviceLevel": "Standard",
                "creationToken": name,
                "usageThreshold": 100 * GIB,
                "exportPolicy": { "rules": [{ "ruleIndex": 1, "unixReadOnly": false, "unixReadWrite": true, "cifs": false, "nfsv3": true, "nfsv41": false, "allowedClients": "10.0.0.0/8", "hasRootAccess": true }] },
                "protocolTypes": ["NFSv3"],
                "subnetId": scope.subnet_id,
                "networkFeatures": "Standard"
            }
        });
        let r = self.call(Method::Put, &format!("{path}?api-version={api}"), Some(body));
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(self.finish(&r)["status"], "Succeeded");
        let addrs = json!({ "peerIpAddresses": scope.intercluster_addresses });
        let r = self.call(
            Method::Post,
            &format!("{path}/peerExternalCluster?api-version={api}"),
            Some(addrs),
        );
        let peer = self.finish(&r);
        let cmd = ClusterPeerCommand::from_value(&peer["properties"]).expect("peering answer");
        if let (Some(c), Some(pass)) = (cmd.command.filter(|c| !c.is_empty()), cmd.passphrase) {
            let out =
                self.cli(&format!("{}\n{pass}\n{pass}", c.replace("<IP-SPACE-NAME>", "Default")));
            assert!(out.contains("are peered"), "{c}\n{out}");
        }
        let r = self.call(
            Method::Post,
            &format!("{path}/authorizeExternalReplication?api-version={api}"),
            None,
        );
        let svm = self.finish(&r);
        (peer, svm)
    }

    /// Runs one command the app shows and leaves no prompt behind; its output.
    fn run(&mut self, command: &str) -> String {
        let out = self.cli(command);
        let waiting = self.sim.world().clusters[CLUSTER].session.waiting.clone();
        if let Some(w) = waiting {
            // A passphrase prompt gets a wrong passphrase twice; a question gets no.
            let answer = if w.secret { "not-the-passphrase\nnot-the-passphrase" } else { "n" };
            self.cli(answer);
        }
        out
    }
}

/// Fills the placeholders the app's texts carry with the demo's values.
fn fill(command: &str, peer_cluster: &str, anf_svm: &str, anf_lif: &str) -> String {
    let mut out = String::new();
    let mut rest = command;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        out.push_str(&rest[..start]);
        let hole = rest[start..end].to_ascii_lowercase();
        let value = if hole.contains("ip-space") {
            "Default"
        } else if hole.contains("azure netapp files svm") {
            anf_svm
        } else if hole.contains("address") {
            anf_lif
        } else if hole.contains("peer cluster") || hole == "<name>" {
            peer_cluster
        } else if hole.contains("svm") {
            "svm_nfs"
        } else if hole.contains("volume") {
            "vol_home"
        } else if hole.contains("lif") {
            "onprem-cl01-01_ic1"
        } else if hole.contains("cluster") {
            CLUSTER
        } else {
            panic!("no value for the placeholder {hole} in {command}")
        };
        out.push_str(value);
        rest = &rest[end..];
    }
    out + rest
}

/// The lines of the runbook's ONTAP blocks (```text fences).
fn runbook_ontap_lines(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in markdown.lines() {
        match (inside, line.trim()) {
            (false, "```text") => inside = true,
            (true, "```") => inside = false,
            (true, l) if !l.is_empty() => out.push(l.to_string()),
            _ => {}
        }
    }
    out
}

/// A runbook for two volumes of the demo's cluster, with the peering commands ARM returned.
fn runbook(demo: &Demo, peer: &Value, svm: &Value) -> String {
    let scope = demo.sim.default_scope();
    let mut plan = WavePlan::new("Wave 1", CLUSTER);
    plan.defaults.pool = scope.pool.clone();
    plan.defaults.subnet_id = scope.subnet_id.clone();
    plan.defaults.export_clients = "10.1.0.0/16".into();
    plan.peer_addresses.insert(CLUSTER.into(), scope.intercluster_addresses.join(" "));
    let csv = "svm,source_volume,logical_size\nsvm_nfs,vol_home,42GB\nsvm_nfs,vol_projects,310GB\n";
    plan.add_rows(read_csv(csv).unwrap().rows);
    let ctx = WaveContext {
        api_version: ApiVersion::V2026_04_01,
        location: scope.location.clone(),
        pools: vec![PoolInfo {
            name: scope.pool.clone(),
            service_level: ServiceLevel::Standard,
            manual_qos: false,
            size_bytes: 20 * TIB,
            used_bytes: 0,
            throughput_mibps: None,
            volume_names: Vec::new(),
        }],
        subnet_free_ips: Some(200),
        ..WaveContext::default()
    };
    let verdict = check_wave(&plan, &ctx);
    assert!(verdict.may_start(), "{:?}", verdict.why_not());
    let account = SubscriptionId::new(scope.subscription_id.clone())
        .resource_group(scope.resource_group.clone())
        .account(scope.account.clone());
    let volumes: Vec<RunbookVolume> = verdict
        .creates()
        .into_iter()
        .map(|v| RunbookVolume {
            id: account.pool(v.pool.clone()).volume(v.request.volume_name.clone()),
            request: v.request.clone(),
        })
        .collect();
    let svm_peer = SvmPeerCommand::from_value(&svm["properties"]).unwrap();
    let input = RunbookInput {
        wave_name: "Wave 1".into(),
        endpoint: "https://management.azure.com".into(),
        api_version: ApiVersion::V2026_04_01,
        svm_peer: volumes.iter().map(|v| (v.id.volume.clone(), svm_peer.clone())).collect(),
        volumes,
        cluster_peer: BTreeMap::from([(
            CLUSTER.to_string(),
            ClusterPeerCommand::from_value(&peer["properties"]).unwrap(),
        )]),
    };
    runbook_markdown(&input)
}

#[test]
fn every_ontap_command_the_app_shows_runs_on_the_console() {
    let mut demo = Demo::new();
    let (peer, svm) = demo.migrate("vol-home-mig", "vol_home", "2026-04-01");
    let svm_command = svm["properties"]["svmPeeringCommand"].as_str().unwrap().to_string();
    let mut commands: Vec<(String, String)> = vec![
        (
            "peerExternalCluster (2026-04-01)".into(),
            peer["properties"]["clusterPeeringCommand"].as_str().unwrap().into(),
        ),
        ("authorizeExternalReplication".into(), svm_command.clone()),
    ];
    let source = RemotePath {
        external_host_name: CLUSTER.into(),
        server_name: "svm_nfs".into(),
        volume_name: "vol_projects".into(),
    };
    for c in source_commands(&source) {
        commands.push((format!("anf_core::migration::source_commands ({})", c.key), c.command));
    }
    commands.push(("anf_core::migration::offline_command".into(), offline_command(&source)));
    commands.push(("anf_core::migration::online_command".into(), online_command(&source)));
    let remedy = remedy_for("Last transfer error: snapshot locking is enabled", &source).unwrap();
    commands.push(("anf_core::migration::remedy_for".into(), remedy.command));
    for item in items() {
        // A check may name two commands: "... (list the LIFs), then network ping ...".
        for part in item.check.split(", then ") {
            let command = part.split(" (").next().unwrap_or(part).trim();
            commands
                .push((format!("anf_core::preflight::checklist ({})", item.id), command.into()));
        }
    }
    for line in runbook_ontap_lines(&runbook(&demo, &peer, &svm)) {
        commands.push(("anf_core::wave::runbook".into(), line));
    }
    for (file, hint) in VIEW_HINTS {
        commands.push(((*file).into(), (*hint).into()));
    }
    let world = demo.sim.world();
    let backend = world.backends.values().next().expect("the volume's storage");
    let (peer_cluster, anf_svm, anf_lif) =
        (backend.name.clone(), backend.svm.clone(), backend.ic_lifs[0].clone());
    assert!(commands.len() > 40, "{} commands collected", commands.len());
    let mut refused = Vec::new();
    for (from, command) in &commands {
        let typed = fill(command, &peer_cluster, &anf_svm, &anf_lif);
        let out = demo.run(&typed);
        if REFUSALS.iter().any(|r| out.contains(r)) {
            refused.push(format!("{from}: {typed}\n{out}"));
        }
    }
    assert!(refused.is_empty(), "the console refuses:\n{}", refused.join("\n"));
}

#[test]
fn the_older_api_versions_peering_command_runs_too() {
    // 2025-12-01 returns peerAcceptCommand with -passphrase inside it.
    let mut demo = Demo::new();
    let (peer, _) = demo.migrate("vol-scratch-mig", "vol_scratch", "2025-12-01");
    let command = peer["properties"]["peerAcceptCommand"].as_str().unwrap();
    assert!(command.contains("-passphrase "), "{command}");
    let out = demo.run(&command.replace("<IP-SPACE-NAME>", "Default"));
    assert!(!REFUSALS.iter().any(|r| out.contains(r)), "{out}");
    assert!(out.contains("already exists"), "peered by migrate() already: {out}");
}

#[test]
fn the_check_fails_on_a_command_the_console_does_not_know() {
    // The refusals the test looks for are what the console prints.
    let mut demo = Demo::new();
    for bad in
        ["cluster identity shw", "volume show -bogus 1", "volume show -fields nope", "volume o"]
    {
        let out = demo.run(bad);
        assert!(REFUSALS.iter().any(|r| out.contains(r)), "{bad}: {out}");
    }
    assert_eq!(
        fill("cluster peer delete -cluster <name>", "anf-1", "s", "1.2.3.4"),
        "cluster peer delete -cluster anf-1"
    );
}
