//! A labelled select in its [`Field`].

use super::{use_field, Field};
use leptos::prelude::*;

/// A select over `(value, label)` options.
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
    view! {
        <Field id label error hint>
            <Select value options on_change on_blur placeholder />
        </Field>
    }
}

#[component]
fn Select(
    value: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    on_change: Callback<String>,
    on_blur: Callback<()>,
    placeholder: Option<String>,
) -> impl IntoView {
    let field = use_field();
    view! {
        <select
            id=field.id()
            on:change=move |ev| on_change.run(event_target_value(&ev))
            on:blur=move |_| on_blur.run(())
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
        >
            {placeholder.map(|p| view! { <option value="" selected=move || value.with(String::is_empty)>{p}</option> })}
            {move || options.get().into_iter().map(|(v, l)| {
                let chosen = v.clone();
                view! { <option value=v selected=move || value.with(|x| *x == chosen)>{l}</option> }
            }).collect_view()}
        </select>
    }
}
