//! The world each scenario starts with.

use crate::engine::events::Event;
use crate::engine::migration::peering::OFFER_LIFETIME_MS;
use crate::engine::Engine;
use crate::model::key;
use crate::model::netapp::{Account, Migration, Pool, RemotePath, Schedule, Volume};
use crate::model::network::{PeerState, Subnet, Vnet};
use crate::model::ontap::{Cluster, ClusterPeer, Lif, Node, OntapVolume, Svm, VserverPeer};
use crate::model::replication::{MirrorState, Relationship};
use crate::model::tenancy::{FeatureState, ResourceGroup, Subscription, Tenant};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeSet;

const GIB: u64 = 1024 * 1024 * 1024;
const TIB: u64 = 1024 * GIB;

const TENANT: &str = "7d3e6c1a-52b4-4f0e-9c8d-2a1b3c4d5e6f";
const SUB_A: &str = "0f3c1e5a-7b2d-4c8e-9a61-3d5f2b8e4c71";
const SUB_B: &str = "5b7e2d41-9c3a-4e8f-8b1d-6a2c4e9f0d13";
const LOCATION: &str = "eastus";

/// Where the demo starts, for the app's scope picker defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultScope {
    pub tenant_id: String,
    pub subscription_id: String,
    pub resource_group: String,
    pub location: String,
    pub account: String,
    pub pool: String,
    pub vnet: String,
    pub subnet: String,
    /// Full id of the delegated subnet.
    pub subnet_id: String,
    /// The source cluster, its SVM and its intercluster LIF addresses.
    pub cluster: String,
    pub svm: String,
    pub intercluster_addresses: Vec<String>,
    /// A second subscription with its own account, pool and subnet.
    pub second_subscription_id: String,
}

/// The default scope (the same in every scenario).
#[must_use]
pub fn default_scope() -> DefaultScope {
    let rg = "rg-anf-migration";
    DefaultScope {
        tenant_id: TENANT.into(),
        subscription_id: SUB_A.into(),
        resource_group: rg.into(),
        location: LOCATION.into(),
        account: "anf-contoso".into(),
        pool: "pool-standard".into(),
        vnet: "vnet-anf".into(),
        subnet: "snet-anf".into(),
        subnet_id: format!("/subscriptions/{SUB_A}/resourceGroups/{rg}/providers/Microsoft.Network/virtualNetworks/vnet-anf/subnets/snet-anf"),
        cluster: "onprem-cl01".into(),
        svm: "svm_nfs".into(),
        intercluster_addresses: vec!["192.168.10.21".into(), "192.168.10.22".into()],
        second_subscription_id: SUB_B.into(),
    }
}

/// Moves tenant `from`, and every subscription in it, to the id `to` (armsim names the tenant
/// the user signed in to).
pub(crate) fn move_tenant(engine: &mut Engine, from: &str, to: &str) {
    let w = &mut engine.world;
    for tenant in w.tenants.iter_mut().filter(|t| t.id == from) {
        tenant.id = to.to_owned();
    }
    for sub in w.subscriptions.values_mut().filter(|s| s.tenant_id == from) {
        sub.tenant_id = to.to_owned();
    }
}

/// Fills a new engine's world for `scenario`.
pub(crate) fn populate(engine: &mut Engine, scenario: Scenario) {
    let w = &mut engine.world;
    w.tenants.push(Tenant {
        id: TENANT.into(),
        display_name: "Contoso".into(),
        default_domain: "contoso.onmicrosoft.com".into(),
    });
    let feature = if scenario == Scenario::FeatureNotRegistered {
        FeatureState::NotRegistered
    } else {
        FeatureState::Registered
    };
    for (id, name, f) in [
        (SUB_A, "Contoso Migration", feature),
        (SUB_B, "Contoso Landing Zone", FeatureState::Registered),
    ] {
        w.subscriptions.insert(
            key(id),
            Subscription {
                id: id.into(),
                display_name: name.into(),
                tenant_id: TENANT.into(),
                feature: f,
                provider_registered: true,
            },
        );
    }
    let (prefix, others) = match scenario {
        Scenario::SubnetTooSmall => ("10.20.1.0/28", 6),
        Scenario::PlacementNoReuse => ("10.20.1.0/27", 0),
        _ => ("10.20.1.0/24", 0),
    };
    if scenario == Scenario::PlacementNoReuse {
        w.placement_capacity = 1;
    }
    add_site(
        engine,
        SUB_A,
        "rg-anf-migration",
        "anf-contoso",
        "pool-standard",
        "vnet-anf",
        "10.20",
        prefix,
        others,
    );
    add_site(
        engine,
        SUB_B,
        "rg-anf-landing",
        "anf-landing",
        "pool-landing",
        "vnet-landing",
        "10.30",
        "10.30.1.0/24",
        0,
    );
    let cluster = source_cluster(scenario, engine.now);
    engine.world.clusters.insert(key(&cluster.name), cluster);

    let scope = default_scope();
    let pool_a = format!("/subscriptions/{SUB_A}/resourceGroups/rg-anf-migration/providers/Microsoft.NetApp/netAppAccounts/anf-contoso/capacityPools/pool-standard");
    // Active Directory connections and the accounts and pools beyond the basic sites.
    super::seed_netapp::populate(engine, scenario, &pool_a);
    // The source cluster's root volumes, more data volumes, and the wave scenario's volumes.
    super::seed_wave::populate(engine, scenario, &pool_a);
    match scenario {
        Scenario::PeerOfferExpires => {
            let v = existing_migration(
                engine,
                &pool_a,
                &scope.subnet_id,
                "vol-projects-mig",
                "vol_projects",
                380,
            );
            let now = engine.now;
            let issued = now.saturating_sub(55 * 60_000);
            let b = engine.world.volumes[&v].backend.clone().unwrap_or_default();
            let passphrase = engine.rng.passphrase(20);
            if let Some(backend) = engine.world.backends.get_mut(&key(&b)) {
                backend.peers.insert(
                    "onprem-cl01".into(),
                    PeerState::Offered {
                        passphrase,
                        source_addresses: scope.intercluster_addresses.clone(),
                        issued_at: issued,
                        expires_at: issued + OFFER_LIFETIME_MS,
                    },
                );
            }
            engine.schedule(
                issued + OFFER_LIFETIME_MS,
                Event::OfferExpiry {
                    backend: key(&b),
                    cluster: "onprem-cl01".into(),
                    issued_at: issued,
                },
            );
        }
        Scenario::AlreadyPeered => {
            let v = existing_migration(
                engine,
                &pool_a,
                &scope.subnet_id,
                "vol-scratch-mig",
                "vol_scratch",
                30,
            );
            peer_and_mirror(engine, &v);
        }
        Scenario::SecondSubscription => {
            let pool_b = format!("/subscriptions/{SUB_B}/resourceGroups/rg-anf-landing/providers/Microsoft.NetApp/netAppAccounts/anf-landing/capacityPools/pool-landing");
            let subnet_b = format!("/subscriptions/{SUB_B}/resourceGroups/rg-anf-landing/providers/Microsoft.Network/virtualNetworks/vnet-landing/subnets/snet-anf");
            let v = existing_migration(
                engine,
                &pool_b,
                &subnet_b,
                "vol-archive-mig",
                "vol_archive",
                1600,
            );
            peer_and_mirror(engine, &v);
        }
        _ => {}
    }
}

#[allow(clippy::too_many_arguments)] // one call per site; a struct would only restate the names
fn add_site(
    engine: &mut Engine,
    sub: &str,
    rg: &str,
    account: &str,
    pool: &str,
    vnet: &str,
    net: &str,
    prefix: &str,
    others: u32,
) {
    let w = &mut engine.world;
    let rg_res =
        ResourceGroup { subscription: sub.into(), name: rg.into(), location: LOCATION.into() };
    let rg_id = rg_res.id();
    w.resource_groups.insert(key(&rg_id), rg_res);
    let account_id = format!("{rg_id}/providers/Microsoft.NetApp/netAppAccounts/{account}");
    w.accounts.insert(
        key(&account_id),
        Account {
            id: account_id.clone(),
            name: account.into(),
            location: LOCATION.into(),
            active_directory: None,
        },
    );
    let pool_id = format!("{account_id}/capacityPools/{pool}");
    let pool_uuid = engine.rng.uuid();
    engine.world.pools.insert(
        key(&pool_id),
        Pool {
            id: pool_id,
            name: format!("{account}/{pool}"),
            location: LOCATION.into(),
            service_level: "Standard".into(),
            size: 4 * TIB,
            pool_id: pool_uuid,
            manual_qos: false,
        },
    );
    let vnet_id = format!("{rg_id}/providers/Microsoft.Network/virtualNetworks/{vnet}");
    let subnet = |name: &str, prefix: &str, delegated: bool, others: u32| Subnet {
        id: format!("{vnet_id}/subnets/{name}"),
        name: name.into(),
        address_prefix: prefix.into(),
        delegated_to_netapp: delegated,
        others_in_use: others,
        allocated: BTreeSet::new(),
    };
    engine.world.vnets.insert(
        key(&vnet_id),
        Vnet {
            id: vnet_id.clone(),
            name: vnet.into(),
            location: LOCATION.into(),
            address_space: vec![format!("{net}.0.0/16")],
            subnets: vec![
                subnet("snet-anf", prefix, true, others),
                subnet("snet-workload", &format!("{net}.2.0/24"), false, 12),
            ],
        },
    );
}

fn source_cluster(scenario: Scenario, now: u64) -> Cluster {
    let name = "onprem-cl01";
    let lif = |vserver: &str, n: &str, addr: &str, node: &str, policy: &str, role: &str| Lif {
        vserver: vserver.into(),
        name: n.into(),
        address: addr.into(),
        mask_bits: 24,
        home_node: node.into(),
        port: if role == "intercluster" { "e0d".into() } else { "e0c".into() },
        service_policy: policy.into(),
        role: role.into(),
        ipspace: "Default".into(),
    };
    let locked = scenario == Scenario::SnapshotLocking;
    let vol = |n: &str, size: u64, used: u64, rate: u64, flexgroup: bool| OntapVolume {
        svm: "svm_nfs".into(),
        name: n.into(),
        aggregate: if flexgroup { "-".into() } else { "aggr1_node1".into() },
        size,
        logical_used: used,
        flexgroup,
        snapshot_locking: locked,
        online: true,
        change_rate: rate,
        writes_base: 0,
        writes_since: now,
        ..OntapVolume::default()
    };
    let mut volumes = vec![
        vol("vol_home", 100 * GIB, 42 * GIB, 64 * 1024, false),
        vol("vol_projects", 500 * GIB, 310 * GIB, 256 * 1024, false),
        vol("vol_archive", 2 * TIB, 1228 * GIB, 8 * 1024, false),
        vol("vol_scratch", 20 * GIB, 3 * GIB, 1024 * 1024, false),
    ];
    if scenario == Scenario::FlexGroupSource {
        volumes.push(vol("vol_media_fg", 10 * TIB, 6 * TIB, 512 * 1024, true));
    }
    Cluster {
        name: name.into(),
        version: if scenario == Scenario::OldOntap { (9, 9, 1) } else { (9, 14, 1) },
        serial: "1-80-000099".into(),
        uuid: "3f6e1c52-8a2d-11ee-9c1b-00a098d4e2f1".into(),
        nodes: vec![
            Node { name: format!("{name}-01"), healthy: true },
            Node { name: format!("{name}-02"), healthy: true },
        ],
        ipspaces: vec!["Default".into(), "Cluster".into()],
        lifs: vec![
            lif(
                name,
                "cluster_mgmt",
                "192.168.10.10",
                "onprem-cl01-01",
                "default-management",
                "cluster-mgmt",
            ),
            lif(
                name,
                "onprem-cl01-01_ic1",
                "192.168.10.21",
                "onprem-cl01-01",
                "default-intercluster",
                "intercluster",
            ),
            lif(
                name,
                "onprem-cl01-02_ic1",
                "192.168.10.22",
                "onprem-cl01-02",
                "default-intercluster",
                "intercluster",
            ),
            lif(
                "svm_nfs",
                "svm_nfs_data1",
                "192.168.20.31",
                "onprem-cl01-01",
                "default-data-files",
                "data",
            ),
            lif(
                "svm_nfs",
                "svm_nfs_data2",
                "192.168.20.32",
                "onprem-cl01-02",
                "default-data-files",
                "data",
            ),
        ],
        svms: vec![Svm {
            name: "svm_nfs".into(),
            root_volume: "svm_nfs_root".into(),
            aggregate: "aggr1_node1".into(),
        }],
        volumes,
        peers: Vec::new(),
        vserver_peers: Vec::new(),
        ..Cluster::default()
    }
}

/// A migration volume created earlier, placed and waiting for peering; its key.
fn existing_migration(
    engine: &mut Engine,
    pool_id: &str,
    subnet_id: &str,
    name: &str,
    source: &str,
    gib: u64,
) -> String {
    let id = format!("{pool_id}/volumes/{name}");
    let vkey = key(&id);
    let pool_name =
        engine.world.pools.get(&key(pool_id)).map(|p| p.name.clone()).unwrap_or_default();
    let sub = pool_id.split('/').nth(2).unwrap_or_default().to_string();
    let (fs, rep) = (engine.rng.uuid(), engine.rng.uuid());
    engine.world.volumes.insert(
        vkey.clone(),
        Volume {
            id,
            name: format!("{pool_name}/{name}"),
            location: LOCATION.into(),
            subscription: sub,
            pool_key: key(pool_id),
            creation_token: name.into(),
            usage_threshold: gib * GIB,
            service_level: "Standard".into(),
            subnet_id: subnet_id.into(),
            network_features: "Standard".into(),
            protocol_types: vec!["NFSv3".into()],
            export_rules: json!([{ "ruleIndex": 1, "unixReadOnly": false, "unixReadWrite": true, "nfsv3": true, "nfsv41": false, "cifs": false, "allowedClients": "0.0.0.0/0", "hasRootAccess": true }]),
            is_large_volume: false,
            file_system_id: fs,
            provisioning_state: "Succeeded".into(),
            backend: None,
            migration: Some(Migration {
                replication_id: rep,
                schedule: Schedule::Hourly,
                remote: RemotePath { external_host_name: "onprem-cl01".into(), server_name: "svm_nfs".into(), volume_name: source.into() },
                cluster: Some("onprem-cl01".into()),
                authorized: false,
                relationship: None,
            }),
            pending_op: None,
            local_writes: 0,
            tags: serde_json::Value::Null,
            extras: Default::default(),
        },
    );
    if let Ok(backend) = engine.place(&vkey) {
        if let Some(v) = engine.world.volumes.get_mut(&vkey) {
            v.backend = Some(backend);
        }
    }
    vkey
}

/// Completes peering and the baseline for a seeded migration volume.
fn peer_and_mirror(engine: &mut Engine, vkey: &str) {
    let now = engine.now;
    let Some(vol) = engine.world.volumes.get(vkey) else { return };
    let Some(bname) = vol.backend.clone() else { return };
    let source = vol.migration.as_ref().map(|m| m.remote.volume_name.clone()).unwrap_or_default();
    let Some(b) = engine.world.backends.get_mut(&key(&bname)) else { return };
    b.peers.insert("onprem-cl01".into(), PeerState::Peered { since: now });
    let (name, serial, lifs, anf_svm) =
        (b.name.clone(), b.serial.clone(), b.ic_lifs.clone(), b.svm.clone());
    let Some(c) = engine.world.clusters.get_mut("onprem-cl01") else { return };
    c.peers.push(ClusterPeer {
        remote: name.clone(),
        serial,
        addresses: lifs,
        ipspace: "Default".into(),
        available: true,
    });
    c.vserver_peers.push(VserverPeer {
        vserver: "svm_nfs".into(),
        peer_vserver: anf_svm,
        peer_cluster: name,
        peered: true,
    });
    let (used, writes) =
        c.volume("svm_nfs", &source).map_or((0, 0), |v| (v.logical_used, v.writes_at(now)));
    let Some(m) = engine.world.volumes.get_mut(vkey).and_then(|v| v.migration.as_mut()) else {
        return;
    };
    m.authorized = true;
    let mut rel = Relationship::new(now);
    rel.mirror = MirrorState::Mirrored;
    rel.bytes_done = used;
    rel.snapshot_at = Some(now);
    rel.snapshot_writes = writes;
    m.relationship = Some(rel);
    let next = m.schedule.next_after(now);
    engine.schedule(next, Event::Scheduled { volume: vkey.to_string(), epoch: 0 });
}
