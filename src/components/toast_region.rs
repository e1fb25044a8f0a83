//! Where notices appear.

use crate::state::toasts::{use_toasts, ToastKind};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/toast_region.module.css");

/// The notices, announced politely to screen readers, each dismissible.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class=style::region role="status" aria-live="polite">
            <For each=move || toasts.list().get() key=|t| t.id let:toast>
                <div class=move || {
                    let kind = match toast.kind {
                        ToastKind::Success => style::success,
                        ToastKind::Error => style::error,
                        ToastKind::Info => style::info,
                    };
                    format!("{} {kind}", style::toast)
                }>
                    <span class=style::text>{toast.text.clone()}</span>
                    {(toast.kind == ToastKind::Error)
                        .then(|| view! { <a class=style::link href="/activity">"Activity"</a> })}
                    <button type="button" class=style::close aria-label="Dismiss"
                        on:click=move |_| toasts.dismiss(toast.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
