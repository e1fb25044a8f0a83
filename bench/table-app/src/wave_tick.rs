//! The wave page's tick (issue 14): 500 volumes of a started wave, 50 of them changed by a poll
//! tick, timed from the first cell set until the DOM is updated and laid out.
//!
//! What is mounted is the page's own derivation and parts: [`run_parts`] (each volume's live
//! row, its figures for the estimates, the watch table's entries, the wave's word on each) over
//! a wave planned and started with the core's own functions from a 500-line `volume show` (the
//! benchmarks' shared input), then `RunTotals` (volumes per phase, bytes, the wave's time left)
//! and `WatchTable` (paged, as on the page). The live rows are the page's `LiveRow`s, set as
//! the live data sets them after a poll; the raw replication statuses behind them are not
//! (this page has no ARM), so the figures take their bytes from the estimate rather than a
//! measured rate, which costs the same walk over the 500 volumes. The panels that show only
//! once per stage (peering, cut-over window, finalize) are left out: a poll tick doesn't move
//! them.
//!
//! Each timed tick is checked against the DOM: the page holds the table's first page in wave
//! order, each changed row on it shows the tick's progress text, and the totals count 500.

use crate::{median, publish, settle, sleep_ms, timed_tick};
use anf_core::ids::AccountId;
use anf_core::migration::{Phase, DEFAULT_PAGE_SIZE};
use anf_core::models::RemotePath;
use anf_core::settings::{DemoReason, Settings};
use anf_core::time::Timestamp;
use anf_core::wave::saved::SavedWave;
use anf_core::wave::{parse_volume_show, WavePlan};
use anf_migrate::app::provide_demo_services;
use anf_migrate::components::waves::run_data::{run_parts, RunParts};
use anf_migrate::components::waves::run_totals::RunTotals;
use anf_migrate::components::waves::watch_table::WatchTable;
use anf_migrate::state::live::{use_live_migrations, LiveRow};
use leptos::prelude::*;
use serde_json::json;
use std::time::Duration;

// The paste, the pool and the started wave are used here (the CSV serves other benchmarks).
#[allow(dead_code)]
#[path = "../../../crates/core/benches/inputs/wave.rs"]
mod inputs;

const VOLUMES: usize = 500;
const CHANGED: usize = 50;
const TIMED: usize = 20;
const WARM_UP: usize = 5;
const ACCOUNT: &str = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-bench/providers/Microsoft.NetApp/netAppAccounts/acct";
const SUBNET: &str = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/anf";

/// A wave of 500 started, created and peered, its baselines running: planned from the shared
/// `volume show` input and started with the core's functions, as the New wave page does.
fn started_wave() -> SavedWave {
    let mut plan = WavePlan::new("bench-500", "onprem-cl01");
    plan.defaults.pool = "premium-pool".into();
    plan.defaults.subnet_id = SUBNET.into();
    plan.defaults.export_clients = "10.1.0.0/16".into();
    plan.peer_addresses.insert("onprem-cl01".into(), "192.168.10.21 192.168.10.22".into());
    plan.add_ontap_output(&parse_volume_show(&inputs::volume_show(VOLUMES)));
    let account = AccountId::parse(ACCOUNT).expect("the account id");
    inputs::started_and_peered(
        plan,
        &inputs::one_pool("premium-pool", 0),
        &account,
        Timestamp::from_secs(1_000_000),
    )
}

/// The live row of a run volume, as the live data makes it once the pool's list shows it.
fn live_row(id: &str, name: &str, source: &RemotePath, i: usize) -> LiveRow {
    let transferring = !i.is_multiple_of(3);
    LiveRow {
        id: id.to_owned(),
        name: RwSignal::new(name.to_owned()),
        source: RwSignal::new(Some(source.clone())),
        phase: RwSignal::new(if transferring {
            Phase::Baseline
        } else {
            Phase::Mirrored { transferring: false }
        }),
        mirror: RwSignal::new(if transferring { "Uninitialized" } else { "Mirrored" }.into()),
        relationship: RwSignal::new(if transferring { "Transferring" } else { "Idle" }.into()),
        healthy: RwSignal::new(Some(true)),
        progress: RwSignal::new(transferring.then_some(0.0)),
        progress_text: RwSignal::new(String::new()),
        lag: RwSignal::new(None),
        lag_text: RwSignal::new(String::new()),
        error: RwSignal::new(None),
    }
}

fn progress_text(tick: usize, i: usize) -> String {
    format!("tick {tick}: {}% of the baseline", (tick * 7 + i) % 100)
}

/// The rows tick `tick` changes: every tenth, starting at a different one each tick.
fn changed(tick: usize) -> impl Iterator<Item = usize> {
    let stride = VOLUMES / CHANGED;
    (0..CHANGED).map(move |m| (m * stride + tick % stride) % VOLUMES)
}

/// A poll tick as the live data applies it: the changed cells set, for 5 of the 50 the phase
/// too (a baseline ending or a scheduled transfer starting).
fn apply(rows: &[LiveRow], tick: usize) {
    for (m, i) in changed(tick).enumerate() {
        let r = &rows[i];
        #[allow(clippy::cast_precision_loss)]
        let p = ((tick * 7 + i) % 100) as f64 / 100.0;
        r.progress.set(Some(p));
        r.progress_text.set(progress_text(tick, i));
        r.lag.set(Some(Duration::from_secs(tick as u64)));
        if m < 5 {
            let next = match r.phase.get_untracked() {
                Phase::Baseline => Phase::Mirrored { transferring: false },
                Phase::Mirrored { transferring } => Phase::Mirrored { transferring: !transferring },
                other => other,
            };
            r.phase.set(next);
        }
    }
}

/// Does the DOM show tick `tick`? The table's first page holds the first volumes in wave
/// order, every changed row on it shows the tick's text, and the totals count every volume.
/// Returns how many changed rows the page showed, or `None` when the DOM is stale or wrong.
fn dom_shows(names: &[String], tick: usize) -> Option<usize> {
    let list = document().query_selector_all("tbody tr[data-volume]").ok()?;
    let mounted: Vec<String> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .filter_map(|e| e.get_attribute("data-volume"))
        .collect();
    if mounted != names[..DEFAULT_PAGE_SIZE.min(names.len())] {
        return None;
    }
    let total = document()
        .query_selector("[data-total-volumes]")
        .ok()
        .flatten()
        .and_then(|e| e.text_content())?;
    if total.trim() != VOLUMES.to_string() {
        return None;
    }
    let on_page: Vec<usize> = changed(tick).filter(|&i| i < DEFAULT_PAGE_SIZE).collect();
    let shown = on_page.iter().all(|&i| {
        let css = format!("tr[data-volume='{}']", names[i]);
        document()
            .query_selector(&css)
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t.contains(&progress_text(tick, i)))
    });
    (shown && !on_page.is_empty()).then_some(on_page.len())
}

async fn run(rows: Vec<LiveRow>, names: Vec<String>) {
    settle().await;
    sleep_ms(500).await;
    let mut tick = 0;
    for _ in 0..WARM_UP {
        tick += 1;
        apply(&rows, tick);
        settle().await;
    }
    let (mut times, mut script, mut changed_on_page) = (Vec::new(), Vec::new(), Vec::new());
    let mut stale = 0;
    for _ in 0..TIMED {
        tick += 1;
        let (s, t) = timed_tick(|| apply(&rows, tick)).await;
        script.push(s);
        times.push(t);
        match dom_shows(&names, tick) {
            Some(n) => changed_on_page.push(n),
            None => stale += 1,
        }
    }
    let mounted = document().query_selector_all("tbody tr[data-volume]").map_or(0, |l| l.length());
    let result = json!({
        "volumes": VOLUMES,
        "rows_mounted": mounted,
        "changed_per_tick": CHANGED,
        "changed_on_page_per_tick": changed_on_page,
        "tick_ms": times,
        "median_ms": median(times.clone()),
        "script_ms": script,
        "script_median_ms": median(script.clone()),
        "stale_dom_ticks": stale,
    });
    publish(&result);
}

/// The wave page's totals and watch table over a started wave of 500.
#[component]
pub fn WaveBench() -> impl IntoView {
    let settings = Settings::demo(DemoReason::Requested);
    provide_context(settings.clone());
    provide_demo_services(&settings);
    let saved = started_wave();
    let volumes = saved.run.as_ref().map(|r| r.volumes.clone()).unwrap_or_default();
    let names: Vec<String> = volumes.iter().map(|v| v.name.clone()).collect();
    // No target: the live data never polls; the ticks below are the only changes.
    let live = use_live_migrations(Signal::derive(|| None));
    let rows: Vec<LiveRow> =
        volumes.iter().enumerate().map(|(i, v)| live_row(&v.id, &v.name, v.source(), i)).collect();
    live.rows.set(rows.clone());
    let wave = Memo::new(move |_| Some(saved.clone()));
    let RunParts { data, entries, statuses } =
        run_parts(StoredValue::new("bench-500".to_owned()), wave, live);
    leptos::task::spawn_local(run(rows, names));
    view! {
        <RunTotals data />
        <WatchTable entries=Signal::derive(move || entries.get()) statuses figures=data.figures link=data.link />
    }
}
