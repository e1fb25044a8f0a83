//! The few browser facts auth needs: the clock, the address bar and navigation.

use anf_core::auth::AuthError;
use anf_core::time::Timestamp;

/// Now, from the browser's clock.
pub(crate) fn now() -> Timestamp {
    // Date.now() is a whole number of milliseconds, far below 2^53.
    Timestamp(js_sys::Date::now() as u64)
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The full address of the page.
pub(crate) fn page_url() -> String {
    location().and_then(|l| l.href().ok()).unwrap_or_default()
}

/// The page's origin, e.g. `https://app.example`.
pub(crate) fn origin() -> String {
    location().and_then(|l| l.origin().ok()).unwrap_or_default()
}

/// The app route as path + query + fragment, for coming back after a redirect.
pub(crate) fn route() -> String {
    let Some(l) = location() else { return "/".to_owned() };
    format!(
        "{}{}{}",
        l.pathname().unwrap_or_else(|_| "/".into()),
        l.search().unwrap_or_default(),
        l.hash().unwrap_or_default()
    )
}

/// Replaces the address without navigating or adding a history entry (the code must not stay
/// in the address bar, the history or a bookmark).
pub(crate) fn replace_url(url: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Leaves the page for `url` (the identity provider).
pub(crate) fn navigate(url: &str) -> Result<(), AuthError> {
    location()
        .ok_or_else(|| AuthError::InvalidConfig("no window to navigate".into()))?
        .assign(url)
        .map_err(|e| AuthError::InvalidConfig(format!("cannot navigate: {e:?}")))
}

/// Loads the page again (the same route).
pub(crate) fn reload() -> Result<(), AuthError> {
    location()
        .ok_or_else(|| AuthError::InvalidConfig("no window location".into()))?
        .reload()
        .map_err(|_| AuthError::InvalidConfig("the browser refused to reload the page".into()))
}
