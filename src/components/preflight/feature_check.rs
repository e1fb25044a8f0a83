//! The `ANFMigrationAssistant` feature: its state, a Register button, and re-reading while it
//! registers (up to an hour on Azure).

use super::check_item::{time_of_day, CheckItem};
use super::use_poll_while::{poll_interval_secs, use_poll_while};
use crate::arm::browser_env::now;
use crate::arm::context::use_arm;
use crate::components::arm_error_panel::ArmErrorPanel;
use crate::components::progress_bar::ProgressBar;
use crate::state::operations::{arm_error_of, use_operations};
use crate::state::toasts::{use_toasts, ToastKind};
use anf_core::ids::SubscriptionId;
use anf_core::migration::OpAction;
use anf_core::preflight::feature::{can_register_feature, feature_verdict, registration_poller};
use anf_core::preflight::Verdict;
use leptos::prelude::*;

/// A bar without an extent: Azure does not say how far a registration is.
fn indeterminate() -> Signal<Option<f64>> {
    Signal::stored(None)
}

/// The feature check for `subscription`.
#[component]
pub fn FeatureCheck(
    /// The chosen subscription.
    subscription: SubscriptionId,
) -> impl IntoView {
    let arm = use_arm();
    let ops = use_operations();
    let toasts = use_toasts();
    let target = subscription.to_string();
    let sub = StoredValue::new(subscription);
    let again = RwSignal::new(0u32);
    let registering = RwSignal::new(false);
    let tick = use_poll_while(registering.into());
    let feature = LocalResource::new(move || {
        tick.track();
        again.track();
        let _ = ops.generation();
        let client = arm.client();
        let sub = sub.get_value();
        async move { client.get_migration_feature(&sub).await.map(|f| (f, now())) }
    });
    Effect::new(move |_| {
        let busy =
            feature.get().and_then(Result::ok).is_some_and(|(f, _)| f.state().is_in_progress());
        registering.set(busy);
    });
    let verdict = Signal::derive(move || {
        feature.get().map(|r| r.map_or(Verdict::Unknown, |(f, _)| feature_verdict(&f.state()).0))
    });
    let target_for_ops = target.clone();
    let running = Signal::derive(move || ops.active_on(&target_for_ops).is_some());
    let target_for_history = target.clone();
    let last_request = Signal::derive(move || {
        ops.history_of(&target_for_history)
            .into_iter()
            .find(|o| o.action == OpAction::RegisterFeature)
    });
    let can_register = Signal::derive(move || {
        !running.get()
            && feature
                .get()
                .and_then(Result::ok)
                .is_some_and(|(f, _)| can_register_feature(&f.state()))
    });
    let register = move |_| {
        let sub = sub.get_value();
        let started = ops.start(
            target.clone(),
            OpAction::RegisterFeature,
            "Request to register ANFMigrationAssistant",
            move |client, at| async move {
                let answer = client.register_migration_feature(&sub).await?;
                registration_poller(&answer, "register ANFMigrationAssistant", at)
            },
        );
        if let Err(busy) = started {
            toasts.push(ToastKind::Info, format!("Already running: {}", busy.label));
        }
    };
    let interval = poll_interval_secs();
    view! {
        <CheckItem
            id="feature"
            title="Migration assistant feature (Microsoft.NetApp/ANFMigrationAssistant)"
            verdict
            why="The migration assistant's API calls are refused in a subscription where the feature is not registered."
        >
            {move || match feature.get() {
                None => view! { <p role="status">"Reading the feature's state…"</p> }.into_any(),
                Some(Err(e)) => view! { <ArmErrorPanel error=arm_error_of(&e) /> }.into_any(),
                Some(Ok((f, at))) => {
                    let state = f.state();
                    let (_, advice) = feature_verdict(&state);
                    let busy = state.is_in_progress();
                    view! {
                        <p>"State: " <strong data-feature-state=state.to_string()>{state.to_string()}</strong></p>
                        <p>{advice}</p>
                        {busy.then(|| view! { <ProgressBar value=indeterminate() label="Registering the ANFMigrationAssistant feature" /> })}
                        <p class="muted">
                            "Read from Azure at " {time_of_day(at)}
                            {busy.then(|| format!("; read again every {interval} s while this page is visible."))}
                        </p>
                    }.into_any()
                }
            }}
            {move || last_request.get().filter(|_| verdict.get() != Some(Verdict::Pass)).map(|op| {
                let minutes = now().since(op.started_at).as_secs() / 60;
                let error = op.error().cloned();
                view! {
                    <p class="muted">{format!("Registration last requested {minutes} min ago from this browser.")}</p>
                    {error.map(|error| view! { <ArmErrorPanel error /> })}
                }
            })}
            <div class="toolbar">
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=move || !can_register.get()
                    aria-busy=move || running.get().to_string()
                    on:click=register
                >
                    "Register"
                </button>
                <button type="button" class="btn" on:click=move |_| again.update(|n| *n += 1)>
                    "Check again"
                </button>
            </div>
        </CheckItem>
    }
}
