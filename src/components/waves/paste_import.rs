//! Adding volumes by pasting the output of ONTAP's `volume show -fields ...`, the command an
//! admin runs on the source anyway.

use super::PlanHandle;
use crate::components::code_block::CodeBlock;
use crate::components::field::textarea_field::TextareaField;
use crate::storage::{self, Area};
use crate::user_timing::measure;
use anf_core::wave::{accept_text, parse_volume_show};
use leptos::prelude::*;

/// The command whose output the paste takes (the columns may come in any order).
pub const VOLUME_SHOW: &str =
    "volume show -vserver * -fields vserver,volume,size,logical-used,type,volume-style-extended";
/// The paste as typed, kept for the tab until it is added.
const PASTE_KEY: &str = "anf-migrate.wave-paste";

/// What an addition did, for the message under the box.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// One sentence: how many were added, skipped, flagged.
    pub summary: String,
    /// Line by line remarks (a line that can't be read, a duplicate skipped).
    pub details: Vec<String>,
    /// Refused outright.
    pub refused: bool,
}

/// The outcome shown under an import.
#[component]
pub fn ImportMessage(
    /// The outcome.
    #[prop(into)]
    outcome: Signal<Option<ImportOutcome>>,
    /// An id for the message (the control's `aria-describedby`).
    #[prop(into)]
    id: String,
) -> impl IntoView {
    view! {
        <div id=id aria-live="polite" data-import-outcome="true">
            {move || outcome.get().map(|o| view! {
                <p class=if o.refused { "field-error" } else { "" } data-refused=o.refused.to_string()>{o.summary}</p>
                <Show when={let n = o.details.len(); move || n > 0}>
                    <ul class="muted">{o.details.iter().take(50).map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                </Show>
            })}
        </div>
    }
}

/// The paste box, the command to run, and Add.
#[component]
pub fn PasteImport(
    /// The wave edited.
    handle: PlanHandle,
) -> impl IntoView {
    let text = RwSignal::new(storage::load::<String>(Area::Session, PASTE_KEY).unwrap_or_default());
    Effect::new(move |_| text.with(|t| storage::save(Area::Session, PASTE_KEY, t)));
    let outcome = RwSignal::new(None::<ImportOutcome>);
    let add = move |_| {
        let pasted = text.get_untracked();
        let accepted = match accept_text(&pasted) {
            Ok(t) => t.to_owned(),
            Err(e) => {
                outcome.set(Some(ImportOutcome {
                    summary: e.to_string(),
                    details: vec![],
                    refused: true,
                }));
                return;
            }
        };
        let output = measure("wave paste: read", || parse_volume_show(&accepted));
        if output.volumes.is_empty() {
            let mut details: Vec<String> =
                output.problems.iter().map(ToString::to_string).collect();
            if details.is_empty() {
                details.push(format!("Run {VOLUME_SHOW} on the source cluster and paste all of its output, the header line included."));
            }
            outcome.set(Some(ImportOutcome {
                summary: "No volume could be read from the paste.".into(),
                details,
                refused: true,
            }));
            return;
        }
        let Some(report) = measure("wave paste: add to the plan", || {
            handle.change_plan(|p| {
                if p.source_cluster.trim().is_empty() {
                    if let Some(c) = &output.cluster {
                        p.source_cluster.clone_from(c);
                    }
                }
                p.add_ontap_output(&output)
            })
        }) else {
            return;
        };
        let blocked =
            output.volumes.iter().filter(|v| v.facts.blocker(&v.volume).is_some()).count();
        let mut details: Vec<String> = output.problems.iter().map(ToString::to_string).collect();
        details.extend(report.notes.iter().map(|(origin, note)| format!("{origin}: {note}")));
        let flagged = if blocked > 0 {
            format!(" {blocked} can't be migrated (FlexGroup, DP or root): they are flagged in the table.")
        } else {
            String::new()
        };
        outcome.set(Some(ImportOutcome {
            summary: format!("Added {} volumes.{flagged}", report.added.len()),
            details,
            refused: false,
        }));
        text.set(String::new());
    };
    view! {
        <div class="stack">
            <p>"On the source cluster, run:"</p>
            <CodeBlock code=Signal::derive(|| VOLUME_SHOW.to_owned()) label="Command to run on the source cluster" />
            <p class="muted">"Narrow it as you like (-vserver svm1, -volume eng_*, -size >100GB); the columns may come in any order. FlexGroup, DP and root volumes are flagged, not added silently."</p>
            <TextareaField id="wave-paste" label="Output of volume show" value=Signal::derive(move || text.get())
                on_input=Callback::new(move |v| text.set(v)) on_blur=Callback::new(|(): ()| {})
                error=Signal::derive(|| None::<String>) rows=10
                placeholder="cluster1::> volume show -vserver * -fields ...\nvserver volume size logical-used type volume-style-extended\n------- ------ ---- ------------ ---- ---------------------\n..." />
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-add-paste="true"
                    disabled=move || text.with(|t| t.trim().is_empty()) on:click=add>"Add the pasted volumes"</button>
            </div>
            <ImportMessage outcome=Signal::derive(move || outcome.get()) id="wave-paste-outcome" />
        </div>
    }
}
