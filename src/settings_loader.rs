//! Fetches `config.json` at start-up and turns it into [`Settings`].

use anf_core::settings::{DemoReason, Settings, SettingsError};

/// Where the runtime settings are served from (beside index.html).
pub const CONFIG_URL: &str = "/config.json";

/// Loads the runtime settings. A missing file means demo mode; anything else that is wrong is an
/// error the app shows, naming the field.
///
/// # Errors
/// [`SettingsError`] when the file exists but cannot be used.
pub async fn load_settings() -> Result<Settings, SettingsError> {
    let response = gloo_net::http::Request::get(CONFIG_URL)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
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
