//! A labelled textarea (lists pasted from ONTAP) with its hint and error.

use super::described_by;
use leptos::prelude::*;

stylance::import_crate_style!(
    #[allow(dead_code)]
    style,
    "src/components/new_migration/field.module.css"
);

/// A monospace textarea; the error is tied to it like [`super::text_field::TextField`]'s.
#[component]
pub fn TextareaField(
    /// The textarea's id.
    #[prop(into)]
    id: String,
    /// The label.
    #[prop(into)]
    label: String,
    /// The value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with each edit.
    on_input: Callback<String>,
    /// Called when focus leaves.
    on_blur: Callback<()>,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help under the textarea.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// Placeholder (an example).
    #[prop(optional, into)]
    placeholder: Option<String>,
) -> impl IntoView {
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let control_id = id.clone();
    let describe =
        move || described_by(&id, hint.get().is_some(), false, error.with(Option::is_some));
    view! {
        <div class="field">
            <label for=control_id.clone()>{label}</label>
            <textarea
                id=control_id
                class="mono"
                rows="4"
                spellcheck="false"
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_blur.run(())
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=describe
            ></textarea>
            {move || hint.get().map(|h| view! { <p id=hint_id.clone() class="field-hint">{h}</p> })}
            <p id=error_id class=format!("field-error {}", style::error) aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
