//! The scope page in demo mode: lists from the simulator, filtering, choosing each level, and
//! the choice remembered.
#![cfg(target_arch = "wasm32")]

use anf_migrate::state::scope::Scope;
use anf_migrate::App;
use anf_sim::{Scenario, Simulator};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, until};

wasm_bindgen_test_configure!(run_in_browser);

fn option(
    root: &web_sys::HtmlElement,
    level: &str,
    key: &str,
) -> Option<web_sys::HtmlInputElement> {
    query(root, &format!("[data-level='{level}'] li[data-key='{key}'] input[type='radio']"))
        .map(JsCast::unchecked_into)
}

fn stored_scope() -> Option<Scope> {
    let text = window().local_storage().unwrap().unwrap().get_item("anf-migrate.scope").unwrap()?;
    serde_json::from_str(&text).ok()
}

#[wasm_bindgen_test]
async fn the_scope_page_lists_filters_and_selects() {
    let now = now();
    let sim = Simulator::new(Scenario::HappyPath, 3, now);
    let d = sim.default_scope();
    let session = window().session_storage().unwrap().unwrap();
    session.set_item("anf-migrate.demo-world", &serde_json::to_string(&sim).unwrap()).unwrap();
    let local = window().local_storage().unwrap().unwrap();
    local.remove_item("anf-migrate.scope").unwrap();
    window().history().unwrap().push_state_with_url(&JsValue::NULL, "", Some("/scope")).unwrap();

    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    // The simulated tenant, said to be simulated.
    let tenant =
        until("the tenant", || query(&root, &format!("li[data-tenant='{}']", d.tenant_id))).await;
    assert!(tenant.text_content().unwrap().contains("Simulated"));

    // Demo mode starts on its own scope, every level chosen.
    let first =
        until("the demo subscription", || option(&root, "subscription", &d.subscription_id)).await;
    assert!(first.checked());
    until("the demo pool", || {
        option(&root, "pool", &d.pool).filter(web_sys::HtmlInputElement::checked)
    })
    .await;

    // The filter narrows the list.
    let filter: web_sys::HtmlInputElement =
        query(&root, "#scope-subscription-filter").expect("a filter box").unchecked_into();
    let label = query(&root, "label[for='scope-subscription-filter']").expect("labelled");
    assert!(label.text_content().unwrap().contains("Filter subscriptions"));
    filter.set_value("landing");
    filter.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    until("only the landing zone", || {
        option(&root, "subscription", &d.subscription_id).is_none().then_some(())
    })
    .await;
    let second =
        option(&root, "subscription", &d.second_subscription_id).expect("the second subscription");

    // Choosing another subscription forgets the levels below and lists its resource groups.
    second.click();
    leptos::task::tick().await;
    until("the scope forgets the pool", || {
        stored_scope().filter(|s| {
            s.subscription.as_deref() == Some(d.second_subscription_id.as_str()) && s.pool.is_none()
        })
    })
    .await;
    until("the landing group", || option(&root, "resource-group", "rg-anf-landing")).await.click();
    leptos::task::tick().await;
    until("the landing account", || option(&root, "account", "anf-landing")).await.click();
    leptos::task::tick().await;
    until("the landing pool", || option(&root, "pool", "pool-landing")).await.click();
    leptos::task::tick().await;

    let chosen =
        until("the whole scope stored", || stored_scope().filter(|s| s.pool.is_some())).await;
    assert_eq!(
        chosen,
        Scope {
            subscription: Some(d.second_subscription_id.clone()),
            resource_group: Some("rg-anf-landing".into()),
            account: Some("anf-landing".into()),
            pool: Some("pool-landing".into()),
        }
    );
    until("the next step", || query(&root, "a[href='/preflight']")).await;
    drop(handle);
    root.remove();

    // Remembered: a new mount starts where the user left off.
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until("the remembered pool", || {
        option(&root, "pool", "pool-landing").filter(web_sys::HtmlInputElement::checked)
    })
    .await;
    drop(handle);
    root.remove();
    local.remove_item("anf-migrate.scope").unwrap();
}

#[wasm_bindgen_test]
async fn the_scope_summary_prompts_until_a_pool_is_chosen() {
    use anf_migrate::components::scope_summary::ScopeSummary;
    use anf_migrate::state::scope::{provide_scope, use_scope};
    let local = window().local_storage().unwrap().unwrap();
    local.remove_item("anf-migrate.scope").unwrap();
    let root = container();
    let scope = RwSignal::new(None::<RwSignal<Scope>>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_scope(None);
        scope.set(Some(use_scope()));
        view! { <ScopeSummary /> }
    });
    let link = until("the prompt", || query(&root, "a[href='/scope']")).await;
    assert_eq!(link.text_content().unwrap(), "Choose scope");
    scope.get_untracked().unwrap().set(Scope {
        subscription: Some("s".into()),
        resource_group: Some("rg".into()),
        account: Some("acct-a".into()),
        pool: Some("pool-b".into()),
    });
    leptos::task::tick().await;
    let summary = until("the account and pool", || {
        query(&root, "[data-scope-summary]")
            .filter(|s| s.text_content().unwrap().contains("acct-a / pool-b"))
    })
    .await;
    assert!(query(&summary, "a[href='/scope']").is_some(), "a way to change it");
    drop(handle);
    root.remove();
    local.remove_item("anf-migrate.scope").unwrap();
}
