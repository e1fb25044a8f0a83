//! Every kind of volume the migration assistant takes, in the new-migration form: SMB and
//! dual-protocol volumes (with the account's Active Directory connection, the share settings and
//! the security style) and volumes in a manual-QoS pool (with their throughput).
#![cfg(target_arch = "wasm32")]

use anf_migrate::state::scope::Scope;
use anf_migrate::App;
use anf_sim::{Scenario, Simulator};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, text, type_into, until_secs as until};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh world and the app on New migration in `account` / `pool` of the demo's resource group.
fn mount_form(account: &str, pool: &str) -> (web_sys::HtmlElement, impl Sized) {
    let mut sim = Simulator::new(Scenario::HappyPath, 13, now());
    sim.set_speed(60.0, now());
    let d = sim.default_scope();
    let session = window().session_storage().unwrap().unwrap();
    session.clear().unwrap();
    session.set_item("anf-migrate.demo-world", &serde_json::to_string(&sim).unwrap()).unwrap();
    let scope = Scope {
        subscription: Some(d.subscription_id),
        resource_group: Some(d.resource_group),
        account: Some(account.into()),
        pool: Some(pool.into()),
    };
    let local = window().local_storage().unwrap().unwrap();
    local.set_item("anf-migrate.scope", &serde_json::to_string(&scope).unwrap()).unwrap();
    let path = "/migrations/new";
    window().history().unwrap().push_state_with_url(&JsValue::NULL, "", Some(path)).unwrap();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    (root, handle)
}

async fn choose(root: &web_sys::HtmlElement, id: &str, value: &str) {
    let select: web_sys::HtmlSelectElement =
        until(id, 5, || query(root, &format!("#{id}"))).await.unchecked_into();
    select.set_value(value);
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    select.dispatch_event(&web_sys::Event::new("blur").unwrap()).unwrap();
    leptos::task::tick().await;
}

async fn open_tab(root: &web_sys::HtmlElement, key: &str) {
    until(key, 10, || query(root, &format!("#nm-tab-{key}"))).await.click();
    leptos::task::tick().await;
    until(key, 5, || query(root, &format!("#nm-tab-{key}-panel"))).await;
}

/// Fills the fields every migration needs.
async fn fill_common(root: &web_sys::HtmlElement, name: &str) {
    type_into(root, "nm-clusterName", "onprem-cl01").await;
    type_into(root, "nm-svmName", "svm_nfs").await;
    type_into(root, "nm-sourceVolumeName", "vol_home").await;
    type_into(root, "nm-sourceSize", "42").await;
    open_tab(root, "volume").await;
    type_into(root, "nm-volumeName", name).await;
    open_tab(root, "network").await;
    until("the delegated subnet", 10, || {
        Some(text(root, "#nm-subnet option:checked")).filter(|t| t.contains("free IPs"))
    })
    .await;
    type_into(root, "nm-peerIpAddresses", "192.168.10.21\n192.168.10.22").await;
}

fn request_body(root: &web_sys::HtmlElement) -> serde_json::Value {
    let body = text(root, "pre[aria-label='Request body (JSON)']");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[wasm_bindgen_test]
async fn an_smb_volume_takes_the_accounts_active_directory_and_share_settings() {
    let (root, handle) = mount_form("anf-contoso", "pool-standard");
    fill_common(&root, "smb-share-mig").await;
    choose(&root, "nm-protocolTypes", "smb").await;
    let joined = until("the AD connection", 10, || query(&root, "[data-ad='joined']")).await;
    assert!(joined.text_content().unwrap().contains("contoso"), "the account's domain is named");
    // SMB volumes are NTFS only: UNIX is not offered.
    let styles = text(&root, "#nm-securityStyle");
    assert!(styles.contains("NTFS") && !styles.contains("UNIX"), "{styles}");
    query(&root, "#nm-smbEncryption").unwrap().click();
    query(&root, "#nm-smbNonBrowsable").unwrap().click();
    open_tab(&root, "review").await;
    let body = until("the request", 10, || {
        Some(text(&root, "pre[aria-label='Request body (JSON)']")).filter(|t| t.contains("CIFS"))
    })
    .await;
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    let p = &body["properties"];
    assert_eq!(p["protocolTypes"], serde_json::json!(["CIFS"]), "{p}");
    assert_eq!(p["smbEncryption"], true);
    assert_eq!(p["smbNonBrowsable"], "Enabled");
    assert_eq!(p["securityStyle"], "ntfs");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_dual_protocol_volume_chooses_its_security_style() {
    let (root, handle) = mount_form("anf-contoso", "pool-standard");
    fill_common(&root, "dual-mig").await;
    type_into(&root, "nm-allowedClients", "10.1.0.0/16").await;
    choose(&root, "nm-protocolTypes", "dual").await;
    until("the AD connection", 10, || query(&root, "[data-ad='joined']")).await;
    choose(&root, "nm-securityStyle", "unix").await;
    // Continuously available shares are for SMB-only volumes.
    assert!(query(&root, "#nm-smbContinuouslyAvailable").is_none());
    open_tab(&root, "review").await;
    until("the request", 10, || {
        Some(text(&root, "pre[aria-label='Request body (JSON)']")).filter(|t| t.contains("CIFS"))
    })
    .await;
    let p = request_body(&root)["properties"].clone();
    let mut protocols: Vec<String> =
        serde_json::from_value(p["protocolTypes"].clone()).unwrap_or_default();
    protocols.sort();
    assert_eq!(protocols, ["CIFS", "NFSv3"], "{p}");
    assert_eq!(p["securityStyle"], "unix");
    let rule = &p["exportPolicy"]["rules"][0];
    assert_eq!((rule["cifs"].clone(), rule["nfsv3"].clone()), (true.into(), true.into()), "{rule}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn smb_without_an_active_directory_connection_is_refused_with_the_way_to_add_one() {
    let (root, handle) = mount_form("anf-contoso-nfs", "pool-nfs");
    fill_common(&root, "smb-no-ad").await;
    choose(&root, "nm-protocolTypes", "smb").await;
    let missing = until("no AD connection", 10, || query(&root, "[data-ad='missing']")).await;
    let link = query(&missing, "a").expect("a link to the how-to");
    assert!(link.get_attribute("href").unwrap().contains("create-active-directory-connections"));
    open_tab(&root, "review").await;
    common::dom::sleep_ms(1500).await;
    let problems = text(&root, "main");
    assert!(problems.contains("1 field needs attention"), "{problems}");
    assert!(problems.contains("Active Directory connection"), "{problems}");
    let create: web_sys::HtmlButtonElement =
        query(&root, "button[data-create]").unwrap().unchecked_into();
    assert!(create.disabled(), "nothing is sent without the connection");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_manual_qos_pool_asks_for_the_throughput_within_what_is_left() {
    let (root, handle) = mount_form("anf-contoso", "pool-ultra-manual");
    fill_common(&root, "qos-mig").await;
    type_into(&root, "nm-allowedClients", "10.1.0.0/16").await;
    open_tab(&root, "volume").await;
    let field = until("the throughput field", 10, || query(&root, "#nm-throughputMibps")).await;
    let hint = text(&root, "#nm-throughputMibps-hint");
    assert!(hint.contains("manual QoS") && hint.contains("512"), "what is left is shown: {hint}");
    drop(field);
    type_into(&root, "nm-throughputMibps", "100000").await;
    let error = until("too much", 5, || {
        Some(text(&root, "#nm-throughputMibps-error")).filter(|t| !t.is_empty())
    })
    .await;
    assert!(error.contains("MiB/s"), "{error}");
    type_into(&root, "nm-throughputMibps", "64").await;
    until("no error", 5, || text(&root, "#nm-throughputMibps-error").is_empty().then_some(()))
        .await;
    open_tab(&root, "review").await;
    until("the request", 10, || {
        Some(text(&root, "pre[aria-label='Request body (JSON)']"))
            .filter(|t| t.contains("throughputMibps"))
    })
    .await;
    assert_eq!(request_body(&root)["properties"]["throughputMibps"], 64.0);
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn an_auto_qos_pool_asks_for_no_throughput() {
    let (root, handle) = mount_form("anf-contoso", "pool-standard");
    open_tab(&root, "volume").await;
    until("the service level", 10, || {
        let s: web_sys::HtmlSelectElement = query(&root, "#nm-serviceLevel")?.unchecked_into();
        (s.value() == "Standard").then_some(())
    })
    .await;
    assert!(query(&root, "#nm-throughputMibps").is_none());
    drop(handle);
    root.remove();
}
