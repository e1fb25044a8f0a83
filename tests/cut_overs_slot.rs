//! The guided cut-overs' service at the app's start (issue 17): its code is in the actions'
//! dialogs' chunk in the split build, so it is set up only when a cut-over's panel asks for it
//! or when this tab keeps cut-overs, which the app then goes on with from any page.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::migration::CutOverStep;
use anf_core::settings::{DemoReason, Settings};
use anf_migrate::app::provide_demo_services;
use anf_migrate::state::cut_overs::{use_cut_overs_slot, CutOversSlot};
use anf_migrate::storage::{self, Area};
use common::dom::{container, until};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = "anf-migrate.cut-overs";
const VOLUME: &str = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/a/capacityPools/p/volumes/kept";

/// The demo's services mounted, and the start's resume of the cut-overs; the slot.
fn start() -> (CutOversSlot, impl Drop) {
    let slot: std::rc::Rc<std::cell::Cell<Option<CutOversSlot>>> = Default::default();
    let given = slot.clone();
    let handle = leptos::mount::mount_to(container(), move || {
        let settings = Settings::demo(DemoReason::Requested);
        provide_context(settings.clone());
        provide_demo_services(&settings);
        let cut_overs = use_cut_overs_slot();
        cut_overs.resume_all();
        given.set(Some(cut_overs));
        view! { <p>"app"</p> }
    });
    (slot.get().expect("mounted"), handle)
}

#[wasm_bindgen_test]
async fn a_tab_without_cut_overs_does_not_set_them_up_at_the_start() {
    storage::remove(Area::Session, KEY);
    let (slot, handle) = start();
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert!(!slot.is_set_up(), "no cut-over kept: the service stays unloaded");
    assert!(!slot.is_running(VOLUME), "and nothing runs");
    // The demo's reset forgets cut-overs without setting the service up.
    window().session_storage().unwrap().unwrap().set_item(KEY, "{}").unwrap();
    slot.forget_all();
    assert!(!storage::exists(Area::Session, KEY));
    assert!(!slot.is_set_up());
    // A panel asks for it: set up under the app's root, so it outlives the panel.
    let panel = Owner::new();
    panel.with(|| {
        let _ = slot.get();
    });
    panel.cleanup();
    drop(panel);
    assert!(slot.is_set_up());
    assert!(!slot.is_running(VOLUME));
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_kept_cut_over_is_set_up_and_shown_running_from_the_start() {
    // As a reload leaves a sequence waiting for the final transfer (the book's keys are
    // lower-cased ids).
    let kept = serde_json::json!({ VOLUME.to_lowercase(): { "name": "kept", "step": "WaitIdle" } });
    window().session_storage().unwrap().unwrap().set_item(KEY, &kept.to_string()).unwrap();
    let (slot, handle) = start();
    until("the cut-overs to be set up", || slot.is_set_up().then_some(())).await;
    // Resumed and driven: its status is read, and this volume is not in the demo's world, so
    // the sequence ends saying so (before the service was set up, nothing read it).
    let ended = until("the kept cut-over to be driven", || match slot.get().step(VOLUME) {
        CutOverStep::Failed(why) => Some(why),
        _ => None,
    })
    .await;
    assert!(ended.contains("can't be read any more"), "{ended}");
    assert!(!slot.is_running(VOLUME));
    drop(handle);
    storage::remove(Area::Session, KEY);
}
