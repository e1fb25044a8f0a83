//! One pre-flight check as a list item: a status pill, what is checked, why it matters, and
//! what was found.

use crate::components::status_pill::{StatusPill, Tone};
use anf_core::preflight::Verdict;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/preflight/check_item.module.css");

/// The pill's tone for a verdict (`None` while checking).
#[must_use]
pub fn tone_of(verdict: Option<Verdict>) -> Tone {
    match verdict {
        Some(Verdict::Pass) => Tone::Success,
        Some(Verdict::Warn) => Tone::Warning,
        Some(Verdict::Fail) => Tone::Danger,
        Some(Verdict::InProgress) => Tone::Info,
        Some(Verdict::Unknown) | None => Tone::Neutral,
    }
}

/// A check in the pre-flight list.
#[component]
pub fn CheckItem(
    /// What is checked.
    #[prop(into)]
    title: String,
    /// The verdict, `None` while it is being read.
    #[prop(into)]
    verdict: Signal<Option<Verdict>>,
    /// Why it matters.
    #[prop(into)]
    why: String,
    /// A stable id for tests and links (`data-check`).
    #[prop(into)]
    id: String,
    /// What was found and what to do.
    children: Children,
) -> impl IntoView {
    let heading = format!("check-{id}-title");
    let labelled_by = heading.clone();
    view! {
        <li class=style::item data-check=id data-verdict=move || verdict.get().map(|v| format!("{v:?}").to_lowercase()) aria-labelledby=labelled_by>
            <div class=style::head>
                <StatusPill
                    tone=Signal::derive(move || tone_of(verdict.get()))
                    text=Signal::derive(move || verdict.get().map_or("Checking…", Verdict::label).to_owned())
                />
                <h3 class=style::title id=heading>{title}</h3>
            </div>
            <p class=style::why><strong>"Why it matters: "</strong>{why}</p>
            <div class=style::body>{children()}</div>
        </li>
    }
}

pub use crate::local_time::local_time as time_of_day;
