//! Checks before the first migration.

use crate::components::preflight::{
    active_directory_check::ActiveDirectoryCheck, cluster_check::ClusterCheck,
    feature_check::FeatureCheck, manual_checklist::ManualChecklist,
    network_features_check::NetworkFeaturesCheck, provider_check::ProviderCheck,
    subnet_check::SubnetCheck,
};
use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::state::scope::use_scope;
use anf_core::ids::PoolId;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/pages/preflight_page.module.css");

/// The migration assistant feature, live checks and the checklist ARM can't verify.
#[component]
pub fn PreflightPage() -> impl IntoView {
    let scope = use_scope();
    let pool = Memo::new(move |_| scope.with(|s| s.pool_id()));
    view! {
        <PageHeader title="Pre-flight"
            summary="Make sure the subscription, the network and the source cluster are ready before you start." />
        {move || match pool.get() {
            None => view! {
                <EmptyState title="Choose a scope first">
                    <p>
                        "Pre-flight checks look at one capacity pool: its subscription's registrations, the delegated subnets and the pool's volumes. "
                        <a href="/scope">"Choose the subscription, resource group, account and pool"</a>
                        " first."
                    </p>
                </EmptyState>
            }.into_any(),
            Some(pool) => view! { <Checks pool /> }.into_any(),
        }}
    }
}

/// Every check for one pool.
#[component]
fn Checks(pool: PoolId) -> impl IntoView {
    let subscription = pool.resource_group_id().subscription_id();
    let place = format!("{} / {} / {}", pool.resource_group, pool.account, pool.pool);
    view! {
        <p class=style::scope>
            "For " <span class="mono">{place}</span> " in subscription "
            <span class="mono">{subscription.subscription.clone()}</span> ". "
            <a href="/scope">"Change scope"</a>
        </p>
        <section class=style::section aria-labelledby="preflight-live">
            <h2 id="preflight-live">"Checked in Azure"</h2>
            <p class="muted">"Read from Azure Resource Manager on every visit; nothing here is remembered."</p>
            <ul class=style::checks>
                <FeatureCheck subscription=subscription.clone() />
                <ProviderCheck subscription=subscription.clone() />
                <SubnetCheck pool=pool.clone() />
                <NetworkFeaturesCheck pool=pool.clone() />
                <ActiveDirectoryCheck account=pool.account_id() />
                <ClusterCheck subscription />
            </ul>
        </section>
        <section class=style::section aria-labelledby="preflight-manual">
            <h2 id="preflight-manual">"Confirm on the source cluster"</h2>
            <p class="muted">"Azure can't see these. Check each one on the ONTAP cluster and tick it; the confirmation is kept for this pool and recorded with each migration you create."</p>
            <ManualChecklist pool />
        </section>
    }
}
