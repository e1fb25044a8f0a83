//! The migrations table, the home page once a scope is chosen.

use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::migrations::migrations_table::MigrationsTable;
use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::hooks::use_page_visible;
use crate::state::live::{use_live_migrations, LiveTarget};
use crate::state::scope::use_scope;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/pages/migrations_page.module.css");

use crate::local_time::local_time as clock;

/// Every migration volume in the chosen scope with its live status and actions.
#[component]
pub fn MigrationsPage() -> impl IntoView {
    let scope = use_scope();
    let target = Signal::derive(move || scope.with(|s| s.pool_id().map(LiveTarget::Pool)));
    let live = use_live_migrations(target);
    let visible = use_page_visible();
    let refresh = move |_| leptos::task::spawn_local(live.refresh(true));
    let status_line = move || {
        let when = live.last_updated.get().map_or_else(|| "not yet".to_owned(), clock);
        let paused = if visible.get() { "" } else { " · paused while the tab is hidden" };
        format!("Last updated {when}{paused}")
    };
    let body = move || {
        if target.with(Option::is_none) {
            return view! {
                <EmptyState title="Choose a scope first">
                    <p>"The table lists the migration volumes of one capacity pool. "
                        <a href="/scope">"Choose the subscription, resource group, NetApp account and capacity pool"</a> "."</p>
                </EmptyState>
            }
            .into_any();
        }
        view! {
            {move || live.list_error.get().map(|e| view! { <ArmErrorPanel error=e /> })}
            <Show
                when=move || !live.rows.with(Vec::is_empty)
                fallback=move || view! {
                    <Show when=move || live.last_updated.get().is_some()
                        fallback=|| view! { <p class="muted" role="status">"Loading migrations…"</p> }>
                        <EmptyState title="No migrations in this capacity pool">
                            <p>"Check the subscription on " <a href="/preflight">"Pre-flight"</a>
                                ", then start a " <a href="/migrations/new">"New migration"</a> "."</p>
                        </EmptyState>
                    </Show>
                }
            >
                <MigrationsTable />
            </Show>
        }
        .into_any()
    };
    view! {
        <PageHeader title="Migration assistant"
            summary="Every migration volume in the chosen capacity pool, with its phase, replication health and transfer progress." />
        <div class="stack">
            <div class=style::bar>
                <a class="btn btn-primary" href="/migrations/new">"New migration"</a>
                <a class="btn" href="/waves/new" data-new-wave="true">"New wave"</a>
                <button type="button" class="btn" data-refresh="true"
                    aria-busy=move || live.refreshing.get().then_some("true")
                    disabled=move || target.with(Option::is_none)
                    on:click=refresh>"Refresh"</button>
                <span class="muted" data-last-updated="true">{status_line}</span>
                // How fresh the figures are: with many migrations, ARM's read budget spreads
                // the status reads out, and the admin should know by how much.
                <span class="muted" data-poll-freshness="true">{move || live.freshness.get()}</span>
            </div>
            {body}
        </div>
    }
}
