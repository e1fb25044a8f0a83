//! The source clusters' intercluster addresses (what `peerExternalCluster` is sent) and the
//! IPspace their LIFs live in (filled into ANF's `cluster peer create` command).

use super::PlanHandle;
use crate::components::code_block::CodeBlock;
use crate::components::field::text_field::TextField;
use anf_core::wave::WaveVerdict;
use leptos::prelude::*;

/// The command that lists a cluster's intercluster LIFs (ONTAP 9.10 and later).
pub const LIF_COMMAND: &str = "network interface show -service-policy default-intercluster";

/// One address field per source cluster of the wave, and the IPspace.
#[component]
pub fn PeerAddresses(
    /// The wave edited.
    handle: PlanHandle,
    /// The checks (the addresses' problems are wave issues naming the cluster).
    verdict: Memo<WaveVerdict>,
) -> impl IntoView {
    let clusters = Memo::new(move |_| {
        handle.wave.with(|w| {
            let Some(w) = w else { return Vec::new() };
            let mut out: Vec<String> = Vec::new();
            let mut add = |c: &str| {
                let c = c.trim();
                if !c.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(c)) {
                    out.push(c.to_owned());
                }
            };
            add(&w.plan.source_cluster);
            for r in &w.plan.rows {
                add(&r.source_cluster);
            }
            out
        })
    });
    let noop = Callback::new(|(): ()| {});
    let ipspace = Signal::derive(move || {
        handle.wave.with(|w| w.as_ref().map(|w| w.settings.ipspace.clone()).unwrap_or_default())
    });
    view! {
        <section class="card stack" aria-labelledby="wave-peering-title">
            <h2 id="wave-peering-title">"Source cluster peering"</h2>
            <p class="muted">"Cluster peering is started from each volume with the source's intercluster addresses. Run this on the source cluster to list them:"</p>
            <CodeBlock code=Signal::derive(|| LIF_COMMAND.to_owned()) label="Command to list the intercluster LIFs" />
            <Show when=move || !clusters.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">"The addresses are asked for each source cluster once the wave has volumes."</p> }>
                <For each=move || clusters.get() key=|c| c.to_ascii_lowercase() let(cluster)>
                    {
                        let id = format!("wave-lifs-{}", cluster.to_ascii_lowercase());
                        let c1 = cluster.clone();
                        let c2 = cluster.clone();
                        let c3 = cluster.clone();
                        let value = Signal::derive(move || {
                            handle.plan().peer_addresses.iter()
                                .find(|(k, _)| k.eq_ignore_ascii_case(&c1))
                                .map(|(_, v)| v.clone())
                                .unwrap_or_default()
                        });
                        let error = Signal::derive(move || {
                            let prefix = format!("Intercluster addresses of cluster {c2}:");
                            verdict.with(|v| v.issues.iter().find(|i| i.starts_with(&prefix))
                                .map(|i| i.trim_start_matches(&prefix).trim().to_owned()))
                        });
                        view! {
                            <TextField id=id label=format!("Intercluster addresses of {cluster}")
                                value=value error=error on_blur=noop mono=true
                                hint="IPv4 addresses of its intercluster LIFs, separated by spaces or commas."
                                on_input=Callback::new(move |v: String| {
                                    let c = c3.clone();
                                    handle.change_plan(move |p| {
                                        p.peer_addresses.retain(|k, _| !k.eq_ignore_ascii_case(&c));
                                        p.peer_addresses.insert(c, v);
                                    });
                                }) />
                        }
                    }
                </For>
            </Show>
            <TextField id="wave-ipspace" label="IPspace of the intercluster LIFs" value=ipspace
                on_input=Callback::new(move |v: String| { handle.change(|w| w.settings.ipspace = v.trim().to_owned()); })
                on_blur=noop error=Signal::derive(|| None::<String>)
                hint="Filled into the cluster peer create command; ONTAP's is Default unless you made another (network interface show -fields ipspace)."
                mono=true />
        </section>
    }
}
