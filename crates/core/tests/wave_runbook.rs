//! The runbook: every step in order, the ONTAP commands de-duplicated where one serves many
//! volumes, and each ARM call in the real syntax of the Azure CLI, Azure PowerShell and curl.

use anf_core::api_version::ApiVersion;
use anf_core::ids::SubscriptionId;
use anf_core::migration::AFTER_BREAK_WARNING;
use anf_core::models::{ClusterPeerCommand, ServiceLevel, SvmPeerCommand};
use anf_core::validation::quota::TIB;
use anf_core::wave::runbook::{runbook_markdown, RunbookInput, RunbookVolume};
use anf_core::wave::runbook_calls::{call, Operation};
use anf_core::wave::{check_wave, read_csv, PoolInfo, WaveContext, WavePlan};
use std::collections::BTreeMap;

const SUBNET: &str = "/subscriptions/sub-1/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/anf";

fn input() -> RunbookInput {
    let mut plan = WavePlan::new("Wave 1", "onprem-cl01");
    plan.defaults.pool = "premium-pool".into();
    plan.defaults.subnet_id = SUBNET.into();
    plan.defaults.export_clients = "10.1.0.0/16".into();
    plan.peer_addresses.insert("onprem-cl01".into(), "192.168.10.21 192.168.10.22".into());
    let csv = "svm,source_volume,logical_size,protocol,pool,export_clients\n\
               svm_nfs,app01,450GB,,,\n\
               svm_nfs,app02,1TB,,,\n\
               svm_sql,db01,200GB,NFSv4.1,ultra-pool,10.2.0.0/24\n";
    plan.add_rows(read_csv(csv).unwrap().rows);
    let pool = |name: &str, level| PoolInfo {
        name: name.into(),
        service_level: level,
        manual_qos: false,
        size_bytes: 20 * TIB,
        used_bytes: 0,
        throughput_mibps: None,
        volume_names: Vec::new(),
    };
    let ctx = WaveContext {
        api_version: ApiVersion::V2026_04_01,
        location: "westeurope".into(),
        pools: vec![
            pool("premium-pool", ServiceLevel::Premium),
            pool("ultra-pool", ServiceLevel::Ultra),
        ],
        subnet_free_ips: Some(50),
        ..WaveContext::default()
    };
    let verdict = check_wave(&plan, &ctx);
    assert!(verdict.may_start(), "{:?}", verdict.why_not());
    let account = SubscriptionId::new("sub-1").resource_group("mig-rg").account("anf-west");
    let volumes = verdict
        .creates()
        .into_iter()
        .map(|v| RunbookVolume {
            id: account.pool(v.pool.clone()).volume(v.request.volume_name.clone()),
            request: v.request.clone(),
        })
        .collect();
    RunbookInput {
        wave_name: "Wave 1".into(),
        endpoint: "https://management.azure.com".into(),
        api_version: ApiVersion::V2026_04_01,
        volumes,
        cluster_peer: BTreeMap::new(),
        svm_peer: BTreeMap::new(),
    }
}

#[test]
fn every_step_comes_in_order() {
    let md = runbook_markdown(&input());
    let steps = [
        "# Migration wave: Wave 1",
        "## 1. Pre-flight checklist",
        "## 2. Create the migration volumes",
        "## 3. Peer the clusters",
        "## 4. Peer the SVMs",
        "## 5. Watch the baseline transfers",
        "## 6. Cut-over window",
        "### Final transfer",
        "### Break the replication",
        "### Finalize",
        "## 7. After the wave",
    ];
    let at: Vec<usize> =
        steps.iter().map(|s| md.find(s).unwrap_or_else(|| panic!("{s} missing"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(md.contains("- [ ] Snapshot locking is off"), "checklist items are checkboxes");
    assert!(md.contains("up to 21 if no volume can reuse storage"));
    // Code fences are balanced.
    assert_eq!(md.matches("```").count() % 2, 0);
}

#[test]
fn the_azure_cli_create_uses_the_clis_own_arguments() {
    let input = input();
    let v = &input.volumes[0];
    let c = call(Operation::Create, &v.id, &v.request, &input.endpoint, input.api_version);
    assert_eq!(
        c.az,
        "az netappfiles volume create --subscription sub-1 --resource-group mig-rg --account-name anf-west --pool-name premium-pool --volume-name app01 \\\n  \
         --location westeurope \\\n  --service-level Premium \\\n  --usage-threshold 540 \\\n  --file-path app01 \\\n  \
         --vnet /subscriptions/sub-1/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub \\\n  \
         --subnet /subscriptions/sub-1/resourceGroups/net-rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/anf \\\n  \
         --protocol-types NFSv3 \\\n  --network-features Standard --volume-type Migration \\\n  --replication-schedule hourly \\\n  \
         --external-host-name onprem-cl01 --external-server-name svm_nfs --external-volume-name app01 \\\n  \
         --rule-index 1 --allowed-clients \"10.1.0.0/16\" --unix-read-only false --unix-read-write true"
    );
    assert!(c.curl.starts_with("curl -sS -i -X PUT \"https://management.azure.com/subscriptions/sub-1/resourceGroups/mig-rg/providers/Microsoft.NetApp/netAppAccounts/anf-west/capacityPools/premium-pool/volumes/app01?api-version=2026-04-01\""), "{}", c.curl);
    assert!(
        c.curl.contains("-H \"If-None-Match: *\""),
        "never replace an existing volume: {}",
        c.curl
    );
    assert!(
        c.powershell.starts_with("Invoke-AzRestMethod -Method PUT -Path '/subscriptions/sub-1/"),
        "{}",
        c.powershell
    );
    assert!(
        c.powershell.contains("?api-version=2026-04-01' -Payload '{\"location\":\"westeurope\""),
        "{}",
        c.powershell
    );
}

#[test]
fn replication_calls_use_the_real_commands_and_cmdlets() {
    let input = input();
    let v = &input.volumes[0];
    let peer =
        call(Operation::PeerExternalCluster, &v.id, &v.request, &input.endpoint, input.api_version);
    assert!(
        peer.az.starts_with(
            "az netappfiles volume replication peer-external-cluster --subscription sub-1"
        ),
        "{}",
        peer.az
    );
    assert!(
        peer.az.ends_with("--peer-ip-addresses \"[192.168.10.21,192.168.10.22]\""),
        "{}",
        peer.az
    );
    assert_eq!(
        peer.powershell,
        "Start-AzNetAppFilesPeerExternalCluster -ResourceGroupName 'mig-rg' -AccountName 'anf-west' -PoolName 'premium-pool' -Name 'app01' -PeerIPAddress '192.168.10.21','192.168.10.22'"
    );
    assert!(
        peer.curl.contains("-d '{\"peerIpAddresses\":[\"192.168.10.21\",\"192.168.10.22\"]}'"),
        "{}",
        peer.curl
    );
    let expected = [
        (
            Operation::AuthorizeExternalReplication,
            "az netappfiles volume replication authorize-external-replication",
            "Start-AzNetAppFilesAuthorizeExternalReplication",
        ),
        (
            Operation::ReplicationStatus,
            "az netappfiles volume replication status",
            "Get-AzNetAppFilesReplicationStatus",
        ),
        (
            Operation::PerformReplicationTransfer,
            "az netappfiles volume replication perform-replication-transfer",
            "Start-AzNetAppFilesPerformExternalReplication",
        ),
        (
            Operation::BreakReplication,
            "az netappfiles volume replication suspend",
            "Suspend-AzNetAppFilesReplication",
        ),
        (
            Operation::FinalizeExternalReplication,
            "az netappfiles volume replication finalize-external-replication",
            "Start-AzNetAppFilesFinalizeExternalReplication",
        ),
    ];
    for (op, az, ps) in expected {
        let c = call(op, &v.id, &v.request, &input.endpoint, input.api_version);
        assert!(c.az.starts_with(az) && c.az.ends_with("--volume-name app01"), "{}", c.az);
        assert!(
            c.powershell.starts_with(ps) && c.powershell.ends_with("-Name 'app01'"),
            "{}",
            c.powershell
        );
    }
    let brk =
        call(Operation::BreakReplication, &v.id, &v.request, &input.endpoint, input.api_version);
    assert!(brk.curl.contains("-d '{\"forceBreakReplication\":false}'"), "{}", brk.curl);
    let fin = call(
        Operation::FinalizeExternalReplication,
        &v.id,
        &v.request,
        &input.endpoint,
        input.api_version,
    );
    assert!(fin.curl.contains("-H \"Content-Length: 0\""), "{}", fin.curl);
}

#[test]
fn ontap_commands_are_given_once_where_one_serves_many() {
    let mut input = input();
    let md = runbook_markdown(&input);
    // One vserver peer accept per source SVM (two SVMs, three volumes).
    assert_eq!(md.matches("vserver peer accept -vserver svm_nfs -peer-vserver <").count(), 1);
    assert_eq!(md.matches("vserver peer accept -vserver svm_sql -peer-vserver <").count(), 1);
    // One cluster peer create for the one cluster, with a passphrase placeholder.
    assert_eq!(md.matches("cluster peer create -").count(), 1);
    assert!(md.contains("type `<passphrase from the peerExternalCluster answer>`"));
    // What ARM answered goes in as is, de-duplicated per SVM pair.
    input.cluster_peer.insert(
        "onprem-cl01".into(),
        ClusterPeerCommand {
            command: Some(
                "cluster peer create -peer-addrs 10.20.30.4,10.20.30.5 -ipspace Default".into(),
            ),
            passphrase: Some("Xy7-secret".into()),
        },
    );
    for (vol, svm) in [("app01", "svm_nfs"), ("app02", "svm_nfs"), ("db01", "svm_sql")] {
        input.svm_peer.insert(
            vol.into(),
            SvmPeerCommand {
                command: Some(format!(
                    "vserver peer accept -vserver {svm} -peer-vserver anf_svm_7"
                )),
            },
        );
    }
    let md = runbook_markdown(&input);
    assert!(md.contains("cluster peer create -peer-addrs 10.20.30.4,10.20.30.5 -ipspace Default\n"));
    assert!(md.contains("type `Xy7-secret`"));
    assert_eq!(
        md.matches("vserver peer accept -vserver svm_nfs -peer-vserver anf_svm_7").count(),
        1
    );
    assert_eq!(md.matches("vserver peer accept -vserver").count(), 2);
    input.cluster_peer.insert("onprem-cl01".into(), ClusterPeerCommand::default());
    let md = runbook_markdown(&input);
    assert!(md.contains("already peered; nothing to run"));
    assert_eq!(md.matches("cluster peer create -").count(), 0);
}

#[test]
fn the_cut_over_takes_the_sources_offline_then_syncs_breaks_and_finalizes() {
    let md = runbook_markdown(&input());
    let window = &md[md.find("## 6. Cut-over window").unwrap()..];
    let offline = [
        "volume offline -vserver svm_nfs -volume app01",
        "volume offline -vserver svm_nfs -volume app02",
        "volume offline -vserver svm_sql -volume db01",
    ];
    let block = window.find(&offline.join("\n")).expect("the offline commands as one block");
    let sync = window.find("perform-replication-transfer").unwrap();
    let brk = window.find("replication suspend").unwrap();
    let fin = window.find("finalize-external-replication").unwrap();
    assert!(block < sync && sync < brk && brk < fin);
    assert!(window.contains(AFTER_BREAK_WARNING));
    let after = &md[md.find("## 7. After the wave").unwrap()..];
    assert!(after.contains("cluster peer show\ncluster peer delete -cluster"), "{after}");
    assert!(md.contains("snapmirror show -source-path svm_sql:db01"));
}
