//! `vserver show` and `vserver peer show` (`vserver peer accept` is in the CLI dispatcher).

use crate::engine::ontap::table::table;
use crate::engine::Engine;

impl Engine {
    pub(in crate::engine) fn vserver_show(&self, ckey: &str) -> String {
        let c = &self.world.clusters[ckey];
        let mut rows = vec![vec![
            c.name.clone(),
            "admin".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
        ]];
        rows.extend(c.svms.iter().map(|s| {
            vec![
                s.name.clone(),
                "data".into(),
                "default".into(),
                "running".into(),
                "running".into(),
                s.root_volume.clone(),
                s.aggregate.clone(),
            ]
        }));
        table(
            &[
                "Vserver",
                "Type",
                "Subtype",
                "Admin State",
                "Operational State",
                "Root Volume",
                "Aggregate",
            ],
            &rows,
        )
    }

    pub(in crate::engine) fn vserver_peer_show(&self, ckey: &str) -> String {
        let rows: Vec<Vec<String>> = self.world.clusters[ckey]
            .vserver_peers
            .iter()
            .map(|p| {
                let state = if p.peered { "peered" } else { "pending" };
                vec![
                    p.vserver.clone(),
                    p.peer_vserver.clone(),
                    state.into(),
                    p.peer_cluster.clone(),
                    "snapmirror".into(),
                    p.peer_vserver.clone(),
                ]
            })
            .collect();
        table(
            &[
                "Vserver",
                "Peer Vserver",
                "Peer State",
                "Peer Cluster",
                "Peering Applications",
                "Remote Vserver",
            ],
            &rows,
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::{Kit, A26};

    #[test]
    fn vserver_show_lists_admin_and_data_svms() {
        let mut k = Kit::new();
        let out = k.cli("vserver show");
        assert!(
            out.contains("svm_nfs") && out.contains("onprem-cl01") && out.contains("running"),
            "{out}"
        );
    }

    #[test]
    fn vserver_peer_accept_moves_pending_to_peered() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let p = k.peer(&path, A26);
        k.accept_peering(&p);
        let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={A26}"), None);
        let done = k.finish(&r);
        assert!(k.cli("vserver peer show").contains("pending"));
        assert!(k.cli("vserver peer accept -vserver svm_nfs -peer-vserver nope").contains("Error"));
        assert!(k
            .cli("vserver peer accept -vserver svm_nfs")
            .contains("Missing required parameter \"-peer-vserver\""));
        let out = k.cli(done["properties"]["svmPeeringCommand"].as_str().unwrap());
        assert!(out.starts_with("Info:"), "{out}");
        let show = k.cli("vserver peer show");
        assert!(show.contains("peered") && show.contains("anf_svm_01"), "{show}");
        assert!(k
            .cli("vserver peer accept -vserver svm_nfs -peer-vserver anf_svm_01")
            .contains("already peered"));
    }
}
