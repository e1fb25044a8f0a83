//! A form field's frame: the label, the hint, a non-blocking warning and the error, around one
//! control. As thaw's `Field`: the frame puts the field's id and validation state in context,
//! and the control inside takes them from there ([`use_field`]), so the label, the
//! `aria-describedby` list and `aria-invalid` can't drift apart from one control to another.

pub mod select_field;
pub mod text_field;
pub mod textarea_field;

use leptos::prelude::*;

stylance::import_crate_style!(pub(crate) style, "src/components/field/field.module.css");

/// The field a control sits in.
#[derive(Clone, Copy)]
pub struct FieldState {
    id: StoredValue<String>,
    error: Signal<Option<String>>,
    hint: Signal<bool>,
    warning: Signal<bool>,
}

impl FieldState {
    /// The control's id (the label points at it).
    #[must_use]
    pub fn id(&self) -> String {
        self.id.get_value()
    }

    /// `aria-invalid`: "true" while an error shows.
    pub fn invalid(self) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || if self.error.with(Option::is_some) { "true" } else { "false" }
    }

    /// `aria-describedby`: the ids of the hint, warning and error that show.
    pub fn described_by(self) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        move || {
            let id = self.id.get_value();
            let parts: Vec<String> = [
                (self.hint.get(), "hint"),
                (self.warning.get(), "warning"),
                (self.error.with(Option::is_some), "error"),
            ]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, part)| format!("{id}-{part}"))
            .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
    }
}

/// The field around the control given as children.
#[component]
pub fn Field(
    /// The control's id; the hint, warning and error ids derive from it.
    #[prop(into)]
    id: String,
    /// The label, in the portal's words.
    #[prop(into)]
    label: String,
    /// The error to show, if any: announced, and tied to the control.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Help under the control.
    #[prop(optional, into)]
    hint: MaybeProp<String>,
    /// A remark that does not block.
    #[prop(optional, into)]
    warning: MaybeProp<String>,
    /// The control (it reads [`use_field`]).
    children: Children,
) -> impl IntoView {
    let state = FieldState {
        id: StoredValue::new(id.clone()),
        error,
        hint: Signal::derive(move || hint.with(Option::is_some)),
        warning: Signal::derive(move || warning.with(Option::is_some)),
    };
    provide_context(state);
    let (hint_id, warning_id, error_id) =
        (format!("{id}-hint"), format!("{id}-warning"), format!("{id}-error"));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {children()}
            {move || hint.get().map(|h| view! { <p id=hint_id.clone() class="field-hint">{h}</p> })}
            {move || warning.get().map(|w| view! { <p id=warning_id.clone() class=style::warning>{w}</p> })}
            <p id=error_id class=format!("field-error {}", style::error) aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

/// The field the calling control sits in.
///
/// # Panics
/// Outside a [`Field`].
#[must_use]
pub fn use_field() -> FieldState {
    expect_context::<FieldState>()
}
