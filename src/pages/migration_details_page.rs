//! Placeholder until its page lands.

use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

/// Not built yet.
#[component]
pub fn MigrationDetailsPage() -> impl IntoView {
    view! {
        <PageHeader title="MigrationDetailsPage" summary="This page is being built." />
        <EmptyState title="Not here yet"><p>"This page is not built yet."</p></EmptyState>
    }
}
