//! Where the wizard stands: the four steps, the current one marked.

use anf_core::wizard::peering::PeeringStep;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/peering/step_list.module.css");

/// An ordered list of the steps; the current one has `aria-current="step"`.
#[component]
pub fn StepList(
    /// The current step.
    #[prop(into)]
    current: Signal<PeeringStep>,
) -> impl IntoView {
    let steps = [
        PeeringStep::Addresses,
        PeeringStep::ClusterPeering,
        PeeringStep::SvmPeering,
        PeeringStep::Watch,
    ];
    view! {
        <ol class=style::steps aria-label="Peering steps">
            {steps.into_iter().map(|step| {
                let state = move || {
                    let now = current.get();
                    if now == step || (step == PeeringStep::Watch && now == PeeringStep::Done) {
                        if now == PeeringStep::Done { "done" } else { "current" }
                    } else if now > step { "done" } else { "todo" }
                };
                view! {
                    <li class=style::step data-state=state
                        aria-current=move || (state() == "current").then_some("step")>
                        <span class=style::number aria-hidden="true">{step.number()}</span>
                        <span>{step.title()}</span>
                        <span class="visually-hidden">{move || match state() { "done" => " (done)", "current" => " (current step)", _ => "" }}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
