//! The Microsoft.NetApp resource provider's registration, with a Register button.

use super::check_item::{time_of_day, CheckItem};
use super::use_poll_while::use_poll_while;
use crate::arm::browser_env::now;
use crate::arm::context::use_arm;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::state::operations::{arm_error_of, use_operations};
use crate::state::toasts::{use_toasts, ToastKind};
use anf_core::ids::SubscriptionId;
use anf_core::migration::OpAction;
use anf_core::preflight::feature::{provider_in_progress, provider_verdict, registration_poller};
use anf_core::preflight::Verdict;
use leptos::prelude::*;

/// The provider check for `subscription`.
#[component]
pub fn ProviderCheck(
    /// The chosen subscription.
    subscription: SubscriptionId,
) -> impl IntoView {
    let arm = use_arm();
    let ops = use_operations();
    let toasts = use_toasts();
    let target = format!("{subscription}/providers/Microsoft.NetApp");
    let sub = StoredValue::new(subscription);
    let again = RwSignal::new(0u32);
    let registering = RwSignal::new(false);
    let tick = use_poll_while(registering.into());
    let provider = LocalResource::new(move || {
        tick.track();
        again.track();
        let _ = ops.generation();
        let client = arm.client();
        let sub = sub.get_value();
        async move { client.get_netapp_provider(&sub).await.map(|p| (p, now())) }
    });
    Effect::new(move |_| {
        registering.set(
            provider.get().and_then(Result::ok).is_some_and(|(p, _)| provider_in_progress(&p)),
        );
    });
    let verdict = Signal::derive(move || {
        provider.get().map(|r| r.map_or(Verdict::Unknown, |(p, _)| provider_verdict(&p).0))
    });
    let target_for_ops = target.clone();
    let running = Signal::derive(move || ops.active_on(&target_for_ops).is_some());
    let can_register = Signal::derive(move || {
        !running.get()
            && provider
                .get()
                .and_then(Result::ok)
                .is_some_and(|(p, _)| provider_verdict(&p).0 == Verdict::Fail)
    });
    let register = move |_| {
        let sub = sub.get_value();
        let started = ops.start(
            target.clone(),
            OpAction::RegisterProvider,
            "Request to register Microsoft.NetApp",
            move |client, at| async move {
                let answer = client.register_netapp_provider(&sub).await?;
                registration_poller(&answer, "register Microsoft.NetApp", at)
            },
        );
        if let Err(busy) = started {
            toasts.push(ToastKind::Info, format!("Already running: {}", busy.label));
        }
    };
    view! {
        <CheckItem
            id="provider"
            title="Microsoft.NetApp resource provider"
            verdict
            why="Azure NetApp Files accounts, pools and volumes can only be created in a subscription where the provider is registered."
        >
            {move || match provider.get() {
                None => view! { <p role="status">"Reading the provider's registration…"</p> }.into_any(),
                Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                Some(Ok((p, at))) => {
                    let state = p.registration_state.as_ref().map_or_else(|| "Unknown".to_owned(), ToString::to_string);
                    view! {
                        <p>"State: " <strong>{state}</strong></p>
                        <p>{provider_verdict(&p).1}</p>
                        <p class="muted">"Read from Azure at " {time_of_day(at)}</p>
                    }.into_any()
                }
            }}
            <div class="toolbar">
                <button
                    type="button"
                    class="btn"
                    disabled=move || !can_register.get()
                    aria-busy=move || running.get().to_string()
                    on:click=register
                >
                    "Register Microsoft.NetApp"
                </button>
            </div>
        </CheckItem>
    }
}
