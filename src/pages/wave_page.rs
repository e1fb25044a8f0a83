//! One wave: its plan while it is planned, its run once started (stages, peering commands, the
//! watch table, the cut-over window, finalize).

use crate::components::page_header::PageHeader;
use crate::components::waves::plan_editor::PlanEditor;
use crate::components::waves::run_view::RunView;
use crate::components::waves::WaveSlot;
use crate::state::waves::use_waves;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The wave at `/waves/:name`.
#[component]
pub fn WavePage() -> impl IntoView {
    let waves = use_waves();
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name").unwrap_or_default()));
    let started = Memo::new(move |_| waves.get(&name.get()).map(|w| w.run.is_some()));
    view! {
        {move || {
            let n = name.get();
            match started.get() {
                None => view! {
                    <PageHeader title="Wave not found" summary="There is no wave of that name for the signed-in user." />
                    <p><a href="/waves">"All waves"</a></p>
                }.into_any(),
                Some(false) => view! {
                    <PageHeader title=format!("Wave {n}") summary="Planned, not started. Fix what the checks find, then start it." />
                    <PlanEditor wave=WaveSlot::Named(n) />
                }.into_any(),
                Some(true) => view! { <RunView name=n /> }.into_any(),
            }
        }}
    }
}
