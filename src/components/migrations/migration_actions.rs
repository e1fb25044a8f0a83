//! The actions on one migration: Sync now, Dry run, Resume, Cut over, Finalize, Cancel.
//!
//! Every mutation goes through `use_operations().start`, which refuses a second one on the same
//! volume while one runs: a double click never fires twice. Buttons that make no sense in the
//! phase stay focusable with `aria-disabled` and say why in their description.

use super::cut_over_dialog::CutOverDialog;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::progress_bar::ProgressBar;
use crate::state::cut_overs::use_cut_overs;
use crate::state::live::LiveRow;
use crate::state::operations::{use_operations, Operations};
use crate::state::toasts::{use_toasts, ToastKind, Toasts};
use anf_core::ids::VolumeId;
use anf_core::migration::{enabled_actions, ActionState, MigrationAction, PhaseKind};
use leptos::html;
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

/// The action buttons of one migration, with their dialogs. `menu` folds them into an
/// "Actions" disclosure (table rows); otherwise they show as a toolbar (details page).
#[component]
pub fn MigrationActions(
    /// The migration.
    row: LiveRow,
    /// Fold into a disclosure menu.
    #[prop(optional)]
    menu: bool,
) -> impl IntoView {
    let ops = use_operations();
    let id = StoredValue::new(row.id.clone());
    let name = row.name;
    let phase = row.phase;
    let cut_overs = use_cut_overs();
    let in_flight = Memo::new(move |_| id.with_value(|id| ops.active_on(id)));
    // Between its operations (waiting for the final transfer), a cut-over keeps the volume busy.
    let cutting_over = Memo::new(move |_| id.with_value(|id| cut_overs.is_running(id)));
    let states: Memo<Vec<ActionState>> = Memo::new(move |_| {
        let busy = in_flight.with(|o| o.as_ref().map(|o| o.label.clone()));
        phase.with(|p| enabled_actions(p, busy.as_deref(), cutting_over.get()))
    });
    let dry_open = RwSignal::new(false);
    let resume_open = RwSignal::new(false);
    let finalize_open = RwSignal::new(false);
    let cancel_open = RwSignal::new(false);
    let cut_open = RwSignal::new(false);
    let toasts = use_toasts();
    let run = move |a: MigrationAction| {
        id.with_value(|id| fire(ops, toasts, id, &name.get_untracked(), a));
    };
    // A table row mounts its dialogs only once one is wanted (a thousand rows would otherwise
    // carry five thousand dialogs), and keeps them. A cut-over runs in the app, not in its panel.
    let mounted = RwSignal::new(!menu);
    let click = move |a: MigrationAction| {
        if !mounted.get_untracked() {
            mounted.set(true);
        }
        let enabled = states.with_untracked(|s| s.iter().any(|x| x.action == a && x.enabled()));
        if !enabled {
            return;
        }
        match a {
            MigrationAction::SyncNow => run(a),
            MigrationAction::DryRun => dry_open.set(true),
            MigrationAction::Resume => resume_open.set(true),
            MigrationAction::CutOver => cut_open.set(true),
            MigrationAction::Finalize => finalize_open.set(true),
            MigrationAction::Cancel => cancel_open.set(true),
        }
    };
    let buttons = move || {
        let vol = name.get();
        MigrationAction::ALL
            .iter()
            .map(|&a| {
                let state = move || states.with(|s| s.iter().find(|x| x.action == a).cloned());
                let enabled = move || state().is_some_and(|s| s.enabled());
                let reason = move || state().and_then(|s| s.disabled_reason);
                let class = match a {
                    MigrationAction::Cancel => "btn btn-danger",
                    MigrationAction::SyncNow | MigrationAction::CutOver => "btn btn-primary",
                    _ => "btn",
                };
                let busy = move || {
                    in_flight.with(|o| o.as_ref().is_some_and(|o| o.action == a.op_action()))
                };
                view! {
                    <button type="button" class=class data-action=a.key()
                        aria-label=format!("{} ({vol})", a.label())
                        aria-disabled=move || (!enabled()).to_string()
                        aria-busy=move || busy().then_some("true")
                        title=move || reason().unwrap_or_else(|| a.description().to_owned())
                        on:click=move |_| click(a)>
                        {a.label()}
                    </button>
                }
            })
            .collect_view()
    };
    let links = move || {
        let vol = name.get();
        let peering = phase.with(|p| p.kind() == PhaseKind::Peering);
        view! {
            {peering.then(|| view! { <a class="btn" href=format!("/migrations/{vol}/peering")>"Configure peering"</a> })}
            {menu.then(|| view! { <a class="btn btn-subtle" href=format!("/migrations/{vol}")>"View migration details"</a> })}
        }
    };
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
    let details_ref = NodeRef::<html::Details>::new();
    let menu_open = RwSignal::new(false);
    let vol_name = move || name.get();
    let dialogs = move || {
        mounted.get().then(|| view! {
        <ConfirmDialog open=dry_open title="Pause for a dry run?" confirm_label="Dry run"
            on_confirm=Callback::new(move |()| run(MigrationAction::DryRun))>
            <p>"The replication to " <strong>{vol_name}</strong> " is broken: the volume becomes "
                <strong>"read-write"</strong> " so you can test your applications on it. The source stays online and keeps its data."</p>
            <p>"When you resume, everything written to the Azure NetApp Files volume during the pause is erased."</p>
        </ConfirmDialog>
        <ConfirmDialog open=resume_open title="Resume the migration?" confirm_label="Resume" danger=true
            on_confirm=Callback::new(move |()| run(MigrationAction::Resume))>
            <p><strong>"Writes made to the Azure NetApp Files volume " {vol_name} " during the pause will be erased."</strong>
                " The volume is resynchronized from the source and becomes read-only again."</p>
        </ConfirmDialog>
        <ConfirmDialog open=finalize_open title="Finalize the migration?" confirm_label="Finalize migration"
            on_confirm=Callback::new(move |()| run(MigrationAction::Finalize))>
            <p>{vol_name} " becomes a regular Azure NetApp Files volume. The replication is released and the cluster peering is removed if no other migration uses it. This can't be undone."</p>
            <p>"Afterwards, run " <code class="mono">"cluster peer show"</code> " on the source cluster and, if the Azure NetApp Files peer is still listed, "
                <code class="mono">"cluster peer delete -cluster <name>"</code> "."</p>
        </ConfirmDialog>
        {let src_row = row.clone(); move || {
            let vol = name.get();
            let src = src_row.source_text();
            view! {
                <ConfirmDialog open=cancel_open title="Cancel this migration?" confirm_label="Delete volume" danger=true
                    require_typing=vol.clone()
                    on_confirm=Callback::new(move |()| run(MigrationAction::Cancel))>
                    <p>"This deletes the Azure NetApp Files volume " <strong class="mono">{vol.clone()}</strong>
                        " and " <strong>"everything on it"</strong> ", including data written during a dry run. The migration from "
                        <span class="mono">{src.clone()}</span> " stops; the source volume itself is not touched."</p>
                    <p>"The cluster peering is removed if no other migration uses it."</p>
                </ConfirmDialog>
            }
        }}
<CutOverDialog open=cut_open row=row.clone() />
    })
    };
    if menu {
        view! {
            <div class=style::cell>
                <details class=style::menu node_ref=details_ref
                    on:toggle=move |_| menu_open.set(details_ref.get().is_some_and(|d| d.open()))>
                    <summary class="btn btn-subtle" aria-label=move || format!("Actions for {}", name.get())>"Actions"</summary>
                    <Show when=move || menu_open.get()>
                        <div class=style::menu_body>{buttons}{links}</div>
                    </Show>
                </details>
                {progress}
                {dialogs}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="stack">
                <div class="toolbar" role="group" aria-label="Migration actions">{buttons}{links}</div>
                {progress}
                {dialogs}
            </div>
        }
        .into_any()
    }
}
