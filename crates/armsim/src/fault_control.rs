//! The fault switches' control endpoints: arm one, list what is armed, disarm everything.

use crate::control::{bad, locked, Params, Poisoned};
use crate::faults::{self, Request};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// `POST /_sim/fault/{kind}?count=N&path=PATTERN&method=M[,M]&...`: arms a switch (see
/// [`faults::parse`] and the README); answers with what was armed.
pub async fn arm(
    State(state): State<AppState>,
    Path(kind): Path<String>,
    Query(q): Params,
) -> Response {
    let request = match faults::parse(&kind, &q) {
        Ok(r) => r,
        Err(e) if faults::KINDS.contains(&kind.as_str()) => return bad(e),
        Err(e) => return (StatusCode::NOT_FOUND, Json(json!({ "error": e }))).into_response(),
    };
    match request {
        Request::Wire(fault, filter) => {
            let Ok(mut switches) = state.switches.lock() else {
                return Poisoned.into_response();
            };
            let id = switches.arm(fault, filter);
            let armed = switches.armed().iter().find(|s| s.id == id).map(wire_json);
            Json(json!({ "armed": armed })).into_response()
        }
        Request::Operation(fault) => locked(&state, |s| {
            let shown = operation_json(&fault);
            s.end_next_operations(fault);
            Json(json!({ "armed": shown })).into_response()
        })
        .unwrap_or_else(IntoResponse::into_response),
    }
}

/// `GET /_sim/faults`: the armed switches, armsim's in the order they apply, then the
/// simulator's operation switches, each with what it has left.
pub async fn list(State(state): State<AppState>) -> Response {
    let Ok(switches) = state.switches.lock() else {
        return Poisoned.into_response();
    };
    let mut items: Vec<Value> = switches.armed().iter().map(wire_json).collect();
    drop(switches);
    match locked(&state, |s| s.operation_faults().iter().map(operation_json).collect::<Vec<_>>()) {
        Ok(ops) => items.extend(ops),
        Err(p) => return p.into_response(),
    }
    Json(json!({ "faults": items })).into_response()
}

/// `DELETE /_sim/faults`: disarms every switch; how many were armed.
pub async fn clear(State(state): State<AppState>) -> Response {
    let Ok(mut switches) = state.switches.lock() else {
        return Poisoned.into_response();
    };
    let wire = switches.clear();
    drop(switches);
    locked(&state, |s| {
        let cleared = wire + s.operation_faults().len();
        s.clear_operation_faults();
        Json(json!({ "cleared": cleared })).into_response()
    })
    .unwrap_or_else(IntoResponse::into_response)
}

fn wire_json(s: &faults::Switch) -> Value {
    json!({
        "id": s.id,
        "kind": s.fault.name(),
        "left": s.left,
        "path": s.path.as_ref().map(|p| p.as_str()),
        "methods": s.methods.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "settings": s.fault.settings(),
    })
}

fn operation_json(f: &anf_sim::faults::OperationFault) -> Value {
    json!({
        "kind": "operation",
        "left": f.left,
        "path": f.path.as_ref().map(|p| p.as_str()),
        "methods": f.methods.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "settings": { "status": f.end.as_str() },
    })
}
