//! A wave's runbook as a printable page: the same Markdown the download holds, laid out for
//! paper (print styles hide the app's chrome).

use crate::arm::context::use_arm;
use crate::download::download_text;
use crate::state::waves::use_waves;
use anf_core::wave::runbook_markdown;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

stylance::import_crate_style!(style, "src/pages/wave_runbook_page.module.css");

/// The runbook of the wave at `/waves/:name/runbook`.
#[component]
pub fn WaveRunbookPage() -> impl IntoView {
    let waves = use_waves();
    let arm = use_arm();
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name").unwrap_or_default()));
    let text = Memo::new(move |_| {
        let client = arm.client();
        waves.get(&name.get()).map(|w| {
            runbook_markdown(&w.runbook_input(
                &client.settings().endpoint,
                client.api_version(),
                None,
            ))
        })
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let download = move |_| {
        if let Some(t) = text.get_untracked() {
            download_text(&format!("{}-runbook.md", name.get_untracked()), "text/markdown", &t);
        }
    };
    view! {
        <div class=style::page>
            <div class=format!("toolbar {}", style::tools)>
                <a class="btn" href=move || format!("/waves/{}", name.get())>"Back to the wave"</a>
                <button type="button" class="btn btn-primary" on:click=print>"Print"</button>
                <button type="button" class="btn" data-runbook-download="true" on:click=download>"Download (.md)"</button>
            </div>
            {move || match text.get() {
                Some(t) => view! { <pre class=style::doc data-runbook="true">{t}</pre> }.into_any(),
                None => view! { <p>"There is no started wave of that name: its runbook is made from the started wave."</p> }.into_any(),
            }}
        </div>
    }
}
