//! The migrations table: sortable, filterable, keyed rows with a signal per cell.

use super::live::{use_live, LiveRow};
use super::migration_actions::MigrationActions;
use super::phase_filter::PhaseFilter;
use super::phase_pill::PhasePill;
use crate::components::progress_bar::ProgressBar;
use anf_core::migration::{phase_counts, sort_rows, PhaseKind, RowSummary, SortDir, SortKey};
use leptos::prelude::*;
use std::collections::BTreeMap;

stylance::import_crate_style!(style, "src/components/migrations/migrations_table.module.css");

/// A row's summary for sorting and filtering; only the cells `key` and the filter need are
/// tracked, so a progress tick doesn't re-sort a table sorted by name.
fn summary(r: &LiveRow, key: SortKey, filtering: bool) -> RowSummary {
    let track = |k: SortKey| k == key || filtering;
    RowSummary {
        key: r.id.clone(),
        name: r.name.get_untracked(),
        source: if track(SortKey::Source) { r.source_text() } else { String::new() },
        phase: r.phase.get(),
        progress: if track(SortKey::Progress) { r.progress.get() } else { None },
        lag: if track(SortKey::Lag) { r.lag.get() } else { None },
        error: if filtering { r.error.get() } else { None },
    }
}

/// Every migration in the live data, with the table's controls.
#[component]
pub fn MigrationsTable() -> impl IntoView {
    let live = use_live();
    let sort = RwSignal::new((SortKey::Name, SortDir::Ascending));
    let text = RwSignal::new(String::new());
    let phases = RwSignal::new(Vec::<PhaseKind>::new());
    let counts: Memo<BTreeMap<PhaseKind, usize>> = Memo::new(move |_| {
        live.rows.with(|rows| {
            let all: Vec<_> = rows.iter().map(|r| r.phase.get()).collect();
            phase_counts(&all)
        })
    });
    let visible: Memo<Vec<LiveRow>> = Memo::new(move |_| {
        let (key, dir) = sort.get();
        let needle = text.get();
        let kinds = phases.get();
        let filtering = !needle.trim().is_empty();
        live.rows.with(|rows| {
            // The name is read tracked too: renames are rare, and it is the default sort.
            rows.iter().for_each(|r| r.name.track());
            let mut summaries: Vec<RowSummary> = rows
                .iter()
                .map(|r| summary(r, key, filtering))
                .filter(|s| s.matches(&needle, &kinds))
                .collect();
            sort_rows(&mut summaries, key, dir);
            // By id, not by scanning: a scan per row made 1,000 rows cost a million compares
            // on every phase change.
            let by_id: std::collections::HashMap<&str, &LiveRow> =
                rows.iter().map(|r| (r.id.as_str(), r)).collect();
            summaries
                .iter()
                .filter_map(|s| by_id.get(s.key.as_str()).map(|r| (*r).clone()))
                .collect()
        })
    });
    let header = move |label: &'static str, key: SortKey| {
        let aria = move || {
            let (k, d) = sort.get();
            if k == key {
                d.aria()
            } else {
                "none"
            }
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class=style::sort data-sort=label
                    on:click=move |_| sort.update(|(k, d)| {
                        if *k == key { *d = d.flip(); } else { *k = key; *d = SortDir::Ascending; }
                    })>
                    {label}
                    <span aria-hidden="true" class=style::arrow>{move || match aria() {
                        "ascending" => "▲", "descending" => "▼", _ => "↕"
                    }}</span>
                </button>
            </th>
        }
    };
    let shown = move || visible.with(Vec::len);
    let total = move || live.rows.with(Vec::len);
    view! {
        <div class="stack">
            <div class=style::controls>
                <div class="field">
                    <label for="migrations-filter">"Filter"</label>
                    <input id="migrations-filter" type="search" placeholder="Name, source, phase or error"
                        aria-describedby="migrations-filter-hint"
                        prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e)) />
                    <span id="migrations-filter-hint" class="field-hint" aria-live="polite">
                        {move || format!("{} of {} migrations shown", shown(), total())}
                    </span>
                </div>
                <PhaseFilter counts=counts selected=phases />
            </div>
            <div class=style::scroller role="region" aria-label="Migrations table" tabindex="0">
                <table class=format!("data-table {}", style::table)>
                    <caption class=style::caption>"Migration volumes in the capacity pool"</caption>
                    <thead>
                        <tr>
                            {header("Volume", SortKey::Name)}
                            {header("Source", SortKey::Source)}
                            {header("Phase", SortKey::Phase)}
                            <th scope="col">"Mirror state"</th>
                            <th scope="col">"Relationship"</th>
                            <th scope="col">"Health"</th>
                            {header("Progress", SortKey::Progress)}
                            {header("Lag", SortKey::Lag)}
                            <th scope="col">"Last error"</th>
                            <th scope="col">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || visible.get() key=|r| r.id.clone() let:row>
                            <MigrationRow row=row />
                        </For>
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// One row; each cell reads only its own signal.
#[component]
fn MigrationRow(row: LiveRow) -> impl IntoView {
    let r = row.clone();
    let name = r.name;
    let progress = r.progress;
    let text = r.progress_text;
    let phase = r.phase;
    let health = move || match r.healthy.get() {
        Some(true) => "Healthy",
        Some(false) => "Unhealthy",
        None => "—",
    };
    // The bar is created once and follows its signal; only showing it depends on the phase.
    let show_bar =
        Memo::new(move |_| phase.with(|p| p.is_transferring()) || progress.with(Option::is_some));
    let bar_label = format!("Transfer progress of {}", name.get_untracked());
    let source = row.clone();
    view! {
        <tr data-volume=move || name.get()>
            <th scope="row"><a href=move || format!("/migrations/{}", name.get())>{move || name.get()}</a></th>
            <td class="mono">{move || source.source_text()}</td>
            <td><PhasePill phase=phase /></td>
            <td data-cell="mirror">{move || r.mirror.get()}</td>
            <td data-cell="relationship">{move || r.relationship.get()}</td>
            <td data-cell="health">{health}</td>
            <td data-cell="progress"><div class=style::progress><Show when=move || show_bar.get()><ProgressBar value=progress label=bar_label.clone() /></Show><span class="muted">{move || text.get()}</span></div></td>
            <td data-cell="lag">{move || r.lag_text.get()}</td>
            <td data-cell="error" class=style::error>{move || r.error.get().unwrap_or_default()}</td>
            <td><MigrationActions row=row.clone() menu=true /></td>
        </tr>
    }
}
