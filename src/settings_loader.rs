//! Fetches `config.json` at start-up and turns it into [`Settings`].
//!
//! index.html starts that fetch itself while the wasm downloads (its script leaves the promise in
//! `window.anfConfigFetch`), so the settings are usually there by the time the app asks instead
//! of being fetched only after the wasm has started. The app takes that promise once and fetches
//! on its own when there is none (the browser tests' pages have no such script).

use anf_core::settings::{DemoReason, Settings, SettingsError};
use wasm_bindgen::JsCast;

/// Where the runtime settings are served from (beside index.html).
pub const CONFIG_URL: &str = "/config.json";

/// The window property the early fetch of index.html leaves its promise in.
pub const EARLY_FETCH_KEY: &str = "anfConfigFetch";

/// Loads the runtime settings. A missing file means demo mode; anything else that is wrong is an
/// error the app shows, naming the field.
///
/// # Errors
/// [`SettingsError`] when the file exists but cannot be used.
pub async fn load_settings() -> Result<Settings, SettingsError> {
    let response = match take_early_fetch() {
        Some(early) => wasm_bindgen_futures::JsFuture::from(early)
            .await
            .and_then(|r| r.dyn_into::<web_sys::Response>())
            .map(gloo_net::http::Response::from)
            .map_err(|e| js_error_text(&e)),
        None => gloo_net::http::Request::get(CONFIG_URL)
            .cache(web_sys::RequestCache::NoCache)
            .send()
            .await
            .map_err(|e| e.to_string()),
    }
    .map_err(|e| SettingsError {
        field: "(file)".into(),
        expected: format!("{CONFIG_URL} to be readable"),
        found: format!("a network error: {e}"),
    })?;
    match response.status() {
        404 => Ok(Settings::demo(DemoReason::NoFile)),
        200 => {
            let text = response.text().await.map_err(|e| SettingsError {
                field: "(file)".into(),
                expected: "readable text".into(),
                found: e.to_string(),
            })?;
            Settings::parse(&text)
        }
        status => Err(SettingsError {
            field: "(file)".into(),
            expected: format!("{CONFIG_URL} to be served with status 200, or 404 when absent"),
            found: format!("status {status}"),
        }),
    }
}

/// The early fetch's promise, removed from the window so that a later load fetches afresh.
fn take_early_fetch() -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(EARLY_FETCH_KEY);
    let value = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    value.dyn_into::<js_sys::Promise>().ok()
}

/// What a rejected fetch says ("TypeError: Failed to fetch"), as gloo-net would put it.
fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map_or_else(
        || format!("{e:?}"),
        |e| format!("{}: {}", String::from(e.name()), String::from(e.message())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    /// Leaves `promise` where index.html's script would.
    fn leave_early_fetch(promise: &js_sys::Promise) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &JsValue::from_str(EARLY_FETCH_KEY), promise).unwrap();
    }

    fn still_there() -> bool {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::has(&window, &JsValue::from_str(EARLY_FETCH_KEY)).unwrap()
    }

    // The test server has no config.json, so a fetch of its own would mean demo mode for want of
    // a file (NoFile); `{}` from the early response means demo mode for want of a client id.
    #[wasm_bindgen_test]
    async fn the_early_response_is_used_once_then_the_app_fetches_itself() {
        let early = web_sys::Response::new_with_opt_str(Some("{}")).unwrap();
        leave_early_fetch(&js_sys::Promise::resolve(&JsValue::from(early)));
        let first = load_settings().await.unwrap();
        assert_eq!(first.demo_reason, Some(DemoReason::NoClientId));
        assert!(!still_there(), "the promise is taken, not left for a second load");

        let second = load_settings().await.unwrap();
        assert_eq!(second.demo_reason, Some(DemoReason::NoFile));
    }

    #[wasm_bindgen_test]
    async fn a_failed_early_fetch_is_a_network_error() {
        let failure = js_sys::Error::new("Failed to fetch");
        failure.set_name("TypeError");
        leave_early_fetch(&js_sys::Promise::reject(&failure));
        let error = load_settings().await.unwrap_err();
        assert_eq!(error.field, "(file)");
        assert_eq!(error.found, "a network error: TypeError: Failed to fetch");
    }
}
