//! Reloads in the middle of things lose nothing: a new-migration draft, the create operation
//! being followed, the peering wizard with its command, passphrase and countdown, a Sync now in
//! motion and the guided cut-over's sequence (demo mode).

use anf_e2e::migration_flow::{self as flow, NewMigration, Ontap};
use anf_e2e::{Browser, Site, SiteOptions};
use std::time::Instant;

async fn value_of(b: &Browser, css: &str) -> String {
    b.wait_for(css, 20).await.prop("value").await.unwrap().unwrap_or_default()
}

fn seconds(countdown: &str) -> u64 {
    let (m, s) = countdown.split_once(':').expect("mm:ss");
    m.parse::<u64>().unwrap() * 60 + s.parse::<u64>().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn reloads_keep_the_draft_the_wizard_and_the_operations() {
    let started = Instant::now();
    let site = Site::start(SiteOptions::default()).await;
    let browser = Browser::start().await;
    let b = &browser;
    let d = &b.driver;
    d.goto(&site.base_url).await.unwrap();
    b.wait_for("[data-mode='demo']", 20).await;
    b.wait_for_text("main h1", "Migration assistant", 20).await;
    // A trainer's pace for the set-up (the 60-minute offer still lasts six minutes).
    flow::follow(b, "/demo").await;
    flow::select_value(b, "#demo-speed", "10").await;

    // A draft half typed, on the Volume tab: a reload brings back every field and the tab.
    let name = "mig-reload";
    flow::follow(b, "/migrations/new").await;
    b.wait_for_text("main h1", "New migration", 20).await;
    flow::type_into(b, "#nm-clusterName", flow::CLUSTER).await;
    flow::type_into(b, "#nm-svmName", flow::SVM).await;
    flow::type_into(b, "#nm-sourceVolumeName", "vol_scratch").await;
    flow::type_into(b, "#nm-sourceSize", "3").await;
    flow::select_value(b, "#nm-replicationSchedule", "daily").await;
    flow::click_button(b, "[role='tabpanel']", "Next: Volume", 10).await;
    flow::type_into(b, "#nm-volumeName", name).await;
    d.refresh().await.unwrap();
    b.wait_for("#nm-tab-volume[aria-selected='true']", 20).await;
    assert_eq!(value_of(b, "#nm-volumeName").await, name);
    assert_eq!(value_of(b, "#nm-creationToken").await, name);
    assert_eq!(value_of(b, "#nm-quota").await, "50", "the suggested quota (50 GiB minimum)");
    b.screenshot("reload-draft-volume-tab").await;
    flow::click(b, "#nm-tab-source", 10).await;
    assert_eq!(value_of(b, "#nm-clusterName").await, flow::CLUSTER);
    assert_eq!(value_of(b, "#nm-svmName").await, flow::SVM);
    assert_eq!(value_of(b, "#nm-sourceVolumeName").await, "vol_scratch");
    assert_eq!(value_of(b, "#nm-sourceSize").await, "3");
    assert_eq!(value_of(b, "#nm-replicationSchedule").await, "daily");

    // Create, and reload while Azure (the simulator) is still creating: still followed.
    let addresses = vec!["192.168.10.21".to_owned(), "192.168.10.22".to_owned()];
    let m =
        NewMigration { source_volume: "vol_scratch", source_gib: 3, name, addresses: &addresses };
    flow::fill_form(b, &m).await;
    flow::click(b, "[role='tab'][id='nm-tab-review']", 10).await;
    flow::wait_text(b, "pre[aria-label='Request']", "PUT ", 20).await;
    flow::click(b, "button[data-create]:not([disabled])", 10).await;
    flow::wait_text(b, "[data-create-status]", "is creating the volume", 20).await;
    d.refresh().await.unwrap();
    flow::wait_text(b, "[data-create-status]", "Creating mig-reload", 20).await;
    b.screenshot("reload-create-running").await;
    b.wait_for("[data-create-status] [data-created]", 60).await;
    flow::wait_toast(b, &format!("Create migration volume {name}: done"), 10).await;
    b.screenshot("reload-create-done").await;

    // The wizard, reloaded with the offer on screen: the same command and passphrase, and the
    // countdown goes on from where it was.
    flow::follow(b, &format!("/migrations/{name}/peering")).await;
    let (command, passphrase) = flow::start_cluster_peering(b, name, &addresses, "reload").await;
    let (_, _, before) = flow::offer_shown(b, 10).await;
    d.refresh().await.unwrap();
    b.wait_for("[data-peering-step='ClusterPeering']", 30).await;
    let (command_after, passphrase_after, after) = flow::offer_shown(b, 30).await;
    assert_eq!(command_after, command, "the command is kept");
    assert_eq!(passphrase_after, passphrase, "the passphrase is kept");
    assert!(
        seconds(&after) <= seconds(&before),
        "the countdown did not restart: {before} -> {after}"
    );
    assert!(seconds(&after) + 600 > seconds(&before), "nor jump: {before} -> {after}");
    // And it is live.
    let ticking = format!(
        "const c = document.querySelector('[data-countdown]'); return c && c.textContent.trim() !== {};",
        serde_json::Value::String(after.clone())
    );
    flow::wait_js(b, "the countdown to tick", 10, &ticking).await;
    b.screenshot("reload-peering-offer").await;
    flow::finish_peering(b, Ontap::Console, name, &command, &passphrase, "reload").await;

    // Sync now, reloaded at once while it runs (real-time speed, so it lasts seconds).
    flow::follow(b, &format!("/migrations/{name}")).await;
    flow::wait_phase(b, "Mirrored", 90).await;
    flow::wait_enabled(b, "sync", 60).await;
    flow::follow(b, "/demo").await;
    flow::select_value(b, "#demo-speed", "1").await;
    d.back().await.unwrap();
    flow::wait_enabled(b, "sync", 30).await;
    flow::click(b, "button[data-action='sync']", 10).await;
    flow::wait_text(b, "li[data-op='sync']", "running", 10).await;
    d.refresh().await.unwrap();
    b.wait_for("button[data-action='sync'][aria-busy='true']", 20).await;
    b.screenshot("reload-sync-running").await;
    flow::wait_toast(b, &format!("Sync now on {name}: done"), 60).await;
    flow::wait_text(b, "li[data-op='sync']", "succeeded", 10).await;
    flow::wait_enabled(b, "sync", 30).await;
    b.screenshot("reload-sync-done").await;

    // The guided cut-over, reloaded during its final sync: the sequence goes on by itself to
    // the break (4x: the sequence still takes seconds).
    flow::wait_enabled(b, "cut-over", 30).await;
    flow::follow(b, "/demo").await;
    flow::select_value(b, "#demo-speed", "4").await;
    d.back().await.unwrap();
    flow::wait_enabled(b, "cut-over", 30).await;
    flow::click(b, "button[data-action='cut-over']", 10).await;
    let offline = flow::wait_text(
        b,
        "[data-cut-over] pre[aria-label='Take the source volume offline']",
        "volume offline",
        10,
    )
    .await;
    flow::click_button(b, "[data-cut-over]", "Not now", 10).await;
    let out = flow::ontap(b, Ontap::Console, &[offline.trim()]).await;
    assert!(!out.contains("Error"), "volume offline on ONTAP: {out}");
    d.back().await.unwrap();
    flow::wait_enabled(b, "cut-over", 30).await;
    flow::click(b, "button[data-action='cut-over']", 10).await;
    flow::click(b, "[data-cut-over] button[data-step='offline-done']", 10).await;
    flow::wait_text(b, "[data-cut-over]", "Transferring the last changes", 10).await;
    flow::wait_text(b, "li[data-op='cut-over-sync']", "running", 10).await;
    d.refresh().await.unwrap();
    b.wait_for("section[aria-labelledby='status-h']", 20).await;
    flow::wait_toast(b, &format!("Cut over: final sync on {name}: done"), 60).await;
    flow::wait_toast(b, &format!("Cut over: break on {name}: done"), 60).await;
    flow::wait_phase(b, "CutOver", 30).await;
    flow::wait_enabled(b, "finalize", 30).await;
    b.screenshot("reload-cut-over-done").await;

    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    println!("reload journey took {:?}", started.elapsed());
    browser.quit().await;
}
