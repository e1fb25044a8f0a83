//! The guided cut-over's panel: the source-offline command, then where the sequence stands.
//!
//! The sequence itself runs in the app ([`crate::state::cut_overs`]), so closing the panel, or
//! the row leaving the page, doesn't stop it.

use crate::components::code_block::CodeBlock;
use crate::state::cut_overs::use_cut_overs;
use crate::state::live::LiveRow;
use anf_core::migration::offline_command;
use anf_core::migration::CutOverStep as Step;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/migrations/cut_over_dialog.module.css");

/// The cut-over panel, as a modal dialog.
#[component]
pub fn CutOverDialog(
    /// Shown while true.
    open: RwSignal<bool>,
    /// The migration.
    row: LiveRow,
) -> impl IntoView {
    let cut_overs = use_cut_overs();
    let id = StoredValue::new(row.id.clone());
    let step = Memo::new(move |_| id.with_value(|id| cut_overs.step(id)));
    let sync_again = Memo::new(move |_| id.with_value(|id| cut_overs.sends_sync_again(id)));
    let name = row.name;
    let command = Signal::derive(move || {
        row.source.with(|s| s.as_ref().map(offline_command).unwrap_or_default())
    });
    let start = move || id.with_value(|id| cut_overs.start(id, &name.get_untracked()));
    let restart = move || id.with_value(|id| cut_overs.start_over(id));
    let stop = move || id.with_value(|id| cut_overs.stop(id));
    // Offered only while a transfer runs (a forced break has nothing to cut short otherwise).
    let transferring = Signal::derive(move || row.relationship.with(|r| r == "Transferring"));
    let row_lag = row.lag_text;
    let forcing = RwSignal::new(false);
    let force = move || {
        forcing.set(false);
        id.with_value(|id| cut_overs.force_break(id));
    };
    // A cut-over that ended earlier is history once the panel opens again.
    Effect::new(move |_| {
        if open.get() {
            id.with_value(|id| cut_overs.opened(id));
        }
    });
    let close = move || {
        open.set(false);
        id.with_value(|id| cut_overs.dismiss(id));
    };
    let title_id = format!("cut-over-{}", id.with_value(String::len));
    // Focus moves into the panel when it opens, so keyboard and screen-reader users land on it.
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(el) = panel.get() {
                let _ = el.focus();
            }
        }
    });
    let item = move |n: u8, text: &'static str| {
        let state = move || {
            let at = match step.get() {
                Step::Offline => 1,
                Step::Sync(_) | Step::WaitIdle => 2,
                Step::Break(_) => 3,
                Step::Done => 4,
                Step::Failed(_) => 0,
            };
            if at > n {
                "done"
            } else if at == n {
                "current"
            } else {
                "todo"
            }
        };
        view! {
            <li data-state=state aria-current=move || (state() == "current").then_some("step")>
                {text} <span class="muted">{move || match state() { "done" => " (done)", "current" => " (now)", _ => "" }}</span>
            </li>
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| close()></div>
            <div class="modal modal-wide" role="dialog" aria-modal="true" aria-labelledby=title_id.clone()
                node_ref=panel tabindex="-1"
                data-cut-over="true"
                on:keydown=move |e: leptos::ev::KeyboardEvent| if e.key() == "Escape" { close() }>
                <h2 id=title_id.clone()>"Cut over " {move || name.get()}</h2>
                <ol class=style::steps>
                    {item(1, "Take the source volume offline")}
                    {item(2, "Final sync, and wait for the transfer to finish")}
                    {item(3, "Break the replication: the volume becomes read-write")}
                </ol>
                {move || match step.get() {
                    Step::Offline => view! {
                        <div class="stack">
                            <p>"Move your clients off the source first. Then run this on the source cluster, so no write is left behind:"</p>
                            <CodeBlock code=command label="Take the source volume offline" />
                            <div class="toolbar">
                                <button type="button" class="btn btn-primary" data-step="offline-done" on:click=move |_| start()>
                                    "The source is offline: sync and break"
                                </button>
                                <button type="button" class="btn" on:click=move |_| close()>"Not now"</button>
                            </div>
                        </div>
                    }.into_any(),
                    Step::Sync(_) => view! {
                        <p role="status">"Transferring the last changes… You can close this panel or leave the page; the cut-over goes on."</p>
                    }.into_any(),
                    Step::WaitIdle => view! {
                        <div class="stack">
                            <p role="status">"Waiting for the last transfer to finish and the replication to be idle… You can close this panel or leave the page; the cut-over goes on."</p>
                            <Show when=move || sync_again.get()>
                                <p data-sync-again>"Azure refused the final sync because a transfer was already running (a scheduled one, which may have started before the source went offline). The final sync is sent again as soon as that transfer ends, so nothing written before the offline is left behind."</p>
                            </Show>
                            <div class="toolbar">
                                <button type="button" class="btn" data-step="stop" on:click=move |_| stop()>"Stop before the break"</button>
                                <Show when=move || transferring.get() && !forcing.get()>
                                    <button type="button" class="btn btn-danger" data-step="force"
                                        on:click=move |_| forcing.set(true)>"Break now, without waiting…"</button>
                                </Show>
                            </div>
                            <Show when=move || forcing.get() && transferring.get()>
                                <div class="card stack" role="alertdialog" aria-labelledby="force-break-title" data-force-confirm>
                                    <h3 id="force-break-title">"Break now, cutting the transfer short?"</h3>
                                    <p>"The transfer in progress stops. What it carries, everything written on the source since the last completed transfer ("
                                        {move || row_lag.get()} " ago), will " <strong>"not"</strong> " be on the Azure NetApp Files volume " {move || name.get()}
                                        ". With the source offline, those changes stay only on the source."</p>
                                    <div class="toolbar">
                                        <button type="button" class="btn btn-danger" data-step="force-confirm"
                                            on:click=move |_| force()>"Break now (force)"</button>
                                        <button type="button" class="btn" on:click=move |_| forcing.set(false)>"Keep waiting"</button>
                                    </div>
                                </div>
                            </Show>
                        </div>
                    }.into_any(),
                    Step::Break(_) => view! { <p role="status">"Breaking the replication…"</p> }.into_any(),
                    Step::Done => view! {
                        <div class="stack" role="status">
                            <p><strong>"Cut over."</strong> " The volume is read-write; point your clients at it. When all is well, finalize the migration."</p>
                            <div class="toolbar"><button type="button" class="btn btn-primary" on:click=move |_| close()>"Close"</button></div>
                        </div>
                    }.into_any(),
                    Step::Failed(why) => view! {
                        <div class="stack" role="alert">
                            <p>{why}</p>
                            <p>"The source is still offline. Bring it back with "
                                <code class="mono">"volume online"</code> " if you stop here, or try again."</p>
                            <div class="toolbar">
                                <button type="button" class="btn" on:click=move |_| restart()>"Start over"</button>
                                <button type="button" class="btn" on:click=move |_| close()>"Close"</button>
                            </div>
                        </div>
                    }.into_any(),
                }}
            </div>
        </Show>
    }
}
