//! The how-to's REST walkthrough end to end, driven only through `handle` and the ONTAP CLI:
//! create the migration volume, peer, accept on the source with the passphrase, authorize,
//! accept the SVM peering, baseline to Mirrored, sync, break, finalize.

use crate::testkit::{json_of, Kit, A25, A26, GIB};
use serde_json::{json, Value};

fn progress(s: &Value) -> u64 {
    s["totalProgress"].as_str().unwrap().parse().unwrap()
}

fn walkthrough(api: &str) {
    let mut k = Kit::new();
    // 1. The migration volume, 20 % above the source's logical size.
    let path = k.create_migration("migvolfinal", "vol_home", 51, api);

    // 2. Peer with every node's intercluster LIF, then read the result from the async status.
    let r = k.post(
        &format!("{path}/peerExternalCluster?api-version={api}"),
        Some(json!({ "peerIpAddresses": ["192.168.10.21", "192.168.10.22"] })),
    );
    assert_eq!(r.status, 202);
    let peered = k.finish(&r);
    assert_eq!(peered["status"], "Succeeded");
    let (command, passphrase) = if api == A25 {
        (
            peered["properties"]["peerAcceptCommand"].as_str().unwrap(),
            peered["properties"]["passphrase"].as_str().unwrap(),
        )
    } else {
        (
            peered["properties"]["clusterPeeringCommand"].as_str().unwrap(),
            peered["properties"]["passphrase"].as_str().unwrap(),
        )
    };
    assert!(!command.is_empty() && passphrase.len() >= 16);

    // 3. On the source: the command with the admin's IPspace, and the passphrase at the prompt.
    let command = command.replace("<IP-SPACE-NAME>", "Default");
    let out = k.cli(&format!("{command}\n{passphrase}\n{passphrase}"));
    assert!(!out.contains("Error"), "{out}");
    assert!(k.cli("cluster peer show").contains("Available"));

    // 4. Authorize; the SVM peering command comes back in the status properties.
    let r = k.post(&format!("{path}/authorizeExternalReplication?api-version={api}"), None);
    let auth = k.finish(&r);
    let svm_cmd = auth["properties"]["svmPeeringCommand"].as_str().unwrap().to_string();
    assert!(svm_cmd.starts_with("vserver peer accept -vserver svm_nfs -peer-vserver "));

    // 5. Accept the SVM peering on the source.
    let out = k.cli(&svm_cmd);
    assert!(!out.contains("Error"), "{out}");

    // 6. The baseline transfers 42 GiB over a few minutes, then the mirror is Mirrored.
    k.wait(31);
    let first = k.status(&path);
    assert_eq!(first["relationshipStatus"], "Transferring");
    k.wait(60);
    let mid = k.status(&path);
    assert!(progress(&mid) > progress(&first) && mid["mirrorState"] == "Uninitialized", "{mid}");
    let mut s = mid;
    for _ in 0..40 {
        if s["mirrorState"] == "Mirrored" {
            break;
        }
        k.wait(10);
        s = k.status(&path);
    }
    assert_eq!((s["mirrorState"].as_str(), s["healthy"].as_bool()), (Some("Mirrored"), Some(true)));
    assert_eq!(progress(&s), 42 * GIB);

    // 7. Cut-over window: take the source offline and sync the last changes.
    assert!(k.cli("volume offline -vserver svm_nfs -volume vol_home").contains("now offline"));
    let r = k.post(&format!("{path}/performReplicationTransfer?api-version={api}"), None);
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    let synced = k.status(&path);
    assert!(progress(&synced) > 42 * GIB, "the writes before going offline were transferred");

    // 8. Break: the volume becomes read-write.
    let r = k.post(
        &format!("{path}/breakReplication?api-version={api}"),
        Some(json!({ "forceBreakReplication": false })),
    );
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    assert_eq!(k.status(&path)["mirrorState"], "Broken");

    // 9. Finalize: a regular volume, and the peering is gone with the last migration.
    let r = k.post(&format!("{path}/finalizeExternalReplication?api-version={api}"), None);
    assert_eq!(k.finish(&r)["status"], "Succeeded");
    let v = json_of(&k.get(&format!("{path}?api-version={api}")));
    assert!(
        v["properties"].get("volumeType").is_none()
            && v["properties"].get("dataProtection").is_none(),
        "{v}"
    );
    assert!(k.cli("cluster peer show").contains("Unavailable"));
    assert_eq!(k.cli("vserver peer show"), "There are no Vserver peer relationships.\n");
    let out = k.cli("cluster peer delete -cluster anf-eastus-01\ncluster peer show");
    assert_eq!(out, "This table is currently empty.\n");
}

#[test]
fn documented_workflow_at_2025_12_01() {
    walkthrough(A25);
}

#[test]
fn documented_workflow_at_2026_04_01() {
    walkthrough(A26);
}
