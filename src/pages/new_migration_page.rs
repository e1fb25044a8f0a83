//! Creating a migration volume.

use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

/// The source, the destination volume, review and create.
#[component]
pub fn NewMigrationPage() -> impl IntoView {
    view! {
        <PageHeader title="New migration"
            summary="Describe the source ONTAP volume and the Azure NetApp Files volume that will receive it." />
        <EmptyState title="The migration form is not here yet">
            <p>"Here you will enter the source (cluster name, SVM name, source volume name, volume size, replication schedule) and the Azure NetApp Files volume (name, file path, quota, service level, subnet, protocols, export policy), each checked as you type, then review the exact request before it is sent."</p>
        </EmptyState>
    }
}
