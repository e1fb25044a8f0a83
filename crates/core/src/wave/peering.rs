//! What the admin runs on the source cluster during a wave's peering, de-duplicated.
//!
//! Cluster peering: ANF answers `peerExternalCluster` per volume, but the offer belongs to the
//! Azure NetApp Files storage system the volume was placed on. Volumes on the same storage get
//! the same command and passphrase while the offer waits, and an empty command ("already
//! peered") once it was accepted. Volumes placed on other storage get another command: its
//! `-peer-addrs` are that storage's intercluster addresses, and it has its own passphrase. So
//! the admin runs each distinct command once ([`cluster_peering`]).
//!
//! ANF's command leaves the IPspace to the admin (`-ipspace <IP-SPACE-NAME>`); the wave fills
//! in the one the admin gives (ONTAP's `Default` unless the intercluster LIFs live in another).
//!
//! SVM peering: each answer of `authorizeExternalReplication` holds a `vserver peer accept`
//! command for the volume's SVM and ANF's SVM; volumes of the same pair share it, so the wave
//! shows each once, in one block to paste ([`svm_accept_block`]).

use super::run::WaveRun;
use crate::time::Timestamp;

/// The placeholder ANF leaves in its command.
pub const IPSPACE_PLACEHOLDER: &str = "<IP-SPACE-NAME>";
/// ONTAP's IPspace unless the admin made another.
pub const DEFAULT_IPSPACE: &str = "Default";

/// One `cluster peer create` to run, with the volumes whose answer it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterPeerGroup {
    /// The source cluster.
    pub cluster: String,
    /// The command, IPspace filled in.
    pub command: String,
    /// The passphrase to type at ONTAP's prompt, when ANF gave one apart from the command.
    pub passphrase: Option<String>,
    /// The first answer of this offer (the offer's 60 minutes start here).
    pub issued_at: Timestamp,
    /// The storage's intercluster addresses (`-peer-addrs`).
    pub peer_addrs: Vec<String>,
    /// The wave's rows that got it.
    pub rows: Vec<super::plan::RowId>,
    /// Their volume names.
    pub volumes: Vec<String>,
}

/// The cluster peering as it stands for the whole wave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeeringSummary {
    /// The distinct commands, in the order their first volume comes in the wave.
    pub groups: Vec<ClusterPeerGroup>,
    /// Volumes whose answer was "already peered".
    pub already_peered: Vec<String>,
    /// Created volumes with no answer yet.
    pub waiting: usize,
    /// Why there is more than one command for a cluster, when there is.
    pub why_several: Vec<String>,
}

/// `command` with the IPspace filled in (an empty `ipspace` means ONTAP's `Default`).
#[must_use]
pub fn with_ipspace(command: &str, ipspace: &str) -> String {
    let ipspace = ipspace.trim();
    let ipspace = if ipspace.is_empty() { DEFAULT_IPSPACE } else { ipspace };
    command.replace(IPSPACE_PLACEHOLDER, ipspace)
}

/// The addresses after `-peer-addrs` in a command.
#[must_use]
pub fn peer_addrs(command: &str) -> Vec<String> {
    let mut words = command.split_whitespace();
    while let Some(w) = words.next() {
        if w == "-peer-addrs" {
            return words
                .next()
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect();
        }
    }
    Vec::new()
}

/// Groups the wave's cluster peering answers by command and passphrase.
#[must_use]
pub fn cluster_peering(run: &WaveRun, ipspace: &str) -> PeeringSummary {
    let mut out = PeeringSummary::default();
    for v in run.volumes.iter().filter(|v| v.created == super::run::Created::Yes) {
        let Some(answer) = &v.peer else {
            // A failed peering waits for the admin's Retry (shown with the failures), not here.
            if v.error.is_none() {
                out.waiting += 1;
            }
            continue;
        };
        let Some(command) = answer.command.as_deref().filter(|c| !c.trim().is_empty()) else {
            out.already_peered.push(v.name.clone());
            continue;
        };
        let command = with_ipspace(command.trim(), ipspace);
        let cluster = v.source().external_host_name.clone();
        let group = out.groups.iter_mut().find(|g| {
            g.cluster.eq_ignore_ascii_case(&cluster)
                && g.command == command
                && g.passphrase == answer.passphrase
        });
        match group {
            Some(g) => {
                g.issued_at = g.issued_at.min(answer.at);
                g.rows.push(v.row);
                g.volumes.push(v.name.clone());
            }
            None => out.groups.push(ClusterPeerGroup {
                cluster,
                peer_addrs: peer_addrs(&command),
                command,
                passphrase: answer.passphrase.clone(),
                issued_at: answer.at,
                rows: vec![v.row],
                volumes: vec![v.name.clone()],
            }),
        }
    }
    let mut clusters: Vec<&str> = out.groups.iter().map(|g| g.cluster.as_str()).collect();
    clusters.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    for cluster in clusters {
        let of: Vec<&ClusterPeerGroup> =
            out.groups.iter().filter(|g| g.cluster.eq_ignore_ascii_case(cluster)).collect();
        if of.len() < 2 {
            continue;
        }
        let storages: Vec<String> = of
            .iter()
            .map(|g| {
                let addrs = if g.peer_addrs.is_empty() {
                    "addresses not given".to_owned()
                } else {
                    g.peer_addrs.join(", ")
                };
                format!("{} volumes at {addrs}", g.volumes.len())
            })
            .collect();
        out.why_several.push(format!(
            "Cluster {cluster} has {} commands: placement put the wave's volumes on {} Azure NetApp Files storage systems ({}), and each storage system offers its own cluster peering with its own intercluster addresses and passphrase. Run every command; volumes on storage that is already peered answer \"already peered\".",
            of.len(),
            of.len(),
            storages.join("; ")
        ));
    }
    out
}

/// One `vserver peer accept` to run, with how many volumes it serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvmAccept {
    /// The command.
    pub command: String,
    /// Volumes whose SVM pair it accepts.
    pub volumes: usize,
}

/// The distinct `vserver peer accept` commands of the wave, in wave order.
#[must_use]
pub fn svm_accept_block(run: &WaveRun) -> Vec<SvmAccept> {
    let mut out: Vec<SvmAccept> = Vec::new();
    for command in run.volumes.iter().filter_map(|v| v.svm_command.as_deref()) {
        let command = command.trim();
        if command.is_empty() {
            continue;
        }
        match out.iter_mut().find(|a| a.command == command) {
            Some(a) => a.volumes += 1,
            None => out.push(SvmAccept { command: command.to_owned(), volumes: 1 }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wave::run::{Created, PeerAnswer, RunVolume, WaveRun};

    fn run_with(answers: &[(&str, Option<&str>, Option<&str>, u64)]) -> WaveRun {
        let volumes = answers
            .iter()
            .enumerate()
            .map(|(i, (source, command, pass, at))| {
                let mut v: RunVolume = serde_json::from_value(serde_json::json!({
                    "row": i, "id": format!("id{i}"), "name": format!("m-{source}"), "pool": "p",
                    "spec": {"location": "l", "creationToken": "t", "usageThreshold": 1, "subnetId": "s",
                        "serviceLevel": "Standard", "protocolTypes": ["NFSv3"], "isLargeVolume": false,
                        "replicationSchedule": "hourly",
                        "remotePath": {"externalHostName": "cl1", "serverName": "svm1", "volumeName": source},
                        "exportPolicy": null},
                    "sourceBytes": 1, "peerAddresses": [], "created": "yes", "peer": null,
                    "svmCommand": null, "running": null, "error": null
                }))
                .unwrap();
                v.created = Created::Yes;
                v.peer = command.map(|c| PeerAnswer {
                    command: (!c.is_empty()).then(|| c.to_owned()),
                    passphrase: pass.map(str::to_owned),
                    at: Timestamp(*at),
                });
                v
            })
            .collect();
        WaveRun::new(volumes, Timestamp(0))
    }

    const A: &str = "cluster peer create -ipspace <IP-SPACE-NAME> -encryption-protocol-proposed tls-psk -peer-addrs 10.1.0.4,10.1.0.5";
    const B: &str = "cluster peer create -ipspace <IP-SPACE-NAME> -encryption-protocol-proposed tls-psk -peer-addrs 10.1.0.20,10.1.0.21";

    #[test]
    fn one_command_per_storage_with_the_ipspace_and_why_there_are_two() {
        let run = run_with(&[
            ("v0", Some(A), Some("p1"), 30),
            ("v1", Some(A), Some("p1"), 10),
            ("v2", Some(""), None, 40),
            ("v3", Some(B), Some("p2"), 50),
            ("v4", None, None, 0),
        ]);
        let s = cluster_peering(&run, "ic_space");
        assert_eq!(s.groups.len(), 2, "{s:#?}");
        let g = &s.groups[0];
        assert!(
            g.command.contains("-ipspace ic_space ") && !g.command.contains('<'),
            "{}",
            g.command
        );
        assert_eq!(g.volumes, ["m-v0", "m-v1"]);
        assert_eq!(g.issued_at, Timestamp(10), "the offer's clock starts at its first answer");
        assert_eq!(g.peer_addrs, ["10.1.0.4", "10.1.0.5"]);
        assert_eq!(s.groups[1].passphrase.as_deref(), Some("p2"));
        assert_eq!(s.already_peered, ["m-v2"]);
        assert_eq!(s.waiting, 1);
        assert_eq!(s.why_several.len(), 1);
        assert!(
            s.why_several[0].contains("2 Azure NetApp Files storage systems"),
            "{}",
            s.why_several[0]
        );
        assert!(s.why_several[0].contains("10.1.0.20, 10.1.0.21"));
    }

    #[test]
    fn one_storage_gives_one_command_and_no_explanation() {
        let run = run_with(&[("v0", Some(A), Some("p1"), 0), ("v1", Some(A), Some("p1"), 0)]);
        let s = cluster_peering(&run, "");
        assert_eq!(s.groups.len(), 1);
        assert!(s.groups[0].command.contains("-ipspace Default "));
        assert!(s.why_several.is_empty());
    }

    #[test]
    fn vserver_peer_accept_once_per_svm_pair() {
        let mut run = run_with(&[
            ("v0", Some(""), None, 0),
            ("v1", Some(""), None, 0),
            ("v2", Some(""), None, 0),
            ("v3", Some(""), None, 0),
        ]);
        let accept = |svm: &str, anf: &str| {
            format!("vserver peer accept -vserver {svm} -peer-vserver {anf}")
        };
        run.volumes[0].svm_command = Some(accept("svm1", "anf_a"));
        run.volumes[1].svm_command = Some(format!(" {} ", accept("svm1", "anf_a")));
        run.volumes[2].svm_command = Some(String::new());
        run.volumes[3].svm_command = Some(accept("svm1", "anf_b"));
        let block = svm_accept_block(&run);
        assert_eq!(block.len(), 2);
        assert_eq!(
            (block[0].command.as_str(), block[0].volumes),
            (accept("svm1", "anf_a").as_str(), 2)
        );
    }
}
