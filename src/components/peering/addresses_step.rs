//! Step 1: the intercluster LIF address of every node of the source cluster.

use super::Wizard;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::code_block::CodeBlock;
use crate::components::field::textarea_field::TextareaField;
use anf_core::validation::addresses::parse_intercluster_addresses;
use anf_core::wizard::peering::PeeringNotice;
use leptos::prelude::*;

/// The ONTAP command that lists the intercluster LIFs.
pub const LIST_LIFS: &str = "network interface show -service-policy default-intercluster";

/// Addresses (validated before anything is sent) and Start cluster peering.
#[component]
pub fn AddressesStep(
    /// The wizard.
    wizard: Wizard,
) -> impl IntoView {
    let state = wizard.state;
    let touched = RwSignal::new(false);
    let error = Signal::derive(move || {
        if !touched.get() {
            return None;
        }
        state.with(|s| parse_intercluster_addresses(&s.addresses).err().map(|e| e.message))
    });
    let busy = move || wizard.busy.with(Option::is_some);
    let start = move |_| {
        touched.set(true);
        if state.with_untracked(|s| parse_intercluster_addresses(&s.addresses).is_ok()) {
            wizard.start_peering.run(());
        }
    };
    view! {
        <div class="stack">
            {move || (wizard.view.get().notice == Some(PeeringNotice::OfferExpired)).then(|| view! {
                <p class="card" role="alert" data-notice="expired">
                    "The cluster peering offer expired: it must be accepted on the source cluster within 60 minutes. Start cluster peering again to get a new command and passphrase."
                </p>
            })}
            <p>"Azure NetApp Files peers with every node of the source cluster through its intercluster LIFs. List them on the source cluster:"</p>
            <CodeBlock code=Signal::derive(|| LIST_LIFS.to_owned()) label="Command to list intercluster LIFs" />
            <TextareaField id="pw-addresses" label="Intercluster LIF addresses"
                value=Signal::derive(move || state.with(|s| s.addresses.clone()))
                on_input=Callback::new(move |v| state.update(|s| s.addresses = v))
                on_blur=Callback::new(move |()| touched.set(true))
                error=error
                placeholder="192.168.10.21\n192.168.10.22"
                hint="One address per node: one per line, or pasted as a list (commas or spaces)." />
            {move || wizard.peer_error.get().map(|e| view! { <ArmErrorPanel error=e /> })}
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-start-peering on:click=start
                    disabled=busy aria-busy=move || busy().to_string()>
                    "Start cluster peering"
                </button>
                {move || wizard.busy.get().map(|label| view! { <span class="muted" aria-live="polite">{format!("{label}…")}</span> })}
            </div>
        </div>
    }
}
