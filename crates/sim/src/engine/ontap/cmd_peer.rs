//! `cluster peer create|show|delete`.
//!
//! `cluster peer create` prints what ONTAP prints in a published session: a notice about the
//! passphrase, `Enter the passphrase:` and `Confirm the passphrase:`, and once accepted
//! `Notice: Clusters "a" and "b" are peered.`. `-ipspace` names the IPspace of the local
//! intercluster LIFs (`Default` unless the admin made others); ARM's command carries the
//! placeholder `<IP-SPACE-NAME>`, which is not an IPspace. The `-instance` view's labels are
//! those of the same session's `cluster peer show -instance`.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::dates::us_date;
use crate::engine::ontap::fields::{left, Field, Show, PLAIN};
use crate::engine::ontap::prompt::AWAIT_INPUT;
use crate::engine::ontap::show::render;
use crate::engine::Engine;
use crate::model::network::PeerState;
use crate::model::ontap::ClusterPeer;
use std::collections::VecDeque;

/// `cluster peer show`.
pub const PEER_SHOW: Show = Show {
    fields: &[
        Field::text("cluster", "Peer Cluster Name"),
        Field::text("peer-addrs", "Remote Intercluster Addresses"),
        Field::text("availability", "Availability of the Remote Cluster"),
        Field::text("rcluster", "Remote Cluster Name"),
        Field::text("active-addrs", "Active IP Addresses"),
        Field::text("serialnumber", "Cluster Serial Number"),
        Field::text("remote-cluster-nodes", "Remote Cluster Nodes"),
        Field::text("remote-cluster-health", "Remote Cluster Health"),
        Field::text("unreachable-local-nodes", "Unreachable Local Nodes"),
        Field::text("address-family", "Address Family of Relationship"),
        Field::text("auth-status-admin", "Authentication Status Administrative"),
        Field::text("auth-status-operational", "Authentication Status Operational"),
        Field::text("last-updated", "Last Update Time"),
        Field::text("ipspace", "IPspace for the Relationship"),
        Field::text(
            "encryption-protocol-proposed",
            "Proposed Setting for Encryption of Inter-Cluster Communication",
        ),
        Field::text("encryption-protocol", "Encryption Protocol For Inter-Cluster Communication"),
    ],
    keys: &["cluster"],
    columns: &[
        left("cluster", "Peer Cluster Name", 25),
        left("serialnumber", "Cluster Serial Number", 21),
        left("availability", "Availability", 14),
        left("auth-status-operational", "Authentication", 14),
    ],
    label_width: 40,
    ..PLAIN
};

const PASSPHRASE_NOTICE: &str = "\nNotice: Use a generated passphrase or choose a passphrase of 8 or more characters. To ensure the\n        authenticity of the peering relationship, use a phrase or sequence of characters that would\n        be hard to guess.\n\n";
/// The prompt for the passphrase.
const ENTER: &str = "Enter the passphrase:\n";
const CONFIRM: &str = "Confirm the passphrase:\n";

impl Engine {
    pub(in crate::engine) fn cluster_peer_create(
        &mut self,
        ckey: &str,
        cmd: &Command,
        input: &mut Answers,
    ) -> Result<String, String> {
        let c = &self.world.clusters[ckey];
        let ipspace = cmd.get("ipspace").unwrap_or("Default");
        if !c.ipspaces.iter().any(|i| i == ipspace) {
            return Err(format!("Error: IPspace \"{ipspace}\" does not exist.\n"));
        }
        if !c.lifs.iter().any(|l| l.role == "intercluster" && l.ipspace == ipspace) {
            return Err(format!("Error: command failed: No intercluster LIFs are configured in IPspace \"{ipspace}\".\n"));
        }
        if let Some(enc) = cmd.get("encryption-protocol-proposed") {
            if enc != "tls-psk" && enc != "none" {
                return Err(format!("Error: \"{enc}\" is an invalid value for field \"-encryption-protocol-proposed\" (possible values: none, tls-psk).\n"));
            }
        }
        let addrs: Vec<String> = cmd
            .require("peer-addrs")?
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(bad) = addrs.iter().find(|a| a.parse::<std::net::Ipv4Addr>().is_err()) {
            return Err(format!(
                "Error: invalid argument \"-peer-addrs\": \"{bad}\" is not a valid IP address.\n"
            ));
        }
        let lines = &mut input.lines;
        let mut out = String::new();
        let passphrase = match cmd.get("passphrase") {
            Some(p) => {
                // The 2025-12-01 command carries -passphrase; a trainee who also types the
                // passphrase on the next lines (as the how-to says) is not punished for it.
                while lines.front() == Some(&p) {
                    lines.pop_front();
                }
                p.to_string()
            }
            None => {
                out += PASSPHRASE_NOTICE;
                out += ENTER;
                let Some(first) = lines.pop_front().map(str::to_string) else {
                    return Err(format!("{out}{AWAIT_INPUT}"));
                };
                // The confirmation is the next line unless that line is another command. At an
                // interactive terminal (answers arriving call by call) ONTAP waits for it; a
                // script that sends the command and one passphrase line is not kept waiting.
                out += CONFIRM;
                if lines.front().is_none() && input.resumed {
                    return Err(format!("{out}{AWAIT_INPUT}"));
                }
                if lines.front().is_some_and(|l| !(input.is_command)(l) || *l == first) {
                    let confirm = lines.pop_front().unwrap_or_default();
                    if confirm != first {
                        return Err(format!("{out}Error: The passphrases do not match.\n"));
                    }
                }
                first
            }
        };
        match self.accept_cluster_peer(ckey, &addrs, &passphrase, ipspace) {
            Ok(_) => {
                let local = &self.world.clusters[ckey];
                let remote = local.peers.last().map_or("", |p| p.remote.as_str());
                Ok(format!(
                    "{out}\nNotice: Clusters \"{}\" and \"{remote}\" are peered.\n",
                    local.name
                ))
            }
            Err(e) => Err(format!("{out}{e}\n")),
        }
    }

    pub(in crate::engine) fn cluster_peer_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let now = self.now;
        let value = |p: &ClusterPeer, field: &str| -> String {
            let nodes = format!("{0}-01, {0}-02", p.remote);
            match field {
                "cluster" | "rcluster" => p.remote.clone(),
                "peer-addrs" => p.addresses.join(", "),
                "active-addrs" if p.available => p.addresses.join(", "),
                "availability" => if p.available { "Available" } else { "Unavailable" }.into(),
                "serialnumber" => p.serial.clone(),
                "remote-cluster-nodes" => nodes,
                "remote-cluster-health" => p.available.to_string(),
                "address-family" => "ipv4".into(),
                "auth-status-admin" => "use-authentication".into(),
                "auth-status-operational" => "ok".into(),
                "last-updated" => us_date(now),
                "ipspace" => p.ipspace.clone(),
                "encryption-protocol" => "tls-psk".into(),
                _ => "-".into(),
            }
        };
        render(&PEER_SHOW, &self.world.clusters[ckey].peers, &value, cmd)
    }

    pub(in crate::engine) fn cluster_peer_delete(
        &mut self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let name = cmd.require("cluster")?.to_string();
        let c = self.world.clusters.get_mut(ckey).ok_or("Error: internal error\n")?;
        if !c.peers.iter().any(|p| p.remote.eq_ignore_ascii_case(&name)) {
            return Err(format!(
                "Error: command failed: Cluster peer \"{name}\" does not exist.\n"
            ));
        }
        if c.vserver_peers.iter().any(|p| p.peer_cluster.eq_ignore_ascii_case(&name)) {
            return Err(format!(
                "Error: command failed: Cannot delete the cluster peer relationship with \"{name}\" because Vserver peer relationships with it exist.\n"
            ));
        }
        c.peers.retain(|p| !p.remote.eq_ignore_ascii_case(&name));
        if let Some(b) = self.world.backends.get_mut(&name.to_ascii_lowercase()) {
            if matches!(b.peers.get(ckey), Some(PeerState::Peered { .. })) {
                b.peers.remove(ckey);
            }
        }
        Ok(String::new())
    }
}

/// What a prompting command reads its answers from: the lines after it, whether they arrive
/// one call at a time (an interactive terminal), and how to tell an answer from a command.
pub struct Answers<'a, 'b> {
    /// The lines after the command; answers are taken from the front.
    pub lines: &'a mut VecDeque<&'b str>,
    /// The command runs again after a prompt: answers arrive call by call.
    pub resumed: bool,
    /// Whether a line is a command rather than an answer.
    pub is_command: fn(&str) -> bool,
}

#[cfg(test)]
mod tests {
    use crate::testkit::{Kit, A26};

    #[test]
    fn peer_create_checks_ipspace_addresses_and_passphrase() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let p = k.peer(&path, A26);
        let cmd = p["properties"]["clusterPeeringCommand"].as_str().unwrap().to_string();
        let pass = p["properties"]["passphrase"].as_str().unwrap().to_string();
        let out = k.cli(&format!("{cmd}\n{pass}"));
        assert!(out.contains("IPspace \"<IP-SPACE-NAME>\" does not exist"), "{out}");
        assert!(k.cli(&cmd.replace("<IP-SPACE-NAME>", "Cluster")).contains("No intercluster"));
        let fixed = cmd.replace("<IP-SPACE-NAME>", "Default");
        let out = k.cli(&format!("{fixed}\nwrong-pass\nwrong-pass"));
        assert!(out.contains("passphrase does not match"), "{out}");
        let out = k.cli(&format!("{fixed}\n{pass}\nother"));
        assert!(out.contains("passphrases do not match"), "{out}");
        let out = k.cli(&fixed.replace("-peer-addrs ", "-peer-addrs 10.0.0.999,"));
        assert!(out.contains("not a valid IP address"), "{out}");
        assert_eq!(k.cli("cluster peer show"), "This table is currently empty.\n");
        let out = k.cli(&format!("{fixed}\n{pass}\n{pass}\ncluster peer show"));
        assert!(out.starts_with("\nNotice: Use a generated passphrase"), "{out}");
        assert!(out.contains("Enter the passphrase:\nConfirm the passphrase:\n\nNotice: Clusters \"onprem-cl01\" and \"anf-eastus-01\" are peered.\n"), "{out}");
        assert!(out.contains("anf-eastus-01             ") && out.contains("Available"), "{out}");
        assert!(k.cli(&format!("{fixed}\n{pass}")).contains("already exists"));
        // The default IPspace may be left out.
        let detail = k.cli("cluster peer show -instance");
        assert!(
            detail.contains("\n            IPspace for the Relationship: Default\n"),
            "{detail}"
        );
    }

    #[test]
    fn peer_delete_refuses_while_svm_peers_exist() {
        let mut k = Kit::new();
        k.migrate_until_replicating("mig1", "vol_scratch", 60);
        let out = k.cli("cluster peer delete -cluster anf-eastus-01");
        assert!(out.contains("Vserver peer relationships"), "{out}");
        assert!(k.cli("cluster peer delete -cluster nope").contains("does not exist"));
    }
}
