//! A started wave's page in figures (issue 14): the totals and the watch table over the page's
//! own derivation (`run_parts`) of a started wave and its live rows. Volumes per phase, the
//! table paged, the filter, "only volumes needing attention", time left "Done" once a baseline
//! is behind a volume, and a poll tick reaching only the row it changed.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::ids::AccountId;
use anf_core::migration::Phase;
use anf_core::settings::{DemoReason, Settings};
use anf_core::wave::saved::SavedWave;
use anf_core::wave::{parse_volume_show, CallError, WaveCall, WavePlan};
use anf_migrate::app::provide_demo_services;
use anf_migrate::components::waves::run_data::{run_parts, RunParts};
use anf_migrate::components::waves::run_totals::RunTotals;
use anf_migrate::components::waves::watch_table::WatchTable;
use anf_migrate::state::live::{use_live_migrations, LiveRow};
use common::dom::{container, query, query_all, text, until};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

// The pool and the way to a started wave (the generators serve the benchmarks).
#[allow(dead_code)]
#[path = "../crates/core/benches/inputs/wave.rs"]
mod inputs;

const VOLUMES: usize = 30;
const ACCOUNT: &str =
    "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/acct";

/// `volume show` of `VOLUMES` data volumes of 100 GB.
fn paste() -> String {
    let mut out =
        String::from("vserver volume size logical-used\n------- ------ ---- ------------\n");
    for i in 0..VOLUMES {
        out.push_str(&format!("svm1 vol_{i:03} 200GB 100GB\n"));
    }
    out
}

/// The wave started, every volume created; the third volume's SVM peering call failed.
fn started() -> SavedWave {
    let mut plan = WavePlan::new("wave-a", "cl01");
    plan.defaults.pool = "pool1".into();
    plan.defaults.subnet_id = "/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/anf".into();
    plan.defaults.export_clients = "10.0.0.0/16".into();
    plan.peer_addresses.insert("cl01".into(), "10.9.0.1".into());
    plan.add_ontap_output(&parse_volume_show(&paste()));
    let mut wave = inputs::started_and_peered(
        plan,
        &inputs::one_pool("pool1", 0),
        &AccountId::parse(ACCOUNT).unwrap(),
        common::dom::now(),
    );
    let run = wave.run.as_mut().unwrap();
    run.volumes[2].svm_command = None;
    run.volumes[2].error = Some(CallError {
        call: WaveCall::Authorize,
        message: "The SVM peering could not be authorized.".into(),
    });
    wave
}

fn live_row(id: &str, name: &str, phase: Phase) -> LiveRow {
    LiveRow {
        id: id.to_owned(),
        name: RwSignal::new(name.to_owned()),
        source: RwSignal::new(None),
        phase: RwSignal::new(phase),
        mirror: RwSignal::new(String::new()),
        relationship: RwSignal::new(String::new()),
        healthy: RwSignal::new(Some(true)),
        progress: RwSignal::new(None),
        progress_text: RwSignal::new(String::new()),
        lag: RwSignal::new(None),
        lag_text: RwSignal::new(String::new()),
        error: RwSignal::new(None),
    }
}

/// The first 20 volumes in their baseline, the other 10 mirrored.
fn mount() -> (web_sys::HtmlElement, Vec<LiveRow>, impl Drop) {
    let root = container();
    let rows: std::rc::Rc<std::cell::RefCell<Vec<LiveRow>>> = Default::default();
    let out = rows.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let settings = Settings::demo(DemoReason::Requested);
        provide_context(settings.clone());
        provide_demo_services(&settings);
        let saved = started();
        let live = use_live_migrations(Signal::derive(|| None));
        let made: Vec<LiveRow> = saved
            .run
            .as_ref()
            .unwrap()
            .volumes
            .iter()
            .enumerate()
            .map(|(i, v)| {
                live_row(
                    &v.id,
                    &v.name,
                    if i < 20 { Phase::Baseline } else { Phase::Mirrored { transferring: false } },
                )
            })
            .collect();
        live.rows.set(made.clone());
        *out.borrow_mut() = made;
        let wave = Memo::new(move |_| Some(saved.clone()));
        let RunParts { data, entries, statuses } =
            run_parts(StoredValue::new("wave-a".to_owned()), wave, live);
        view! {
            <RunTotals data />
            <WatchTable entries=Signal::derive(move || entries.get()) statuses figures=data.figures link=data.link />
        }
    });
    let rows = rows.borrow().clone();
    (root, rows, handle)
}

/// Waits until `f` holds.
async fn until_true(what: &str, mut f: impl FnMut() -> bool) {
    until(what, || f().then_some(())).await;
}

fn row_of(root: &web_sys::HtmlElement, name: &str) -> Option<web_sys::HtmlElement> {
    query(root, &format!("tbody tr[data-volume='{name}']"))
}

#[wasm_bindgen_test]
async fn the_totals_count_every_volume_by_phase_and_the_table_pages() {
    let (root, _rows, handle) = mount();
    until_true("the totals", || text(&root, "[data-total-volumes]") == VOLUMES.to_string()).await;
    let phases: Vec<String> = query_all(&root, "[data-phase-count]")
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert!(phases.contains(&"Baseline 20".to_owned()), "{phases:?}");
    assert!(phases.contains(&"Mirrored 10".to_owned()), "{phases:?}");
    // One page of 25 at a time, in wave order.
    let shown = query_all(&root, "tbody tr[data-volume]");
    assert_eq!(shown.len(), 25);
    assert_eq!(shown[0].get_attribute("data-volume").as_deref(), Some("vol_000"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn time_left_is_done_once_the_baseline_is_behind_and_an_estimate_before() {
    let (root, rows, handle) = mount();
    until_true("the rows", || row_of(&root, "vol_021").is_some()).await;
    let eta = |name: &str| text(&row_of(&root, name).unwrap(), "[data-eta]");
    assert_eq!(eta("vol_021"), "Done");
    let before = eta("vol_001");
    assert!(!before.is_empty() && before != "Done", "{before:?}");
    // The baseline ends: the row's time left says so.
    rows[1].phase.set(Phase::Mirrored { transferring: false });
    until_true("Done after the baseline", || eta("vol_001") == "Done").await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_filter_and_the_attention_switch_narrow_the_table() {
    let (root, rows, handle) = mount();
    until_true("the rows", || row_of(&root, "vol_000").is_some()).await;
    let input: web_sys::HtmlInputElement =
        query(&root, "#wave-watch-filter").unwrap().unchecked_into();
    input.set_value("vol_007");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    until_true("one row", || query_all(&root, "tbody tr[data-volume]").len() == 1).await;
    assert!(row_of(&root, "vol_007").is_some(), "filtered by the source volume's name");
    input.set_value("");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    until_true("all back", || query_all(&root, "tbody tr[data-volume]").len() == 25).await;
    // A live error on one more volume: two need attention (that one and the failed call).
    rows[5].error.set(Some("Last transfer error: the source volume is offline.".into()));
    let check: web_sys::HtmlInputElement =
        query(&root, "input[type='checkbox']").unwrap().unchecked_into();
    check.set_checked(true);
    check.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    until_true("two rows", || query_all(&root, "tbody tr[data-volume]").len() == 2).await;
    let failed = row_of(&root, "vol_002").expect("the failed call's volume");
    assert!(failed.text_content().unwrap().contains("could not be authorized"));
    assert!(row_of(&root, "vol_005").unwrap().text_content().unwrap().contains("offline"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_tick_changes_the_row_it_reached() {
    let (root, rows, handle) = mount();
    until_true("the rows", || row_of(&root, "vol_003").is_some()).await;
    let before = row_of(&root, "vol_003").unwrap();
    rows[3].progress.set(Some(0.4));
    rows[3].progress_text.set("40 GiB of 100 GiB".into());
    until_true("the new progress", || {
        row_of(&root, "vol_003")
            .is_some_and(|r| r.text_content().unwrap().contains("40 GiB of 100 GiB"))
    })
    .await;
    // The same row element, updated in place (the table isn't rebuilt for a tick).
    assert!(before.is_same_node(row_of(&root, "vol_003").as_deref().map(AsRef::as_ref)));
    assert!(!row_of(&root, "vol_004").unwrap().text_content().unwrap().contains("40 GiB"));
    drop(handle);
    root.remove();
}
