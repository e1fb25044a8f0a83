//! Bad input over HTTP against armsim: every invalid field of New migration and of the peering
//! wizard's addresses is refused at the field with its message, and armsim's request log shows
//! that no ARM write was made for it. Then the same form, corrected, sends exactly one PUT, and
//! valid addresses exactly one peering POST (so the log check is not blind).

use anf_e2e::armsim_app::{assert_no_writes, fill, wait_contains, AzureApp};
use anf_e2e::Browser;
use std::time::Duration;
use thirtyfour::prelude::*;

const NAME: &str = "vol-projects-mig";

/// Types `value` into `#id`, leaves the field and waits for `message` at it.
async fn refused(b: &Browser, id: &str, value: &str, message: &str) {
    fill(b, &format!("#{id}"), value).await;
    let shown = wait_contains(b, &format!("#{id}-error"), message, 10).await;
    let invalid = b.driver.find(By::Id(id)).await.unwrap().attr("aria-invalid").await.unwrap();
    assert_eq!(invalid.as_deref(), Some("true"), "#{id} is marked invalid ({shown})");
}

/// Types a valid `value` into `#id` and waits until its error is gone.
async fn accepted(b: &Browser, id: &str, value: &str) {
    fill(b, &format!("#{id}"), value).await;
    for _ in 0..100 {
        let text = b.driver.find(By::Id(format!("{id}-error"))).await.unwrap().text().await;
        if text.is_ok_and(|t| t.trim().is_empty()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("#{id} still shows an error for {value:?}:\n{}", b.failure_text().await);
}

async fn open_tab(b: &Browser, key: &str) {
    b.wait_for(&format!("#nm-tab-{key}"), 10).await.click().await.unwrap();
    b.wait_for(&format!("#nm-tab-{key}[aria-selected='true']"), 10).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn invalid_fields_are_refused_at_the_field_and_nothing_is_written() {
    let app = AzureApp::start("happy-path", 8.0).await;
    let b = &app.browser;
    app.sign_in_and_choose_scope().await;

    app.goto("/migrations/new").await;
    b.wait_for("#nm-clusterName", 30).await;

    // Source: names ONTAP refuses, and a source of 500 GiB for the quota checks.
    refused(
        b,
        "nm-clusterName",
        "1cluster",
        "ONTAP requires the cluster name to start with a letter",
    )
    .await;
    refused(b, "nm-clusterName", "my cluster", "a space is not allowed").await;
    refused(b, "nm-svmName", "svm/1", "'/' is not allowed").await;
    refused(b, "nm-svmName", "-svm", "start with a letter or an underscore").await;
    refused(b, "nm-sourceVolumeName", "app-01", "'-' is not allowed").await;
    // The source's logical size takes decimals as ONTAP prints them, but a number above 0.
    refused(b, "nm-sourceSize", "abc", "Enter a number").await;
    refused(b, "nm-sourceSize", "0", "logical size is more than 0").await;
    accepted(b, "nm-sourceSize", "500").await;
    b.screenshot("bad-input-source").await;

    // Volume: name, file path and quota.
    open_tab(b, "volume").await;
    b.wait_for("#nm-volumeName", 10).await;
    refused(b, "nm-volumeName", "1vol", "A volume name starts with a letter.").await;
    refused(b, "nm-volumeName", "vol.1", "'.' is not allowed").await;
    refused(b, "nm-creationToken", "vol/one", "'/' is not allowed").await;
    refused(b, "nm-quota", "40", "A volume is at least 50 GiB; 40 GiB is too small.").await;
    refused(
        b,
        "nm-quota",
        "450",
        "The source holds 500 GiB of data; the volume must be at least that large.",
    )
    .await;
    accepted(b, "nm-quota", "550").await;
    b.screenshot("bad-input-volume").await;

    // Network and protocol: export policy clients and the intercluster addresses.
    open_tab(b, "network").await;
    b.wait_for("#nm-allowedClients", 10).await;
    refused(b, "nm-allowedClients", "10.0.0.5/24", "did you mean 10.0.0.0/24").await;
    refused(b, "nm-allowedClients", "fd00::1", "export rules take IPv4 addresses, not IPv6").await;
    refused(b, "nm-allowedClients", "10.0.0.20-10.0.0.10", "the range ends before it starts").await;
    refused(
        b,
        "nm-peerIpAddresses",
        "192.168.10.300\ncluster1",
        "\"192.168.10.300\" is not an IPv4 or IPv6 address",
    )
    .await;
    refused(
        b,
        "nm-peerIpAddresses",
        "192.168.10.21\n192.168.10.21",
        "192.168.10.21 is listed twice",
    )
    .await;
    refused(b, "nm-peerIpAddresses", " ", "Enter at least one intercluster LIF address").await;
    b.screenshot("bad-input-network").await;

    // Review + Create: every problem listed, Create disabled, and a click on it does nothing.
    open_tab(b, "review").await;
    let problems = wait_contains(
        b,
        "#nm-problems-heading",
        "fields need attention before anything is sent",
        10,
    )
    .await;
    assert!(problems.starts_with("7 fields"), "every bad field is listed: {problems}");
    for needle in [
        "Source: The cluster name can contain only",
        "Volume: A volume name can contain only",
        "Network and protocol: Enter at least one",
    ] {
        wait_contains(b, "section[role='alert']", needle, 5).await;
    }
    let create = b.wait_for("[data-create]", 10).await;
    assert!(!create.is_enabled().await.unwrap(), "Create is disabled while fields are wrong");
    b.driver.execute("document.querySelector('[data-create]').click();", vec![]).await.unwrap();
    b.screenshot("bad-input-review").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let log = app.requests().await;
    assert!(
        log.iter().any(|r| r.method == "GET" && r.path.ends_with("/capacityPools")),
        "the log is the app's: it read the pools: {log:#?}"
    );
    assert_no_writes(&log, "while every field was wrong");

    // Corrected, the same form sends exactly one PUT.
    let problem = b.wait_for("section[role='alert'] li button", 5).await;
    problem.click().await.unwrap();
    b.wait_for("#nm-tab-source[aria-selected='true']", 10).await;
    accepted(b, "nm-clusterName", "onprem-cl01").await;
    accepted(b, "nm-svmName", "svm_nfs").await;
    accepted(b, "nm-sourceVolumeName", "vol_projects").await;
    accepted(b, "nm-sourceSize", "310").await;
    open_tab(b, "volume").await;
    accepted(b, "nm-volumeName", NAME).await;
    accepted(b, "nm-creationToken", NAME).await;
    accepted(b, "nm-quota", "400").await;
    open_tab(b, "network").await;
    accepted(b, "nm-allowedClients", "10.0.0.0/24").await;
    accepted(b, "nm-peerIpAddresses", "192.168.10.21\n192.168.10.22").await;
    // Under the 20% headroom over the source's 310 GiB: a remark at the field (once the rest of
    // the form is valid), not a refusal.
    open_tab(b, "volume").await;
    accepted(b, "nm-quota", "340").await;
    let remark = "Microsoft recommends at least 20% more than the source's 310 GiB of data: 372 GiB or more.";
    wait_contains(b, "#nm-quota-warning", remark, 10).await;
    b.screenshot("bad-input-quota-headroom").await;
    accepted(b, "nm-quota", "400").await;
    open_tab(b, "review").await;
    b.wait_for("[data-create]:not([disabled])", 20).await.click().await.unwrap();
    b.wait_for("[data-created]", 60).await;
    let puts: Vec<_> = app.requests().await.into_iter().filter(|r| r.is_write()).collect();
    assert_eq!(puts.len(), 1, "one write, the create: {puts:#?}");
    assert_eq!(puts[0].method, "PUT");
    assert!(puts[0].path.ends_with(&format!("/volumes/{NAME}")), "{puts:#?}");

    // The peering wizard's addresses: malformed, duplicate and empty lists start nothing.
    app.goto(&format!("/migrations/{NAME}/peering")).await;
    b.wait_for("[data-start-peering]", 30).await;
    let cases = [
        ("10.0.0.1, 10.0.0.256", "\"10.0.0.256\" is not an IPv4 or IPv6 address"),
        ("192.168.10.21 192.168.10.22 192.168.10.21", "192.168.10.21 is listed twice"),
        ("127.0.0.1", "127.0.0.1 cannot be an intercluster address (loopback)"),
        ("  \n ", "Enter at least one intercluster LIF address"),
    ];
    for (value, message) in cases {
        fill(b, "#pw-addresses", value).await;
        b.wait_for("[data-start-peering]", 5).await.click().await.unwrap();
        wait_contains(b, "#pw-addresses-error", message, 10).await;
    }
    b.screenshot("bad-input-peering-addresses").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let log = app.requests().await;
    let peers = log.iter().filter(|r| r.path.ends_with("/peerExternalCluster")).count();
    assert_eq!(peers, 0, "no peering was started with bad addresses: {log:#?}");
    assert_eq!(log.iter().filter(|r| r.is_write()).count(), 1, "still only the create: {log:#?}");

    // Valid addresses start it: one POST.
    fill(b, "#pw-addresses", "192.168.10.21\n192.168.10.22").await;
    b.wait_for("[data-start-peering]", 5).await.click().await.unwrap();
    b.wait_for("[data-countdown]", 60).await;
    let log = app.requests().await;
    let peers: Vec<_> = log
        .iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/peerExternalCluster"))
        .collect();
    assert_eq!(peers.len(), 1, "one peering POST: {log:#?}");
    b.screenshot("bad-input-peering-started").await;

    let errors = b.console_errors().await;
    assert!(
        errors.iter().all(|e| !e.contains("Content Security Policy")),
        "CSP violations: {errors:#?}"
    );
}
