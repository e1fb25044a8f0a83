//! Driving a poller over the client with injected sleep and clock.

use super::{LroOutcome, PollState, Poller};
use crate::arm::error::needs_sign_in;
use crate::arm::{ArmError, Client, ClientError};
use crate::time::Timestamp;
use crate::transport::{Transport, TransportError};
use std::future::Future;
use std::time::Duration;

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

    /// Polls until the operation ends: sleeps until [`Poller::next_poll_at`] (later if the
    /// read budget is nearly spent), polls, repeats. `sleep` and `now` come from the caller, so
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
            let t = now();
            let mut at = poller.next_poll_at().unwrap_or(t);
            if let Some(extra) = self.budget().read_delay() {
                at = at.max(t.plus(extra));
            }
            if at > t {
                sleep(at.since(t)).await;
            }
            self.poll_once(poller, now()).await?;
            observe(poller);
        }
    }
}
