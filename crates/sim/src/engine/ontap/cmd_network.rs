//! `network interface show` (how an admin finds the intercluster LIFs and their IPspace to
//! enter in the peering wizard: `-role intercluster`, `-service-policy
//! default-intercluster`, `-fields ipspace`) and `network ping` (the firewall check of the
//! pre-flight list).
//!
//! The default table is the published one: Vserver on a line of its own, then each LIF with
//! `up/up` centred under "Status Admin/Oper" (`network interface show -role intercluster` in
//! the SnapMirror set-up notes cited in `table`).

use crate::engine::ontap::command::Command;
use crate::engine::ontap::fields::{left, Align, Column, Field, Show, PLAIN};
use crate::engine::ontap::show::render;
use crate::engine::Engine;
use crate::model::ontap::Lif;

/// `network interface show`.
pub const INTERFACE_SHOW: Show = Show {
    fields: &[
        Field::text("vserver", "Vserver Name"),
        Field::text("lif", "Logical Interface Name"),
        Field::text("role", "Role"),
        Field::text("data-protocol", "Data Protocol"),
        Field::text("address", "Network Address"),
        Field::text("netmask", "Netmask"),
        Field::number("netmask-length", "Bits in the Netmask"),
        Field::text("home-node", "Home Node"),
        Field::text("home-port", "Home Port"),
        Field::text("curr-node", "Current Node"),
        Field::text("curr-port", "Current Port"),
        Field::text("status-oper", "Operational Status"),
        Field::text("status-admin", "Administrative Status"),
        Field::text("is-home", "Is Home"),
        Field::text("failover-policy", "Failover Policy"),
        Field::text("auto-revert", "Auto Revert"),
        Field::text("ipspace", "IPspace of LIF"),
        Field::text("service-policy", "Service Policy"),
    ],
    keys: &["vserver", "lif"],
    columns: &[
        left("vserver", "Vserver", 11),
        left("lif", "Logical\nInterface", 10),
        Column { field: "status", title: "Status\nAdmin/Oper", width: 10, align: Align::Center },
        left("address-mask", "Network\nAddress/Mask", 18),
        left("curr-node", "Current\nNode", 13),
        left("curr-port", "Current\nPort", 7),
        left("is-home", "Is\nHome", 4),
    ],
    group: 1,
    group_own_line: true,
    ..PLAIN
};

fn netmask(bits: u8) -> String {
    let mask = u32::MAX.checked_shl(32 - u32::from(bits.min(32))).unwrap_or(0);
    std::net::Ipv4Addr::from(mask).to_string()
}

fn value(l: &Lif, field: &str) -> String {
    match field {
        "vserver" => l.vserver.clone(),
        "lif" => l.name.clone(),
        "role" => l.role.clone(),
        "data-protocol" => if l.role == "data" { "nfs" } else { "none" }.into(),
        "address" => l.address.clone(),
        "netmask" => netmask(l.mask_bits),
        "netmask-length" => l.mask_bits.to_string(),
        "home-node" | "curr-node" => l.home_node.clone(),
        "home-port" | "curr-port" => l.port.clone(),
        "status-oper" | "status-admin" => "up".into(),
        "status" => "up/up".into(),
        "address-mask" => format!("{}/{}", l.address, l.mask_bits),
        "is-home" | "auto-revert" => "true".into(),
        "failover-policy" => match l.role.as_str() {
            "intercluster" => "local-only",
            "data" => "system-defined",
            _ => "broadcast-domain-wide",
        }
        .into(),
        "ipspace" => l.ipspace.clone(),
        "service-policy" => l.service_policy.clone(),
        _ => "-".into(),
    }
}

impl Engine {
    pub(in crate::engine) fn network_interface_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        render(&INTERFACE_SHOW, &self.world.clusters[ckey].lifs, &value, cmd)
    }

    /// `network ping -lif <lif> -vserver <vserver> -destination <address>`: answers from the
    /// cluster's own LIFs and from the Azure NetApp Files interfaces in delegated subnets
    /// (the simulated network lets ICMP through both ways).
    pub(in crate::engine) fn network_ping(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let (lif, vserver) = (cmd.require("lif")?, cmd.require("vserver")?);
        let dest = cmd.require("destination")?;
        let c = &self.world.clusters[ckey];
        if !c.lifs.iter().any(|l| l.name == lif && l.vserver == vserver) {
            return Err(format!(
                "Error: command failed: LIF \"{lif}\" does not exist on Vserver \"{vserver}\".\n"
            ));
        }
        let anf = self.world.backends.values().flat_map(|b| b.ic_lifs.iter().chain([&b.data_ip]));
        let alive = c.lifs.iter().map(|l| &l.address).chain(anf).any(|a| a == dest);
        Ok(if alive { format!("{dest} is alive\n") } else { format!("no answer from {dest}\n") })
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::ontap::fields::NO_MATCH;
    use crate::testkit::Kit;

    #[test]
    fn filters_intercluster_lifs_by_role_or_policy_in_ontaps_layout() {
        let mut k = Kit::new();
        for q in [
            "network interface show -role intercluster",
            "network interface show -service-policy default-intercluster",
        ] {
            let out = k.cli(q);
            assert!(out.starts_with("            Logical    Status     Network            Current       Current Is\nVserver     Interface  Admin/Oper Address/Mask       Node          Port    Home\n"), "{out}");
            assert!(out.contains("\nonprem-cl01\n            onprem-cl01-01_ic1\n                         up/up    192.168.10.21/24   onprem-cl01-01\n"), "{out}");
            assert!(out.contains("192.168.10.22/24") && !out.contains("192.168.20.31"), "{out}");
        }
        assert!(k.cli("network interface show").contains("192.168.20.31"));
        assert_eq!(k.cli("network interface show -role nope"), NO_MATCH);
        let ipspace =
            k.cli("network interface show -service-policy default-intercluster -fields ipspace");
        assert!(ipspace.starts_with("vserver     lif                ipspace\n"), "{ipspace}");
        assert!(ipspace.contains("onprem-cl01 onprem-cl01-01_ic1 Default"), "{ipspace}");
    }

    #[test]
    fn ping_answers_from_known_addresses_only() {
        let mut k = Kit::new();
        let ping = |k: &mut Kit, dest: &str| {
            k.cli(&format!(
                "network ping -lif onprem-cl01-01_ic1 -vserver onprem-cl01 -destination {dest}"
            ))
        };
        assert_eq!(ping(&mut k, "192.168.10.22"), "192.168.10.22 is alive\n");
        assert_eq!(ping(&mut k, "10.20.1.50"), "no answer from 10.20.1.50\n");
        k.create_migration("mig1", "vol_home", 60, crate::testkit::A26);
        let anf = k.sim.world().backends.values().next().unwrap().ic_lifs[0].clone();
        assert_eq!(ping(&mut k, &anf), format!("{anf} is alive\n"));
        assert!(k
            .cli("network ping -lif nope -vserver onprem-cl01 -destination 1.2.3.4")
            .contains("does not exist"));
    }
}
