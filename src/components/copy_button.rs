//! One click to copy a command or a passphrase.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where a copy stands, for the button's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Copied {
    Idle,
    Done,
    Failed,
}

async fn write_clipboard(text: &str) -> bool {
    // Through Reflect, not web-sys's binding: `navigator.clipboard` is undefined outside a
    // secure context (plain http to a host name on a LAN), and calling the binding's
    // `writeText` on it would throw instead of returning false.
    let Some(window) = web_sys::window() else { return false };
    let navigator = window.navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else { return false };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else { return false };
    let Ok(promise) = write.call1(&clipboard, &text.into()) else { return false };
    JsFuture::from(js_sys::Promise::from(promise)).await.is_ok()
}

/// Copies `text` to the clipboard and says so; if the browser refuses, says to select it.
#[component]
pub fn CopyButton(
    /// What to copy.
    #[prop(into)]
    text: Signal<String>,
    /// The button's label, e.g. "Copy command".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let state = RwSignal::new(Copied::Idle);
    let idle_label = label.clone();
    let on_click = move |_| {
        let value = text.get_untracked();
        leptos::task::spawn_local(async move {
            let ok = write_clipboard(&value).await;
            state.set(if ok { Copied::Done } else { Copied::Failed });
            crate::arm::browser_env::sleep(std::time::Duration::from_secs(3)).await;
            state.set(Copied::Idle);
        });
    };
    view! {
        <button type="button" class="btn" on:click=on_click data-copy>
            {move || match state.get() {
                Copied::Idle => idle_label.clone(),
                Copied::Done => "Copied".to_owned(),
                Copied::Failed => "Copy blocked: select the text and copy it".to_owned(),
            }}
        </button>
        <span class="visually-hidden" role="status" aria-live="polite">
            {move || (state.get() == Copied::Done).then(|| format!("{label}: copied"))}
        </span>
    }
}
