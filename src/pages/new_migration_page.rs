//! Creating a migration volume: the portal's Source tab, then the Azure NetApp Files volume,
//! review of the exact request, and the create followed to the end.

use crate::arm::browser_env::now;
use crate::arm::context::use_arm;
use crate::components::new_migration::create_status::CreateStatus;
use crate::components::new_migration::form_tabs::{tab_id, FormTabs};
use crate::components::new_migration::network_tab::NetworkTab;
use crate::components::new_migration::review_tab::{ChecklistSnapshot, ReviewTab};
use crate::components::new_migration::source_tab::SourceTab;
use crate::components::new_migration::subnet_options::{load_subnet_options, SubnetOption};
use crate::components::new_migration::volume_tab::VolumeTab;
use crate::components::new_migration::FormState;
use crate::components::preflight::checklist_store::load_confirmed_checklist;
use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::state::operations::use_operations;
use crate::state::scope::use_scope;
use crate::state::toasts::{use_toasts, ToastKind};
use crate::storage::{self, Area};
use anf_core::arm::paths;
use anf_core::ids::VolumeId;
use anf_core::migration::OpAction;
use anf_core::migration_meta::{storage_key, MigrationMeta};
use anf_core::models::CapacityPool;
use anf_core::validation::migration::TargetFacts;
use anf_core::validation::smb::AdConnection;
use anf_core::validation::throughput::PoolQos;
use anf_core::wizard::draft::{FormContext, NewMigrationDraft};
use anf_core::wizard::new_migration::FormTab;
use leptos::prelude::*;

stylance::import_crate_style!(style, "src/pages/new_migration_page.module.css");

/// Where the draft is kept while the person types (this tab only; survives the sign-in
/// redirect and reloads).
pub const DRAFT_KEY: &str = "anf-migrate.new-migration-draft";

/// The source, the destination volume, review and create.
#[component]
pub fn NewMigrationPage() -> impl IntoView {
    let scope = use_scope();
    view! {
        <PageHeader title="New migration"
            summary="Describe the source ONTAP volume and the Azure NetApp Files volume that will receive it. Nothing is sent until you choose Create on Review + Create." />
        {move || if scope.with(|s| s.pool_id().is_some()) {
            view! { <NewMigrationForm /> }.into_any()
        } else {
            view! {
                <EmptyState title="Choose where to migrate to">
                    <p>"A migration volume goes into a capacity pool. " <a href="/scope">"Choose the subscription, NetApp account and capacity pool"</a> " first."</p>
                </EmptyState>
            }.into_any()
        }}
    }
}

/// The form itself, once the scope is complete.
#[component]
fn NewMigrationForm() -> impl IntoView {
    let arm = use_arm();
    let scope = use_scope();
    let ops = use_operations();
    let toasts = use_toasts();
    let client = arm.client();
    let api_version = client.api_version();
    let endpoint = client.settings().endpoint.clone();

    let draft = RwSignal::new(
        storage::load::<NewMigrationDraft>(Area::Session, DRAFT_KEY).unwrap_or_default(),
    );
    Effect::new(move |_| {
        draft.with(|d| {
            if *d == NewMigrationDraft::default() {
                storage::remove(Area::Session, DRAFT_KEY);
            } else {
                storage::save(Area::Session, DRAFT_KEY, d);
            }
        });
    });

    let pool = LocalResource::new(move || {
        let account = scope.with(|s| s.account_id());
        let name = scope.with(|s| s.pool.clone());
        let client = arm.client();
        async move {
            let (Some(account), Some(name)) = (account, name) else { return Ok(None) };
            let pools = client.list_pools(&account).await.map_err(|e| e.user_message())?;
            Ok::<Option<CapacityPool>, String>(
                pools.into_iter().find(|p| p.short_name().eq_ignore_ascii_case(&name)),
            )
        }
    });
    // The pool's volume names, so a name already taken is refused at the field (a PUT to it
    // would change that volume); read again after each create.
    let pool_volumes = LocalResource::new(move || {
        let _ = ops.generation();
        let pool = scope.with(|s| s.pool_id());
        let client = arm.client();
        async move {
            let pool = pool?;
            let volumes = client.list_volumes(&pool).await.ok()?;
            Some(volumes.iter().filter_map(|v| v.short_name().map(str::to_owned)).collect())
        }
    });
    // The account's Active Directory connection: an SMB or dual-protocol volume needs one.
    let account = LocalResource::new(move || {
        let group = scope.with(|s| s.resource_group_id());
        let name = scope.with(|s| s.account.clone());
        let client = arm.client();
        async move {
            let (Some(group), Some(name)) = (group, name) else { return None };
            let accounts = client.list_accounts(&group).await.ok()?;
            accounts.into_iter().find(|a| a.name.eq_ignore_ascii_case(&name))
        }
    });
    let ad_connection = Signal::derive(move || {
        account.get().flatten().map_or(AdConnection::Unknown, |a| AdConnection::of(&a))
    });
    let subnets = LocalResource::new(move || {
        let subscription = scope.with(|s| s.subscription_id());
        let client = arm.client();
        async move {
            let Some(subscription) = subscription else { return Ok(Vec::new()) };
            load_subnet_options(&client, &subscription).await.map_err(|e| e.user_message())
        }
    });
    let pool_value = Memo::new(move |_| pool.get().and_then(Result::ok).flatten());
    let pool_qos = Signal::derive(move || pool_value.with(|p| p.as_ref().map(PoolQos::of)));
    let subnet_list = Memo::new(move |_| subnets.get().and_then(Result::ok).unwrap_or_default());
    let subnets_status = Signal::derive(move || {
        match subnets.get() {
        None => Some("Reading the virtual networks…".to_owned()),
        Some(Err(e)) => Some(format!("The virtual networks could not be read: {e}")),
        Some(Ok(list)) if list.is_empty() => Some(
            "No subnet in this subscription is delegated to Microsoft.NetApp/volumes. Delegate one in the Azure portal, then come back.".to_owned(),
        ),
        Some(Ok(_)) => None,
    }
    });

    // Sensible starts: the pool's service level, and the only delegated subnet if there is one.
    Effect::new(move |_| {
        if let Some(level) =
            pool_value.with(|p| p.as_ref().and_then(|p| p.properties.service_level.clone()))
        {
            if draft.with_untracked(|d| d.service_level.is_empty()) {
                draft.update(|d| d.service_level = level.to_string());
            }
        }
    });
    Effect::new(move |_| {
        subnet_list.with(|list| {
            if let [only] = list.as_slice() {
                if draft.with_untracked(|d| d.subnet_id.is_empty() && d.vnet_id.is_empty()) {
                    let (vnet, subnet) = (only.vnet_id.clone(), only.subnet.id.clone());
                    draft.update(|d| {
                        d.vnet_id = vnet;
                        d.subnet_id = subnet;
                    });
                }
            }
        });
    });

    let ctx = Memo::new(move |_| {
        let subnet_id = draft.with(|d| d.subnet_id.clone());
        let chosen: Option<SubnetOption> = subnet_list
            .with(|l| l.iter().find(|o| o.subnet.id.eq_ignore_ascii_case(&subnet_id)).cloned());
        pool_value.with(|p| FormContext {
            api_version,
            pool_service_level: p.as_ref().and_then(|p| p.properties.service_level.clone()),
            location: p.as_ref().map(|p| p.location.clone()).unwrap_or_default(),
            subnet: chosen.as_ref().map(|o| o.subnet.clone()),
            subnet_usage: chosen.and_then(|o| o.usage),
            pool_volumes: pool_volumes.get().flatten(),
        })
    });
    let target = Memo::new(move |_| TargetFacts {
        active_directory: ad_connection.get(),
        pool_qos: pool_qos.get(),
    });
    let check =
        Memo::new(move |_| ctx.with(|c| target.with(|t| draft.with(|d| d.check_with(c, t)))));
    let form = FormState { draft, check };

    let request_line = Signal::derive({
        let endpoint = endpoint.clone();
        move || {
            let pool_id = scope.with(|s| s.pool_id())?;
            if ctx.with(|c| c.location.is_empty()) {
                return None;
            }
            let name = check.with(|c| c.request.as_ref().map(|r| r.volume_name.clone()))?;
            let path = paths::volume(&pool_id.volume(name));
            Some(format!("PUT {endpoint}{path}?api-version={api_version}"))
        }
    });
    let checklist = Memo::new(move |_| {
        // What was confirmed on Pre-flight for this pool; copied into the migration's record.
        scope.with(load_confirmed_checklist).map_or_else(ChecklistSnapshot::default, |c| {
            ChecklistSnapshot {
                items: c.to_meta_items(),
                confirmed_at: Some(crate::local_time::local_time(c.confirmed_at)),
                confirmed_at_ms: Some(c.confirmed_at),
            }
        })
    });

    let create_op = Memo::new(move |_| draft.with(|d| d.create_operation));
    let create_volume = Memo::new(move |_| draft.with(|d| d.volume_id.clone()));
    let busy = Signal::derive(move || {
        create_op.get().and_then(|id| ops.get(id)).is_some_and(|o| o.is_active())
    });
    let created = RwSignal::new(None::<(u64, String)>);
    // A create that succeeded (now, or while the page was away): keep its record, clear the form.
    Effect::new(move |_| {
        let Some(id) = create_op.get() else { return };
        let Some(op) = ops.get(id) else { return };
        if op.succeeded() {
            let (meta, volume) =
                draft.with_untracked(|d| (d.pending_meta.clone(), d.volume_id.clone()));
            if let Some(meta) = meta {
                storage::save(Area::Local, &storage_key(&meta.volume_id), &meta);
            }
            let name =
                volume.and_then(|v| VolumeId::parse(&v).ok()).map(|v| v.volume).unwrap_or_default();
            created.set(Some((id, name)));
            draft.set(NewMigrationDraft::default());
        }
    });

    let on_create = Callback::new(move |()| {
        let Some(request) = check.with_untracked(|c| c.request.clone()) else {
            let errors = check.with_untracked(|c| c.errors.clone());
            draft.update(|d| d.touch_all(&errors));
            return;
        };
        let (Some(pool_id), false) =
            (scope.with_untracked(|s| s.pool_id()), ctx.with_untracked(|c| c.location.is_empty()))
        else {
            toasts.push(
                ToastKind::Error,
                "The capacity pool is not read yet; try again in a moment.",
            );
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let id = pool_id.volume(request.volume_name.clone());
        let target = id.to_string();
        let snapshot = checklist.get_untracked();
        let meta = MigrationMeta {
            volume_id: target.clone(),
            created_at: Some(now()),
            source_logical_bytes: Some(request.source_logical_bytes),
            peer_addresses: request.peer_addresses.clone(),
            checklist: snapshot.items,
            checklist_confirmed_at: snapshot.confirmed_at_ms,
        };
        let spec = request.spec.clone();
        let label = format!("Create migration volume {}", request.volume_name);
        let started = ops.start(target, OpAction::Create, label, move |client, now| async move {
            client.create_migration_volume(&id, &spec, now).await
        });
        match started {
            Ok(op) => draft.update(|d| {
                d.create_operation = Some(op);
                d.volume_id = Some(meta.volume_id.clone());
                d.pending_meta = Some(meta);
            }),
            Err(busy) => toasts.push(
                ToastKind::Error,
                format!("\"{}\" is still running on this volume.", busy.label),
            ),
        }
    });

    let tab = Memo::new(move |_| draft.with(|d| d.tab));
    let pool_label = Signal::derive(move || {
        let name = scope.with(|s| s.pool.clone())?;
        Some((
            name,
            pool_value.with(|p| p.as_ref().and_then(|p| p.properties.service_level.clone())),
        ))
    });
    let status_card = move || {
        let running = create_op.get().zip(create_volume.get());
        let shown = running
            .map(|(id, v)| (id, VolumeId::parse(&v).map(|v| v.volume).unwrap_or(v)))
            .or_else(|| created.get());
        let another = Callback::new(move |()| created.set(None));
        shown.map(
            |(id, name)| view! { <CreateStatus op_id=id volume_name=name on_another=another /> },
        )
    };
    // Once a volume is created the form is empty again: it waits behind "Start another
    // migration" instead of sitting, blank, under the news.
    let form_shown = move || created.with(Option::is_none);
    let demo = arm.demo().is_some();
    view! {
        <div class=style::page>
            {status_card}
            <Show when=form_shown>
            {demo.then(|| view! {
                <p class="muted">"Demo: the source is the simulated cluster onprem-cl01 (SVM svm_nfs, volumes vol_home, vol_projects, vol_archive, vol_scratch; intercluster LIFs 192.168.10.21 and 192.168.10.22). Look things up in the "
                    <a href="/demo">"ONTAP console"</a> "."</p>
            })}
            <FormTabs form=form />
            <div class=format!("card stack {}", style::panel) role="tabpanel"
                id=move || format!("{}-panel", tab_id(tab.get()))
                aria-labelledby=move || tab_id(tab.get())>
                {move || match tab.get() {
                    FormTab::Source => view! { <SourceTab form=form /> }.into_any(),
                    FormTab::Volume => view! { <VolumeTab form=form pool=pool_label qos=pool_qos /> }.into_any(),
                    FormTab::Network => view! {
                        <NetworkTab form=form subnets=subnet_list subnets_status=subnets_status ad=ad_connection />
                    }.into_any(),
                    FormTab::Review => view! {
                        <ReviewTab form=form request_line=request_line checklist=checklist
                            pool=Signal::derive(move || pool_label.with(|p| p.as_ref().map(|(name, _)| name.clone())))
                            busy=busy on_create=on_create />
                    }.into_any(),
                }}
                <div class="toolbar">
                    <Show when=move || tab.get() != FormTab::Source>
                        <button type="button" class="btn" on:click=move |_| form.go_to(tab.get_untracked().previous())>
                            {move || format!("Previous: {}", tab.get().previous().label())}
                        </button>
                    </Show>
                    <Show when=move || tab.get() != FormTab::Review>
                        <button type="button" class="btn btn-primary" on:click=move |_| form.go_to(tab.get_untracked().next())>
                            {move || format!("Next: {}", tab.get().next().label())}
                        </button>
                    </Show>
                </div>
            </div>
            </Show>
        </div>
    }
}
