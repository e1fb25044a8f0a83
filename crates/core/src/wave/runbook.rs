//! The wave as a runbook: one Markdown document with every step in order — the pre-flight
//! checklist, the creates, cluster and SVM peering, the baseline watch, the cut-over window
//! and the clean-up — with the ONTAP commands to paste on the source cluster and each ARM
//! call as Azure CLI, Azure PowerShell and REST ([`super::runbook_calls`]).
//!
//! The steps follow Microsoft's migration how-to: the peering offer must be accepted within
//! 60 minutes; the cut-over takes the source volumes offline once the baselines are done (so
//! no write is lost), then a final transfer, then the break, then finalize; after the break no
//! `snapmirror` command may be run on the source; after finalizing, `cluster peer show` tells
//! whether a peering is left to delete. Commands ARM has already returned (the cluster peer
//! command and passphrase, the SVM peer commands) are written as they are; the others are
//! placeholders to fill from the step's answer.

use super::runbook_calls::{call, Operation};
use crate::api_version::ApiVersion;
use crate::ids::VolumeId;
use crate::migration::{offline_command, source_commands, AFTER_BREAK_WARNING};
use crate::models::{ClusterPeerCommand, RemotePath, SvmPeerCommand};
use crate::wizard::draft::CreateRequest;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One volume of the runbook.
#[derive(Clone, Debug, PartialEq)]
pub struct RunbookVolume {
    /// The ANF volume to create.
    pub id: VolumeId,
    /// Its create request (as [`super::checks::check_wave`] gives it).
    pub request: CreateRequest,
}

/// What the runbook is written from.
#[derive(Clone, Debug, PartialEq)]
pub struct RunbookInput {
    /// The wave's name.
    pub wave_name: String,
    /// The ARM endpoint (`https://management.azure.com`).
    pub endpoint: String,
    /// The api-version the REST calls use.
    pub api_version: ApiVersion,
    /// The volumes, in wave order.
    pub volumes: Vec<RunbookVolume>,
    /// Cluster peer commands ARM returned, by source cluster.
    pub cluster_peer: BTreeMap<String, ClusterPeerCommand>,
    /// SVM peer commands ARM returned, by volume name.
    pub svm_peer: BTreeMap<String, SvmPeerCommand>,
}

fn fence(out: &mut String, lang: &str, lines: &[String]) {
    let _ = writeln!(out, "```{lang}");
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    out.push_str("```\n\n");
}

/// The three forms of `op` for every volume, under their headings.
fn three_forms(out: &mut String, input: &RunbookInput, op: Operation, note: &str) {
    let calls: Vec<_> = input
        .volumes
        .iter()
        .map(|v| call(op, &v.id, &v.request, &input.endpoint, input.api_version))
        .collect();
    out.push_str("Azure CLI:\n\n");
    fence(out, "sh", &spaced(calls.iter().map(|c| c.az.clone()).collect()));
    out.push_str("Azure PowerShell:\n\n");
    fence(out, "powershell", &spaced(calls.iter().map(|c| c.powershell.clone()).collect()));
    out.push_str("REST:\n\n");
    fence(out, "sh", &spaced(calls.iter().map(|c| c.curl.clone()).collect()));
    if !note.is_empty() {
        let _ = writeln!(out, "{note}\n");
    }
}

fn remote(v: &RunbookVolume) -> &RemotePath {
    &v.request.spec.remote_path
}

/// The runbook as Markdown.
#[must_use]
pub fn runbook_markdown(input: &RunbookInput) -> String {
    let mut out = String::new();
    header(&mut out, input);
    checklist(&mut out, input);
    out.push_str("## 2. Create the migration volumes\n\n");
    three_forms(
        &mut out,
        input,
        Operation::Create,
        "The REST calls send `If-None-Match: *`, so running one twice fails instead of changing a volume that exists; the Azure CLI and PowerShell forms can't send it, so run each of them once (`az netappfiles volume show` tells whether a volume exists). Wait until each volume's provisioning state is Succeeded before peering.",
    );
    cluster_peering(&mut out, input);
    svm_peering(&mut out, input);
    out.push_str("## 5. Watch the baseline transfers\n\n");
    three_forms(
        &mut out,
        input,
        Operation::ReplicationStatus,
        "The baseline is done when mirrorState is Mirrored and relationshipStatus is Idle.",
    );
    let watch: Vec<String> = input
        .volumes
        .iter()
        .filter_map(|v| {
            source_commands(remote(v))
                .into_iter()
                .find(|c| c.key == "snapmirror")
                .map(|c| c.command)
        })
        .collect();
    out.push_str("On the source cluster:\n\n");
    fence(&mut out, "text", &dedup(watch));
    cut_over(&mut out, input);
    after(&mut out, input);
    out
}

fn header(out: &mut String, input: &RunbookInput) {
    let subs = dedup(input.volumes.iter().map(|v| v.id.subscription.clone()).collect());
    let clusters =
        dedup(input.volumes.iter().map(|v| remote(v).external_host_name.clone()).collect());
    let _ = writeln!(out, "# Migration wave: {}\n", input.wave_name);
    let _ = writeln!(
        out,
        "{} volumes from {} into Azure NetApp Files, REST api-version {}.\n",
        input.volumes.len(),
        clusters.join(", "),
        input.api_version
    );
    out.push_str("Sign in first. Azure CLI and REST (the calls below use `$TOKEN`):\n\n");
    let mut sh = vec!["az login".to_owned()];
    for s in &subs {
        sh.push(format!("az account set --subscription {s}"));
    }
    sh.push("TOKEN=$(az account get-access-token --resource https://management.azure.com --query accessToken -o tsv)".into());
    fence(out, "sh", &sh);
    out.push_str("Azure PowerShell:\n\n");
    let mut ps = vec!["Connect-AzAccount".to_owned()];
    for s in &subs {
        ps.push(format!("Set-AzContext -Subscription '{s}'"));
    }
    fence(out, "powershell", &ps);
}

fn checklist(out: &mut String, input: &RunbookInput) {
    out.push_str("## 1. Pre-flight checklist\n\n");
    let items = [
        "The source cluster runs ONTAP 9.10.0 or later and has a SnapMirror license.".to_owned(),
        "Snapshot locking is off on every source volume (otherwise transfers fail with \"Last transfer error\").".into(),
        "The network between every source intercluster LIF and the delegated subnet allows ICMP, TCP 11104, TCP 11105 and HTTPS both ways.".into(),
        format!("The delegated subnet has at least 7 free IP addresses (6 for peering, 1 for data), and up to {} if no volume can reuse storage.", 7 * input.volumes.len()),
        "The ANFMigrationAssistant feature is registered in the subscription.".into(),
        "No FlexGroup, data-protection or root volume is in the wave.".into(),
        "`cluster peer show` on the source lists no earlier peering request to Azure NetApp Files.".into(),
        "No other Azure subscription is peered with this source cluster.".into(),
        "Someone is ready to accept the cluster peering on the source within 60 minutes of step 3.".into(),
        "Backup stays off on the new volumes until the migration is finalized.".into(),
    ];
    for i in items {
        let _ = writeln!(out, "- [ ] {i}");
    }
    out.push('\n');
}

fn cluster_peering(out: &mut String, input: &RunbookInput) {
    out.push_str("## 3. Peer the clusters\n\n");
    out.push_str("Start the peering from every volume, in order. The answer (REST: the operation at the `Azure-AsyncOperation` URL, `curl -sS -H \"Authorization: Bearer $TOKEN\" \"$ASYNC_URL\"`) holds the `cluster peer create` command and its passphrase. `Start-AzNetAppFilesPeerExternalCluster` may report only success (the Az.NetAppFiles source it was checked against writes no command); then read the command with the REST call.\n\n");
    three_forms(out, input, Operation::PeerExternalCluster, "");
    out.push_str("On the source cluster, within 60 minutes, run the command once per cluster and type the passphrase when ONTAP asks for it. Later volumes answer that the clusters are already peered when placement reused the same storage; a volume placed on other storage answers with another command: run each distinct command.\n\n");
    let clusters =
        dedup(input.volumes.iter().map(|v| remote(v).external_host_name.clone()).collect());
    for cluster in clusters {
        let answer = input
            .cluster_peer
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&cluster))
            .map(|(_, c)| c);
        if answer.is_some_and(ClusterPeerCommand::is_already_peered) {
            let _ = writeln!(out, "Cluster {cluster}: ARM answered that the clusters are already peered; nothing to run.\n");
            continue;
        }
        let known = answer;
        let command = known.and_then(|c| c.command.clone()).unwrap_or_else(|| {
            "cluster peer create -ipspace <IP-SPACE-NAME> -encryption-protocol-proposed tls-psk -peer-addrs <addresses from the peerExternalCluster answer>".into()
        });
        let passphrase = known
            .and_then(|c| c.passphrase.clone())
            .unwrap_or_else(|| "<passphrase from the peerExternalCluster answer>".into());
        let _ = writeln!(out, "Cluster {cluster}:\n");
        fence(out, "text", &[command]);
        let _ = writeln!(out, "When ONTAP asks `Enter the passphrase:`, type `{passphrase}`. Then `cluster peer show` lists the peering as available.\n");
    }
}

fn svm_peering(out: &mut String, input: &RunbookInput) {
    out.push_str("## 4. Peer the SVMs\n\n");
    three_forms(out, input, Operation::AuthorizeExternalReplication, "Each answer holds a `vserver peer accept` command; volumes of the same SVM pair share one.");
    let mut commands = Vec::new();
    for v in &input.volumes {
        let known = input.svm_peer.get(&v.id.volume).and_then(|c| c.command.clone());
        commands.push(known.unwrap_or_else(|| {
            format!("vserver peer accept -vserver {} -peer-vserver <Azure NetApp Files SVM from the authorizeExternalReplication answer>", remote(v).server_name)
        }));
    }
    out.push_str("On the source cluster, once per SVM pair:\n\n");
    fence(out, "text", &dedup(commands));
    out.push_str("The baseline transfer starts once the SVM peering is accepted.\n\n");
}

fn cut_over(out: &mut String, input: &RunbookInput) {
    out.push_str("## 6. Cut-over window\n\n");
    out.push_str("Once every baseline is done, stop the clients and take the source volumes offline, so no write reaches them after the final transfer:\n\n");
    let offline: Vec<String> = input.volumes.iter().map(|v| offline_command(remote(v))).collect();
    fence(out, "text", &offline);
    out.push_str("### Final transfer\n\n");
    three_forms(out, input, Operation::PerformReplicationTransfer, "Wait until each volume's replication status shows relationshipStatus Idle (step 5's calls) before the break.");
    out.push_str("### Break the replication\n\n");
    three_forms(out, input, Operation::BreakReplication, AFTER_BREAK_WARNING);
    out.push_str("Move the clients to the Azure NetApp Files volumes (their mount targets).\n\n");
    out.push_str("### Finalize\n\n");
    three_forms(out, input, Operation::FinalizeExternalReplication, "Finalizing releases the replication and, for the last migration on that storage, removes the cluster peering on Azure's side.");
}

fn after(out: &mut String, input: &RunbookInput) {
    out.push_str("## 7. After the wave\n\n");
    let sample = input.volumes.first().map(|v| source_commands(remote(v)));
    let pick = |key: &str| {
        sample
            .as_ref()
            .and_then(|all| all.iter().find(|c| c.key == key).map(|c| c.command.clone()))
            .unwrap_or_default()
    };
    out.push_str("On the source cluster, check that no peering to Azure NetApp Files is left, and delete one that is (its vserver peers first, if any):\n\n");
    fence(out, "text", &[pick("peers"), pick("peer-delete")]);
}

/// Commands that span lines get a blank line between them, so each stands out.
fn spaced(commands: Vec<String>) -> Vec<String> {
    if !commands.iter().any(|c| c.contains('\n')) {
        return commands;
    }
    let mut out = Vec::new();
    for (i, c) in commands.into_iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.push(c);
    }
    out
}

/// Keeps the first of each line, in order.
fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
