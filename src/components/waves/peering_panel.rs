//! What the admin runs on the source cluster to peer the wave: each distinct `cluster peer
//! create` command with its passphrase and the offer's 60 minutes, why there is more than one
//! when there is, then the `vserver peer accept` commands as one block.

use super::run_data::RunData;
use crate::arm::context::use_arm;
use crate::components::code_block::CodeBlock;
use crate::components::peering::offer_countdown::OfferCountdown;
use crate::components::peering::offer_now;
use crate::state::waves::use_waves;
use anf_core::wave::peering::{cluster_peering, svm_accept_block};
use anf_core::wave::saved::WaveStage;
use anf_core::wizard::countdown::{offer_clock, OfferClock};
use leptos::prelude::*;
use std::time::Duration;

/// The peering commands of the wave.
#[component]
pub fn PeeringPanel(
    /// The run's data.
    data: RunData,
) -> impl IntoView {
    let waves = use_waves();
    let arm = use_arm();
    let demo = arm.demo().is_some();
    let clock = RwSignal::new(offer_now(&arm));
    if let Ok(h) =
        set_interval_with_handle(move || clock.set(offer_now(&arm)), Duration::from_secs(1))
    {
        on_cleanup(move || h.clear());
    }
    let stage = Memo::new(move |_| data.wave.with(|w| w.as_ref().map(|w| w.stage())));
    let summary = Memo::new(move |_| {
        data.wave.with(|w| {
            w.as_ref()
                .and_then(|w| w.run.as_ref().map(|r| cluster_peering(r, &w.settings.ipspace)))
                .unwrap_or_default()
        })
    });
    let accept = Memo::new(move |_| {
        data.wave.with(|w| {
            w.as_ref().and_then(|w| w.run.as_ref()).map(svm_accept_block).unwrap_or_default()
        })
    });
    let authorize_open = Memo::new(move |_| {
        data.wave
            .with(|w| w.as_ref().and_then(|w| w.run.as_ref()).is_some_and(|r| r.authorize_open))
    });
    // (volumes created, authorized, still waiting for their answer). A volume whose
    // authorization failed waits for nobody: its Retry is with the failures.
    let counts = Memo::new(move |_| {
        data.wave.with(|w| {
            w.as_ref().and_then(|w| w.run.as_ref()).map_or((0, 0, 0), |r| {
                let live = r.volumes.iter().filter(|v| v.created == anf_core::wave::Created::Yes);
                let waiting =
                    live.clone().filter(|v| v.svm_command.is_none() && v.error.is_none()).count();
                let done = r.volumes.iter().filter(|v| v.svm_command.is_some()).count();
                (live.count(), done, waiting)
            })
        })
    });
    let shown = move || stage.get().is_some_and(|s| s >= WaveStage::Peering);
    // Once every volume is peered the offers are history: no clock, no new offer.
    let done = Memo::new(move |_| stage.get().is_some_and(|s| s > WaveStage::SvmPeering));
    let name = data.name;
    view! {
        <Show when=shown>
            <section class="card stack" aria-labelledby="wave-peering-run-title" data-peering="true">
                <h2 id="wave-peering-run-title">{move || if done.get() { "Peering with the source cluster: done" } else { "Peering with the source cluster" }}</h2>
                <details prop:open=move || !done.get()>
                <summary>{move || if done.get() { "The commands that were run" } else { "What to run on the source cluster" }}</summary>
                <div class="stack">
                <h3>"1. Cluster peering"</h3>
                {move || summary.with(|s| (s.waiting > 0).then(|| {
                    let n = s.waiting;
                    view! { <p role="status">{format!("Asking Azure NetApp Files for the cluster peering of {n} more volumes…")}</p> }
                }))}
                // Re-rendered when an answer comes (a group grows, its clock starts earlier):
                // there are a few groups, and the answers stop coming once all are in.
                {move || summary.get().groups.into_iter().map(|g| {
                    let rows = g.rows.clone();
                    let issued = g.issued_at;
                    let expired = move || offer_clock(issued, clock.get()) == OfferClock::Expired;
                    let command = g.command.clone();
                    let pass = g.passphrase.clone();
                    let addrs = if g.peer_addrs.is_empty() { String::new() } else { format!(" at {}", g.peer_addrs.join(", ")) };
                    let some = g.volumes.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
                    let more = if g.volumes.len() > 3 { ", …" } else { "" };
                    view! {
                        <div class="stack" data-peer-command="true">
                            <p><strong>{format!("Storage system{addrs}: ")}</strong>{format!("{} volumes ({some}{more})", g.volumes.len())}</p>
                            <CodeBlock code=Signal::derive(move || command.clone()) label=format!("Cluster peering command for cluster {}", g.cluster) />
                            {pass.map(|p| view! { <CodeBlock code=Signal::derive(move || p.clone()) label="Passphrase to type when ONTAP asks for it" /> })}
                            <Show when=move || !done.get()>
                                <OfferCountdown issued_at=issued now=clock />
                            </Show>
                            <Show when=move || expired() && !done.get()>
                                {
                                    let rows = rows.clone();
                                    view! {
                                        <button type="button" class="btn" data-reissue="true"
                                            on:click=move |_| waves.reissue_peering(&name.get_value(), &rows)>"Ask for a new offer"</button>
                                    }
                                }
                            </Show>
                        </div>
                    }
                }).collect_view()}
                {move || summary.with(|s| s.why_several.clone()).into_iter().map(|w| view! { <p class="muted" data-why-several="true">{w}</p> }).collect_view()}
                {move || summary.with(|s| (!s.already_peered.is_empty()).then(|| {
                    let n = s.already_peered.len();
                    view! { <p class="muted">{format!("{n} volumes answered that the clusters are already peered (their storage system is peered with the source).")}</p> }
                }))}
                {demo.then(|| view! { <p class="muted">"In the demo, run the commands in the simulated source's console on " <a href="/demo">"Demo and training"</a>"; the wave goes on while you are there."</p> })}
                <Show when=move || !authorize_open.get()>
                    <div class="toolbar">
                        <button type="button" class="btn btn-primary" data-ran-cluster-peering="true"
                            disabled=move || summary.with(|s| s.waiting > 0)
                            on:click=move |_| waves.open_authorize(&name.get_value())>
                            "I ran the cluster peering commands: peer the SVMs"
                        </button>
                    </div>
                </Show>
                <Show when=move || authorize_open.get()>
                    <h3>"2. SVM peering"</h3>
                    <p role="status" data-authorized="true">{move || { let (all, done, _) = counts.get(); format!("{done} of {all} volumes authorized.") }}</p>
                    // The block is held back until every volume has its answer: volumes on
                    // another storage system bring commands of their own, and a block pasted
                    // half-way would leave them unpeered with nothing to say so.
                    <Show when=move || counts.with(|c| c.2 == 0)
                        fallback=|| view! { <p class="muted" data-accept-waiting="true">"The SVM peering commands appear here, as one block, once every volume's authorization is answered."</p> }>
                    <Show when=move || !accept.with(Vec::is_empty)
                        fallback=|| view! { <p class="muted">"No SVM peering to accept (every SVM pair is peered already)."</p> }>
                        <p>"On the source cluster, accept the SVM peering, once per SVM pair (one block to paste):"</p>
                        <CodeBlock code=Signal::derive(move || accept.with(|a| a.iter().map(|c| c.command.clone()).collect::<Vec<_>>().join("\n")))
                            label="SVM peering commands" />
                        <p class="muted">"The baseline transfers start once the SVM peering is accepted."</p>
                    </Show>
                    </Show>
                </Show>
                </div>
                </details>
            </section>
        </Show>
    }
}
