//! Step 3: authorize the replication and accept the SVM peering on the source.

use super::demo_console_hint::DemoConsoleHint;
use super::Wizard;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::code_block::CodeBlock;
use anf_core::wizard::peering::{PeeringNotice, PeeringStep};
use leptos::prelude::*;

/// Authorize, then the `vserver peer accept` command to copy.
#[component]
pub fn SvmStep(
    /// The wizard.
    wizard: Wizard,
) -> impl IntoView {
    let state = wizard.state;
    let command = Memo::new(move |_| state.with(|s| s.svm_command.clone()));
    let busy = move || wizard.busy.with(Option::is_some);
    let authorize = move |_| wizard.authorize.run(());
    let watch = move |_| state.update(|s| s.step = s.step.max(PeeringStep::Watch));
    view! {
        <div class="stack">
            {move || match wizard.view.get().notice {
                Some(PeeringNotice::AlreadyPeered) => Some(view! {
                    <p class="card" role="status" data-notice="already-peered">"The clusters were already peered, so there was no cluster peering command to run."</p>
                }.into_any()),
                Some(PeeringNotice::ClusterNotPeeredYet) => Some(view! {
                    <p class="card" role="status" data-notice="not-peered-yet">"Azure NetApp Files does not see the cluster peering yet. Make sure the cluster peering command ran on the source and " <code>"cluster peer show"</code> " lists the peer as Available; authorizing before that is refused."</p>
                }.into_any()),
                _ => None,
            }}
            {move || match command.get() {
                None => view! {
                    <p>"Authorize the replication: Azure NetApp Files requests SVM peering with the source SVM and returns the command that accepts it."</p>
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" on:click=authorize disabled=busy aria-busy=move || busy().to_string()>
                            "Authorize SVM peering"
                        </button>
                        {move || wizard.busy.get().map(|label| view! { <span class="muted" aria-live="polite">{format!("{label}…")}</span> })}
                    </div>
                }.into_any(),
                Some(c) if c.is_empty() => view! {
                    <p>"The SVMs are already peered; nothing to accept. The replication is being created."</p>
                }.into_any(),
                Some(c) => view! {
                    <p>"On the source cluster, run this command to accept the SVM peering:"</p>
                    <CodeBlock code=Signal::derive(move || c.clone()) label="SVM peering command" />
                    {wizard.demo.then(|| view! { <DemoConsoleHint what="this command" /> })}
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" on:click=watch>"I ran it: watch for the baseline transfer"</button>
                    </div>
                }.into_any(),
            }}
            {move || wizard.authorize_error.get().map(|e| view! { <ArmErrorPanel error=e /> })}
        </div>
    }
}
