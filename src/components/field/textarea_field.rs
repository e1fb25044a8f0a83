//! A labelled textarea (lists pasted from ONTAP) in its [`Field`].

use super::{use_field, Field};
use leptos::prelude::*;

/// A monospace textarea.
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
    /// A remark that does not block.
    #[prop(optional, into)]
    warning: MaybeProp<String>,
    /// Placeholder (an example).
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// Visible lines.
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    view! {
        <Field id label error hint warning>
            <Textarea value on_input on_blur placeholder rows=rows.unwrap_or(4) />
        </Field>
    }
}

#[component]
fn Textarea(
    value: Signal<String>,
    on_input: Callback<String>,
    on_blur: Callback<()>,
    placeholder: Option<String>,
    rows: u32,
) -> impl IntoView {
    let field = use_field();
    view! {
        <textarea
            id=field.id()
            class="mono"
            rows=rows.to_string()
            spellcheck="false"
            placeholder=placeholder
            prop:value=move || value.get()
            on:input=move |ev| on_input.run(event_target_value(&ev))
            on:blur=move |_| on_blur.run(())
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
        ></textarea>
    }
}
