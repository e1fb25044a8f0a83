//! How long the baselines will take: the link's bandwidth (the admin's figure), the formula,
//! and the whole wave's estimate over the shared link. Once transfers run, the wave's page
//! shows the measured rate instead.

use super::PlanHandle;
use crate::components::field::text_field::TextField;
use anf_core::migration::format_lag;
use anf_core::wave::PlanEstimates;
use leptos::prelude::*;

/// Microsoft's page the throughput figures come from.
pub const SERVICE_LEVELS_URL: &str =
    "https://learn.microsoft.com/azure/azure-netapp-files/azure-netapp-files-service-levels";

/// Parses the link field: a positive number of Mbit/s.
///
/// # Errors
/// What to type, in plain words.
pub fn parse_link(text: &str) -> Result<f64, String> {
    match text.trim().replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 1_000_000.0 => Ok(v),
        _ => {
            Err("The link's bandwidth in Mbit/s, a number above 0 such as 1000 for 1 Gbit/s."
                .into())
        }
    }
}

/// The link field, the formula and the wave's estimate.
#[component]
pub fn WaveEstimates(
    /// The wave edited.
    handle: PlanHandle,
    /// The estimates.
    estimates: Memo<PlanEstimates>,
) -> impl IntoView {
    let stored = move || {
        handle.wave.with(|w| w.as_ref().map(|w| w.settings.link_mbit_per_second).unwrap_or(1000.0))
    };
    let text = RwSignal::new(stored().to_string());
    let error = RwSignal::new(None::<String>);
    let on_input = Callback::new(move |v: String| {
        text.set(v.clone());
        match parse_link(&v) {
            Ok(mbps) => {
                error.set(None);
                handle.change(|w| w.settings.link_mbit_per_second = mbps);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let total = move || {
        estimates.with(|e| {
            e.wave.as_ref().map_or_else(
                || "No estimate yet: the rows that can be created have none.".to_owned(),
                |w| format!("The wave's baselines: about {}.", format_lag(w.total)),
            )
        })
    };
    view! {
        <section class="card stack" aria-labelledby="wave-estimates-title">
            <h2 id="wave-estimates-title">"Time estimates"</h2>
            <TextField id="wave-link" label="Network link to Azure (Mbit/s)" value=Signal::derive(move || text.get())
                on_input on_blur=Callback::new(|(): ()| {}) error=Signal::derive(move || error.get())
                hint="What the path from the source cluster to Azure carries for replication, e.g. 1000 for 1 Gbit/s; the wave's baselines share it." />
            <p><strong data-wave-estimate="true">{total}</strong></p>
            <p class="muted">{move || estimates.with(|e| e.wave.as_ref().map(|w| w.model.clone()).unwrap_or_default())}</p>
            <details>
                <summary>"How it is worked out"</summary>
                <p>"Baseline time = logical size ÷ min(link bandwidth, the destination volume's throughput limit). The limit, from Microsoft's "
                    <a href=SERVICE_LEVELS_URL target="_blank" rel="noopener">"Service levels for Azure NetApp Files"</a>
                    ": on an auto-QoS pool, the service level's throughput per TiB of the volume's quota (Standard 16, Premium 64, Ultra 128 MiB/s per TiB); on a manual-QoS pool, the volume's own throughputMibps; on a Flexible pool, the pool's throughput. 1 Mbit/s is 10^6 bits a second."</p>
                <p>"Once a transfer runs, its rate measured from the replication status (bytes transferred over time) replaces the formula. Hover a row's estimate for its formula."</p>
            </details>
        </section>
    }
}
