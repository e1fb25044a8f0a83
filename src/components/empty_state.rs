//! What a page shows when it has nothing to show yet.

use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/empty_state.module.css");

/// A calm panel that says what will appear here and how to get there; never fake data.
#[component]
pub fn EmptyState(
    /// The short statement, e.g. "No migrations yet".
    #[prop(into)]
    title: String,
    /// What will be here and what to do.
    children: Children,
) -> impl IntoView {
    let label = title.clone();
    view! {
        <section class=style::empty aria-label=label>
            <h2 class=style::title>{title}</h2>
            <div class=style::body>{children()}</div>
        </section>
    }
}
