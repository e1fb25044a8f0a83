//! The migrations table over 1,000 migrations: only one page of rows (25 unless the user picks
//! another size) is in the DOM, the pager
//! reaches every row (row 900 included), sorting and both filters apply to all rows before
//! paging, screen readers are told the real size, and a poll tick updates the page in place.
//! The table is mounted as the table benchmark mounts it: demo contexts, rows set by hand.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::migration::Phase;
use anf_core::models::RemotePath;
use anf_core::settings::{DemoReason, Settings};
use anf_migrate::app::provide_demo_services;
use anf_migrate::components::migrations::migrations_table::MigrationsTable;
use anf_migrate::state::live::{use_live_migrations, LiveRow, UNKNOWN};
use common::dom::{container, query, query_all, text, until};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const POOL: &str = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/acct/capacityPools/pool";

fn name(i: usize) -> String {
    format!("mig-{i:04}")
}

/// Every fifth row is in cut-over, the rest mirrored.
fn row(i: usize) -> LiveRow {
    let phase = if i % 5 == 4 { Phase::CutOver } else { Phase::Mirrored { transferring: false } };
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
        relationship: RwSignal::new("Idle".into()),
        healthy: RwSignal::new(Some(true)),
        progress: RwSignal::new(None),
        progress_text: RwSignal::new(String::new()),
        lag: RwSignal::new(Some(Duration::from_secs(60))),
        lag_text: RwSignal::new("1 min".into()),
        error: RwSignal::new(None),
    }
}

/// The table with the demo contexts and `n` rows; returns the rows to change them.
fn mount(n: usize) -> (web_sys::HtmlElement, Vec<LiveRow>, impl Drop) {
    forget_view();
    mount_keeping_view(n)
}

/// The table's order, filters and page as another test left them: gone.
fn forget_view() {
    let session = window().session_storage().unwrap().unwrap();
    session.remove_item("anf-migrate.migrations-table").unwrap();
}

/// [`mount`] without forgetting how the table was left.
fn mount_keeping_view(n: usize) -> (web_sys::HtmlElement, Vec<LiveRow>, impl Drop) {
    let root = container();
    let rows: Vec<LiveRow> = (0..n).map(row).collect();
    let given = rows.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let settings = Settings::demo(DemoReason::Requested);
        provide_context(settings.clone());
        provide_demo_services(&settings);
        // No target: nothing polls, the test changes the rows itself.
        let live = use_live_migrations(Signal::derive(|| None));
        live.rows.set(given.clone());
        view! { <MigrationsTable /> }
    });
    (root, rows, handle)
}

fn names(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "tbody tr").iter().filter_map(|r| r.get_attribute("data-volume")).collect()
}

fn summary(root: &web_sys::HtmlElement) -> String {
    query(root, "[data-page-summary]").and_then(|e| e.text_content()).unwrap_or_default()
}

fn choose(root: &web_sys::HtmlElement, select: &str, value: &str) {
    let el: web_sys::HtmlSelectElement = query(root, select).expect(select).unchecked_into();
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

fn type_filter(root: &web_sys::HtmlElement, text: &str) {
    let input: web_sys::HtmlInputElement =
        query(root, "#migrations-filter").unwrap().unchecked_into();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn range(from: usize, to: usize) -> Vec<String> {
    (from..to).map(name).collect()
}

#[wasm_bindgen_test]
async fn a_thousand_rows_mount_one_page_and_the_pager_reaches_row_900() {
    let (root, _rows, handle) = mount(1000);
    until("the first page", || (names(&root) == range(0, 25)).then_some(())).await;
    assert_eq!(summary(&root), "Rows 1–25 of 1,000");
    // Screen readers hear the real size: 1,000 rows and the header row.
    let table = query(&root, "table").unwrap();
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("1001"));
    let first = query(&root, "tbody tr").unwrap();
    assert_eq!(first.get_attribute("aria-rowindex").as_deref(), Some("2"));
    let hint = query(&root, "#migrations-filter-hint").unwrap().text_content().unwrap();
    assert_eq!(hint, "1000 of 1000 migrations shown");

    // Previous and First do nothing on the first page, and say so.
    let prev = query(&root, "button[data-page='previous']").unwrap();
    assert_eq!(prev.get_attribute("aria-disabled").as_deref(), Some("true"));
    prev.click();
    leptos::task::tick().await;
    assert_eq!(names(&root), range(0, 25));

    // Next, then page 36 from the page list: rows 876-900, with row 900 in place.
    query(&root, "button[data-page='next']").unwrap().click();
    until("page 2", || (names(&root) == range(25, 50)).then_some(())).await;
    assert_eq!(summary(&root), "Rows 26–50 of 1,000");
    assert_eq!(
        query(&root, "tbody tr").unwrap().get_attribute("aria-rowindex").as_deref(),
        Some("27")
    );
    choose(&root, "select[data-page-index]", "36");
    until("page 36", || (names(&root) == range(875, 900)).then_some(())).await;
    let r900 = query(&root, "tr[data-volume='mig-0899']").expect("row 900");
    assert_eq!(r900.get_attribute("aria-rowindex").as_deref(), Some("901"));
    assert!(r900.text_content().unwrap().contains("onprem-cl01 / svm1 / vol_0899"));
    assert!(query(&root, "tr[data-volume='mig-0000']").is_none(), "page 1 is gone from the DOM");

    // Last: rows 976-1000; Next is then disabled and stays put.
    query(&root, "button[data-page='last']").unwrap().click();
    until("the last page", || (names(&root) == range(975, 1000)).then_some(())).await;
    let next = query(&root, "button[data-page='next']").unwrap();
    assert_eq!(next.get_attribute("aria-disabled").as_deref(), Some("true"));
    next.click();
    leptos::task::tick().await;
    assert_eq!(names(&root), range(975, 1000));
    assert_eq!(summary(&root), "Rows 976–1,000 of 1,000");

    // 100 rows a page: the first row shown (976) stays in view, on page 10.
    choose(&root, "select[data-page-size]", "100");
    until("100 a page", || (names(&root) == range(900, 1000)).then_some(())).await;
    let page: web_sys::HtmlSelectElement =
        query(&root, "select[data-page-index]").unwrap().unchecked_into();
    assert_eq!(page.value(), "10");
    query(&root, "button[data-page='first']").unwrap().click();
    until("the first page again", || (names(&root) == range(0, 100)).then_some(())).await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn sorting_and_filters_apply_to_every_row_before_paging() {
    let (root, _rows, handle) = mount(1000);
    until("the first page", || (names(&root) == range(0, 25)).then_some(())).await;
    choose(&root, "select[data-page-size]", "50");
    until("50 a page", || (names(&root) == range(0, 50)).then_some(())).await;
    choose(&root, "select[data-page-index]", "5");
    until("page 5", || (names(&root) == range(200, 250)).then_some(())).await;

    // Sorting by name descending brings the last rows of the list to the first page.
    query(&root, "button[data-sort='Volume']").unwrap().click();
    let descending: Vec<String> = (950..1000).rev().map(name).collect();
    until("descending, back on page 1", || (names(&root) == descending).then_some(())).await;
    assert_eq!(summary(&root), "Rows 1–50 of 1,000");
    query(&root, "button[data-sort='Volume']").unwrap().click();
    until("ascending", || (names(&root) == range(0, 50)).then_some(())).await;

    // The text filter matches across all pages: mig-09xx are 100 rows on 2 pages.
    type_filter(&root, "mig-09");
    until("the filtered rows", || (names(&root) == range(900, 950)).then_some(())).await;
    assert_eq!(summary(&root), "Rows 1–50 of 100");
    let table = query(&root, "table").unwrap();
    assert_eq!(table.get_attribute("aria-rowcount").as_deref(), Some("101"));
    query(&root, "button[data-page='last']").unwrap().click();
    until("the second filtered page", || (names(&root) == range(950, 1000)).then_some(())).await;
    type_filter(&root, "");

    // The phase chip counts every row, and filtering by it pages through all 200 cut-overs.
    let chip = until("the cut-over chip", || query(&root, "[data-phase-chip='CutOver']")).await;
    assert!(chip.text_content().unwrap().ends_with("200"), "{}", chip.text_content().unwrap());
    chip.click();
    let cut_overs: Vec<String> = (0..1000).filter(|i| i % 5 == 4).take(50).map(name).collect();
    until("cut-overs only", || (names(&root) == cut_overs).then_some(())).await;
    assert_eq!(summary(&root), "Rows 1–50 of 200");
    assert!(query_all(&root, "tbody [data-phase]")
        .iter()
        .all(|p| p.get_attribute("data-phase").as_deref() == Some("CutOver")));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_poll_tick_updates_the_page_in_place_and_counts_rows_off_it() {
    let (root, rows, handle) = mount(1000);
    until("the first page", || (names(&root) == range(0, 25)).then_some(())).await;
    let before = query(&root, "tr[data-volume='mig-0003']").unwrap();

    // A row on the page: its cell changes, the row element stays (keyed).
    rows[3].lag_text.set("7 s".into());
    until("the new lag", || {
        (query(&root, "tr[data-volume='mig-0003'] [data-cell='lag']")?.text_content()? == "7 s")
            .then_some(())
    })
    .await;
    let after = query(&root, "tr[data-volume='mig-0003']").unwrap();
    assert!(before.is_same_node(Some(&after)), "the row was rebuilt");

    // A row off the page changes phase: the chips count it, the page doesn't change.
    let chip = until("the cut-over chip", || query(&root, "[data-phase-chip='CutOver']")).await;
    rows[904].phase.set(Phase::Mirrored { transferring: true });
    until("199 cut-overs", || chip.text_content()?.ends_with("199").then_some(())).await;
    assert_eq!(names(&root), range(0, 25));
    assert!(query(&root, "tr[data-volume='mig-0904']").is_none());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_row_with_nothing_reported_says_why_once_until_arm_reports() {
    let (root, rows, handle) = mount(3);
    // A volume still being created: no mirror state, relationship or health yet.
    rows[1].phase.set(Phase::Creating);
    rows[1].mirror.set(UNKNOWN.into());
    rows[1].relationship.set(UNKNOWN.into());
    rows[1].healthy.set(None);
    let cell = "tr[data-volume='mig-0001'] [data-cell='unreported']";
    let said = until("one phrase", || query(&root, cell)).await;
    assert_eq!(said.text_content().unwrap(), "Not reported yet");
    assert!(query(&root, "tr[data-volume='mig-0001'] [data-cell='mirror']").is_none());
    // The other rows keep their three values.
    assert!(query(&root, "tr[data-volume='mig-0000'] [data-cell='unreported']").is_none());

    // The first value ARM reports brings the three cells back.
    rows[1].mirror.set("Uninitialized".into());
    let mirror = until("the mirror state", || {
        query(&root, "tr[data-volume='mig-0001'] [data-cell='mirror']")
    })
    .await;
    assert_eq!(mirror.text_content().unwrap(), "Uninitialized");
    assert!(query(&root, cell).is_none());

    // Finalized, the replication is gone for good: not "yet".
    rows[1].mirror.set(UNKNOWN.into());
    rows[1].phase.set(Phase::Finalized);
    until("no replication", || {
        (query(&root, cell)?.text_content()? == "No replication").then_some(())
    })
    .await;
    // ...and what it is now.
    let access = "tr[data-volume='mig-0001'] [data-cell='access']";
    assert_eq!(text(&root, access), "Read-write (regular volume)");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_paused_row_says_the_volume_is_read_write() {
    let (root, rows, handle) = mount(3);
    let access = "tr[data-volume='mig-0002'] [data-cell='access']";
    until("the rows", || query(&root, "tr[data-volume='mig-0002']")).await;
    // Replicating: read-only, nothing to point out.
    assert!(query(&root, access).is_none());
    rows[2].phase.set(Phase::PausedForDryRun);
    rows[2].mirror.set("Broken".into());
    let said = until("the access line", || query(&root, access)).await;
    assert_eq!(said.text_content().unwrap(), "Read-write (paused for dry run)");
    rows[2].phase.set(Phase::Mirrored { transferring: false });
    until("read-only again", || query(&root, access).is_none().then_some(())).await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_order_filter_and_page_come_back_after_a_remount() {
    let (root, _rows, handle) = mount(1000);
    until("the first page", || (names(&root) == range(0, 25)).then_some(())).await;
    // Descending by volume name, filtered to names with a 9, page 2.
    query(&root, "button[data-sort='Volume']").unwrap().click();
    until("descending", || (names(&root).first()? == &name(999)).then_some(())).await;
    type_filter(&root, "9");
    until("the filter applied", || (!summary(&root).contains("of 1,000")).then_some(())).await;
    leptos::task::tick().await;
    query(&root, "button[data-page='next']").unwrap().click();
    let before = until("page 2 of the filtered rows", || {
        let s = summary(&root);
        s.starts_with("Rows 26–50").then(|| names(&root))
    })
    .await;
    drop(handle);
    root.remove();

    // Details and back (or a reload): the same rows, in the same order, on the same page.
    let (root, _rows, _handle) = mount_keeping_view(1000);
    until("the same page", || (names(&root) == before).then_some(())).await;
    let filter: web_sys::HtmlInputElement =
        query(&root, "#migrations-filter").unwrap().unchecked_into();
    until("the filter text back in its box", || (filter.value() == "9").then_some(())).await;
    forget_view();
}
