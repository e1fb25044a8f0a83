//! Demo mode, from nothing to a finalized migration: pre-flight, new migration, peering with
//! the commands pasted into the ONTAP console, the baseline at high demo speed, Sync now, Dry
//! run, Resume, the guided Cut over and Finalize.

use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use anf_e2e::{Browser, Site, SiteOptions};
use std::time::Instant;

#[tokio::test(flavor = "multi_thread")]
async fn demo_migration_from_preflight_to_finalized() {
    let started = Instant::now();
    let site = Site::start(SiteOptions::default()).await;
    let browser = Browser::start().await;
    let b = &browser;
    b.driver.goto(&site.base_url).await.unwrap();
    b.wait_for("[data-mode='demo']", 20).await;
    b.wait_for_text("main h1", "Migration assistant", 20).await;

    flow::preflight(b, "demo").await;

    // The intercluster LIFs, looked up on the source as the form's hint says.
    let out = flow::ontap(
        b,
        Ontap::Console,
        &["network interface show -service-policy default-intercluster"],
    )
    .await;
    let addresses = flow::addresses_in(&out);
    assert_eq!(addresses, ["192.168.10.21", "192.168.10.22"], "ONTAP lists the LIFs: {out}");
    b.screenshot("demo-ontap-console-lifs").await;
    // A trainer's pace: 10x (the 60-minute offer still lasts six minutes).
    flow::select_value(b, "#demo-speed", "10").await;

    let name = "mig-home";
    let m = NewMigration { source_volume: "vol_home", source_gib: 42, name, addresses: &addresses };
    flow::create(b, &m, "demo").await;
    flow::follow(b, &format!("/migrations/{name}/peering")).await;
    flow::peer(b, Ontap::Console, name, &addresses, "demo").await;

    // The baseline (42 GiB) at 120x takes seconds.
    flow::speed_up(b, Ontap::Console).await;
    b.wait_for("[data-done]", 20).await;
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::actions(b, Ontap::Console, name, "demo").await;

    // The table shows it finalized too.
    flow::follow(b, "/migrations").await;
    b.wait_for(&format!("tr[data-volume='{name}'] [data-phase='Finalized']"), 30).await;
    b.screenshot("demo-migrations-finalized").await;

    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    println!("demo journey took {:?}", started.elapsed());
    browser.quit().await;
}
