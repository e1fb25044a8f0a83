//! A labelled text input in its [`Field`].

use super::{style, use_field, Field};
use leptos::prelude::*;

/// A text input; `children` sit beside it (a unit picker).
#[component]
pub fn TextField(
    /// The input's id.
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
    view! {
        <Field id label error hint warning>
            <div class=style::row>
                <TextInput value on_input on_blur mono />
                {children.map(|c| c())}
            </div>
        </Field>
    }
}

#[component]
fn TextInput(
    value: Signal<String>,
    on_input: Callback<String>,
    on_blur: Callback<()>,
    mono: bool,
) -> impl IntoView {
    let field = use_field();
    view! {
        <input
            id=field.id()
            type="text"
            class:mono=mono
            autocomplete="off"
            spellcheck="false"
            prop:value=move || value.get()
            on:input=move |ev| on_input.run(event_target_value(&ev))
            on:blur=move |_| on_blur.run(())
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
        />
    }
}
