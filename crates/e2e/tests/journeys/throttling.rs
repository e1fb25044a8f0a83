//! Throttling from armsim (scenario `throttling`: 20 reads a burst, one more a second): while
//! another client spends the subscription's read budget, the migrations table keeps its rows and
//! its last-update time, says honestly that Azure is throttling, recovers afterwards, and never
//! sends a request before the `Retry-After` armsim gave it: neither the throttled call again nor
//! any other (one hold for every call, as ARM's buckets are per subscription).

use anf_e2e::armsim_app::{scope, wait_contains, AzureApp, Logged, API_VERSION};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const VOLUMES: [(&str, &str); 3] = [
    ("vol-home-mig", "vol_home"),
    ("vol-projects-mig", "vol_projects"),
    ("vol-scratch-mig", "vol_scratch"),
];

/// A path only the other client (this test) reads: in the subscription, so it spends the same
/// read budget, but never called by the app.
fn drain_path() -> String {
    format!(
        "/subscriptions/{}/providers/Microsoft.Test/budgetSpenders/other-tool?api-version={API_VERSION}",
        scope::SUBSCRIPTION
    )
}

/// What the page says about throttling, if anything: an error panel or a row's last error.
async fn throttle_message(app: &AzureApp) -> Option<String> {
    let shown = app
        .browser
        .driver
        .find_all(By::Css("main [role='alert'], [data-cell='error']"))
        .await
        .unwrap_or_default();
    for e in shown {
        let text = e.text().await.unwrap_or_default();
        if text.contains("throttling") {
            return Some(text);
        }
    }
    None
}

async fn row_count(app: &AzureApp) -> usize {
    app.browser.driver.find_all(By::Css("tbody tr[data-volume]")).await.map_or(0, |r| r.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn throttled_table_keeps_working_and_waits_for_retry_after() {
    let app = AzureApp::start("throttling", 8.0).await;
    let b = &app.browser;
    for (name, source) in VOLUMES {
        app.create_directly(name, source, 100).await;
    }
    app.sign_in_and_choose_scope().await;
    app.goto("/migrations").await;
    for (name, _) in VOLUMES {
        b.wait_for(&format!("tr[data-volume='{name}']"), 60).await;
    }
    let updated = wait_contains(b, "[data-last-updated]", "Last updated", 10).await;
    assert!(!updated.contains("not yet"), "{updated}");
    b.screenshot("throttling-table-before").await;
    let app_started_at = app.requests().await.len();

    // Another client spends the subscription's read budget for a while, taking every token as
    // it refills. Its own 429s say how long to wait.
    let draining = Arc::new(AtomicBool::new(true));
    let exhausted = Arc::new(AtomicBool::new(false));
    let drain = {
        let origin = app.armsim.origin.clone();
        let (draining, exhausted) = (draining.clone(), exhausted.clone());
        tokio::spawn(async move {
            let mut retry_after = Vec::new();
            while draining.load(Ordering::Relaxed) {
                let r = anf_e2e::http::get(&format!("{origin}{}", drain_path())).await;
                if r.status == 429 {
                    retry_after.push(r.header("retry-after").map(str::to_owned));
                    exhausted.store(true, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            retry_after
        })
    };

    // Meanwhile the user refreshes: Azure is throttling, and the page says so in plain words,
    // with the rows and the last-update time still there.
    let rows_before = row_count(&app).await;
    assert_eq!(rows_before, VOLUMES.len());
    for _ in 0..200 {
        if exhausted.load(Ordering::Relaxed) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(exhausted.load(Ordering::Relaxed), "the read budget is spent");
    let deadline = Instant::now() + Duration::from_secs(40);
    let mut said = None;
    while Instant::now() < deadline && said.is_none() {
        if let Ok(button) = b.driver.find(By::Css("[data-refresh]")).await {
            let _ = button.click().await;
        }
        for _ in 0..80 {
            said = throttle_message(&app).await;
            if said.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let said = said.unwrap_or_else(|| panic!("no throttling message after 40 s"));
    assert!(said.contains("Azure is throttling requests"), "{said}");
    assert_eq!(row_count(&app).await, rows_before, "the rows stay while throttled");
    let throttled_updated = b.wait_for("[data-last-updated]", 5).await.text().await.unwrap();
    assert!(
        throttled_updated.starts_with("Last updated ") && !throttled_updated.contains("not yet"),
        "{throttled_updated}"
    );
    // The message may be a row's last error (when only the status reads were refused): show it.
    let _ = b
        .driver
        .execute(
            "for (const e of document.querySelectorAll(\"main [role='alert'], [data-cell='error']\")) { if ((e.innerText || '').includes('throttling')) { e.scrollIntoView({block: 'center', inline: 'center'}); break; } }",
            vec![],
        )
        .await;
    b.screenshot("throttling-table-throttled").await;

    draining.store(false, Ordering::Relaxed);
    let drained = drain.await.unwrap();
    assert!(!drained.is_empty(), "the other client was throttled too");
    assert!(
        drained.iter().all(|h| h.as_deref() == Some("1")),
        "a read waits one second for the next token: {drained:?}"
    );

    // Once the app's own retries have ended and the budget refilled, a refresh brings the
    // table back without the message.
    let mut seen = app.requests().await.len();
    let quiet_by = Instant::now() + Duration::from_secs(20);
    loop {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let now_seen = app.requests().await.len();
        if now_seen == seen || Instant::now() > quiet_by {
            break;
        }
        seen = now_seen;
    }
    b.wait_for("[data-refresh]", 5).await.click().await.unwrap();
    let mut recovered = false;
    for _ in 0..300 {
        if throttle_message(&app).await.is_none() {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "the message goes once Azure answers again:\n{}", b.failure_text().await);
    assert_eq!(row_count(&app).await, rows_before, "the rows are all there");
    b.screenshot("throttling-table-recovered").await;

    // armsim's log: after each 429 the app sent, nothing of the app's went out before the
    // Retry-After (one second, as the other client's 429s said).
    let log: Vec<Logged> = app.requests().await.into_iter().skip(app_started_at).collect();
    let drain_prefix = drain_path();
    let drain_prefix = drain_prefix.split('?').next().unwrap();
    let app_calls: Vec<&Logged> = log.iter().filter(|r| r.path != drain_prefix).collect();
    let throttled: Vec<&&Logged> = app_calls.iter().filter(|r| r.status == 429).collect();
    assert!(!throttled.is_empty(), "the app met 429s: {app_calls:#?}");
    let mut early = Vec::new();
    for t in &throttled {
        let retry_at = t.at_ms + 1000;
        let same_call_early = app_calls.iter().any(|r| {
            r.method == t.method && r.path == t.path && r.at_ms > t.at_ms && r.at_ms < retry_at
        });
        if same_call_early {
            early.push(format!("{} {} at {} retried too soon", t.method, t.path, t.at_ms));
        }
    }
    assert!(early.is_empty(), "requests before Retry-After: {early:#?}\nlog: {app_calls:#?}");
    // One hold for every call: after a 429 the app sends nothing at all (the status reads, a
    // manual refresh, another volume's row) until its Retry-After has passed. Calls that were
    // already on their way when the 429 went out arrive just after it: IN_FLIGHT_MS allows for
    // them (armsim answers at once, so the browser hears a 429 within milliseconds).
    const IN_FLIGHT_MS: u64 = 300;
    let mut others = Vec::new();
    for t in &throttled {
        for r in &app_calls {
            if r.at_ms > t.at_ms + IN_FLIGHT_MS && r.at_ms < t.at_ms + 1000 {
                others.push(format!(
                    "{} {} {} at +{} ms after the 429 of {} {}",
                    r.method,
                    r.path,
                    r.status,
                    r.at_ms - t.at_ms,
                    t.method,
                    t.path
                ));
            }
        }
    }
    println!("app calls: {}, of them 429: {}", app_calls.len(), throttled.len());
    println!("last update shown while throttled: {updated:?} before, {throttled_updated:?} after");
    assert!(
        others.is_empty(),
        "app requests inside another call's Retry-After: {others:#?}\nlog: {app_calls:#?}"
    );

    // Activity lists every attempt the app made, the throttled ones with their 429.
    let all_429 =
        app.requests().await.iter().filter(|r| r.status == 429 && r.path != drain_prefix).count();
    b.wait_for("nav a[href='/activity']", 5).await.click().await.unwrap();
    b.wait_for("tr[data-status='429']", 20).await;
    let listed = b.driver.find_all(By::Css("tr[data-status='429']")).await.unwrap().len();
    assert_eq!(listed, all_429, "Activity lists each 429 armsim sent the app");
    b.screenshot("throttling-activity").await;
}
