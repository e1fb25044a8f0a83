//! Under fault, the actions on a migration (Azure mode against armsim): a sync whose operation
//! Azure cancels, a dry run whose answer is lost after Azure applied it, a guided cut-over whose
//! status reads fail and whose break is applied with the connection dropped before the answer,
//! and a finalize whose operation fails in Azure and then goes through. What ended badly is
//! reported as it ended (canceled, failed) and nothing else is; a lost answer is never taken
//! for a failure nor sent again; the page ends up showing the state Azure is in.

use anf_e2e::armsim_app::{AzureApp, AzureOptions};
use anf_e2e::fault_kit::{
    assert_applied, calls, duplicates, op_state, operations_of, record_notices, report,
    wait_op_state, wait_told, wrongly_failed,
};
use anf_e2e::migration_flow as flow;
use anf_e2e::oidc_defaults;
use std::time::{Duration, Instant};

const NAME: &str = "mig-ops-faults";

/// Waits until the baseline is over and the details page offers Sync now.
async fn mirrored(app: &AzureApp) {
    for _ in 0..60 {
        if flow::exists(&app.browser, "button[data-action='sync'][aria-disabled='false']").await {
            return;
        }
        app.advance(60).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    flow::wait_enabled(&app.browser, "sync", 1).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn actions_under_fault_are_reported_as_they_ended() {
    let started = Instant::now();
    let app = AzureApp::start_with(AzureOptions {
        scenario: "slow-operations",
        speed: 20.0,
        ..AzureOptions::default()
    })
    .await;
    let b = &app.browser;
    // The dry run below needs the replication idle when its break arrives; its answer is lost,
    // so a break refused for a scheduled transfer would look the same as one applied.
    app.hold_schedules().await;
    app.sign_in_and_choose_scope().await;
    let volume = app.migrate_directly(NAME, "vol_scratch", 60).await;
    app.goto(&format!("/migrations/{NAME}")).await;
    mirrored(&app).await;
    record_notices(b).await;
    let mut injected = 0;

    // Sync now: Azure cancels the operation. Reported canceled, not failed.
    app.fault("operation", "path=*/performReplicationTransfer&method=POST&status=Canceled").await;
    injected += 1;
    flow::click(b, "button[data-action='sync']", 10).await;
    let said = wait_told(b, &format!("Sync now on {NAME}: canceled"), 60).await;
    assert!(!said.contains("rejected"), "a cancel is not a refusal: {said}");
    flow::wait_text(b, "li[data-op='sync']", "canceled", 10).await;
    wait_op_state(b, &format!("Sync now on {NAME}"), "canceled", 5).await;
    b.screenshot("faults-sync-canceled").await;

    // Dry run: Azure applies the break, the connection drops before the answer. The app does
    // not send it again, says the answer was lost, and shows the volume paused for the dry run.
    mirrored(&app).await;
    app.fault("drop", "path=*/breakReplication&method=POST&apply=true").await;
    injected += 1;
    flow::click(b, "button[data-action='dry-run']", 10).await;
    flow::click_button(b, "[role='alertdialog']", "Dry run", 10).await;
    let said = wait_told(b, "may have reached Azure", 60).await;
    assert!(said.contains(&format!("Dry run on {NAME}")), "{said}");
    flow::wait_phase(b, "PausedForDryRun", 60).await;
    flow::wait_text(b, "li[data-op='dry-run']", "answer lost", 10).await;
    wait_op_state(b, &format!("Dry run on {NAME}"), "unknown", 5).await;
    b.screenshot("faults-dry-run-answer-lost").await;
    flow::wait_enabled(b, "resume", 60).await;
    flow::click(b, "button[data-action='resume']", 10).await;
    flow::click_button(b, "[role='alertdialog']", "Resume", 10).await;
    flow::wait_toast(b, &format!("Resume on {NAME}: done"), 90).await;
    mirrored(&app).await;

    // The guided cut-over: the status reads meet a 503 and a dropped connection, the break is
    // applied and its answer lost. The sequence looks whether the replication is broken rather
    // than calling the break failed, and ends cut over.
    flow::wait_enabled(b, "cut-over", 30).await;
    flow::click(b, "button[data-action='cut-over']", 10).await;
    let offline = flow::wait_text(
        b,
        "[data-cut-over] pre[aria-label='Take the source volume offline']",
        "volume offline",
        10,
    )
    .await;
    assert!(!app.ontap(offline.trim()).await.contains("Error"), "volume offline");
    app.fault("server-error", "path=*/replicationStatus&method=GET&status=503").await;
    app.fault("drop", "path=*/replicationStatus&method=GET").await;
    app.fault("drop", "path=*/breakReplication&method=POST&apply=true").await;
    injected += 3;
    flow::click(b, "[data-cut-over] button[data-step='offline-done']", 10).await;
    flow::wait_text(b, "[data-cut-over]", "Cut over.", 120).await;
    b.screenshot("faults-cut-over-done").await;
    app.wait_faults_spent(5).await;
    flow::click_button(b, "[data-cut-over]", "Close", 10).await;
    flow::wait_phase(b, "CutOver", 60).await;
    let notices = anf_e2e::fault_kit::notices(b).await;
    assert!(
        !notices.iter().any(|n| n.contains("break failed")),
        "the lost answer was not taken for a failed break: {notices:#?}"
    );

    // Finalize: the operation fails in Azure (reported failed, correctly), then goes through.
    app.fault("operation", "path=*/finalizeExternalReplication&method=POST&status=Failed").await;
    injected += 1;
    for attempt in 0..2 {
        flow::wait_enabled(b, "finalize", 60).await;
        flow::click(b, "button[data-action='finalize']", 10).await;
        // Finalize can't be undone: the volume's name is typed to confirm it.
        flow::type_into(b, "[role='alertdialog'] #confirm-typing", NAME).await;
        flow::click_button(b, "[role='alertdialog']", "Finalize migration", 10).await;
        if attempt == 0 {
            let said = wait_told(b, &format!("Finalize migration on {NAME}: Azure"), 90).await;
            assert!(!said.contains("done"), "{said}");
            flow::wait_text(b, "li[data-op='finalize']", "failed", 10).await;
            flow::wait_phase(b, "CutOver", 30).await;
            b.screenshot("faults-finalize-failed").await;
        }
    }
    flow::wait_toast(b, &format!("Finalize migration on {NAME}: done"), 90).await;
    flow::wait_phase(b, "Finalized", 60).await;
    b.screenshot("faults-finalized").await;

    let log = app.requests().await;
    let action = |a: &str| format!("{volume}/{a}");
    let (peer, authorize, transfer, brk, resync, finalize) = (
        action("peerExternalCluster"),
        action("authorizeExternalReplication"),
        action("performReplicationTransfer"),
        action("breakReplication"),
        action("resyncReplication"),
        action("finalizeExternalReplication"),
    );
    let expected = [
        ("PUT", volume.as_str(), 1),
        ("POST", peer.as_str(), 1),
        ("POST", authorize.as_str(), 1),
        // The canceled sync and the cut-over's final sync.
        ("POST", transfer.as_str(), 2),
        // The dry run and the cut-over's break, each once although neither answer arrived.
        ("POST", brk.as_str(), 2),
        ("POST", resync.as_str(), 1),
        // The failed finalize and the one that went through: the user's two.
        ("POST", finalize.as_str(), 2),
    ];
    assert_applied(&log, &expected);
    assert_eq!(calls(&log, "POST", &brk).len(), 2, "no break was sent again");

    let ops = operations_of(b, oidc_defaults::TENANT, oidc_defaults::OBJECT_ID).await;
    let states: Vec<(String, String)> = ops
        .iter()
        .map(|o| (o["label"].as_str().unwrap_or_default().to_owned(), op_state(o)))
        .collect();
    let expect = |label: &str, state: &str| (format!("{label} on {NAME}"), state.to_owned());
    assert_eq!(
        states,
        [
            expect("Sync now", "canceled"),
            expect("Dry run", "unknown"),
            expect("Resume", "succeeded"),
            expect("Cut over: final sync", "succeeded"),
            expect("Cut over: break", "unknown"),
            expect("Finalize migration", "failed"),
            expect("Finalize migration", "succeeded"),
        ],
        "{ops:#?}"
    );
    let finalize_label = format!("Finalize migration on {NAME}");
    let failed = wrongly_failed(&ops, &[finalize_label.as_str()]);
    assert!(failed.is_empty(), "reported failed but did not fail: {failed:?}");
    report("actions", injected, duplicates(&log, &expected), failed.len());
    println!("faults_operations journey took {:?}", started.elapsed());
    app.browser.quit().await;
}
