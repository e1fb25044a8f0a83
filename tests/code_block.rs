//! Commands to copy (issue 16): they wrap only where they have a space, so what is read can be
//! typed again (no `-peer-ad` / `drs`); what can't wrap scrolls; the text is the command
//! exactly; copy buttons keep acronyms.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_migrate::components::code_block::{copy_label, CodeBlock};
use common::dom::{container, query, query_all};
use common::styles::{load_styles, Module};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

stylance::import_crate_style!(
    #[allow(dead_code)]
    code_css,
    "src/components/code_block.module.css"
);

const PEER: &str = "cluster peer create -ipspace <IP-SPACE-NAME> -encryption-protocol-proposed tls-psk -peer-addrs 10.20.1.5,10.20.1.6,10.20.1.7,10.20.1.8,10.20.1.9,10.20.1.10";
const ID: &str = "/subscriptions/0f3c1e5a-7b2d-4c8e-9a61-3d5f2b8e4c71/resourceGroups/rg-anf-migration/providers/Microsoft.NetApp/netAppAccounts/anf-contoso";

/// How many boxes an inline element is laid out in: more than one means it was broken.
fn boxes(el: &web_sys::Element) -> u32 {
    let f: js_sys::Function =
        js_sys::Reflect::get(el, &JsValue::from_str("getClientRects")).unwrap().unchecked_into();
    let list = f.call0(el).unwrap();
    js_sys::Reflect::get(&list, &JsValue::from_str("length")).unwrap().as_f64().unwrap() as u32
}

fn mount(code: &'static str, label: &'static str, width: u32) -> (web_sys::HtmlElement, impl Drop) {
    load_styles(&[Module {
        css: include_str!("../src/components/code_block.module.css"),
        class: "code",
        hashed: code_css::code,
    }]);
    let root = container();
    root.style().set_property("width", &format!("{width}px")).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <CodeBlock code=Signal::stored(code.to_owned()) label=label /> }
    });
    (root, handle)
}

#[wasm_bindgen_test]
async fn a_command_wraps_only_at_its_spaces() {
    let (root, handle) = mount(PEER, "Cluster peering command", 360);
    leptos::task::tick().await;
    let pre = query(&root, "pre").expect("the block");
    // Narrow enough to wrap over several lines.
    assert!(pre.get_bounding_client_rect().height() > 60.0, "it wraps");
    let style = window().get_computed_style(&pre).unwrap().unwrap();
    assert_eq!(style.get_property_value("white-space").unwrap(), "pre-wrap");
    assert_eq!(style.get_property_value("overflow-wrap").unwrap(), "normal");
    assert_eq!(style.get_property_value("word-break").unwrap(), "normal");
    // Every word is laid out whole, on one line.
    let words = query_all(&pre, "code span");
    assert_eq!(words.len(), PEER.split(' ').count());
    for w in &words {
        assert_eq!(boxes(w), 1, "{:?} is broken across lines", w.text_content());
    }
    assert!(words.iter().any(|w| w.text_content().as_deref() == Some("-peer-addrs")));
    // Selecting and copying the text gives the command back unchanged.
    assert_eq!(pre.text_content().unwrap(), PEER);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn what_cannot_wrap_scrolls() {
    let (root, handle) = mount(ID, "Request", 360);
    leptos::task::tick().await;
    let pre = query(&root, "pre").unwrap();
    let word = query(&pre, "code span").unwrap();
    assert_eq!(boxes(&word), 1, "the id stays whole");
    assert!(pre.scroll_width() > pre.client_width(), "and the block scrolls sideways");
    let figure = query(&root, "figure").unwrap();
    assert!(figure.get_bounding_client_rect().width() <= 360.5, "without widening the page");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
fn copy_buttons_keep_acronyms() {
    assert_eq!(copy_label("Cluster peering command"), "Copy cluster peering command");
    assert_eq!(copy_label("SVM peering command"), "Copy SVM peering command");
    assert_eq!(copy_label("Request body (JSON)"), "Copy request body (JSON)");
    assert_eq!(
        copy_label("Command to list intercluster LIFs"),
        "Copy command to list intercluster LIFs"
    );
    assert_eq!(copy_label("LIFs of the cluster"), "Copy LIFs of the cluster");
}
