//! Unknown addresses.

use crate::components::page_header::PageHeader;
use leptos::prelude::*;

/// Says the address is unknown and offers the way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageHeader title="Page not found" summary="There is no page at this address." />
        <p><a href="/migrations">"Go to the migration assistant"</a></p>
    }
}
