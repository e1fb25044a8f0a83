//! Table-update and memory benchmarks for `scripts/bench`.
//!
//! Mounts the app's real `MigrationsTable` (with the contexts the app gives it in demo mode) over
//! 1,000 live rows, then applies poll ticks the way `live.rs` does after new data arrives: only
//! the cells whose value changed are set. Each tick changes 100 rows (progress, its text, lag,
//! and for 10 of them the phase, as a transfer starting or ending), spread over the pool as a
//! busy pool's transfers are: every tenth row, a different tenth each tick, so every tick
//! changes rows on the page the table shows (the table pages: it shows its first page, the
//! first 25 rows by name, as the app does until the user pages). A tick is timed with
//! `performance.now()` from before the first cell is set until the DOM is updated and laid out
//! (the reactive tasks have run and a layout read is forced); every timed tick is checked
//! against the DOM: the page holds exactly the first page's rows, each changed row on it shows
//! the tick's values, and the table counts all 1,000. The JS heap
//! (after `gc()`) is then read after 100 and after 1,000 ticks. The figures go to
//! `window.__benchResult` as JSON for the driver to read, with the time split into script
//! (until the reactive tasks are done) and layout, and a diagnosis of the re-sort.
//!
//! Address parameters: `phase_changes=N` (rows per tick whose phase changes; 10 by default),
//! `page_block=1` (the 100 changed rows are rows 1-100 every tick, so every row on the page
//! changes: the worst case for a page), `fixed_layout=1` (adds `table-layout: fixed`, to see
//! what layout costs), `memory=0` (skips the 1,000 ticks of the heap reading), `wave=1` (the
//! wave page's tick instead: `wave_tick.rs`).

use anf_core::migration::Phase;
use anf_core::models::RemotePath;
use anf_core::settings::{DemoReason, Settings};
use anf_migrate::app::provide_demo_services;
use anf_migrate::state::live::{use_live_migrations, LiveRow};
use anf_migrate::components::migrations::migrations_table::MigrationsTable;
use leptos::prelude::*;
use serde_json::json;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

mod wave_tick;

const ROWS: usize = 1_000;
const CHANGED: usize = 100;
/// Rows per tick whose phase changes too; `?phase_changes=N` in the address overrides it (the
/// driver also measures ticks with none, to tell the per-cell cost from the re-sort's).
const PHASE_CHANGES: usize = 10;
const TIMED: usize = 20;
const WARM_UP: usize = 5;

const POOL: &str = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-bench/providers/Microsoft.NetApp/netAppAccounts/acct/capacityPools/pool";

fn name(i: usize) -> String {
    format!("mig-{i:04}")
}

/// A starting phase per row, mixed as a busy pool would be.
fn phase_of(i: usize) -> Phase {
    match i % 5 {
        0 => Phase::Baseline,
        1 | 2 => Phase::Mirrored { transferring: i % 5 == 2 },
        3 => Phase::PausedForDryRun,
        _ => Phase::CutOver,
    }
}

fn row(i: usize) -> LiveRow {
    let phase = phase_of(i);
    let transferring = matches!(phase, Phase::Baseline | Phase::Mirrored { transferring: true });
    LiveRow {
        id: format!("{POOL}/volumes/{}", name(i)),
        name: RwSignal::new(name(i)),
        source: RwSignal::new(Some(RemotePath {
            external_host_name: "onprem-cl01".into(),
            server_name: "svm1".into(),
            volume_name: format!("vol_{i:04}"),
        })),
        phase: RwSignal::new(phase),
        mirror: RwSignal::new("Mirrored".into()),
        relationship: RwSignal::new(if transferring { "Transferring" } else { "Idle" }.into()),
        healthy: RwSignal::new(Some(true)),
        progress: RwSignal::new(transferring.then_some(0.1)),
        progress_text: RwSignal::new(String::new()),
        lag: RwSignal::new(Some(Duration::from_secs(60))),
        lag_text: RwSignal::new("1 min".into()),
        error: RwSignal::new(None),
    }
}

fn set_if<T: PartialEq + Send + Sync + 'static>(sig: RwSignal<T>, value: T) {
    if sig.with_untracked(|v| *v != value) {
        sig.set(value);
    }
}

fn lag_text(tick: usize) -> String {
    format!("{tick} s")
}

/// Rows on the page the table shows: the first page by name, rows 0-24 here.
const PAGE: usize = anf_core::migration::DEFAULT_PAGE_SIZE;

/// The rows tick `tick` changes: every tenth row, starting at a different one each tick (2 or 3
/// of them on the page, each also changing phase), or with `page_block` rows 0-99 (every row
/// on the page).
fn changed(tick: usize, page_block: bool) -> impl Iterator<Item = usize> {
    let stride = ROWS / CHANGED;
    (0..CHANGED).map(move |m| if page_block { m } else { (m * stride + tick % stride) % ROWS })
}

/// A whole-number parameter of the page's address (`?name=N`).
fn param(name: &str) -> Option<usize> {
    let search = window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        .and_then(|n| n.parse().ok())
}

/// Applies poll tick `tick` as `live.rs` applies new data: a set per changed cell.
fn apply(rows: &[LiveRow], tick: usize, phase_changes: usize, page_block: bool) {
    for (m, i) in changed(tick, page_block).enumerate() {
        let r = &rows[i];
        #[allow(clippy::cast_precision_loss)]
        let p = ((tick * 7 + i) % 100) as f64 / 100.0;
        set_if(r.progress, Some(p));
        set_if(r.progress_text, format!("{} GiB of about 100 GiB", (p * 100.0).round()));
        set_if(r.lag, Some(Duration::from_secs(tick as u64)));
        set_if(r.lag_text, lag_text(tick));
        if m < phase_changes {
            // A transfer starts or ends: the phase (and the row's pill, bar and counts) change.
            let next = match r.phase.get_untracked() {
                Phase::Mirrored { transferring } => Phase::Mirrored { transferring: !transferring },
                _ => Phase::Mirrored { transferring: true },
            };
            let relationship = if next.is_transferring() { "Transferring" } else { "Idle" };
            set_if(r.phase, next);
            set_if(r.relationship, relationship.into());
        }
    }
}

/// One timed tick, a moment after the last: `(script, total)` in ms from before `apply` until
/// the reactive tasks have run, and until a forced layout read after them.
async fn timed_tick(apply: impl FnOnce()) -> (f64, f64) {
    let perf = window().performance().expect("performance");
    sleep_ms(20).await;
    let t0 = perf.now();
    apply();
    settle().await;
    let script = perf.now() - t0;
    let _ = body().offset_height();
    (script, perf.now() - t0)
}

/// Lets every reactive task the sets woke run (effects, memos, the keyed list).
async fn settle() {
    for _ in 0..4 {
        leptos::task::tick().await;
    }
}

fn body() -> web_sys::HtmlElement {
    document().body().expect("body")
}

/// The volume names of the rows in the DOM, in order.
fn mounted_names() -> Vec<String> {
    let list = document().query_selector_all("tbody tr").expect("rows");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .filter_map(|e| e.get_attribute("data-volume"))
        .collect()
}

/// Does the DOM show tick `tick`? The page holds exactly the first `PAGE` rows by name, and
/// every changed row on it shows the tick's lag (changed rows off the page aren't in the DOM;
/// the page's rows are checked each tick, so they can't be stale). Returns how many changed
/// rows the page showed, or `None` when the DOM is stale or wrong.
fn dom_shows(tick: usize, page_block: bool) -> Option<usize> {
    let want = lag_text(tick);
    let expected: Vec<String> = (0..PAGE).map(name).collect();
    if mounted_names() != expected {
        return None;
    }
    let on_page: Vec<usize> = changed(tick, page_block).filter(|&i| i < PAGE).collect();
    let all_shown = on_page.iter().all(|&i| {
        let css = format!("tr[data-volume='{}'] [data-cell='lag']", name(i));
        document()
            .query_selector(&css)
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .is_some_and(|t| t == want)
    });
    (all_shown && !on_page.is_empty()).then_some(on_page.len())
}

/// How many rows the table says it holds (its "N of M migrations shown" line).
fn rows_in_table() -> usize {
    document()
        .query_selector("#migrations-filter-hint")
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .and_then(|t| t.split(" of ").nth(1)?.split(' ').next()?.parse().ok())
        .unwrap_or(0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn get(target: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The JS heap in use after a full collection (Chromium with `--js-flags=--expose-gc`);
/// `None` without `gc()` or `performance.memory`.
async fn heap_after_gc() -> Option<f64> {
    let gc = get(&window(), "gc").dyn_into::<js_sys::Function>().ok()?;
    for _ in 0..3 {
        gc.call0(&JsValue::NULL).ok()?;
        sleep_ms(50).await;
    }
    let perf: JsValue = window().performance()?.into();
    get(&get(&perf, "memory"), "usedJSHeapSize").as_f64()
}

/// The wasm module's linear memory, in bytes (Rust allocations live here, not in the JS heap).
fn wasm_memory() -> f64 {
    let memory = wasm_bindgen::memory();
    get(&get(&memory, "buffer"), "byteLength").as_f64().unwrap_or(0.0)
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Where a re-sort's time goes, measured in this page with the core's own functions over the
/// same 1,000 rows: `sort_rows` by name, and finding each sorted summary's row by id with a
/// linear search, as the table's `visible` memo does. Medians of 5, in ms.
fn diagnose(rows: &[LiveRow]) -> serde_json::Value {
    use anf_core::migration::{sort_rows, RowSummary, SortDir, SortKey};
    let perf = window().performance().expect("performance");
    let summaries = || -> Vec<RowSummary> {
        rows.iter()
            .map(|r| RowSummary {
                key: r.id.clone(),
                name: r.name.get_untracked(),
                source: String::new(),
                phase: r.phase.get_untracked(),
                progress: None,
                lag: None,
                error: None,
            })
            .collect()
    };
    let (mut build, mut sort, mut lookup, mut mapped) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let t0 = perf.now();
        let mut s = summaries();
        let t1 = perf.now();
        sort_rows(&mut s, SortKey::Name, SortDir::Ascending);
        let t2 = perf.now();
        let found: usize =
            s.iter().filter_map(|x| rows.iter().find(|r| r.id == x.key)).map(|r| r.id.len()).sum();
        let t3 = perf.now();
        let by_id: std::collections::HashMap<&str, &LiveRow> =
            rows.iter().map(|r| (r.id.as_str(), r)).collect();
        let found_too: usize =
            s.iter().filter_map(|x| by_id.get(x.key.as_str())).map(|r| r.id.len()).sum();
        mapped.push(perf.now() - t3);
        assert!(found > 0 && found == found_too);
        build.push(t1 - t0);
        sort.push(t2 - t1);
        lookup.push(t3 - t2);
    }
    json!({ "summaries_ms": median(build), "sort_by_name_ms": median(sort), "lookup_by_id_ms": median(lookup),
           "lookup_by_map_ms": median(mapped) })
}

async fn run(rows: Vec<LiveRow>) {
    // Let the first render finish and the page settle.
    settle().await;
    sleep_ms(500).await;
    let mounted = document().query_selector_all("tbody tr").map(|l| l.length()).unwrap_or(0);
    let in_table = rows_in_table();
    let diagnosis = diagnose(&rows);
    let phases = param("phase_changes").unwrap_or(PHASE_CHANGES);
    let page_block = param("page_block") == Some(1);
    if param("fixed_layout") == Some(1) {
        // What `table-layout: fixed` on the table would save: column widths no longer depend
        // on every cell's text. It applies only to a table with a set width, hence the 100%.
        // Set through the CSSOM: the content security policy the page is served with blocks
        // a <style> element (which is how this variant used to be applied, to no effect).
        let table: web_sys::HtmlElement =
            document().query_selector("table").ok().flatten().expect("table").unchecked_into();
        let _ = table.style().set_property("table-layout", "fixed");
        let _ = table.style().set_property("width", "100%");
        settle().await;
    }
    let mut tick = 0;
    for _ in 0..WARM_UP {
        tick += 1;
        apply(&rows, tick, phases, page_block);
        settle().await;
    }
    let mut times = Vec::new();
    let mut script = Vec::new();
    let mut stale = 0;
    let mut changed_on_page = Vec::new();
    for _ in 0..TIMED {
        tick += 1;
        let (s, t) = timed_tick(|| apply(&rows, tick, phases, page_block)).await;
        script.push(s);
        times.push(t);
        match dom_shows(tick, page_block) {
            Some(n) => changed_on_page.push(n),
            None => stale += 1,
        }
    }
    // Memory: 1,000 more ticks, the heap read after the 100th and the 1,000th.
    let mut heap_100 = None;
    let mut wasm_100 = 0.0;
    let memory_ticks = if param("memory") == Some(0) { 0 } else { 1_000 };
    for n in 1..=memory_ticks {
        tick += 1;
        apply(&rows, tick, phases, page_block);
        settle().await;
        if n % 50 == 0 {
            // Let timers and the browser breathe, as between real polls.
            sleep_ms(0).await;
        }
        if n == 100 {
            heap_100 = heap_after_gc().await;
            wasm_100 = wasm_memory();
        }
    }
    let heap_1000 = heap_after_gc().await;
    let wasm_1000 = wasm_memory();
    let result = json!({
        "rows": in_table,
        "rows_mounted": mounted,
        "changed_per_tick": CHANGED,
        "changed_on_page_per_tick": changed_on_page,
        "page_block": page_block,
        "phase_changes_per_tick": phases,
        "tick_ms": times,
        "median_ms": median(times.clone()),
        "script_ms": script,
        "script_median_ms": median(script.clone()),
        "stale_dom_ticks": stale,
        "diagnosis": diagnosis,
        "heap_after_100": heap_100,
        "heap_after_1000": heap_1000,
        "wasm_memory_after_100": wasm_100,
        "wasm_memory_after_1000": wasm_1000,
    });
    publish(&result);
}

/// Hands the figures to the driver (`bench/browser.mjs` reads `window.__benchResult`).
fn publish(result: &serde_json::Value) {
    let _ = js_sys::Reflect::set(
        &window(),
        &JsValue::from_str("__benchResult"),
        &JsValue::from_str(&result.to_string()),
    );
}

/// The table with the contexts the app gives it in demo mode, and 1,000 rows.
#[component]
fn Bench() -> impl IntoView {
    let settings = Settings::demo(DemoReason::Requested);
    provide_context(settings.clone());
    provide_demo_services(&settings);
    // No target: the live data never polls, so only the ticks below change the rows.
    let live = use_live_migrations(Signal::derive(|| None));
    let rows: Vec<LiveRow> = (0..ROWS).map(row).collect();
    live.rows.set(rows.clone());
    leptos::task::spawn_local(run(rows));
    view! { <MigrationsTable /> }
}

fn main() {
    console_error_panic_hook();
    // `?wave=1`: the wave page's tick (wave_tick.rs) instead of the Migrations table's.
    if param("wave") == Some(1) {
        leptos::mount::mount_to_body(wave_tick::WaveBench);
    } else {
        leptos::mount::mount_to_body(Bench);
    }
}

fn console_error_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let _ = js_sys::Reflect::set(
            &window(),
            &JsValue::from_str("__benchError"),
            &JsValue::from_str(&info.to_string()),
        );
    }));
}
