//! The `ANFMigrationAssistant` feature and the Microsoft.NetApp provider: verdicts, how often to
//! look again while a registration runs, and the registration answer as an operation.

use super::Verdict;
use crate::arm::lro::{OperationKind, Poller};
use crate::arm::ClientError;
use crate::models::{FeatureState, ProviderInfo, ProviderRegistrationState};
use crate::time::Timestamp;
use crate::transport::{ArmResponse, Method};
use std::time::Duration;

/// How often the feature state is read again while it registers (at real speed).
pub const FEATURE_POLL_INTERVAL: Duration = Duration::from_secs(15);
/// Never poll faster than this, whatever the demo's speed.
pub const MIN_POLL_INTERVAL: Duration = Duration::from_secs(1);

/// The verdict on the feature, and a sentence saying what to do.
#[must_use]
pub fn feature_verdict(state: &FeatureState) -> (Verdict, &'static str) {
    match state {
        FeatureState::Registered => (Verdict::Pass, "The migration assistant is enabled for this subscription."),
        FeatureState::Registering | FeatureState::Pending => (
            Verdict::InProgress,
            "Registration is under way. It can take up to an hour; you can leave this page and come back, the state is read again from Azure on every visit.",
        ),
        FeatureState::Unregistering => (
            Verdict::Fail,
            "The feature is being unregistered. Wait until it shows Unregistered, then register it again.",
        ),
        _ => (
            Verdict::Fail,
            "Register the feature (Register-AzProviderFeature -ProviderNamespace Microsoft.NetApp -FeatureName ANFMigrationAssistant, or the button here) before you create a migration volume.",
        ),
    }
}

/// Whether the Register button makes sense in this state.
#[must_use]
pub fn can_register_feature(state: &FeatureState) -> bool {
    !matches!(
        state,
        FeatureState::Registered
            | FeatureState::Registering
            | FeatureState::Pending
            | FeatureState::Unregistering
    )
}

/// The verdict on the Microsoft.NetApp resource provider, and what to do.
#[must_use]
pub fn provider_verdict(provider: &ProviderInfo) -> (Verdict, &'static str) {
    match &provider.registration_state {
        Some(ProviderRegistrationState::Registered) => {
            (Verdict::Pass, "Microsoft.NetApp is registered in this subscription.")
        }
        Some(ProviderRegistrationState::Registering) => (
            Verdict::InProgress,
            "Microsoft.NetApp is being registered; this usually takes a few minutes.",
        ),
        _ => (
            Verdict::Fail,
            "Register the Microsoft.NetApp resource provider (az provider register --namespace Microsoft.NetApp, or the button here); nothing in Azure NetApp Files works without it.",
        ),
    }
}

/// How long to wait before reading a registration again, when the clock runs `speed` times
/// faster than real time (1 on Azure; the demo runs faster, so its registrations finish sooner
/// and are polled sooner). `None` when nothing is registering.
#[must_use]
pub fn next_poll(in_progress: bool, speed: f64) -> Option<Duration> {
    if !in_progress {
        return None;
    }
    let speed = if speed.is_finite() && speed >= 1.0 { speed } else { 1.0 };
    Some(FEATURE_POLL_INTERVAL.div_f64(speed).max(MIN_POLL_INTERVAL))
}

/// [`next_poll`] for the feature's state.
#[must_use]
pub fn next_feature_poll(state: &FeatureState, speed: f64) -> Option<Duration> {
    next_poll(state.is_in_progress(), speed)
}

/// Whether the provider is being registered (poll it).
#[must_use]
pub fn provider_in_progress(provider: &ProviderInfo) -> bool {
    provider.registration_state == Some(ProviderRegistrationState::Registering)
}

/// A registration answer (`FeatureResult` or `ProviderInfo`) as an operation that has already
/// ended, for the app's list of operations (which follows pollers). `Features_Register` and
/// `Providers_Register` answer at once with the new state; they are not long-running
/// operations, so the state is then polled with [`next_poll`].
///
/// # Errors
/// Never in practice (the answer is a success); the type comes from [`Poller::start`].
pub fn registration_poller(
    answer: &impl serde::Serialize,
    url: &str,
    now: Timestamp,
) -> Result<Poller, ClientError> {
    let body = serde_json::to_string(answer).unwrap_or_default();
    Poller::start(OperationKind::Registration, Method::Post, url, &ArmResponse::new(200, body), now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arm::lro::LroOutcome;
    use crate::models::features::FeatureProperties;
    use crate::models::FeatureResult;

    #[test]
    fn verdicts_follow_the_state() {
        assert_eq!(feature_verdict(&FeatureState::Registered).0, Verdict::Pass);
        assert_eq!(feature_verdict(&FeatureState::Registering).0, Verdict::InProgress);
        assert_eq!(feature_verdict(&FeatureState::Pending).0, Verdict::InProgress);
        assert_eq!(feature_verdict(&FeatureState::NotRegistered).0, Verdict::Fail);
        assert_eq!(feature_verdict(&FeatureState::parse("registered")).0, Verdict::Pass);
        assert_eq!(feature_verdict(&FeatureState::Other("Weird".into())).0, Verdict::Fail);
        assert!(feature_verdict(&FeatureState::Registering).1.contains("up to an hour"));
    }

    #[test]
    fn register_is_offered_only_when_it_would_do_something() {
        assert!(can_register_feature(&FeatureState::NotRegistered));
        assert!(can_register_feature(&FeatureState::Unregistered));
        assert!(can_register_feature(&FeatureState::NotSpecified));
        assert!(!can_register_feature(&FeatureState::Registering));
        assert!(!can_register_feature(&FeatureState::Registered));
    }

    #[test]
    fn provider_verdicts() {
        let p = |s: Option<ProviderRegistrationState>| ProviderInfo {
            registration_state: s,
            ..ProviderInfo::default()
        };
        assert_eq!(
            provider_verdict(&p(Some(ProviderRegistrationState::Registered))).0,
            Verdict::Pass
        );
        assert_eq!(
            provider_verdict(&p(Some(ProviderRegistrationState::Registering))).0,
            Verdict::InProgress
        );
        assert_eq!(provider_verdict(&p(None)).0, Verdict::Fail);
        assert_eq!(
            provider_verdict(&p(Some(ProviderRegistrationState::NotRegistered))).0,
            Verdict::Fail
        );
    }

    #[test]
    fn polls_every_fifteen_seconds_while_registering_faster_in_the_demo() {
        assert_eq!(next_feature_poll(&FeatureState::Registered, 1.0), None);
        assert_eq!(next_feature_poll(&FeatureState::NotRegistered, 1.0), None);
        assert_eq!(
            next_feature_poll(&FeatureState::Registering, 1.0),
            Some(Duration::from_secs(15))
        );
        assert_eq!(next_feature_poll(&FeatureState::Pending, 0.1), Some(Duration::from_secs(15)));
        assert_eq!(
            next_feature_poll(&FeatureState::Registering, 5.0),
            Some(Duration::from_secs(3))
        );
        assert_eq!(next_feature_poll(&FeatureState::Registering, 600.0), Some(MIN_POLL_INTERVAL));
        assert_eq!(next_poll(false, 4.0), None);
        assert_eq!(
            next_feature_poll(&FeatureState::Registering, f64::NAN),
            Some(Duration::from_secs(15))
        );
    }

    #[test]
    fn the_registration_answer_is_an_operation_that_already_succeeded() {
        let answer = FeatureResult {
            name: "Microsoft.NetApp/ANFMigrationAssistant".into(),
            properties: FeatureProperties { state: Some(FeatureState::Registering) },
            ..FeatureResult::default()
        };
        let poller = registration_poller(&answer, "https://x/register", Timestamp(10)).unwrap();
        let Some(LroOutcome::Succeeded { result: Some(result) }) = poller.outcome() else {
            panic!("not done: {poller:?}");
        };
        let back: FeatureResult = serde_json::from_value(result.clone()).unwrap();
        assert_eq!(back.state(), FeatureState::Registering);
    }
}
