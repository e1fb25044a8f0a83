//! What each action asks before it runs: the dialogs of Dry run, Resume, Finalize, Cancel and
//! the guided Cut over. Finalize and Cancel can't be undone, so both want the volume's name
//! typed, as the portal asks for a resource's name before deleting it.

use super::cut_over_dialog::CutOverDialog;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::state::live::LiveRow;
use anf_core::migration::MigrationAction;
use leptos::prelude::*;

/// Which dialog is open.
#[derive(Clone, Copy)]
pub struct DialogSwitches {
    /// Dry run.
    pub dry_run: RwSignal<bool>,
    /// Resume.
    pub resume: RwSignal<bool>,
    /// Finalize.
    pub finalize: RwSignal<bool>,
    /// Cancel.
    pub cancel: RwSignal<bool>,
    /// The guided cut-over's panel.
    pub cut_over: RwSignal<bool>,
}

impl DialogSwitches {
    /// All closed.
    #[must_use]
    pub fn new() -> Self {
        Self {
            dry_run: RwSignal::new(false),
            resume: RwSignal::new(false),
            finalize: RwSignal::new(false),
            cancel: RwSignal::new(false),
            cut_over: RwSignal::new(false),
        }
    }

    /// Opens the dialog of `action`; false for an action that asks nothing (Sync now).
    pub fn open(self, action: MigrationAction) -> bool {
        let switch = match action {
            MigrationAction::SyncNow => return false,
            MigrationAction::DryRun => self.dry_run,
            MigrationAction::Resume => self.resume,
            MigrationAction::CutOver => self.cut_over,
            MigrationAction::Finalize => self.finalize,
            MigrationAction::Cancel => self.cancel,
        };
        switch.set(true);
        true
    }
}

impl Default for DialogSwitches {
    fn default() -> Self {
        Self::new()
    }
}

/// The dialogs of one migration; `run` starts the action once confirmed.
#[component]
pub fn ActionDialogs(
    /// The migration.
    row: LiveRow,
    /// Which is open.
    open: DialogSwitches,
    /// Starts a confirmed action.
    run: Callback<MigrationAction>,
) -> impl IntoView {
    let name = row.name;
    let vol_name = move || name.get();
    let src_row = row.clone();
    view! {
        <ConfirmDialog open=open.dry_run title="Pause for a dry run?" confirm_label="Dry run"
            on_confirm=Callback::new(move |()| run.run(MigrationAction::DryRun))>
            <p>"The replication to " <strong>{vol_name}</strong> " is broken: the volume becomes "
                <strong>"read-write"</strong> " so you can test your applications on it. The source stays online and keeps its data."</p>
            <p>"When you resume, everything written to the Azure NetApp Files volume during the pause is erased."</p>
        </ConfirmDialog>
        <ConfirmDialog open=open.resume title="Resume the migration?" confirm_label="Resume" danger=true
            on_confirm=Callback::new(move |()| run.run(MigrationAction::Resume))>
            <p><strong>"Writes made to the Azure NetApp Files volume " {vol_name} " during the pause will be erased."</strong>
                " The volume is resynchronized from the source and becomes read-only again."</p>
        </ConfirmDialog>
        {move || {
            let vol = name.get();
            let src = src_row.source_text();
            let (vol2, src2) = (vol.clone(), src.clone());
            view! {
                <ConfirmDialog open=open.finalize title="Finalize the migration?" confirm_label="Finalize migration"
                    danger=true require_typing=vol.clone() cancel_label="Not yet"
                    on_confirm=Callback::new(move |()| run.run(MigrationAction::Finalize))>
                    <p><strong class="mono">{vol2.clone()}</strong> " becomes a regular Azure NetApp Files volume. "
                        <strong>"This can't be undone:"</strong> " the replication from " <span class="mono">{src2.clone()}</span>
                        " is released for good, and the cluster peering is removed if no other migration uses it."</p>
                    <p>"Afterwards, run " <code class="mono">"cluster peer show"</code> " on the source cluster and, if the Azure NetApp Files peer is still listed, "
                        <code class="mono">"cluster peer delete -cluster <name>"</code> "."</p>
                </ConfirmDialog>
                <ConfirmDialog open=open.cancel title="Cancel this migration?" confirm_label="Delete volume" danger=true
                    require_typing=vol.clone() cancel_label="Keep migration"
                    on_confirm=Callback::new(move |()| run.run(MigrationAction::Cancel))>
                    <p>"This deletes the Azure NetApp Files volume " <strong class="mono">{vol.clone()}</strong>
                        " and " <strong>"everything on it"</strong> ", including data written during a dry run. The migration from "
                        <span class="mono">{src.clone()}</span> " stops; the source volume itself is not touched."</p>
                    <p>"The cluster peering is removed if no other migration uses it."</p>
                </ConfirmDialog>
            }
        }}
        <CutOverDialog open=open.cut_over row=row.clone() />
    }
}
