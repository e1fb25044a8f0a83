//! ARM long-running operations: every write answers 201/202 at once with the URLs to poll, and
//! the work happens on the simulated clock. A status body carries the operation's result in
//! `properties` (as ANF does for the peering commands); the `Location` URL answers 202 while
//! running and the final result when done.

use crate::api::ApiVersion;
use crate::engine::events::Event;
use crate::engine::operation::{OpKind, OpStatus, Operation, Outcome, Poll, OP_RETENTION_MS};
use crate::engine::Engine;
use crate::http::{empty, json_response, ApiError};
use crate::timefmt::iso8601;
use anf_core::time::Timestamp;
use anf_core::transport::ArmResponse;
use serde_json::{json, Value};

/// Simulated seconds each kind of work takes at normal speed.
fn base_secs(kind: &OpKind) -> u64 {
    match kind {
        OpKind::CreateVolume => 20,
        OpKind::UpdateVolume => 5,
        OpKind::DeleteVolume => 15,
        OpKind::PeerExternalCluster { .. } => 30,
        OpKind::AuthorizeExternalReplication => 20,
        OpKind::PerformReplicationTransfer => 2,
        OpKind::BreakReplication { .. } => 5,
        OpKind::ResyncReplication => 5,
        OpKind::FinalizeExternalReplication => 15,
        OpKind::DeleteReplication => 10,
    }
}

impl Engine {
    /// Starts an operation on the volume with key `resource`.
    pub(crate) fn start_op(&mut self, kind: OpKind, resource: &str, api: ApiVersion) -> String {
        // Finished operations are kept a day (clients may poll late), then forgotten so saved
        // demo state stays small.
        let horizon = self.now.saturating_sub(OP_RETENTION_MS);
        self.ops.retain(|_, op| op.ended_at.is_none_or(|end| end >= horizon));
        let id = self.rng.uuid();
        let (subscription, location) = match self.world.volumes.get(resource) {
            Some(v) => (v.subscription.clone(), v.location.clone()),
            None => (String::new(), String::new()),
        };
        let due = self.now + self.work_ms(base_secs(&kind) * 1000);
        self.ops.insert(
            id.clone(),
            Operation {
                id: id.clone(),
                subscription,
                location,
                api,
                kind,
                resource: resource.to_string(),
                started_at: self.now,
                due_at: Some(due),
                status: OpStatus::InProgress,
                ended_at: None,
                properties: None,
                final_body: None,
                error: None,
                doomed: None,
            },
        );
        if let Some(v) = self.world.volumes.get_mut(resource) {
            v.pending_op = Some(id.clone());
        }
        self.schedule(due, Event::OpDue(id.clone()));
        id
    }

    /// The 201/202 answer for a started operation, with the URLs to poll and `Retry-After`.
    pub(crate) fn accepted(
        &self,
        op_id: &str,
        status: u16,
        body: Option<&Value>,
        poll: Poll,
        base: &str,
    ) -> ArmResponse {
        let op = &self.ops[op_id];
        let status_url = format!(
            "{base}/subscriptions/{}/providers/Microsoft.NetApp/locations/{}/operationResults/{}?api-version={}",
            op.subscription,
            op.location,
            op.id,
            op.api.as_str()
        );
        let mut r = match body {
            Some(b) => json_response(status, b),
            None => empty(status),
        };
        if poll == Poll::AsyncAndLocation {
            r = r.with_header("Azure-AsyncOperation", status_url.clone());
        }
        r.with_header("Location", format!("{status_url}&operationResultResponseType=Location"))
            .with_header("Retry-After", self.retry_after(op).to_string())
    }

    /// Real seconds until the operation is worth polling again (at most 10 simulated seconds).
    fn retry_after(&self, op: &Operation) -> u64 {
        let left = op.due_at.map_or(10_000, |d| d.saturating_sub(self.now)).clamp(1_000, 10_000);
        self.real_secs(left)
    }

    /// The operation with id `id` (lower-cased), if it is still kept.
    #[must_use]
    pub(crate) fn operation(&self, id: &str) -> Option<&Operation> {
        self.ops.get(id)
    }

    /// Arms the running operation `id` to end as `end` (`Failed` or `Canceled`) when its work
    /// would be done, without doing the work; false if there is no such running operation.
    pub(crate) fn doom_operation(&mut self, id: &str, end: OpStatus) -> bool {
        match self.ops.get_mut(&id.to_ascii_lowercase()) {
            Some(op) if op.status == OpStatus::InProgress && end != OpStatus::InProgress => {
                op.doomed = Some(end);
                true
            }
            _ => false,
        }
    }

    /// Runs the work of an operation whose time has come.
    pub(in crate::engine) fn complete_op(&mut self, id: &str) {
        let Some(op) = self.ops.get(id) else { return };
        if op.status != OpStatus::InProgress {
            return;
        }
        if let Some(end) = op.doomed {
            self.end_doomed(id, end);
            return;
        }
        let (kind, resource, api) = (op.kind.clone(), op.resource.clone(), op.api);
        let result = match kind {
            OpKind::CreateVolume => self.complete_create(&resource, api),
            OpKind::UpdateVolume => self.complete_update(&resource, api),
            OpKind::DeleteVolume => self.complete_delete(&resource),
            OpKind::PeerExternalCluster { addresses } => {
                self.complete_peer(&resource, &addresses, api)
            }
            OpKind::AuthorizeExternalReplication => self.complete_authorize(&resource),
            OpKind::PerformReplicationTransfer => self.begin_transfer_now(&resource, id),
            OpKind::BreakReplication { force } => self.complete_break(&resource, force),
            OpKind::ResyncReplication => self.begin_resync(&resource, id),
            OpKind::FinalizeExternalReplication => self.complete_finalize(&resource),
            OpKind::DeleteReplication => self.complete_delete_replication(&resource),
        };
        match result {
            Ok(Outcome::Waiting) => {
                if let Some(op) = self.ops.get_mut(id) {
                    op.due_at = None;
                }
            }
            Ok(Outcome::Done(props, body)) => self.finish_op(id, Ok((props, body))),
            Err(e) => self.finish_op(id, Err(e)),
        }
    }

    /// Marks an operation finished and frees its volume for the next one.
    pub(in crate::engine) fn finish_op(
        &mut self,
        id: &str,
        result: Result<(Option<Value>, Option<Value>), ApiError>,
    ) {
        let now = self.now;
        let Some(op) = self.ops.get_mut(id) else { return };
        op.ended_at = Some(now);
        op.due_at.get_or_insert(now);
        match result {
            Ok((props, body)) => {
                op.status = OpStatus::Succeeded;
                op.properties = props;
                op.final_body = body;
            }
            Err(e) => {
                op.status = OpStatus::Failed;
                op.error = Some(e);
            }
        }
        let resource = op.resource.clone();
        self.free_volume(&resource, id);
    }

    /// Ends an operation armed by a fault switch as `end`, its work not done. A volume's own
    /// create, update or delete leaves the volume in that provisioning state, as ARM reports the
    /// last write's outcome there; actions (peer, break, ...) leave it as it was.
    fn end_doomed(&mut self, id: &str, end: OpStatus) {
        let now = self.now;
        let Some(op) = self.ops.get_mut(id) else { return };
        let error = if end == OpStatus::Canceled {
            ApiError::new(409, "OperationCanceled", "The operation was canceled.")
        } else {
            ApiError::new(
                500,
                "InternalServerError",
                "The operation failed because of an internal error. Please retry the request.",
            )
        };
        op.ended_at = Some(now);
        op.due_at.get_or_insert(now);
        op.status = end;
        op.error = Some(error);
        let (resource, kind) = (op.resource.clone(), op.kind.clone());
        if matches!(kind, OpKind::CreateVolume | OpKind::UpdateVolume | OpKind::DeleteVolume) {
            if let Some(v) = self.world.volumes.get_mut(&resource) {
                v.provisioning_state = end.as_str().into();
            }
        }
        self.free_volume(&resource, id);
    }

    /// The volume with key `resource` no longer waits for operation `id`.
    fn free_volume(&mut self, resource: &str, id: &str) {
        if let Some(v) = self.world.volumes.get_mut(resource) {
            if v.pending_op.as_deref() == Some(id) {
                v.pending_op = None;
            }
        }
    }

    /// `percentComplete`.
    fn percent(&self, op: &Operation) -> f64 {
        if op.status != OpStatus::InProgress {
            return 100.0;
        }
        match op.due_at {
            Some(due) => {
                let span = due.saturating_sub(op.started_at).max(1) as f64;
                (self.now.saturating_sub(op.started_at) as f64 / span * 100.0).min(99.0)
            }
            None => self.transfer_percent(&op.resource).unwrap_or(50.0),
        }
    }

    /// The operation status body ARM's `Azure-AsyncOperation` URL answers.
    pub(crate) fn status_body(&self, op: &Operation) -> Value {
        let mut body = json!({
            "id": format!(
                "/subscriptions/{}/providers/Microsoft.NetApp/locations/{}/operationResults/{}",
                op.subscription, op.location, op.id
            ),
            "name": op.id,
            "status": op.status.as_str(),
            "startTime": iso8601(Timestamp(op.started_at)),
            "percentComplete": (self.percent(op) * 10.0).round() / 10.0,
        });
        if let Some(end) = op.ended_at {
            body["endTime"] = json!(iso8601(Timestamp(end)));
        }
        if let Some(p) = &op.properties {
            body["properties"] = p.clone();
        }
        if let Some(e) = &op.error {
            body["error"] = json!({ "code": e.code, "message": e.message });
        }
        body
    }

    /// What the `Location` URL answers.
    pub(crate) fn location_response(&self, op: &Operation) -> ArmResponse {
        match op.status {
            OpStatus::InProgress => {
                empty(202).with_header("Retry-After", self.retry_after(op).to_string())
            }
            OpStatus::Succeeded => match &op.final_body {
                Some(b) => json_response(200, b),
                None if op.kind == OpKind::DeleteVolume => empty(204),
                None => empty(200),
            },
            OpStatus::Failed | OpStatus::Canceled => {
                let e = op.error.clone().unwrap_or_else(|| {
                    ApiError::new(500, "InternalServerError", "The operation failed.")
                });
                e.response()
            }
        }
    }
}
