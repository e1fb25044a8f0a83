//! `version`, `system node show` (also `node show`), `system license show` (also `license
//! show`) and `set -privilege`.
//!
//! `set -privilege advanced` asks before it raises the privilege, with ONTAP's own warning
//! (as AWS's FSx for ONTAP guide reproduces it); the prompt then shows `::*>`.
//! `set -confirmations off` answers such questions with yes.

use crate::engine::ontap::command::Command;
use crate::engine::ontap::fields::{left, Field, Show, PLAIN};
use crate::engine::ontap::prompt::AWAIT_INPUT;
use crate::engine::ontap::show::render;
use crate::engine::Engine;
use crate::model::ontap::{Cluster, Node, Privilege};
use std::collections::VecDeque;

/// `system node show`.
pub const NODE_SHOW: Show = Show {
    fields: &[
        Field::text("node", "Node"),
        Field::text("owner", "Owner"),
        Field::text("location", "Location"),
        Field::text("model", "Model"),
        Field::text("serialnumber", "Serial Number"),
        Field::text("uptime", "Uptime"),
        Field::text("system-id", "System ID"),
        Field::text("vendor", "Vendor"),
        Field::text("health", "Health"),
        Field::text("eligibility", "Eligibility"),
    ],
    keys: &["node"],
    columns: &[
        left("node", "Node", 9),
        left("health", "Health", 6),
        left("eligibility", "Eligibility", 11),
        left("uptime", "Uptime", 13),
        left("model", "Model", 11),
        left("owner", "Owner", 8),
        left("location", "Location", 15),
    ],
    ..PLAIN
};

/// `system license show`, under the cluster's serial number and owner.
pub const LICENSE_SHOW: Show = Show {
    fields: &[
        Field::text("serial-number", "Serial Number"),
        Field::text("package", "Package"),
        Field::text("owner", "Owner"),
        Field::text("description", "Description"),
        Field::text("type", "Type"),
        Field::text("expiration", "Expiration"),
    ],
    keys: &["serial-number", "package"],
    order: &["serial-number", "position"],
    columns: &[
        left("package", "Package", 17),
        left("type", "Type", 7),
        left("description", "Description", 21),
        left("expiration", "Expiration", 20),
    ],
    ..PLAIN
};

/// The licences the cluster has: the base licence, the protocols, and SnapMirror (which the
/// migration needs).
const LICENSES: &[(&str, &str)] = &[
    ("Base", "Cluster Base License"),
    ("NFS", "NFS License"),
    ("CIFS", "CIFS License"),
    ("SnapRestore", "SnapRestore License"),
    ("SnapMirror", "SnapMirror License"),
    ("FlexClone", "FlexClone License"),
];

const ADVANCED_WARNING: &str = "\nWarning: These advanced commands are potentially dangerous; use them only when\n         directed to do so by NetApp personnel.\n";
const DIAGNOSTIC_WARNING: &str =
    "\nWarning: These diagnostic commands are for use by NetApp personnel only.\n";
/// The question ONTAP asks before it goes on.
const CONTINUE: &str = "Do you want to continue? {y|n}: ";

/// `HH:MM` after the days, as `system node show` prints uptime.
fn uptime(ms: u64) -> String {
    let mins = ms / 60_000;
    format!("{} days {:02}:{:02}", mins / 1440, (mins / 60) % 24, mins % 60)
}

impl Engine {
    pub(in crate::engine) fn cluster_version(&self, ckey: &str) -> String {
        format!(
            "NetApp Release {}: Wed Feb 21 12:00:00 UTC 2024\n",
            self.world.clusters[ckey].version_string()
        )
    }

    pub(in crate::engine) fn node_show(&self, ckey: &str, cmd: &Command) -> Result<String, String> {
        let c = &self.world.clusters[ckey];
        let up = self.now.saturating_sub(c.booted_at);
        let value = |(i, n): &(usize, &Node), field: &str| -> String {
            match field {
                "node" => n.name.clone(),
                "model" => "AFF-A400".into(),
                "serialnumber" => format!("7219120001{:02}", i + 21),
                "uptime" => uptime(up),
                "system-id" => format!("05378{:05}", 41 + i),
                "vendor" => "NetApp".into(),
                "health" => n.healthy.to_string(),
                "eligibility" => "true".into(),
                _ => String::new(),
            }
        };
        let rows: Vec<(usize, &Node)> = c.nodes.iter().enumerate().collect();
        render(&NODE_SHOW, &rows, &value, cmd)
    }

    pub(in crate::engine) fn license_show(
        &self,
        ckey: &str,
        cmd: &Command,
    ) -> Result<String, String> {
        let c: &Cluster = &self.world.clusters[ckey];
        let value = |(i, (package, description)): &(usize, &(&str, &str)), f: &str| -> String {
            match f {
                "serial-number" => c.serial.clone(),
                "package" => (*package).into(),
                "owner" => c.name.clone(),
                "description" => (*description).into(),
                "type" => "license".into(),
                "position" => format!("{i:03}"),
                _ => "-".into(),
            }
        };
        let rows: Vec<(usize, &(&str, &str))> = LICENSES.iter().enumerate().collect();
        let table = render(&LICENSE_SHOW, &rows, &value, cmd)?;
        let plain = cmd.get("fields").is_none() && !cmd.flag("instance");
        if plain && table.contains("----") {
            return Ok(format!("\nSerial Number: {}\nOwner: {}\n{table}", c.serial, c.name));
        }
        Ok(table)
    }

    /// `set`: the privilege (asking first when raising it), confirmations, rows.
    pub(in crate::engine) fn set_session(
        &mut self,
        ckey: &str,
        cmd: &Command,
        lines: &mut VecDeque<&str>,
    ) -> Result<String, String> {
        let privilege = match cmd.get("privilege") {
            None => None,
            Some(p) => Some(privilege(p)?),
        };
        let confirmations = match cmd.get("confirmations").map(str::to_ascii_lowercase) {
            None => None,
            Some(v) if "on".starts_with(&v) && v.len() > 1 => Some(true),
            Some(v) if "off".starts_with(&v) && v.len() > 1 => Some(false),
            Some(v) => return Err(format!("Error: \"{v}\" is an invalid value for field \"-confirmations\" (possible values: on, off).\n")),
        };
        if let Some(rows) = cmd.get("rows") {
            if rows.parse::<u32>().is_err() {
                return Err(format!("Error: \"{rows}\" is an invalid value for field \"-rows\" (possible values: an integer).\n"));
            }
        }
        let session =
            &mut self.world.clusters.get_mut(ckey).ok_or("Error: internal error\n")?.session;
        if let Some(on) = confirmations {
            session.confirmations = on;
        }
        let Some(p) = privilege else { return Ok(String::new()) };
        let warning = match p {
            Privilege::Admin => "",
            Privilege::Advanced => ADVANCED_WARNING,
            Privilege::Diagnostic => DIAGNOSTIC_WARNING,
        };
        if warning.is_empty() || !session.confirmations {
            session.privilege = p;
            return Ok(String::new());
        }
        let mut out = warning.to_string();
        loop {
            out += CONTINUE;
            out += "\n";
            let Some(answer) = lines.pop_front() else {
                return Err(format!("{out}{AWAIT_INPUT}"));
            };
            match answer.trim().to_ascii_lowercase().as_str() {
                "y" | "yes" => {
                    session.privilege = p;
                    return Ok(out);
                }
                "n" | "no" => return Ok(out),
                _ => {}
            }
        }
    }
}

/// A privilege level from what was typed (`adv`, `diag`).
fn privilege(typed: &str) -> Result<Privilege, String> {
    let t = typed.to_ascii_lowercase();
    let all = [
        ("admin", Privilege::Admin),
        ("advanced", Privilege::Advanced),
        ("diagnostic", Privilege::Diagnostic),
    ];
    let found: Vec<Privilege> = all
        .iter()
        .filter(|(name, _)| name.starts_with(&t) && !t.is_empty())
        .map(|(_, p)| *p)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        _ => Err(format!("Error: \"{typed}\" is an invalid value for field \"-privilege\" (possible values: admin, advanced, diagnostic).\n")),
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::Kit;

    #[test]
    fn set_privilege_asks_then_stars_the_prompt() {
        let mut k = Kit::new();
        let cluster = |k: &Kit| k.sim.world().clusters["onprem-cl01"].clone();
        assert_eq!(cluster(&k).prompt(), "onprem-cl01::> ");
        let out = k.cli("set -privilege advanced");
        assert!(out.starts_with("\nWarning: These advanced commands are potentially dangerous; use them only when\n         directed to do so by NetApp personnel.\nDo you want to continue? {y|n}: "), "{out}");
        assert_eq!(cluster(&k).prompt(), "", "the question waits for its answer");
        assert_eq!(k.cli("y"), "");
        assert_eq!(cluster(&k).prompt(), "onprem-cl01::*> ");
        assert_eq!(k.cli("set admin"), "");
        assert_eq!(cluster(&k).prompt(), "onprem-cl01::> ");
        // Answered no: the privilege stays; a pasted block answers in order.
        k.cli("set diag\nn");
        assert_eq!(cluster(&k).prompt(), "onprem-cl01::> ");
        k.cli("set adv -c off");
        assert_eq!(cluster(&k).prompt(), "onprem-cl01::*> ");
        assert!(k.cli("set -privilege a").contains("invalid value for field \"-privilege\""));
    }

    #[test]
    fn version_nodes_and_licenses() {
        let mut k = Kit::new();
        assert!(k.cli("version").starts_with("NetApp Release 9.14.1"));
        let nodes = k.cli("system node show");
        assert!(
            nodes.starts_with(
                "Node      Health Eligibility Uptime        Model       Owner    Location\n"
            ),
            "{nodes}"
        );
        assert!(nodes.contains("onprem-cl01-01\n          true   true        87 days"), "{nodes}");
        assert_eq!(
            k.cli("node show -fields model").lines().nth(2),
            Some("onprem-cl01-01 AFF-A400")
        );
        let lic = k.cli("system license show -package SnapMirror");
        assert_eq!(lic, "\nSerial Number: 1-80-000099\nOwner: onprem-cl01\nPackage           Type    Description           Expiration\n----------------- ------- --------------------- --------------------\nSnapMirror        license SnapMirror License    -\n");
        assert!(k.cli("license show").ends_with("6 entries were displayed.\n"));
    }
}
