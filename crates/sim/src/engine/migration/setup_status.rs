//! `externalReplicationSetupStatus` (2026-04-01): which step of the setup a migration volume
//! waits for.

use crate::model::key;
use crate::model::netapp::Volume;
use crate::model::network::PeerState;
use crate::model::world::World;

/// The status and its human explanation, for a migration volume.
#[must_use]
pub fn setup_status(world: &World, vol: &Volume) -> Option<(&'static str, String)> {
    let m = vol.migration.as_ref()?;
    if m.relationship.is_some() {
        return Some(("NoActionRequired", "The replication is set up.".into()));
    }
    let ckey = m.cluster.clone().unwrap_or_else(|| key(&m.remote.external_host_name));
    let backend = vol.backend.as_deref().and_then(|b| world.backends.get(&key(b)));
    match backend.and_then(|b| b.peers.get(&ckey).map(|p| (b, p))) {
        None => Some((
            "ClusterPeerRequired",
            "Peer the external cluster: call peerExternalCluster with its intercluster LIF addresses.".into(),
        )),
        Some((_, PeerState::Offered { .. })) => Some((
            "ClusterPeerPending",
            "Run the cluster peering command with the passphrase on the external cluster within 60 minutes.".into(),
        )),
        Some((b, PeerState::Peered { .. })) => {
            let svm_peered = world.clusters.get(&ckey).is_some_and(|c| {
                c.vserver_peers.iter().any(|p| p.vserver == m.remote.server_name && p.peer_vserver == b.svm && p.peered)
            });
            if svm_peered && m.authorized {
                Some(("ReplicationCreateRequired", "SVM peering is accepted; the replication is being created.".into()))
            } else {
                Some((
                    "VServerPeerRequired",
                    "Authorize external replication and accept the SVM peering on the external cluster.".into(),
                ))
            }
        }
    }
}
