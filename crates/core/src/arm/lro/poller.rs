//! The poller's state machine.
//!
//! A [`Poller`] follows one operation through ARM's protocol: the status URL
//! (`Azure-AsyncOperation`) when the first answer gives one, else `Location`, else the resource
//! itself; then, for PUT and PATCH, one read of the resource, whose `provisioningState` has the
//! last word. Which answers end an operation, and why an empty 200 never does, is in
//! [`super::reading`].
//!
//! Three kinds of trouble are kept apart, because only one of them says anything about the
//! operation:
//! - an error status that is final (404 on the status URL, 400) ends it as failed;
//! - transient trouble (408, 429, 5xx, no answer, a 2xx with nothing readable) says nothing
//!   about the operation either, which goes on in Azure while the line is bad: it is asked
//!   again after `Retry-After` or [`DEFAULT_POLL_INTERVAL`], and after
//!   [`MAX_TRANSIENT_ERRORS`] in a row ever less often (the interval doubling up to
//!   [`MAX_TROUBLED_INTERVAL`]), but never ended from here. An operation reported failed while
//!   it ran on (a laptop asleep for two minutes, a gateway restarting) would have the user
//!   start it again, or a cut-over give up with the source offline; the poller says how many
//!   polls in a row failed ([`Poller::transient_errors`]) so the page can tell;
//! - a refused token (401) is the user's state, not the operation's: the poller stays as it
//!   was, and goes on after sign-in (see [`Poller::step`]).

use super::reading::{json_body, Reading};
use super::OperationKind;
use crate::arm::error::{needs_sign_in, status_text, ArmError};
use crate::arm::retry_after::retry_after;
use crate::time::Timestamp;
use crate::transport::{ArmRequest, ArmResponse, Method};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::time::Duration;

/// Wait between polls when the service gives no `Retry-After`.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(10);

/// Throttled or failed polls in a row asked again at the usual pace; after them the polls slow
/// down (the operation is never reported failed for them).
pub const MAX_TRANSIENT_ERRORS: u32 = 5;

/// The longest wait between two polls while polls keep failing.
pub const MAX_TROUBLED_INTERVAL: Duration = Duration::from_secs(120);

/// How an operation ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum LroOutcome {
    /// Succeeded, with the result body when there is one (status `properties`, the final
    /// `Location` body, or the resource after a PUT).
    Succeeded {
        /// The result.
        result: Option<Value>,
    },
    /// Failed, with ARM's error.
    Failed {
        /// Why.
        error: ArmError,
    },
    /// Canceled (by someone or by the service), with ARM's error if it gave one.
    Canceled {
        /// Why, if said.
        error: Option<ArmError>,
    },
}

impl LroOutcome {
    /// The result as `R`, for a succeeded operation.
    ///
    /// # Errors
    /// The ARM error of a failed or canceled operation, or a decode error.
    pub fn into_result<R: serde::de::DeserializeOwned>(self) -> Result<R, crate::arm::ClientError> {
        match self {
            Self::Succeeded { result } => serde_json::from_value(result.unwrap_or(Value::Null))
                .map_err(|e| crate::arm::ClientError::Decode {
                    context: "operation result".into(),
                    message: e.to_string(),
                }),
            Self::Failed { error } => Err(error.into()),
            Self::Canceled { error } => Err(error
                .unwrap_or_else(|| ArmError::bare(200, "The operation was canceled.".into()))
                .into()),
        }
    }
}

/// Where the poller is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "phase")]
pub(super) enum Phase {
    /// GET the `Azure-AsyncOperation` URL until a terminal status.
    AsyncStatus,
    /// GET the `Location` URL until it stops answering 202.
    Location,
    /// GET the resource until its `provisioningState` is terminal (PUT answered without headers).
    ResourceState,
    /// GET the resource until it answers 404 (DELETE answered 202 without headers).
    ResourceGone,
    /// One GET for the result.
    FinalGet { url: String },
    /// Finished.
    Done { outcome: LroOutcome },
}

/// What the poller wants next.
#[derive(Clone, Debug, PartialEq)]
pub enum PollState {
    /// Poll again at this time.
    Pending {
        /// When to send [`Poller::next_request`].
        next_poll_at: Timestamp,
    },
    /// Finished.
    Done(LroOutcome),
}

/// A long-running operation being followed. Serialise it to resume after a reload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Poller {
    pub(super) kind: OperationKind,
    pub(super) method: Method,
    resource_url: String,
    async_url: Option<String>,
    pub(super) location_url: Option<String>,
    pub(super) phase: Phase,
    started_at: Timestamp,
    next_poll_at: Timestamp,
    pub(super) last_status: Option<String>,
    pub(super) percent_complete: Option<f64>,
    polls: u32,
    transient_errors: u32,
    default_interval_ms: u64,
}

impl Poller {
    /// Reads the first response of an operation sent as `method url`.
    ///
    /// # Errors
    /// [`ClientError::Arm`](crate::arm::ClientError::Arm) when the first response is not a
    /// success.
    pub fn start(
        kind: OperationKind,
        method: Method,
        url: &str,
        response: &ArmResponse,
        now: Timestamp,
    ) -> Result<Self, crate::arm::ClientError> {
        if !response.is_success() {
            return Err(ArmError::from_response(response).into());
        }
        let header = |name: &str| response.header(name).map(str::trim).filter(|v| !v.is_empty());
        let async_url = header("azure-asyncoperation").map(str::to_owned);
        let location_url = header("location").map(str::to_owned);
        let mut poller = Self {
            kind,
            method,
            resource_url: url.to_owned(),
            async_url,
            location_url,
            phase: Phase::AsyncStatus,
            started_at: now,
            next_poll_at: now,
            last_status: None,
            percent_complete: None,
            polls: 0,
            transient_errors: 0,
            default_interval_ms: millis(DEFAULT_POLL_INTERVAL),
        };
        let accepted = matches!(response.status, 201 | 202);
        poller.phase = if poller.async_url.is_some() && accepted {
            Phase::AsyncStatus
        } else if poller.location_url.is_some() && accepted {
            Phase::Location
        } else if matches!(method, Method::Put | Method::Patch) {
            // No URL to poll, whatever the status code (200, 201, a bare 202): the resource's
            // provisioningState is the truth. A PUT answered 200 with "Creating" is still
            // creating; a first answer without a state (a bare 202, a lost body) proves
            // nothing either way, so the resource is read.
            match poller.read_resource(response) {
                Reading::Next(phase) => phase,
                Reading::Unreadable(_) => Phase::ResourceState,
            }
        } else if response.status == 202 && method == Method::Delete {
            Phase::ResourceGone
        } else {
            // A POST or DELETE answered 200 or 204 is done, whatever headers come along.
            done_ok(json_body(response))
        };
        poller.schedule(response, now);
        Ok(poller)
    }

    /// Uses `interval` instead of [`DEFAULT_POLL_INTERVAL`] when the service gives no hint.
    #[must_use]
    pub fn with_default_interval(mut self, interval: Duration) -> Self {
        self.default_interval_ms = millis(interval);
        self
    }

    /// Which operation this is.
    #[must_use]
    pub fn kind(&self) -> OperationKind {
        self.kind
    }

    /// When the operation was started.
    #[must_use]
    pub fn started_at(&self) -> Timestamp {
        self.started_at
    }

    /// When to poll next; `None` once finished.
    #[must_use]
    pub fn next_poll_at(&self) -> Option<Timestamp> {
        (!self.is_done()).then_some(self.next_poll_at)
    }

    /// The last status string the service reported.
    #[must_use]
    pub fn last_status(&self) -> Option<&str> {
        self.last_status.as_deref()
    }

    /// The last `percentComplete` reported.
    #[must_use]
    pub fn percent_complete(&self) -> Option<f64> {
        self.percent_complete
    }

    /// How many polls have been answered.
    #[must_use]
    pub fn polls(&self) -> u32 {
        self.polls
    }

    /// Polls in a row that got no usable answer (no answer, 408/429/5xx, nothing readable):
    /// 0 once one is answered again.
    #[must_use]
    pub fn transient_errors(&self) -> u32 {
        self.transient_errors
    }

    /// The status URL being polled (`Azure-AsyncOperation`), if any.
    #[must_use]
    pub fn async_url(&self) -> Option<&str> {
        self.async_url.as_deref()
    }

    /// The `Location` URL, if any.
    #[must_use]
    pub fn location_url(&self) -> Option<&str> {
        self.location_url.as_deref()
    }

    /// Whether the operation has ended.
    #[must_use]
    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done { .. })
    }

    /// The outcome, once ended.
    #[must_use]
    pub fn outcome(&self) -> Option<&LroOutcome> {
        match &self.phase {
            Phase::Done { outcome } => Some(outcome),
            _ => None,
        }
    }

    /// The current state.
    #[must_use]
    pub fn state(&self) -> PollState {
        match &self.phase {
            Phase::Done { outcome } => PollState::Done(outcome.clone()),
            _ => PollState::Pending { next_poll_at: self.next_poll_at },
        }
    }

    /// The GET to send at [`Poller::next_poll_at`]; `None` once finished.
    #[must_use]
    pub fn next_request(&self) -> Option<ArmRequest> {
        let url = match &self.phase {
            Phase::AsyncStatus => self.async_url.as_deref()?,
            Phase::Location => self.location_url.as_deref()?,
            Phase::ResourceState | Phase::ResourceGone => &self.resource_url,
            Phase::FinalGet { url } => url,
            Phase::Done { .. } => return None,
        };
        Some(ArmRequest::new(Method::Get, url))
    }

    /// Takes the answer to [`Poller::next_request`], received at `now`.
    ///
    /// An answer that asks for a new sign-in ([`needs_sign_in`]: a 401, or a 403 with a token
    /// code) says nothing about the operation, which goes on in Azure whoever is signed in. It
    /// leaves the poller as it was (not counted as a poll nor toward
    /// [`MAX_TRANSIENT_ERRORS`]) and due at once, so the first poll after sign-in continues.
    /// [`Client::poll_once`](crate::arm::Client::poll_once) turns it into an error the app
    /// recognises with [`ClientError::needs_sign_in`](crate::arm::ClientError::needs_sign_in).
    pub fn step(&mut self, response: &ArmResponse, now: Timestamp) -> PollState {
        if self.is_done() {
            return self.state();
        }
        if needs_sign_in(response) {
            self.next_poll_at = now;
            return self.state();
        }
        self.polls += 1;
        let gone = response.status == 404 && self.phase == Phase::ResourceGone;
        if !(response.is_success() || gone) {
            return self.on_error_status(response, now);
        }
        match self.read(response) {
            Reading::Next(phase) => {
                self.transient_errors = 0;
                self.phase = phase;
                self.schedule(response, now);
            }
            Reading::Unreadable(what) => self.on_unreadable(response, what, now),
        }
        self.state()
    }

    /// Records a request that got no answer at all (network error) at `now`: asked again
    /// later ([`Self::troubled_wait`]); the operation goes on.
    pub fn note_network_error(&mut self, _message: &str, now: Timestamp) -> PollState {
        if self.is_done() {
            return self.state();
        }
        self.transient_errors = self.transient_errors.saturating_add(1);
        self.next_poll_at = now.plus(self.troubled_wait(None));
        self.state()
    }

    /// A 2xx answer that says nothing about `what` (see [`super::reading`]): like a transient
    /// error, asked again later; the operation goes on.
    fn on_unreadable(&mut self, response: &ArmResponse, _what: &str, now: Timestamp) {
        self.transient_errors = self.transient_errors.saturating_add(1);
        self.next_poll_at = now.plus(self.troubled_wait(retry_after(response, now)));
    }

    /// How long to wait after the latest of [`Self::transient_errors`] failed polls in a row:
    /// `Retry-After` (or the default interval) for the first [`MAX_TRANSIENT_ERRORS`], then
    /// the default interval doubling with each further failure, at most
    /// [`MAX_TROUBLED_INTERVAL`] (a longer `Retry-After` still wins, as the service asked).
    fn troubled_wait(&self, asked: Option<Duration>) -> Duration {
        let usual = asked.unwrap_or_else(|| self.default_interval());
        let beyond = self.transient_errors.saturating_sub(MAX_TRANSIENT_ERRORS);
        if beyond == 0 {
            return usual;
        }
        let grown = self.default_interval().saturating_mul(1u32 << (beyond - 1).min(16));
        grown.min(MAX_TROUBLED_INTERVAL).max(usual)
    }

    /// What follows a successful end: PUT/PATCH read the resource; POST uses the result it has
    /// or reads `Location`; DELETE is done.
    pub(super) fn after_success(&self, result: Option<Value>) -> Phase {
        match self.method {
            Method::Put | Method::Patch => Phase::FinalGet { url: self.resource_url.clone() },
            Method::Post if result.is_none() && self.phase_was_async() => {
                match &self.location_url {
                    Some(l) => Phase::FinalGet { url: l.clone() },
                    None => done_ok(None),
                }
            }
            Method::Delete => done_ok(None),
            _ => done_ok(result),
        }
    }

    /// Whether polling went through the status URL (so `Location` is still unread).
    fn phase_was_async(&self) -> bool {
        self.async_url.is_some()
    }

    fn on_error_status(&mut self, response: &ArmResponse, now: Timestamp) -> PollState {
        let transient = match response.status {
            408 | 429 | 502 | 503 | 504 => true,
            // The Location URL answers a failed operation with its error, 500 included: ARM's
            // error body and no Retry-After there is the operation's end. A gateway's page, an
            // empty body or a request to wait is the line's trouble.
            500 => !(self.phase == Phase::Location && is_operations_error(response)),
            _ => false,
        };
        if transient {
            self.transient_errors = self.transient_errors.saturating_add(1);
            self.next_poll_at = now.plus(self.troubled_wait(retry_after(response, now)));
        } else {
            let mut error = ArmError::from_response(response);
            if error.message == status_text(response.status) {
                error.message = format!("Following the operation failed: {}", error.message);
            }
            // The Location URL answers a canceled operation with an error status and ARM's
            // `OperationCanceled`: it ended canceled, not failed.
            let outcome = if error.is_cancellation() {
                LroOutcome::Canceled { error: Some(error) }
            } else {
                LroOutcome::Failed { error }
            };
            self.phase = Phase::Done { outcome };
        }
        self.state()
    }

    fn default_interval(&self) -> Duration {
        Duration::from_millis(self.default_interval_ms)
    }

    /// Next poll: `Retry-After` if given, else the default interval; immediately for the one
    /// final GET (the service has already said the operation is over).
    fn schedule(&mut self, response: &ArmResponse, now: Timestamp) {
        let wait = match self.phase {
            Phase::FinalGet { .. } => Duration::ZERO,
            _ => retry_after(response, now).unwrap_or_else(|| self.default_interval()),
        };
        self.next_poll_at = now.plus(wait);
    }
}

/// An answer that is ARM's error about the operation itself: an error body with a code, and no
/// `Retry-After` asking to be polled again.
fn is_operations_error(response: &ArmResponse) -> bool {
    let coded = json_body(response)
        .and_then(|v| v.get("error")?.get("code")?.as_str().map(|c| !c.trim().is_empty()))
        .unwrap_or(false);
    coded && response.header("retry-after").is_none()
}

pub(super) fn done_ok(result: Option<Value>) -> Phase {
    Phase::Done { outcome: LroOutcome::Succeeded { result } }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
