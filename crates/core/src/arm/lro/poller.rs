//! The poller's state machine.

use super::status::{OperationStatus, OperationStatusBody};
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

/// Throttled or failed polls in a row tolerated before the operation is reported failed.
pub const MAX_TRANSIENT_ERRORS: u32 = 5;

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
enum Phase {
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
    kind: OperationKind,
    method: Method,
    resource_url: String,
    async_url: Option<String>,
    location_url: Option<String>,
    phase: Phase,
    started_at: Timestamp,
    next_poll_at: Timestamp,
    last_status: Option<String>,
    percent_complete: Option<f64>,
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
        // 200 and 204 mean done, whatever headers come along; only 201/202 are followed.
        poller.phase = if poller.async_url.is_some() && accepted {
            Phase::AsyncStatus
        } else if poller.location_url.is_some() && accepted {
            Phase::Location
        } else if accepted && matches!(method, Method::Put | Method::Patch) {
            Phase::ResourceState
        } else if response.status == 202 && method == Method::Delete {
            Phase::ResourceGone
        } else {
            Phase::Done { outcome: LroOutcome::Succeeded { result: json_body(response) } }
        };
        // A 201 whose body already says Succeeded needs no polling.
        if poller.phase == Phase::ResourceState
            && resource_state(response) == Some(OperationStatus::Succeeded)
        {
            poller.phase =
                Phase::Done { outcome: LroOutcome::Succeeded { result: json_body(response) } };
        }
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
        if self.phase != Phase::AsyncStatus {
            self.transient_errors = 0;
        }
        let phase = std::mem::replace(&mut self.phase, Phase::AsyncStatus);
        self.phase = match phase {
            Phase::AsyncStatus => self.on_async_status(response),
            Phase::Location if response.status == 202 => {
                if let Some(l) = response.header("location").filter(|l| !l.trim().is_empty()) {
                    self.location_url = Some(l.trim().to_owned());
                }
                Phase::Location
            }
            Phase::Location => self.after_success(json_body(response)),
            Phase::ResourceState => match resource_state(response) {
                Some(OperationStatus::Succeeded) | None => done_ok(json_body(response)),
                Some(OperationStatus::Failed) => Phase::Done {
                    outcome: LroOutcome::Failed {
                        error: ArmError::bare(
                            response.status,
                            "The resource's provisioning failed.".into(),
                        ),
                    },
                },
                Some(OperationStatus::Canceled) => {
                    Phase::Done { outcome: LroOutcome::Canceled { error: None } }
                }
                Some(OperationStatus::Running(s)) => {
                    self.last_status = Some(s);
                    Phase::ResourceState
                }
            },
            Phase::ResourceGone if response.status == 404 => done_ok(None),
            Phase::ResourceGone => Phase::ResourceGone,
            Phase::FinalGet { .. } => done_ok(json_body(response)),
            done @ Phase::Done { .. } => done,
        };
        self.schedule(response, now);
        self.state()
    }

    /// Records a request that got no answer at all (network error) at `now`; after
    /// [`MAX_TRANSIENT_ERRORS`] in a row the operation is reported failed.
    pub fn note_network_error(&mut self, message: &str, now: Timestamp) -> PollState {
        if self.is_done() {
            return self.state();
        }
        self.transient_errors += 1;
        if self.transient_errors > MAX_TRANSIENT_ERRORS {
            let error = ArmError::bare(
                0,
                format!("Lost contact with Azure while following the operation: {message}"),
            );
            self.phase = Phase::Done { outcome: LroOutcome::Failed { error } };
        } else {
            self.next_poll_at = now.plus(self.default_interval());
        }
        self.state()
    }

    fn on_async_status(&mut self, response: &ArmResponse) -> Phase {
        let Ok(body) = serde_json::from_str::<OperationStatusBody>(&response.body) else {
            // A 2xx without a readable status is treated like a hiccup: ask again.
            self.transient_errors += 1;
            return if self.transient_errors > MAX_TRANSIENT_ERRORS {
                let mut error = ArmError::from_response(response);
                error.message = "The operation status could not be read.".into();
                Phase::Done { outcome: LroOutcome::Failed { error } }
            } else {
                Phase::AsyncStatus
            };
        };
        self.transient_errors = 0;
        self.last_status = Some(body.status.as_str().to_owned());
        if body.percent_complete.is_some() {
            self.percent_complete = body.percent_complete;
        }
        match body.status {
            OperationStatus::Running(_) => Phase::AsyncStatus,
            OperationStatus::Succeeded => {
                self.percent_complete = Some(100.0);
                self.after_success(body.properties.filter(|p| !p.is_null()))
            }
            OperationStatus::Failed => Phase::Done {
                outcome: LroOutcome::Failed {
                    error: ArmError::from_status_error(
                        response,
                        body.error.as_ref(),
                        "The operation failed.",
                    ),
                },
            },
            OperationStatus::Canceled => Phase::Done {
                outcome: LroOutcome::Canceled {
                    error: body.error.as_ref().map(|e| {
                        ArmError::from_status_error(
                            response,
                            Some(e),
                            "The operation was canceled.",
                        )
                    }),
                },
            },
        }
    }

    /// What follows a successful end: PUT/PATCH read the resource; POST uses the result it has
    /// or reads `Location`; DELETE is done.
    fn after_success(&self, result: Option<Value>) -> Phase {
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
        let transient = matches!(response.status, 408 | 429 | 500 | 502 | 503 | 504);
        self.transient_errors += 1;
        if transient && self.transient_errors <= MAX_TRANSIENT_ERRORS {
            self.schedule(response, now);
        } else {
            let mut error = ArmError::from_response(response);
            if error.message == status_text(response.status) {
                error.message = format!("Following the operation failed: {}", error.message);
            }
            self.phase = Phase::Done { outcome: LroOutcome::Failed { error } };
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

fn done_ok(result: Option<Value>) -> Phase {
    Phase::Done { outcome: LroOutcome::Succeeded { result } }
}

fn json_body(response: &ArmResponse) -> Option<Value> {
    serde_json::from_str::<Value>(&response.body).ok().filter(|v| !v.is_null())
}

/// `properties.provisioningState` of a resource body, as an operation status.
fn resource_state(response: &ArmResponse) -> Option<OperationStatus> {
    let v = json_body(response)?;
    let s = v.get("properties")?.get("provisioningState")?.as_str()?;
    Some(OperationStatus::parse(s))
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
