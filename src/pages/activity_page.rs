//! The log of ARM calls made this session.

use crate::arm::activity::ActivityEntry;
use crate::arm::context::use_arm;
use crate::components::activity::activity_filter::{ActivityFilter, Filter};
use crate::components::activity::activity_table::ActivityTable;
use crate::components::activity::export::export_json;
use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use leptos::prelude::*;

/// Every ARM call with its status, duration and request ids; filterable and exportable.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let log = use_arm().activity;
    let filter = RwSignal::new(Filter::default());
    let shown = Memo::new(move |_| {
        let f = filter.get();
        log.entries().with(|all| {
            all.iter().rev().filter(|e| f.matches(e)).cloned().collect::<Vec<ActivityEntry>>()
        })
    });
    let total = move || log.entries().with(Vec::len);
    let errors = move || log.entries().with(|l| l.iter().filter(|e| e.is_error()).count());
    view! {
        <PageHeader title="Activity"
            summary="Every call this session made to Azure Resource Manager (or to the simulator in demo mode), newest first." />
        <div class="stack">
            <div class="toolbar">
                <ActivityFilter filter />
                <span class="muted" role="status">
                    {move || format!("{} of {} calls shown, {} failed", shown.with(Vec::len), total(), errors())}
                </span>
                <button type="button" class="btn" disabled=move || shown.with(Vec::is_empty)
                    on:click=move |_| shown.with_untracked(|rows| export_json(rows))>
                    "Export shown as JSON"
                </button>
                <button type="button" class="btn btn-subtle" disabled=move || total() == 0
                    on:click=move |_| log.clear()>"Clear"</button>
            </div>
            <Show when=move || total() != 0 fallback=|| view! {
                <EmptyState title="No calls made yet">
                    <p>"Each call will be listed here with its time, method, path, status, duration, request id and correlation id, ready to filter and to export as JSON for a support case."</p>
                </EmptyState>
            }>
                <ActivityTable rows=shown />
            </Show>
        </div>
    }
}
