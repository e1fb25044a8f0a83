//! The whole migration over HTTP against armsim, signed in with the Entra stand-in: scope,
//! pre-flight, new migration, peering with the ONTAP commands run through armsim's control API,
//! the baseline at high speed, Sync now, Dry run, Resume, Cut over and Finalize.

use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use anf_e2e::{free_port, http, oidc_defaults, Armsim, Browser, Oidc, Site, SiteOptions};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// The simulator's default scope (the same in every scenario).
const SUBSCRIPTION: &str = "0f3c1e5a-7b2d-4c8e-9a61-3d5f2b8e4c71";
const RESOURCE_GROUP: &str = "rg-anf-migration";
const ACCOUNT: &str = "anf-contoso";
const POOL: &str = "pool-standard";

async fn sign_in_through_the_form(browser: &Browser) {
    let user = browser.wait_for("#username", 20).await;
    user.clear().await.unwrap();
    user.send_keys(oidc_defaults::USERNAME).await.unwrap();
    let password = browser.driver.find(By::Css("#password")).await.unwrap();
    password.send_keys(oidc_defaults::PASSWORD).await.unwrap();
    browser.driver.find(By::Css("#sign-in")).await.unwrap().click().await.unwrap();
    // A consent page may follow on a first sign-in.
    let consent = browser
        .driver
        .query(By::Css("#accept, [data-account]"))
        .wait(Duration::from_secs(20), Duration::from_millis(100));
    if let Ok(e) = consent.first().await {
        if e.attr("id").await.ok().flatten().as_deref() == Some("accept") {
            e.click().await.unwrap();
        }
    }
}

/// Chooses `key` at scope level `level` (unless it is chosen already).
async fn choose(b: &Browser, level: &str, key: &str) {
    let css = format!("[data-level='{level}'] li[data-key='{key}'] input[type='radio']");
    let radio = b.wait_for(&css, 30).await;
    if !radio.is_selected().await.unwrap() {
        radio.scroll_into_view().await.unwrap();
        radio.click().await.unwrap();
    }
    flow::wait_text(b, &format!("[data-level='{level}']"), "Chosen:", 10).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn armsim_migration_signed_in_from_scope_to_finalized() {
    let started = Instant::now();
    let port = free_port();
    let app = format!("http://localhost:{port}");
    let oidc = Oidc::start(&app, 3600).await;
    let armsim = Armsim::start(Some(&oidc.issuer), &app, "happy-path", 10.0).await;
    let config = serde_json::json!({
        "clientId": oidc_defaults::CLIENT_ID,
        "authority": oidc.authority,
        "redirectUri": format!("{app}/"),
        "armEndpoint": armsim.origin,
    });
    let site = Site::start(SiteOptions {
        config_json: Some(config.to_string()),
        connect_src: vec![oidc.origin.clone(), armsim.origin.clone()],
        port: Some(port),
        ..SiteOptions::default()
    })
    .await;
    let browser = Browser::start().await;
    let b = &browser;

    // Sign in from the scope page; back on it, signed in.
    b.driver.goto(&format!("{}/scope", site.base_url)).await.unwrap();
    b.wait_for("[data-mode='azure']", 20).await;
    flow::click(b, "[data-sign-in]", 20).await;
    sign_in_through_the_form(b).await;
    b.wait_for("[data-account]", 30).await;
    b.wait_for_text("main h1", "Scope", 20).await;

    // The scope, level by level, from armsim's lists.
    choose(b, "subscription", SUBSCRIPTION).await;
    choose(b, "resource-group", RESOURCE_GROUP).await;
    choose(b, "account", ACCOUNT).await;
    choose(b, "pool", POOL).await;
    b.screenshot("armsim-scope").await;

    flow::preflight(b, "armsim").await;

    let out = flow::ontap(
        b,
        Ontap::Armsim(&armsim),
        &["network interface show -service-policy default-intercluster"],
    )
    .await;
    let addresses = flow::addresses_in(&out);
    assert_eq!(addresses, ["192.168.10.21", "192.168.10.22"], "ONTAP lists the LIFs: {out}");

    let name = "mig-home-azure";
    let m = NewMigration { source_volume: "vol_home", source_gib: 42, name, addresses: &addresses };
    flow::create(b, &m, "armsim").await;
    let log = http::get(&format!("{}/_sim/requests", armsim.origin)).await.text();
    assert!(log.contains(&format!("/volumes/{name}")), "the PUT reached armsim: {log}");

    flow::follow(b, &format!("/migrations/{name}/peering")).await;
    flow::peer(b, Ontap::Armsim(&armsim), name, &addresses, "armsim").await;

    // The baseline (42 GiB) at 60x.
    flow::speed_up(b, Ontap::Armsim(&armsim)).await;
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::actions(b, Ontap::Armsim(&armsim), name, "armsim").await;

    flow::follow(b, "/migrations").await;
    b.wait_for(&format!("tr[data-volume='{name}'] [data-phase='Finalized']"), 30).await;
    b.screenshot("armsim-migrations-finalized").await;

    // Every call went to armsim with the token (none refused for want of one).
    let log = http::get(&format!("{}/_sim/requests", armsim.origin)).await.text();
    assert!(!log.contains("\"status\":401"), "no call was refused: {log}");
    let errors = b.console_errors().await;
    assert!(
        errors.iter().all(|e| !e.contains("Content Security Policy")),
        "CSP violations: {errors:#?}"
    );
    println!("armsim journey took {:?}", started.elapsed());
    browser.quit().await;
}
