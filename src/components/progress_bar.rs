//! Transfer and operation progress.

use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/progress_bar.module.css");

/// A bar from 0 to 1; `None` shows an indeterminate bar (running, extent unknown).
#[component]
pub fn ProgressBar(
    /// 0.0..=1.0, or `None` when unknown.
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// What progresses, for screen readers.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let percent = move || value.get().map(|v| (v.clamp(0.0, 1.0) * 100.0).round());
    view! {
        <div
            class=move || {
                if percent().is_some() { style::track.to_owned() } else { format!("{} {}", style::track, style::indeterminate) }
            }
            role="progressbar"
            aria-label=label
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=move || percent().map(|p| p.to_string())
        >
            <div class=style::fill style:transform=move || percent().map_or_else(String::new, |p| format!("scaleX({})", p / 100.0))></div>
        </div>
    }
}
