//! `network interface show`, filtered by `-role` or `-service-policy`: how an admin finds the
//! intercluster LIFs to enter in the peering wizard.

use crate::engine::ontap::cli::Command;
use crate::engine::ontap::table::table;
use crate::engine::Engine;

impl Engine {
    pub(in crate::engine) fn network_interface_show(&self, ckey: &str, cmd: &Command) -> String {
        let rows: Vec<Vec<String>> = self.world.clusters[ckey]
            .lifs
            .iter()
            .filter(|l| {
                cmd.get("role").is_none_or(|r| r == l.role)
                    && cmd.get("service-policy").is_none_or(|p| p == l.service_policy)
                    && cmd.get("vserver").is_none_or(|v| v == l.vserver)
                    && cmd.get("lif").is_none_or(|n| n == l.name)
            })
            .map(|l| {
                vec![
                    l.vserver.clone(),
                    l.name.clone(),
                    "up/up".into(),
                    format!("{}/{}", l.address, l.mask_bits),
                    l.home_node.clone(),
                    l.port.clone(),
                    "true".into(),
                ]
            })
            .collect();
        table(
            &[
                "Vserver",
                "Logical Interface",
                "Status Admin/Oper",
                "Network Address/Mask",
                "Current Node",
                "Current Port",
                "Is Home",
            ],
            &rows,
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::Kit;

    #[test]
    fn filters_intercluster_lifs_by_role_or_policy() {
        let mut k = Kit::new();
        for q in [
            "network interface show -role intercluster",
            "network interface show -service-policy default-intercluster",
        ] {
            let out = k.cli(q);
            assert!(out.contains("192.168.10.21/24") && out.contains("192.168.10.22/24"), "{out}");
            assert!(!out.contains("192.168.20.31"), "{out}");
        }
        assert!(k.cli("network interface show").contains("192.168.20.31"));
        assert_eq!(k.cli("network interface show -role nope"), "This table is currently empty.\n");
    }
}
