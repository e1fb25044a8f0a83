//! A terminal on the simulated source cluster.
//!
//! Trainees paste here exactly what they would paste over SSH: the `cluster peer create` command
//! and, at its prompt, the passphrase; the `vserver peer accept` command; `volume offline` for the
//! cut-over. The transcript survives a reload like everything else in the demo.

use crate::arm::browser_env::now;
use crate::arm::context::use_arm;
use crate::arm::sim_transport::DemoWorld;
use crate::storage::{self, Area};
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

stylance::import_crate_style!(style, "src/components/demo/ontap_console.module.css");

const STORAGE_KEY: &str = "anf-migrate.ontap-console";
/// Lines of transcript kept.
const KEEP: usize = 400;

/// One exchange: what was typed at which prompt, and what came back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Exchange {
    prompt: String,
    input: String,
    output: String,
}

/// The simulated cluster's session: its prompt (empty while a command waits for an answer)
/// and whether the next line answers a secret prompt, which ONTAP does not echo. Asked of the
/// simulator, not guessed from the last output: an error that mentions the passphrase is not
/// a prompt for one.
fn session_of(world: &DemoWorld, name: &str) -> (String, bool) {
    world.read(|sim| {
        sim.world()
            .clusters
            .get(&name.to_ascii_lowercase())
            .map_or_else(|| (format!("{name}::> "), false), |c| (c.prompt(), c.awaits_secret()))
    })
}

/// The console: cluster chooser, transcript, input line.
#[component]
pub fn OntapConsole() -> impl IntoView {
    let arm = use_arm();
    let clusters = arm.demo().map(|w| w.read(|s| s.cluster_names())).unwrap_or_default();
    let cluster = RwSignal::new(clusters.first().cloned().unwrap_or_default());
    let transcript = RwSignal::new(
        storage::load::<Vec<Exchange>>(Area::Session, STORAGE_KEY).unwrap_or_default(),
    );
    let input = RwSignal::new(String::new());
    let history_pos = RwSignal::new(None::<usize>);
    let screen = NodeRef::<html::Pre>::new();

    let scroll_to_end = move || {
        if let Some(el) = screen.get_untracked() {
            el.set_scroll_top(el.scroll_height());
        }
    };
    Effect::new(move |_| {
        transcript.track();
        scroll_to_end();
    });

    let run = move || {
        let text = input.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let Some(world) = arm.demo() else { return };
        let name = cluster.get_untracked();
        let (prompt, secret) = session_of(&world, &name);
        let output = world.with(|sim| sim.ontap_cli(&name, &text, now()));
        let shown = if secret { "********".to_owned() } else { text.trim_end().to_owned() };
        transcript.update(|t| {
            t.push(Exchange { prompt, input: shown, output });
            if t.len() > KEEP {
                t.remove(0);
            }
        });
        transcript.with_untracked(|t| storage::save(Area::Session, STORAGE_KEY, t));
        input.set(String::new());
        history_pos.set(None);
    };

    // Up and Down walk through earlier commands, as in a shell (secrets are not kept).
    let recall = move |older: bool| {
        let commands: Vec<String> = transcript.with_untracked(|t| {
            t.iter().filter(|e| !e.prompt.is_empty()).map(|e| e.input.clone()).collect()
        });
        if commands.is_empty() {
            return;
        }
        let pos = match (history_pos.get_untracked(), older) {
            (None, true) => Some(commands.len() - 1),
            (Some(p), true) => Some(p.saturating_sub(1)),
            (Some(p), false) if p + 1 < commands.len() => Some(p + 1),
            _ => None,
        };
        history_pos.set(pos);
        input.set(pos.map(|p| commands[p].clone()).unwrap_or_default());
    };

    let on_keydown = move |e: KeyboardEvent| match e.key().as_str() {
        "Enter" if !e.shift_key() => {
            e.prevent_default();
            run();
        }
        "ArrowUp" if !input.get_untracked().contains('\n') => {
            e.prevent_default();
            recall(true);
        }
        "ArrowDown" if !input.get_untracked().contains('\n') => {
            e.prevent_default();
            recall(false);
        }
        _ => {}
    };

    // Re-read after each exchange (the transcript changes) and when the cluster changes.
    let prompt_now = move || {
        transcript.track();
        let name = cluster.get();
        match arm.demo().map(|w| session_of(&w, &name)) {
            Some((_, true)) => "(answer)".to_owned(),
            Some((p, false)) if !p.is_empty() => p.trim_end().to_owned(),
            _ => "(answer)".to_owned(),
        }
    };

    view! {
        <div class="toolbar">
            <label for="ontap-cluster">"Cluster"</label>
            <select id="ontap-cluster" on:change=move |e| cluster.set(event_target_value(&e))>
                {clusters.into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
            </select>
            <button type="button" class="btn btn-subtle" on:click=move |_| {
                transcript.set(Vec::new());
                storage::remove(Area::Session, STORAGE_KEY);
            }>"Clear screen"</button>
        </div>
        <pre class=style::screen node_ref=screen role="log" aria-live="polite" aria-label="ONTAP console output" data-ontap-output>
            <For each=move || transcript.get().into_iter().enumerate() key=|(i, _)| *i let:item>
                <span class=style::typed>{item.1.prompt.clone()}{item.1.input.clone()}"\n"</span>
                <span>{item.1.output.clone()}{(!item.1.output.ends_with('\n')).then_some("\n")}</span>
            </For>
        </pre>
        <div class=style::input_row>
            <label for="ontap-input" class=style::prompt>{prompt_now}</label>
            <textarea id="ontap-input" class=style::input rows="2" spellcheck="false" autocomplete="off"
                aria-describedby="ontap-input-hint"
                prop:value=move || input.get()
                on:input=move |e| input.set(event_target_value(&e))
                on:keydown=on_keydown></textarea>
            <button type="button" id="ontap-run" class="btn btn-primary" on:click=move |_| run()>"Run"</button>
        </div>
        <p id="ontap-input-hint" class="field-hint">"Enter runs the command; Shift+Enter adds a line; Up and Down recall earlier commands. A pasted block of several lines answers the prompts in order."</p>
    }
}
