//! Failures with their way out, over HTTP against armsim: a cluster peering offer that expired
//! before it was accepted (shown as expired; a new offer works), and transfers failing on a
//! source with snapshot locking (shown in the table and on the details page with what to do;
//! once locking is off, Sync now brings the migration back).

use anf_e2e::armsim_app::{wait_contains, AzureApp};
use anf_e2e::Browser;
use std::time::Duration;
use thirtyfour::prelude::*;

async fn code_block(b: &Browser, label: &str) -> String {
    let css = format!("pre[aria-label='{label}'] code");
    let text = b.wait_for(&css, 30).await.text().await.unwrap();
    assert!(!text.trim().is_empty(), "{label} is empty");
    text.trim().to_owned()
}

async fn wait_step(b: &Browser, step: &str, secs: u64) {
    b.wait_for(&format!("[data-peering-step='{step}']"), secs).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_peering_offer_says_so_and_a_new_offer_works() {
    let app = AzureApp::start("happy-path", 8.0).await;
    let b = &app.browser;
    app.sign_in_and_choose_scope().await;
    let name = "vol-home-mig";
    app.create_directly(name, "vol_home", 60).await;

    // Step 1 and 2: the addresses, then the offer with its command, passphrase and countdown.
    app.goto(&format!("/migrations/{name}/peering")).await;
    wait_step(b, "Addresses", 30).await;
    anf_e2e::armsim_app::fill(b, "#pw-addresses", "192.168.10.21\n192.168.10.22").await;
    b.wait_for("[data-start-peering]", 5).await.click().await.unwrap();
    wait_step(b, "ClusterPeering", 60).await;
    let command = code_block(b, "Cluster peering command").await;
    let passphrase = code_block(b, "Passphrase").await;
    let left = b.wait_for("[data-countdown]", 10).await.text().await.unwrap();
    assert!(left.starts_with("59:") || left.starts_with("60:"), "a fresh offer: {left}");
    b.screenshot("failures-offer-issued").await;

    // An hour passes on ARM's side before anyone accepts it.
    app.armsim.control("/_sim/clock/advance?seconds=3700", "").await;
    let notice = b.wait_for("[data-notice='expired']", 30).await.text().await.unwrap();
    assert!(notice.contains("expired"), "{notice}");
    assert!(notice.contains("Select Continue again"), "the way out is named: {notice}");
    wait_step(b, "Addresses", 5).await;
    assert!(
        b.driver.find(By::Css("pre[aria-label='Passphrase']")).await.is_err(),
        "the stale passphrase is no longer offered"
    );
    b.screenshot("failures-offer-expired").await;

    // The old command is refused on the source, as the notice says.
    let ontap_command = command.replace("<IP-SPACE-NAME>", "Default");
    let out = app.ontap(&format!("{ontap_command}\n{passphrase}\n{passphrase}")).await;
    assert!(out.contains("Error"), "the expired offer is refused on the source: {out}");

    // The way out: a new offer, accepted in time, moves on to SVM peering.
    b.wait_for("[data-start-peering]", 5).await.click().await.unwrap();
    // (armsim's clock jumped an hour but the browser's did not, so until the new offer arrives
    // the old one may show without its expiry: wait for the new passphrase.)
    let mut new_passphrase = String::new();
    for _ in 0..600 {
        if let Ok(e) = b.driver.find(By::Css("pre[aria-label='Passphrase'] code")).await {
            new_passphrase = e.text().await.unwrap_or_default().trim().to_owned();
            if !new_passphrase.is_empty() && new_passphrase != passphrase {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_ne!(new_passphrase, passphrase, "a new passphrase within 60 s");
    wait_step(b, "ClusterPeering", 5).await;
    assert!(b.driver.find(By::Css("[data-notice='expired']")).await.is_err(), "no expiry notice");
    let new_command =
        code_block(b, "Cluster peering command").await.replace("<IP-SPACE-NAME>", "Default");
    b.screenshot("failures-new-offer").await;
    let out = app.ontap(&format!("{new_command}\n{new_passphrase}\n{new_passphrase}")).await;
    assert!(!out.contains("Error"), "the new offer is accepted: {out}");
    wait_step(b, "SvmPeering", 30).await;
    b.screenshot("failures-new-offer-accepted").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn snapshot_locking_fails_the_baseline_with_what_to_do() {
    let app = AzureApp::start("snapshot-locking", 8.0).await;
    let b = &app.browser;
    app.sign_in_and_choose_scope().await;
    let name = "vol-home-mig";
    app.migrate_directly(name, "vol_home", 60).await;
    // The relationship is created, and the baseline transfer attempted and failed.
    app.armsim.control("/_sim/clock/advance?seconds=120", "").await;

    // The table: failed, with the transfer error and what to do.
    app.goto("/migrations").await;
    let row = format!("tr[data-volume='{name}']");
    let error =
        wait_contains(b, &format!("{row} [data-cell='error']"), "Last transfer error", 30).await;
    assert!(error.contains("snapshot locking"), "names the cause: {error}");
    assert!(error.contains("Turn snapshot locking off"), "says what to do: {error}");
    wait_contains(b, &format!("{row} [data-cell='health']"), "Unhealthy", 10).await;
    let phase = b.wait_for(&format!("{row} td:nth-of-type(2)"), 5).await.text().await.unwrap();
    assert!(phase.contains("Failed"), "the phase is Failed: {phase}");
    b.screenshot("failures-snapshot-locking-table").await;

    // The details page says the same, and offers Sync now to retry once it is fixed.
    b.wait_for(&format!("{row} th a"), 5).await.click().await.unwrap();
    let last = wait_contains(b, "main dd", "Turn snapshot locking off", 30).await;
    assert!(last.starts_with("Last transfer error"), "{last}");
    let sync = b.wait_for("[data-action='sync']", 20).await;
    assert!(sync.is_enabled().await.unwrap(), "Sync now retries a failed transfer");
    b.screenshot("failures-snapshot-locking-details").await;

    // Doing what it says on the source, then Sync now: the transfer goes through.
    let out = app
        .ontap("volume modify -vserver svm_nfs -volume vol_home -snapshot-locking-enabled false")
        .await;
    assert!(!out.contains("Error"), "{out}");
    sync.click().await.unwrap();
    for _ in 0..60 {
        app.armsim.control("/_sim/clock/advance?seconds=30", "").await;
        let text = b.body_text().await;
        if !text.contains("Last transfer error") && text.contains("Mirrored") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let text = b.body_text().await;
    assert!(
        !text.contains("Last transfer error") && text.contains("Mirrored"),
        "the migration recovered:\n{text}"
    );
    b.screenshot("failures-snapshot-locking-recovered").await;
}
