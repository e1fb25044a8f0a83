//! A short coloured status word: Healthy, Mirrored, Failed...

use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/status_pill.module.css");

/// The meaning a status carries; colour is never the only signal (the text says it too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// Good.
    Success,
    /// Needs attention.
    Warning,
    /// Failed.
    Danger,
    /// In progress or informative.
    Info,
    /// Neither.
    #[default]
    Neutral,
}

impl Tone {
    /// The CSS modifier for this tone.
    #[must_use]
    pub fn class(self) -> &'static str {
        match self {
            Self::Success => style::success,
            Self::Warning => style::warning,
            Self::Danger => style::danger,
            Self::Info => style::info,
            Self::Neutral => style::neutral,
        }
    }
}

/// The pill.
#[component]
pub fn StatusPill(
    /// What it means.
    #[prop(into)]
    tone: Signal<Tone>,
    /// What it says.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    view! {
        <span class=move || format!("{} {}", style::pill, tone.get().class())>{move || text.get()}</span>
    }
}
