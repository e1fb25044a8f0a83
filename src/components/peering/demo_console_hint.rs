//! Where demo trainees paste the commands: the simulated ONTAP console.

use leptos::prelude::*;

/// The simulated ONTAP console, in demo mode.
#[component]
pub fn DemoConsoleHint(
    /// What to paste there.
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! {
        <p class="muted" data-demo-hint>
            {format!("Demo: paste {what} into the ")}
            <a href="/demo">"ONTAP console"</a>
            " on the Demo page (same tab), then come back here: this wizard keeps its place."
        </p>
    }
}
