//! Azure mode against armsim, signed in with the Entra stand-in: a wave of 52 volumes (the
//! "Wave of 120 volumes" scenario's data volumes of 100 GB or less) planned from a pasted
//! `volume show`, while armsim throttles the first volume creates and some of the peering calls
//! with 429 and a Retry-After. The wave runs to finalized, and armsim's request log shows that
//! every mutation took effect once (a throttled call, which armsim did not handle, is sent
//! again; nothing that was handled is), that no write went out inside a Retry-After, and that
//! no volume was failed for a throttled call.

use anf_e2e::armsim_app::{AzureApp, Logged};
use anf_e2e::migration_flow::{self as flow, Ontap};
use anf_e2e::wave_flow::{self as wave, calls_per_volume};
use std::collections::BTreeMap;
use std::time::Instant;

const WAVE: &str = "wave-eng-52";
const QUERY: &str = "-vserver svm_eng -volume !svm_eng_root -size <=100GB";
const VOLUMES: usize = 52;
/// Seconds armsim's 429s ask the app to wait.
const RETRY_AFTER: u64 = 2;

fn is_write(r: &Logged) -> bool {
    matches!(r.method.as_str(), "PUT" | "POST" | "PATCH" | "DELETE")
}

/// Mutations that took effect, per (method, volume, action): handled by the simulator and
/// not refused (an error answer changed nothing; a connection dropped after handling did).
fn handled_mutations(log: &[Logged]) -> BTreeMap<(String, String, String), usize> {
    calls_per_volume(
        log.iter()
            .filter(|r| is_write(r) && r.handled && r.status < 400)
            .map(|r| (r.method.as_str(), r.path.as_str())),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn armsim_wave_of_fifty_with_throttled_writes_runs_once_each() {
    let started = Instant::now();
    let app = AzureApp::start("wave-120", 20.0).await;
    let (b, armsim) = (&app.browser, &app.armsim);
    // Time runs 20 to 60 times the wall clock's pace: no daily transfer lands in the wave at a
    // moment the time of day of the run would pick.
    app.hold_schedules().await;
    let plan = wave::plan_in_armsim(&app, WAVE, QUERY).await;
    assert_eq!(plan.lifs, ["192.168.10.21", "192.168.10.22"]);
    assert!(plan.shown.contains(&format!("{VOLUMES} entries were displayed.")), "{}", plan.shown);
    let summary = plan.summary;
    assert!(summary.starts_with(&format!("Added {VOLUMES} volumes.")), "{summary}");
    b.screenshots_at_both_widths("wave-armsim-plan").await;

    // Throttling, armed before the start: the first six creates and three of the peering
    // calls are answered 429 (armsim doesn't handle them).
    for fault in [
        format!("count=6&method=PUT&path=*/volumes/*&retry-after={RETRY_AFTER}"),
        format!("count=3&method=POST&path=peerExternalCluster&retry-after={RETRY_AFTER}"),
        format!("count=2&method=POST&path=authorizeExternalReplication&retry-after={RETRY_AFTER}"),
    ] {
        let r = armsim.control(&format!("/_sim/fault/throttle?{fault}"), "").await;
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let before = app.requests().await.len();
    wave::start(b, WAVE).await;
    println!("started at {:?}", started.elapsed());
    let commands = wave::peer(b, Ontap::Armsim(armsim), WAVE, 240).await;
    println!("peered at {:?}", started.elapsed());
    assert_eq!(commands, 1, "52 volumes fit on one storage system: one cluster peering");
    b.screenshots_at_both_widths("wave-armsim-replicating").await;

    flow::speed_up(b, Ontap::Armsim(armsim)).await;
    wave::wait_mirrored(b, VOLUMES, 300).await;
    println!("mirrored at {:?}", started.elapsed());
    wave::start_window(b, Ontap::Armsim(armsim), WAVE, VOLUMES).await;
    wave::finalize(b, WAVE, 300).await;
    println!("finalized at {:?}", started.elapsed());
    let done = wave::statuses(b).await;
    assert_eq!(done.len(), VOLUMES);
    assert!(done.values().all(|s| s == "Finalized"), "{done:#?}");
    assert!(!flow::exists(b, "[data-failures]").await, "no volume needs attention");
    b.screenshot("wave-armsim-done").await;

    let log: Vec<Logged> = app.requests().await.into_iter().skip(before).collect();
    let total = anf_e2e::http::get(&format!("{}/_sim/requests", armsim.origin)).await;
    let total: serde_json::Value = serde_json::from_slice(&total.body).unwrap();
    assert!(
        total["total"].as_u64().unwrap_or(u64::MAX) <= 5000,
        "armsim's log holds every call: {}",
        total["total"]
    );

    // Every throttle fired, and each throttled call was sent again and handled once.
    let throttled: Vec<&Logged> =
        log.iter().filter(|r| r.fault.as_deref() == Some("throttle")).collect();
    assert_eq!(throttled.len(), 11, "every armed 429 was met: {throttled:#?}");
    assert!(throttled.iter().all(|r| r.status == 429 && !r.handled));
    let handled = handled_mutations(&log);
    for (method, action, what) in [
        ("PUT", "", "create"),
        ("POST", "peerExternalCluster", "cluster peering"),
        ("POST", "authorizeExternalReplication", "SVM peering"),
        ("POST", "breakReplication", "break"),
        ("POST", "finalizeExternalReplication", "finalize"),
    ] {
        let per: Vec<_> =
            handled.iter().filter(|((m, _, a), _)| m == method && a == action).collect();
        assert_eq!(per.len(), VOLUMES, "a {what} for every volume: {per:#?}");
        let twice: Vec<_> = per.iter().filter(|(_, n)| **n != 1).collect();
        assert!(twice.is_empty(), "{what} took effect more than once: {twice:#?}");
    }

    // Each throttled call went again only once its Retry-After was over, and no write at all
    // left the app inside one. A write already on its way when the 429 was sent may land just
    // after it: armsim logs a call when its handler runs, which on a loaded machine (the
    // journeys run side by side) can be most of a second after the browser sent it.
    let mut early = Vec::new();
    for t in &throttled {
        let until = t.at_ms + RETRY_AFTER * 1000;
        let again =
            log.iter().find(|r| r.at_ms > t.at_ms && r.method == t.method && r.path == t.path);
        match again {
            Some(r) if r.at_ms + 50 < until => {
                early.push(format!("{} {} again at +{} ms", r.method, r.path, r.at_ms - t.at_ms));
            }
            Some(_) => {}
            None => early.push(format!("{} {} never sent again", t.method, t.path)),
        }
        for r in log.iter().filter(|r| is_write(r) && r.at_ms > t.at_ms + 1000 && r.at_ms < until) {
            early.push(format!("{} {} at +{} ms", r.method, r.path, r.at_ms - t.at_ms));
        }
    }
    assert!(early.is_empty(), "writes inside a Retry-After: {early:#?}");
    let writes = log.iter().filter(|r| is_write(r)).count();
    println!("{writes} writes, {} of them throttled", throttled.len());
    let errors = b.console_errors().await;
    assert!(errors.iter().all(|e| !e.contains("Content Security Policy")), "{errors:#?}");
    println!("armsim wave journey took {:?}", started.elapsed());
    app.browser.quit().await;
}
