//! The pre-flight page in demo mode: the simulator's feature state and subnet verdict, Register
//! moving the feature to Registered (the demo runs fast), and the checklist kept across a remount.
#![cfg(target_arch = "wasm32")]

use anf_core::preflight::checklist::storage_key;
use anf_migrate::components::preflight::load_confirmed_checklist;
use anf_migrate::state::scope::Scope;
use anf_migrate::App;
use anf_sim::{Scenario, Simulator};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, until_secs};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh demo world in `scenario` at `speed`, the demo's own scope, no operations left over,
/// and the app's address at /preflight, as the app finds them when it starts.
fn start_in(scenario: Scenario, speed: f64) -> Scope {
    let mut sim = Simulator::new(scenario, 7, now());
    sim.set_speed(speed, now());
    let d = sim.default_scope();
    let session = window().session_storage().unwrap().unwrap();
    session.set_item("anf-migrate.demo-world", &serde_json::to_string(&sim).unwrap()).unwrap();
    session.remove_item("anf-migrate.operations").unwrap();
    window().local_storage().unwrap().unwrap().remove_item("anf-migrate.scope").unwrap();
    window()
        .history()
        .unwrap()
        .push_state_with_url(&JsValue::NULL, "", Some("/preflight"))
        .unwrap();
    Scope {
        subscription: Some(d.subscription_id),
        resource_group: Some(d.resource_group),
        account: Some(d.account),
        pool: Some(d.pool),
    }
}

fn verdict_of(root: &web_sys::HtmlElement, check: &str) -> Option<String> {
    query(root, &format!("[data-check='{check}']"))?.get_attribute("data-verdict")
}

#[wasm_bindgen_test]
async fn shows_the_feature_state_and_the_subnet_check_from_the_simulator() {
    start_in(Scenario::HappyPath, anf_sim::DEMO_SPEED);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let state = until_secs("the feature state", 10, || query(&root, "[data-feature-state]")).await;
    assert_eq!(state.text_content().unwrap(), "Registered");
    until_secs("the feature verdict", 10, || verdict_of(&root, "feature").filter(|v| v == "pass"))
        .await;
    until_secs("the subnet verdict", 10, || verdict_of(&root, "subnet").filter(|v| v == "pass"))
        .await;
    // The demo account has an Active Directory connection: SMB volumes can be created.
    until_secs("the AD verdict", 10, || {
        verdict_of(&root, "active-directory").filter(|v| v == "pass")
    })
    .await;
    let ad = query(&root, "[data-check='active-directory']").unwrap().text_content().unwrap();
    assert!(ad.contains("has an Active Directory connection"), "{ad}");
    let subnet =
        query(&root, "[data-check='subnet'] [data-subnet]").expect("a delegated subnet row");
    let text = subnet.text_content().unwrap();
    assert!(text.contains("vnet-anf/snet-anf"), "{text}");
    assert!(text.contains("free"), "{text}");
    // Every check is a list item with a status pill and a heading.
    for check in ["feature", "provider", "subnet", "network-features", "cluster"] {
        let item = query(&root, &format!("ul > li[data-check='{check}']")).expect(check);
        assert!(
            query(&item, "span").is_some_and(|pill| !pill.text_content().unwrap().is_empty()),
            "{check}"
        );
        assert!(query(&item, "h3").is_some(), "{check}");
    }
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_subnet_with_too_few_free_addresses_fails() {
    start_in(Scenario::SubnetTooSmall, anf_sim::DEMO_SPEED);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until_secs("the subnet verdict", 10, || verdict_of(&root, "subnet").filter(|v| v == "fail"))
        .await;
    let text = query(&root, "[data-check='subnet']").unwrap().text_content().unwrap();
    assert!(text.contains("6 for cluster peering"), "{text}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn register_moves_the_feature_to_registered_over_time() {
    // 600x: the simulator's five minutes of registration take half a second.
    start_in(Scenario::FeatureNotRegistered, 600.0);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until_secs("NotRegistered", 10, || {
        query(&root, "[data-feature-state]")
            .filter(|s| s.text_content().unwrap() == "NotRegistered")
    })
    .await;
    assert_eq!(verdict_of(&root, "feature").as_deref(), Some("fail"));
    let register: web_sys::HtmlButtonElement = until_secs("an enabled Register button", 5, || {
        query(&root, "[data-check='feature'] button.btn-primary")
            .map(JsCast::unchecked_into::<web_sys::HtmlButtonElement>)
            .filter(|b| !b.disabled())
    })
    .await;
    register.click();
    leptos::task::tick().await;
    until_secs("Registered", 20, || {
        query(&root, "[data-feature-state]").filter(|s| s.text_content().unwrap() == "Registered")
    })
    .await;
    until_secs("the pass verdict", 5, || verdict_of(&root, "feature").filter(|v| v == "pass"))
        .await;
    let register: web_sys::HtmlButtonElement =
        query(&root, "[data-check='feature'] button.btn-primary").unwrap().unchecked_into();
    assert!(register.disabled(), "nothing to register any more");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_confirmed_checklist_persists_across_a_remount() {
    let scope = start_in(Scenario::HappyPath, anf_sim::DEMO_SPEED);
    let local = window().local_storage().unwrap().unwrap();
    local.remove_item(&storage_key(&scope.pool_id().unwrap())).unwrap();
    assert_eq!(load_confirmed_checklist(&scope), None);

    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    for id in ["ontap-version", "firewall-open"] {
        let input = until_secs(id, 10, || {
            query(&root, &format!("[data-item='{id}'] input[type='checkbox']"))
        })
        .await;
        let label = query(&root, &format!("label[for='{}']", input.id())).expect("a label");
        assert!(!label.text_content().unwrap().is_empty());
        input.click();
        leptos::task::tick().await;
    }
    until_secs("two confirmed", 5, || query(&root, "[data-confirmed-count='2']")).await;
    drop(handle);
    root.remove();

    let kept = load_confirmed_checklist(&scope).expect("kept for the pool");
    assert_eq!(kept.items, vec!["ontap-version".to_owned(), "firewall-open".to_owned()]);
    assert!(!kept.is_complete());

    window()
        .history()
        .unwrap()
        .push_state_with_url(&JsValue::NULL, "", Some("/preflight"))
        .unwrap();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until_secs("the checklist again", 10, || query(&root, "[data-confirmed-count='2']")).await;
    let checked = |id: &str| {
        query(&root, &format!("[data-item='{id}'] input[type='checkbox']"))
            .map(|i| i.unchecked_into::<web_sys::HtmlInputElement>().checked())
    };
    assert_eq!(checked("ontap-version"), Some(true));
    assert_eq!(checked("firewall-open"), Some(true));
    assert_eq!(checked("snapmirror-license"), Some(false));
    drop(handle);
    root.remove();
    local.remove_item(&storage_key(&scope.pool_id().unwrap())).unwrap();
}

#[wasm_bindgen_test]
async fn another_subscription_migrating_from_the_cluster_is_flagged() {
    start_in(Scenario::SecondSubscription, anf_sim::DEMO_SPEED);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until_secs("the cluster warning", 10, || verdict_of(&root, "cluster").filter(|v| v == "warn"))
        .await;
    let text = query(&root, "[data-check='cluster']").unwrap().text_content().unwrap();
    assert!(text.contains("onprem-cl01"), "{text}");
    assert!(text.contains("Contoso Landing Zone"), "{text}");
    // Naming that cluster as the source makes it a blocker; another name clears it.
    let input: web_sys::HtmlInputElement =
        query(&root, "#preflight-source-cluster").expect("the cluster box").unchecked_into();
    for (name, expected) in [("onprem-cl01", "fail"), ("other-cluster", "pass")] {
        input.set_value(name);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
        leptos::task::tick().await;
        until_secs(expected, 5, || verdict_of(&root, "cluster").filter(|v| v == expected)).await;
    }
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn an_incomplete_scope_is_said_and_links_to_the_scope_page() {
    let scope = start_in(Scenario::HappyPath, anf_sim::DEMO_SPEED);
    let partial = Scope { subscription: scope.subscription, ..Scope::default() };
    let local = window().local_storage().unwrap().unwrap();
    local.set_item("anf-migrate.scope", &serde_json::to_string(&partial).unwrap()).unwrap();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let link =
        until_secs("the link to the scope page", 10, || query(&root, "main a[href='/scope']"))
            .await;
    assert!(link.text_content().unwrap().contains("Choose"));
    assert!(query(&root, "[data-check]").is_none(), "no checks without a pool");
    drop(handle);
    root.remove();
    local.remove_item("anf-migrate.scope").unwrap();
}
