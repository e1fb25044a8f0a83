//! Saving the Activity log as a file, for a support case.

use crate::arm::activity::ActivityEntry;
use wasm_bindgen::JsCast;

/// Downloads `rows` as `anf-migrate-activity-<time>.json`. Request bodies and tokens are never
/// in the log, so the file is safe to attach to a ticket.
pub fn export_json(rows: &[ActivityEntry]) {
    let Ok(text) = serde_json::to_string_pretty(rows) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let document = leptos::prelude::document();
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        let stamp = crate::arm::browser_env::now().secs();
        a.set_download(&format!("anf-migrate-activity-{stamp}.json"));
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
