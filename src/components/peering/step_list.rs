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
                // Done means the baseline transfer has started, not that it has finished: the
                // last step reads "started" (it goes on on the migration's page).
                let state = move || {
                    let now = current.get();
                    if step == PeeringStep::Watch && now == PeeringStep::Done {
                        "started"
                    } else if now == step {
                        "current"
                    } else if now > step { "done" } else { "todo" }
                };
                view! {
                    <li class=style::step data-state=state
                        aria-current=move || (state() == "current").then_some("step")>
                        <span class=style::number aria-hidden="true">{step.number()}</span>
                        <span>{step.title()}</span>
                        {move || (state() == "started").then(|| view! { <span class=style::started aria-hidden="true">"started"</span> })}
                        <span class="visually-hidden">{move || match state() {
                            "done" => " (done)",
                            "current" => " (current step)",
                            "started" => " (started; follow it on the migration's page)",
                            _ => "",
                        }}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
