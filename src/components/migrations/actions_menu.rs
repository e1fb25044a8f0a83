//! A table row's Actions menu, as the portal's `...`: a popover anchored to the row's button,
//! out of the table's flow, driven by the keyboard as a menu button is (WAI-ARIA APG).
//!
//! Position is fixed and computed from the button's box, not CSS anchor positioning or the
//! `popover` attribute: the app supports Firefox from 120 and Safari from 17.5, which have
//! neither anchor positioning nor (Firefox before 125) popovers. Fixed, the menu is not clipped
//! by the table's scroller and moves no column; it follows the button when anything scrolls.

use super::action_entry::{ActionEntry, EntryKind};
use anf_core::migration::MigrationAction;
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

stylance::import_crate_style!(style, "src/components/migrations/actions_menu.module.css");

/// Gap between the button and the menu, and the least margin to the viewport's edges.
const GAP: f64 = 4.0;

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The menu items in order (separators are not items).
fn items(menu: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let list = menu.children();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter(|e| e.get_attribute("role").as_deref() == Some("menuitem"))
        .map(JsCast::unchecked_into)
        .collect()
}

fn focused_index(items: &[web_sys::HtmlElement]) -> Option<usize> {
    let active = document().active_element()?;
    items.iter().position(|i| {
        let el: &web_sys::Element = i.as_ref();
        *el == active
    })
}

/// Puts `pop` under `trigger`, right edges aligned, inside the viewport; above it when there is
/// no room below. Above, the menu is held by its bottom edge: the hint under the items grows
/// and shrinks as the focus moves, and a menu held by its top would grow over its button.
fn place(trigger: &web_sys::HtmlElement, pop: &web_sys::HtmlElement) {
    let r = trigger.get_bounding_client_rect();
    let (w, h) = (f64::from(pop.offset_width()), f64::from(pop.offset_height()));
    // The layout viewport (without scrollbars), which `bottom` of a fixed box counts from.
    let root = document().document_element();
    let view_w = root.as_ref().map_or(1280.0, |e| f64::from(e.client_width()));
    let view_h = root.as_ref().map_or(900.0, |e| f64::from(e.client_height()));
    let left = (r.right() - w).min(view_w - GAP - w).max(GAP);
    let below = r.bottom() + GAP;
    let above = below + h > view_h - GAP && r.top() - GAP - h >= GAP;
    // Through the CSSOM: the content security policy refuses inline style attributes.
    let css = pop.style();
    let _ = css.set_property("left", &format!("{left:.0}px"));
    if above {
        let _ = css.set_property("top", "auto");
        let _ = css.set_property("bottom", &format!("{:.0}px", view_h - (r.top() - GAP)));
    } else {
        let _ = css.set_property("bottom", "auto");
        let _ = css.set_property("top", &format!("{below:.0}px"));
    }
}

/// Listeners on the window while the menu is open: a press outside closes it, a scroll or
/// resize moves it with its button. Removed when it closes.
struct OpenListeners {
    outside: Closure<dyn Fn(web_sys::Event)>,
    follow: Closure<dyn Fn(web_sys::Event)>,
}

impl OpenListeners {
    fn add(&self) {
        let w = window();
        let f = self.follow.as_ref().unchecked_ref();
        let _ = w.add_event_listener_with_callback_and_bool(
            "pointerdown",
            self.outside.as_ref().unchecked_ref(),
            true,
        );
        // Capture: a scroll inside the table's scroller does not bubble to the window.
        let _ = w.add_event_listener_with_callback_and_bool("scroll", f, true);
        let _ = w.add_event_listener_with_callback("resize", f);
    }

    fn remove(&self) {
        let w = window();
        let f = self.follow.as_ref().unchecked_ref();
        let _ = w.remove_event_listener_with_callback_and_bool(
            "pointerdown",
            self.outside.as_ref().unchecked_ref(),
            true,
        );
        let _ = w.remove_event_listener_with_callback_and_bool("scroll", f, true);
        let _ = w.remove_event_listener_with_callback("resize", f);
    }
}

/// The "Actions" button of a row and its menu. Disabled actions stay in the menu, focusable,
/// with `aria-disabled` and their reason: read out as the item's description, and shown under
/// the items while the item is hovered or focused.
#[component]
pub fn ActionsMenu(
    /// The volume's name, for the button's accessible name.
    #[prop(into)]
    name: Signal<String>,
    /// The items, in order.
    #[prop(into)]
    entries: Signal<Vec<ActionEntry>>,
    /// Runs an enabled action (the menu has closed by then).
    on_action: Callback<MigrationAction>,
) -> impl IntoView {
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let (button_id, menu_id) = (format!("actions-{n}"), format!("actions-{n}-menu"));
    let open = RwSignal::new(false);
    // The item the pointer or the focus is on, by key: its reason or description shows.
    let active = RwSignal::new(None::<&'static str>);
    let trigger = NodeRef::<html::Button>::new();
    let pop = NodeRef::<html::Div>::new();
    let menu = NodeRef::<html::Div>::new();

    let close = move |refocus: bool| {
        open.set(false);
        active.set(None);
        if refocus {
            if let Some(t) = trigger.get_untracked() {
                let _ = t.focus();
            }
        }
    };
    let focus_item = move |pick: fn(usize, Option<usize>) -> usize| {
        let Some(m) = menu.get_untracked() else { return };
        let list = items(&m);
        if list.is_empty() {
            return;
        }
        let next = pick(list.len(), focused_index(&list));
        let _ = list[next.min(list.len() - 1)].focus();
    };
    let first = |_: usize, _: Option<usize>| 0;
    let last = |len: usize, _: Option<usize>| len - 1;
    let down = |len: usize, at: Option<usize>| at.map_or(0, |i| (i + 1) % len);
    let up = |len: usize, at: Option<usize>| at.map_or(len - 1, |i| (i + len - 1) % len);

    // Opening puts the focus on an item once the menu is in the DOM (`want` says which).
    let want = StoredValue::new(None::<fn(usize, Option<usize>) -> usize>);
    let open_at = move |pick: fn(usize, Option<usize>) -> usize| {
        want.set_value(Some(pick));
        open.set(true);
    };
    let listeners = StoredValue::new_local(None::<OpenListeners>);
    Effect::new(move |_| {
        let (Some(t), Some(p)) = (trigger.get(), pop.get()) else { return };
        // A menu closed earlier leaves its old element in the ref until the new one mounts.
        if !open.get() || !p.is_connected() {
            return;
        }
        place(&t, &p);
        if let Some(pick) = want.get_value() {
            want.set_value(None);
            focus_item(pick);
        }
        if listeners.with_value(Option::is_none) {
            let (t2, p2) = (t.clone(), p.clone());
            let outside = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
                let inside = e
                    .target()
                    .and_then(|x| x.dyn_into::<web_sys::Node>().ok())
                    .is_some_and(|node| {
                        let (t, p): (&web_sys::Node, &web_sys::Node) = (t2.as_ref(), p2.as_ref());
                        t.contains(Some(&node)) || p.contains(Some(&node))
                    });
                if !inside {
                    open.set(false);
                }
            });
            let follow =
                Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| place(&t, &p));
            let l = OpenListeners { outside, follow };
            l.add();
            listeners.set_value(Some(l));
        }
    });
    Effect::new(move |_| {
        if !open.get() {
            if let Some(l) = listeners.try_update_value(Option::take).flatten() {
                l.remove();
            }
        }
    });
    on_cleanup(move || {
        if let Some(l) = listeners.try_update_value(Option::take).flatten() {
            l.remove();
        }
    });

    // Enter opens on keydown and Space on keyup, as a button activates; both are handled here
    // (their default click prevented), so the menu opens on the first item whatever the key.
    let on_trigger_key = move |e: KeyboardEvent| match e.key().as_str() {
        "Enter" | "ArrowDown" => {
            e.prevent_default();
            open_at(first);
        }
        " " => e.prevent_default(),
        "ArrowUp" => {
            e.prevent_default();
            open_at(last);
        }
        "Escape" if open.get_untracked() => close(true),
        _ => {}
    };
    let run = move |entry: &ActionEntry| {
        if let EntryKind::Action(a) = entry.kind {
            if entry.reason.is_none() {
                close(true);
                on_action.run(a);
            }
        }
    };
    let on_menu_key = move |e: KeyboardEvent| match e.key().as_str() {
        "ArrowDown" => {
            e.prevent_default();
            focus_item(down);
        }
        "ArrowUp" => {
            e.prevent_default();
            focus_item(up);
        }
        "Home" => {
            e.prevent_default();
            focus_item(first);
        }
        "End" => {
            e.prevent_default();
            focus_item(last);
        }
        "Escape" => {
            e.prevent_default();
            close(true);
        }
        // Focus goes back to the button first, so Tab moves on from it, out of the menu.
        "Tab" => close(true),
        _ => {}
    };
    let hint = move || {
        let key = active.get()?;
        entries.with(|list| {
            let e = list.iter().find(|e| e.key == key)?;
            Some(match &e.reason {
                Some(why) => format!("{}: unavailable. {why}", e.label),
                None => e.description.to_owned(),
            })
        })
    };
    // Items are keyed: a poll that changes a reason or a busy state while the menu is open
    // updates that item's attributes and keeps the focus where it is.
    let keys = Memo::new(move |_| entries.with(|l| l.iter().map(|e| e.key).collect::<Vec<_>>()));
    let first_link = Memo::new(move |_| {
        entries.with(|l| l.iter().find(|e| matches!(e.kind, EntryKind::Link(_))).map(|e| e.key))
    });
    let item = {
        let menu_id = menu_id.clone();
        move |key: &'static str| {
            let entry =
                Memo::new(move |_| entries.with(|l| l.iter().find(|e| e.key == key).cloned()));
            let kind = entry.with_untracked(|e| e.as_ref().map(|e| e.kind.clone()));
            let label = entry.with_untracked(|e| e.as_ref().map_or("", |e| e.label));
            let danger = entry.with_untracked(|e| e.as_ref().is_some_and(|e| e.danger));
            let class = if danger {
                format!("{} {}", style::item, style::danger)
            } else {
                style::item.to_owned()
            };
            let enter = move || active.set(Some(key));
            match kind {
                Some(EntryKind::Link(href)) => view! {
                    {move || (first_link.get() == Some(key)).then(|| view! { <div role="separator" class=style::separator></div> })}
                    <a role="menuitem" tabindex="-1" class=class href=href data-menu-link=key
                        on:pointerenter=move |_| enter() on:focus=move |_| enter()>{label}</a>
                }
                .into_any(),
                Some(EntryKind::Action(_)) => {
                    let why_id = format!("{menu_id}-{key}-why");
                    let reason = move || entry.with(|e| e.as_ref().and_then(|e| e.reason.clone()));
                    let activate = move || {
                        if let Some(e) = entry.get_untracked() {
                            run(&e);
                        }
                    };
                    view! {
                        <button type="button" role="menuitem" tabindex="-1" class=class
                            data-action=key
                            aria-disabled=move || reason().is_some().to_string()
                            aria-busy=move || entry.with(|e| e.as_ref().is_some_and(|e| e.busy)).then_some("true")
                            aria-describedby={let id = why_id.clone(); move || reason().map(|_| id.clone())}
                            on:pointerenter=move |_| enter() on:focus=move |_| enter()
                            on:click=move |_| activate()
                            on:keydown=move |ev: KeyboardEvent| {
                                if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    activate();
                                }
                            }>
                            {label}
                        </button>
                        <span id=why_id hidden data-reason=key>{reason}</span>
                    }
                    .into_any()
                }
                None => ().into_any(),
            }
        }
    };
    let body = {
        let menu_id = menu_id.clone();
        let button_id = button_id.clone();
        move || {
            let item = item.clone();
            view! {
                <div class=style::popover node_ref=pop data-actions-menu>
                    <div role="menu" id=menu_id.clone() aria-labelledby=button_id.clone()
                        node_ref=menu on:keydown=on_menu_key
                        on:pointerleave=move |_| active.set(None)>
                        <For each=move || keys.get() key=|k| *k let:key>
                            {item.clone()(key)}
                        </For>
                    </div>
                    // Sighted users read the reason here; screen readers hear it as the
                    // item's description.
                    <p class=style::hint aria-hidden="true" data-menu-hint>{hint}</p>
                </div>
            }
        }
    };
    view! {
        <button type="button" class=format!("btn btn-subtle {}", style::trigger) id=button_id.clone()
            node_ref=trigger aria-haspopup="menu"
            aria-expanded=move || open.get().to_string()
            aria-controls=move || open.get().then(|| menu_id.clone())
            aria-label=move || format!("Actions for {}", name.get())
            on:click=move |_| if open.get_untracked() { close(false) } else { open_at(first) }
            on:keydown=on_trigger_key
            on:keyup=move |e: KeyboardEvent| if e.key() == " " {
                e.prevent_default();
                open_at(first);
            }>
            "Actions"
            <span aria-hidden="true" class=style::chevron>"▾"</span>
        </button>
        <Show when=move || open.get()>{body.clone()}</Show>
    }
}
