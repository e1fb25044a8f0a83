//! The heading block at the top of each page.

use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/page_header.module.css");

/// The page's one `<h1>` and a line saying what the page is for.
#[component]
pub fn PageHeader(
    /// The page title.
    #[prop(into)]
    title: String,
    /// One sentence under the title.
    #[prop(into)]
    summary: String,
) -> impl IntoView {
    view! {
        <div class=style::header>
            <h1>{title}</h1>
            <p class=style::summary>{summary}</p>
        </div>
    }
}
