//! `vserver show`, `vserver peer show|accept|delete`.
//!
//! Layouts from the published session: `vserver show` (Admin State, Operational State, Root
//! Volume titles on two lines), `vserver peer show` (and its empty answer, "There are no
//! Vserver peer relationships."). `vserver show` lists the admin and node Vservers too.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::fields::{left, Field, Show, PLAIN};
use crate::engine::ontap::show::render;
use crate::engine::Engine;
use crate::model::ontap::VserverPeer;

/// `vserver show`.
pub const VSERVER_SHOW: Show = Show {
    fields: &[
        Field::text("vserver", "Vserver"),
        Field::text("type", "Vserver Type"),
        Field::text("subtype", "Vserver Subtype"),
        Field::text("rootvolume", "Root Volume"),
        Field::text("aggregate", "Aggregate"),
        Field::text("allowed-protocols", "Allowed Protocols"),
        Field::text("admin-state", "Administrative State"),
        Field::text("operational-state", "Operational State"),
        Field::text("ipspace", "IPspace Name"),
    ],
    keys: &["vserver"],
    columns: &[
        left("vserver", "Vserver", 11),
        left("type", "Type", 7),
        left("subtype", "Subtype", 10),
        left("admin-state", "Admin\nState", 10),
        left("operational-state", "Operational\nState", 11),
        left("rootvolume", "Root\nVolume", 10),
        left("aggregate", "Aggregate", 10),
    ],
    ..PLAIN
};

/// `vserver peer show`.
pub const VSERVER_PEER_SHOW: Show = Show {
    fields: &[
        Field::text("vserver", "Local Vserver Name"),
        Field::text("peer-vserver", "Peer Vserver Name"),
        Field::text("peer-state", "Peer State"),
        Field::text("peer-cluster", "Peer Cluster"),
        Field::text("applications", "Applications"),
        Field::text("remote-vserver", "Remote Vserver Name"),
    ],
    keys: &["vserver", "peer-vserver"],
    columns: &[
        left("vserver", "Vserver", 11),
        left("peer-vserver", "Peer\nVserver", 11),
        left("peer-state", "Peer\nState", 12),
        left("peer-cluster", "Peer Cluster", 17),
        left("applications", "Peering\nApplications", 14),
        left("remote-vserver", "Remote\nVserver", 9),
    ],
    empty: "There are no Vserver peer relationships.\n",
    ..PLAIN
};

/// One line of `vserver show`.
struct VserverRow {
    name: String,
    kind: &'static str,
    root: String,
    aggregate: String,
}

impl Engine {
    pub(in crate::engine) fn vserver_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let c = &self.world.clusters[ckey];
        let plain = |name: &str, kind| VserverRow {
            name: name.to_string(),
            kind,
            root: "-".into(),
            aggregate: "-".into(),
        };
        let mut rows = vec![plain(&c.name, "admin")];
        rows.extend(c.nodes.iter().map(|n| plain(&n.name, "node")));
        rows.extend(c.svms.iter().map(|s| VserverRow {
            name: s.name.clone(),
            kind: "data",
            root: s.root_volume.clone(),
            aggregate: s.aggregate.clone(),
        }));
        let value = |r: &VserverRow, field: &str| -> String {
            let data = r.kind == "data";
            match field {
                "vserver" => r.name.clone(),
                "type" => r.kind.into(),
                "subtype" if data => "default".into(),
                "rootvolume" => r.root.clone(),
                "aggregate" => r.aggregate.clone(),
                "allowed-protocols" if data => "nfs, cifs".into(),
                "admin-state" | "operational-state" if data => "running".into(),
                "ipspace" => "Default".into(),
                _ => "-".into(),
            }
        };
        render(&VSERVER_SHOW, &rows, &value, cmd)
    }

    pub(in crate::engine) fn vserver_peer_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let value = |p: &VserverPeer, field: &str| -> String {
            match field {
                "vserver" => p.vserver.clone(),
                "peer-vserver" | "remote-vserver" => p.peer_vserver.clone(),
                "peer-state" => if p.peered { "peered" } else { "pending" }.into(),
                "peer-cluster" => p.peer_cluster.clone(),
                "applications" => "snapmirror".into(),
                _ => "-".into(),
            }
        };
        render(&VSERVER_PEER_SHOW, &self.world.clusters[ckey].vserver_peers, &value, cmd)
    }

    /// `vserver peer accept`: ANF's SVM is then peered and its replications start.
    pub(in crate::engine) fn vserver_peer_accept(
        &mut self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let (v, p) = (cmd.require("vserver")?, cmd.require("peer-vserver")?);
        self.accept_vserver_peer(ckey, v, p)?;
        Ok(self.job_queued(ckey, "vserver peer accept"))
    }

    /// `vserver peer delete`, for a peering left over after the migration.
    pub(in crate::engine) fn vserver_peer_delete(
        &mut self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let (v, p) = (cmd.require("vserver")?, cmd.require("peer-vserver")?);
        let in_use = self.relationships_from(ckey).iter().any(|(_, src, dst)| {
            src.split(':').next() == Some(v) && dst.split(':').next() == Some(p)
        });
        if in_use {
            return Err("Error: command failed: Relationship is in use by SnapMirror in local cluster. Use the \"snapmirror list-destinations\" command to view the relationships. Use the \"snapmirror release\" command to release the application, then try the command again.\n".into());
        }
        let c = self.world.clusters.get_mut(ckey).ok_or("Error: internal error\n")?;
        let before = c.vserver_peers.len();
        c.vserver_peers.retain(|x| !(x.vserver == v && x.peer_vserver == p));
        if c.vserver_peers.len() == before {
            return Err(format!("Error: command failed: No Vserver peer relationship between Vserver \"{v}\" and Vserver \"{p}\" exists.\n"));
        }
        Ok(self.job_queued(ckey, "vserver peer delete"))
    }

    /// ONTAP's answer to a command it runs as a job: `Info: [Job 42] 'vserver peer accept'
    /// job queued`.
    fn job_queued(&mut self, ckey: &str, what: &str) -> String {
        let Some(c) = self.world.clusters.get_mut(ckey) else { return String::new() };
        let job = c.session.next_job;
        c.session.next_job += 1;
        format!("Info: [Job {job}] '{what}' job queued\n")
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::{Kit, A26};

    #[test]
    fn vserver_show_lists_admin_node_and_data_svms() {
        let mut k = Kit::new();
        let out = k.cli("vserver show");
        assert!(
            out.starts_with("                               Admin      Operational Root\nVserver     Type    Subtype    State      State       Volume     Aggregate\n"),
            "{out}"
        );
        assert!(
            out.contains("svm_nfs     data    default    running    running     svm_nfs_root\n"),
            "{out}"
        );
        assert!(
            out.contains("onprem-cl01 admin   -          -          -           -          -\n"),
            "{out}"
        );
    }

    #[test]
    fn vserver_peer_accept_moves_pending_to_peered_and_delete_waits_for_snapmirror() {
        let mut k = Kit::new();
        assert_eq!(k.cli("vserver peer show"), "There are no Vserver peer relationships.\n");
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
        assert_eq!(out, "Info: [Job 41] 'vserver peer accept' job queued\n");
        let show = k.cli("vserver peer show");
        assert!(show.contains("peered") && show.contains("anf_svm_01"), "{show}");
        assert!(k
            .cli("vserver peer accept -vserver svm_nfs -peer-vserver anf_svm_01")
            .contains("already peered"));
        k.wait(40);
        let out = k.cli("vserver peer delete -vserver svm_nfs -peer-vserver anf_svm_01");
        assert!(out.contains("snapmirror release"), "{out}");
    }
}
