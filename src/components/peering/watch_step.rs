//! Step 4: waiting for the replication to be created and the baseline transfer to start.

use crate::components::progress_bar::ProgressBar;
use crate::components::status_pill::{StatusPill, Tone};
use anf_core::wizard::peering::{setup_words, ArmView};
use leptos::prelude::*;

/// What ARM says while the replication is set up, until the baseline starts.
#[component]
pub fn WatchStep(
    /// ARM's view of the volume.
    #[prop(into)]
    arm: Signal<Option<ArmView>>,
    /// `externalReplicationSetupInfo`, when ARM gives it.
    #[prop(into)]
    info: Signal<Option<String>>,
    /// When the volume was last read, in words.
    #[prop(into)]
    checked_at: Signal<Option<String>>,
) -> impl IntoView {
    let status = Signal::derive(move || {
        arm.with(|a| {
            a.as_ref()
                .and_then(|a| a.setup_status.as_ref().map(setup_words))
                .unwrap_or_else(|| "Waiting for the replication".to_owned())
        })
    });
    let mirror = Signal::derive(move || {
        arm.with(|a| {
            a.as_ref()
                .and_then(|a| a.mirror_state.as_ref().map(|m| format!("Mirror state: {m}")))
                .unwrap_or_else(|| "Mirror state: not reported yet".to_owned())
        })
    });
    view! {
        <div class="stack" data-step-watch>
            <p>"Azure NetApp Files creates the SnapMirror relationship once the SVM peering is accepted, then starts the baseline transfer. This usually takes a minute or two."</p>
            <div class="cluster">
                <StatusPill tone=Tone::Info text=status />
                <StatusPill tone=Tone::Neutral text=mirror />
            </div>
            {move || info.get().map(|i| view! { <p class="muted">{i}</p> })}
            <ProgressBar value=Signal::derive(|| None) label="Waiting for the baseline transfer to start" />
            <p class="muted" aria-live="off">{move || checked_at.get().map(|t| format!("Last checked at {t}; checked every few seconds while this tab is visible."))}</p>
        </div>
    }
}
