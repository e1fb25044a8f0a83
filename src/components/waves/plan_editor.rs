//! Planning a wave: the wave's settings and defaults, adding volumes, the rows with their
//! problems, the checks, the estimates and the start. Everything is kept as it is typed (per
//! tenant and user, in localStorage), so nothing is lost to a reload or a day's break.

use super::add_volumes::AddVolumes;
use super::context::use_wave_data;
use super::peer_addresses::PeerAddresses;
use super::plan_table::PlanTable;
use super::start_bar::StartBar;
use super::wave_checks::WaveChecks;
use super::wave_defaults::WaveDefaults;
use super::wave_estimates::WaveEstimates;
use super::{PlanHandle, WaveSlot};
use crate::state::scope::use_scope;
use crate::state::waves::use_waves;
use crate::user_timing::measure;
use anf_core::wave::estimate::Link;
use anf_core::wave::{check_wave, plan_estimates};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/waves/plan_editor.module.css");

/// The plan editor for `slot`.
#[component]
pub fn PlanEditor(
    /// The draft or a kept wave.
    wave: WaveSlot,
) -> impl IntoView {
    let waves = use_waves();
    let scope = use_scope();
    let handle = PlanHandle::new(waves, wave);
    let data = use_wave_data(handle);
    // Until the wave has its own account and default pool, it takes the scope's; and the only
    // delegated subnet, when there is one.
    Effect::new(move |_| {
        let Some(account) = data.account.get() else { return };
        let (own, pool, subnet) = handle.wave.with(|w| {
            w.as_ref().map_or((String::new(), String::new(), String::new()), |w| {
                (
                    w.settings.account.clone(),
                    w.plan.defaults.pool.clone(),
                    w.plan.defaults.subnet_id.clone(),
                )
            })
        });
        let scope_pool = scope.with(|s| s.pool.clone()).unwrap_or_default();
        let only_subnet = data.subnets.with(|s| match s {
            Some(Ok(list)) if list.len() == 1 => Some(list[0].subnet.id.clone()),
            _ => None,
        });
        if own.is_empty()
            || (pool.is_empty() && !scope_pool.is_empty())
            || (subnet.is_empty() && only_subnet.is_some())
        {
            handle.change(|w| {
                if w.settings.account.is_empty() {
                    w.settings.account = account.to_string();
                }
                if w.plan.defaults.pool.is_empty() {
                    w.plan.defaults.pool.clone_from(&scope_pool);
                }
                if w.plan.defaults.subnet_id.is_empty() {
                    if let Some(s) = only_subnet {
                        w.plan.defaults.subnet_id = s;
                    }
                }
            });
        }
    });
    // Demo mode has one source cluster: a paste from its console (no prompt line) names none.
    let arm = crate::arm::context::use_arm();
    if let Some(cluster) = arm.demo().and_then(|w| w.read(|s| s.cluster_names().into_iter().next()))
    {
        Effect::new(move |_| {
            if handle.wave.with(|w| w.as_ref().is_some_and(|w| w.plan.source_cluster.is_empty())) {
                handle.change_plan(|p| p.source_cluster.clone_from(&cluster));
            }
        });
    }
    let verdict = Memo::new(move |_| {
        handle.wave.with(|w| {
            let plan = w.as_ref().map(|w| &w.plan);
            let empty = anf_core::wave::WavePlan::default();
            measure("wave: check", || data.ctx.with(|c| check_wave(plan.unwrap_or(&empty), c)))
        })
    });
    let estimates = Memo::new(move |_| {
        let link =
            handle.wave.with(|w| w.as_ref().map_or(1000.0, |w| w.settings.link_mbit_per_second));
        let pools = data.ctx.with(|c| c.pools.clone());
        verdict.with(|v| plan_estimates(v, &pools, Link { mbit_per_second: link }))
    });
    view! {
        <div class="stack" data-plan-editor="true">
            <WaveDefaults handle data />
            <AddVolumes handle />
            <PlanTable handle verdict estimates />
            <div class=style::pair>
                <WaveChecks verdict data />
                <WaveEstimates handle estimates />
            </div>
            <PeerAddresses handle verdict />
            <StartBar handle verdict data />
        </div>
    }
}
