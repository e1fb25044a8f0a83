//! The actions on a migration, on the simulator: enabled only where they make sense (with the
//! reason), Sync now can't be fired twice while it runs, Cancel needs the volume's name typed,
//! and the whole way from mirrored through dry run, resume, cut-over and finalize.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::ids::VolumeId;
use anf_migrate::App;
use wasm_bindgen::JsCast;

use common::dom::text;
use common::sim_world::*;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Sixty times real time: operations end within a poll or two, so the journey fits in the test
/// runner's time limit.
const SPEED: f64 = 60.0;

async fn until_long<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..1200 {
        if let Some(v) = f() {
            return v;
        }
        sleep_ms(100).await;
    }
    panic!("timed out waiting for {what}");
}

fn action(root: &impl AsRef<web_sys::Element>, key: &str) -> Option<web_sys::HtmlElement> {
    query(root, &format!("button[data-action='{key}']"))
}

fn disabled(b: &web_sys::HtmlElement) -> bool {
    b.get_attribute("aria-disabled").as_deref() == Some("true")
}

/// Why an action is disabled, as its description says it (`aria-describedby`).
fn reason(b: &web_sys::HtmlElement) -> String {
    let Some(id) = b.get_attribute("aria-describedby") else { return String::new() };
    document().get_element_by_id(&id).and_then(|e| e.text_content()).unwrap_or_default()
}

/// Opens a row's Actions menu.
fn open_menu(row: &web_sys::HtmlElement) {
    query(row, "button[aria-haspopup='menu']").expect("the Actions button").click();
}

fn button_named(
    root: &impl AsRef<web_sys::Element>,
    scope: &str,
    text: &str,
) -> Option<web_sys::HtmlElement> {
    query_all(root, &format!("{scope} button"))
        .into_iter()
        .find(|b| b.text_content().is_some_and(|t| t.trim() == text))
}

/// The operations the registry keeps in sessionStorage, as (action, state) of one target.
fn stored_ops(target: &VolumeId) -> Vec<(String, String)> {
    let text = window()
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item("anf-migrate.operations")
        .unwrap()
        .unwrap_or_else(|| "[]".into());
    let list: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let target = target.to_string().to_lowercase();
    list.iter()
        .filter(|o| o["target"].as_str().is_some_and(|t| t.to_lowercase() == target))
        .map(|o| {
            (
                o["action"].as_str().unwrap_or_default().to_owned(),
                o["state"]["state"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn page_phase(root: &impl AsRef<web_sys::Element>) -> Option<String> {
    query(root, "main [data-phase]")?.get_attribute("data-phase")
}

#[wasm_bindgen_test]
async fn actions_are_enabled_per_phase_with_reasons() {
    let (world, client, pool) = fresh_world(21, SPEED);
    create(&world, &client, &pool, "act-peer", "vol_home", 60).await;
    mirrored(&world, &client, &pool, "act-mirror", "vol_scratch").await;
    world.with(|_| ());

    go("/migrations");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let row_of = |name: &str| query(&root, &format!("tr[data-volume='{name}']"));
    until_long("mirrored and idle", || {
        let r = row_of("act-mirror")?;
        let phase = query(&r, "[data-phase]")?.get_attribute("data-phase")?;
        (phase == "Mirrored" && r.text_content()?.contains("Mirrored, idle")).then_some(())
    })
    .await;

    // The row's menu opens from its Actions button.
    let r = row_of("act-mirror").unwrap();
    open_menu(&r);
    let sync = until("the menu", || action(&r, "sync")).await;
    let states: Vec<(String, bool)> =
        ["sync", "dry-run", "resume", "cut-over", "finalize", "cancel"]
            .iter()
            .map(|k| ((*k).to_owned(), disabled(&action(&r, k).expect(k))))
            .collect();
    assert_eq!(
        states,
        [
            ("sync", false),
            ("dry-run", false),
            ("resume", true),
            ("cut-over", false),
            ("finalize", true),
            ("cancel", false)
        ]
        .map(|(k, d)| (k.to_owned(), d))
    );
    let finalize = action(&r, "finalize").unwrap();
    assert!(reason(&finalize).contains("cut-over"), "the reason is given");
    let resume = action(&r, "resume").unwrap();
    assert!(reason(&resume).contains("dry run"));
    assert_eq!(reason(&sync), "", "an enabled action has no reason");
    // The menu is named after its button, which names the volume.
    let menu = query(&r, "[role='menu']").unwrap();
    let label_id = menu.get_attribute("aria-labelledby").unwrap();
    let label = document().get_element_by_id(&label_id).unwrap().get_attribute("aria-label");
    assert_eq!(label.as_deref(), Some("Actions for act-mirror"));
    assert!(query(&r, "a[href='/migrations/act-mirror']").is_some(), "View migration details");

    // A row's dialog opens from its menu and can be dismissed without sending anything.
    action(&r, "dry-run").unwrap().click();
    let dialog = until("the row's dry-run dialog", || query(&root, "[role='alertdialog']")).await;
    assert!(dialog.text_content().unwrap().contains("read-write"));
    button_named(&dialog, "", "Cancel").unwrap().click();
    until("the dialog closes", || query(&root, "[role='alertdialog']").is_none().then_some(()))
        .await;
    assert!(stored_ops(&pool.volume("act-mirror")).is_empty());

    // Peering: only Cancel, and the way to the peering wizard.
    let p = row_of("act-peer").unwrap();
    open_menu(&p);
    until("the peering menu", || action(&p, "cancel")).await;
    for k in ["sync", "dry-run", "resume", "cut-over", "finalize"] {
        let b = action(&p, k).unwrap();
        assert!(disabled(&b), "{k}");
        assert!(reason(&b).contains("peering"), "{k}: {:?}", reason(&b));
    }
    assert!(!disabled(&action(&p, "cancel").unwrap()));
    let to_peering = query(&p, "a[href='/migrations/act-peer/peering']").expect("the wizard");
    assert_eq!(to_peering.text_content().unwrap().trim(), "Configure Peering", "the portal's name");

    // A disabled action does nothing when clicked.
    action(&p, "sync").unwrap().click();
    leptos::task::tick().await;
    assert!(stored_ops(&pool.volume("act-peer")).is_empty());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn sync_now_cannot_fire_twice_while_it_runs() {
    let (world, client, pool) = fresh_world(22, SPEED);
    let id = mirrored(&world, &client, &pool, "act-sync", "vol_scratch").await;
    world.with(|_| ());

    go("/migrations/act-sync");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let sync = until_long("Sync now enabled", || {
        let b = action(&root, "sync")?;
        (!disabled(&b)).then_some(b)
    })
    .await;
    sync.click();
    sync.click();
    leptos::task::tick().await;
    sync.click();
    let ops = stored_ops(&id);
    assert_eq!(ops.iter().filter(|(a, _)| a == "sync").count(), 1, "{ops:?}");
    let busy = until("the button says why", || {
        let b = action(&root, "sync")?;
        (disabled(&b) && reason(&b).contains("Sync now on act-sync")).then_some(b)
    })
    .await;
    assert!(disabled(&busy));
    // Every other action waits too.
    assert!(disabled(&action(&root, "cut-over").unwrap()));

    // When it ends, a toast says so and Sync now is available again.
    until_long("the toast", || {
        root.text_content()?.contains("Sync now on act-sync: done").then_some(())
    })
    .await;
    until_long("enabled again", || (!disabled(&action(&root, "sync")?)).then_some(())).await;
    assert_eq!(stored_ops(&id), [("sync".to_owned(), "done".to_owned())]);
    let history = query(&root, "li[data-op='sync']").expect("listed in the history");
    assert!(history.text_content().unwrap().contains("succeeded"));
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn cancel_requires_typing_the_volume_name() {
    let (world, client, pool) = fresh_world(23, SPEED);
    let id = create(&world, &client, &pool, "act-cancel", "vol_home", 60).await;
    world.with(|_| ());

    go("/migrations/act-cancel");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let cancel = until_long("Cancel enabled", || {
        let b = action(&root, "cancel")?;
        (!disabled(&b)).then_some(b)
    })
    .await;
    cancel.click();
    let dialog = until("the dialog", || query(&root, "[role='alertdialog']")).await;
    let text = dialog.text_content().unwrap();
    assert!(text.contains("act-cancel") && text.contains("everything on it"), "{text}");
    assert!(
        button_named(&dialog, "", "Keep migration").is_some(),
        "the button that keeps it is not called Cancel next to Cancel migration's Delete volume"
    );
    assert!(button_named(&dialog, "", "Cancel").is_none());
    let confirm = button_named(&dialog, "", "Delete volume").expect("confirm button");
    let confirm: web_sys::HtmlButtonElement = confirm.unchecked_into();
    assert!(confirm.disabled());
    let input: web_sys::HtmlInputElement = query(&dialog, "input").unwrap().unchecked_into();
    for (typed, enabled) in [("act-cance", false), ("ACT-CANCEL", false), ("act-cancel", true)] {
        input.set_value(typed);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
        leptos::task::tick().await;
        assert_eq!(!confirm.disabled(), enabled, "{typed}");
    }
    assert!(stored_ops(&id).is_empty(), "nothing sent before confirming");
    confirm.click();
    leptos::task::tick().await;
    assert_eq!(stored_ops(&id).len(), 1);
    assert_eq!(stored_ops(&id)[0].0, "cancel");
    until_long("the volume is gone", || {
        root.text_content()?.contains("No such volume in this capacity pool").then_some(())
    })
    .await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn dry_run_resume_cut_over_and_finalize() {
    let (world, client, pool) = fresh_world(24, SPEED);
    mirrored(&world, &client, &pool, "act-flow", "vol_scratch").await;
    world.with(|_| ());

    go("/migrations/act-flow");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let enabled = |root: &web_sys::HtmlElement, k: &str| action(root, k).filter(|b| !disabled(b));

    // Dry run: says the volume becomes read-write.
    until_long("Dry run enabled", || enabled(&root, "dry-run")).await.click();
    let dialog = until("the dry-run dialog", || query(&root, "[role='alertdialog']")).await;
    assert!(dialog.text_content().unwrap().contains("read-write"));
    button_named(&dialog, "", "Dry run").unwrap().click();
    until_long("paused for dry run", || (page_phase(&root)? == "PausedForDryRun").then_some(()))
        .await;
    // The page says what the volume is now, and what resuming will erase.
    assert_eq!(text(&root, "[data-fact='access']"), "Read-write (paused for dry run)");
    let note = text(&root, "[data-paused-note]");
    assert!(note.contains("read-write") && note.contains("Resuming erases everything"), "{note}");

    // Resume: warns that writes made during the pause are erased.
    until_long("Resume enabled", || enabled(&root, "resume")).await.click();
    let dialog = until("the resume dialog", || query(&root, "[role='alertdialog']")).await;
    assert!(dialog.text_content().unwrap().contains("will be erased"));
    button_named(&dialog, "", "Resume").unwrap().click();
    until_long("mirrored again", || (page_phase(&root)? == "Mirrored").then_some(())).await;

    // Cut over: the offline command, then sync, wait and break on their own.
    until_long("Cut over enabled", || enabled(&root, "cut-over")).await.click();
    let panel = until("the cut-over panel", || query(&root, "[data-cut-over]")).await;
    let code = panel.text_content().unwrap();
    assert!(code.contains("volume offline -vserver svm_nfs -volume vol_scratch"), "{code}");
    query(&panel, "button[data-step='offline-done']").unwrap().click();
    until_long("the cut-over to finish", || {
        query(&root, "[data-cut-over]")?.text_content()?.contains("Cut over.").then_some(())
    })
    .await;
    until_long("phase cut over", || (page_phase(&root)? == "CutOver").then_some(())).await;
    button_named(&root, "[data-cut-over]", "Close").unwrap().click();

    // Finalize, with the reminder about the source's peering.
    let finalize = until_long("Finalize enabled", || enabled(&root, "finalize")).await;
    assert!(finalize.class_name().contains("btn-danger"), "Finalize looks as dangerous as Cancel");
    finalize.click();
    let dialog = until("the finalize dialog", || query(&root, "[role='alertdialog']")).await;
    assert!(dialog.text_content().unwrap().contains("cluster peer show"));
    assert!(dialog.text_content().unwrap().contains("can't be undone"));
    // As strong as Cancel: a red button that waits for the volume's name.
    let confirm: web_sys::HtmlButtonElement =
        button_named(&dialog, "", "Finalize migration").unwrap().unchecked_into();
    assert!(confirm.class_name().contains("btn-danger"), "{}", confirm.class_name());
    assert!(confirm.disabled(), "nothing to confirm before the name is typed");
    assert!(button_named(&dialog, "", "Not yet").is_some(), "the way out says what it does");
    let input: web_sys::HtmlInputElement = query(&dialog, "input").unwrap().unchecked_into();
    input.set_value("act-flow");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    assert!(!confirm.disabled());
    confirm.click();
    until_long("finalized", || (page_phase(&root)? == "Finalized").then_some(())).await;
    let text = root.text_content().unwrap();
    assert!(text.contains("cluster peer delete -cluster"), "the reminder shows");
    until_long("the reminder toast", || {
        root.text_content()?.contains("act-flow is finalized. On the source cluster").then_some(())
    })
    .await;
    assert!(query(&root, "button[data-action]").is_none(), "nothing left to do");
    // What it is now, and nothing of the replication that no longer exists.
    let status = until_long("the finalized facts", || {
        let t = query(&root, "section[aria-labelledby='status-h']")?.text_content()?;
        t.contains("Read-write (regular volume)").then_some(t)
    })
    .await;
    assert!(status.contains("Regular volume"), "{status}");
    for stale in ["Mirror state", "Relationship status", "Health", "Lag since", "Transferred"] {
        assert!(!status.contains(stale), "{stale} in {status}");
    }
    let volume = common::dom::text(&root, "section[aria-labelledby='volume-h']");
    assert!(volume.contains("Volume typeRegular"), "{volume}");
    assert!(
        !volume.contains("Set-up status") && !volume.contains("Replication schedule"),
        "{volume}"
    );
    drop(handle);
    root.remove();
}

/// Opens the details page of `name`, opens its cut-over panel and says the source is offline:
/// the final sync goes. The app's root and its mount.
async fn start_cut_over(name: &str) -> (web_sys::HtmlElement, impl Drop) {
    go(&format!("/migrations/{name}"));
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until_long("Cut over enabled", || action(&root, "cut-over").filter(|b| !disabled(b)))
        .await
        .click();
    let panel = until("the cut-over panel", || query(&root, "[data-cut-over]")).await;
    query(&panel, "button[data-step='offline-done']").unwrap().click();
    (root, handle)
}

/// The cut-over the registry of guided sequences keeps for `target`, as its step's name.
fn stored_cut_over(target: &VolumeId) -> Option<String> {
    let text =
        window().session_storage().unwrap().unwrap().get_item("anf-migrate.cut-overs").ok()??;
    let all: serde_json::Value = serde_json::from_str(&text).unwrap();
    let step = &all[target.to_string().to_lowercase()]["step"];
    step.as_str().map(str::to_owned).or_else(|| step.as_object()?.keys().next().cloned())
}

#[wasm_bindgen_test]
async fn a_cut_over_goes_on_after_its_panel_is_gone() {
    let (world, client, pool) = fresh_world(24, SPEED);
    let id = mirrored(&world, &client, &pool, "act-away", "vol_scratch").await;
    let other = mirrored(&world, &client, &pool, "act-other", "vol_home").await;

    go("/migrations/act-away");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let cut =
        until_long("Cut over enabled", || action(&root, "cut-over").filter(|b| !disabled(b))).await;
    cut.click();
    let panel = until("the cut-over panel", || query(&root, "[data-cut-over]")).await;
    query(&panel, "button[data-step='offline-done']").unwrap().click();
    until("the final sync", || (stored_cut_over(&id)? == "Sync").then_some(())).await;

    // Away to the activity page: the details page, its row and the panel are gone.
    query(&root, "nav a[href='/activity']").expect("the Activity link").click();
    until("the activity page", || query(&root, "[data-cut-over]").is_none().then_some(())).await;
    assert!(query(&root, "button[data-action='cut-over']").is_none());
    // And a reload there, once ARM has taken the sync: the app is mounted again from what the
    // tab kept, and goes on following the sync and then the sequence.
    until("the sync accepted", || {
        stored_ops(&id).contains(&("cut-over-sync".into(), "running".into())).then_some(())
    })
    .await;
    drop(handle);
    root.remove();
    go("/activity");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);

    // The sequence syncs, waits and breaks by itself, and the ledger records the cut-over.
    until_long("the cut-over to finish", || (stored_cut_over(&id)? == "Done").then_some(())).await;
    let ops = stored_ops(&id);
    assert!(ops.contains(&("cut-over-sync".into(), "done".into())), "{ops:?}");
    assert!(ops.contains(&("cut-over".into(), "done".into())), "{ops:?}");
    let ledger = window()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("anf-migrate.migration-ledger")
        .unwrap()
        .unwrap_or_default();
    assert!(ledger.contains("cutOverAt"), "{ledger}");

    // Back on the migrations: the row is cut over.
    query(&root, "nav a[href='/migrations']").expect("the Migrations link").click();
    let row = until_long("the row", || query(&root, "tr[data-volume='act-away']")).await;
    until_long("phase cut over", || {
        (query(&row, "[data-phase]")?.get_attribute("data-phase")? == "CutOver").then_some(())
    })
    .await;
    drop(handle);
    root.remove();

    // Another tab resyncs it meanwhile: the shared ledger loses the cut-over. When this tab's
    // views look at its operations again (here: another volume's sync ends), the old break is
    // not recorded a second time.
    let local = window().local_storage().unwrap().unwrap();
    let ledger = local.get_item("anf-migrate.migration-ledger").unwrap().unwrap();
    let mut ledger: serde_json::Value = serde_json::from_str(&ledger).unwrap();
    let entry = &mut ledger["volumes"][id.to_string().to_lowercase()];
    entry.as_object_mut().expect("the volume's entry").remove("cutOverAt");
    local.set_item("anf-migrate.migration-ledger", &ledger.to_string()).unwrap();
    go("/migrations");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until_long("the row", || query(&root, "tr[data-volume='act-away']")).await;
    let menu = "tr[data-volume='act-other'] button[aria-haspopup='menu']";
    until_long("the other's actions", || query(&root, menu)).await.click();
    let sync = "tr[data-volume='act-other'] button[data-action='sync']";
    until_long("Sync now on the other", || query(&root, sync).filter(|b| !disabled(b)))
        .await
        .click();
    until_long("the other's sync to end", || {
        stored_ops(&other).contains(&("sync".into(), "done".into())).then_some(())
    })
    .await;
    sleep_ms(1500).await;
    let ledger = local.get_item("anf-migrate.migration-ledger").unwrap().unwrap();
    assert!(!ledger.contains("cutOverAt"), "the old break was applied again: {ledger}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_cut_over_can_be_stopped_before_the_break() {
    // Real time, and a transfer under way that no operation of the console started (the
    // baseline): the sequence, as a reload left it waiting for the final transfer, waits long
    // enough to be stopped. (A transfer started by performReplicationTransfer shows idle for
    // its first seconds, and the sequence would rightly go on to the break.)
    let (world, client, pool) = fresh_world(24, 1.0);
    let id = create(&world, &client, &pool, "act-stop", "vol_home", 200).await;
    peer(&world, &client, &id).await;
    world.with(|_| ());
    let waiting = serde_json::json!({ id.to_string().to_lowercase(): { "name": "act-stop", "step": "WaitIdle" } });
    let session = window().session_storage().unwrap().unwrap();
    session.set_item("anf-migrate.cut-overs", &waiting.to_string()).unwrap();

    go("/migrations/act-stop");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    // No operation runs while it waits, yet the volume is busy; its panel can still be opened.
    let cancel = until_long("the actions", || action(&root, "cancel")).await;
    until("Cancel disabled while the cut-over waits", || disabled(&cancel).then_some(())).await;
    until("Cut over opens the panel", || action(&root, "cut-over").filter(|b| !disabled(b)))
        .await
        .click();
    let stop =
        until("the stop button", || query(&root, "[data-cut-over] button[data-step='stop']")).await;
    stop.click();
    until("stopped", || (stored_cut_over(&id)? == "Failed").then_some(())).await;
    until("the panel says so", || {
        query(&root, "[data-cut-over]")?
            .text_content()?
            .contains("Stopped before the break")
            .then_some(())
    })
    .await;
    // No break was sent, then or later.
    sleep_ms(4000).await;
    let ops = stored_ops(&id);
    assert!(!ops.iter().any(|(a, _)| a == "cut-over"), "{ops:?}");
    assert!(!disabled(&action(&root, "cancel").unwrap()), "the volume is free again");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_cut_over_another_tab_runs_is_left_to_it() {
    let (world, client, pool) = fresh_world(24, SPEED);
    let id = mirrored(&world, &client, &pool, "act-tab", "vol_scratch").await;
    // A duplicate of this tab drives this volume's cut-over (its lease is fresh).
    let expires = js_sys::Date::now() + 600_000.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let lease = serde_json::json!({ "tab": "another-tab", "until": expires as u64 });
    let local = window().local_storage().unwrap().unwrap();
    let key = format!("anf-migrate.lease.cut-over.{}", id.to_string().to_lowercase());
    local.set_item(&key, &lease.to_string()).unwrap();

    let (root, handle) = start_cut_over("act-tab").await;
    until("the panel says where it runs", || {
        query(&root, "[data-cut-over]")?
            .text_content()?
            .contains("running in another tab")
            .then_some(())
    })
    .await;
    assert!(stored_ops(&id).is_empty(), "nothing was sent: {:?}", stored_ops(&id));

    // Once that tab lets go, a cut-over starts here.
    local.remove_item(&key).unwrap();
    button_named(&root, "[data-cut-over]", "Start over").unwrap().click();
    until("the first step again", || {
        query(&root, "[data-cut-over] button[data-step='offline-done']")
    })
    .await
    .click();
    until("the final sync", || (stored_cut_over(&id)? == "Sync").then_some(())).await;
    let held = local.get_item(&key).unwrap().unwrap_or_default();
    assert!(held.contains("\"tab\"") && !held.contains("another-tab"), "{held}");
    // To its end (nothing left running for the next test), when the lease is let go.
    until_long("the cut-over to finish", || (stored_cut_over(&id)? == "Done").then_some(())).await;
    until("the lease let go", || local.get_item(&key).unwrap().is_none().then_some(())).await;
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_forced_break_is_offered_while_a_transfer_runs_and_names_what_is_lost() {
    // Waiting (as a reload left the sequence) while a transfer runs that no operation of the
    // console started: the baseline, in real time, so it runs for the whole test.
    let (world, client, pool) = fresh_world(25, 1.0);
    let id = create(&world, &client, &pool, "act-force", "vol_home", 200).await;
    peer(&world, &client, &id).await;
    world.with(|_| ());
    let waiting = serde_json::json!({ id.to_string().to_lowercase(): { "name": "act-force", "step": "WaitIdle" } });
    let session = window().session_storage().unwrap().unwrap();
    session.set_item("anf-migrate.cut-overs", &waiting.to_string()).unwrap();

    go("/migrations/act-force");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    until_long("Cut over opens the panel", || action(&root, "cut-over").filter(|b| !disabled(b)))
        .await
        .click();
    let force = until_long("the force button, while the transfer runs", || {
        query(&root, "[data-cut-over] button[data-step='force']")
    })
    .await;
    force.click();
    let confirm = until("the confirmation", || query(&root, "[data-force-confirm]")).await;
    let words = confirm.text_content().unwrap();
    assert!(words.contains("not") && words.contains("act-force"), "names what is lost: {words}");
    assert!(
        stored_ops(&id).iter().all(|(a, _)| a != "cut-over"),
        "nothing sent before the confirm"
    );
    query(&confirm, "button[data-step='force-confirm']").unwrap().click();
    until_long("the forced break done", || (stored_cut_over(&id)? == "Done").then_some(())).await;
    let ops = stored_ops(&id);
    assert_eq!(ops.iter().filter(|(a, _)| a == "cut-over").count(), 1, "one break: {ops:?}");
    let label = session.get_item("anf-migrate.operations").unwrap().unwrap_or_default();
    assert!(label.contains("forced break"), "the break was the forced one: {label}");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_final_sync_refused_for_a_transfer_in_its_way_goes_again_once_it_ends() {
    // A scheduled transfer runs when the admin starts the cut-over: ARM refuses the final sync.
    // The sequence says so, waits for that transfer to end, sends the final sync again and
    // breaks: nothing written before the offline is left behind.
    let (world, client, pool) = fresh_world(26, 1.0);
    let id = mirrored(&world, &client, &pool, "act-busy", "vol_scratch").await;
    // Half an hour of the source's writes with the schedule held (about 2 GiB, ten seconds of
    // transfer in real time), then on to just past the next hourly slot: its transfer starts.
    world.with(|s| {
        s.hold_schedules(true);
        s.advance(1800, now());
        s.hold_schedules(false);
        let into_hour = (s.sim_time(now()).millis() / 1000) % 3600;
        s.advance(3600 - into_hour + 1, now());
    });
    let status = client.replication_status(&id).await.expect("status");
    assert_eq!(
        status.relationship_status,
        Some(anf_core::models::RelationshipStatus::Transferring),
        "the scheduled transfer runs"
    );

    let (root, handle) = start_cut_over("act-busy").await;
    let said =
        until_long("the refusal explained", || query(&root, "[data-cut-over] [data-sync-again]"))
            .await
            .text_content()
            .unwrap_or_default();
    assert!(said.contains("sent again"), "{said}");
    assert_eq!(stored_cut_over(&id).as_deref(), Some("WaitIdle"), "waiting, not failed");
    // The registry saves within a fifth of a second.
    let refused = vec![("cut-over-sync".to_owned(), "notStarted".to_owned())];
    until("the refused sync stored", || (stored_ops(&id) == refused).then_some(())).await;

    until_long("the cut-over to finish", || (stored_cut_over(&id)? == "Done").then_some(())).await;
    let ops = stored_ops(&id);
    let syncs: Vec<&str> =
        ops.iter().filter(|(a, _)| a == "cut-over-sync").map(|(_, s)| s.as_str()).collect();
    assert_eq!(syncs, ["notStarted", "done"], "the refused sync, then the one that ran: {ops:?}");
    assert_eq!(ops.iter().filter(|(a, _)| a == "cut-over").count(), 1, "one break: {ops:?}");
    drop(handle);
    root.remove();
}
