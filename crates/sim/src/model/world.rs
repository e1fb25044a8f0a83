//! All simulated resources, indexed.

use super::key;
use super::netapp::{Account, Pool, Volume};
use super::network::{Backend, Subnet, Vnet};
use super::ontap::Cluster;
use super::tenancy::{ResourceGroup, Subscription, Tenant};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything that exists, on both sides of the migration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct World {
    pub tenants: Vec<Tenant>,
    pub subscriptions: BTreeMap<String, Subscription>,
    pub resource_groups: BTreeMap<String, ResourceGroup>,
    pub accounts: BTreeMap<String, Account>,
    pub pools: BTreeMap<String, Pool>,
    pub volumes: BTreeMap<String, Volume>,
    pub vnets: BTreeMap<String, Vnet>,
    /// ANF storage systems by lower-cased name.
    pub backends: BTreeMap<String, Backend>,
    /// External clusters by lower-cased name.
    pub clusters: BTreeMap<String, Cluster>,
    /// How many volumes placement puts on one storage system before it needs another.
    pub placement_capacity: usize,
    /// Number for the next storage system's name.
    pub next_backend: u32,
}

impl World {
    /// An empty world.
    #[must_use]
    pub fn new() -> Self {
        Self {
            tenants: Vec::new(),
            subscriptions: BTreeMap::new(),
            resource_groups: BTreeMap::new(),
            accounts: BTreeMap::new(),
            pools: BTreeMap::new(),
            volumes: BTreeMap::new(),
            vnets: BTreeMap::new(),
            backends: BTreeMap::new(),
            clusters: BTreeMap::new(),
            placement_capacity: 1000,
            next_backend: 1,
        }
    }

    /// A subscription by id (case-insensitive).
    #[must_use]
    pub fn subscription(&self, id: &str) -> Option<&Subscription> {
        self.subscriptions.get(&key(id))
    }

    /// A subnet by its full id.
    #[must_use]
    pub fn subnet(&self, subnet_id: &str) -> Option<&Subnet> {
        let (vnet_id, name) = split_subnet(subnet_id)?;
        self.vnets.get(&key(vnet_id))?.subnets.iter().find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// A subnet by its full id, mutably.
    pub fn subnet_mut(&mut self, subnet_id: &str) -> Option<&mut Subnet> {
        let (vnet_id, name) = split_subnet(subnet_id)?;
        self.vnets
            .get_mut(&key(vnet_id))?
            .subnets
            .iter_mut()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Volumes of one pool, in name order (a range scan over the index).
    pub fn pool_volumes<'a>(&'a self, pool_key: &str) -> impl Iterator<Item = &'a Volume> + 'a {
        let prefix = format!("{pool_key}/volumes/");
        self.volumes
            .range(prefix.clone()..)
            .take_while(move |(k, _)| k.starts_with(&prefix))
            .map(|(_, v)| v)
    }

    /// The external cluster a volume migrates from, by its remote path's host name.
    #[must_use]
    pub fn cluster_by_name(&self, name: &str) -> Option<&Cluster> {
        self.clusters.get(&key(name))
    }
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

/// `(vnet id, subnet name)` of a subnet id.
fn split_subnet(subnet_id: &str) -> Option<(&str, &str)> {
    let lower = subnet_id.to_ascii_lowercase();
    let i = lower.rfind("/subnets/")?;
    Some((&subnet_id[..i], &subnet_id[i + "/subnets/".len()..]))
}
