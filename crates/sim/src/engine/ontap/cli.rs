//! Running ONTAP command lines on a cluster: each line is read (`parse`), run, and its output
//! collected; a command that asks a question takes its answers from the following lines, or
//! waits for the next call, as a terminal does. The cluster's CLI session records the
//! privilege and whether a prompt is waiting, so a front end can show `cluster1::*>` or hide
//! a typed passphrase without guessing from the output.

use crate::engine::ontap::cmd_peer::Answers;
use crate::engine::ontap::command::Command;
use crate::engine::ontap::commands::help;
use crate::engine::ontap::parse::{is_command, parse};
use crate::engine::ontap::prompt::{PendingPrompt, AWAIT_INPUT};
use crate::engine::Engine;
use crate::model::key;
use crate::model::ontap::WaitingPrompt;
use anf_core::time::Timestamp;
use std::collections::VecDeque;

impl Engine {
    /// Runs `input` on external cluster `cluster` at real time `now`; the output text. Several
    /// lines run in order; a command that prompts (the passphrase of `cluster peer create`,
    /// the question of `set -privilege advanced`) takes its answers from the following lines.
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
            // Whatever happens now, the prompt it showed is no longer waiting.
            self.set_waiting(&p.cluster, None);
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
                let last = shown.trim_end().lines().last().unwrap_or_default().to_string();
                let secret = last.ends_with("passphrase:");
                self.set_waiting(&ckey, Some(WaitingPrompt { text: last, secret }));
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

    /// Records in the cluster's session whether (and at which prompt) a command waits.
    fn set_waiting(&mut self, ckey: &str, waiting: Option<WaitingPrompt>) {
        if let Some(c) = self.world.clusters.get_mut(ckey) {
            c.session.waiting = waiting;
        }
    }

    fn run(
        &mut self,
        ckey: &str,
        cmd: &Command,
        lines: &mut VecDeque<&str>,
        resumed: bool,
    ) -> Result<String, String> {
        match cmd.words {
            ["cluster", "show"] => self.cluster_show(ckey, cmd),
            ["cluster", "identity", "show"] => self.cluster_identity_show(ckey, cmd),
            ["cluster", "peer", "create"] => {
                let mut input = Answers { lines, resumed, is_command };
                self.cluster_peer_create(ckey, cmd, &mut input)
            }
            ["cluster", "peer", "show"] => self.cluster_peer_show(ckey, cmd),
            ["cluster", "peer", "delete"] => self.cluster_peer_delete(ckey, cmd),
            ["system", "node", "show"] => self.node_show(ckey, cmd),
            ["system", "license", "show"] => self.license_show(ckey, cmd),
            ["network", "interface", "show"] => self.network_interface_show(ckey, cmd),
            ["network", "ping"] => self.network_ping(ckey, cmd),
            ["vserver", "show"] => self.vserver_show(ckey, cmd),
            ["vserver", "peer", "show"] => self.vserver_peer_show(ckey, cmd),
            ["vserver", "peer", "accept"] => self.vserver_peer_accept(ckey, cmd),
            ["vserver", "peer", "delete"] => self.vserver_peer_delete(ckey, cmd),
            ["snapmirror", "show"] => self.snapmirror_show(ckey, cmd),
            ["snapmirror", "list-destinations"] => self.snapmirror_list_destinations(ckey, cmd),
            ["snapmirror", "delete" | "release"] => self.snapmirror_remove(ckey, cmd),
            ["volume", "show"] => self.volume_show(ckey, cmd),
            ["volume", "offline"] => self.volume_set_online(ckey, cmd, false),
            ["volume", "online"] => self.volume_set_online(ckey, cmd, true),
            ["volume", "modify"] => self.volume_modify(ckey, cmd),
            ["volume", "snapshot", "show"] => self.snapshot_show(ckey, cmd),
            ["set"] => self.set_session(ckey, cmd, lines),
            ["version"] => Ok(self.cluster_version(ckey)),
            _ => Ok(help()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testkit::{Kit, A26};

    fn peering(k: &mut Kit) -> (String, String) {
        let path = k.create_migration("mig1", "vol_home", 60, A26);
        let p = k.peer(&path, A26);
        let cmd = p["properties"]["clusterPeeringCommand"]
            .as_str()
            .unwrap()
            .replace("<IP-SPACE-NAME>", "Default");
        (cmd, p["properties"]["passphrase"].as_str().unwrap().to_string())
    }

    fn cluster(k: &Kit) -> crate::model::ontap::Cluster {
        k.sim.world().clusters["onprem-cl01"].clone()
    }

    #[test]
    fn a_prompt_waits_for_the_next_call_like_a_terminal() {
        let mut k = Kit::new();
        let (cmd, pass) = peering(&mut k);
        let first = k.cli(&cmd);
        assert!(first.ends_with("be hard to guess.\n\nEnter the passphrase:\n"), "{first}");
        assert!(cluster(&k).awaits_secret());
        assert_eq!(cluster(&k).prompt(), "");
        assert_eq!(k.cli(&pass), "Confirm the passphrase:\n");
        assert!(cluster(&k).awaits_secret());
        assert!(k.cli(&pass).contains("are peered"));
        assert!(!cluster(&k).awaits_secret());
        assert_eq!(cluster(&k).prompt(), "onprem-cl01::> ");
        assert!(k.cli("cluster peer show").contains("Available"));
    }

    #[test]
    fn a_mismatched_confirmation_ends_the_prompt_and_the_next_line_is_a_command() {
        // Issue 16, point 11: after "The passphrases do not match" the console echoed the next
        // command as a secret. The command has ended: nothing waits, the prompt is back.
        let mut k = Kit::new();
        let (cmd, pass) = peering(&mut k);
        k.cli(&cmd);
        k.cli(&pass);
        let out = k.cli("not-the-same");
        assert_eq!(out, "Error: The passphrases do not match.\n");
        assert!(!cluster(&k).awaits_secret());
        assert_eq!(cluster(&k).session.waiting, None);
        assert_eq!(cluster(&k).prompt(), "onprem-cl01::> ");
        // The next line runs as a command, not as an answer to a prompt.
        assert!(k.cli("version").starts_with("NetApp Release"));
        assert_eq!(k.cli("cluster peer show"), "This table is currently empty.\n");
        // Pasted in one go, the same: the error ends the command.
        let out = k.cli(&format!("{cmd}\n{pass}\nother\nversion"));
        assert!(out.contains("do not match.\nNetApp Release"), "{out}");
        assert_eq!(cluster(&k).session.waiting, None);
    }

    #[test]
    fn a_waiting_prompt_survives_saving_and_restoring_the_state() {
        let mut k = Kit::new();
        let (cmd, pass) = peering(&mut k);
        assert!(k.cli(&cmd).ends_with("Enter the passphrase:\n"));
        // A page reload between two lines: the prompt is part of the saved state.
        k.sim = serde_json::from_str(&serde_json::to_string(&k.sim).unwrap()).unwrap();
        assert!(cluster(&k).awaits_secret());
        assert_eq!(k.cli(&pass), "Confirm the passphrase:\n");
        assert!(k.cli(&pass).contains("are peered"));
        assert!(k.cli("cluster peer show").contains("Available"));
    }

    #[test]
    fn a_question_is_not_secret() {
        let mut k = Kit::new();
        k.cli("set -privilege diagnostic");
        let c = cluster(&k);
        assert!(!c.awaits_secret());
        assert_eq!(c.session.waiting.unwrap().text, "Do you want to continue? {y|n}:");
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
