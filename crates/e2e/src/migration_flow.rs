//! The steps of a whole migration as a user takes them in the browser, shared by the demo,
//! armsim and reload journeys: pre-flight, new migration, peering with the commands run on the
//! source cluster, then the actions on the migration's page.
//!
//! Every wait is on a condition the page shows; the only time that passes on purpose is
//! simulated time (the demo speed, armsim's `--speed` and control API).

use crate::{Armsim, Browser};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// The simulated source cluster (the same in every scenario).
pub const CLUSTER: &str = "onprem-cl01";
/// Its SVM.
pub const SVM: &str = "svm_nfs";

/// Where the ONTAP commands are run: the demo's console on `/demo`, or armsim's control API.
#[derive(Clone, Copy)]
pub enum Ontap<'a> {
    /// The ONTAP console panel of the Demo page (same tab).
    Console,
    /// `POST /_sim/ontap/{cluster}/cli` on armsim.
    Armsim(&'a Armsim),
}

/// Runs `script` (a function body that `return`s) until it returns something truthy, up to
/// `secs`; returns that value.
///
/// # Panics
/// When it never does; the page's text is in the message.
pub async fn wait_js(b: &Browser, what: &str, secs: u64, script: &str) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let value = match b.driver.execute(script, vec![]).await {
            Ok(ret) => ret.json().clone(),
            Err(_) => serde_json::Value::Null,
        };
        let truthy = match &value {
            serde_json::Value::Null => false,
            serde_json::Value::Bool(v) => *v,
            serde_json::Value::String(s) => !s.is_empty(),
            serde_json::Value::Number(n) => n.as_f64() != Some(0.0),
            _ => true,
        };
        if truthy {
            return value;
        }
        if Instant::now() > deadline {
            let body = b.failure_text().await;
            panic!("waited {secs}s for {what}; the page says:\n{body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// JS string literal of `s`.
fn js(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// Waits until an element matching `css` has `needle` in its text; returns that text.
pub async fn wait_text(b: &Browser, css: &str, needle: &str, secs: u64) -> String {
    let script = format!(
        "const n = {}; for (const e of document.querySelectorAll({})) {{ const t = e.innerText || e.textContent || ''; if (t.includes(n)) return t; }} return null;",
        js(needle),
        js(css)
    );
    let what = format!("{css:?} containing {needle:?}");
    wait_js(b, &what, secs, &script).await.as_str().unwrap_or_default().to_owned()
}

/// Waits for a toast (or any notice) saying `needle`.
pub async fn wait_toast(b: &Browser, needle: &str, secs: u64) -> String {
    wait_text(b, "[role='status'][aria-live='polite'] > div", needle, secs).await
}

/// The text of the first element matching `css`, if any.
pub async fn text_of(b: &Browser, css: &str) -> Option<String> {
    let script = format!(
        "const e = document.querySelector({}); return e ? (e.innerText || e.textContent) : null;",
        js(css)
    );
    b.driver.execute(&script, vec![]).await.ok()?.json().as_str().map(str::to_owned)
}

/// Whether something matches `css` now.
pub async fn exists(b: &Browser, css: &str) -> bool {
    let script = format!("return !!document.querySelector({});", js(css));
    b.driver.execute(&script, vec![]).await.ok().and_then(|r| r.json().as_bool()).unwrap_or(false)
}

/// Clicks the first element matching `css` once it is there (retrying when the page re-renders
/// it under the pointer).
pub async fn click(b: &Browser, css: &str, secs: u64) {
    for attempt in 0..20 {
        let e = b.wait_for(css, secs).await;
        match e.click().await {
            Ok(()) => return,
            Err(err) if attempt < 19 => {
                let _ = err;
                tokio::time::sleep(Duration::from_millis(150)).await;
            }
            Err(err) => panic!("cannot click {css:?}: {err}"),
        }
    }
}

/// Clicks the button whose text is exactly `label` (inside `within`, a CSS scope, if given).
pub async fn click_button(b: &Browser, within: &str, label: &str, secs: u64) {
    let script = format!(
        "for (const e of document.querySelectorAll({} + ' button')) {{ if ((e.innerText || e.textContent).trim() === {} && !e.disabled) {{ e.setAttribute('data-e2e-target', '1'); return true; }} }} return false;",
        js(within),
        js(label)
    );
    wait_js(b, &format!("a button {label:?} in {within:?}"), secs, &script).await;
    click(b, "[data-e2e-target='1']", 5).await;
    let _ = b
        .driver
        .execute(
            "document.querySelectorAll('[data-e2e-target]').forEach(e => e.removeAttribute('data-e2e-target'));",
            vec![],
        )
        .await;
}

/// Clicks the button in `main` labelled `label` if it is there now; whether it was.
pub async fn try_click_button(b: &Browser, label: &str) -> bool {
    let xpath = format!("//main//button[normalize-space()={}]", xpath_literal(label));
    match b.driver.find(By::XPath(&xpath)).await {
        Ok(e) => e.click().await.is_ok(),
        Err(_) => false,
    }
}

/// An XPath string literal of `s` (no quotes of both kinds in our labels).
fn xpath_literal(s: &str) -> String {
    if s.contains('\'') {
        format!("\"{s}\"")
    } else {
        format!("'{s}'")
    }
}

/// Types `text` into the input matching `css`, replacing what it holds.
pub async fn type_into(b: &Browser, css: &str, text: &str) {
    let e = b.wait_for(css, 20).await;
    e.click().await.unwrap();
    // Select all and delete, as a person does: the app hears `input` events.
    e.send_keys(Key::Control + "a").await.unwrap();
    e.send_keys(Key::Backspace).await.unwrap();
    e.send_keys(text).await.unwrap();
}

/// Chooses the option with `value` in the select matching `css`.
pub async fn select_value(b: &Browser, css: &str, value: &str) {
    let e = b.wait_for(css, 20).await;
    let select = thirtyfour::components::SelectElement::new(&e).await.unwrap();
    select.select_by_value(value).await.unwrap();
}

/// Follows an app link (`nav a[href=...]` or any link to `href`), as a click.
pub async fn follow(b: &Browser, href: &str) {
    click(b, &format!("a[href='{href}']"), 20).await;
    let path = href.to_owned();
    let script = format!("return location.pathname === {};", js(&path));
    wait_js(b, &format!("the address {href}"), 10, &script).await;
}

/// Runs `lines` on the source cluster: in the demo's console (this goes to `/demo`; the caller
/// comes back) or through armsim. Each line is entered on its own, as typed at the prompt (the
/// passphrase answers the prompt of `cluster peer create`). Returns what ONTAP printed.
pub async fn ontap(b: &Browser, where_: Ontap<'_>, lines: &[&str]) -> String {
    match where_ {
        Ontap::Armsim(armsim) => {
            let r = armsim.control(&format!("/_sim/ontap/{CLUSTER}/cli"), &lines.join("\n")).await;
            assert_eq!(r.status, 200, "ONTAP command refused: {}", r.text());
            r.text()
        }
        Ontap::Console => {
            if !exists(b, "#ontap-input").await {
                follow(b, "/demo").await;
            }
            b.wait_for("#ontap-input", 20).await;
            let count = "return document.querySelectorAll('[data-ontap-output] > span').length;";
            let before =
                b.driver.execute(count, vec![]).await.unwrap().json().as_u64().unwrap_or(0);
            for (i, line) in lines.iter().enumerate() {
                let input = b.wait_for("#ontap-input", 10).await;
                input.click().await.unwrap();
                input.send_keys(*line).await.unwrap();
                click(b, "#ontap-run", 10).await;
                // Each run adds one exchange (two spans): wait for it.
                let want = before + 2 * (i as u64 + 1);
                let script = format!(
                    "return document.querySelectorAll('[data-ontap-output] > span').length >= {want} && document.querySelector('#ontap-input').value === '';"
                );
                wait_js(b, &format!("ONTAP to answer line {i}"), 10, &script).await;
            }
            let script = format!(
                "return [...document.querySelectorAll('[data-ontap-output] > span')].slice({before}).map(s => s.textContent).join('');"
            );
            let out = b.driver.execute(&script, vec![]).await.unwrap();
            out.json().as_str().unwrap_or_default().to_owned()
        }
    }
}

/// The IPv4 addresses in ONTAP's output.
#[must_use]
pub fn addresses_in(output: &str) -> Vec<String> {
    let mut found: Vec<String> = output
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '/'))
        .map(|w| w.split('/').next().unwrap_or_default())
        .filter(|w| w.parse::<std::net::Ipv4Addr>().is_ok())
        .map(str::to_owned)
        .collect();
    found.dedup();
    found
}

/// Pre-flight: the feature is Registered and every checklist item gets confirmed.
pub async fn preflight(b: &Browser, shots: &str) {
    follow(b, "/preflight").await;
    b.wait_for_text("main h1", "Pre-flight", 20).await;
    b.wait_for("[data-check='feature'][data-verdict='pass']", 30).await;
    let state = b.wait_for("[data-feature-state]", 10).await.text().await.unwrap();
    assert_eq!(state, "Registered", "the feature state is shown");
    let boxes = b.driver.find_all(By::Css("[data-item] input[type='checkbox']")).await.unwrap();
    assert!(boxes.len() >= 6, "the checklist has its items: {}", boxes.len());
    for checkbox in &boxes {
        if !checkbox.is_selected().await.unwrap() {
            checkbox.scroll_into_view().await.unwrap();
            checkbox.click().await.unwrap();
        }
    }
    b.wait_for(&format!("[data-confirmed-count='{}']", boxes.len()), 10).await;
    b.wait_for("[data-check='subnet'][data-verdict]", 20).await;
    b.screenshot(&format!("{shots}-preflight-checklist")).await;
    b.driver.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
    b.screenshot(&format!("{shots}-preflight")).await;
}

/// What the new-migration form gets.
pub struct NewMigration<'a> {
    /// The source volume on the simulated cluster.
    pub source_volume: &'a str,
    /// Its logical size in GiB, as `volume show -fields logical-used` says.
    pub source_gib: u64,
    /// The Azure NetApp Files volume's name.
    pub name: &'a str,
    /// The intercluster LIF addresses.
    pub addresses: &'a [String],
}

/// Fills the Source, Volume and Network tabs (not Review).
pub async fn fill_form(b: &Browser, m: &NewMigration<'_>) {
    b.wait_for_text("main h1", "New migration", 20).await;
    type_into(b, "#nm-clusterName", CLUSTER).await;
    type_into(b, "#nm-svmName", SVM).await;
    type_into(b, "#nm-sourceVolumeName", m.source_volume).await;
    type_into(b, "#nm-sourceSize", &m.source_gib.to_string()).await;
    // Daily: no scheduled transfer gets in the way of the actions at high speed.
    select_value(b, "#nm-replicationSchedule", "daily").await;
    click_button(b, "[role='tabpanel']", "Next: Volume", 10).await;
    type_into(b, "#nm-volumeName", m.name).await;
    // The quota follows the suggestion (20% over the source), the service level the pool's.
    wait_js(
        b,
        "the suggested quota and the pool's service level",
        20,
        "const q = document.querySelector('#nm-quota'); const s = document.querySelector('#nm-serviceLevel'); return q && q.value !== '' && s && s.value !== '';",
    )
    .await;
    let token = b.wait_for("#nm-creationToken", 5).await.prop("value").await.unwrap();
    assert_eq!(token.as_deref(), Some(m.name), "the file path follows the volume name");
    click_button(b, "[role='tabpanel']", "Next: Network and protocol", 10).await;
    // The only delegated subnet is chosen by itself.
    wait_js(
        b,
        "the delegated subnet",
        20,
        "const s = document.querySelector('#nm-subnet'); return s && s.value !== '';",
    )
    .await;
    type_into(b, "#nm-allowedClients", "10.20.0.0/24").await;
    type_into(b, "#nm-peerIpAddresses", &m.addresses.join("\n")).await;
}

/// The form from an empty page to a created migration volume.
pub async fn create(b: &Browser, m: &NewMigration<'_>, shots: &str) {
    follow(b, "/migrations/new").await;
    fill_form(b, m).await;
    review_and_create(b, m, shots).await;
}

/// From a filled form: Review + Create (the request checked), Create, until the volume is
/// created. Returns the request body the review showed.
pub async fn review_and_create(b: &Browser, m: &NewMigration<'_>, shots: &str) -> String {
    b.screenshot(&format!("{shots}-new-migration-network")).await;
    click(b, "[role='tab'][id='nm-tab-review']", 10).await;
    let line = wait_text(b, "pre[aria-label='Request']", "PUT ", 20).await;
    assert!(line.contains(&format!("/volumes/{}?api-version=", m.name)), "the request: {line}");
    let body = text_of(b, "pre[aria-label='Request body (JSON)']").await.unwrap_or_default();
    assert!(body.contains(m.source_volume) && body.contains(CLUSTER), "the body: {body}");
    b.screenshot(&format!("{shots}-review-create")).await;
    click(b, "button[data-create]:not([disabled])", 10).await;
    b.wait_for("[data-create-status]", 10).await;
    b.screenshot(&format!("{shots}-creating")).await;
    b.wait_for("[data-create-status] [data-created]", 90).await;
    wait_toast(b, &format!("Create migration volume {}: done", m.name), 10).await;
    b.screenshot(&format!("{shots}-created")).await;
    body
}

/// Comes back to the page before `/demo` (console runs leave the page).
pub async fn back_from_console(b: &Browser, where_: Ontap<'_>, expect_path: &str) {
    if matches!(where_, Ontap::Console) {
        b.driver.back().await.unwrap();
        let script = format!("return location.pathname === {};", js(expect_path));
        wait_js(b, &format!("back at {expect_path}"), 10, &script).await;
    }
}

/// The offer on the cluster step: (command, passphrase, countdown text).
pub async fn offer_shown(b: &Browser, secs: u64) -> (String, String, String) {
    let command =
        wait_text(b, "pre[aria-label='Cluster peering command']", "cluster peer create", secs)
            .await;
    let passphrase = text_of(b, "pre[aria-label='Passphrase']").await.unwrap_or_default();
    assert!(passphrase.trim().len() >= 8, "a passphrase is shown: {passphrase:?}");
    let countdown = wait_js(
        b,
        "the countdown",
        10,
        "const c = document.querySelector('[data-countdown]'); return c && /^\\d+:\\d\\d$/.test(c.textContent.trim()) ? c.textContent.trim() : null;",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned();
    (command.trim().to_owned(), passphrase.trim().to_owned(), countdown)
}

/// The cluster peering step up to the offer being shown; returns (command, passphrase).
pub async fn start_cluster_peering(
    b: &Browser,
    name: &str,
    addresses: &[String],
    shots: &str,
) -> (String, String) {
    b.wait_for("[data-peering-step='Addresses']", 30).await;
    type_into(b, "#pw-addresses", &addresses.join("\n")).await;
    b.screenshot(&format!("{shots}-peering-addresses")).await;
    click(b, "button[data-start-peering]", 10).await;
    let (command, passphrase, countdown) = offer_shown(b, 60).await;
    assert!(command.contains(&addresses[0]) || command.contains("-peer-addrs"), "{command}");
    let minutes: u64 = countdown.split(':').next().unwrap().parse().unwrap();
    assert!((50..=60).contains(&minutes), "about 60 minutes are left: {countdown}");
    b.screenshot(&format!("{shots}-peering-command")).await;
    let _ = name;
    (command, passphrase)
}

/// The ONTAP command as it is run: `<IP-SPACE-NAME>` replaced with Default, as the page says.
#[must_use]
pub fn runnable(command: &str) -> String {
    command.replace("<IP-SPACE-NAME>", "Default")
}

/// Peering from the created volume to the baseline transfer started.
pub async fn peer(b: &Browser, where_: Ontap<'_>, name: &str, addresses: &[String], shots: &str) {
    let (command, passphrase) = start_cluster_peering(b, name, addresses, shots).await;
    finish_peering(b, where_, name, &command, &passphrase, shots).await;
}

/// From the offer shown: the command and passphrase run on ONTAP, Continue to SVM Peering,
/// authorize, `vserver peer accept` on ONTAP, until the baseline transfer starts.
pub async fn finish_peering(
    b: &Browser,
    where_: Ontap<'_>,
    name: &str,
    command: &str,
    passphrase: &str,
    shots: &str,
) {
    let page = format!("/migrations/{name}/peering");
    // As on ONTAP: the passphrase at its prompt, then again to confirm; then the check the
    // page suggests.
    let out =
        ontap(b, where_, &[&runnable(command), passphrase, passphrase, "cluster peer show"]).await;
    assert!(!out.contains("Error"), "cluster peer create on ONTAP: {out}");
    assert!(out.contains("Available"), "cluster peer show lists the peer as Available: {out}");
    if matches!(where_, Ontap::Console) {
        b.screenshot(&format!("{shots}-ontap-console-peer")).await;
    }
    back_from_console(b, where_, &page).await;
    // Continue to SVM Peering (ANF may already have seen the peering and moved on).
    wait_js(
        b,
        "the cluster or SVM step",
        30,
        "return !!document.querySelector(\"[data-peering-step='ClusterPeering'],[data-peering-step='SvmPeering']\");",
    )
    .await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !exists(b, "[data-peering-step='SvmPeering']").await {
        assert!(Instant::now() < deadline, "no SVM peering step: {}", b.failure_text().await);
        if exists(b, "[data-peering-step='ClusterPeering']").await {
            try_click_button(b, "Continue to SVM Peering").await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Authorizing is refused until ANF sees the cluster peer as Available: wait for that.
    wait_js(
        b,
        "ANF to see the cluster peering",
        60,
        "return !document.querySelector(\"[data-notice='not-peered-yet']\");",
    )
    .await;
    click_button(b, "main", "Authorize SVM peering", 20).await;
    let svm =
        wait_text(b, "pre[aria-label='SVM peering command']", "vserver peer accept", 60).await;
    b.screenshot(&format!("{shots}-peering-svm")).await;
    let out = ontap(b, where_, &[svm.trim()]).await;
    assert!(!out.contains("Error"), "vserver peer accept on ONTAP: {out}");
    back_from_console(b, where_, &page).await;
    // ANF sees the SVM peering by itself; "I ran it" is there for when it does not yet.
    let deadline = Instant::now() + Duration::from_secs(90);
    while !exists(b, "[data-done]").await {
        assert!(
            Instant::now() < deadline,
            "the baseline did not start: {}",
            b.failure_text().await
        );
        if exists(b, "[data-peering-step='SvmPeering']").await {
            try_click_button(b, "I ran it: watch for the baseline transfer").await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.wait_for("[data-done]", 90).await;
    b.screenshot(&format!("{shots}-peering-done")).await;
}

/// Makes simulated time run fast: the demo's `#demo-speed` (120×), or armsim's speed.
pub async fn speed_up(b: &Browser, where_: Ontap<'_>) {
    match where_ {
        Ontap::Armsim(armsim) => {
            let r = armsim.control("/_sim/speed?factor=60", "").await;
            assert_eq!(r.status, 200, "speed: {}", r.text());
        }
        Ontap::Console => demo_speed(b, "120").await,
    }
}

/// Sets the demo's speed on the Demo page (`factor` is an option of `#demo-speed`) and comes
/// back.
pub async fn demo_speed(b: &Browser, factor: &str) {
    follow(b, "/demo").await;
    select_value(b, "#demo-speed", factor).await;
    b.driver.back().await.unwrap();
    wait_js(b, "back from the Demo page", 10, "return location.pathname !== '/demo';").await;
}

/// Waits until the details page shows `phase` (`Mirrored`, `PausedForDryRun`, ...).
pub async fn wait_phase(b: &Browser, phase: &str, secs: u64) {
    b.wait_for(&format!("section[aria-labelledby='status-h'] [data-phase='{phase}']"), secs).await;
}

/// Waits until action `key` can be started on the details page.
pub async fn wait_enabled(b: &Browser, key: &str, secs: u64) {
    b.wait_for(&format!("button[data-action='{key}'][aria-disabled='false']"), secs).await;
}

/// Sync now, Dry run, Resume, Cut over and Finalize on the migration's details page (where the
/// caller leaves the browser), each followed to its toast and the phase it leads to.
pub async fn actions(b: &Browser, where_: Ontap<'_>, name: &str, shots: &str) {
    mirrored_details(b, name, shots).await;
    sync_now(b, name).await;
    dry_run(b, name, shots).await;
    resume(b, name, shots).await;
    cut_over(b, where_, name, shots).await;
    finalize(b, name, shots).await;
}

/// On the migration's details page, until it is mirrored and Sync now can be started.
pub async fn mirrored_details(b: &Browser, name: &str, shots: &str) {
    let details = format!("/migrations/{name}");
    let on_details = format!("return location.pathname === {};", js(&details));
    wait_js(b, "the details page", 10, &on_details).await;
    wait_phase(b, "Mirrored", 120).await;
    wait_enabled(b, "sync", 60).await;
    b.screenshot(&format!("{shots}-details-mirrored")).await;
}

/// Sync now: the button is busy at once (no second click), then done.
pub async fn sync_now(b: &Browser, name: &str) {
    click(b, "button[data-action='sync']", 10).await;
    b.wait_for("button[data-action='sync'][aria-disabled='true']", 5).await;
    wait_toast(b, &format!("Sync now on {name}: done"), 90).await;
    b.wait_for("li[data-op='sync']", 10).await;
    wait_text(b, "li[data-op='sync']", "succeeded", 10).await;
}

/// Dry run: confirm; the volume becomes read-write.
pub async fn dry_run(b: &Browser, name: &str, shots: &str) {
    wait_enabled(b, "dry-run", 60).await;
    click(b, "button[data-action='dry-run']", 10).await;
    wait_text(b, "[role='alertdialog']", "read-write", 10).await;
    b.screenshot(&format!("{shots}-dry-run-confirm")).await;
    click_button(b, "[role='alertdialog']", "Dry run", 10).await;
    wait_toast(b, &format!("Dry run on {name}: done"), 90).await;
    wait_phase(b, "PausedForDryRun", 60).await;
    b.screenshot(&format!("{shots}-paused-for-dry-run")).await;
}

/// Resume: the dialog says what is erased.
pub async fn resume(b: &Browser, name: &str, shots: &str) {
    wait_enabled(b, "resume", 30).await;
    click(b, "button[data-action='resume']", 10).await;
    wait_text(b, "[role='alertdialog']", "will be erased", 10).await;
    b.screenshot(&format!("{shots}-resume-confirm")).await;
    click_button(b, "[role='alertdialog']", "Resume", 10).await;
    wait_toast(b, &format!("Resume on {name}: done"), 90).await;
    wait_phase(b, "Mirrored", 90).await;
    wait_enabled(b, "sync", 90).await;
}

/// Cut over: take the source offline (the command the dialog shows), sync, break.
pub async fn cut_over(b: &Browser, where_: Ontap<'_>, name: &str, shots: &str) {
    let details = format!("/migrations/{name}");
    let on_details = format!("return location.pathname === {};", js(&details));
    wait_enabled(b, "cut-over", 30).await;
    click(b, "button[data-action='cut-over']", 10).await;
    let offline = wait_text(
        b,
        "[data-cut-over] pre[aria-label='Take the source volume offline']",
        "volume offline",
        10,
    )
    .await;
    b.screenshot(&format!("{shots}-cut-over-offline")).await;
    if matches!(where_, Ontap::Console) {
        // Close the panel, run the command in the console, come back and open it again.
        click_button(b, "[data-cut-over]", "Not now", 10).await;
    }
    let out = ontap(b, where_, &[offline.trim()]).await;
    assert!(!out.contains("Error"), "volume offline on ONTAP: {out}");
    if matches!(where_, Ontap::Console) {
        b.driver.back().await.unwrap();
        wait_js(b, "back on the details page", 10, &on_details).await;
        wait_enabled(b, "cut-over", 30).await;
        click(b, "button[data-action='cut-over']", 10).await;
    }
    click(b, "[data-cut-over] button[data-step='offline-done']", 10).await;
    wait_text(b, "[data-cut-over]", "Transferring the last changes", 10).await;
    b.screenshot(&format!("{shots}-cut-over-running")).await;
    wait_text(b, "[data-cut-over]", "Cut over.", 120).await;
    b.screenshot(&format!("{shots}-cut-over-done")).await;
    click_button(b, "[data-cut-over]", "Close", 10).await;
    wait_phase(b, "CutOver", 60).await;
}

/// Finalize, with the reminder about the source's peering; the volume's name is typed to
/// confirm, as for Cancel.
pub async fn finalize(b: &Browser, name: &str, shots: &str) {
    wait_enabled(b, "finalize", 30).await;
    click(b, "button[data-action='finalize']", 10).await;
    wait_text(b, "[role='alertdialog']", "cluster peer show", 10).await;
    if exists(b, "[role='alertdialog'] #confirm-typing").await {
        type_into(b, "[role='alertdialog'] #confirm-typing", name).await;
    }
    click_button(b, "[role='alertdialog']", "Finalize migration", 10).await;
    wait_toast(b, &format!("Finalize migration on {name}: done"), 90).await;
    wait_phase(b, "Finalized", 60).await;
    wait_text(b, "#finalized-h", "Finalized", 10).await;
    b.screenshot(&format!("{shots}-finalized")).await;
}
