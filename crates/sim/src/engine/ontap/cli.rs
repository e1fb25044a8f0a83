//! Parsing and dispatching ONTAP command lines: command words and parameter names may be
//! abbreviated to any unique prefix, as in ONTAP's clustershell; later input lines answer prompts.

use crate::engine::ontap::prompt::PendingPrompt;
use crate::engine::Engine;
use crate::model::key;
use anf_core::time::Timestamp;
use std::collections::VecDeque;

/// Marks output that stops at a prompt with no answer yet.
pub const AWAIT_INPUT: &str = "\u{0}awaiting input";

/// A parsed command: its full words and its `-name value` parameters (full names).
pub struct Command {
    pub words: &'static [&'static str],
    pub params: Vec<(&'static str, String)>,
}

impl Command {
    /// A parameter's value.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// A required parameter's value, or ONTAP's error.
    pub fn require(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("Error: Missing required parameter \"-{name}\".\n"))
    }
}

/// Commands, their parameters, and a one-line help.
pub const COMMANDS: &[(&[&str], &[&str], &str)] = &[
    (&["cluster", "show"], &["node"], "Display cluster nodes"),
    (
        &["cluster", "peer", "create"],
        &[
            "ipspace",
            "encryption-protocol-proposed",
            "peer-addrs",
            "passphrase",
            "initial-allowed-vserver-peers",
        ],
        "Create a new cluster peer relationship",
    ),
    (&["cluster", "peer", "show"], &["cluster"], "Display peer cluster information"),
    (&["cluster", "peer", "delete"], &["cluster"], "Delete a cluster peer relationship"),
    (&["vserver", "show"], &["vserver"], "Display Vservers"),
    (&["vserver", "peer", "show"], &["vserver"], "Display Vserver peer relationships"),
    (
        &["vserver", "peer", "accept"],
        &["vserver", "peer-vserver"],
        "Accept a pending Vserver peer relationship",
    ),
    (
        &["snapmirror", "show"],
        &["source-path", "destination-path"],
        "Display a list of SnapMirror relationships",
    ),
    (
        &["snapmirror", "delete"],
        &["source-path", "destination-path", "force"],
        "Delete a SnapMirror relationship",
    ),
    (
        &["snapmirror", "release"],
        &["source-path", "destination-path", "force"],
        "Remove source information for a SnapMirror relationship",
    ),
    (&["volume", "show"], &["vserver", "volume"], "Display a list of volumes"),
    (&["volume", "offline"], &["vserver", "volume"], "Take an existing volume offline"),
    (&["volume", "online"], &["vserver", "volume"], "Bring an existing volume online"),
    (
        &["volume", "modify"],
        &["vserver", "volume", "snapshot-locking-enabled"],
        "Modify volume attributes",
    ),
    (
        &["network", "interface", "show"],
        &["vserver", "lif", "role", "service-policy"],
        "Display logical interfaces",
    ),
    (&["version"], &[], "Display the version of Data ONTAP"),
    (&["help"], &[], "Display help for commands"),
];

impl Engine {
    /// Runs `input` on external cluster `cluster` at real time `now`; the output text. Several
    /// lines run in order; a command that prompts (the passphrase of `cluster peer create`)
    /// takes its answers from the following lines.
    pub(crate) fn ontap_cli(&mut self, cluster: &str, input: &str, now: Timestamp) -> String {
        self.catch_up(now);
        let ckey = key(cluster);
        if !self.world.clusters.contains_key(&ckey) {
            return format!("Error: no external cluster named \"{cluster}\".\n");
        }
        // A command left waiting at a prompt (an interactive terminal sends one line at a
        // time) runs again with its earlier answers, showing only what is new.
        let mut owned: Vec<String> = Vec::new();
        let mut skip = 0;
        if let Some(p) = self.pending_prompt.take() {
            if p.cluster == ckey {
                owned.push(p.line);
                owned.extend(p.answers);
                skip = p.shown;
            }
        }
        owned.extend(input.lines().map(|l| l.trim().to_string()));
        let mut lines: VecDeque<&str> = owned.iter().map(String::as_str).collect();
        let mut out = String::new();
        while let Some(line) = lines.pop_front() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let answers: Vec<String> = lines.iter().map(|l| (*l).to_string()).collect();
            // Resumed from a prompt: answers arrive one call at a time (interactive use).
            let resumed = skip > 0;
            let text = match parse(line) {
                Ok(cmd) => self.run(&ckey, &cmd, &mut lines, resumed).unwrap_or_else(|e| e),
                Err(e) => e,
            };
            if let Some(shown) = text.strip_suffix(AWAIT_INPUT) {
                out += shown.get(skip..).unwrap_or_default();
                self.pending_prompt = Some(PendingPrompt {
                    cluster: ckey,
                    line: line.to_string(),
                    answers,
                    shown: shown.len(),
                });
                break;
            }
            out += text.get(skip..).unwrap_or_default();
            skip = 0;
        }
        out
    }

    fn run(
        &mut self,
        ckey: &str,
        cmd: &Command,
        lines: &mut VecDeque<&str>,
        resumed: bool,
    ) -> Result<String, String> {
        match cmd.words {
            ["cluster", "show"] => Ok(self.cluster_show(ckey)),
            ["cluster", "peer", "create"] => self.cluster_peer_create(ckey, cmd, lines, resumed),
            ["cluster", "peer", "show"] => Ok(self.cluster_peer_show(ckey)),
            ["cluster", "peer", "delete"] => self.cluster_peer_delete(ckey, cmd),
            ["vserver", "show"] => Ok(self.vserver_show(ckey)),
            ["vserver", "peer", "show"] => Ok(self.vserver_peer_show(ckey)),
            ["vserver", "peer", "accept"] => {
                let (v, p) = (cmd.require("vserver")?, cmd.require("peer-vserver")?);
                self.accept_vserver_peer(ckey, v, p)?;
                Ok(format!(
                    "Info: Vserver \"{v}\" accepted the peer request from Vserver \"{p}\".\n"
                ))
            }
            ["snapmirror", "show"] => Ok(self.snapmirror_show(ckey)),
            ["snapmirror", "delete"] | ["snapmirror", "release"] => {
                self.snapmirror_remove(ckey, cmd)
            }
            ["volume", "show"] => self.volume_show(ckey, cmd),
            ["volume", "offline"] => self.volume_set_online(ckey, cmd, false),
            ["volume", "online"] => self.volume_set_online(ckey, cmd, true),
            ["volume", "modify"] => self.volume_modify(ckey, cmd),
            ["network", "interface", "show"] => Ok(self.network_interface_show(ckey, cmd)),
            ["version"] => Ok(self.cluster_version(ckey)),
            _ => Ok(help()),
        }
    }
}

fn help() -> String {
    let mut out = String::new();
    for (words, _, text) in COMMANDS {
        out += &format!("{:<26} {text}\n", words.join(" "));
    }
    out
}

/// Splits a line into tokens; double quotes group words.
fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Resolves the command words (abbreviations allowed) and the parameters.
pub fn parse(line: &str) -> Result<Command, String> {
    let toks = tokens(line);
    if toks.first().is_some_and(|t| t == "?") {
        return Ok(Command { words: &["help"], params: Vec::new() });
    }
    let mut candidates: Vec<&(&[&str], &[&str], &str)> = COMMANDS.iter().collect();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() && !toks[i].starts_with('-') {
        let t = toks[i].to_ascii_lowercase();
        let exact: Vec<_> =
            candidates.iter().copied().filter(|c| c.0.get(depth) == Some(&t.as_str())).collect();
        let matching: Vec<_> = if exact.is_empty() {
            candidates
                .iter()
                .copied()
                .filter(|c| c.0.get(depth).is_some_and(|w| w.starts_with(&t)))
                .collect()
        } else {
            exact
        };
        let mut words: Vec<&str> = matching.iter().map(|c| c.0[depth]).collect();
        words.dedup();
        match words.len() {
            0 => {
                let so_far: Vec<&str> = toks[..=i].iter().map(String::as_str).collect();
                return Err(format!(
                    "Error: \"{}\" is not a recognized command\n",
                    so_far.join(" ")
                ));
            }
            1 => candidates = matching,
            _ => {
                return Err(format!(
                    "Error: Ambiguous command.  Possible matches include:\n  {}\n",
                    words.join("\n  ")
                ))
            }
        }
        depth += 1;
        i += 1;
        if candidates.len() == 1 && candidates[0].0.len() == depth {
            break;
        }
    }
    let Some(&(words, allowed, _)) = candidates.iter().find(|c| c.0.len() == depth) else {
        let so_far: Vec<&str> = toks[..i].iter().map(String::as_str).collect();
        let next: Vec<String> =
            candidates.iter().filter_map(|c| c.0.get(depth).map(|w| (*w).to_string())).collect();
        return Err(format!(
            "Error: \"{}\" is a command directory. Commands in it: {}\n",
            so_far.join(" "),
            dedup(next).join(", ")
        ));
    };
    let mut params = Vec::new();
    while i < toks.len() {
        let t = &toks[i];
        let Some(name) = t.strip_prefix('-') else {
            return Err(format!("Error: invalid argument \"{t}\"\n"));
        };
        let name = name.to_ascii_lowercase();
        let exact = allowed.iter().find(|p| **p == name);
        let full = match exact {
            Some(p) => *p,
            None => {
                let m: Vec<&&str> = allowed.iter().filter(|p| p.starts_with(&name)).collect();
                match m.as_slice() {
                    [one] => **one,
                    _ => return Err(format!("Error: invalid argument \"{t}\"\n")),
                }
            }
        };
        let value = toks
            .get(i + 1)
            .filter(|v| !v.starts_with('-') || v.len() == 1)
            .ok_or_else(|| format!("Error: Missing value for \"-{full}\".\n"))?;
        params.push((full, value.clone()));
        i += 2;
    }
    Ok(Command { words, params })
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::Kit;

    #[test]
    fn abbreviations_resolve_to_full_commands_and_parameters() {
        let c = parse("vol off -vs svm_nfs -vol vol_home").unwrap();
        assert_eq!(c.words, &["volume", "offline"]);
        assert_eq!(c.get("vserver"), Some("svm_nfs"));
        assert_eq!(c.get("volume"), Some("vol_home"));
        assert_eq!(
            parse("net int show -role intercluster").unwrap().words,
            &["network", "interface", "show"]
        );
    }

    #[test]
    fn errors_in_ontaps_style() {
        assert_eq!(
            parse("frobnicate").err().unwrap(),
            "Error: \"frobnicate\" is not a recognized command\n"
        );
        assert_eq!(
            parse("volume show -bogus x").err().unwrap(),
            "Error: invalid argument \"-bogus\"\n"
        );
        assert!(parse("volume o -vserver x").err().unwrap().contains("Ambiguous"));
        assert!(parse("cluster peer").err().unwrap().contains("command directory"));
        assert!(parse("volume offline -vserver").err().unwrap().contains("Missing value"));
    }

    #[test]
    fn a_prompt_waits_for_the_next_call_like_a_terminal() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, crate::testkit::A26);
        let p = k.peer(&path, crate::testkit::A26);
        let cmd = p["properties"]["clusterPeeringCommand"]
            .as_str()
            .unwrap()
            .replace("<IP-SPACE-NAME>", "Default");
        let pass = p["properties"]["passphrase"].as_str().unwrap().to_string();
        assert_eq!(k.cli(&cmd), "Enter the passphrase:\n");
        assert_eq!(k.cli(&pass), "Confirm the passphrase:\n");
        assert_eq!(k.cli(&pass), "");
        assert!(k.cli("cluster peer show").contains("Available"));
    }

    #[test]
    fn a_waiting_prompt_survives_saving_and_restoring_the_state() {
        let mut k = Kit::new();
        let path = k.create_migration("mig1", "vol_home", 60, crate::testkit::A26);
        let p = k.peer(&path, crate::testkit::A26);
        let cmd = p["properties"]["clusterPeeringCommand"]
            .as_str()
            .unwrap()
            .replace("<IP-SPACE-NAME>", "Default");
        let pass = p["properties"]["passphrase"].as_str().unwrap().to_string();
        assert_eq!(k.cli(&cmd), "Enter the passphrase:\n");
        // A page reload between two lines: the prompt is part of the saved state.
        k.sim = serde_json::from_str(&serde_json::to_string(&k.sim).unwrap()).unwrap();
        assert_eq!(k.cli(&pass), "Confirm the passphrase:\n");
        assert_eq!(k.cli(&pass), "");
        assert!(k.cli("cluster peer show").contains("Available"));
    }

    #[test]
    fn unknown_cluster_help_and_version() {
        let mut k = Kit::new();
        assert!(k
            .sim
            .ontap_cli("nope", "version", anf_core::time::Timestamp(k.now))
            .starts_with("Error"));
        assert!(k.cli("help").contains("cluster peer create"));
        assert!(k.cli("?").contains("vserver peer accept"));
        assert!(k.cli("version").starts_with("NetApp Release 9.14.1"));
        let out = k.cli("volume offline -vserver svm_nfs");
        assert_eq!(out, "Error: Missing required parameter \"-volume\".\n");
    }
}
