//! Finalizing the volumes the window cut over (asked first, typed to confirm: it can't be
//! undone), and what to check on the source afterwards.

use super::run_data::RunData;
use crate::components::code_block::CodeBlock;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::state::waves::use_waves;
use anf_core::migration::source_commands;
use anf_core::wave::saved::WaveStage;
use leptos::prelude::*;

/// Finalize, once volumes are cut over.
#[component]
pub fn FinalizePanel(
    /// The run's data.
    data: RunData,
) -> impl IntoView {
    let waves = use_waves();
    let name = data.name;
    let stage = Memo::new(move |_| data.wave.with(|w| w.as_ref().map(|w| w.stage())));
    let counts = Memo::new(move |_| {
        data.wave.with(|w| {
            w.as_ref().and_then(|w| w.run.as_ref()).map_or((0, 0), |r| {
                let cut = r.volumes.iter().filter(|v| v.cut_over).count();
                (cut, r.volumes.iter().filter(|v| v.finalized).count())
            })
        })
    });
    let after = Memo::new(move |_| {
        data.wave.with(|w| {
            let v = w.as_ref()?.run.as_ref()?.volumes.first()?;
            let cmds = source_commands(v.source());
            let pick = |k: &str| {
                cmds.iter().find(|c| c.key == k).map(|c| c.command.clone()).unwrap_or_default()
            };
            Some(format!("{}\n{}", pick("peers"), pick("peer-delete")))
        })
    });
    let confirm = RwSignal::new(false);
    let finalize = Callback::new(move |()| waves.open_finalize(&name.get_value()));
    let shown = move || stage.get().is_some_and(|s| s >= WaveStage::CutOverDone);
    view! {
        <Show when=shown>
            <section class="card stack" aria-labelledby="wave-finalize-title" data-finalize="true">
                <h2 id="wave-finalize-title">"Finalize"</h2>
                <p role="status">{move || { let (cut, done) = counts.get(); format!("{done} of {cut} cut-over volumes finalized.") }}</p>
                <Show when=move || stage.get() == Some(WaveStage::CutOverDone)>
                    <div class="toolbar">
                        <button type="button" class="btn btn-danger" data-finalize-wave="true" on:click=move |_| confirm.set(true)>
                            {move || format!("Finalize {} volumes", counts.get().0 - counts.get().1)}
                        </button>
                    </div>
                </Show>
                <Show when=move || stage.get() == Some(WaveStage::Done)>
                    <p>"On the source cluster, check that no peering to Azure NetApp Files is left, and delete one that is (its vserver peers first):"</p>
                    <CodeBlock code=Signal::derive(move || after.get().unwrap_or_default()) label="Commands to check the peering on the source" />
                </Show>
                <ConfirmDialog open=confirm title="Finalize the wave?" confirm_label="Finalize" danger=true
                    require_typing=name.get_value() on_confirm=finalize>
                    <p>{move || format!("The replication of {} volumes is released for good: they become regular Azure NetApp Files volumes, the source's SnapMirror relationships end, and for the last migration on a storage system the cluster peering goes. This can't be undone.", counts.get().0 - counts.get().1)}</p>
                    <p>{format!("Type the wave's name, {}, to confirm.", name.get_value())}</p>
                </ConfirmDialog>
            </section>
        </Show>
    }
}
