//! The shell in a real browser: mounts, says Demo without settings, navigates, flips the theme.
#![cfg(target_arch = "wasm32")]

use anf_migrate::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Waits (up to ~5 s) until `f` finds something; the app loads settings asynchronously.
async fn until<T>(mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..250 {
        if let Some(v) = f() {
            return v;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting for the page");
}

fn query(root: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(selector).ok().flatten().map(JsCast::unchecked_into)
}

fn h1_text(root: &web_sys::HtmlElement) -> Option<String> {
    query(root, "main h1").map(|h| h.text_content().unwrap_or_default())
}

#[wasm_bindgen_test]
async fn shell_mounts_in_demo_mode_without_settings() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    // The test server has no config.json, which is exactly the "no file" case.
    let badge = until(|| query(&root, "[data-mode]")).await;
    assert_eq!(badge.get_attribute("data-mode").as_deref(), Some("demo"));
    assert!(badge.text_content().unwrap().contains("Demo"));
    assert!(query(&root, "header").is_some(), "a banner landmark");
    assert!(query(&root, "nav[aria-label='Main']").is_some(), "a labelled navigation");
    assert!(query(&root, "main#main").is_some(), "a main landmark");
    root.remove();
}

#[wasm_bindgen_test]
async fn navigation_reaches_each_page() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    let pages = [
        ("/preflight", "Pre-flight"),
        ("/activity", "Activity"),
        ("/migrations/new", "New migration"),
        ("/migrations", "Migration assistant"),
    ];
    until(|| query(&root, "nav a")).await;
    for (href, title) in pages {
        let link = query(&root, &format!("nav a[href='{href}']")).expect(href);
        link.click();
        leptos::task::tick().await;
        let heading = until(|| h1_text(&root).filter(|t| t == title)).await;
        assert_eq!(heading, title);
        assert_eq!(window().location().pathname().unwrap(), href);
        assert_eq!(
            link.get_attribute("aria-current").as_deref(),
            Some("page"),
            "{href} is marked current"
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn theme_toggle_flips_and_persists() {
    let storage = window().local_storage().unwrap().unwrap();
    storage.remove_item("anf-migrate.theme").unwrap();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let button = until(|| query(&root, "button[aria-pressed]")).await;
    let html = document().document_element().unwrap();
    let before = button.get_attribute("aria-pressed").unwrap();
    button.click();
    leptos::task::tick().await;
    let after = button.get_attribute("aria-pressed").unwrap();
    assert_ne!(before, after, "the toggle flips");
    let expected = if after == "true" { "dark" } else { "light" };
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some(expected));
    assert_eq!(storage.get_item("anf-migrate.theme").unwrap().as_deref(), Some(expected));

    // A fresh mount (as after a reload) starts from the remembered choice.
    drop(handle);
    root.remove();
    html.remove_attribute("data-theme").unwrap();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), App);
    let button = until(|| query(&root, "button[aria-pressed]")).await;
    assert_eq!(button.get_attribute("aria-pressed").unwrap(), after);
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some(expected));
    storage.remove_item("anf-migrate.theme").unwrap();
    root.remove();
}
