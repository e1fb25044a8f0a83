//! What the details page offers around the migration: the replication schedule while it runs,
//! the replications ARM lists, and after finalize, a quota change bounded by the data the
//! volume holds, with what to turn on now.
#![cfg(target_arch = "wasm32")]

use anf_migrate::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::dom::{container, now, query, text, type_into, until_secs};
use common::sim_world::{create, finish, fresh_world, go, mirrored, peer, GIB};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_finalized_volume_can_be_shrunk_but_not_below_its_data() {
    // vol_projects holds 310 GiB: enough to shrink a 400 GiB quota, not below the data.
    let (world, client, pool) = fresh_world(81, 60.0);
    let id = create(&world, &client, &pool, "am-shrink", "vol_projects", 400).await;
    peer(&world, &client, &id).await;
    world.with(|s| s.advance(6 * 3600, now()));
    let p = client.break_replication(&id, false, now()).await.expect("break");
    finish(&world, &client, p).await;
    let p = client.finalize_external_replication(&id, now()).await.expect("finalize");
    finish(&world, &client, p).await;
    go("/migrations/am-shrink");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let panel =
        until_secs("the after-migration panel", 20, || query(&root, "[data-after-migration]"))
            .await;
    // The data it holds, from Azure Monitor's VolumeLogicalSize (the simulator's metrics).
    let used = until_secs("the used size", 20, || {
        Some(text(&panel, "[data-used]")).filter(|t| t.contains("GiB") || t.contains("MiB"))
    })
    .await;
    assert!(!used.contains("not"), "{used}");
    let used_bytes = world.read(|s| {
        s.world().volumes.values().find(|v| v.id.ends_with("/am-shrink")).unwrap().used_bytes(0)
    });
    assert!(used_bytes > 2 * GIB, "the source brought data: {used_bytes}");
    // Below the data: refused at the field, nothing sent.
    type_into(&root, "am-newQuota", &(used_bytes / GIB - 1).to_string()).await;
    let error = until_secs("the error", 5, || {
        Some(text(&root, "#am-newQuota-error")).filter(|t| !t.is_empty())
    })
    .await;
    assert!(error.contains("holds"), "{error}");
    // A shrink above the data: the PATCH goes and the quota follows.
    type_into(&root, "am-newQuota", "350").await;
    until_secs("no error", 5, || text(&root, "#am-newQuota-error").is_empty().then_some(())).await;
    query(&root, "button[data-change-quota]").unwrap().click();
    until_secs("the new quota in the simulator", 30, || {
        world_quota(&id.to_string()).filter(|q| *q == 350 * GIB).map(|_| ())
    })
    .await;
    assert!(text(&panel, "[data-turn-on-now]").contains("Snapshot policy"));
    drop(handle);
    root.remove();
}

/// The volume's quota in the app's saved demo world.
fn world_quota(id: &str) -> Option<u64> {
    let session = leptos::prelude::window().session_storage().unwrap().unwrap();
    let sim: anf_sim::Simulator =
        serde_json::from_str(&session.get_item("anf-migrate.demo-world").ok()??).ok()?;
    sim.world().volumes.values().find(|v| v.id.eq_ignore_ascii_case(id)).map(|v| v.usage_threshold)
}

#[wasm_bindgen_test]
async fn the_schedule_can_be_changed_while_migrating_and_the_replication_is_listed() {
    let (world, client, pool) = fresh_world(82, 60.0);
    let id = mirrored(&world, &client, &pool, "am-schedule", "vol_scratch").await;
    go("/migrations/am-schedule");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let list =
        until_secs("the replications", 20, || query(&root, "[data-replications] tbody tr")).await;
    let row = list.text_content().unwrap();
    assert!(row.contains("dst") && row.contains("Hourly"), "{row}");
    let select: web_sys::HtmlSelectElement =
        until_secs("the schedule", 20, || query(&root, "#sc-schedule")).await.unchecked_into();
    select.set_value("_10minutely");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    leptos::task::tick().await;
    query(&root, "button[data-change-schedule]").unwrap().click();
    until_secs("the new schedule listed", 30, || {
        query(&root, "[data-replications] tbody tr")?
            .text_content()?
            .contains("Every 10 minutes")
            .then_some(())
    })
    .await;
    let _ = id;
    drop(handle);
    root.remove();
}
