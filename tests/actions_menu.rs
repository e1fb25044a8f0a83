//! A row's Actions menu as a person uses it (issue 16): a popover out of the table's flow,
//! opened and walked with the keyboard, closed by Escape, Tab, a press outside or an action,
//! and disabled items that say why when they are focused; and the details page's toolbar,
//! which says why too.
#![cfg(target_arch = "wasm32")]

mod common;

use anf_core::ids::VolumeId;
use anf_migrate::App;
use common::dom::text;
use common::sim_world::*;
use common::styles::{load_styles, Module};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

stylance::import_crate_style!(
    #[allow(dead_code)]
    menu_css,
    "src/components/migrations/actions_menu.module.css"
);
stylance::import_crate_style!(
    #[allow(dead_code)]
    table_css,
    "src/components/migrations/migrations_table.module.css"
);

/// The menu's and the table's stylesheets, as shipped.
fn styles() {
    load_styles(&[
        Module {
            css: include_str!("../src/components/migrations/actions_menu.module.css"),
            class: "popover",
            hashed: menu_css::popover,
        },
        Module {
            css: include_str!("../src/components/migrations/migrations_table.module.css"),
            class: "scroller",
            hashed: table_css::scroller,
        },
    ]);
}

/// The filter's placeholder ("Name, source, phase or error") is read whole, not cut off at
/// "phase o" (issue 16): its text, in the input's own font, fits the input's content box.
fn placeholder_fits(root: &web_sys::Element) {
    let input: web_sys::HtmlInputElement =
        query(root, "#migrations-filter").expect("the filter").unchecked_into();
    let words = input.placeholder();
    assert!(words.contains("error"), "{words}");
    let css = window().get_computed_style(&input).unwrap().unwrap();
    let px = |p: &str| css.get_property_value(p).unwrap().trim_end_matches("px").parse::<f64>();
    let room = f64::from(input.client_width())
        - px("padding-left").unwrap_or(0.0)
        - px("padding-right").unwrap_or(0.0);
    let probe: web_sys::HtmlElement = document().create_element("span").unwrap().unchecked_into();
    probe.set_text_content(Some(&words));
    let style = probe.style();
    for p in ["font-family", "font-size", "font-weight", "letter-spacing"] {
        style.set_property(p, &css.get_property_value(p).unwrap()).unwrap();
    }
    style.set_property("position", "absolute").unwrap();
    style.set_property("white-space", "pre").unwrap();
    document().body().unwrap().append_child(&probe).unwrap();
    let needed = probe.get_bounding_client_rect().width();
    probe.remove();
    assert!(needed <= room, "the placeholder needs {needed:.0}px, the input has {room:.0}px");
}

async fn until_long<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..1200 {
        if let Some(v) = f() {
            return v;
        }
        sleep_ms(100).await;
    }
    panic!("timed out waiting for {what}");
}

/// A key pressed on `el` (`keydown` or `keyup`), bubbling as a real one does.
fn press(el: &web_sys::Element, kind: &str, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&e).unwrap();
}

fn focused() -> web_sys::Element {
    document().active_element().expect("something has the focus")
}

/// What the focused item is: its `data-action` or `data-menu-link`.
fn focused_key() -> String {
    let f = focused();
    f.get_attribute("data-action").or_else(|| f.get_attribute("data-menu-link")).unwrap_or_else(
        || format!("<{} {}>", f.tag_name(), f.get_attribute("aria-label").unwrap_or_default()),
    )
}

fn height(el: &web_sys::Element) -> f64 {
    el.get_bounding_client_rect().height()
}

/// Operations the registry keeps for `target`, by action.
fn stored_actions(target: &VolumeId) -> Vec<String> {
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
        .filter_map(|o| o["action"].as_str().map(str::to_owned))
        .collect()
}

#[wasm_bindgen_test]
async fn the_menu_is_a_popover_driven_by_the_keyboard() {
    let (world, client, pool) = fresh_world(31, 60.0);
    let id = create(&world, &client, &pool, "menu-kb", "vol_scratch", 60).await;
    peer(&world, &client, &id).await;
    world.with(|s| s.advance(60, now()));

    go("/migrations");
    styles();
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let row = until_long("the mirrored row", || {
        let r = query(&root, "tr[data-volume='menu-kb']")?;
        r.text_content()?.contains("Mirrored, idle").then_some(r)
    })
    .await;
    placeholder_fits(&root);
    let table = query(&root, "table").unwrap();
    let (row_height, table_width) = (height(&row), table.get_bounding_client_rect().width());
    let trigger = query(&row, "button[aria-haspopup='menu']").expect("the Actions button");
    assert_eq!(trigger.get_attribute("aria-label").as_deref(), Some("Actions for menu-kb"));
    assert_eq!(trigger.get_attribute("aria-expanded").as_deref(), Some("false"));

    // Enter opens it, on its first item.
    trigger.focus().unwrap();
    press(&trigger, "keydown", "Enter");
    let menu = until("the menu", || query(&root, "[role='menu']")).await;
    assert_eq!(trigger.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert_eq!(trigger.get_attribute("aria-controls"), Some(menu.id()));
    until("the first item focused", || (focused_key() == "sync").then_some(())).await;
    assert!(text(&root, "[data-menu-hint]").contains("outside the schedule"), "what it does");

    // A popover: fixed under its button, the row and the table as they were.
    let pop = query(&root, "[data-actions-menu]").unwrap();
    let style = window().get_computed_style(&pop).unwrap().unwrap();
    assert_eq!(style.get_property_value("position").unwrap(), "fixed");
    let (p, t) = (pop.get_bounding_client_rect(), trigger.get_bounding_client_rect());
    let below = p.top() >= t.bottom() && p.top() - t.bottom() <= 8.0;
    let above = p.bottom() <= t.top() && t.top() - p.bottom() <= 8.0;
    assert!(
        below || above,
        "beside the button: menu {:?}, button {:?}",
        (p.top(), p.bottom()),
        (t.top(), t.bottom())
    );
    assert!(p.left() <= t.right() && p.right() >= t.left(), "at the button's edge");
    let view_h = window().inner_height().unwrap().as_f64().unwrap();
    assert!(p.top() >= 0.0 && p.bottom() <= view_h, "inside the window");
    assert!((height(&row) - row_height).abs() < 0.5, "the row keeps its height");
    assert!((table.get_bounding_client_rect().width() - table_width).abs() < 0.5);

    // Arrows move, wrapping; Home and End; a disabled item is focusable and says why.
    press(&focused(), "keydown", "ArrowDown");
    assert_eq!(focused_key(), "dry-run");
    press(&focused(), "keydown", "ArrowDown");
    assert_eq!(focused_key(), "resume");
    let resume: web_sys::HtmlElement = focused().unchecked_into();
    assert_eq!(resume.get_attribute("aria-disabled").as_deref(), Some("true"));
    let why_id = resume.get_attribute("aria-describedby").expect("a described reason");
    let why = document().get_element_by_id(&why_id).unwrap().text_content().unwrap();
    assert!(why.contains("dry run"), "{why}");
    leptos::task::tick().await;
    let hint = text(&root, "[data-menu-hint]");
    assert!(hint.contains("Resume: unavailable") && hint.contains(&why), "shown: {hint}");
    // Enter on it does nothing and keeps the menu.
    press(&resume, "keydown", "Enter");
    leptos::task::tick().await;
    assert!(query(&root, "[role='menu']").is_some());
    assert!(stored_actions(&id).is_empty(), "a disabled action sends nothing");
    press(&focused(), "keydown", "End");
    assert_eq!(focused_key(), "details");
    press(&focused(), "keydown", "ArrowDown");
    assert_eq!(focused_key(), "sync", "wraps to the first");
    press(&focused(), "keydown", "ArrowUp");
    assert_eq!(focused_key(), "details", "wraps to the last");
    press(&focused(), "keydown", "Home");
    assert_eq!(focused_key(), "sync");

    // Escape closes it and gives the focus back to the button.
    press(&focused(), "keydown", "Escape");
    until("closed", || query(&root, "[role='menu']").is_none().then_some(())).await;
    assert_eq!(focused(), *trigger.unchecked_ref::<web_sys::Element>());
    assert_eq!(trigger.get_attribute("aria-expanded").as_deref(), Some("false"));

    // ArrowUp opens it on the last item; Tab leaves it, from the button.
    press(&trigger, "keydown", "ArrowUp");
    until("open on the last item", || (focused_key() == "details").then_some(())).await;
    press(&focused(), "keydown", "Tab");
    until("closed by Tab", || query(&root, "[role='menu']").is_none().then_some(())).await;
    assert_eq!(focused(), *trigger.unchecked_ref::<web_sys::Element>());

    // Space opens it too (on keyup, as a button activates); a press outside closes it.
    press(&trigger, "keydown", " ");
    press(&trigger, "keyup", " ");
    until("open by Space", || query(&root, "[role='menu']")).await;
    let outside = web_sys::PointerEvent::new("pointerdown").unwrap();
    document().body().unwrap().dispatch_event(&outside).unwrap();
    until("closed by a press outside", || query(&root, "[role='menu']").is_none().then_some(()))
        .await;

    // An action closes it, and runs.
    trigger.click();
    let sync = until("the menu again", || query(&root, "[role='menu'] [data-action='sync']")).await;
    sync.click();
    until("closed after the action", || query(&root, "[role='menu']").is_none().then_some(()))
        .await;
    assert_eq!(stored_actions(&id), ["sync"]);
    assert_eq!(focused(), *trigger.unchecked_ref::<web_sys::Element>());
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_toolbar_says_why_an_action_is_unavailable() {
    let (world, client, pool) = fresh_world(32, 60.0);
    create(&world, &client, &pool, "menu-bar", "vol_home", 60).await;
    world.with(|_| ());

    go("/migrations/menu-bar");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), App);
    let sync = until_long("the toolbar", || query(&root, "button[data-action='sync']")).await;
    assert_eq!(sync.get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(sync.get_attribute("title").is_none(), "not a tooltip only");
    sync.focus().unwrap();
    let hint = until("the reason shown", || {
        Some(text(&root, "[data-action-hint]")).filter(|t| !t.is_empty())
    })
    .await;
    assert!(hint.starts_with("Sync now: unavailable.") && hint.contains("peering"), "{hint}");
    let why_id = sync.get_attribute("aria-describedby").unwrap();
    assert!(hint.contains(&document().get_element_by_id(&why_id).unwrap().text_content().unwrap()));
    // Finalize looks as dangerous as Cancel.
    let finalize = query(&root, "button[data-action='finalize']").unwrap();
    assert!(finalize.class_name().contains("btn-danger"), "{}", finalize.class_name());
    drop(handle);
    root.remove();
}
