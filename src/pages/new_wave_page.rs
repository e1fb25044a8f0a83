//! Planning a new migration wave: the draft, kept as typed until it starts or is kept for
//! later under its name.

use crate::components::page_header::PageHeader;
use crate::components::waves::plan_editor::PlanEditor;
use crate::components::waves::WaveSlot;
use crate::state::waves::use_waves;
use leptos::prelude::*;

/// The New wave page.
#[component]
pub fn NewWavePage() -> impl IntoView {
    let waves = use_waves();
    view! {
        <PageHeader title="New wave"
            summary="Many volumes of one source cluster, planned, created, peered, watched and cut over together. Add the volumes, fix what the checks find, then start; nothing reaches Azure before." />
        {move || if waves.can_keep() {
            view! { <PlanEditor wave=WaveSlot::Draft /> }.into_any()
        } else {
            view! { <p role="status">"Sign in to plan a wave: waves are kept for the signed-in user."</p> }.into_any()
        }}
    }
}
