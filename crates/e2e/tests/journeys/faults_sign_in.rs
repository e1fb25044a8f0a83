//! Sign-in under fault while syncs run (Azure mode against armsim, the Entra stand-in): ARM
//! refuses the token while a sync is polled (the app renews it and goes on); the same with
//! the stand-in refusing the refresh (the sign-in notice shows, the sync stays running, not
//! failed, and completes once the user signs in again); the token endpoint losing the renewal
//! on the network ("Reconnecting to Azure", then on by itself); half a minute of 503s on the
//! sync's status (followed on, never called failed); and a reload in the middle of a sync,
//! followed to its end after it. Nothing is sent twice.

use anf_e2e::armsim_app::{sign_in, AzureApp, AzureOptions};
use anf_e2e::fault_kit::{
    assert_applied, clear_notices, duplicates, notices, op_state, operations_of, record_notices,
    report, wait_op_state, wait_told, wrongly_failed,
};
use anf_e2e::migration_flow as flow;
use anf_e2e::oidc_defaults;
use anf_e2e::sign_in::token_expiry;
use std::time::{Duration, Instant};

const NAME: &str = "mig-auth-faults";
const POLL_401: &str = "path=*/operationResults/*&method=GET";

/// Starts Sync now on the details page once it is offered.
async fn sync_now(app: &AzureApp) {
    for _ in 0..60 {
        if flow::exists(&app.browser, "button[data-action='sync'][aria-disabled='false']").await {
            break;
        }
        app.advance(60).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    flow::click(&app.browser, "button[data-action='sync']", 10).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_faults_while_syncing_lose_nothing() {
    let started = Instant::now();
    let app = AzureApp::start_with(AzureOptions {
        scenario: "slow-operations",
        speed: 20.0,
        ..AzureOptions::default()
    })
    .await;
    let b = &app.browser;
    app.sign_in_and_choose_scope().await;
    let volume = app.migrate_directly(NAME, "vol_scratch", 60).await;
    app.goto(&format!("/migrations/{NAME}")).await;
    record_notices(b).await;
    let label = format!("Sync now on {NAME}");
    let done = format!("{label}: done");
    let mut injected = 0;

    // 1. ARM says the token is invalid while the sync is followed: renewed, and on.
    let before = token_expiry(b).await;
    app.fault("invalid-token", POLL_401).await;
    injected += 1;
    sync_now(&app).await;
    flow::wait_toast(b, &done, 60).await;
    assert!(token_expiry(b).await > before, "the token was renewed");
    assert!(!flow::exists(b, "[data-auth-notice]").await, "no sign-in was needed");

    // 2. The same, and the stand-in refuses the refresh: the user is asked to sign in, the
    //    sync stays running (it goes on in Azure) and ends once they are back.
    clear_notices(b).await;
    app.oidc.fault("mode=refuse&count=1").await;
    app.fault("invalid-token", POLL_401).await;
    injected += 2;
    sync_now(&app).await;
    let notice = flow::wait_text(b, "[data-auth-notice]", "Sign in", 60).await;
    assert!(notice.contains("running operations are kept"), "{notice}");
    wait_told(b, &format!("Sign in again to go on following \"{label}\""), 10).await;
    // Azure finishes the sync meanwhile; the app still says running, not failed.
    app.advance(120).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    wait_op_state(b, &label, "running", 5).await;
    flow::wait_text(b, "li[data-op='sync']", "running", 5).await;
    b.screenshot("faults-sign-in-required-sync-running").await;
    sign_in(b).await;
    record_notices(b).await;
    flow::wait_toast(b, &done, 60).await;
    flow::wait_text(b, "li[data-op='sync']", "succeeded", 10).await;
    assert!(app.oidc.faults().await.is_empty(), "the refusal was used");

    // 3. The token endpoint drops the renewal three times: reconnecting, then on by itself.
    clear_notices(b).await;
    app.oidc.fault("mode=drop&count=3").await;
    app.fault("invalid-token", POLL_401).await;
    injected += 2;
    sync_now(&app).await;
    let said = wait_told(b, "Reconnecting to Azure", 60).await;
    assert!(said.contains("the token could not be renewed"), "{said}");
    wait_op_state(b, &label, "succeeded", 60).await;
    flow::wait_js(
        b,
        "the reconnecting notice to go",
        20,
        "return !document.querySelector(\"[data-link='reconnecting']\");",
    )
    .await;
    assert!(app.oidc.faults().await.is_empty(), "the drops were used");
    assert!(!flow::exists(b, "[data-auth-notice]").await, "a lost renewal is no sign-out");

    // 4. Azure answers 503 for half a minute (every retry of six polls in a row, each answer
    //    asking for a second's wait): the sync stays running and the page says its status reads
    //    get no answer; then it ends.
    clear_notices(b).await;
    app.fault("server-error", &format!("{POLL_401}&status=503&retry-after=1&count=24")).await;
    injected += 1;
    sync_now(&app).await;
    let said = wait_told(b, "6 reads got no usable answer from Azure", 90).await;
    assert!(said.contains("the operation goes on there"), "{said}");
    wait_op_state(b, &label, "running", 1).await;
    b.screenshot("faults-outage-sync-running").await;
    app.wait_faults_spent(30).await;
    wait_op_state(b, &label, "succeeded", 60).await;

    // 5. A reload while a sync runs (real time, so it lasts): followed to its end after.
    app.speed(1.0).await;
    sync_now(&app).await;
    wait_op_state(b, &label, "running", 20).await;
    b.driver.refresh().await.unwrap();
    b.wait_for("button[data-action='sync'][aria-busy='true']", 20).await;
    b.screenshot("faults-reload-sync-running").await;
    app.advance(120).await;
    flow::wait_toast(b, &done, 60).await;
    flow::wait_text(b, "li[data-op='sync']", "succeeded", 10).await;

    let log = app.requests().await;
    let transfer = format!("{volume}/performReplicationTransfer");
    let peer = format!("{volume}/peerExternalCluster");
    let authorize = format!("{volume}/authorizeExternalReplication");
    let expected = [
        ("PUT", volume.as_str(), 1),
        ("POST", peer.as_str(), 1),
        ("POST", authorize.as_str(), 1),
        ("POST", transfer.as_str(), 5),
    ];
    assert_applied(&log, &expected);
    let ops = operations_of(b, oidc_defaults::TENANT, oidc_defaults::OBJECT_ID).await;
    let states: Vec<String> = ops.iter().map(op_state).collect();
    assert_eq!(states, ["succeeded"; 5], "{ops:#?}");
    let failed = wrongly_failed(&ops, &[]);
    let seen = notices(b).await;
    assert!(!seen.iter().any(|n| n.contains("failed")), "nothing was said to fail: {seen:#?}");
    report("sign_in", injected, duplicates(&log, &expected), failed.len());
    println!("faults_sign_in journey took {:?}", started.elapsed());
    app.browser.quit().await;
}
