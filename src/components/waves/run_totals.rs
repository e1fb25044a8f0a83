//! The wave in figures: volumes per phase, baseline bytes transferred of the total, and the
//! time left (worked out every few seconds over the shared link, from measured rates where
//! transfers run).

use super::run_data::RunData;
use crate::components::progress_bar::ProgressBar;
use anf_core::migration::{format_bytes, format_lag};
use anf_core::wave::{wave_counts, wave_totals};
use leptos::prelude::*;
use std::time::Duration;

stylance::import_crate_style!(style, "src/components/waves/run_totals.module.css");

/// How often the wave's time left is worked out again.
const ETA_EVERY: Duration = Duration::from_secs(5);

/// The totals.
#[component]
pub fn RunTotals(
    /// The run's data.
    data: RunData,
) -> impl IntoView {
    let counts = Memo::new(move |_| data.figures.with(|f| wave_counts(f)));
    let eta_clock = RwSignal::new(0_u64);
    if let Ok(handle) = set_interval_with_handle(move || eta_clock.update(|c| *c += 1), ETA_EVERY) {
        on_cleanup(move || handle.clear());
    }
    // Its own memo: the counts change at every tick that moves bytes, the baselines left
    // only when one ends.
    let baselines_left = Memo::new(move |_| counts.with(|c| c.baselines_left));
    let eta = Memo::new(move |_| {
        eta_clock.track();
        // A baseline ending changes the answer at once, not at the next clock.
        baselines_left.track();
        let link = data.link.get();
        data.figures.with_untracked(|f| wave_totals(f, link))
    });
    let fraction = Signal::derive(move || {
        counts.with(|c| {
            #[allow(clippy::cast_precision_loss)]
            (c.bytes_total > 0).then(|| c.bytes_done as f64 / c.bytes_total as f64)
        })
    });
    view! {
        <section class=format!("card {}", style::totals) aria-labelledby="wave-totals-title" data-wave-totals="true">
            <h2 id="wave-totals-title" class="visually-hidden">"Wave totals"</h2>
            <div class=style::figure>
                <span class=style::label>"Volumes"</span>
                <span class=style::value data-total-volumes="true">{move || counts.with(|c| c.volumes)}</span>
                <ul class=style::phases aria-label="Volumes per phase">
                    {move || counts.with(|c| c.by_phase.clone()).into_iter().map(|(k, n)| view! {
                        <li data-phase-count=k.label()>{format!("{} {n}", k.label())}</li>
                    }).collect_view()}
                </ul>
            </div>
            <div class=style::figure>
                <span class=style::label>"Baseline transferred"</span>
                <span class=style::value data-bytes="true">{move || counts.with(|c| format!("{} of {}", format_bytes(c.bytes_done), format_bytes(c.bytes_total)))}</span>
                <ProgressBar value=fraction label="Baseline bytes transferred of the wave's total" />
            </div>
            <div class=style::figure>
                <span class=style::label>"Time left for the baselines"</span>
                <span class=style::value data-wave-eta="true">{move || eta.with(|t| match (t.eta, t.baselines_left) {
                    (_, 0) => "Done".to_owned(),
                    (Some(d), _) => format!("about {}", format_lag(d)),
                    (None, _) => "not known yet".to_owned(),
                })}</span>
                <span class="muted">{move || eta.with(|t| t.eta_model.clone())}</span>
            </div>
        </section>
    }
}
