//! Step 1: the intercluster LIF address of every node of the source cluster.
//!
//! The how-to says every node needs an intercluster LIF and each one must be listed; a list
//! short of a node is refused here, before the offer is issued, when the node count is known:
//! the simulated cluster's in demo mode, the count the person types otherwise.

use super::Wizard;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::code_block::CodeBlock;
use crate::components::field::text_field::TextField;
use crate::components::field::textarea_field::TextareaField;
use anf_core::validation::addresses::{
    check_node_coverage, parse_intercluster_addresses, parse_node_count,
};
use anf_core::validation::FieldError;
use anf_core::wizard::peering::{PeeringNotice, PeeringWizardState};
use leptos::prelude::*;

/// The ONTAP command that lists the intercluster LIFs.
pub const LIST_LIFS: &str = "network interface show -service-policy default-intercluster";

/// What the addresses and the node count say together: the addresses, or the first problem,
/// and a reminder when the node count is not known.
fn checked(
    s: &PeeringWizardState,
    known: Option<u32>,
) -> (Result<Vec<String>, FieldError>, Option<String>) {
    let nodes = match known {
        Some(n) => Ok(Some(n)),
        None => parse_node_count(&s.node_count),
    };
    let nodes = match nodes {
        Ok(n) => n,
        Err(e) => return (Err(e), None),
    };
    match parse_intercluster_addresses(&s.addresses) {
        Err(e) => (Err(e), None),
        Ok(list) => match check_node_coverage(list.len(), nodes) {
            Err(e) => (Err(e), None),
            Ok(reminder) => (Ok(list), reminder.map(|r| r.message)),
        },
    }
}

/// Addresses (validated before anything is sent), the node count when the app does not know
/// it, and Continue (the portal's name for the button that asks for the peering offer).
#[component]
pub fn AddressesStep(
    /// The wizard.
    wizard: Wizard,
) -> impl IntoView {
    let state = wizard.state;
    let known = wizard.known_nodes;
    let touched = RwSignal::new(false);
    let check = Memo::new(move |_| {
        let k = known.get();
        state.with(|s| {
            let (r, w) = checked(s, k);
            (r.map(|_| ()), w)
        })
    });
    let error_of = move |field: &'static str| {
        Signal::derive(move || {
            if !touched.get() {
                return None;
            }
            check.with(|(r, _)| {
                r.as_ref().err().filter(|e| e.field == field).map(|e| e.message.clone())
            })
        })
    };
    let address_error = error_of(anf_core::validation::fields::PEER_ADDRESSES);
    let nodes_error = error_of(anf_core::validation::fields::NODE_COUNT);
    let reminder = Signal::derive(move || check.with(|(_, w)| w.clone()));
    let busy = move || wizard.busy.with(Option::is_some);
    let start = move |_| {
        touched.set(true);
        if check.with_untracked(|(r, _)| r.is_ok()) {
            wizard.start_peering.run(());
        }
    };
    let hint = Signal::derive(move || {
        Some(match known.get() {
            Some(n) => format!("The source cluster has {n} nodes: list the intercluster LIF of each, one per line or pasted as a list (commas or spaces)."),
            None => "One address per node: one per line, or pasted as a list (commas or spaces).".to_owned(),
        })
    });
    view! {
        <div class="stack">
            {move || (wizard.view.get().notice == Some(PeeringNotice::OfferExpired)).then(|| view! {
                <p class="card" role="alert" data-notice="expired">
                    "The cluster peering offer expired: it must be accepted on the source cluster within 60 minutes. Select Continue again to get a new command and passphrase."
                </p>
            })}
            <p>"Azure NetApp Files peers with every node of the source cluster through its intercluster LIFs. List them on the source cluster:"</p>
            <CodeBlock code=Signal::derive(|| LIST_LIFS.to_owned()) label="Command to list intercluster LIFs" />
            <Show when=move || known.with(Option::is_none)>
                <TextField id="pw-node-count" label="Nodes in the source cluster"
                    value=Signal::derive(move || state.with(|s| s.node_count.clone()))
                    on_input=Callback::new(move |v| state.update(|s| s.node_count = v))
                    on_blur=Callback::new(move |()| touched.set(true))
                    error=nodes_error
                    hint="How many nodes system node show lists. With it, a list short of a node is caught here, before the offer is issued." />
            </Show>
            <TextareaField id="pw-addresses" label="Intercluster LIF addresses"
                value=Signal::derive(move || state.with(|s| s.addresses.clone()))
                on_input=Callback::new(move |v| state.update(|s| s.addresses = v))
                on_blur=Callback::new(move |()| touched.set(true))
                error=address_error
                warning=reminder
                placeholder="192.168.10.21\n192.168.10.22"
                hint=hint />
            {move || wizard.peer_error.get().map(|e| view! { <ArmErrorPanel error=e /> })}
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-start-peering on:click=start
                    disabled=busy aria-busy=move || busy().to_string()>
                    "Continue"
                </button>
                // The portal's name for the button, and what it does beside it.
                {move || match wizard.busy.get() {
                    Some(label) => view! { <span class="muted" aria-live="polite">{format!("{label}…")}</span> }.into_any(),
                    None => view! { <span class="muted">"Asks Azure NetApp Files for the cluster peering command and its passphrase."</span> }.into_any(),
                }}
            </div>
        </div>
    }
}
