//! The phase as a coloured word, with its step or transfer in words beside it.

use crate::components::status_pill::{StatusPill, Tone};
use anf_core::migration::{Phase, PhaseKind};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/migrations/phase_pill.module.css");

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

/// A label cut into the pill's words and the detail after them ("Peering" / ": " / "SVM
/// peering required"), so a long step wraps as text under a short pill instead of widening the
/// table's phase column.
#[must_use]
pub fn split_label(label: &str) -> (&str, Option<(&str, &str)>) {
    [": ", ", "]
        .iter()
        .filter_map(|sep| label.split_once(sep).map(|(head, rest)| (head, sep, rest)))
        .min_by_key(|(head, _, _)| head.len())
        .map_or((label, None), |(head, sep, rest)| (head, Some((*sep, rest))))
}

/// The phase of a migration, with its step (peering) or transfer in the words. The separator
/// stays in the text (hidden), so the whole label reads and is found as one phrase.
#[component]
pub fn PhasePill(
    /// The phase.
    #[prop(into)]
    phase: Signal<Phase>,
) -> impl IntoView {
    let tone = Signal::derive(move || phase.with(phase_tone));
    let label = Memo::new(move |_| phase.with(Phase::label));
    let head = Signal::derive(move || label.with(|l| split_label(l).0.to_owned()));
    let detail = move || {
        label.with(|l| split_label(l).1.map(|(sep, d)| (sep.to_owned(), d.to_owned()))).map(
            |(sep, d)| {
                view! { <span class=style::detail><span class="visually-hidden">{sep}</span>{d}</span> }
            },
        )
    };
    view! {
        <span class=style::phase data-phase=move || format!("{:?}", phase.with(Phase::kind))>
            <StatusPill tone=tone text=head />
            {detail}
        </span>
    }
}
