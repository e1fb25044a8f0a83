//! The new-migration form in demo mode: errors at their fields and nothing sent while any field
//! is invalid, the draft kept across a remount, and a full create followed by cluster peering.
#![cfg(target_arch = "wasm32")]

use anf_core::ids::SubscriptionId;
use anf_core::migration_meta::{self, MigrationMeta};
use anf_core::preflight::checklist::{self, ConfirmedChecklist};
use anf_migrate::state::scope::Scope;
use anf_migrate::App;
use anf_sim::{Scenario, Simulator};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, text, type_into, until_secs as until};

wasm_bindgen_test_configure!(run_in_browser);

const WORLD: &str = "anf-migrate.demo-world";
const DRAFT: &str = "anf-migrate.new-migration-draft";

/// A fresh happy-path world, the default scope and no draft, then the app at `path`.
fn fresh_world(path: &str) -> Simulator {
    let mut sim = Simulator::new(Scenario::HappyPath, 11, now());
    // Accelerated well past the demo's own speed: the suite must finish within the runner's time.
    sim.set_speed(60.0, now());
    let d = sim.default_scope();
    let session = window().session_storage().unwrap().unwrap();
    session.set_item(WORLD, &serde_json::to_string(&sim).unwrap()).unwrap();
    session.remove_item(DRAFT).unwrap();
    let scope = Scope {
        subscription: Some(d.subscription_id),
        resource_group: Some(d.resource_group),
        account: Some(d.account),
        pool: Some(d.pool),
    };
    let local = window().local_storage().unwrap().unwrap();
    local.set_item("anf-migrate.scope", &serde_json::to_string(&scope).unwrap()).unwrap();
    window().history().unwrap().push_state_with_url(&JsValue::NULL, "", Some(path)).unwrap();
    sim
}

/// PUTs the demo world has handled so far (it is saved at once after every write).
fn puts_in_world() -> usize {
    let session = window().session_storage().unwrap().unwrap();
    let Some(text) = session.get_item(WORLD).unwrap() else { return 0 };
    let sim: Simulator = serde_json::from_str(&text).unwrap();
    sim.requests().filter(|r| r.method == "PUT").count()
}

/// Leaves for a quiet page and lets requests in flight land before unmounting: a response that
/// arrives after the app is gone would be logged into a disposed activity log.
async fn unmount(root: web_sys::HtmlElement, handle: impl Sized) {
    let a = document().create_element("a").unwrap();
    a.set_attribute("href", "/test-quiet-page").unwrap();
    root.append_child(&a).unwrap();
    a.unchecked_ref::<web_sys::HtmlElement>().click();
    gloo_timers::future::TimeoutFuture::new(800).await;
    drop(handle);
    root.remove();
}

/// Waits up to a second for an input to show `want`: the renderer sets `value` in a microtask
/// after the element is built, which the tab switch does not wait for.
async fn value_settles(input: &web_sys::HtmlInputElement, want: &str) {
    for _ in 0..20 {
        if input.value() == want {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(50).await;
    }
    assert_eq!(input.value(), want);
}

async fn open_tab(root: &web_sys::HtmlElement, key: &str) {
    query(root, &format!("#nm-tab-{key}")).expect(key).click();
    leptos::task::tick().await;
    until(key, 5, || query(root, &format!("#nm-tab-{key}-panel"))).await;
}

#[wasm_bindgen_test]
async fn invalid_fields_show_their_messages_and_nothing_is_sent() {
    fresh_world("/migrations/new");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    type_into(&root, "nm-clusterName", "1cluster").await;
    let input = query(&root, "#nm-clusterName").unwrap();
    let error = until("the cluster name error", 5, || {
        Some(text(&root, "#nm-clusterName-error")).filter(|t| !t.is_empty())
    })
    .await;
    assert!(error.contains("start with a letter"), "{error}");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(input
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .split(' ')
        .any(|id| id == "nm-clusterName-error"));
    // A field not yet left shows nothing.
    assert_eq!(text(&root, "#nm-svmName-error"), "");
    // The source's size is its logical size, and says so; it takes a positive number.
    assert_eq!(text(&root, "label[for='nm-sourceSize']"), "Source volume's logical size");
    assert!(text(&root, "#nm-sourceSize-hint").contains("logical-used"));
    for (typed, says) in [("abc", "Enter a number"), ("0", "more than 0"), ("5 PB", "GiB or TiB")] {
        type_into(&root, "nm-sourceSize", typed).await;
        let error = text(&root, "#nm-sourceSize-error");
        assert!(error.contains(says), "{typed:?}: {error:?}");
    }

    open_tab(&root, "volume").await;
    type_into(&root, "nm-volumeName", "bad name").await;
    assert!(text(&root, "#nm-volumeName-error").contains("a space is not allowed"));

    // Review lists every problem, and Create sends nothing.
    let before = puts_in_world();
    open_tab(&root, "review").await;
    let problems = until("the problem list", 5, || {
        Some(text(&root, "[role='alert']")).filter(|t| t.contains("need attention"))
    })
    .await;
    for part in ["start with a letter", "a space is not allowed", "Enter the SVM name"] {
        assert!(problems.contains(part), "{part} in {problems}");
    }
    let create: web_sys::HtmlButtonElement =
        query(&root, "button[data-create]").expect("a Create button").unchecked_into();
    assert!(create.disabled(), "Create is disabled while fields are invalid");
    create.click();
    gloo_timers::future::TimeoutFuture::new(500).await;
    assert_eq!(puts_in_world(), before, "no PUT reached the simulator");
    assert!(query(&root, "[data-create-status]").is_none());
    unmount(root, handle).await;
}

#[wasm_bindgen_test]
async fn the_draft_survives_a_remount() {
    fresh_world("/migrations/new");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    type_into(&root, "nm-clusterName", "cl-remount").await;
    type_into(&root, "nm-sourceSize", "500").await;
    open_tab(&root, "volume").await;
    // The quota follows the source's size: 20 % more.
    let quota: web_sys::HtmlInputElement = query(&root, "#nm-quota").unwrap().unchecked_into();
    value_settles(&quota, "600").await;
    assert!(text(&root, "#nm-quota-hint").contains("20%"));
    // Drop everything, as a reload does.
    gloo_timers::future::TimeoutFuture::new(800).await;
    drop(handle);
    root.remove();

    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    // Back on the tab that was open, with the values typed.
    let quota: web_sys::HtmlInputElement =
        until("the quota", 5, || query(&root, "#nm-quota")).await.unchecked_into();
    assert_eq!(quota.value(), "600");
    open_tab(&root, "source").await;
    let cluster: web_sys::HtmlInputElement =
        query(&root, "#nm-clusterName").unwrap().unchecked_into();
    value_settles(&cluster, "cl-remount").await;
    unmount(root, handle).await;
    window().session_storage().unwrap().unwrap().remove_item(DRAFT).unwrap();
}

#[wasm_bindgen_test]
async fn demo_create_then_peer_shows_the_command() {
    let sim = fresh_world("/migrations/new");
    let d = sim.default_scope();
    let pool = SubscriptionId::new(d.subscription_id.clone())
        .resource_group(d.resource_group.clone())
        .account(d.account.clone())
        .pool(d.pool.clone());
    // Everything confirmed on Pre-flight for this pool: kept with the migration.
    let confirmed = ConfirmedChecklist::new(checklist::items().iter().map(|i| i.id), now());
    let local = window().local_storage().unwrap().unwrap();
    local
        .set_item(&checklist::storage_key(&pool), &serde_json::to_string(&confirmed).unwrap())
        .unwrap();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let name = format!("mig-home-{}", (js_sys::Math::random() * 1e6) as u32);
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    type_into(&root, "nm-clusterName", "onprem-cl01").await;
    type_into(&root, "nm-svmName", "svm_nfs").await;
    type_into(&root, "nm-sourceVolumeName", "vol_home").await;
    type_into(&root, "nm-sourceSize", "42").await;
    open_tab(&root, "volume").await;
    type_into(&root, "nm-volumeName", &name).await;
    // The pool's service level is filled in once the pool is read.
    until("the service level", 10, || {
        let s: web_sys::HtmlSelectElement = query(&root, "#nm-serviceLevel")?.unchecked_into();
        (s.value() == "Standard").then_some(())
    })
    .await;
    open_tab(&root, "network").await;
    // The only delegated subnet is picked, with its free addresses shown.
    until("the delegated subnet", 10, || {
        Some(text(&root, "#nm-subnet option:checked")).filter(|t| t.contains("free IPs"))
    })
    .await;
    type_into(&root, "nm-allowedClients", "10.1.0.0/16").await;
    type_into(&root, "nm-peerIpAddresses", "192.168.10.21\n192.168.10.22").await;
    open_tab(&root, "review").await;
    let request =
        until("the request", 10, || Some(text(&root, "figure")).filter(|t| t.contains("PUT ")))
            .await;
    assert!(request.contains(&format!("/volumes/{name}?api-version=")), "{request}");
    let body = text(&root, "pre[aria-label='Request body (JSON)']");
    assert!(body.contains("\"volumeType\": \"Migration\""), "{body}");
    assert!(body.contains("\"usageThreshold\": 54760833024"), "51 GiB: {body}");

    // First what will be created, in the form's words.
    let summary: Vec<(String, String)> = {
        let dl = until("the summary", 5, || query(&root, "[data-review-summary]")).await;
        let dts = common::dom::query_all(&dl, "dt");
        let dds = common::dom::query_all(&dl, "dd");
        dts.iter()
            .zip(dds.iter())
            .map(|(t, d)| (t.text_content().unwrap(), d.text_content().unwrap()))
            .collect()
    };
    let value = |label: &str| {
        summary.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    assert_eq!(value("Source"), "onprem-cl01 / svm_nfs / vol_home");
    assert_eq!(value("Quota"), "51 GiB");
    assert_eq!(value("Service level"), "Standard");
    assert_eq!(value("Protocol"), "NFSv3");
    assert_eq!(value("Replication schedule"), "Hourly");
    assert_eq!(value("Export policy rule"), "10.1.0.0/16: read & write, root access");
    assert!(value("Virtual network / subnet").contains(" / "), "{summary:?}");
    assert_eq!(value("Capacity pool"), d.pool);
    let panel = text(&root, "[role='tabpanel']");
    let (summary_at, request_at) = (panel.find("What will be created"), panel.find("The request"));
    assert!(summary_at.is_some() && summary_at < request_at, "the summary before the request");

    assert!(text(&root, "main").contains("6 of 6 items confirmed"));
    let before = puts_in_world();
    let create: web_sys::HtmlButtonElement =
        query(&root, "button[data-create]").unwrap().unchecked_into();
    assert!(!create.disabled());
    create.click();
    leptos::task::tick().await;
    let peering = until("the created volume", 60, || {
        query(&root, "[data-created]")?;
        query(&root, &format!("a[href='/migrations/{name}/peering']"))
    })
    .await;
    assert_eq!(puts_in_world(), before + 1, "exactly one PUT");
    // The card says what is true; the emptied form waits behind "Start another migration".
    assert_eq!(text(&root, "#nm-create-heading"), format!("{name} is created"));
    assert!(query(&root, "#nm-tab-source").is_none(), "no blank form under the news");
    assert!(query(&root, "[data-create-another]").is_some());
    // The form is cleared after a successful create; the metadata is kept for the details page.
    let session = window().session_storage().unwrap().unwrap();
    assert!(session.get_item(DRAFT).unwrap().is_none());
    let meta_key = migration_meta::storage_key(&pool.volume(name.clone()).to_string());
    let meta: MigrationMeta =
        serde_json::from_str(&local.get_item(&meta_key).unwrap().expect("metadata kept")).unwrap();
    assert!(meta.checklist_complete(), "{meta:?}");
    assert_eq!(meta.source_logical_bytes, Some(42 << 30));
    assert_eq!(meta.peer_addresses, ["192.168.10.21", "192.168.10.22"]);

    peering.click();
    leptos::task::tick().await;
    let addresses: web_sys::HtmlTextAreaElement =
        until("the peering wizard", 20, || query(&root, "#pw-addresses")).await.unchecked_into();
    assert!(addresses.value().contains("192.168.10.21"), "addresses carried over from the form");
    assert!(
        text(&root, "main").contains("network interface show -service-policy default-intercluster")
    );
    let start = query(&root, "button[data-start-peering]").unwrap();
    start.click();
    leptos::task::tick().await;
    let command = until("the cluster peering command", 60, || {
        Some(text(&root, "pre[aria-label='Cluster peering command']"))
            .filter(|t| t.contains("cluster peer create"))
    })
    .await;
    assert!(command.contains("-peer-addrs"), "{command}");
    let passphrase = text(&root, "pre[aria-label='Passphrase']");
    assert!(!passphrase.trim().is_empty(), "a passphrase to copy");
    assert!(query(&root, "[data-ipspace-note]").is_some(), "the IP space note");
    let countdown = text(&root, "[data-countdown]");
    assert!(countdown.starts_with("60:") || countdown.starts_with("59:"), "{countdown}");
    assert!(query(&root, "[data-demo-hint] a[href='/demo']").is_some());
    unmount(root, handle).await;
}
