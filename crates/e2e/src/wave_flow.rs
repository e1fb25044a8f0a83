//! The steps of a migration wave as an admin takes them in the browser, shared by the demo and
//! armsim wave journeys: plan from a pasted `volume show`, start, run the peering commands on
//! the source, the cut-over window and finalize.
//!
//! As in [`crate::migration_flow`], every wait is on something the page shows.

use crate::armsim_app::AzureApp;
use crate::migration_flow::{self as flow, wait_js, Ontap};
use crate::Browser;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The command whose output the plan page takes, narrowed as an admin narrows it.
#[must_use]
pub fn volume_show(query: &str) -> String {
    format!(
        "volume show {query} -fields vserver,volume,size,logical-used,type,volume-style-extended"
    )
}

/// JS string literal of `s`.
fn js(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// The wave's stage as the stage bar says it (`Creating`, `Peering`, ... `Done`).
pub async fn stage(b: &Browser) -> String {
    let script = "const e = document.querySelector('[data-run-view] ol[data-stage]'); return e ? e.getAttribute('data-stage') : '';";
    b.driver
        .execute(script, vec![])
        .await
        .ok()
        .and_then(|r| r.json().as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Waits until the wave's stage is one of `stages`; returns it.
pub async fn wait_stage(b: &Browser, stages: &[&str], secs: u64) -> String {
    let list = serde_json::to_string(stages).unwrap();
    let script = format!(
        "const e = document.querySelector('[data-run-view] ol[data-stage]'); const s = e && e.getAttribute('data-stage'); return s && {list}.includes(s) ? s : null;"
    );
    wait_js(b, &format!("the wave at stage {stages:?}"), secs, &script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Each watched volume's wave status (the table's "Wave" column), by volume name: every
/// volume (the table pages at 25; a wave over that is shown 100 a page).
pub async fn statuses(b: &Browser) -> BTreeMap<String, String> {
    let pager = "section[aria-labelledby='wave-watch-title'] select[data-page-size]";
    if flow::exists(b, pager).await {
        let script = format!(
            "const s = document.querySelector({}); if (s.value !== '100') {{ s.value = '100'; s.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }} return false;",
            js(pager)
        );
        let changed = b.driver.execute(&script, vec![]).await.ok().and_then(|r| r.json().as_bool());
        if changed == Some(true) {
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }
    let script = "return [...document.querySelectorAll('[data-watch-table] tr[data-volume]')].map(r => [r.getAttribute('data-volume'), (r.querySelector('[data-wave-step]') || {}).textContent || '']);";
    let next = "section[aria-labelledby='wave-watch-title'] button[data-page='next']";
    let mut all = BTreeMap::new();
    // Page by page (100 a page): a wave of more than 100 volumes is read whole.
    for _ in 0..100 {
        let v =
            b.driver.execute(script, vec![]).await.map(|r| r.json().clone()).unwrap_or_default();
        let before = all.len();
        all.extend(v.as_array().into_iter().flatten().filter_map(|pair| {
            Some((pair.get(0)?.as_str()?.to_owned(), pair.get(1)?.as_str()?.trim().to_owned()))
        }));
        let more = format!(
            "const n = document.querySelector({}); if (n && n.getAttribute('aria-disabled') !== 'true') {{ n.click(); return true; }} return false;",
            js(next)
        );
        let moved = b.driver.execute(&more, vec![]).await.ok().and_then(|r| r.json().as_bool());
        if moved != Some(true) || all.len() == before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    all
}

/// The plan page from the Migrations page: the pasted output added, the wave named, the
/// allowed clients and the source's LIFs given, daily transfers (no scheduled transfer in the
/// way at high speed). Returns the import's summary line.
pub async fn plan_from_paste(
    b: &Browser,
    wave: &str,
    pasted: &str,
    cluster: &str,
    lifs: &[String],
) -> String {
    flow::follow(b, "/migrations").await;
    flow::follow(b, "/waves/new").await;
    b.wait_for_text("main h1", "New wave", 20).await;
    flow::click(b, "#wave-add-paste", 10).await;
    // A paste, as a person does it: the whole text at once (typing it key by key would take
    // the better part of a minute and tests nothing the paste doesn't).
    paste_into(b, "#wave-paste", pasted).await;
    flow::click(b, "button[data-add-paste]:not([disabled])", 10).await;
    let summary = flow::wait_text(b, "[data-import-outcome] p", "Added", 10).await;
    // A paste from the demo's console names the cluster in its prompt; otherwise it is typed.
    let given = b.wait_for("#wave-cluster", 5).await.prop("value").await.unwrap_or_default();
    if given.unwrap_or_default().trim().is_empty() {
        flow::type_into(b, "#wave-cluster", cluster).await;
    }
    flow::type_into(b, "#wave-name", wave).await;
    flow::type_into(b, "#wave-clients", "10.20.0.0/24").await;
    flow::select_value(b, "#wave-schedule", "daily").await;
    flow::type_into(b, &format!("#wave-lifs-{}", cluster.to_ascii_lowercase()), &lifs.join(", "))
        .await;
    summary
}

/// What [`plan_in_armsim`] read and did.
pub struct ArmsimPlan {
    /// The source's intercluster addresses, as `network interface show` listed them.
    pub lifs: Vec<String>,
    /// The `volume show` output pasted.
    pub shown: String,
    /// The import's summary line.
    pub summary: String,
}

/// Azure mode against armsim: signed in, the scope chosen, the source's LIFs and its volumes
/// (`volume show {query}`) read from armsim's ONTAP console, and the wave planned from that
/// paste.
pub async fn plan_in_armsim(app: &AzureApp, wave: &str, query: &str) -> ArmsimPlan {
    app.sign_in_and_choose_scope().await;
    let lifs = flow::addresses_in(
        &app.ontap("network interface show -service-policy default-intercluster").await,
    );
    let shown = app.ontap(&volume_show(query)).await;
    let summary = plan_from_paste(&app.browser, wave, &shown, flow::CLUSTER, &lifs).await;
    ArmsimPlan { lifs, shown, summary }
}

/// Puts `text` into the text area `css` through the clipboard's way in: the value set and an
/// `input` event fired, as a paste does.
pub async fn paste_into(b: &Browser, css: &str, text: &str) {
    b.wait_for(css, 20).await;
    let script = format!(
        "const e = document.querySelector({}); e.focus(); e.value = {}; e.dispatchEvent(new InputEvent('input', {{bubbles: true, inputType: 'insertFromPaste'}})); return true;",
        js(css),
        js(text)
    );
    b.driver.execute(&script, vec![]).await.expect("paste");
}

/// Drops the flagged rows (with the confirmation), then waits until every row is ready.
pub async fn drop_bad_rows(b: &Browser) {
    flow::click(b, "button[data-drop-bad]:not([disabled])", 10).await;
    flow::click_button(b, "[role='alertdialog']", "Drop them", 10).await;
}

/// Start, confirmed; lands on the wave's page.
pub async fn start(b: &Browser, wave: &str) {
    flow::wait_text(b, "[data-why-not]", "Every row is ready.", 60).await;
    flow::click(b, "button[data-start-wave]:not([disabled])", 10).await;
    flow::wait_text(b, "[role='alertdialog']", "will be created", 10).await;
    flow::click_button(b, "[role='alertdialog']", "Start", 10).await;
    let script = format!("return location.pathname === {};", js(&format!("/waves/{wave}")));
    wait_js(b, "the wave's page", 20, &script).await;
    b.wait_for("[data-run-view]", 20).await;
}

/// The cluster peering commands shown (command, passphrase) per storage system.
pub async fn peer_commands(b: &Browser) -> Vec<(String, String)> {
    let script = "return [...document.querySelectorAll('[data-peer-command]')].map(g => [...g.querySelectorAll('pre')].map(p => p.textContent.trim()));";
    let v = b.driver.execute(script, vec![]).await.map(|r| r.json().clone()).unwrap_or_default();
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| {
            let g = g.as_array()?;
            Some((
                g.first()?.as_str()?.to_owned(),
                g.get(1).and_then(|p| p.as_str()).unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

/// Peering the wave: waits for every volume's cluster peering answer, runs each distinct
/// `cluster peer create` on the source (the passphrase at its prompts), says so on the page,
/// runs the `vserver peer accept` block, and waits for the baselines to start. Returns how
/// many distinct peering commands the page showed.
pub async fn peer(b: &Browser, where_: Ontap<'_>, wave: &str, secs: u64) -> usize {
    let page = format!("/waves/{wave}");
    wait_stage(b, &["ClusterPeering"], secs).await;
    b.wait_for("[data-peer-command] pre", 10).await;
    let commands = peer_commands(b).await;
    assert!(!commands.is_empty(), "a cluster peering command is shown");
    for (command, passphrase) in &commands {
        assert!(command.contains("cluster peer create"), "{command}");
        assert!(!command.contains("<IP-SPACE-NAME>"), "the IPspace is filled in: {command}");
        let out =
            flow::ontap(b, where_, &[command.as_str(), passphrase.as_str(), passphrase.as_str()])
                .await;
        assert!(!out.contains("Error"), "cluster peer create on ONTAP: {out}");
        flow::back_from_console(b, where_, &page).await;
    }
    let out = flow::ontap(b, where_, &["cluster peer show"]).await;
    assert!(out.contains("Available"), "the peer is Available: {out}");
    flow::back_from_console(b, where_, &page).await;
    flow::click(b, "button[data-ran-cluster-peering]:not([disabled])", 20).await;
    wait_stage(b, &["SvmPeering", "Replicating"], secs).await;
    let block =
        flow::wait_text(b, "pre[aria-label='SVM peering commands']", "vserver peer accept", secs)
            .await;
    let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let out = flow::ontap(b, where_, &lines).await;
    assert!(!out.contains("Error"), "vserver peer accept on ONTAP: {out}");
    flow::back_from_console(b, where_, &page).await;
    wait_stage(b, &["Replicating"], secs).await;
    commands.len()
}

/// How many volumes the window offers to cut over, once `n` are mirrored.
pub async fn wait_mirrored(b: &Browser, n: usize, secs: u64) {
    flow::wait_text(
        b,
        "[data-cut-over-window]",
        &format!("{n} volumes are mirrored and ready to cut over; 0 are not"),
        secs,
    )
    .await;
}

/// The window: the offline block run on the source, the window started and confirmed.
pub async fn start_window(b: &Browser, where_: Ontap<'_>, wave: &str, n: usize) {
    let page = format!("/waves/{wave}");
    let block = flow::wait_text(
        b,
        "pre[aria-label='Commands to take the source volumes offline']",
        "volume offline",
        10,
    )
    .await;
    let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), n, "one offline command a volume: {block}");
    let out = flow::ontap(b, where_, &lines).await;
    assert!(!out.contains("Error"), "volume offline on ONTAP: {out}");
    flow::back_from_console(b, where_, &page).await;
    flow::click(b, "button[data-start-window]", 10).await;
    flow::wait_text(b, "[role='alertdialog']", "final sync", 10).await;
    flow::click_button(b, "[role='alertdialog']", "Cut over", 10).await;
    b.wait_for("[data-window-counts]", 20).await;
}

/// Finalize, with the wave's name typed to confirm; waits until the wave is done.
pub async fn finalize(b: &Browser, wave: &str, secs: u64) {
    wait_stage(b, &["CutOverDone"], secs).await;
    flow::click(b, "button[data-finalize-wave]", 10).await;
    flow::type_into(b, "#confirm-typing", wave).await;
    flow::click_button(b, "[role='alertdialog']", "Finalize", 10).await;
    wait_stage(b, &["Done"], secs).await;
}

/// Waits up to `secs` for `ok` over the statuses of the volumes; returns them.
pub async fn wait_statuses(
    b: &Browser,
    what: &str,
    secs: u64,
    ok: impl Fn(&BTreeMap<String, String>) -> bool,
) -> BTreeMap<String, String> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let s = statuses(b).await;
        if ok(&s) {
            return s;
        }
        assert!(Instant::now() < deadline, "waited {secs}s for {what}; statuses: {s:#?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A count of calls per (method, volume, action) in a request log of `(method, path)`: the
/// volume's name and what follows it (`""` for the volume itself, `peerExternalCluster`...).
#[must_use]
pub fn calls_per_volume<'a>(
    log: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> BTreeMap<(String, String, String), usize> {
    let mut out = BTreeMap::new();
    for (method, path) in log {
        let Some(i) = path.to_ascii_lowercase().find("/volumes/") else { continue };
        let rest = &path[i + "/volumes/".len()..];
        let mut parts = rest.splitn(2, '/');
        let volume = parts.next().unwrap_or_default().to_owned();
        let action = parts.next().unwrap_or_default().to_owned();
        *out.entry((method.to_owned(), volume, action)).or_insert(0) += 1;
    }
    out
}
