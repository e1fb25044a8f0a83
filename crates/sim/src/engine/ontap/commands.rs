//! Every command the simulated cluster knows: its words, its parameters (a `show` command
//! takes its fields too), which parameters may be given by position, and a line of help.

use crate::engine::ontap::cmd_cluster::{CLUSTER_SHOW, IDENTITY_SHOW};
use crate::engine::ontap::cmd_network::INTERFACE_SHOW;
use crate::engine::ontap::cmd_peer::PEER_SHOW;
use crate::engine::ontap::cmd_snapmirror::{LIST_DESTINATIONS, SNAPMIRROR_SHOW};
use crate::engine::ontap::cmd_snapshot::SNAPSHOT_SHOW;
use crate::engine::ontap::cmd_system::{LICENSE_SHOW, NODE_SHOW};
use crate::engine::ontap::cmd_volume::VOLUME_SHOW;
use crate::engine::ontap::cmd_vserver::{VSERVER_PEER_SHOW, VSERVER_SHOW};
use crate::engine::ontap::fields::Show;

/// One command.
#[derive(Debug)]
pub struct Spec {
    /// The command's full words (`volume`, `show`).
    pub words: &'static [&'static str],
    /// Parameters other than a `show` command's fields.
    pub params: &'static [&'static str],
    /// The first parameters, in the order they may be given without their names.
    pub positional: &'static [&'static str],
    /// A `show` command's layout: its fields are parameters too, with `-fields` and
    /// `-instance`.
    pub show: Option<&'static Show>,
    /// A line for `help`.
    pub help: &'static str,
}

const fn spec(
    words: &'static [&'static str],
    params: &'static [&'static str],
    positional: &'static [&'static str],
    help: &'static str,
) -> Spec {
    Spec { words, params, positional, show: None, help }
}

const fn show(
    words: &'static [&'static str],
    layout: &'static Show,
    positional: &'static [&'static str],
    help: &'static str,
) -> Spec {
    Spec { words, params: &[], positional, show: Some(layout), help }
}

/// Shorter names ONTAP accepts for whole command directories (`license show`, `node show`,
/// `snap show`, as published sessions and NetApp's guides type them).
pub const ALIASES: &[(&str, &[&str])] = &[
    ("license", &["system", "license"]),
    ("node", &["system", "node"]),
    ("snapshot", &["volume", "snapshot"]),
    ("snap", &["volume", "snapshot"]),
];

/// The commands, in the order `help` lists them.
pub const COMMANDS: &[Spec] = &[
    show(&["cluster", "show"], &CLUSTER_SHOW, &["node"], "Display cluster nodes"),
    show(&["cluster", "identity", "show"], &IDENTITY_SHOW, &[], "Display the cluster's attributes including Name, Serial Number, Cluster UUID, Location and Contact"),
    spec(
        &["cluster", "peer", "create"],
        &[
            "peer-addrs",
            "ipspace",
            "encryption-protocol-proposed",
            "passphrase",
            "initial-allowed-vserver-peers",
        ],
        &[],
        "Create a new cluster peer relationship",
    ),
    show(&["cluster", "peer", "show"], &PEER_SHOW, &["cluster"], "Display peer cluster information"),
    spec(&["cluster", "peer", "delete"], &["cluster"], &["cluster"], "Delete a cluster peer relationship"),
    show(&["system", "node", "show"], &NODE_SHOW, &["node"], "Display the list of nodes in the cluster"),
    show(&["system", "license", "show"], &LICENSE_SHOW, &[], "Display licenses"),
    show(&["network", "interface", "show"], &INTERFACE_SHOW, &["vserver", "lif"], "Display logical interfaces"),
    spec(&["network", "ping"], &["lif", "vserver", "destination"], &[], "Ping a remote host"),
    show(&["vserver", "show"], &VSERVER_SHOW, &["vserver"], "Display Vservers"),
    show(&["vserver", "peer", "show"], &VSERVER_PEER_SHOW, &["vserver", "peer-vserver"], "Display Vserver peer relationships"),
    spec(&["vserver", "peer", "accept"], &["vserver", "peer-vserver"], &["vserver", "peer-vserver"], "Accept a pending Vserver peer relationship"),
    spec(&["vserver", "peer", "delete"], &["vserver", "peer-vserver"], &["vserver", "peer-vserver"], "Delete a Vserver peer relationship"),
    show(&["snapmirror", "show"], &SNAPMIRROR_SHOW, &["destination-path"], "Display a list of SnapMirror relationships"),
    show(&["snapmirror", "list-destinations"], &LIST_DESTINATIONS, &["source-path"], "Display a list of destinations for SnapMirror sources"),
    spec(&["snapmirror", "delete"], &["source-path", "destination-path", "force"], &["destination-path"], "Delete a SnapMirror relationship"),
    spec(&["snapmirror", "release"], &["source-path", "destination-path", "force"], &["destination-path"], "Remove source information for a SnapMirror relationship"),
    show(&["volume", "show"], &VOLUME_SHOW, &["vserver", "volume"], "Display a list of volumes"),
    spec(&["volume", "offline"], &["vserver", "volume"], &["vserver", "volume"], "Take an existing volume offline"),
    spec(&["volume", "online"], &["vserver", "volume"], &["vserver", "volume"], "Bring an existing volume online"),
    spec(&["volume", "modify"], &["vserver", "volume", "snapshot-locking-enabled"], &["vserver", "volume"], "Modify volume attributes"),
    show(&["volume", "snapshot", "show"], &SNAPSHOT_SHOW, &["vserver", "volume", "snapshot"], "Display a list of Snapshot copies"),
    spec(&["set"], &["privilege", "confirmations", "rows"], &["privilege"], "Display/Set CLI session settings"),
    spec(&["version"], &[], &[], "Display the cluster version"),
    spec(&["help"], &[], &[], "Display help text"),
];

/// What `help` and `?` print: each command and its line of help.
#[must_use]
pub fn help() -> String {
    let mut out = String::new();
    for c in COMMANDS {
        out += &format!("  {:<32}{}\n", c.words.join(" "), c.help);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_name_each_parameter_once_and_positions_name_parameters() {
        for c in COMMANDS {
            let Some(layout) = c.show else {
                for p in c.positional {
                    assert!(c.params.contains(p), "{:?}: positional {p} is no parameter", c.words);
                }
                continue;
            };
            let mut names: Vec<&str> = layout.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(before, names.len(), "{:?} repeats a field", c.words);
            for k in layout.keys {
                assert!(names.contains(k), "{:?}: key {k} is not a field", c.words);
            }
            for p in c.positional {
                assert!(names.contains(p), "{:?}: positional {p} is not a field", c.words);
            }
        }
    }
}
