//! The retry loop over a transport. Sleep, clock and jitter are injected through [`RetryEnv`].

use super::policy::{Attempt, RetryDecision, RetryPolicy};
use crate::arm::retry_after::retry_after;
use crate::time::Timestamp;
use crate::transport::{ArmRequest, ArmResponse, Transport, TransportError};
use std::time::Duration;

/// What the retry loop needs from the outside world.
#[allow(async_fn_in_trait)] // implemented in this workspace only; browser futures are not Send
pub trait RetryEnv {
    /// The current time.
    fn now(&self) -> Timestamp;
    /// A number in [0, 1) for jitter.
    fn jitter(&self) -> f64;
    /// Waits `d`.
    async fn sleep(&self, d: Duration);
}

/// Sends `request`, retrying as `policy` says. Returns the last answer (a final 429 or 5xx is
/// returned as a response, for the caller to turn into an `ArmError`).
///
/// # Errors
/// The last [`TransportError`] when no attempt got an answer; `Unauthenticated` is never retried.
pub async fn send_with_retry<T: Transport, E: RetryEnv>(
    transport: &T,
    env: &E,
    policy: &RetryPolicy,
    request: ArmRequest,
) -> Result<ArmResponse, TransportError> {
    let started = env.now();
    let mut attempt = 1;
    loop {
        let result = transport.send(request.clone()).await;
        let now = env.now();
        let (outcome, hint) = match &result {
            Ok(r) if r.is_success() => return result,
            // Capped at MAX_RETRY_AFTER: a hostile value can neither panic nor park the loop.
            Ok(r) => (Attempt::Status(r.status), retry_after(r, now)),
            Err(TransportError::Network(_)) => (Attempt::NetworkError, None),
            Err(TransportError::Unauthenticated(_)) => return result,
        };
        match policy.decide(
            request.method,
            outcome,
            attempt,
            hint,
            now.since(started),
            env.jitter(),
        ) {
            RetryDecision::Stop => return result,
            RetryDecision::RetryAfter(d) => env.sleep(d).await,
        }
        attempt += 1;
    }
}

/// A transport that retries through another one: `Client<RetryTransport<FetchTransport, Env>>`
/// gets retries on every call.
pub struct RetryTransport<T, E> {
    inner: T,
    env: E,
    policy: RetryPolicy,
}

impl<T, E> RetryTransport<T, E> {
    /// Wraps `inner` with the default policy.
    pub fn new(inner: T, env: E) -> Self {
        Self { inner, env, policy: RetryPolicy::default() }
    }

    /// Uses `policy`.
    #[must_use]
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The wrapped transport.
    pub fn inner(&self) -> &T {
        &self.inner
    }

    /// The environment.
    pub fn env(&self) -> &E {
        &self.env
    }
}

impl<T: Transport, E: RetryEnv> Transport for RetryTransport<T, E> {
    async fn send(&self, request: ArmRequest) -> Result<ArmResponse, TransportError> {
        send_with_retry(&self.inner, &self.env, &self.policy, request).await
    }
}
