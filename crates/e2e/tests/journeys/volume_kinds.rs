//! The volume kinds beside NFSv3, each from the form to a finalized migration: an SMB volume
//! and a volume in a manual-QoS pool against armsim (signed in with the Entra stand-in), and a
//! dual-protocol volume in demo mode. The request the review shows carries what the kind needs
//! (the CIFS protocol and its share settings, the security style, the throughput), and armsim
//! or the simulator took it as ANF does.

use anf_e2e::armsim_app::{scope, AzureApp, AzureOptions};
use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use anf_e2e::{Browser, Site, SiteOptions};
use std::time::Instant;

/// Chooses `value` in the select `#id` (and leaves it, as a person tabbing on would).
async fn choose(b: &Browser, id: &str, value: &str) {
    flow::select_value(b, &format!("#{id}"), value).await;
}

/// The request body the review shows, parsed.
fn body_json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("the review's body is JSON ({e}): {body}"))
}

/// The migration from the created volume on: peering, then every action to Finalized.
async fn peer_and_finish(
    b: &Browser,
    ontap: Ontap<'_>,
    name: &str,
    addresses: &[String],
    shots: &str,
) {
    flow::follow(b, &format!("/migrations/{name}/peering")).await;
    flow::peer(b, ontap, name, addresses, shots).await;
    flow::speed_up(b, ontap).await;
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::actions(b, ontap, name, shots).await;
    flow::follow(b, "/migrations").await;
    b.wait_for(&format!("tr[data-volume='{name}'] [data-phase='Finalized']"), 30).await;
}

/// armsim's log has the volume's PUT (in `pool`), answered with success once.
async fn assert_created(app: &AzureApp, pool: &str, name: &str) {
    let path = AzureApp::volume_path(name)
        .replace(&format!("/capacityPools/{}/", scope::POOL), &format!("/capacityPools/{pool}/"));
    let log = app.requests().await;
    let puts: Vec<u16> =
        log.iter().filter(|r| r.method == "PUT" && r.path == path).map(|r| r.status).collect();
    let all: Vec<(&str, u16)> =
        log.iter().filter(|r| r.method == "PUT").map(|r| (r.path.as_str(), r.status)).collect();
    assert!(matches!(puts.as_slice(), [200 | 201]), "one PUT of {path}, accepted: {all:?}");
}

fn lifs() -> Vec<String> {
    scope::LIFS.iter().map(|s| (*s).to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_smb_migration_against_armsim_from_the_form_to_finalized() {
    let started = Instant::now();
    let app = AzureApp::start_with(AzureOptions {
        speed: 10.0,
        check_tokens: true,
        ..AzureOptions::default()
    })
    .await;
    let b = &app.browser;
    app.sign_in_and_choose_scope().await;
    let addresses = lifs();
    let name = "mig-smb-share";
    let m =
        NewMigration { source_volume: "vol_scratch", source_gib: 3, name, addresses: &addresses };
    flow::follow(b, "/migrations/new").await;
    flow::fill_form(b, &m).await;
    choose(b, "nm-protocolTypes", "smb").await;
    // The account's Active Directory connection is read from ARM and named.
    flow::wait_text(b, "#nm-activeDirectory", "contoso", 20).await;
    flow::click(b, "#nm-smbEncryption", 10).await;
    flow::click(b, "#nm-smbNonBrowsable", 10).await;
    b.screenshot("kinds-smb-form").await;
    let body = body_json(&flow::review_and_create(b, &m, "kinds-smb").await);
    let p = &body["properties"];
    assert_eq!(p["protocolTypes"], serde_json::json!(["CIFS"]), "{body}");
    assert_eq!(p["smbEncryption"], true, "{body}");
    assert_eq!(p["smbNonBrowsable"], "Enabled", "{body}");

    // armsim took the SMB volume (it refuses one in an account without Active Directory).
    assert_created(&app, scope::POOL, name).await;

    peer_and_finish(b, Ontap::Armsim(&app.armsim), name, &addresses, "kinds-smb").await;
    println!("SMB journey took {:?}", started.elapsed());
    app.browser.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manual_qos_migration_against_armsim_sends_its_throughput() {
    let started = Instant::now();
    let app = AzureApp::start_with(AzureOptions {
        speed: 10.0,
        check_tokens: true,
        ..AzureOptions::default()
    })
    .await;
    let b = &app.browser;
    app.sign_in_and_choose_scope().await;
    // The account's manual-QoS pool instead of the default one.
    let pool = "section[data-level='pool'] li[data-key='pool-ultra-manual' i] input[type='radio']";
    flow::click(b, pool, 20).await;
    b.wait_for("section[data-level='pool'] li[data-key='pool-ultra-manual' i] input:checked", 10)
        .await;
    let addresses = lifs();
    let name = "mig-manual-qos";
    let m =
        NewMigration { source_volume: "vol_scratch", source_gib: 3, name, addresses: &addresses };
    flow::follow(b, "/migrations/new").await;
    flow::fill_form(b, &m).await;
    // The throughput is asked for on the Volume tab, with what the pool has left.
    flow::click(b, "[role='tab'][id='nm-tab-volume']", 10).await;
    let hint = flow::wait_text(b, "#nm-throughputMibps-hint", "MiB/s", 20).await;
    assert!(hint.contains("left") || hint.contains("unallocated"), "{hint}");
    flow::type_into(b, "#nm-throughputMibps", "64").await;
    b.screenshot("kinds-manual-qos-form").await;
    let body = body_json(&flow::review_and_create(b, &m, "kinds-qos").await);
    assert_eq!(body["properties"]["throughputMibps"], 64.0, "{body}");
    assert_created(&app, "pool-ultra-manual", name).await;

    peer_and_finish(b, Ontap::Armsim(&app.armsim), name, &addresses, "kinds-qos").await;
    println!("manual-QoS journey took {:?}", started.elapsed());
    app.browser.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dual_protocol_migration_in_demo_mode_from_the_form_to_finalized() {
    let started = Instant::now();
    let site = Site::start(SiteOptions::default()).await;
    let browser = Browser::start().await;
    let b = &browser;
    b.driver.goto(&site.base_url).await.unwrap();
    b.wait_for("[data-mode='demo']", 20).await;
    flow::preflight(b, "kinds-dual").await;
    let addresses = lifs();
    let name = "mig-dual";
    let m =
        NewMigration { source_volume: "vol_scratch", source_gib: 3, name, addresses: &addresses };
    flow::follow(b, "/migrations/new").await;
    flow::fill_form(b, &m).await;
    choose(b, "nm-protocolTypes", "dual").await;
    choose(b, "nm-securityStyle", "unix").await;
    b.screenshot("kinds-dual-form").await;
    let body = body_json(&flow::review_and_create(b, &m, "kinds-dual").await);
    let p = &body["properties"];
    let mut protocols: Vec<&str> =
        p["protocolTypes"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
    protocols.sort_unstable();
    assert_eq!(protocols, ["CIFS", "NFSv3"], "{body}");
    assert_eq!(p["securityStyle"], "unix", "{body}");
    assert!(p["exportPolicy"]["rules"][0]["cifs"] == true, "the export rule allows SMB: {body}");

    peer_and_finish(b, Ontap::Console, name, &addresses, "kinds-dual").await;
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    println!("dual-protocol journey took {:?}", started.elapsed());
    browser.quit().await;
}
