//! Asks before anything that loses data, and names what will be lost.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/confirm_dialog.module.css");

/// A modal confirmation. With `require_typing`, the confirm button stays disabled until the
/// user types that exact text (the name of what is deleted), so a slip of the hand can't do it.
#[component]
pub fn ConfirmDialog(
    /// Shown while true; set to false on cancel and after confirming.
    open: RwSignal<bool>,
    /// The question.
    #[prop(into)]
    title: String,
    /// The confirm button's label, e.g. "Delete volume".
    #[prop(into)]
    confirm_label: String,
    /// A destructive action (red button).
    #[prop(optional)]
    danger: bool,
    /// Text the user must type to confirm.
    #[prop(optional)]
    require_typing: Option<String>,
    /// The label of the button that closes the dialog without doing anything: "Cancel"
    /// unless that reads as the action itself (Cancel migration).
    #[prop(optional, into)]
    cancel_label: Option<String>,
    /// Called once when confirmed.
    on_confirm: Callback<()>,
    /// What will happen and what will be lost.
    children: ChildrenFn,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let required = StoredValue::new(require_typing);
    let can_confirm =
        move || required.with_value(|r| r.as_ref().is_none_or(|r| typed.get().trim() == r));
    let cancel_label = cancel_label.unwrap_or_else(|| "Cancel".to_owned());
    let first_focus = NodeRef::<html::Button>::new();
    // Where the focus was when the dialog opened (a row's Actions button): it goes back there.
    let came_from = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let input_ref = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if open.get() {
            came_from.set_value(
                document()
                    .active_element()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()),
            );
            typed.set(String::new());
            // Focus moves into the dialog so keyboard users land on it.
            if let Some(input) = input_ref.get() {
                let _ = input.focus();
            } else if let Some(button) = first_focus.get() {
                let _ = button.focus();
            }
        }
    });
    let give_focus_back = move || {
        if let Some(el) = came_from.try_update_value(Option::take).flatten() {
            if el.is_connected() {
                let _ = el.focus();
            }
        }
    };
    let close = move || {
        open.set(false);
        give_focus_back();
    };
    let confirm = move || {
        if can_confirm() {
            open.set(false);
            give_focus_back();
            on_confirm.run(());
        }
    };
    let title_id = format!("confirm-{}", title.len());
    let confirm_class = if danger { "btn btn-danger" } else { "btn btn-primary" };
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| close()></div>
            <div
                class="modal"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                on:keydown=move |e: KeyboardEvent| {
                    if e.key() == "Escape" {
                        close();
                    }
                }
            >
                <h2 id=title_id.clone() class=style::title>{title.clone()}</h2>
                <div class=style::body>{children()}</div>
                {required.get_value().map(|text| {
                    view! {
                        <div class="field">
                            <label for="confirm-typing">"Type " <strong class="mono">{text.clone()}</strong> " to confirm"</label>
                            <input id="confirm-typing" node_ref=input_ref autocomplete="off"
                                prop:value=move || typed.get()
                                on:input=move |e| typed.set(event_target_value(&e))
                                on:keydown=move |e: KeyboardEvent| if e.key() == "Enter" { confirm() } />
                        </div>
                    }
                })}
                <div class=style::actions>
                    <button type="button" class="btn" node_ref=first_focus on:click=move |_| close()>{cancel_label.clone()}</button>
                    <button type="button" class=confirm_class disabled=move || !can_confirm()
                        on:click=move |_| confirm()>{confirm_label.clone()}</button>
                </div>
            </div>
        </Show>
    }
}
