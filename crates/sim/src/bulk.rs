//! Many volumes at once, for load tests and the benchmark: regular volumes placed straight into
//! a pool (growing it as needed) without going through ARM and its throttling.

use crate::model::key;
use crate::model::netapp::Volume;
use crate::simulator::Simulator;
use anf_core::time::Timestamp;
use serde_json::json;

const GIB: u64 = 1024 * 1024 * 1024;

impl Simulator {
    /// Adds `count` 100 GiB regular volumes named `bulk-00000`... to the pool with id `pool_id`
    /// (which must exist); returns how many were added.
    pub fn add_bulk_volumes(&mut self, pool_id: &str, count: usize, now: Timestamp) -> usize {
        self.run_until(self.clock.sim_now(now).millis());
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
                },
            );
        }
        count
    }

    /// Clients write `bytes` to an ANF volume (possible only while it is read-write: a regular
    /// volume, or a migration volume whose replication is broken). Err says why not.
    pub fn write_to_volume(
        &mut self,
        volume_id: &str,
        bytes: u64,
        now: Timestamp,
    ) -> Result<(), String> {
        self.run_until(self.clock.sim_now(now).millis());
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
    pub fn volume_local_writes(&self, volume_id: &str) -> Option<u64> {
        self.world.volumes.get(&key(volume_id)).map(|v| v.local_writes)
    }
}
