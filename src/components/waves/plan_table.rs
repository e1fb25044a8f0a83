//! The plan's rows as an editable, paged table, with what can be done to many rows at once:
//! show only the rows with problems, drop them (asked first, naming them), export the plan as
//! CSV to edit elsewhere and import again.

use super::plan_row::{heading, style, PlanRow, EDITABLE};
use super::PlanHandle;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::migrations::table_pager::TablePager;
use crate::download::download_text;
use anf_core::migration::{format_lag, Paging};
use anf_core::wave::{write_csv, PlanEstimates, RowId, WaveVerdict};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The table and its tools.
#[component]
pub fn PlanTable(
    /// The wave edited.
    handle: PlanHandle,
    /// The checks.
    verdict: Memo<WaveVerdict>,
    /// The estimates.
    estimates: Memo<PlanEstimates>,
) -> impl IntoView {
    let only_bad = RwSignal::new(false);
    let paging = RwSignal::new(Paging::default());
    let bad = Memo::new(move |_| verdict.with(WaveVerdict::bad_rows));
    let ids = Memo::new(move |_| {
        let all: Vec<RowId> = handle.wave.with(|w| {
            w.as_ref().map(|w| w.plan.rows.iter().map(|r| r.id).collect()).unwrap_or_default()
        });
        if only_bad.get() {
            bad.with(|b| all.into_iter().filter(|id| b.contains(id)).collect())
        } else {
            all
        }
    });
    let total = Signal::derive(move || ids.with(Vec::len));
    let page = Memo::new(move |_| {
        let range = paging.get().range(total.get());
        ids.with(|ids| ids.get(range).map(<[_]>::to_vec).unwrap_or_default())
    });
    Effect::watch(move || only_bad.get(), move |_, _, _| paging.update(|p| p.index = 0), false);
    // The first problems in full ("line N, column X: ..."), each a way to its cell.
    let problems = Memo::new(move |_| {
        verdict.with(|v| {
            v.problems()
                .take(12)
                .map(|p| (format!("plan-cell-{}-{}", p.row, p.column.header()), p.to_string()))
                .collect::<Vec<_>>()
        })
    });
    let focus_cell = move |cell: &str| {
        let found = document().get_element_by_id(cell);
        match found {
            Some(el) => {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
            // On another page, or a column the table doesn't edit: show the rows with problems.
            None => only_bad.set(true),
        }
    };
    let confirm_drop = RwSignal::new(false);
    let dropping = Memo::new(move |_| {
        let bad = bad.get();
        handle.wave.with(|w| {
            w.as_ref().map_or_else(Vec::new, |w| {
                w.plan
                    .rows
                    .iter()
                    .filter(|r| bad.contains(&r.id))
                    .map(|r| format!("{}:{}", r.svm, r.source_volume))
                    .collect::<Vec<_>>()
            })
        })
    });
    let drop_bad = Callback::new(move |()| {
        let ids = bad.get_untracked();
        handle.change_plan(|p| p.drop_rows(&ids));
        only_bad.set(false);
    });
    let export = move |_| {
        let (name, csv) = handle.wave.with_untracked(|w| {
            w.as_ref().map(|w| (w.plan.name.clone(), write_csv(&w.plan.rows))).unwrap_or_default()
        });
        download_text(
            &format!("{}.csv", if name.is_empty() { "wave" } else { &name }),
            "text/csv",
            &csv,
        );
    };
    let estimate_of = move |id: RowId| {
        Signal::derive(move || {
            estimates.with(|e| {
                e.rows
                    .get(&id)
                    .map(|e| (format_lag(e.duration), e.formula.clone()))
                    .unwrap_or_default()
            })
        })
    };
    view! {
        <section class="card stack" aria-labelledby="wave-rows-title">
            <h2 id="wave-rows-title">{move || format!("Volumes ({})", handle.wave.with(|w| w.as_ref().map_or(0, |w| w.plan.rows.len())))}</h2>
            <div class="toolbar">
                <label class="cluster">
                    <input type="checkbox" prop:checked=move || only_bad.get()
                        on:change=move |e| only_bad.set(event_target_checked(&e)) />
                    {move || format!("Only rows with problems ({})", bad.with(Vec::len))}
                </label>
                <button type="button" class="btn" data-drop-bad="true"
                    disabled=move || bad.with(Vec::is_empty) on:click=move |_| confirm_drop.set(true)>
                    {move || match bad.with(Vec::len) { 1 => "Drop the row with problems".to_owned(), n => format!("Drop the {n} rows with problems") }}
                </button>
                <button type="button" class="btn" data-export-csv="true" on:click=export>"Export as CSV"</button>
            </div>
            <Show when=move || !problems.with(Vec::is_empty)>
                <div class=style::problems>
                    <p><strong>{move || match verdict.with(|v| v.problems().count()) { 1 => "1 problem".to_owned(), n => format!("{n} problems") }}</strong>" (the first ones; each is under its cell too):"</p>
                    <ul>
                        {move || problems.get().into_iter().map(|(cell, text)| view! {
                            <li><button type="button" class="btn btn-subtle review-problem" data-row-problem="true"
                                on:click=move |_| focus_cell(&cell)>{text}</button></li>
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
            <div class=style::scroller role="region" aria-label="The wave's volumes" tabindex="0">
                <table class=format!("data-table {}", style::table)>
                    <thead>
                        <tr>
                            <th scope="col">"From"</th>
                            {EDITABLE.iter().map(|c| view! { <th scope="col">{heading(*c)}</th> }).collect_view()}
                            <th scope="col">"Status"</th>
                            <th scope="col">"Baseline estimate"</th>
                            <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || page.get() key=|id| *id let(id)>
                            <PlanRow handle verdict id estimate=estimate_of(id) />
                        </For>
                    </tbody>
                </table>
            </div>
            <TablePager paging total label="Pages of the wave's volumes" />
            <ConfirmDialog open=confirm_drop title="Drop the rows with problems?"
                confirm_label="Drop them" danger=true on_confirm=drop_bad>
                <p>{move || format!("These {} rows leave the wave (their source volumes are not migrated with it; add them again later by paste, CSV or the list):", dropping.with(Vec::len))}</p>
                <ul class="mono">{move || dropping.get().into_iter().take(30).map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
                {move || (dropping.with(Vec::len) > 30).then(|| view! { <p class="muted">{format!("and {} more.", dropping.with(Vec::len) - 30)}</p> })}
            </ConfirmDialog>
        </section>
    }
}
