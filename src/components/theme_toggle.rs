//! The light/dark switch in the banner.

use crate::theme::{current_theme, set_theme, Theme};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/theme_toggle.module.css");

/// Flips between light and dark and remembers the choice; until then the system decides.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(current_theme());
    let dark = move || theme.get() == Theme::Dark;
    view! {
        <button
            type="button"
            class=style::toggle
            aria-pressed=move || dark().to_string()
            title=move || if dark() { "Switch to the light theme" } else { "Switch to the dark theme" }
            on:click=move |_| {
                let next = theme.get_untracked().flipped();
                set_theme(next);
                theme.set(next);
            }
        >
            <span aria-hidden="true">{move || if dark() { "☾" } else { "☀" }}</span>
            " Dark theme"
        </button>
    }
}
