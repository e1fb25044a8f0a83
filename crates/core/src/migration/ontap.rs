//! The ONTAP commands that belong to a migration, to run on the source cluster.

use crate::models::RemotePath;
use serde::{Deserialize, Serialize};

/// One command to copy, with when and why to run it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OntapCommand {
    /// Stable key.
    pub key: &'static str,
    /// When to run it, in a few words.
    pub title: &'static str,
    /// The command line.
    pub command: String,
    /// Why it matters.
    pub why: &'static str,
}

/// `volume offline`: the first step of the cut-over, so no write reaches the source after the
/// final transfer.
#[must_use]
pub fn offline_command(source: &RemotePath) -> String {
    format!("volume offline -vserver {} -volume {}", source.server_name, source.volume_name)
}

/// `volume online`: the source back in service after a cut-over that stopped before its break
/// (the replication goes on and the clients return to the source).
#[must_use]
pub fn online_command(source: &RemotePath) -> String {
    format!("volume online -vserver {} -volume {}", source.server_name, source.volume_name)
}

/// The commands for a migration from `source`, in the order they come up.
#[must_use]
pub fn source_commands(source: &RemotePath) -> Vec<OntapCommand> {
    let path = format!("{}:{}", source.server_name, source.volume_name);
    vec![
        OntapCommand {
            key: "peers",
            title: "Check the peering",
            command: "cluster peer show".to_owned(),
            why: "Shows whether the cluster peering with Azure NetApp Files is available. Run it before a new peering (no stale peers may remain) and after finalizing.",
        },
        OntapCommand {
            key: "svm-peers",
            title: "Check the SVM peering",
            command: format!("vserver peer show -vserver {}", source.server_name),
            why: "Shows whether the SVM peering was accepted; the baseline starts once it is.",
        },
        OntapCommand {
            key: "snapmirror",
            title: "Watch the replication",
            command: format!("snapmirror show -source-path {path}"),
            why: "Shows the SnapMirror relationship's state, progress and lag as the cluster sees them.",
        },
        OntapCommand {
            key: "volume",
            title: "Check the source volume",
            command: format!("volume show -vserver {} -volume {}", source.server_name, source.volume_name),
            why: "Shows whether the source volume is online, e.g. before and after the cut-over.",
        },
        OntapCommand {
            key: "offline",
            title: "Cut-over: take the source offline",
            command: offline_command(source),
            why: "Stops writes on the source so the final transfer carries everything. Clients must be moved to the Azure NetApp Files volume.",
        },
        OntapCommand {
            key: "peer-delete",
            title: "After finalizing: remove a leftover peering",
            command: "cluster peer delete -cluster <peer cluster name from cluster peer show>".to_owned(),
            why: "Finalizing removes the peering on Azure's side. If cluster peer show still lists the Azure NetApp Files cluster, delete it (and its vserver peers first, if any).",
        },
    ]
}

/// The fix for a replication error the source cluster causes, when the error says which.
/// Snapshot locking on the source volume is the documented one: transfers fail with a
/// "Last transfer error" until it is turned off.
#[must_use]
pub fn remedy_for(error: &str, source: &RemotePath) -> Option<OntapCommand> {
    let lower = error.to_lowercase();
    (lower.contains("snapshot lock") || lower.contains("snapshot-lock")).then(|| OntapCommand {
        key: "snapshot-locking-off",
        title: "Turn snapshot locking off on the source volume",
        command: format!(
            "volume modify -vserver {} -volume {} -snapshot-locking-enabled false",
            source.server_name, source.volume_name
        ),
        why: "The migration assistant can't replicate a volume with snapshot locking on. Run this on the source cluster, then use Sync now to transfer again.",
    })
}

/// What must not be run on the source once the replication is broken.
pub const AFTER_BREAK_WARNING: &str = "Once the replication is broken, don't run snapmirror delete or snapmirror release on the source: they make the Azure NetApp Files volume unusable for the migration.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_locking_errors_get_the_command_that_fixes_them() {
        let src = RemotePath {
            external_host_name: "onprem-cl01".into(),
            server_name: "svm_nfs".into(),
            volume_name: "vol_locked".into(),
        };
        let fix =
            remedy_for("Last transfer error: Snapshot locking is enabled on the source", &src)
                .expect("a remedy");
        assert_eq!(
            fix.command,
            "volume modify -vserver svm_nfs -volume vol_locked -snapshot-locking-enabled false"
        );
        assert!(remedy_for("Transfer aborted: network unreachable", &src).is_none());
    }

    #[test]
    fn commands_name_the_source() {
        let src = RemotePath {
            external_host_name: "onprem-cl01".into(),
            server_name: "svm_nfs".into(),
            volume_name: "vol_home".into(),
        };
        assert_eq!(offline_command(&src), "volume offline -vserver svm_nfs -volume vol_home");
        let all = source_commands(&src);
        let get = |k: &str| all.iter().find(|c| c.key == k).unwrap().command.clone();
        assert_eq!(get("offline"), offline_command(&src));
        assert_eq!(get("snapmirror"), "snapmirror show -source-path svm_nfs:vol_home");
        assert_eq!(get("peers"), "cluster peer show");
        assert!(get("peer-delete").starts_with("cluster peer delete -cluster "));
        assert_eq!(get("volume"), "volume show -vserver svm_nfs -volume vol_home");
        let mut keys: Vec<_> = all.iter().map(|c| c.key).collect();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
    }
}
