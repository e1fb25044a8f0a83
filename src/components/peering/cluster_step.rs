//! Step 2: the cluster peering command and passphrase to run on the source, before the offer
//! expires.

use super::demo_console_hint::DemoConsoleHint;
use super::ipspace_field::{remembered_ipspace, IpspaceField};
use super::offer_countdown::OfferCountdown;
use super::Wizard;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::code_block::CodeBlock;
use anf_core::wizard::peering::{PeeringNotice, PeeringStep, DEFAULT_IPSPACE};
use leptos::prelude::*;

/// Command, passphrase (each with its own copy button), countdown, a new offer, and Continue
/// to SVM Peering.
#[component]
pub fn ClusterStep(
    /// The wizard.
    wizard: Wizard,
) -> impl IntoView {
    let state = wizard.state;
    let offer = Memo::new(move |_| state.with(|s| s.offer.clone()));
    let ipspace = RwSignal::new(remembered_ipspace(wizard.cluster.get_untracked().as_deref()));
    // The volume (and with it the cluster) is read after the step shows: take what was
    // remembered for the cluster then, unless something was typed already.
    Effect::new(move |_| {
        let remembered = remembered_ipspace(wizard.cluster.get().as_deref());
        if ipspace.with_untracked(|i| i == DEFAULT_IPSPACE) {
            ipspace.set(remembered);
        }
    });
    let busy = move || wizard.busy.with(Option::is_some);
    let notice = move || wizard.view.get().notice;
    let reissue = move |_| wizard.start_peering.run(());
    let next = move |_| state.update(|s| s.step = s.step.max(PeeringStep::SvmPeering));
    view! {
        <div class="stack">
            {move || match notice() {
                Some(PeeringNotice::IssuingOffer) => Some(view! {
                    <p class="card" role="status" data-notice="issuing">"Azure NetApp Files is preparing the cluster peering command and its passphrase. They appear here in a moment; the 60 minutes to accept the offer start then."</p>
                }.into_any()),
                Some(PeeringNotice::OfferNotHere) => Some(view! {
                    <p class="card" role="status" data-notice="not-here">"Azure NetApp Files is waiting for a cluster peering offer to be accepted, but its command is not in this browser (it was issued elsewhere). Issue a new offer to see the command and passphrase."</p>
                }.into_any()),
                Some(PeeringNotice::OfferExpired) => Some(view! {
                    <p class="card" role="alert" data-notice="expired">"This offer has expired. Issue a new one and run the new command within 60 minutes."</p>
                }.into_any()),
                _ => None,
            }}
            {move || offer.get().map(|o| {
                let passphrase = o.passphrase.clone();
                let needs_ipspace = o.needs_ipspace();
                let offer_for_command = o.clone();
                let command = Signal::derive(move || offer_for_command.command_for(&ipspace.get()));
                view! {
                    <p>"On the source cluster, run this command. When ONTAP asks for the passphrase, paste the passphrase below."</p>
                    {needs_ipspace.then(|| view! {
                        <div data-ipspace-note><IpspaceField ipspace cluster=wizard.cluster /></div>
                    })}
                    <CodeBlock code=command label="Cluster peering command" />
                    {passphrase.map(|p| view! {
                        <CodeBlock code=Signal::derive(move || p.clone()) label="Passphrase" />
                    })}
                    <OfferCountdown issued_at=o.issued_at now=wizard.clock />
                    <p class="muted">"Then check with " <code>"cluster peer show"</code> " that the peer is Available."</p>
                }
            })}
            {move || wizard.demo.then(|| view! { <DemoConsoleHint what="the command, then the passphrase when asked," />
                <p class="muted">"Demo time runs faster than real time; the countdown follows the simulator's clock, on which the offer expires."</p> })}
            {move || {
                // Without an offer the address form below shows the error.
                offer.with(Option::is_some).then(|| wizard.peer_error.get()).flatten().map(|e| view! { <ArmErrorPanel error=e /> })
            }}
            <div class="toolbar">
                <button type="button" class="btn btn-primary" on:click=next>"Continue to SVM Peering"</button>
                <button type="button" class="btn" on:click=reissue disabled=busy aria-busy=move || busy().to_string()>
                    "Issue a new offer"
                </button>
                {move || wizard.busy.get().map(|label| view! { <span class="muted" aria-live="polite">{format!("{label}…")}</span> })}
            </div>
        </div>
    }
}
