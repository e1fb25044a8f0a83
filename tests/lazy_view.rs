//! A lazy page's frame (issue 17, point 4), with a stand-in for the chunk's download: the
//! loading state while it arrives, then the page; a download that fails says so with a reload
//! and a retry, and the retry fetches again. (The split build's real chunks are checked in
//! Chromium by tools/build/split-smoke.mjs; these tests run unsplit.)
#![cfg(target_arch = "wasm32")]

mod common;

use anf_migrate::lazy::{lazy_view, ChunkError};
use common::dom::{container, query, sleep_ms, until_secs};
use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    /// Whether the stand-in download fails, and how often it was started.
    static FAILS: Cell<bool> = const { Cell::new(false) };
    static FETCHES: Cell<u32> = const { Cell::new(0) };
}

/// The chunk's download: takes a moment, as on a real line, then succeeds or fails.
fn preload() -> LocalBoxFuture<'static, Result<(), ChunkError>> {
    FETCHES.with(|n| n.set(n.get() + 1));
    Box::pin(async {
        sleep_ms(300).await;
        if FAILS.with(Cell::get) {
            Err(ChunkError)
        } else {
            Ok(())
        }
    })
}

fn mount() -> (web_sys::HtmlElement, impl Drop) {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), || {
        lazy_view("Loading the page…", preload, || {
            Box::pin(async { Ok(view! { <p data-the-page>"the page"</p> }.into_any()) })
        })
    });
    (root, handle)
}

#[wasm_bindgen_test]
async fn shows_loading_while_the_chunk_arrives_then_the_page() {
    FAILS.with(|f| f.set(false));
    let (root, _handle) = mount();
    let loading = until_secs("the loading state", 5, || query(&root, "[data-chunk-loading]")).await;
    assert_eq!(loading.get_attribute("role").as_deref(), Some("status"));
    assert!(loading.text_content().unwrap_or_default().contains("Loading the page…"));
    assert!(query(&root, "[data-the-page]").is_none(), "not the page before its chunk is in");
    until_secs("the page", 5, || query(&root, "[data-the-page]")).await;
    assert!(query(&root, "[data-chunk-loading]").is_none(), "the loading state goes");
    assert!(query(&root, "[data-chunk-failed]").is_none());
}

#[wasm_bindgen_test]
async fn a_chunk_that_fails_says_so_and_try_again_fetches_it_again() {
    FAILS.with(|f| f.set(true));
    FETCHES.with(|n| n.set(0));
    let (root, _handle) = mount();
    let failed = until_secs("the failure", 5, || query(&root, "[data-chunk-failed]")).await;
    assert_eq!(failed.get_attribute("role").as_deref(), Some("alert"));
    let says = failed.text_content().unwrap_or_default();
    assert!(says.contains("did not load") && says.contains("Reload the page"), "{says}");
    assert!(query(&root, "[data-reload]").is_some(), "a reload is offered");
    assert!(query(&root, "[data-the-page]").is_none());
    assert_eq!(FETCHES.with(Cell::get), 1);

    // The line is back: "Try again" fetches the chunk again without leaving the page.
    FAILS.with(|f| f.set(false));
    query(&root, "[data-retry]").expect("Try again").click();
    leptos::task::tick().await;
    until_secs("the page after the retry", 5, || query(&root, "[data-the-page]")).await;
    assert_eq!(FETCHES.with(Cell::get), 2, "one more download");
    assert!(query(&root, "[data-chunk-failed]").is_none(), "the failure goes");
}
