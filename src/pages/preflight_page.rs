//! Checks before the first migration.

use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

/// The migration assistant feature, live checks and the checklist ARM can't verify.
#[component]
pub fn PreflightPage() -> impl IntoView {
    view! {
        <PageHeader title="Pre-flight"
            summary="Make sure the subscription, the network and the source cluster are ready before you start." />
        <EmptyState title="Pre-flight checks are not here yet">
            <p>"This page will check the Microsoft.NetApp/ANFMigrationAssistant feature (and register it), the delegated subnet's free addresses, Standard network features and the capacity pool, and list what only you can confirm: ONTAP 9.10.0 or later, the SnapMirror licence, snapshot locking off, no FlexGroup source, and the firewall openings."</p>
        </EmptyState>
    }
}
