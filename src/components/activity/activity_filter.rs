//! Narrowing the Activity log: text, method, failures only.

use crate::arm::activity::ActivityEntry;
use leptos::prelude::*;

/// What to show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Case-insensitive text in the path, status, error or ids.
    pub text: String,
    /// Only this method (`GET`, `POST`...), or all.
    pub method: Option<String>,
    /// Only failed calls.
    pub errors_only: bool,
}

impl Filter {
    /// Whether `e` passes.
    #[must_use]
    pub fn matches(&self, e: &ActivityEntry) -> bool {
        if self.errors_only && !e.is_error() {
            return false;
        }
        if self.method.as_ref().is_some_and(|m| *m != e.method) {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        if needle.is_empty() {
            return true;
        }
        if e.status.is_some_and(|s| s.to_string().contains(&needle)) {
            return true;
        }
        [
            e.error.as_deref(),
            e.message.as_deref(),
            e.request_id.as_deref(),
            e.correlation_id.as_deref(),
        ]
        .into_iter()
        .flatten()
        .chain(std::iter::once(e.path.as_str()))
        .any(|field| field.to_lowercase().contains(&needle))
    }
}

/// The filter controls.
#[component]
pub fn ActivityFilter(
    /// The filter they edit.
    filter: RwSignal<Filter>,
) -> impl IntoView {
    view! {
        <label class="visually-hidden" for="activity-search">"Search calls"</label>
        <input id="activity-search" type="search" placeholder="Path, status, error or request id"
            prop:value=move || filter.with(|f| f.text.clone())
            on:input=move |e| filter.update(|f| f.text = event_target_value(&e)) />
        <label class="visually-hidden" for="activity-method">"Method"</label>
        <select id="activity-method" on:change=move |e| {
            let v = event_target_value(&e);
            filter.update(|f| f.method = (!v.is_empty()).then_some(v));
        }>
            <option value="">"All methods"</option>
            {["GET", "PUT", "POST", "PATCH", "DELETE"].map(|m| view! { <option value=m>{m}</option> })}
        </select>
        <label class="cluster">
            <input type="checkbox" prop:checked=move || filter.with(|f| f.errors_only)
                on:change=move |e| filter.update(|f| f.errors_only = event_target_checked(&e)) />
            "Failures only"
        </label>
    }
}
