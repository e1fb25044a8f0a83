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
    // Keyed by the phase alone: a count that moves on a poll tick changes one text node, it
    // doesn't replace the chip (and its focus, if the keyboard is on it).
    let kinds = move || counts.with(|c| c.keys().copied().collect::<Vec<PhaseKind>>());
    view! {
        <div class=style::chips role="group" aria-label="Filter by phase">
            <button type="button" class=style::chip
                aria-pressed=move || selected.with(Vec::is_empty).to_string()
                on:click=move |_| selected.set(Vec::new())>
                "All " <span class=style::count>{total}</span>
            </button>
            <For each=kinds key=|kind| *kind let:kind>
                {
                    let n = move || counts.with(|c| c.get(&kind).copied().unwrap_or(0));
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
