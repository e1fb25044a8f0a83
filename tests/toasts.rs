//! Notices as a person meets them (issue 16): never over the page they work in, at most three
//! at once with the older ones folded, a success leaving by itself (not while it is pointed
//! at), an error staying until dismissed.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::settings::{DemoReason, Settings};
use anf_migrate::app::provide_demo_services;
use anf_migrate::components::shell::Shell;
use anf_migrate::state::scope::provide_scope;
use anf_migrate::state::toasts::{use_toasts, ToastKind, Toasts, MAX_VISIBLE, SUCCESS_LIFETIME};
use common::dom::{container, query, query_all, sleep_ms, until_secs};
use common::styles::{load_styles, Module};
use leptos::prelude::*;
use leptos_router::components::Router;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

stylance::import_crate_style!(
    #[allow(dead_code)]
    shell_css,
    "src/components/shell.module.css"
);
stylance::import_crate_style!(
    #[allow(dead_code)]
    toast_css,
    "src/components/toast_region.module.css"
);
stylance::import_crate_style!(
    #[allow(dead_code)]
    nav_css,
    "src/components/nav_bar.module.css"
);

/// The shell (banner, navigation, notices) around a page whose controls sit where notices
/// used to land: along the bottom and at the right.
fn mount() -> (web_sys::HtmlElement, Toasts, impl Drop) {
    load_styles(&[
        Module {
            css: include_str!("../src/components/shell.module.css"),
            class: "shell",
            hashed: shell_css::shell,
        },
        Module {
            css: include_str!("../src/components/toast_region.module.css"),
            class: "region",
            hashed: toast_css::region,
        },
        Module {
            css: include_str!("../src/components/nav_bar.module.css"),
            class: "nav",
            hashed: nav_css::nav,
        },
    ]);
    let root = container();
    let got = Rc::new(Cell::new(None));
    let keep = got.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let settings = Settings::demo(DemoReason::Requested);
        provide_context(settings.clone());
        provide_demo_services(&settings);
        provide_scope(None);
        keep.set(Some(use_toasts()));
        view! {
            <Router>
                <Shell>
                    <div style="min-height: 100vh; display: flex; flex-direction: column; justify-content: flex-end; align-items: stretch;">
                        <div class="toolbar" style="justify-content: space-between;">
                            <button type="button" class="btn" data-page-control>"View migration details"</button>
                            <button type="button" class="btn btn-danger" data-page-control>"Cancel migration"</button>
                        </div>
                        <input data-page-control placeholder="cluster1::>" style="width: 100%;" />
                    </div>
                </Shell>
            </Router>
        }
    });
    (root, got.get().expect("the notices"), handle)
}

fn overlaps(a: &web_sys::DomRect, b: &web_sys::DomRect) -> bool {
    a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() && b.top() < a.bottom()
}

fn texts(root: &web_sys::HtmlElement) -> Vec<String> {
    query_all(root, "[data-toast]").iter().map(|t| t.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn notices_never_cover_the_page_and_fold_after_three() {
    let (root, toasts, handle) = mount();
    until_secs("the shell", 5, || query(&root, "main#main")).await;
    for (kind, text) in [
        (ToastKind::Error, "first: failed"),
        (ToastKind::Success, "second: done"),
        (ToastKind::Info, "third"),
        (ToastKind::Success, "fourth: done"),
        (ToastKind::Error, "fifth: failed"),
    ] {
        toasts.push(kind, text);
    }
    leptos::task::tick().await;
    // The newest three; the older two folded.
    let shown = texts(&root);
    assert_eq!(shown.len(), MAX_VISIBLE, "{shown:?}");
    assert!(shown[0].starts_with("third") && shown[2].starts_with("fifth"), "{shown:?}");
    let more = query(&root, "[data-toasts-more] button").expect("+N more");
    assert_eq!(more.text_content().unwrap(), "+2 more");

    // None of them is over the page or any of its controls.
    let main = query(&root, "main#main").unwrap().get_bounding_client_rect();
    let controls = query_all(&root, "[data-page-control]");
    assert_eq!(controls.len(), 3);
    for toast in query_all(&root, "[data-toasts] [data-toast], [data-toasts-more]") {
        let t = toast.get_bounding_client_rect();
        assert!(t.width() > 0.0, "shown");
        assert!(
            !overlaps(&t, &main),
            "a notice over the page: {:?} / {:?}",
            (t.left(), t.top(), t.right(), t.bottom()),
            (main.left(), main.top())
        );
        for c in &controls {
            assert!(!overlaps(&t, &c.get_bounding_client_rect()), "over {:?}", c.text_content());
        }
    }

    // Unfolded, all five; folded again.
    more.click();
    leptos::task::tick().await;
    assert_eq!(texts(&root).len(), 5);
    query(&root, "[data-toasts-more] button").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(texts(&root).len(), 3);
    // Dismiss all.
    let all = query_all(&root, "[data-toasts-more] button");
    all.iter().find(|b| b.text_content().as_deref() == Some("Dismiss all")).unwrap().click();
    leptos::task::tick().await;
    assert!(texts(&root).is_empty());
    assert!(query(&root, "[data-toasts-more]").is_none());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_success_leaves_by_itself_and_an_error_stays() {
    let (root, toasts, handle) = mount();
    until_secs("the shell", 5, || query(&root, "main#main")).await;
    toasts.push(ToastKind::Success, "Sync now on vol1: done");
    toasts.push(ToastKind::Error, "Dry run on vol1: the service refused it");
    leptos::task::tick().await;
    assert_eq!(texts(&root).len(), 2);
    let wait = u32::try_from(SUCCESS_LIFETIME.as_millis()).unwrap() + 1500;
    sleep_ms(wait).await;
    let left = texts(&root);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].contains("the service refused it"), "the error stays: {left:?}");

    // Pointed at, a success waits for the person to move on.
    toasts.push(ToastKind::Success, "Resume on vol1: done");
    let region = query(&root, "[data-toasts]").unwrap();
    region.dispatch_event(&web_sys::Event::new("pointerenter").unwrap()).unwrap();
    sleep_ms(wait).await;
    assert!(texts(&root).iter().any(|t| t.contains("Resume")), "held while pointed at");
    region.dispatch_event(&web_sys::Event::new("pointerleave").unwrap()).unwrap();
    until_secs("gone once left", 3, || {
        (!texts(&root).iter().any(|t| t.contains("Resume"))).then_some(())
    })
    .await;

    // The error goes when dismissed.
    query(&root, "[data-toast] button[aria-label='Dismiss']").unwrap().click();
    leptos::task::tick().await;
    assert!(texts(&root).is_empty());
    drop(handle);
    root.remove();
}
