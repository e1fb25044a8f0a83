//! The plan's end: Start (disabled, with the reason, until the checks allow it), keep the
//! draft for later, and the runbook of what the wave will do.

use super::context::WaveData;
use super::{PlanHandle, WaveSlot};
use crate::arm::context::use_arm;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::download::download_text;
use crate::state::toasts::{use_toasts, ToastKind};
use crate::state::waves::use_waves;
use anf_core::validation::quota::format_size;
use anf_core::wave::{runbook_markdown, WaveVerdict};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

stylance::import_crate_style!(style, "src/components/waves/start_bar.module.css");

/// Start, keep for later, runbook.
#[component]
pub fn StartBar(
    /// The wave edited.
    handle: PlanHandle,
    /// The checks.
    verdict: Memo<WaveVerdict>,
    /// What was read.
    data: WaveData,
) -> impl IntoView {
    let waves = use_waves();
    let toasts = use_toasts();
    let arm = use_arm();
    let navigate = use_navigate();
    let why_not = Memo::new(move |_| {
        if let Some(s) = data.status() {
            return Some(s);
        }
        if !waves.can_keep() {
            return Some("Sign in first: waves are kept for the signed-in user.".into());
        }
        verdict.with(WaveVerdict::why_not)
    });
    let confirm = RwSignal::new(false);
    let summary = move || {
        verdict.with(|v| {
            let quota: u64 = v.pools.iter().map(|p| p.quota_bytes).sum();
            let pools: Vec<String> = v.pools.iter().map(|p| p.pool.clone()).collect();
            format!(
                "{} migration volumes ({} of quota) will be created in {}, as fast as ARM's write budget allows, then peered with the source. Nothing else changes on the source until you run its commands.",
                v.rows.len(),
                format_size(quota),
                pools.join(", ")
            )
        })
    };
    let start = Callback::new({
        let navigate = navigate.clone();
        move |()| {
            let Some(account) = data.account.get_untracked() else { return };
            let name = match handle.slot() {
                WaveSlot::Draft => None,
                WaveSlot::Named(n) => Some(n),
            };
            let result = verdict.with_untracked(|v| waves.start(name.as_deref(), v, &account));
            match result {
                Ok(name) => navigate(&format!("/waves/{name}"), Default::default()),
                Err(e) => toasts.push(ToastKind::Error, e),
            }
        }
    });
    let keep = move |_| match waves.change(anf_core::wave::saved::WaveStore::keep_draft) {
        Some(Ok(name)) => navigate(&format!("/waves/{name}"), Default::default()),
        Some(Err(e)) => toasts.push(ToastKind::Error, e),
        None => {
            toasts.push(ToastKind::Error, "Sign in first: waves are kept for the signed-in user.")
        }
    };
    let runbook = move |_| {
        let client = arm.client();
        let Some(account) = data.account.get_untracked() else { return };
        let Some(wave) = handle.wave.get_untracked() else { return };
        let text = verdict.with_untracked(|v| {
            runbook_markdown(&wave.runbook_input(
                &client.settings().endpoint,
                client.api_version(),
                Some((v, &account)),
            ))
        });
        download_text(&format!("{}-runbook.md", wave.name()), "text/markdown", &text);
    };
    view! {
        <section class=format!("card {}", style::bar) aria-label="Start the wave">
            <div class="toolbar">
                <button type="button" class="btn btn-primary" data-start-wave="true"
                    aria-describedby="wave-why-not"
                    disabled=move || why_not.with(Option::is_some)
                    on:click=move |_| confirm.set(true)>"Start the wave"</button>
                {(handle.slot() == WaveSlot::Draft).then(|| view! {
                    <button type="button" class="btn" data-keep-draft="true" on:click=keep>"Keep for later"</button>
                })}
                <button type="button" class="btn" data-runbook="true"
                    disabled=move || verdict.with(|v| v.creates().is_empty())
                    on:click=runbook>"Download the runbook (.md)"</button>
            </div>
            <p id="wave-why-not" class=style::why data-why-not="true" aria-live="polite">
                {move || why_not.get().unwrap_or_else(|| "Every row is ready.".to_owned())}
            </p>
            <ConfirmDialog open=confirm title="Start the wave?" confirm_label="Start" on_confirm=start>
                <p>{summary}</p>
            </ConfirmDialog>
        </section>
    }
}
