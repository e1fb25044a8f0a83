//! The waves service at the app's start (issue 17): its code is in the waves' chunk in the
//! split build, so it is set up only when a wave's page asks for it or when this user has waves
//! stored, which the app then goes on with from any page.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::ids::AccountId;
use anf_core::settings::{DemoReason, Settings};
use anf_core::wave::saved::WaveStore;
use anf_core::wave::{parse_volume_show, WavePlan};
use anf_migrate::app::provide_demo_services;
use anf_migrate::state::waves::{owner_key, use_waves_slot, WavesSlot};
use anf_migrate::storage::{self, Area};
use common::dom::{container, until};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[allow(dead_code)]
#[path = "../crates/core/benches/inputs/wave.rs"]
mod inputs;

const ACCOUNT: &str =
    "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.NetApp/netAppAccounts/acct";

fn key() -> String {
    owner_key(true, None).expect("demo mode keeps waves")
}

/// A started wave of three volumes, every one created and peered.
fn stored_wave() -> WaveStore {
    let mut plan = WavePlan::new("wave-kept", "cl01");
    plan.defaults.pool = "pool1".into();
    plan.defaults.subnet_id = "/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v/subnets/anf".into();
    plan.defaults.export_clients = "10.0.0.0/16".into();
    plan.peer_addresses.insert("cl01".into(), "10.9.0.1".into());
    plan.add_ontap_output(&parse_volume_show(
        "vserver volume size logical-used\n------- ------ ---- ------------\nsvm1 vol_a 200GB 100GB\nsvm1 vol_b 200GB 100GB\nsvm1 vol_c 200GB 100GB\n",
    ));
    let wave = inputs::started_and_peered(
        plan,
        &inputs::one_pool("pool1", 0),
        &AccountId::parse(ACCOUNT).unwrap(),
        common::dom::now(),
    );
    WaveStore { draft: None, waves: vec![wave] }
}

/// The demo's services mounted, and the start's resume of the waves; the slot.
fn start() -> (WavesSlot, impl Drop) {
    let slot: std::rc::Rc<std::cell::Cell<Option<WavesSlot>>> = Default::default();
    let given = slot.clone();
    let handle = leptos::mount::mount_to(container(), move || {
        let settings = Settings::demo(DemoReason::Requested);
        provide_context(settings.clone());
        provide_demo_services(&settings);
        let waves = use_waves_slot();
        waves.resume_all();
        given.set(Some(waves));
        view! { <p>"app"</p> }
    });
    (slot.get().expect("mounted"), handle)
}

#[wasm_bindgen_test]
async fn a_user_without_waves_does_not_set_the_waves_up_at_the_start() {
    storage::remove(Area::Local, &key());
    let (slot, handle) = start();
    // Past the start's tasks: nothing was set up, nothing was fetched for it.
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert!(!slot.is_set_up(), "no waves stored: the service stays unloaded");
    // The demo's reset forgets waves without setting the service up either, and other tabs
    // hear of it (a new version stamp: their copies are no longer current).
    let version = || storage::load::<String>(Area::Local, &format!("{}.version", key()));
    storage::save(Area::Local, &key(), &WaveStore::default());
    let before = version();
    slot.forget_all();
    assert!(!storage::exists(Area::Local, &key()), "the stored waves are gone");
    assert!(version().is_some() && version() != before, "a new version stamp");
    assert!(!slot.is_set_up());
    // A wave's page asks for them: set up then, under the app's root, not the page's owner:
    // the page goes, the service stays (reading a disposed signal would panic).
    let page = Owner::new();
    page.with(|| {
        let _ = slot.get();
    });
    page.cleanup();
    drop(page);
    assert!(slot.is_set_up());
    let waves = slot.get();
    assert!(waves.with(|s| s.waves.is_empty()));
    drop(handle);
}

#[wasm_bindgen_test]
async fn stored_waves_are_set_up_and_driven_from_the_start_whatever_the_page() {
    storage::save(Area::Local, &key(), &stored_wave());
    let (slot, handle) = start();
    until("the waves to be set up", || slot.is_set_up().then_some(())).await;
    let waves = slot.get();
    assert!(waves.get("wave-kept").is_some(), "the stored wave is read");
    // Resumed: this tab takes the wave's lease and drives it.
    until("the wave to be driven here", || waves.driven_here("wave-kept").then_some(())).await;
    drop(handle);
    storage::remove(Area::Local, &key());
}
