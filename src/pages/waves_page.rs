//! Every wave of the signed-in user, with where each stands.

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::empty_state::EmptyState;
use crate::components::page_header::PageHeader;
use crate::local_time::local_time;
use crate::state::toasts::{use_toasts, ToastKind};
use crate::state::waves::use_waves;
use anf_core::wave::saved::WaveStage;
use leptos::prelude::*;

/// The Waves page.
#[component]
pub fn WavesPage() -> impl IntoView {
    let waves = use_waves();
    let toasts = use_toasts();
    let removing = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        waves.with(|s| {
            s.waves
                .iter()
                .map(|w| {
                    let volumes = w.run.as_ref().map_or(w.plan.rows.len(), |r| r.volumes.len());
                    (w.name().to_owned(), w.stage(), volumes, w.saved_at)
                })
                .collect::<Vec<_>>()
        })
    });
    let remove = Callback::new(move |()| {
        if let Some(name) = removing.get_untracked() {
            match waves.remove(&name) {
                Ok(()) => toasts.push(ToastKind::Info, format!("Wave {name} removed.")),
                Err(e) => toasts.push(ToastKind::Error, e),
            }
        }
    });
    view! {
        <PageHeader title="Migration waves"
            summary="Waves move many volumes of one source cluster together: one plan, one set of peering commands, one cut-over window." />
        <div class="stack">
            <div class="toolbar">
                <a class="btn btn-primary" href="/waves/new">"New wave"</a>
                {move || waves.with(|s| s.draft.as_ref().map(|d| format!("A plan in progress ({}, {} volumes) is on New wave.", d.name(), d.plan.rows.len())))
                    .map(|t| view! { <span class="muted">{t}</span> })}
            </div>
            <Show when=move || !rows.with(Vec::is_empty)
                fallback=|| view! {
                    <EmptyState title="No waves yet">
                        <p>"Plan one on " <a href="/waves/new">"New wave"</a>": paste the source's volume show, import a CSV, or pick volumes."</p>
                    </EmptyState>
                }>
                <table class="data-table" data-waves-list="true">
                    <caption class="visually-hidden">"Your migration waves"</caption>
                    <thead><tr><th scope="col">"Wave"</th><th scope="col">"Stage"</th><th scope="col">"Volumes"</th><th scope="col">"Last change"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| (r.0.clone(), r.1, r.2, r.3) let(r)>
                            {
                                let (name, stage, volumes, at) = r;
                                let href = format!("/waves/{name}");
                                let removable = matches!(stage, WaveStage::Planning | WaveStage::Done);
                                let n = name.clone();
                                view! {
                                    <tr data-wave=name.clone()>
                                        <th scope="row"><a href=href>{name.clone()}</a></th>
                                        <td data-stage=format!("{stage:?}")>{stage.label()}</td>
                                        <td>{volumes}</td>
                                        <td>{local_time(at)}</td>
                                        <td>{removable.then(|| view! {
                                            <button type="button" class="btn btn-subtle" aria-label=format!("Remove wave {n}")
                                                on:click={let n = n.clone(); move |_| { removing.set(Some(n.clone())); open.set(true); }}>"Remove"</button>
                                        })}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
        </div>
        <ConfirmDialog open title="Remove the wave?" confirm_label="Remove" danger=true on_confirm=remove>
            <p>{move || format!("The plan of {} is removed from this browser (its rows, defaults and notes). Volumes already in Azure are not touched.", removing.get().unwrap_or_default())}</p>
        </ConfirmDialog>
    }
}
