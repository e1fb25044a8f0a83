//! A volume name already used in the pool is refused at the field: a PUT to it would be a
//! CreateOrUpdate of that volume, not a new migration.
#![cfg(target_arch = "wasm32")]

use anf_migrate::App;
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, query, text, type_into, until};
use common::sim_world::{create, fresh_world, go};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_name_taken_in_the_pool_is_refused_at_the_field() {
    let (world, client, pool) = fresh_world(71, 60.0);
    create(&world, &client, &pool, "taken-name", "vol_home", 60).await;
    window_session_remove("anf-migrate.new-migration-draft");
    go("/migrations/new");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let tab = until("the Volume tab", || query(&root, "#nm-tab-volume")).await;
    tab.click();
    leptos::task::tick().await;
    type_into(&root, "nm-volumeName", "Taken-Name").await;
    let error = until("the name's error", || {
        Some(text(&root, "#nm-volumeName-error")).filter(|t| !t.is_empty())
    })
    .await;
    assert!(error.contains("already exists in this capacity pool"), "{error}");
    type_into(&root, "nm-volumeName", "free-name").await;
    until("the error gone", || text(&root, "#nm-volumeName-error").is_empty().then_some(())).await;
    drop(handle);
    root.remove();
}

fn window_session_remove(key: &str) {
    leptos::prelude::window().session_storage().unwrap().unwrap().remove_item(key).unwrap();
}
