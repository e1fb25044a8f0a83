//! The demo page's ONTAP console keeps the simulated cluster's prompt state: a passphrase is
//! hidden only while the cluster really asks for one.
#![cfg(target_arch = "wasm32")]

use anf_core::models::ClusterPeerCommand;
use anf_migrate::App;
use anf_sim::Simulator;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, until};
use common::sim_world::{create, finish, fresh_world, go};

wasm_bindgen_test_configure!(run_in_browser);

/// Types `line` into the console and runs it; waits until the transcript has one more entry.
async fn type_line(root: &web_sys::HtmlElement, line: &str) -> String {
    let input: web_sys::HtmlTextAreaElement =
        until("the console input", || query(root, "#ontap-input")).await.unchecked_into();
    let before =
        query(root, "[data-ontap-output]").and_then(|o| o.text_content()).unwrap_or_default();
    input.set_value(line);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    query(root, "#ontap-run").unwrap().click();
    until("the console's answer", || {
        query(root, "[data-ontap-output]")
            .and_then(|o| o.text_content())
            .filter(|t| t.len() > before.len())
    })
    .await
}

#[wasm_bindgen_test]
async fn after_a_passphrase_mismatch_the_next_command_is_shown_as_typed() {
    let (world, client, pool) = fresh_world(61, 30.0);
    let id = create(&world, &client, &pool, "console-peer", "vol_home", 60).await;
    let d = world.read(Simulator::default_scope);
    let p = client.peer_external_cluster(&id, &d.intercluster_addresses, now()).await.unwrap();
    let peer = ClusterPeerCommand::from_value(&finish(&world, &client, p).await.unwrap()).unwrap();
    let command = peer.command.unwrap().replace("<IP-SPACE-NAME>", "Default");
    let passphrase = peer.passphrase.unwrap();
    go("/demo");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);

    type_line(&root, &command).await;
    let out = type_line(&root, &passphrase).await;
    assert!(
        out.ends_with("********\n") || out.contains("********"),
        "the passphrase is hidden: {out}"
    );
    let out = type_line(&root, "not-the-same-passphrase").await;
    assert!(out.contains("do not match"), "{out}");
    let out = type_line(&root, "version").await;
    assert!(
        out.contains("::> version"),
        "the command after the error is echoed at the cluster's prompt, not as a secret: {out}"
    );
    assert!(out.contains("NetApp Release"), "and run as a command: {out}");
    drop(handle);
    root.remove();
}
