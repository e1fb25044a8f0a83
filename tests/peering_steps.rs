//! Steps of the peering wizard mounted on their own (issue 16): outside demo mode the node
//! count is asked for and checked against the addresses before any offer; step 4 says what the
//! set-up status means in words.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::models::{ExternalReplicationSetupStatus, MirrorState};
use anf_core::time::Timestamp;
use anf_core::wizard::peering::{ArmView, PeeringStep, PeeringWizardState, WizardView};
use anf_migrate::components::peering::addresses_step::AddressesStep;
use anf_migrate::components::peering::watch_step::WatchStep;
use anf_migrate::components::peering::Wizard;
use common::dom::{container, query, text, type_into};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The addresses step as Azure mode shows it (the app does not know the cluster); returns how
/// many times it asked for an offer.
fn azure_addresses(
    addresses: &str,
) -> (web_sys::HtmlElement, RwSignal<PeeringWizardState>, RwSignal<u32>, impl Drop) {
    let root = container();
    let state = RwSignal::new(PeeringWizardState {
        addresses: addresses.into(),
        ..PeeringWizardState::default()
    });
    let asked = RwSignal::new(0_u32);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let wizard = Wizard {
            state,
            view: Memo::new(|_| WizardView { step: PeeringStep::Addresses, notice: None }),
            busy: Signal::stored(None),
            clock: RwSignal::new(Timestamp(0)),
            start_peering: Callback::new(move |()| asked.update(|n| *n += 1)),
            authorize: Callback::new(|()| {}),
            peer_error: Signal::stored(None),
            authorize_error: Signal::stored(None),
            demo: false,
            known_nodes: Signal::stored(None),
            cluster: Signal::stored(None),
        };
        view! { <AddressesStep wizard=wizard /> }
    });
    (root, state, asked, handle)
}

#[wasm_bindgen_test]
async fn outside_the_demo_the_node_count_is_asked_for_and_checked() {
    let (root, state, asked, handle) = azure_addresses("10.0.0.1\n10.0.0.2");
    leptos::task::tick().await;
    assert!(query(&root, "#pw-node-count").is_some(), "the count is asked for");
    // Not given: a reminder that every node needs its address, and the offer may go.
    let reminder = text(&root, "#pw-addresses-warning");
    assert!(
        reminder.contains("Every node of the source cluster needs an intercluster LIF"),
        "{reminder}"
    );
    query(&root, "button[data-start-peering]").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(asked.get_untracked(), 1);

    // Three nodes, two addresses: refused at the field, no offer.
    type_into(&root, "pw-node-count", "3").await;
    assert_eq!(state.with_untracked(|s| s.node_count.clone()), "3", "kept with the wizard");
    query(&root, "button[data-start-peering]").unwrap().click();
    leptos::task::tick().await;
    let error = text(&root, "#pw-addresses-error");
    assert!(error.contains("has 3 nodes and 2 addresses are listed"), "{error}");
    assert_eq!(asked.get_untracked(), 1, "no second offer");
    assert_eq!(text(&root, "#pw-addresses-warning"), "", "no reminder once the count is known");

    // A count that is not one says so at its own field.
    type_into(&root, "pw-node-count", "two").await;
    assert!(text(&root, "#pw-node-count-error").contains("whole number"));
    // Two nodes, two addresses: the offer goes.
    type_into(&root, "pw-node-count", "2").await;
    query(&root, "button[data-start-peering]").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(asked.get_untracked(), 2);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_set_up_status_is_said_in_words() {
    let root = container();
    let arm = RwSignal::new(Some(ArmView {
        setup_status: Some(ExternalReplicationSetupStatus::ReplicationCreateRequired),
        mirror_state: Some(MirrorState::Uninitialized),
        relationship_status: None,
    }));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <WatchStep arm=arm info=Signal::stored(None::<String>) checked_at=Signal::stored(None::<String>) /> }
    });
    leptos::task::tick().await;
    let shown = text(&root, "[data-step-watch]");
    assert!(shown.contains("Peered; creating the replication"), "{shown}");
    assert!(!shown.contains("ReplicationCreateRequired"), "not ARM's raw value: {shown}");
    drop(handle);
    root.remove();
}
