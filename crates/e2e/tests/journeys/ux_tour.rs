//! The places a new user stopped at (issue 16), walked through the demo at the widths people
//! use: the Review + Create summary, the peering command, the table's Actions menu, a paused
//! and a finalized migration, each photographed at 1280, 1440 and 1920 px.

use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use anf_e2e::{Browser, Site, SiteOptions};

const WIDTHS: &[u32] = &[1280, 1440, 1920];

#[tokio::test(flavor = "multi_thread")]
async fn ux_tour_at_three_widths() {
    let site = Site::start(SiteOptions::default()).await;
    let browser = Browser::start().await;
    let b = &browser;
    b.set_viewport(1280, 900).await;
    b.driver.goto(&site.base_url).await.unwrap();
    b.wait_for("[data-mode='demo']", 20).await;
    b.wait_for_text("main h1", "Migrations", 20).await;
    flow::demo_speed(b, "10").await;

    let addresses = ["192.168.10.21".to_owned(), "192.168.10.22".to_owned()];
    let name = "mig-tour";
    let m = NewMigration { source_volume: "vol_home", source_gib: 42, name, addresses: &addresses };
    flow::follow(b, "/migrations/new").await;
    flow::fill_form(b, &m).await;
    flow::click(b, "[role='tab'][id='nm-tab-review']", 10).await;
    flow::wait_text(b, "pre[aria-label='Request']", "PUT ", 20).await;
    b.screenshots_at("tour-review-create", WIDTHS).await;
    flow::click(b, "button[data-create]:not([disabled])", 10).await;
    b.wait_for("[data-create-status] [data-created]", 90).await;
    b.screenshots_at("tour-created", WIDTHS).await;

    flow::follow(b, &format!("/migrations/{name}/peering")).await;
    let (command, passphrase) = flow::start_cluster_peering(b, name, &addresses, "tour").await;
    b.screenshots_at("tour-peering-command", WIDTHS).await;
    flow::finish_peering(b, Ontap::Console, name, &command, &passphrase, "tour").await;
    b.screenshots_at("tour-peering-done", WIDTHS).await;

    flow::speed_up(b, Ontap::Console).await;
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::mirrored_details(b, name, "tour").await;

    // The table with the row's menu open.
    flow::follow(b, "/migrations").await;
    let row = format!("tr[data-volume='{name}']");
    b.wait_for(&format!("{row} [data-phase='Mirrored']"), 60).await;
    flow::click(b, &format!("{row} [aria-label='Actions for {name}']"), 10).await;
    b.screenshots_at("tour-table-menu", WIDTHS).await;

    // Paused for a dry run, on the details page and in the table.
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::dry_run(b, name, "tour").await;
    b.screenshots_at("tour-paused-details", WIDTHS).await;
    flow::follow(b, "/migrations").await;
    b.wait_for(&format!("{row} [data-phase='PausedForDryRun']"), 30).await;
    b.screenshots_at("tour-paused-table", WIDTHS).await;

    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::resume(b, name, "tour").await;
    flow::cut_over(b, Ontap::Console, name, "tour").await;
    flow::finalize(b, name, "tour").await;
    b.screenshots_at("tour-finalized-details", WIDTHS).await;
    flow::follow(b, "/migrations").await;
    b.wait_for(&format!("{row} [data-phase='Finalized']"), 30).await;
    b.screenshots_at("tour-finalized-table", WIDTHS).await;

    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    browser.quit().await;
}
