//! Where migrations go: tenant, subscription, resource group, NetApp account, capacity pool,
//! each chosen from what ARM lists, remembered between visits.

use crate::arm::context::use_arm;
use crate::auth::{use_auth, AuthStatus};
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::page_header::PageHeader;
use crate::state::operations::arm_error_of;
use crate::state::scope::{use_scope, Scope};
use anf_core::arm::ClientError;
use anf_core::models::{CapacityPool, NetAppAccount, ResourceGroup, Subscription};
use anf_core::preflight::listing::{filter_page, portal_url, PAGE_SIZE};
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/pages/scope_page.module.css");

/// One thing to choose from a list.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    /// What the scope keeps (GUID or name).
    key: String,
    /// What people read first.
    title: String,
    /// Second line: id, region, size...
    detail: String,
    /// The resource's ARM id, for the portal link.
    arm_id: String,
}

/// A list as loaded: `None` while loading.
type Loaded = Option<Result<Vec<Choice>, ClientError>>;

fn subscription_choice(s: &Subscription) -> Choice {
    let state = s.state.as_ref().map(|st| format!(" · {st}")).unwrap_or_default();
    Choice {
        key: s.subscription_id.clone(),
        title: if s.display_name.is_empty() {
            s.subscription_id.clone()
        } else {
            s.display_name.clone()
        },
        detail: format!("{}{state}", s.subscription_id),
        arm_id: format!("/subscriptions/{}", s.subscription_id),
    }
}

fn group_choice(g: &ResourceGroup) -> Choice {
    Choice {
        key: g.name.clone(),
        title: g.name.clone(),
        detail: g.location.clone(),
        arm_id: g.id.clone(),
    }
}

fn account_choice(a: &NetAppAccount) -> Choice {
    let name = anf_core::models::short_name(&a.name).to_owned();
    Choice { key: name.clone(), title: name, detail: a.location.clone(), arm_id: a.id.clone() }
}

fn pool_choice(p: &CapacityPool) -> Choice {
    // Pool sizes are whole TiB; the display needs no more precision than f64 gives.
    #[allow(clippy::cast_precision_loss)]
    let tib = p.properties.size as f64 / (1u64 << 40) as f64;
    let level = p.properties.service_level.as_ref().map(ToString::to_string).unwrap_or_default();
    Choice {
        key: p.short_name().to_owned(),
        title: p.short_name().to_owned(),
        detail: format!("{level} · {tib} TiB · {}", p.location),
        arm_id: p.id.clone(),
    }
}

/// Sets one level of the scope and forgets the levels below it when it changed.
fn choose(scope: RwSignal<Scope>, level: usize, key: String) {
    scope.update(|s| {
        let slots = [&mut s.subscription, &mut s.resource_group, &mut s.account, &mut s.pool];
        if slots[level].as_deref() == Some(key.as_str()) {
            return;
        }
        for (i, slot) in slots.into_iter().enumerate() {
            if i == level {
                *slot = Some(key.clone());
            } else if i > level {
                *slot = None;
            }
        }
    });
}

/// The scope picker.
#[component]
pub fn ScopePage() -> impl IntoView {
    let scope = use_scope();
    let arm = use_arm();
    let auth = use_auth();
    let demo = arm.demo().is_some();
    // Portal links need the tenant the user is signed in to; demo resources have no portal page.
    let tenant = Signal::derive(move || match auth.map(|a| a.status.get()) {
        Some(AuthStatus::SignedIn(account)) => Some(account.tenant_id),
        _ => None,
    });
    let signed_in_as = Memo::new(move |_| tenant.get());

    let sub = Memo::new(move |_| scope.with(|s| s.subscription_id()));
    let group = Memo::new(move |_| scope.with(|s| s.resource_group_id()));
    let account = Memo::new(move |_| scope.with(|s| s.account_id()));

    let subs = LocalResource::new(move || {
        signed_in_as.track();
        let client = arm.client();
        async move { client.list_subscriptions().await }
    });
    let groups = LocalResource::new(move || {
        let (client, id) = (arm.client(), sub.get());
        async move {
            match id {
                Some(id) => Some(client.list_resource_groups(&id).await),
                None => None,
            }
        }
    });
    let accounts = LocalResource::new(move || {
        let (client, id) = (arm.client(), group.get());
        async move {
            match id {
                Some(id) => Some(client.list_accounts(&id).await),
                None => None,
            }
        }
    });
    let pools = LocalResource::new(move || {
        let (client, id) = (arm.client(), account.get());
        async move {
            match id {
                Some(id) => Some(client.list_pools(&id).await),
                None => None,
            }
        }
    });

    let sub_items = Signal::derive(move || -> Loaded {
        subs.get().map(|r| r.map(|v| v.iter().map(subscription_choice).collect()))
    });
    let group_items = Signal::derive(move || -> Loaded {
        groups.get().flatten().map(|r| r.map(|v| v.iter().map(group_choice).collect()))
    });
    let account_items = Signal::derive(move || -> Loaded {
        accounts.get().flatten().map(|r| r.map(|v| v.iter().map(account_choice).collect()))
    });
    let pool_items = Signal::derive(move || -> Loaded {
        pools.get().flatten().map(|r| r.map(|v| v.iter().map(pool_choice).collect()))
    });

    let complete = Memo::new(move |_| scope.with(|s| s.pool_id().is_some()));
    view! {
        <PageHeader title="Scope"
            summary="Choose where the migrations go: subscription, resource group, NetApp account and capacity pool. The choice is remembered in this browser." />
        {demo.then(|| view! {
            <p class=style::note role="note">
                "Demo mode: the tenant and these resources are simulated, so they have no Azure portal pages."
            </p>
        })}
        <div class=style::levels>
            <TenantSection />
            <Level name="subscription" title="Subscription" noun="subscriptions" items=sub_items
                blocked=Signal::derive(|| None) selected=Signal::derive(move || scope.with(|s| s.subscription.clone()))
                on_select=Callback::new(move |k| choose(scope, 0, k)) tenant demo />
            <Level name="resource-group" title="Resource group" noun="resource groups" items=group_items
                blocked=Signal::derive(move || sub.get().is_none().then_some("Choose a subscription first."))
                selected=Signal::derive(move || scope.with(|s| s.resource_group.clone()))
                on_select=Callback::new(move |k| choose(scope, 1, k)) tenant demo />
            <Level name="account" title="NetApp account" noun="NetApp accounts" items=account_items
                blocked=Signal::derive(move || group.get().is_none().then_some("Choose a resource group first."))
                selected=Signal::derive(move || scope.with(|s| s.account.clone()))
                on_select=Callback::new(move |k| choose(scope, 2, k)) tenant demo />
            <Level name="pool" title="Capacity pool" noun="capacity pools" items=pool_items
                blocked=Signal::derive(move || account.get().is_none().then_some("Choose a NetApp account first."))
                selected=Signal::derive(move || scope.with(|s| s.pool.clone()))
                on_select=Callback::new(move |k| choose(scope, 3, k)) tenant demo />
        </div>
        <p class=style::next role="status">
            {move || if complete.get() {
                view! { "Scope chosen. Next: " <a href="/preflight">"run the pre-flight checks"</a> " or " <a href="/migrations">"see the migrations"</a> "." }.into_any()
            } else {
                view! { "Choose each level down to the capacity pool." }.into_any()
            }}
        </p>
    }
}

/// The signed-in tenant, the tenants the user can reach, and switching between them.
#[component]
fn TenantSection() -> impl IntoView {
    let arm = use_arm();
    let auth = use_auth();
    let scope = use_scope();
    let tenants = LocalResource::new(move || {
        let client = arm.client();
        async move { client.list_tenants().await }
    });
    let current = Signal::derive(move || match auth.map(|a| a.status.get()) {
        Some(AuthStatus::SignedIn(account)) => Some(account.tenant_id),
        _ => None,
    });
    view! {
        <section class=style::level aria-labelledby="scope-tenant">
            <h2 id="scope-tenant">"Tenant"</h2>
            {move || match tenants.get() {
                None => view! { <p role="status">"Loading tenants…"</p> }.into_any(),
                Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                Some(Ok(list)) => {
                    let here = current.get();
                    view! {
                        <ul class=style::options aria-label="Tenants">
                            {list.into_iter().map(|t| {
                                let is_current = auth.is_none() || here.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(&t.tenant_id));
                                let id = t.tenant_id.clone();
                                let label = t.label().to_owned();
                                let domain = t.default_domain.clone().unwrap_or_default();
                                view! {
                                    <li class=style::option data-tenant=t.tenant_id.clone()>
                                        <span class=style::choice_text>
                                            <span class=style::choice_title>{label.clone()}</span>
                                            <span class="muted mono">{format!("{domain} {}", t.tenant_id)}</span>
                                        </span>
                                        {if auth.is_none() {
                                            view! { <span class="muted">"Simulated tenant"</span> }.into_any()
                                        } else if is_current {
                                            view! { <span class=style::current>"Signed in here"</span> }.into_any()
                                        } else {
                                            view! {
                                                <button type="button" class="btn"
                                                    aria-label=format!("Switch to tenant {label}")
                                                    on:click=move |_| {
                                                        if let Some(a) = auth {
                                                            // Another tenant has other subscriptions.
                                                            scope.set(Scope::default());
                                                            a.switch_tenant(id.clone());
                                                        }
                                                    }
                                                >"Switch"</button>
                                            }.into_any()
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// One level: a filter box, a page of choices as radio buttons, "Show more", portal links.
#[component]
fn Level(
    name: &'static str,
    title: &'static str,
    noun: &'static str,
    items: Signal<Loaded>,
    blocked: Signal<Option<&'static str>>,
    selected: Signal<Option<String>>,
    on_select: Callback<String>,
    tenant: Signal<Option<String>>,
    demo: bool,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE_SIZE);
    let heading = format!("scope-{name}");
    let filter_id = format!("scope-{name}-filter");
    let labelled_by = heading.clone();
    let heading_id = heading.clone();
    view! {
        <section class=style::level aria-labelledby=labelled_by data-level=name>
            <h2 id=heading_id>{title}</h2>
            <p class=style::selected>
                {move || match selected.get() {
                    Some(s) => {
                        // The name people know, when the list has it.
                        let title = items.with(|l| match l {
                            Some(Ok(list)) => list.iter().find(|c| c.key.eq_ignore_ascii_case(&s)).map(|c| c.title.clone()),
                            _ => None,
                        });
                        let shown = match title {
                            Some(t) if t != s => format!("{t} ({s})"),
                            _ => s,
                        };
                        view! { "Chosen: " <strong>{shown}</strong> }.into_any()
                    }
                    None => view! { <span class="muted">"Nothing chosen yet."</span> }.into_any(),
                }}
            </p>
            {move || {
                if let Some(why) = blocked.get() {
                    return view! { <p class="muted">{why}</p> }.into_any();
                }
                match items.get() {
                    None => view! { <p role="status">{format!("Loading {noun}…")}</p> }.into_any(),
                    Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! {
                        <p>{format!("No {noun} here that you can see. Create one in the Azure portal, or check your role assignments (Reader is enough to list).")}</p>
                    }.into_any(),
                    Some(Ok(list)) => {
                        let list = StoredValue::new(list);
                        let listing = Memo::new(move |_| {
                            list.with_value(|l| filter_page(l, |c| format!("{} {} {}", c.title, c.key, c.detail), &query.get(), limit.get()))
                        });
                        let filter_id = filter_id.clone();
                        let heading = heading.clone();
                        view! {
                            <div class="field">
                                <label for=filter_id.clone()>{format!("Filter {noun}")}</label>
                                <input type="search" id=filter_id autocomplete="off"
                                    prop:value=move || query.get()
                                    on:input=move |ev| { query.set(event_target_value(&ev)); limit.set(PAGE_SIZE); } />
                            </div>
                            <ul class=style::options role="radiogroup" aria-labelledby=heading>
                                {move || listing.get().shown.into_iter().map(|c| view! {
                                    <ChoiceRow name choice=c selected on_select tenant demo />
                                }).collect_view()}
                            </ul>
                            <p class="muted" aria-live="polite">{move || {
                                let l = listing.get();
                                if l.matching == 0 {
                                    format!("No {noun} match \"{}\".", query.get())
                                } else if l.shown.len() == l.total {
                                    // Everything is on screen: a count would only add noise.
                                    String::new()
                                } else if l.matching == l.total {
                                    format!("Showing {} of {}.", l.shown.len(), l.total)
                                } else {
                                    format!("Showing {} of {} matching ({} in all).", l.shown.len(), l.matching, l.total)
                                }
                            }}</p>
                            {move || {
                                let hidden = listing.get().hidden();
                                (hidden > 0).then(|| view! {
                                    <button type="button" class="btn" on:click=move |_| limit.update(|n| *n += PAGE_SIZE)>
                                        {format!("Show {} more", hidden.min(PAGE_SIZE))}
                                    </button>
                                })
                            }}
                        }.into_any()
                    }
                }
            }}
        </section>
    }
}

/// One choice: a labelled radio button and a link to the resource in the portal.
#[component]
fn ChoiceRow(
    name: &'static str,
    choice: Choice,
    selected: Signal<Option<String>>,
    on_select: Callback<String>,
    tenant: Signal<Option<String>>,
    demo: bool,
) -> impl IntoView {
    let input_id = format!(
        "scope-{name}-{}",
        choice.key.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let key = choice.key.clone();
    let key_for_check = choice.key.clone();
    let title = choice.title.clone();
    let arm_id = choice.arm_id.clone();
    view! {
        <li class=style::option data-key=choice.key.clone()>
            <input type="radio" name=format!("scope-{name}") id=input_id.clone() value=choice.key.clone()
                prop:checked=move || selected.get().is_some_and(|s| s.eq_ignore_ascii_case(&key_for_check))
                on:change=move |_| on_select.run(key.clone()) />
            <label for=input_id class=style::choice_text>
                <span class=style::choice_title>{choice.title.clone()}</span>
                <span class="muted mono">{choice.detail.clone()}</span>
            </label>
            {move || if demo {
                view! { <span class="muted">"Simulated"</span> }.into_any()
            } else {
                view! {
                    <a href=portal_url(&tenant.get().unwrap_or_default(), &arm_id) target="_blank" rel="noopener noreferrer"
                        aria-label=format!("Open {title} in the Azure portal (new tab)")>"Portal"</a>
                }.into_any()
            }}
        </li>
    }
}
