//! An external ONTAP cluster, as its admin sees it over SSH.

use serde::{Deserialize, Serialize};

/// A logical interface.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lif {
    pub vserver: String,
    pub name: String,
    pub address: String,
    pub mask_bits: u8,
    pub home_node: String,
    pub port: String,
    pub service_policy: String,
    pub role: String,
    pub ipspace: String,
}

/// A node of the cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub name: String,
    pub healthy: bool,
}

/// A storage VM.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Svm {
    pub name: String,
    pub root_volume: String,
    pub aggregate: String,
}

/// A source volume. Client writes accumulate at `change_rate` bytes/s while it is online, which
/// is what incremental transfers carry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OntapVolume {
    pub svm: String,
    pub name: String,
    pub aggregate: String,
    pub size: u64,
    pub logical_used: u64,
    pub flexgroup: bool,
    pub snapshot_locking: bool,
    pub online: bool,
    pub change_rate: u64,
    /// Bytes written up to `writes_since`.
    pub writes_base: u64,
    pub writes_since: u64,
}

impl OntapVolume {
    /// Total bytes written by clients up to simulated time `t`.
    #[must_use]
    pub fn writes_at(&self, t: u64) -> u64 {
        if self.online {
            self.writes_base + self.change_rate * t.saturating_sub(self.writes_since) / 1000
        } else {
            self.writes_base
        }
    }

    /// Takes the volume online or offline at `t` (offline stops new writes).
    pub fn set_online(&mut self, t: u64, online: bool) {
        self.writes_base = self.writes_at(t);
        self.writes_since = t;
        self.online = online;
    }
}

/// A cluster peer as the source records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterPeer {
    pub remote: String,
    pub serial: String,
    pub addresses: Vec<String>,
    pub ipspace: String,
    /// False once ANF removed its side (finalize/cancel); the admin then runs `cluster peer delete`.
    pub available: bool,
}

/// An SVM peer relationship as the source records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VserverPeer {
    pub vserver: String,
    pub peer_vserver: String,
    pub peer_cluster: String,
    pub peered: bool,
}

/// An external cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cluster {
    pub name: String,
    pub version: (u8, u8, u8),
    pub serial: String,
    pub uuid: String,
    pub nodes: Vec<Node>,
    pub ipspaces: Vec<String>,
    pub lifs: Vec<Lif>,
    pub svms: Vec<Svm>,
    pub volumes: Vec<OntapVolume>,
    pub peers: Vec<ClusterPeer>,
    pub vserver_peers: Vec<VserverPeer>,
}

impl Cluster {
    /// `9.14.1`.
    #[must_use]
    pub fn version_string(&self) -> String {
        format!("{}.{}.{}", self.version.0, self.version.1, self.version.2)
    }

    /// The intercluster LIF addresses, one per node.
    #[must_use]
    pub fn intercluster_addresses(&self) -> Vec<String> {
        self.lifs.iter().filter(|l| l.role == "intercluster").map(|l| l.address.clone()).collect()
    }

    /// A volume by SVM and name.
    #[must_use]
    pub fn volume(&self, svm: &str, name: &str) -> Option<&OntapVolume> {
        self.volumes.iter().find(|v| v.svm == svm && v.name == name)
    }

    /// A volume by SVM and name, mutably.
    pub fn volume_mut(&mut self, svm: &str, name: &str) -> Option<&mut OntapVolume> {
        self.volumes.iter_mut().find(|v| v.svm == svm && v.name == name)
    }
}
