//! The Configure Peering wizard in demo mode: the step follows the volume's setup status, an
//! expired offer sends the user back with a way out, and the wizard's place survives a remount.
#![cfg(target_arch = "wasm32")]

use anf_core::time::Timestamp;
use anf_core::transport::{ArmRequest, Method};
use anf_core::wizard::peering::{PeeringStep, PeeringWizardState};
use anf_migrate::state::scope::Scope;
use anf_migrate::App;
use anf_sim::{Scenario, Simulator};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, text, until_secs as until};
use common::sim_world::migration_spec;

wasm_bindgen_test_configure!(run_in_browser);

fn volume_id(sim: &Simulator, name: &str) -> String {
    let d = sim.default_scope();
    format!(
        "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.NetApp/netAppAccounts/{}/capacityPools/{}/volumes/{name}",
        d.subscription_id, d.resource_group, d.account, d.pool
    )
}

/// Puts `sim` in place as the demo world with its default scope, clears the wizard's memory of
/// `volume` (or sets it to `state`), and mounts the app on the volume's wizard.
fn mount_on(
    sim: &Simulator,
    volume: &str,
    state: Option<&PeeringWizardState>,
) -> (web_sys::HtmlElement, impl Sized) {
    let d = sim.default_scope();
    let session = window().session_storage().unwrap().unwrap();
    session.set_item("anf-migrate.demo-world", &serde_json::to_string(sim).unwrap()).unwrap();
    let key = format!("anf-migrate.peering.{}", volume_id(sim, volume).to_ascii_lowercase());
    match state {
        Some(s) => session.set_item(&key, &serde_json::to_string(s).unwrap()).unwrap(),
        None => session.remove_item(&key).unwrap(),
    }
    let scope = Scope {
        subscription: Some(d.subscription_id),
        resource_group: Some(d.resource_group),
        account: Some(d.account),
        pool: Some(d.pool),
    };
    let local = window().local_storage().unwrap().unwrap();
    local.set_item("anf-migrate.scope", &serde_json::to_string(&scope).unwrap()).unwrap();
    let path = format!("/migrations/{volume}/peering");
    window().history().unwrap().push_state_with_url(&JsValue::NULL, "", Some(&path)).unwrap();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    (root, handle)
}

/// Leaves for a quiet page and lets requests in flight land before unmounting (a response
/// arriving after the app is gone would be logged into a disposed activity log).
async fn unmount(root: web_sys::HtmlElement, handle: impl Sized) {
    let a = document().create_element("a").unwrap();
    a.set_attribute("href", "/test-quiet-page").unwrap();
    root.append_child(&a).unwrap();
    a.unchecked_ref::<web_sys::HtmlElement>().click();
    gloo_timers::future::TimeoutFuture::new(800).await;
    drop(handle);
    root.remove();
}

async fn step_of(root: &web_sys::HtmlElement) -> String {
    until("the wizard's step", 10, || {
        query(root, "[data-peering-step]")?;
        // The step is derived once the volume is read.
        query(root, "#pw-step-heading")?;
        query(root, "[data-peering-step]")?.get_attribute("data-peering-step")
    })
    .await
}

fn world(scenario: Scenario) -> Simulator {
    let mut sim = Simulator::new(scenario, 5, now());
    sim.set_speed(60.0, now());
    sim
}

/// Creates a migration volume straight in the simulator and lets the create finish.
fn create_volume(sim: &mut Simulator, name: &str, source: &str) {
    let spec = migration_spec(sim, name, source, 50);
    let url =
        format!("https://management.azure.com{}?api-version=2026-04-01", volume_id(sim, name));
    let body = serde_json::to_value(spec.to_volume()).unwrap();
    let answer = sim.handle(&ArmRequest::new(Method::Put, url).with_body(body), now());
    assert!(answer.status < 300, "{}", answer.body);
    sim.advance(600, now());
}

/// Clicks a link to `href` from anywhere, as the user would.
async fn go(root: &web_sys::HtmlElement, href: &str) {
    let a = document().create_element("a").unwrap();
    a.set_attribute("href", href).unwrap();
    root.append_child(&a).unwrap();
    a.unchecked_ref::<web_sys::HtmlElement>().click();
    a.remove();
    leptos::task::tick().await;
}

/// The first button whose text contains `label`.
fn button(root: &web_sys::HtmlElement, label: &str) -> Option<web_sys::HtmlElement> {
    let buttons = root.get_elements_by_tag_name("button");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().unwrap_or_default().contains(label))
        .map(JsCast::unchecked_into)
}

/// Runs `input` on the Demo page's ONTAP console and comes back to `back`.
async fn on_ontap(root: &web_sys::HtmlElement, input: &str, back: &str) -> String {
    go(root, "/demo").await;
    let field = until("the ONTAP console", 10, || query(root, "#ontap-input")).await;
    js_sys::Reflect::set(&field, &"value".into(), &input.into()).unwrap();
    field.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    query(root, "#ontap-run").unwrap().click();
    leptos::task::tick().await;
    let output = text(root, "[data-ontap-output]");
    go(root, back).await;
    output
}

#[wasm_bindgen_test]
async fn a_new_volume_starts_with_the_addresses() {
    let mut sim = world(Scenario::HappyPath);
    create_volume(&mut sim, "mig-scratch-t", "vol_scratch");
    let (root, handle) = mount_on(&sim, "mig-scratch-t", None);
    assert_eq!(step_of(&root).await, "Addresses");
    assert!(text(&root, "#pw-step-heading").contains("Step 1 of 4"));
    assert_eq!(
        query(&root, "li[aria-current='step']")
            .and_then(|l| l.text_content())
            .map(|t| t.contains("Intercluster addresses")),
        Some(true)
    );
    // Nothing valid typed: the button explains instead of sending.
    let start = query(&root, "button[data-start-peering]").unwrap();
    // The portal's name for it (issue 15): a user following the how-to finds "Continue".
    assert_eq!(start.text_content().unwrap().trim(), "Continue");
    start.click();
    leptos::task::tick().await;
    assert!(text(&root, "#pw-addresses-error").contains("at least one"));
    unmount(root, handle).await;
}

#[wasm_bindgen_test]
async fn a_pending_offer_from_elsewhere_and_a_peered_volume() {
    // ClusterPeerPending, but this browser never saw the command.
    let sim = world(Scenario::PeerOfferExpires);
    let (root, handle) = mount_on(&sim, "vol-projects-mig", None);
    assert_eq!(step_of(&root).await, "ClusterPeering");
    assert!(query(&root, "[data-notice='not-here']").is_some());
    assert!(query(&root, "#pw-addresses").is_some(), "a way to issue a new offer");
    unmount(root, handle).await;

    // Peered and mirrored: nothing left to do but look at the migration.
    let mut sim = world(Scenario::AlreadyPeered);
    // A second migration from the same, already peered cluster.
    create_volume(&mut sim, "mig-second", "vol_home");
    let (root, handle) = mount_on(&sim, "vol-scratch-mig", None);
    assert_eq!(step_of(&root).await, "Done");
    assert!(query(&root, "a[href='/migrations/vol-scratch-mig']").is_some());
    go(&root, "/migrations/mig-second/peering").await;
    // ANF knows the cluster is peered: the wizard starts at SVM peering.
    until("the SVM step", 10, || query(&root, "[data-peering-step='SvmPeering']")).await;
    assert!(button(&root, "Authorize SVM peering").is_some());
    assert!(query(&root, "#pw-addresses").is_none());
    unmount(root, handle).await;
}

#[wasm_bindgen_test]
async fn an_expired_offer_sends_back_to_the_addresses() {
    let mut sim = world(Scenario::PeerOfferExpires);
    // The scenario's offer was issued 55 minutes ago; six more minutes and ANF drops it.
    sim.advance(6 * 60, now());
    let mut state = PeeringWizardState {
        addresses: "192.168.10.21\n192.168.10.22".into(),
        ..PeeringWizardState::default()
    };
    let issued = sim.sim_time(now()).millis() - 61 * 60_000;
    state.record_offer(
        Some("cluster peer create -peer-addrs 10.20.1.4".into()),
        Some("old".into()),
        Timestamp(issued),
    );
    let (root, handle) = mount_on(&sim, "vol-projects-mig", Some(&state));
    assert_eq!(step_of(&root).await, "Addresses");
    assert!(query(&root, "[data-notice='expired']").is_some(), "says the offer expired");
    unmount(root, handle).await;
}

#[wasm_bindgen_test]
async fn a_new_offer_with_its_countdown_survives_a_remount() {
    let sim = world(Scenario::PeerOfferExpires);
    let state = PeeringWizardState {
        addresses: "192.168.10.21, 192.168.10.22".into(),
        ..PeeringWizardState::default()
    };
    let (root, handle) = mount_on(&sim, "vol-projects-mig", Some(&state));
    assert_eq!(step_of(&root).await, "ClusterPeering");
    query(&root, "button[data-start-peering]").expect("issue a new offer").click();
    leptos::task::tick().await;
    let command = until("the command", 10, || {
        Some(text(&root, "pre[aria-label='Cluster peering command']"))
            .filter(|t| t.contains("cluster peer create"))
    })
    .await;
    let passphrase = text(&root, "pre[aria-label='Passphrase']");
    assert!(!passphrase.is_empty());
    assert!(text(&root, "[data-countdown]").contains(':'));
    // Leave and come back, as after a reload: the same command and passphrase, no new request.
    unmount(root, handle).await;
    let session = window().session_storage().unwrap().unwrap();
    let world_text = session.get_item("anf-migrate.demo-world").unwrap().unwrap();
    let sim: Simulator = serde_json::from_str(&world_text).unwrap();
    let key =
        format!("anf-migrate.peering.{}", volume_id(&sim, "vol-projects-mig").to_ascii_lowercase());
    let kept: PeeringWizardState =
        serde_json::from_str(&session.get_item(&key).unwrap().unwrap()).unwrap();
    assert_eq!(kept.step, PeeringStep::ClusterPeering);
    let (root, handle) = mount_on(&sim, "vol-projects-mig", Some(&kept));
    assert_eq!(step_of(&root).await, "ClusterPeering");
    assert_eq!(text(&root, "pre[aria-label='Cluster peering command']"), command);
    assert_eq!(text(&root, "pre[aria-label='Passphrase']"), passphrase);
    // Continue to SVM Peering before ONTAP accepted: the wizard moves on and says ANF can't see it yet.
    let next = until("Continue", 5, || {
        let buttons = root.get_elements_by_tag_name("button");
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .find(|b| b.text_content().unwrap_or_default().contains("Continue to SVM Peering"))
    })
    .await;
    next.unchecked_ref::<web_sys::HtmlElement>().click();
    leptos::task::tick().await;
    until("the SVM step", 5, || query(&root, "[data-peering-step='SvmPeering']")).await;
    assert!(query(&root, "[data-notice='not-peered-yet']").is_some());
    unmount(root, handle).await;
}

#[wasm_bindgen_test]
async fn demo_journey_through_the_ontap_console_to_the_baseline() {
    let mut sim = world(Scenario::HappyPath);
    create_volume(&mut sim, "mig-journey", "vol_home");
    let state = PeeringWizardState {
        addresses: "192.168.10.21\n192.168.10.22".into(),
        ..PeeringWizardState::default()
    };
    let back = "/migrations/mig-journey/peering";
    let (root, handle) = mount_on(&sim, "mig-journey", Some(&state));
    assert_eq!(step_of(&root).await, "Addresses");
    query(&root, "button[data-start-peering]").unwrap().click();
    leptos::task::tick().await;
    let command = until("the command", 10, || {
        Some(text(&root, "pre[aria-label='Cluster peering command']"))
            .filter(|t| t.contains("cluster peer create"))
    })
    .await;
    let passphrase = text(&root, "pre[aria-label='Passphrase']");
    let typed = format!("{}\n{passphrase}", command.replace("<IP-SPACE-NAME>", "Default"));
    let output = on_ontap(&root, &typed, back).await;
    assert!(!output.contains("Error"), "{output}");
    // ANF sees the peering: SVM peering next.
    until("the SVM step", 10, || query(&root, "[data-peering-step='SvmPeering']")).await;
    until("Authorize", 5, || button(&root, "Authorize SVM peering")).await.click();
    leptos::task::tick().await;
    let svm = until("the SVM command", 10, || {
        Some(text(&root, "pre[aria-label='SVM peering command']"))
            .filter(|t| t.contains("vserver peer accept"))
    })
    .await;
    let output = on_ontap(&root, &svm, back).await;
    assert!(!output.contains("Error"), "{output}");
    // ANF sees the SVM peering by itself (the setup status moves on); the button is there for
    // api-versions without a setup status.
    if let Some(ran) = button(&root, "I ran it") {
        ran.click();
        leptos::task::tick().await;
    }
    // The relationship is created and the baseline starts.
    until("the baseline", 15, || query(&root, "[data-done]")).await;
    assert!(query(&root, "a[href='/migrations/mig-journey']").is_some());
    unmount(root, handle).await;
}

/// Peering requests the demo world has handled (it is saved after every write).
fn peer_posts() -> usize {
    let session = window().session_storage().unwrap().unwrap();
    let Some(text) = session.get_item("anf-migrate.demo-world").unwrap() else { return 0 };
    let sim: Simulator = serde_json::from_str(&text).unwrap();
    sim.requests().filter(|r| r.method == "POST" && r.path.contains("peerExternalCluster")).count()
}

#[wasm_bindgen_test]
async fn fewer_addresses_than_nodes_are_refused_before_the_offer() {
    let mut sim = world(Scenario::HappyPath);
    create_volume(&mut sim, "mig-one-lif", "vol_scratch");
    // The simulated cluster has two nodes; one address is listed.
    let state =
        PeeringWizardState { addresses: "192.168.10.21".into(), ..PeeringWizardState::default() };
    let (root, handle) = mount_on(&sim, "mig-one-lif", Some(&state));
    assert_eq!(step_of(&root).await, "Addresses");
    assert!(text(&root, "#pw-addresses-hint").contains("has 2 nodes"), "the demo knows the count");
    assert!(query(&root, "#pw-node-count").is_none(), "so it does not ask for it");
    let before = peer_posts();
    query(&root, "button[data-start-peering]").unwrap().click();
    leptos::task::tick().await;
    let error = text(&root, "#pw-addresses-error");
    assert!(error.contains("has 2 nodes and 1 address is listed"), "{error}");
    gloo_timers::future::TimeoutFuture::new(300).await;
    assert_eq!(peer_posts(), before, "no offer was asked for");
    assert_eq!(step_of(&root).await, "Addresses");
    unmount(root, handle).await;
}

#[wasm_bindgen_test]
async fn the_last_step_reads_started_once_the_baseline_runs() {
    // Peered and mirrored already: the wizard is done.
    let sim = world(Scenario::AlreadyPeered);
    let (root, handle) = mount_on(&sim, "vol-scratch-mig", None);
    assert_eq!(step_of(&root).await, "Done");
    let steps = common::dom::query_all(&root, "ol[aria-label='Peering steps'] li");
    let states: Vec<String> =
        steps.iter().map(|s| s.get_attribute("data-state").unwrap_or_default()).collect();
    assert_eq!(states, ["done", "done", "done", "started"]);
    let last = steps[3].text_content().unwrap();
    assert!(last.contains("started") && !last.contains("(done)"), "{last}");
    unmount(root, handle).await;
}

#[wasm_bindgen_test]
async fn the_ipspace_is_written_into_the_command_and_remembered_for_the_cluster() {
    let sim = world(Scenario::PeerOfferExpires);
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("anf-migrate.ipspace.onprem-cl01")
        .unwrap();
    let state = PeeringWizardState {
        addresses: "192.168.10.21, 192.168.10.22".into(),
        ..PeeringWizardState::default()
    };
    let (root, handle) = mount_on(&sim, "vol-projects-mig", Some(&state));
    assert_eq!(step_of(&root).await, "ClusterPeering");
    query(&root, "button[data-start-peering]").expect("issue a new offer").click();
    leptos::task::tick().await;
    let command = || text(&root, "pre[aria-label='Cluster peering command']");
    until("the command with Default", 10, || command().contains("-ipspace Default ").then_some(()))
        .await;
    assert!(!command().contains("<IP-SPACE-NAME>"), "nothing left to edit by hand");
    let field = until("the IPspace field", 5, || query(&root, "#pw-ipspace")).await;
    let type_in = |value: &str| {
        js_sys::Reflect::set(&field, &"value".into(), &value.into()).unwrap();
        field.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    };
    type_in("ic_lifs");
    until("the typed IPspace", 5, || command().contains("-ipspace ic_lifs ").then_some(())).await;
    type_in("ic lifs");
    until("the error", 5, || {
        Some(text(&root, "#pw-ipspace-error")).filter(|t| t.contains("not allowed"))
    })
    .await;
    assert!(command().contains("<IP-SPACE-NAME>"), "an invalid name is not pasted into it");
    type_in("ic_lifs");
    until("valid again", 5, || command().contains("-ipspace ic_lifs ").then_some(())).await;
    unmount(root, handle).await;
    // Kept for the cluster: the next offer for it uses it.
    let kept = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("anf-migrate.ipspace.onprem-cl01")
        .unwrap();
    assert_eq!(kept.as_deref(), Some("\"ic_lifs\""));
    let session = window().session_storage().unwrap().unwrap();
    let sim: Simulator =
        serde_json::from_str(&session.get_item("anf-migrate.demo-world").unwrap().unwrap())
            .unwrap();
    let key =
        format!("anf-migrate.peering.{}", volume_id(&sim, "vol-projects-mig").to_ascii_lowercase());
    let kept: PeeringWizardState =
        serde_json::from_str(&session.get_item(&key).unwrap().unwrap()).unwrap();
    let (root, handle) = mount_on(&sim, "vol-projects-mig", Some(&kept));
    until("the remembered IPspace", 10, || {
        Some(text(&root, "pre[aria-label='Cluster peering command']"))
            .filter(|t| t.contains("-ipspace ic_lifs "))
    })
    .await;
    unmount(root, handle).await;
    // The other tests' cluster has no such IPspace.
    window()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("anf-migrate.ipspace.onprem-cl01")
        .unwrap();
}
