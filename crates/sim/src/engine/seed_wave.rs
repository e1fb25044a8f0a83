//! The source cluster's data beyond what `seed::source_cluster` builds.
//!
//! In every scenario: the volumes any real cluster has but no one migrates (the SVM's root
//! volume, each node's `vol0`), six more data volumes of mixed sizes, and the nodes' boot time
//! (for `system node show`). Nothing here draws from the RNG, so the ids the rest of the world
//! draws stay what they were.
//!
//! In the wave scenario ([`Scenario::Wave`]) the cluster holds [`WAVE_SOURCE_VOLUMES`] volumes:
//! a second SVM, `svm_eng`, whose [`WAVE_VOLUMES`] data volumes are the wave (among them a
//! FlexGroup and a DP volume, which the wave must flag), and 80 more volumes on `svm_nfs`
//! (home directories and department shares). Sizes run from 5 GiB to 8 TiB (the FlexGroup:
//! 12 TiB), drawn from the seed. On the Azure side the default pool holds every migratable
//! volume of the cluster with the wave's 20% quota headroom, and placement puts at most
//! [`WAVE_PLACEMENT`] volumes on one storage system, so a wave of 120 shows both placement
//! outcomes (reused storage: "already peered"; new storage: a second peering command).

use crate::engine::Engine;
use crate::model::key;
use crate::model::ontap::{Cluster, Lif, OntapVolume, Svm, VolumeType};
use crate::rng::Rng;
use crate::scenario::Scenario;

const GIB: u64 = 1 << 30;
const TIB: u64 = 1 << 40;
const MIB: u64 = 1 << 20;
const DAY_MS: u64 = 86_400_000;

/// The cluster the scenarios seed.
const CLUSTER: &str = "onprem-cl01";
/// The wave's SVM.
pub const WAVE_SVM: &str = "svm_eng";
/// Data volumes on [`WAVE_SVM`]: the wave.
pub const WAVE_VOLUMES: usize = 120;
/// Every volume `volume show -vserver *` lists in the wave scenario.
pub const WAVE_SOURCE_VOLUMES: usize = 214;
/// The FlexGroup and the DP volume among the wave's volumes.
pub const WAVE_FLEXGROUP: &str = "eng_datalake_fg";
/// See [`WAVE_FLEXGROUP`].
pub const WAVE_DP: &str = "eng_ci_artifacts_mirror";
/// Volumes per storage system in the wave scenario.
pub const WAVE_PLACEMENT: usize = 100;
/// The quota headroom of the wave's defaults (the wizard's suggestion).
const HEADROOM_PERCENT: u64 = 20;
/// ANF's smallest regular volume.
const MIN_QUOTA_GIB: u64 = 50;

/// Fills in the source cluster's volumes for `scenario`; `pool_id` is the default pool, which
/// the wave scenario sizes for its volumes.
pub(crate) fn populate(engine: &mut Engine, scenario: Scenario, pool_id: &str) {
    let now = engine.now;
    let wave = (scenario == Scenario::Wave).then(|| wave_volumes(&mut engine.rng, now));
    let Some(c) = engine.world.clusters.get_mut(CLUSTER) else { return };
    c.booted_at = now.saturating_sub(87 * DAY_MS + (4 * 60 + 12) * 60_000);
    let locked = c.volumes.first().is_some_and(|v| v.snapshot_locking);
    let more = [
        ("vol_finance", 250 * GIB, 180 * GIB, 32 * 1024, 2),
        ("vol_hr_share", 80 * GIB, 21 * GIB, 8 * 1024, 1),
        ("vol_build_cache", TIB, 610 * GIB, 2 * MIB, 2),
        ("vol_vm_images", 4 * TIB, 2970 * GIB, 128 * 1024, 1),
        ("vol_logs", 300 * GIB, 240 * GIB, 512 * 1024, 2),
        ("vol_db_backups", 3 * TIB, 1843 * GIB, 64 * 1024, 1),
    ];
    for (name, size, used, rate, node) in more {
        let mut v = volume("svm_nfs", name, size, used, rate, node, now);
        v.snapshot_locking = locked;
        c.volumes.push(v);
    }
    add_roots(c, "svm_nfs", now);
    let Some(wave) = wave else { return };
    c.svms.push(Svm {
        name: WAVE_SVM.into(),
        root_volume: format!("{WAVE_SVM}_root"),
        aggregate: "aggr1_node2".into(),
    });
    for (i, addr) in ["192.168.20.41", "192.168.20.42"].into_iter().enumerate() {
        c.lifs.push(Lif {
            vserver: WAVE_SVM.into(),
            name: format!("{WAVE_SVM}_data{}", i + 1),
            address: addr.into(),
            mask_bits: 24,
            home_node: format!("{CLUSTER}-0{}", i + 1),
            port: "e0c".into(),
            service_policy: "default-data-files".into(),
            role: "data".into(),
            ipspace: "Default".into(),
        });
    }
    c.volumes.push(root_volume(WAVE_SVM, 2, now));
    c.volumes.extend(wave);
    let quota: u64 = c
        .volumes
        .iter()
        .filter(|v| v.volume_type == VolumeType::Rw && !v.flexgroup && !v.root)
        .map(|v| quota(v.logical_used))
        .sum();
    engine.world.placement_capacity = WAVE_PLACEMENT;
    if let Some(pool) = engine.world.pools.get_mut(&key(pool_id)) {
        // Rounded up to 10 TiB, with a tenth to spare.
        pool.size = pool.size.max((quota + quota / 10).div_ceil(10 * TIB) * 10 * TIB);
    }
}

/// The quota a wave gives a volume: its logical size and the headroom, whole GiB, at least
/// ANF's smallest volume (the same rule as `anf_core::wave::quota_with_headroom`).
fn quota(logical: u64) -> u64 {
    (logical * (100 + HEADROOM_PERCENT)).div_ceil(100).div_ceil(GIB).max(MIN_QUOTA_GIB) * GIB
}

/// A data volume on aggregate `aggr1_node<node>`, online, written at `rate` bytes/s.
fn volume(
    svm: &str,
    name: &str,
    size: u64,
    used: u64,
    rate: u64,
    node: u8,
    now: u64,
) -> OntapVolume {
    OntapVolume {
        svm: svm.into(),
        name: name.into(),
        aggregate: format!("aggr1_node{node}"),
        size,
        logical_used: used,
        online: true,
        change_rate: rate,
        writes_since: now,
        ..OntapVolume::default()
    }
}

/// An SVM's root volume: 1 GiB, holding only the namespace.
fn root_volume(svm: &str, node: u8, now: u64) -> OntapVolume {
    OntapVolume { root: true, ..volume(svm, &format!("{svm}_root"), GIB, 3 * MIB, 0, node, now) }
}

/// The SVM's root volume and each node's `vol0` (in the node's own Vserver, on `aggr0`).
fn add_roots(c: &mut Cluster, svm: &str, now: u64) {
    c.volumes.push(root_volume(svm, 1, now));
    let nodes: Vec<String> = c.nodes.iter().map(|n| n.name.clone()).collect();
    for (i, node) in nodes.iter().enumerate() {
        let mut v = volume(node, "vol0", 348 * GIB, 139 * GIB, 0, 1, now);
        v.aggregate = format!("aggr0_node{}", i + 1);
        v.root = true;
        c.volumes.push(v);
    }
}

/// A size drawn from the seed: most volumes small, some medium, a few large.
fn draw_size(rng: &mut Rng, home: bool) -> u64 {
    let tier = if home { rng.below(100) / 2 } else { rng.below(100) };
    match tier {
        0..55 => (5 + rng.below(30) * 5) * GIB,
        55..85 => (200 + rng.below(27) * 50) * GIB,
        _ => (4 + rng.below(13)) * TIB / 2,
    }
}

/// A used size of 25-85% of `size`, and the write rate that rewrites it in about 3 weeks.
fn draw_use(rng: &mut Rng, size: u64) -> (u64, u64) {
    let used = size / 100 * (25 + rng.below(61));
    (used, used / 1_800_000 * (50 + rng.below(101)) / 100)
}

/// The wave scenario's volumes: [`WAVE_VOLUMES`] on [`WAVE_SVM`] (the wave), 80 on svm_nfs.
fn wave_volumes(rng: &mut Rng, now: u64) -> Vec<OntapVolume> {
    const TEAMS: [&str; 10] = [
        "platform", "mobile", "web", "data", "ml", "infra", "qa", "security", "firmware", "devops",
    ];
    const KINDS: [&str; 12] = [
        "src",
        "builds",
        "artifacts",
        "cache",
        "scratch",
        "datasets",
        "logs",
        "results",
        "tools",
        "docs",
        "archive",
        "home",
    ];
    const PEOPLE: [&str; 40] = [
        "smith",
        "johnson",
        "williams",
        "brown",
        "jones",
        "garcia",
        "miller",
        "davis",
        "rodriguez",
        "martinez",
        "hernandez",
        "lopez",
        "gonzalez",
        "wilson",
        "anderson",
        "thomas",
        "taylor",
        "moore",
        "jackson",
        "martin",
        "lee",
        "perez",
        "thompson",
        "white",
        "harris",
        "sanchez",
        "clark",
        "ramirez",
        "lewis",
        "robinson",
        "walker",
        "young",
        "allen",
        "king",
        "wright",
        "scott",
        "torres",
        "nguyen",
        "hill",
        "flores",
    ];
    const DEPARTMENTS: [&str; 10] = [
        "finance",
        "hr",
        "legal",
        "sales",
        "marketing",
        "ops",
        "facilities",
        "procurement",
        "support",
        "training",
    ];
    const SHARES: [&str; 4] = ["share", "archive", "reports", "projects"];
    let mut out = Vec::new();
    let eng: Vec<String> = TEAMS
        .iter()
        .flat_map(|t| KINDS.iter().map(move |k| format!("eng_{t}_{k}")))
        .take(WAVE_VOLUMES - 2)
        .collect();
    for (i, name) in eng.iter().enumerate() {
        let size = draw_size(rng, false);
        let (used, rate) = draw_use(rng, size);
        out.push(volume(WAVE_SVM, name, size, used, rate, 1 + (i % 2) as u8, now));
    }
    let mut fg = volume(WAVE_SVM, WAVE_FLEXGROUP, 12 * TIB, 7577 * GIB, 4 * MIB, 1, now);
    fg.flexgroup = true;
    fg.aggregate = "-".into();
    out.push(fg);
    let mut dp = volume(WAVE_SVM, WAVE_DP, 1536 * GIB, 901 * GIB, 0, 2, now);
    dp.volume_type = VolumeType::Dp;
    out.push(dp);
    let initials = "ajmdkrsltpcegwnbhfvy".as_bytes();
    for (i, person) in PEOPLE.iter().enumerate() {
        let name = format!("home_{}{person}", initials[i % initials.len()] as char);
        let size = draw_size(rng, true);
        let (used, rate) = draw_use(rng, size);
        out.push(volume("svm_nfs", &name, size, used, rate, 1 + (i % 2) as u8, now));
    }
    for (i, (dept, share)) in
        DEPARTMENTS.iter().flat_map(|d| SHARES.iter().map(move |s| (d, s))).enumerate()
    {
        let size = draw_size(rng, false);
        let (used, rate) = draw_use(rng, size);
        let name = format!("vol_{dept}_{share}");
        out.push(volume("svm_nfs", &name, size, used, rate, 2 - (i % 2) as u8, now));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Kit;
    use anf_core::wave::{parse_ontap_size, parse_volume_show, quota_with_headroom, NotMigratable};

    fn wave_paste(k: &mut Kit, svm: &str) -> String {
        k.cli(&format!(
            "volume show -vserver {svm} -fields vserver,volume,size,logical-used,type,volume-style-extended"
        ))
    }

    #[test]
    fn the_wave_scenario_has_two_svms_and_the_wave_flags_a_flexgroup_a_dp_and_a_root() {
        let mut k = Kit::with(Scenario::Wave);
        let all = parse_volume_show(&wave_paste(&mut k, "*"));
        assert!(all.problems.is_empty(), "{:?}", all.problems);
        assert_eq!(all.volumes.len(), WAVE_SOURCE_VOLUMES);
        let svms: std::collections::BTreeSet<&str> =
            all.volumes.iter().map(|v| v.vserver.as_str()).collect();
        assert!(svms.contains("svm_nfs") && svms.contains(WAVE_SVM), "{svms:?}");
        let wave = parse_volume_show(&wave_paste(&mut k, WAVE_SVM));
        // The wave's volumes and the SVM's root volume.
        assert_eq!(wave.volumes.len(), WAVE_VOLUMES + 1);
        let blocked: Vec<(String, NotMigratable)> = wave
            .volumes
            .iter()
            .filter_map(|v| Some((v.volume.clone(), v.facts.blocker(&v.volume)?)))
            .collect();
        assert_eq!(blocked.len(), 3, "{blocked:?}");
        assert!(blocked
            .contains(&(WAVE_FLEXGROUP.into(), NotMigratable::FlexGroup { constituent: false })));
        assert!(blocked
            .contains(&(WAVE_DP.into(), NotMigratable::NotReadWrite { ontap_type: "DP".into() })));
        assert!(blocked.iter().any(|(n, _)| n == "svm_eng_root"));
        // Mixed sizes, from a few GiB to several TiB.
        let sizes: Vec<u64> = wave
            .volumes
            .iter()
            .filter_map(|v| parse_ontap_size(v.size.as_deref()?).ok()?)
            .collect();
        assert!(sizes.iter().any(|s| *s <= 20 * GIB) && sizes.iter().any(|s| *s >= 3 * TIB));
    }

    #[test]
    fn the_wave_is_the_same_from_the_same_seed_and_fits_the_pool_and_subnet() {
        let a = Kit::with(Scenario::Wave);
        let b = Kit::with(Scenario::Wave);
        let vols = |k: &Kit| k.sim.world().clusters[CLUSTER].volumes.clone();
        assert_eq!(vols(&a), vols(&b));
        let w = a.sim.world();
        let pool = w.pools.values().find(|p| p.name.ends_with("/pool-standard")).unwrap();
        let quota: u64 = vols(&a)
            .iter()
            .filter(|v| !v.root && !v.flexgroup && v.volume_type == VolumeType::Rw)
            .filter_map(|v| quota_with_headroom(v.logical_used, 20))
            .sum();
        assert!(quota > 10 * TIB && pool.size >= quota, "{} < {quota}", pool.size);
        // Two storage systems for 120 volumes: 14 of the subnet's addresses.
        let subnet = w.subnet(&a.scope.subnet_id).unwrap();
        assert!(subnet.free() >= 14, "{}", subnet.free());
        assert_eq!(w.placement_capacity, WAVE_PLACEMENT);
    }

    #[test]
    fn a_wave_of_120_lands_on_two_storage_systems() {
        let mut k = Kit::with(Scenario::Wave);
        for i in 0..=WAVE_PLACEMENT {
            k.create_migration(&format!("mig-{i:03}"), "vol_home", 50, crate::testkit::A26);
        }
        let backends: std::collections::BTreeSet<String> =
            k.sim.world().volumes.values().filter_map(|v| v.backend.clone()).collect();
        assert_eq!(backends.len(), 2, "{backends:?}");
    }

    #[test]
    fn every_scenario_has_root_volumes_and_the_happy_path_more_volumes() {
        let mut k = Kit::new();
        let out = k.cli("volume show -vserver * -vsroot true -fields vsroot");
        assert!(out.contains("svm_nfs_root") && !out.contains("vol0"), "{out}");
        assert!(k.cli("volume show -volume vol0").contains("2 entries were displayed."));
        let data = k.cli("volume show -vserver svm_nfs -vsroot false -fields size");
        assert!(data.contains("10 entries were displayed."), "{data}");
        // Other scenarios keep their own volumes and the default placement.
        assert_eq!(k.sim.world().placement_capacity, 1000);
    }
}
