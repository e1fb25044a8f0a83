//! A labelled select with its hint and error.

use super::described_by;
use leptos::prelude::*;

stylance::import_crate_style!(
    #[allow(dead_code)]
    style,
    "src/components/new_migration/field.module.css"
);

/// A select over `(value, label)` options; the error is tied to it like a text field's.
#[component]
pub fn SelectField(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The label.
    #[prop(into)]
    label: String,
    /// The chosen value.
    #[prop(into)]
    value: Signal<String>,
    /// `(value, label)` pairs.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// Called with the new value.
    on_change: Callback<String>,
    /// Called when focus leaves.
    on_blur: Callback<()>,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help under the select.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// A first option with an empty value ("Choose ..."), when nothing is chosen yet.
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
            <select
                id=control_id
                on:change=move |ev| on_change.run(event_target_value(&ev))
                on:blur=move |_| on_blur.run(())
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=describe
            >
                {placeholder.map(|p| view! { <option value="" selected=move || value.with(String::is_empty)>{p}</option> })}
                {move || options.get().into_iter().map(|(v, l)| {
                    let chosen = v.clone();
                    view! { <option value=v selected=move || value.with(|x| *x == chosen)>{l}</option> }
                }).collect_view()}
            </select>
            {move || hint.get().map(|h| view! { <p id=hint_id.clone() class="field-hint">{h}</p> })}
            <p id=error_id class=format!("field-error {}", style::error) aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
