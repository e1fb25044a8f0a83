//! A labelled text input with its hint, warning and error.

use super::described_by;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/new_migration/field.module.css");

/// A text input; the error is announced and tied to the input (`aria-invalid`,
/// `aria-describedby`). `children` sit beside the input (a unit picker).
#[component]
pub fn TextField(
    /// The input's id; the hint, warning and error ids derive from it.
    #[prop(into)]
    id: String,
    /// The label, in the portal's words.
    #[prop(into)]
    label: String,
    /// The value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with each edit.
    on_input: Callback<String>,
    /// Called when focus leaves the input.
    on_blur: Callback<()>,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help under the input.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// A remark that does not block.
    #[prop(optional, into)]
    warning: MaybeProp<String>,
    /// Monospace (addresses, names as typed on ONTAP).
    #[prop(optional)]
    mono: bool,
    /// Beside the input.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let (hint_id, warning_id, error_id) =
        (format!("{id}-hint"), format!("{id}-warning"), format!("{id}-error"));
    let input_id = id.clone();
    let describe = move || {
        described_by(
            &id,
            hint.get().is_some(),
            warning.get().is_some(),
            error.with(Option::is_some),
        )
    };
    view! {
        <div class="field">
            <label for=input_id.clone()>{label}</label>
            <div class=style::row>
                <input
                    id=input_id
                    type="text"
                    class:mono=mono
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                    on:blur=move |_| on_blur.run(())
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=describe
                />
                {children.map(|c| c())}
            </div>
            {move || hint.get().map(|h| view! { <p id=hint_id.clone() class="field-hint">{h}</p> })}
            {move || warning.get().map(|w| view! { <p id=warning_id.clone() class=style::warning>{w}</p> })}
            <p id=error_id class=format!("field-error {}", style::error) aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
