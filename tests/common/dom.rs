//! DOM helpers every browser test uses: a container to mount into, waiting for the app (it
//! renders asynchronously), and queries.
#![allow(dead_code)] // each test file uses its own subset

use anf_core::time::Timestamp;
use leptos::prelude::document;
use wasm_bindgen::{JsCast, JsValue};

/// The wall clock, as the app reads it.
pub fn now() -> Timestamp {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Timestamp(js_sys::Date::now() as u64)
}

pub async fn sleep_ms(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Waits up to `seconds` until `f` finds something; panics naming `what` otherwise.
pub async fn until_secs<T>(what: &str, seconds: u32, mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..seconds * 20 {
        if let Some(v) = f() {
            return v;
        }
        sleep_ms(50).await;
    }
    panic!("timed out waiting for {what}");
}

/// [`until_secs`] with 15 seconds, enough for anything the demo does without a simulated wait.
pub async fn until<T>(what: &str, f: impl FnMut() -> Option<T>) -> T {
    until_secs(what, 15, f).await
}

pub fn query(root: &impl AsRef<web_sys::Element>, selector: &str) -> Option<web_sys::HtmlElement> {
    root.as_ref().query_selector(selector).ok().flatten().map(JsCast::unchecked_into)
}

/// `querySelectorAll` through JS (the app doesn't enable web-sys's NodeList).
pub fn query_all(root: &impl AsRef<web_sys::Element>, selector: &str) -> Vec<web_sys::HtmlElement> {
    let root: &JsValue = root.as_ref().as_ref();
    let f: js_sys::Function = js_sys::Reflect::get(root, &JsValue::from_str("querySelectorAll"))
        .unwrap()
        .unchecked_into();
    let list = f.call1(root, &JsValue::from_str(selector)).unwrap();
    js_sys::Array::from(&list).iter().map(JsCast::unchecked_into).collect()
}

/// The text of the first match of `selector`, or "".
pub fn text(root: &impl AsRef<web_sys::Element>, selector: &str) -> String {
    query(root, selector).and_then(|e| e.text_content()).unwrap_or_default()
}

/// A fresh element in the page's body to mount a component into.
pub fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Types into the input or textarea `#id` as a person would: value, input event, then leaving
/// the field (blur), so the app shows what it thinks of it. Waits up to ten seconds for it.
pub async fn type_into(root: &web_sys::HtmlElement, id: &str, value: &str) {
    let el = until_secs(id, 10, || query(root, &format!("#{id}"))).await;
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    el.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    el.dispatch_event(&web_sys::Event::new("blur").unwrap()).unwrap();
    leptos::task::tick().await;
}
