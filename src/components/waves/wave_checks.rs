//! The checks only a whole wave has, in words: what blocks the start (names, pool space,
//! subnet, peering addresses, one subscription per cluster), remarks, the subnet addresses the
//! wave may take and the quota it puts into each pool.

use super::context::WaveData;
use anf_core::validation::quota::format_size;
use anf_core::wave::WaveVerdict;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/waves/wave_checks.module.css");

/// The wave's checks.
#[component]
pub fn WaveChecks(
    /// The verdict.
    verdict: Memo<WaveVerdict>,
    /// What was read (or is still being read).
    data: WaveData,
) -> impl IntoView {
    let ips = move || {
        verdict.with(|v| {
            let free = v.ips.free.map_or_else(|| "free addresses not known".to_owned(), |f| format!("{f} free"));
            format!(
                "Subnet addresses: up to {} (7 per new storage placement; placement may reuse the storage of earlier volumes, so most waves take far fewer) — the subnet has {free}.",
                v.ips.at_most
            )
        })
    };
    let counts = move || {
        verdict.with(|v| {
            let ready = v.rows.iter().filter(|r| r.create.is_some()).count();
            format!(
                "{ready} of {} volumes ready; {} with problems.",
                v.rows.len(),
                v.bad_rows().len()
            )
        })
    };
    view! {
        <section class="card stack" aria-labelledby="wave-checks-title" data-wave-checks="true">
            <h2 id="wave-checks-title">"Checks"</h2>
            {move || data.status().map(|s| view! { <p class="muted" role="status">{s}</p> })}
            <p data-ready-count="true">{counts}</p>
            <Show when=move || !verdict.with(|v| v.issues.is_empty())>
                <div class=style::issues role="alert">
                    <p><strong>"Before the wave can start:"</strong></p>
                    <ul>{move || verdict.with(|v| v.issues.clone()).into_iter().map(|i| view! { <li data-wave-issue="true">{i}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <Show when=move || !verdict.with(|v| v.warnings.is_empty())>
                <ul class=style::warnings>{move || verdict.with(|v| v.warnings.clone()).into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </Show>
            <p data-ip-need="true">{ips}</p>
            <Show when=move || !verdict.with(|v| v.pools.is_empty())>
                <div class=style::scroll>
                <table class="data-table">
                    <caption class="visually-hidden">"Quota per capacity pool"</caption>
                    <thead><tr><th scope="col">"Pool"</th><th scope="col">"Volumes"</th><th scope="col">"Quota of the wave"</th><th scope="col">"Free in the pool"</th></tr></thead>
                    <tbody>
                        {move || verdict.with(|v| v.pools.clone()).into_iter().map(|p| {
                            let over = p.quota_bytes > p.free_bytes;
                            view! {
                                <tr data-over=over.to_string()>
                                    <th scope="row">{p.pool}</th>
                                    <td>{p.rows}</td>
                                    <td class=if over { style::over } else { "" }>{format_size(p.quota_bytes)}</td>
                                    <td>{format_size(p.free_bytes)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </Show>
        </section>
    }
}
