//! `cluster show` (with the Epsilon column at advanced privilege, as ONTAP adds it) and
//! `cluster identity show` (the name the app's source tab asks for).
//!
//! `cluster identity show` prints its one row as `Label: value` with the colons at column 23,
//! as the delfin fixtures' `cluster identity show` does.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::fields::{left, Field, Show, PLAIN};
use crate::engine::ontap::show::render;
use crate::engine::Engine;
use crate::model::ontap::{Cluster, Node, Privilege};

const CLUSTER_FIELDS: &[Field] = &[
    Field::text("node", "Node"),
    Field::text("health", "Health"),
    Field::text("eligibility", "Eligibility"),
    Field::text("epsilon", "Epsilon"),
];

/// `cluster show` at admin privilege.
pub const CLUSTER_SHOW: Show = Show {
    fields: CLUSTER_FIELDS,
    keys: &["node"],
    columns: &[
        left("node", "Node", 21),
        left("health", "Health", 7),
        left("eligibility", "Eligibility", 12),
    ],
    ..PLAIN
};

/// `cluster show` at advanced privilege and above.
const CLUSTER_SHOW_ADVANCED: Show = Show {
    columns: &[
        left("node", "Node", 21),
        left("health", "Health", 7),
        left("eligibility", "Eligibility", 12),
        left("epsilon", "Epsilon", 7),
    ],
    ..CLUSTER_SHOW
};

/// `cluster identity show`.
pub const IDENTITY_SHOW: Show = Show {
    fields: &[
        Field::text("cluster-uuid", "Cluster UUID"),
        Field::text("cluster-name", "Cluster Name"),
        Field::text("cluster-serial-number", "Cluster Serial Number"),
        Field::text("cluster-location", "Cluster Location"),
        Field::text("cluster-contact", "Cluster Contact"),
    ],
    label_width: 22,
    ..PLAIN
};

impl Engine {
    pub(in crate::engine) fn cluster_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let c = &self.world.clusters[ckey];
        let layout = if c.session.privilege == Privilege::Admin {
            &CLUSTER_SHOW
        } else {
            &CLUSTER_SHOW_ADVANCED
        };
        let value = |(i, n): &(usize, &Node), field: &str| -> String {
            match field {
                "node" => n.name.clone(),
                "health" => n.healthy.to_string(),
                "eligibility" => "true".into(),
                // The first node holds the cluster's epsilon.
                "epsilon" => (*i == 0).to_string(),
                _ => "-".into(),
            }
        };
        let rows: Vec<(usize, &Node)> = c.nodes.iter().enumerate().collect();
        render(layout, &rows, &value, cmd)
    }

    pub(in crate::engine) fn cluster_identity_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let c = &self.world.clusters[ckey];
        let value = |c: &&Cluster, field: &str| -> String {
            match field {
                "cluster-uuid" => c.uuid.clone(),
                "cluster-name" => c.name.clone(),
                "cluster-serial-number" => c.serial.clone(),
                "cluster-location" => "Contoso DC East".into(),
                "cluster-contact" => "storage-admins@contoso.com".into(),
                _ => "-".into(),
            }
        };
        // One row, which ONTAP prints as the instance view unless fields are asked for.
        let mut cmd = cmd.clone();
        if cmd.get("fields").is_none() {
            cmd.params.push(("instance", "true".into()));
        }
        render(&IDENTITY_SHOW, &[c], &value, &cmd)
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::Kit;

    #[test]
    fn cluster_show_lists_nodes_and_epsilon_at_advanced_privilege() {
        let mut k = Kit::new();
        let out = k.cli("cluster show");
        assert_eq!(
            out,
            "Node                  Health  Eligibility\n--------------------- ------- ------------\nonprem-cl01-01        true    true\nonprem-cl01-02        true    true\n2 entries were displayed.\n"
        );
        k.cli("set -privilege advanced -confirmations off");
        assert!(k.cli("cluster show").contains("Epsilon\n"));
    }

    #[test]
    fn identity_shows_the_clusters_name_serial_and_uuid() {
        let mut k = Kit::new();
        let out = k.cli("cluster identity show");
        assert!(out.starts_with("\n          Cluster UUID: 3f6e1c52-"), "{out}");
        assert!(out.contains("\n          Cluster Name: onprem-cl01\n"), "{out}");
        assert!(out.contains("\n Cluster Serial Number: 1-80-000099\n"), "{out}");
        let name = k.cli("cluster identity show -fields cluster-name");
        assert_eq!(name, "cluster-name\n------------\nonprem-cl01\n");
    }
}
