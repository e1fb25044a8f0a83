//! Cluster peering (ANF offers, the source accepts with the passphrase within 60 minutes) and
//! SVM peering (ANF requests after authorization, the source accepts).

use crate::api::ApiVersion;
use crate::engine::events::Event;
use crate::engine::operation::Outcome;
use crate::engine::Engine;
use crate::http::ApiError;
use crate::model::key;
use crate::model::network::PeerState;
use crate::model::ontap::{ClusterPeer, VserverPeer};
use serde_json::{json, Value};

/// How long a cluster peer offer waits for the source to accept it.
pub const OFFER_LIFETIME_MS: u64 = 60 * 60 * 1000;
/// Oldest ONTAP the migration assistant peers with.
pub const MIN_ONTAP: (u8, u8, u8) = (9, 10, 0);
/// Delay between SVM peering being accepted and ANF creating the SnapMirror relationship.
pub const RELATIONSHIP_DELAY_MS: u64 = 30_000;

impl Engine {
    pub(in crate::engine) fn complete_peer(
        &mut self,
        vkey: &str,
        addresses: &[String],
        api: ApiVersion,
    ) -> Result<Outcome, ApiError> {
        let vol = self.world.volumes.get(vkey).ok_or_else(ApiError::volume_gone)?;
        let m = vol.migration.as_ref().ok_or_else(ApiError::not_migration_volume)?;
        let backend_name = vol.backend.clone().ok_or_else(ApiError::volume_gone)?;
        let subscription = key(&vol.subscription);
        let cluster = self
            .world
            .clusters
            .values()
            .find(|c| c.intercluster_addresses().iter().any(|a| addresses.contains(a)))
            .ok_or_else(|| {
                ApiError::new(
                    400,
                    "ExternalClusterUnreachable",
                    format!(
                        "No intercluster LIF answered at {}. Check the addresses and that ICMP and TCP 11104/11105 are open both ways.",
                        addresses.join(", ")
                    ),
                )
                .with_target("peerIpAddresses")
            })?;
        if !cluster.name.eq_ignore_ascii_case(&m.remote.external_host_name) {
            return Err(ApiError::invalid(
                "properties.dataProtection.replication.remotePath.externalHostName",
                format!(
                    "The cluster at the peer addresses is '{}', but the volume's remotePath.externalHostName is '{}'.",
                    cluster.name, m.remote.external_host_name
                ),
            ));
        }
        if cluster.version < MIN_ONTAP {
            return Err(ApiError::new(
                400,
                "UnsupportedOntapVersion",
                format!(
                    "Cluster '{}' runs ONTAP {}; the migration assistant needs ONTAP 9.10.0 or later.",
                    cluster.name,
                    cluster.version_string()
                ),
            ));
        }
        let ckey = key(&cluster.name);
        let cluster_name = cluster.name.clone();
        let other = self.world.volumes.values().find(|v| {
            key(&v.subscription) != subscription
                && v.migration.as_ref().is_some_and(|o| {
                    o.cluster.as_deref() == Some(ckey.as_str())
                        || key(&o.remote.external_host_name) == ckey && o.relationship.is_some()
                })
        });
        if let Some(o) = other {
            return Err(ApiError::conflict(
                "ClusterPeeringInUseByAnotherSubscription",
                format!(
                    "Cluster '{cluster_name}' has active migrations to subscription '{}'. Complete those migrations before peering it from another subscription.",
                    o.subscription
                ),
            ));
        }
        let now = self.now;
        let backend =
            self.world.backends.get(&key(&backend_name)).ok_or_else(ApiError::volume_gone)?;
        let lifs = backend.ic_lifs.join(",");
        let (command, passphrase) = match backend.peers.get(&ckey) {
            // Already peered: an empty command tells the client to skip ahead.
            Some(PeerState::Peered { .. }) => (String::new(), String::new()),
            Some(PeerState::Offered { passphrase, .. }) => {
                (peer_command(&lifs), passphrase.clone())
            }
            None => {
                let passphrase = self.rng.passphrase(20);
                let offer = PeerState::Offered {
                    passphrase: passphrase.clone(),
                    source_addresses: addresses.to_vec(),
                    issued_at: now,
                    expires_at: now + OFFER_LIFETIME_MS,
                };
                self.world
                    .backends
                    .get_mut(&key(&backend_name))
                    .ok_or_else(ApiError::volume_gone)?
                    .peers
                    .insert(ckey.clone(), offer);
                self.schedule(
                    now + OFFER_LIFETIME_MS,
                    Event::OfferExpiry {
                        backend: key(&backend_name),
                        cluster: ckey.clone(),
                        issued_at: now,
                    },
                );
                (peer_command(&lifs), passphrase)
            }
        };
        if let Some(m) = self.world.volumes.get_mut(vkey).and_then(|v| v.migration.as_mut()) {
            m.cluster = Some(ckey);
        }
        Ok(Outcome::Done(
            Some(peer_properties(api, &command, &passphrase)),
            Some(peer_final(api, &command, &passphrase)),
        ))
    }

    /// Drops an offer nobody accepted in time (a newer offer is left alone).
    pub(in crate::engine) fn expire_offer(&mut self, backend: &str, cluster: &str, issued_at: u64) {
        if let Some(b) = self.world.backends.get_mut(backend) {
            if matches!(b.peers.get(cluster), Some(PeerState::Offered { issued_at: i, .. }) if *i == issued_at)
            {
                b.peers.remove(cluster);
            }
        }
    }

    pub(in crate::engine) fn complete_authorize(
        &mut self,
        vkey: &str,
    ) -> Result<Outcome, ApiError> {
        let vol = self.world.volumes.get(vkey).ok_or_else(ApiError::volume_gone)?;
        let m = vol.migration.as_ref().ok_or_else(ApiError::not_migration_volume)?;
        let backend = self
            .world
            .backends
            .get(&key(vol.backend.as_deref().unwrap_or_default()))
            .ok_or_else(ApiError::volume_gone)?;
        let ckey = m.cluster.clone().unwrap_or_else(|| key(&m.remote.external_host_name));
        let cluster = self
            .world
            .clusters
            .get(&ckey)
            .ok_or_else(|| ApiError::cluster_not_peered(&m.remote.external_host_name))?;
        if !matches!(backend.peers.get(&ckey), Some(PeerState::Peered { .. })) {
            return Err(ApiError::cluster_not_peered(&cluster.name));
        }
        let svm = &m.remote.server_name;
        if !cluster.svms.iter().any(|s| &s.name == svm) {
            return Err(ApiError::invalid(
                "properties.dataProtection.replication.remotePath.serverName",
                format!("SVM '{svm}' was not found on cluster '{}'.", cluster.name),
            ));
        }
        let source = cluster.volume(svm, &m.remote.volume_name).ok_or_else(|| {
            ApiError::invalid(
                "properties.dataProtection.replication.remotePath.volumeName",
                format!(
                    "Volume '{}' was not found on SVM '{svm}' of cluster '{}'.",
                    m.remote.volume_name, cluster.name
                ),
            )
        })?;
        if source.flexgroup && vol.is_large_volume {
            return Err(ApiError::new(
                400,
                "FlexGroupToLargeVolumeNotSupported",
                format!(
                    "External volume '{svm}:{}' is a FlexGroup volume; FlexGroup volumes can't be migrated to Azure NetApp Files large volumes.",
                    m.remote.volume_name
                ),
            ));
        }
        let (anf_svm, anf_cluster, svm) = (backend.svm.clone(), backend.name.clone(), svm.clone());
        let cluster = self.world.clusters.get_mut(&ckey).ok_or_else(ApiError::volume_gone)?;
        let existing =
            cluster.vserver_peers.iter().find(|p| p.vserver == svm && p.peer_vserver == anf_svm);
        let command = match existing {
            // SVM already peered for an earlier volume: nothing to accept, the replication follows.
            Some(p) if p.peered => String::new(),
            Some(_) => svm_command(&svm, &anf_svm),
            None => {
                cluster.vserver_peers.push(VserverPeer {
                    vserver: svm.clone(),
                    peer_vserver: anf_svm.clone(),
                    peer_cluster: anf_cluster,
                    peered: false,
                });
                svm_command(&svm, &anf_svm)
            }
        };
        if command.is_empty() {
            self.schedule(
                self.now + RELATIONSHIP_DELAY_MS,
                Event::CreateRelationship(vkey.to_string()),
            );
        }
        if let Some(m) = self.world.volumes.get_mut(vkey).and_then(|v| v.migration.as_mut()) {
            m.authorized = true;
        }
        let props = json!({ "svmPeeringCommand": command });
        Ok(Outcome::Done(Some(props.clone()), Some(json!({ "properties": props }))))
    }

    /// `cluster peer create` on the source, accepting ANF's offer. Err is ONTAP's message.
    pub(in crate::engine) fn accept_cluster_peer(
        &mut self,
        ckey: &str,
        peer_addrs: &[String],
        passphrase: &str,
        ipspace: &str,
    ) -> Result<String, String> {
        let bkey = self
            .world
            .backends
            .iter()
            .find(|(_, b)| !b.ic_lifs.is_empty() && peer_addrs.iter().all(|a| b.ic_lifs.contains(a)))
            .map(|(k, _)| k.clone())
            .ok_or_else(|| {
                format!(
                    "Error: command failed: Unable to reach a peer cluster at {}. Verify the addresses and the intercluster network.",
                    peer_addrs.join(",")
                )
            })?;
        // Microsoft's how-to: earlier peer relationships must be deleted from the source before
        // a new peering with the same storage is accepted.
        let stale = self.world.clusters.get(ckey).and_then(|c| {
            let name = &self.world.backends.get(&bkey)?.name;
            c.peers.iter().find(|p| &p.remote == name && !p.available).map(|p| p.remote.clone())
        });
        if let Some(name) = stale {
            return Err(format!(
                "Error: command failed: An earlier peer relationship with cluster \"{name}\" still exists and is unavailable. Delete it first with \"cluster peer delete -cluster {name}\"."
            ));
        }
        let now = self.now;
        let b =
            self.world.backends.get_mut(&bkey).ok_or("Error: command failed: internal error")?;
        match b.peers.get(ckey) {
            Some(PeerState::Offered { passphrase: expected, .. }) => {
                if expected != passphrase {
                    return Err("Error: command failed: Authentication with the peer cluster failed: the passphrase does not match the one the peer cluster proposed.".into());
                }
            }
            Some(PeerState::Peered { .. }) => {
                return Err(format!("Error: command failed: A peer relationship with cluster \"{}\" already exists.", b.name));
            }
            None => {
                return Err(format!(
                    "Error: command failed: Cluster \"{}\" has no pending peer offer for this cluster. Offers expire after 60 minutes; request peering again from Azure NetApp Files.",
                    b.name
                ));
            }
        }
        b.peers.insert(ckey.to_string(), PeerState::Peered { since: now });
        let (name, serial, lifs) = (b.name.clone(), b.serial.clone(), b.ic_lifs.clone());
        let cluster =
            self.world.clusters.get_mut(ckey).ok_or("Error: command failed: internal error")?;
        cluster.peers.retain(|p| p.remote != name);
        cluster.peers.push(ClusterPeer {
            remote: name,
            serial,
            addresses: lifs,
            ipspace: ipspace.to_string(),
            available: true,
        });
        Ok(String::new())
    }

    /// `vserver peer accept` on the source; ANF then creates the relationships waiting for it.
    pub(in crate::engine) fn accept_vserver_peer(
        &mut self,
        ckey: &str,
        vserver: &str,
        peer_vserver: &str,
    ) -> Result<String, String> {
        let cluster = self.world.clusters.get_mut(ckey).ok_or("Error: internal error")?;
        let peer = cluster
            .vserver_peers
            .iter_mut()
            .find(|p| p.vserver == vserver && p.peer_vserver == peer_vserver)
            .ok_or_else(|| format!("Error: command failed: No peer request from Vserver \"{peer_vserver}\" to Vserver \"{vserver}\" was found."))?;
        if peer.peered {
            return Err(format!("Error: command failed: Vserver \"{vserver}\" is already peered with Vserver \"{peer_vserver}\"."));
        }
        peer.peered = true;
        let waiting: Vec<String> = self
            .world
            .backends
            .values()
            .filter(|b| b.svm == peer_vserver)
            .flat_map(|b| b.volumes.iter().cloned())
            .filter(|k| {
                self.world.volumes.get(k).and_then(|v| v.migration.as_ref()).is_some_and(|m| {
                    m.authorized && m.relationship.is_none() && m.remote.server_name == vserver
                })
            })
            .collect();
        for k in waiting {
            self.schedule(self.now + RELATIONSHIP_DELAY_MS, Event::CreateRelationship(k));
        }
        Ok(String::new())
    }

    /// After a migration ends (finalize or cancel): remove the SVM peer and the cluster peer
    /// when no other migration on that storage uses them, and the intercluster LIFs with the
    /// storage's last migration.
    pub(in crate::engine) fn release_peering(&mut self, backend_name: &str, ckey: &str, svm: &str) {
        let bkey = key(backend_name);
        let Some(b) = self.world.backends.get(&bkey) else { return };
        let migrations: Vec<&crate::model::netapp::Migration> = b
            .volumes
            .iter()
            .filter_map(|k| self.world.volumes.get(k)?.migration.as_ref())
            // A migration whose replication was deleted (cut over) no longer uses the peering.
            .filter(|m| m.relationship.as_ref().is_none_or(|r| r.deleted_at.is_none()))
            .collect();
        let cluster_used = migrations.iter().any(|m| m.cluster.as_deref() == Some(ckey));
        let svm_used = migrations
            .iter()
            .any(|m| m.cluster.as_deref() == Some(ckey) && m.remote.server_name == svm);
        let any_migration = !migrations.is_empty();
        let (anf_svm, anf_name, subnet, lifs) =
            (b.svm.clone(), b.name.clone(), b.subnet_key.clone(), b.ic_lifs.clone());
        if let Some(c) = self.world.clusters.get_mut(ckey) {
            if !svm_used {
                c.vserver_peers.retain(|p| !(p.vserver == svm && p.peer_vserver == anf_svm));
            }
            if !cluster_used {
                for p in c.peers.iter_mut().filter(|p| p.remote == anf_name) {
                    p.available = false;
                }
            }
        }
        let Some(b) = self.world.backends.get_mut(&bkey) else { return };
        if !cluster_used {
            b.peers.remove(ckey);
        }
        if !any_migration {
            b.ic_lifs.clear();
            if let Some(s) = self.world.subnet_mut(&subnet) {
                s.release(&lifs);
            }
        }
    }
}

fn peer_command(lifs: &str) -> String {
    format!("cluster peer create -ipspace <IP-SPACE-NAME> -encryption-protocol-proposed tls-psk -peer-addrs {lifs}")
}

fn svm_command(svm: &str, anf_svm: &str) -> String {
    format!("vserver peer accept -vserver {svm} -peer-vserver {anf_svm}")
}

/// 2025-12-01 carries the passphrase inside the command (as its example shows); 2026-04-01
/// separates `clusterPeeringCommand` and `passphrase`.
fn peer_properties(api: ApiVersion, command: &str, passphrase: &str) -> Value {
    match api {
        ApiVersion::V2025_12_01 => {
            json!({ "peerAcceptCommand": with_passphrase(command, passphrase), "passphrase": passphrase })
        }
        ApiVersion::V2026_04_01 => {
            json!({ "clusterPeeringCommand": command, "passphrase": passphrase })
        }
    }
}

fn peer_final(api: ApiVersion, command: &str, passphrase: &str) -> Value {
    match api {
        ApiVersion::V2025_12_01 => {
            json!({ "peerAcceptCommand": with_passphrase(command, passphrase) })
        }
        ApiVersion::V2026_04_01 => {
            json!({ "properties": { "clusterPeeringCommand": command, "passphrase": passphrase } })
        }
    }
}

fn with_passphrase(command: &str, passphrase: &str) -> String {
    if command.is_empty() {
        return String::new();
    }
    command.replacen(" -peer-addrs ", &format!(" -passphrase {passphrase} -peer-addrs "), 1)
}
