//! Filter chips, one per phase, with the number of migrations in it.

use anf_core::migration::PhaseKind;
use leptos::prelude::*;
use std::collections::BTreeMap;

stylance::import_crate_style!(style, "src/components/migrations/phase_filter.module.css");

/// Toggle buttons for the phases present; none selected shows everything.
#[component]
pub fn PhaseFilter(
    /// How many rows are in each phase.
    #[prop(into)]
    counts: Signal<BTreeMap<PhaseKind, usize>>,
    /// The phases selected.
    selected: RwSignal<Vec<PhaseKind>>,
) -> impl IntoView {
    let total = move || counts.with(|c| c.values().sum::<usize>());
    let items = move || counts.get().into_iter().collect::<Vec<(PhaseKind, usize)>>();
    view! {
        <div class=style::chips role="group" aria-label="Filter by phase">
            <button type="button" class=style::chip
                aria-pressed=move || selected.with(Vec::is_empty).to_string()
                on:click=move |_| selected.set(Vec::new())>
                "All " <span class=style::count>{total}</span>
            </button>
            <For each=items key=|item| *item let:item>
                {
                    let (kind, n) = item;
                    view! {
                        <button type="button" class=style::chip data-phase-chip=format!("{kind:?}")
                            aria-pressed=move || selected.with(|s| s.contains(&kind)).to_string()
                            on:click=move |_| selected.update(|s| {
                                if let Some(i) = s.iter().position(|k| *k == kind) { s.remove(i); } else { s.push(kind); }
                            })>
                            {kind.label()} " " <span class=style::count>{n}</span>
                        </button>
                    }
                }
            </For>
        </div>
    }
}
