//! A started wave's page: where it stands, what the admin runs on the source, every volume
//! watched live, the cut-over window and finalize.
//!
//! The live figures come from the same live data as the Migrations page
//! ([`use_live_migrations`]) over the wave's pools, inside the same read budget: the wave's
//! page replaces the table, it doesn't add a second poller.

use super::cut_over_panel::CutOverPanel;
use super::failures_panel::FailuresPanel;
use super::finalize_panel::FinalizePanel;
use super::peering_panel::PeeringPanel;
use super::run_data::{run_parts, RunParts};
use super::run_totals::RunTotals;
use super::stage_bar::StageBar;
use super::watch_table::WatchTable;
use crate::components::page_header::PageHeader;
use crate::state::live::{use_live_migrations, LiveTarget};
use crate::state::waves::use_waves;
use anf_core::ids::VolumeId;
use anf_core::wave::saved::SavedWave;
use leptos::prelude::*;

/// The started wave `name`.
#[component]
pub fn RunView(
    /// The wave's name.
    #[prop(into)]
    name: String,
) -> impl IntoView {
    let waves = use_waves();
    let name = StoredValue::new(name);
    let wave = Memo::new(move |_| waves.get(&name.get_value()));
    let pools = Memo::new(move |_| {
        wave.with(|w| {
            let mut ids: Vec<String> = Vec::new();
            for v in w.iter().flat_map(|w| w.run.iter()).flat_map(|r| r.volumes.iter()) {
                if let Ok(id) = VolumeId::parse(&v.id) {
                    let pool = id.pool_id().to_string();
                    if !ids.iter().any(|p| p.eq_ignore_ascii_case(&pool)) {
                        ids.push(pool);
                    }
                }
            }
            ids
        })
    });
    let target = Signal::derive(move || {
        let list: Vec<anf_core::ids::PoolId> =
            pools.get().iter().filter_map(|p| anf_core::ids::PoolId::parse(p).ok()).collect();
        match list.len() {
            0 => None,
            1 => list.into_iter().next().map(LiveTarget::Pool),
            _ => Some(LiveTarget::Pools(list)),
        }
    });
    let live = use_live_migrations(target);
    let RunParts { data, entries, statuses } = run_parts(name, wave, live);
    let header = move || {
        let stage = wave.with(|w| w.as_ref().map(SavedWave::stage));
        stage.map_or_else(String::new, |s| s.label().to_owned())
    };
    let driven = move || {
        let n = name.get_value();
        if waves.driven_here(&n) {
            "This tab drives the wave: keep it open (and visible) while it runs; a reload picks up where it was."
        } else if waves.driven_elsewhere(&n) {
            "Another tab of this browser drives this wave; this one shows it."
        } else {
            "The wave is picked up by this tab."
        }
    };
    view! {
        <PageHeader title=format!("Wave {}", name.get_value()) summary="Every volume of the wave from create to finalize, with what to run on the source cluster at each step." />
        <div class="stack" data-run-view="true">
            <p class="muted" data-driven="true">{driven}</p>
            <StageBar stage=Signal::derive(move || wave.with(|w| w.as_ref().map(SavedWave::stage))) />
            <p class="visually-hidden" aria-live="polite">{header}</p>
            {move || waves.list_error(&name.get_value()).map(|e| view! { <p class="field-error" role="alert">{e}" Trying again shortly."</p> })}
            <RunTotals data />
            <FailuresPanel data />
            // What the admin does next comes first: the window and finalize once the baselines
            // are done, the peering commands while peering.
            <FinalizePanel data />
            <CutOverPanel data />
            <PeeringPanel data />
            <WatchTable entries=Signal::derive(move || entries.get()) statuses figures=data.figures link=data.link
                on_page=Callback::new(move |ids| { live.on_screen.try_set(Some(ids)); }) />
            <div class="toolbar">
                <a class="btn" href=move || format!("/waves/{}/runbook", name.get_value())>"Runbook (printable)"</a>
                <a class="btn" href="/waves">"All waves"</a>
            </div>
        </div>
    }
}
