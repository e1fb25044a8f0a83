//! The volumes whose last call failed, what ARM said, and Retry (one, or every one).

use super::run_data::RunData;
use crate::state::waves::use_waves;
use anf_core::wave::RowId;
use leptos::prelude::*;

/// The failed calls of the wave.
#[component]
pub fn FailuresPanel(
    /// The run's data.
    data: RunData,
) -> impl IntoView {
    let waves = use_waves();
    let failed = Memo::new(move |_| {
        data.wave.with(|w| {
            w.as_ref().and_then(|w| w.run.as_ref()).map_or_else(Vec::new, |r| {
                r.volumes
                    .iter()
                    .filter_map(|v| {
                        v.error
                            .as_ref()
                            .map(|e| (v.row, v.name.clone(), e.call.label(), e.message.clone()))
                    })
                    .collect::<Vec<(RowId, String, &'static str, String)>>()
            })
        })
    });
    let name = data.name;
    view! {
        <Show when=move || !failed.with(Vec::is_empty)>
            <section class="card stack" aria-labelledby="wave-failed-title" data-failures="true">
                <h2 id="wave-failed-title">{move || format!("{} volumes need attention", failed.with(Vec::len))}</h2>
                <p class="muted">"Nothing more is sent for these until you retry: fix the cause first (the message says what ARM found)."</p>
                <ul class="stack">
                    {move || failed.get().into_iter().take(50).map(|(row, vol, call, message)| view! {
                        <li class="cluster" data-failed=vol.clone()>
                            <strong class="mono">{vol.clone()}</strong>
                            <span>{format!("{call}: {message}")}</span>
                            <button type="button" class="btn" aria-label=format!("Retry {vol}")
                                on:click=move |_| waves.retry(&name.get_value(), row)>"Retry"</button>
                        </li>
                    }).collect_view()}
                </ul>
                <div class="toolbar">
                    <button type="button" class="btn btn-primary" data-retry-all="true"
                        on:click=move |_| waves.retry_failed(&name.get_value())>"Retry every failed volume"</button>
                </div>
            </section>
        </Show>
    }
}
