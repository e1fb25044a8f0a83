//! Configure Peering: the wizard that peers the source cluster and SVM with Azure NetApp Files
//! for one migration volume, and watches until the baseline transfer starts.

use crate::arm::browser_env::now;
use crate::arm::context::use_arm;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::peering::addresses_step::AddressesStep;
use crate::components::peering::cluster_step::ClusterStep;
use crate::components::peering::step_list::StepList;
use crate::components::peering::svm_step::SvmStep;
use crate::components::peering::watch_step::WatchStep;
use crate::components::peering::{local_time, offer_clock, offer_now, state_key, Wizard};
use crate::components::{empty_state::EmptyState, page_header::PageHeader};
use crate::hooks::use_polled;
use crate::state::operations::{arm_error_of, use_operations};
use crate::state::scope::use_scope;
use crate::state::toasts::{use_toasts, ToastKind};
use crate::storage::{self, Area};
use anf_core::arm::ArmError;
use anf_core::ids::VolumeId;
use anf_core::migration::OpAction;
use anf_core::migration_meta::{storage_key, MigrationMeta};
use anf_core::models::{ClusterPeerCommand, ReplicationStatus, SvmPeerCommand, Volume};
use anf_core::time::Timestamp;
use anf_core::validation::addresses::parse_intercluster_addresses;
use anf_core::wizard::peering::{
    derive_step, ArmView, PeeringNotice, PeeringStep, PeeringWizardState,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

stylance::import_crate_style!(style, "src/pages/peering_page.module.css");

/// How often the volume is read while the wizard is open (and the tab visible).
const POLL_EVERY: Duration = Duration::from_secs(4);
/// In demo mode the simulator is in the page and costs no ARM budget: answer the trainee sooner.
const DEMO_POLL_EVERY: Duration = Duration::from_secs(2);

/// The wizard for the volume named in the URL, in the current scope's pool.
#[component]
pub fn PeeringPage() -> impl IntoView {
    let params = use_params_map();
    let scope = use_scope();
    let volume = Memo::new(move |_| {
        let name = params.with(|p| p.get("volume")).unwrap_or_default();
        scope.with(|s| s.pool_id()).map(|pool| pool.volume(name))
    });
    move || {
        match volume.get() {
        Some(id) => {
            let name = id.volume.clone();
            view! {
                <PageHeader title="Configure Peering"
                    summary=format!("Peer the source cluster and SVM with Azure NetApp Files for {name}, then watch the baseline transfer start.") />
                <PeeringWizard volume_id=id />
            }
            .into_any()
        }
        None => view! {
            <PageHeader title="Configure Peering" summary="Peer the source cluster and SVM with Azure NetApp Files." />
            <EmptyState title="Choose a capacity pool first">
                <p>"The migration volume is looked up in the current scope's capacity pool. " <a href="/scope">"Choose the scope"</a> "."</p>
            </EmptyState>
        }
        .into_any(),
    }
    }
}

/// ARM's view of the volume, with the replication status when it was read.
fn arm_view_of(volume: &Volume, status: Option<&ReplicationStatus>) -> ArmView {
    let r = volume.replication();
    ArmView {
        setup_status: r.and_then(|r| r.external_replication_setup_status.clone()),
        mirror_state: status
            .and_then(|s| s.mirror_state.clone())
            .or_else(|| r.and_then(|r| r.mirror_state.clone())),
        relationship_status: status
            .and_then(|s| s.relationship_status.clone())
            .or_else(|| r.and_then(|r| r.relationship_status.clone())),
    }
}

#[component]
fn PeeringWizard(volume_id: VolumeId) -> impl IntoView {
    let arm = use_arm();
    let ops = use_operations();
    let toasts = use_toasts();
    let target = volume_id.to_string();
    let name = volume_id.volume.clone();

    // The wizard's own memory, restored after a reload; addresses from the new-migration form.
    let key = state_key(&target);
    let mut initial: PeeringWizardState = storage::load(Area::Session, &key).unwrap_or_default();
    if initial.addresses.trim().is_empty() {
        if let Some(meta) = storage::load::<MigrationMeta>(Area::Local, &storage_key(&target)) {
            initial.addresses = meta.peer_addresses.join("\n");
        }
    }
    let state = RwSignal::new(initial);
    Effect::new(move |_| state.with(|s| storage::save(Area::Session, &key, s)));

    let volume = RwSignal::new(None::<Result<Volume, ArmError>>);
    let status = RwSignal::new(None::<ReplicationStatus>);
    let checked_at = RwSignal::new(None::<Timestamp>);
    let clock = RwSignal::new(offer_now(&arm));
    if let Ok(handle) =
        set_interval_with_handle(move || clock.set(offer_now(&arm)), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }

    let arm_view = Memo::new(move |_| {
        volume.with(|v| match v {
            Some(Ok(v)) => status.with(|s| Some(arm_view_of(v, s.as_ref()))),
            _ => None,
        })
    });
    let view_now = Memo::new(move |_| {
        let a = arm_view.get().unwrap_or_default();
        // This browser's peering operation still running: its offer is on its way here.
        let issuing = state
            .with(|s| s.peer_operation)
            .and_then(|id| ops.get(id))
            .is_some_and(|o| o.is_active());
        state.with(|s| derive_step(&a, s, clock.get(), issuing))
    });

    // Poll the volume (and, once replication is being set up, its status) every few seconds,
    // at once when an operation on it ends, and never while the tab is hidden.
    let client = StoredValue::new_local(arm.client());
    let poll_id = StoredValue::new(volume_id.clone());
    let every = if arm.demo().is_some() { DEMO_POLL_EVERY } else { POLL_EVERY };
    let polled = use_polled(move || async move {
        let (Some(client), Some(id)) = (client.try_get_value(), poll_id.try_get_value()) else {
            return None;
        };
        let read = client.get_volume(&id).await.map_err(|e| arm_error_of(&e));
        if volume.try_set(Some(read)).is_some() {
            return None;
        }
        if view_now.try_get_untracked().is_some_and(|v| v.step >= PeeringStep::SvmPeering) {
            // Before the relationship exists the service may refuse this: not an error here.
            let read = client.replication_status(&id).await.ok();
            if status.try_set(read).is_some() {
                return None;
            }
        }
        checked_at.try_set(Some(now()));
        Some(every)
    });
    Effect::new(move |prev: Option<u64>| {
        let generation = ops.generation();
        if prev.is_some_and(|p| p != generation) {
            polled.poke.run(());
        }
        generation
    });

    // Results of the operations this wizard started, also when they ended while the page was away.
    Effect::new(move |_| {
        let Some(op) = state.with(|s| s.peer_operation).and_then(|id| ops.get(id)) else { return };
        if op.succeeded() {
            let result = op.result().unwrap_or_default();
            let peer = ClusterPeerCommand::from_value(&result).unwrap_or_default();
            let at = offer_clock(&arm, op.finished_at.unwrap_or_else(now));
            state.update(|s| s.record_offer(peer.command, peer.passphrase, at));
        }
    });
    Effect::new(move |_| {
        let Some(op) = state.with(|s| s.authorize_operation).and_then(|id| ops.get(id)) else {
            return;
        };
        if op.succeeded() {
            let result = op.result().unwrap_or_default();
            let svm = SvmPeerCommand::from_value(&result).unwrap_or_default();
            state.update(|s| s.record_svm_command(svm.command));
        }
    });
    let op_error = move |pick: fn(&PeeringWizardState) -> Option<u64>| {
        Signal::derive(move || {
            state.with(pick).and_then(|id| ops.get(id)).and_then(|o| o.error().cloned())
        })
    };

    let busy_target = target.clone();
    let busy = Signal::derive(move || ops.active_on(&busy_target).map(|o| o.label));
    let start_peering = {
        let (target, id) = (target.clone(), volume_id.clone());
        Callback::new(move |()| {
            let addresses =
                match state.with_untracked(|s| parse_intercluster_addresses(&s.addresses)) {
                    Ok(a) => a,
                    Err(e) => {
                        toasts.push(ToastKind::Error, e.message);
                        return;
                    }
                };
            let (id, target) = (id.clone(), target.clone());
            let label = format!("Cluster peering for {}", id.volume);
            let started = ops.start(target, OpAction::Peer, label, move |client, now| async move {
                client.peer_external_cluster(&id, &addresses, now).await
            });
            match started {
                Ok(op) => state.update(|s| s.peer_operation = Some(op)),
                Err(b) => {
                    toasts.push(ToastKind::Error, format!("\"{}\" is still running.", b.label))
                }
            }
        })
    };
    let authorize = {
        let (target, id) = (target.clone(), volume_id.clone());
        Callback::new(move |()| {
            let (id, target) = (id.clone(), target.clone());
            let label = format!("Authorize SVM peering for {}", id.volume);
            let started =
                ops.start(target, OpAction::Authorize, label, move |client, now| async move {
                    client.authorize_external_replication(&id, now).await
                });
            match started {
                Ok(op) => state.update(|s| s.authorize_operation = Some(op)),
                Err(b) => {
                    toasts.push(ToastKind::Error, format!("\"{}\" is still running.", b.label))
                }
            }
        })
    };
    // Demo mode knows the simulated source cluster, so how many nodes need an address.
    let known_nodes = Signal::derive(move || {
        let host = volume.with(|v| {
            v.as_ref()?
                .as_ref()
                .ok()?
                .replication()?
                .remote_path
                .as_ref()
                .map(|p| p.external_host_name.clone())
        })?;
        arm.demo()?.read(|sim| {
            let cluster = sim.world().cluster_by_name(&host)?;
            u32::try_from(cluster.nodes.len()).ok()
        })
    });
    // Microsoft's how-to: a peering whose operation hasn't succeeded in an hour is run again.
    let peer_overdue = Signal::derive(move || {
        state.with(|s| s.peer_operation).is_some_and(|id| ops.is_overdue(id))
    });
    let rerun_peering = Callback::new(move |()| {
        if let Some(id) = state.with_untracked(|s| s.peer_operation) {
            if ops.supersede(id) {
                start_peering.run(());
            }
        }
    });
    let wizard = Wizard {
        state,
        view: view_now,
        busy,
        clock,
        start_peering,
        authorize,
        peer_error: op_error(|s| s.peer_operation),
        authorize_error: op_error(|s| s.authorize_operation),
        demo: arm.demo().is_some(),
        known_nodes,
        cluster: Signal::derive(move || {
            volume.with(|v| {
                let v = v.as_ref()?.as_ref().ok()?;
                Some(v.replication()?.remote_path.as_ref()?.external_host_name.clone())
            })
        }),
    };

    let step = Memo::new(move |_| view_now.get().step);
    // A new step moves focus to its heading, so keyboard and screen-reader users follow along.
    Effect::new(move |previous: Option<PeeringStep>| {
        let current = step.get();
        if previous.is_some_and(|p| p != current) {
            if let Some(el) = document().get_element_by_id("pw-step-heading") {
                let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
            }
        }
        current
    });
    let info = Signal::derive(move || {
        volume.with(|v| {
            v.as_ref()
                .and_then(|v| v.as_ref().ok())
                .and_then(|v| v.replication()?.external_replication_setup_info.clone())
        })
    });
    let checked = Signal::derive(move || checked_at.get().map(local_time));
    let details = format!("/migrations/{name}");
    view! {
        <div class=style::page data-peering-step=move || format!("{:?}", step.get())>
            {move || match volume.get() {
                None => view! { <p class="muted" role="status">"Reading the volume…"</p> }.into_any(),
                Some(Err(e)) => view! {
                    <p>"The volume could not be read. It must be a migration volume in the current scope's capacity pool."</p>
                    <ArmErrorPanel error=e />
                    <p><a href="/migrations">"Back to the migration assistant"</a></p>
                }.into_any(),
                Some(Ok(v)) if !v.is_migration() => view! {
                    <EmptyState title="Not a migration volume">
                        <p>"Peering is configured only for volumes created by the migration assistant."</p>
                    </EmptyState>
                }.into_any(),
                Some(Ok(v)) => {
                    let source = v.replication().and_then(|r| r.remote_path.clone())
                        .map(|p| format!("{}:{}/{}", p.external_host_name, p.server_name, p.volume_name))
                        .unwrap_or_default();
                    view! { <p class="muted">"Source: " <span class="mono">{source}</span></p> }.into_any()
                }
            }}
            <Show when=move || matches!(volume.get(), Some(Ok(ref v)) if v.is_migration())>
                <StepList current=step />
                {move || peer_overdue.get().then(|| view! {
                    <div class="card stack" role="alert" data-peering-overdue>
                        <p>"Cluster peering has not succeeded after an hour. Microsoft's guidance is to run it again: first check the network between the ONTAP cluster and the delegated subnet (ICMP, TCP 11104 and 11105, HTTPS)."</p>
                        <div class="toolbar">
                            <button type="button" class="btn btn-primary" data-rerun-peering
                                on:click=move |_| rerun_peering.run(())>"Run peering again"</button>
                        </div>
                    </div>
                })}
                <section class=format!("card stack {}", style::panel) aria-labelledby="pw-step-heading">
                    <h2 id="pw-step-heading" tabindex="-1">
                        {move || match step.get() {
                            PeeringStep::Done => "The baseline transfer has started".to_owned(),
                            s => format!("Step {} of 4: {}", s.number(), s.title()),
                        }}
                    </h2>
                    {
                        let details = details.clone();
                        move || match step.get() {
                            PeeringStep::Addresses => view! { <AddressesStep wizard=wizard /> }.into_any(),
                            PeeringStep::ClusterPeering => view! {
                                <ClusterStep wizard=wizard />
                                // The addresses again only when there is no offer to wait for.
                                <Show when=move || state.with(|s| s.offer.is_none())
                                    && view_now.with(|v| v.notice != Some(PeeringNotice::IssuingOffer))>
                                    <AddressesStep wizard=wizard />
                                </Show>
                            }.into_any(),
                            PeeringStep::SvmPeering => view! { <SvmStep wizard=wizard /> }.into_any(),
                            PeeringStep::Watch => view! { <WatchStep arm=arm_view info=info checked_at=checked /> }.into_any(),
                            PeeringStep::Done => view! {
                                <p data-done>"Peering is complete and the baseline transfer is running. Follow it on the migration's page."</p>
                                <div class="toolbar">
                                    <a class="btn btn-primary" href=details.clone()>"View migration details"</a>
                                    <a class="btn" href="/migrations">"All migrations"</a>
                                </div>
                            }.into_any(),
                        }
                    }
                </section>
            </Show>
        </div>
    }
}
