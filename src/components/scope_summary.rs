//! The scope in one line, for the shell and for pages: account / pool, or a prompt to choose.

use crate::state::scope::use_scope;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/components/scope_summary.module.css");

/// The current NetApp account and capacity pool with a link to the scope page ("Choose scope"
/// while the scope is incomplete).
#[component]
pub fn ScopeSummary() -> impl IntoView {
    let scope = use_scope();
    let chosen = Memo::new(move |_| {
        scope.with(|s| {
            s.pool_id().map(|p| (p.account.clone(), p.pool.clone(), p.resource_group.clone()))
        })
    });
    view! {
        <div class=style::summary data-scope-summary="">
            {move || match chosen.get() {
                Some((account, pool, group)) => {
                    let title = format!("{account} / {pool} in resource group {group}");
                    view! {
                        <span class=style::label>"Scope"</span>
                        <span class=style::value title=title>
                            <span class="mono">{account}</span>" / "<span class="mono">{pool}</span>
                        </span>
                        <a href="/scope" class=style::link aria-label="Change scope">"Change"</a>
                    }.into_any()
                }
                None => view! {
                    <span class=style::label>"No scope"</span>
                    <a href="/scope" class=style::link>"Choose scope"</a>
                }.into_any(),
            }}
        </div>
    }
}
