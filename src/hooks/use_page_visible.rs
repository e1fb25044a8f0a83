//! Whether the tab is visible, so polling can stop while nobody looks.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// True when the tab is hidden right now (untracked).
#[must_use]
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// A signal that follows the tab's visibility; the listener goes with the calling owner.
#[must_use]
pub fn use_page_visible() -> ReadSignal<bool> {
    let (visible, set_visible) = signal(!page_hidden());
    let listener = Closure::<dyn Fn()>::new(move || set_visible.set(!page_hidden()));
    let doc = document();
    let _ =
        doc.add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    let listener = send_wrapper::SendWrapper::new(listener);
    on_cleanup(move || {
        let _ = document().remove_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
    });
    visible
}
