//! The migrations table: sortable, filterable, paged, keyed rows with a signal per cell.
//!
//! Sorting and filtering go over every migration; only the page shown is in the DOM, so a poll
//! tick over a thousand migrations lays out one page, not a thousand rows (issue 7: 38 ms a
//! tick with every row mounted). Paging rather than windowing: the rows keep their natural
//! height (errors wrap), find-in-page and the keyboard see every row of the page, and the
//! pager is what the portal's own grids offer.

use super::migration_actions::MigrationActions;
use super::phase_filter::PhaseFilter;
use super::phase_pill::PhasePill;
use super::table_pager::TablePager;
use crate::components::progress_bar::ProgressBar;
use crate::state::live::{use_live, LiveRow, UNKNOWN};
use crate::storage::{self, Area};
use anf_core::migration::{
    phase_counts, sort_rows, Phase, PhaseKind, RowSummary, SortDir, SortKey, TableView,
};
use leptos::html;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Where the table's order, filters and page are kept for the tab.
const VIEW_KEY: &str = "anf-migrate.migrations-table";

stylance::import_crate_style!(style, "src/components/migrations/migrations_table.module.css");

/// A row's summary for sorting and filtering; only the cells `key` and the filters need are
/// tracked, so a progress tick or a transfer starting doesn't re-sort a table sorted by name.
fn summary(r: &LiveRow, key: SortKey, filtering: bool, by_phase: bool) -> RowSummary {
    let track = |k: SortKey| k == key || filtering;
    RowSummary {
        key: r.id.clone(),
        name: r.name.get_untracked(),
        source: if track(SortKey::Source) { r.source_text() } else { String::new() },
        phase: if track(SortKey::Phase) || by_phase {
            r.phase.get()
        } else {
            r.phase.get_untracked()
        },
        progress: if track(SortKey::Progress) { r.progress.get() } else { None },
        lag: if track(SortKey::Lag) { r.lag.get() } else { None },
        error: if filtering { r.error.get() } else { None },
    }
}

/// Every migration in the live data, with the table's controls.
#[component]
pub fn MigrationsTable() -> impl IntoView {
    let live = use_live();
    // Order, filters and page as the user left them in this tab (details and back, a reload).
    let saved: TableView = storage::load(Area::Session, VIEW_KEY).unwrap_or_default();
    let sort = RwSignal::new(saved.sort);
    let text = RwSignal::new(saved.text);
    let phases = RwSignal::new(saved.phases);
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
        let by_phase = !kinds.is_empty();
        live.rows.with(|rows| {
            // The name is read tracked too: renames are rare, and it is the default sort.
            rows.iter().for_each(|r| r.name.track());
            let mut summaries: Vec<RowSummary> = rows
                .iter()
                .map(|r| summary(r, key, filtering, by_phase))
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
    let shown = Memo::new(move |_| visible.with(Vec::len));
    let total = move || live.rows.with(Vec::len);
    let paging = RwSignal::new(saved.paging);
    Effect::new(move |_| {
        let view = TableView {
            sort: sort.get(),
            text: text.get(),
            phases: phases.get(),
            paging: paging.get(),
        };
        storage::save(Area::Session, VIEW_KEY, &view);
    });
    // Another order or filter starts again at the first page: page 7 of another order holds
    // other rows. (The sort buttons, the text box and the chips all end up here.)
    Effect::watch(
        move || (sort.get(), text.get(), phases.get()),
        move |_, _, _| paging.update(|p| p.index = 0),
        false,
    );
    let range = Memo::new(move |_| paging.get().range(shown.get()));
    // Equal pages (same rows, same order) don't reach the list: a phase change that moves no
    // row re-renders nothing but its own cells.
    let page: Memo<Vec<LiveRow>> = Memo::new(move |_| {
        visible.with(|v| v.get(range.get()).map(<[_]>::to_vec).unwrap_or_default())
    });
    // The live data reads the rows of the page shown first and more often (its read budget);
    // with the table gone, every row counts as shown again.
    Effect::new(move |_| {
        let ids: Vec<String> = page.with(|p| p.iter().map(|r| r.id.clone()).collect());
        live.on_screen.set(Some(ids));
    });
    on_cleanup(move || {
        live.on_screen.try_set(None);
    });
    let scroller = NodeRef::<html::Div>::new();
    // A new page starts at its top row.
    Effect::watch(
        move || paging.get().index,
        move |_, _, _| {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
        },
        false,
    );
    view! {
        <div class="stack">
            <div class=style::controls>
                <div class="field">
                    <label for="migrations-filter">"Filter"</label>
                    <input id="migrations-filter" class=style::filter type="search" placeholder="Name, source, phase or error"
                        aria-describedby="migrations-filter-hint"
                        prop:value=move || text.get() on:input=move |e| text.set(event_target_value(&e)) />
                    <span id="migrations-filter-hint" class="field-hint" aria-live="polite">
                        {move || format!("{} of {} migrations shown", shown.get(), total())}
                    </span>
                </div>
                <PhaseFilter counts=counts selected=phases />
            </div>
            <div class=style::scroller role="region" aria-label="Migrations table" tabindex="0"
                node_ref=scroller>
                // The real size for screen readers: every row that passes the filter, plus the
                // header row; each row says where it stands among them.
                <table class=format!("data-table {}", style::table)
                    aria-rowcount=move || (shown.get() + 1).to_string()>
                    <caption class=style::caption>"Migration volumes in the capacity pool"</caption>
                    <thead>
                        <tr aria-rowindex="1">
                            {header("Volume", SortKey::Name)}
                            {header("Source", SortKey::Source)}
                            {header("Phase", SortKey::Phase)}
                            <th scope="col">"Replication"</th>
                            {header("Progress", SortKey::Progress)}
                            {header("Lag", SortKey::Lag)}
                            <th scope="col">"Last error"</th>
                            <th scope="col">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <ForEnumerate each=move || page.get() key=|r| r.id.clone() let(index, row)>
                            <MigrationRow row=row
                                position=Signal::derive(move || range.get().start + index.get()) />
                        </ForEnumerate>
                    </tbody>
                </table>
            </div>
            <TablePager paging=paging total=shown />
        </div>
    }
}

/// One row; each cell reads only its own signal. `position` is the row's place among all the
/// sorted, filtered rows (from 0), for `aria-rowindex` (the header row is 1).
#[component]
fn MigrationRow(row: LiveRow, position: Signal<usize>) -> impl IntoView {
    let r = row.clone();
    let name = r.name;
    let progress = r.progress;
    let text = r.progress_text;
    let phase = r.phase;
    let health = move || match r.healthy.get() {
        Some(true) => "Healthy",
        Some(false) => "Unhealthy",
        None => UNKNOWN,
    };
    let unreported = Memo::new(move |_| {
        r.healthy.with(Option::is_none)
            && r.mirror.with(|m| m == UNKNOWN)
            && r.relationship.with(|m| m == UNKNOWN)
    });
    let unreported_text = move || {
        phase.with(|p| match p {
            Phase::Unknown | Phase::Creating | Phase::Peering(_) | Phase::Baseline => {
                "Not reported yet"
            }
            _ => "No replication",
        })
    };
    // After a break, clients can write to the volume: the row says so, not only the dialog
    // before the action did.
    let access = move || phase.with(|p| p.access().filter(|_| p.is_read_write()));
    // The bar is created once and follows its signal; only showing it depends on the phase.
    let show_bar =
        Memo::new(move |_| phase.with(|p| p.is_transferring()) || progress.with(Option::is_some));
    let bar_label = format!("Transfer progress of {}", name.get_untracked());
    let source = row.clone();
    view! {
        <tr data-volume=move || name.get() aria-rowindex=move || (position.get() + 2).to_string()>
            <th scope="row" class=style::name><a href=move || format!("/migrations/{}", name.get())>{move || name.get()}</a></th>
            <td class=format!("mono {}", style::source)>{move || source.source_text()}</td>
            <td class=style::phase><PhasePill phase=phase /></td>
            // Mirror state, relationship and health share a column, so the table fits 1280 px.
            // When ARM reports none of the three, one phrase says why instead of three dashes:
            // not yet (being created or peered), or no replication at all (finalized, failed).
            <td class=style::replication>
                {move || access().map(|a| {
                    // Warned while it is still a migration (a dry run's writes are erased on
                    // resume); plain once it is a regular volume.
                    let class = if phase.with(|p| *p == Phase::Finalized) { "" } else { style::access };
                    // "Read-write" on its line, the why under it and free to wrap: the
                    // column stays narrow enough for the table to fit 1280 px.
                    let (head, why) = a.split_once(" (").map_or((a, None), |(h, w)| (h, Some(w)));
                    view! {
                        <span class=format!("{class} {}", style::access_line) data-cell="access">{head}
                            {why.map(|w| view! { " " <span class=style::why>"(" {w}</span> })}
                        </span>
                    }
                })}
                <Show when=move || !unreported.get() fallback=move || view! { <span class="muted" data-cell="unreported">{unreported_text}</span> }>
                    <span><span class="visually-hidden">"Mirror state "</span><span data-cell="mirror">{move || r.mirror.get()}</span></span>
                    <span><span class="visually-hidden">"Relationship "</span><span data-cell="relationship">{move || r.relationship.get()}</span></span>
                    <span><span class="visually-hidden">"Health "</span><span data-cell="health">{health}</span></span>
                </Show>
            </td>
            <td data-cell="progress"><div class=style::progress><Show when=move || show_bar.get()><ProgressBar value=progress label=bar_label.clone() /></Show><span class="muted">{move || text.get()}</span></div></td>
            <td data-cell="lag" class=style::lag>{move || r.lag_text.get()}</td>
            <td data-cell="error" class=style::error>{move || r.error.get().unwrap_or_default()}</td>
            <td class=style::actions><MigrationActions row=row.clone() menu=true /></td>
        </tr>
    }
}
