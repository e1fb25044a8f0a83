//! The actions on one migration: Sync now, Dry run, Resume, Cut over, Finalize, Cancel.
//!
//! Every mutation goes through `use_operations().start`, which refuses a second one on the same
//! volume while one runs: a double click never fires twice. Actions that make no sense in the
//! phase stay focusable with `aria-disabled`, and say why: as their description for screen
//! readers, and in a line under them while they are hovered or focused.

use super::action_dialogs::DialogSwitches;
use super::action_entry::{action_entries, ActionEntry, EntryKind};
use super::actions_menu::ActionsMenu;
use super::lazy_action_dialogs::{preload_action_dialogs, LazyActionDialogs};
use crate::components::progress_bar::ProgressBar;
use crate::state::cut_overs::use_cut_overs_slot;
use crate::state::live::LiveRow;
use crate::state::operations::{use_operations, Operations};
use crate::state::toasts::{use_toasts, ToastKind, Toasts};
use anf_core::ids::VolumeId;
use anf_core::migration::{enabled_actions, ActionState, MigrationAction};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/migrations/migration_actions.module.css");

/// Starts `action` on the volume through the operations registry; the core says which ARM
/// call it is.
fn fire(ops: Operations, toasts: Toasts, row_id: &str, name: &str, action: MigrationAction) {
    let Ok(vid) = VolumeId::parse(row_id) else { return };
    // Cut over is a sequence, started from its panel.
    let Some((op, call)) = action.call() else { return };
    let label = format!("{} on {name}", action.label());
    let started =
        ops.start(row_id, op, label, move |c, now| async move { call.send(&c, &vid, now).await });
    if let Err(busy) = started {
        toasts.push(
            ToastKind::Info,
            format!("\"{}\" is still running on {name}; wait for it to finish.", busy.label),
        );
    }
}

/// The actions of one migration, with their dialogs. `menu` puts them in the row's Actions
/// menu (table rows); otherwise they show as a toolbar (details page).
#[component]
pub fn MigrationActions(
    /// The migration.
    row: LiveRow,
    /// In a menu.
    #[prop(optional)]
    menu: bool,
) -> impl IntoView {
    let ops = use_operations();
    let id = StoredValue::new(row.id.clone());
    let name = row.name;
    let phase = row.phase;
    let cut_overs = use_cut_overs_slot();
    let in_flight = Memo::new(move |_| id.with_value(|id| ops.active_on(id)));
    // Between its operations (waiting for the final transfer), a cut-over keeps the volume busy.
    let cutting_over = Memo::new(move |_| id.with_value(|id| cut_overs.is_running(id)));
    let states: Memo<Vec<ActionState>> = Memo::new(move |_| {
        let busy = in_flight.with(|o| o.as_ref().map(|o| o.label.clone()));
        phase.with(|p| enabled_actions(p, busy.as_deref(), cutting_over.get()))
    });
    let entries: Memo<Vec<ActionEntry>> = Memo::new(move |_| {
        let running = in_flight.with(|o| o.as_ref().map(|o| o.action));
        states.with(|s| phase.with(|p| action_entries(s, running, p, &name.get(), menu)))
    });
    let toasts = use_toasts();
    let dialogs = DialogSwitches::new();
    let run = Callback::new(move |a: MigrationAction| {
        id.with_value(|id| fire(ops, toasts, id, &name.get_untracked(), a));
    });
    // A table row mounts its dialogs only once one is wanted (a thousand rows would otherwise
    // carry five thousand dialogs), and keeps them. A cut-over runs in the app, not in its panel.
    let mounted = RwSignal::new(!menu);
    let start = Callback::new(move |a: MigrationAction| {
        let enabled = states.with_untracked(|s| s.iter().any(|x| x.action == a && x.enabled()));
        if !enabled {
            return;
        }
        if !mounted.get_untracked() {
            mounted.set(true);
        }
        if !dialogs.open(a) {
            run.run(a);
        }
    });
    // Keyed on the operation, not its every poll: the bar follows its own signal.
    let running =
        Memo::new(move |_| in_flight.with(|o| o.as_ref().map(|o| (o.id, o.label.clone()))));
    let progress = move || {
        running.get().map(|(op_id, label)| {
            let value =
                Signal::derive(move || ops.get(op_id).and_then(|o| o.percent()).map(|p| p / 100.0));
            view! {
                <div class=style::running role="status">
                    <span>{label.clone()} "…"</span>
                    <ProgressBar value=value label=label />
                </div>
            }
        })
    };
    let dialog_view = {
        let row = row.clone();
        move || {
            mounted
                .get()
                .then(|| view! { <LazyActionDialogs row=row.clone() open=dialogs run=run /> })
        }
    };
    if menu {
        view! {
            // The dialogs' code is fetched as the user reaches for the actions, not with the page.
            <div class=style::cell on:pointerenter=move |_| preload_action_dialogs()
                on:focusin=move |_| preload_action_dialogs()>
                <ActionsMenu name=name entries=entries on_action=start />
                {progress}
                {dialog_view}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="stack">
                <ActionToolbar entries=entries on_action=start />
                {progress}
                {dialog_view}
            </div>
        }
        .into_any()
    }
}

/// The details page's buttons, with the line that says what the hovered or focused one does,
/// or why it can't be started.
#[component]
fn ActionToolbar(
    entries: Memo<Vec<ActionEntry>>,
    on_action: Callback<MigrationAction>,
) -> impl IntoView {
    let active = RwSignal::new(None::<&'static str>);
    let hint = move || {
        let key = active.get()?;
        entries.with(|l| {
            let e = l.iter().find(|e| e.key == key)?;
            Some(match &e.reason {
                Some(why) => format!("{}: unavailable. {why}", e.label),
                None => e.description.to_owned(),
            })
        })
    };
    // Keyed, so a poll that changes a reason or a busy state keeps the focused button.
    let keys = Memo::new(move |_| entries.with(|l| l.iter().map(|e| e.key).collect::<Vec<_>>()));
    let button = move |key: &'static str| {
        let entry = Memo::new(move |_| entries.with(|l| l.iter().find(|e| e.key == key).cloned()));
        let Some(first) = entry.get_untracked() else { return ().into_any() };
        let enter = move || active.set(Some(key));
        match first.kind {
            EntryKind::Link(href) => view! {
                <a class="btn" href=href on:pointerenter=move |_| enter() on:focus=move |_| enter()>{first.label}</a>
            }
            .into_any(),
            EntryKind::Action(a) => {
                let class = match a {
                    MigrationAction::Cancel | MigrationAction::Finalize => "btn btn-danger",
                    MigrationAction::SyncNow | MigrationAction::CutOver => "btn btn-primary",
                    _ => "btn",
                };
                let why_id = format!("action-{key}-why");
                let reason = move || entry.with(|e| e.as_ref().and_then(|e| e.reason.clone()));
                view! {
                    <button type="button" class=class data-action=key
                        aria-disabled=move || reason().is_some().to_string()
                        aria-busy=move || entry.with(|e| e.as_ref().is_some_and(|e| e.busy)).then_some("true")
                        aria-describedby={let id = why_id.clone(); move || reason().map(|_| id.clone())}
                        on:pointerenter=move |_| enter() on:focus=move |_| enter()
                        on:click=move |_| on_action.run(a)>
                        {first.label}
                    </button>
                    <span id=why_id hidden data-reason=key>{reason}</span>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="toolbar" role="group" aria-label="Migration actions"
            on:pointerleave=move |_| active.set(None)>
            <For each=move || keys.get() key=|k| *k let:key>{button(key)}</For>
        </div>
        <p class=style::hint aria-hidden="true" data-action-hint>{hint}</p>
    }
}
