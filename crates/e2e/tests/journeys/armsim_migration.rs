//! The whole migration over HTTP against armsim, signed in with the Entra stand-in: scope,
//! pre-flight, new migration, peering with the ONTAP commands run through armsim's control API,
//! the baseline at high speed, Sync now, Dry run, Resume, Cut over and Finalize.

use anf_e2e::armsim_app::{choose_default_scope, sign_in, AzureApp, AzureOptions};
use anf_e2e::http;
use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use std::time::Instant;

#[tokio::test(flavor = "multi_thread")]
async fn armsim_migration_signed_in_from_scope_to_finalized() {
    let started = Instant::now();
    let azure = AzureApp::start_with(AzureOptions {
        speed: 10.0,
        check_tokens: true,
        ..AzureOptions::default()
    })
    .await;
    let (b, armsim) = (&azure.browser, &azure.armsim);

    // Sign in from the scope page; back on it, signed in.
    azure.goto("/scope").await;
    b.wait_for("[data-mode='azure']", 20).await;
    sign_in(b).await;
    b.wait_for_text("main h1", "Scope", 20).await;

    // The scope, level by level, from armsim's lists.
    choose_default_scope(b).await;
    b.screenshot("armsim-scope").await;

    flow::preflight(b, "armsim").await;

    let out = flow::ontap(
        b,
        Ontap::Armsim(armsim),
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
    flow::peer(b, Ontap::Armsim(armsim), name, &addresses, "armsim").await;

    // The baseline (42 GiB) at 60x.
    flow::speed_up(b, Ontap::Armsim(armsim)).await;
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::actions(b, Ontap::Armsim(armsim), name, "armsim").await;

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
    azure.browser.quit().await;
}
