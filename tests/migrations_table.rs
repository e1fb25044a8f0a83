//! The migrations table on the simulator: each phase and its progress as ARM reports them,
//! counts per phase, sorting, filtering, the last-update time, and the empty and no-scope states.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_migrate::App;
use anf_sim::Simulator;
use common::sim_world::*;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn row(root: &impl AsRef<web_sys::Element>, name: &str) -> Option<web_sys::HtmlElement> {
    query(root, &format!("tr[data-volume='{name}']"))
}

fn phase_of(root: &impl AsRef<web_sys::Element>, name: &str) -> Option<String> {
    query(&row(root, name)?, "[data-phase]")?.get_attribute("data-phase")
}

#[wasm_bindgen_test]
async fn phases_and_progress_come_from_the_simulator() {
    let (world, client, pool) = fresh_world(11, anf_sim::DEMO_SPEED);
    create(&world, &client, &pool, "mig-peer", "vol_home", 60).await;
    let mirrored = create(&world, &client, &pool, "mig-mirror", "vol_scratch", 60).await;
    peer(&world, &client, &mirrored).await;
    // 310 GiB at 200 MiB/s: the baseline runs for the whole test.
    let baseline = create(&world, &client, &pool, "mig-base", "vol_projects", 400).await;
    peer(&world, &client, &baseline).await;
    world.with(|_| ());

    go("/migrations");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until("the peering row", || (phase_of(&root, "mig-peer")? == "Peering").then_some(())).await;
    until("the mirrored row", || (phase_of(&root, "mig-mirror")? == "Mirrored").then_some(()))
        .await;
    until("the baseline row", || (phase_of(&root, "mig-base")? == "Baseline").then_some(())).await;

    // Peering says which step; the source is shown as cluster / SVM / volume.
    let peer_row = row(&root, "mig-peer").unwrap();
    let text = peer_row.text_content().unwrap();
    // The cluster was peered for the other migrations: only the SVM peering is left.
    assert!(text.contains("Peering: SVM peering required"), "{text}");
    assert!(text.contains("onprem-cl01 / svm_nfs / vol_home"), "{text}");

    // The baseline's bar moves with totalProgress against the quota.
    let base_bar = until("baseline progress above zero", || {
        let bar = query(&row(&root, "mig-base")?, "[role='progressbar']")?;
        let v: f64 = bar.get_attribute("aria-valuenow")?.parse().ok()?;
        (v > 0.0 && v < 100.0).then_some(v)
    })
    .await;
    assert!(base_bar < 100.0);
    // The fill follows the value by transform, so a tick costs no layout.
    let fill = query(&row(&root, "mig-base").unwrap(), "[role='progressbar'] > div").unwrap();
    let style = fill.get_attribute("style").unwrap_or_default();
    assert!(style.contains("scaleX(0."), "the baseline's fill: {style}");
    // The status bar says how fresh the figures are: the baseline moves, so it is read often.
    let fresh = until("the freshness line", || {
        query(&root, "[data-poll-freshness]")?.text_content().filter(|t| !t.is_empty())
    })
    .await;
    assert!(fresh.starts_with("Progress of ") && fresh.contains(" moving migration"), "{fresh}");
    assert!(fresh.contains("phases from the volume list"), "{fresh}");
    let base_text = row(&root, "mig-base").unwrap().text_content().unwrap();
    assert!(base_text.contains("of about 400 GiB"), "{base_text}");
    assert!(base_text.contains("Transferring"), "{base_text}");

    // Mirrored: full bar, mirror state and health from replicationStatus.
    let m = row(&root, "mig-mirror").unwrap();
    until("mirrored health", || {
        (query(&m, "[data-cell='health']")?.text_content()? == "Healthy").then_some(())
    })
    .await;
    assert_eq!(query(&m, "[data-cell='mirror']").unwrap().text_content().unwrap(), "Mirrored");
    let bar = query(&m, "[role='progressbar']").unwrap();
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("100"));

    // A count per phase.
    for kind in ["Peering", "Mirrored", "Baseline"] {
        let chip = query(&root, &format!("[data-phase-chip='{kind}']")).expect(kind);
        assert!(
            chip.text_content().unwrap().ends_with('1'),
            "{kind}: {}",
            chip.text_content().unwrap()
        );
    }

    // The last update is always visible.
    let updated = query(&root, "[data-last-updated]").unwrap().text_content().unwrap();
    assert!(updated.starts_with("Last updated ") && !updated.contains("not yet"), "{updated}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn sorts_filters_and_counts() {
    let (world, client, pool) = fresh_world(12, anf_sim::DEMO_SPEED);
    create(&world, &client, &pool, "alpha-mig", "vol_home", 60).await;
    create(&world, &client, &pool, "beta-mig", "vol_scratch", 60).await;
    let gamma = create(&world, &client, &pool, "gamma-mig", "vol_projects", 400).await;
    peer(&world, &client, &gamma).await;
    world.with(|_| ());

    go("/migrations");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until("three rows", || (query_all(&root, "tbody tr").len() == 3).then_some(())).await;
    let names = |root: &web_sys::HtmlElement| -> Vec<String> {
        query_all(root, "tbody tr").iter().filter_map(|r| r.get_attribute("data-volume")).collect()
    };
    assert_eq!(names(&root), ["alpha-mig", "beta-mig", "gamma-mig"]);

    // Sorting: the header button flips the direction, aria-sort says it.
    let th = query(&root, "th[aria-sort='ascending']").expect("sorted by name");
    query(&th, "button").unwrap().click();
    leptos::task::tick().await;
    until("descending", || (names(&root) == ["gamma-mig", "beta-mig", "alpha-mig"]).then_some(()))
        .await;
    assert_eq!(th.get_attribute("aria-sort").as_deref(), Some("descending"));
    let phase_th = query(&root, "button[data-sort='Phase']").unwrap();
    phase_th.click();
    leptos::task::tick().await;
    until("by phase", || (names(&root).last()? == "gamma-mig").then_some(())).await;

    // Text filter.
    let input: web_sys::HtmlInputElement =
        query(&root, "#migrations-filter").unwrap().unchecked_into();
    input.set_value("BETA");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    until("only beta", || (names(&root) == ["beta-mig"]).then_some(())).await;
    let hint = query(&root, "#migrations-filter-hint").unwrap().text_content().unwrap();
    assert_eq!(hint, "1 of 3 migrations shown");
    input.set_value("");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();

    // Phase chips: Peering has two, and selecting it hides the baseline.
    let chip = until("the peering chip", || query(&root, "[data-phase-chip='Peering']")).await;
    assert!(chip.text_content().unwrap().ends_with('2'));
    chip.click();
    leptos::task::tick().await;
    until("peering only", || {
        (names(&root).len() == 2 && !names(&root).contains(&"gamma-mig".to_owned())).then_some(())
    })
    .await;
    assert_eq!(chip.get_attribute("aria-pressed").as_deref(), Some("true"));

    // Refresh by hand: the time of the last update moves.
    let before = query(&root, "[data-last-updated]").unwrap().text_content().unwrap();
    sleep_ms(1100).await;
    query(&root, "button[data-refresh]").unwrap().click();
    until("a newer update", || {
        let now = query(&root, "[data-last-updated]")?.text_content()?;
        (now != before).then_some(())
    })
    .await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn empty_pool_and_missing_scope() {
    let (world, _client, _pool) = fresh_world(13, anf_sim::DEMO_SPEED);
    world.with(|_| ());
    go("/migrations");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let link = until("the empty state", || query(&root, "main a[href='/migrations/new']")).await;
    until("no migrations message", || {
        root.text_content()?.contains("No migrations in this capacity pool").then_some(())
    })
    .await;
    assert!(link.text_content().unwrap().contains("New migration"));
    drop(handle);
    root.remove();

    // Without a pool, the table asks for the scope.
    let local = window().local_storage().unwrap().unwrap();
    let d = world.read(Simulator::default_scope);
    let scope = serde_json::json!({ "subscription": d.subscription_id, "resource_group": d.resource_group, "account": d.account, "pool": null });
    local.set_item("anf-migrate.scope", &scope.to_string()).unwrap();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let link = until("a link to the scope", || query(&root, "main a[href='/scope']")).await;
    assert!(root.text_content().unwrap().contains("Choose a scope first"));
    assert!(!link.text_content().unwrap().is_empty());
    drop(handle);
    root.remove();
}
