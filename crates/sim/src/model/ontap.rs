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

/// ONTAP's volume `type`: read-write, or a SnapMirror destination (data protection).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum VolumeType {
    /// Read-write.
    #[default]
    #[serde(rename = "RW")]
    Rw,
    /// Data protection: a SnapMirror destination, read-only.
    #[serde(rename = "DP")]
    Dp,
}

impl VolumeType {
    /// As `volume show` prints it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Rw => "RW",
            Self::Dp => "DP",
        }
    }
}

/// A source volume. Client writes accumulate at `change_rate` bytes/s while it is online, which
/// is what incremental transfers carry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// RW, or DP for a SnapMirror destination (which a migration can't take).
    #[serde(default)]
    pub volume_type: VolumeType,
    /// The SVM's root volume (`svm_root`), or a node's root volume (`vol0`, whose `svm` is the
    /// node): neither holds data to migrate.
    #[serde(default)]
    pub root: bool,
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

/// The privilege level of the CLI session (`set -privilege`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Privilege {
    /// `cluster1::>`.
    #[default]
    Admin,
    /// `cluster1::*>`: commands meant for NetApp's support.
    Advanced,
    /// `cluster1::*>` too: commands for NetApp's personnel only.
    Diagnostic,
}

/// A prompt the CLI is waiting at (the passphrase of `cluster peer create`, a `{y|n}` question).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingPrompt {
    /// The prompt's text, as the last line shown.
    pub text: String,
    /// What is typed is a secret: a terminal does not echo it.
    pub secret: bool,
}

/// The admin's CLI session on the cluster (one per cluster in the simulator): what the prompt
/// shows and whether the next line answers a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CliSession {
    /// `set -privilege`.
    pub privilege: Privilege,
    /// `set -confirmations off` answers `{y|n}` questions with yes.
    pub confirmations: bool,
    /// The prompt a command stopped at; `None` once it finished, failed or was abandoned.
    pub waiting: Option<WaitingPrompt>,
    /// The number of the next background job (`[Job 41] ...`).
    pub next_job: u32,
}

impl Default for CliSession {
    fn default() -> Self {
        Self { privilege: Privilege::Admin, confirmations: true, waiting: None, next_job: 41 }
    }
}

/// An external cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The CLI session: privilege, and a prompt waiting for an answer.
    #[serde(default)]
    pub session: CliSession,
    /// Simulated time the nodes last booted (`system node show` prints the uptime).
    #[serde(default)]
    pub booted_at: u64,
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

    /// What a terminal shows before the cursor: `cluster1::> `, `cluster1::*> ` at advanced
    /// or diagnostic privilege, or nothing new while a command waits for an answer (its prompt
    /// is the last line of its output).
    #[must_use]
    pub fn prompt(&self) -> String {
        if self.session.waiting.is_some() {
            return String::new();
        }
        let star = if self.session.privilege == Privilege::Admin { "" } else { "*" };
        format!("{}::{star}> ", self.name)
    }

    /// Whether the next line answers a secret prompt (a passphrase), which a terminal does not
    /// echo.
    #[must_use]
    pub fn awaits_secret(&self) -> bool {
        self.session.waiting.as_ref().is_some_and(|w| w.secret)
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
