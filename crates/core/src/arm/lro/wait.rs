//! Driving a poller over the client with injected sleep and clock.

use super::{LroOutcome, PollState, Poller};
use crate::arm::error::needs_sign_in;
use crate::arm::{ArmError, Client, ClientError, RateLimitBudget};
use crate::time::Timestamp;
use crate::transport::{Transport, TransportError};
use std::future::Future;
use std::time::Duration;

/// How long to wait from `now` before polling `poller` again: until its
/// [`Poller::next_poll_at`] (`Retry-After` or the interval), and at least as long as `budget`
/// asks while ARM's read bucket is nearly spent ([`RateLimitBudget::read_delay`]); zero when
/// the poll is due. `None` once the operation has ended.
///
/// This is the one rule for every poller. ARM's read bucket is shared by everything the user
/// does in the subscription, so a poll that goes out while it is empty earns a 429 for itself
/// and for the next call of any kind; [`Client::wait`] keeps to the rule, and an app that runs
/// its own loop over [`Client::poll_once`] (with its own timers, pauses for hidden tabs and the
/// like) sleeps this long, from [`Client::next_poll_wait`], to keep to it as well. Ask once
/// per poll, after its answer (or on resume), and sleep the whole wait: the budget is the
/// latest answer's and only the next answer changes it, so asking again after the sleep would
/// push the poll back once more.
#[must_use]
pub fn next_poll_wait(
    poller: &Poller,
    budget: &RateLimitBudget,
    now: Timestamp,
) -> Option<Duration> {
    let due = poller.next_poll_at()?;
    let held = budget.read_delay().map_or(due, |extra| due.max(now.plus(extra)));
    Some(held.since(now))
}

impl<T: Transport> Client<T> {
    /// Sends the poller's next request now and feeds it the answer.
    ///
    /// # Errors
    /// An error whose [`ClientError::needs_sign_in`] is true when the user must sign in again:
    /// the transport had no token, or ARM refused the one sent (401). The poller is left
    /// pending and unchanged (store it as usual); poll it again after sign-in and it goes on.
    /// Network errors and throttled or failing polls are absorbed by the poller (retried later,
    /// failed after a few in a row).
    pub async fn poll_once(
        &self,
        poller: &mut Poller,
        now: Timestamp,
    ) -> Result<PollState, ClientError> {
        let Some(request) = poller.next_request() else {
            return Ok(poller.state());
        };
        match self.send_raw(request).await {
            Ok(response) if needs_sign_in(&response) => {
                poller.step(&response, now);
                Err(ArmError::from_response(&response).into())
            }
            Ok(response) => Ok(poller.step(&response, now)),
            Err(ClientError::Transport(TransportError::Network(m))) => {
                Ok(poller.note_network_error(&m, now))
            }
            Err(e) => Err(e),
        }
    }

    /// How long an app's poller should wait from `now` before its next
    /// [`Client::poll_once`]: [`next_poll_wait`] with this client's latest read budget.
    /// `None` once the operation has ended.
    #[must_use]
    pub fn next_poll_wait(&self, poller: &Poller, now: Timestamp) -> Option<Duration> {
        next_poll_wait(poller, &self.budget(), now)
    }

    /// Polls until the operation ends: sleeps for [`Client::next_poll_wait`] (the poller's
    /// time, later if the read budget is nearly spent), polls, repeats. `sleep` and `now` come from the caller, so
    /// the core never reads the clock.
    ///
    /// # Errors
    /// As [`Client::poll_once`]. A failed or canceled operation is not an error here: it is
    /// the returned [`LroOutcome`].
    pub async fn wait<S, F, N>(
        &self,
        poller: &mut Poller,
        sleep: S,
        now: N,
    ) -> Result<LroOutcome, ClientError>
    where
        S: Fn(Duration) -> F,
        F: Future<Output = ()>,
        N: Fn() -> Timestamp,
    {
        self.wait_observed(poller, sleep, now, |_| {}).await
    }

    /// [`Client::wait`], calling `observe` after every poll, so the caller can show progress
    /// and store the poller (to resume it after a reload).
    ///
    /// # Errors
    /// As [`Client::wait`].
    pub async fn wait_observed<S, F, N, O>(
        &self,
        poller: &mut Poller,
        sleep: S,
        now: N,
        mut observe: O,
    ) -> Result<LroOutcome, ClientError>
    where
        S: Fn(Duration) -> F,
        F: Future<Output = ()>,
        N: Fn() -> Timestamp,
        O: FnMut(&Poller),
    {
        loop {
            if let Some(outcome) = poller.outcome() {
                return Ok(outcome.clone());
            }
            let wait = self.next_poll_wait(poller, now()).unwrap_or_default();
            if !wait.is_zero() {
                sleep(wait).await;
            }
            self.poll_once(poller, now()).await?;
            observe(poller);
        }
    }
}
