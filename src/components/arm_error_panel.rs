//! An ARM error as a person can act on it.

use anf_core::arm::ArmError;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/arm_error_panel.module.css");

/// What went wrong in plain words, with ARM's code, message and target, and the request id a
/// support case needs; links to the Activity log where the call is listed.
#[component]
pub fn ArmErrorPanel(
    /// The error.
    error: ArmError,
) -> impl IntoView {
    let summary = error.user_message();
    view! {
        <div class=style::panel role="alert">
            <p class=style::summary>{summary}</p>
            <dl class=style::facts>
                {error.code.clone().map(|c| view! { <dt>"Code"</dt><dd class="mono">{c}</dd> })}
                <dt>"Message"</dt>
                <dd>{error.message.clone()}</dd>
                {error.target.clone().map(|t| view! { <dt>"About"</dt><dd class="mono">{t}</dd> })}
                {(error.status != 0).then(|| view! { <dt>"HTTP status"</dt><dd>{error.status}</dd> })}
                {error.request_id.clone().map(|r| view! { <dt>"Request id"</dt><dd class="mono">{r}</dd> })}
                {error.correlation_id.clone().map(|c| view! { <dt>"Correlation id"</dt><dd class="mono">{c}</dd> })}
            </dl>
            {(!error.details.is_empty()).then(|| view! {
                <ul class=style::details>
                    {error.details.iter().map(|d| view! {
                        <li>{d.code.clone().map(|c| format!("{c}: ")).unwrap_or_default()}{d.message.clone().unwrap_or_default()}</li>
                    }).collect_view()}
                </ul>
            })}
            <p><a href="/activity">"See the call in Activity"</a></p>
        </div>
    }
}
