//! The guided cut-over: source offline, final sync, wait for it, break.
//!
//! The step is kept in sessionStorage, so a reload in the middle picks the sequence up where it
//! stopped (the operations themselves are followed by the registry).

use super::live::{use_live, LiveMigrations, LiveRow};
use crate::arm::browser_env::{now, sleep};
use crate::components::code_block::CodeBlock;
use crate::state::operations::{use_operations, Operations};
use crate::storage::{self, Area};
use anf_core::ids::VolumeId;
use anf_core::migration::{offline_command, MigrationAction};
use anf_core::models::{MirrorState, RelationshipStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

stylance::import_crate_style!(style, "src/components/migrations/cut_over_dialog.module.css");

/// Action key of the final sync inside a cut-over.
const SYNC_KEY: &str = "cut-over-sync";
/// How long the final transfer may take before the sequence gives up waiting.
const WAIT_LIMIT: Duration = Duration::from_secs(6 * 3600);

/// Where a cut-over stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Step {
    /// Waiting for the user to take the source offline.
    Offline,
    /// The final transfer runs (operation id).
    Sync(u64),
    /// Waiting for the relationship to be idle and mirrored.
    WaitIdle,
    /// The break runs (operation id).
    Break(u64),
    /// Done.
    Done,
    /// Stopped; the text says why.
    Failed(String),
}

fn storage_key(id: &str) -> String {
    format!("anf-migrate.cut-over.{}", id.to_ascii_lowercase())
}

/// Whether a cut-over of this volume was left in the middle (it resumes when its panel mounts).
#[must_use]
pub fn cut_over_pending(id: &str) -> bool {
    matches!(
        storage::load::<Step>(Area::Session, &storage_key(id)),
        Some(Step::Sync(_) | Step::WaitIdle | Step::Break(_))
    )
}

fn save(id: &str, step: &Step) {
    storage::save(Area::Session, &storage_key(id), step);
}

/// Waits for operation `op` to end; Ok when it succeeded.
async fn wait_op(ops: Operations, op: u64) -> Result<(), String> {
    loop {
        let Some(o) = ops.list().try_with_untracked(|l| l.iter().find(|o| o.id == op).cloned())
        else {
            return Err("The page was closed.".into());
        };
        match o {
            Some(o) if o.is_active() => sleep(Duration::from_secs(1)).await,
            Some(o) if o.succeeded() => return Ok(()),
            Some(o) => {
                return Err(o.error().map_or_else(
                    || "The operation was canceled.".to_owned(),
                    |e| e.user_message(),
                ))
            }
            None => return Err("The operation is no longer known.".into()),
        }
    }
}

/// Runs the sequence from `step` on; each step is saved before it starts.
async fn run(
    step: RwSignal<Step>,
    id: String,
    name: String,
    ops: Operations,
    live: LiveMigrations,
) {
    let Ok(vid) = VolumeId::parse(&id) else { return };
    let client = live.client();
    let put = |s: Step| {
        save(&id, &s);
        step.try_set(s);
    };
    loop {
        let Some(current) = step.try_get_untracked() else { return };
        match current {
            Step::Offline | Step::Done | Step::Failed(_) => return,
            Step::Sync(op) => match wait_op(ops, op).await {
                Ok(()) => put(Step::WaitIdle),
                Err(e) => put(Step::Failed(format!("The final sync failed: {e}"))),
            },
            Step::WaitIdle => {
                let started = now();
                loop {
                    match client.replication_status(&vid).await {
                        Ok(s)
                            if s.relationship_status == Some(RelationshipStatus::Idle)
                                && s.mirror_state == Some(MirrorState::Mirrored)
                                && s.error().is_none() =>
                        {
                            break;
                        }
                        Ok(s) if s.error().is_some() => {
                            put(Step::Failed(format!(
                                "The replication reports an error: {}",
                                s.error().unwrap_or_default()
                            )));
                            return;
                        }
                        _ => {}
                    }
                    if now().since(started) > WAIT_LIMIT {
                        put(Step::Failed("The final transfer did not finish in time.".into()));
                        return;
                    }
                    sleep(Duration::from_secs(3)).await;
                    if step.try_get_untracked().is_none() {
                        return;
                    }
                }
                let v = vid.clone();
                let label = format!("Cut over: break on {name}");
                let start = || {
                    ops.start(&id, MigrationAction::CutOver.key(), label, move |c, t| async move {
                        c.break_replication(&v, false, t).await
                    })
                };
                // The registry reads the client from context: run it under the page's owner.
                let started = live.in_page(start);
                match started {
                    Ok(op) => put(Step::Break(op)),
                    Err(busy) => {
                        put(Step::Failed(format!("\"{}\" is running on this volume.", busy.label)));
                    }
                }
            }
            Step::Break(op) => match wait_op(ops, op).await {
                Ok(()) => {
                    let t = now();
                    live.update_ledger(|l| l.mark_cut_over(&id, t));
                    put(Step::Done);
                }
                Err(e) => put(Step::Failed(format!("The break failed: {e}"))),
            },
        }
    }
}

/// The cut-over panel, as a modal dialog.
#[component]
pub fn CutOverDialog(
    /// Shown while true.
    open: RwSignal<bool>,
    /// The migration.
    row: LiveRow,
) -> impl IntoView {
    let ops = use_operations();
    let live = use_live();
    let id = row.id.clone();
    let stored: Option<Step> = storage::load(Area::Session, &storage_key(&id));
    let step = RwSignal::new(stored.clone().unwrap_or(Step::Offline));
    let name = row.name;
    // A sequence left running by a reload goes on by itself.
    if matches!(stored, Some(Step::Sync(_) | Step::WaitIdle | Step::Break(_))) {
        let id = id.clone();
        leptos::task::spawn_local(async move {
            run(step, id, name.get_untracked(), ops, live).await;
        });
    }
    let command = Signal::derive(move || {
        row.source.with(|s| s.as_ref().map(offline_command).unwrap_or_default())
    });
    let id_start = StoredValue::new(id.clone());
    let start = move || {
        let id = id_start.get_value();
        let Ok(vid) = VolumeId::parse(&id) else { return };
        let label = format!("Cut over: final sync on {}", name.get_untracked());
        let send = || {
            ops.start(&id, SYNC_KEY, label, move |c, t| async move {
                c.perform_replication_transfer(&vid, t).await
            })
        };
        let started = live.in_page(send);
        match started {
            Ok(op) => {
                save(&id, &Step::Sync(op));
                step.set(Step::Sync(op));
                let n = name.get_untracked();
                leptos::task::spawn_local(run(step, id, n, ops, live));
            }
            Err(busy) => step.set(Step::Failed(format!(
                "\"{}\" is running on this volume; start the cut-over when it is done.",
                busy.label
            ))),
        }
    };
    let restart = move || {
        let id = id_start.get_value();
        save(&id, &Step::Offline);
        step.set(Step::Offline);
    };
    let close = move || {
        open.set(false);
        if matches!(step.get_untracked(), Step::Done) {
            let id = id_start.get_value();
            storage::remove(Area::Session, &storage_key(&id));
        }
    };
    let title_id = format!("cut-over-{}", id.len());
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
            <div class=style::backdrop on:click=move |_| close()></div>
            <div class=style::dialog role="dialog" aria-modal="true" aria-labelledby=title_id.clone()
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
                    Step::Sync(_) | Step::WaitIdle => view! {
                        <p role="status">"Transferring the last changes… You can close this panel; the cut-over goes on."</p>
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
