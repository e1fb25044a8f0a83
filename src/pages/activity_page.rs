//! The log of ARM calls made this session.

use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

/// Every ARM call with its status, duration and request ids.
#[component]
pub fn ActivityPage() -> impl IntoView {
    view! {
        <PageHeader title="Activity"
            summary="Every call this session made to Azure Resource Manager (or to the simulator in demo mode)." />
        <EmptyState title="No calls made yet">
            <p>"Each call will be listed with its time, method, path, status, duration, request id and correlation id, ready to filter and to export as JSON for a support case."</p>
        </EmptyState>
    }
}
