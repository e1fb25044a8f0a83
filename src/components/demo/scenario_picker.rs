//! Choosing what the simulated world looks like, for a demo or a training exercise.

use crate::arm::context::use_arm;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::state::cut_overs::use_cut_overs_slot;
use crate::state::operations::use_operations;
use crate::state::scope::{use_scope, Scope};
use crate::state::toasts::{use_toasts, ToastKind};
use crate::state::waves::use_waves_slot;
use anf_sim::Scenario;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/demo/scenario_picker.module.css");

/// A list of scenarios with what each one shows; starting one replaces the simulated world.
#[component]
pub fn ScenarioPicker(
    /// The scenario running now.
    current: Scenario,
) -> impl IntoView {
    let chosen = RwSignal::new(current);
    let running = RwSignal::new(current);
    let confirm = RwSignal::new(false);
    let arm = use_arm();
    let ops = use_operations();
    let cut_overs = use_cut_overs_slot();
    let waves = use_waves_slot();
    let scope = use_scope();
    let toasts = use_toasts();
    let start = Callback::new(move |()| {
        let Some(world) = arm.demo() else { return };
        let scenario = chosen.get_untracked();
        world.reset(scenario);
        ops.forget_all();
        cut_overs.forget_all();
        // The demo's waves planned and ran against the world that is gone.
        waves.forget_all();
        let s = world.read(|sim| sim.default_scope());
        scope.set(Scope {
            subscription: Some(s.subscription_id),
            resource_group: Some(s.resource_group),
            account: Some(s.account),
            pool: Some(s.pool),
        });
        running.set(scenario);
        toasts.push(ToastKind::Info, format!("Demo restarted: {}", scenario.title()));
    });
    view! {
        <fieldset class="stack">
            <legend class="visually-hidden">"Scenarios"</legend>
            {Scenario::all().iter().map(|&s| {
                let id = format!("scenario-{}", s.name());
                let label_for = id.clone();
                view! {
                    <label for=label_for class=style::option>
                        <input type="radio" name="scenario" id=id value=s.name()
                            prop:checked=move || chosen.get() == s
                            on:change=move |_| chosen.set(s) />
                        <strong class=style::title>{s.title()}
                            {move || (running.get() == s).then_some(" (running)")}</strong>
                        <span class=format!("muted {}", style::description)>{s.description()}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
        <div class="toolbar">
            <button type="button" class="btn btn-primary" on:click=move |_| confirm.set(true)>
                "Start this scenario"
            </button>
        </div>
        <ConfirmDialog open=confirm title="Start the scenario again from the beginning?"
            confirm_label="Start over" danger=true on_confirm=start>
            <p>"The simulated world is replaced: every simulated migration volume, peering and transfer is lost, the operations being followed are forgotten, and so are the demo's migration waves. Nothing in Azure is touched."</p>
        </ConfirmDialog>
    }
}
