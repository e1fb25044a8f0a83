//! The wave's cut-over window, and its rehearsal (dry run and resume of every volume).
//!
//! The window: the ONTAP commands that take every source volume of the window offline (one
//! block), the choice of what a failed volume does, then one start; the window's machine
//! syncs, waits for every volume to be in sync, and breaks them. "Stop before the break" stops
//! what has not broken yet; a window that stopped shows the commands to bring the sources
//! back online.

use super::run_data::RunData;
use crate::components::code_block::CodeBlock;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::state::waves::use_waves;
use anf_core::migration::{offline_command, online_command, CutOverStep, PhaseKind};
use anf_core::wave::saved::WaveStage;
use anf_core::wave::window::{Member, OnFailure};
use anf_core::wave::{RowId, RunVolume, WaveCall};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The volumes of the run in a live phase of `kind`, authorized and not cut over yet.
fn in_phase(data: RunData, kind: PhaseKind) -> Vec<RunVolume> {
    let volumes: Vec<RunVolume> = data.wave.with(|w| {
        w.as_ref().and_then(|w| w.run.as_ref()).map(|r| r.volumes.clone()).unwrap_or_default()
    });
    volumes
        .into_iter()
        .filter(|v| v.svm_command.is_some() && !v.cut_over && !v.finalized && v.running.is_none())
        .filter(|v| data.phase_of(v).kind() == kind)
        .collect()
}

/// The window and the rehearsal.
#[component]
pub fn CutOverPanel(
    /// The run's data.
    data: RunData,
) -> impl IntoView {
    let waves = use_waves();
    let name = data.name;
    let stage = Memo::new(move |_| data.wave.with(|w| w.as_ref().map(|w| w.stage())));
    let window = Memo::new(move |_| data.wave.with(|w| w.as_ref().and_then(|w| w.window.clone())));
    let ready = Memo::new(move |_| in_phase(data, PhaseKind::Mirrored));
    let paused = Memo::new(move |_| in_phase(data, PhaseKind::PausedForDryRun));
    // Volumes not yet cut over or finalized.
    let left = Memo::new(move |_| {
        data.wave.with(|w| {
            w.as_ref()
                .and_then(|w| w.run.as_ref())
                .map_or(0, |r| r.volumes.iter().filter(|v| !v.cut_over && !v.finalized).count())
        })
    });
    let on_failure = RwSignal::new(
        data.wave.with_untracked(|w| w.as_ref().map(|w| w.settings.on_failure).unwrap_or_default()),
    );
    let running = move || window.with(|w| w.as_ref().is_some_and(|w| w.started && !w.finished()));
    let offline_block = move || {
        ready.with(|r| r.iter().map(|v| offline_command(v.source())).collect::<Vec<_>>().join("\n"))
    };
    let confirm_start = RwSignal::new(false);
    let start = Callback::new(move |()| {
        let members: Vec<Member> = ready
            .get_untracked()
            .iter()
            .map(|v| Member { id: v.id.clone(), name: v.name.clone() })
            .collect();
        let n = name.get_value();
        waves.open_window(&n, members, on_failure.get_untracked());
        waves.change_window(&n, |w| w.start());
    });
    let stop = move |_| {
        waves.change_window(&name.get_value(), |w| {
            w.stop_before_break();
        })
    };
    let counts = move || window.with(|w| w.as_ref().map(|w| w.counts()).unwrap_or_default());
    let left_on_source = Memo::new(move |_| {
        let run: Vec<RunVolume> = data.wave.with(|w| {
            w.as_ref().and_then(|w| w.run.as_ref()).map(|r| r.volumes.clone()).unwrap_or_default()
        });
        window.with(|w| {
            w.as_ref().filter(|w| w.finished()).map_or_else(String::new, |w| {
                run.iter()
                    .filter(|v| {
                        matches!(w.book.step(&v.id), CutOverStep::Failed(_) | CutOverStep::Offline)
                            && w.members.iter().any(|m| m.id.eq_ignore_ascii_case(&v.id))
                    })
                    .map(|v| online_command(v.source()))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        })
    });
    let confirm_dry = RwSignal::new(false);
    let confirm_resume = RwSignal::new(false);
    let rows = |list: Vec<RunVolume>| list.iter().map(|v| v.row).collect::<BTreeSet<RowId>>();
    let dry_run = Callback::new(move |()| {
        waves.ask_batch(&name.get_value(), WaveCall::DryRun, rows(ready.get_untracked()))
    });
    let resume = Callback::new(move |()| {
        waves.ask_batch(&name.get_value(), WaveCall::Resume, rows(paused.get_untracked()))
    });
    let batch = Memo::new(move |_| {
        data.wave.with(|w| w.as_ref().and_then(|w| w.run.as_ref()).and_then(|r| r.batch.clone()))
    });
    let shown = move || stage.get().is_some_and(|s| s >= WaveStage::SvmPeering);
    view! {
        <Show when=shown>
            <section class="card stack" aria-labelledby="wave-window-title" data-cut-over-window="true">
                <h2 id="wave-window-title">"Cut-over window"</h2>
                // Once every volume is cut over, the offer to cut over and rehearse is noise:
                // the window's outcome stays, nothing else is asked.
                <Show when=move || !running() && left.get() != 0>
                    <p>{move || format!("{} volumes are mirrored and ready to cut over; {} are not (still in their baseline, or paused).", ready.with(Vec::len), left.get().saturating_sub(ready.with(Vec::len)))}</p>
                    <Show when=move || !ready.with(Vec::is_empty)>
                        <p>"1. Stop the clients of these volumes, then take the source volumes offline, so no write reaches them after the final sync. On the source cluster:"</p>
                        <CodeBlock code=Signal::derive(offline_block) label="Commands to take the source volumes offline" />
                        <fieldset class="cluster">
                            <legend>"2. If a volume fails during the window"</legend>
                            <label class="cluster"><input type="radio" name="wave-on-failure" prop:checked=move || on_failure.get() == OnFailure::Continue
                                on:change=move |_| on_failure.set(OnFailure::Continue) />"Continue with the others (the failed one stays on its source)"</label>
                            <label class="cluster"><input type="radio" name="wave-on-failure" data-on-failure="stop" prop:checked=move || on_failure.get() == OnFailure::Stop
                                on:change=move |_| on_failure.set(OnFailure::Stop) />"Stop the window before any break"</label>
                        </fieldset>
                        <div class="toolbar">
                            <button type="button" class="btn btn-primary" data-start-window="true" on:click=move |_| confirm_start.set(true)>
                                {move || format!("3. The sources are offline: cut over {} volumes", ready.with(Vec::len))}
                            </button>
                        </div>
                    </Show>
                </Show>
                {move || window.get().filter(|w| w.started).map(|_| view! {
                    <p role="status" data-window-counts="true">{move || {
                        let c = counts();
                        format!("{} final sync or transfer, {} in sync and waiting for the others, {} breaking, {} cut over, {} stopped or failed, {} not started.", c.syncing, c.in_sync, c.breaking, c.done, c.failed, c.waiting_to_start)
                    }}</p>
                    <p class="muted">"Every volume's final transfer completes before any volume is broken, so until then the whole wave can still go back to its source."</p>
                })}
                <Show when=running>
                    <div class="toolbar">
                        <button type="button" class="btn btn-danger" data-stop-window="true" on:click=stop>"Stop before the break"</button>
                    </div>
                </Show>
                <Show when=move || !left_on_source.with(String::is_empty)>
                    <p>"These volumes did not cut over: their replication goes on and the Azure NetApp Files volumes stay read-only. Bring the sources back online for their clients:"</p>
                    <CodeBlock code=Signal::derive(move || left_on_source.get()) label="Commands to bring the source volumes back online" />
                    <div class="toolbar">
                        <button type="button" class="btn" on:click=move |_| waves.change_window(&name.get_value(), |w| w.start_over())>"Start over for them"</button>
                    </div>
                </Show>
                <Show when=move || left.get() != 0>
                <h3>"Rehearse: dry run of the whole wave"</h3>
                {move || batch.get().map(|b| view! {
                    <p role="status">{format!("{}: {} volumes still to send it to.", b.call.label(), b.rows.len())}
                        <button type="button" class="btn btn-subtle" on:click=move |_| waves.cancel_batch(&name.get_value())>"Stop sending it"</button></p>
                })}
                <div class="toolbar">
                    <button type="button" class="btn" data-wave-dry-run="true" disabled=move || ready.with(Vec::is_empty) || running()
                        on:click=move |_| confirm_dry.set(true)>{move || format!("Dry run {} volumes", ready.with(Vec::len))}</button>
                    <button type="button" class="btn" data-wave-resume="true" disabled=move || paused.with(Vec::is_empty)
                        on:click=move |_| confirm_resume.set(true)>{move || format!("Resume {} volumes", paused.with(Vec::len))}</button>
                </div>
                </Show>
                <ConfirmDialog open=confirm_start title="Cut over the wave?" confirm_label="Cut over" danger=true on_confirm=start>
                    <p>{move || format!("The final sync of {} volumes starts now, and once every one is in sync each is broken: the Azure NetApp Files volumes become read-write and the clients move to them.", ready.with(Vec::len))}</p>
                    <p>"Writes that reach a source volume after its final sync are not migrated: the sources must be offline now. After a break, no snapmirror command may be run on the source."</p>
                </ConfirmDialog>
                <ConfirmDialog open=confirm_dry title="Dry run the whole wave?" confirm_label="Dry run" on_confirm=dry_run>
                    <p>{move || format!("The replication of {} volumes is broken while the sources stay online with their clients; the Azure NetApp Files volumes become writable for your tests.", ready.with(Vec::len))}</p>
                    <p>"Resume them afterwards: whatever is written to them during the pause is erased then."</p>
                </ConfirmDialog>
                <ConfirmDialog open=confirm_resume title="Resume the whole wave?" confirm_label="Resume and erase the writes" danger=true on_confirm=resume>
                    <p>{move || format!("Writes made to the {} Azure NetApp Files volumes during the pause are erased: each is resynchronized from its source and is read-only again.", paused.with(Vec::len))}</p>
                </ConfirmDialog>
            </section>
        </Show>
    }
}
