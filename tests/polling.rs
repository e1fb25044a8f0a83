//! The one polling hook: it polls at the pace its caller asks, stops while the tab is hidden
//! (and polls at once when it shows again), polls now when poked, and ends with its owner; and
//! the pages built on it read nothing from ARM while the tab is hidden.
#![cfg(target_arch = "wasm32")]

use anf_migrate::hooks::{use_polled, use_polled_with_options, UsePolledOptions, UsePolledReturn};
use anf_migrate::App;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, query, sleep_ms, until};
use common::sim_world::{create, fresh_world, go, peer};

wasm_bindgen_test_configure!(run_in_browser);

/// Makes the page look hidden or visible to `document.hidden` / `visibilityState` and tells
/// listeners, as the browser does when the tab goes to the background.
fn set_hidden(hidden: bool) {
    let script = format!(
        "Object.defineProperty(document, 'hidden', {{ configurable: true, get: () => {hidden} }});
         Object.defineProperty(document, 'visibilityState', {{ configurable: true, get: () => '{}' }});
         document.dispatchEvent(new Event('visibilitychange'));",
        if hidden { "hidden" } else { "visible" }
    );
    js_sys::Function::new_no_args(&script).call0(&JsValue::NULL).unwrap();
}

/// ARM calls the app has logged (its activity log, saved at most a second late).
fn arm_calls() -> usize {
    let text = window()
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item("anf-migrate.activity")
        .unwrap()
        .unwrap_or_else(|| "[]".into());
    serde_json::from_str::<Vec<serde_json::Value>>(&text).map_or(0, |v| v.len())
}

#[component]
fn Counting(count: RwSignal<u32>, every: Duration, immediate: bool) -> impl IntoView {
    let polled = use_polled_with_options(
        move || async move {
            count.update(|c| *c += 1);
            Some(every)
        },
        UsePolledOptions::default().immediate(immediate),
    );
    provide_context(polled);
    let UsePolledReturn { poke, .. } = polled;
    view! { <button id="poke" on:click=move |_| poke.run(())>"poke"</button> }
}

#[wasm_bindgen_test]
async fn the_hook_follows_its_pace_stops_while_hidden_and_ends_with_its_owner() {
    set_hidden(false);
    let count = RwSignal::new(0u32);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Counting count every=Duration::from_millis(100) immediate=true /> }
    });
    sleep_ms(550).await;
    let running = count.get_untracked();
    assert!((4..=7).contains(&running), "about every 100 ms: {running} polls in 550 ms");

    set_hidden(true);
    sleep_ms(150).await;
    let hidden_at = count.get_untracked();
    sleep_ms(600).await;
    assert_eq!(count.get_untracked(), hidden_at, "no poll while the tab is hidden");

    set_hidden(false);
    sleep_ms(30).await;
    assert_eq!(count.get_untracked(), hidden_at + 1, "shown again: one poll at once");

    drop(handle);
    let gone_at = count.get_untracked();
    sleep_ms(400).await;
    assert_eq!(count.get_untracked(), gone_at, "the loop ends with its owner");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_poke_polls_now_and_a_lazy_loop_waits_for_it() {
    set_hidden(false);
    let count = RwSignal::new(0u32);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Counting count every=Duration::from_secs(60) immediate=false /> }
    });
    sleep_ms(300).await;
    assert_eq!(count.get_untracked(), 0, "not immediate: nothing until poked");
    let poke = until("the button", || query(&root, "#poke")).await;
    poke.click();
    sleep_ms(30).await;
    assert_eq!(count.get_untracked(), 1, "poked: polled at once");
    poke.click();
    sleep_ms(30).await;
    assert_eq!(count.get_untracked(), 2, "poked during a minute's wait: polled again at once");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_pause_holds_until_resumed() {
    set_hidden(false);
    let count = RwSignal::new(0u32);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let polled = use_polled(move || async move {
            count.update(|c| *c += 1);
            Some(Duration::from_millis(50))
        });
        provide_context(polled);
        view! {
            <button id="pause" on:click=move |_| polled.pause.run(())>"pause"</button>
            <button id="resume" on:click=move |_| polled.resume.run(())>"resume"</button>
        }
    });
    sleep_ms(200).await;
    until("the buttons", || query(&root, "#pause")).await.click();
    sleep_ms(80).await;
    let paused_at = count.get_untracked();
    sleep_ms(300).await;
    assert_eq!(count.get_untracked(), paused_at, "paused");
    query(&root, "#resume").unwrap().click();
    sleep_ms(30).await;
    assert!(count.get_untracked() > paused_at, "resumed at once");
    drop(handle);
    root.remove();
}

/// Waits until the app's calls stop changing for a second and a half (the activity log is
/// saved a second late), and says how many there were.
async fn settled_calls() -> usize {
    let mut last = arm_calls();
    for _ in 0..40 {
        sleep_ms(1500).await;
        let now = arm_calls();
        if now == last {
            return now;
        }
        last = now;
    }
    panic!("the app's ARM calls never settled while the tab was hidden");
}

#[wasm_bindgen_test]
async fn a_hidden_tab_reads_nothing_on_the_migrations_table() {
    set_hidden(false);
    let (world, client, pool) = fresh_world(51, 30.0);
    // Rows in motion, which the table polls every few seconds.
    let a = create(&world, &client, &pool, "poll-a", "vol_home", 60).await;
    peer(&world, &client, &a).await;
    create(&world, &client, &pool, "poll-b", "vol_scratch", 60).await;
    go("/migrations");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until("the rows", || query(&root, "tr[data-volume='poll-a']")).await;
    sleep_ms(3000).await;
    let visible_calls = arm_calls();
    assert!(visible_calls > 0, "the table reads ARM while visible");

    set_hidden(true);
    let hidden_at = settled_calls().await;
    sleep_ms(6000).await;
    assert_eq!(arm_calls(), hidden_at, "six seconds hidden: not one ARM call");

    set_hidden(false);
    until("reads after the tab shows again", || (arm_calls() > hidden_at).then_some(())).await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_hidden_tab_reads_nothing_on_the_peering_page() {
    set_hidden(false);
    let (world, client, pool) = fresh_world(52, 30.0);
    create(&world, &client, &pool, "poll-peer", "vol_home", 60).await;
    go("/migrations/poll-peer/peering");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until("the wizard", || query(&root, "[data-peering-step]")).await;
    // The wizard reads the volume every two seconds in demo mode.
    let start = arm_calls();
    sleep_ms(5000).await;
    assert!(arm_calls() > start, "the wizard reads the volume while visible");

    set_hidden(true);
    let hidden_at = settled_calls().await;
    sleep_ms(6000).await;
    assert_eq!(arm_calls(), hidden_at, "six seconds hidden: not one ARM call");

    set_hidden(false);
    until("reads after the tab shows again", || (arm_calls() > hidden_at).then_some(())).await;
    drop(handle);
    root.remove();
}
