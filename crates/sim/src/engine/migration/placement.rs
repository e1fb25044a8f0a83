//! Volume creation, update and deletion, and where volumes land.
//!
//! Placement reuses the storage system of earlier volumes in the same subnet and subscription
//! (so later migration volumes consume no more IPs); when it can't, a new one takes 7 IPs for a
//! migration volume (6 intercluster LIFs for peering, 1 for data) or 1 for a regular volume.

use crate::api::ApiVersion;
use crate::engine::operation::Outcome;
use crate::engine::Engine;
use crate::http::ApiError;
use crate::model::key;
use crate::model::network::Backend;
use crate::model::world::World;
use std::collections::{BTreeMap, BTreeSet};

/// Intercluster LIFs ANF creates for peering.
pub const PEERING_IPS: u32 = 6;

impl Engine {
    pub(in crate::engine) fn complete_create(
        &mut self,
        vkey: &str,
        api: ApiVersion,
    ) -> Result<Outcome, ApiError> {
        match self.place(vkey) {
            Ok(backend) => {
                let v = self.world.volumes.get_mut(vkey).ok_or_else(ApiError::volume_gone)?;
                v.backend = Some(backend);
                v.provisioning_state = "Succeeded".into();
                let body = self.volume_json(vkey, api);
                Ok(Outcome::Done(None, body))
            }
            Err(e) => {
                if let Some(v) = self.world.volumes.get_mut(vkey) {
                    v.provisioning_state = "Failed".into();
                }
                Err(e)
            }
        }
    }

    pub(in crate::engine) fn complete_update(
        &mut self,
        vkey: &str,
        api: ApiVersion,
    ) -> Result<Outcome, ApiError> {
        let v = self.world.volumes.get_mut(vkey).ok_or_else(ApiError::volume_gone)?;
        v.provisioning_state = "Succeeded".into();
        Ok(Outcome::Done(None, self.volume_json(vkey, api)))
    }

    pub(in crate::engine) fn complete_delete(&mut self, vkey: &str) -> Result<Outcome, ApiError> {
        let Some(vol) = self.world.volumes.remove(vkey) else {
            return Ok(Outcome::Done(None, None));
        };
        if let Some(name) = vol.backend.as_deref() {
            if let Some(m) = &vol.migration {
                // Cancelling a migration: clean the peering nothing else uses.
                self.release_peering(
                    name,
                    m.cluster.as_deref().unwrap_or(&key(&m.remote.external_host_name)),
                    &m.remote.server_name,
                );
            }
            let bkey = key(name);
            let empty = self.world.backends.get_mut(&bkey).is_some_and(|b| {
                b.volumes.remove(vkey);
                b.volumes.is_empty()
            });
            if empty {
                if let Some(b) = self.world.backends.remove(&bkey) {
                    let mut ips = b.ic_lifs.clone();
                    ips.push(b.data_ip.clone());
                    if let Some(s) = self.world.subnet_mut(&b.subnet_key) {
                        s.release(&ips);
                    }
                }
            }
        }
        Ok(Outcome::Done(None, None))
    }

    /// Puts the volume on a storage system, allocating subnet IPs as needed; the system's name.
    pub(in crate::engine) fn place(&mut self, vkey: &str) -> Result<String, ApiError> {
        let vol = self.world.volumes.get(vkey).ok_or_else(ApiError::volume_gone)?;
        let migration = vol.migration.is_some();
        let subnet_key = key(&vol.subnet_id);
        let subscription = key(&vol.subscription);
        let capacity = self.world.placement_capacity;
        let reusable = self
            .world
            .backends
            .values()
            .find(|b| {
                b.subnet_key == subnet_key
                    && b.subscription == subscription
                    && b.volumes.len() < capacity
            })
            .map(|b| (key(&b.name), b.ic_lifs.is_empty()));
        let subnet_id = vol.subnet_id.clone();
        let location = vol.location.clone();
        if let Some((bkey, needs_lifs)) = reusable {
            if migration && needs_lifs {
                let lifs = allocate(&mut self.world, &subnet_id, PEERING_IPS)?;
                self.world.backends.get_mut(&bkey).ok_or_else(ApiError::volume_gone)?.ic_lifs =
                    lifs;
            }
            let b = self.world.backends.get_mut(&bkey).ok_or_else(ApiError::volume_gone)?;
            b.volumes.insert(vkey.to_string());
            return Ok(b.name.clone());
        }
        let needed = if migration { PEERING_IPS + 1 } else { 1 };
        let mut ips = allocate(&mut self.world, &subnet_id, needed)?;
        let data_ip = ips.remove(0);
        let n = self.world.next_backend;
        self.world.next_backend += 1;
        let name = format!("anf-{location}-{n:02}");
        let serial = format!("{:012}", self.rng.below(1_000_000_000_000));
        self.world.backends.insert(
            key(&name),
            Backend {
                name: name.clone(),
                serial,
                subscription,
                subnet_key,
                svm: format!("anf_svm_{n:02}"),
                data_ip,
                ic_lifs: ips,
                volumes: BTreeSet::from([vkey.to_string()]),
                peers: BTreeMap::new(),
            },
        );
        Ok(name)
    }
}

/// Takes `needed` IPs from the subnet, or explains why it can't.
fn allocate(world: &mut World, subnet_id: &str, needed: u32) -> Result<Vec<String>, ApiError> {
    let subnet = world.subnet_mut(subnet_id).ok_or_else(|| {
        ApiError::invalid("properties.subnetId", format!("Subnet '{subnet_id}' was not found."))
    })?;
    let free = subnet.free();
    subnet.allocate(needed).ok_or_else(|| {
        ApiError::new(
            400,
            "InsufficientSubnetIPAddresses",
            format!(
                "The delegated subnet '{}' has {free} free IP addresses but {needed} are needed: a migration needs 7 (6 for cluster peering and 1 for data access).",
                subnet.name
            ),
        )
        .with_target("properties.subnetId")
    })
}
