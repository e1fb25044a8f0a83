//! Placeholder until its page lands.

use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

/// Not built yet.
#[component]
pub fn DemoPage() -> impl IntoView {
    view! {
        <PageHeader title="DemoPage" summary="This page is being built." />
        <EmptyState title="Not here yet"><p>"This page is not built yet."</p></EmptyState>
    }
}
