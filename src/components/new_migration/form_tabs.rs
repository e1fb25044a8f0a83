//! The form's tab list (Source, Volume, Network and protocol, Review + Create).

use super::FormState;
use anf_core::wizard::new_migration::{tab_of, FormTab};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

stylance::import_crate_style!(style, "src/components/new_migration/form_tabs.module.css");

/// The id of a tab's button; its panel is `{id}-panel`.
#[must_use]
pub fn tab_id(tab: FormTab) -> String {
    format!("nm-tab-{}", tab.key())
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// Tabs as the WAI-ARIA pattern has them: arrow keys move between tabs, each tab says how
/// many of its fields need attention once they were shown.
#[component]
pub fn FormTabs(
    /// The form.
    form: FormState,
) -> impl IntoView {
    let open = move |tab: FormTab| {
        form.go_to(tab);
        focus(&tab_id(tab));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let current = form.draft.with_untracked(|d| d.tab);
        let target = match ev.key().as_str() {
            "ArrowRight" => current.next(),
            "ArrowLeft" => current.previous(),
            "Home" => FormTab::Source,
            "End" => FormTab::Review,
            _ => return,
        };
        ev.prevent_default();
        open(target);
    };
    view! {
        <div class=style::tabs role="tablist" aria-label="New migration steps" on:keydown=on_key>
            {FormTab::ALL.into_iter().map(|tab| {
                let selected = move || form.draft.with(|d| d.tab == tab);
                let problems = move || form.check.with(|c| {
                    form.draft.with(|d| c.errors.iter().filter(|e| tab_of(e.field) == tab && d.shows_error(e.field)).count())
                });
                view! {
                    <button
                        type="button"
                        role="tab"
                        id=tab_id(tab)
                        class=style::tab
                        aria-selected=move || selected().to_string()
                        aria-controls=format!("{}-panel", tab_id(tab))
                        tabindex=move || if selected() { "0" } else { "-1" }
                        on:click=move |_| open(tab)
                    >
                        {tab.label()}
                        {move || (tab != FormTab::Review && problems() > 0).then(|| view! {
                            <span class=style::badge>
                                {problems()}
                                <span class="visually-hidden">" to fix"</span>
                            </span>
                        })}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}
