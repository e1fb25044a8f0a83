//! The phase as a coloured word.

use crate::components::status_pill::{StatusPill, Tone};
use anf_core::migration::{Phase, PhaseKind};
use leptos::prelude::*;

/// The tone a phase carries.
#[must_use]
pub fn phase_tone(phase: &Phase) -> Tone {
    match phase.kind() {
        PhaseKind::Failed => Tone::Danger,
        PhaseKind::Mirrored | PhaseKind::Finalized => Tone::Success,
        PhaseKind::PausedForDryRun | PhaseKind::Deleting => Tone::Warning,
        PhaseKind::Creating | PhaseKind::Peering | PhaseKind::Baseline | PhaseKind::CutOver => {
            Tone::Info
        }
        PhaseKind::Unknown => Tone::Neutral,
    }
}

/// The phase of a migration, with its step (peering) or transfer in the words.
#[component]
pub fn PhasePill(
    /// The phase.
    #[prop(into)]
    phase: Signal<Phase>,
) -> impl IntoView {
    let tone = Signal::derive(move || phase.with(phase_tone));
    let text = Signal::derive(move || phase.with(Phase::label));
    view! { <span data-phase=move || format!("{:?}", phase.with(Phase::kind))><StatusPill tone=tone text=text /></span> }
}
