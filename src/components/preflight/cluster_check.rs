//! One subscription per source cluster: what the app can see of other subscriptions' migrations.

use super::check_item::CheckItem;
use crate::arm::context::{use_arm, AppClient};
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::state::operations::arm_error_of;
use anf_core::arm::ClientError;
use anf_core::ids::{AccountId, PoolId, SubscriptionId};
use anf_core::preflight::clusters::{evaluate, MigrationSeen};
use anf_core::preflight::Verdict;
use leptos::prelude::*;
use std::rc::Rc;

/// Subscriptions read at most, to keep the check cheap (the chosen one always comes first).
pub const MAX_SUBSCRIPTIONS: usize = 10;

/// What was read.
#[derive(Clone, Debug)]
struct Seen {
    migrations: Vec<MigrationSeen>,
    checked: usize,
    visible: usize,
    unreadable: Vec<String>,
}

async fn migrations_in(
    client: &AppClient,
    sub: &SubscriptionId,
    name: &str,
) -> Result<Vec<MigrationSeen>, ClientError> {
    let mut out = Vec::new();
    for account in client.list_accounts_by_subscription(sub).await? {
        let Ok(account) = AccountId::parse(&account.id) else { continue };
        for pool in client.list_pools(&account).await? {
            let Ok(pool) = PoolId::parse(&pool.id) else { continue };
            for volume in client.list_volumes(&pool).await? {
                out.extend(MigrationSeen::from_volume(&sub.subscription, name, &volume));
            }
        }
    }
    Ok(out)
}

async fn read(client: Rc<AppClient>, here: SubscriptionId) -> Result<Seen, ClientError> {
    let mut subs = client.list_subscriptions().await?;
    let visible = subs.len();
    subs.sort_by_key(|s| !s.subscription_id.eq_ignore_ascii_case(&here.subscription));
    let mut seen = Seen { migrations: Vec::new(), checked: 0, visible, unreadable: Vec::new() };
    for s in subs.into_iter().take(MAX_SUBSCRIPTIONS) {
        let id = SubscriptionId::new(&s.subscription_id);
        let name =
            if s.display_name.is_empty() { s.subscription_id.clone() } else { s.display_name };
        match migrations_in(&client, &id, &name).await {
            Ok(found) => {
                seen.migrations.extend(found);
                seen.checked += 1;
            }
            // No read access there: say so rather than fail the whole check.
            Err(_) => seen.unreadable.push(name),
        }
    }
    Ok(seen)
}

/// The check from `subscription`.
#[component]
pub fn ClusterCheck(
    /// The chosen subscription.
    subscription: SubscriptionId,
) -> impl IntoView {
    let arm = use_arm();
    let here = StoredValue::new(subscription);
    let again = RwSignal::new(0u32);
    let source = RwSignal::new(String::new());
    let seen = LocalResource::new(move || {
        again.track();
        read(arm.client(), here.get_value())
    });
    let check = Memo::new(move |_| {
        seen.get().map(|r| {
            r.map(|s| {
                let source = source.get();
                let here = here.get_value();
                let source = Some(source.as_str()).filter(|s| !s.trim().is_empty());
                (
                    evaluate(&here.subscription, &s.migrations, source, s.checked, s.visible),
                    s.unreadable,
                )
            })
        })
    });
    let verdict =
        Signal::derive(move || check.get().map(|r| r.map_or(Verdict::Unknown, |(c, _)| c.verdict)));
    view! {
        <CheckItem
            id="cluster"
            title="No other subscription migrating from the same source cluster"
            verdict
            why="Cluster peering supports one active subscription per pair of source and Azure NetApp Files clusters: peering from a second subscription fails until the first one's migrations are finished."
        >
            <div class="field">
                <label for="preflight-source-cluster">"Source cluster name (optional)"</label>
                <input
                    id="preflight-source-cluster"
                    type="text"
                    autocomplete="off"
                    aria-describedby="preflight-source-cluster-hint"
                    prop:value=move || source.get()
                    on:input=move |ev| source.set(event_target_value(&ev))
                />
                <span class="field-hint" id="preflight-source-cluster-hint">
                    "As cluster show names it; with it, the check says whether that cluster is in use elsewhere."
                </span>
            </div>
            {move || match check.get() {
                None => view! { <p role="status">"Reading migration volumes in the subscriptions you can see…"</p> }.into_any(),
                Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                Some(Ok((c, unreadable))) => view! {
                    <p>{c.message.clone()}</p>
                    {(!c.in_use_elsewhere.is_empty()).then(|| view! {
                        <ul aria-label="Source clusters in use by other subscriptions">
                            {c.in_use_elsewhere.iter().map(|u| view! {
                                <li><span class="mono">{u.cluster.clone()}</span>": " {u.other_subscriptions.join(", ")}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(!unreadable.is_empty()).then(|| view! {
                        <p class="muted">{format!("Could not read: {}.", unreadable.join(", "))}</p>
                    })}
                }.into_any(),
            }}
            <div class="toolbar">
                <button type="button" class="btn" on:click=move |_| again.update(|n| *n += 1)>"Check again"</button>
            </div>
        </CheckItem>
    }
}
