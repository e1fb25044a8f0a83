//! Shown instead of the app when `config.json` is present but wrong.

use anf_core::settings::SettingsError;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/pages/settings_error_page.module.css");

/// Names the field, what it should be and what it is, so whoever deployed the app can fix it.
#[component]
pub fn SettingsErrorPage(error: SettingsError) -> impl IntoView {
    view! {
        <main class=style::page id="main">
            <section class=style::card role="alert" aria-labelledby="settings-error-title">
                <h1 id="settings-error-title">"anf-migrate can't start: config.json needs a fix"</h1>
                <dl class=style::facts>
                    <dt>"Field"</dt>
                    <dd><code data-field>{error.field.clone()}</code></dd>
                    <dt>"Expected"</dt>
                    <dd>{error.expected.clone()}</dd>
                    <dt>"Found"</dt>
                    <dd>{error.found.clone()}</dd>
                </dl>
                <p class=style::hint>
                    "Edit config.json beside index.html and reload. Remove the file, or its clientId, to run in demo mode on the simulator."
                </p>
            </section>
        </main>
    }
}
