//! Demo and training: the simulator's controls and a terminal on the simulated source cluster.

use crate::arm::context::use_arm;
use crate::components::demo::{
    ontap_console::OntapConsole, scenario_picker::ScenarioPicker, speed_control::SpeedControl,
};
use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/pages/demo_page.module.css");

/// Scenario, time speed, and the ONTAP console where trainees paste the peering commands.
#[component]
pub fn DemoPage() -> impl IntoView {
    let Some(world) = use_arm().demo() else {
        return view! {
            <PageHeader title="Demo and training" summary="Only in demo mode." />
            <EmptyState title="You are connected to Azure">
                <p>"The simulator's controls and the simulated ONTAP console exist only in demo mode. Run the app without a clientId in config.json to use them."</p>
            </EmptyState>
        }
        .into_any();
    };
    let scenario = world.read(|sim| sim.scenario());
    view! {
        <PageHeader title="Demo and training"
            summary="Everything here runs in your browser on a simulator of Azure NetApp Files and of the source ONTAP cluster. Nothing is sent to Azure." />
        <div class=style::layout>
            <section class="card stack" aria-labelledby="scenario-heading">
                <h2 id="scenario-heading">"Scenario"</h2>
                <ScenarioPicker current=scenario />
                <SpeedControl />
            </section>
            <section class="card stack" aria-labelledby="console-heading">
                <h2 id="console-heading">"ONTAP console"</h2>
                <p class="muted">"A terminal on the simulated source cluster, as over SSH. Paste the cluster peering command and then the passphrase, or the vserver peer accept command, exactly as on a real cluster. Try " <code>"help"</code> " or " <code>"network interface show -service-policy default-intercluster"</code> "."</p>
                <OntapConsole />
            </section>
        </div>
    }
    .into_any()
}
