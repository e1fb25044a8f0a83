//! What the migrations table and actions tests share: the simulator set up before the app
//! restores it, a client over it without latency (and, for their imports, the DOM helpers).
#![allow(dead_code)] // each test file uses its own subset

use anf_core::arm::{Client, LroOutcome, Poller};
use anf_core::ids::{PoolId, VolumeId};
use anf_core::models::{
    ClusterPeerCommand, MigrationVolumeSpec, RemotePath, ReplicationSchedule, ServiceLevel,
    SvmPeerCommand,
};
use anf_core::transport::{ArmRequest, ArmResponse, Transport, TransportError};
use anf_sim::{Scenario, Simulator};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

pub const GIB: u64 = 1024 * 1024 * 1024;

#[allow(unused_imports)] // used through this module by the table and actions tests only
pub use super::dom::{container, now, query, query_all, sleep_ms, until};

/// The simulator the test sets up before the app restores it; no latency, so setup is quick.
#[derive(Clone)]
pub struct DemoWorld(pub Rc<RefCell<Simulator>>);

impl DemoWorld {
    pub fn with<R>(&self, f: impl FnOnce(&mut Simulator) -> R) -> R {
        let r = f(&mut self.0.borrow_mut());
        // What the app restores when it mounts.
        let text = serde_json::to_string(&*self.0.borrow()).unwrap();
        window()
            .session_storage()
            .unwrap()
            .unwrap()
            .set_item("anf-migrate.demo-world", &text)
            .unwrap();
        r
    }

    pub fn read<R>(&self, f: impl FnOnce(&Simulator) -> R) -> R {
        f(&self.0.borrow())
    }
}

impl Transport for DemoWorld {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        Ok(self.0.borrow_mut().handle(&request, now()))
    }
}

pub type SimClient = Client<DemoWorld>;

/// A fresh happy-path world in sessionStorage (what the app restores), nothing left from other
/// tests, the scope set to the demo pool; the world and a client over it.
/// `speed` is the simulated clock's factor, which the app reads from the saved world.
pub fn fresh_world(seed: u64, speed: f64) -> (DemoWorld, SimClient, PoolId) {
    let mut sim = Simulator::new(Scenario::HappyPath, seed, now());
    sim.set_speed(speed, now());
    let d = sim.default_scope();
    let session = window().session_storage().unwrap().unwrap();
    session.clear().unwrap();
    let local = window().local_storage().unwrap().unwrap();
    local.remove_item("anf-migrate.migration-ledger").unwrap();
    let scope = serde_json::json!({
        "subscription": d.subscription_id, "resource_group": d.resource_group,
        "account": d.account, "pool": d.pool,
    });
    local.set_item("anf-migrate.scope", &scope.to_string()).unwrap();
    let world = DemoWorld(Rc::new(RefCell::new(sim)));
    let client = Client::new(world.clone());
    let pool = anf_core::ids::SubscriptionId::new(d.subscription_id)
        .resource_group(d.resource_group)
        .account(d.account)
        .pool(d.pool);
    (world, client, pool)
}

/// Follows an operation to its end, moving simulated time along so it doesn't take long.
pub async fn finish(
    world: &DemoWorld,
    client: &SimClient,
    mut poller: Poller,
) -> Option<serde_json::Value> {
    for _ in 0..200 {
        if let Some(outcome) = poller.outcome() {
            return match outcome {
                LroOutcome::Succeeded { result } => result.clone(),
                other => panic!("operation failed: {other:?}"),
            };
        }
        world.with(|s| s.advance(5, now()));
        client.poll_once(&mut poller, now()).await.expect("poll");
    }
    panic!("operation never finished");
}

/// A migration volume `name` of `gib` GiB from `source` on the simulator's default cluster and
/// SVM, in its default subnet: NFSv3, Standard, hourly.
pub fn migration_spec(sim: &Simulator, name: &str, source: &str, gib: u64) -> MigrationVolumeSpec {
    let d = sim.default_scope();
    MigrationVolumeSpec {
        location: d.location.clone(),
        creation_token: name.into(),
        usage_threshold: gib * GIB,
        subnet_id: d.subnet_id.clone(),
        service_level: ServiceLevel::Standard,
        protocol_types: vec!["NFSv3".into()],
        is_large_volume: false,
        replication_schedule: ReplicationSchedule::Hourly,
        remote_path: RemotePath {
            external_host_name: d.cluster.clone(),
            server_name: d.svm.clone(),
            volume_name: source.into(),
        },
        export_policy: None,
        options: anf_core::models::VolumeOptions::default(),
    }
}

pub async fn create(
    world: &DemoWorld,
    client: &SimClient,
    pool: &PoolId,
    name: &str,
    source: &str,
    gib: u64,
) -> VolumeId {
    let spec = world.read(|sim| migration_spec(sim, name, source, gib));
    let id = pool.volume(name);
    let p = client.create_migration_volume(&id, &spec, now()).await.expect("create");
    finish(world, client, p).await;
    id
}

/// Peers the cluster (running the command on the simulated ONTAP) and the SVM: the baseline
/// starts.
pub async fn peer(world: &DemoWorld, client: &SimClient, id: &VolumeId) {
    let d = world.read(Simulator::default_scope);
    let p = client.peer_external_cluster(id, &d.intercluster_addresses, now()).await.expect("peer");
    let result = finish(world, client, p).await.unwrap_or_default();
    let cmd = ClusterPeerCommand::from_value(&result).expect("peer result");
    if let (Some(c), Some(pass)) = (cmd.command, cmd.passphrase) {
        let c = c.replace("<IP-SPACE-NAME>", "Default");
        let out = world.with(|s| s.ontap_cli(&d.cluster, &format!("{c}\n{pass}\n{pass}"), now()));
        assert!(!out.contains("Error"), "{out}");
    }
    let p = client.authorize_external_replication(id, now()).await.expect("authorize");
    let result = finish(world, client, p).await.unwrap_or_default();
    if let Some(c) = SvmPeerCommand::from_value(&result).expect("svm result").command {
        let out = world.with(|s| s.ontap_cli(&d.cluster, &c, now()));
        assert!(!out.contains("Error"), "{out}");
    }
    world.with(|s| s.advance(40, now()));
}

/// A mirrored migration (baseline done) of `source`, 60 GiB.
pub async fn mirrored(
    world: &DemoWorld,
    client: &SimClient,
    pool: &PoolId,
    name: &str,
    source: &str,
) -> VolumeId {
    let id = create(world, client, pool, name, source, 60).await;
    peer(world, client, &id).await;
    world.with(|s| s.advance(60, now()));
    id
}

pub fn go(path: &str) {
    window().history().unwrap().push_state_with_url(&JsValue::NULL, "", Some(path)).unwrap();
}
