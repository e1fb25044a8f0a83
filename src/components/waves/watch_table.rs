//! Every volume of a started wave, paged like the Migrations table (a wave of 500 lays out one
//! page at a tick), with a filter and "only those needing attention".

use super::watch_row::{RowStatus, WatchRow};
use crate::components::migrations::table_pager::TablePager;
use crate::state::live::LiveRow;
use anf_core::migration::{format_lag, Paging};
use anf_core::wave::estimate::Link;
use anf_core::wave::{volume_eta, RowId, VolumeEta, VolumeFigures};
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};

stylance::import_crate_style!(style, "src/components/waves/watch_table.module.css");

/// One volume for the table.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchEntry {
    /// The plan's row.
    pub row: RowId,
    /// The volume's ARM id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its source, as `cluster / SVM / volume`.
    pub source: String,
    /// Its live row, once the list has shown it.
    pub live: Option<LiveRow>,
}

/// A volume's time left in words, and the formula behind it.
fn eta_text(v: &VolumeFigures, link: Link) -> (String, String) {
    match volume_eta(v, link) {
        VolumeEta::Done => ("Done".to_owned(), String::new()),
        VolumeEta::Unknown => (String::new(), String::new()),
        VolumeEta::Estimate(e) => (format_lag(e.duration), e.formula),
    }
}

/// The table.
#[component]
pub fn WatchTable(
    /// The volumes, in wave order.
    #[prop(into)]
    entries: Signal<Vec<WatchEntry>>,
    /// The wave's word on each.
    statuses: Memo<BTreeMap<RowId, RowStatus>>,
    /// Each volume's figures, for its time left.
    figures: ReadSignal<Vec<VolumeFigures>>,
    /// The link the estimates assume.
    link: Memo<Link>,
    /// Told the ids of the volumes on the page shown (the live data reads those first).
    #[prop(optional)]
    on_page: Option<Callback<Vec<String>>>,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let attention = RwSignal::new(false);
    let paging = RwSignal::new(Paging::default());
    // Where each volume's figures are (the entries and the figures are both in wave order);
    // changes with the list, not at every tick.
    let index = Memo::new(move |_| {
        entries.with(|l| l.iter().enumerate().map(|(i, e)| (e.row, i)).collect::<HashMap<_, _>>())
    });
    let shown = Memo::new(move |_| {
        let needle = filter.get().trim().to_ascii_lowercase();
        let only = attention.get();
        entries.with(|list| {
            list.iter()
                .filter(|e| {
                    needle.is_empty()
                        || e.name.to_ascii_lowercase().contains(&needle)
                        || e.source.to_ascii_lowercase().contains(&needle)
                })
                .filter(|e| {
                    !only
                        || statuses.with(|s| s.get(&e.row).is_some_and(|s| s.error.is_some()))
                        || e.live.as_ref().is_some_and(|l| l.error.with(Option::is_some))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    Effect::watch(
        move || (filter.get(), attention.get()),
        move |_, _, _| paging.update(|p| p.index = 0),
        false,
    );
    let total = Signal::derive(move || shown.with(Vec::len));
    let page = Memo::new(move |_| {
        let range = paging.get().range(total.get());
        shown.with(|s| s.get(range).map(<[_]>::to_vec).unwrap_or_default())
    });
    // The time left of the rows on the page, in one memo the rows read theirs from: a row
    // works out its own (with its formula, a long string) only while it is on the page, and
    // the page's rows are one reader of the figures, not 25. Every reader of the figures
    // checks all 500 volumes' sources at each tick, and every poll's cell set marks every
    // reader again.
    let page_etas = Memo::new(move |_| {
        let link = link.get();
        page.with(|p| {
            index.with(|ix| {
                figures.with(|f| {
                    p.iter()
                        .filter_map(|e| {
                            let at = ix
                                .get(&e.row)
                                .copied()
                                .filter(|&i| f.get(i).is_some_and(|v| v.row == e.row));
                            let v =
                                at.map_or_else(|| f.iter().find(|v| v.row == e.row), |i| f.get(i))?;
                            Some((e.row, eta_text(v, link)))
                        })
                        .collect::<HashMap<_, _>>()
                })
            })
        })
    });
    let eta_of = move |row: RowId| {
        Signal::derive(move || page_etas.with(|m| m.get(&row).cloned().unwrap_or_default()))
    };
    if let Some(cb) = on_page {
        Effect::new(move |_| cb.run(page.with(|p| p.iter().map(|e| e.id.clone()).collect())));
    }
    view! {
        <section class="card stack" aria-labelledby="wave-watch-title">
            <h2 id="wave-watch-title">"Volumes"</h2>
            <div class="cluster">
                <div class="field">
                    <label for="wave-watch-filter">"Filter"</label>
                    <input id="wave-watch-filter" type="search" placeholder="Volume or source"
                        prop:value=move || filter.get() on:input=move |e| filter.set(event_target_value(&e)) />
                </div>
                <label class="cluster">
                    <input type="checkbox" prop:checked=move || attention.get() on:change=move |e| attention.set(event_target_checked(&e)) />
                    "Only volumes needing attention"
                </label>
            </div>
            <div class=style::scroller role="region" aria-label="The wave's volumes, live" tabindex="0">
                <table class=format!("data-table {}", style::table) data-watch-table="true">
                    <thead>
                        <tr>
                            <th scope="col">"Volume and source"</th>
                            <th scope="col">"Wave step"</th>
                            <th scope="col">"Phase"</th>
                            <th scope="col">"Baseline"</th>
                            <th scope="col">"Time left"</th>
                            <th scope="col">"Cut-over"</th>
                            <th scope="col">"Last error"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || page.get() key=|e| (e.row, e.live.is_some()) let(e)>
                            <WatchRow row=e.row name=e.name source=e.source live=e.live statuses eta=eta_of(e.row) />
                        </For>
                    </tbody>
                </table>
            </div>
            <TablePager paging total label="Pages of the wave's volumes" />
        </section>
    }
}
