//! One ARM operation on one migration volume, written three ways, each to its tool's own
//! syntax:
//!
//! - Azure CLI: `az netappfiles volume create` and `az netappfiles volume replication ...`,
//!   with the arguments the azure-cli repository defines (Azure/azure-cli
//!   `src/azure-cli/azure/cli/command_modules/netappfiles/custom.py`, class `VolumeCreate`:
//!   `--usage-threshold` in GiB, `--vnet`, the export-rule flags `--rule-index`,
//!   `--allowed-clients`, `--unix-read-only`, `--unix-read-write`; and
//!   `aaz/latest/netappfiles/volume/_create.py`: `--file-path`, `--protocol-types`,
//!   `--network-features`, `--volume-type`, `--replication-schedule`, `--external-host-name`,
//!   `--external-server-name`, `--external-volume-name`, `--is-large-volume`;
//!   `aaz/latest/netappfiles/volume/replication/_peer_external_cluster.py`
//!   (`--peer-ip-addresses "[a,b]"`, as its example writes it),
//!   `_authorize_external_replication.py`, `_status.py`, `_perform_replication_transfer.py`,
//!   `_suspend.py` (breakReplication) and `_finalize_external_replication.py`).
//! - Azure PowerShell: the Az.NetAppFiles cmdlets of Azure/azure-powershell
//!   `src/NetAppFiles/NetAppFiles/Replication/`: `Start-AzNetAppFilesPeerExternalCluster`
//!   (`-PeerIPAddress`; the help file spells it `-PeerIpAddresse`, and PowerShell's prefix
//!   matching takes `-PeerIPAddress` for either), `Start-AzNetAppFilesAuthorizeExternalReplication`,
//!   `Get-AzNetAppFilesReplicationStatus`, `Start-AzNetAppFilesPerformExternalReplication`,
//!   `Suspend-AzNetAppFilesReplication` and `Start-AzNetAppFilesFinalizeExternalReplication`,
//!   each with `-ResourceGroupName -AccountName -PoolName -Name`. The create is
//!   `Invoke-AzRestMethod -Method PUT -Path ... -Payload ...` (Az.Accounts,
//!   <https://learn.microsoft.com/powershell/module/az.accounts/invoke-azrestmethod>):
//!   `New-AzNetAppFilesVolume` takes a `-ReplicationObject` whose type
//!   (`Models/PSNetAppFilesReplicationObject.cs`) has no `remotePath`, so it cannot create a
//!   migration volume.
//! - REST: curl with the path the client uses ([`crate::arm::paths::volume`]), the
//!   api-version, and the exact JSON body the client sends; the create sends
//!   `If-None-Match: *` so a second run never replaces a volume.

use crate::api_version::ApiVersion;
use crate::arm::paths;
use crate::ids::{SubnetId, VolumeId};
use crate::models::BreakReplicationRequest;
use crate::models::PeerClusterRequest;
use crate::validation::quota::GIB;
use crate::wizard::draft::CreateRequest;

/// The operations a wave runs on each volume.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `Volumes_CreateOrUpdate`.
    Create,
    /// `Volumes_PeerExternalCluster`.
    PeerExternalCluster,
    /// `Volumes_AuthorizeExternalReplication`.
    AuthorizeExternalReplication,
    /// `Volumes_ReplicationStatus`.
    ReplicationStatus,
    /// `Volumes_PerformReplicationTransfer`.
    PerformReplicationTransfer,
    /// `Volumes_BreakReplication`.
    BreakReplication,
    /// `Volumes_FinalizeExternalReplication`.
    FinalizeExternalReplication,
}

/// One operation in three forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// Azure CLI.
    pub az: String,
    /// Azure PowerShell.
    pub powershell: String,
    /// curl.
    pub curl: String,
}

/// A value inside a POSIX shell single-quoted string.
fn sh_single(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A value inside a PowerShell single-quoted string.
fn ps_single(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn az_target(id: &VolumeId) -> String {
    format!(
        "--subscription {} --resource-group {} --account-name {} --pool-name {} --volume-name {}",
        id.subscription, id.resource_group, id.account, id.pool, id.volume
    )
}

fn ps_target(id: &VolumeId) -> String {
    format!(
        "-ResourceGroupName {} -AccountName {} -PoolName {} -Name {}",
        ps_single(&id.resource_group),
        ps_single(&id.account),
        ps_single(&id.pool),
        ps_single(&id.volume)
    )
}

fn curl(method: &str, url: &str, body: Option<&str>, extra_headers: &[&str]) -> String {
    let mut lines = vec![format!("curl -sS -i -X {method} \"{url}\"")];
    lines.push("  -H \"Authorization: Bearer $TOKEN\"".to_owned());
    for h in extra_headers {
        lines.push(format!("  -H \"{h}\""));
    }
    match body {
        Some(b) => {
            lines.push("  -H \"Content-Type: application/json\"".to_owned());
            lines.push(format!("  -d {}", sh_single(b)));
        }
        // ARM wants a length on a POST even when it has no body.
        None if method == "POST" => lines.push("  -H \"Content-Length: 0\"".to_owned()),
        None => {}
    }
    lines.join(" \\\n")
}

/// The three forms of `op` on the volume `id`; `create` is the volume's create request
/// (needed for [`Operation::Create`] and [`Operation::PeerExternalCluster`]).
#[must_use]
pub fn call(
    op: Operation,
    id: &VolumeId,
    create: &CreateRequest,
    endpoint: &str,
    version: ApiVersion,
) -> Call {
    let path = paths::volume(id);
    let url = |suffix: &str| format!("{endpoint}{path}{suffix}?api-version={version}");
    let rp = |suffix: &str| format!("{path}{suffix}?api-version={version}");
    let target = az_target(id);
    let ps = ps_target(id);
    let (az, powershell, curl_text) = match op {
        Operation::Create => {
            let body = serde_json::to_string(&create.volume()).unwrap_or_default();
            (
                az_create(id, create),
                format!(
                    "Invoke-AzRestMethod -Method PUT -Path {} -Payload {}",
                    ps_single(&rp("")),
                    ps_single(&body)
                ),
                curl("PUT", &url(""), Some(&body), &["If-None-Match: *"]),
            )
        }
        Operation::PeerExternalCluster => {
            let ips = &create.peer_addresses;
            let body =
                serde_json::to_string(&PeerClusterRequest { peer_ip_addresses: ips.clone() })
                    .unwrap_or_default();
            let ps_ips: Vec<String> = ips.iter().map(|i| ps_single(i)).collect();
            (
                format!("az netappfiles volume replication peer-external-cluster {target} --peer-ip-addresses \"[{}]\"", ips.join(",")),
                format!("Start-AzNetAppFilesPeerExternalCluster {ps} -PeerIPAddress {}", ps_ips.join(",")),
                curl("POST", &url("/peerExternalCluster"), Some(&body), &[]),
            )
        }
        Operation::AuthorizeExternalReplication => (
            format!("az netappfiles volume replication authorize-external-replication {target}"),
            format!("Start-AzNetAppFilesAuthorizeExternalReplication {ps}"),
            curl("POST", &url("/authorizeExternalReplication"), None, &[]),
        ),
        Operation::ReplicationStatus => (
            format!("az netappfiles volume replication status {target}"),
            format!("Get-AzNetAppFilesReplicationStatus {ps}"),
            curl("GET", &url("/replicationStatus"), None, &[]),
        ),
        Operation::PerformReplicationTransfer => (
            format!("az netappfiles volume replication perform-replication-transfer {target}"),
            format!("Start-AzNetAppFilesPerformExternalReplication {ps}"),
            curl("POST", &url("/performReplicationTransfer"), None, &[]),
        ),
        Operation::BreakReplication => {
            let body =
                serde_json::to_string(&BreakReplicationRequest { force_break_replication: false })
                    .unwrap_or_default();
            (
                format!("az netappfiles volume replication suspend {target}"),
                format!("Suspend-AzNetAppFilesReplication {ps}"),
                curl("POST", &url("/breakReplication"), Some(&body), &[]),
            )
        }
        Operation::FinalizeExternalReplication => (
            format!("az netappfiles volume replication finalize-external-replication {target}"),
            format!("Start-AzNetAppFilesFinalizeExternalReplication {ps}"),
            curl("POST", &url("/finalizeExternalReplication"), None, &[]),
        ),
    };
    Call { az, powershell, curl: curl_text }
}

fn az_create(id: &VolumeId, create: &CreateRequest) -> String {
    let s = &create.spec;
    let mut args = vec![
        format!("az netappfiles volume create {}", az_target(id)),
        format!("--location {}", s.location),
        format!("--service-level {}", s.service_level),
        format!("--usage-threshold {}", s.usage_threshold / GIB),
        format!("--file-path {}", s.creation_token),
    ];
    if let Ok(subnet) = SubnetId::parse(&s.subnet_id) {
        args.push(format!("--vnet {}", subnet.vnet_id()));
    }
    args.push(format!("--subnet {}", s.subnet_id));
    args.push(format!("--protocol-types {}", s.protocol_types.join(" ")));
    args.push("--network-features Standard --volume-type Migration".to_owned());
    args.push(format!("--replication-schedule {}", s.replication_schedule));
    args.push(format!(
        "--external-host-name {} --external-server-name {} --external-volume-name {}",
        s.remote_path.external_host_name, s.remote_path.server_name, s.remote_path.volume_name
    ));
    if s.is_large_volume {
        args.push("--is-large-volume true".to_owned());
    }
    if let Some(rule) = s.export_policy.as_ref().and_then(|p| p.rules.first()) {
        args.push(format!(
            "--rule-index {} --allowed-clients \"{}\" --unix-read-only {} --unix-read-write {}",
            rule.rule_index.unwrap_or(1),
            rule.allowed_clients.as_deref().unwrap_or_default(),
            rule.unix_read_only.unwrap_or(false),
            rule.unix_read_write.unwrap_or(true)
        ));
    }
    args.join(" \\\n  ")
}
