//! One volume of a started wave: its step in the wave, its live phase and progress (the live
//! row's own signals, so a tick re-renders only the cells that changed), its time left, its
//! step in the cut-over window and the last error.

use crate::components::migrations::phase_pill::PhasePill;
use crate::components::progress_bar::ProgressBar;
use crate::state::live::LiveRow;
use anf_core::migration::Phase;
use anf_core::wave::RowId;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What the wave says about one volume.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowStatus {
    /// Its step in the wave.
    pub wave: String,
    /// Its step in the cut-over window (empty: not in it).
    pub cut_over: String,
    /// The last failed call's message.
    pub error: Option<String>,
}

/// One row.
#[component]
pub fn WatchRow(
    /// The plan's row.
    row: RowId,
    /// The volume's name.
    #[prop(into)]
    name: String,
    /// Its source.
    #[prop(into)]
    source: String,
    /// Its live row, once the list has shown it.
    live: Option<LiveRow>,
    /// The wave's word on every volume.
    statuses: Memo<BTreeMap<RowId, RowStatus>>,
    /// Its time left, and the formula behind it.
    #[prop(into)]
    eta: Signal<(String, String)>,
) -> impl IntoView {
    let status = Memo::new(move |_| statuses.with(|s| s.get(&row).cloned().unwrap_or_default()));
    let eta = Memo::new(move |_| eta.get());
    let phase = live.as_ref().map_or_else(|| Signal::derive(|| Phase::Unknown), |l| l.phase.into());
    let progress =
        live.as_ref().map_or_else(|| Signal::derive(|| None::<f64>), |l| l.progress.into());
    let progress_text: Signal<String> =
        live.as_ref().map_or_else(|| Signal::derive(String::new), |l| l.progress_text.into());
    let live_error: Signal<Option<String>> =
        live.as_ref().map_or_else(|| Signal::derive(|| None::<String>), |l| l.error.into());
    let label = format!("Baseline of {name}");
    view! {
        <tr data-volume=name.clone()>
            <th scope="row">
                <span class="mono">{name.clone()}</span>
                <br />
                <span class="muted">{source}</span>
            </th>
            <td data-wave-step="true">{move || status.with(|s| s.wave.clone())}</td>
            <td>{move || live.is_some().then(|| view! { <PhasePill phase=phase /> })}</td>
            <td>
                <ProgressBar value=progress label=label />
                <span class="muted">{move || progress_text.get()}</span>
            </td>
            <td data-eta="true" title=move || eta.with(|e| e.1.clone())>{move || eta.with(|e| e.0.clone())}</td>
            <td data-cut-over-step="true">{move || status.with(|s| s.cut_over.clone())}</td>
            <td class="field-error">{move || status.with(|s| s.error.clone()).or_else(|| live_error.get())}</td>
        </tr>
    }
}
