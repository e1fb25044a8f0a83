//! The migrations table, the home page.

use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

/// Every migration volume in the chosen scope with its live status and actions.
#[component]
pub fn MigrationsPage() -> impl IntoView {
    view! {
        <PageHeader title="Migrations"
            summary="Every migration volume in the chosen capacity pool, with its phase, replication health and transfer progress." />
        <EmptyState title="No migrations to show yet">
            <p>"This table will list each migration volume with its source cluster, SVM and volume, its phase, mirror state, transfer progress and lag, and the actions for it: sync now, dry run, resume, cut over, finalize and cancel."</p>
            <p>"Start with " <a href="/preflight">"Pre-flight"</a> " to check the subscription, then create a " <a href="/migrations/new">"new migration"</a> "."</p>
        </EmptyState>
    }
}
