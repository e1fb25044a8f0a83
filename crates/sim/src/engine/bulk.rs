//! Many volumes at once, for load tests and the benchmark: regular volumes placed straight into
//! a pool (growing it as needed) without going through ARM and its throttling.

use crate::engine::events::Event;
use crate::engine::seed::default_scope;
use crate::engine::Engine;
use crate::model::key;
use crate::model::netapp::{Migration, RemotePath, Schedule, Volume};
use crate::model::replication::{MirrorState, Relationship, Transfer, TransferKind};
use anf_core::time::Timestamp;
use serde_json::json;

const GIB: u64 = 1024 * 1024 * 1024;

impl Engine {
    /// Adds `count` 100 GiB regular volumes named `bulk-00000`... to the pool with id `pool_id`
    /// (which must exist); returns how many were added.
    pub(crate) fn add_bulk_volumes(
        &mut self,
        pool_id: &str,
        count: usize,
        now: Timestamp,
    ) -> usize {
        self.catch_up(now);
        let pool_key = key(pool_id);
        let Some(pool) = self.world.pools.get_mut(&pool_key) else { return 0 };
        pool.size += count as u64 * 100 * GIB;
        let (pool_id, pool_name, location) =
            (pool.id.clone(), pool.name.clone(), pool.location.clone());
        let sub = pool_id.split('/').nth(2).unwrap_or_default().to_string();
        let subnet_id = self
            .world
            .vnets
            .values()
            .filter(|v| key(&v.id).starts_with(&format!("/subscriptions/{}/", key(&sub))))
            .flat_map(|v| v.subnets.iter())
            .find(|s| s.delegated_to_netapp)
            .map(|s| s.id.clone())
            .unwrap_or_default();
        let start = self.world.volumes.len();
        for i in 0..count {
            let name = format!("bulk-{:05}", start + i);
            let id = format!("{pool_id}/volumes/{name}");
            let fs = self.rng.uuid();
            self.world.volumes.insert(
                key(&id),
                Volume {
                    id,
                    name: format!("{pool_name}/{name}"),
                    location: location.clone(),
                    subscription: sub.clone(),
                    pool_key: pool_key.clone(),
                    creation_token: name.clone(),
                    usage_threshold: 100 * GIB,
                    service_level: "Standard".into(),
                    subnet_id: subnet_id.clone(),
                    network_features: "Standard".into(),
                    protocol_types: vec!["NFSv3".into()],
                    export_rules: json!([]),
                    is_large_volume: false,
                    file_system_id: fs,
                    provisioning_state: "Succeeded".into(),
                    backend: None,
                    migration: None,
                    pending_op: None,
                    local_writes: 0,
                    tags: serde_json::Value::Null,
                    extras: Default::default(),
                },
            );
        }
        count
    }

    /// Adds `count` migration volumes (named as [`Self::add_bulk_volumes`] names them) to the
    /// pool with id `pool_id`, in mixed phases, a quarter each by index: waiting for peering,
    /// baseline transferring (10 to 90 GiB, so they finish at different times), mirrored with
    /// hourly updates, and broken for a dry run. For load tests of the app's polling (the
    /// benchmark); returns how many were added.
    pub(crate) fn add_bulk_migrations(
        &mut self,
        pool_id: &str,
        count: usize,
        now: Timestamp,
    ) -> usize {
        let first = self.world.volumes.len();
        let added = self.add_bulk_volumes(pool_id, count, now);
        let Some(pool) = self.world.pools.get(&key(pool_id)).map(|p| p.id.clone()) else {
            return 0;
        };
        let scope = default_scope();
        let t = self.now;
        for i in 0..added {
            let vkey = key(&format!("{pool}/volumes/bulk-{:05}", first + i));
            let gib = 10 + (i as u64 * 37) % 81;
            let mut relationship = Relationship::new(t);
            let phase = i % 4;
            match phase {
                1 => {
                    let transfer = Transfer::new(TransferKind::Baseline, t, gib * GIB, 0, None);
                    self.schedule(
                        transfer.ends_at,
                        Event::TransferEnd { volume: vkey.clone(), epoch: 0 },
                    );
                    relationship.transfer = Some(transfer);
                }
                2 => {
                    relationship.mirror = MirrorState::Mirrored;
                    relationship.bytes_done = gib * GIB;
                    relationship.snapshot_at = Some(t.saturating_sub((i as u64 % 50) * 60_000));
                    self.schedule(
                        Schedule::Hourly.next_after(t),
                        Event::Scheduled { volume: vkey.clone(), epoch: 0 },
                    );
                }
                3 => {
                    relationship.mirror = MirrorState::Broken;
                    relationship.bytes_done = gib * GIB;
                    relationship.snapshot_at = Some(t);
                }
                _ => {}
            }
            let replication_id = self.rng.uuid();
            let Some(v) = self.world.volumes.get_mut(&vkey) else { continue };
            v.migration = Some(Migration {
                replication_id,
                schedule: Schedule::Hourly,
                remote: RemotePath {
                    external_host_name: scope.cluster.clone(),
                    server_name: scope.svm.clone(),
                    volume_name: format!("bulk_src_{:05}", first + i),
                },
                cluster: Some(key(&scope.cluster)),
                authorized: phase != 0,
                relationship: (phase != 0).then_some(relationship),
            });
        }
        added
    }

    /// Clients write `bytes` to an ANF volume (possible only while it is read-write: a regular
    /// volume, or a migration volume whose replication is broken). Err says why not.
    pub(crate) fn write_to_volume(
        &mut self,
        volume_id: &str,
        bytes: u64,
        now: Timestamp,
    ) -> Result<(), String> {
        self.catch_up(now);
        let v = self.world.volumes.get_mut(&key(volume_id)).ok_or("no such volume")?;
        let writable = v.migration.as_ref().is_none_or(|m| {
            m.relationship
                .as_ref()
                .is_some_and(|r| r.mirror == crate::model::replication::MirrorState::Broken)
        });
        if !writable {
            return Err("the volume is a read-only replication destination".into());
        }
        v.local_writes += bytes;
        Ok(())
    }

    /// Bytes clients wrote to a volume since it last became writable.
    #[must_use]
    pub(crate) fn volume_local_writes(&self, volume_id: &str) -> Option<u64> {
        self.world.volumes.get(&key(volume_id)).map(|v| v.local_writes)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::replication::MirrorState;
    use crate::{Scenario, Simulator};
    use anf_core::time::Timestamp;

    #[test]
    fn bulk_migrations_come_in_mixed_phases_and_the_baselines_end() {
        let start = 1_790_000_000_000;
        let mut sim = Simulator::new(Scenario::HappyPath, 1, Timestamp(start));
        let scope = sim.default_scope();
        let pool = format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}",
            scope.subscription_id, scope.resource_group, scope.account, scope.pool
        );
        assert_eq!(sim.add_bulk_migrations(&pool, 8, Timestamp(start)), 8);
        let states = |sim: &Simulator| {
            let mut v: Vec<(Option<MirrorState>, bool)> = sim
                .world()
                .volumes
                .values()
                .filter(|v| v.creation_token.starts_with("bulk-"))
                .map(|v| {
                    let rel = v.migration.as_ref().and_then(|m| m.relationship.as_ref());
                    (rel.map(|r| r.mirror), rel.is_some_and(|r| r.transfer.is_some()))
                })
                .collect();
            v.sort_by_key(|(m, t)| (format!("{m:?}"), *t));
            v
        };
        assert_eq!(
            states(&sim),
            vec![
                (None, false),
                (None, false),
                (Some(MirrorState::Broken), false),
                (Some(MirrorState::Broken), false),
                (Some(MirrorState::Mirrored), false),
                (Some(MirrorState::Mirrored), false),
                (Some(MirrorState::Uninitialized), true),
                (Some(MirrorState::Uninitialized), true),
            ]
        );
        // 90 GiB at 200 MiB/s is under 8 minutes: every baseline is done after 10.
        sim.advance(600, Timestamp(start));
        assert!(states(&sim).iter().all(|(m, _)| *m != Some(MirrorState::Uninitialized)));
    }
}
