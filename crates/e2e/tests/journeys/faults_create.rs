//! Under fault, creating a migration volume and peering it (Azure mode against armsim, signed
//! in with the Entra stand-in, tokens checked): the create PUT meets 429 with malformed
//! `Retry-After` values and a 503 (a PUT is retried by itself), its status polls meet a 429 with
//! a valid `Retry-After`, a 500, a gateway's HTML page, a truncated body, an answer held past
//! the app's 30 s read timeout, a body cut off mid-way and a dropped connection; the peering
//! POST meets a 500 (a POST is not retried: the user sees the error and starts it again) and
//! the authorize POST a 429 (retried: Azure did not process it). The app says what happens,
//! follows the create to its end, and armsim applied each mutation exactly once.

use anf_e2e::armsim_app::{scope, AzureApp, AzureOptions, Logged};
use anf_e2e::fault_kit::{
    assert_applied, calls, duplicates, op_labelled, op_state, operations_of, record_notices,
    report, wait_told, wrongly_failed,
};
use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use anf_e2e::oidc_defaults;
use std::time::Instant;

const NAME: &str = "mig-faults";

/// The status polls of any operation (only the create runs while they are armed).
const POLLS: &str = "path=*/operationResults/*&method=GET";

#[tokio::test(flavor = "multi_thread")]
async fn create_and_peering_ride_out_every_fault() {
    let started = Instant::now();
    // Operations take ten times longer: the create is still running while its polls meet
    // every fault.
    let app = AzureApp::start_with(AzureOptions {
        scenario: "slow-operations",
        speed: 5.0,
        check_tokens: true,
        ..AzureOptions::default()
    })
    .await;
    let b = &app.browser;
    app.sign_in_and_choose_scope().await;
    let addresses: Vec<String> = scope::LIFS.iter().map(|s| (*s).to_owned()).collect();
    let m = NewMigration {
        source_volume: "vol_scratch",
        source_gib: 3,
        name: NAME,
        addresses: &addresses,
    };
    app.goto("/migrations/new").await;
    flow::fill_form(b, &m).await;
    flow::click(b, "[role='tab'][id='nm-tab-review']", 10).await;
    flow::wait_text(b, "pre[aria-label='Request']", "PUT ", 20).await;
    record_notices(b).await;

    let volume = AzureApp::volume_path(NAME);
    let put = format!("path={volume}&method=PUT");
    app.fault("throttle", &format!("{put}&retry-after=soon")).await;
    app.fault("throttle", &format!("{put}&retry-after=-5")).await;
    app.fault("server-error", &format!("{put}&status=503")).await;
    // The first poll is held past the read timeout, then its three retries are refused; the
    // next poll loses its connection; the next two answers are cut short. (A truncation acts
    // on an answer, the other switches on arrival.)
    app.fault("slow", &format!("{POLLS}&seconds=35")).await;
    app.fault("throttle", &format!("{POLLS}&retry-after=3")).await;
    app.fault("server-error", &format!("{POLLS}&status=500")).await;
    app.fault("html", &format!("{POLLS}&status=502")).await;
    app.fault("drop", POLLS).await;
    app.fault("truncated", POLLS).await;
    app.fault("truncated", &format!("{POLLS}&close=true")).await;
    let mut injected = 10;

    flow::click(b, "button[data-create]:not([disabled])", 10).await;
    // The malformed waits hold the calls a moment, and the page says why.
    let said = wait_told(b, "Azure is throttling this subscription's requests", 30).await;
    assert!(said.contains("sends nothing before"), "{said}");
    flow::wait_text(b, "[data-create-status]", "is creating the volume", 60).await;
    b.screenshot("faults-create-running").await;
    // The answer held past the read timeout, the cut-off body and the dropped connection are
    // network failures: the page says it is reconnecting, and that nothing is lost.
    let said = wait_told(b, "Reconnecting to Azure", 120).await;
    assert!(said.contains("nothing is sent twice"), "{said}");
    // The failed polls are said where the create is shown, as what they are.
    let said = wait_told(b, "got no usable answer from Azure", 60).await;
    assert!(said.contains("the operation goes on there"), "{said}");
    app.wait_faults_spent(60).await;
    // Whatever is left of the create happens at once.
    app.advance(400).await;
    b.wait_for("[data-create-status] [data-created]", 60).await;
    flow::wait_toast(b, &format!("Create migration volume {NAME}: done"), 20).await;
    b.screenshot("faults-create-done").await;

    let log = app.requests().await;
    let puts = calls(&log, "PUT", &volume);
    let seen: Vec<(Option<&str>, bool)> =
        puts.iter().map(|r| (r.fault.as_deref(), r.handled)).collect();
    assert_eq!(
        seen,
        [
            (Some("throttle"), false),
            (Some("throttle"), false),
            (Some("server-error"), false),
            (None, true)
        ],
        "the PUT was retried after each refusal and applied once: {puts:#?}"
    );
    let poll_faults: Vec<&str> = log
        .iter()
        .filter(|r| r.path.contains("/operationResults/"))
        .filter_map(|r| r.fault.as_deref())
        .collect();
    assert_eq!(
        poll_faults,
        ["slow", "throttle", "server-error", "html", "drop", "truncated", "truncated"],
        "each poll fault acted once, in order"
    );
    assert_timeout_retried(&log);

    // Activity lists what was refused, the read given up after 30 s included.
    flow::follow(b, "/activity").await;
    for status in ["429", "503", "500", "502"] {
        b.wait_for(&format!("tr[data-status='{status}']"), 20).await;
    }
    flow::wait_text(b, "tbody tr", "did not answer within 30 s", 10).await;
    b.screenshot("faults-create-activity").await;

    // Peering: a POST is not retried after a 500 (Azure may have begun it): the error is shown
    // and the user starts it again.
    app.speed(30.0).await;
    app.goto(&format!("/migrations/{NAME}/peering")).await;
    record_notices(b).await;
    app.fault("server-error", "path=*/peerExternalCluster&method=POST&status=500").await;
    app.fault("throttle", "path=*/authorizeExternalReplication&method=POST&retry-after=1").await;
    injected += 2;
    b.wait_for("[data-peering-step='Addresses']", 30).await;
    flow::type_into(b, "#pw-addresses", &addresses.join("\n")).await;
    flow::click(b, "button[data-start-peering]", 10).await;
    let said = wait_told(b, "Azure had a problem handling the request", 30).await;
    assert!(said.contains("Encountered internal server error"), "{said}");
    b.wait_for("[data-peering-step='Addresses']", 10).await;
    b.screenshot("faults-peering-refused").await;
    let (command, passphrase) = flow::start_cluster_peering(b, NAME, &addresses, "faults").await;
    flow::finish_peering(b, Ontap::Armsim(&app.armsim), NAME, &command, &passphrase, "faults")
        .await;

    let log = app.requests().await;
    let peer = format!("{volume}/peerExternalCluster");
    let authorize = format!("{volume}/authorizeExternalReplication");
    let expected =
        [("PUT", volume.as_str(), 1), ("POST", peer.as_str(), 1), ("POST", authorize.as_str(), 1)];
    assert_applied(&log, &expected);
    let statuses =
        |path: &str| -> Vec<u16> { calls(&log, "POST", path).iter().map(|r| r.status).collect() };
    assert_eq!(statuses(&peer), [500, 202], "the refused peering was not resent by the app");
    assert_eq!(statuses(&authorize), [429, 202], "the throttled authorize was retried once");

    // The app's own record: the create and the peering succeeded; only the refused first
    // peering request is "not started", which is what happened.
    let ops = operations_of(b, oidc_defaults::TENANT, oidc_defaults::OBJECT_ID).await;
    assert_eq!(
        op_state(op_labelled(&ops, &format!("Create migration volume {NAME}"))),
        "succeeded"
    );
    let peerings: Vec<String> = ops
        .iter()
        .filter(|o| o["label"] == format!("Cluster peering for {NAME}"))
        .map(op_state)
        .collect();
    assert_eq!(peerings, ["notStarted", "succeeded"], "{ops:#?}");
    let failed = wrongly_failed(&ops, &[]);
    assert_eq!(
        failed,
        [format!("Cluster peering for {NAME}")],
        "only the refused request: {ops:#?}"
    );
    report("create_and_peering", injected, duplicates(&log, &expected), failed.len() - 1);
    println!("faults_create journey took {:?}", started.elapsed());
    app.browser.quit().await;
}

/// The poll held 35 s was given up at the 30 s read timeout and asked again: the next call to
/// that status URL arrived between 30 and 35 s after it (the held answer would have come at 35).
fn assert_timeout_retried(log: &[Logged]) {
    let slow = log.iter().find(|r| r.fault.as_deref() == Some("slow")).expect("the slow poll");
    let next = log
        .iter()
        .find(|r| r.path == slow.path && r.at_ms > slow.at_ms)
        .unwrap_or_else(|| panic!("the slow poll was never asked again: {log:#?}"));
    let after = next.at_ms - slow.at_ms;
    assert!((30_000..35_000).contains(&after), "asked again {after} ms after the held poll");
}
