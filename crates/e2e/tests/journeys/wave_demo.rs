//! Demo mode, a wave of 20 volumes from nothing to finalized: the "Wave of 120 volumes"
//! scenario, `volume show` run in the demo's ONTAP console and its output pasted into the plan
//! page (a root volume among them, flagged and dropped), the wave started, the page reloaded
//! in the middle of the creates and again in the cut-over window, one cluster peering for the
//! whole wave, the SVM peering block, the baselines watched, the window and finalize.
//!
//! The simulated world (with its request log) lives in the tab's sessionStorage, so the log
//! read at the end says what reached "Azure": one PUT per volume, one finalize per volume.

use anf_e2e::migration_flow::{self as flow, Ontap};
use anf_e2e::wave_flow::{self as wave, calls_per_volume};
use anf_e2e::{Browser, Site, SiteOptions};
use std::time::Instant;

const WAVE: &str = "wave-eng-small";
/// 19 data volumes and the SVM's root volume, which the plan must flag.
const MIGRATABLE: usize = 19;

/// The demo draws its volumes' sizes from the tab's seed: the admin first lists the small
/// ones, then shows the fields of 19 of them and the root volume, by name.
async fn query(b: &Browser) -> String {
    let small = flow::ontap(
        b,
        Ontap::Console,
        &["volume show -vserver svm_eng -volume !svm_eng_root -size <=100GB -fields volume"],
    )
    .await;
    let names: Vec<&str> = small
        .lines()
        .skip_while(|l| !l.starts_with("---"))
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|v| v.starts_with("eng_"))
        .take(MIGRATABLE)
        .collect();
    assert_eq!(names.len(), MIGRATABLE, "enough small volumes: {small}");
    format!("-vserver svm_eng -volume {}|svm_eng_root", names.join("|"))
}

/// The demo world's request log, as `(method, path)`, and whether it still holds every call.
async fn demo_log(b: &Browser) -> (Vec<(String, String)>, bool) {
    let script = "for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); if (k.endsWith('anf-migrate.demo-world')) { const w = JSON.parse(sessionStorage.getItem(k)); return {entries: w.log.entries.map(e => [e.method, e.path]), total: w.log.total}; } } return null;";
    let v = b.driver.execute(script, vec![]).await.unwrap().json().clone();
    let entries: Vec<(String, String)> = v["entries"]
        .as_array()
        .expect("the demo world is in sessionStorage")
        .iter()
        .map(|e| (e[0].as_str().unwrap().to_owned(), e[1].as_str().unwrap().to_owned()))
        .collect();
    let complete = v["total"].as_u64() == Some(entries.len() as u64);
    (entries, complete)
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_wave_of_twenty_from_paste_to_finalized_across_reloads() {
    let started = Instant::now();
    let site = Site::start(SiteOptions::default()).await;
    let browser = Browser::start().await;
    let b = &browser;
    b.driver.goto(&site.base_url).await.unwrap();
    b.wait_for("[data-mode='demo']", 20).await;

    // The wave scenario, started on the Demo page.
    flow::follow(b, "/demo").await;
    flow::click(b, "#scenario-wave-120", 10).await;
    flow::click_button(b, "main", "Start this scenario", 10).await;
    flow::click_button(b, "[role='alertdialog']", "Start over", 10).await;
    flow::wait_toast(b, "Demo restarted: Wave of 120 volumes", 10).await;

    let lifs = flow::addresses_in(
        &flow::ontap(
            b,
            Ontap::Console,
            &["network interface show -service-policy default-intercluster"],
        )
        .await,
    );
    assert_eq!(lifs, ["192.168.10.21", "192.168.10.22"]);
    let shown =
        flow::ontap(b, Ontap::Console, &[wave::volume_show(&query(b).await).as_str()]).await;
    assert!(shown.contains("20 entries were displayed."), "volume show: {shown}");
    flow::select_value(b, "#demo-speed", "10").await;

    let summary = wave::plan_from_paste(b, WAVE, &shown, flow::CLUSTER, &lifs).await;
    assert!(summary.contains("Added 20 volumes. 1 can't be migrated"), "{summary}");
    // The source cluster comes from the console's prompt.
    let cluster = b.wait_for("#wave-cluster", 5).await.prop("value").await.unwrap();
    assert_eq!(cluster.as_deref(), Some(flow::CLUSTER));
    flow::wait_text(b, "[data-row] [data-problem]", "a root volume", 10).await;
    flow::wait_text(b, "[data-why-not]", "1 of 20 rows have problems", 20).await;
    b.screenshots_at_both_widths("wave-demo-plan-flagged").await;
    wave::drop_bad_rows(b).await;
    flow::wait_text(b, "#wave-rows-title", &format!("Volumes ({MIGRATABLE})"), 10).await;
    b.screenshot("wave-demo-plan-ready").await;
    wave::start(b, WAVE).await;

    // A reload while the creates go out: the wave goes on where it was.
    let at_reload = wave::wait_statuses(b, "a first create sent", 60, |s| {
        s.values().any(|v| v.starts_with("Create sent") || v.starts_with("Being created"))
            || s.values().any(|v| v == "Created")
    })
    .await;
    let stage_then = wave::stage(b).await;
    b.driver.refresh().await.unwrap();
    b.wait_for("[data-run-view]", 20).await;
    println!("reloaded at stage {stage_then}: {at_reload:?}");
    b.screenshots_at_both_widths("wave-demo-run-creating").await;
    let commands = wave::peer(b, Ontap::Console, WAVE, 120).await;
    assert_eq!(commands, 1, "19 volumes on one storage system: one cluster peering");

    // Every create reached the simulator once (a reload must never send one twice).
    let (log, complete) = demo_log(b).await;
    assert!(complete, "the demo log still holds every call");
    let calls = calls_per_volume(log.iter().map(|(m, p)| (m.as_str(), p.as_str())));
    let puts: Vec<_> = calls.iter().filter(|((m, _, a), _)| m == "PUT" && a.is_empty()).collect();
    assert_eq!(puts.len(), MIGRATABLE, "a PUT for each volume: {puts:#?}");
    assert!(puts.iter().all(|(_, n)| **n == 1), "one PUT each: {puts:#?}");
    let peers = calls.iter().filter(|((m, _, a), _)| m == "POST" && a == "peerExternalCluster");
    assert!(peers.clone().all(|(_, n)| *n == 1), "one peering call each: {calls:#?}");
    assert_eq!(peers.count(), MIGRATABLE);

    // The baselines, first at 10x (a wave running, seen at both widths), then at 120x.
    flow::wait_js(
        b,
        "a baseline transferring",
        60,
        "return [...document.querySelectorAll('[data-watch-table] [data-phase]')].some(e => e.getAttribute('data-phase') === 'Baseline');",
    )
    .await;
    b.screenshots_at_both_widths("wave-demo-run-baseline").await;
    flow::speed_up(b, Ontap::Console).await;
    b.wait_for("[data-run-view]", 20).await;
    wave::wait_mirrored(b, MIGRATABLE, 240).await;
    let totals = flow::text_of(b, "[data-bytes]").await.unwrap_or_default();
    println!("totals once mirrored: {totals}");

    // The window, with a reload in the middle of it.
    wave::start_window(b, Ontap::Console, WAVE, MIGRATABLE).await;
    b.screenshots_at_both_widths("wave-demo-window").await;
    b.driver.refresh().await.unwrap();
    b.wait_for("[data-run-view]", 20).await;
    wave::finalize(b, WAVE, 240).await;
    let done = wave::statuses(b).await;
    assert_eq!(done.len(), MIGRATABLE);
    assert!(done.values().all(|s| s == "Finalized"), "{done:#?}");
    b.screenshots_at_both_widths("wave-demo-done").await;

    let (log, _) = demo_log(b).await;
    let calls = calls_per_volume(log.iter().map(|(m, p)| (m.as_str(), p.as_str())));
    for action in ["breakReplication", "finalizeExternalReplication"] {
        let sent: Vec<_> =
            calls.iter().filter(|((m, _, a), _)| m == "POST" && a == action).collect();
        assert_eq!(sent.len(), MIGRATABLE, "{action} for each volume: {sent:#?}");
        assert!(sent.iter().all(|(_, n)| **n == 1), "{action} once each: {sent:#?}");
    }
    // The waves list says so too.
    flow::follow(b, "/waves").await;
    b.wait_for(&format!("tr[data-wave='{WAVE}'] [data-stage='Done']"), 20).await;
    let errors = b.console_errors().await;
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    println!("demo wave journey took {:?}", started.elapsed());
    browser.quit().await;
}
