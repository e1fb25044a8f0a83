//! The three ways to add volumes to a wave, as tabs: paste `volume show`, import a CSV, pick
//! from a list.

use super::csv_import::CsvImport;
use super::paste_import::PasteImport;
use super::pick_volumes::PickVolumes;
use super::PlanHandle;
use crate::storage::{self, Area};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

stylance::import_crate_style!(style, "src/components/waves/add_volumes.module.css");

const TABS: [(&str, &str); 3] =
    [("paste", "Paste volume show"), ("csv", "Import a CSV"), ("pick", "Pick from a list")];
/// The tab last open, for the tab.
const TAB_KEY: &str = "anf-migrate.wave-add-tab";

/// The tabs and the open one's panel (WAI-ARIA tabs: arrow keys move between them).
#[component]
pub fn AddVolumes(
    /// The wave edited.
    handle: PlanHandle,
) -> impl IntoView {
    let open = RwSignal::new(
        storage::load::<usize>(Area::Session, TAB_KEY).filter(|i| *i < TABS.len()).unwrap_or(0),
    );
    Effect::new(move |_| storage::save(Area::Session, TAB_KEY, &open.get()));
    let go = move |i: usize| {
        open.set(i);
        if let Some(el) = document().get_element_by_id(&format!("wave-add-{}", TABS[i].0)) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let i = open.get_untracked();
        let to = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % TABS.len(),
            "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
            "Home" => 0,
            "End" => TABS.len() - 1,
            _ => return,
        };
        ev.prevent_default();
        go(to);
    };
    view! {
        <section class=format!("card stack {}", style::wide) aria-labelledby="wave-add-title">
            <h2 id="wave-add-title">"Add volumes"</h2>
            <div class=style::tabs role="tablist" aria-label="Ways to add volumes" on:keydown=on_key>
                {TABS.iter().enumerate().map(|(i, (key, label))| view! {
                    <button type="button" role="tab" id=format!("wave-add-{key}") class=style::tab
                        aria-selected=move || (open.get() == i).to_string()
                        aria-controls="wave-add-panel"
                        tabindex=move || if open.get() == i { "0" } else { "-1" }
                        on:click=move |_| go(i)>{*label}</button>
                }).collect_view()}
            </div>
            <div id="wave-add-panel" role="tabpanel"
                aria-labelledby=move || format!("wave-add-{}", TABS[open.get()].0)>
                {move || match open.get() {
                    0 => view! { <PasteImport handle /> }.into_any(),
                    1 => view! { <CsvImport handle /> }.into_any(),
                    _ => view! { <PickVolumes handle /> }.into_any(),
                }}
            </div>
        </section>
    }
}
