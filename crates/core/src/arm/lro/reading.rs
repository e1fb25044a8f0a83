//! What one successful (2xx) answer to a poll proves, and what it does not.
//!
//! ARM's rules for asynchronous operations (Microsoft's "Track asynchronous Azure operations"
//! and the resource provider contract behind it):
//! - the `Azure-AsyncOperation` URL answers a status body; its `status` is `Succeeded`,
//!   `Failed` or `Canceled` once the operation has ended, anything else while it runs;
//! - the `Location` URL answers 202 while the operation runs and 200 (with the result, if there
//!   is one) or 204 once it has ended: there the status code is the answer;
//! - for PUT and PATCH the resource's own `properties.provisioningState` is the truth, with the
//!   same three terminal values; the resource is what the user asked for, so even after the
//!   status URL said `Succeeded` the resource is read and its state decides.
//!
//! An answer that carries no such statement proves nothing. The browser reports a connection
//! that drops while the body streams as a 200 with an empty body (the app's transport turns the
//! failed read into `""`), so "200 with nothing readable" is exactly what a lost answer looks
//! like; reading it as success would record a volume or a cut-over that never happened. Such an
//! answer is [`Reading::Unreadable`]: the poller asks again, as after a 503, less often after
//! [`MAX_TRANSIENT_ERRORS`](super::MAX_TRANSIENT_ERRORS) of them in a row, and never takes them
//! for the operation's end. Where the status code alone is
//! the answer (`Location`'s 200), the body matters only for an operation that has a result to
//! give ([`OperationKind::has_result`](super::OperationKind::has_result)): a lost peering
//! command must not read as "the clusters are already peered".

use super::poller::{done_ok, LroOutcome, Phase, Poller};
use super::status::{OperationStatus, OperationStatusBody};
use crate::arm::error::ArmError;
use crate::transport::{ArmResponse, Method};
use serde_json::Value;

/// What a 2xx answer says.
pub(super) enum Reading {
    /// Where the operation stands now.
    Next(Phase),
    /// Nothing readable about the named thing (`"The operation's status"`): ask again.
    Unreadable(&'static str),
}

impl Poller {
    /// Reads a 2xx answer (or a DELETE's 404) to the request of the current phase.
    pub(super) fn read(&mut self, response: &ArmResponse) -> Reading {
        match self.phase.clone() {
            Phase::AsyncStatus => self.read_async_status(response),
            Phase::Location if response.status == 202 => {
                if let Some(l) = response.header("location").filter(|l| !l.trim().is_empty()) {
                    self.location_url = Some(l.trim().to_owned());
                }
                Reading::Next(Phase::Location)
            }
            Phase::Location => match self.read_result(response) {
                Ok(result) => Reading::Next(self.after_success(result)),
                Err(what) => Reading::Unreadable(what),
            },
            Phase::ResourceState => self.read_resource(response),
            Phase::FinalGet { .. } if self.is_put_or_patch() => self.read_resource(response),
            Phase::FinalGet { .. } => match self.read_result(response) {
                Ok(result) => Reading::Next(done_ok(result)),
                Err(what) => Reading::Unreadable(what),
            },
            Phase::ResourceGone if response.status == 404 => Reading::Next(done_ok(None)),
            phase @ (Phase::ResourceGone | Phase::Done { .. }) => Reading::Next(phase),
        }
    }

    /// The status URL's body: its `status` decides; a body without one (empty, cut off, not
    /// JSON, or `"status": ""`) is unreadable.
    fn read_async_status(&mut self, response: &ArmResponse) -> Reading {
        let body = serde_json::from_str::<OperationStatusBody>(&response.body)
            .ok()
            .filter(|b| !b.status.as_str().is_empty());
        let Some(body) = body else { return Reading::Unreadable("The operation's status") };
        self.last_status = Some(body.status.as_str().to_owned());
        if body.percent_complete.is_some() {
            self.percent_complete = body.percent_complete;
        }
        Reading::Next(match body.status {
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
        })
    }

    /// The resource after a PUT or PATCH: its `provisioningState` decides; a body without one
    /// is unreadable, whatever the status code.
    pub(super) fn read_resource(&mut self, response: &ArmResponse) -> Reading {
        let Some(state) = resource_state(response) else {
            return Reading::Unreadable("The resource's provisioning state");
        };
        Reading::Next(match state {
            OperationStatus::Succeeded => done_ok(json_body(response)),
            OperationStatus::Failed => Phase::Done {
                outcome: LroOutcome::Failed {
                    error: ArmError::bare(
                        response.status,
                        "The resource's provisioning failed.".into(),
                    ),
                },
            },
            OperationStatus::Canceled => {
                Phase::Done { outcome: LroOutcome::Canceled { error: None } }
            }
            OperationStatus::Running(s) => {
                self.last_status = Some(s);
                Phase::ResourceState
            }
        })
    }

    /// The result of an ended operation from a `Location` answer. 204 says there is none; an
    /// empty or broken body is a lost result for an operation that has one, and nothing for one
    /// that has none (the status code already said it ended).
    fn read_result(&self, response: &ArmResponse) -> Result<Option<Value>, &'static str> {
        let result = json_body(response);
        let readable = response.status == 204 || result.is_some();
        if !readable && self.method == Method::Post && self.kind.has_result() {
            return Err("The operation's result");
        }
        Ok(result)
    }

    fn is_put_or_patch(&self) -> bool {
        matches!(self.method, Method::Put | Method::Patch)
    }
}

/// The body as JSON, `None` when empty, `null` or not JSON.
pub(super) fn json_body(response: &ArmResponse) -> Option<Value> {
    serde_json::from_str::<Value>(&response.body).ok().filter(|v| !v.is_null())
}

/// `properties.provisioningState` of a resource body, as an operation status; `None` when the
/// body has none (or an empty one).
fn resource_state(response: &ArmResponse) -> Option<OperationStatus> {
    let v = json_body(response)?;
    let s = v.get("properties")?.get("provisioningState")?.as_str()?;
    (!s.trim().is_empty()).then(|| OperationStatus::parse(s))
}
